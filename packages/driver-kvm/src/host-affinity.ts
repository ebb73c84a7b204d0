import type { DomainDef, XmlElement } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';
import type { QemuCaps } from './qemu-caps.js';

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
 * The nodeset numad would advise for placement='auto'. On a host with a
 * single NUMA node numad can only answer that node, so it is used without
 * asking numad (which this driver does not run); on a host with several nodes
 * the answer depends on numad's view of their load, and the placement is refused.
 */
export function numadNodeset(where: string, caps: Pick<QemuCaps, 'hostNumaNodes'>): number[] {
  const nodes = caps.hostNumaNodes;
  if (nodes?.length === 1) return [...nodes];
  throw unsupportedConfig(where, nodes === undefined
    ? "placement 'auto' needs numad's advice, and this host's NUMA nodes are unknown"
    : `placement 'auto' needs numad's advice among this host's ${nodes.length} NUMA nodes, and this driver does not run numad`);
}

/**
 * libvirt's numad placement defaults, written back into the definition: a
 * <vcpu> without a cpuset follows <numatune><memory placement='auto'>; with
 * <vcpu placement='auto'>, a <numatune><memory> without a nodeset takes
 * placement='auto' (and is added in mode strict when missing); a nodeset next
 * to placement='auto' is dropped, as numad's answer replaces it.
 */
export function fillNumadPlacement(def: DomainDef): void {
  const children = def.extras?.children ?? [];
  const tune = children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'numatune');
  let memory = tune?.children.find((n): n is XmlElement => n.kind === 'element' && n.name === 'memory');
  if (memory?.attrs.placement === 'auto') {
    const { nodeset: _ignored, ...rest } = memory.attrs;
    memory.attrs = rest;
    if (def.vcpu.cpuset === undefined) def.vcpu.placement = 'auto';
  }
  if (def.vcpu.placement !== 'auto') return;
  if (!memory) {
    memory = { kind: 'element', name: 'memory', attrs: { mode: 'strict' }, children: [] };
    if (tune) tune.children.unshift(memory);
    else def.extras = { attrs: def.extras?.attrs ?? {}, children: [...children, { after: 'vcpu', node: { kind: 'element', name: 'numatune', attrs: {}, children: [memory] } }] };
  }
  if (memory.attrs.placement === undefined && memory.attrs.nodeset === undefined) memory.attrs = { ...memory.attrs, placement: 'auto' };
}

/**
 * Checks the definition's host-side CPU settings and returns the words to put
 * before QEMU's argv: none, or taskset pinning the process to <vcpu cpuset>.
 * placement='auto' pins to the CPUs of numad's nodeset: on a single-node
 * host (the only case numadNodeset answers) that is every host CPU, so no
 * taskset is needed; elsewhere it is refused.
 */
export function affinityPrefix(def: DomainDef, caps: Pick<QemuCaps, 'hostNumaNodes'>, taskset = '/usr/bin/taskset'): string[] {
  if (def.vcpu.placement === 'auto') {
    numadNodeset('domain/vcpu/@placement', caps);
    return [];
  }
  if (def.vcpu.cpuset === undefined) return [];
  return [taskset, '-c', cpuRanges(parseCpuset(def.vcpu.cpuset, 'domain/vcpu/@cpuset')).join(',')];
}
