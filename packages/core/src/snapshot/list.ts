import type { MomentList, MomentNode } from '../hypervisor/moment-list.js';
import { SnapshotListFlags as L } from './flags.js';
import { type DomainSnapshotDef, isExternalSnapshot } from './model.js';

/** A filter group with none or all of its bits set passes everything (libvirt clears it). */
function group(flags: number, bits: number): number {
  const set = flags & bits;
  return set === bits ? 0 : set;
}

/**
 * The names virDomainListAllSnapshots / virDomainSnapshotListAllChildren
 * answer, as libvirt's virDomainSnapshotObjListGetNames: from `from`'s
 * children (all descendants with DESCENDANTS), or the roots (ROOTS), or the
 * whole tree; then the leaves, metadata, state and location filters.
 * Parents come before children with TOPOLOGICAL; otherwise in creation
 * order. Every snapshot a driver lists has metadata, so NO_METADATA alone
 * lists nothing.
 */
export function listSnapshotNames(list: MomentList<DomainSnapshotDef>, from: string | undefined, flags: number): string[] {
  const metadata = group(flags, L.METADATA | L.NO_METADATA);
  if (metadata === L.NO_METADATA) return [];
  let nodes: MomentNode<DomainSnapshotDef>[];
  if (from !== undefined) nodes = flags & L.DESCENDANTS ? list.descendants(from) : list.children(from);
  else if (flags & L.ROOTS) nodes = list.children();
  else if (flags & L.TOPOLOGICAL) nodes = list.descendants();
  else nodes = [...list.values()];
  const leaves = group(flags, L.LEAVES | L.NO_LEAVES);
  const status = group(flags, L.INACTIVE | L.ACTIVE | L.DISK_ONLY);
  const location = group(flags, L.INTERNAL | L.EXTERNAL);
  return nodes.filter((n) => {
    if (leaves === L.LEAVES && n.children.length > 0) return false;
    if (leaves === L.NO_LEAVES && n.children.length === 0) return false;
    if (status) {
      const s = n.def.state;
      const kind = s === 'shutoff' ? L.INACTIVE : s === 'disk-snapshot' ? L.DISK_ONLY : L.ACTIVE;
      if (!(status & kind)) return false;
    }
    if (location === L.INTERNAL && isExternalSnapshot(n.def)) return false;
    if (location === L.EXTERNAL && !isExternalSnapshot(n.def)) return false;
    return true;
  }).map((n) => n.def.name);
}
