import type { CharDeviceDef } from '@virtkit/core';
import { parseOptionString } from './qemu-option.js';
import { bad, str } from './native-parse.js';
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
    case 'socket': {
      if (opts.has('path')) return { id, def: { type: 'unix', source: { mode: server ? 'bind' : 'connect', path: opts.get('path')! } } };
      const def: CharDeviceDef = { type: 'tcp', source: { mode: server ? 'bind' : 'connect', host: opts.get('host') ?? '127.0.0.1', service: opts.get('port') ?? bad('tcp chardev without port') } };
      def.protocol = opts.get('telnet') === 'on' ? 'telnet' : 'raw';
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

export const CHARDEV_DEVICES: Readonly<Record<string, DeviceReader>> = {
  'isa-parallel': ({ def: { devices: dev }, chardevs }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`parallel port refers to unknown chardev '${d.chardev}'`);
    dev.parallels.push({ ...c, target: { port: String(dev.parallels.length) } });
  },
  'isa-serial': ({ def: { devices: dev }, chardevs }, d) => {
    const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`serial refers to unknown chardev '${d.chardev}'`);
    dev.serials.push({ ...c, target: { type: 'isa-serial', port: String(d.index ?? dev.serials.length) } });
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
