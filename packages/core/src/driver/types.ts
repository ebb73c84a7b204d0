/**
 * Values that cross the driver contract. Numbers follow libvirt's public
 * enums (libvirt-domain.h) so they pass through the RPC wire unchanged.
 */

/** How a driver names a domain: libvirt's remote_nonnull_domain. id is -1 when inactive. */
export interface DomainRef {
  name: string;
  uuid: string;
  id: number;
}

/** virDomainState. */
export enum DomainState {
  NOSTATE = 0,
  RUNNING = 1,
  BLOCKED = 2,
  PAUSED = 3,
  SHUTDOWN = 4,
  SHUTOFF = 5,
  CRASHED = 6,
  PMSUSPENDED = 7,
}

/** virDomainRunningReason. */
export enum RunningReason { UNKNOWN = 0, BOOTED = 1, MIGRATED = 2, RESTORED = 3, FROM_SNAPSHOT = 4, UNPAUSED = 5, MIGRATION_CANCELED = 6, SAVE_CANCELED = 7, WAKEUP = 8, CRASHED = 9, POSTCOPY = 10 }
/** virDomainPausedReason. */
export enum PausedReason { UNKNOWN = 0, USER = 1, MIGRATION = 2, SAVE = 3, DUMP = 4, IOERROR = 5, WATCHDOG = 6, FROM_SNAPSHOT = 7, SHUTTING_DOWN = 8, SNAPSHOT = 9, CRASHED = 10, STARTING_UP = 11, POSTCOPY = 12, POSTCOPY_FAILED = 13 }
/** virDomainShutoffReason. */
export enum ShutoffReason { UNKNOWN = 0, SHUTDOWN = 1, DESTROYED = 2, CRASHED = 3, MIGRATED = 4, SAVED = 5, FAILED = 6, FROM_SNAPSHOT = 7, DAEMON = 8 }

/** virDomainInfo. Memory in KiB, cpuTime in nanoseconds. */
export interface DomainInfo {
  state: DomainState;
  maxMem: number;
  memory: number;
  nrVirtCpu: number;
  cpuTime: bigint;
}

/** virNodeInfo. memory in KiB, mhz in MHz. */
export interface NodeInfo {
  model: string;
  memory: number;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

/** virDomainJobType. */
export enum JobType { NONE = 0, BOUNDED = 1, UNBOUNDED = 2, COMPLETED = 3, FAILED = 4, CANCELLED = 5 }

/** virDomainJobInfo. Times in milliseconds, sizes in bytes. */
export interface JobInfo {
  type: JobType;
  timeElapsed: number;
  timeRemaining: number;
  dataTotal: number;
  dataProcessed: number;
  dataRemaining: number;
  memTotal: number;
  memProcessed: number;
  memRemaining: number;
  fileTotal: number;
  fileProcessed: number;
  fileRemaining: number;
}

export function emptyJobInfo(type: JobType = JobType.NONE): JobInfo {
  return { type, timeElapsed: 0, timeRemaining: 0, dataTotal: 0, dataProcessed: 0, dataRemaining: 0, memTotal: 0, memProcessed: 0, memRemaining: 0, fileTotal: 0, fileProcessed: 0, fileRemaining: 0 };
}

/** virDomainGetJobStats: the job type plus libvirt's named statistics (time_elapsed, downtime, memory_dirty_rate, …). */
export interface JobStats {
  type: JobType;
  params: Record<string, number | string | boolean>;
}

/** virDomainEventType. */
export enum DomainEventType { DEFINED = 0, UNDEFINED = 1, STARTED = 2, SUSPENDED = 3, RESUMED = 4, STOPPED = 5, SHUTDOWN = 6, PMSUSPENDED = 7, CRASHED = 8 }
export enum DefinedDetail { ADDED = 0, UPDATED = 1, RENAMED = 2, FROM_SNAPSHOT = 3 }
export enum UndefinedDetail { REMOVED = 0, RENAMED = 1 }
export enum StartedDetail { BOOTED = 0, MIGRATED = 1, RESTORED = 2, FROM_SNAPSHOT = 3, WAKEUP = 4 }
export enum SuspendedDetail { PAUSED = 0, MIGRATED = 1, IOERROR = 2, WATCHDOG = 3, RESTORED = 4, FROM_SNAPSHOT = 5, API_ERROR = 6, POSTCOPY = 7, POSTCOPY_FAILED = 8 }
export enum ResumedDetail { UNPAUSED = 0, MIGRATED = 1, FROM_SNAPSHOT = 2, POSTCOPY = 3, POSTCOPY_FAILED = 4 }
export enum StoppedDetail { SHUTDOWN = 0, DESTROYED = 1, CRASHED = 2, MIGRATED = 3, SAVED = 4, FAILED = 5, FROM_SNAPSHOT = 6 }
export enum ShutdownDetail { FINISHED = 0, GUEST = 1, HOST = 2 }

/** One lifecycle event (VIR_DOMAIN_EVENT_ID_LIFECYCLE); detail is the enum of its type. */
export interface DomainLifecycleEvent {
  domain: DomainRef;
  event: DomainEventType;
  detail: number;
}

export type Unsubscribe = () => void;
