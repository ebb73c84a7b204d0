import type {
  DomainBlockInfo, DomainControlInfo, DomainFsInfo, DomainGuestRole, DomainIOThreadInfo, DomainInfoRole, DomainPinningRole, DomainRef, HostInfoRole,
  NodeCpuStat, TypedParams, VcpuInfo,
} from '@virtkit/core';
import { REMOTE_DOMAIN_DISK_ERRORS_MAX, REMOTE_NODE_CPU_STATS_MAX, REMOTE_NODE_MAX_CELLS } from '../protocol/generated/constants.js';
import { typedParamValue } from '../protocol/types.js';
import { hyperToNumber, numberToHyper } from '../protocol/wire-values.js';
import type { RpcClient } from './rpc-client.js';

/** A CPU map of `cpus` entries from its wire bytes (VIR_CPU_USED). */
function cpumapOf(bytes: Uint8Array, cpus = bytes.length * 8): boolean[] {
  return Array.from({ length: cpus }, (_, i) => (bytes[i >> 3] & (1 << (i & 7))) !== 0);
}

function cpumapBytes(map: readonly boolean[]): Uint8Array {
  const out = new Uint8Array(Math.max(1, Math.ceil(map.length / 8)));
  map.forEach((on, i) => { if (on) out[i >> 3] |= 1 << (i & 7); });
  return out;
}

const paramsOf = (params: Array<Parameters<typeof typedParamValue>[0]>): TypedParams => Object.fromEntries(params.map((p) => [p.field, typedParamValue(p)]));

/** HostInfoRole as REMOTE procedures. */
export class RemoteHostInfo implements HostInfoRole {
  constructor(private readonly rpc: RpcClient) {}

  async nodeGetFreeMemory(): Promise<number> { return hyperToNumber((await this.rpc.call('NODE_GET_FREE_MEMORY', undefined)).freeMem); }
  async nodeGetCellsFreeMemory(startCell: number, maxCells: number): Promise<number[]> {
    return (await this.rpc.call('NODE_GET_CELLS_FREE_MEMORY', { startCell, maxcells: Math.min(maxCells, REMOTE_NODE_MAX_CELLS) })).cells.map(hyperToNumber);
  }
  /** Asks how many counters there are, then for all of them, as libvirt's client does. */
  async nodeGetCpuStats(cpuNum: number, flags: number): Promise<NodeCpuStat[]> {
    const { nparams } = await this.rpc.call('NODE_GET_CPU_STATS', { cpuNum, nparams: 0, flags });
    const r = await this.rpc.call('NODE_GET_CPU_STATS', { cpuNum, nparams: Math.min(nparams, REMOTE_NODE_CPU_STATS_MAX), flags });
    return r.params.map((p) => ({ field: p.field, value: hyperToNumber(p.value) }));
  }
  async nodeGetCpuMap(flags: number): Promise<boolean[]> {
    const r = await this.rpc.call('NODE_GET_CPU_MAP', { need_map: 1, need_online: 1, flags });
    return cpumapOf(r.cpumap, r.ret);
  }
  async nodeGetFreePages(pages: number[], startCell: number, cellCount: number, flags: number): Promise<number[]> {
    return (await this.rpc.call('NODE_GET_FREE_PAGES', { pages, startCell, cellCount, flags })).counts.map(hyperToNumber);
  }
  async getMaxVcpus(type: string | undefined): Promise<number> { return (await this.rpc.call('CONNECT_GET_MAX_VCPUS', { type })).max_vcpus; }
  async getSysinfo(flags: number): Promise<string> { return (await this.rpc.call('CONNECT_GET_SYSINFO', { flags })).sysinfo; }
}

/** DomainInfoRole and DomainPinningRole as REMOTE procedures; CPU maps cover the host's CPUs as NODE_GET_INFO counts them. */
export class RemoteDomainInfo implements DomainInfoRole, DomainPinningRole {
  constructor(private readonly rpc: RpcClient) {}

  /** VIR_NODEINFO_MAXCPUS: the CPUs a map covers. */
  private async hostCpus(): Promise<number> {
    const n = await this.rpc.call('NODE_GET_INFO', undefined);
    return n.nodes * n.sockets * n.cores * n.threads;
  }

  async domainGetVcpus(dom: DomainRef, maxinfo: number): Promise<{ info: VcpuInfo[]; cpumaps: boolean[][] }> {
    const cpus = await this.hostCpus();
    const maplen = Math.ceil(cpus / 8);
    const r = await this.rpc.call('DOMAIN_GET_VCPUS', { dom, maxinfo, maplen });
    return {
      info: r.info.map((v) => ({ number: v.number, state: v.state, cpuTime: hyperToNumber(v.cpu_time), cpu: v.cpu })),
      cpumaps: r.info.map((_, i) => cpumapOf(r.cpumaps.subarray(i * maplen, (i + 1) * maplen), cpus)),
    };
  }
  async domainGetVcpuPinInfo(dom: DomainRef, ncpumaps: number, flags: number): Promise<boolean[][]> {
    const cpus = await this.hostCpus();
    const maplen = Math.ceil(cpus / 8);
    const r = await this.rpc.call('DOMAIN_GET_VCPU_PIN_INFO', { dom, ncpumaps, maplen, flags });
    return Array.from({ length: r.num }, (_, i) => cpumapOf(r.cpumaps.subarray(i * maplen, (i + 1) * maplen), cpus));
  }
  async domainGetEmulatorPinInfo(dom: DomainRef, flags: number): Promise<boolean[]> {
    const cpus = await this.hostCpus();
    return cpumapOf((await this.rpc.call('DOMAIN_GET_EMULATOR_PIN_INFO', { dom, maplen: Math.ceil(cpus / 8), flags })).cpumaps, cpus);
  }
  async domainGetControlInfo(dom: DomainRef, flags: number): Promise<DomainControlInfo> {
    const r = await this.rpc.call('DOMAIN_GET_CONTROL_INFO', { dom, flags });
    return { state: r.state, details: r.details, stateTime: hyperToNumber(r.stateTime) };
  }
  async domainGetBlockInfo(dom: DomainRef, path: string, flags: number): Promise<DomainBlockInfo> {
    const r = await this.rpc.call('DOMAIN_GET_BLOCK_INFO', { dom, path, flags });
    return { capacity: hyperToNumber(r.capacity), allocation: hyperToNumber(r.allocation), physical: hyperToNumber(r.physical) };
  }
  async domainIsUpdated(dom: DomainRef): Promise<boolean> { return (await this.rpc.call('DOMAIN_IS_UPDATED', { dom })).updated !== 0; }
  /** Asks how many disks have errors, then for them all. */
  async domainGetDiskErrors(dom: DomainRef, flags: number): Promise<Array<{ disk: string; error: number }>> {
    const { nerrors } = await this.rpc.call('DOMAIN_GET_DISK_ERRORS', { dom, maxerrors: 0, flags });
    if (nerrors === 0) return [];
    return (await this.rpc.call('DOMAIN_GET_DISK_ERRORS', { dom, maxerrors: Math.min(nerrors, REMOTE_DOMAIN_DISK_ERRORS_MAX), flags })).errors;
  }
  async domainGetHostname(dom: DomainRef, flags: number): Promise<string> { return (await this.rpc.call('DOMAIN_GET_HOSTNAME', { dom, flags })).hostname; }
  async domainGetFsInfo(dom: DomainRef, flags: number): Promise<DomainFsInfo[]> {
    return (await this.rpc.call('DOMAIN_GET_FSINFO', { dom, flags })).info.map((f) => ({ mountpoint: f.mountpoint, name: f.name, fstype: f.fstype, devAliases: f.dev_aliases }));
  }
  async domainGetIOThreadInfo(dom: DomainRef, flags: number): Promise<DomainIOThreadInfo[]> {
    return (await this.rpc.call('DOMAIN_GET_IOTHREAD_INFO', { dom, flags })).info.map((t) => ({ iothreadId: t.iothread_id, cpumap: cpumapOf(t.cpumap) }));
  }
  /** As libvirt's client: the parameter count first, then the records, split by the count the server gives. */
  async domainGetCpuStats(dom: DomainRef, startCpu: number, ncpus: number, flags: number): Promise<TypedParams[]> {
    if (startCpu !== -1 && ncpus === 0) {
      const { nparams } = await this.rpc.call('DOMAIN_GET_CPU_STATS', { dom, nparams: 0, start_cpu: startCpu, ncpus: 0, flags });
      return Array.from({ length: nparams }, () => ({}));
    }
    const count = await this.rpc.call('DOMAIN_GET_CPU_STATS', { dom, nparams: 0, start_cpu: startCpu, ncpus, flags });
    const r = await this.rpc.call('DOMAIN_GET_CPU_STATS', { dom, nparams: count.nparams, start_cpu: startCpu, ncpus, flags });
    const per = r.nparams || 1;
    return Array.from({ length: Math.ceil(r.params.length / per) }, (_, i) => paramsOf(r.params.slice(i * per, (i + 1) * per)));
  }
  async domainGetLaunchSecurityInfo(dom: DomainRef, flags: number): Promise<TypedParams> {
    return paramsOf((await this.rpc.call('DOMAIN_GET_LAUNCH_SECURITY_INFO', { dom, flags })).params);
  }
  async pinVcpuFlags(dom: DomainRef, vcpu: number, cpumap: boolean[], flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_PIN_VCPU_FLAGS', { dom, vcpu, cpumap: cpumapBytes(cpumap), flags });
  }
  async pinEmulator(dom: DomainRef, cpumap: boolean[], flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_PIN_EMULATOR', { dom, cpumap: cpumapBytes(cpumap), flags });
  }
}

/** DomainGuestRole as REMOTE procedures. */
export class RemoteDomainGuest implements DomainGuestRole {
  constructor(private readonly rpc: RpcClient) {}

  async injectNmi(dom: DomainRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_INJECT_NMI', { dom, flags }); }
  async sendProcessSignal(dom: DomainRef, pid: number, signum: number, flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_SEND_PROCESS_SIGNAL', { dom, pid_value: BigInt(pid), signum, flags });
  }
  async setUserPassword(dom: DomainRef, user: string, password: string, flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_SET_USER_PASSWORD', { dom, user, password, flags });
  }
  async fsTrim(dom: DomainRef, mountPoint: string | undefined, minimum: number, flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_FSTRIM', { dom, mountPoint, minimum: numberToHyper(minimum), flags });
  }
  async fsFreeze(dom: DomainRef, mountpoints: string[], flags: number): Promise<number> { return (await this.rpc.call('DOMAIN_FSFREEZE', { dom, mountpoints, flags })).filesystems; }
  async fsThaw(dom: DomainRef, mountpoints: string[], flags: number): Promise<number> { return (await this.rpc.call('DOMAIN_FSTHAW', { dom, mountpoints, flags })).filesystems; }
}
