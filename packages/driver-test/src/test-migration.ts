import os from 'node:os';
import {
  DefinedDetail, DomainEventType, DomainState, ErrorCode, JobOperation, MigrateFlags, PausedReason, ResumedDetail,
  JobType, RunningReason, ShutoffReason, StartedDetail, StoppedDetail, SuspendedDetail, UndefinedDetail, checkBandwidth, checkFlags, formatDomainXml,
  type Begin3Args, type Begin3Result, type Confirm3Args, type DomainDef, type DomainRef, type FinishArgs, type PerformArgs,
  type Perform3Args, type PrepareArgs, type PrepareResult,
} from '@virtkit/core';
import { TestDomain, type IncomingRecord, type TestHost, testError } from './host.js';
import { IncomingMigration, type MigrationPayload, parseMigrationUri, sendMigration } from './migration-stream.js';
import type { MigrationVersionName, TestConnection, TestConnectionOptions } from './test-connection.js';

/** The migration flags the test driver honours. */
const MIGRATE_FLAGS = MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE | MigrateFlags.PAUSED |
  MigrateFlags.OFFLINE | MigrateFlags.ABORT_ON_ERROR | MigrateFlags.AUTO_CONVERGE | MigrateFlags.UNSAFE;

/**
 * Migration v1, v2 and v3 between test hosts: the guest travels over a real
 * loopback TCP stream (migration-stream.ts) for migrationMs. The source's
 * transfer is a job on the host's tracker; Prepare and Finish keep the
 * incoming migrations by destination name.
 */
export class TestMigration {
  constructor(
    private readonly host: TestHost,
    private readonly conn: TestConnection,
    private readonly options: TestConnectionOptions,
  ) {}

  // ---- limits: kept per domain, as the test driver's migrations take no time to speak of ----

  setMaxDowntime(dom: DomainRef, downtimeMs: number, flags: number): void {
    checkFlags(flags, 0, 'virDomainMigrateSetMaxDowntime');
    if (!Number.isSafeInteger(downtimeMs) || downtimeMs < 1 || downtimeMs > 2_000_000) throw testError(ErrorCode.INVALID_ARG, `max downtime ${downtimeMs} ms must be from 1 to 2000000`);
    this.running(dom).migrationLimits.downtimeMs = downtimeMs;
  }

  getMaxDowntime(dom: DomainRef, flags: number): number {
    checkFlags(flags, 0, 'virDomainMigrateGetMaxDowntime');
    return this.running(dom).migrationLimits.downtimeMs;
  }

  setMaxSpeed(dom: DomainRef, bandwidthMiB: number, flags: number): void {
    checkFlags(flags, 0, 'virDomainMigrateSetMaxSpeed');
    checkBandwidth(bandwidthMiB, testError);
    this.host.domains.get(dom).migrationLimits.speedMiB = bandwidthMiB;
  }

  getMaxSpeed(dom: DomainRef, flags: number): number {
    checkFlags(flags, 0, 'virDomainMigrateGetMaxSpeed');
    return this.host.domains.get(dom).migrationLimits.speedMiB;
  }

  private running(dom: DomainRef): TestDomain {
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'domain is not running');
    return d;
  }

  private requireVersion(v: MigrationVersionName, call: string): void {
    if (!this.options.migration.has(v)) {
      throw testError(ErrorCode.NO_SUPPORT, `${call} (this host advertises ${[...this.options.migration].join(',') || 'no migration'})`);
    }
  }

  private checkArgs(flags: number, bandwidth: number, call: string): void {
    checkFlags(flags, MIGRATE_FLAGS | MigrateFlags.CHANGE_PROTECTION, call);
    if (flags & MigrateFlags.CHANGE_PROTECTION) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, 'the test driver has no change protection');
    checkBandwidth(bandwidth, testError);
  }

  private cookie(def: DomainDef): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ hostname: os.hostname(), uuid: def.uuid, name: def.name }));
  }

  /**
   * The destination's Prepare: check the incoming definition (v2/v3), open a
   * listener (uriIn's address, else the one the caller reached, else loopback), and for v2/v3 show the guest paused for migration.
   */
  async prepare(version: MigrationVersionName, args: PrepareArgs, domXml?: string): Promise<PrepareResult> {
    this.requireVersion(version, version === 'v1' ? 'virDomainMigratePrepare' : version === 'v2' ? 'virDomainMigratePrepare2' : 'virDomainMigratePrepare3');
    this.checkArgs(args.flags, args.bandwidth, `virDomainMigratePrepare (${version})`);
    const requested = args.uriIn !== undefined ? parseMigrationUri(args.uriIn) : undefined;
    const offline = !!(args.flags & MigrateFlags.OFFLINE);
    let def: DomainDef | undefined;
    if (domXml !== undefined) {
      def = this.conn.parse(domXml);
      if (args.dname !== undefined) def.name = args.dname;
      const existing = this.host.domains.checkConflicts(def);
      if (existing && existing.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, `domain '${def.name}' is already active`);
    }
    const key = args.dname ?? def?.name;
    if (key === undefined && version !== 'v1') throw testError(ErrorCode.INTERNAL_ERROR, 'no domain name for the incoming migration');
    const prior = key !== undefined ? this.host.incoming.get(key) : undefined;
    if (prior && !prior.offline) throw testError(ErrorCode.OPERATION_INVALID, `an incoming migration of '${key}' is already prepared`);
    // An offline Prepare holds no guest that destroy or domjobabort could end: a new Prepare replaces one whose Finish never came.
    if (prior) this.host.dropIncoming(key!);
    if (offline) {
      if (!def) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, 'offline migration needs the domain XML');
      this.host.incoming.set(key!, { uuid: def.uuid, offline: true, offlineDef: def, hadDefinition: !!this.host.domains.findByUuid(def.uuid) });
      return { cookie: this.cookie(def) };
    }
    const stream = await IncomingMigration.listen(requested?.host ?? args.listenAddress, requested?.port, this.options.incomingTimeoutMs);
    const incoming: IncomingRecord = { stream, uuid: def?.uuid ?? '', offline: false, hadDefinition: false };
    const incomingKey = key ?? `v1:${stream.uri}`;
    this.host.incoming.set(incomingKey, incoming);
    stream.done.then((p) => { incoming.payload = p; }, () => {});
    if (def) {
      const existing = this.host.domains.findByUuid(def.uuid);
      incoming.hadDefinition = !!existing;
      const d = existing ?? this.host.domains.add(new TestDomain(def, false, DomainState.SHUTOFF, ShutoffReason.UNKNOWN));
      d.id = this.host.domains.allocateId();
      d.liveDef = structuredClone(def);
      d.liveDef.id = d.id;
      d.incoming = { key: incomingKey, complete: false };
      d.state = DomainState.PAUSED;
      d.reason = PausedReason.MIGRATION;
      d.cpuTimeNs = 0n;
      this.host.emit(d, DomainEventType.STARTED, StartedDetail.MIGRATED);
      stream.done.then(() => { if (d.incoming) d.incoming.complete = true; }, (e: Error) => {
        if (d.incoming?.key !== incomingKey) return;
        d.incoming.failed = e.message;
        // A prepared migration that never received data expires: the incoming guest ends and the Prepare is forgotten.
        if (!stream.connected) this.conn.stop(d, ShutoffReason.FAILED, StoppedDetail.FAILED);
      });
    } else {
      // v1: the stream carries the configuration; the guest appears when it has arrived.
      stream.done.then((p) => this.materialise(p, args.dname, args.flags), () => { if (!stream.connected) this.host.dropIncoming(incomingKey); });
    }
    return { uriOut: stream.uri, cookie: def ? this.cookie(def) : undefined };
  }

  /** v1 destination: the guest arrives with its configuration and runs at once. */
  private materialise(p: MigrationPayload, dname: string | undefined, flags: number): void {
    const def = this.conn.parse(p.xml);
    if (dname !== undefined) def.name = dname;
    const existing = this.host.domains.findByUuid(def.uuid);
    if (existing && existing.id >= 0) return;
    const d = existing ?? this.host.domains.add(new TestDomain(def, false, DomainState.SHUTOFF, ShutoffReason.UNKNOWN));
    this.conn.start(d, 0, RunningReason.MIGRATED);
    d.cpuTimeNs = BigInt(p.cpuTimeNs);
    if (p.paused || flags & MigrateFlags.PAUSED) this.conn.pause(d, PausedReason.MIGRATION, SuspendedDetail.MIGRATED);
  }

  async finishV1(args: FinishArgs): Promise<DomainRef> {
    return (await this.finish('v1', args, false))!;
  }

  /** Finish on the destination: run the guest, or discard it when the migration failed. */
  async finish(version: MigrationVersionName, args: FinishArgs, failed: boolean): Promise<DomainRef | null> {
    this.requireVersion(version, version === 'v1' ? 'virDomainMigrateFinish' : version === 'v2' ? 'virDomainMigrateFinish2' : 'virDomainMigrateFinish3');
    checkFlags(args.flags, MIGRATE_FLAGS, `virDomainMigrateFinish (${version})`);
    const { dname, uri, flags } = args;
    const map = this.host.incoming;
    const key = map.has(dname) ? dname : `v1:${uri}`;
    const inc = this.host.dropIncoming(key);
    if (version === 'v1') {
      const d = this.host.domains.findByName(dname);
      if (!d || d.id < 0) throw testError(ErrorCode.OPERATION_FAILED, `domain '${dname}' did not arrive on the destination`);
      this.persistArrived(d, flags);
      return this.host.ref(d);
    }
    if (!inc) throw testError(ErrorCode.OPERATION_INVALID, `no incoming migration of '${dname}' was prepared`);
    if (inc.offline) {
      if (failed) return null;
      return this.host.ref(this.persistOffline(inc.offlineDef!));
    }
    const d = this.host.domains.findByUuid(inc.uuid);
    if (!d || !d.incoming) {
      if (failed) return null;
      throw testError(ErrorCode.OPERATION_FAILED, `the incoming guest '${dname}' is gone`);
    }
    const notArrived = !d.incoming.complete ? d.incoming.failed ?? 'the migration stream did not complete' : undefined;
    if (failed || notArrived) {
      d.incoming = undefined;
      if (!inc.hadDefinition) d.persistent = false;
      this.conn.stop(d, ShutoffReason.FAILED, StoppedDetail.FAILED);
      if (failed) return null;
      throw testError(ErrorCode.OPERATION_FAILED, `migration of '${dname}' did not complete: ${notArrived}`);
    }
    const payload = inc.payload!;
    d.incoming = undefined;
    d.cpuTimeNs = BigInt(payload.cpuTimeNs);
    this.persistArrived(d, flags);
    if (flags & MigrateFlags.PAUSED || payload.paused) {
      d.reason = PausedReason.USER;
    } else {
      this.conn.unpause(d, RunningReason.MIGRATED, ResumedDetail.MIGRATED);
    }
    return this.host.ref(d);
  }

  /** PERSIST_DEST: the arrived guest becomes persistent. */
  private persistArrived(d: TestDomain, flags: number): void {
    if (flags & MigrateFlags.PERSIST_DEST && !d.persistent) {
      d.persistent = true;
      this.host.emit(d, DomainEventType.DEFINED, DefinedDetail.ADDED);
    }
  }

  /** Offline migration: the definition alone arrives and is defined here. */
  private persistOffline(def: DomainDef): TestDomain {
    const existing = this.host.domains.findByUuid(def.uuid);
    if (existing && existing.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, `domain '${def.name}' is already active`);
    return this.conn.persist(def);
  }

  /**
   * The source's data transfer, as a MIGRATION_OUT job. Leaves the guest
   * paused (v3: Confirm decides) or stopped (v1/v2) on success; running as
   * before on failure.
   */
  private async transfer(dom: DomainRef, uri: string, flags: number, stopOnSuccess: boolean): Promise<void> {
    const d = this.conn.active(dom);
    if (d.incoming) throw testError(ErrorCode.OPERATION_INVALID, `domain '${d.name}' is being migrated in`);
    const wasPaused = d.state === DomainState.PAUSED;
    const total = (d.liveDef ?? d.def).memory.kib * 1024;
    let sent = 0;
    const progress = () => ({ data_total: total, data_processed: sent, data_remaining: total - sent, memory_total: total, memory_processed: sent, memory_remaining: total - sent });
    const job = this.host.jobs.begin(d, { operation: JobOperation.MIGRATION_OUT, probe: progress, abort: () => {} });
    if (!(flags & MigrateFlags.LIVE) && !wasPaused) this.conn.pause(d, PausedReason.MIGRATION, SuspendedDetail.MIGRATED);
    try {
      this.conn.accountCpu(d);
      await sendMigration(uri, { xml: formatDomainXml(d.liveDef ?? d.def), paused: wasPaused, cpuTimeNs: d.cpuTimeNs.toString() }, {
        totalBytes: total,
        durationMs: this.options.migrationMs,
        signal: job.signal,
        onProgress: (n) => { sent = n; },
      });
    } catch (e) {
      this.host.jobs.finish(job, job.signal.aborted ? JobType.CANCELLED : JobType.FAILED, progress());
      if (d.id >= 0 && d.state === DomainState.PAUSED && !wasPaused) this.conn.unpause(d, RunningReason.MIGRATION_CANCELED, ResumedDetail.MIGRATED);
      throw e;
    }
    this.host.jobs.finish(job, JobType.COMPLETED, progress());
    if (d.state === DomainState.RUNNING) this.conn.pause(d, PausedReason.MIGRATION, SuspendedDetail.MIGRATED);
    if (stopOnSuccess) this.completeOutgoing(d, flags);
    else d.outgoing = { wasPaused };
  }

  /** The guest now runs elsewhere: stop it here, and forget it with UNDEFINE_SOURCE. */
  private completeOutgoing(d: TestDomain, flags: number): void {
    if (flags & MigrateFlags.UNDEFINE_SOURCE && d.persistent) {
      this.host.emit(d, DomainEventType.UNDEFINED, UndefinedDetail.REMOVED);
      d.persistent = false;
    }
    if (d.id >= 0) this.conn.stop(d, ShutoffReason.MIGRATED, StoppedDetail.MIGRATED);
    else if (!d.persistent) this.host.domains.remove(d);
  }

  async perform(dom: DomainRef, args: PerformArgs): Promise<void> {
    if (!this.options.migration.has('v1')) this.requireVersion('v2', 'virDomainMigratePerform');
    this.checkArgs(args.flags, args.bandwidth, 'virDomainMigratePerform');
    if (args.flags & MigrateFlags.OFFLINE) {
      const d = this.host.domains.get(dom);
      if (args.flags & MigrateFlags.UNDEFINE_SOURCE && d.id < 0) this.completeOutgoing(d, args.flags);
      return;
    }
    await this.transfer(dom, args.uri, args.flags, true);
  }

  async begin3(dom: DomainRef, args: Begin3Args): Promise<Begin3Result> {
    this.requireVersion('v3', 'virDomainMigrateBegin3');
    this.checkArgs(args.flags, args.bandwidth, 'virDomainMigrateBegin3');
    const d = this.host.domains.get(dom);
    const offline = !!(args.flags & MigrateFlags.OFFLINE);
    if (!offline && d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'domain is not running');
    if (offline && !d.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'cannot migrate a transient domain offline');
    this.host.jobs.checkIdle(d, 'migrate');
    let xml = formatDomainXml(offline ? d.def : d.liveDef ?? d.def, { inactive: true });
    if (args.xmlin !== undefined) {
      const replacement = this.conn.parse(args.xmlin);
      if (replacement.uuid !== d.def.uuid) throw testError(ErrorCode.OPERATION_INVALID, 'the replacement XML describes another domain (UUID differs)');
      xml = formatDomainXml(replacement, { inactive: true });
    }
    return { xml, cookie: this.cookie(d.def) };
  }

  async perform3(dom: DomainRef, args: Perform3Args): Promise<{ cookie?: Uint8Array }> {
    this.requireVersion('v3', 'virDomainMigratePerform3');
    this.checkArgs(args.flags, args.bandwidth, 'virDomainMigratePerform3');
    if (args.dconnuri !== undefined) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, 'the test driver has no peer-to-peer migration');
    await this.transfer(dom, args.uri, args.flags, false);
    return {};
  }

  async confirm3(dom: DomainRef, args: Confirm3Args): Promise<void> {
    this.requireVersion('v3', 'virDomainMigrateConfirm3');
    checkFlags(args.flags, MIGRATE_FLAGS, 'virDomainMigrateConfirm3');
    const d = this.host.domains.get(dom);
    const performed = d.outgoing !== undefined;
    if (args.cancelled) {
      this.resumeSource(d);
      return;
    }
    // A migration cancelled in the meantime (domjobabort) must not end the guest that runs here again.
    if (!performed && !(args.flags & MigrateFlags.OFFLINE) && d.id >= 0) throw testError(ErrorCode.OPERATION_INVALID, `domain '${d.name}' is not being migrated`);
    d.outgoing = undefined;
    this.completeOutgoing(d, args.flags);
  }

  /** The migration out is over without the guest moving: a guest paused for it runs here again. */
  private resumeSource(d: TestDomain): void {
    d.outgoing = undefined;
    if (d.id >= 0 && d.state === DomainState.PAUSED && d.reason === PausedReason.MIGRATION) this.conn.unpause(d, RunningReason.MIGRATION_CANCELED, ResumedDetail.MIGRATED);
  }

  /**
   * virDomainAbortJob when no transfer runs: cancels a migration whose
   * client is gone. The source that waits for Confirm3 runs again; the
   * destination's incoming guest is stopped and its Prepare forgotten, so
   * the guest can be migrated here again. A later Confirm3 or Finish of that
   * migration fails.
   */
  cancelStranded(d: TestDomain): void {
    if (d.incoming) this.conn.stop(d, ShutoffReason.FAILED, StoppedDetail.FAILED);
    else if (d.outgoing) this.resumeSource(d);
    else throw testError(ErrorCode.OPERATION_INVALID, 'no job is active on the domain');
  }
}
