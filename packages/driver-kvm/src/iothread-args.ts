import type { DomainDef, XmlElement } from '@virtkit/core';
import { json, type Json } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';

// <iothreads>: one -object iothread each, named iothread1… as libvirt names them; devices name them by number.

/** The number of <iothreads>, 0 without the element. */
export function iothreadCount(def: DomainDef): number {
  const e = def.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'iothreads');
  if (!e) return 0;
  const t = e.children.map((c) => (c.kind === 'text' ? c.text : '')).join('').trim();
  if (!/^\d+$/.test(t)) throw unsupportedConfig('domain/iothreads', `'${t}' is not a count`);
  return Number(t);
}

export function iothreadArgs(def: DomainDef): string[] {
  const out: string[] = [];
  for (let i = 1; i <= iothreadCount(def); i++) out.push('-object', json({ 'qom-type': 'iothread', id: `iothread${i}` }));
  return out;
}

/** The iothread property of a virtio device: <driver iothread='N'> names one of the domain's <iothreads>. */
export function iothreadProp(def: DomainDef, n: string | undefined, where: string): Json {
  if (n === undefined) return {};
  if (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > iothreadCount(def)) throw unsupportedConfig(where, `there is no iothread ${n} (the domain has ${iothreadCount(def)})`);
  return { iothread: `iothread${n}` };
}
