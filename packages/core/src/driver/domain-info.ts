import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { TypedParams } from './domain-control.js';
import type { DomainRef } from './types.js';

/**
 * What a domain tells about itself beyond virDomainGetInfo: its vCPUs and
 * where they may run, the control interface's state, a disk's sizes and
 * errors, the guest's hostname and file systems, I/O threads, and CPU time
 * per host CPU. `dom` identifies a domain by UUID
 * first (NO_DOMAIN when it is gone); every `flags` is checked; a CPU map is
 * one boolean per host CPU. @since 1.5
 */

/** virVcpuInfo: vCPU `number`, its virVcpuState, CPU time in ns, and the host CPU it last ran on. */
export interface VcpuInfo {
  number: number;
  state: number;
  cpuTime: number;
  cpu: number;
}

/** virDomainControlInfo: virDomainControlState, its detail, and for how long (ms). */
export interface DomainControlInfo {
  state: number;
  details: number;
  stateTime: number;
}

/** virDomainBlockInfo, in bytes. */
export interface DomainBlockInfo {
  capacity: number;
  allocation: number;
  physical: number;
}

/** virDomainFSInfo: a guest file system and the disks (targets) it sits on. */
export interface DomainFsInfo {
  mountpoint: string;
  name: string;
  fstype: string;
  devAliases: string[];
}

/** virDomainIOThreadInfo: an I/O thread and the host CPUs it may run on. */
export interface DomainIOThreadInfo {
  iothreadId: number;
  cpumap: boolean[];
}

export interface DomainInfoRole {
  /** virDomainGetVcpus: at most `maxinfo` vCPUs of the running domain, each with its CPU map. */
  domainGetVcpus(dom: DomainRef, maxinfo: number): Promise<{ info: VcpuInfo[]; cpumaps: boolean[][] }>;
  /** virDomainGetVcpuPinInfo: the CPU map of each of at most `ncpumaps` vCPUs; flags: DomainModificationImpact. */
  domainGetVcpuPinInfo(dom: DomainRef, ncpumaps: number, flags: number): Promise<boolean[][]>;
  /** virDomainGetEmulatorPinInfo; flags: DomainModificationImpact. */
  domainGetEmulatorPinInfo(dom: DomainRef, flags: number): Promise<boolean[]>;
  /** virDomainGetControlInfo of the running domain. */
  domainGetControlInfo(dom: DomainRef, flags: number): Promise<DomainControlInfo>;
  /** virDomainGetBlockInfo: `path` is a disk's target or source. */
  domainGetBlockInfo(dom: DomainRef, path: string, flags: number): Promise<DomainBlockInfo>;
  /** virDomainIsUpdated: whether the live domain differs from its definition. */
  domainIsUpdated(dom: DomainRef): Promise<boolean>;
  /** virDomainGetDiskErrors: each disk (target) with its virDomainDiskErrorCode. */
  domainGetDiskErrors(dom: DomainRef, flags: number): Promise<Array<{ disk: string; error: number }>>;
  /** virDomainGetHostname: the guest's name for itself. */
  domainGetHostname(dom: DomainRef, flags: number): Promise<string>;
  /** virDomainGetFSInfo: the guest's mounted file systems. */
  domainGetFsInfo(dom: DomainRef, flags: number): Promise<DomainFsInfo[]>;
  /** virDomainGetIOThreadInfo; flags: DomainModificationImpact. */
  domainGetIOThreadInfo(dom: DomainRef, flags: number): Promise<DomainIOThreadInfo[]>;
  /**
   * virDomainGetCPUStats: with `startCpu` -1 the domain's totals (one
   * record), else one record per host CPU from `startCpu`, at most `ncpus`.
   * `ncpus` 0 asks only how many host CPUs there are (the answer's length).
   */
  domainGetCpuStats(dom: DomainRef, startCpu: number, ncpus: number, flags: number): Promise<TypedParams[]>;
  /** virDomainGetLaunchSecurityInfo: the confidential guest's measurement and the like. */
  domainGetLaunchSecurityInfo(dom: DomainRef, flags: number): Promise<TypedParams>;
}

/** Where vCPUs and the emulator's threads may run (virDomainPinVcpuFlags, virDomainPinEmulator); what DomainInfoRole's pin queries then answer. */
export interface DomainPinningRole {
  /** Pins vCPU `vcpu` of the running domain to the CPUs set in `cpumap`. */
  pinVcpuFlags(dom: DomainRef, vcpu: number, cpumap: boolean[], flags: number): Promise<void>;
  /** flags: DomainModificationImpact. A map with no CPU set is INVALID_ARG. */
  pinEmulator(dom: DomainRef, cpumap: boolean[], flags: number): Promise<void>;
}

export const DOMAIN_INFO_ROLE_METHODS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [DriverRole.DOMAIN_INFO, [
    'domainGetVcpus', 'domainGetVcpuPinInfo', 'domainGetEmulatorPinInfo', 'domainGetControlInfo', 'domainGetBlockInfo', 'domainIsUpdated',
    'domainGetDiskErrors', 'domainGetHostname', 'domainGetFsInfo', 'domainGetIOThreadInfo', 'domainGetCpuStats', 'domainGetLaunchSecurityInfo',
  ]],
  [DriverRole.DOMAIN_PINNING, ['pinVcpuFlags', 'pinEmulator']],
];

export function hasDomainInfoRole(c: DriverConnection): c is DriverConnection & DomainInfoRole { return c.features.has(DriverRole.DOMAIN_INFO); }
export function hasDomainPinningRole(c: DriverConnection): c is DriverConnection & DomainPinningRole { return c.features.has(DriverRole.DOMAIN_PINNING); }
