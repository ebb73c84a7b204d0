import type { DomainDef, XmlElement } from '@virtkit/core';
import { rejectExtras } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import type { QemuCaps } from './qemu-caps.js';

// <cpu>: the -cpu value (mode, model, features, physical address bits).

const NAME = /^[A-Za-z0-9._-]+$/;

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
  parts.push(...maxPhysAddr(cpu, mode));
  return parts.join(',');
}
