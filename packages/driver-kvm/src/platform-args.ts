import { createHash } from 'node:crypto';
import type { DomainDef, XmlElement } from '@virtkit/core';
import { json, pciProps, type Json } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { elementAddress } from './filesystem-args.js';

// Platform devices with no family of their own: the VM generation ID (<genid>) and <panic> notifiers.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function genidElement(def: DomainDef): XmlElement | undefined {
  return def.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'genid');
}

/** An empty <genid/> gets a GUID at define time (derived from the domain UUID, so it is stable), as libvirt fills one in. */
export function fillGenid(def: DomainDef): void {
  const g = genidElement(def);
  if (!g || g.children.some((c) => (c.kind === 'text' || c.kind === 'cdata') && c.text.trim() !== '')) return;
  const h = createHash('sha256').update(`genid:${def.uuid}`).digest('hex');
  const guid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  g.children = [{ kind: 'text', text: guid }];
}

/** -device vmgenid (after -uuid, as libvirt places it). */
export function genidArgs(def: DomainDef): string[] {
  const g = genidElement(def);
  if (!g) return [];
  const text = g.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.text : '')).join('').trim();
  if (!UUID.test(text)) throw unsupportedConfig('domain/genid', `'${text}' is not a GUID`);
  return ['-device', json({ driver: 'vmgenid', guid: text.toLowerCase(), id: 'vmgenid0' })];
}

/** The <panic> elements (kept in <devices>' extras). */
export function panics(def: DomainDef): XmlElement[] {
  return (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'panic');
}

/** pvpanic: the ISA device (at its ioport) or the PCI one; model hyperv is a -cpu flag (cpuArg). */
export function panicArgs(def: DomainDef): string[] {
  const out: string[] = [];
  panics(def).forEach((p, i) => {
    const el = `domain/devices/panic[${i + 1}]`;
    const model = p.attrs.model ?? 'isa';
    const addr = elementAddress(p).get();
    if (model === 'hyperv') return;
    if (model === 'isa') {
      const dev: Json = { driver: 'pvpanic' };
      if (addr) {
        if (addr.type !== 'isa' || addr.iobase === undefined) throw unsupportedConfig(`${el}/address`, "an ISA panic device takes <address type='isa' iobase='0x505'/>");
        dev.ioport = parseInt(addr.iobase, addr.iobase.startsWith('0x') ? 16 : 10);
      }
      out.push('-device', json(dev));
    } else if (model === 'pvpanic') {
      out.push('-device', json({ driver: 'pvpanic-pci', id: `panic${i}`, ...pciProps(addr, el, def) }));
    } else throw unsupportedConfig(`${el}/@model`, `panic model '${model}' is not supported on x86 (isa, pvpanic, hyperv)`);
  });
  return out;
}
