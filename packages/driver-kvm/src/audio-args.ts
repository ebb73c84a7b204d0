import type { DomainDef, XmlElement } from '@virtkit/core';
import type { Json } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import type { QemuCaps } from './qemu-caps.js';

// <audio>: one -audiodev per backend, as libvirt's qemuBuildAudioCommandLineArg writes it; and back.

/** <audio type> → the -audiodev driver. */
const DRIVERS: Readonly<Record<string, string>> = {
  none: 'none', alsa: 'alsa', oss: 'oss', pulseaudio: 'pa', jack: 'jack', sdl: 'sdl', spice: 'spice', file: 'wav', dbus: 'dbus',
  coreaudio: 'coreaudio', pipewire: 'pipewire',
};

/** The audio drivers of Debian 12's QEMU 7.2 without the qemu-system-gui modules (pa, sdl, jack). */
export const QEMU_7_2_AUDIO_DRIVERS = ['none', 'alsa', 'dbus', 'oss', 'sndio', 'spice', 'wav'];

type Kind = 'bool' | 'int' | 'str';
/** [XML attribute, -audiodev key, kind], in libvirt's order. */
type Field = readonly [string, string, Kind];

const TOP: Readonly<Record<string, readonly Field[]>> = {
  '*': [['timerPeriod', 'timer-period', 'int']],
  oss: [['tryMMap', 'try-mmap', 'bool'], ['exclusive', 'exclusive', 'bool'], ['dspPolicy', 'dsp-policy', 'int']],
  pulseaudio: [['serverName', 'server', 'str']],
  file: [['path', 'path', 'str']],
};
const COMMON: readonly Field[] = [['mixingEngine', 'mixing-engine', 'bool'], ['fixedSettings', 'fixed-settings', 'bool'], ['voices', 'voices', 'int'], ['bufferLength', 'buffer-length', 'int']];
const SETTINGS: readonly Field[] = [['frequency', 'frequency', 'int'], ['channels', 'channels', 'int'], ['format', 'format', 'str']];
const DIRECTION: Readonly<Record<string, readonly Field[]>> = {
  alsa: [['dev', 'dev', 'str']],
  oss: [['dev', 'dev', 'str'], ['bufferCount', 'buffer-count', 'int'], ['tryPoll', 'try-poll', 'bool']],
  pulseaudio: [['name', 'name', 'str'], ['streamName', 'stream-name', 'str'], ['latency', 'latency', 'int']],
  jack: [['serverName', 'server-name', 'str'], ['clientName', 'client-name', 'str'], ['connectPorts', 'connect-ports', 'str'], ['exactName', 'exact-name', 'bool']],
  sdl: [['bufferCount', 'buffer-count', 'int']],
};

function toJson(v: string, kind: Kind, where: string): string | number | boolean {
  if (kind === 'str') return v;
  if (kind === 'int') {
    if (!/^\d+$/.test(v)) throw unsupportedConfig(where, `'${v}' is not a number`);
    return Number(v);
  }
  if (v !== 'yes' && v !== 'no') throw unsupportedConfig(where, `must be 'yes' or 'no'`);
  return v === 'yes';
}

function fromJson(v: unknown, kind: Kind): string {
  return kind === 'bool' ? (v ? 'yes' : 'no') : String(v);
}

/** Copies `fields` of `attrs` into `out`; returns the attribute names used. */
function copy(attrs: Record<string, string>, fields: readonly Field[], out: Json, where: string): Set<string> {
  const used = new Set<string>();
  for (const [x, j, kind] of fields) {
    if (attrs[x] === undefined) continue;
    out[j] = toJson(attrs[x], kind, `${where}/@${x}`);
    used.add(x);
  }
  return used;
}

/** The <audio> elements of the definition (kept in <devices>' extras). */
export function audioElements(def: DomainDef): XmlElement[] {
  return (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'audio');
}

export function audioArgs(def: DomainDef, caps: Pick<QemuCaps, 'audioDrivers'>): string[] {
  const out: string[] = [];
  const available = caps.audioDrivers ?? QEMU_7_2_AUDIO_DRIVERS;
  for (const a of audioElements(def)) {
    const { id, type } = a.attrs;
    const el = `domain/devices/audio[@id='${id}']`;
    if (!/^\d+$/.test(id ?? '')) throw unsupportedConfig(el, 'an audio backend needs a numeric id');
    const driver = DRIVERS[type ?? ''];
    if (!driver) throw unsupportedConfig(`${el}/@type`, `audio type '${type}' is not supported`);
    if (driver === 'oss' && caps.audioDrivers !== undefined && !available.includes(driver)) throw unsupportedConfig(`${el}/@type`, 'this host has no OSS device (/dev/dsp, from the snd-pcm-oss emulation), without which QEMU cannot start its oss audio driver');
    if (!available.includes(driver)) throw unsupportedConfig(`${el}/@type`, `this QEMU has no '${driver}' audio driver (it has ${available.join(', ')}${['pa', 'sdl', 'jack'].includes(driver) ? '; Debian ships it in qemu-system-gui' : ''})`);
    const o: Json = { id: `audio${id}`, driver };
    const used = copy(a.attrs, [...TOP['*'], ...(TOP[type] ?? [])], o, el);
    for (const k of Object.keys(a.attrs)) if (k !== 'id' && k !== 'type' && !used.has(k)) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const child of a.children) {
      if (child.kind !== 'element') continue;
      const key = child.name === 'input' ? 'in' : child.name === 'output' ? 'out' : undefined;
      const where = `${el}/${child.name}`;
      if (!key) throw unsupportedConfig(where, 'not supported');
      const d: Json = {};
      const usedHere = copy(child.attrs, COMMON, d, where);
      for (const s of child.children) {
        if (s.kind !== 'element') continue;
        if (s.name !== 'settings') throw unsupportedConfig(`${where}/${s.name}`, 'not supported');
        const usedS = copy(s.attrs, SETTINGS, d, `${where}/settings`);
        for (const k of Object.keys(s.attrs)) if (!usedS.has(k)) throw unsupportedConfig(`${where}/settings`, `attribute '${k}' is not supported`);
      }
      for (const k of copy(child.attrs, DIRECTION[type] ?? [], d, where)) usedHere.add(k);
      for (const k of Object.keys(child.attrs)) if (!usedHere.has(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported for audio type '${type}'`);
      o[key] = d as unknown as Record<string, boolean>;
    }
    out.push('-audiodev', JSON.stringify(o));
  }
  return out;
}

/** The <audio> element an -audiodev value of audioArgs stands for; undefined when it is not one. */
export function audioFromJson(o: Record<string, unknown>): XmlElement | undefined {
  const id = /^audio(\d+)$/.exec(typeof o.id === 'string' ? o.id : '');
  const type = Object.keys(DRIVERS).find((t) => DRIVERS[t] === o.driver);
  if (!id || !type) return undefined;
  const attrs: Record<string, string> = { id: id[1], type };
  const back = (src: Record<string, unknown>, fields: readonly Field[], into: Record<string, string>) => {
    for (const [x, j, kind] of fields) if (src[j] !== undefined) into[x] = fromJson(src[j], kind);
  };
  back(o, [...TOP['*'], ...(TOP[type] ?? [])], attrs);
  const children: XmlElement[] = [];
  for (const [key, name] of [['in', 'input'], ['out', 'output']] as const) {
    const d = o[key] as Record<string, unknown> | undefined;
    if (!d) continue;
    const a: Record<string, string> = {};
    back(d, [...COMMON, ...(DIRECTION[type] ?? [])], a);
    const s: Record<string, string> = {};
    back(d, SETTINGS, s);
    children.push({ kind: 'element', name, attrs: a, children: Object.keys(s).length ? [{ kind: 'element', name: 'settings', attrs: s, children: [] }] : [] });
  }
  return { kind: 'element', name: 'audio', attrs, children };
}
