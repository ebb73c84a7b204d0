import os from 'node:os';
import {
  type Clock, CreateFlags, DefineFlags, DestroyFlags, DomainEventType, DomainState, DomainXmlFlags, DriverRole, DrvFeature, ErrorCode,
  PausedReason, ResumedDetail, RunningReason, ShutdownFlags, ShutoffReason, StartedDetail, StoppedDetail, SuspendedDetail,
  UndefineFlags, DefinedDetail, UndefinedDetail, allFlags, checkFlags, filterDomainList, formatDomainXml, parseDomainXml,
  type Begin3Args, type Begin3Result, type Confirm3Args, type DomainDef, type DomainInfo, type DomainLifecycleEvent, type DomainRef,
  type DriverConnection, type EventRole, type Finish2Args, type Finish3Args, type Finish3Result, type FinishArgs, type JobInfo,
  type JobRole, type JobStats, type MigrationTuningRole, type MigrationV1, type MigrationV2, type MigrationV3, type NodeInfo, type PerformArgs, type Perform3Args,
  type Prepare2Args, type Prepare3Args, type PrepareArgs, type PrepareResult, type Unsubscribe,
  type NetworkRole, type StoragePoolRole, type StorageVolRole, type SnapshotRole, type InterfaceRole, type NodeDeviceRole, type CheckpointRole, forwardRole,
  type NetworkEventRole, type NetworkLifecycleEvent, type StoragePoolEventRole, type StoragePoolLifecycleEvent, type StoragePoolRefreshEvent,
  type DomainControlRole, type DomainResourcesRole, type DomainAutostartRole, type ManagedSaveRole, type DomainMetadataRole, type SchedulerRole,
  type DomainStatsRole, type DomainEventRole, type DomainTimeRole, type ScreenshotRole, type SendKeyRole, type HostInfoRole, type DomainInfoRole, type DomainGuestRole, type DomainPinningRole,
} from '@virtkit/core';
import { testCapabilitiesXml } from './capabilities.js';
import { DEFAULT_NODE_INFO, TEST_HYPERVISOR_VERSION } from './default-host.js';
import { TestDomain, type TestHost, testError } from './host.js';
import { TestMigration } from './test-migration.js';
import { TestNetworkCalls } from './test-network.js';
import { TestSnapshotCalls } from './test-snapshots.js';
import { TestCheckpointCalls } from './test-checkpoints.js';
import { TestScreen } from './test-screen.js';
import { TestHostInfo } from './test-host-info.js';
import { TestDomainInfo } from './test-domain-info.js';
import { TestDomainGuest } from './test-domain-guest.js';
import { TestDomainControl } from './test-domain-control.js';

export type MigrationVersionName = 'v1' | 'v2' | 'v3';

/** Per-connection options from the URI query. */
export interface TestConnectionOptions {
  uri: string;
  /** Migration versions this connection advertises. */
  migration: ReadonlySet<MigrationVersionName>;
  /** How long a migration's data transfer takes, in ms. */
  migrationMs: number;
  /** How long a prepared incoming migration waits for its source to connect before it expires. */
  incomingTimeoutMs?: number;
}

const XML_FLAGS = allFlags(DomainXmlFlags);

/** The domain-control roles a test host answers (test-domain-control.ts); device detach is not one, as in libvirt's test driver. */
const DOMAIN_CONTROL_ROLES = [
  DriverRole.DOMAIN_CONTROL, DriverRole.DOMAIN_RESOURCES, DriverRole.DOMAIN_AUTOSTART, DriverRole.MANAGED_SAVE, DriverRole.DOMAIN_METADATA,
  DriverRole.SCHEDULER, DriverRole.DOMAIN_STATS, DriverRole.DOMAIN_EVENTS, DriverRole.DOMAIN_TIME,
];

/** Screenshots and keys (test-screen.ts); no console, as libvirt's test driver has none. */
const SCREEN_ROLES = [DriverRole.SCREENSHOT, DriverRole.SEND_KEY];

/**
 * What a test connection declares: jobs, events, networks, storage, the domain-control roles, migratable XML, and the
 * migration versions its URI advertises (offline migration with v2 or v3).
 */
export function testDriverFeatures(migration: ReadonlySet<MigrationVersionName>): ReadonlySet<number> {
  const f = new Set<number>([
    DriverRole.JOBS, DriverRole.EVENTS, DriverRole.NETWORKS, DriverRole.STORAGE, DriverRole.NETWORK_EVENTS, DriverRole.STORAGE_POOL_EVENTS,
    DriverRole.MIGRATION_TUNING, DriverRole.SNAPSHOTS, DriverRole.INTERFACES, DriverRole.NODE_DEVICES, DriverRole.CHECKPOINTS, DrvFeature.XML_MIGRATABLE,
    ...DOMAIN_CONTROL_ROLES, ...SCREEN_ROLES, DriverRole.HOST_INFO, DriverRole.DOMAIN_INFO, DriverRole.DOMAIN_GUEST, DriverRole.DOMAIN_PINNING,
  ]);
  if (migration.has('v1')) f.add(DrvFeature.MIGRATION_V1);
  if (migration.has('v2')) f.add(DrvFeature.MIGRATION_V2);
  if (migration.has('v3')) f.add(DrvFeature.MIGRATION_V3);
  if (migration.has('v2') || migration.has('v3')) f.add(DrvFeature.MIGRATION_OFFLINE);
  return f;
}

/** The network, storage, snapshot, interface, node device, checkpoint and domain-control roles, forwarded to their own classes (see the constructor). */
export interface TestConnection extends NetworkRole, StoragePoolRole, StorageVolRole, SnapshotRole, InterfaceRole, NodeDeviceRole, CheckpointRole,
  DomainControlRole, DomainResourcesRole, DomainAutostartRole, ManagedSaveRole, DomainMetadataRole, SchedulerRole, DomainStatsRole, DomainEventRole, DomainTimeRole, ScreenshotRole, SendKeyRole,
  HostInfoRole, DomainInfoRole, DomainGuestRole, DomainPinningRole {}

/**
 * A connection to one in-memory test host. Implements every role: host,
 * domains, jobs, events, networks (test-network.ts), storage (test-storage.ts) and the three migration protocols (test-migration.ts),
 * declaring the migration versions the URI says the host advertises.
 */
export class TestConnection implements DriverConnection, JobRole, EventRole, MigrationV1, MigrationV2, MigrationV3, MigrationTuningRole, NetworkRole, StoragePoolRole, StorageVolRole, NetworkEventRole, StoragePoolEventRole {
  readonly features: ReadonlySet<number>;
  private readonly migration: TestMigration;

  constructor(
    private readonly host: TestHost,
    private readonly options: TestConnectionOptions,
    private readonly clock: Clock,
  ) {
    this.features = testDriverFeatures(options.migration);
    this.migration = new TestMigration(host, this, options);
    forwardRole(this, new TestNetworkCalls(host), DriverRole.NETWORKS);
    forwardRole(this, host.storage, DriverRole.STORAGE);
    forwardRole(this, new TestSnapshotCalls(host, this, clock), DriverRole.SNAPSHOTS);
    forwardRole(this, host.interfaces, DriverRole.INTERFACES);
    forwardRole(this, host.nodeDevices, DriverRole.NODE_DEVICES);
    forwardRole(this, new TestCheckpointCalls(host, clock), DriverRole.CHECKPOINTS);
    const control = new TestDomainControl(host, this);
    for (const role of DOMAIN_CONTROL_ROLES) forwardRole(this, control, role);
    const screen = new TestScreen(host);
    for (const role of SCREEN_ROLES) forwardRole(this, screen, role);
    forwardRole(this, new TestHostInfo(host), DriverRole.HOST_INFO);
    const info = new TestDomainInfo(host);
    forwardRole(this, info, DriverRole.DOMAIN_INFO);
    forwardRole(this, info, DriverRole.DOMAIN_PINNING);
    forwardRole(this, new TestDomainGuest(host), DriverRole.DOMAIN_GUEST);
  }

  // ---- host ----

  async getType(): Promise<string> { return 'TEST'; }
  async getVersion(): Promise<number> { return TEST_HYPERVISOR_VERSION; }
  async getHostname(): Promise<string> { return os.hostname(); }
  async getUri(): Promise<string> { return this.options.uri; }
  async getNodeInfo(): Promise<NodeInfo> { return { ...DEFAULT_NODE_INFO }; }
  async getCapabilities(): Promise<string> { return testCapabilitiesXml(DEFAULT_NODE_INFO); }

  async close(): Promise<void> {}

  // ---- domains ----

  async listDomains(flags: number): Promise<DomainRef[]> {
    return filterDomainList(this.host.domains.values(), flags, (d) => ({ active: d.id >= 0, persistent: d.persistent, state: d.state, autostart: d.autostart, hasManagedSave: d.managedSave }), (d) => this.host.ref(d));
  }

  async lookupByName(name: string): Promise<DomainRef> { return this.host.ref(this.host.domains.getByName(name)); }
  async lookupByUuid(uuid: string): Promise<DomainRef> { return this.host.ref(this.host.domains.getByUuid(uuid)); }
  async lookupById(id: number): Promise<DomainRef> { return this.host.ref(this.host.domains.getById(id)); }

  /** Parses a definition for this driver. */
  parse(xml: string): DomainDef {
    const def = parseDomainXml(xml);
    if (def.type !== 'test') throw testError(ErrorCode.CONFIG_UNSUPPORTED, `domain type '${def.type}' is not supported by the test driver (expected 'test')`);
    delete def.id;
    return def;
  }

  async defineXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, allFlags(DefineFlags), 'virDomainDefineXMLFlags');
    return this.host.ref(this.persist(this.parse(xml)));
  }

  /** Defines `def` persistently: a new domain, or a new definition of the one with its UUID. */
  persist(def: DomainDef): TestDomain {
    const existing = this.host.domains.checkConflicts(def);
    if (existing) {
      if (existing.incoming) throw testError(ErrorCode.OPERATION_INVALID, `domain '${def.name}' is being migrated in`);
      existing.def = def;
      existing.persistent = true;
      this.host.emit(existing, DomainEventType.DEFINED, DefinedDetail.UPDATED);
      return existing;
    }
    const d = this.host.domains.add(new TestDomain(def, true, DomainState.SHUTOFF, ShutoffReason.UNKNOWN));
    this.host.emit(d, DomainEventType.DEFINED, DefinedDetail.ADDED);
    return d;
  }

  async undefine(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(UndefineFlags), 'virDomainUndefineFlags');
    const d = this.host.domains.get(dom);
    if (!d.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'cannot undefine transient domain');
    if (d.managedSave && !(flags & UndefineFlags.MANAGED_SAVE)) throw testError(ErrorCode.OPERATION_INVALID, 'Refusing to undefine while domain managed save image exists');
    d.managedSave = false;
    d.autostart = false;
    this.host.emit(d, DomainEventType.UNDEFINED, UndefinedDetail.REMOVED);
    if (d.id >= 0) d.persistent = false;
    else this.host.domains.remove(d);
  }

  /** Boots an inactive domain; `reason` is why it runs (booted, migrated). */
  start(d: TestDomain, flags: number, reason = RunningReason.BOOTED): void {
    d.id = this.host.domains.allocateId();
    d.liveDef = structuredClone(d.def);
    d.liveDef.id = d.id;
    d.runningSince = this.clock.monotonic();
    d.cpuTimeNs = 0n;
    d.state = DomainState.RUNNING;
    d.reason = reason;
    this.host.emit(d, DomainEventType.STARTED, reason === RunningReason.MIGRATED ? StartedDetail.MIGRATED : reason === RunningReason.FROM_SNAPSHOT ? StartedDetail.FROM_SNAPSHOT : StartedDetail.BOOTED);
    if (flags & CreateFlags.START_PAUSED) this.pause(d, PausedReason.USER, SuspendedDetail.PAUSED);
  }

  async create(dom: DomainRef, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_AUTODESTROY | CreateFlags.START_BYPASS_CACHE | CreateFlags.START_FORCE_BOOT | CreateFlags.START_VALIDATE, 'virDomainCreateWithFlags');
    const d = this.host.domains.get(dom);
    if (d.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, 'domain is already running');
    // A managed save image is used up by the start, as libvirt's test driver does (it boots afresh).
    d.managedSave = false;
    this.start(d, flags);
    return this.host.ref(d);
  }

  async createXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_AUTODESTROY | CreateFlags.START_VALIDATE, 'virDomainCreateXML');
    const def = this.parse(xml);
    const existing = this.host.domains.checkConflicts(def);
    if (existing && existing.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, `domain '${def.name}' is already active`);
    const d = existing ?? this.host.domains.add(new TestDomain(def, false, DomainState.SHUTOFF, ShutoffReason.UNKNOWN));
    d.def = def;
    this.start(d, flags);
    return this.host.ref(d);
  }

  /** The domain, which must be running or paused. */
  active(dom: DomainRef): TestDomain {
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'domain is not running');
    return d;
  }

  pause(d: TestDomain, reason: PausedReason, detail: SuspendedDetail): void {
    this.accountCpu(d);
    d.state = DomainState.PAUSED;
    d.reason = reason;
    this.host.emit(d, DomainEventType.SUSPENDED, detail);
  }

  unpause(d: TestDomain, reason: RunningReason, detail: ResumedDetail): void {
    d.state = DomainState.RUNNING;
    d.reason = reason;
    d.runningSince = this.clock.monotonic();
    this.host.emit(d, DomainEventType.RESUMED, detail);
  }

  /** Stops an active domain, ending its job; a transient one disappears. */
  stop(d: TestDomain, reason: ShutoffReason, detail: StoppedDetail): void {
    this.accountCpu(d);
    if (this.host.jobs.current(d)) void this.host.jobs.abort(d).catch(() => {});
    d.state = DomainState.SHUTOFF;
    d.reason = reason;
    this.host.emit(d, DomainEventType.STOPPED, detail);
    d.id = -1;
    delete d.liveDef;
    delete d.runningSince;
    // A destroyed incoming guest takes its Prepare along: the migration can be tried again.
    if (d.incoming) this.host.dropIncoming(d.incoming.key);
    delete d.incoming;
    delete d.outgoing;
    if (!d.persistent) this.host.domains.remove(d);
  }

  accountCpu(d: TestDomain): void {
    if (d.state === DomainState.RUNNING && d.runningSince !== undefined) {
      const now = this.clock.monotonic();
      d.cpuTimeNs += BigInt(Math.round((now - d.runningSince) * 1e6));
      d.runningSince = now;
    }
  }

  /** Refuses `what` while a job runs or the domain is still arriving. */
  private noJob(d: TestDomain, what: string): void {
    this.host.jobs.checkIdle(d, what);
    if (d.incoming) throw testError(ErrorCode.OPERATION_INVALID, `cannot ${what}: domain '${d.name}' is being migrated in; use domjobabort or destroy to cancel an incoming migration whose client is gone`);
    if (d.outgoing) throw testError(ErrorCode.OPERATION_INVALID, `cannot ${what}: domain '${d.name}' is being migrated; use domjobabort to cancel a migration whose client is gone`);
  }

  // Shutdown, suspend and resume in the wrong state fail as in libvirt's test driver: INTERNAL_ERROR,
  // "domain 'NAME' not running" / "not paused".
  async shutdown(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(ShutdownFlags), 'virDomainShutdownFlags');
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw testError(ErrorCode.INTERNAL_ERROR, `domain '${d.name}' not running`);
    this.noJob(d, 'shut down');
    this.host.emit(d, DomainEventType.SHUTDOWN, 0);
    this.stop(d, ShutoffReason.SHUTDOWN, StoppedDetail.SHUTDOWN);
  }

  async destroy(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(DestroyFlags), 'virDomainDestroyFlags');
    const d = this.active(dom);
    this.stop(d, ShutoffReason.DESTROYED, StoppedDetail.DESTROYED);
  }

  async suspend(dom: DomainRef): Promise<void> {
    const d = this.host.domains.get(dom);
    this.noJob(d, 'suspend');
    if (d.state !== DomainState.RUNNING) throw testError(ErrorCode.INTERNAL_ERROR, `domain '${d.name}' not running`);
    this.pause(d, PausedReason.USER, SuspendedDetail.PAUSED);
  }

  async resume(dom: DomainRef): Promise<void> {
    const d = this.host.domains.get(dom);
    this.noJob(d, 'resume');
    if (d.state !== DomainState.PAUSED) throw testError(ErrorCode.INTERNAL_ERROR, `domain '${d.name}' not paused`);
    this.unpause(d, RunningReason.UNPAUSED, ResumedDetail.UNPAUSED);
  }

  async getInfo(dom: DomainRef): Promise<DomainInfo> {
    const d = this.host.domains.get(dom);
    this.accountCpu(d);
    const def = d.liveDef ?? d.def;
    return { state: d.state, maxMem: def.memory.kib, memory: def.currentMemory?.kib ?? def.memory.kib, nrVirtCpu: def.vcpu.current ?? def.vcpu.count, cpuTime: d.cpuTimeNs };
  }

  async getState(dom: DomainRef): Promise<{ state: DomainState; reason: number }> {
    const d = this.host.domains.get(dom);
    return { state: d.state, reason: d.reason };
  }

  /** "linux" for every domain, whatever its XML says, as libvirt's test driver answers. */
  async getOSType(dom: DomainRef): Promise<string> {
    this.host.domains.get(dom);
    return 'linux';
  }

  async getXmlDesc(dom: DomainRef, flags: number): Promise<string> {
    checkFlags(flags, XML_FLAGS, 'virDomainGetXMLDesc');
    const d = this.host.domains.get(dom);
    const inactive = !!(flags & (DomainXmlFlags.INACTIVE | DomainXmlFlags.MIGRATABLE)) || !d.liveDef;
    return formatDomainXml(inactive ? d.def : d.liveDef!, { inactive });
  }

  // ---- jobs (core's tracker) ----

  async getJobInfo(dom: DomainRef): Promise<JobInfo> { return this.host.jobs.info(this.host.domains.get(dom)); }
  async getJobStats(dom: DomainRef, flags: number): Promise<JobStats> { return this.host.jobs.stats(this.host.domains.get(dom), flags); }
  /** The running job's abort; without one, a migration whose client is gone is cancelled (TestMigration.cancelStranded). */
  async abortJob(dom: DomainRef): Promise<void> {
    const d = this.host.domains.get(dom);
    if (!this.host.jobs.current(d) && (d.incoming || d.outgoing)) return this.migration.cancelStranded(d);
    return this.host.jobs.abort(d);
  }

  // ---- events (core's bus) ----

  onLifecycle(listener: (event: DomainLifecycleEvent) => void): Unsubscribe {
    return this.host.events.subscribe(listener);
  }

  onNetworkLifecycle(listener: (event: NetworkLifecycleEvent) => void): Unsubscribe {
    return this.host.objectEvents.onNetworkLifecycle(listener);
  }

  onStoragePoolLifecycle(listener: (event: StoragePoolLifecycleEvent) => void): Unsubscribe {
    return this.host.objectEvents.onPoolLifecycle(listener);
  }

  onStoragePoolRefresh(listener: (event: StoragePoolRefreshEvent) => void): Unsubscribe {
    return this.host.objectEvents.onPoolRefresh(listener);
  }

  // ---- migration (test-migration.ts) ----

  migratePrepare(args: PrepareArgs): Promise<PrepareResult> { return this.migration.prepare('v1', args); }
  migratePerform(dom: DomainRef, args: PerformArgs): Promise<void> { return this.migration.perform(dom, args); }
  migrateFinish(args: FinishArgs): Promise<DomainRef> { return this.migration.finishV1(args); }
  migratePrepare2(args: Prepare2Args): Promise<PrepareResult> { return this.migration.prepare('v2', args, args.domXml); }
  migrateFinish2(args: Finish2Args): Promise<DomainRef | null> { return this.migration.finish('v2', args, args.retcode !== 0); }
  migrateBegin3(dom: DomainRef, args: Begin3Args): Promise<Begin3Result> { return this.migration.begin3(dom, args); }
  migratePrepare3(args: Prepare3Args): Promise<PrepareResult> { return this.migration.prepare('v3', args, args.domXml); }
  migratePerform3(dom: DomainRef, args: Perform3Args): Promise<{ cookie?: Uint8Array }> { return this.migration.perform3(dom, args); }
  async migrateFinish3(args: Finish3Args): Promise<Finish3Result> { return { domain: await this.migration.finish('v3', args, args.cancelled) }; }
  migrateConfirm3(dom: DomainRef, args: Confirm3Args): Promise<void> { return this.migration.confirm3(dom, args); }
  async migrateSetMaxDowntime(dom: DomainRef, downtimeMs: number, flags: number): Promise<void> { this.migration.setMaxDowntime(dom, downtimeMs, flags); }
  async migrateGetMaxDowntime(dom: DomainRef, flags: number): Promise<number> { return this.migration.getMaxDowntime(dom, flags); }
  async migrateSetMaxSpeed(dom: DomainRef, bandwidthMiB: number, flags: number): Promise<void> { this.migration.setMaxSpeed(dom, bandwidthMiB, flags); }
  async migrateGetMaxSpeed(dom: DomainRef, flags: number): Promise<number> { return this.migration.getMaxSpeed(dom, flags); }
}
