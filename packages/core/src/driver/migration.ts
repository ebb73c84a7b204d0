import type { DomainRef } from './types.js';
import type { DriverConnection } from './contract.js';

/**
 * Migration roles, named after libvirt's phases (src/libvirt_internal.h).
 * Cookies are opaque bytes a driver hands from one phase to the next one on
 * the other host. `bandwidth` is in MiB/s, 0 meaning the driver's default.
 * `flags` are MigrateFlags; a driver rejects those it cannot honour.
 */

export interface MigrationPrepareArgs {
  /** The migration URI the caller wants, or undefined to let the destination choose. */
  uriIn?: string;
  flags: number;
  /** New name on the destination. */
  dname?: string;
  bandwidth: number;
}

export interface MigrationPrepareResult {
  cookie?: Uint8Array;
  /** Where the source must send the guest; required when uriIn was not given. */
  uriOut?: string;
}

export interface MigrationPerformArgs {
  cookie?: Uint8Array;
  /** The migration URI from Prepare. */
  uri: string;
  flags: number;
  dname?: string;
  bandwidth: number;
}

/** Perform as v1 and v2 share it. On success the source guest is gone; on failure it keeps running. @since 1.0 */
export interface MigrationPerform {
  migratePerform(dom: DomainRef, args: MigrationPerformArgs): Promise<void>;
}

/** v1: Prepare (dst) → Perform (src) → Finish (dst). The hypervisor carries the configuration itself. @since 1.0 */
export interface MigrationV1 extends MigrationPerform {
  migratePrepare(args: MigrationPrepareArgs): Promise<MigrationPrepareResult>;
  migrateFinish(args: { dname: string; cookie?: Uint8Array; uri: string; flags: number }): Promise<DomainRef>;
}

/** v2: Prepare2 receives the source's domain XML; Finish2 learns whether Perform failed. @since 1.0 */
export interface MigrationV2 extends MigrationPerform {
  migratePrepare2(args: MigrationPrepareArgs & { domXml: string }): Promise<MigrationPrepareResult>;
  /**
   * retcode != 0 means Perform failed: the destination must discard the
   * incoming guest and return null.
   */
  migrateFinish2(args: { dname: string; cookie?: Uint8Array; uri: string; flags: number; retcode: number }): Promise<DomainRef | null>;
}

/** v3: Begin3 (src) → Prepare3 (dst) → Perform3 (src) → Finish3 (dst) → Confirm3 (src). @since 1.0 */
export interface MigrationV3 {
  /** Returns the XML for the destination and cookie A. xmlin replaces the migratable XML when given. */
  migrateBegin3(dom: DomainRef, args: { xmlin?: string; flags: number; dname?: string; bandwidth: number }): Promise<{ xml: string; cookie?: Uint8Array }>;
  migratePrepare3(args: MigrationPrepareArgs & { cookieIn?: Uint8Array; domXml: string }): Promise<MigrationPrepareResult>;
  /** Leaves the source paused on success; on failure the source runs again. */
  migratePerform3(dom: DomainRef, args: { xmlin?: string; cookieIn?: Uint8Array; dconnuri?: string; uri: string; flags: number; dname?: string; bandwidth: number }): Promise<{ cookie?: Uint8Array }>;
  /** cancelled: kill the incoming guest. Returns the running guest, or null when cancelled or failed. */
  migrateFinish3(args: { dname: string; cookieIn?: Uint8Array; dconnuri?: string; uri: string; flags: number; cancelled: boolean }): Promise<{ domain: DomainRef | null; cookie?: Uint8Array }>;
  /** cancelled false: the destination runs, stop the source. cancelled true: resume the source. */
  migrateConfirm3(dom: DomainRef, args: { cookieIn?: Uint8Array; flags: number; cancelled: boolean }): Promise<void>;
}

const fns = (c: object, names: string[]) => names.every((n) => typeof (c as Record<string, unknown>)[n] === 'function');

export function hasMigrationV1(c: DriverConnection): c is DriverConnection & MigrationV1 {
  return fns(c, ['migratePrepare', 'migratePerform', 'migrateFinish']);
}
export function hasMigrationV2(c: DriverConnection): c is DriverConnection & MigrationV2 {
  return fns(c, ['migratePrepare2', 'migratePerform', 'migrateFinish2']);
}
export function hasMigrationV3(c: DriverConnection): c is DriverConnection & MigrationV3 {
  return fns(c, ['migrateBegin3', 'migratePrepare3', 'migratePerform3', 'migrateFinish3', 'migrateConfirm3']);
}
