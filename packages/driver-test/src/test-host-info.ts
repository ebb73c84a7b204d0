import { checkFlags, type NodeCpuStat } from '@virtkit/core';
import { ErrorCode, ErrorDomain } from '@virtkit/core';
import { type TestHost, testError } from './host.js';


/** libvirt's test driver's fixed host CPU counters, in its order. */
const CPU_STATS: readonly NodeCpuStat[] = [
  { field: 'user', value: 9797400000 },
  { field: 'kernel', value: 34678723400000 },
  { field: 'idle', value: 87264900000 },
  { field: 'iowait', value: 763600000 },
];

/** Eight present CPUs, 0, 2 and 4 online, as libvirt's test driver answers virNodeGetCPUMap. */
const CPU_MAP: readonly boolean[] = [true, false, true, false, true, false, false, false];

const SYSINFO = "<sysinfo type='smbios'>\n"
  + '  <bios>\n'
  + "    <entry name='vendor'>LENOVO</entry>\n"
  + "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
  + "    <entry name='date'>05/07/2014</entry>\n"
  + "    <entry name='release'>2.61</entry>\n"
  + '  </bios>\n'
  + '</sysinfo>\n';

/** The most vCPUs libvirt's test driver accepts, whatever the guest type. */
export const TEST_MAX_VCPUS = 32;

/** HostInfoRole on a test host, answering as libvirt 9.0's test driver (src/test/test_driver.c) does. */
export class TestHostInfo {
  constructor(private readonly host: TestHost) {}

  async nodeGetFreeMemory(): Promise<number> {
    return this.host.numaCells.reduce((sum, c) => sum + c.freeMem, 0);
  }

  /** Each cell's whole memory, which is what libvirt's test driver reports here. */
  async nodeGetCellsFreeMemory(startCell: number, maxCells: number): Promise<number[]> {
    const cells = this.host.numaCells;
    if (startCell >= cells.length) throw testError(ErrorCode.INVALID_ARG, 'Range exceeds available cells');
    return cells.slice(startCell, startCell + maxCells).map((c) => c.mem);
  }

  async nodeGetCpuStats(_cpuNum: number, flags: number): Promise<NodeCpuStat[]> {
    checkFlags(flags, 0, 'testNodeGetCPUStats', ErrorDomain.TEST);
    return CPU_STATS.map((s) => ({ ...s }));
  }

  async nodeGetCpuMap(flags: number): Promise<boolean[]> {
    checkFlags(flags, 0, 'testNodeGetCPUMap', ErrorDomain.TEST);
    return [...CPU_MAP];
  }

  /**
   * libvirt 9.0's test driver fills made-up counts but reports none of
   * them (its return value is 0), so the call fails for every caller.
   */
  async nodeGetFreePages(_pages: number[], _startCell: number, _cellCount: number, flags: number): Promise<number[]> {
    checkFlags(flags, 0, 'testNodeGetFreePages', ErrorDomain.TEST);
    return [];
  }

  async getMaxVcpus(_type: string | undefined): Promise<number> { return TEST_MAX_VCPUS; }

  async getSysinfo(flags: number): Promise<string> {
    checkFlags(flags, 0, 'testConnectGetSysinfo', ErrorDomain.TEST);
    return SYSINFO;
  }
}
