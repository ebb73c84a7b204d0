import type { DomainDef, XmlElement } from '@virtkit/core';
import { esc } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// <os><acpi><table type>path</table></acpi>: extra ACPI tables QEMU adds from host files (-acpitable).
// 'raw' is a whole table, header included; 'slic' and 'msdm' are the payloads of the licensing tables,
// whose header QEMU writes with that signature.

const SIGNATURE: Readonly<Record<string, string | undefined>> = { raw: undefined, slic: 'SLIC', msdm: 'MSDM' };

/** The <os><acpi> element, kept in <os>'s extras. */
function acpiElement(def: DomainDef): XmlElement | undefined {
  return def.os.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'acpi');
}

export function acpiTableArgs(def: DomainDef): string[] {
  const acpi = acpiElement(def);
  if (!acpi) return [];
  const el = 'domain/os/acpi';
  if (Object.keys(acpi.attrs).length > 0) throw unsupportedConfig(el, `attribute '${Object.keys(acpi.attrs)[0]}' is not supported`);
  if (!def.features?.some((f) => f.name === 'acpi')) throw unsupportedConfig(el, 'ACPI tables need <features><acpi/>');
  const out: string[] = [];
  for (const t of acpi.children) {
    if (t.kind !== 'element') continue;
    if (t.name !== 'table') throw unsupportedConfig(`${el}/${t.name}`, 'not supported');
    const type = t.attrs.type ?? '';
    if (!(type in SIGNATURE)) throw unsupportedConfig(`${el}/table/@type`, `ACPI table type '${type}' is not supported (raw, slic, msdm)`);
    const file = t.children.map((c) => (c.kind === 'text' ? c.text : '')).join('').trim();
    if (!file.startsWith('/')) throw unsupportedConfig(`${el}/table`, 'an ACPI table needs an absolute file path');
    checkOptionText(file, `${el}/table`);
    const sig = SIGNATURE[type];
    out.push('-acpitable', `${sig ? `sig=${sig},` : ''}file=${esc(file)}`);
  }
  return out;
}
