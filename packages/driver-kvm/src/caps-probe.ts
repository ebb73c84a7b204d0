import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@virtkit/core';
import { fail } from './errors.js';
import { isX86Emulator } from './canonicalize.js';
import { parseCpuHelp, parseMachineHelp, parseQemuVersion, type QemuCaps } from './qemu-caps.js';
import { writeFileAtomic } from './atomic-file.js';
import { readFirmwareDescriptors } from './firmware.js';
import { parseCpuset } from './host-affinity.js';
import { systemProcessRunner, type ProcessRunner } from './process-runner.js';

/**
 * Probes each QEMU binary once and caches the answer in memory and in a
 * cache directory, keyed by the binary's path, size and mtime, so a new
 * process or a replaced binary is handled without probing on every start.
 * One cache serves every root of a driver: each get names the root's cache
 * directory, where the answer is looked up or persisted on the first probe.
 */
export class QemuCapsCache {
  private readonly memory = new Map<string, Promise<QemuCaps>>();

  /** cacheDir undefined: memory only, unless get names a directory. runner: what runs the probes. */
  constructor(private readonly cacheDir?: string, private readonly runner: ProcessRunner = systemProcessRunner) {}

  get(binary: string, cacheDir = this.cacheDir): Promise<QemuCaps> {
    let p = this.memory.get(binary);
    if (!p) {
      p = this.load(binary, cacheDir);
      this.memory.set(binary, p);
      p.catch(() => this.memory.delete(binary));
    }
    return p;
  }

  private async load(binary: string, cacheDir: string | undefined): Promise<QemuCaps> {
    if (!path.isAbsolute(binary)) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `emulator '${binary}' must be an absolute path`);
    // Only QEMU binaries are ever run to be probed.
    if (!isX86Emulator(binary)) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `'${binary}' is not a QEMU x86 emulator`);
    let st;
    try {
      st = await fs.stat(binary);
    } catch (e) {
      throw fail(ErrorCode.NO_SUPPORT, `cannot find QEMU binary ${binary}: ${(e as Error).message}`, e);
    }
    const key = `${binary}:${st.size}:${st.mtimeMs}`;
    const kvm = await fs.access('/dev/kvm', constants.R_OK | constants.W_OK).then(() => true, () => false);
    // Firmware and QEMU's loadable modules come and go independently of the binary: probed every time, never persisted.
    const [firmware, audioDrivers, hostNumaNodes, hugetlbfs, blockDrivers] = await Promise.all([readFirmwareDescriptors(), probeAudioDrivers(this.runner, binary), readHostNumaNodes(), readHugetlbfsMounts(), probeBlockDrivers(this.runner, binary)]);
    const local = { firmware, ...(audioDrivers ? { audioDrivers } : {}), ...(blockDrivers ? { blockDrivers } : {}), ...(hostNumaNodes ? { hostNumaNodes } : {}), ...(hugetlbfs ? { hugetlbfs } : {}) };
    if (cacheDir === undefined) return { ...(await probe(this.runner, binary, kvm)), ...local };
    const file = path.join(cacheDir, 'capabilities.json');
    let cache: Record<string, QemuCaps> = {};
    try {
      cache = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, QemuCaps>;
    } catch {
      cache = {};
    }
    const hit = cache[key];
    // Entries from before CPU models were probed are probed again.
    if (hit?.cpuModels) return { ...hit, kvm, ...local };
    const caps = await probe(this.runner, binary, kvm);
    cache[key] = caps;
    await fs.mkdir(cacheDir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify(cache));
    return { ...caps, ...local };
  }
}

async function probe(runner: ProcessRunner, binary: string, kvm: boolean): Promise<QemuCaps> {
  const opts = { timeoutMs: 20_000 };
  const [version, machines, cpus] = await Promise.all([runner.run(binary, ['-version'], opts), runner.run(binary, ['-machine', 'help'], opts), runner.run(binary, ['-cpu', 'help'], opts)]);
  if (version.exitCode !== 0 || machines.exitCode !== 0) {
    throw fail(ErrorCode.INTERNAL_ERROR, `failed to probe QEMU binary ${binary}: ${(version.stderr || machines.stderr).trim()}`);
  }
  const caps: QemuCaps = { binary, version: parseQemuVersion(version.stdout), machines: parseMachineHelp(machines.stdout), kvm };
  if (cpus.exitCode === 0) Object.assign(caps, parseCpuHelp(cpus.stdout));
  if (kvm) {
    const [hostCpu, smm] = await Promise.all([kvmStarts(runner, binary, ['-machine', 'pc', '-cpu', 'host']), kvmStarts(runner, binary, ['-machine', 'q35,smm=on'])]);
    caps.kvmHostCpu = hostCpu;
    caps.kvmSmm = smm;
  }
  return caps;
}

/** How long a paused probe QEMU runs before it counts as started: QEMU's KVM set-up errors come at once. */
const KVM_PROBE_MS = 1500;

/**
 * Whether QEMU starts paused under KVM with `machineArgs`: it either fails at
 * once with an error on stderr (an MSR KVM refuses, no SMM) or is still
 * running, silent, when the probe's time is up.
 */
async function kvmStarts(runner: ProcessRunner, binary: string, machineArgs: string[]): Promise<boolean> {
  const r = await runner.run(binary, ['-accel', 'kvm', ...machineArgs, '-S', '-display', 'none', '-nodefaults', '-no-user-config'], { timeoutMs: KVM_PROBE_MS });
  return r.stderr.split('\n').every((l) => l.trim() === '' || /terminating on signal/.test(l));
}

/** The drivers `-audiodev help` lists (modules QEMU cannot load are left out, and oss without /dev/dsp); undefined when the probe fails. */
async function probeAudioDrivers(runner: ProcessRunner, binary: string): Promise<string[] | undefined> {
  const r = await runner.run(binary, ['-audiodev', 'help'], { timeoutMs: 20_000 }).catch(() => undefined);
  if (!r || r.exitCode !== 0) return undefined;
  const lines = r.stdout.split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => /^Available audio drivers:?$/.test(l));
  if (at < 0) return undefined;
  const drivers = lines.slice(at + 1).filter((l) => /^[a-z0-9_-]+$/.test(l));
  // QEMU's OSS driver fails to start without the host's OSS device (the snd-pcm-oss emulation).
  const oss = await fs.access('/dev/dsp').then(() => true, () => false);
  return oss ? drivers : drivers.filter((d) => d !== 'oss');
}

/**
 * The network block drivers QEMU can load: a -blockdev of each with no options fails on a missing
 * parameter when the driver is there, and with "Unknown driver" when its module is not installed.
 * One QEMU per module (curl serves http, https, ftp and ftps); undefined when a probe fails to run.
 */
async function probeBlockDrivers(runner: ProcessRunner, binary: string): Promise<string[] | undefined> {
  const modules: Array<[string, string[]]> = [['nbd', ['nbd']], ['http', ['http', 'https', 'ftp', 'ftps']], ['ssh', ['ssh']], ['iscsi', ['iscsi']], ['rbd', ['rbd']], ['gluster', ['gluster']], ['nfs', ['nfs']]];
  const found = await Promise.all(modules.map(async ([probe, drivers]) => {
    const r = await runner.run(binary, ['-machine', 'none', '-nodefaults', '-display', 'none', '-S', '-blockdev', `driver=${probe},node-name=probe`], { timeoutMs: 20_000 }).catch(() => undefined);
    if (!r) return undefined;
    return /Unknown driver|does not accept value/.test(r.stderr) ? [] : drivers;
  }));
  return found.some((f) => f === undefined) ? undefined : found.flat() as string[];
}

/** Where hugetlbfs is mounted on this host; undefined when /proc/mounts cannot be read. */
async function readHugetlbfsMounts(): Promise<string[] | undefined> {
  try {
    return (await fs.readFile('/proc/mounts', 'utf8')).split('\n').map((l) => l.split(' ')).filter((f) => f[2] === 'hugetlbfs').map((f) => f[1]);
  } catch {
    return undefined;
  }
}

/** The online NUMA nodes of this host ("0" or "0-1,4"); undefined when the kernel does not say. */
async function readHostNumaNodes(): Promise<number[] | undefined> {
  try {
    return parseCpuset((await fs.readFile('/sys/devices/system/node/online', 'utf8')).trim(), 'host NUMA nodes');
  } catch {
    return undefined;
  }
}
