import {
  DomainModificationImpact, ErrorCode, VcpuFlags, hasDeviceDetachRole, hasDomainAutostartRole, hasDomainControlRole, hasDomainMetadataRole, hasDomainResourcesRole,
  hasDomainStatsRole, hasDomainTimeRole, hasManagedSaveRole, hasSchedulerRole,
  type Domain, type DomainRef, type DriverConnection, type TypedParams,
} from '@virtkit/core';
import { rpcFail } from '../errors.js';
import { REMOTE_DOMAIN_MEMORY_STATS_MAX, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX } from '../protocol/constants.js';
import { Proc, type ProcName } from '../protocol/procedures.js';
import { intTypedParam, toTypedParam, typedParamValue, type TypedParam } from '../protocol/types.js';
import { VIR_TYPED_PARAM_UINT } from '../protocol/generated/constants.js';
import { hyperToNumber, numberToHyper } from '../protocol/wire-values.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';
import { unsupported } from './libvirt-error.js';

/**
 * The domain's public handle, once the client's driver has the role the
 * procedure needs; without it, NO_SUPPORT naming the procedure's API exactly
 * as libvirtd answers (virReportUnsupportedError). The handle runs libvirt's
 * public-API checks (core's domain-control.ts), as libvirtd's dispatch calls
 * the public API.
 */
function domain(ctx: DispatchContext, name: ProcName, has: (c: DriverConnection) => boolean, dom: DomainRef): Domain {
  const conn = ctx.connection();
  if (!has(conn.live())) throw unsupported(Proc[name]);
  return conn.domainHandle(dom);
}

/** Typed parameters from the wire: hypers that fit become numbers, as the contract's TypedParams hold them. */
function fromWire(params: TypedParam[]): TypedParams {
  return Object.fromEntries(params.map((p) => [p.field, typedParamValue(p)]));
}

/**
 * The parameters libvirt types as int or uint (scheduler weights and caps,
 * statistics' states and counts); every other integer goes as ullong (llong
 * when negative), as libvirt's drivers fill them.
 */
function wireParam(name: string, value: TypedParams[string]): TypedParam {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (/^(state\.state|state\.reason|vcpu\.\d+\.state)$/.test(name)) return intTypedParam(name, value);
    if (value >= 0 && /^(weight|cap|vcpu\.current|vcpu\.maximum|[a-z]+\.count|block\.\d+\.backingIndex)$/.test(name)) {
      return { field: name, value: { type: VIR_TYPED_PARAM_UINT, ui: value } };
    }
  }
  return toTypedParam(name, value);
}

const toWire = (params: TypedParams): TypedParam[] => Object.entries(params).map(([k, v]) => wireParam(k, v));

/** remoteDispatch's bound on a caller's nparams, with its message. */
function checkNparams(nparams: number): void {
  if (nparams > REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX) throw rpcFail(ErrorCode.RPC, 'nparams too large');
}

/**
 * The domain-control procedures: reboot and reset, memory and vCPUs,
 * autostart, managed save, metadata, scheduler, statistics, device detach,
 * time and block resize. The legacy calls without flags take the flags
 * libvirt's drivers give them (AFFECT_LIVE for SET_VCPUS, ATTACH_DEVICE and DETACH_DEVICE).
 */
export const domainControlHandlers: HandlerTable = {
  DOMAIN_REBOOT: async (ctx, a) => { await domain(ctx, 'DOMAIN_REBOOT', hasDomainControlRole, a.dom).reboot(a.flags); },
  DOMAIN_RESET: async (ctx, a) => { await domain(ctx, 'DOMAIN_RESET', hasDomainControlRole, a.dom).reset(a.flags); },

  DOMAIN_SET_MEMORY: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_MEMORY', hasDomainResourcesRole, a.dom).setMemory(hyperToNumber(a.memory)); },
  DOMAIN_SET_MAX_MEMORY: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_MAX_MEMORY', hasDomainResourcesRole, a.dom).setMaxMemory(hyperToNumber(a.memory)); },
  DOMAIN_SET_MEMORY_FLAGS: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_MEMORY_FLAGS', hasDomainResourcesRole, a.dom).setMemoryFlags(hyperToNumber(a.memory), a.flags); },
  DOMAIN_SET_VCPUS: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_VCPUS', hasDomainResourcesRole, a.dom).setVcpusFlags(a.nvcpus, DomainModificationImpact.LIVE); },
  DOMAIN_SET_VCPUS_FLAGS: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_VCPUS_FLAGS', hasDomainResourcesRole, a.dom).setVcpusFlags(a.nvcpus, a.flags); },
  DOMAIN_GET_VCPUS_FLAGS: async (ctx, a) => ({ num: await domain(ctx, 'DOMAIN_GET_VCPUS_FLAGS', hasDomainResourcesRole, a.dom).getVcpusFlags(a.flags) }),
  /** virDomainGetMaxVcpus: the running domain's maximum, as libvirt's drivers answer it (GetVcpusFlags with LIVE and MAXIMUM). */
  DOMAIN_GET_MAX_VCPUS: async (ctx, a) => ({ num: await domain(ctx, 'DOMAIN_GET_MAX_VCPUS', hasDomainResourcesRole, a.dom).getVcpusFlags(DomainModificationImpact.LIVE | VcpuFlags.MAXIMUM) }),

  DOMAIN_GET_AUTOSTART: async (ctx, a) => ({ autostart: (await domain(ctx, 'DOMAIN_GET_AUTOSTART', hasDomainAutostartRole, a.dom).getAutostart()) ? 1 : 0 }),
  DOMAIN_SET_AUTOSTART: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_AUTOSTART', hasDomainAutostartRole, a.dom).setAutostart(a.autostart !== 0); },

  DOMAIN_MANAGED_SAVE: async (ctx, a) => { await domain(ctx, 'DOMAIN_MANAGED_SAVE', hasManagedSaveRole, a.dom).managedSave(a.flags); },
  DOMAIN_HAS_MANAGED_SAVE_IMAGE: async (ctx, a) => ({ result: (await domain(ctx, 'DOMAIN_HAS_MANAGED_SAVE_IMAGE', hasManagedSaveRole, a.dom).hasManagedSaveImage(a.flags)) ? 1 : 0 }),
  DOMAIN_MANAGED_SAVE_REMOVE: async (ctx, a) => { await domain(ctx, 'DOMAIN_MANAGED_SAVE_REMOVE', hasManagedSaveRole, a.dom).managedSaveRemove(a.flags); },

  DOMAIN_GET_METADATA: async (ctx, a) => ({ metadata: await domain(ctx, 'DOMAIN_GET_METADATA', hasDomainMetadataRole, a.dom).getMetadata(a.type, a.uri, a.flags) }),
  DOMAIN_SET_METADATA: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_METADATA', hasDomainMetadataRole, a.dom).setMetadata(a.type, a.metadata, a.key, a.uri, a.flags); },

  DOMAIN_GET_SCHEDULER_TYPE: async (ctx, a) => domain(ctx, 'DOMAIN_GET_SCHEDULER_TYPE', hasSchedulerRole, a.dom).getSchedulerType(),
  /** At most nparams parameters, in the driver's order, as virDomainGetSchedulerParameters fills the caller's array. */
  DOMAIN_GET_SCHEDULER_PARAMETERS: async (ctx, a) => {
    checkNparams(a.nparams);
    return { params: toWire(await domain(ctx, 'DOMAIN_GET_SCHEDULER_PARAMETERS', hasSchedulerRole, a.dom).getSchedulerParameters()).slice(0, a.nparams) };
  },
  DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS: async (ctx, a) => {
    checkNparams(a.nparams);
    return { params: toWire(await domain(ctx, 'DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS', hasSchedulerRole, a.dom).getSchedulerParameters(a.flags)).slice(0, a.nparams) };
  },
  DOMAIN_SET_SCHEDULER_PARAMETERS: async (ctx, a) => { await domain(ctx, 'DOMAIN_SET_SCHEDULER_PARAMETERS', hasSchedulerRole, a.dom).setSchedulerParameters(fromWire(a.params), 0); },
  DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS: async (ctx, a) => {
    await domain(ctx, 'DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS', hasSchedulerRole, a.dom).setSchedulerParameters(fromWire(a.params), a.flags);
  },

  DOMAIN_BLOCK_STATS: async (ctx, a) => {
    const s = await domain(ctx, 'DOMAIN_BLOCK_STATS', hasDomainStatsRole, a.dom).blockStats(a.path);
    return { rd_req: numberToHyper(s.rdReq), rd_bytes: numberToHyper(s.rdBytes), wr_req: numberToHyper(s.wrReq), wr_bytes: numberToHyper(s.wrBytes), errs: numberToHyper(s.errs) };
  },
  DOMAIN_INTERFACE_STATS: async (ctx, a) => {
    const s = await domain(ctx, 'DOMAIN_INTERFACE_STATS', hasDomainStatsRole, a.dom).interfaceStats(a.device);
    return {
      rx_bytes: numberToHyper(s.rxBytes), rx_packets: numberToHyper(s.rxPackets), rx_errs: numberToHyper(s.rxErrs), rx_drop: numberToHyper(s.rxDrop),
      tx_bytes: numberToHyper(s.txBytes), tx_packets: numberToHyper(s.txPackets), tx_errs: numberToHyper(s.txErrs), tx_drop: numberToHyper(s.txDrop),
    };
  },
  DOMAIN_MEMORY_STATS: async (ctx, a) => {
    if (a.maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX) throw rpcFail(ErrorCode.RPC, 'maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX');
    const stats = await domain(ctx, 'DOMAIN_MEMORY_STATS', hasDomainStatsRole, a.dom).memoryStats(a.maxStats, a.flags);
    return { stats: stats.map((s) => ({ tag: s.tag, val: numberToHyper(s.val) })) };
  },
  /** An empty `doms` asks for every domain the flags' filter keeps (virConnectGetAllDomainStats), else virDomainListGetStats. */
  CONNECT_GET_ALL_DOMAIN_STATS: async (ctx, a) => {
    const conn = ctx.connection();
    if (!hasDomainStatsRole(conn.live())) throw unsupported(Proc.CONNECT_GET_ALL_DOMAIN_STATS);
    const records = await conn.getAllDomainStats(a.stats, a.flags, a.doms.length > 0 ? a.doms.map((d) => conn.domainHandle(d)) : undefined);
    return { retStats: records.map((r) => ({ dom: r.domain.driverRef, params: toWire(r.params) })) };
  },

  DOMAIN_DETACH_DEVICE: async (ctx, a) => { await domain(ctx, 'DOMAIN_DETACH_DEVICE', hasDeviceDetachRole, a.dom).detachDevice(a.xml, DomainModificationImpact.LIVE); },
  DOMAIN_DETACH_DEVICE_FLAGS: async (ctx, a) => { await domain(ctx, 'DOMAIN_DETACH_DEVICE_FLAGS', hasDeviceDetachRole, a.dom).detachDevice(a.xml, a.flags); },
  DOMAIN_ATTACH_DEVICE: async (ctx, a) => { await domain(ctx, 'DOMAIN_ATTACH_DEVICE', (c) => c.attachDevice !== undefined, a.dom).attachDevice(a.xml, DomainModificationImpact.LIVE); },
  DOMAIN_ATTACH_DEVICE_FLAGS: async (ctx, a) => { await domain(ctx, 'DOMAIN_ATTACH_DEVICE_FLAGS', (c) => c.attachDevice !== undefined, a.dom).attachDevice(a.xml, a.flags); },
  DOMAIN_UPDATE_DEVICE_FLAGS: async (ctx, a) => { await domain(ctx, 'DOMAIN_UPDATE_DEVICE_FLAGS', (c) => c.updateDevice !== undefined, a.dom).updateDevice(a.xml, a.flags); },
  /** `size` in KiB, bytes with VIR_DOMAIN_BLOCK_RESIZE_BYTES. */
  DOMAIN_BLOCK_RESIZE: async (ctx, a) => { await domain(ctx, 'DOMAIN_BLOCK_RESIZE', (c) => c.blockResize !== undefined, a.dom).blockResize(a.disk, hyperToNumber(a.size), a.flags); },

  DOMAIN_GET_TIME: async (ctx, a) => {
    const t = await domain(ctx, 'DOMAIN_GET_TIME', hasDomainTimeRole, a.dom).getTime(a.flags);
    return { seconds: numberToHyper(t.seconds), nseconds: t.nseconds };
  },
  DOMAIN_SET_TIME: async (ctx, a) => {
    await domain(ctx, 'DOMAIN_SET_TIME', hasDomainTimeRole, a.dom).setTime({ seconds: hyperToNumber(a.seconds), nseconds: a.nseconds }, a.flags);
  },
};
