import { TPM_DEVICES } from './native-tpm.js';
import type { ControllerDef, InterfaceDef, XmlElement, XmlExtras } from '@virtkit/core';
import { NIC_MODEL_OF, PCI_CONTROLLER_DRIVERS, SCSI_MODEL_OF, USB_MODEL_OF } from './device-models.js';
import { parseQemuPciBus } from './pci-address.js';
import { bad, jsonOpt, leaf, pciAddr, readVirtioOptions, str, usbAddr, usbBusIndex } from './native-parse.js';
import { readerTable, type DeviceReader, type NativeState, type OptionReader } from './native-state.js';
import { STORAGE_DEVICES } from './native-storage.js';
import { CHARDEV_DEVICES } from './native-chardev.js';
import { DISPLAY_DEVICES } from './native-display.js';
import { SOUND_DEVICES } from './native-sound.js';
import { readMemoryObject } from './native-memory.js';

/**
 * -device read back, by driver: the families' device tables, and here the
 * controllers, USB hubs, NICs (with -netdev), inputs, watchdogs, the memballoon, RNGs
 * (with their -object backends), panic devices and vmgenid; -object.
 */

const readNic: DeviceReader = ({ def, netdevs }, d, driver) => {
  const nd = netdevs.get(str(d.netdev) ?? '') ?? bad(`NIC refers to unknown netdev '${d.netdev}'`);
  const nic: InterfaceDef = { type: 'user', mac: str(d.mac), model: NIC_MODEL_OF.get(driver)!, address: pciAddr(d) };
  let sourceEl: XmlElement | undefined;
  if (nd.type === 'bridge') Object.assign(nic, { type: 'bridge', source: { bridge: str(nd.br)! } });
  else if (nd.type === 'tap') {
    nic.type = 'ethernet';
    if (str(nd.ifname)) nic.targetDev = str(nd.ifname);
  } else if (nd.type === 'socket') {
    const kind = (['listen', 'connect', 'mcast', 'udp'] as const).find((k) => typeof nd[k] === 'string') ?? bad('socket netdev without an end');
    nic.type = { listen: 'server', connect: 'client', mcast: 'mcast', udp: 'udp' }[kind];
    const end = (v: string) => {
      const i = v.lastIndexOf(':');
      return { ...(i > 0 ? { address: v.slice(0, i) } : {}), port: v.slice(i + 1) };
    };
    const localaddr = str(nd.localaddr);
    if (localaddr === undefined) nic.source = end(nd[kind] as string);
    else {
      const local = kind === 'udp' ? leaf('local', end(localaddr)) : leaf('local', { address: localaddr });
      sourceEl = { kind: 'element', name: 'source', attrs: end(nd[kind] as string), children: [local] };
    }
  } else if (nd.type !== 'user') bad(`netdev type '${nd.type}' is not understood`);
  if (typeof d.bootindex === 'number') nic.bootOrder = d.bootindex;
  const children: XmlExtras['children'] = [];
  if (sourceEl) children.push({ after: 'mac', node: sourceEl });
  if (typeof nd.net === 'string') {
    const [address, prefix] = nd.net.split('/');
    children.push({ after: 'mac', node: leaf('ip', { address, family: 'ipv4', prefix }) });
  }
  if (typeof nd['ipv6-prefix'] === 'string') children.push({ after: 'mac', node: leaf('ip', { address: nd['ipv6-prefix'], family: 'ipv6', prefix: String(nd['ipv6-prefixlen'] ?? 64) }) });
  const drv: Record<string, string> = { ...readVirtioOptions(d) };
  for (const k of ['ioeventfd', 'event_idx']) if (typeof d[k] === 'boolean') drv[k] = d[k] ? 'on' : 'off';
  if (Object.keys(drv).length > 0) children.push({ after: 'model', node: leaf('driver', drv) });
  const rom: Record<string, string> = {};
  if (typeof d.rombar === 'number') rom.bar = d.rombar ? 'on' : 'off';
  if (d.romfile === '') rom.enabled = 'no';
  else if (typeof d.romfile === 'string') rom.file = d.romfile;
  if (Object.keys(rom).length > 0) children.push({ after: null, node: leaf('rom', rom) });
  if (children.length > 0) nic.extras = { attrs: {}, children };
  def.devices.interfaces.push(nic);
};

const readUsbController: DeviceReader = ({ def }, d, driver) => {
  const companion = typeof d.masterbus === 'string';
  const c: ControllerDef = { type: 'usb', index: usbBusIndex(companion ? d.masterbus : d.id), model: USB_MODEL_OF.get(driver)!, address: pciAddr(d) };
  if (typeof d.p2 === 'number') c.extras = { attrs: { ports: String(d.p2) }, children: [] };
  if (companion) c.extras = { attrs: {}, children: [{ after: null, node: leaf('master', { startport: String(d.firstport ?? 0) }) }] };
  def.devices.controllers.push(c);
};

const readPciController: DeviceReader = ({ def }, d, driver) => {
  const index = parseQemuPciBus(str(d.id) ?? '') ?? bad(`PCI controller id '${d.id}' is not understood`);
  const model = Object.keys(PCI_CONTROLLER_DRIVERS).find((m) => PCI_CONTROLLER_DRIVERS[m].includes(driver))!;
  const c: ControllerDef = { type: 'pci', index, model, modelName: driver, address: pciAddr(d) };
  if (typeof d.chassis === 'number') c.target = { chassis: String(d.chassis), port: `0x${Number(d.port).toString(16)}` };
  if (typeof d.hotplug === 'boolean') c.target!.hotplug = d.hotplug ? 'on' : 'off';
  if (driver === 'pci-bridge') c.target = { chassisNr: String(d.chassis_nr) };
  if (typeof d.bus_nr === 'number') {
    const node = typeof d.numa_node === 'number' ? [{ kind: 'element' as const, name: 'node', attrs: {}, children: [{ kind: 'text' as const, text: String(d.numa_node) }] }] : [];
    c.extras = { attrs: {}, children: [{ after: 'model', node: { kind: 'element', name: 'target', attrs: { busNr: String(d.bus_nr) }, children: node } }] };
  }
  def.devices.controllers.push(c);
};

const readScsiController: DeviceReader = ({ def }, d, driver) => {
  const c: ControllerDef = { type: 'scsi', index: Number(/(\d+)$/.exec(str(d.id) ?? '0')?.[1] ?? 0), model: SCSI_MODEL_OF.get(driver)!, address: pciAddr(d) };
  const opts = readVirtioOptions(d);
  if (opts) c.driver = opts;
  if (typeof d.iothread === 'string') c.driver = { ...c.driver, iothread: d.iothread.replace(/^iothread/, '') };
  if (typeof d.num_queues === 'number') c.driver = { ...c.driver, queues: String(d.num_queues) };
  def.devices.controllers.push(c);
};

const readInput: DeviceReader = ({ def }, d, driver) => {
  def.devices.inputs.push({ type: driver === 'usb-tablet' ? 'tablet' : driver === 'usb-mouse' ? 'mouse' : 'keyboard', bus: 'usb', address: usbAddr(d) });
};

const readWatchdog: DeviceReader = ({ def }, d, driver) => {
  def.devices.watchdogs.push(driver === 'ib700' ? { model: driver } : { model: driver, address: pciAddr(d) });
};

const readRng: DeviceReader = ({ def }, d) => {
  const rng = def.devices.rngs.at(-1) ?? bad('virtio-rng-pci without an rng object');
  rng.address = pciAddr(d);
  const children: XmlExtras['children'] = [];
  const drv = readVirtioOptions(d);
  if (drv) children.push({ after: 'backend', node: leaf('driver', drv) });
  const rate: Record<string, string> = {};
  if (typeof d['max-bytes'] === 'number') rate.bytes = String(d['max-bytes']);
  if (typeof d.period === 'number') rate.period = String(d.period);
  if (Object.keys(rate).length > 0) children.push({ after: null, node: leaf('rate', rate) });
  if (children.length > 0) rng.extras = { attrs: {}, children };
};

const readMemballoon: DeviceReader = (st, d) => {
  const dev = st.def.devices;
  dev.memballoon = { model: 'virtio', address: pciAddr(d) };
  const attrs: Record<string, string> = {};
  for (const [attr, prop] of [['autodeflate', 'deflate-on-oom'], ['freePageReporting', 'free-page-reporting']]) {
    if (typeof d[prop] === 'boolean') attrs[attr] = d[prop] ? 'on' : 'off';
  }
  const children: XmlExtras['children'] = [];
  if (typeof d['guest-stats-polling-interval'] === 'number') children.push({ after: null, node: leaf('stats', { period: String(d['guest-stats-polling-interval']) }) });
  const drv = readVirtioOptions(d);
  if (drv) children.push({ after: null, node: leaf('driver', drv) });
  if (Object.keys(attrs).length > 0 || children.length > 0) dev.memballoon.extras = { attrs, children };
  st.explicitMemballoon = true;
};

const OWN_DEVICES: Readonly<Record<string, DeviceReader>> = {
  ...Object.fromEntries([...NIC_MODEL_OF.keys()].map((driver) => [driver, readNic])),
  ...Object.fromEntries([...USB_MODEL_OF.keys()].map((driver) => [driver, readUsbController])),
  ...Object.fromEntries([...SCSI_MODEL_OF.keys()].map((driver) => [driver, readScsiController])),
  ...Object.fromEntries(Object.values(PCI_CONTROLLER_DRIVERS).flat().map((driver) => [driver, readPciController])),
  'virtio-serial-pci': ({ def }, d) => {
    const c: ControllerDef = { type: 'virtio-serial', index: Number(/(\d+)$/.exec(str(d.id) ?? '0')?.[1] ?? 0), address: pciAddr(d) };
    const opts = readVirtioOptions(d);
    if (opts) c.driver = opts;
    const attrs: Record<string, string> = {};
    if (typeof d.max_ports === 'number') attrs.ports = String(d.max_ports);
    if (typeof d.vectors === 'number') attrs.vectors = String(d.vectors);
    if (Object.keys(attrs).length > 0) c.extras = { attrs, children: [] };
    def.devices.controllers.push(c);
  },
  'virtio-crypto-pci': ({ cryptoEls }, d) => {
    const c = cryptoEls.at(-1) ?? bad('virtio-crypto-pci without a cryptodev object');
    const addr = pciAddr(d);
    if (addr) c.children.push(leaf('address', addr));
  },
  'usb-ccid': ({ def }, d) => {
    def.devices.controllers.push({ type: 'ccid', index: Number(/(\d+)$/.exec(str(d.id) ?? '0')?.[1] ?? 0), address: usbAddr(d) });
  },
  'usb-hub': ({ hubEls }, d) => {
    const a = usbAddr(d);
    hubEls.push({ kind: 'element', name: 'hub', attrs: { type: 'usb' }, children: a ? [leaf('address', a)] : [] });
  },
  'usb-tablet': readInput, 'usb-mouse': readInput, 'usb-kbd': readInput,
  ...Object.fromEntries(['tablet', 'mouse', 'keyboard'].map((type) => [`virtio-${type}-pci`, (({ def }, d) => {
    const drv = readVirtioOptions(d);
    def.devices.inputs.push({ type, bus: 'virtio', address: pciAddr(d), ...(drv ? { extras: { attrs: {}, children: [{ after: null, node: leaf('driver', drv) }] } } : {}) });
  }) as DeviceReader])),
  i6300esb: readWatchdog, ib700: readWatchdog,
  'virtio-balloon-pci': readMemballoon,
  'virtio-rng-pci': readRng,
  pvpanic: ({ panicEls }, d) => {
    panicEls.push(typeof d.ioport === 'number' ? { kind: 'element', name: 'panic', attrs: { model: 'isa' }, children: [leaf('address', { type: 'isa', iobase: `0x${d.ioport.toString(16)}` })] } : leaf('panic', { model: 'isa' }));
  },
  'pvpanic-pci': ({ panicEls }, d) => {
    const addr = pciAddr(d);
    panicEls.push({ kind: 'element', name: 'panic', attrs: { model: 'pvpanic' }, children: addr ? [leaf('address', addr)] : [] });
  },
  vmgenid: (st, d) => { st.genid = str(d.guid); },
};

const DEVICES = readerTable(OWN_DEVICES, STORAGE_DEVICES, CHARDEV_DEVICES, DISPLAY_DEVICES, SOUND_DEVICES, TPM_DEVICES);

function readObject(st: NativeState, value: () => string): void {
  const { def, chardevs } = st;
  const o = jsonOpt(value(), '-object');
  if (o['qom-type'] === 'rng-random') def.devices.rngs.push({ model: 'virtio', backend: { model: 'random', path: str(o.filename) } });
  else if (o['qom-type'] === 'iothread') st.iothreads++;
  else if (o['qom-type'] === 'cryptodev-backend-builtin') st.cryptoEls.push({ kind: 'element', name: 'crypto', attrs: { model: 'virtio', type: 'qemu' }, children: [leaf('backend', { model: 'builtin', ...(typeof o.queues === 'number' ? { queues: String(o.queues) } : {}) })] });
  else if (o['qom-type'] === 'rng-builtin') def.devices.rngs.push({ model: 'virtio', backend: { model: 'builtin' } });
  else if (o['qom-type'] === 'rng-egd') {
    const c = chardevs.get(str(o.chardev) ?? '') ?? bad(`rng-egd refers to unknown chardev '${o.chardev}'`);
    const children: XmlExtras['children'] = [];
    if (c.source) children.push({ after: null, node: leaf('source', c.source) });
    if (c.protocol) children.push({ after: null, node: leaf('protocol', { type: c.protocol }) });
    def.devices.rngs.push({ model: 'virtio', backend: { model: 'egd', extras: { attrs: { type: c.type }, children } } });
  } else readMemoryObject(st, o);
}

export const DEVICE_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-device': (st, value) => {
    const d = jsonOpt(value(), '-device');
    const driver = str(d.driver) ?? bad('-device without driver');
    const reader = DEVICES.get(driver) ?? bad(`device '${driver}' is not understood`);
    reader(st, d, driver);
  },
  '-netdev': (st, value) => {
    const o = jsonOpt(value(), '-netdev');
    st.netdevs.set(str(o.id) ?? bad('-netdev without id'), o);
  },
  '-object': readObject,
};

/** The <devices> children the definition has no field for: filesystems, sound, audio and panic devices. */
export function assembleDeviceExtras({ def, audio, shares, soundEls, panicEls, tpmEls, hubEls, redirEls, smartcardEls, cryptoEls }: NativeState): void {
  const children = [...shares.map((node) => ({ after: 'controller', node })), ...smartcardEls.map((node) => ({ after: 'interface', node })), ...soundEls.map((node) => ({ after: 'graphics', node })), ...audio.map((node) => ({ after: 'video', node })), ...redirEls.map((node) => ({ after: 'video', node })), ...hubEls.map((node) => ({ after: 'video', node })), ...[...tpmEls, ...panicEls].map((node) => ({ after: 'memballoon', node })), ...cryptoEls.map((node) => ({ after: 'memballoon', node }))];
  if (children.length > 0) def.devices.extras = { attrs: {}, children };
}

/** <panic model='hyperv'> (-cpu hv-crash) comes before the panic devices. */
export function placeHypervPanic({ panicHyperv, panicEls }: NativeState): void {
  if (panicHyperv) panicEls.unshift(leaf('panic', { model: 'hyperv' }));
}
