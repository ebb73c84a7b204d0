import { VIRTIO_OPTIONS } from './rng-args.js';
import type { DiskDef, XmlElement } from '@virtkit/core';
import { cacheModeOf } from './device-models.js';
import { parseOptionString } from './qemu-option.js';
import { bad, jsonOpt, leaf, pciAddr, readVirtioOptions, str, usbAddr, type Props } from './native-parse.js';
import type { DeviceReader, NativeState, OptionReader } from './native-state.js';
import { NETWORK_DRIVERS, networkSourceOf } from './native-network-disk.js';

/**
 * Storage read back (storage-args.ts and filesystem-args.ts write it):
 * -blockdev nodes and the disk devices on them as <disk>, the pflash nodes
 * as <loader> and <nvram>, -fsdev and virtio-9p-pci as <filesystem>.
 */

export const STORAGE_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-blockdev': (st, value) => {
    const o = jsonOpt(value(), '-blockdev');
    st.blockdevs.set(str(o['node-name']) ?? bad('-blockdev without node-name'), o);
    if (st.afterMon) st.hostLocalNodes.add(str(o['node-name'])!);
  },
  '-fsdev': (st, value) => {
    const { head, opts } = parseOptionString(value());
    if (head !== 'local') bad(`-fsdev ${head} is not understood`);
    st.fsdevs.set(opts.get('id') ?? bad('-fsdev without id'), opts);
  },
};

/** The -blockdev drivers of protocol (storage) nodes. */
const STORAGE_DRIVERS = ['file', 'host_device', 'host_cdrom'];

/** The storage node under a device's node `name`: the node itself for a raw image, else its format node's file. */
function storageNodeOf(blockdevs: Map<string, Props>, node: Props, name: string): Props {
  const driver = str(node.driver) ?? '';
  if (STORAGE_DRIVERS.includes(driver) || NETWORK_DRIVERS.includes(driver)) return node;
  return blockdevs.get(str(node.file) ?? '') ?? bad(`format node '${name}' has no storage node`);
}

/** The <dataStore> of a format node's "data-file", when it has one. */
function dataStoreOf(blockdevs: Map<string, Props>, node: Props): XmlElement | undefined {
  const name = str(node['data-file']);
  if (name === undefined) return undefined;
  const d = blockdevs.get(name) ?? bad(`data file node '${name}' is not defined`);
  const network = NETWORK_DRIVERS.includes(str(d.driver)!);
  const type = network ? 'network' : d.driver === 'host_device' ? 'block' : 'file';
  const source = network ? networkSourceOf(d) : leaf('source', { [type === 'block' ? 'dev' : 'file']: str(d.filename) ?? bad('data file node without filename') });
  return { kind: 'element', name: 'dataStore', attrs: { type }, children: [leaf('format', { type: 'raw' }), source] };
}

/** The <backingStore> chain below a format node's "backing" (null: the chain's explicit end). */
function backingOf(blockdevs: Map<string, Props>, name: string | null | undefined): XmlElement | undefined {
  if (name === undefined) return undefined;
  if (name === null) return leaf('backingStore');
  const node = blockdevs.get(name) ?? bad(`backing node '${name}' is not defined`);
  const storage = storageNodeOf(blockdevs, node, name);
  const network = NETWORK_DRIVERS.includes(str(storage.driver)!);
  const type = network ? 'network' : storage.driver === 'host_device' ? 'block' : 'file';
  const source = network ? networkSourceOf(storage) : leaf('source', { [type === 'block' ? 'dev' : 'file']: str(storage.filename) ?? bad('storage node without filename') });
  const data = storage === node ? undefined : dataStoreOf(blockdevs, node);
  if (data) source.children.push(data);
  const children = [leaf('format', { type: storage === node ? 'raw' : str(node.driver)! }), source];
  const below = storage === node ? undefined : backingOf(blockdevs, node.backing as string | null | undefined);
  if (below) children.push(below);
  return { kind: 'element', name: 'backingStore', attrs: { type }, children };
}

/** The drive letters of disk index `n` (0 → a, 25 → z, 26 → aa). */
function letters(n: number): string {
  let s = '';
  n++;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(97 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const readDisk: DeviceReader = ({ def, blockdevs, floppyBoot }, d, driver) => {
  const disk: DiskDef = { type: 'file', device: driver === 'ide-cd' || driver === 'scsi-cd' ? 'cdrom' : driver === 'floppy' ? 'floppy' : 'disk', target: { dev: '' }, readonly: false, shareable: false };
  const id = str(d.id) ?? '';
  let iothread: string | undefined;
  const blkOpts: Record<string, string> = { ...readVirtioOptions(d) };
  if (driver === 'virtio-blk-pci') {
    disk.target = { dev: `vd${letters(Number(/(\d+)$/.exec(id)?.[1] ?? 0))}`, bus: 'virtio' };
    disk.address = pciAddr(d);
    if (typeof d.iothread === 'string') iothread = d.iothread.replace(/^iothread/, '');
    for (const [attr, prop] of [['ioeventfd', 'ioeventfd'], ['event_idx', 'event_idx']]) if (typeof d[prop] === 'boolean') blkOpts[attr] = d[prop] ? 'on' : 'off';
    for (const [attr, prop] of [['queues', 'num-queues'], ['queue_size', 'queue-size']]) if (typeof d[prop] === 'number') blkOpts[attr] = String(d[prop]);
  } else if (driver === 'usb-storage') {
    disk.target = { dev: `sd${letters(Number(/(\d+)$/.exec(id)?.[1] ?? 0))}`, bus: 'usb' };
    disk.address = usbAddr(d);
  } else if (driver === 'floppy') {
    disk.target = { dev: `fd${letters(Number(d.unit ?? 0))}`, bus: 'fdc' };
    const bi = floppyBoot.get(Number(d.unit ?? 0));
    if (bi !== undefined) disk.bootOrder = bi;
  } else if (driver === 'scsi-hd' || driver === 'scsi-cd') {
    const bus = /^scsi(\d+)\.(\d+)$/.exec(str(d.bus) ?? '') ?? bad(`SCSI bus '${d.bus}' is not understood`);
    const lsi = d.lun === undefined;
    const target = lsi ? 0 : Number(d['scsi-id']);
    const unit = lsi ? Number(d['scsi-id']) : Number(d.lun);
    disk.address = { type: 'drive', controller: bus[1], bus: lsi ? bus[2] : String(d.channel), target: String(target), unit: String(unit) };
    // The next sd name after the SCSI disks read so far that no other disk (USB, SATA) has taken.
    let n = def.devices.disks.filter((x) => x.target.bus === 'scsi').length;
    while (def.devices.disks.some((x) => x.target.dev === `sd${letters(n)}`)) n++;
    disk.target = { dev: `sd${letters(n)}`, bus: 'scsi' };
  } else {
    const ide = /^ide0-(\d)-(\d)$/.exec(id);
    const sata = /^sata0-0-(\d)$/.exec(id);
    if (ide) disk.target = { dev: `hd${letters(Number(ide[1]) * 2 + Number(ide[2]))}`, bus: 'ide' };
    else if (sata) disk.target = { dev: `sd${letters(Number(sata[1]))}`, bus: 'sata' };
    else bad(`disk id '${id}' is not understood`);
  }
  const fmt = str(d.drive) ? blockdevs.get(str(d.drive)!) : undefined;
  if (str(d.drive) && !fmt) bad(`-device ${driver} refers to unknown node '${d.drive}'`);
  if (fmt) {
    // A raw image has no format node: the device is on the storage node.
    const storage = storageNodeOf(blockdevs, fmt, str(d.drive)!);
    if (NETWORK_DRIVERS.includes(str(storage.driver)!)) {
      disk.type = 'network';
      disk.source = networkSourceOf(storage);
    } else disk.sourcePath = str(storage.driver === 'vvfat' ? storage.dir : storage.filename) ?? bad('storage node without filename');
    if (storage.driver === 'host_device' || storage.driver === 'host_cdrom') disk.type = 'block';
    if (storage.driver === 'vvfat') disk.type = 'dir';
    disk.driver = { name: 'qemu', type: storage.driver === 'vvfat' ? 'fat' : storage === fmt ? 'raw' : str(fmt.driver) ?? 'raw' };
    const chain = storage === fmt ? undefined : backingOf(blockdevs, fmt.backing as string | null | undefined);
    const data = storage === fmt ? undefined : dataStoreOf(blockdevs, fmt);
    if (data) {
      disk.source ??= leaf('source', { [disk.type === 'block' ? 'dev' : 'file']: disk.sourcePath! });
      delete disk.sourcePath;
      disk.source.children.push(data);
    }
    if (chain) disk.extras = { attrs: {}, children: [{ after: 'source', node: chain }] };
    if (typeof storage.aio === 'string') disk.driver.io = storage.aio;
    if (typeof fmt.discard === 'string') disk.driver.discard = fmt.discard;
    if (iothread !== undefined) disk.driver.iothread = iothread;
    Object.assign(disk.driver, blkOpts);
    const cache = fmt.cache as { direct?: boolean; 'no-flush'?: boolean } | undefined;
    if (cache) {
      const mode = { direct: cache.direct === true, noFlush: cache['no-flush'] === true, writeCache: d['write-cache'] === 'off' ? 'off' as const : 'on' as const };
      disk.driver.cache = cacheModeOf(mode) ?? bad(`cache options ${JSON.stringify(cache)} are not understood`);
    }
    if (fmt['read-only'] === true && disk.device !== 'cdrom') disk.readonly = true;
  }
  if (typeof d.bootindex === 'number') disk.bootOrder = d.bootindex;
  if (str(d.serial) !== undefined) disk.serial = str(d.serial);
  if (typeof d.wwn === 'string' || typeof d.wwn === 'number') {
    const wwn: XmlElement = { kind: 'element', name: 'wwn', attrs: {}, children: [{ kind: 'text', text: BigInt(d.wwn).toString(16).padStart(16, '0') }] };
    disk.extras = { attrs: {}, children: [...(disk.extras?.children ?? []), { after: 'target', node: wwn }] };
  }
  // usb-storage always says whether it is removable; libvirt writes removable='on' only.
  if (d.removable === true) disk.target.extras = { attrs: { removable: 'on' }, children: [] };
  else if (d.removable === false && driver !== 'usb-storage') disk.target.extras = { attrs: { removable: 'off' }, children: [] };
  def.devices.disks.push(disk);
};

/** The <filesystem> a virtio-9p-pci device and its -fsdev stand for. */
function shareOf(d: Props, fsdevs: Map<string, Map<string, string>>): XmlElement {
  const o = fsdevs.get(str(d.fsdev) ?? '') ?? bad(`virtio-9p-pci refers to unknown fsdev '${d.fsdev}'`);
  const attrs: Record<string, string> = { type: 'mount', accessmode: o.get('security_model') === 'mapped-xattr' ? 'squash' : o.get('security_model') ?? 'passthrough' };
  for (const k of ['fmode', 'dmode', 'multidevs']) if (o.has(k)) attrs[k] = o.get(k)!;
  const children: XmlElement[] = [];
  const driver: Record<string, string> = o.get('writeout') === 'immediate' ? { type: 'path', wrpolicy: 'immediate' } : {};
  for (const [k, q] of VIRTIO_OPTIONS) if (typeof d[q] === 'boolean') driver[k] = d[q] ? 'on' : 'off';
  if (Object.keys(driver).length > 0) children.push(leaf('driver', driver));
  children.push(leaf('source', { dir: o.get('path') ?? bad('-fsdev without path') }), leaf('target', { dir: str(d.mount_tag) ?? bad('virtio-9p-pci without mount_tag') }));
  if (o.get('readonly') === 'on') children.push(leaf('readonly'));
  const addr = pciAddr(d);
  if (addr) children.push(leaf('address', addr));
  return { kind: 'element', name: 'filesystem', attrs, children };
}

export const STORAGE_DEVICES: Readonly<Record<string, DeviceReader>> = {
  'isa-fdc': ({ def, floppyBoot }, d) => {
    for (const [k, v] of Object.entries(d)) if (k.startsWith('bootindex')) floppyBoot.set(k === 'bootindexB' ? 1 : 0, Number(v));
    def.devices.controllers.push({ type: 'fdc', index: 0 });
  },
  'virtio-blk-pci': readDisk, 'usb-storage': readDisk, 'ide-hd': readDisk, 'ide-cd': readDisk, 'scsi-hd': readDisk, 'scsi-cd': readDisk, floppy: readDisk,
  'virtio-9p-pci': (st, d) => { st.shares.push(shareOf(d, st.fsdevs)); },
};

/** <loader type='pflash'> and <nvram> from the -machine pflash0/pflash1 nodes. */
export function assembleLoader({ def, blockdevs, pflash, secureFlash, hostLocalNodes }: NativeState): void {
  if (pflash.length === 0) return;
  const code = blockdevs.get(pflash[0]) ?? bad(`pflash0 node '${pflash[0]}' is not defined`);
  const codeFile = blockdevs.get(str(code.file) ?? '') ?? bad('pflash0 has no storage node');
  def.os.loader = { path: str(codeFile.filename) ?? bad('pflash0 without filename'), readonly: code['read-only'] === true ? 'yes' : 'no', secure: secureFlash ? 'yes' : 'no', type: 'pflash', format: 'raw' };
  // A varstore defined in the host-local part (after -mon) is the host's, made from the loader's template.
  if (pflash[1] && !hostLocalNodes.has(pflash[1])) {
    const vars = blockdevs.get(pflash[1]) ?? bad(`pflash1 node '${pflash[1]}' is not defined`);
    def.os.nvram = { path: str(vars.filename) ?? bad('pflash1 without filename'), format: 'raw' };
  }
}
