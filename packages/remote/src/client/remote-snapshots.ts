import type { CheckpointRole, DomainCheckpointRef, DomainRef, DomainSnapshotRef, SnapshotRole } from '@virtkit/core';
import type { RpcClient } from './rpc-client.js';

/** remote_nonnull_domain_snapshot / _checkpoint ↔ the contract's refs (dom ↔ domain). */
interface WireMoment { name: string; dom: DomainRef }
const toRef = (w: WireMoment) => ({ domain: w.dom, name: w.name });
const toWire = (r: { domain: DomainRef; name: string }): WireMoment => ({ name: r.name, dom: r.domain });
const names = (ws: WireMoment[]) => ws.map((w) => w.name);

/** The SnapshotRole as REMOTE procedures; the server's driver checks flags and names what is missing. */
export class RemoteSnapshots implements SnapshotRole {
  constructor(private readonly rpc: RpcClient) {}

  async snapshotCreateXml(dom: DomainRef, xml: string, flags: number): Promise<DomainSnapshotRef> {
    return toRef((await this.rpc.call('DOMAIN_SNAPSHOT_CREATE_XML', { dom, xml_desc: xml, flags })).snap);
  }
  async listSnapshots(dom: DomainRef, flags: number): Promise<string[]> {
    return names((await this.rpc.call('DOMAIN_LIST_ALL_SNAPSHOTS', { dom, need_results: 1, flags })).snapshots);
  }
  async snapshotListChildren(snap: DomainSnapshotRef, flags: number): Promise<string[]> {
    return names((await this.rpc.call('DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN', { snapshot: toWire(snap), need_results: 1, flags })).snapshots);
  }
  async snapshotLookupByName(dom: DomainRef, name: string, flags: number): Promise<DomainSnapshotRef> {
    return toRef((await this.rpc.call('DOMAIN_SNAPSHOT_LOOKUP_BY_NAME', { dom, name, flags })).snap);
  }
  async hasCurrentSnapshot(dom: DomainRef, flags: number): Promise<boolean> { return (await this.rpc.call('DOMAIN_HAS_CURRENT_SNAPSHOT', { dom, flags })).result !== 0; }
  async snapshotCurrent(dom: DomainRef, flags: number): Promise<DomainSnapshotRef> { return toRef((await this.rpc.call('DOMAIN_SNAPSHOT_CURRENT', { dom, flags })).snap); }
  async snapshotGetParent(snap: DomainSnapshotRef, flags: number): Promise<DomainSnapshotRef> {
    return toRef((await this.rpc.call('DOMAIN_SNAPSHOT_GET_PARENT', { snap: toWire(snap), flags })).snap);
  }
  async snapshotGetXmlDesc(snap: DomainSnapshotRef, flags: number): Promise<string> { return (await this.rpc.call('DOMAIN_SNAPSHOT_GET_XML_DESC', { snap: toWire(snap), flags })).xml; }
  async snapshotIsCurrent(snap: DomainSnapshotRef, flags: number): Promise<boolean> { return (await this.rpc.call('DOMAIN_SNAPSHOT_IS_CURRENT', { snap: toWire(snap), flags })).current !== 0; }
  async snapshotHasMetadata(snap: DomainSnapshotRef, flags: number): Promise<boolean> { return (await this.rpc.call('DOMAIN_SNAPSHOT_HAS_METADATA', { snap: toWire(snap), flags })).metadata !== 0; }
  async revertToSnapshot(snap: DomainSnapshotRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_REVERT_TO_SNAPSHOT', { snap: toWire(snap), flags }); }
  async snapshotDelete(snap: DomainSnapshotRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_SNAPSHOT_DELETE', { snap: toWire(snap), flags }); }
}

/** The CheckpointRole as REMOTE procedures. */
export class RemoteCheckpoints implements CheckpointRole {
  constructor(private readonly rpc: RpcClient) {}

  async checkpointCreateXml(dom: DomainRef, xml: string, flags: number): Promise<DomainCheckpointRef> {
    return toRef((await this.rpc.call('DOMAIN_CHECKPOINT_CREATE_XML', { dom, xml_desc: xml, flags })).checkpoint);
  }
  async listCheckpoints(dom: DomainRef, flags: number): Promise<string[]> {
    return names((await this.rpc.call('DOMAIN_LIST_ALL_CHECKPOINTS', { dom, need_results: 1, flags })).checkpoints);
  }
  async checkpointListChildren(cp: DomainCheckpointRef, flags: number): Promise<string[]> {
    return names((await this.rpc.call('DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN', { checkpoint: toWire(cp), need_results: 1, flags })).checkpoints);
  }
  async checkpointLookupByName(dom: DomainRef, name: string, flags: number): Promise<DomainCheckpointRef> {
    return toRef((await this.rpc.call('DOMAIN_CHECKPOINT_LOOKUP_BY_NAME', { dom, name, flags })).checkpoint);
  }
  async checkpointGetParent(cp: DomainCheckpointRef, flags: number): Promise<DomainCheckpointRef> {
    return toRef((await this.rpc.call('DOMAIN_CHECKPOINT_GET_PARENT', { checkpoint: toWire(cp), flags })).parent);
  }
  async checkpointGetXmlDesc(cp: DomainCheckpointRef, flags: number): Promise<string> { return (await this.rpc.call('DOMAIN_CHECKPOINT_GET_XML_DESC', { checkpoint: toWire(cp), flags })).xml; }
  async checkpointDelete(cp: DomainCheckpointRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_CHECKPOINT_DELETE', { checkpoint: toWire(cp), flags }); }
}
