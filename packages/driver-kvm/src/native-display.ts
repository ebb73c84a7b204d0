import type { GraphicsDef, XmlElement } from '@virtkit/core';
import { VIDEO_MODEL_OF } from './device-models.js';
import { parseOptionString } from './qemu-option.js';
import { bad, leaf, pciAddr } from './native-parse.js';
import type { DeviceReader, OptionReader } from './native-state.js';

/** Displays read back (display-args.ts writes them): -vnc, -spice and -k as <graphics>, video devices as <video>. */

/** The <graphics type='spice'> a -spice value stands for (the options spiceArg writes). */
function spiceOf(v: string): GraphicsDef {
  const { head, opts } = parseOptionString(v);
  if (head !== undefined && head.includes('=')) opts.set(head.split('=')[0], head.split('=').slice(1).join('='));
  const g: GraphicsDef = { type: 'spice', attrs: {} };
  const children: XmlElement[] = [];
  if (opts.get('unix') === 'on') children.push(leaf('listen', { type: 'socket', socket: opts.get('addr') ?? bad('-spice unix=on without addr') }));
  else {
    if (opts.get('port') !== '0') Object.assign(g.attrs, { port: opts.get('port') ?? bad('-spice without port'), autoport: 'no' });
    if (opts.has('addr')) children.push(leaf('listen', { type: 'address', address: opts.get('addr')! }));
  }
  const back: Array<[string, string, string, (x: string) => string]> = [
    ['image-compression', 'image', 'compression', (x) => x], ['jpeg-wan-compression', 'jpeg', 'compression', (x) => x],
    ['zlib-glz-wan-compression', 'zlib', 'compression', (x) => x], ['playback-compression', 'playback', 'compression', (x) => x],
    ['streaming-video', 'streaming', 'mode', (x) => x], ['agent-mouse', 'mouse', 'mode', (x) => (x === 'on' ? 'client' : 'server')],
    ['disable-copy-paste', 'clipboard', 'copypaste', (x) => (x === 'on' ? 'no' : 'yes')], ['disable-agent-file-xfer', 'filetransfer', 'enable', (x) => (x === 'on' ? 'no' : 'yes')],
  ];
  for (const [opt, el, attr, f] of back) if (opts.has(opt)) children.push(leaf(el, { [attr]: f(opts.get(opt)!) }));
  if (children.length > 0) g.extras = { attrs: {}, children: children.map((node) => ({ after: null, node })) };
  return g;
}

export const DISPLAY_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-vnc': ({ def }, value) => {
    const v = value();
    const { head } = parseOptionString(v);
    if (head === 'none') def.devices.graphics.push({ type: 'vnc', attrs: {}, extras: { attrs: {}, children: [{ after: null, node: leaf('listen', { type: 'none' }) }] } });
    else if (head?.startsWith('unix:')) def.devices.graphics.push({ type: 'vnc', attrs: { socket: head.slice(5) } });
    else {
      const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(head ?? '') ?? bad(`-vnc ${v} is not understood`);
      const listen = m[1].replace(/^\[|\]$/g, '');
      def.devices.graphics.push({ type: 'vnc', attrs: v.includes(',to=') ? { port: '-1', autoport: 'yes', listen } : { port: String(5900 + Number(m[2])), autoport: 'no', listen } });
    }
  },
  '-k': ({ def }, value) => { def.devices.graphics.at(-1)!.attrs.keymap = value(); },
  '-spice': ({ def }, value) => { def.devices.graphics.push(spiceOf(value())); },
};

const readQxl: DeviceReader = ({ def }, d) => {
  const model: Record<string, string> = { type: 'qxl', ram: String(Number(d.ram_size) / 1024), vram: String(Number(d.vram_size) / 1024) };
  if (d.vram64_size_mb) model.vram64 = String(Number(d.vram64_size_mb) * 1024);
  model.vgamem = String(Number(d.vgamem_mb) * 1024);
  model.heads = String(d.max_outputs);
  def.devices.videos.push({ model, ...resolutionOf(d), address: pciAddr(d) });
};

/** xres/yres as <model><resolution>. */
function resolutionOf(d: Record<string, unknown>): { modelChildren?: XmlElement[] } {
  if (d.xres === undefined) return {};
  return { modelChildren: [{ kind: 'element', name: 'resolution', attrs: { x: String(d.xres), y: String(d.yres) }, children: [] }] };
}

const readVirtioGpu: DeviceReader = ({ def }, d) => {
  const model: Record<string, string> = { type: 'virtio', heads: String(d.max_outputs) };
  if (d.blob === false) model.blob = 'off';
  def.devices.videos.push({ model, ...resolutionOf(d), address: pciAddr(d) });
};

const readVideo: DeviceReader = ({ def }, d, driver) => {
  const model: Record<string, string> = { type: VIDEO_MODEL_OF.get(driver)! };
  if (typeof d.vgamem_mb === 'number') model.vram = String(d.vgamem_mb * 1024);
  def.devices.videos.push({ model, address: pciAddr(d) });
};

export const DISPLAY_DEVICES: Readonly<Record<string, DeviceReader>> = {
  ...Object.fromEntries([...VIDEO_MODEL_OF.keys()].map((driver) => [driver, readVideo])),
  // QXL's memory sizes are its own properties; qxl is the secondary QXL head.
  'qxl-vga': readQxl, qxl: readQxl,
  'virtio-vga': readVirtioGpu, 'virtio-gpu-pci': readVirtioGpu,
};
