import {
  CheckpointCreateFlags, CheckpointDeleteFlags, CheckpointListFlags, CheckpointXmlFlags, ErrorCode, MomentList,
  allFlags, checkFlags, formatCheckpointXml, listCheckpointNames, parseCheckpointXml,
  type CheckpointRole, type Clock, type DomainCheckpointDef, type DomainCheckpointRef, type DomainRef,
} from '@virtkit/core';
import { type TestDomain, type TestHost, testError } from './host.js';

/** A domain's checkpoints, as the test driver keeps them (in memory, with the domain). */
export function testCheckpointList(): MomentList<DomainCheckpointDef> {
  return new MomentList<DomainCheckpointDef>(testError, ErrorCode.NO_DOMAIN_CHECKPOINT, 'checkpoint');
}

type NamedCheckpoint = DomainCheckpointDef & { name: string };

const C = CheckpointCreateFlags;
const D = CheckpointDeleteFlags;

/**
 * The checkpoint role of a test connection, as libvirt's test driver: a
 * running domain without snapshots can have checkpoints (and one with
 * checkpoints no snapshots); each records the definition and a bitmap per
 * disk, nothing is tracked.
 */
export class TestCheckpointCalls implements CheckpointRole {
  constructor(private readonly host: TestHost, private readonly clock: Clock) {}

  private domain(dom: DomainRef): TestDomain {
    return this.host.domains.get(dom);
  }

  private ref(d: TestDomain, name: string): DomainCheckpointRef {
    return { domain: this.host.ref(d), name };
  }

  async checkpointCreateXml(dom: DomainRef, xml: string, flags: number): Promise<DomainCheckpointRef> {
    checkFlags(flags, C.REDEFINE | C.QUIESCE, 'testDomainCheckpointCreateXML');
    const d = this.domain(dom);
    if (d.snapshots.size > 0) throw testError(ErrorCode.OPERATION_UNSUPPORTED, 'cannot create checkpoint while snapshot exists');
    if (d.id < 0) throw testError(ErrorCode.OPERATION_UNSUPPORTED, 'cannot create checkpoint for inactive domain');
    const req = parseCheckpointXml(xml);
    const list = d.checkpoints;
    if (flags & C.REDEFINE) {
      if (req.name === undefined) throw testError(ErrorCode.XML_ERROR, 'a redefined checkpoint must have a name');
      if (req.parent !== undefined && !list.find(req.parent)) throw testError(ErrorCode.INVALID_ARG, `parent ${req.parent} for moment ${req.name} not found`);
      const def = { ...req, name: req.name };
      const existing = list.find(def.name);
      if (existing) list.replace(existing, def);
      else list.add(def);
      return this.ref(d, def.name);
    }
    const now = Math.floor(this.clock.now() / 1000);
    const name = req.name ?? String(now);
    if (list.find(name)) throw testError(ErrorCode.OPERATION_FAILED, `domain moment ${name} already exists`);
    const domain = structuredClone(d.liveDef ?? d.def);
    delete domain.id;
    const asked = new Map((req.disks ?? []).map((disk) => [disk.name, disk]));
    const def: NamedCheckpoint = { name, creationTime: now, domain };
    if (req.description !== undefined) def.description = req.description;
    def.disks = domain.devices.disks.map((dd) => {
      const disk = { ...asked.get(dd.target.dev), name: dd.target.dev };
      disk.checkpoint ??= 'bitmap';
      if (disk.checkpoint === 'bitmap') disk.bitmap ??= name;
      return disk;
    });
    if (list.current !== undefined) def.parent = list.current;
    list.add(def);
    list.current = name;
    return this.ref(d, name);
  }

  async listCheckpoints(dom: DomainRef, flags: number): Promise<string[]> {
    checkFlags(flags, allFlags(CheckpointListFlags), 'testDomainListAllCheckpoints');
    return listCheckpointNames(this.domain(dom).checkpoints, undefined, flags);
  }

  async checkpointListChildren(cp: DomainCheckpointRef, flags: number): Promise<string[]> {
    checkFlags(flags, allFlags(CheckpointListFlags), 'testDomainCheckpointListAllChildren');
    const list = this.domain(cp.domain).checkpoints;
    list.get(cp.name);
    return listCheckpointNames(list, cp.name, flags);
  }

  async checkpointLookupByName(dom: DomainRef, name: string, flags: number): Promise<DomainCheckpointRef> {
    checkFlags(flags, 0, 'testDomainCheckpointLookupByName');
    const d = this.domain(dom);
    return this.ref(d, d.checkpoints.get(name).def.name);
  }

  async checkpointGetParent(cp: DomainCheckpointRef, flags: number): Promise<DomainCheckpointRef> {
    checkFlags(flags, 0, 'testDomainCheckpointGetParent');
    const d = this.domain(cp.domain);
    const parent = d.checkpoints.get(cp.name).def.parent;
    if (parent === undefined) throw testError(ErrorCode.NO_DOMAIN_CHECKPOINT, `checkpoint '${cp.name}' does not have a parent`);
    return this.ref(d, parent);
  }

  /** SIZE needs a running domain; libvirt 9.0's test driver then prints no size all the same. */
  async checkpointGetXmlDesc(cp: DomainCheckpointRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(CheckpointXmlFlags), 'testDomainCheckpointGetXMLDesc');
    const d = this.domain(cp.domain);
    const def = d.checkpoints.get(cp.name).def;
    if ((flags & CheckpointXmlFlags.SIZE) && d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'domain is not running');
    return formatCheckpointXml(def, { noDomain: !!(flags & CheckpointXmlFlags.NO_DOMAIN) });
  }

  async checkpointDelete(cp: DomainCheckpointRef, flags: number): Promise<void> {
    checkFlags(flags, D.CHILDREN | D.METADATA_ONLY | D.CHILDREN_ONLY, 'testDomainCheckpointDelete');
    const list = this.domain(cp.domain).checkpoints;
    list.get(cp.name);
    if (flags & (D.CHILDREN | D.CHILDREN_ONLY)) {
      if (list.removeDescendants(cp.name)) list.current = cp.name;
    }
    if (!(flags & D.CHILDREN_ONLY)) list.remove(cp.name);
  }
}
