import type { DomainDef, XmlElement } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';

// <seclabel>: kept in the definition as written. This driver runs QEMU with the caller's own
// credentials and no security driver (libvirt's security_driver = "none"), so the only label it
// can honour is type='none'; one that asks for a label names the model it would need.

/** Checks the domain's <seclabel>s; nothing on the command line depends on them. */
export function checkSecurityLabels(def: DomainDef): void {
  const labels = (def.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'seclabel');
  labels.forEach((l, i) => {
    const el = `domain/seclabel[${i + 1}]`;
    const type = l.attrs.type ?? (l.attrs.model === 'none' ? 'none' : 'dynamic');
    if (type === 'none') {
      if (l.children.some((c) => c.kind === 'element')) throw unsupportedConfig(el, "a seclabel of type 'none' takes no label");
      return;
    }
    const model = l.attrs.model ?? 'selinux';
    throw unsupportedConfig(`${el}/@model`, `Unable to find security driver for model ${model} (this driver runs QEMU unconfined, as security_driver = "none")`);
  });
}

/** A disk image's own <source><seclabel>: relabel='no' asks for nothing; a label needs the model's driver. */
export function checkSourceSecurityLabel(l: XmlElement, el: string): void {
  if (l.attrs.relabel === 'no') return;
  const model = l.attrs.model ?? 'selinux';
  throw unsupportedConfig(`${el}/@model`, `Unable to find security driver for model ${model} (this driver runs QEMU unconfined, as security_driver = "none")`);
}
