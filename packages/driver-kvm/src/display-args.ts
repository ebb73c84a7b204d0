import type { DomainDef, XmlElement } from '@virtkit/core';
import { esc, json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { VIDEO } from './device-models.js';
import { audioElements } from './audio-args.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';
import { usbPortProps } from './usb-address.js';
import { virtioOptions } from './rng-args.js';

// The command line of <input>, <graphics> and <video>.

export function inputArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.inputs.forEach((inp, i) => {
    const el = `domain/devices/input[${i + 1}]`;
    if (inp.type === 'evdev' || inp.type === 'passthrough') throw unsupportedConfig(`${el}/@type`, `${inp.type === 'evdev' ? 'an evdev' : 'a passthrough'} input passes a host input device (/dev/input/event*) through, which this host does not give guests`);
    rejectExtras(inp.extras, el, ['driver']);
    const driverEl = inp.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'driver');
    const bus = inp.bus ?? (inp.type === 'tablet' ? 'usb' : 'ps2');
    if (driverEl && bus !== 'virtio') throw unsupportedConfig(`${el}/driver`, 'only virtio inputs take a <driver>');
    if (bus === 'virtio') {
      const vdriver = { tablet: 'virtio-tablet-pci', mouse: 'virtio-mouse-pci', keyboard: 'virtio-keyboard-pci' }[inp.type];
      if (!vdriver) throw unsupportedConfig(`${el}/@type`, `virtio input type '${inp.type}' is not supported (mouse, keyboard, tablet)`);
      out.push('-device', json({ driver: vdriver, ...virtioOptions(driverEl?.attrs, `${el}/driver`, { def, address: inp.address }), id: `input${i}`, ...pciProps(inp.address, el, def) }));
      return;
    }
    if (bus === 'ps2' && (inp.type === 'mouse' || inp.type === 'keyboard')) return;
    if (bus !== 'usb') throw unsupportedConfig(el, `input '${inp.type}' on bus '${bus}' is not supported`);
    const driver = { tablet: 'usb-tablet', mouse: 'usb-mouse', keyboard: 'usb-kbd' }[inp.type];
    if (!driver) throw unsupportedConfig(el, `input type '${inp.type}' is not supported`);
    out.push('-device', json({ driver, id: `input${i}`, ...usbPortProps(def, inp.address, el) }));
  });
  return out;
}

export function graphicsArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.graphics.forEach((g, i) => {
    const el = `domain/devices/graphics[${i + 1}]`;
    if (g.type === 'spice' && !def.devices.graphics.slice(0, i).some((x) => x.type === 'spice')) {
      out.push('-spice', spiceArg(g, el));
      return;
    }
    if (g.type === 'sdl') throw unsupportedConfig(el, "SDL needs QEMU's ui-sdl module (Debian: qemu-system-gui), which this QEMU lacks");
    if (g.type === 'dbus') throw unsupportedConfig(el, "a D-Bus display needs a D-Bus bus or a peer-to-peer connection handed to QEMU, which this driver does not set up");
    if (g.type === 'egl-headless') throw unsupportedConfig(el, 'egl-headless needs a host GPU render node, which this driver does not give QEMU');
    if (g.type !== 'vnc' || def.devices.graphics.slice(0, i).some((x) => x.type === 'vnc')) throw unsupportedConfig(el, `graphics type '${g.type}' is not supported (one VNC and one SPICE display)`);
    let listen = g.attrs.listen;
    let socket = g.attrs.socket;
    let none = false;
    for (const c of g.extras?.children ?? []) {
      if (c.node.kind === 'comment') continue;
      const t = c.node.kind === 'element' && c.node.name === 'listen' ? c.node.attrs.type ?? 'address' : undefined;
      if (t === 'address') listen ??= (c.node as XmlElement).attrs.address;
      else if (t === 'socket') socket ??= (c.node as XmlElement).attrs.socket;
      // No listener at all: the display is reached only through the monitor (libvirt's -vnc none).
      else if (t === 'none') none = true;
      else if (t === 'network') throw unsupportedConfig(`${el}/listen/@network`, "listening on a virtual network's address needs that network's host address, which the domain XML alone does not give (use type='address')");
      else throw unsupportedConfig(el, 'only <listen> (address, socket, none) is supported');
    }
    for (const k of Object.keys(g.extras?.attrs ?? {})) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const k of Object.keys(g.attrs)) if (!['port', 'autoport', 'listen', 'socket', 'keymap'].includes(k)) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    let vnc: string;
    if (none) vnc = 'none';
    else if (socket !== undefined) {
      checkOptionText(socket, `${el}/@socket`);
      vnc = `unix:${esc(socket)}`;
    } else {
      const addr = listen ?? '127.0.0.1';
      if (!/^[0-9A-Fa-f.:]+$/.test(addr)) throw unsupportedConfig(`${el}/@listen`, `'${addr}' is not an IP address`);
      const host = addr.includes(':') ? `[${addr}]` : addr;
      const port = Number(g.attrs.port ?? -1);
      if (g.attrs.autoport === 'yes' || port === -1) vnc = `${host}:0,to=99`;
      else if (Number.isInteger(port) && port >= 5900 && port <= 65535) vnc = `${host}:${port - 5900}`;
      else throw unsupportedConfig(`${el}/@port`, `VNC port '${g.attrs.port}' must be 5900 or above`);
    }
    const audio = audioElements(def)[0];
    if (audio) vnc += `,audiodev=audio${audio.attrs.id}`;
    out.push('-vnc', vnc);
    if (g.attrs.keymap !== undefined) {
      if (!/^[A-Za-z-]+$/.test(g.attrs.keymap)) throw unsupportedConfig(`${el}/@keymap`, `'${g.attrs.keymap}' is not a keymap name`);
      out.push('-k', g.attrs.keymap);
    }
  });
  return out;
}

export function videoArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.videos.forEach((v, i) => {
    const el = `domain/devices/video[${i + 1}]`;
    const driverEl = v.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'driver');
    if (driverEl?.attrs.name === 'vhostuser') throw unsupportedConfig(`${el}/driver`, 'a vhost-user video card needs the vhost-user-gpu daemon, which this driver does not run');
    rejectExtras(v.extras, el, []);
    const m = v.model ?? { type: 'cirrus' };
    if (m.type === 'none') return;
    const extra = modelChildren(v.modelChildren ?? [], m.type ?? '', `${el}/model`);
    if (m.type === 'qxl') {
      out.push('-device', json({ ...qxlProps(m, i, el), ...extra, ...pciProps(v.address, el, def) }));
      return;
    }
    if (m.type === 'virtio') {
      out.push('-device', json({ ...virtioGpuProps(m, i, el), ...extra, ...pciProps(v.address, el, def) }));
      return;
    }
    const driver = VIDEO[m.type ?? ''];
    if (!driver || i > 0) throw unsupportedConfig(`${el}/model`, `video model '${m.type}' is not supported (one of ${Object.keys(VIDEO).join(', ')}, none; secondary cards: qxl, virtio)`);
    const dev: Json = { driver, id: `video${i}` };
    for (const [k, val] of Object.entries(m)) {
      if (k === 'type' || (k === 'heads' && val === '1') || (k === 'primary' && val === 'yes')) continue;
      if (k === 'vram' && (m.type === 'vga' || m.type === 'cirrus')) {
        dev.vgamem_mb = Math.max(1, Math.floor(Number(val) / 1024));
        continue;
      }
      throw unsupportedConfig(`${el}/model`, `attribute '${k}' is not supported for model '${m.type}'`);
    }
    Object.assign(dev, extra, pciProps(v.address, el, def));
    out.push('-device', json(dev));
  });
  return out;
}

/**
 * <model><resolution x y/>: the card's preferred mode (xres, yres; qxl and
 * virtio). <acceleration accel3d='yes'> is virgl, which needs a host GPU
 * render node and a GL display; accel3d='no' and accel2d are QEMU's defaults.
 */
function modelChildren(kids: readonly XmlElement[], type: string, where: string): Json {
  const out: Json = {};
  for (const k of kids) {
    if (k.name === 'acceleration') {
      for (const a of Object.keys(k.attrs)) if (!['accel3d', 'accel2d', 'rendernode'].includes(a)) throw unsupportedConfig(`${where}/acceleration`, `attribute '${a}' is not supported`);
      if (k.attrs.accel3d === 'yes') throw unsupportedConfig(`${where}/acceleration/@accel3d`, '3D acceleration (virgl) needs a host GPU render node and a GL display, which this driver does not give QEMU');
      if (k.attrs.rendernode !== undefined) throw unsupportedConfig(`${where}/acceleration/@rendernode`, 'a render node only serves 3D acceleration');
      continue;
    }
    if (k.name !== 'resolution') throw unsupportedConfig(`${where}/${k.name}`, 'not supported');
    if (type !== 'qxl' && type !== 'virtio') throw unsupportedConfig(`${where}/resolution`, `a resolution is only supported for models qxl and virtio, not '${type}'`);
    for (const a of ['x', 'y']) if (!/^[1-9]\d*$/.test(k.attrs[a] ?? '')) throw unsupportedConfig(`${where}/resolution/@${a}`, `'${k.attrs[a]}' is not a pixel count`);
    out.xres = Number(k.attrs.x);
    out.yres = Number(k.attrs.y);
  }
  return out;
}

/** A virtio GPU: virtio-vga when primary, virtio-gpu-pci after it; heads as outputs; blob resources refused (QEMU 7.2 needs the host's udmabuf for them). */
function virtioGpuProps(m: Record<string, string>, i: number, el: string): Json {
  for (const k of Object.keys(m)) if (!['type', 'heads', 'primary', 'blob'].includes(k)) throw unsupportedConfig(`${el}/model`, `attribute '${k}' is not supported for model 'virtio'`);
  const heads = m.heads ?? '1';
  if (!/^[1-9]\d*$/.test(heads)) throw unsupportedConfig(`${el}/model/@heads`, `'${heads}' is not a number of heads`);
  if (m.blob === 'on') throw unsupportedConfig(`${el}/model/@blob`, "blob resources need the host's udmabuf device, which this driver does not give QEMU");
  if (m.blob !== undefined && m.blob !== 'off') throw unsupportedConfig(`${el}/model/@blob`, `must be 'on' or 'off'`);
  const dev: Json = { driver: i === 0 ? 'virtio-vga' : 'virtio-gpu-pci', id: `video${i}`, max_outputs: Number(heads) };
  if (m.blob === 'off') dev.blob = false;
  return dev;
}

/** <graphics type='spice'> children that map to one -spice option each: [element, attribute, option, values]. */
const SPICE_CHILDREN: ReadonlyArray<[string, string, string, (v: string) => string | undefined]> = [
  ['image', 'compression', 'image-compression', (v) => (['auto_glz', 'auto_lz', 'quic', 'glz', 'lz', 'off'].includes(v) ? v : undefined)],
  ['jpeg', 'compression', 'jpeg-wan-compression', (v) => (['auto', 'never', 'always'].includes(v) ? v : undefined)],
  ['zlib', 'compression', 'zlib-glz-wan-compression', (v) => (['auto', 'never', 'always'].includes(v) ? v : undefined)],
  ['playback', 'compression', 'playback-compression', (v) => (v === 'on' || v === 'off' ? v : undefined)],
  ['streaming', 'mode', 'streaming-video', (v) => (['filter', 'all', 'off'].includes(v) ? v : undefined)],
  ['mouse', 'mode', 'agent-mouse', (v) => (v === 'client' ? 'on' : v === 'server' ? 'off' : undefined)],
  ['clipboard', 'copypaste', 'disable-copy-paste', (v) => (v === 'no' ? 'on' : v === 'yes' ? 'off' : undefined)],
  ['filetransfer', 'enable', 'disable-agent-file-xfer', (v) => (v === 'no' ? 'on' : v === 'yes' ? 'off' : undefined)],
];

/**
 * The -spice value as libvirt writes it: a fixed port (none: port=0, no TCP
 * listener) or a unix socket, the listen address, the display options,
 * seamless migration. TLS, SASL, passwords and autoport are refused: they
 * need certificates, a SASL config, a password set through the monitor or
 * a port the host picks at start, none of which this driver provides.
 */
function spiceArg(g: DomainDef['devices']['graphics'][number], el: string): string {
  for (const k of Object.keys(g.extras?.attrs ?? {})) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
  for (const k of Object.keys(g.attrs)) {
    if (['port', 'autoport', 'listen', 'keymap'].includes(k)) continue;
    if (k === 'tlsPort' || k === 'defaultMode') throw unsupportedConfig(`${el}/@${k}`, 'SPICE over TLS needs host certificates, which this driver does not manage');
    if (k === 'passwd' || k === 'passwdValidTo' || k === 'connected') throw unsupportedConfig(`${el}/@${k}`, 'SPICE passwords are set through the monitor at start, which this driver does not do');
    throw unsupportedConfig(el, `attribute '${k}' is not supported`);
  }
  if (g.attrs.autoport === 'yes' || g.attrs.port === '-1') throw unsupportedConfig(`${el}/@autoport`, 'a SPICE port chosen at start is not supported; give port=');
  let listen = g.attrs.listen;
  let socket: string | undefined;
  const opts: string[] = [];
  for (const c of g.extras?.children ?? []) {
    if (c.node.kind !== 'element') continue;
    const n = c.node;
    if (n.name === 'listen') {
      const t = n.attrs.type ?? 'address';
      if (t === 'address') listen ??= n.attrs.address;
      else if (t === 'socket') socket = n.attrs.socket;
      else if (t !== 'none') throw unsupportedConfig(`${el}/listen`, `listen type '${t}' is not supported (address, socket, none)`);
      continue;
    }
    if (n.name === 'gl') {
      if ((n.attrs.enable ?? 'no') !== 'no') throw unsupportedConfig(`${el}/gl`, 'SPICE with OpenGL needs a host GPU render node, which this driver does not give QEMU');
      continue;
    }
    const m = SPICE_CHILDREN.find(([e]) => e === n.name);
    if (!m) throw unsupportedConfig(`${el}/${n.name}`, 'not supported');
    const [, attr, option, map] = m;
    const v = map(n.attrs[attr] ?? '');
    if (v === undefined || Object.keys(n.attrs).some((k) => k !== attr)) throw unsupportedConfig(`${el}/${n.name}`, `${attr} '${n.attrs[attr]}' is not supported`);
    opts.push(`${option}=${v}`);
  }
  const head: string[] = [];
  if (socket !== undefined) {
    checkOptionText(socket, `${el}/listen/@socket`);
    head.push('unix=on', `addr=${esc(socket)}`);
  } else {
    const port = g.attrs.port === undefined ? 0 : Number(g.attrs.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw unsupportedConfig(`${el}/@port`, `'${g.attrs.port}' is not a port`);
    head.push(`port=${port}`);
    if (port > 0) {
      const addr = listen ?? '127.0.0.1';
      if (!/^[0-9A-Fa-f.:]+$/.test(addr)) throw unsupportedConfig(`${el}/@listen`, `'${addr}' is not an IP address`);
      head.push(`addr=${addr}`);
    }
  }
  return [...head, ...opts, 'seamless-migration=on'].join(',');
}

/** A qxl card (qxl-vga when primary, qxl after it) with libvirt's sizes: ram, vram and vgamem in KiB, heads as outputs. */
function qxlProps(m: Record<string, string>, i: number, el: string): Json {
  const kib = (k: string, dflt: number) => {
    const v = m[k];
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v)) throw unsupportedConfig(`${el}/model/@${k}`, `'${v}' is not a size in KiB`);
    return Number(v);
  };
  for (const k of Object.keys(m)) if (!['type', 'ram', 'vram', 'vram64', 'vgamem', 'heads', 'primary'].includes(k)) throw unsupportedConfig(`${el}/model`, `attribute '${k}' is not supported for model 'qxl'`);
  const dev: Json = { driver: i === 0 ? 'qxl-vga' : 'qxl', id: `video${i}`, max_outputs: kib('heads', 1), ram_size: kib('ram', 65536) * 1024, vram_size: kib('vram', 65536) * 1024 };
  dev.vram64_size_mb = Math.floor(kib('vram64', 0) / 1024);
  dev.vgamem_mb = Math.floor(kib('vgamem', 16384) / 1024);
  return dev;
}
