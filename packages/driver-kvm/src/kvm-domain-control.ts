import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DOMAIN_STATS_LIST_FILTERS, DomainEventId, DomainModificationImpact, DomainState, DomainStatsTypes, ErrorCode, GetAllDomainStatsFlags,
  SaveRestoreFlags, MemoryModFlags, MemoryStatTag, RebootFlags, VcpuFlags, checkFlags, cloneDomainDef, domainNotRunning, filterDomainList,
  formatDomainXml, getDomainMetadata, modificationImpact, setDomainMetadata, type BlockStats, type DomainDef, type DomainRef,
  type DomainStatsRecord, type InterfaceStats, type MemoryStat, type MetadataType, type TypedParams,
} from '@virtkit/core';
import { removeFile, writeFileAtomic } from './atomic-file.js';
import { fail } from './errors.js';
import type { KvmDomainObject, LiveDomain } from './kvm-domain.js';
import type { KvmHost } from './kvm-host.js';
import type { KvmSave } from './kvm-save.js';

const IMPACT = DomainModificationImpact.LIVE | DomainModificationImpact.CONFIG;

/** One disk's counters in QEMU's query-blockstats. */
interface QmpBlockStats {
  qdev?: string;
  device?: string;
  stats: { rd_operations: number; rd_bytes: number; wr_operations: number; wr_bytes: number; failed_rd_operations?: number; failed_wr_operations?: number };
}

/** The unit a disk target names ("vda" 0, "vdb" 1, "sdaa" 26), as the command line numbers virtio disks. */
function diskIndex(dev: string): number {
  const letters = /[a-z]+$/.exec(dev.replace(/^(vd|sd|hd|fd|xvd)/, ''))?.[0] ?? 'a';
  return [...letters].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 96), 0) - 1;
}

/**
 * The domain-control roles of a KVM host. Reboot presses the ACPI power
 * button and, when the guest powers off, resets and continues it instead
 * of letting QEMU go (libvirt's fake reboot, QEMU runs with -no-shutdown);
 * reset is system_reset. Live memory is the balloon, persistent memory and
 * vCPUs the definition (vCPU hotplug is not offered). Autostart and the
 * managed save images live in the host's configuration directory; the
 * image is a save file of kvm-save.ts that the next start restores.
 */
export class KvmDomainControl {
  constructor(private readonly host: KvmHost, private readonly saving: KvmSave) {}

  private live(dom: DomainRef): [KvmDomainObject, LiveDomain] {
    const obj = this.host.find(dom);
    if (!obj.live) throw domainNotRunning();
    return [obj, obj.live];
  }

  private autostartFile(obj: { uuid: string }): string {
    return path.join(this.host.paths.configDir, 'autostart', obj.uuid);
  }

  /** Where the managed save image of a domain is kept. */
  managedSaveFile(obj: { uuid: string }): string {
    return path.join(this.host.paths.configDir, 'save', `${obj.uuid}.save`);
  }

  /** Writes a changed live definition to the status file, a persistent one to the config file. */
  private async commit(obj: KvmDomainObject, live: DomainDef | undefined, config: DomainDef | undefined): Promise<void> {
    if (live && obj.live) {
      obj.live.def = live;
      obj.live.xml = formatDomainXml(live);
      await this.host.lifecycle.writeStatus(obj);
    }
    if (config) {
      await this.host.store.writeConfig(config);
      obj.persistent = config;
    }
  }

  // ---- reboot and reset ----

  async reboot(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, RebootFlags.ACPI_POWER_BTN | RebootFlags.GUEST_AGENT, 'qemuDomainReboot');
    if (flags & RebootFlags.GUEST_AGENT) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'QEMU guest agent is not configured');
    const [, live] = this.live(dom);
    live.fakeReboot = true;
    try {
      await live.qmp.execute('system_powerdown');
    } catch (e) {
      live.fakeReboot = false;
      throw e;
    }
  }

  async reset(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'qemuDomainReset');
    const [, live] = this.live(dom);
    live.fakeReboot = false;
    await live.qmp.execute('system_reset');
  }

  // ---- memory and vCPUs ----

  async setMemoryFlags(dom: DomainRef, kib: number, flags: number): Promise<void> {
    checkFlags(flags, IMPACT | MemoryModFlags.MAXIMUM, 'qemuDomainSetMemoryFlags');
    const obj = this.host.find(dom);
    await this.host.domains.withIdentity(obj, async () => {
      const { live, config } = modificationImpact(flags, obj.live !== undefined, obj.persistent !== undefined, 'domain', fail);
      const cfg = config ? cloneDomainDef(obj.persistent!) : undefined;
      if (flags & MemoryModFlags.MAXIMUM) {
        if (live) throw fail(ErrorCode.OPERATION_INVALID, 'cannot resize the maximum memory on an active domain');
        cfg!.memory.kib = kib;
        if ((cfg!.currentMemory?.kib ?? kib) > kib) cfg!.currentMemory = { kib };
        return this.commit(obj, undefined, cfg);
      }
      let liveDef: DomainDef | undefined;
      if (live) {
        liveDef = cloneDomainDef(obj.live!.def);
        if (kib > liveDef.memory.kib) throw fail(ErrorCode.INVALID_ARG, 'cannot set memory higher than max memory');
        if (liveDef.devices.memballoon?.model !== 'virtio') throw fail(ErrorCode.OPERATION_INVALID, 'Unable to change memory of active domain without the balloon device and guest OS balloon driver');
      }
      if (cfg && kib > cfg.memory.kib) throw fail(ErrorCode.INVALID_ARG, 'cannot set memory higher than max memory');
      if (liveDef) {
        await obj.live!.qmp.execute('balloon', { value: kib * 1024 });
        liveDef.currentMemory = { kib };
      }
      if (cfg) cfg.currentMemory = { kib };
      await this.commit(obj, liveDef, cfg);
    });
  }

  async setVcpusFlags(dom: DomainRef, count: number, flags: number): Promise<void> {
    checkFlags(flags, IMPACT | VcpuFlags.MAXIMUM, 'qemuDomainSetVcpusFlags');
    const obj = this.host.find(dom);
    await this.host.domains.withIdentity(obj, async () => {
      const { live } = modificationImpact(flags, obj.live !== undefined, obj.persistent !== undefined, 'domain', fail);
      if (live) throw fail(ErrorCode.OPERATION_UNSUPPORTED, 'changing the vCPUs of a running domain is not supported; use --config');
      const cfg = cloneDomainDef(obj.persistent!);
      if (flags & VcpuFlags.MAXIMUM) {
        cfg.vcpu.current = Math.min(cfg.vcpu.current ?? cfg.vcpu.count, count);
        cfg.vcpu.count = count;
      } else {
        if (count > cfg.vcpu.count) throw fail(ErrorCode.INVALID_ARG, `requested vcpus is greater than max allowable vcpus for the persistent domain: ${count} > ${cfg.vcpu.count}`);
        cfg.vcpu.current = count;
      }
      if (cfg.vcpu.current === cfg.vcpu.count) delete cfg.vcpu.current;
      await this.commit(obj, undefined, cfg);
    });
  }

  async getVcpusFlags(dom: DomainRef, flags: number): Promise<number> {
    checkFlags(flags, IMPACT | VcpuFlags.MAXIMUM, 'qemuDomainGetVcpusFlags');
    const def = this.readTarget(this.host.find(dom), flags);
    return flags & VcpuFlags.MAXIMUM ? def.vcpu.count : def.vcpu.current ?? def.vcpu.count;
  }

  /** The definition a query with `flags` reads. */
  private readTarget(obj: KvmDomainObject, flags: number): DomainDef {
    if (flags & DomainModificationImpact.LIVE && !obj.live) throw domainNotRunning();
    if (flags & DomainModificationImpact.CONFIG && !obj.persistent) throw fail(ErrorCode.OPERATION_INVALID, 'transient domains do not have any persistent config');
    const live = flags & DomainModificationImpact.LIVE || (!(flags & DomainModificationImpact.CONFIG) && obj.live);
    return live ? obj.live!.def : obj.persistent!;
  }

  // ---- autostart ----

  async domainGetAutostart(dom: DomainRef): Promise<boolean> {
    return this.host.find(dom).autostart;
  }

  async domainSetAutostart(dom: DomainRef, autostart: boolean): Promise<void> {
    const obj = this.host.find(dom);
    if (!obj.persistent) throw fail(ErrorCode.OPERATION_INVALID, 'cannot set autostart for transient domain');
    const file = this.autostartFile(obj);
    if (autostart) {
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, `${obj.name}\n`);
    } else {
      await removeFile(file);
    }
    obj.autostart = autostart;
  }

  /** Reads which domains are marked autostart and which have a managed save image, from the host's directories. */
  private async loadMarks(): Promise<void> {
    const exists = (file: string) => fs.access(file).then(() => true, () => false);
    for (const obj of this.host.domains.values()) {
      obj.autostart = await exists(this.autostartFile(obj));
      obj.hasManagedSave = await exists(this.managedSaveFile(obj));
    }
  }

  /** An undefined domain's autostart mark and managed save image go with its definition. */
  async forget(obj: KvmDomainObject): Promise<void> {
    await removeFile(this.autostartFile(obj));
    await removeFile(this.managedSaveFile(obj));
    obj.autostart = false;
    obj.hasManagedSave = false;
  }

  /** Starts every inactive domain marked autostart, as libvirt does when its driver starts; failures are logged. */
  async startAutostartDomains(): Promise<void> {
    await this.loadMarks();
    for (const obj of this.host.domains.values()) {
      if (obj.live || !obj.persistent || !obj.autostart) continue;
      await this.start(obj).catch((e: Error) => this.host.logger.warn(`cannot autostart ${obj.name}: ${e.message}`));
    }
  }

  /** virDomainCreate: from the managed save image when there is one (removed once used), else a boot. */
  async start(obj: KvmDomainObject, paused = false): Promise<void> {
    const image = this.managedSaveFile(obj);
    if (obj.hasManagedSave) {
      await this.saving.restore(image, paused ? SaveRestoreFlags.PAUSED : 0);
      await removeFile(image);
      obj.hasManagedSave = false;
      return;
    }
    await this.host.startDefined(obj, paused);
  }

  // ---- managed save ----

  async managedSave(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, SaveRestoreFlags.BYPASS_CACHE | SaveRestoreFlags.RUNNING | SaveRestoreFlags.PAUSED, 'qemuDomainManagedSave');
    const [obj] = this.live(dom);
    if (!obj.persistent) throw fail(ErrorCode.OPERATION_INVALID, 'cannot do managed save for transient domain');
    const file = this.managedSaveFile(obj);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await this.saving.save(dom, file, flags);
    obj.hasManagedSave = true;
  }

  async hasManagedSaveImage(dom: DomainRef, flags: number): Promise<boolean> {
    checkFlags(flags, 0, 'qemuDomainHasManagedSaveImage');
    return this.host.find(dom).hasManagedSave;
  }

  async managedSaveRemove(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'qemuDomainManagedSaveRemove');
    const obj = this.host.find(dom);
    await removeFile(this.managedSaveFile(obj));
    obj.hasManagedSave = false;
  }

  // ---- metadata ----

  async getMetadata(dom: DomainRef, type: MetadataType, uri: string | undefined, flags: number): Promise<string> {
    checkFlags(flags, IMPACT, 'virDomainObjGetMetadata');
    return getDomainMetadata(this.readTarget(this.host.find(dom), flags), type, uri);
  }

  async setMetadata(dom: DomainRef, type: MetadataType, metadata: string | undefined, key: string | undefined, uri: string | undefined, flags: number): Promise<void> {
    checkFlags(flags, IMPACT, 'qemuDomainSetMetadata');
    const obj = this.host.find(dom);
    await this.host.domains.withIdentity(obj, async () => {
      const { live, config } = modificationImpact(flags, obj.live !== undefined, obj.persistent !== undefined, 'domain', fail);
      const liveDef = live ? cloneDomainDef(obj.live!.def) : undefined;
      const cfg = config ? cloneDomainDef(obj.persistent!) : undefined;
      for (const def of [liveDef, cfg]) if (def) setDomainMetadata(def, type, metadata, key, uri);
      await this.commit(obj, liveDef, cfg);
    });
    this.host.domainEvents.emit({ id: DomainEventId.METADATA_CHANGE, domain: this.host.ref(obj), type, nsuri: uri });
  }

  // ---- statistics ----

  /** query-blockstats, the entry of the disk `path` names (its target or source); '' sums every disk. */
  async blockStats(dom: DomainRef, path: string): Promise<BlockStats> {
    const [, live] = this.live(dom);
    const all = await live.qmp.execute<QmpBlockStats[]>('query-blockstats');
    const sum = (entries: QmpBlockStats[]): BlockStats => entries.reduce((acc, e) => ({
      rdReq: acc.rdReq + e.stats.rd_operations, rdBytes: acc.rdBytes + e.stats.rd_bytes, wrReq: acc.wrReq + e.stats.wr_operations,
      wrBytes: acc.wrBytes + e.stats.wr_bytes, errs: -1,
    }), { rdReq: 0, rdBytes: 0, wrReq: 0, wrBytes: 0, errs: -1 });
    if (!path) return sum(all.filter((e) => e.qdev));
    const disk = live.def.devices.disks.find((d) => d.target.dev === path || d.sourcePath === path);
    if (!disk) throw fail(ErrorCode.INVALID_ARG, `invalid path: ${path}`);
    const alias = disk.target.bus === 'virtio' ? `virtio-disk${diskIndex(disk.target.dev)}` : undefined;
    const entry = alias && all.find((e) => e.qdev?.split('/').includes(alias));
    if (!entry) throw fail(ErrorCode.OPERATION_UNSUPPORTED, `statistics of disk '${path}' are not available`);
    return sum([entry]);
  }

  /** The tap's counters from sysfs, turned round: what the host sends on the tap, the guest receives. */
  async interfaceStats(dom: DomainRef, path: string): Promise<InterfaceStats> {
    const [, live] = this.live(dom);
    const nic = live.def.devices.interfaces.find((n) => n.targetDev === path || n.mac === path.toLowerCase());
    if (!nic?.targetDev) throw fail(ErrorCode.INVALID_ARG, `invalid path, '${path}' is not a known interface`);
    const dir = `/sys/class/net/${nic.targetDev}/statistics`;
    const read = async (name: string) => Number((await fs.readFile(`${dir}/${name}`, 'utf8').catch(() => '-1')).trim());
    return {
      rxBytes: await read('tx_bytes'), rxPackets: await read('tx_packets'), rxErrs: await read('tx_errors'), rxDrop: await read('tx_dropped'),
      txBytes: await read('rx_bytes'), txPackets: await read('rx_packets'), txErrs: await read('rx_errors'), txDrop: await read('rx_dropped'),
    };
  }

  /** The balloon's size (query-balloon) and the guest's maximum; more needs the guest's balloon driver statistics. */
  async memoryStats(dom: DomainRef, nrStats: number, flags: number): Promise<MemoryStat[]> {
    checkFlags(flags, 0, 'qemuDomainMemoryStats');
    const [, live] = this.live(dom);
    const balloon = live.def.devices.memballoon?.model === 'virtio'
      ? await live.qmp.execute<{ actual: number }>('query-balloon').catch(() => undefined)
      : undefined;
    const actual = balloon ? Math.floor(balloon.actual / 1024) : live.def.currentMemory?.kib ?? live.def.memory.kib;
    return [{ tag: MemoryStatTag.ACTUAL_BALLOON, val: actual } satisfies MemoryStat].slice(0, nrStats);
  }

  /** The state, balloon and block groups. */
  async getAllDomainStats(doms: DomainRef[] | undefined, stats: number, flags: number): Promise<DomainStatsRecord[]> {
    const known = DomainStatsTypes.STATE | DomainStatsTypes.BALLOON | DomainStatsTypes.BLOCK;
    const unsupported = (stats & ~known) >>> 0;
    if (unsupported && flags & GetAllDomainStatsFlags.ENFORCE_STATS) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, `Stats types bits 0x${unsupported.toString(16)} are not supported by this daemon`);
    const want = (bit: number) => stats === 0 || (stats & bit) !== 0;
    const listFlags = flags & DOMAIN_STATS_LIST_FILTERS;
    const refs = doms ?? filterDomainList(this.host.domains.values(), listFlags,
      (o) => ({ active: o.live !== undefined, persistent: o.persistent !== undefined, state: o.live ? o.live.state : DomainState.SHUTOFF }), (o) => this.host.ref(o));
    const out: DomainStatsRecord[] = [];
    for (const ref of refs) {
      const obj = this.host.find(ref);
      const params: TypedParams = {};
      const def = obj.live?.def ?? obj.persistent!;
      if (want(DomainStatsTypes.STATE)) {
        params['state.state'] = obj.live ? obj.live.state : DomainState.SHUTOFF;
        params['state.reason'] = obj.live ? obj.live.reason : obj.shutoffReason ?? 0;
      }
      if (want(DomainStatsTypes.BALLOON)) {
        if (obj.live) params['balloon.current'] = (await this.memoryStats(ref, 1, 0))[0].val;
        params['balloon.maximum'] = def.memory.kib;
      }
      if (want(DomainStatsTypes.BLOCK)) {
        params['block.count'] = def.devices.disks.length;
        for (const [i, disk] of def.devices.disks.entries()) {
          params[`block.${i}.name`] = disk.target.dev;
          if (disk.sourcePath !== undefined) params[`block.${i}.path`] = disk.sourcePath;
          if (!obj.live) continue;
          const st = await this.blockStats(ref, disk.target.dev).catch(() => undefined);
          if (!st) continue;
          Object.assign(params, { [`block.${i}.rd.reqs`]: st.rdReq, [`block.${i}.rd.bytes`]: st.rdBytes, [`block.${i}.wr.reqs`]: st.wrReq, [`block.${i}.wr.bytes`]: st.wrBytes });
        }
      }
      out.push({ domain: this.host.ref(obj), params });
    }
    return out;
  }
}
