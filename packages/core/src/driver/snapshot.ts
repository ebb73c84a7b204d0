import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { DomainRef } from './types.js';

/** How a driver names a snapshot: its domain and its name (remote_nonnull_domain_snapshot). */
export interface DomainSnapshotRef {
  domain: DomainRef;
  name: string;
}

/**
 * Domain snapshots (virDomainSnapshot*, virDomainListAllSnapshots, …). A
 * snapshot belongs to one domain and is named uniquely within it; a missing
 * one is NO_DOMAIN_SNAPSHOT. Snapshots form a tree by parent; at most one
 * is current (the parent of the next snapshot taken). Every `flags` is
 * checked against what the driver supports. @since 1.3
 */
export interface SnapshotRole {
  /** virDomainSnapshotCreateXML: takes (or with REDEFINE, records) a snapshot. SnapshotCreateFlags. */
  snapshotCreateXml(dom: DomainRef, xml: string, flags: number): Promise<DomainSnapshotRef>;
  /** virDomainListAllSnapshots: names, SnapshotListFlags (ROOTS: roots only). */
  listSnapshots(dom: DomainRef, flags: number): Promise<string[]>;
  /** virDomainSnapshotListAllChildren: names, SnapshotListFlags (DESCENDANTS: all below, not only children). */
  snapshotListChildren(snap: DomainSnapshotRef, flags: number): Promise<string[]>;
  /** flags: 0. */
  snapshotLookupByName(dom: DomainRef, name: string, flags: number): Promise<DomainSnapshotRef>;
  /** virDomainHasCurrentSnapshot. flags: 0. */
  hasCurrentSnapshot(dom: DomainRef, flags: number): Promise<boolean>;
  /** virDomainSnapshotCurrent: NO_DOMAIN_SNAPSHOT when there is none. flags: 0. */
  snapshotCurrent(dom: DomainRef, flags: number): Promise<DomainSnapshotRef>;
  /** NO_DOMAIN_SNAPSHOT for a root. flags: 0. */
  snapshotGetParent(snap: DomainSnapshotRef, flags: number): Promise<DomainSnapshotRef>;
  /** SnapshotXmlFlags. */
  snapshotGetXmlDesc(snap: DomainSnapshotRef, flags: number): Promise<string>;
  /** flags: 0. */
  snapshotIsCurrent(snap: DomainSnapshotRef, flags: number): Promise<boolean>;
  /** Whether the driver keeps metadata for it (what blocks an undefine). flags: 0. */
  snapshotHasMetadata(snap: DomainSnapshotRef, flags: number): Promise<boolean>;
  /** virDomainRevertToSnapshot: the domain's definition and state become the snapshot's. SnapshotRevertFlags. */
  revertToSnapshot(snap: DomainSnapshotRef, flags: number): Promise<void>;
  /** SnapshotDeleteFlags; children of a deleted snapshot move to its parent. */
  snapshotDelete(snap: DomainSnapshotRef, flags: number): Promise<void>;
}

/** The methods DriverRole.SNAPSHOTS declares. */
export const SNAPSHOT_ROLE_METHODS: readonly string[] = [
  'snapshotCreateXml', 'listSnapshots', 'snapshotListChildren', 'snapshotLookupByName', 'hasCurrentSnapshot', 'snapshotCurrent',
  'snapshotGetParent', 'snapshotGetXmlDesc', 'snapshotIsCurrent', 'snapshotHasMetadata', 'revertToSnapshot', 'snapshotDelete',
];

export function hasSnapshotRole(c: DriverConnection): c is DriverConnection & SnapshotRole {
  return c.features.has(DriverRole.SNAPSHOTS);
}
