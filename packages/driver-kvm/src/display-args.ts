import type { DomainDef } from '@virtkit/core';
import { esc, json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { VIDEO } from './device-models.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// The command line of <input>, <graphics> and <video>.

export function inputArgs(def: DomainDef): string[] {
  const out: string[] = [];
  const usb = def.devices.controllers.some((c) => c.type === 'usb' && c.model !== 'none');
  def.devices.inputs.forEach((inp, i) => {
    const el = `domain/devices/input[${i + 1}]`;
    rejectExtras(inp.extras, el, []);
    const bus = inp.bus ?? (inp.type === 'tablet' ? 'usb' : 'ps2');
    if (bus === 'ps2' && (inp.type === 'mouse' || inp.type === 'keyboard')) return;
    if (bus !== 'usb') throw unsupportedConfig(el, `input '${inp.type}' on bus '${bus}' is not supported`);
    const driver = { tablet: 'usb-tablet', mouse: 'usb-mouse', keyboard: 'usb-kbd' }[inp.type];
    if (!driver) throw unsupportedConfig(el, `input type '${inp.type}' is not supported`);
    if (!usb) throw unsupportedConfig(el, 'a USB input needs a USB controller');
    out.push('-device', json({ driver, id: `input${i}`, bus: 'usb.0', port: String(i + 1) }));
  });
  return out;
}

export function graphicsArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.graphics.forEach((g, i) => {
    const el = `domain/devices/graphics[${i + 1}]`;
    if (g.type !== 'vnc' || i > 0) throw unsupportedConfig(el, `graphics type '${g.type}' is not supported (one VNC display)`);
    let listen = g.attrs.listen;
    for (const c of g.extras?.children ?? []) {
      if (c.node.kind !== 'element' || c.node.name !== 'listen' || (c.node.attrs.type !== 'address' && c.node.attrs.type !== undefined)) throw unsupportedConfig(`${el}`, 'only <listen type=\'address\'> is supported');
      listen ??= c.node.attrs.address;
    }
    for (const k of Object.keys(g.extras?.attrs ?? {})) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const k of Object.keys(g.attrs)) if (!['port', 'autoport', 'listen', 'socket', 'keymap'].includes(k)) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    let vnc: string;
    if (g.attrs.socket !== undefined) {
      checkOptionText(g.attrs.socket, `${el}/@socket`);
      vnc = `unix:${esc(g.attrs.socket)}`;
    } else {
      const addr = listen ?? '127.0.0.1';
      if (!/^[0-9A-Fa-f.:]+$/.test(addr)) throw unsupportedConfig(`${el}/@listen`, `'${addr}' is not an IP address`);
      const host = addr.includes(':') ? `[${addr}]` : addr;
      const port = Number(g.attrs.port ?? -1);
      if (g.attrs.autoport === 'yes' || port === -1) vnc = `${host}:0,to=99`;
      else if (Number.isInteger(port) && port >= 5900 && port <= 65535) vnc = `${host}:${port - 5900}`;
      else throw unsupportedConfig(`${el}/@port`, `VNC port '${g.attrs.port}' must be 5900 or above`);
    }
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
    rejectExtras(v.extras, el, []);
    const m = v.model ?? { type: 'cirrus' };
    if (m.type === 'none') return;
    const driver = VIDEO[m.type ?? ''];
    if (!driver || i > 0) throw unsupportedConfig(`${el}/model`, `video model '${m.type}' is not supported (one of ${Object.keys(VIDEO).join(', ')}, none)`);
    const dev: Json = { driver, id: `video${i}` };
    for (const [k, val] of Object.entries(m)) {
      if (k === 'type' || (k === 'heads' && val === '1') || (k === 'primary' && val === 'yes')) continue;
      if (k === 'vram' && (m.type === 'vga' || m.type === 'cirrus')) {
        dev.vgamem_mb = Math.max(1, Math.floor(Number(val) / 1024));
        continue;
      }
      throw unsupportedConfig(`${el}/model`, `attribute '${k}' is not supported for model '${m.type}'`);
    }
    Object.assign(dev, pciProps(v.address, el, def));
    out.push('-device', json(dev));
  });
  return out;
}
