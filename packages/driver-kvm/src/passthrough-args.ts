import type { DomainDef, XmlElement } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// libvirt's QEMU namespace: <qemu:commandline><qemu:arg value='…'/></qemu:commandline> appends the
// arguments to the command line as they are. Elements of other namespaces are not libvirt's and are
// kept without effect, as libvirt ignores them.

export const QEMU_NAMESPACE = 'http://libvirt.org/schemas/domain/qemu/1.0';

/** The prefixes the domain (or the element itself) binds to the QEMU namespace. */
function qemuElements(def: DomainDef): XmlElement[] {
  const rootNs = def.extras?.attrs ?? {};
  return (def.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => {
    if (n.kind !== 'element' || !n.name.includes(':')) return false;
    const prefix = n.name.split(':')[0];
    return (n.attrs[`xmlns:${prefix}`] ?? rootNs[`xmlns:${prefix}`]) === QEMU_NAMESPACE;
  });
}

/** Whether a domain-level extra is a namespaced element or declaration this driver handles or ignores. */
export function isNamespaced(name: string): boolean {
  return name.includes(':');
}

export function passthroughArgs(def: DomainDef): string[] {
  const out: string[] = [];
  for (const e of qemuElements(def)) {
    const local = e.name.split(':')[1];
    if (local !== 'commandline') throw unsupportedConfig(`domain/${e.name}`, 'not supported');
    for (const c of e.children) {
      if (c.kind !== 'element') continue;
      const kind = c.name.split(':')[1];
      if (kind === 'arg') {
        const v = c.attrs.value ?? '';
        checkOptionText(v, `domain/${e.name}/${c.name}/@value`);
        out.push(v);
      } else if (kind === 'env') throw unsupportedConfig(`domain/${e.name}/${c.name}`, "environment variables for QEMU are not supported (it inherits the driver's)");
      else throw unsupportedConfig(`domain/${e.name}/${c.name}`, 'not supported');
    }
  }
  return out;
}
