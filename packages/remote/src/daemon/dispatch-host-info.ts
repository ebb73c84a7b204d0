import {
  ErrorCode, TYPED_PARAM_STRING_OKAY, hasDomainInfoRole, hasDomainPinningRole, hasHostInfoRole,
  type DomainInfoRole, type DomainPinningRole, type DriverConnection, type HostInfoRole,
} from '@virtkit/core';
import { rpcFail } from '../errors.js';
import {
  REMOTE_CPUMAPS_MAX, REMOTE_CPUMAP_MAX, REMOTE_DOMAIN_DISK_ERRORS_MAX, REMOTE_DOMAIN_GET_CPU_STATS_MAX, REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX,
  REMOTE_NODE_CPU_STATS_MAX, REMOTE_NODE_MAX_CELLS, REMOTE_VCPUINFO_MAX,
} from '../protocol/generated/constants.js';
import { toTypedParam } from '../protocol/types.js';
import { numberToHyper } from '../protocol/wire-values.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';
import { failedWithoutReason } from './libvirt-error.js';
import { gated } from './role-gate.js';

const hostInfo = (ctx: DispatchContext) => ctx.connection().live() as DriverConnection & HostInfoRole;
const domainInfo = (ctx: DispatchContext) => ctx.connection().live() as DriverConnection & DomainInfoRole;

/** A CPU map in `maplen` bytes (VIR_USE_CPU: bit i of byte i/8), cut or padded with zeros. */
function cpumapBytes(map: readonly boolean[], maplen: number): Uint8Array {
  const out = new Uint8Array(maplen);
  map.forEach((on, i) => {
    if (on && i < maplen * 8) out[i >> 3] |= 1 << (i & 7);
  });
  return out;
}

/** A CPU map from the wire: one entry per bit. */
function cpumapOf(bytes: Uint8Array): boolean[] {
  return Array.from({ length: bytes.length * 8 }, (_, i) => (bytes[i >> 3] & (1 << (i & 7))) !== 0);
}

/** VIR_CPU_MAPLEN: the bytes a map of `cpus` CPUs takes. */
const maplenOf = (cpus: number) => Math.ceil(cpus / 8);


/**
 * The host-info procedures (HostInfoRole), with libvirtd's bounds on what a
 * caller may ask for; NO_SUPPORT naming the API for a driver without it.
 */
const hostInfoTable: HandlerTable = gated(hasHostInfoRole, {
  NODE_GET_FREE_MEMORY: async (ctx) => ({ freeMem: numberToHyper(await hostInfo(ctx).nodeGetFreeMemory()) }),
  NODE_GET_CELLS_FREE_MEMORY: async (ctx, a) => {
    if (a.maxcells > REMOTE_NODE_MAX_CELLS) throw rpcFail(ErrorCode.RPC, 'maxCells > REMOTE_NODE_MAX_CELLS');
    return { cells: (await hostInfo(ctx).nodeGetCellsFreeMemory(a.startCell, a.maxcells)).map(numberToHyper) };
  },
  /** nparams 0 asks how many counters there are. */
  NODE_GET_CPU_STATS: async (ctx, a) => {
    if (a.nparams > REMOTE_NODE_CPU_STATS_MAX) throw rpcFail(ErrorCode.RPC, 'nparams too large');
    const stats = await hostInfo(ctx).nodeGetCpuStats(a.cpuNum, a.flags);
    if (a.nparams === 0) return { params: [], nparams: stats.length };
    const some = stats.slice(0, a.nparams);
    return { params: some.map((s) => ({ field: s.field, value: numberToHyper(s.value) })), nparams: some.length };
  },
  NODE_GET_CPU_MAP: async (ctx, a) => {
    const map = await hostInfo(ctx).nodeGetCpuMap(a.flags);
    return { cpumap: a.need_map ? cpumapBytes(map, maplenOf(map.length)) : new Uint8Array(0), online: a.need_online ? map.filter(Boolean).length : 0, ret: map.length };
  },
  NODE_GET_FREE_PAGES: async (ctx, a) => {
    if (a.pages.length * a.cellCount > REMOTE_NODE_MAX_CELLS) throw rpcFail(ErrorCode.RPC, 'the result won\'t fit');
    const counts = await hostInfo(ctx).nodeGetFreePages(a.pages, a.startCell, a.cellCount, a.flags);
    if (counts.length === 0) throw failedWithoutReason();
    return { counts: counts.map(numberToHyper) };
  },
  CONNECT_GET_MAX_VCPUS: async (ctx, a) => ({ max_vcpus: await hostInfo(ctx).getMaxVcpus(a.type) }),
  CONNECT_GET_SYSINFO: async (ctx, a) => ({ sysinfo: await hostInfo(ctx).getSysinfo(a.flags) }),
});

/**
 * The domain-info procedures (DomainInfoRole). CPU maps go out as libvirtd
 * sends them: `maplen` bytes per map, the caller's whole buffer.
 */
const domainInfoTable: HandlerTable = gated(hasDomainInfoRole, {
  DOMAIN_GET_VCPUS: async (ctx, a) => {
    if (a.maxinfo > REMOTE_VCPUINFO_MAX) throw rpcFail(ErrorCode.RPC, 'maxinfo > REMOTE_VCPUINFO_MAX');
    if (a.maxinfo * a.maplen > REMOTE_CPUMAPS_MAX) throw rpcFail(ErrorCode.RPC, 'maxinfo * maplen > REMOTE_CPUMAPS_MAX');
    const r = await domainInfo(ctx).domainGetVcpus(a.dom, a.maxinfo);
    const cpumaps = new Uint8Array(a.maxinfo * a.maplen);
    r.cpumaps.forEach((m, i) => cpumaps.set(cpumapBytes(m, a.maplen), i * a.maplen));
    return { info: r.info.map((v) => ({ number: v.number, state: v.state, cpu_time: numberToHyper(v.cpuTime), cpu: v.cpu })), cpumaps };
  },
  DOMAIN_GET_VCPU_PIN_INFO: async (ctx, a) => {
    if (a.ncpumaps > REMOTE_VCPUINFO_MAX) throw rpcFail(ErrorCode.RPC, 'ncpumaps > REMOTE_VCPUINFO_MAX');
    if (a.ncpumaps * a.maplen > REMOTE_CPUMAPS_MAX) throw rpcFail(ErrorCode.RPC, 'maxinfo * maplen > REMOTE_CPUMAPS_MAX');
    const maps = await domainInfo(ctx).domainGetVcpuPinInfo(a.dom, a.ncpumaps, a.flags);
    const cpumaps = new Uint8Array(a.ncpumaps * a.maplen);
    maps.forEach((m, i) => cpumaps.set(cpumapBytes(m, a.maplen), i * a.maplen));
    return { cpumaps, num: maps.length };
  },
  DOMAIN_GET_EMULATOR_PIN_INFO: async (ctx, a) => {
    if (a.maplen > REMOTE_CPUMAPS_MAX) throw rpcFail(ErrorCode.RPC, 'maplen > REMOTE_CPUMAPS_MAX');
    return { cpumaps: cpumapBytes(await domainInfo(ctx).domainGetEmulatorPinInfo(a.dom, a.flags), a.maplen), ret: 1 };
  },
  DOMAIN_GET_CONTROL_INFO: async (ctx, a) => {
    const c = await domainInfo(ctx).domainGetControlInfo(a.dom, a.flags);
    return { state: c.state, details: c.details, stateTime: numberToHyper(c.stateTime) };
  },
  DOMAIN_GET_BLOCK_INFO: async (ctx, a) => {
    const b = await domainInfo(ctx).domainGetBlockInfo(a.dom, a.path, a.flags);
    return { allocation: numberToHyper(b.allocation), capacity: numberToHyper(b.capacity), physical: numberToHyper(b.physical) };
  },
  DOMAIN_IS_UPDATED: async (ctx, a) => ({ updated: (await domainInfo(ctx).domainIsUpdated(a.dom)) ? 1 : 0 }),
  /** maxerrors 0 asks how many disks have errors. */
  DOMAIN_GET_DISK_ERRORS: async (ctx, a) => {
    if (a.maxerrors > REMOTE_DOMAIN_DISK_ERRORS_MAX) throw rpcFail(ErrorCode.RPC, 'maxerrors too large');
    const errors = await domainInfo(ctx).domainGetDiskErrors(a.dom, a.flags);
    if (a.maxerrors === 0) return { errors: [], nerrors: errors.length };
    const some = errors.slice(0, a.maxerrors);
    return { errors: some, nerrors: some.length };
  },
  DOMAIN_GET_HOSTNAME: async (ctx, a) => ({ hostname: await domainInfo(ctx).domainGetHostname(a.dom, a.flags) }),
  DOMAIN_GET_FSINFO: async (ctx, a) => {
    const info = await domainInfo(ctx).domainGetFsInfo(a.dom, a.flags);
    return { info: info.map((f) => ({ mountpoint: f.mountpoint, name: f.name, fstype: f.fstype, dev_aliases: f.devAliases })), ret: info.length };
  },
  DOMAIN_GET_IOTHREAD_INFO: async (ctx, a) => {
    const info = await domainInfo(ctx).domainGetIOThreadInfo(a.dom, a.flags);
    return { info: info.map((t) => ({ iothread_id: t.iothreadId, cpumap: cpumapBytes(t.cpumap, Math.min(maplenOf(t.cpumap.length), REMOTE_CPUMAP_MAX)) })), ret: info.length };
  },
  /**
   * virDomainGetCPUStats as libvirtd carries it: nparams 0 asks how many
   * parameters (or, with ncpus 0, how many host CPUs); otherwise each
   * CPU's first nparams parameters back to back, and how many each has.
   */
  DOMAIN_GET_CPU_STATS: async (ctx, a) => {
    if (a.nparams > REMOTE_NODE_CPU_STATS_MAX) throw rpcFail(ErrorCode.RPC, 'nparams too large');
    if (a.ncpus > REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX) throw rpcFail(ErrorCode.RPC, 'ncpus too large');
    if (a.nparams > 0 && a.ncpus * a.nparams > REMOTE_DOMAIN_GET_CPU_STATS_MAX) throw rpcFail(ErrorCode.RPC, 'nparams * ncpus too large');
    const records = await domainInfo(ctx).domainGetCpuStats(a.dom, a.start_cpu, a.ncpus, a.flags | TYPED_PARAM_STRING_OKAY);
    if (a.nparams === 0) return { params: [], nparams: a.start_cpu !== -1 && a.ncpus === 0 ? records.length : Object.keys(records[0] ?? {}).length };
    const per = records.map((r) => Object.entries(r).slice(0, a.nparams));
    return { params: per.flat().map(([k, v]) => toTypedParam(k, v)), nparams: per[0]?.length ?? 0 };
  },
  DOMAIN_GET_LAUNCH_SECURITY_INFO: async (ctx, a) => {
    const p = await domainInfo(ctx).domainGetLaunchSecurityInfo(a.dom, a.flags | TYPED_PARAM_STRING_OKAY);
    return { params: Object.entries(p).map(([k, v]) => toTypedParam(k, v)) };
  },
});

const pinning = (ctx: DispatchContext) => ctx.connection().live() as DriverConnection & DomainPinningRole;

/** The pinning procedures (DomainPinningRole); the older PIN_VCPU takes no flags, as libvirt's drivers give it. */
const pinningTable: HandlerTable = gated(hasDomainPinningRole, {
  DOMAIN_PIN_VCPU: async (ctx, a) => { await pinning(ctx).pinVcpuFlags(a.dom, a.vcpu, cpumapOf(a.cpumap), 0); },
  DOMAIN_PIN_VCPU_FLAGS: async (ctx, a) => { await pinning(ctx).pinVcpuFlags(a.dom, a.vcpu, cpumapOf(a.cpumap), a.flags); },
  DOMAIN_PIN_EMULATOR: async (ctx, a) => { await pinning(ctx).pinEmulator(a.dom, cpumapOf(a.cpumap), a.flags); },
});

/** The host-info, domain-info and pinning procedures. */
export const hostInfoHandlers: HandlerTable = { ...hostInfoTable, ...domainInfoTable, ...pinningTable };
