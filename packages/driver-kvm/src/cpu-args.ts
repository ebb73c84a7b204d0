import type { DomainDef, XmlElement } from '@virtkit/core';
import { rejectExtras } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import type { QemuCaps } from './qemu-caps.js';

// <cpu>: the -cpu value (mode, model, features, physical address bits).

const NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Features libvirt drops from the guest CPU before building -cpu, whatever
 * their policy (virQEMUCapsCPUFilterFeatures): QEMU removed osxsave and ospke
 * (the guest OS sets them) and never had cmt, mbm_total and mbm_local (monitoring
 * that QEMU does not emulate). They stay in the stored XML.
 */
export const FILTERED_FEATURES: readonly string[] = ['cmt', 'mbm_total', 'mbm_local', 'osxsave', 'ospke'];

/** libvirt's feature names in QEMU's spelling: ds_cpl → ds-cpl, lahf_lm → lahf-lm. */
export function qemuFeatureName(name: string): string {
  return name.replace(/_/g, '-');
}

function maxPhysAddr(cpu: NonNullable<DomainDef['cpu']>, mode: string): string[] {
  const el = cpu.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'maxphysaddr');
  if (!el) return [];
  const where = 'domain/cpu/maxphysaddr';
  for (const k of Object.keys(el.attrs)) if (!['mode', 'bits', 'limit'].includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
  const num = (k: string) => {
    const v = el.attrs[k];
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) > 64) throw unsupportedConfig(`${where}/@${k}`, `'${v}' is not a bit count`);
    return Number(v);
  };
  if (el.attrs.mode === 'emulate') {
    const bits = num('bits');
    if (bits === undefined) throw unsupportedConfig(where, "mode 'emulate' needs bits");
    if (el.attrs.limit !== undefined) throw unsupportedConfig(`${where}/@limit`, "a limit only applies to mode 'passthrough'");
    return [`phys-bits=${bits}`];
  }
  if (el.attrs.mode === 'passthrough') {
    if (mode !== 'host-passthrough' && mode !== 'maximum') throw unsupportedConfig(`${where}/@mode`, "mode 'passthrough' needs CPU mode host-passthrough or maximum");
    const limit = num('limit');
    const out = ['host-phys-bits=on'];
    if (el.attrs.bits !== undefined) out.push(`phys-bits=${num('bits')}`);
    if (limit !== undefined) out.push(`host-phys-bits-limit=${limit}`);
    return out;
  }
  throw unsupportedConfig(`${where}/@mode`, `mode '${el.attrs.mode}' is not supported (emulate, passthrough)`);
}

/**
 * The -cpu value. With the binary's CPU list (caps.cpuModels/cpuFlags) an
 * unknown model or a required unknown feature is refused by name; a disabled
 * feature this QEMU does not have is left out (it cannot be on), which is
 * what QEMU 7.2 accepts where libvirt's newer-QEMU command line names it.
 */
export function cpuArg(def: DomainDef, caps: Pick<QemuCaps, 'cpuModels' | 'cpuFlags'> = {}): string {
  const cpu = def.cpu!;
  const { migratable, ...otherAttrs } = cpu.extras?.attrs ?? {};
  rejectExtras(cpu.extras && { attrs: otherAttrs, children: cpu.extras.children }, 'domain/cpu', ['maxphysaddr', 'numa']);
  const mode = cpu.mode ?? 'custom';
  const parts: string[] = [];
  if (mode === 'host-passthrough' || mode === 'maximum') {
    parts.push(mode === 'host-passthrough' ? 'host' : 'max');
    if (migratable !== undefined && migratable !== 'on' && migratable !== 'off') throw unsupportedConfig('domain/cpu/@migratable', `must be 'on' or 'off'`);
    // libvirt's default for host-passthrough: only migratable features.
    if (mode === 'host-passthrough' || migratable !== undefined) parts.push(`migratable=${migratable ?? 'on'}`);
  } else if (mode === 'custom') {
    if (migratable !== undefined) throw unsupportedConfig('domain/cpu/@migratable', 'only host-passthrough and maximum CPUs take migratable');
    if (!cpu.model) throw unsupportedConfig('domain/cpu', 'custom CPU mode needs a <model>');
    rejectExtras(cpu.model.extras, 'domain/cpu/model', []);
    if (!NAME.test(cpu.model.name)) throw unsupportedConfig('domain/cpu/model', `CPU model '${cpu.model.name}' is not a valid QEMU CPU model name`);
    if (caps.cpuModels && !caps.cpuModels.includes(cpu.model.name)) throw unsupportedConfig('domain/cpu/model', `this QEMU has no CPU model '${cpu.model.name}'`);
    parts.push(cpu.model.name);
  } else if (mode === 'host-model') {
    throw unsupportedConfig('domain/cpu/@mode', "CPU mode 'host-model' needs libvirt's expansion of the host CPU into a named model, which this driver does not do (use host-passthrough or a named model)");
  } else throw unsupportedConfig('domain/cpu/@mode', `CPU mode '${mode}' is not supported`);
  for (const f of cpu.features) {
    if (FILTERED_FEATURES.includes(f.name)) continue;
    if (!NAME.test(f.name)) throw unsupportedConfig('domain/cpu/feature', `CPU feature '${f.name}' is not a valid name`);
    const name = qemuFeatureName(f.name);
    const known = !caps.cpuFlags || caps.cpuFlags.includes(name) || caps.cpuFlags.includes(f.name);
    const policy = f.policy ?? 'require';
    if (policy === 'require' || policy === 'force') {
      if (!known) throw unsupportedConfig(`domain/cpu/feature[@name='${f.name}']`, `this QEMU has no CPU feature '${f.name}'`);
      parts.push(`${name}=on`);
    } else if (policy === 'disable' || policy === 'forbid') {
      if (known) parts.push(`${name}=off`);
    } else if (policy === 'optional') {
      throw unsupportedConfig(`domain/cpu/feature[@name='${f.name}']`, "policy 'optional' depends on what the host CPU offers, which this driver does not check");
    } else throw unsupportedConfig('domain/cpu/feature', `CPU feature policy '${policy}' is not supported`);
  }
  parts.push(...featureFlags(def), ...maxPhysAddr(cpu, mode));
  return parts.join(',');
}

/** Hyper-V enlightenments in libvirt's order; on: hv-NAME. */
export const HYPERV = ['relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic', 'stimer', 'reset', 'vendor_id', 'frequencies', 'reenlightenment', 'tlbflush', 'ipi', 'evmcs', 'avic', 'emsr_bitmap', 'xmm_input'];
/** <features><kvm> children: [name, option, the state that is QEMU's default and left out]. */
export const KVM: ReadonlyArray<[string, string, 'on' | 'off']> = [['hidden', 'kvm', 'off'], ['hint-dedicated', 'kvm-hint-dedicated', 'off'], ['poll-control', 'kvm-poll-control', 'off'], ['pv-ipi', 'kvm-pv-ipi', 'on']];

const state = (e: XmlElement, where: string): 'on' | 'off' => {
  const v = e.attrs.state ?? 'on';
  if (v !== 'on' && v !== 'off') throw unsupportedConfig(`${where}/@state`, `must be 'on' or 'off'`);
  return v;
};

/**
 * -cpu flags from elsewhere in the XML, as libvirt adds them: the kvmclock
 * timer, <apic eoi>, <pvspinlock>, Hyper-V enlightenments, a Hyper-V
 * <panic>, <kvm> features, <pmu>.
 */
function featureFlags(def: DomainDef): string[] {
  const out: string[] = [];
  for (const t of def.clock?.timers ?? []) {
    if (t.attrs.name !== 'kvmclock') continue;
    if (t.attrs.present === 'no') out.push('kvmclock=off');
    else if (t.attrs.present === 'yes') out.push('kvmclock=on');
  }
  const feats = def.features ?? [];
  const f = (name: string) => feats.find((x) => x.name === name);
  const apic = f('apic');
  if (apic?.attrs.eoi !== undefined) out.push(`kvm-pv-eoi=${apic.attrs.eoi === 'on' ? 'on' : 'off'}`);
  const pvspin = f('pvspinlock');
  if (pvspin) out.push(`kvm-pv-unhalt=${state(pvspin, 'domain/features/pvspinlock')}`);
  const hv = f('hyperv');
  if (hv) {
    const where = 'domain/features/hyperv';
    const mode = hv.attrs.mode ?? 'custom';
    if (mode === 'passthrough') out.push('hv-passthrough');
    else if (mode !== 'custom') throw unsupportedConfig(`${where}/@mode`, `mode '${mode}' is not supported (custom, passthrough)`);
    const kids = hv.children.filter((c): c is XmlElement => c.kind === 'element');
    for (const k of kids) if (!HYPERV.includes(k.name)) throw unsupportedConfig(`${where}/${k.name}`, 'this Hyper-V enlightenment is not supported');
    for (const name of HYPERV) {
      const k = kids.find((x) => x.name === name);
      if (!k || state(k, `${where}/${name}`) === 'off') continue;
      if (name === 'spinlocks') out.push(k.attrs.retries !== undefined ? `hv-spinlocks=0x${Number(k.attrs.retries).toString(16)}` : 'hv-spinlocks');
      else if (name === 'vendor_id') out.push(`hv-vendor-id=${k.attrs.value ?? ''}`);
      else {
        out.push(`hv-${name.replace(/_/g, '-')}`);
        for (const sub of k.children) {
          if (sub.kind !== 'element') continue;
          if (state(sub, `${where}/${name}/${sub.name}`) === 'on') out.push(`hv-${name}-${sub.name}`);
        }
      }
    }
  }
  const panics = (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'panic');
  if (panics.some((p) => p.attrs.model === 'hyperv')) out.push('hv-crash');
  const kvm = f('kvm');
  if (kvm) {
    for (const k of kvm.children) {
      if (k.kind !== 'element') continue;
      if (k.name === 'dirty-ring') {
        if (state(k, 'domain/features/kvm/dirty-ring') === 'on') throw unsupportedConfig('domain/features/kvm/dirty-ring', 'the KVM dirty ring is not supported by this driver');
        continue;
      }
      const m = KVM.find(([n]) => n === k.name);
      if (!m) throw unsupportedConfig(`domain/features/kvm/${k.name}`, 'not supported');
      const st = state(k, `domain/features/kvm/${k.name}`);
      if (st === m[2]) continue;
      // hidden='on' hides KVM: kvm=off.
      out.push(k.name === 'hidden' ? 'kvm=off' : `${m[1]}=${st}`);
    }
  }
  const pmu = f('pmu');
  if (pmu) out.push(`pmu=${state(pmu, 'domain/features/pmu')}`);
  return out;
}
