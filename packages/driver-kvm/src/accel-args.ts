import { memoryToKiB, type DomainDef, type XmlElement } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';
import type { QemuCaps } from './qemu-caps.js';

// -accel: TCG for <domain type='qemu'>, KVM for type='kvm' when the host has a usable /dev/kvm (else TCG);
// <features><tcg> sizes TCG's translation cache. What this host's KVM cannot set up is refused by name.

/** The -accel words for the definition on this host. */
export function accelArgs(def: DomainDef, caps: Pick<QemuCaps, 'kvm' | 'kvmHostCpu' | 'kvmSmm'>): string[] {
  const kvm = def.type === 'kvm' && caps.kvm;
  const tcg = def.features?.find((f) => f.name === 'tcg');
  if (!kvm) return ['-accel', ['tcg', ...(tcg ? tcgProps(tcg) : [])].join(',')];
  const mode = def.cpu?.mode;
  if ((mode === 'host-passthrough' || mode === 'maximum') && caps.kvmHostCpu === false) {
    throw unsupportedConfig('domain/cpu/@mode', `CPU mode '${mode}' needs KVM to take the host CPU's model, which this host's KVM refuses (QEMU cannot set its MSRs)`);
  }
  if (def.features?.some((f) => f.name === 'smm' && (f.attrs.state ?? 'on') === 'on') && caps.kvmSmm === false) {
    throw unsupportedConfig('domain/features/smm', "this host's KVM has no System Management Mode, which smm='on' (and secure-boot firmware) needs");
  }
  return ['-accel', 'kvm'];
}

/** <tcg><tb-cache unit>N</tb-cache></tcg> (KiB when no unit): tb-size in whole MiB, as libvirt shifts it. */
function tcgProps(tcg: XmlElement): string[] {
  const out: string[] = [];
  if (Object.keys(tcg.attrs).length > 0) throw unsupportedConfig('domain/features/tcg', `attribute '${Object.keys(tcg.attrs)[0]}' is not supported`);
  for (const c of tcg.children) {
    if (c.kind !== 'element') continue;
    const where = `domain/features/tcg/${c.name}`;
    if (c.name !== 'tb-cache') throw unsupportedConfig(where, 'not supported');
    const text = c.children.map((x) => (x.kind === 'text' ? x.text : '')).join('').trim();
    out.push(`tb-size=${Math.floor(memoryToKiB(text, c.attrs.unit ?? 'KiB', where) / 1024)}`);
  }
  return out;
}
