import type { XmlElement } from '@virtkit/core';
import { HYPERV, KVM } from './cpu-args.js';
import { parseOptionString } from './qemu-option.js';
import { bad, leaf } from './native-parse.js';
import type { NativeState, OptionReader } from './native-state.js';

/** -cpu and -smp read back (cpu-args.ts writes them): <cpu>, <vcpu> and the CPU's <features>. */

function readCpu(st: NativeState, value: () => string): void {
  const { def, hyperv } = st;
  const parts = value().split(',');
  const model = parts.shift()!;
  if (model === 'host') def.cpu = { mode: 'host-passthrough', features: [] };
  else if (model === 'max') def.cpu = { mode: 'maximum', features: [] };
  else def.cpu = { mode: 'custom', match: 'exact', check: 'none', model: { name: model, fallback: 'forbid' }, features: [] };
  const phys: Record<string, string> = {};
  for (const p of parts) {
    const [name, on] = p.split('=');
    if (name === 'migratable') {
      if (!(model === 'host' && on === 'on')) def.cpu.extras = { attrs: { migratable: on }, children: [] };
    } else if (name === 'phys-bits') phys.bits = on;
    else if (name === 'host-phys-bits') phys.mode = 'passthrough';
    else if (name === 'host-phys-bits-limit') phys.limit = on;
    else if (name === 'kvmclock') st.timers.push({ name: 'kvmclock', present: on === 'off' ? 'no' : 'yes' });
    else if (name === 'kvm-pv-eoi') st.cpuFeatures.push(['apic', { eoi: on }]);
    else if (name === 'kvm-pv-unhalt') st.cpuFeatures.push(['pvspinlock', { state: on }]);
    else if (name === 'pmu') st.cpuFeatures.push(['pmu', { state: on }]);
    else if (name === 'hv-crash') st.panicHyperv = true;
    else if (name === 'hv-passthrough') hyperv.attrs.mode = 'passthrough';
    else if (name.startsWith('hv-')) {
      const hv = name.slice(3).replace(/-/g, '_');
      // hv-stimer-direct, hv-tlbflush-extended, …: a child of the enlightenment before it.
      const parent = HYPERV.includes(hv) ? undefined : hyperv.children.find((c): c is XmlElement => c.kind === 'element' && hv.startsWith(`${c.name}_`));
      if (parent) parent.children.push(leaf(hv.slice(parent.name.length + 1), { state: 'on' }));
      else if (hv === 'spinlocks') hyperv.children.push(leaf('spinlocks', on === undefined ? { state: 'on' } : { state: 'on', retries: String(parseInt(on, 16)) }));
      else if (hv === 'vendor_id') hyperv.children.push(leaf('vendor_id', { state: 'on', value: on ?? '' }));
      else if (HYPERV.includes(hv)) hyperv.children.push({ kind: 'element', name: hv, attrs: { state: 'on' }, children: [] });
      else bad(`-cpu flag '${name}' is not understood`);
    } else if (name === 'kvm' && on === 'off') st.kvmFeatures.push(leaf('hidden', { state: 'on' }));
    else if (KVM.some(([, opt]) => opt === name)) st.kvmFeatures.push(leaf(KVM.find(([, opt]) => opt === name)![0], { state: on ?? 'on' }));
    else def.cpu.features.push({ policy: on === 'off' ? 'disable' : 'require', name });
  }
  if (phys.bits !== undefined || phys.mode !== undefined) {
    const attrs: Record<string, string> = { mode: phys.mode ?? 'emulate', ...(phys.bits !== undefined ? { bits: phys.bits } : {}), ...(phys.limit !== undefined ? { limit: phys.limit } : {}) };
    def.cpu.extras = { attrs: def.cpu.extras?.attrs ?? {}, children: [{ after: null, node: { kind: 'element', name: 'maxphysaddr', attrs, children: [] } }] };
  }
}

function readSmp({ def }: NativeState, value: () => string): void {
  const { head, opts } = parseOptionString(value());
  const cur = Number(head);
  const max = Number(opts.get('maxcpus') ?? cur);
  def.vcpu = { count: max };
  if (cur !== max) def.vcpu.current = cur;
  const sockets = Number(opts.get('sockets') ?? max);
  const cores = Number(opts.get('cores') ?? 1);
  const threads = Number(opts.get('threads') ?? 1);
  if (!(sockets === max && cores === 1 && threads === 1 && !opts.has('dies'))) {
    def.cpu ??= { features: [] };
    def.cpu.topology = { sockets, cores, threads };
    if (opts.has('dies')) def.cpu.topology.dies = Number(opts.get('dies'));
    if (opts.has('clusters')) def.cpu.topology.clusters = Number(opts.get('clusters'));
  }
}

export const CPU_OPTIONS: Readonly<Record<string, OptionReader>> = { '-cpu': readCpu, '-smp': readSmp };

/** <features>: the machine's (-machine, -no-acpi), then the CPU's, <hyperv> and <kvm>. */
export function assembleFeatures({ def, features, cpuFeatures, hyperv, kvmFeatures, featureChildren }: NativeState): void {
  if (features.size > 0 || cpuFeatures.length > 0 || hyperv.children.length > 0 || hyperv.attrs.mode || kvmFeatures.length > 0) {
    def.features = [...features].map((f) => {
      const [name, state] = f.split('=');
      const attrs: Record<string, string> = state === undefined ? {} : { state };
      return { kind: 'element' as const, name, attrs, children: featureChildren.get(name) ?? [] };
    });
    for (const [name, attrs] of cpuFeatures) def.features.push(leaf(name, attrs));
    if (hyperv.children.length > 0 || hyperv.attrs.mode) def.features.push(hyperv);
    if (kvmFeatures.length > 0) def.features.push({ kind: 'element', name: 'kvm', attrs: {}, children: kvmFeatures });
  }
}
