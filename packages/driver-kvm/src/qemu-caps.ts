import type { FirmwareDescriptor } from './firmware.js';

/**
 * What the builder needs to know about one QEMU binary. Probed once per
 * binary (see probeQemuCaps) and cached; golden tests pass a fixed value.
 */
export interface QemuMachine {
  name: string;
  /** The short name that resolves to this versioned type, e.g. "pc". */
  alias?: string;
  isDefault?: boolean;
}

export interface QemuCaps {
  /** Absolute path of the emulator. */
  binary: string;
  /** major * 1,000,000 + minor * 1,000 + micro. */
  version: number;
  machines: QemuMachine[];
  /** /dev/kvm is usable: -accel kvm, else tcg. */
  kvm: boolean;
  /** The host's QEMU firmware descriptors, in selection order (for <os firmware='efi'>); none when absent. */
  firmware?: FirmwareDescriptor[];
  /** CPU model names `-cpu help` lists (aliases included); unknown when absent. */
  cpuModels?: string[];
  /** CPUID feature names `-cpu help` recognizes; unknown when absent. */
  cpuFlags?: string[];
  /** The host's NUMA nodes (/sys/devices/system/node/online), for <numatune> nodesets; unknown when absent. */
  hostNumaNodes?: number[];
  /** The network block drivers (nbd, http, ssh, …) this binary can load; unknown: all of QEMU 7.2's. */
  blockDrivers?: string[];
  /** The -audiodev drivers this binary can load (`-audiodev help`); unknown: QEMU_7_2_AUDIO_DRIVERS. */
  audioDrivers?: string[];
  /**
   * With kvm: whether this host's KVM initialises a guest with the host CPU
   * model (-cpu host; a nested KVM may refuse its MSRs) and with System
   * Management Mode (smm=on). Probed by starting a paused QEMU; unknown when absent.
   */
  kvmHostCpu?: boolean;
  /** Mount points of hugetlbfs on this host (/proc/mounts); unknown when absent. */
  hugetlbfs?: string[];
  kvmSmm?: boolean;
}

/** Resolves an alias to its versioned type; undefined when the binary lacks the machine. */
export function canonicalMachine(caps: QemuCaps, machine: string | undefined): string | undefined {
  if (machine === undefined) return caps.machines.find((m) => m.isDefault)?.name;
  const byAlias = caps.machines.find((m) => m.alias === machine);
  if (byAlias) return byAlias.name;
  return caps.machines.some((m) => m.name === machine) ? machine : undefined;
}

/** Parses the output of `qemu-system-x86_64 -machine help`. */
export function parseMachineHelp(text: string): QemuMachine[] {
  const out: QemuMachine[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (!m || m[1] === 'Supported') continue;
    const alias = /\(alias of ([^)]+)\)/.exec(m[2]);
    if (alias) {
      out.push({ name: alias[1], alias: m[1] });
      continue;
    }
    const entry: QemuMachine = { name: m[1] };
    if (/\(default\)/.test(m[2])) entry.isDefault = true;
    out.push(entry);
  }
  // Merge alias rows into their versioned rows.
  const merged = new Map<string, QemuMachine>();
  for (const m of out) {
    const prev = merged.get(m.name) ?? { name: m.name };
    if (m.alias) prev.alias = m.alias;
    if (m.isDefault) prev.isDefault = true;
    merged.set(m.name, prev);
  }
  return [...merged.values()];
}

/** Parses "QEMU emulator version 7.2.22 (…)". */
export function parseQemuVersion(text: string): number {
  const m = /version (\d+)\.(\d+)\.(\d+)/.exec(text);
  if (!m) return 0;
  return Number(m[1]) * 1_000_000 + Number(m[2]) * 1_000 + Number(m[3]);
}

/** Parses `qemu-system-x86_64 -cpu help`: the "x86 NAME" lines and the "Recognized CPUID flags" block. */
export function parseCpuHelp(text: string): { cpuModels: string[]; cpuFlags: string[] } {
  const cpuModels: string[] = [];
  const cpuFlags: string[] = [];
  let inFlags = false;
  for (const line of text.split('\n')) {
    if (/^Recognized CPUID flags:/.test(line)) {
      inFlags = true;
      continue;
    }
    if (inFlags) {
      if (/^\S/.test(line)) inFlags = false;
      else cpuFlags.push(...line.trim().split(/\s+/).filter(Boolean));
      continue;
    }
    const m = /^x86\s+(\S+)/.exec(line);
    if (m) cpuModels.push(m[1]);
  }
  return { cpuModels, cpuFlags };
}
