import type { DomainDef } from '../domain/model.js';
import type { XmlExtras } from '../xml/reader.js';

/**
 * The typed model of libvirt's domain snapshot XML (formatsnapshot:
 * `<domainsnapshot>`). Every struct carries `extras`: what the model does
 * not know (a disk's <source> and <driver>, a <cookie>), kept so a
 * parse/format round trip loses nothing.
 */
export interface DomainSnapshotDef {
  /** Absent in a creation request: the driver names it after the creation time. */
  name?: string;
  description?: string;
  /** The domain's state when it was taken (virDomainSnapshotState's names). */
  state?: SnapshotStateName;
  /** The parent snapshot's name. */
  parent?: string;
  /** Seconds since the epoch. */
  creationTime?: number;
  memory?: SnapshotMemoryDef;
  /** The <disks> list; absent when the document has none. */
  disks?: SnapshotDiskDef[];
  /** The domain definition at the time of the snapshot (what a revert restores). */
  domain?: DomainDef;
  /**
   * The UUID of an old-style `<domain><uuid>…</uuid></domain>` that carries
   * no definition (snapshots written before libvirt 0.9.5).
   */
  domainUuid?: string;
  /** The inactive definition of a running domain, when it differs. */
  inactiveDomain?: DomainDef;
  extras?: XmlExtras;
}

/** virDomainSnapshotState as XML names it. */
export type SnapshotStateName = 'nostate' | 'running' | 'blocked' | 'paused' | 'shutdown' | 'shutoff' | 'crashed' | 'pmsuspended' | 'disk-snapshot';
export const SNAPSHOT_STATES: readonly SnapshotStateName[] = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended', 'disk-snapshot'];

/** virDomainSnapshotLocation: where a snapshot keeps memory or a disk. */
export type SnapshotLocation = 'no' | 'internal' | 'external' | 'manual';
export const SNAPSHOT_LOCATIONS: readonly SnapshotLocation[] = ['no', 'internal', 'external', 'manual'];

export interface SnapshotMemoryDef {
  snapshot?: SnapshotLocation;
  /** The memory image of an external snapshot. */
  file?: string;
  extras?: XmlExtras;
}

export interface SnapshotDiskDef {
  /** The disk's target (vda) or source path. */
  name: string;
  snapshot?: SnapshotLocation;
  /** The storage type of an external disk's new image ('file', 'block', …). */
  type?: string;
  extras?: XmlExtras;
}

/** Whether a snapshot keeps anything outside the disk images themselves (virDomainSnapshotIsExternal). */
export function isExternalSnapshot(def: DomainSnapshotDef): boolean {
  return def.memory?.snapshot === 'external' || (def.disks ?? []).some((d) => d.snapshot === 'external');
}
