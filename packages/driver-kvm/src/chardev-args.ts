import type { CharDeviceDef, DomainDef } from '@virtkit/core';
import { esc, json, rejectExtras } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// The command line of character devices: -chardev for each source type, and <serial>/<console> with their ISA serial ports.

/** The -chardev option string for a character device's backend. */
export function chardevArg(c: CharDeviceDef, id: string, el: string): string {
  rejectExtras(c.extras, el, []);
  const src = c.source ?? {};
  const allow = (keys: string[]) => {
    for (const k of Object.keys(src)) if (!keys.includes(k)) throw unsupportedConfig(`${el}/source`, `attribute '${k}' is not supported for type '${c.type}'`);
  };
  if (c.protocol !== undefined && c.type !== 'tcp') throw unsupportedConfig(`${el}/protocol`, `a protocol is only supported on tcp character devices`);
  switch (c.type) {
    case 'pty':
      allow(['path']);
      return `pty,id=${id}`;
    case 'null':
      allow([]);
      return `null,id=${id}`;
    case 'file': {
      allow(['path', 'append']);
      if (!src.path) throw unsupportedConfig(`${el}/source`, 'a file character device needs a path');
      checkOptionText(src.path, `${el}/source/@path`);
      return `file,id=${id},path=${esc(src.path)}${src.append === 'on' ? ',append=on' : ''}`;
    }
    case 'unix': {
      allow(['path', 'mode']);
      if (!src.path) throw unsupportedConfig(`${el}/source`, 'a unix character device needs a path');
      checkOptionText(src.path, `${el}/source/@path`);
      const server = (src.mode ?? 'bind') === 'bind';
      return `socket,id=${id},path=${esc(src.path)}${server ? ',server=on,wait=off' : ''}`;
    }
    case 'tcp': {
      allow(['host', 'service', 'mode']);
      if (!src.service || !/^\d+$/.test(src.service)) throw unsupportedConfig(`${el}/source/@service`, 'a tcp character device needs a numeric service (port)');
      const hostText = src.host ?? '127.0.0.1';
      if (!/^[A-Za-z0-9.:-]+$/.test(hostText)) throw unsupportedConfig(`${el}/source/@host`, `'${hostText}' is not a valid host`);
      const server = (src.mode ?? 'bind') === 'bind';
      const telnet = c.protocol === 'telnet';
      if (c.protocol !== undefined && c.protocol !== 'raw' && !telnet) throw unsupportedConfig(`${el}/protocol`, `protocol '${c.protocol}' is not supported`);
      return `socket,id=${id},host=${hostText},port=${src.service}${telnet ? ',telnet=on' : ''}${server ? ',server=on,wait=off' : ''}`;
    }
    default:
      throw unsupportedConfig(`${el}/@type`, `character device type '${c.type}' is not supported (pty, file, unix, tcp, null)`);
  }
}

/**
 * Serial ports; a console with a serial target and no <serial> stands for
 * serial0, one duplicating serial0 adds nothing (libvirt's x86 rule).
 */
export function serialArgs(def: DomainDef): string[] {
  const out: string[] = [];
  const d = def.devices;
  const serials: Array<{ c: CharDeviceDef; el: string }> = d.serials.map((c, i) => ({ c, el: `domain/devices/serial[${i + 1}]` }));
  d.consoles.forEach((c, i) => {
    const el = `domain/devices/console[${i + 1}]`;
    const tt = c.target?.type ?? 'serial';
    if (tt !== 'serial' || i > 0) throw unsupportedConfig(`${el}/target`, `console target type '${tt}' is not supported (only the first console, on serial0)`);
    if (serials.length === 0) serials.push({ c, el });
  });
  const ports = new Set<number>();
  serials.forEach(({ c, el }, i) => {
    const t = c.target ?? {};
    for (const k of Object.keys(t)) if (!['type', 'port'].includes(k)) throw unsupportedConfig(`${el}/target`, `attribute '${k}' is not supported`);
    if (t.type !== undefined && t.type !== 'isa-serial' && t.type !== 'serial') throw unsupportedConfig(`${el}/target/@type`, `serial target type '${t.type}' is not supported`);
    const port = t.port === undefined ? i : Number(t.port);
    if (!Number.isInteger(port) || port < 0 || port > 3 || ports.has(port)) throw unsupportedConfig(`${el}/target/@port`, `serial port '${t.port}' is invalid or duplicated (0..3)`);
    ports.add(port);
    if (c.address) throw unsupportedConfig(`${el}/address`, 'serial addresses are not supported');
    out.push('-chardev', chardevArg(c, `charserial${port}`, el));
    out.push('-device', json({ driver: 'isa-serial', chardev: `charserial${port}`, id: `serial${port}`, index: port }));
  });
  return out;
}

/**
 * <channel> devices with a virtio target: a virtserialport on the
 * virtio-serial controller and port canonicalizeDomain gave it. A unix
 * channel without a source path has its socket in the host-local part of the
 * command line (unpathedChannelArgs).
 */
export function channelArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.channels.forEach((c, i) => {
    const el = `domain/devices/channel[${i + 1}]`;
    const t = c.target ?? {};
    for (const k of Object.keys(t)) if (!['type', 'name', 'state'].includes(k)) throw unsupportedConfig(`${el}/target`, `attribute '${k}' is not supported`);
    if (t.type !== 'virtio') throw unsupportedConfig(`${el}/target/@type`, `channel target type '${t.type ?? '(none)'}' is not supported (virtio)`);
    const a = c.address;
    if (!a || a.type !== 'virtio-serial') throw unsupportedConfig(`${el}/address`, "a virtio channel needs an address of type 'virtio-serial'");
    for (const k of Object.keys(a)) if (!['type', 'controller', 'bus', 'port'].includes(k)) throw unsupportedConfig(`${el}/address`, `attribute '${k}' is not supported`);
    const id = `charchannel${i}`;
    if (!isUnpathedUnix(c)) out.push('-chardev', chardevArg(c, id, el));
    else rejectExtras(c.extras, el, []);
    const dev: Record<string, string | number> = { driver: 'virtserialport', bus: `virtio-serial${a.controller ?? 0}.${a.bus ?? 0}`, nr: Number(a.port), chardev: id, id: `channel${i}` };
    if (t.name !== undefined) dev.name = t.name;
    out.push('-device', JSON.stringify(dev));
  });
  return out;
}

function isUnpathedUnix(c: CharDeviceDef): boolean {
  return c.type === 'unix' && c.source?.path === undefined;
}

/** The listening sockets of unix channels without a path: `dir`/UUID.NAME (NAME: the target name, else channelN). */
export function unpathedChannelArgs(def: DomainDef, dir: string): string[] {
  const out: string[] = [];
  def.devices.channels.forEach((c, i) => {
    if (!isUnpathedUnix(c)) return;
    if (c.source?.mode !== undefined && c.source.mode !== 'bind') throw unsupportedConfig(`domain/devices/channel[${i + 1}]/source`, 'a unix channel without a path must be in bind mode');
    const p = `${dir}/${def.uuid}.${c.target?.name ?? `channel${i}`}`;
    checkOptionText(p, `domain/devices/channel[${i + 1}]`);
    out.push('-chardev', `socket,id=charchannel${i},path=${esc(p)},server=on,wait=off`);
  });
  return out;
}

/** Parallel ports: isa-parallel on a chardev each (three at the most, as PCs have). */
export function parallelArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.parallels.forEach((c, i) => {
    const el = `domain/devices/parallel[${i + 1}]`;
    const t = c.target ?? {};
    for (const k of Object.keys(t)) if (k !== 'port') throw unsupportedConfig(`${el}/target`, `attribute '${k}' is not supported`);
    const port = t.port === undefined ? i : Number(t.port);
    if (port !== i || port > 2) throw unsupportedConfig(`${el}/target/@port`, `parallel port '${t.port}' must be ${i} (ports 0..2 in order)`);
    if (c.address) throw unsupportedConfig(`${el}/address`, 'parallel ports take no address');
    out.push('-chardev', chardevArg(c, `charparallel${i}`, el));
    out.push('-device', JSON.stringify({ driver: 'isa-parallel', chardev: `charparallel${i}`, id: `parallel${i}` }));
  });
  return out;
}
