import type { CharDeviceDef, DomainDef, XmlElement } from '@virtkit/core';
import { esc, json, rejectExtras } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// The command line of character devices: -chardev for each source type, and <serial>/<console> with their ISA serial ports.

/**
 * The -chardev option string for a character device's backend. `reconnect`:
 * seconds between attempts of a connecting socket (QEMU 7.2's reconnect=;
 * later QEMUs spell it reconnect-ms).
 */
export function chardevArg(input: CharDeviceDef, id: string, el: string, reconnectArg?: number): string {
  const { c, reconnect: sourceReconnect } = withSourceContent(input, el);
  const reconnect = reconnectArg ?? sourceReconnect;
  const arg = backendArg(c, id, el);
  if (reconnect === undefined) return arg;
  if (!arg.startsWith('socket,') || arg.includes(',server=on')) throw unsupportedConfig(`${el}/source/reconnect`, 'only a connecting socket reconnects');
  return `${arg},reconnect=${reconnect}`;
}

/** A <source><reconnect enabled timeout> element's interval in seconds: 0 when disabled (as libvirt says it), undefined when absent. */
export function reconnectSeconds(reconnect: XmlElement | undefined, where: string): number | undefined {
  if (!reconnect) return undefined;
  const { enabled, timeout } = reconnect.attrs;
  if (enabled !== 'yes' && enabled !== 'no') throw unsupportedConfig(`${where}/@enabled`, `must be 'yes' or 'no'`);
  if (enabled === 'no') return 0;
  if (timeout === undefined || !/^[1-9]\d*$/.test(timeout)) throw unsupportedConfig(`${where}/@timeout`, 'a reconnect needs a timeout in seconds');
  return Number(timeout);
}

/**
 * A <source> with content stays in the model's extras: its <reconnect>
 * (the interval) and a <seclabel relabel='no'> (nothing to relabel) are
 * understood; anything else is refused.
 */
function withSourceContent(c: CharDeviceDef, el: string): { c: CharDeviceDef; reconnect?: number } {
  const children = c.extras?.children ?? [];
  const src = children.find((x) => x.node.kind === 'element' && x.node.name === 'source')?.node as XmlElement | undefined;
  if (!src || c.source) return { c };
  let reconnect: number | undefined;
  for (const k of src.children) {
    if (k.kind !== 'element') continue;
    if (k.name === 'reconnect') reconnect = reconnectSeconds(k, `${el}/source/reconnect`);
    else if (!(k.name === 'seclabel' && k.attrs.relabel === 'no' && k.children.every((x) => x.kind !== 'element'))) throw unsupportedConfig(`${el}/source/${k.name}`, k.name === 'seclabel' ? "only <seclabel relabel='no'> is supported on a character device source" : 'not supported');
  }
  return { c: { ...c, source: { ...src.attrs }, extras: { attrs: c.extras!.attrs, children: children.filter((x) => x.node !== src) } }, reconnect };
}

function backendArg(c: CharDeviceDef, id: string, el: string): string {
  rejectExtras(c.extras, el, []);
  const src = c.source ?? {};
  const allow = (keys: string[]) => {
    for (const k of Object.keys(src)) if (!keys.includes(k)) throw unsupportedConfig(`${el}/source`, `attribute '${k}' is not supported for type '${c.type}'`);
  };
  // A raw protocol is what every socket speaks; libvirt writes it down for unix sockets too.
  if (c.protocol !== undefined && c.type !== 'tcp' && !(c.type === 'unix' && c.protocol === 'raw')) throw unsupportedConfig(`${el}/protocol`, `a protocol is only supported on tcp character devices`);
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
    case 'pipe': {
      // QEMU opens PATH.in and PATH.out, else PATH itself, both ways; it creates neither.
      allow(['path']);
      if (!src.path) throw unsupportedConfig(`${el}/source`, 'a pipe character device needs a path');
      checkOptionText(src.path, `${el}/source/@path`);
      return `pipe,id=${id},path=${esc(src.path)}`;
    }
    case 'dev':
      throw unsupportedConfig(`${el}/@type`, 'a dev character device hands a host serial or parallel port (/dev/ttyS*, /dev/parport*) to QEMU, which this driver does not assign');
    case 'dbus':
      throw unsupportedConfig(`${el}/@type`, "a dbus character device needs QEMU's D-Bus display (ui-dbus module), which this driver does not run");
    case 'spicevmc':
    case 'spiceport':
      throw unsupportedConfig(`${el}/@type`, `a ${c.type} character device needs QEMU's SPICE support (Debian: qemu-system-modules-spice), which this QEMU lacks`);
    default:
      throw unsupportedConfig(`${el}/@type`, `character device type '${c.type}' is not supported (pty, file, pipe, unix, tcp, null)`);
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
    // virtio consoles are virtconsole ports (consoleArgs).
    if (tt === 'virtio') return;
    if (tt !== 'serial' || i > 0) throw unsupportedConfig(`${el}/target`, `console target type '${tt}' is not supported (the first console on serial0, virtio consoles)`);
    if (serials.length === 0) serials.push({ c, el });
  });
  const ports = new Set<number>();
  serials.forEach(({ c, el }, i) => {
    const t = c.target ?? {};
    for (const k of Object.keys(t)) if (!['type', 'port'].includes(k)) throw unsupportedConfig(`${el}/target`, `attribute '${k}' is not supported`);
    const debug = t.type === 'isa-debug';
    if (t.type !== undefined && t.type !== 'isa-serial' && t.type !== 'serial' && !debug) throw unsupportedConfig(`${el}/target/@type`, `serial target type '${t.type}' is not supported (isa-serial, isa-debug)`);
    if (debug && c.targetModel !== undefined && c.targetModel !== 'isa-debugcon') throw unsupportedConfig(`${el}/target/model`, `an isa-debug serial is an isa-debugcon, not '${c.targetModel}'`);
    const port = t.port === undefined ? i : Number(t.port);
    if (!Number.isInteger(port) || port < 0 || port > 3 || ports.has(port)) throw unsupportedConfig(`${el}/target/@port`, `serial port '${t.port}' is invalid or duplicated (0..3)`);
    ports.add(port);
    out.push('-chardev', chardevArg(c, `charserial${port}`, el));
    out.push('-device', json({ driver: debug ? 'isa-debugcon' : 'isa-serial', chardev: `charserial${port}`, id: `serial${port}`, ...(debug ? {} : { index: port }), ...isaProps(c, el, !debug) }));
  });
  return out;
}

/** <address type='isa' iobase irq/>: an ISA device's I/O port and IRQ (an IRQ only where `irq`). */
function isaProps(c: CharDeviceDef, el: string, irq: boolean): Record<string, number> {
  const a = c.address;
  if (!a) return {};
  const where = `${el}/address`;
  if (a.type !== 'isa') throw unsupportedConfig(where, `address type '${a.type}' is not supported (isa)`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(a)) {
    if (k === 'type') continue;
    if ((k !== 'iobase' && !(k === 'irq' && irq)) || !/^(0x[0-9a-fA-F]+|\d+)$/.test(v)) throw unsupportedConfig(`${where}/@${k}`, `'${v}' is not supported here`);
    out[k] = Number(v);
  }
  return out;
}

/** <console> devices with a virtio target: virtconsole on the first virtio-serial bus (port 0). */
export function consoleArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.consoles.forEach((c, i) => {
    if (c.target?.type !== 'virtio') return;
    const el = `domain/devices/console[${i + 1}]`;
    for (const k of Object.keys(c.target)) if (k !== 'type' && k !== 'port') throw unsupportedConfig(`${el}/target`, `attribute '${k}' is not supported`);
    if (c.address) throw unsupportedConfig(`${el}/address`, 'a virtio console takes no address');
    out.push('-chardev', chardevArg(c, `charconsole${i}`, el));
    out.push('-device', json({ driver: 'virtconsole', chardev: `charconsole${i}`, id: `console${i}` }));
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
  const sourceContent = c.extras?.children.some((x) => x.node.kind === 'element' && x.node.name === 'source');
  return c.type === 'unix' && c.source?.path === undefined && !sourceContent;
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
