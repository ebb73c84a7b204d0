import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';

/**
 * What the host tells about itself beyond virNodeGetInfo: free memory per
 * NUMA cell, CPU time counters, which CPUs are online, free huge pages, the
 * vCPU limit and the SMBIOS sysinfo. Every `flags` is checked. @since 1.5
 */

/** One CPU time counter of virNodeGetCPUStats ("user", "kernel", "idle", "iowait", …), in nanoseconds. */
export interface NodeCpuStat {
  field: string;
  value: number;
}

export interface HostInfoRole {
  /** virNodeGetFreeMemory: free bytes on the whole host. */
  nodeGetFreeMemory(): Promise<number>;
  /**
   * virNodeGetCellsFreeMemory: free bytes of at most `maxCells` NUMA cells
   * from `startCell` (core has checked maxCells > 0); INVALID_ARG when
   * startCell is past the last cell.
   */
  nodeGetCellsFreeMemory(startCell: number, maxCells: number): Promise<number[]>;
  /** virNodeGetCPUStats: every counter of CPU `cpuNum` (-1: all CPUs together), in the driver's order. */
  nodeGetCpuStats(cpuNum: number, flags: number): Promise<NodeCpuStat[]>;
  /** virNodeGetCPUMap: one entry per present CPU, true when it is online. */
  nodeGetCpuMap(flags: number): Promise<boolean[]>;
  /**
   * virNodeGetFreePages: free pages of each size in `pages` (KiB) on
   * `cellCount` cells from `startCell`, cell by cell. The driver may report
   * fewer counts than asked; none is what libvirt calls a failure without
   * a reason.
   */
  nodeGetFreePages(pages: number[], startCell: number, cellCount: number, flags: number): Promise<number[]>;
  /** virConnectGetMaxVcpus: the most vCPUs a guest of `type` (undefined: the driver's default) may have. */
  getMaxVcpus(type: string | undefined): Promise<number>;
  /** virConnectGetSysinfo: the host's `<sysinfo>` document. */
  getSysinfo(flags: number): Promise<string>;
}

export const HOST_INFO_ROLE_METHODS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [DriverRole.HOST_INFO, ['nodeGetFreeMemory', 'nodeGetCellsFreeMemory', 'nodeGetCpuStats', 'nodeGetCpuMap', 'nodeGetFreePages', 'getMaxVcpus', 'getSysinfo']],
];

export function hasHostInfoRole(c: DriverConnection): c is DriverConnection & HostInfoRole { return c.features.has(DriverRole.HOST_INFO); }
