import {
  DefinedDetail, DomainEventId, DomainEventType, DomainObjectList, DomainState, ErrorCode, EventBus, HostObjectEvents, JobOperation, PausedReason, RunningReason,
  StartedDetail, StoppedDetail, SuspendedDetail, UndefinedDetail, parseDomainXml,
  type Clock, type DomainDef, type DomainEvent, type DomainIdentity, type DomainLifecycleEvent, type DomainRef, type Logger, type QemuMonitorEvent, type TypedParams, type Unsubscribe,
} from '@virtkit/core';
import type { QemuCapsCache } from './caps-probe.js';
import { DomainStateStore, type StatusFile } from './domain-state-store.js';
import { fail } from './errors.js';
import type { HostPaths } from './host-paths.js';
import { KvmDomainObject, createLiveDomain, type LiveDomain } from './kvm-domain.js';
import { KvmJobs } from './kvm-jobs.js';
import { qemuMonitorEventOf } from './kvm-qemu-monitor.js';
import type { QmpEvent } from './qmp-client.js';
import { KvmMigration } from './kvm-migration.js';
import type { PortAllocator } from './port-allocator.js';
import { QemuLauncher } from './qemu-launcher.js';
import { KvmDomainStreams } from './kvm-domain-streams.js';
import type { QemuProcesses } from './qemu-process.js';
import { QmpLifecycle, type LifecycleHost } from './qmp-lifecycle.js';
import type { KvmDriverConfig } from './tokens.js';
import { GuestInterfaces } from './network/guest-interfaces.js';
import { HostCommands } from './network/host-commands.js';
import { KvmNetworks } from './network/kvm-networks.js';
import { KvmStorage } from './storage/kvm-storage.js';
import { resolveVolumeDisks } from './storage/volume-disks.js';
import { KvmDomainControl } from './kvm-domain-control.js';
import { KvmSave } from './kvm-save.js';

/** What a host is built from: the driver's settings and injected services. */
export interface KvmHostServices {
  config: KvmDriverConfig;
  /** The driver's allocator, shared by every root. */
  ports: PortAllocator;
  logger: Logger;
  clock: Clock;
  /** The driver's capabilities cache, shared by every root. */
  caps: QemuCapsCache;
  processes: QemuProcesses;
}

/**
 * One host (one root): its domain table, with one lock per name and UUID
 * for everything that creates a domain or its QEMU; its files
 * (DomainStateStore), QEMU launches (QemuLauncher), the QMP-driven
 * lifecycle (QmpLifecycle), one lifecycle event bus and one job tracker.
 * Every connection to the same root in one Virt instance shares it.
 */
export class KvmHost implements LifecycleHost {
  readonly domains = new DomainObjectList<KvmDomainObject>(fail);
  /** Offline migrations between Prepare and Finish, by name: the definition only. */
  readonly offlineIncoming = new Map<string, DomainDef>();
  readonly events: EventBus<DomainLifecycleEvent>;
  /** Reboot, device and metadata events (core's DomainEventRole). */
  readonly domainEvents: EventBus<DomainEvent>;
  /** Every QMP event of every guest, for libvirt-qemu's monitor event listeners. */
  readonly monitorEvents: EventBus<QemuMonitorEvent>;
  readonly jobs: KvmJobs;
  readonly store: DomainStateStore;
  readonly lifecycle: QmpLifecycle;
  readonly launcher: QemuLauncher;
  readonly config: KvmDriverConfig;
  readonly ports: PortAllocator;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly caps: QemuCapsCache;
  readonly processes: QemuProcesses;
  /** The host's virtual networks, and the taps that connect guests to them. */
  readonly networks: KvmNetworks;
  readonly interfaces: GuestInterfaces;
  /** Storage pools and volumes (the storage driver of this host). */
  readonly storage: KvmStorage;
  /** Network and storage pool events. */
  readonly objectEvents: HostObjectEvents;
  /** Consoles (one client per device across the host's connections), screenshots, keys. */
  readonly domainStreams: KvmDomainStreams;
  detached = false;

  constructor(readonly paths: HostPaths, services: KvmHostServices) {
    ({ config: this.config, ports: this.ports, logger: this.logger, clock: this.clock, caps: this.caps, processes: this.processes } = services);
    this.events = new EventBus(this.logger, 'lifecycle');
    this.domainEvents = new EventBus(this.logger, 'domain');
    this.monitorEvents = new EventBus(this.logger, 'qemu monitor');
    // libvirt tells of a completed outgoing migration with JOB_COMPLETED and the job's final statistics.
    this.jobs = new KvmJobs(this.clock, (dom, operation, stats) => {
      const obj = operation === JobOperation.MIGRATION_OUT ? this.domains.findByUuid(dom.uuid) : undefined;
      if (obj) this.emitDomainEvent({ id: DomainEventId.JOB_COMPLETED, domain: this.ref(obj), params: stats.params as TypedParams });
    });
    this.store = new DomainStateStore(paths, this.logger);
    this.lifecycle = new QmpLifecycle(this);
    this.objectEvents = new HostObjectEvents(this.logger);
    this.networks = new KvmNetworks(paths, this.processes.runner, this.logger, this.objectEvents);
    this.interfaces = new GuestInterfaces(this.networks, new HostCommands(this.processes.runner), this.logger);
    this.storage = new KvmStorage(paths, this.processes.runner, this.logger, this.objectEvents);
    this.domainStreams = new KvmDomainStreams(this);
    this.launcher = new QemuLauncher(this.store, this.config, this.caps, this.processes, this.ports, this.lifecycle, () => this.domains.allocateId(), this.interfaces,
      (def) => this.resolveVolumes(def));
  }

  /** `def` with its `<disk type='volume'>` disks on the files of this host's pools (`def` itself when it has none). */
  resolveVolumes(def: DomainDef): Promise<DomainDef> {
    return resolveVolumeDisks(def, (pool, volume) => this.storage.resolveVolume(pool, volume));
  }

  /** Creates the directories, loads definitions and reattaches to running guests. */
  async load(): Promise<void> {
    await this.store.prepare();
    // Networks and pools first: an autostarted guest's taps and volumes need them.
    await this.networks.ready();
    await this.storage.load();
    for (const def of await this.store.loadDefinitions()) {
      const obj = new KvmDomainObject(def.uuid, def.name);
      obj.persistent = def;
      this.domains.add(obj);
    }
    for (const status of await this.store.loadStatuses()) {
      await this.reattach(status).catch(async (e: Error) => {
        if (this.processes.isQemuFor(status.pid, status.uuid)) {
          // Alive but unreachable (another manager holds its monitor): keep its state for later.
          this.logger.warn(`guest ${status.name} runs but its monitor is unreachable: ${e.message}`);
          return;
        }
        this.logger.warn(`guest ${status.name} is not running any more: ${e.message}`);
        await this.store.removeStatus(status.uuid);
      });
    }
    await new KvmDomainControl(this, new KvmSave(this)).startAutostartDomains();
  }

  private async reattach(status: StatusFile): Promise<void> {
    if (!this.processes.isQemuFor(status.pid, status.uuid)) throw new Error(`process ${status.pid} is gone`);
    const qmp = await this.processes.connector.connect(status.monitorPath, { timeoutMs: 5000 });
    const obj = this.domains.findByUuid(status.uuid) ?? this.domains.add(new KvmDomainObject(status.uuid, status.name));
    const { xml, id, pid, monitorPath, state, reason, migration } = status;
    const live = createLiveDomain({ def: parseDomainXml(xml), xml, id, pid, monitorPath, state, reason, migration, qmp });
    obj.live = live;
    this.domains.reserveId(status.id);
    this.lifecycle.watch(obj, live);
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

  /**
   * What a restarted driver does with a half-migrated guest, whose client
   * went with the old driver; writes the status (or removes it with the
   * guest). An incoming guest is destroyed and a source still in Perform
   * runs again, as domjobabort would do; a source that completed Perform3
   * stays paused for Confirm3 (the destination may run the guest now) until
   * domjobabort cancels the migration.
   */
  private async recoverMigration(obj: KvmDomainObject, live: LiveDomain): Promise<void> {
    const m = live.migration;
    if (m?.role === 'destination' || m?.phase === 'perform') {
      await new KvmMigration(this).cancelStranded(obj);
      return;
    }
    if (m?.phase === 'performed') this.logger.warn(`guest ${obj.name} completed Perform3 before the driver restarted: paused until Confirm3, or domjobabort to run it here again`);
    await this.lifecycle.writeStatus(obj);
  }

  /**
   * Lets go of every QEMU without stopping it (the last connection closed):
   * the monitors are released for the next driver that opens this root.
   */
  detach(): void {
    this.detached = true;
    for (const obj of this.domains.values()) obj.live?.qmp.close();
    this.events.clear();
    this.objectEvents.clear();
    this.domainEvents.clear();
  }

  // ---- events and lookup ------------------------------------------------------

  /** Queues a lifecycle event; listeners get it on a later tick (core's EventBus). */
  emit(obj: KvmDomainObject, event: DomainEventType, detail: number): void {
    this.events.emit({ domain: this.ref(obj), event, detail });
  }

  /** Queues a domain event other than a lifecycle change. */
  emitDomainEvent(event: DomainEvent): void {
    this.domainEvents.emit(event);
  }

  /** Queues a guest's QMP event for the monitor event listeners; with none, every QMP event costs nothing more. */
  emitMonitorEvent(obj: KvmDomainObject, e: QmpEvent): void {
    if (this.monitorEvents.listenerCount === 0) return;
    this.monitorEvents.emit(qemuMonitorEventOf(this.ref(obj), e));
  }

  onLifecycle(listener: (e: DomainLifecycleEvent) => void): Unsubscribe {
    return this.events.subscribe(listener);
  }

  ref(obj: KvmDomainObject): DomainRef {
    return { name: obj.name, uuid: obj.uuid, id: obj.id };
  }

  /** The domain a handle names; NO_DOMAIN with libvirt's message. */
  find(dom: DomainRef): KvmDomainObject {
    return this.domains.get(dom);
  }

  /** The guest's QEMU is gone: its taps go too. */
  async releaseInterfaces(def: DomainDef): Promise<void> {
    await this.interfaces.detach(def).catch((e: Error) => this.logger.warn(`cannot remove the taps of ${def.name}: ${e.message}`));
  }

  forgetIfTransient(obj: KvmDomainObject): void {
    if (!obj.persistent && !obj.live) this.domains.remove(obj);
  }

  // ---- definitions and starts ---------------------------------------------------

  /** Stores `def` and makes the domain persistent (virDomainDefineXML), under the identity lock. */
  define(def: DomainDef): Promise<KvmDomainObject> {
    return this.domains.withIdentity(def, async () => {
      const existing = this.domains.checkConflicts(def);
      await this.store.writeConfig(def);
      const obj = existing ?? this.domains.add(new KvmDomainObject(def.uuid, def.name));
      const updated = obj.persistent !== undefined;
      obj.persistent = def;
      this.emit(obj, DomainEventType.DEFINED, updated ? DefinedDetail.UPDATED : DefinedDetail.ADDED);
      return obj;
    });
  }

  undefine(obj: KvmDomainObject): Promise<void> {
    return this.domains.withIdentity(obj, async () => {
      if (!obj.persistent) throw fail(ErrorCode.OPERATION_INVALID, 'cannot undefine transient domain');
      await this.store.removeConfig(obj.uuid);
      obj.persistent = undefined;
      this.forgetIfTransient(obj);
      this.emit(obj, DomainEventType.UNDEFINED, UndefinedDetail.REMOVED);
    });
  }

  /**
   * Runs `op` with the domain object a new QEMU for `def` belongs to (the
   * existing one, or a new transient one), under the identity lock of
   * def's name and UUID. Refuses a name or UUID held by another domain and
   * a domain that runs (`active` says how). A transient domain that is left
   * without a QEMU is forgotten again.
   */
  claim<T>(def: DomainIdentity, active: string, op: (obj: KvmDomainObject) => Promise<T>): Promise<T> {
    return this.domains.withIdentity(def, async () => {
      const existing = this.domains.checkConflicts(def);
      if (existing?.live) throw fail(ErrorCode.OPERATION_INVALID, `domain '${def.name}' ${active}`);
      const obj = existing ?? this.domains.add(new KvmDomainObject(def.uuid, def.name));
      try {
        return await op(obj);
      } finally {
        this.forgetIfTransient(obj);
      }
    });
  }

  /** Starts a defined domain (virDomainCreateWithFlags). */
  startDefined(obj: KvmDomainObject, paused: boolean): Promise<void> {
    return this.domains.withIdentity(obj, async () => {
      if (obj.live) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is already running`);
      if (!obj.persistent) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' has no definition`);
      await this.start(obj, obj.persistent, paused);
    });
  }

  /** Launches and boots QEMU for `def`; the caller holds the identity lock. */
  async start(obj: KvmDomainObject, def: DomainDef, paused: boolean): Promise<void> {
    const intended = paused ? { state: DomainState.PAUSED, reason: PausedReason.USER } : { state: DomainState.RUNNING, reason: RunningReason.BOOTED };
    const live = await this.launcher.launch(obj, def, intended);
    try {
      const target = live.def.currentMemory?.kib;
      if (target !== undefined && target < live.def.memory.kib && live.def.devices.memballoon?.model === 'virtio') {
        await live.qmp.execute('balloon', { value: target * 1024 });
      }
      if (!paused) {
        this.lifecycle.expectTransition(live, 'RESUME', 'reported');
        await live.qmp.execute('cont');
      }
    } catch (e) {
      await this.lifecycle.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
      throw e;
    }
    this.emit(obj, DomainEventType.STARTED, StartedDetail.BOOTED);
    if (paused) await this.lifecycle.setState(obj, DomainState.PAUSED, PausedReason.USER, [DomainEventType.SUSPENDED, SuspendedDetail.PAUSED]).catch(() => {});
  }
}
