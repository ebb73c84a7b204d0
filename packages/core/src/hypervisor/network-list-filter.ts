import type { NetworkRef } from '../driver/network.js';
import { ListNetworksFlags, allFlags, checkFlags } from '../flags.js';

/** The facts virConnectListAllNetworks filters on. */
export interface NetworkListFacts {
  active: boolean;
  persistent: boolean;
  autostart: boolean;
}

/**
 * virConnectListAllNetworks' filter (libvirt's virNetworkObjMatch): each
 * pair of flags (ACTIVE/INACTIVE, PERSISTENT/TRANSIENT,
 * AUTOSTART/NO_AUTOSTART) keeps the networks with either fact when both or
 * neither are given. Unknown flags are refused.
 */
export function filterNetworkList<T>(objects: Iterable<T>, flags: number, factsOf: (o: T) => NetworkListFacts, refOf: (o: T) => NetworkRef): NetworkRef[] {
  checkFlags(flags, allFlags(ListNetworksFlags), 'virConnectListAllNetworks');
  const F = ListNetworksFlags;
  const pair = (yes: number, no: number, has: boolean) => !(flags & (yes | no)) || !!(flags & (has ? yes : no));
  const out: NetworkRef[] = [];
  for (const o of objects) {
    const f = factsOf(o);
    if (pair(F.ACTIVE, F.INACTIVE, f.active) && pair(F.PERSISTENT, F.TRANSIENT, f.persistent) && pair(F.AUTOSTART, F.NO_AUTOSTART, f.autostart)) out.push(refOf(o));
  }
  return out;
}
