import {
  DomainState, PausedReason, type DomainDef, type DomainObject, type ResumedDetail, type RunningReason, type ShutoffReason, type StoppedDetail,
  type SuspendedDetail,
} from '@virtkit/core';
import type { QmpMonitor } from './qmp-client.js';
import type { IncomingStorage } from './storage-migration.js';

/** Where a guest is in a migration; persisted so a restarted driver knows what to do. */
export interface MigrationRecord {
  role: 'source' | 'destination';
  /** source: perform (data moving), performed (v3: paused, waiting for Confirm3); destination: prepare. */
  phase: 'perform' | 'performed' | 'prepare';
  flags: number;
  /** source: the guest ran before the migration, so a failure resumes it. */
  wasRunning?: boolean;
  /** destination: the incoming port, released when the migration ends. */
  port?: number;
  /** destination of a storage migration: its NBD server's port and the disks Prepare created. */
  storage?: IncomingStorage;
}

/**
 * What QEMU's next STOP or RESUME event means (see QmpLifecycle.expectTransition):
 * the lifecycle event to report, or 'reported' when the caller reports the change itself.
 */
export type ExpectedTransition =
  | { reason: PausedReason; detail: SuspendedDetail }
  | { reason: RunningReason; detail: ResumedDetail }
  | 'reported';

/** A domain's running QEMU. */
export interface LiveDomain {
  /** Fixed once QEMU is launched, but for what updateDevice changes in place (an interface's link state). */
  def: DomainDef;
  /** def formatted for the status file; formatted again when def changes. */
  xml: string;
  readonly id: number;
  readonly pid: number;
  readonly monitorPath: string;
  qmp: QmpMonitor;
  state: DomainState;
  reason: number;
  migration?: MigrationRecord;
  /** Set through QmpLifecycle.expectTransition only. */
  expected: { STOP?: ExpectedTransition; RESUME?: ExpectedTransition };
  /** Set by reboot (the ACPI button): the guest's coming power-off is a reset and continue instead (libvirt's fake reboot). */
  fakeReboot?: boolean;
  /** What the process exit means when it comes (set before quit/kill). */
  stopDetail?: StoppedDetail;
  /** Resolves when the exit has been handled. */
  readonly exited: Promise<void>;
  readonly markExited: () => void;
}

/** The parts of a live domain its status file records. */
export type LiveStatus = Pick<LiveDomain, 'xml' | 'id' | 'pid' | 'monitorPath' | 'state' | 'reason' | 'migration'>;

/** A domain of one KVM host: its persistent definition, its QEMU while it runs. */
export class KvmDomainObject implements DomainObject {
  persistent?: DomainDef;
  live?: LiveDomain;
  /** Why the domain last stopped (virDomainShutoffReason). */
  shutoffReason?: ShutoffReason;
  /** virDomainMigrateSetMaxDowntime / SetMaxSpeed: what this domain's migrations use instead of the driver's defaults. */
  migrationLimits: { downtimeMs?: number; speedMiB?: number } = {};
  /** Marked to start with the host, and whether a managed save image waits (both kept on disk by kvm-domain-control.ts). */
  autostart = false;
  hasManagedSave = false;

  constructor(readonly uuid: string, readonly name: string) {}

  /** The QEMU's domain id while it runs, -1 otherwise. */
  get id(): number {
    return this.live?.id ?? -1;
  }
}

/** A live domain as QEMU starts it (paused, starting up) or as a status file recorded it. */
export function createLiveDomain(fields: Pick<LiveDomain, 'def' | 'xml' | 'id' | 'pid' | 'monitorPath' | 'qmp'> & Partial<LiveStatus>): LiveDomain {
  let markExited!: () => void;
  const exited = new Promise<void>((r) => { markExited = r; });
  return { state: DomainState.PAUSED, reason: PausedReason.STARTING_UP, ...fields, expected: {}, exited, markExited };
}
