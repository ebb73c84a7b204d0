import type { DomainDef } from '../domain/model.js';
import type { XmlExtras } from '../xml/reader.js';

/**
 * The typed model of libvirt's domain checkpoint XML (formatcheckpoint:
 * `<domaincheckpoint>`): the point from which disks track changed blocks,
 * for incremental backups. `extras` keeps what the model does not know.
 */
export interface DomainCheckpointDef {
  /** Absent in a creation request: the driver names it after the creation time. */
  name?: string;
  description?: string;
  parent?: string;
  /** Seconds since the epoch. */
  creationTime?: number;
  /** The <disks> list; absent when the document has none. */
  disks?: CheckpointDiskDef[];
  /** The domain definition when the checkpoint was taken. */
  domain?: DomainDef;
  extras?: XmlExtras;
}

export interface CheckpointDiskDef {
  /** The disk's target (vda). */
  name: string;
  /** 'bitmap': changes are tracked in a bitmap; 'no': not tracked. */
  checkpoint?: 'no' | 'bitmap';
  /** The bitmap's name; the checkpoint's name by default. */
  bitmap?: string;
  /** With GetXMLDesc's SIZE: bytes changed since the checkpoint. */
  size?: number;
  extras?: XmlExtras;
}
