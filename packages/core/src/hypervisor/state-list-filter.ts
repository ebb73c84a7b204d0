import type { NetworkRef } from '../driver/network.js';
import type { StoragePoolRef } from '../driver/storage.js';
import { ListNetworksFlags, ListStoragePoolsFlags, allFlags, checkFlags } from '../flags.js';

/** The facts virConnectListAllNetworks and virConnectListAllStoragePools filter on. */
export interface ObjectStateFacts {
  active: boolean;
  persistent: boolean;
  autostart: boolean;
}

/**
 * libvirt's state match (virNetworkObjMatch, virStoragePoolObjMatch): each
 * pair of flags (ACTIVE/INACTIVE, PERSISTENT/TRANSIENT,
 * AUTOSTART/NO_AUTOSTART) keeps the objects with either fact when both or
 * neither are given. Networks and pools give the pairs the same bits.
 */
function matchesState(flags: number, f: ObjectStateFacts): boolean {
  const F = ListNetworksFlags;
  const pair = (yes: number, no: number, has: boolean) => !(flags & (yes | no)) || !!(flags & (has ? yes : no));
  return pair(F.ACTIVE, F.INACTIVE, f.active) && pair(F.PERSISTENT, F.TRANSIENT, f.persistent) && pair(F.AUTOSTART, F.NO_AUTOSTART, f.autostart);
}

/** virConnectListAllNetworks' filter. Unknown flags are refused. */
export function filterNetworkList<T>(objects: Iterable<T>, flags: number, factsOf: (o: T) => ObjectStateFacts, refOf: (o: T) => NetworkRef): NetworkRef[] {
  checkFlags(flags, allFlags(ListNetworksFlags), 'virConnectListAllNetworks');
  const out: NetworkRef[] = [];
  for (const o of objects) if (matchesState(flags, factsOf(o))) out.push(refOf(o));
  return out;
}

/** The pool type flag of each `<pool type>` (virConnectListAllStoragePoolsFlags). */
const POOL_TYPE_FLAGS: Readonly<Record<string, number>> = {
  dir: ListStoragePoolsFlags.DIR, fs: ListStoragePoolsFlags.FS, netfs: ListStoragePoolsFlags.NETFS, logical: ListStoragePoolsFlags.LOGICAL,
  disk: ListStoragePoolsFlags.DISK, iscsi: ListStoragePoolsFlags.ISCSI, scsi: ListStoragePoolsFlags.SCSI, mpath: ListStoragePoolsFlags.MPATH,
  rbd: ListStoragePoolsFlags.RBD, sheepdog: ListStoragePoolsFlags.SHEEPDOG, gluster: ListStoragePoolsFlags.GLUSTER, zfs: ListStoragePoolsFlags.ZFS,
  vstorage: ListStoragePoolsFlags.VSTORAGE, 'iscsi-direct': ListStoragePoolsFlags.ISCSI_DIRECT,
};
const ALL_POOL_TYPE_FLAGS = allFlags(POOL_TYPE_FLAGS);

/**
 * virConnectListAllStoragePools' filter: the state pairs, and the type
 * flags (any of them given keeps only pools of those types). Unknown flags
 * are refused. Sorted by name, as virsh lists pools.
 */
export function filterStoragePoolList<T>(objects: Iterable<T>, flags: number, factsOf: (o: T) => ObjectStateFacts & { type: string }, refOf: (o: T) => StoragePoolRef): StoragePoolRef[] {
  checkFlags(flags, allFlags(ListStoragePoolsFlags), 'virConnectListAllStoragePools');
  const types = flags & ALL_POOL_TYPE_FLAGS;
  const out: StoragePoolRef[] = [];
  for (const o of objects) {
    const f = factsOf(o);
    if (matchesState(flags, f) && (!types || (types & (POOL_TYPE_FLAGS[f.type] ?? 0)))) out.push(refOf(o));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
