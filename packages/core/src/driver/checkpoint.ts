import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { DomainRef } from './types.js';

/** How a driver names a checkpoint: its domain and its name (remote_nonnull_domain_checkpoint). */
export interface DomainCheckpointRef {
  domain: DomainRef;
  name: string;
}

/**
 * Domain checkpoints (virDomainCheckpoint*, virDomainListAllCheckpoints):
 * a tree by parent like snapshots; a missing one is NO_DOMAIN_CHECKPOINT.
 * Every `flags` is checked against what the driver supports. @since 1.3
 */
export interface CheckpointRole {
  /** CheckpointCreateFlags. */
  checkpointCreateXml(dom: DomainRef, xml: string, flags: number): Promise<DomainCheckpointRef>;
  /** Names; CheckpointListFlags. */
  listCheckpoints(dom: DomainRef, flags: number): Promise<string[]>;
  /** Names; CheckpointListFlags (DESCENDANTS: all below). */
  checkpointListChildren(cp: DomainCheckpointRef, flags: number): Promise<string[]>;
  /** flags: 0. */
  checkpointLookupByName(dom: DomainRef, name: string, flags: number): Promise<DomainCheckpointRef>;
  /** NO_DOMAIN_CHECKPOINT for a root. flags: 0. */
  checkpointGetParent(cp: DomainCheckpointRef, flags: number): Promise<DomainCheckpointRef>;
  /** CheckpointXmlFlags. */
  checkpointGetXmlDesc(cp: DomainCheckpointRef, flags: number): Promise<string>;
  /** CheckpointDeleteFlags; children of a deleted checkpoint move to its parent. */
  checkpointDelete(cp: DomainCheckpointRef, flags: number): Promise<void>;
}

/** The methods DriverRole.CHECKPOINTS declares. */
export const CHECKPOINT_ROLE_METHODS: readonly string[] = [
  'checkpointCreateXml', 'listCheckpoints', 'checkpointListChildren', 'checkpointLookupByName', 'checkpointGetParent', 'checkpointGetXmlDesc', 'checkpointDelete',
];

export function hasCheckpointRole(c: DriverConnection): c is DriverConnection & CheckpointRole {
  return c.features.has(DriverRole.CHECKPOINTS);
}
