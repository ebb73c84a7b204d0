import os from 'node:os';
import {
  CreateFlags, DefineFlags, DomainEventId, DestroyFlags, DomainState, DomainXmlFlags, DrvFeature, DriverRole, ErrorCode,
  ShutdownFlags, ShutoffReason, StoppedDetail, PausedReason, SuspendedDetail, RunningReason, ResumedDetail, UndefineFlags,
  allFlags, checkFlags, filterDomainList, formatCapabilitiesXml, formatDomainXml, isUuid, normalizeUuid,
  type Begin3Args, type Begin3Result, type Confirm3Args, type DomainInfo, type DomainLifecycleEvent, type DomainRef, type DriverConnection,
  type EventRole, type Finish2Args, type Finish3Args, type Finish3Result, type JobInfo, type JobRole, type JobStats, type MigrationV2,
  type MigrationV3, type NodeInfo, type PerformArgs, type Perform3Args, type Prepare2Args, type Prepare3Args, type PrepareResult,
  type MigrationTuningRole, type MigrationPostCopyRole, type SaveRole, type QemuMonitorEvent, type QemuMonitorRole, type Unsubscribe, type NetworkRole, type DomainDef, forwardRole,
  type StoragePoolRole, type StorageVolRole, type NetworkEventRole, type NetworkLifecycleEvent, type StoragePoolEventRole,
  type StoragePoolLifecycleEvent, type StoragePoolRefreshEvent,
  type DomainControlRole, type DomainResourcesRole, type DomainAutostartRole, type ManagedSaveRole, type DomainMetadataRole, type DomainStatsRole,
  type DomainEventRole, type DeviceDetachRole, type DomainEvent, type ConsoleRole, type ScreenshotRole, type SendKeyRole,
} from '@virtkit/core';
import { fail } from './errors.js';
import type { KvmDomainObject } from './kvm-domain.js';
import type { KvmHost } from './kvm-host.js';
import { KvmMigration, migrationBusy } from './kvm-migration.js';
import { KvmSave } from './kvm-save.js';
import { requireLive } from './qmp-lifecycle.js';
import { KvmNetworkCalls } from './network/kvm-network-calls.js';
import { updateInterfaceLink } from './network/interface-update.js';
import { attachInterface } from './network/interface-hotplug.js';
import { blockResize } from './block-resize.js';
import { KvmDomainControl } from './kvm-domain-control.js';
import { qemuMonitorCommand } from './kvm-qemu-monitor.js';
import { attachDisk, detachDevice, parseDeviceXml, type DiskHotplugHost } from './device-hotplug.js';


/** The domain-control roles of a KVM host (kvm-domain-control.ts, device-hotplug.ts); no scheduler parameters. */
const DOMAIN_CONTROL_ROLES = [
  DriverRole.DOMAIN_CONTROL, DriverRole.DOMAIN_RESOURCES, DriverRole.DOMAIN_AUTOSTART, DriverRole.MANAGED_SAVE, DriverRole.DOMAIN_METADATA,
  DriverRole.DOMAIN_STATS, DriverRole.DOMAIN_EVENTS, DriverRole.DEVICE_DETACH,
];

/** Consoles, screenshots and keys (kvm-domain-streams.ts). */
const DOMAIN_STREAM_ROLES = [DriverRole.CONSOLE, DriverRole.SCREENSHOT, DriverRole.SEND_KEY];

/** What every KVM connection declares. */
export const KVM_FEATURES: ReadonlySet<number> = new Set([
  DrvFeature.MIGRATION_V2, DrvFeature.MIGRATION_V3, DrvFeature.MIGRATION_OFFLINE, DrvFeature.XML_MIGRATABLE,
  DriverRole.JOBS, DriverRole.EVENTS, DriverRole.SAVE, DriverRole.NETWORKS, DriverRole.STORAGE, DriverRole.MIGRATION_TUNING, DriverRole.MIGRATION_POSTCOPY,
  DriverRole.NETWORK_EVENTS, DriverRole.STORAGE_POOL_EVENTS, DriverRole.QEMU_MONITOR,
  ...DOMAIN_CONTROL_ROLES, ...DOMAIN_STREAM_ROLES,
]);

/** The network, storage and domain-control roles, forwarded to their own classes (see the constructor). */
export interface KvmConnection extends NetworkRole, StoragePoolRole, StorageVolRole, DomainControlRole, DomainResourcesRole, DomainAutostartRole,
  ManagedSaveRole, DomainMetadataRole, DomainStatsRole, ConsoleRole, ScreenshotRole, SendKeyRole {}

/**
 * A connection to one KVM host (one root). Host, domain, job, event,
 * migration v2/v3, network and storage roles; state lives in the shared KvmHost.
 */
export class KvmConnection implements DriverConnection, DeviceDetachRole, DomainEventRole, QemuMonitorRole, JobRole, EventRole, SaveRole, MigrationV2, MigrationV3, MigrationTuningRole, MigrationPostCopyRole,
  NetworkRole, StoragePoolRole, StorageVolRole, NetworkEventRole, StoragePoolEventRole {
  private readonly migration: KvmMigration;
  private readonly saving: KvmSave;
  private readonly control: KvmDomainControl;
  private readonly unsubscribers = new Set<Unsubscribe>();

  constructor(private readonly host: KvmHost, private readonly onClose: () => void = () => {}) {
    this.migration = new KvmMigration(host);
    this.saving = new KvmSave(host);
    // The network role lives in network/kvm-network-calls.ts, the storage roles in storage/kvm-storage.ts.
    forwardRole(this, new KvmNetworkCalls(host.networks, (dom) => host.find(dom)), DriverRole.NETWORKS);
    forwardRole(this, host.storage, DriverRole.STORAGE);
    this.control = new KvmDomainControl(host, this.saving);
    // Device detach and domain events are this class's own (below): the events end with the connection, as lifecycle ones do.
    for (const role of DOMAIN_CONTROL_ROLES) if (role !== DriverRole.DEVICE_DETACH && role !== DriverRole.DOMAIN_EVENTS) forwardRole(this, this.control, role);
    const streams = host.domainStreams;
    for (const role of DOMAIN_STREAM_ROLES) forwardRole(this, streams, role);
  }

  /** What disk hotplug and device detach need of the host (device-hotplug.ts). */
  private hotplugHost(): DiskHotplugHost {
    return {
      caps: (d) => this.host.launcher.capsFor(d),
      writeStatus: (o) => this.host.lifecycle.writeStatus(o),
      writeConfig: (d) => this.host.store.writeConfig(d),
      emitDomainEvent: (e) => this.host.emitDomainEvent(e),
      ref: (o) => this.host.ref(o),
      releaseInterface: (d, nic) => this.host.releaseInterfaces({ ...d, devices: { ...d.devices, interfaces: [nic] } }),
    };
  }

  /** virDomainDetachDeviceFlags: a virtio disk or an interface, live and/or persistently (device-hotplug.ts). */
  detachDevice(dom: DomainRef, xml: string, flags: number): Promise<void> {
    const obj = this.host.find(dom);
    return this.host.domains.withIdentity(obj, () => detachDevice(this.hotplugHost(), obj, xml, flags));
  }

  // ---- host -------------------------------------------------------------------

  async getType(): Promise<string> { return 'QEMU'; }

  async getVersion(): Promise<number> {
    return (await this.host.caps.get(this.host.config.emulator)).version;
  }

  async getHostname(): Promise<string> { return os.hostname(); }
  async getUri(): Promise<string> { return this.host.paths.uri; }

  async getNodeInfo(): Promise<NodeInfo> {
    const cpus = os.cpus();
    return { model: os.arch() === 'x64' ? 'x86_64' : os.arch(), memory: Math.floor(os.totalmem() / 1024), cpus: cpus.length, mhz: cpus[0]?.speed ?? 0, nodes: 1, sockets: 1, cores: cpus.length, threads: 1 };
  }

  async getCapabilities(): Promise<string> {
    const caps = await this.host.caps.get(this.host.config.emulator);
    return formatCapabilitiesXml({
      host: { arch: 'x86_64', migrationTransports: ['tcp'] },
      guests: [{
        osType: 'hvm',
        arch: 'x86_64',
        wordsize: 64,
        emulator: caps.binary,
        machines: caps.machines.flatMap((m) => (m.alias ? [{ name: m.alias, canonical: m.name }, { name: m.name }] : [{ name: m.name }])),
        domainTypes: caps.kvm ? ['qemu', 'kvm'] : ['qemu'],
      }],
    });
  }

  readonly features = KVM_FEATURES;

  async close(): Promise<void> {
    for (const u of [...this.unsubscribers]) u();
    this.onClose();
  }

  // ---- domains ------------------------------------------------------------------

  private stateOf(obj: KvmDomainObject): DomainState {
    return obj.live ? obj.live.state : DomainState.SHUTOFF;
  }

  async listDomains(flags: number): Promise<DomainRef[]> {
    const facts = (o: KvmDomainObject) => ({ active: o.live !== undefined, persistent: o.persistent !== undefined, state: this.stateOf(o), autostart: o.autostart, hasManagedSave: o.hasManagedSave });
    return filterDomainList(this.host.domains.values(), flags, facts, (o) => this.host.ref(o));
  }

  async lookupByName(name: string): Promise<DomainRef> {
    return this.host.ref(this.host.domains.getByName(name));
  }

  async lookupByUuid(uuid: string): Promise<DomainRef> {
    return this.host.ref(this.host.domains.getByUuid(isUuid(uuid) ? normalizeUuid(uuid) : uuid));
  }

  async lookupById(id: number): Promise<DomainRef> {
    return this.host.ref(this.host.domains.getById(id));
  }

  async defineXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, allFlags(DefineFlags), 'virDomainDefineXML');
    const def = await this.host.launcher.canonical(xml);
    return this.host.ref(await this.host.define(def));
  }

  async undefine(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(UndefineFlags), 'virDomainUndefineFlags');
    const obj = this.host.find(dom);
    if (obj.hasManagedSave && !(flags & UndefineFlags.MANAGED_SAVE)) throw fail(ErrorCode.OPERATION_INVALID, 'Refusing to undefine while domain managed save image exists');
    await this.host.undefine(obj);
    await this.control.forget(obj);
  }

  async create(dom: DomainRef, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_VALIDATE | CreateFlags.START_FORCE_BOOT, 'virDomainCreateWithFlags');
    const obj = this.host.find(dom);
    await this.control.start(obj, (flags & CreateFlags.START_PAUSED) !== 0);
    return this.host.ref(obj);
  }

  async createXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_VALIDATE, 'virDomainCreateXML');
    const def = await this.host.launcher.canonical(xml);
    return this.host.claim(def, 'is already running', async (obj) => {
      await this.host.start(obj, def, (flags & CreateFlags.START_PAUSED) !== 0);
      return this.host.ref(obj);
    });
  }

  async shutdown(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, ShutdownFlags.ACPI_POWER_BTN, 'virDomainShutdownFlags');
    await this.host.lifecycle.shutdownLive(this.host.find(dom));
  }

  async destroy(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, DestroyFlags.GRACEFUL, 'virDomainDestroyFlags');
    await this.host.lifecycle.destroyLive(this.host.find(dom), StoppedDetail.DESTROYED);
  }

  async suspend(dom: DomainRef): Promise<void> {
    const obj = this.host.find(dom);
    const live = requireLive(obj);
    if (live.state === DomainState.PAUSED) return;
    await this.host.lifecycle.pauseLive(obj, PausedReason.USER, SuspendedDetail.PAUSED);
  }

  async resume(dom: DomainRef): Promise<void> {
    const obj = this.host.find(dom);
    const live = requireLive(obj);
    if (live.migration) throw migrationBusy(obj.name, live.migration);
    if (live.state === DomainState.RUNNING) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is already running`);
    await this.host.lifecycle.resumeLive(obj, RunningReason.UNPAUSED, ResumedDetail.UNPAUSED);
  }

  async getInfo(dom: DomainRef): Promise<DomainInfo> {
    const obj = this.host.find(dom);
    const def = obj.live?.def ?? obj.persistent!;
    let memory = def.currentMemory?.kib ?? def.memory.kib;
    if (obj.live && def.devices.memballoon?.model === 'virtio') {
      // The balloon's actual size, when the guest has a balloon driver to report it.
      const balloon = await obj.live.qmp.execute<{ actual: number }>('query-balloon').catch(() => undefined);
      if (balloon) memory = Math.floor(balloon.actual / 1024);
    }
    return {
      state: this.stateOf(obj),
      maxMem: def.memory.kib,
      memory,
      nrVirtCpu: def.vcpu.current ?? def.vcpu.count,
      cpuTime: obj.live ? this.host.processes.cpuTimeNs(obj.live.pid) : 0n,
    };
  }

  async getState(dom: DomainRef): Promise<{ state: DomainState; reason: number }> {
    const obj = this.host.find(dom);
    if (obj.live) return { state: obj.live.state, reason: obj.live.reason };
    return { state: DomainState.SHUTOFF, reason: obj.shutoffReason ?? ShutoffReason.UNKNOWN };
  }

  /** The definition's OS type ("hvm"), of the running configuration while active. */
  async getOSType(dom: DomainRef): Promise<string> {
    const obj = this.host.find(dom);
    return (obj.live?.def ?? obj.persistent!).os.type;
  }

  async getXmlDesc(dom: DomainRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(DomainXmlFlags), 'virDomainGetXMLDesc');
    const obj = this.host.find(dom);
    const inactive = (flags & DomainXmlFlags.INACTIVE) !== 0 || (flags & DomainXmlFlags.MIGRATABLE) !== 0;
    const def = (flags & DomainXmlFlags.INACTIVE) && obj.persistent ? obj.persistent : obj.live?.def ?? obj.persistent!;
    return formatDomainXml(def, { inactive: inactive || !obj.live });
  }

  /** virDomainUpdateDeviceFlags: an interface's link state (network/interface-update.ts). */
  updateDevice(dom: DomainRef, xml: string, flags: number): Promise<void> {
    const obj = this.host.find(dom);
    return this.host.domains.withIdentity(obj, () => updateInterfaceLink({ writeStatus: (o) => this.host.lifecycle.writeStatus(o), writeConfig: (d) => this.host.store.writeConfig(d) }, obj, xml, flags));
  }

  /** virDomainAttachDeviceFlags: a <disk> (device-hotplug.ts) or an <interface> (network/interface-hotplug.ts). */
  attachDevice(dom: DomainRef, xml: string, flags: number): Promise<void> {
    const obj = this.host.find(dom);
    const { disk } = parseDeviceXml(xml);
    if (disk) return this.host.domains.withIdentity(obj, () => attachDisk(this.hotplugHost(), obj, disk, flags));
    const host = {
      interfaces: this.host.interfaces,
      caps: (d: DomainDef) => this.host.launcher.capsFor(d),
      writeStatus: (o: KvmDomainObject) => this.host.lifecycle.writeStatus(o),
      writeConfig: (d: DomainDef) => this.host.store.writeConfig(d),
      deviceAdded: (o: KvmDomainObject, devAlias: string) => this.host.emitDomainEvent({ id: DomainEventId.DEVICE_ADDED, domain: this.host.ref(o), devAlias }),
    };
    return this.host.domains.withIdentity(obj, () => attachInterface(host, obj, xml, flags));
  }

  /** virDomainBlockResize (block-resize.ts). */
  blockResize(dom: DomainRef, disk: string, size: number, flags: number): Promise<void> {
    return blockResize(this.host.storage, this.host.find(dom), disk, size, flags);
  }

  // ---- save and restore -----------------------------------------------------------

  save(dom: DomainRef, path: string, flags: number): Promise<void> { return this.saving.save(dom, path, flags); }
  restore(path: string, flags: number): Promise<DomainRef> { return this.saving.restore(path, flags); }

  // ---- jobs and events -----------------------------------------------------------

  getJobInfo(dom: DomainRef): Promise<JobInfo> { return this.host.jobs.tracker.info(this.host.find(dom)); }

  getJobStats(dom: DomainRef, flags: number): Promise<JobStats> { return this.host.jobs.tracker.stats(this.host.find(dom), flags); }

  /** The running job's abort; without one, a migration whose client is gone is cancelled (KvmMigration.cancelStranded). */
  abortJob(dom: DomainRef): Promise<void> {
    const obj = this.host.find(dom);
    if (!this.host.jobs.tracker.current(obj) && obj.live?.migration) return this.migration.cancelStranded(obj);
    return this.host.jobs.tracker.abort(obj);
  }

  onDomainEvent(listener: (event: DomainEvent) => void): Unsubscribe {
    return this.tracked(this.host.domainEvents.subscribe(listener));
  }

  /** virDomainQemuMonitorCommand (kvm-qemu-monitor.ts). */
  qemuMonitorCommand(dom: DomainRef, cmd: string, flags: number): Promise<string> {
    return qemuMonitorCommand(this.host, dom, cmd, flags);
  }

  /** libvirt-qemu's monitor events; they end with the connection, as lifecycle ones do. */
  onQemuMonitorEvent(listener: (event: QemuMonitorEvent) => void): Unsubscribe {
    return this.tracked(this.host.monitorEvents.subscribe(listener));
  }

  onLifecycle(listener: (event: DomainLifecycleEvent) => void): Unsubscribe {
    return this.tracked(this.host.onLifecycle(listener));
  }

  onNetworkLifecycle(listener: (event: NetworkLifecycleEvent) => void): Unsubscribe {
    return this.tracked(this.host.objectEvents.onNetworkLifecycle(listener));
  }

  onStoragePoolLifecycle(listener: (event: StoragePoolLifecycleEvent) => void): Unsubscribe {
    return this.tracked(this.host.objectEvents.onPoolLifecycle(listener));
  }

  onStoragePoolRefresh(listener: (event: StoragePoolRefreshEvent) => void): Unsubscribe {
    return this.tracked(this.host.objectEvents.onPoolRefresh(listener));
  }

  /** A subscription that ends with the connection (close()) if not before. */
  private tracked(off: Unsubscribe): Unsubscribe {
    const u = () => { off(); this.unsubscribers.delete(u); };
    this.unsubscribers.add(u);
    return u;
  }

  // ---- migration limits ------------------------------------------------------------

  migrateSetMaxDowntime(dom: DomainRef, downtimeMs: number, flags: number): Promise<void> {
    return this.migration.setMaxDowntime(dom, downtimeMs, flags);
  }

  migrateGetMaxDowntime(dom: DomainRef, flags: number): Promise<number> {
    return this.migration.getMaxDowntime(dom, flags);
  }

  migrateSetMaxSpeed(dom: DomainRef, bandwidthMiB: number, flags: number): Promise<void> {
    return this.migration.setMaxSpeed(dom, bandwidthMiB, flags);
  }

  migrateGetMaxSpeed(dom: DomainRef, flags: number): Promise<number> {
    return this.migration.getMaxSpeed(dom, flags);
  }

  migrateStartPostCopy(dom: DomainRef, flags: number): Promise<void> {
    return this.migration.startPostCopy(dom, flags);
  }

  // ---- migration v2 ----------------------------------------------------------------

  migratePrepare2(args: Prepare2Args): Promise<PrepareResult> {
    return this.migration.prepare(args, 'virDomainMigratePrepare2');
  }

  migratePerform(dom: DomainRef, args: PerformArgs): Promise<void> {
    return this.migration.perform(dom, args, false);
  }

  migrateFinish2(args: Finish2Args): Promise<DomainRef | null> {
    return this.migration.finish({ dname: args.dname, flags: args.flags, failed: args.retcode !== 0 });
  }

  // ---- migration v3 ----------------------------------------------------------------

  migrateBegin3(dom: DomainRef, args: Begin3Args): Promise<Begin3Result> {
    return this.migration.begin3(dom, args);
  }

  migratePrepare3(args: Prepare3Args): Promise<PrepareResult> {
    return this.migration.prepare(args, 'virDomainMigratePrepare3');
  }

  async migratePerform3(dom: DomainRef, args: Perform3Args): Promise<{ cookie?: Uint8Array }> {
    if (args.dconnuri !== undefined) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'peer-to-peer migration is not supported');
    await this.migration.perform(dom, args, true);
    return {};
  }

  async migrateFinish3(args: Finish3Args): Promise<Finish3Result> {
    const domain = await this.migration.finish({ dname: args.dname, flags: args.flags, failed: args.cancelled });
    return { domain };
  }

  migrateConfirm3(dom: DomainRef, args: Confirm3Args): Promise<void> {
    return this.migration.confirm3(dom, args);
  }
}
