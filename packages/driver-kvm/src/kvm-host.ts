import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DomainEventType, DomainState, ErrorCode, PausedReason, RunningReason, ShutoffReason, StartedDetail, StoppedDetail,
  SuspendedDetail, ResumedDetail, DefinedDetail, UndefinedDetail, ShutdownDetail,
  formatDomainXml, parseDomainXml, cloneDomainDef, type DomainDef, type DomainLifecycleEvent, type DomainRef, type JobStats,
  type Logger, isVirtError,
} from '@virtkit/core';
import { writeFileAtomic, removeFile } from './atomic-file.js';
import type { QemuCapsCache } from './caps-probe.js';
import { canonicalizeDomain } from './canonicalize.js';
import { canonicalQemuArgv, guestAbiArgs } from './command-line.js';
import { fail } from './errors.js';
import type { HostPaths } from './host-paths.js';
import type { PortAllocator } from './port-allocator.js';
import type { QemuCaps } from './qemu-caps.js';
import { isQemuFor, killQemu, launchQemu, processState, waitForExit } from './qemu-process.js';
import { QmpClient, type QmpEvent } from './qmp-client.js';
import type { KvmDriverConfig } from './tokens.js';

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
}

export interface LiveDomain {
  /** Fixed once QEMU is launched. */
  readonly def: DomainDef;
  /** def formatted for the status file, once. */
  readonly xml: string;
  id: number;
  pid: number;
  monitorPath: string;
  qmp: QmpClient;
  state: DomainState;
  reason: number;
  migration?: MigrationRecord;
  /** What a STOP event means when it comes (set before stop/migrate); 'silent' when the caller reports it itself. */
  pendingPause?: { reason: PausedReason; detail: SuspendedDetail } | 'silent';
  /** What a RESUME event means when it comes; 'silent' when the caller reports it itself. */
  pendingResume?: { reason: RunningReason; detail: ResumedDetail } | 'silent';
  /** What the process exit means when it comes (set before quit/kill). */
  stopDetail?: StoppedDetail;
  /** Resolves when the exit has been handled. */
  exited: Promise<void>;
  markExited: () => void;
  /** An outgoing migration or save job on this domain: when it started. */
  job?: { started: number };
}

export interface DomainObject {
  uuid: string;
  name: string;
  persistent?: DomainDef;
  live?: LiveDomain;
  /** Statistics of the last finished job (virDomainGetJobStats COMPLETED). */
  completedJob?: JobStats;
  /** Why the domain last stopped (virDomainShutoffReason). */
  shutoffReason?: ShutoffReason;
  /** A QEMU is being started for it (start or incoming migration). */
  launching?: boolean;
}

interface StatusFile {
  uuid: string;
  name: string;
  id: number;
  pid: number;
  monitorPath: string;
  xml: string;
  state: DomainState;
  reason: number;
  migration?: MigrationRecord;
}

/**
 * One host (one root): the persistent definitions, the running QEMU
 * processes, their status files and lifecycle events. Every connection to
 * the same root in one Virt instance shares it.
 */
export class KvmHost {
  readonly domains = new Map<string, DomainObject>();
  /** Offline migrations between Prepare and Finish, by name: the definition only. */
  readonly offlineIncoming = new Map<string, DomainDef>();
  private readonly listeners = new Set<(e: DomainLifecycleEvent) => void>();
  private nextId = 1;
  private detached = false;
  /** Status file writes and removals per domain, in order, so a late write never resurrects a removed file. */
  private readonly statusQueue = new Map<string, Promise<void>>();
  /**
   * Definitions canonicalDef produced (never modified afterwards), with the
   * guest-ABI arguments that validated them: launch reuses both.
   */
  private readonly canonicalDefs = new WeakMap<DomainDef, readonly string[]>();

  /** caps: the driver's cache, shared by every root; each root persists what it probes in its own cache directory. */
  constructor(
    readonly paths: HostPaths,
    readonly config: KvmDriverConfig,
    readonly ports: PortAllocator,
    readonly logger: Logger,
    readonly caps: QemuCapsCache,
  ) {}

  /** Creates the directories, loads definitions and reattaches to running guests. */
  async load(): Promise<void> {
    for (const d of [this.paths.configDir, this.paths.runDir, this.paths.logDir, this.paths.cacheDir]) await fs.mkdir(d, { recursive: true, mode: 0o700 });
    for (const f of await fs.readdir(this.paths.configDir)) {
      if (!f.endsWith('.xml')) continue;
      try {
        const def = parseDomainXml(await fs.readFile(path.join(this.paths.configDir, f), 'utf8'));
        this.domains.set(def.uuid, { uuid: def.uuid, name: def.name, persistent: def });
      } catch (e) {
        this.logger.warn(`ignoring unreadable definition ${f}: ${(e as Error).message}`);
      }
    }
    for (const f of await fs.readdir(this.paths.runDir)) {
      if (!f.endsWith('.json')) continue;
      const file = path.join(this.paths.runDir, f);
      let status: StatusFile;
      try {
        status = JSON.parse(await fs.readFile(file, 'utf8')) as StatusFile;
      } catch {
        await removeFile(file);
        continue;
      }
      await this.reattach(status).catch(async (e: Error) => {
        if (isQemuFor(status.pid, status.uuid)) {
          // Alive but unreachable (another manager holds its monitor): keep its state for later.
          this.logger.warn(`guest ${status.name} runs but its monitor is unreachable: ${e.message}`);
          return;
        }
        this.logger.warn(`guest ${status.name} is not running any more: ${e.message}`);
        await removeFile(file);
      });
    }
  }

  private async reattach(status: StatusFile): Promise<void> {
    if (!isQemuFor(status.pid, status.uuid)) throw new Error(`process ${status.pid} is gone`);
    const qmp = await QmpClient.connect(status.monitorPath, { timeoutMs: 5000 });
    const obj = this.domains.get(status.uuid) ?? { uuid: status.uuid, name: status.name };
    this.domains.set(obj.uuid, obj);
    const live = this.makeLive(parseDomainXml(status.xml), status.xml, status.id, status.pid, status.monitorPath, qmp);
    live.state = status.state;
    live.reason = status.reason;
    live.migration = status.migration;
    obj.live = live;
    this.nextId = Math.max(this.nextId, status.id + 1);
    this.watch(obj, live);
    const qs = await qmp.execute<{ status: string; running: boolean }>('query-status');
    // No event: nothing changed, the driver only learns QEMU's state again. The status is written once, below.
    if (qs.running) {
      live.reason = live.reason && live.state === DomainState.RUNNING ? live.reason : RunningReason.UNKNOWN;
      live.state = DomainState.RUNNING;
    } else if (live.state === DomainState.RUNNING) {
      live.state = DomainState.PAUSED;
      live.reason = PausedReason.UNKNOWN;
    }
    await this.recoverMigration(obj, live);
  }

  /** What a restarted driver does with a half-migrated guest; writes the status (or removes it with the guest). */
  private async recoverMigration(obj: DomainObject, live: LiveDomain): Promise<void> {
    const m = live.migration;
    if (m?.role === 'destination') {
      // The incoming guest was never finished: nobody will resume it.
      await this.destroyLive(obj, StoppedDetail.FAILED);
      return;
    }
    if (m?.phase === 'perform') {
      const mig = await live.qmp.execute<{ status?: string }>('query-migrate');
      if (mig.status === 'active' || mig.status === 'setup' || mig.status === 'device' || mig.status === 'pre-switchover') await live.qmp.execute('migrate_cancel');
      live.migration = undefined;
      if (m.wasRunning) {
        await this.resumeLive(obj, RunningReason.MIGRATION_CANCELED, ResumedDetail.UNPAUSED);
        return;
      }
    }
    // 'performed': the guest stays paused until Confirm3 decides.
    await this.writeStatus(obj);
  }

  /**
   * Lets go of every QEMU without stopping it (the last connection closed):
   * the monitors are released for the next driver that opens this root.
   */
  detach(): void {
    this.detached = true;
    for (const obj of this.domains.values()) obj.live?.qmp.close();
    this.listeners.clear();
  }

  // ---- events -------------------------------------------------------------

  onLifecycle(listener: (e: DomainLifecycleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(obj: DomainObject, event: DomainEventType, detail: number): void {
    const e: DomainLifecycleEvent = { domain: this.ref(obj), event, detail };
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure is its own.
      }
    }
  }

  ref(obj: DomainObject): DomainRef {
    return { name: obj.name, uuid: obj.uuid, id: obj.live ? obj.live.id : -1 };
  }

  // ---- lookup -------------------------------------------------------------

  find(dom: DomainRef): DomainObject {
    const obj = this.domains.get(dom.uuid) ?? [...this.domains.values()].find((o) => o.name === dom.name);
    if (!obj) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching uuid '${dom.uuid}' (${dom.name})`);
    return obj;
  }

  findByName(name: string): DomainObject | undefined {
    return [...this.domains.values()].find((o) => o.name === name);
  }

  requireLive(obj: DomainObject): LiveDomain {
    if (!obj.live) throw fail(ErrorCode.OPERATION_INVALID, `domain is not running`);
    return obj.live;
  }

  // ---- files --------------------------------------------------------------

  configFile(uuid: string): string {
    return path.join(this.paths.configDir, `${uuid}.xml`);
  }

  private statusFile(uuid: string): string {
    return path.join(this.paths.runDir, `${uuid}.json`);
  }

  logFile(uuid: string): string {
    return path.join(this.paths.logDir, `${uuid}.log`);
  }

  async writeConfig(def: DomainDef): Promise<void> {
    await writeFileAtomic(this.configFile(def.uuid), formatDomainXml(def, { inactive: true }) + '\n');
  }

  /** Queues a write of the live domain's status file; resolves when it is on disk. */
  writeStatus(obj: DomainObject): Promise<void> {
    const live = obj.live;
    if (!live) return Promise.resolve();
    return this.writeStatusFile(obj, live);
  }

  private writeStatusFile(obj: DomainObject, live: Omit<LiveDomain, 'def' | 'qmp' | 'exited' | 'markExited'>): Promise<void> {
    const status: StatusFile = {
      uuid: obj.uuid, name: obj.name, id: live.id, pid: live.pid, monitorPath: live.monitorPath,
      xml: live.xml, state: live.state, reason: live.reason, migration: live.migration,
    };
    return this.queueStatus(obj.uuid, () => writeFileAtomic(this.statusFile(obj.uuid), JSON.stringify(status)));
  }

  private removeStatus(uuid: string): Promise<void> {
    return this.queueStatus(uuid, () => removeFile(this.statusFile(uuid)));
  }

  private queueStatus(uuid: string, op: () => Promise<void>): Promise<void> {
    const next = (this.statusQueue.get(uuid) ?? Promise.resolve()).catch(() => {}).then(op);
    this.statusQueue.set(uuid, next);
    void next.catch(() => {}).then(() => { if (this.statusQueue.get(uuid) === next) this.statusQueue.delete(uuid); });
    return next;
  }

  // ---- definitions ---------------------------------------------------------

  async capsFor(def: DomainDef): Promise<QemuCaps> {
    return this.caps.get(def.devices.emulator ?? this.config.emulator, this.paths.cacheDir);
  }

  /** Parses, checks and canonicalizes a definition against the installed QEMU. */
  canonical(xml: string): Promise<DomainDef> {
    return this.canonicalDef(parseDomainXml(xml));
  }

  async canonicalDef(def: DomainDef): Promise<DomainDef> {
    const canon = this.canonicalize(def, await this.capsFor(def));
    this.canonicalDefs.set(canon, guestAbiArgs(canon));
    return canon;
  }

  /** A canonical copy of def; its guest-ABI arguments are what validates it further. */
  private canonicalize(def: DomainDef, caps: QemuCaps): DomainDef {
    if (def.type !== 'qemu' && def.type !== 'kvm') {
      throw fail(ErrorCode.CONFIG_UNSUPPORTED, `domain type '${def.type}' is not supported by the QEMU driver (qemu, kvm)`);
    }
    return canonicalizeDomain(def, caps);
  }

  /**
   * The domain object a new QEMU for `def` belongs to: the existing one, or
   * a new transient one (not registered yet; see runRegistered). Refuses a
   * domain that is running.
   */
  claimDomain(def: DomainDef, active: string): DomainObject {
    const existing = this.checkIdentity(def);
    if (existing?.live) throw fail(ErrorCode.OPERATION_INVALID, `domain '${def.name}' ${active}`);
    return existing ?? { uuid: def.uuid, name: def.name };
  }

  /** Registers obj and runs op; a transient domain left without a QEMU when op fails is forgotten again. */
  async runRegistered<T>(obj: DomainObject, op: () => Promise<T>): Promise<T> {
    this.domains.set(obj.uuid, obj);
    try {
      return await op();
    } catch (e) {
      if (!obj.persistent && !obj.live) this.domains.delete(obj.uuid);
      throw e;
    }
  }

  /** Refuses a definition whose name or UUID belongs to another domain. */
  checkIdentity(def: DomainDef): DomainObject | undefined {
    const byUuid = this.domains.get(def.uuid);
    const byName = this.findByName(def.name);
    if (byName && byName.uuid !== def.uuid) {
      throw fail(ErrorCode.OPERATION_FAILED, `domain '${def.name}' already exists with uuid ${byName.uuid}`);
    }
    if (byUuid && byUuid.name !== def.name) {
      throw fail(ErrorCode.OPERATION_FAILED, `domain '${byUuid.name}' already exists with uuid ${def.uuid}`);
    }
    return byUuid;
  }

  // ---- running guests ------------------------------------------------------

  private makeLive(def: DomainDef, xml: string, id: number, pid: number, monitorPath: string, qmp: QmpClient): LiveDomain {
    let markExited!: () => void;
    const exited = new Promise<void>((r) => { markExited = r; });
    return { def, xml, id, pid, monitorPath, qmp, state: DomainState.PAUSED, reason: PausedReason.STARTING_UP, exited, markExited };
  }

  /**
   * Spawns QEMU for `def` (paused, -S); `incoming` adds -incoming. `def` is
   * canonicalized unless canonicalDef made it, and never modified. The
   * status file is written while QEMU starts, with the state the caller is
   * about to establish (reattach checks it against QEMU's own status).
   */
  async launch(obj: DomainObject, input: DomainDef, intended: Pick<LiveDomain, 'state' | 'reason' | 'migration'>, incoming?: string): Promise<LiveDomain> {
    if (obj.live || obj.launching) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is already running`);
    obj.launching = true;
    try {
      return await this.launchUnlocked(obj, input, intended, incoming);
    } finally {
      obj.launching = false;
    }
  }

  private async launchUnlocked(obj: DomainObject, input: DomainDef, intended: Pick<LiveDomain, 'state' | 'reason' | 'migration'>, incoming?: string): Promise<LiveDomain> {
    const caps = await this.capsFor(input);
    const abi = this.canonicalDefs.get(input);
    // A definition canonicalDef made is copied, not canonicalized and validated again.
    const def = abi ? cloneDomainDef(input) : this.canonicalize(input, caps);
    const id = this.nextId++;
    def.id = id;
    const monitorPath = path.join(this.paths.runDir, `${obj.uuid}.monitor`);
    if (Buffer.byteLength(monitorPath) > 107) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `monitor socket path ${monitorPath} is longer than a unix socket allows`);
    await removeFile(monitorPath);
    const argv = canonicalQemuArgv(def, caps, { monitorPath, incoming }, abi);
    const xml = formatDomainXml(def);
    const onSpawn = (pid: number) => this.writeStatusFile(obj, { xml, id, pid, monitorPath, ...intended });
    let launched;
    try {
      launched = await launchQemu(argv, { logFile: this.logFile(obj.uuid), monitorPath, timeoutMs: this.config.startTimeoutMs, onSpawn });
    } catch (e) {
      await this.removeStatus(obj.uuid);
      throw e;
    }
    const { pid, qmp } = launched;
    const live = this.makeLive(def, xml, id, pid, monitorPath, qmp);
    Object.assign(live, intended);
    obj.live = live;
    this.watch(obj, live);
    return live;
  }

  /**
   * Launches QEMU for an incoming stream (-incoming defer, paused, recorded
   * as a destination in `phase` prepare) and has it listen on `fixed`, or on
   * 127.0.0.1 at a port from the range: when QEMU cannot bind that port
   * (taken since it was checked), the next one is tried. A range port is
   * released when the guest exits or endIncoming is called.
   */
  async launchIncoming(obj: DomainObject, def: DomainDef, reason: PausedReason, flags: number, fixed?: { host: string; port: number }): Promise<{ live: LiveDomain; uri: string; port: number }> {
    const skip = new Set<number>();
    for (let attempt = 0; ; attempt++) {
      const port = fixed?.port ?? (await this.ports.acquire(skip));
      const uri = `tcp:${fixed?.host ?? '127.0.0.1'}:${port}`;
      let live: LiveDomain | undefined;
      try {
        const migration: MigrationRecord = { role: 'destination', phase: 'prepare', flags, port: fixed ? undefined : port };
        live = await this.launch(obj, def, { state: DomainState.PAUSED, reason, migration }, 'defer');
        await live.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
        await live.qmp.execute('migrate-incoming', { uri });
        return { live, uri, port };
      } catch (e) {
        // The exit of a launched QEMU releases the port.
        if (live && obj.live === live) await this.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
        else if (!fixed) this.ports.release(port);
        const bindFailure = isVirtError(e) && /address already in use|failed to bind/i.test(e.message);
        if (!bindFailure || fixed || attempt >= 8) throw e;
        skip.add(port);
      }
    }
  }

  /** The incoming stream is in: the guest is no longer a migration destination, its port is free. */
  endIncoming(live: LiveDomain): void {
    const port = live.migration?.role === 'destination' ? live.migration.port : undefined;
    live.migration = undefined;
    if (port !== undefined) this.ports.release(port);
  }

  /** Follows a live domain: QMP events to lifecycle events, monitor close to exit. */
  private watch(obj: DomainObject, live: LiveDomain): void {
    live.qmp.onEvent((e: QmpEvent) => this.onQmpEvent(obj, live, e));
    live.qmp.onClose(() => { void this.onExit(obj, live); });
  }

  private onQmpEvent(obj: DomainObject, live: LiveDomain, e: QmpEvent): void {
    if (obj.live !== live) return;
    switch (e.event) {
      case 'STOP': {
        if (live.state !== DomainState.RUNNING) return;
        const p = live.pendingPause ?? { reason: PausedReason.UNKNOWN, detail: SuspendedDetail.PAUSED };
        live.pendingPause = undefined;
        if (p !== 'silent') void this.setState(obj, DomainState.PAUSED, p.reason, [DomainEventType.SUSPENDED, p.detail]);
        break;
      }
      case 'RESUME': {
        const p = live.pendingResume ?? { reason: RunningReason.UNPAUSED, detail: ResumedDetail.UNPAUSED };
        live.pendingResume = undefined;
        if (p !== 'silent' && live.state === DomainState.PAUSED) void this.setState(obj, DomainState.RUNNING, p.reason, [DomainEventType.RESUMED, p.detail]);
        break;
      }
      case 'SHUTDOWN':
        if (e.data.guest === true && live.state !== DomainState.SHUTDOWN) {
          live.stopDetail ??= StoppedDetail.SHUTDOWN;
          void this.setState(obj, DomainState.SHUTDOWN, 1, [DomainEventType.SHUTDOWN, ShutdownDetail.GUEST]);
          // -no-shutdown keeps QEMU alive; on_poweroff destroy (the default) ends it.
          void live.qmp.execute('quit').catch(() => {});
        }
        break;
      default:
        break;
    }
  }

  /** The monitor closed: QEMU is exiting. Reports the domain shut off and forgets the process. */
  private async onExit(obj: DomainObject, live: LiveDomain): Promise<void> {
    if (this.detached) {
      live.markExited();
      return;
    }
    if (!(await waitForExit(live.pid, this.config.monitorLossGraceMs)) && obj.live === live && live.stopDetail === undefined) {
      // The monitor closed but QEMU lives on: reconnect rather than lose track of a running guest,
      // and never leave a QEMU nobody manages.
      try {
        live.qmp = await QmpClient.connect(live.monitorPath, { timeoutMs: 5000 });
        this.watch(obj, live);
        this.logger.warn(`lost the monitor of ${obj.name}; reconnected to QEMU ${live.pid}`);
        return;
      } catch (e) {
        this.logger.error(`lost the monitor of ${obj.name} and cannot reconnect (${(e as Error).message}); stopping QEMU ${live.pid}`);
        await killQemu(live.pid);
      }
    }
    if (obj.live === live) {
      obj.live = undefined;
      if (live.migration?.role === 'destination' && live.migration.port !== undefined) this.ports.release(live.migration.port);
      await this.removeStatus(obj.uuid);
      await removeFile(live.monitorPath);
      const detail = live.stopDetail ?? StoppedDetail.FAILED;
      // virDomainShutoffReason is virDomainEventStoppedDetailType shifted by one.
      obj.shutoffReason = detail <= StoppedDetail.FAILED ? ((detail + 1) as ShutoffReason) : ShutoffReason.UNKNOWN;
      if (live.migration?.role !== 'destination' || detail === StoppedDetail.MIGRATED) this.emit(obj, DomainEventType.STOPPED, detail);
      if (!obj.persistent) this.domains.delete(obj.uuid);
    }
    live.markExited();
  }

  /**
   * Records a new state and writes the status file once. `event` is emitted
   * whenever it is given, also when the state stays the same (a guest
   * restored or migrated paused was paused while it loaded). Returns the
   * queued write: callers that need the state on disk await it; a failure is
   * logged either way.
   */
  setState(obj: DomainObject, state: DomainState, reason: number, event?: [DomainEventType, number]): Promise<void> {
    const live = obj.live;
    if (!live) return Promise.resolve();
    live.state = state;
    live.reason = reason;
    if (event) this.emit(obj, event[0], event[1]);
    const written = this.writeStatus(obj);
    written.catch((e: Error) => this.logger.warn(`cannot write status of ${obj.name}: ${e.message}`));
    return written;
  }

  /** cont; RESUMED is reported here (not from QEMU's RESUME event) unless the guest already ran. */
  async resumeLive(obj: DomainObject, reason: RunningReason, detail: ResumedDetail): Promise<void> {
    const live = this.requireLive(obj);
    const event: [DomainEventType, number] | undefined = live.state !== DomainState.RUNNING ? [DomainEventType.RESUMED, detail] : undefined;
    live.pendingResume = 'silent';
    try {
      await live.qmp.execute('cont');
    } finally {
      if (live.pendingResume === 'silent') live.pendingResume = undefined;
    }
    // On disk when this returns; a failed write is logged and does not undo the resume.
    await this.setState(obj, DomainState.RUNNING, reason, event).catch(() => {});
  }

  /** stop; SUSPENDED is reported here (not from QEMU's STOP event) unless the guest was already paused. */
  async pauseLive(obj: DomainObject, reason: PausedReason, detail: SuspendedDetail): Promise<void> {
    const live = this.requireLive(obj);
    const event: [DomainEventType, number] | undefined = live.state !== DomainState.PAUSED ? [DomainEventType.SUSPENDED, detail] : undefined;
    live.pendingPause = 'silent';
    try {
      await live.qmp.execute('stop');
    } finally {
      if (live.pendingPause === 'silent') live.pendingPause = undefined;
    }
    // On disk when this returns; a failed write is logged and does not undo the pause.
    await this.setState(obj, DomainState.PAUSED, reason, event).catch(() => {});
  }

  /** Ends the QEMU process and waits until the exit is handled. */
  async destroyLive(obj: DomainObject, detail: StoppedDetail): Promise<void> {
    const live = this.requireLive(obj);
    live.stopDetail = detail;
    await killQemu(live.pid);
    if (processState(live.pid) === 'running') throw fail(ErrorCode.OPERATION_FAILED, `QEMU process ${live.pid} did not exit`);
    live.qmp.close();
    await live.exited;
  }

  /** Starts a defined or transient domain. */
  async start(obj: DomainObject, def: DomainDef, paused: boolean): Promise<void> {
    const intended = paused ? { state: DomainState.PAUSED, reason: PausedReason.USER } : { state: DomainState.RUNNING, reason: RunningReason.BOOTED };
    const live = await this.launch(obj, def, intended);
    try {
      const target = live.def.currentMemory?.kib;
      if (target !== undefined && target < live.def.memory.kib && live.def.devices.memballoon?.model === 'virtio') {
        await live.qmp.execute('balloon', { value: target * 1024 });
      }
      if (!paused) {
        live.pendingResume = 'silent';
        await live.qmp.execute('cont');
      }
    } catch (e) {
      await this.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
      throw e;
    }
    this.emit(obj, DomainEventType.STARTED, StartedDetail.BOOTED);
    if (paused) await this.setState(obj, DomainState.PAUSED, PausedReason.USER, [DomainEventType.SUSPENDED, SuspendedDetail.PAUSED]).catch(() => {});
  }

  async define(def: DomainDef): Promise<DomainObject> {
    const existing = this.checkIdentity(def);
    await this.writeConfig(def);
    const obj = existing ?? { uuid: def.uuid, name: def.name };
    obj.persistent = def;
    this.domains.set(obj.uuid, obj);
    this.emit(obj, DomainEventType.DEFINED, existing?.persistent ? DefinedDetail.UPDATED : DefinedDetail.ADDED);
    return obj;
  }

  async undefine(obj: DomainObject): Promise<void> {
    if (!obj.persistent) throw fail(ErrorCode.OPERATION_INVALID, `cannot undefine transient domain`);
    await removeFile(this.configFile(obj.uuid));
    obj.persistent = undefined;
    if (!obj.live) this.domains.delete(obj.uuid);
    this.emit(obj, DomainEventType.UNDEFINED, UndefinedDetail.REMOVED);
  }

  /**
   * Presses the ACPI power button and waits for the guest to power off.
   * The press is repeated every second: one made while the guest is still
   * booting is lost. After the timeout the guest keeps running.
   */
  async shutdownLive(obj: DomainObject): Promise<void> {
    const live = this.requireLive(obj);
    live.stopDetail = StoppedDetail.SHUTDOWN;
    const deadline = Date.now() + this.config.shutdownTimeoutMs;
    let exited = false;
    void live.exited.then(() => { exited = true; });
    while (!exited && Date.now() < deadline) {
      await live.qmp.execute('system_powerdown').catch((e: unknown) => { if (!live.qmp.closed) throw e; });
      await Promise.race([live.exited, new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, deadline - Date.now()))).unref())]);
    }
    if (!exited) {
      live.stopDetail = undefined;
      throw fail(ErrorCode.OPERATION_TIMEOUT, `guest '${obj.name}' did not power off within ${this.config.shutdownTimeoutMs} ms of the ACPI power button; it is still running`);
    }
  }

}
