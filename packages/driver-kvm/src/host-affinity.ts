import type { DomainDef } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';

// <vcpu placement='static' cpuset='…'>: a host-side setting that never reaches QEMU's command line.
// libvirt pins the whole QEMU process to the set before it runs; so does the launcher, by starting
// QEMU through taskset(1), which sets the mask and execs QEMU under the same pid.

/** libvirt's cpuset syntax ("0-3,8,^2") as a sorted CPU list; CONFIG_UNSUPPORTED naming `element` when malformed. */
export function parseCpuset(text: string, element: string): number[] {
  const on = new Set<number>();
  const off = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\^)?(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw unsupportedConfig(element, `'${text}' is not a CPU set (e.g. 0-3,8,^2)`);
    const lo = Number(m[2]);
    const hi = m[3] === undefined ? lo : Number(m[3]);
    if (hi < lo || hi > 8191) throw unsupportedConfig(element, `CPU range '${part}' is invalid`);
    for (let c = lo; c <= hi; c++) (m[1] ? off : on).add(c);
  }
  const cpus = [...on].filter((c) => !off.has(c)).sort((a, b) => a - b);
  if (cpus.length === 0) throw unsupportedConfig(element, `CPU set '${text}' is empty`);
  return cpus;
}

/** A sorted CPU (or node) list with runs collapsed: [0, 1, 2, 5] → ['0-2', '5'] (taskset's -c and -numa cpus= syntax). */
export function cpuRanges(cpus: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    out.push(i === j ? String(cpus[i]) : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return out;
}

/**
 * Checks the definition's host-side CPU settings and returns the words to put
 * before QEMU's argv: none, or taskset pinning the process to <vcpu cpuset>.
 * placement='auto' needs numad's advice, which this driver does not consult.
 */
export function affinityPrefix(def: DomainDef, taskset = '/usr/bin/taskset'): string[] {
  if (def.vcpu.placement === 'auto') throw unsupportedConfig('domain/vcpu/@placement', "placement 'auto' needs numad, which this driver does not use");
  if (def.vcpu.cpuset === undefined) return [];
  return [taskset, '-c', cpuRanges(parseCpuset(def.vcpu.cpuset, 'domain/vcpu/@cpuset')).join(',')];
}
