import os from 'node:os';
import {
  CreateFlags, DefineFlags, DestroyFlags, DomainState, DomainXmlFlags, DrvFeature, DriverRole, ErrorCode, JobStatsFlags, ListDomainsFlags,
  ShutdownFlags, ShutoffReason, StoppedDetail, PausedReason, SuspendedDetail, RunningReason, ResumedDetail, UndefineFlags,
  allFlags, checkFlags, formatDomainXml, isUuid, normalizeUuid,
  type DomainInfo, type DomainLifecycleEvent, type DomainRef, type DriverConnection, type EventRole, type JobInfo, type JobRole,
  type JobStats, type PrepareArgs, type PrepareResult, type PerformArgs, type MigrationV2, type MigrationV3,
  type NodeInfo, type SaveRole, type Unsubscribe,
  formatCapabilitiesXml,
} from '@virtkit/core';
import { fail } from './errors.js';
import type { DomainObject, KvmHost } from './kvm-host.js';
import { KvmMigration } from './kvm-migration.js';
import { KvmSave } from './kvm-save.js';
import { cpuTimeNs } from './qemu-process.js';


/**
 * A connection to one KVM host (one root). Host, domain, job, event and
 * migration v2/v3 roles; state lives in the shared KvmHost.
 */
/** What every KVM connection declares. */
export const KVM_FEATURES: ReadonlySet<number> = new Set([
  DrvFeature.MIGRATION_V2, DrvFeature.MIGRATION_V3, DrvFeature.MIGRATION_OFFLINE, DrvFeature.XML_MIGRATABLE,
  DriverRole.JOBS, DriverRole.EVENTS, DriverRole.SAVE,
]);

export class KvmConnection implements DriverConnection, JobRole, EventRole, SaveRole, MigrationV2, MigrationV3 {
  private readonly migration: KvmMigration;
  private readonly saving: KvmSave;
  private readonly unsubscribers = new Set<Unsubscribe>();

  constructor(private readonly host: KvmHost, private readonly onClose: () => void = () => {}) {
    this.migration = new KvmMigration(host);
    this.saving = new KvmSave(host);
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

  private stateOf(obj: DomainObject): DomainState {
    return obj.live ? obj.live.state : DomainState.SHUTOFF;
  }

  async listDomains(flags: number): Promise<DomainRef[]> {
    checkFlags(flags, allFlags(ListDomainsFlags), 'virConnectListAllDomains');
    const F = ListDomainsFlags;
    const group = (bits: number, test: (o: DomainObject) => number) => (o: DomainObject) => (flags & bits) === 0 || (flags & bits & test(o)) !== 0;
    const active = group(F.ACTIVE | F.INACTIVE, (o) => (o.live ? F.ACTIVE : F.INACTIVE));
    const persistent = group(F.PERSISTENT | F.TRANSIENT, (o) => (o.persistent ? F.PERSISTENT : F.TRANSIENT));
    const state = group(F.RUNNING | F.PAUSED | F.SHUTOFF | F.OTHER, (o) => {
      const s = this.stateOf(o);
      return s === DomainState.RUNNING ? F.RUNNING : s === DomainState.PAUSED ? F.PAUSED : s === DomainState.SHUTOFF ? F.SHUTOFF : F.OTHER;
    });
    return [...this.host.domains.values()].filter((o) => active(o) && persistent(o) && state(o)).map((o) => this.host.ref(o));
  }

  async lookupByName(name: string): Promise<DomainRef> {
    const obj = this.host.findByName(name);
    if (!obj) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching name '${name}'`);
    return this.host.ref(obj);
  }

  async lookupByUuid(uuid: string): Promise<DomainRef> {
    const obj = isUuid(uuid) ? this.host.domains.get(normalizeUuid(uuid)) : undefined;
    if (!obj) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching uuid '${uuid}'`);
    return this.host.ref(obj);
  }

  async lookupById(id: number): Promise<DomainRef> {
    const obj = [...this.host.domains.values()].find((o) => o.live?.id === id);
    if (!obj) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching id ${id}`);
    return this.host.ref(obj);
  }

  async defineXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, allFlags(DefineFlags), 'virDomainDefineXML');
    const def = await this.host.canonical(xml);
    return this.host.ref(await this.host.define(def));
  }

  async undefine(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(UndefineFlags), 'virDomainUndefineFlags');
    await this.host.undefine(this.host.find(dom));
  }

  async create(dom: DomainRef, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_VALIDATE | CreateFlags.START_FORCE_BOOT, 'virDomainCreateWithFlags');
    const obj = this.host.find(dom);
    if (obj.live) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is already running`);
    if (!obj.persistent) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' has no definition`);
    await this.host.start(obj, obj.persistent, (flags & CreateFlags.START_PAUSED) !== 0);
    return this.host.ref(obj);
  }

  async createXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED | CreateFlags.START_VALIDATE, 'virDomainCreateXML');
    const def = await this.host.canonical(xml);
    const obj = this.host.claimDomain(def, 'is already running');
    await this.host.runRegistered(obj, () => this.host.start(obj, def, (flags & CreateFlags.START_PAUSED) !== 0));
    return this.host.ref(obj);
  }

  async shutdown(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, ShutdownFlags.ACPI_POWER_BTN, 'virDomainShutdownFlags');
    await this.host.shutdownLive(this.host.find(dom));
  }

  async destroy(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, DestroyFlags.GRACEFUL, 'virDomainDestroyFlags');
    const obj = this.host.find(dom);
    this.host.requireLive(obj);
    await this.host.destroyLive(obj, StoppedDetail.DESTROYED);
  }

  async suspend(dom: DomainRef): Promise<void> {
    const obj = this.host.find(dom);
    const live = this.host.requireLive(obj);
    if (live.state === DomainState.PAUSED) return;
    await this.host.pauseLive(obj, PausedReason.USER, SuspendedDetail.PAUSED);
  }

  async resume(dom: DomainRef): Promise<void> {
    const obj = this.host.find(dom);
    const live = this.host.requireLive(obj);
    if (live.migration) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is being migrated`);
    if (live.state === DomainState.RUNNING) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is already running`);
    await this.host.resumeLive(obj, RunningReason.UNPAUSED, ResumedDetail.UNPAUSED);
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
      cpuTime: obj.live ? cpuTimeNs(obj.live.pid) : 0n,
    };
  }

  async getState(dom: DomainRef): Promise<{ state: DomainState; reason: number }> {
    const obj = this.host.find(dom);
    if (obj.live) return { state: obj.live.state, reason: obj.live.reason };
    return { state: DomainState.SHUTOFF, reason: obj.shutoffReason ?? ShutoffReason.UNKNOWN };
  }

  async getXmlDesc(dom: DomainRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(DomainXmlFlags), 'virDomainGetXMLDesc');
    const obj = this.host.find(dom);
    const inactive = (flags & DomainXmlFlags.INACTIVE) !== 0 || (flags & DomainXmlFlags.MIGRATABLE) !== 0;
    const def = (flags & DomainXmlFlags.INACTIVE) && obj.persistent ? obj.persistent : obj.live?.def ?? obj.persistent!;
    return formatDomainXml(def, { inactive: inactive || !obj.live });
  }

  // ---- save and restore -----------------------------------------------------------

  save(dom: DomainRef, path: string, flags: number): Promise<void> { return this.saving.save(dom, path, flags); }
  restore(path: string, flags: number): Promise<DomainRef> { return this.saving.restore(path, flags); }

  // ---- jobs and events -----------------------------------------------------------

  getJobInfo(dom: DomainRef): Promise<JobInfo> { return this.migration.jobInfo(dom); }

  getJobStats(dom: DomainRef, flags: number): Promise<JobStats> {
    checkFlags(flags, allFlags(JobStatsFlags), 'virDomainGetJobStats');
    return this.migration.jobStats(dom, (flags & JobStatsFlags.COMPLETED) !== 0);
  }

  abortJob(dom: DomainRef): Promise<void> { return this.migration.abort(dom); }

  onLifecycle(listener: (event: DomainLifecycleEvent) => void): Unsubscribe {
    const off = this.host.onLifecycle(listener);
    const u = () => { off(); this.unsubscribers.delete(u); };
    this.unsubscribers.add(u);
    return u;
  }

  // ---- migration v2 ----------------------------------------------------------------

  migratePrepare2(args: PrepareArgs & { domXml: string }): Promise<PrepareResult> {
    return this.migration.prepare(args, 'virDomainMigratePrepare2');
  }

  migratePerform(dom: DomainRef, args: PerformArgs): Promise<void> {
    return this.migration.perform(dom, args, false);
  }

  migrateFinish2(args: { dname: string; cookie?: Uint8Array; uri: string; flags: number; retcode: number }): Promise<DomainRef | null> {
    return this.migration.finish({ dname: args.dname, flags: args.flags, failed: args.retcode !== 0 });
  }

  // ---- migration v3 ----------------------------------------------------------------

  migrateBegin3(dom: DomainRef, args: { xmlin?: string; flags: number; dname?: string; bandwidth: number }): Promise<{ xml: string; cookie?: Uint8Array }> {
    return this.migration.begin3(dom, args);
  }

  migratePrepare3(args: PrepareArgs & { cookieIn?: Uint8Array; domXml: string }): Promise<PrepareResult> {
    return this.migration.prepare(args, 'virDomainMigratePrepare3');
  }

  async migratePerform3(dom: DomainRef, args: { xmlin?: string; cookieIn?: Uint8Array; dconnuri?: string; uri: string; flags: number; dname?: string; bandwidth: number }): Promise<{ cookie?: Uint8Array }> {
    if (args.dconnuri !== undefined) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'peer-to-peer migration is not supported');
    await this.migration.perform(dom, args, true);
    return {};
  }

  async migrateFinish3(args: { dname: string; cookieIn?: Uint8Array; dconnuri?: string; uri: string; flags: number; cancelled: boolean }): Promise<{ domain: DomainRef | null; cookie?: Uint8Array }> {
    const domain = await this.migration.finish({ dname: args.dname, flags: args.flags, failed: args.cancelled });
    return { domain };
  }

  migrateConfirm3(dom: DomainRef, args: { cookieIn?: Uint8Array; flags: number; cancelled: boolean }): Promise<void> {
    return this.migration.confirm3(dom, args);
  }
}
