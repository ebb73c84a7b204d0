import type { DomainRef } from './types.js';
import type { DriverConnection } from './contract.js';
import { DrvFeature } from '../features.js';
import { MigrateFlags } from '../flags.js';
import { ErrorCode, type ErrorReporter } from '../errors.js';

/**
 * Migration roles, named after libvirt's phases (src/libvirt_internal.h).
 * Cookies are opaque bytes a driver hands from one phase to the next one on
 * the other host. `bandwidth` is in MiB/s, 0 meaning the driver's default.
 * `flags` are MigrateFlags; a driver rejects those it cannot honour.
 */

/** What every Prepare receives (v1's Prepare; v2 and v3 add the XML). */
export interface PrepareArgs {
  /** The migration URI the caller wants, or undefined to let the destination choose. */
  uriIn?: string;
  flags: number;
  /** New name on the destination. */
  dname?: string;
  bandwidth: number;
  /**
   * The address the destination was reached on (a daemon's own end of the
   * caller's TCP connection), never a host name: where a destination that
   * chooses its migration URI listens when uriIn does not say (libvirt's
   * migration_address). Undefined over a local socket. @since 1.1
   */
  listenAddress?: string;
  /**
   * VIR_MIGRATE_PARALLEL's number of connections (libvirt's
   * parallel.connections), v3 only; undefined for the driver's default. @since 1.4
   */
  parallelConnections?: number;
  /** The port the destination's NBD server listens on for a storage copy (libvirt's disks_port), v3 only; else one from its range. @since 1.4 */
  disksPort?: number;
}

export interface PrepareResult {
  cookie?: Uint8Array;
  /** Where the source must send the guest; required when uriIn was not given. */
  uriOut?: string;
}

/** Prepare2: the source's domain XML travels with it. */
export interface Prepare2Args extends PrepareArgs {
  domXml: string;
}

/** Perform (v1 and v2). */
export interface PerformArgs {
  cookie?: Uint8Array;
  /** The migration URI from Prepare. */
  uri: string;
  flags: number;
  dname?: string;
  bandwidth: number;
}

/** Finish (v1). */
export interface FinishArgs {
  dname: string;
  cookie?: Uint8Array;
  uri: string;
  flags: number;
}

/** Finish2: retcode != 0 means Perform failed. */
export interface Finish2Args extends FinishArgs {
  retcode: number;
}

export interface Begin3Args {
  /** Replaces the migratable XML when given. */
  xmlin?: string;
  flags: number;
  dname?: string;
  bandwidth: number;
}

export interface Begin3Result {
  xml: string;
  cookie?: Uint8Array;
}

export interface Prepare3Args extends PrepareArgs {
  cookieIn?: Uint8Array;
  domXml: string;
}

export interface Perform3Args {
  xmlin?: string;
  /** As Prepare3's: both ends open the same number of connections. @since 1.4 */
  parallelConnections?: number;
  cookieIn?: Uint8Array;
  /** The destination connection URI (peer-to-peer only). */
  dconnuri?: string;
  uri: string;
  flags: number;
  dname?: string;
  bandwidth: number;
}

export interface Finish3Args {
  dname: string;
  cookieIn?: Uint8Array;
  dconnuri?: string;
  uri: string;
  flags: number;
  /** Perform3 failed: kill the incoming guest. */
  cancelled: boolean;
}

export interface Finish3Result {
  /** The running guest, or null when cancelled or failed. */
  domain: DomainRef | null;
  cookie?: Uint8Array;
}

export interface Confirm3Args {
  cookieIn?: Uint8Array;
  flags: number;
  /** false: the destination runs, stop the source. true: resume the source. */
  cancelled: boolean;
}

/** Perform as v1 and v2 share it. On success the source guest is gone; on failure it keeps running. @since 1.0 */
export interface MigrationPerform {
  migratePerform(dom: DomainRef, args: PerformArgs): Promise<void>;
}

/** v1: Prepare (dst) → Perform (src) → Finish (dst). The hypervisor carries the configuration itself. @since 1.0 */
export interface MigrationV1 extends MigrationPerform {
  migratePrepare(args: PrepareArgs): Promise<PrepareResult>;
  migrateFinish(args: FinishArgs): Promise<DomainRef>;
}

/** v2: Prepare2 receives the source's domain XML; Finish2 learns whether Perform failed. @since 1.0 */
export interface MigrationV2 extends MigrationPerform {
  migratePrepare2(args: Prepare2Args): Promise<PrepareResult>;
  /** retcode != 0: the destination must discard the incoming guest and return null. */
  migrateFinish2(args: Finish2Args): Promise<DomainRef | null>;
}

/** v3: Begin3 (src) → Prepare3 (dst) → Perform3 (src) → Finish3 (dst) → Confirm3 (src). @since 1.0 */
export interface MigrationV3 {
  /** Returns the XML for the destination and cookie A. */
  migrateBegin3(dom: DomainRef, args: Begin3Args): Promise<Begin3Result>;
  migratePrepare3(args: Prepare3Args): Promise<PrepareResult>;
  /** Leaves the source paused on success; on failure the source runs again. */
  migratePerform3(dom: DomainRef, args: Perform3Args): Promise<{ cookie?: Uint8Array }>;
  migrateFinish3(args: Finish3Args): Promise<Finish3Result>;
  migrateConfirm3(dom: DomainRef, args: Confirm3Args): Promise<void>;
}

/**
 * virDomainMigrateToURI3's typed parameters (VIR_MIGRATE_PARAM_*) that
 * virtkit carries, under libvirt's names.
 */
export interface MigrateParams {
  destination_name?: string;
  destination_xml?: string;
  migrate_uri?: string;
  /** MiB/s. */
  bandwidth?: number;
  /**
   * The definition PERSIST_DEST stores; only the one that migrates
   * (destination_xml, or the source's) is carried, as Nova sends it.
   */
  persistent_xml?: string;
  /** Connections of a VIR_MIGRATE_PARALLEL migration (an int on the wire), 1 to 255. */
  'parallel.connections'?: number;
  /** The destination's NBD port for a storage copy (an int on the wire), 1 to 65535. */
  disks_port?: number;
}

/** Peer-to-peer migration as a driver forwards it (the remote driver: Perform3 with dconnuri). */
export interface MigrateToUriArgs {
  flags: number;
  params: MigrateParams;
}

/**
 * Peer-to-peer migration run elsewhere: the connection hands the whole
 * migration to its host, which opens `dconnuri` itself. Declared by
 * DrvFeature.MIGRATION_P2P. A local driver does not implement it: core runs
 * the phases in-process (migration/peer2peer.ts). @since 1.1
 */
export interface MigrationPeer2Peer {
  migrateToUri(dom: DomainRef, dconnuri: string, args: MigrateToUriArgs): Promise<void>;
}

export function hasMigrationP2P(c: DriverConnection): c is DriverConnection & MigrationPeer2Peer {
  return c.features.has(DrvFeature.MIGRATION_P2P);
}

export function hasMigrationV1(c: DriverConnection): c is DriverConnection & MigrationV1 {
  return c.features.has(DrvFeature.MIGRATION_V1);
}
export function hasMigrationV2(c: DriverConnection): c is DriverConnection & MigrationV2 {
  return c.features.has(DrvFeature.MIGRATION_V2);
}
export function hasMigrationV3(c: DriverConnection): c is DriverConnection & MigrationV3 {
  return c.features.has(DrvFeature.MIGRATION_V3);
}

/** libvirt's 'parallel.connections': only with VIR_MIGRATE_PARALLEL; QEMU takes 1 to 255. */
export function checkParallelConnections(n: number | undefined, flags: number, fail: ErrorReporter): void {
  if (n === undefined) return;
  if (!(flags & MigrateFlags.PARALLEL)) throw fail(ErrorCode.INVALID_ARG, 'Turn parallel migration on to tune it');
  if (!Number.isInteger(n) || n < 1 || n > 255) throw fail(ErrorCode.INVALID_ARG, `parallel.connections must be from 1 to 255, not ${n}`);
}

/** libvirt's disks_port: a TCP port, meaningful only when disks are copied. */
export function checkDisksPort(port: number | undefined, flags: number, fail: ErrorReporter): void {
  if (port === undefined) return;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw fail(ErrorCode.INVALID_ARG, `disks_port must be a TCP port, not ${port}`);
  if (!(flags & (MigrateFlags.NON_SHARED_DISK | MigrateFlags.NON_SHARED_INC))) throw fail(ErrorCode.INVALID_ARG, 'disks_port needs VIR_MIGRATE_NON_SHARED_DISK or VIR_MIGRATE_NON_SHARED_INC');
}

/** The bandwidth argument of every migration call: MiB/s, 0 for the driver's default. */
export function checkBandwidth(bandwidth: number, fail: ErrorReporter): void {
  if (!Number.isInteger(bandwidth) || bandwidth < 0 || bandwidth > 0xffffffff) {
    throw fail(ErrorCode.INVALID_ARG, `bandwidth must be a non-negative integer (MiB/s), not ${bandwidth}`);
  }
}
