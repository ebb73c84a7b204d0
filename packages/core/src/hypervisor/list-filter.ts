import { DomainState, type DomainRef } from '../driver/types.js';
import { ListDomainsFlags, allFlags, checkFlags } from '../flags.js';

/** The facts virConnectListAllDomains filters on. Optional facts a driver lacks count as false / 0. */
export interface DomainListFacts {
  active: boolean;
  persistent: boolean;
  state: DomainState;
  autostart?: boolean;
  hasManagedSave?: boolean;
  snapshots?: number;
  checkpoints?: number;
}

const L = ListDomainsFlags;
const STATES = L.RUNNING | L.PAUSED | L.SHUTOFF | L.OTHER;

function stateBit(state: DomainState): number {
  switch (state) {
    case DomainState.RUNNING: return L.RUNNING;
    case DomainState.PAUSED: return L.PAUSED;
    case DomainState.SHUTOFF: return L.SHUTOFF;
    default: return L.OTHER;
  }
}

/** Whether one domain passes the filter (libvirt's virDomainObjMatchFilter). */
export function matchesListFlags(facts: DomainListFacts, flags: number): boolean {
  const pair = (yes: number, no: number, has: boolean) => !(flags & (yes | no)) || !!(flags & (has ? yes : no));
  return pair(L.ACTIVE, L.INACTIVE, facts.active)
    && pair(L.PERSISTENT, L.TRANSIENT, facts.persistent)
    && (!(flags & STATES) || !!(flags & stateBit(facts.state)))
    && pair(L.MANAGEDSAVE, L.NO_MANAGEDSAVE, !!facts.hasManagedSave)
    && pair(L.AUTOSTART, L.NO_AUTOSTART, !!facts.autostart)
    && pair(L.HAS_SNAPSHOT, L.NO_SNAPSHOT, (facts.snapshots ?? 0) > 0)
    && pair(L.HAS_CHECKPOINT, L.NO_CHECKPOINT, (facts.checkpoints ?? 0) > 0);
}

/**
 * Orders domains as virsh lists them: by id with inactive domains (id -1,
 * unsigned in libvirt) last, then by name ignoring case.
 */
export function compareDomainRefs(a: DomainRef, b: DomainRef): number {
  const ia = a.id < 0 ? Number.MAX_SAFE_INTEGER : a.id;
  const ib = b.id < 0 ? Number.MAX_SAFE_INTEGER : b.id;
  if (ia !== ib) return ia - ib;
  const na = a.name.toLowerCase();
  const nb = b.name.toLowerCase();
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/**
 * virConnectListAllDomains over a driver's objects: flags checked (unknown
 * bits refused), filtered and sorted. flags 0 lists every domain.
 */
export function filterDomainList<T>(objects: Iterable<T>, flags: number, facts: (o: T) => DomainListFacts, ref: (o: T) => DomainRef): DomainRef[] {
  checkFlags(flags, allFlags(ListDomainsFlags), 'virConnectListAllDomains');
  const out: DomainRef[] = [];
  for (const o of objects) if (matchesListFlags(facts(o), flags)) out.push(ref(o));
  return out.sort(compareDomainRefs);
}
