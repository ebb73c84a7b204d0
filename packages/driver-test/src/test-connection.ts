import os from 'node:os';
import {
  type Clock, CreateFlags, DefineFlags, DestroyFlags, DomainEventType, DomainState, DomainXmlFlags, DrvFeature, ErrorCode,
  JobStatsFlags, JobType, ListDomainsFlags, MigrateFlags, PausedReason, ResumedDetail, RunningReason, ShutdownFlags, ShutoffReason,
  StartedDetail, StoppedDetail, SuspendedDetail, UndefineFlags, DefinedDetail, UndefinedDetail,
  allFlags, checkFlags, emptyJobInfo, formatDomainXml, parseDomainXml,
  type DomainDef, type DomainInfo, type DomainLifecycleEvent, type DomainRef, type DriverConnection, type EventRole,
  type JobInfo, type JobRole, type JobStats, type MigrationPerformArgs, type MigrationPrepareArgs, type MigrationPrepareResult,
  type MigrationV1, type MigrationV2, type MigrationV3, type NodeInfo, type Unsubscribe,
} from '@virtkit/core';
import { testCapabilitiesXml } from './capabilities.js';
import { DEFAULT_NODE_INFO, TEST_HYPERVISOR_VERSION } from './default-host.js';
import { type IncomingRecord, type TestDomain, type TestHost, noDomain, testError } from './host.js';
import { IncomingMigration, type MigrationPayload, parseMigrationUri, sendMigration } from './migration-stream.js';

export type MigrationVersionName = 'v1' | 'v2' | 'v3';

/** Per-connection options from the URI query. */
export interface TestConnectionOptions {
  uri: string;
  /** Migration versions this connection advertises. */
  migration: ReadonlySet<MigrationVersionName>;
  /** How long a migration's data transfer takes, in ms. */
  migrationMs: number;
}

const MIGRATE_FLAGS = MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE | MigrateFlags.PAUSED |
  MigrateFlags.OFFLINE | MigrateFlags.ABORT_ON_ERROR | MigrateFlags.AUTO_CONVERGE | MigrateFlags.UNSAFE;
const XML_FLAGS = allFlags(DomainXmlFlags);


/**
 * A connection to one in-memory test host. Implements every role: host,
 * domains, jobs, events and the three migration protocols, each guarded by
 * what the URI says the host advertises.
 */
export class TestConnection implements DriverConnection, JobRole, EventRole, MigrationV1, MigrationV2, MigrationV3 {
  constructor(
    private readonly host: TestHost,
    private readonly options: TestConnectionOptions,
    private readonly clock: Clock,
  ) {}

  // ---- host ----

  async getType(): Promise<string> { return 'TEST'; }
  async getVersion(): Promise<number> { return TEST_HYPERVISOR_VERSION; }
  async getHostname(): Promise<string> { return os.hostname(); }
  async getUri(): Promise<string> { return this.options.uri; }
  async getNodeInfo(): Promise<NodeInfo> { return { ...DEFAULT_NODE_INFO }; }
  async getCapabilities(): Promise<string> { return testCapabilitiesXml(DEFAULT_NODE_INFO); }

  async supportsFeature(feature: number): Promise<boolean> {
    switch (feature) {
      case DrvFeature.MIGRATION_V1: return this.options.migration.has('v1');
      case DrvFeature.MIGRATION_V2: return this.options.migration.has('v2');
      case DrvFeature.MIGRATION_V3: return this.options.migration.has('v3');
      case DrvFeature.MIGRATION_OFFLINE: return this.options.migration.has('v2') || this.options.migration.has('v3');
      case DrvFeature.XML_MIGRATABLE: return true;
      default: return false;
    }
  }

  async close(): Promise<void> {}

  // ---- domains ----

  async listDomains(flags: number): Promise<DomainRef[]> {
    checkFlags(flags, allFlags(ListDomainsFlags), 'virConnectListAllDomains');
    const active = (d: TestDomain) => d.id >= 0;
    const want = (on: number, off: number, has: boolean) => !(flags & (on | off)) || (has ? !!(flags & on) : !!(flags & off));
    const out: DomainRef[] = [];
    for (const d of this.host.domains.values()) {
      if (!want(ListDomainsFlags.ACTIVE, ListDomainsFlags.INACTIVE, active(d))) continue;
      if (!want(ListDomainsFlags.PERSISTENT, ListDomainsFlags.TRANSIENT, d.persistent)) continue;
      const stateMask = ListDomainsFlags.RUNNING | ListDomainsFlags.PAUSED | ListDomainsFlags.SHUTOFF | ListDomainsFlags.OTHER;
      if (flags & stateMask) {
        const bit = d.state === DomainState.RUNNING ? ListDomainsFlags.RUNNING : d.state === DomainState.PAUSED ? ListDomainsFlags.PAUSED : d.state === DomainState.SHUTOFF ? ListDomainsFlags.SHUTOFF : ListDomainsFlags.OTHER;
        if (!(flags & bit)) continue;
      }
      out.push(this.host.ref(d));
    }
    return out.sort((a, b) => (a.id < 0 ? 1e12 : a.id) - (b.id < 0 ? 1e12 : b.id) || a.name.localeCompare(b.name));
  }

  async lookupByName(name: string): Promise<DomainRef> {
    const d = this.host.byName(name);
    if (!d) throw noDomain(`no domain with matching name '${name}'`);
    return this.host.ref(d);
  }

  async lookupByUuid(uuid: string): Promise<DomainRef> {
    const d = this.host.domains.get(uuid.toLowerCase());
    if (!d) throw noDomain(`no domain with matching uuid '${uuid}'`);
    return this.host.ref(d);
  }

  async lookupById(id: number): Promise<DomainRef> {
    for (const d of this.host.domains.values()) if (d.id === id && id >= 0) return this.host.ref(d);
    throw noDomain(`no domain with matching id ${id}`);
  }

  /** Checks a new definition against the domains already on the host. */
  private checkConflicts(def: DomainDef): TestDomain | undefined {
    const sameUuid = this.host.domains.get(def.uuid);
    const sameName = this.host.byName(def.name);
    if (sameName && sameName !== sameUuid) {
      throw testError(ErrorCode.OPERATION_FAILED, `operation failed: domain '${def.name}' already exists with uuid ${sameName.def.uuid}`);
    }
    if (sameUuid && sameUuid.def.name !== def.name) {
      throw testError(ErrorCode.OPERATION_FAILED, `operation failed: domain '${sameUuid.def.name}' is already defined with uuid ${def.uuid}`);
    }
    return sameUuid;
  }

  private parse(xml: string): DomainDef {
    const def = parseDomainXml(xml);
    if (def.type !== 'test') throw testError(ErrorCode.CONFIG_UNSUPPORTED, `unsupported configuration: domain type '${def.type}' is not supported by the test driver (expected 'test')`);
    delete def.id;
    return def;
  }

  async defineXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, allFlags(DefineFlags), 'virDomainDefineXMLFlags');
    const def = this.parse(xml);
    const existing = this.checkConflicts(def);
    if (existing) {
      if (existing.incoming) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: domain '${def.name}' is being migrated in`);
      existing.def = def;
      existing.persistent = true;
      this.host.emit(existing, DomainEventType.DEFINED, DefinedDetail.UPDATED);
      return this.host.ref(existing);
    }
    const d: TestDomain = { def, persistent: true, state: DomainState.SHUTOFF, reason: ShutoffReason.UNKNOWN, id: -1, cpuTimeNs: 0n };
    this.host.domains.set(def.uuid, d);
    this.host.emit(d, DomainEventType.DEFINED, DefinedDetail.ADDED);
    return this.host.ref(d);
  }

  async undefine(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(UndefineFlags), 'virDomainUndefineFlags');
    const d = this.host.get(dom);
    if (!d.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'Requested operation is not valid: cannot undefine transient domain');
    this.host.emit(d, DomainEventType.UNDEFINED, UndefinedDetail.REMOVED);
    if (d.id >= 0) d.persistent = false;
    else this.host.domains.delete(d.def.uuid);
  }

  private start(d: TestDomain, flags: number, reason = RunningReason.BOOTED): void {
    d.id = this.host.allocateId();
    d.liveDef = structuredClone(d.def);
    d.liveDef.id = d.id;
    d.runningSince = this.clock.monotonic();
    d.cpuTimeNs = 0n;
    d.state = DomainState.RUNNING;
    d.reason = reason;
    this.host.emit(d, DomainEventType.STARTED, StartedDetail.BOOTED);
    if (flags & CreateFlags.START_PAUSED) this.pause(d, PausedReason.USER, SuspendedDetail.PAUSED);
  }

  async create(dom: DomainRef, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_AUTODESTROY | CreateFlags.START_BYPASS_CACHE | CreateFlags.START_FORCE_BOOT | CreateFlags.START_VALIDATE, 'virDomainCreateWithFlags');
    const d = this.host.get(dom);
    if (d.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, 'Requested operation is not valid: domain is already running');
    this.start(d, flags);
    return this.host.ref(d);
  }

  async createXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_AUTODESTROY | CreateFlags.START_VALIDATE, 'virDomainCreateXML');
    const def = this.parse(xml);
    const existing = this.checkConflicts(def);
    if (existing && existing.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: domain '${def.name}' is already active`);
    const d: TestDomain = existing ?? { def, persistent: false, state: DomainState.SHUTOFF, reason: ShutoffReason.UNKNOWN, id: -1, cpuTimeNs: 0n };
    if (existing) existing.def = def;
    this.host.domains.set(def.uuid, d);
    this.start(d, flags);
    return this.host.ref(d);
  }

  private active(dom: DomainRef): TestDomain {
    const d = this.host.get(dom);
    if (d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'Requested operation is not valid: domain is not running');
    return d;
  }

  private pause(d: TestDomain, reason: PausedReason, detail: SuspendedDetail): void {
    this.accountCpu(d);
    d.state = DomainState.PAUSED;
    d.reason = reason;
    this.host.emit(d, DomainEventType.SUSPENDED, detail);
  }

  private unpause(d: TestDomain, reason: RunningReason, detail: ResumedDetail): void {
    d.state = DomainState.RUNNING;
    d.reason = reason;
    d.runningSince = this.clock.monotonic();
    this.host.emit(d, DomainEventType.RESUMED, detail);
  }

  /** Stops an active domain; a transient one disappears. */
  private stop(d: TestDomain, reason: ShutoffReason, detail: StoppedDetail): void {
    this.accountCpu(d);
    d.job?.abort.abort();
    d.state = DomainState.SHUTOFF;
    d.reason = reason;
    this.host.emit(d, DomainEventType.STOPPED, detail);
    d.id = -1;
    delete d.liveDef;
    delete d.runningSince;
    delete d.incoming;
    if (!d.persistent) this.host.domains.delete(d.def.uuid);
  }

  private accountCpu(d: TestDomain): void {
    if (d.state === DomainState.RUNNING && d.runningSince !== undefined) {
      const now = this.clock.monotonic();
      d.cpuTimeNs += BigInt(Math.round((now - d.runningSince) * 1e6));
      d.runningSince = now;
    }
  }

  private noJob(d: TestDomain, what: string): void {
    if (d.job) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: cannot ${what}: a migration job is running for domain '${d.def.name}'`);
    if (d.incoming) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: cannot ${what}: domain '${d.def.name}' is being migrated in`);
  }

  // Shutdown, suspend and resume in the wrong state fail in the words of libvirt's test driver,
  // which raises INTERNAL_ERROR for them; the code is the contract's OPERATION_INVALID.
  async shutdown(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(ShutdownFlags), 'virDomainShutdownFlags');
    const d = this.host.get(dom);
    if (d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, `internal error: domain '${d.def.name}' not running`);
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
    const d = this.host.get(dom);
    this.noJob(d, 'suspend');
    if (d.state !== DomainState.RUNNING) throw testError(ErrorCode.OPERATION_INVALID, `internal error: domain '${d.def.name}' not running`);
    this.pause(d, PausedReason.USER, SuspendedDetail.PAUSED);
  }

  async resume(dom: DomainRef): Promise<void> {
    const d = this.host.get(dom);
    this.noJob(d, 'resume');
    if (d.state !== DomainState.PAUSED) throw testError(ErrorCode.OPERATION_INVALID, `internal error: domain '${d.def.name}' not paused`);
    this.unpause(d, RunningReason.UNPAUSED, ResumedDetail.UNPAUSED);
  }

  async getInfo(dom: DomainRef): Promise<DomainInfo> {
    const d = this.host.get(dom);
    this.accountCpu(d);
    const def = d.liveDef ?? d.def;
    return { state: d.state, maxMem: def.memory.kib, memory: def.currentMemory?.kib ?? def.memory.kib, nrVirtCpu: def.vcpu.current ?? def.vcpu.count, cpuTime: d.cpuTimeNs };
  }

  async getState(dom: DomainRef): Promise<{ state: DomainState; reason: number }> {
    const d = this.host.get(dom);
    return { state: d.state, reason: d.reason };
  }

  /** "linux" for every domain, whatever its XML says, as libvirt's test driver answers. */
  async getOSType(dom: DomainRef): Promise<string> {
    this.host.get(dom);
    return 'linux';
  }

  async getXmlDesc(dom: DomainRef, flags: number): Promise<string> {
    checkFlags(flags, XML_FLAGS, 'virDomainGetXMLDesc');
    const d = this.host.get(dom);
    const inactive = !!(flags & (DomainXmlFlags.INACTIVE | DomainXmlFlags.MIGRATABLE)) || !d.liveDef;
    return formatDomainXml(inactive ? d.def : d.liveDef!, { inactive });
  }

  // ---- jobs ----

  async getJobInfo(dom: DomainRef): Promise<JobInfo> {
    const d = this.host.get(dom);
    if (!d.job) return emptyJobInfo();
    const info = { ...d.job.info, timeElapsed: Math.round(this.clock.monotonic() - d.job.startedAt) };
    return info;
  }

  async getJobStats(dom: DomainRef, flags: number): Promise<JobStats> {
    checkFlags(flags, allFlags(JobStatsFlags), 'virDomainGetJobStats');
    const d = this.host.get(dom);
    const info = flags & JobStatsFlags.COMPLETED ? d.lastJob : d.job ? await this.getJobInfo(dom) : undefined;
    if (flags & JobStatsFlags.COMPLETED && !(flags & JobStatsFlags.KEEP_COMPLETED)) delete d.lastJob;
    if (!info) return { type: JobType.NONE, params: {} };
    return {
      type: info.type,
      params: {
        operation: 4,
        time_elapsed: info.timeElapsed,
        data_total: info.dataTotal,
        data_processed: info.dataProcessed,
        data_remaining: info.dataRemaining,
        memory_total: info.memTotal,
        memory_processed: info.memProcessed,
        memory_remaining: info.memRemaining,
      },
    };
  }

  async abortJob(dom: DomainRef): Promise<void> {
    const d = this.host.get(dom);
    if (!d.job) throw testError(ErrorCode.OPERATION_INVALID, 'Requested operation is not valid: no job is active on the domain');
    d.job.abort.abort();
  }

  // ---- events ----

  onLifecycle(listener: (event: DomainLifecycleEvent) => void): Unsubscribe {
    return this.host.onLifecycle(listener);
  }

  // ---- migration ----

  private requireVersion(v: MigrationVersionName, call: string): void {
    if (!this.options.migration.has(v)) {
      throw testError(ErrorCode.NO_SUPPORT, `this function is not supported by the connection driver: ${call} (this host advertises ${[...this.options.migration].join(',') || 'no migration'})`);
    }
  }


  private checkMigrationArgs(flags: number, bandwidth: number, call: string): void {
    checkFlags(flags, MIGRATE_FLAGS | MigrateFlags.CHANGE_PROTECTION, call);
    if (flags & MigrateFlags.CHANGE_PROTECTION) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, 'argument unsupported: the test driver has no change protection');
    if (!Number.isInteger(bandwidth) || bandwidth < 0) throw testError(ErrorCode.INVALID_ARG, 'invalid argument: bandwidth must be a non-negative integer');
  }

  /**
   * The destination's Prepare: check the incoming definition (v2/v3), open a
   * loopback listener, and for v2/v3 show the guest paused for migration.
   */
  private async prepare(version: MigrationVersionName, args: MigrationPrepareArgs, domXml?: string): Promise<MigrationPrepareResult> {
    this.checkMigrationArgs(args.flags, args.bandwidth, `virDomainMigratePrepare (${version})`);
    const requested = args.uriIn !== undefined ? parseMigrationUri(args.uriIn) : undefined;
    const offline = !!(args.flags & MigrateFlags.OFFLINE);
    let def: DomainDef | undefined;
    if (domXml !== undefined) {
      def = this.parse(domXml);
      if (args.dname !== undefined) def.name = args.dname;
      const existing = this.checkConflicts(def);
      if (existing && existing.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: domain '${def.name}' is already active`);
    }
    const key = args.dname ?? def?.name;
    if (key === undefined && version !== 'v1') throw testError(ErrorCode.INTERNAL_ERROR, 'internal error: no domain name for the incoming migration');
    if (key !== undefined && this.host.incoming.has(key)) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: an incoming migration of '${key}' is already prepared`);
    if (offline) {
      if (!def) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, 'argument unsupported: offline migration needs the domain XML');
      this.host.incoming.set(key!, { uuid: def.uuid, offline: true, offlineDef: def, hadDefinition: !!this.host.domains.get(def.uuid) });
      return { cookie: this.cookie(def) };
    }
    const stream = await IncomingMigration.listen(requested?.host, requested?.port);
    const incoming: IncomingRecord = { stream, uuid: def?.uuid ?? '', offline: false, hadDefinition: false };
    stream.done.then((p) => { incoming.payload = p; }, () => {});
    if (def) {
      const existing = this.host.domains.get(def.uuid);
      incoming.hadDefinition = !!existing;
      const d: TestDomain = existing ?? { def, persistent: false, state: DomainState.SHUTOFF, reason: ShutoffReason.UNKNOWN, id: -1, cpuTimeNs: 0n };
      this.host.domains.set(def.uuid, d);
      d.id = this.host.allocateId();
      d.liveDef = structuredClone(def);
      d.liveDef.id = d.id;
      d.incoming = { complete: false };
      d.state = DomainState.PAUSED;
      d.reason = PausedReason.MIGRATION;
      d.cpuTimeNs = 0n;
      this.host.emit(d, DomainEventType.STARTED, StartedDetail.MIGRATED);
      stream.done.then(() => { if (d.incoming) d.incoming.complete = true; }, (e: Error) => { if (d.incoming) d.incoming.failed = e.message; });
    } else {
      // v1: the stream carries the configuration; the guest appears when it has arrived.
      stream.done.then((p) => this.materialise(p, args.dname, args.flags), () => {});
    }
    this.host.incoming.set(key ?? `v1:${stream.uri}`, incoming);
    return { uriOut: stream.uri, cookie: def ? this.cookie(def) : undefined };
  }

  private cookie(def: DomainDef): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ hostname: os.hostname(), uuid: def.uuid, name: def.name }));
  }

  /** v1 destination: the guest arrives with its configuration and runs at once. */
  private materialise(p: MigrationPayload, dname: string | undefined, flags: number): void {
    const def = this.parse(p.xml);
    if (dname !== undefined) def.name = dname;
    const existing = this.host.domains.get(def.uuid);
    if (existing && existing.id >= 0) return;
    const d: TestDomain = existing ?? { def, persistent: false, state: DomainState.SHUTOFF, reason: ShutoffReason.UNKNOWN, id: -1, cpuTimeNs: 0n };
    if (!existing) this.host.domains.set(def.uuid, d);
    this.start(d, 0, RunningReason.MIGRATED);
    d.cpuTimeNs = BigInt(p.cpuTimeNs);
    if (p.paused || flags & MigrateFlags.PAUSED) this.pause(d, PausedReason.MIGRATION, SuspendedDetail.MIGRATED);
  }

  /** Finish on the destination: run the guest, or discard it when the migration failed. */
  private finish(version: MigrationVersionName, dname: string, uri: string, flags: number, failed: boolean): DomainRef | null {
    const map = this.host.incoming;
    const key = map.has(dname) ? dname : `v1:${uri}`;
    const inc = map.get(key);
    map.delete(key);
    inc?.stream?.close();
    if (version === 'v1') {
      const d = this.host.byName(dname);
      if (!d || d.id < 0) throw testError(ErrorCode.OPERATION_FAILED, `operation failed: domain '${dname}' did not arrive on the destination`);
      if (flags & MigrateFlags.PERSIST_DEST && !d.persistent) {
        d.persistent = true;
        this.host.emit(d, DomainEventType.DEFINED, DefinedDetail.ADDED);
      }
      return this.host.ref(d);
    }
    if (!inc) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: no incoming migration of '${dname}' was prepared`);
    if (inc.offline) {
      if (failed) return null;
      return this.host.ref(this.persistOffline(inc.offlineDef!));
    }
    const d = this.host.domains.get(inc.uuid);
    if (!d || !d.incoming) {
      if (failed) return null;
      throw testError(ErrorCode.OPERATION_FAILED, `operation failed: the incoming guest '${dname}' is gone`);
    }
    const notArrived = !d.incoming.complete ? d.incoming.failed ?? 'the migration stream did not complete' : undefined;
    if (failed || notArrived) {
      d.incoming = undefined;
      if (!inc.hadDefinition) d.persistent = false;
      this.stop(d, ShutoffReason.FAILED, StoppedDetail.FAILED);
      if (failed) return null;
      throw testError(ErrorCode.OPERATION_FAILED, `operation failed: migration of '${dname}' did not complete: ${notArrived}`);
    }
    const payload = inc.payload!;
    d.incoming = undefined;
    d.cpuTimeNs = BigInt(payload.cpuTimeNs);
    if (flags & MigrateFlags.PERSIST_DEST && !d.persistent) {
      d.persistent = true;
      this.host.emit(d, DomainEventType.DEFINED, DefinedDetail.ADDED);
    }
    if (flags & MigrateFlags.PAUSED || payload.paused) {
      d.reason = PausedReason.USER;
    } else {
      this.unpause(d, RunningReason.MIGRATED, ResumedDetail.MIGRATED);
    }
    return this.host.ref(d);
  }

  /**
   * The source's data transfer. Leaves the guest paused (v3: Confirm decides)
   * or stopped (v1/v2) on success; running as before on failure.
   */
  private async transfer(dom: DomainRef, uri: string, flags: number, stopOnSuccess: boolean): Promise<void> {
    const d = this.active(dom);
    if (d.job) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: another migration job is already running for domain '${d.def.name}'`);
    if (d.incoming) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: domain '${d.def.name}' is being migrated in`);
    const wasPaused = d.state === DomainState.PAUSED;
    const total = (d.liveDef ?? d.def).memory.kib * 1024;
    const job = { info: { ...emptyJobInfo(JobType.UNBOUNDED), dataTotal: total, dataRemaining: total, memTotal: total, memRemaining: total }, startedAt: this.clock.monotonic(), abort: new AbortController() };
    d.job = job;
    if (!(flags & MigrateFlags.LIVE) && !wasPaused) this.pause(d, PausedReason.MIGRATION, SuspendedDetail.MIGRATED);
    try {
      this.accountCpu(d);
      await sendMigration(uri, { xml: formatDomainXml(d.liveDef ?? d.def), paused: wasPaused, cpuTimeNs: d.cpuTimeNs.toString() }, {
        totalBytes: total,
        durationMs: this.options.migrationMs,
        signal: job.abort.signal,
        onProgress: (n) => {
          Object.assign(job.info, { dataProcessed: n, dataRemaining: total - n, memProcessed: n, memRemaining: total - n });
        },
      });
    } catch (e) {
      d.job = undefined;
      d.lastJob = { ...job.info, type: job.abort.signal.aborted ? JobType.CANCELLED : JobType.FAILED, timeElapsed: Math.round(this.clock.monotonic() - job.startedAt) };
      if (d.id >= 0 && d.state === DomainState.PAUSED && !wasPaused) this.unpause(d, RunningReason.MIGRATION_CANCELED, ResumedDetail.MIGRATED);
      throw e;
    }
    d.job = undefined;
    d.lastJob = { ...job.info, type: JobType.COMPLETED, timeElapsed: Math.round(this.clock.monotonic() - job.startedAt) };
    if (d.state === DomainState.RUNNING) this.pause(d, PausedReason.MIGRATION, SuspendedDetail.MIGRATED);
    if (stopOnSuccess) this.completeOutgoing(d, flags);
  }

  /** The guest now runs elsewhere: stop it here, and forget it with UNDEFINE_SOURCE. */
  private completeOutgoing(d: TestDomain, flags: number): void {
    if (flags & MigrateFlags.UNDEFINE_SOURCE && d.persistent) {
      this.host.emit(d, DomainEventType.UNDEFINED, UndefinedDetail.REMOVED);
      d.persistent = false;
    }
    if (d.id >= 0) this.stop(d, ShutoffReason.MIGRATED, StoppedDetail.MIGRATED);
    else if (!d.persistent) this.host.domains.delete(d.def.uuid);
  }

  async migratePrepare(args: MigrationPrepareArgs): Promise<MigrationPrepareResult> {
    this.requireVersion('v1', 'virDomainMigratePrepare');
    return this.prepare('v1', args);
  }

  async migratePerform(dom: DomainRef, args: MigrationPerformArgs): Promise<void> {
    if (!this.options.migration.has('v1')) this.requireVersion('v2', 'virDomainMigratePerform');
    this.checkMigrationArgs(args.flags, args.bandwidth, 'virDomainMigratePerform');
    if (args.flags & MigrateFlags.OFFLINE) {
      const d = this.host.get(dom);
      if (args.flags & MigrateFlags.UNDEFINE_SOURCE && d.id < 0) this.completeOutgoing(d, args.flags);
      return;
    }
    await this.transfer(dom, args.uri, args.flags, true);
  }

  async migrateFinish(args: { dname: string; cookie?: Uint8Array; uri: string; flags: number }): Promise<DomainRef> {
    this.requireVersion('v1', 'virDomainMigrateFinish');
    checkFlags(args.flags, MIGRATE_FLAGS, 'virDomainMigrateFinish');
    return this.finish('v1', args.dname, args.uri, args.flags, false)!;
  }

  async migratePrepare2(args: MigrationPrepareArgs & { domXml: string }): Promise<MigrationPrepareResult> {
    this.requireVersion('v2', 'virDomainMigratePrepare2');
    return this.prepare('v2', args, args.domXml);
  }

  async migrateFinish2(args: { dname: string; cookie?: Uint8Array; uri: string; flags: number; retcode: number }): Promise<DomainRef | null> {
    this.requireVersion('v2', 'virDomainMigrateFinish2');
    checkFlags(args.flags, MIGRATE_FLAGS, 'virDomainMigrateFinish2');
    return this.finish('v2', args.dname, args.uri, args.flags, args.retcode !== 0);
  }

  async migrateBegin3(dom: DomainRef, args: { xmlin?: string; flags: number; dname?: string; bandwidth: number }): Promise<{ xml: string; cookie?: Uint8Array }> {
    this.requireVersion('v3', 'virDomainMigrateBegin3');
    this.checkMigrationArgs(args.flags, args.bandwidth, 'virDomainMigrateBegin3');
    const d = this.host.get(dom);
    const offline = !!(args.flags & MigrateFlags.OFFLINE);
    if (!offline && d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'Requested operation is not valid: domain is not running');
    if (offline && !d.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'Requested operation is not valid: cannot migrate a transient domain offline');
    if (d.job) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: another migration job is already running for domain '${d.def.name}'`);
    let xml = formatDomainXml(offline ? d.def : d.liveDef ?? d.def, { inactive: true });
    if (args.xmlin !== undefined) {
      const replacement = this.parse(args.xmlin);
      if (replacement.uuid !== d.def.uuid) throw testError(ErrorCode.OPERATION_INVALID, 'Requested operation is not valid: the replacement XML describes another domain (UUID differs)');
      xml = formatDomainXml(replacement, { inactive: true });
    }
    return { xml, cookie: this.cookie(d.def) };
  }

  async migratePrepare3(args: MigrationPrepareArgs & { cookieIn?: Uint8Array; domXml: string }): Promise<MigrationPrepareResult> {
    this.requireVersion('v3', 'virDomainMigratePrepare3');
    return this.prepare('v3', args, args.domXml);
  }

  async migratePerform3(dom: DomainRef, args: { xmlin?: string; cookieIn?: Uint8Array; dconnuri?: string; uri: string; flags: number; dname?: string; bandwidth: number }): Promise<{ cookie?: Uint8Array }> {
    this.requireVersion('v3', 'virDomainMigratePerform3');
    this.checkMigrationArgs(args.flags, args.bandwidth, 'virDomainMigratePerform3');
    if (args.dconnuri !== undefined) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, 'argument unsupported: the test driver has no peer-to-peer migration');
    await this.transfer(dom, args.uri, args.flags, false);
    return {};
  }

  async migrateFinish3(args: { dname: string; cookieIn?: Uint8Array; dconnuri?: string; uri: string; flags: number; cancelled: boolean }): Promise<{ domain: DomainRef | null; cookie?: Uint8Array }> {
    this.requireVersion('v3', 'virDomainMigrateFinish3');
    checkFlags(args.flags, MIGRATE_FLAGS, 'virDomainMigrateFinish3');
    return { domain: this.finish('v3', args.dname, args.uri, args.flags, args.cancelled) };
  }

  /** Offline migration: the definition alone arrives and is defined here. */
  private persistOffline(def: DomainDef): TestDomain {
    const existing = this.host.domains.get(def.uuid);
    if (existing) {
      if (existing.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, `Requested operation is not valid: domain '${def.name}' is already active`);
      existing.def = def;
      existing.persistent = true;
      this.host.emit(existing, DomainEventType.DEFINED, DefinedDetail.UPDATED);
      return existing;
    }
    const d: TestDomain = { def, persistent: true, state: DomainState.SHUTOFF, reason: ShutoffReason.UNKNOWN, id: -1, cpuTimeNs: 0n };
    this.host.domains.set(def.uuid, d);
    this.host.emit(d, DomainEventType.DEFINED, DefinedDetail.ADDED);
    return d;
  }

  async migrateConfirm3(dom: DomainRef, args: { cookieIn?: Uint8Array; flags: number; cancelled: boolean }): Promise<void> {
    this.requireVersion('v3', 'virDomainMigrateConfirm3');
    checkFlags(args.flags, MIGRATE_FLAGS, 'virDomainMigrateConfirm3');
    const d = this.host.get(dom);
    if (args.cancelled) {
      if (d.id >= 0 && d.state === DomainState.PAUSED && d.reason === PausedReason.MIGRATION) this.unpause(d, RunningReason.MIGRATION_CANCELED, ResumedDetail.MIGRATED);
      return;
    }
    this.completeOutgoing(d, args.flags);
  }
}
