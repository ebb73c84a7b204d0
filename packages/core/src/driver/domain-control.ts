import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { DomainRef, Unsubscribe } from './types.js';

/**
 * The domain calls applications use most beyond the life cycle: reboot and
 * reset, memory and vCPU counts, autostart, managed save, metadata,
 * scheduler parameters, statistics, device detach and the domain events
 * they cause. Each group is one role with its own DriverRole number, so a
 * driver declares exactly the groups it implements. `dom` identifies a
 * domain by UUID first, then name (NO_DOMAIN when it is gone); every
 * `flags` is checked. @since 1.4
 */

/** virDomainRebootFlagValues: how the guest is asked to reboot; 0 lets the driver choose. */
export const RebootFlags = { DEFAULT: 0, ACPI_POWER_BTN: 1 << 0, GUEST_AGENT: 1 << 1, INITCTL: 1 << 2, SIGNAL: 1 << 3, PARAVIRT: 1 << 4 } as const;

/** virDomainModificationImpact: CURRENT (0) is the live domain when it runs, else the definition. */
export const DomainModificationImpact = { CURRENT: 0, LIVE: 1 << 0, CONFIG: 1 << 1 } as const;

/** virDomainMemoryModFlags: MAXIMUM changes the maximum (`<memory>`) instead of the current balloon size. */
export const MemoryModFlags = { ...DomainModificationImpact, MAXIMUM: 1 << 2 } as const;

/**
 * virDomainVcpuFlags: MAXIMUM addresses the maximum (`<vcpu>`) instead of
 * the current count (`<vcpu current>`); GUEST asks the guest agent.
 */
export const VcpuFlags = { ...DomainModificationImpact, MAXIMUM: 1 << 2, GUEST: 1 << 3, HOTPLUGGABLE: 1 << 4 } as const;

/** virDomainMetadataType. */
export enum MetadataType {
  /** `<description>`: free text. */
  DESCRIPTION = 0,
  /** `<title>`: one line of text. */
  TITLE = 1,
  /** One element of `<metadata>`, named by its namespace URI. */
  ELEMENT = 2,
}

/** virTypedParameterFlags' bit the library adds when the driver takes string parameters. */
export const TYPED_PARAM_STRING_OKAY = 1 << 2;

/** virConnectGetAllDomainStats' `stats`: virDomainStatsTypes; 0 means every group the driver has. */
export const DomainStatsTypes = {
  STATE: 1 << 0, CPU_TOTAL: 1 << 1, BALLOON: 1 << 2, VCPU: 1 << 3, INTERFACE: 1 << 4, BLOCK: 1 << 5, PERF: 1 << 6,
  IOTHREAD: 1 << 7, MEMORY: 1 << 8, DIRTYRATE: 1 << 9, VM: 1 << 10,
} as const;

/** virConnectGetAllDomainStatsFlags: the domain filter, and how the groups are asked for. */
export const GetAllDomainStatsFlags = {
  ACTIVE: 1 << 0, INACTIVE: 1 << 1, PERSISTENT: 1 << 2, TRANSIENT: 1 << 3, RUNNING: 1 << 4, PAUSED: 1 << 5, SHUTOFF: 1 << 6, OTHER: 1 << 7,
  NOWAIT: 1 << 29, BACKING: 1 << 30,
  /** A group the driver lacks is an error rather than left out. */
  ENFORCE_STATS: 2 ** 31,
} as const;

/** The GetAllDomainStatsFlags bits that filter domains, with virConnectListAllDomains' values for the same filters. */
export const DOMAIN_STATS_LIST_FILTERS = GetAllDomainStatsFlags.ACTIVE | GetAllDomainStatsFlags.INACTIVE | GetAllDomainStatsFlags.PERSISTENT
  | GetAllDomainStatsFlags.TRANSIENT | GetAllDomainStatsFlags.RUNNING | GetAllDomainStatsFlags.PAUSED | GetAllDomainStatsFlags.SHUTOFF | GetAllDomainStatsFlags.OTHER;


/** A typed parameter list (virTypedParameter[]): names to values, in the driver's order. */
export type TypedParams = Record<string, number | bigint | string | boolean>;

/** virDomainBlockStatsStruct: counters since the guest started; -1 for one the hypervisor does not keep. */
export interface BlockStats {
  rdReq: number;
  rdBytes: number;
  wrReq: number;
  wrBytes: number;
  errs: number;
}

/** virDomainInterfaceStatsStruct: counters of the guest's side of one interface; -1 when not kept. */
export interface InterfaceStats {
  rxBytes: number;
  rxPackets: number;
  rxErrs: number;
  rxDrop: number;
  txBytes: number;
  txPackets: number;
  txErrs: number;
  txDrop: number;
}

/** virDomainMemoryStatTags. */
export enum MemoryStatTag {
  SWAP_IN = 0, SWAP_OUT = 1, MAJOR_FAULT = 2, MINOR_FAULT = 3, UNUSED = 4, AVAILABLE = 5, ACTUAL_BALLOON = 6, RSS = 7,
  USABLE = 8, LAST_UPDATE = 9, DISK_CACHES = 10, HUGETLB_PGALLOC = 11, HUGETLB_PGFAIL = 12,
}

/** One memory statistic: amounts in KiB, LAST_UPDATE in seconds, faults and pages as counts. */
export interface MemoryStat {
  tag: MemoryStatTag;
  val: number;
}

/** One domain's record of virConnectGetAllDomainStats: libvirt's dotted names ("state.state", "block.0.rd.reqs"). */
export interface DomainStatsRecord {
  domain: DomainRef;
  params: TypedParams;
}

/**
 * virDomainEventID of the events DomainEventRole delivers (every id but
 * LIFECYCLE, which has its own role). The numbers are libvirt's and travel
 * on the wire as the registration's eventID.
 */
export enum DomainEventId {
  REBOOT = 1,
  RTC_CHANGE = 2,
  WATCHDOG = 3,
  IO_ERROR = 4,
  GRAPHICS = 5,
  IO_ERROR_REASON = 6,
  CONTROL_ERROR = 7,
  BLOCK_JOB = 8,
  DISK_CHANGE = 9,
  TRAY_CHANGE = 10,
  PMWAKEUP = 11,
  PMSUSPEND = 12,
  BALLOON_CHANGE = 13,
  PMSUSPEND_DISK = 14,
  DEVICE_REMOVED = 15,
  BLOCK_JOB_2 = 16,
  TUNABLE = 17,
  AGENT_LIFECYCLE = 18,
  DEVICE_ADDED = 19,
  MIGRATION_ITERATION = 20,
  JOB_COMPLETED = 21,
  DEVICE_REMOVAL_FAILED = 22,
  METADATA_CHANGE = 23,
  BLOCK_THRESHOLD = 24,
  MEMORY_FAILURE = 25,
  MEMORY_DEVICE_SIZE_CHANGE = 26,
  NIC_MAC_CHANGE = 27,
}

/** virDomainEventWatchdogAction. */
export enum WatchdogAction { NONE = 0, PAUSE = 1, RESET = 2, POWEROFF = 3, SHUTDOWN = 4, DEBUG = 5, INJECTNMI = 6 }
/** virDomainEventIOErrorAction. */
export enum IoErrorAction { NONE = 0, PAUSE = 1, REPORT = 2 }
/** virDomainEventGraphicsPhase. */
export enum GraphicsPhase { CONNECT = 0, INITIALIZE = 1, DISCONNECT = 2 }
/** virDomainEventGraphicsAddressType. */
export enum GraphicsAddressFamily { IPV4 = 0, IPV6 = 1, UNIX = 2 }
/** virDomainBlockJobType. */
export enum BlockJobType { UNKNOWN = 0, PULL = 1, COPY = 2, COMMIT = 3, ACTIVE_COMMIT = 4, BACKUP = 5 }
/** virConnectDomainEventBlockJobStatus. */
export enum BlockJobStatus { COMPLETED = 0, FAILED = 1, CANCELED = 2, READY = 3 }
/** virConnectDomainEventDiskChangeReason. */
export enum DiskChangeReason { MISSING_ON_START = 0, DROP_MISSING_ON_START = 1 }
/** virDomainEventTrayChangeReason. */
export enum TrayChangeReason { OPEN = 0, CLOSE = 1 }
/** virConnectDomainEventAgentLifecycleState and …Reason. */
export enum AgentLifecycleState { CONNECTED = 1, DISCONNECTED = 2 }
export enum AgentLifecycleReason { UNKNOWN = 0, DOMAIN_STARTED = 1, CHANNEL = 2 }
/** virDomainMemoryFailureRecipientType, virDomainMemoryFailureActionType, virDomainMemoryFailureFlags. */
export enum MemoryFailureRecipient { HYPERVISOR = 0, GUEST = 1 }
export enum MemoryFailureAction { IGNORE = 0, INJECT = 1, FATAL = 2, RESET = 3 }
export const MemoryFailureFlags = { ACTION_REQUIRED: 1 << 0, RECURSIVE: 1 << 1 } as const;

/** One end of a graphics connection (virDomainEventGraphicsAddress). */
export interface GraphicsAddress { family: GraphicsAddressFamily; node: string; service: string }

/**
 * One domain event other than a lifecycle change, with libvirt's fields
 * for its id (virConnectDomainEvent*Callback). Reasons, actions and states
 * are libvirt's enum values; `params` are the typed parameters libvirt
 * sends (TUNABLE: the changed tunables; JOB_COMPLETED: the job's final
 * statistics, as virDomainGetJobStats with COMPLETED names them).
 */
export type DomainEvent =
  /** The guest rebooted (VIR_DOMAIN_EVENT_ID_REBOOT). */
  | { id: DomainEventId.REBOOT; domain: DomainRef }
  /** The guest set its RTC; offset in seconds from the host's UTC. */
  | { id: DomainEventId.RTC_CHANGE; domain: DomainRef; offset: number }
  | { id: DomainEventId.WATCHDOG; domain: DomainRef; action: WatchdogAction }
  | { id: DomainEventId.IO_ERROR; domain: DomainRef; srcPath: string; devAlias: string; action: IoErrorAction }
  /** IO_ERROR with QEMU's reason ("enospc", "eio", …). */
  | { id: DomainEventId.IO_ERROR_REASON; domain: DomainRef; srcPath: string; devAlias: string; action: IoErrorAction; reason: string }
  | { id: DomainEventId.GRAPHICS; domain: DomainRef; phase: GraphicsPhase; local: GraphicsAddress; remote: GraphicsAddress; authScheme: string; subject: Array<{ type: string; name: string }> }
  /** The driver lost control of the domain's monitor. */
  | { id: DomainEventId.CONTROL_ERROR; domain: DomainRef }
  /** A block job ended or became ready; path is the disk's source (BLOCK_JOB) or target (BLOCK_JOB_2). */
  | { id: DomainEventId.BLOCK_JOB | DomainEventId.BLOCK_JOB_2; domain: DomainRef; path: string; type: BlockJobType; status: BlockJobStatus }
  | { id: DomainEventId.DISK_CHANGE; domain: DomainRef; oldSrcPath?: string; newSrcPath?: string; devAlias: string; reason: DiskChangeReason }
  | { id: DomainEventId.TRAY_CHANGE; domain: DomainRef; devAlias: string; reason: TrayChangeReason }
  /** Power management; reason is always 0 in libvirt 9–11. */
  | { id: DomainEventId.PMWAKEUP | DomainEventId.PMSUSPEND | DomainEventId.PMSUSPEND_DISK; domain: DomainRef; reason: number }
  /** The balloon's new size, KiB. */
  | { id: DomainEventId.BALLOON_CHANGE; domain: DomainRef; actual: number }
  /** A device is gone from the live domain, named by its alias ("virtio-disk1", "net1"). */
  | { id: DomainEventId.DEVICE_REMOVED; domain: DomainRef; devAlias: string }
  | { id: DomainEventId.TUNABLE; domain: DomainRef; params: TypedParams }
  | { id: DomainEventId.AGENT_LIFECYCLE; domain: DomainRef; state: AgentLifecycleState; reason: AgentLifecycleReason }
  | { id: DomainEventId.DEVICE_ADDED; domain: DomainRef; devAlias: string }
  /** A migration began another pass over the guest's memory (QEMU's MIGRATION_PASS). */
  | { id: DomainEventId.MIGRATION_ITERATION; domain: DomainRef; iteration: number }
  | { id: DomainEventId.JOB_COMPLETED; domain: DomainRef; params: TypedParams }
  /** The guest refused or failed to release a device an unplug asked for. */
  | { id: DomainEventId.DEVICE_REMOVAL_FAILED; domain: DomainRef; devAlias: string }
  /** The title, description or one metadata element changed; nsuri for ELEMENT. */
  | { id: DomainEventId.METADATA_CHANGE; domain: DomainRef; type: MetadataType; nsuri?: string }
  /** A disk's write threshold was crossed; bytes. */
  | { id: DomainEventId.BLOCK_THRESHOLD; domain: DomainRef; dev: string; path?: string; threshold: number; excess: number }
  /** flags: MemoryFailureFlags. */
  | { id: DomainEventId.MEMORY_FAILURE; domain: DomainRef; recipient: MemoryFailureRecipient; action: MemoryFailureAction; flags: number }
  /** A memory device (virtio-mem) has a new size, KiB. */
  | { id: DomainEventId.MEMORY_DEVICE_SIZE_CHANGE; domain: DomainRef; alias: string; size: number }
  /** The guest changed a NIC's MAC address (libvirt 11). */
  | { id: DomainEventId.NIC_MAC_CHANGE; domain: DomainRef; alias: string; oldMAC: string; newMAC: string };

/** virDomainReboot / virDomainReset. */
export interface DomainControlRole {
  /** Asks the guest to reboot; RebootFlags (0: the driver's default method). OPERATION_INVALID when inactive. */
  reboot(dom: DomainRef, flags: number): Promise<void>;
  /** Resets the virtual machine at once, as the reset button; flags must be 0. */
  reset(dom: DomainRef, flags: number): Promise<void>;
}

/** Memory and vCPU counts (virDomainSetMemoryFlags, virDomainSetVcpusFlags, virDomainGetVcpusFlags). */
export interface DomainResourcesRole {
  /** MemoryModFlags; `kib` in KiB. Core has checked it is not 0. */
  setMemoryFlags(dom: DomainRef, kib: number, flags: number): Promise<void>;
  /** VcpuFlags; core has checked `count` is not 0 and that MAXIMUM comes with CONFIG. */
  setVcpusFlags(dom: DomainRef, count: number, flags: number): Promise<void>;
  /** VcpuFlags (not LIVE and CONFIG together: core refuses that). */
  getVcpusFlags(dom: DomainRef, flags: number): Promise<number>;
}

/** Whether a persistent domain starts when its host does (virDomainGetAutostart / SetAutostart). */
export interface DomainAutostartRole {
  domainGetAutostart(dom: DomainRef): Promise<boolean>;
  /** OPERATION_INVALID for a transient domain. */
  domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void>;
}

/**
 * Managed save: the driver keeps the saved state itself, and the next
 * virDomainCreate starts the domain from it (and removes it).
 */
export interface ManagedSaveRole {
  /** SaveRestoreFlags (BYPASS_CACHE, RUNNING, PAUSED), as virDomainSaveFlags takes them. The domain stops (SHUTOFF, reason SAVED). */
  managedSave(dom: DomainRef, flags: number): Promise<void>;
  /** flags must be 0. */
  hasManagedSaveImage(dom: DomainRef, flags: number): Promise<boolean>;
  /** Removes the image if there is one; flags must be 0. */
  managedSaveRemove(dom: DomainRef, flags: number): Promise<void>;
}

/**
 * virDomainGetMetadata / virDomainSetMetadata. Core has checked the
 * arguments' shape (libvirt-domain.c's checks): uri and key absent for
 * DESCRIPTION and TITLE, uri present for ELEMENT, key present when setting
 * an element, no newline in a title. flags: DomainModificationImpact.
 */
export interface DomainMetadataRole {
  /** NO_DOMAIN_METADATA when absent. An element comes back without its prefix. */
  getMetadata(dom: DomainRef, type: MetadataType, uri: string | undefined, flags: number): Promise<string>;
  /** `metadata` undefined or '' removes. An element is stored under prefix `key` in namespace `uri`. */
  setMetadata(dom: DomainRef, type: MetadataType, metadata: string | undefined, key: string | undefined, uri: string | undefined, flags: number): Promise<void>;
}

/** virDomainGetSchedulerType / Get/SetSchedulerParametersFlags. */
export interface SchedulerRole {
  /** The scheduler's name ("fair", "posix", "credit") and how many parameters it has. */
  getSchedulerType(dom: DomainRef): Promise<{ type: string; nparams: number }>;
  /** flags: DomainModificationImpact, plus TYPED_PARAM_STRING_OKAY added by core for the *Flags call. */
  getSchedulerParameters(dom: DomainRef, flags: number): Promise<TypedParams>;
  setSchedulerParameters(dom: DomainRef, params: TypedParams, flags: number): Promise<void>;
}

/** Statistics (virDomainBlockStats, virDomainInterfaceStats, virDomainMemoryStats, virConnectGetAllDomainStats). */
export interface DomainStatsRole {
  /** `path`: a disk's target ("vda") or source path. '' asks for the sum of all disks. */
  blockStats(dom: DomainRef, path: string): Promise<BlockStats>;
  /** `path`: the host side of the interface (its tap, `<target dev>`) or its MAC. */
  interfaceStats(dom: DomainRef, path: string): Promise<InterfaceStats>;
  /** flags must be 0. At most `nrStats` entries. */
  memoryStats(dom: DomainRef, nrStats: number, flags: number): Promise<MemoryStat[]>;
  /**
   * The `stats` groups (DomainStatsTypes, 0: all the driver has) of
   * `doms`, or of every domain the GetAllDomainStatsFlags filter keeps
   * when `doms` is undefined. In the order of `doms`, else the driver's.
   */
  getAllDomainStats(doms: DomainRef[] | undefined, stats: number, flags: number): Promise<DomainStatsRecord[]>;
}

/**
 * virDomainDetachDeviceFlags: removes the device the XML names (by its
 * target, MAC or alias) from the live domain and/or its definition.
 * DeviceModifyFlags as for attachDevice. Attach and update are optional
 * members of DomainRole (since 1.3).
 */
export interface DeviceDetachRole {
  detachDevice(dom: DomainRef, xml: string, flags: number): Promise<void>;
}

/** virDomainSetTimeFlags: SYNC re-reads the time from the guest's RTC instead of setting it. */
export const DomainTimeFlags = { SYNC: 1 << 0 } as const;

/** The guest's clock (virDomainGetTime / virDomainSetTime): seconds and nanoseconds since the epoch. */
export interface DomainTimeRole {
  /** flags must be 0. */
  getTime(dom: DomainRef, flags: number): Promise<{ seconds: number; nseconds: number }>;
  /** DomainTimeFlags; `time` is ignored with SYNC. */
  setTime(dom: DomainRef, time: { seconds: number; nseconds: number } | undefined, flags: number): Promise<void>;
}

/** Domain events other than lifecycle ones: reboot, devices added and removed, metadata changes. */
export interface DomainEventRole {
  onDomainEvent(listener: (event: DomainEvent) => void): Unsubscribe;
}

export const DOMAIN_CONTROL_ROLE_METHODS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [DriverRole.DOMAIN_CONTROL, ['reboot', 'reset']],
  [DriverRole.DOMAIN_RESOURCES, ['setMemoryFlags', 'setVcpusFlags', 'getVcpusFlags']],
  [DriverRole.DOMAIN_AUTOSTART, ['domainGetAutostart', 'domainSetAutostart']],
  [DriverRole.MANAGED_SAVE, ['managedSave', 'hasManagedSaveImage', 'managedSaveRemove']],
  [DriverRole.DOMAIN_METADATA, ['getMetadata', 'setMetadata']],
  [DriverRole.SCHEDULER, ['getSchedulerType', 'getSchedulerParameters', 'setSchedulerParameters']],
  [DriverRole.DOMAIN_STATS, ['blockStats', 'interfaceStats', 'memoryStats', 'getAllDomainStats']],
  [DriverRole.DEVICE_DETACH, ['detachDevice']],
  [DriverRole.DOMAIN_EVENTS, ['onDomainEvent']],
  [DriverRole.DOMAIN_TIME, ['getTime', 'setTime']],
];

export function hasDomainControlRole(c: DriverConnection): c is DriverConnection & DomainControlRole { return c.features.has(DriverRole.DOMAIN_CONTROL); }
export function hasDomainResourcesRole(c: DriverConnection): c is DriverConnection & DomainResourcesRole { return c.features.has(DriverRole.DOMAIN_RESOURCES); }
export function hasDomainAutostartRole(c: DriverConnection): c is DriverConnection & DomainAutostartRole { return c.features.has(DriverRole.DOMAIN_AUTOSTART); }
export function hasManagedSaveRole(c: DriverConnection): c is DriverConnection & ManagedSaveRole { return c.features.has(DriverRole.MANAGED_SAVE); }
export function hasDomainMetadataRole(c: DriverConnection): c is DriverConnection & DomainMetadataRole { return c.features.has(DriverRole.DOMAIN_METADATA); }
export function hasSchedulerRole(c: DriverConnection): c is DriverConnection & SchedulerRole { return c.features.has(DriverRole.SCHEDULER); }
export function hasDomainStatsRole(c: DriverConnection): c is DriverConnection & DomainStatsRole { return c.features.has(DriverRole.DOMAIN_STATS); }
export function hasDeviceDetachRole(c: DriverConnection): c is DriverConnection & DeviceDetachRole { return c.features.has(DriverRole.DEVICE_DETACH); }
export function hasDomainEventRole(c: DriverConnection): c is DriverConnection & DomainEventRole { return c.features.has(DriverRole.DOMAIN_EVENTS); }
export function hasDomainTimeRole(c: DriverConnection): c is DriverConnection & DomainTimeRole { return c.features.has(DriverRole.DOMAIN_TIME); }
