import type { ConnectAuthCallback } from '../auth.js';
import type { VirtUri } from '../uri.js';
import type { VirtError } from '../errors.js';
import { DriverRole } from '../features.js';
import type { DomainInfo, DomainLifecycleEvent, DomainRef, DomainState, JobInfo, JobStats, NodeInfo, Unsubscribe } from './types.js';

/**
 * The driver contract. It only ever grows: a new capability is a new method
 * or role and a new feature number, never a changed signature. Every `flags`
 * argument must be checked with checkFlags(): unknown bits are errors.
 */

export interface OpenOptions {
  /** A read-only connection: state-changing calls fail with OPERATION_DENIED. @since 1.0 */
  readonly?: boolean;
  /** Asked for credentials when the far end requires authentication (remote SASL). @since 1.0 */
  auth?: ConnectAuthCallback;
  /**
   * A source host's connection to the destination of a peer-to-peer
   * migration: it runs the migration phases and nothing else, so a driver
   * may skip learning what the phases never use (a remote connection asks
   * the server only the migration's feature numbers at open, and declares
   * nothing else). Default false. @since 1.3
   */
  migrationPeer?: boolean;
}

/**
 * A converter between domain XML and a hypervisor's native configuration
 * (virConnectDomainXMLToNative / FromNative), e.g. "qemu-argv", "xen-sxpr".
 * Pure: no connection is needed. @since 1.0
 */
export interface NativeConfigFormat {
  readonly format: string;
  toNative(domainXml: string): Promise<string>;
  fromNative(config: string): Promise<string>;
}

/** A hypervisor driver, registered by a plugin. @since 1.0 */
export interface HypervisorDriver {
  /** Short name, e.g. "test", "QEMU", "Xen", "remote". */
  readonly name: string;
  /**
   * URI schemes (the `driver` part) this driver opens locally. A driver with
   * `remote: true` is tried last for any scheme with a transport or host.
   */
  readonly uriSchemes: readonly string[];
  readonly remote?: boolean;
  /** Native configuration formats this driver converts to and from. */
  readonly nativeFormats?: readonly NativeConfigFormat[];
  /** Opens a connection, or returns undefined to decline the URI. Errors mean "mine, but it failed". */
  open(uri: VirtUri, options: OpenOptions): Promise<DriverConnection | undefined>;
}

/** Host facts (virConnectGet*, virNodeGetInfo). @since 1.0 */
export interface HostRole {
  /** Hypervisor type as libvirt names it: "Test", "QEMU", "Xen". */
  getType(): Promise<string>;
  /** Hypervisor version, major * 1,000,000 + minor * 1,000 + release. */
  getVersion(): Promise<number>;
  getHostname(): Promise<string>;
  /** The canonical URI of this connection. */
  getUri(): Promise<string>;
  getNodeInfo(): Promise<NodeInfo>;
  /** The capabilities XML document. */
  getCapabilities(): Promise<string>;
}

/** Domain life cycle. `dom` identifies a domain by UUID first, then name. @since 1.0 */
export interface DomainRole {
  /** virConnectListAllDomains with ListDomainsFlags; 0 means all. */
  listDomains(flags: number): Promise<DomainRef[]>;
  /** NO_DOMAIN when missing. */
  lookupByName(name: string): Promise<DomainRef>;
  lookupByUuid(uuid: string): Promise<DomainRef>;
  lookupById(id: number): Promise<DomainRef>;
  /** Defines (or redefines) a persistent domain. DefineFlags. */
  defineXml(xml: string, flags: number): Promise<DomainRef>;
  /** UndefineFlags. A running domain becomes transient. */
  undefine(dom: DomainRef, flags: number): Promise<void>;
  /** Starts a defined domain (virDomainCreateWithFlags). CreateFlags. */
  create(dom: DomainRef, flags: number): Promise<DomainRef>;
  /** Creates and starts a transient domain. CreateFlags. */
  createXml(xml: string, flags: number): Promise<DomainRef>;
  /** ShutdownFlags. */
  shutdown(dom: DomainRef, flags: number): Promise<void>;
  /** DestroyFlags. */
  destroy(dom: DomainRef, flags: number): Promise<void>;
  suspend(dom: DomainRef): Promise<void>;
  resume(dom: DomainRef): Promise<void>;
  getInfo(dom: DomainRef): Promise<DomainInfo>;
  getState(dom: DomainRef): Promise<{ state: DomainState; reason: number }>;
  /** DomainXmlFlags. */
  getXmlDesc(dom: DomainRef, flags: number): Promise<string>;
  /**
   * The guest's OS type as the hypervisor reports it (virDomainGetOSType):
   * "hvm" for a fully virtualised guest, "linux" for a Xen paravirtualised
   * one. Not necessarily the definition's `<os><type>`: libvirt's test
   * driver answers "linux" for every domain. NO_DOMAIN when missing.
   * Optional only because drivers written against core API 1.0 lack it;
   * call it through Domain.getOSType, which answers NO_SUPPORT for them.
   * @since 1.1
   */
  getOSType?(dom: DomainRef): Promise<string>;
  /**
   * virDomainUpdateDeviceFlags: changes one device of the domain in place,
   * given its full XML (virsh domif-setlink sends an <interface> with a new
   * <link state>). DeviceModifyFlags: LIVE, CONFIG, or CURRENT (0: the live
   * domain when it runs, else the definition). A change the driver cannot
   * make is OPERATION_UNSUPPORTED. Optional: drivers written before core
   * API 1.3 lack it, and Domain.updateDevice answers NO_SUPPORT for them.
   * @since 1.3
   */
  updateDevice?(dom: DomainRef, xml: string, flags: number): Promise<void>;
  /**
   * virDomainAttachDeviceFlags: adds a device, given its XML, to the running
   * domain (hotplug) and/or its definition. DeviceModifyFlags as for
   * updateDevice. Devices the driver cannot add are OPERATION_UNSUPPORTED.
   * Optional like updateDevice. @since 1.3
   */
  attachDevice?(dom: DomainRef, xml: string, flags: number): Promise<void>;
  /**
   * virDomainBlockResize: the running guest's disk `disk` (its target, as
   * `vda`, or its source path) grows or shrinks to `size`, KiB unless
   * DomainBlockResizeFlags.BYTES, and the guest is told of the new size.
   * OPERATION_INVALID when the domain is not running, INVALID_ARG for a
   * disk it does not have. Optional like updateDevice. @since 1.3
   */
  blockResize?(dom: DomainRef, disk: string, size: number, flags: number): Promise<void>;
}

/** Background jobs (migration, save). @since 1.0 */
export interface JobRole {
  getJobInfo(dom: DomainRef): Promise<JobInfo>;
  /** flags: JobStatsFlags. */
  getJobStats(dom: DomainRef, flags: number): Promise<JobStats>;
  /** OPERATION_INVALID when no job runs. */
  abortJob(dom: DomainRef): Promise<void>;
}

/**
 * Saving a running domain's memory and device state to a file and starting
 * it again from that file (virDomainSaveFlags / virDomainRestoreFlags).
 * flags: SaveRestoreFlags. @since 1.0
 */
export interface SaveRole {
  /** Writes the state to `path` (on the driver's host) and stops the domain. */
  save(dom: DomainRef, path: string, flags: number): Promise<void>;
  /** Starts the domain saved in `path`: running, or paused with PAUSED (or when it was saved paused). */
  restore(path: string, flags: number): Promise<DomainRef>;
}

/**
 * The limits a migration of a running domain goes by, set before or while
 * it runs (virDomainMigrateSetMaxDowntime, virDomainMigrateGetMaxDowntime,
 * virDomainMigrateSetMaxSpeed, virDomainMigrateGetMaxSpeed). flags: 0 for
 * the downtime calls; MigrateMaxSpeedFlags for the speed calls, which a
 * driver without post-copy rejects (virCheckFlags). @since 1.1
 */
export interface MigrationTuningRole {
  /** The longest the guest may be paused at switchover, in milliseconds. */
  migrateSetMaxDowntime(dom: DomainRef, downtimeMs: number, flags: number): Promise<void>;
  migrateGetMaxDowntime(dom: DomainRef, flags: number): Promise<number>;
  /** The bandwidth a migration uses, in MiB/s; a Perform's own bandwidth, when given, wins. */
  migrateSetMaxSpeed(dom: DomainRef, bandwidthMiB: number, flags: number): Promise<void>;
  migrateGetMaxSpeed(dom: DomainRef, flags: number): Promise<number>;
}

/**
 * Switching a running migration to post-copy (virDomainMigrateStartPostCopy):
 * the destination runs the guest from then on and fetches the pages it
 * still lacks from the source. Only a migration started with
 * VIR_MIGRATE_POSTCOPY can switch; flags must be 0. @since 1.4
 */
export interface MigrationPostCopyRole {
  migrateStartPostCopy(dom: DomainRef, flags: number): Promise<void>;
}

/** Lifecycle events. @since 1.0 */
export interface EventRole {
  onLifecycle(listener: (event: DomainLifecycleEvent) => void): Unsubscribe;
}

/** Why a connection closed without being asked to (libvirt's virConnectCloseReason). */
export enum ConnectCloseReason {
  /** A transport error (a failed read or write, a malformed frame). */
  ERROR = 0,
  /** The peer went away: end of file on the transport. */
  EOF = 1,
  /** The peer stopped answering keepalive PINGs. */
  KEEPALIVE = 2,
  /** The client closed the connection. */
  CLIENT = 3,
}

export interface ConnectionCloseEvent {
  reason: ConnectCloseReason;
  /** The error pending and later calls fail with. */
  error: VirtError;
}

/**
 * Told when the connection dies under the client (virConnectRegisterCloseCallback):
 * the remote driver's transport lost, never a close() the caller asked for.
 * Listeners run once, on a later tick. @since 1.2
 */
export interface CloseEventRole {
  onConnectionClose(listener: (event: ConnectionCloseEvent) => void): Unsubscribe;
}

/**
 * An open connection: host and domain roles always; the others as its
 * feature set declares. @since 1.0
 */
export interface DriverConnection extends HostRole, DomainRole {
  /**
   * What this connection supports, declared once when it opens: libvirt's
   * feature numbers (DrvFeature) plus DriverRole for the roles libvirt has
   * no number for. Core answers virConnectSupportsFeature and the role
   * guards from it; a declared role must be implemented and an implemented
   * one declared (the conformance suite checks both). @since 1.1
   */
  readonly features: ReadonlySet<number>;
  close(): Promise<void>;
}

/** virDomainGetJobStats flags. */
export const JobStatsFlags = { COMPLETED: 1 << 0, KEEP_COMPLETED: 1 << 1 } as const;

export function hasJobRole(c: DriverConnection): c is DriverConnection & JobRole {
  return c.features.has(DriverRole.JOBS);
}

export function hasSaveRole(c: DriverConnection): c is DriverConnection & SaveRole {
  return c.features.has(DriverRole.SAVE);
}

export function hasMigrationTuningRole(c: DriverConnection): c is DriverConnection & MigrationTuningRole {
  return c.features.has(DriverRole.MIGRATION_TUNING);
}

export function hasMigrationPostCopyRole(c: DriverConnection): c is DriverConnection & MigrationPostCopyRole {
  return c.features.has(DriverRole.MIGRATION_POSTCOPY);
}

export function hasCloseEventRole(c: DriverConnection): c is DriverConnection & CloseEventRole {
  return c.features.has(DriverRole.CLOSE_EVENTS);
}

export function hasEventRole(c: DriverConnection): c is DriverConnection & EventRole {
  return c.features.has(DriverRole.EVENTS);
}
