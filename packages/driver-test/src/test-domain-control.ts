import {
  DOMAIN_STATS_LIST_FILTERS, DomainEventId, DomainModificationImpact, DomainTimeFlags, DomainState, DomainStatsTypes, ErrorCode, GetAllDomainStatsFlags, SaveRestoreFlags, MemoryModFlags,
  MemoryStatTag, RebootFlags, RunningReason, ShutoffReason, StoppedDetail, VcpuFlags, allFlags, checkFlags, domainNotRunning, filterDomainList,
  getDomainMetadata, modificationImpact, setDomainMetadata,
  type BlockStats, type DomainDef, type DomainEvent, type DomainRef, type DomainStatsRecord, type InterfaceStats, type MemoryStat,
  type MetadataType, type TypedParams, type Unsubscribe,
} from '@virtkit/core';
import { type TestDomain, type TestHost, testError } from './host.js';

/** What the domain-control calls need of the connection: stopping a domain as every other call does. */
export interface TestDomainStopper {
  stop(d: TestDomain, reason: ShutoffReason, detail: StoppedDetail): void;
}

/** The most vCPUs libvirt's test driver accepts (its capabilities' maxCpus). */
const TEST_MAX_VCPUS = 32;

/** libvirt's test driver's fixed instant: the memory statistics' last update, in seconds. */
const MEMORY_STATS_LAST_UPDATE = 627319920;

const IMPACT = DomainModificationImpact.LIVE | DomainModificationImpact.CONFIG;

/**
 * The domain-control roles on a test host, answering as libvirt's test
 * driver (src/test/test_driver.c) answers: reboot follows `<on_reboot>`,
 * reset changes nothing, statistics are made up from the time of day,
 * the scheduler is "fair" with a weight of 50 that never changes. Device
 * attach, detach and update are left out, as libvirt's test driver has none.
 */
export class TestDomainControl {
  constructor(private readonly host: TestHost, private readonly conn: TestDomainStopper) {}

  /** The domain, which must run; otherwise the domain configuration code's OPERATION_INVALID. */
  private active(dom: DomainRef): TestDomain {
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw domainNotRunning();
    return d;
  }

  /** The definitions a change with `flags` (DomainModificationImpact) touches: live, persistent, or both. */
  private targets(d: TestDomain, flags: number): DomainDef[] {
    const { live, config } = modificationImpact(flags, d.id >= 0, d.persistent, 'domain', testError);
    return [live && d.liveDef, config && d.def].filter((x): x is DomainDef => !!x);
  }

  /** The one definition a query with `flags` reads: the live one when asked or when CURRENT on a running domain. */
  private readTarget(d: TestDomain, flags: number): DomainDef {
    if (flags & DomainModificationImpact.LIVE && d.id < 0) throw domainNotRunning();
    const live = flags & DomainModificationImpact.LIVE || (!(flags & DomainModificationImpact.CONFIG) && d.id >= 0);
    return live ? d.liveDef! : d.def;
  }

  // ---- reboot and reset ----

  /** The domain goes the way its `<on_reboot>` says: running again (booted), or shut off. */
  async reboot(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(RebootFlags), 'testDomainReboot');
    const d = this.active(dom);
    const action = (d.liveDef ?? d.def).onReboot ?? 'restart';
    if (action === 'destroy' || action === 'preserve' || action === 'coredump-destroy') {
      this.conn.stop(d, action === 'coredump-destroy' ? ShutoffReason.CRASHED : ShutoffReason.SHUTDOWN, StoppedDetail.SHUTDOWN);
      return;
    }
    d.state = DomainState.RUNNING;
    d.reason = RunningReason.BOOTED;
  }

  async reset(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainReset');
    this.active(dom);
  }

  // ---- memory and vCPUs ----

  async setMemoryFlags(dom: DomainRef, kib: number, flags: number): Promise<void> {
    checkFlags(flags, IMPACT | MemoryModFlags.MAXIMUM, 'testDomainSetMemoryFlags');
    const d = this.host.domains.get(dom);
    const defs = this.targets(d, flags);
    if (flags & MemoryModFlags.MAXIMUM) {
      if (d.id >= 0 && defs.includes(d.liveDef!)) throw testError(ErrorCode.OPERATION_INVALID, 'cannot resize the maximum memory on an active domain');
      for (const def of defs) {
        def.memory.kib = kib;
        if ((def.currentMemory?.kib ?? kib) > kib) def.currentMemory = { kib };
      }
      return;
    }
    if (defs.some((def) => kib > def.memory.kib)) throw testError(ErrorCode.INVALID_ARG, 'cannot set memory higher than max memory');
    for (const def of defs) def.currentMemory = { kib };
  }

  async setVcpusFlags(dom: DomainRef, count: number, flags: number): Promise<void> {
    checkFlags(flags, IMPACT | VcpuFlags.MAXIMUM, 'testDomainSetVcpusFlags');
    const d = this.host.domains.get(dom);
    const defs = this.targets(d, flags);
    if (count > TEST_MAX_VCPUS) throw testError(ErrorCode.INVALID_ARG, `requested cpu amount exceeds maximum supported amount (${count} > ${TEST_MAX_VCPUS})`);
    for (const def of defs) {
      if (!(flags & VcpuFlags.MAXIMUM) && count > def.vcpu.count) throw testError(ErrorCode.INVALID_ARG, `requested cpu amount exceeds maximum (${count} > ${def.vcpu.count})`);
    }
    for (const def of defs) {
      if (flags & VcpuFlags.MAXIMUM) {
        const current = Math.min(def.vcpu.current ?? def.vcpu.count, count);
        def.vcpu.count = count;
        def.vcpu.current = current;
      } else {
        def.vcpu.current = count;
      }
      if (def.vcpu.current === def.vcpu.count) delete def.vcpu.current;
    }
  }

  async getVcpusFlags(dom: DomainRef, flags: number): Promise<number> {
    checkFlags(flags, IMPACT | VcpuFlags.MAXIMUM, 'testDomainGetVcpusFlags');
    const def = this.readTarget(this.host.domains.get(dom), flags);
    return flags & VcpuFlags.MAXIMUM ? def.vcpu.count : def.vcpu.current ?? def.vcpu.count;
  }

  // ---- autostart ----

  async domainGetAutostart(dom: DomainRef): Promise<boolean> {
    return this.host.domains.get(dom).autostart;
  }

  async domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void> {
    const d = this.host.domains.get(dom);
    if (!d.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'cannot set autostart for transient domain');
    d.autostart = autostart;
  }

  // ---- managed save ----

  /** The domain stops with its state "saved"; the next create clears the image (TestConnection.create). */
  async managedSave(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(SaveRestoreFlags), 'testDomainManagedSave');
    const d = this.active(dom);
    if (!d.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'cannot do managed save for transient domain');
    this.conn.stop(d, ShutoffReason.SAVED, StoppedDetail.SAVED);
    d.managedSave = true;
  }

  async hasManagedSaveImage(dom: DomainRef, flags: number): Promise<boolean> {
    checkFlags(flags, 0, 'testDomainHasManagedSaveImage');
    return this.host.domains.get(dom).managedSave;
  }

  async managedSaveRemove(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainManagedSaveRemove');
    this.host.domains.get(dom).managedSave = false;
  }

  // ---- metadata ----

  async getMetadata(dom: DomainRef, type: MetadataType, uri: string | undefined, flags: number): Promise<string> {
    checkFlags(flags, IMPACT, 'virDomainObjGetMetadata');
    return getDomainMetadata(this.readTarget(this.host.domains.get(dom), flags), type, uri);
  }

  async setMetadata(dom: DomainRef, type: MetadataType, metadata: string | undefined, key: string | undefined, uri: string | undefined, flags: number): Promise<void> {
    checkFlags(flags, IMPACT, 'testDomainSetMetadata');
    const d = this.host.domains.get(dom);
    const defs = this.targets(d, flags);
    // An element is parsed before anything changes: bad XML leaves both definitions alone.
    for (const def of defs) setDomainMetadata(def, type, metadata, key, uri);
    this.host.domainEvents.emit({ id: DomainEventId.METADATA_CHANGE, domain: this.host.ref(d), type, nsuri: uri });
  }

  // ---- scheduler ----

  async getSchedulerType(dom: DomainRef): Promise<{ type: string; nparams: number }> {
    this.host.domains.get(dom);
    return { type: 'fair', nparams: 1 };
  }

  async getSchedulerParameters(dom: DomainRef, flags: number): Promise<TypedParams> {
    checkFlags(flags, 0, 'testDomainGetSchedulerParametersFlags');
    this.host.domains.get(dom);
    return { weight: 50 };
  }

  /** Accepted and forgotten, as libvirt's test driver does: the weight stays 50. */
  async setSchedulerParameters(dom: DomainRef, params: TypedParams, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainSetSchedulerParametersFlags');
    this.host.domains.get(dom);
    for (const [name, value] of Object.entries(params)) {
      if (name !== 'weight') throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, `parameter '${name}' not supported`);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) throw testError(ErrorCode.INVALID_ARG, `invalid type for parameter '${name}', expected 'uint'`);
    }
  }

  // ---- statistics ----

  /** Microseconds and seconds of the time of day, the base of every made-up counter. */
  private static now(): { usec: number; sec: number } {
    const ms = Date.now();
    return { usec: ms * 1000, sec: Math.floor(ms / 1000) };
  }

  async blockStats(dom: DomainRef, path: string): Promise<BlockStats> {
    if (!path) throw testError(ErrorCode.OPERATION_UNSUPPORTED, 'summary statistics are not supported yet');
    const d = this.active(dom);
    if (!d.liveDef!.devices.disks.some((disk) => disk.target.dev === path || disk.sourcePath === path)) throw testError(ErrorCode.INVALID_ARG, `invalid path: ${path}`);
    const { usec, sec } = TestDomainControl.now();
    return { rdReq: Math.floor(usec / 10), rdBytes: Math.floor(usec / 20), wrReq: Math.floor(usec / 30), wrBytes: Math.floor(usec / 40), errs: Math.floor(sec / 2) };
  }

  async interfaceStats(dom: DomainRef, path: string): Promise<InterfaceStats> {
    const d = this.active(dom);
    if (!d.liveDef!.devices.interfaces.some((n) => n.targetDev === path || n.mac === path.toLowerCase())) {
      throw testError(ErrorCode.INVALID_ARG, `'${path}' is not a known interface`);
    }
    const { usec, sec } = TestDomainControl.now();
    return {
      rxBytes: Math.floor(usec / 10), rxPackets: Math.floor(usec / 100), rxErrs: sec, rxDrop: Math.floor(sec / 2),
      txBytes: Math.floor(usec / 20), txPackets: Math.floor(usec / 110), txErrs: Math.floor(sec / 3), txDrop: Math.floor(sec / 4),
    };
  }

  /** Figures derived from the current memory, in libvirt's test driver's order. */
  async memoryStats(dom: DomainRef, nrStats: number, flags: number): Promise<MemoryStat[]> {
    checkFlags(flags, 0, 'testDomainMemoryStats');
    const def = this.active(dom).liveDef!;
    const cur = def.currentMemory?.kib ?? def.memory.kib;
    const all: Array<[MemoryStatTag, number]> = [
      [MemoryStatTag.ACTUAL_BALLOON, cur], [MemoryStatTag.SWAP_IN, 0], [MemoryStatTag.SWAP_OUT, 0], [MemoryStatTag.MAJOR_FAULT, 0],
      [MemoryStatTag.MINOR_FAULT, 0], [MemoryStatTag.UNUSED, Math.floor(cur / 2)], [MemoryStatTag.AVAILABLE, cur], [MemoryStatTag.USABLE, Math.floor(cur / 2)],
      [MemoryStatTag.LAST_UPDATE, MEMORY_STATS_LAST_UPDATE], [MemoryStatTag.DISK_CACHES, Math.floor(cur / 8)], [MemoryStatTag.HUGETLB_PGALLOC, 0],
      [MemoryStatTag.HUGETLB_PGFAIL, 0], [MemoryStatTag.RSS, Math.floor(cur / 2)],
    ];
    return all.slice(0, nrStats).map(([tag, val]) => ({ tag, val }));
  }

  /** Only the state group, as libvirt's test driver has; another group asked with ENFORCE_STATS is refused. */
  async getAllDomainStats(doms: DomainRef[] | undefined, stats: number, flags: number): Promise<DomainStatsRecord[]> {
    const unsupported = (stats & ~DomainStatsTypes.STATE) >>> 0;
    if (unsupported && flags & GetAllDomainStatsFlags.ENFORCE_STATS) {
      throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, `Stats types bits 0x${unsupported.toString(16)} are not supported by this daemon`);
    }
    const listFlags = flags & DOMAIN_STATS_LIST_FILTERS;
    const refs = doms ?? filterDomainList(this.host.domains.values(), listFlags, (d) => ({ active: d.id >= 0, persistent: d.persistent, state: d.state }), (d) => this.host.ref(d));
    const wantState = stats === 0 || (stats & DomainStatsTypes.STATE) !== 0;
    return refs.map((ref): DomainStatsRecord => {
      const d = this.host.domains.get(ref);
      return { domain: this.host.ref(d), params: wantState ? { 'state.state': d.state, 'state.reason': d.reason } : {} as TypedParams };
    });
  }

  // ---- time ----

  /** The domain's own clock: the memory statistics' last update until something sets it. */
  async getTime(dom: DomainRef, flags: number): Promise<{ seconds: number; nseconds: number }> {
    checkFlags(flags, 0, 'testDomainGetTime');
    return { ...this.active(dom).guestTime };
  }

  /** Kept for the domain, as libvirt's test driver keeps it (SYNC with no time given keeps the clock). */
  async setTime(dom: DomainRef, time: { seconds: number; nseconds: number } | undefined, flags: number): Promise<void> {
    checkFlags(flags, DomainTimeFlags.SYNC, 'testDomainSetTime');
    const d = this.active(dom);
    if (time) d.guestTime = { ...time };
  }

  // ---- events ----

  onDomainEvent(listener: (event: DomainEvent) => void): Unsubscribe {
    return this.host.domainEvents.subscribe(listener);
  }
}
