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

/** virDomainEventID of the events DomainEventRole delivers. */
export enum DomainEventId {
  REBOOT = 1,
  DEVICE_REMOVED = 15,
  DEVICE_ADDED = 19,
  METADATA_CHANGE = 23,
}

/** One domain event other than a lifecycle change. */
export type DomainEvent =
  /** The guest rebooted (VIR_DOMAIN_EVENT_ID_REBOOT). */
  | { id: DomainEventId.REBOOT; domain: DomainRef }
  /** A device is gone from the live domain, named by its alias ("virtio-disk1", "net1"). */
  | { id: DomainEventId.DEVICE_REMOVED; domain: DomainRef; devAlias: string }
  | { id: DomainEventId.DEVICE_ADDED; domain: DomainRef; devAlias: string }
  /** The title, description or one metadata element changed; nsuri for ELEMENT. */
  | { id: DomainEventId.METADATA_CHANGE; domain: DomainRef; type: MetadataType; nsuri?: string };

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
