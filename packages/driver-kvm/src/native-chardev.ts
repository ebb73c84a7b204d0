import type { CharDeviceDef, XmlElement } from '@virtkit/core';
import { parseOptionString } from './qemu-option.js';
import { bad, leaf, str, usbAddr } from './native-parse.js';
import type { DeviceReader, OptionReader } from './native-state.js';

/**
 * Character devices read back (chardev-args.ts writes them): -chardev
 * backends and the serial, parallel and virtio-serial port devices on them.
 */

function chardevToDef(text: string): { id: string; def: CharDeviceDef } {
  const { head, opts } = parseOptionString(text);
  const id = opts.get('id') ?? bad(`-chardev ${text} has no id`);
  const server = opts.get('server') === 'on';
  switch (head) {
    case 'pty': return { id, def: { type: 'pty' } };
    case 'null': return { id, def: { type: 'null' } };
    case 'file': {
      const def: CharDeviceDef = { type: 'file', source: { path: opts.get('path') ?? bad('file chardev without path') } };
      if (opts.get('append') === 'on') def.source!.append = 'on';
      return { id, def };
    }
    case 'pipe': return { id, def: { type: 'pipe', source: { path: opts.get('path') ?? bad('pipe chardev without path') } } };
    case 'socket': {
      const def: CharDeviceDef = opts.has('path')
        ? { type: 'unix', source: { mode: server ? 'bind' : 'connect', path: opts.get('path')! } }
        : { type: 'tcp', source: { mode: server ? 'bind' : 'connect', host: opts.get('host') ?? '127.0.0.1', service: opts.get('port') ?? bad('tcp chardev without port') }, protocol: opts.get('telnet') === 'on' ? 'telnet' : 'raw' };
      // A reconnecting source has content, which the model keeps in the extras.
      if (opts.has('reconnect')) {
        const seconds = Number(opts.get('reconnect'));
        const reconnect: XmlElement = leaf('reconnect', seconds === 0 ? { enabled: 'no' } : { enabled: 'yes', timeout: String(seconds) });
        def.extras = { attrs: {}, children: [{ after: null, node: { kind: 'element', name: 'source', attrs: def.source!, children: [reconnect] } }] };
        delete def.source;
      }
      return { id, def };
    }
    default:
      return bad(`-chardev backend '${head}' is not understood`);
  }
}

export const CHARDEV_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-chardev': (st, value) => {
    const { id, def: c } = chardevToDef(value());
    st.chardevs.set(id, c);
  },
};

/** <address type='isa'> from an ISA device's iobase and irq. */
function isaAddress(d: Record<string, unknown>): Pick<CharDeviceDef, 'address'> {
  const a: Record<string, string> = {};
  if (typeof d.iobase === 'number') a.iobase = `0x${d.iobase.toString(16)}`;
  if (typeof d.irq === 'number') a.irq = `0x${d.irq.toString(16)}`;
  return Object.keys(a).length > 0 ? { address: { type: 'isa', ...a } } : {};
}

/** usb-redir's filter ('class:vendor:product:version:allow|…', -1 for any) as <redirfilter>. */
function redirfilterOf(filter: string): XmlElement {
  const rules = filter.split('|').map((rule) => {
    const [cls, vendor, product, version, allow] = rule.split(':');
    const attrs: Record<string, string> = {};
    for (const [k, v] of [['class', cls], ['vendor', vendor], ['product', product]] as const) if (v !== '-1') attrs[k] = v;
    const m = /^0x(\d\d)(\d\d)$/.exec(version ?? '');
    if (m) attrs.version = `${Number(m[1])}.${m[2]}`;
    attrs.allow = allow === '1' ? 'yes' : 'no';
    return leaf('usbdev', attrs);
  });
  return { kind: 'element', name: 'redirfilter', attrs: {}, children: rules };
}

/** A chardev as the children of a <redirdev> or <smartcard> element (source, protocol). */
function charChildren(c: CharDeviceDef): XmlElement[] {
  const src = c.extras?.children.find((x) => x.node.kind === 'element' && x.node.name === 'source')?.node as XmlElement | undefined;
  const out: XmlElement[] = [];
  if (src) out.push(src);
  else if (c.source) out.push(leaf('source', c.source));
  if (c.protocol !== undefined) out.push(leaf('protocol', { type: c.protocol }));
  return out;
}

export const CHARDEV_DEVICES: Readonly<Record<string, DeviceReader>> = {
  'usb-redir': ({ chardevs, redirEls }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`usb-redir refers to unknown chardev '${d.chardev}'`);
    const a = usbAddr(d);
    redirEls.push({ kind: 'element', name: 'redirdev', attrs: { bus: 'usb', type: c.type }, children: [...charChildren(c), ...(a ? [leaf('address', a)] : [])] });
    // Every usb-redir carries the one <redirfilter>; it follows the redirdevs.
    if (typeof d.filter === 'string' && !redirEls.some((e) => e.name === 'redirfilter')) redirEls.push(redirfilterOf(d.filter));
    const filter = redirEls.find((e) => e.name === 'redirfilter');
    if (filter) redirEls.push(...redirEls.splice(redirEls.indexOf(filter), 1));
  },
  'ccid-card-passthru': ({ chardevs, smartcardEls }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`ccid-card-passthru refers to unknown chardev '${d.chardev}'`);
    const ctl = /^ccid(\d+)\.0$/.exec(str(d.bus) ?? '') ?? bad(`CCID bus '${d.bus}' is not understood`);
    smartcardEls.push({ kind: 'element', name: 'smartcard', attrs: { mode: 'passthrough', type: c.type }, children: [...charChildren(c), leaf('address', { type: 'ccid', controller: ctl[1], slot: '0' })] });
  },
  'isa-parallel': ({ def: { devices: dev }, chardevs }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`parallel port refers to unknown chardev '${d.chardev}'`);
    dev.parallels.push({ ...c, target: { port: String(dev.parallels.length) } });
  },
  'isa-serial': ({ def: { devices: dev }, chardevs }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`serial refers to unknown chardev '${d.chardev}'`);
    dev.serials.push({ ...c, target: { type: 'isa-serial', port: String(d.index ?? dev.serials.length) }, ...isaAddress(d) });
  },
  'isa-debugcon': ({ def: { devices: dev }, chardevs }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`isa-debugcon refers to unknown chardev '${d.chardev}'`);
    dev.serials.push({ ...c, target: { type: 'isa-debug', port: String(/(\d+)$/.exec(str(d.id) ?? '')?.[1] ?? dev.serials.length) }, targetModel: 'isa-debugcon', ...isaAddress(d) });
  },
  virtconsole: ({ def: { devices: dev }, chardevs }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`virtconsole refers to unknown chardev '${d.chardev}'`);
    const n = Number(/(\d+)$/.exec(str(d.id) ?? '')?.[1] ?? dev.consoles.length);
    // console0 duplicating serial0 has no device of its own; the virtio console keeps its index.
    if (n > dev.consoles.length && dev.serials.length > 0) {
      const s = dev.serials[0];
      dev.consoles.push({ type: s.type, ...(s.source ? { source: s.source } : {}), target: { type: 'serial', port: '0' } });
    }
    dev.consoles.push({ ...c, target: { type: 'virtio', port: String(dev.consoles.length) } });
  },
  virtserialport: ({ def: { devices: dev }, chardevs }, d) => {
    const chardev = str(d.chardev) ?? bad('virtserialport without chardev');
    const c = chardevs.get(chardev) ?? { type: 'unix', source: { mode: 'bind' } };
    const bus = /^virtio-serial(\d+)\.(\d+)$/.exec(str(d.bus) ?? '') ?? bad(`virtio-serial bus '${d.bus}' is not understood`);
    const ch: CharDeviceDef = { ...c, target: { type: 'virtio' }, address: { type: 'virtio-serial', controller: bus[1], bus: bus[2], port: String(d.nr) } };
    if (str(d.name) !== undefined) ch.target!.name = str(d.name)!;
    dev.channels.push(ch);
  },
};
