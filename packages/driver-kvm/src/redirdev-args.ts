import type { CharDeviceDef, DomainDef, XmlElement } from '@virtkit/core';
import { json, type Json } from './argv-parts.js';
import { chardevArg, reconnectSeconds } from './chardev-args.js';
import { unsupportedConfig } from './errors.js';
import { usbPortProps } from './usb-address.js';

// <redirdev bus='usb'>: usb-redir on a chardev (a usbredir peer on a socket), with <redirfilter>'s rules.

const elements = (def: DomainDef, name: string): XmlElement[] =>
  (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === name);

const kids = (e: XmlElement) => e.children.filter((c): c is XmlElement => c.kind === 'element');

export const redirdevs = (def: DomainDef): XmlElement[] => elements(def, 'redirdev');

/** The <address> of a redirdev (libvirt's USB port assignment fills it in). */
export function redirdevAddress(r: XmlElement): XmlElement | undefined {
  return kids(r).find((c) => c.name === 'address');
}

/** A character device element (<redirdev>, <smartcard>) as the chardev model, and its reconnect interval. */
export function charDeviceOf(e: XmlElement, type: string, el: string, allowed: readonly string[]): { chr: CharDeviceDef; reconnect?: number } {
  const chr: CharDeviceDef = { type };
  let reconnect: number | undefined;
  for (const c of kids(e)) {
    if (c.name === 'source') {
      chr.source = { ...c.attrs };
      for (const s of kids(c)) {
        if (s.name === 'reconnect') reconnect = reconnectSeconds(s, `${el}/source/reconnect`);
        else throw unsupportedConfig(`${el}/source/${s.name}`, 'not supported');
      }
    } else if (c.name === 'protocol') chr.protocol = c.attrs.type;
    else if (!allowed.includes(c.name)) throw unsupportedConfig(`${el}/${c.name}`, 'not supported');
  }
  return { chr, reconnect };
}

/** <redirfilter><usbdev class vendor product version allow/>: usb-redir's filter, rules joined by '|'. */
function filterProp(def: DomainDef): Json {
  const filter = elements(def, 'redirfilter')[0];
  if (!filter) return {};
  const rules = kids(filter).map((u, k) => {
    const where = `domain/devices/redirfilter/usbdev[${k + 1}]`;
    if (u.name !== 'usbdev') throw unsupportedConfig(`domain/devices/redirfilter/${u.name}`, 'not supported');
    const field = (name: string) => {
      const v = u.attrs[name] ?? '-1';
      if (v !== '-1' && !/^0x[0-9a-fA-F]{1,4}$/.test(v)) throw unsupportedConfig(`${where}/@${name}`, `'${v}' is not -1 or a hexadecimal number`);
      return v;
    };
    // A version is BCD: 1.10 → 0x0110.
    const version = u.attrs.version ?? '-1';
    const m = /^(\d{1,2})\.(\d{1,2})$/.exec(version);
    if (version !== '-1' && !m) throw unsupportedConfig(`${where}/@version`, `'${version}' is not -1 or a version like 2.00`);
    const bcd = m ? `0x${m[1].padStart(2, '0')}${m[2].padEnd(2, '0')}` : '-1';
    if (u.attrs.allow !== 'yes' && u.attrs.allow !== 'no') throw unsupportedConfig(`${where}/@allow`, `must be 'yes' or 'no'`);
    return [field('class'), field('vendor'), field('product'), bcd, u.attrs.allow === 'yes' ? '1' : '0'].join(':');
  });
  return { filter: rules.join('|') };
}

export function redirdevArgs(def: DomainDef): string[] {
  return redirdevs(def).flatMap((r, i) => {
    const el = `domain/devices/redirdev[${i + 1}]`;
    if ((r.attrs.bus ?? 'usb') !== 'usb') throw unsupportedConfig(`${el}/@bus`, `redirection bus '${r.attrs.bus}' is not supported (usb)`);
    const { chr, reconnect } = charDeviceOf(r, r.attrs.type ?? '', el, ['address']);
    const id = `charredir${i}`;
    const out = ['-chardev', chardevArg(chr, id, el, reconnect)];
    const dev: Json = { driver: 'usb-redir', chardev: id, id: `redir${i}`, ...filterProp(def), ...usbPortProps(def, redirdevAddress(r)?.attrs, el, false) };
    out.push('-device', json(dev));
    return out;
  });
}
