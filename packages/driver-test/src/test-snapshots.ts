import {
  DomainEventType, ErrorCode, MomentList, PausedReason, ResumedDetail, RunningReason, SNAPSHOT_STATES, ShutoffReason,
  SnapshotCreateFlags, SnapshotDeleteFlags, SnapshotListFlags, SnapshotRevertFlags, SnapshotXmlFlags, StartedDetail, StoppedDetail, SuspendedDetail,
  allFlags, checkFlags, formatSnapshotXml, listSnapshotNames, parseSnapshotXml,
  type Clock, type DomainRef, type DomainSnapshotDef, type DomainSnapshotRef, type SnapshotDiskDef, type SnapshotRole,
} from '@virtkit/core';
import { type TestDomain, type TestHost, testError } from './host.js';
import type { TestConnection } from './test-connection.js';

/** A domain's snapshots, as the test driver keeps them (in memory, with the domain). */
export function testSnapshotList(): MomentList<DomainSnapshotDef> {
  return new MomentList<DomainSnapshotDef>(testError, ErrorCode.NO_DOMAIN_SNAPSHOT, 'snapshot');
}

type NamedSnapshot = DomainSnapshotDef & { name: string };

const C = SnapshotCreateFlags;
/** What libvirt's testDomainSnapshotCreateXML accepts: no NO_METADATA, DISK_ONLY or REUSE_EXT. */
const CREATE_FLAGS = C.REDEFINE | C.CURRENT | C.HALT | C.QUIESCE | C.ATOMIC | C.LIVE | C.VALIDATE;
const R = SnapshotRevertFlags;
const D = SnapshotDeleteFlags;

const isLive = (state: string | undefined) => state === 'running' || state === 'paused';

/**
 * The snapshot role of a test connection, as libvirt's test driver: a
 * snapshot records the domain's definition and state and nothing else (no
 * disk or memory is written); revert restores both, with libvirt's nine
 * state transitions and their events.
 */
export class TestSnapshotCalls implements SnapshotRole {
  constructor(private readonly host: TestHost, private readonly conn: TestConnection, private readonly clock: Clock) {}

  private domain(dom: DomainRef): TestDomain {
    return this.host.domains.get(dom);
  }

  private ref(d: TestDomain, name: string): DomainSnapshotRef {
    return { domain: this.host.ref(d), name };
  }

  async snapshotCreateXml(dom: DomainRef, xml: string, flags: number): Promise<DomainSnapshotRef> {
    checkFlags(flags, CREATE_FLAGS, 'testDomainSnapshotCreateXML');
    const d = this.domain(dom);
    if (d.checkpoints.size > 0) throw testError(ErrorCode.OPERATION_UNSUPPORTED, 'cannot create snapshot while checkpoint exists');
    if (!d.persistent && (flags & C.HALT)) throw testError(ErrorCode.OPERATION_INVALID, 'cannot halt after transient domain snapshot');
    const parsed = parseSnapshotXml(xml);
    const list = d.snapshots;
    if (flags & C.REDEFINE) {
      const def = this.redefinition(d, parsed);
      const existing = list.find(def.name);
      if (existing) list.replace(existing, def);
      else list.add(def);
      if (flags & C.CURRENT) list.current = def.name;
      return this.ref(d, def.name);
    }
    const now = Math.floor(this.clock.now() / 1000);
    const def = this.aligned(d, { ...parsed, name: parsed.name ?? String(now), creationTime: now });
    if (list.find(def.name)) throw testError(ErrorCode.OPERATION_FAILED, `domain moment ${def.name} already exists`);
    if (list.current !== undefined) def.parent = list.current;
    list.add(def);
    list.current = def.name;
    if ((flags & C.HALT) && d.id >= 0) this.conn.stop(d, ShutoffReason.FROM_SNAPSHOT, StoppedDetail.FROM_SNAPSHOT);
    return this.ref(d, def.name);
  }

  /** A REDEFINE's document, checked as virDomainSnapshotRedefinePrep checks it. */
  private redefinition(d: TestDomain, def: DomainSnapshotDef): NamedSnapshot {
    const name = def.name;
    if (name === undefined) throw testError(ErrorCode.XML_ERROR, 'a redefined snapshot must have a name');
    if (def.creationTime === undefined) throw testError(ErrorCode.XML_ERROR, 'missing creationTime from existing snapshot');
    if (def.state === undefined) throw testError(ErrorCode.XML_ERROR, 'missing state from existing snapshot');
    if (!def.domain) throw testError(ErrorCode.INTERNAL_ERROR, 'missing domain in snapshot');
    const uuid = def.domain.uuid;
    if (uuid !== d.uuid) throw testError(ErrorCode.INVALID_ARG, `definition for snapshot ${name} must use uuid ${d.uuid}`);
    if (def.parent !== undefined) {
      if (def.parent === name) throw testError(ErrorCode.INVALID_ARG, `snapshot ${name} cannot use self as parent`);
      if (!d.snapshots.find(def.parent)) throw testError(ErrorCode.INVALID_ARG, `parent ${def.parent} for moment ${name} not found`);
      if (d.snapshots.wouldLoop(name, def.parent)) throw testError(ErrorCode.INVALID_ARG, `parent ${def.parent} would create cycle to ${name}`);
    }
    return { ...def, name };
  }

  /**
   * A new snapshot's state, memory and disks from the domain, as
   * testDomainSnapshotAlignDisks: the domain's state, memory internal
   * unless shut off (or external as asked), every disk listed in the
   * domain's order. What a request says of parent, state or domain is not
   * read (libvirt only parses those with REDEFINE).
   */
  private aligned(d: TestDomain, req: NamedSnapshot): NamedSnapshot {
    const domain = structuredClone(d.liveDef ?? d.def);
    delete domain.id;
    const state = SNAPSHOT_STATES[d.state] ?? 'nostate';
    const external = req.memory?.snapshot === 'external';
    const memory = external ? req.memory! : { ...req.memory, snapshot: state === 'shutoff' ? 'no' as const : 'internal' as const };
    const byName = new Map((req.disks ?? []).map((disk) => [disk.name, disk]));
    const disks: SnapshotDiskDef[] = [];
    for (const dd of domain.devices.disks) {
      const asked = byName.get(dd.target.dev) ?? (dd.sourcePath !== undefined ? byName.get(dd.sourcePath) : undefined);
      if (asked) byName.delete(asked.name);
      const disk: SnapshotDiskDef = { ...asked, name: dd.target.dev };
      disk.snapshot ??= dd.readonly ? 'no' : external ? 'external' : 'internal';
      if (disk.snapshot === 'external' && !disk.extras) {
        throw testError(ErrorCode.CONFIG_UNSUPPORTED, `source for disk '${dd.target.dev}' is not a regular file; refusing to generate external snapshot name`);
      }
      disks.push(disk);
    }
    for (const name of byName.keys()) throw testError(ErrorCode.CONFIG_UNSUPPORTED, `no disk named '${name}'`);
    const def: NamedSnapshot = { name: req.name, state, creationTime: req.creationTime, memory, disks, domain };
    if (req.description !== undefined) def.description = req.description;
    if (req.extras) def.extras = req.extras;
    return def;
  }

  async listSnapshots(dom: DomainRef, flags: number): Promise<string[]> {
    checkFlags(flags, allFlags(SnapshotListFlags), 'testDomainListAllSnapshots');
    return listSnapshotNames(this.domain(dom).snapshots, undefined, flags);
  }

  async snapshotListChildren(snap: DomainSnapshotRef, flags: number): Promise<string[]> {
    checkFlags(flags, allFlags(SnapshotListFlags), 'testDomainSnapshotListAllChildren');
    const list = this.domain(snap.domain).snapshots;
    list.get(snap.name);
    return listSnapshotNames(list, snap.name, flags);
  }

  async snapshotLookupByName(dom: DomainRef, name: string, flags: number): Promise<DomainSnapshotRef> {
    checkFlags(flags, 0, 'testDomainSnapshotLookupByName');
    const d = this.domain(dom);
    return this.ref(d, d.snapshots.get(name).def.name);
  }

  async hasCurrentSnapshot(dom: DomainRef, flags: number): Promise<boolean> {
    checkFlags(flags, 0, 'testDomainHasCurrentSnapshot');
    return this.domain(dom).snapshots.current !== undefined;
  }

  async snapshotCurrent(dom: DomainRef, flags: number): Promise<DomainSnapshotRef> {
    checkFlags(flags, 0, 'testDomainSnapshotCurrent');
    const d = this.domain(dom);
    const current = d.snapshots.current;
    if (current === undefined) throw testError(ErrorCode.NO_DOMAIN_SNAPSHOT, 'the domain does not have a current snapshot');
    return this.ref(d, current);
  }

  async snapshotGetParent(snap: DomainSnapshotRef, flags: number): Promise<DomainSnapshotRef> {
    checkFlags(flags, 0, 'testDomainSnapshotGetParent');
    const d = this.domain(snap.domain);
    const node = d.snapshots.get(snap.name);
    if (node.def.parent === undefined) throw testError(ErrorCode.NO_DOMAIN_SNAPSHOT, `snapshot '${snap.name}' does not have a parent`);
    return this.ref(d, node.def.parent);
  }

  async snapshotGetXmlDesc(snap: DomainSnapshotRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(SnapshotXmlFlags), 'testDomainSnapshotGetXMLDesc');
    const d = this.domain(snap.domain);
    const def = d.snapshots.get(snap.name).def;
    // A snapshot without a definition still names its domain (virDomainSnapshotDefFormat's uuid).
    return formatSnapshotXml(def.domain || def.domainUuid !== undefined ? def : { ...def, domainUuid: d.uuid });
  }

  async snapshotIsCurrent(snap: DomainSnapshotRef, flags: number): Promise<boolean> {
    checkFlags(flags, 0, 'testDomainSnapshotIsCurrent');
    const list = this.domain(snap.domain).snapshots;
    return list.get(snap.name) && list.current === snap.name;
  }

  async snapshotHasMetadata(snap: DomainSnapshotRef, flags: number): Promise<boolean> {
    checkFlags(flags, 0, 'testDomainSnapshotHasMetadata');
    this.domain(snap.domain).snapshots.get(snap.name);
    return true;
  }

  /**
   * testDomainRevertToSnapshot as libvirt 9.0's test driver behaves: a
   * running or paused snapshot restarts the domain from the snapshot's
   * definition (stopped first when active, so it gets a new id), paused
   * when the snapshot was or with PAUSED; an inactive snapshot stops it and
   * leaves it shut off even with RUNNING or PAUSED (only their events are
   * sent).
   */
  async revertToSnapshot(snap: DomainSnapshotRef, flags: number): Promise<void> {
    checkFlags(flags, R.RUNNING | R.PAUSED | R.FORCE, 'testDomainRevertToSnapshot');
    const d = this.domain(snap.domain);
    const list = d.snapshots;
    const def = list.get(snap.name).def;
    const live = isLive(def.state);
    const startFlags = flags & (R.RUNNING | R.PAUSED);
    if (!d.persistent && !live && !startFlags) throw testError(ErrorCode.OPERATION_INVALID, 'transient domain needs to request run or pause to revert to inactive snapshot');
    if (!(flags & R.FORCE)) {
      if (!def.domain) throw testError(ErrorCode.SNAPSHOT_REVERT_RISKY, `snapshot '${def.name}' lacks domain '${d.name}' rollback info`);
    }
    list.current = undefined;
    const config = structuredClone(def.domain ?? d.def);
    if (live) {
      // A transient domain would be forgotten by a stop: it stays up and takes the definition.
      if (d.id >= 0 && d.persistent) this.conn.stop(d, ShutoffReason.FROM_SNAPSHOT, StoppedDetail.FROM_SNAPSHOT);
      d.def = config;
      if (d.id >= 0) {
        d.liveDef = { ...structuredClone(config), id: d.id };
        this.conn.unpause(d, RunningReason.FROM_SNAPSHOT, ResumedDetail.FROM_SNAPSHOT);
      } else {
        this.conn.start(d, 0, RunningReason.FROM_SNAPSHOT);
      }
      if (!(flags & R.RUNNING) && (def.state === 'paused' || (flags & R.PAUSED))) this.conn.pause(d, PausedReason.FROM_SNAPSHOT, SuspendedDetail.FROM_SNAPSHOT);
    } else {
      if (d.id >= 0) {
        if (d.persistent) d.def = config;
        this.conn.stop(d, ShutoffReason.FROM_SNAPSHOT, StoppedDetail.FROM_SNAPSHOT);
      } else {
        d.def = config;
      }
      // libvirt's test driver announces a start for RUNNING or PAUSED here but leaves the domain shut off.
      if (startFlags) {
        this.host.emit(d, DomainEventType.STARTED, StartedDetail.FROM_SNAPSHOT);
        if (flags & R.PAUSED) this.host.emit(d, DomainEventType.SUSPENDED, SuspendedDetail.FROM_SNAPSHOT);
      }
    }
    list.current = def.name;
  }

  async snapshotDelete(snap: DomainSnapshotRef, flags: number): Promise<void> {
    checkFlags(flags, D.CHILDREN | D.CHILDREN_ONLY, 'testDomainSnapshotDelete');
    const list = this.domain(snap.domain).snapshots;
    list.get(snap.name);
    if (flags & (D.CHILDREN | D.CHILDREN_ONLY)) {
      if (list.removeDescendants(snap.name)) list.current = snap.name;
    }
    if (!(flags & D.CHILDREN_ONLY)) list.remove(snap.name);
  }
}
