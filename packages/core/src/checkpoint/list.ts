import type { MomentList, MomentNode } from '../hypervisor/moment-list.js';
import { CheckpointListFlags as L } from './flags.js';
import type { DomainCheckpointDef } from './model.js';

/**
 * The names virDomainListAllCheckpoints / virDomainCheckpointListAllChildren
 * answer: `from`'s children (all descendants with DESCENDANTS), the roots
 * (ROOTS) or the whole tree, parents first with TOPOLOGICAL, then the leaf
 * filter (both bits: everything).
 */
export function listCheckpointNames(list: MomentList<DomainCheckpointDef>, from: string | undefined, flags: number): string[] {
  let nodes: MomentNode<DomainCheckpointDef>[];
  if (from !== undefined) nodes = flags & L.DESCENDANTS ? list.descendants(from) : list.children(from);
  else if (flags & L.ROOTS) nodes = list.children();
  else if (flags & L.TOPOLOGICAL) nodes = list.descendants();
  else nodes = [...list.values()];
  const leaves = flags & (L.LEAVES | L.NO_LEAVES);
  return nodes.filter((n) => leaves !== L.LEAVES && leaves !== L.NO_LEAVES ? true : (n.children.length === 0) === (leaves === L.LEAVES)).map((n) => n.def.name);
}
