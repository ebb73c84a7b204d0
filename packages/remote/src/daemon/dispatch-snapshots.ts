import { DomainCheckpoint, DomainSnapshot, hasCheckpointRole, hasSnapshotRole, type Domain, type DomainRef } from '@virtkit/core';
import { REMOTE_DOMAIN_CHECKPOINT_LIST_MAX, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX } from '../protocol/constants.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';
import { firstNames } from './legacy-lists.js';
import { gated } from './role-gate.js';

/** remote_nonnull_domain_snapshot and remote_nonnull_domain_checkpoint: a name within a domain. */
interface WireMoment { name: string; dom: DomainRef }

const domain = (ctx: DispatchContext, dom: DomainRef): Domain => ctx.connection().domainHandle(dom);
const snapshot = (ctx: DispatchContext, s: WireMoment) => new DomainSnapshot(domain(ctx, s.dom), { domain: s.dom, name: s.name });
const checkpoint = (ctx: DispatchContext, c: WireMoment) => new DomainCheckpoint(domain(ctx, c.dom), { domain: c.dom, name: c.name });
const wire = (m: DomainSnapshot | DomainCheckpoint): WireMoment => ({ name: m.name, dom: m.driverRef.domain });
const names = (ms: ReadonlyArray<{ name: string }>) => ms.map((m) => m.name);

/**
 * The snapshot procedures, through core's DomainSnapshot (which checks
 * flags as libvirt's public API does), both the virDomainListAll* calls and
 * the older num/list-names pairs virsh falls back to.
 */
const snapshotTable: HandlerTable = {
  DOMAIN_SNAPSHOT_CREATE_XML: async (ctx, a) => ({ snap: wire(await DomainSnapshot.create(domain(ctx, a.dom), a.xml_desc, a.flags)) }),
  DOMAIN_LIST_ALL_SNAPSHOTS: async (ctx, a) => {
    const snaps = (await DomainSnapshot.listAll(domain(ctx, a.dom), a.flags)).map(wire);
    return { snapshots: a.need_results ? snaps : [], ret: snaps.length };
  },
  DOMAIN_SNAPSHOT_NUM: async (ctx, a) => ({ num: (await DomainSnapshot.listAll(domain(ctx, a.dom), a.flags)).length }),
  DOMAIN_SNAPSHOT_LIST_NAMES: async (ctx, a) => ({ names: firstNames(names(await DomainSnapshot.listAll(domain(ctx, a.dom), a.flags)), a.maxnames, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX) }),
  DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN: async (ctx, a) => {
    const snaps = (await snapshot(ctx, a.snapshot).listAllChildren(a.flags)).map(wire);
    return { snapshots: a.need_results ? snaps : [], ret: snaps.length };
  },
  DOMAIN_SNAPSHOT_NUM_CHILDREN: async (ctx, a) => ({ num: (await snapshot(ctx, a.snap).listAllChildren(a.flags)).length }),
  DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES: async (ctx, a) => ({ names: firstNames(names(await snapshot(ctx, a.snap).listAllChildren(a.flags)), a.maxnames, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX) }),
  DOMAIN_SNAPSHOT_LOOKUP_BY_NAME: async (ctx, a) => ({ snap: wire(await DomainSnapshot.lookupByName(domain(ctx, a.dom), a.name, a.flags)) }),
  DOMAIN_HAS_CURRENT_SNAPSHOT: async (ctx, a) => ({ result: (await DomainSnapshot.hasCurrent(domain(ctx, a.dom), a.flags)) ? 1 : 0 }),
  DOMAIN_SNAPSHOT_CURRENT: async (ctx, a) => ({ snap: wire(await DomainSnapshot.current(domain(ctx, a.dom), a.flags)) }),
  DOMAIN_SNAPSHOT_GET_PARENT: async (ctx, a) => ({ snap: wire(await snapshot(ctx, a.snap).getParent(a.flags)) }),
  DOMAIN_SNAPSHOT_GET_XML_DESC: async (ctx, a) => ({ xml: await snapshot(ctx, a.snap).getXmlDesc(a.flags) }),
  DOMAIN_SNAPSHOT_IS_CURRENT: async (ctx, a) => ({ current: (await snapshot(ctx, a.snap).isCurrent(a.flags)) ? 1 : 0 }),
  DOMAIN_SNAPSHOT_HAS_METADATA: async (ctx, a) => ({ metadata: (await snapshot(ctx, a.snap).hasMetadata(a.flags)) ? 1 : 0 }),
  DOMAIN_REVERT_TO_SNAPSHOT: async (ctx, a) => { await snapshot(ctx, a.snap).revert(a.flags); },
  DOMAIN_SNAPSHOT_DELETE: async (ctx, a) => { await snapshot(ctx, a.snap).delete(a.flags); },
};

/** The checkpoint procedures, through core's DomainCheckpoint. */
const checkpointTable: HandlerTable = {
  DOMAIN_CHECKPOINT_CREATE_XML: async (ctx, a) => ({ checkpoint: wire(await DomainCheckpoint.create(domain(ctx, a.dom), a.xml_desc, a.flags)) }),
  DOMAIN_LIST_ALL_CHECKPOINTS: async (ctx, a) => {
    const cps = (await DomainCheckpoint.listAll(domain(ctx, a.dom), a.flags)).map(wire);
    return { checkpoints: a.need_results ? cps : [], ret: cps.length };
  },
  DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN: async (ctx, a) => {
    const cps = (await checkpoint(ctx, a.checkpoint).listAllChildren(a.flags)).map(wire);
    return { checkpoints: a.need_results ? cps : [], ret: cps.length };
  },
  DOMAIN_CHECKPOINT_LOOKUP_BY_NAME: async (ctx, a) => ({ checkpoint: wire(await DomainCheckpoint.lookupByName(domain(ctx, a.dom), a.name, a.flags)) }),
  DOMAIN_CHECKPOINT_GET_PARENT: async (ctx, a) => ({ parent: wire(await checkpoint(ctx, a.checkpoint).getParent(a.flags)) }),
  DOMAIN_CHECKPOINT_GET_XML_DESC: async (ctx, a) => ({ xml: await checkpoint(ctx, a.checkpoint).getXmlDesc(a.flags) }),
  DOMAIN_CHECKPOINT_DELETE: async (ctx, a) => { await checkpoint(ctx, a.checkpoint).delete(a.flags); },
};

/** Domain snapshots and checkpoints; NO_SUPPORT (as libvirtd) for a driver without the role. */
export const snapshotHandlers: HandlerTable = { ...gated(hasSnapshotRole, snapshotTable), ...gated(hasCheckpointRole, checkpointTable) };
