import {
  DomainModificationImpact, ErrorCode, ErrorDomain, TYPED_PARAM_STRING_OKAY, checkFlags, domainNotRunning,
  type DomainBlockInfo, type DomainControlInfo, type DomainDef, type DomainFsInfo, type DomainIOThreadInfo, type DomainRef, type TypedParams, type VcpuInfo,
} from '@virtkit/core';
import { DEFAULT_NODE_INFO } from './default-host.js';
import { type TestDomain, type TestHost, testError } from './host.js';

/** The host's CPUs as libvirt's test driver counts them for CPU maps (VIR_NODEINFO_MAXCPUS of its node info). */
const HOST_CPUS = DEFAULT_NODE_INFO.nodes * DEFAULT_NODE_INFO.sockets * DEFAULT_NODE_INFO.cores * DEFAULT_NODE_INFO.threads;

/** libvirt's test driver's made-up domain CPU time, in ns, shared out over `cores` host CPUs for the per-CPU figures. */
const TOTAL_CPU_TIME = 48772617035;

/** What virDomainGetBlockInfo answers for any disk on libvirt's test driver: 1 TiB allocated and physical, a little less capacity. */
const BLOCK_INFO: DomainBlockInfo = { capacity: 1099506450432, allocation: 1099511627776, physical: 1099511627776 };

const IMPACT = DomainModificationImpact.LIVE | DomainModificationImpact.CONFIG;

/** Pins set on one definition (live or persistent): per vCPU, and the emulator's. */
interface Pins {
  vcpus: Map<number, boolean[]>;
  emulator?: boolean[];
}

/** virVcpuState. */
const VCPU_RUNNING = 1;

/** virDomainControlState and virDomainControlErrorReason, as the guest's clock selects them on libvirt's test driver. */
const CONTROL = { OK: 0, JOB: 1, OCCUPIED: 2, ERROR: 3 } as const;

/** A cpuset ("0-3,^2,8") over the host's CPUs; undefined for none. */
function cpusetMap(cpuset: string | undefined): boolean[] | undefined {
  if (cpuset === undefined) return undefined;
  const map = new Array<boolean>(HOST_CPUS).fill(false);
  for (const part of cpuset.split(',').map((p) => p.trim())) {
    const m = /^(\^)?(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw testError(ErrorCode.INVALID_ARG, `Failed to parse bitmap '${cpuset}'`);
    for (let i = Number(m[2]); i <= Number(m[3] ?? m[2]); i++) if (i < HOST_CPUS) map[i] = !m[1];
  }
  return map;
}

/**
 * DomainInfoRole on a test host, answering as libvirt 9.0's test driver
 * (src/test/test_driver.c): CPU maps cover its 16 host CPUs (all allowed
 * unless `<vcpu cpuset>` says otherwise; `<cputune>` pinning is not read),
 * disk figures are made up, the guest's hostname is the domain's name and
 * "host", its file systems are / and /boot on the first disk.
 */
export class TestDomainInfo {
  /** By definition object, so a live definition's pins go with it when the domain stops. */
  private readonly pins = new WeakMap<DomainDef, Pins>();

  constructor(private readonly host: TestHost) {}

  private pinsOf(def: DomainDef): Pins {
    let p = this.pins.get(def);
    if (!p) this.pins.set(def, (p = { vcpus: new Map() }));
    return p;
  }

  /** Where vCPU `i` may run: its pin, else `<vcpu cpuset>`, else every host CPU. */
  private vcpuMap(def: DomainDef, i: number): boolean[] {
    return [...(this.pins.get(def)?.vcpus.get(i) ?? TestDomainInfo.allowed(def))];
  }

  private active(dom: DomainRef): TestDomain {
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw domainNotRunning();
    return d;
  }

  /** The definition a query with `flags` (DomainModificationImpact) reads, as virDomainObjGetOneDef picks it. */
  private oneDef(d: TestDomain, flags: number): DomainDef {
    if ((flags & IMPACT) === IMPACT) throw testError(ErrorCode.INVALID_ARG, "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    if (flags & DomainModificationImpact.LIVE && d.id < 0) throw domainNotRunning();
    const live = flags & DomainModificationImpact.LIVE || (!(flags & DomainModificationImpact.CONFIG) && d.id >= 0);
    return live ? d.liveDef! : d.def;
  }

  private static allowed(def: DomainDef): boolean[] {
    return cpusetMap(def.vcpu.cpuset) ?? new Array<boolean>(HOST_CPUS).fill(true);
  }

  async domainGetVcpus(dom: DomainRef, maxinfo: number): Promise<{ info: VcpuInfo[]; cpumaps: boolean[][] }> {
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'cannot list vcpus for an inactive domain');
    const def = d.liveDef!;
    const n = Math.min(maxinfo, def.vcpu.current ?? def.vcpu.count);
    const cpuTime = Math.floor((Date.now() * 1000) / 10);
    const info: VcpuInfo[] = [];
    for (let i = 0; i < n; i++) info.push({ number: i, state: VCPU_RUNNING, cpuTime, cpu: this.vcpuMap(def, i).lastIndexOf(true) });
    return { info, cpumaps: info.map((v) => this.vcpuMap(def, v.number)) };
  }

  async domainGetVcpuPinInfo(dom: DomainRef, ncpumaps: number, flags: number): Promise<boolean[][]> {
    checkFlags(flags, IMPACT, 'testDomainGetVcpuPinInfo', ErrorDomain.TEST);
    const def = this.oneDef(this.host.domains.get(dom), flags);
    return Array.from({ length: Math.min(ncpumaps, def.vcpu.count) }, (_, i) => this.vcpuMap(def, i));
  }

  async domainGetEmulatorPinInfo(dom: DomainRef, flags: number): Promise<boolean[]> {
    checkFlags(flags, IMPACT, 'testDomainGetEmulatorPinInfo', ErrorDomain.TEST);
    const def = this.oneDef(this.host.domains.get(dom), flags);
    return [...(this.pins.get(def)?.emulator ?? TestDomainInfo.allowed(def))];
  }

  // ---- pinning (DomainPinningRole) ----

  /** The running domain's vCPU only, as libvirt's test driver pins it. */
  async pinVcpuFlags(dom: DomainRef, vcpu: number, cpumap: boolean[], flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainPinVcpuFlags', ErrorDomain.TEST);
    const d = this.host.domains.get(dom);
    if (d.id < 0) throw testError(ErrorCode.OPERATION_INVALID, 'cannot pin vcpus on an inactive domain');
    const def = d.liveDef!;
    if (vcpu >= (def.vcpu.current ?? def.vcpu.count)) throw testError(ErrorCode.INVALID_ARG, `requested vcpu '${vcpu}' is not present in the domain`);
    this.pinsOf(def).vcpus.set(vcpu, [...cpumap]);
  }

  /** On the definition the flags choose; a live pin lasts until the domain stops. */
  async pinEmulator(dom: DomainRef, cpumap: boolean[], flags: number): Promise<void> {
    checkFlags(flags, IMPACT, 'testDomainPinEmulator', ErrorDomain.TEST);
    const def = this.oneDef(this.host.domains.get(dom), flags);
    if (!cpumap.some(Boolean)) throw testError(ErrorCode.INVALID_ARG, 'Empty cpu list for pinning');
    this.pinsOf(def).emulator = [...cpumap];
  }

  /** The guest's clock decides (as on libvirt's test driver): under 10000 s a job, under 30000 occupied, under 60000 an error, else OK. */
  async domainGetControlInfo(dom: DomainRef, flags: number): Promise<DomainControlInfo> {
    checkFlags(flags, 0, 'testDomainGetControlInfo', ErrorDomain.TEST);
    const { seconds } = this.active(dom).guestTime;
    if (seconds > 0 && seconds < 10000) return { state: CONTROL.JOB, details: 0, stateTime: seconds };
    if (seconds >= 10000 && seconds < 30000) return { state: CONTROL.OCCUPIED, details: 0, stateTime: seconds - 10000 };
    if (seconds >= 30000 && seconds < 60000) return { state: CONTROL.ERROR, details: seconds % 4, stateTime: seconds - 30000 };
    return { state: CONTROL.OK, details: 0, stateTime: 0 };
  }

  async domainGetBlockInfo(dom: DomainRef, path: string, flags: number): Promise<DomainBlockInfo> {
    checkFlags(flags, 0, 'testDomainGetBlockInfo', ErrorDomain.TEST);
    const d = this.host.domains.get(dom);
    const def = d.liveDef ?? d.def;
    if (!def.devices.disks.some((disk) => disk.target.dev === path || disk.sourcePath === path)) {
      throw testError(ErrorCode.INVALID_ARG, `invalid path ${path} not assigned to domain`);
    }
    return { ...BLOCK_INFO };
  }

  /** libvirt's test driver never tells a live change apart, and asks nothing of the domain. */
  async domainIsUpdated(_dom: DomainRef): Promise<boolean> { return false; }

  /** Every disk with an error: UNSPEC, NO_SPACE, UNSPEC, … in disk order. */
  async domainGetDiskErrors(dom: DomainRef, flags: number): Promise<Array<{ disk: string; error: number }>> {
    checkFlags(flags, 0, 'testDomainGetDiskErrors', ErrorDomain.TEST);
    return this.active(dom).liveDef!.devices.disks.map((disk, i) => ({ disk: disk.target.dev, error: (i % 2) + 1 }));
  }

  async domainGetHostname(dom: DomainRef, flags: number): Promise<string> {
    checkFlags(flags, 0, 'testDomainGetHostname', ErrorDomain.TEST);
    return `${this.active(dom).def.name}host`;
  }

  async domainGetFsInfo(dom: DomainRef, flags: number): Promise<DomainFsInfo[]> {
    checkFlags(flags, 0, 'testDomainGetFSInfo', ErrorDomain.TEST);
    const disk = this.active(dom).liveDef!.devices.disks.find((x) => x.device === 'disk');
    if (!disk) return [];
    const t = disk.target.dev;
    return [
      { mountpoint: '/', name: `${t}1`, fstype: 'ext4', devAliases: [t] },
      { mountpoint: '/boot', name: `${t}2`, fstype: 'ext4', devAliases: [t] },
    ];
  }

  /** `<iothreads>N</iothreads>` gives threads 1…N, each allowed where the vCPUs are. */
  async domainGetIOThreadInfo(dom: DomainRef, flags: number): Promise<DomainIOThreadInfo[]> {
    checkFlags(flags, IMPACT, 'testDomainGetIOThreadInfo', ErrorDomain.TEST);
    const def = this.oneDef(this.host.domains.get(dom), flags);
    const el = def.extras?.children.map((c) => c.node).find((n) => n.kind === 'element' && n.name === 'iothreads');
    const text = el?.kind === 'element' ? el.children.map((c) => (c.kind === 'text' ? c.text : '')).join('').trim() : '';
    const count = /^\d+$/.test(text) ? Number(text) : 0;
    return Array.from({ length: count }, (_, i) => ({ iothreadId: i + 1, cpumap: TestDomainInfo.allowed(def) }));
  }

  /** Totals (cpu_time, user_time, system_time), or per host CPU (cpu_time, vcpu_time) over the node's cores, as libvirt's test driver makes them up. */
  async domainGetCpuStats(dom: DomainRef, startCpu: number, ncpus: number, flags: number): Promise<TypedParams[]> {
    checkFlags(flags, TYPED_PARAM_STRING_OKAY, 'testDomainGetCPUStats', ErrorDomain.TEST);
    this.active(dom);
    if (startCpu === -1) return [{ cpu_time: TOTAL_CPU_TIME, user_time: 5540000000, system_time: 6460000000 }];
    const total = DEFAULT_NODE_INFO.cores;
    if (ncpus === 0) return Array.from({ length: total }, () => ({}));
    if (startCpu >= total) throw testError(ErrorCode.INVALID_ARG, `start_cpu ${startCpu} larger than maximum of ${total - 1}`);
    const per = Math.floor(TOTAL_CPU_TIME / total);
    const out: TypedParams[] = [];
    for (let i = startCpu; i < Math.min(total, startCpu + ncpus); i++) out.push({ cpu_time: per + i, vcpu_time: per + i - 1234567890 });
    return out;
  }

  /** libvirt's test driver takes no flags here, and the string flag every caller adds is one: it always refuses. */
  async domainGetLaunchSecurityInfo(dom: DomainRef, flags: number): Promise<TypedParams> {
    checkFlags(flags, 0, 'testDomainGetLaunchSecurityInfo', ErrorDomain.TEST);
    this.host.domains.get(dom);
    return {};
  }
}
