import type { Connection } from './connection.js';
import { DomainState, type DomainInfo, type DomainRef, type JobInfo, type JobStats } from './driver/types.js';
import { ListDomainsFlags } from './flags.js';
import { hasMigrationPostCopyRole, hasMigrationTuningRole, hasSaveRole, type DriverConnection, type MigrationTuningRole } from './driver/contract.js';
import type { DomainInterfaceAddresses } from './driver/network.js';
import { migrateDomain, type MigrateOptions, type MigrateResult } from './migration/orchestrate.js';
import { migrateToUri, type MigrateToUriOptions } from './migration/peer2peer.js';
import { domainControl } from './domain-control.js';
import type { Duplex } from 'node:stream';
import { domainStreams, type Screenshot } from './domain-streams.js';
import { MemoryModFlags, type BlockStats, type InterfaceStats, type MemoryStat, type MetadataType, type TypedParams } from './driver/domain-control.js';

/**
 * A handle on one domain of one connection (virDomainPtr). Holds name, UUID
 * and id as they were when looked up; `refresh()` reads them again.
 */
export class Domain {
  constructor(readonly connection: Connection, private ref: DomainRef) {}

  get name(): string { return this.ref.name; }
  get uuid(): string { return this.ref.uuid; }
  /** -1 when inactive. */
  get id(): number { return this.ref.id; }
  /** @internal */
  get driverRef(): DomainRef { return this.ref; }

  async refresh(): Promise<this> {
    this.ref = await this.connection.live().lookupByUuid(this.ref.uuid);
    return this;
  }

  /** Starts a defined domain (virDomainCreate). */
  async start(flags = 0): Promise<void> { this.ref = await this.connection.writable().create(this.ref, flags); }
  async shutdown(flags = 0): Promise<void> { return this.connection.writable().shutdown(this.ref, flags); }
  async destroy(flags = 0): Promise<void> { await this.connection.writable().destroy(this.ref, flags); this.ref = { ...this.ref, id: -1 }; }
  async suspend(): Promise<void> { return this.connection.writable().suspend(this.ref); }
  async resume(): Promise<void> { return this.connection.writable().resume(this.ref); }
  async undefine(flags = 0): Promise<void> { return this.connection.writable().undefine(this.ref, flags); }
  /** virDomainIsPersistent, answered from the driver's persistent listing. */
  async isPersistent(): Promise<boolean> {
    const refs = await this.connection.live().listDomains(ListDomainsFlags.PERSISTENT);
    return refs.some((r) => r.uuid === this.ref.uuid);
  }

  /** virDomainIsActive. */
  async isActive(): Promise<boolean> {
    return (await this.getState()).state !== DomainState.SHUTOFF;
  }

  /** virDomainSaveFlags: state to a file on the host, then the domain stops. flags: SaveRestoreFlags. */
  async save(path: string, flags = 0): Promise<void> {
    const c = this.connection.writable();
    if (!hasSaveRole(c)) throw this.connection.noSupport('save');
    await c.save(this.ref, path, flags);
    this.ref = { ...this.ref, id: -1 };
  }

  /** virDomainMigrateSetMaxDowntime, in milliseconds. */
  async migrateSetMaxDowntime(downtimeMs: number, flags = 0): Promise<void> {
    await this.tuning('virDomainMigrateSetMaxDowntime').migrateSetMaxDowntime(this.ref, downtimeMs, flags);
  }
  /** virDomainMigrateGetMaxDowntime, in milliseconds. */
  async migrateGetMaxDowntime(flags = 0): Promise<number> {
    return this.tuning('virDomainMigrateGetMaxDowntime', false).migrateGetMaxDowntime(this.ref, flags);
  }
  /** virDomainMigrateStartPostCopy: the running migration (started with VIR_MIGRATE_POSTCOPY) switches to post-copy. */
  async migrateStartPostCopy(flags = 0): Promise<void> {
    const c = this.connection.writable();
    if (!hasMigrationPostCopyRole(c)) throw this.connection.noSupport('virDomainMigrateStartPostCopy');
    await c.migrateStartPostCopy(this.ref, flags);
  }
  /** virDomainMigrateSetMaxSpeed, in MiB/s; flags: MigrateMaxSpeedFlags. */
  async migrateSetMaxSpeed(bandwidthMiB: number, flags = 0): Promise<void> {
    await this.tuning('virDomainMigrateSetMaxSpeed').migrateSetMaxSpeed(this.ref, bandwidthMiB, flags);
  }
  /** virDomainMigrateGetMaxSpeed, in MiB/s; flags: MigrateMaxSpeedFlags. */
  async migrateGetMaxSpeed(flags = 0): Promise<number> {
    return this.tuning('virDomainMigrateGetMaxSpeed', false).migrateGetMaxSpeed(this.ref, flags);
  }
  private tuning(api: string, write = true): DriverConnection & MigrationTuningRole {
    const c = write ? this.connection.writable() : this.connection.live();
    if (!hasMigrationTuningRole(c)) throw this.connection.noSupport(api);
    return c;
  }

  async getInfo(): Promise<DomainInfo> { return this.connection.live().getInfo(this.ref); }
  async getState(): Promise<{ state: DomainState; reason: number }> { return this.connection.live().getState(this.ref); }
  async getXmlDesc(flags = 0): Promise<string> { return this.connection.live().getXmlDesc(this.ref, flags); }
  /** virDomainGetOSType: "hvm", "linux", … as the driver reports it. NO_SUPPORT from a driver written before core API 1.1. */
  async getOSType(): Promise<string> {
    const c = this.connection.live();
    if (!c.getOSType) throw this.connection.noSupport('virDomainGetOSType');
    return c.getOSType(this.ref);
  }
  // ---- domain control (driver/domain-control.ts; checks in domain-control.ts) ----

  /** virDomainReboot; flags: RebootFlags. */
  reboot(flags = 0): Promise<void> { return domainControl.reboot(this, flags); }
  /** virDomainReset; flags must be 0. */
  reset(flags = 0): Promise<void> { return domainControl.reset(this, flags); }
  /** virDomainSetMemoryFlags, in KiB; flags: MemoryModFlags. */
  setMemoryFlags(kib: number, flags = 0): Promise<void> { return domainControl.setMemoryFlags(this, kib, flags); }
  /** virDomainSetMemory: the live balloon size, in KiB. */
  setMemory(kib: number): Promise<void> { return domainControl.setMemoryFlags(this, kib, MemoryModFlags.LIVE, 'virDomainSetMemory'); }
  /** virDomainSetMaxMemory, in KiB (the running domain's, or the definition's when inactive). */
  setMaxMemory(kib: number): Promise<void> { return domainControl.setMemoryFlags(this, kib, MemoryModFlags.MAXIMUM, 'virDomainSetMaxMemory'); }
  /** virDomainSetVcpusFlags; flags: VcpuFlags. */
  setVcpusFlags(count: number, flags = 0): Promise<void> { return domainControl.setVcpusFlags(this, count, flags); }
  /** virDomainGetVcpusFlags; flags: VcpuFlags. */
  getVcpusFlags(flags = 0): Promise<number> { return domainControl.getVcpusFlags(this, flags); }
  getAutostart(): Promise<boolean> { return domainControl.getAutostart(this); }
  setAutostart(autostart: boolean): Promise<void> { return domainControl.setAutostart(this, autostart); }
  /** virDomainManagedSave; flags: SaveRestoreFlags. */
  async managedSave(flags = 0): Promise<void> { await domainControl.managedSave(this, flags); this.ref = { ...this.ref, id: -1 }; }
  hasManagedSaveImage(flags = 0): Promise<boolean> { return domainControl.hasManagedSaveImage(this, flags); }
  managedSaveRemove(flags = 0): Promise<void> { return domainControl.managedSaveRemove(this, flags); }
  /** virDomainGetMetadata; uri only for ELEMENT. flags: DomainModificationImpact. */
  getMetadata(type: MetadataType, uri?: string, flags = 0): Promise<string> { return domainControl.getMetadata(this, type, uri, flags); }
  /** virDomainSetMetadata; metadata undefined removes. key and uri only for ELEMENT. */
  setMetadata(type: MetadataType, metadata: string | undefined, key?: string, uri?: string, flags = 0): Promise<void> { return domainControl.setMetadata(this, type, metadata, key, uri, flags); }
  getSchedulerType(): Promise<{ type: string; nparams: number }> { return domainControl.getSchedulerType(this); }
  /** virDomainGetSchedulerParameters, or with flags virDomainGetSchedulerParametersFlags. */
  getSchedulerParameters(flags?: number): Promise<TypedParams> { return domainControl.getSchedulerParameters(this, flags); }
  setSchedulerParameters(params: TypedParams, flags = 0): Promise<void> { return domainControl.setSchedulerParameters(this, params, flags); }
  /** virDomainBlockStats: a disk by target or source path; '' for the sum. */
  blockStats(path: string): Promise<BlockStats> { return domainControl.blockStats(this, path); }
  /** virDomainInterfaceStats: an interface by its host-side name or MAC. */
  interfaceStats(path: string): Promise<InterfaceStats> { return domainControl.interfaceStats(this, path); }
  /** virDomainMemoryStats: at most nrStats entries (13: every tag libvirt has). */
  memoryStats(nrStats = 13, flags = 0): Promise<MemoryStat[]> { return domainControl.memoryStats(this, nrStats, flags); }
  /** virDomainGetTime: the guest's clock, seconds and nanoseconds since the epoch. */
  getTime(flags = 0): Promise<{ seconds: number; nseconds: number }> { return domainControl.getTime(this, flags); }
  /** virDomainSetTime; flags: DomainTimeFlags (SYNC: from the guest's RTC, `time` unused). */
  setTime(time: { seconds: number; nseconds: number } | undefined, flags = 0): Promise<void> { return domainControl.setTime(this, time, flags); }
  /** virDomainDetachDeviceFlags; flags: DeviceModifyFlags. */
  detachDevice(xml: string, flags = 0): Promise<void> { return domainControl.detachDevice(this, xml, flags); }

  // ---- console, screenshot, keys (driver/domain-streams.ts; checks in domain-streams.ts) ----

  /**
   * virDomainOpenConsole: the guest's console as a Duplex (read what the
   * guest prints, write what it should read). `devName`: a console or
   * serial alias ("serial0"); flags: DomainConsoleFlags (FORCE takes it from
   * another client, SAFE refuses drivers that cannot keep clients apart).
   */
  openConsole(devName?: string, options: { flags?: number } = {}): Promise<Duplex> { return domainStreams.openConsole(this, devName, options.flags ?? 0); }
  /** virDomainScreenshot: the image of display `screen` and its MIME type. */
  screenshot(screen = 0, flags = 0): Promise<Screenshot> { return domainStreams.screenshot(this, screen, flags); }
  /** virDomainSendKey: `keycodes` of KeycodeSet `codeset` pressed together for `holdtime` ms (0: the driver's default). */
  sendKey(codeset: number, holdtime: number, keycodes: readonly number[], flags = 0): Promise<void> { return domainStreams.sendKey(this, codeset, holdtime, keycodes, flags); }

  async getJobInfo(): Promise<JobInfo> { return this.connection.jobs().getJobInfo(this.ref); }
  async getJobStats(flags = 0): Promise<JobStats> { return this.connection.jobs().getJobStats(this.ref, flags); }
  async abortJob(): Promise<void> { this.connection.writable(); return this.connection.jobs().abortJob(this.ref); }

  /** virDomainUpdateDeviceFlags; flags: DeviceModifyFlags. NO_SUPPORT from a driver written before core API 1.3. */
  async updateDevice(xml: string, flags = 0): Promise<void> {
    const c = this.connection.writable();
    if (!c.updateDevice) throw this.connection.noSupport('virDomainUpdateDeviceFlags');
    await c.updateDevice(this.ref, xml, flags);
  }

  /** virDomainAttachDeviceFlags; flags: DeviceModifyFlags. NO_SUPPORT from a driver written before core API 1.3. */
  async attachDevice(xml: string, flags = 0): Promise<void> {
    const c = this.connection.writable();
    if (!c.attachDevice) throw this.connection.noSupport('virDomainAttachDeviceFlags');
    await c.attachDevice(this.ref, xml, flags);
  }

  /** virDomainBlockResize: `size` in KiB, bytes with DomainBlockResizeFlags.BYTES. NO_SUPPORT from a driver written before core API 1.3. */
  async blockResize(disk: string, size: number, flags = 0): Promise<void> {
    const c = this.connection.writable();
    if (!c.blockResize) throw this.connection.noSupport('virDomainBlockResize');
    await c.blockResize(this.ref, disk, size, flags);
  }

  /** virDomainInterfaceAddresses; source: InterfaceAddressesSource (LEASE is what networks answer). */
  async interfaceAddresses(source = 0, flags = 0): Promise<DomainInterfaceAddresses[]> {
    return this.connection.networks().domainInterfaceAddresses(this.ref, source, flags);
  }

  /** Migrates to another connection, negotiating the protocol version as virDomainMigrate does. */
  migrate(destination: Connection, options: MigrateOptions = {}): Promise<MigrateResult> {
    return migrateDomain(this, destination, options);
  }

  /**
   * virDomainMigrateToURI3 with VIR_MIGRATE_PEER2PEER: the source host
   * opens `dconnuri` and runs the migration itself; the caller only waits.
   * Resolves to the destination's guest when this process was the source
   * host, to undefined when a remote host ran it.
   */
  migrateToUri(dconnuri: string, options: MigrateToUriOptions = {}): Promise<MigrateResult | undefined> {
    return migrateToUri(this, dconnuri, options);
  }
}
