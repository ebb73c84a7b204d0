import {
  CreateFlags, DefineFlags, DestroyFlags, DomainObjectList, DomainState, DomainXmlFlags, DriverRole, DrvFeature, ErrorCode, ErrorDomain, JobOperation, JobTracker,
  MigrateFlags, ShutdownFlags, StoppedDetail, UndefineFlags, allFlags, checkBandwidth, checkFlags, errorReporter, filterDomainList, formatDomainXml, isVirtError,
  normalizeUuid,
  type ConnectionServices, type DomainIdentity, type DomainInfo, type DomainLifecycleEvent, type DomainRef, type DriverConnection, type SaveRole, type EventRole,
  type FinishArgs, type JobInfo, type JobRole, type JobStats, type Logger, type PerformArgs, type PrepareArgs, type PrepareResult, type MigrationV1, type NodeInfo, type Unsubscribe,
} from '@virtkit/core';
import { xenCapabilitiesXml } from './capabilities.js';
import { domainFromSexpr } from './config/domain-from-sexpr.js';
import { domainToSexpr } from './config/domain-to-sexpr.js';
import { parseXenDomainXml } from './config/xen-domain-xml.js';
import { domainStateFromSexpr } from './domain-state.js';
import { parseMigrationUri } from './migration-uri.js';
import { XenEvents, type StopReason } from './xen-events.js';
import { formatSexpr, popcount, sexprInt, sexprValue, type Sexpr } from './sexpr/index.js';
import { domainPath, type XendClient, type XendReply } from './xend-client.js';

/** The migration flags xend can honour (libvirt's XEN_MIGRATION_FLAGS). */
const XEN_MIGRATION_FLAGS = MigrateFlags.LIVE | MigrateFlags.UNDEFINE_SOURCE | MigrateFlags.PAUSED | MigrateFlags.PERSIST_DEST;

export interface XenConnectionOptions {
  uri: string;
  /** Host and port the destination's relocation listener is reached at, for Prepare's URI. */
  relocationHost: string;
  relocationPort: number;
  /** Milliseconds between polls of xend for lifecycle events made elsewhere (default 500). */
  eventIntervalMs?: number;
}

/** How change() sends its request. */
interface ChangeOptions {
  /** Where to POST; the domain's own path unless given (op=new and op=create go to /xend/domain/). */
  path?: string;
  /** The reply comes only when the work is done (save, migrate): use the long timeout. */
  long?: boolean;
  /** How the domain goes away if the change stops it, for the STOPPED event. */
  stopReason?: StopReason;
  /** Further requests that belong to the same change, sent after the first one succeeded. */
  then?: () => Promise<unknown>;
}

const fail = errorReporter(ErrorDomain.XEN);

/** A memory size in KiB as xend takes it: a positive integer, rounded up to MiB. */
function kibToMib(kib: number): string {
  if (!Number.isSafeInteger(kib) || kib <= 0) throw fail(ErrorCode.INVALID_ARG, `memory ${kib} KiB must be a positive integer`);
  return String(Math.ceil(kib / 1024));
}

/** What every Xen connection declares: migration v1 (xend moves the guest itself), jobs, events, save. */
export const XEN_FEATURES: ReadonlySet<number> = new Set([
  DrvFeature.MIGRATION_V1, DrvFeature.MIGRATION_DIRECT, DriverRole.JOBS, DriverRole.EVENTS, DriverRole.SAVE,
]);

/**
 * A connection to one xend. Every call is one or a few HTTP requests; xend
 * holds all state, so two connections to the same xend see the same guests.
 */
export class XenConnection implements DriverConnection, MigrationV1, JobRole, EventRole, SaveRole {
  /** Save and migration as this connection sees them: known while its own request is outstanding (xend reports no progress and cancels nothing). */
  private readonly jobs: JobTracker;
  private readonly events: XenEvents;
  private readonly logger: Logger;

  constructor(private readonly xend: XendClient, private readonly options: XenConnectionOptions, services: ConnectionServices) {
    this.logger = services.logger;
    this.jobs = new JobTracker(services.clock, fail);
    this.events = new XenEvents(() => this.listAll(), (desc) => this.ref(desc), services, options.eventIntervalMs);
  }

  // ---- host ----

  private node(): Promise<Sexpr> {
    return this.xend.get('/xend/node/');
  }

  async getType(): Promise<string> {
    return 'Xen';
  }

  /** major * 1,000,000 + minor * 1,000 + the number in xen_extra (".6" → 6). */
  async getVersion(): Promise<number> {
    const n = await this.node();
    const extra = /\d+/.exec(sexprValue(n, 'xen_extra') ?? '')?.[0] ?? '0';
    return Number(sexprValue(n, 'xen_major') ?? 0) * 1_000_000 + Number(sexprValue(n, 'xen_minor') ?? 0) * 1000 + Number(extra);
  }

  async getHostname(): Promise<string> {
    return sexprValue(await this.node(), 'host') ?? 'localhost';
  }

  async getUri(): Promise<string> {
    return this.options.uri;
  }

  /** libvirt's xenDaemonNodeGetInfo: total_memory MiB → KiB, sockets derived when xend gives none. */
  async getNodeInfo(): Promise<NodeInfo> {
    const n = await this.node();
    const int = (k: string, d: number) => sexprInt(n, k) ?? d;
    const cpus = int('nr_cpus', 1);
    const nodes = Math.max(1, int('nr_nodes', 1));
    const cores = Math.max(1, int('cores_per_socket', 1));
    const threads = Math.max(1, int('threads_per_core', 1));
    const sockets = int('sockets_per_node', 0) || Math.max(1, Math.floor(cpus / (nodes * cores * threads)));
    return { model: sexprValue(n, 'machine') ?? 'x86_64', memory: int('total_memory', 0) * 1024, cpus, mhz: int('cpu_mhz', 0), nodes, sockets, cores, threads };
  }

  async getCapabilities(): Promise<string> {
    const n = await this.node();
    return xenCapabilitiesXml(sexprValue(n, 'machine') ?? 'x86_64', sexprValue(n, 'xen_caps') ?? '', '00000000-0000-0000-0000-000000000000');
  }

  /** libvirt's Xen driver: migration v1 and direct migration, nothing else. */
  readonly features = XEN_FEATURES;

  async close(): Promise<void> {
    // Every request has its own socket; only the event poll needs stopping.
    this.events.stop();
  }

  onLifecycle(listener: (event: DomainLifecycleEvent) => void): Unsubscribe {
    return this.events.subscribe(listener);
  }

  /**
   * A POST that changes a domain's state, followed by the events it caused.
   * Waits for pending event comparisons first, so a listener's snapshot never
   * already holds the change. The way a stopping domain goes away is recorded
   * before anything is sent: save and migrate reply only when done, and a
   * poll during the request must report SAVED or MIGRATED, not SHUTDOWN.
   */
  private async change(dom: Pick<DomainRef, 'uuid'>, op: string, params: Array<[string, string]> = [], options: ChangeOptions = {}): Promise<XendReply> {
    await this.events.settled();
    if (options.stopReason !== undefined) this.events.expectStop(dom.uuid, options.stopReason);
    let reply: XendReply;
    try {
      reply = await this.xend.post(options.path ?? domainPath(dom.uuid), op, params, { long: options.long });
      await options.then?.();
      await this.events.changed();
    } finally {
      // Taken by the comparison that saw the domain go; anything left is stale.
      if (options.stopReason !== undefined) this.events.forgetStop(dom.uuid);
    }
    return reply;
  }

  // ---- domains ----

  private ref(desc: Sexpr): DomainRef {
    const domid = sexprValue(desc, 'domid');
    return { name: sexprValue(desc, 'name') ?? '', uuid: normalizeUuid(sexprValue(desc, 'uuid') ?? ''), id: domid === undefined ? -1 : Number(domid) };
  }

  /** The description of a domain, looked up by its UUID, the key that survives restarts (domid) and renames. */
  private describe(dom: DomainRef): Promise<Sexpr> {
    return this.getOrNoDomain(dom.uuid, `no domain with matching uuid '${dom.uuid}' (${dom.name})`);
  }

  /**
   * libvirt's check before state changes: an inactive domain is refused with
   * OPERATION_INVALID before anything is sent to xend.
   */
  private async requireActive(dom: DomainRef): Promise<Sexpr> {
    const desc = await this.describe(dom);
    if (sexprValue(desc, 'domid') === undefined) throw fail(ErrorCode.OPERATION_INVALID, `domain '${dom.name}' is not running`);
    return desc;
  }

  async listDomains(flags: number): Promise<DomainRef[]> {
    const domains = (await this.listAll()).map((desc) => ({ ref: this.ref(desc), state: domainStateFromSexpr(desc) }));
    // xend does not say which running domains are managed; like libvirt, every domain xend knows counts as persistent.
    return filterDomainList(domains, flags, (d) => ({ active: d.ref.id >= 0, persistent: true, state: d.state }), (d) => d.ref);
  }

  /**
   * virDomainObjListAdd's name and UUID check, with libvirt's messages. xend
   * is the table: the check runs on the domains it holds now, and xend's own
   * check still refuses what another client defined in the meantime.
   */
  private async checkConflicts(def: DomainIdentity): Promise<void> {
    const held = new DomainObjectList<DomainRef>(fail);
    for (const desc of await this.listAll()) {
      const ref = this.ref(desc);
      if (!held.findByUuid(ref.uuid)) held.add(ref);
    }
    held.checkConflicts(def);
  }

  /** Every domain xend knows, running or not, as `(domain …)` descriptions. */
  private async listAll(): Promise<Sexpr[]> {
    const all = await this.xend.get('/xend/domain?detail=1&state=all');
    if (!Array.isArray(all)) throw fail(ErrorCode.INTERNAL_ERROR, 'xend domain list is not a list');
    return all.filter((d) => Array.isArray(d) && d[0] === 'domain');
  }

  async lookupByName(name: string): Promise<DomainRef> {
    return this.ref(await this.describeByName(name));
  }

  private async describeByName(name: string): Promise<Sexpr> {
    const desc = await this.getOrNoDomain(name, `no domain with matching name '${name}'`);
    if (sexprValue(desc, 'name') !== name) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching name '${name}'`);
    return desc;
  }

  async lookupByUuid(uuid: string): Promise<DomainRef> {
    let normalized: string;
    try {
      normalized = normalizeUuid(uuid);
    } catch {
      throw fail(ErrorCode.NO_DOMAIN, `no domain with matching uuid '${uuid}'`);
    }
    const desc = await this.getOrNoDomain(normalized, `no domain with matching uuid '${uuid}'`);
    const ref = this.ref(desc);
    if (ref.uuid !== normalized) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching uuid '${uuid}'`);
    return ref;
  }

  async lookupById(id: number): Promise<DomainRef> {
    if (!Number.isInteger(id) || id < 0) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching id ${id}`);
    const desc = await this.getOrNoDomain(String(id), `no domain with matching id ${id}`);
    const ref = this.ref(desc);
    if (ref.id !== id) throw fail(ErrorCode.NO_DOMAIN, `no domain with matching id ${id}`);
    return ref;
  }

  private async getOrNoDomain(key: string, what: string): Promise<Sexpr> {
    if (key === '') throw fail(ErrorCode.NO_DOMAIN, what);
    try {
      return await this.xend.get(domainPath(key));
    } catch (e) {
      if (isVirtError(e, ErrorCode.NO_DOMAIN)) throw fail(ErrorCode.NO_DOMAIN, what);
      throw e;
    }
  }

  /** op=new with the (vm …) config; xend stores it as a managed, halted domain. */
  async defineXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, allFlags(DefineFlags), 'virDomainDefineXML');
    const def = parseXenDomainXml(xml);
    await this.checkConflicts(def);
    await this.change(def, 'new', [['config', formatSexpr(domainToSexpr(def))]], { path: '/xend/domain/' });
    return this.lookupByUuid(def.uuid);
  }

  /** op=delete. xend refuses a domain that is not halted. Xen has no managed save, snapshots or NVRAM, so those flags change nothing. */
  async undefine(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(UndefineFlags), 'virDomainUndefineFlags');
    await this.change(dom, 'delete');
  }

  /** op=start; xend never honours its own `paused` argument, so START_PAUSED pauses afterwards. */
  async create(dom: DomainRef, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED, 'virDomainCreateWithFlags');
    if (sexprValue(await this.describe(dom), 'domid') !== undefined) throw fail(ErrorCode.OPERATION_INVALID, `domain '${dom.name}' is already running`);
    const then = flags & CreateFlags.START_PAUSED ? () => this.xend.post(domainPath(dom.uuid), 'pause') : undefined;
    await this.change(dom, 'start', [], { then });
    return this.ref(await this.describe(dom));
  }

  /** libvirt's CreateXML: op=create (built paused), wait_for_devices, unpause; destroy on failure. */
  async createXml(xml: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, CreateFlags.START_PAUSED, 'virDomainCreateXML');
    const def = parseXenDomainXml(xml);
    await this.checkConflicts(def);
    const ref: DomainRef = { name: def.name, uuid: def.uuid, id: -1 };
    const path = domainPath(ref.uuid);
    const reply = await this.change(ref, 'create', [['config', formatSexpr(domainToSexpr(def))]], {
      path: '/xend/domain/',
      then: async () => {
        try {
          await this.xend.post(path, 'wait_for_devices');
          if (!(flags & CreateFlags.START_PAUSED)) await this.xend.post(path, 'unpause');
        } catch (e) {
          await this.xend.post(path, 'destroy').catch((d) => this.logger.warn('cleanup after failed create', { error: String(d) }));
          throw e;
        }
      },
    });
    this.logger.debug('xend created domain', { name: def.name, reply: reply.status });
    return this.ref(await this.describe(ref));
  }

  /** op=shutdown reason=poweroff: a request to the guest, which xend passes on. */
  async shutdown(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, ShutdownFlags.PARAVIRT, 'virDomainShutdownFlags');
    await this.requireActive(dom);
    await this.change(dom, 'shutdown', [['reason', 'poweroff']], { stopReason: StoppedDetail.SHUTDOWN });
  }

  /** op=shutdown reason=reboot (virDomainReboot). */
  async reboot(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, ShutdownFlags.PARAVIRT, 'virDomainReboot');
    await this.requireActive(dom);
    await this.change(dom, 'shutdown', [['reason', 'reboot']]);
  }

  async destroy(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(DestroyFlags), 'virDomainDestroyFlags');
    await this.requireActive(dom);
    await this.change(dom, 'destroy', [], { stopReason: StoppedDetail.DESTROYED });
  }

  async suspend(dom: DomainRef): Promise<void> {
    await this.requireActive(dom);
    await this.change(dom, 'pause');
  }

  async resume(dom: DomainRef): Promise<void> {
    const desc = await this.requireActive(dom);
    if (domainStateFromSexpr(desc) !== DomainState.PAUSED) throw fail(ErrorCode.OPERATION_INVALID, `domain '${dom.name}' is not paused`);
    await this.change(dom, 'unpause');
  }

  /** virDomainInfo from the description: MiB → KiB, cpu_time seconds → ns, vCPUs = population of vcpu_avail capped by vcpus. */
  async getInfo(dom: DomainRef): Promise<DomainInfo> {
    const d = await this.describe(dom);
    const mib = (k: string) => (sexprInt(d, k) ?? 0) * 1024;
    const vcpus = sexprInt(d, 'vcpus') ?? 1;
    const availBits = sexprInt(d, 'vcpu_avail');
    const avail = availBits === undefined ? undefined : popcount(availBits);
    const seconds = Number(sexprValue(d, 'cpu_time') ?? 0);
    return {
      state: domainStateFromSexpr(d),
      maxMem: mib('maxmem'),
      memory: mib('memory'),
      nrVirtCpu: avail === undefined ? vcpus : Math.min(avail, vcpus),
      cpuTime: BigInt(Math.round((Number.isFinite(seconds) ? seconds : 0) * 1e9)),
    };
  }

  async getState(dom: DomainRef): Promise<{ state: DomainState; reason: number }> {
    return { state: domainStateFromSexpr(await this.describe(dom)), reason: 0 };
  }

  /** "hvm" when xend's description has image/hvm, else "linux" (paravirtualised), as libvirt's xend driver answered. */
  async getOSType(dom: DomainRef): Promise<string> {
    return domainFromSexpr(await this.describe(dom)).os.type;
  }

  async getXmlDesc(dom: DomainRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(DomainXmlFlags), 'virDomainGetXMLDesc');
    const def = domainFromSexpr(await this.describe(dom), { secure: !!(flags & DomainXmlFlags.SECURE) });
    return formatDomainXml(def, { inactive: !!(flags & DomainXmlFlags.INACTIVE) });
  }

  /** Balloon target (virDomainSetMemory), KiB rounded up to MiB. */
  async setMemory(dom: DomainRef, kib: number): Promise<void> {
    await this.xend.post(domainPath(dom.uuid), 'mem_target_set', [['target', kibToMib(kib)]]);
  }

  /** virDomainSetMaxMemory, KiB rounded up to MiB. */
  async setMaxMemory(dom: DomainRef, kib: number): Promise<void> {
    await this.xend.post(domainPath(dom.uuid), 'maxmem_set', [['memory', kibToMib(kib)]]);
  }

  /** virDomainSetVcpus: at most the domain's maximum, as libvirt checks before asking xend. */
  async setVcpus(dom: DomainRef, count: number): Promise<void> {
    if (!Number.isInteger(count) || count < 1) throw fail(ErrorCode.INVALID_ARG, `vcpu count ${count} must be at least 1`);
    const max = sexprInt(await this.describe(dom), 'vcpus') ?? 1;
    if (count > max) throw fail(ErrorCode.INVALID_ARG, `requested vcpus (${count}) is greater than max allowable vcpus for the domain (${max})`);
    await this.xend.post(domainPath(dom.uuid), 'set_vcpus', [['vcpus', String(count)]]);
  }

  /** op=save: xend writes the guest's state to `file` on its host and stops the domain. xend takes no save options. */
  async save(dom: DomainRef, file: string, flags = 0): Promise<void> {
    checkFlags(flags, 0, 'virDomainSaveFlags');
    if (dom.id === 0) throw fail(ErrorCode.INVALID_ARG, 'Domain-0 cannot be saved');
    if (!file.startsWith('/')) throw fail(ErrorCode.INVALID_ARG, `save file '${file}' must be an absolute path on the xend host`);
    await this.jobs.run(dom, { operation: JobOperation.SAVE }, async () => {
      await this.requireActive(dom);
      await this.change(dom, 'save', [['file', file]], { long: true, stopReason: StoppedDetail.SAVED });
    });
  }

  /**
   * op=restore: xend recreates a guest from a file it saved. xend's reply
   * names no domain, so the restored one is the domain that became active.
   */
  async restore(file: string, flags = 0): Promise<DomainRef> {
    checkFlags(flags, 0, 'virDomainRestoreFlags');
    if (!file.startsWith('/')) throw fail(ErrorCode.INVALID_ARG, `restore file '${file}' must be an absolute path on the xend host`);
    await this.events.settled();
    const active = (list: Sexpr[]) => list.map((d) => this.ref(d)).filter((r) => r.id >= 0);
    const before = new Set(active(await this.listAll()).map((r) => r.uuid));
    await this.xend.post('/xend/domain/', 'restore', [['file', file]], { long: true });
    const after = await this.listAll();
    await this.events.changed(after);
    const restored = active(after).find((r) => !before.has(r.uuid));
    if (!restored) throw fail(ErrorCode.OPERATION_FAILED, `xend restored '${file}' but no new domain is running`);
    return restored;
  }

  // ---- jobs ----

  async getJobInfo(dom: DomainRef): Promise<JobInfo> {
    return this.jobs.info(dom);
  }

  async getJobStats(dom: DomainRef, flags: number): Promise<JobStats> {
    return this.jobs.stats(dom, flags);
  }

  async abortJob(dom: DomainRef): Promise<void> {
    await this.jobs.abort(dom);
  }

  // ---- migration v1 ----

  private refuseUnsupported(args: PrepareArgs | PerformArgs, where: string): void {
    checkFlags(args.flags, XEN_MIGRATION_FLAGS, where);
    checkBandwidth(args.bandwidth, fail);
    if (args.dname !== undefined) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'Xen does not support renaming domains during migration');
    if (args.bandwidth !== 0) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'Xen does not support bandwidth limits during migration');
    if (args.flags & MigrateFlags.PAUSED) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'xend cannot migrate paused domains');
  }

  /** Prepare does not talk to xend: it names this host's relocation listener. */
  async migratePrepare(args: PrepareArgs): Promise<PrepareResult> {
    this.refuseUnsupported(args, 'virDomainMigratePrepare');
    if (args.uriIn !== undefined) {
      parseMigrationUri(args.uriIn);
      return {};
    }
    return { uriOut: `xenmigr://${this.options.relocationHost}:${this.options.relocationPort}` };
  }

  /**
   * op=migrate on the source xend, which streams the guest to the
   * destination's relocation port and replies when it is done.
   */
  async migratePerform(dom: DomainRef, args: PerformArgs): Promise<void> {
    this.refuseUnsupported(args, 'virDomainMigratePerform');
    const target = parseMigrationUri(args.uri);
    await this.jobs.run(dom, { operation: JobOperation.MIGRATION_OUT }, async () => {
      await this.requireActive(dom);
      await this.change(dom, 'migrate', [
        ['destination', target.host],
        ['live', args.flags & MigrateFlags.LIVE ? '1' : '0'],
        ['port', String(target.port)],
        ['node', '-1'],
        ['ssl', '0'],
        ['change_home_server', '0'],
        ['resource', '0'],
      ], { long: true, stopReason: StoppedDetail.MIGRATED });
    });
    if (args.flags & MigrateFlags.UNDEFINE_SOURCE) {
      try {
        await this.change(dom, 'delete');
      } catch (e) {
        if (!isVirtError(e, ErrorCode.NO_DOMAIN)) throw e;
      }
    }
  }

  /** Finish looks the guest up; with PERSIST_DEST it defines it from what now runs here. */
  async migrateFinish(args: FinishArgs): Promise<DomainRef> {
    checkFlags(args.flags, XEN_MIGRATION_FLAGS, 'virDomainMigrateFinish');
    const desc = await this.describeByName(args.dname);
    if (args.flags & MigrateFlags.PERSIST_DEST) {
      try {
        const def = domainFromSexpr(desc, { secure: true });
        await this.xend.post('/xend/domain/', 'new', [['config', formatSexpr(domainToSexpr(def))]]);
      } catch (e) {
        throw fail(ErrorCode.MIGRATE_PERSIST_FAILED, `cannot define '${args.dname}' on the destination: ${(e as Error).message}`, e);
      }
    }
    return this.ref(desc);
  }
}
