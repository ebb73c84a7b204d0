import type { DiskDef, DomainDef, XmlElement } from '@virtkit/core';
import { json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { diskBus, type MachineFamily } from './canonicalize.js';
import { CACHE } from './device-models.js';
import { iothreadProp } from './iothread-args.js';
import { diskIotune, iotuneArgs } from './disk-throttle.js';
import type { QemuCaps } from './qemu-caps.js';
import { checkSourceSecurityLabel } from './security-labels.js';
import { backingChain, chainLength, dataStoreOf } from './backing-chain.js';
import { SECRET_NEEDED, networkStorageProps } from './network-disk-args.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';
import { virtioOptions } from './rng-args.js';
import { usbPortProps } from './usb-address.js';

/** Why the disk devices this host cannot give a guest are refused. */
const DEVICE_UNAVAILABLE: Readonly<Record<string, string>> = {
  lun: "disk device 'lun' passes a host SCSI device through (scsi-block), which needs a host SCSI LUN this driver does not assign",
};

/** Why the disk types this driver does not build are refused. */
const TYPE_UNAVAILABLE: Readonly<Record<string, string>> = {
  volume: "a volume disk names its file through the host's storage pools, which the domain's launcher resolves when it starts; the definition alone has no file to put on the command line",
  nvme: 'an NVMe disk is a host NVMe controller given to QEMU through VFIO, which this driver does not manage',
  vhostuser: 'a vhost-user disk needs a vhost-user-blk server (such as qemu-storage-daemon) on its socket, which this driver does not run',
  vhostvdpa: 'a vhost-vdpa disk needs a host vDPA block device, which this host does not have',
};

// The command line of <disk>: -blockdev and the disk -device of each bus.

/** hda → 0, hdb → 1, …, hdaa → 26 (libvirt's virDiskNameToIndex). */
function diskIndex(dev: string, el: string): number {
  const m = /^(?:hd|sd|vd|xvd|fd)([a-z]+)$/.exec(dev);
  if (!m) throw unsupportedConfig(`${el}/target/@dev`, `disk target '${dev}' is not a valid disk name`);
  let idx = 0;
  for (const ch of m[1]) idx = idx * 26 + (ch.charCodeAt(0) - 96);
  return idx - 1;
}

/**
 * The IDE/SATA position: from <address type='drive'> when given (libvirt's
 * rule), else from the target name. i440fx: bus * 2 + unit; q35: the port.
 */
function driveIndex(disk: DiskDef, el: string, family: MachineFamily): number {
  const a = disk.address;
  if (!a) return diskIndex(disk.target.dev, el);
  const where = `${el}/address`;
  for (const k of Object.keys(a)) if (!['type', 'controller', 'bus', 'target', 'unit'].includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
  if (a.type !== 'drive') throw unsupportedConfig(where, `address type '${a.type}' is not supported for an IDE/SATA disk`);
  const num = (k: string) => {
    const v = a[k] ?? '0';
    if (!/^\d+$/.test(v)) throw unsupportedConfig(where, `${k} '${v}' is not a number`);
    return Number(v);
  };
  if (num('controller') !== 0 || num('target') !== 0) throw unsupportedConfig(where, 'only controller 0, target 0 is supported');
  if (family === 'i440fx' && num('unit') > 1) throw unsupportedConfig(`${where}/@unit`, `an IDE bus has units 0 and 1, not ${num('unit')}`);
  return family === 'q35' ? num('unit') : num('bus') * 2 + num('unit');
}

/** A SCSI disk's <address type='drive'> (canonicalizeDomain fills it in). */
function scsiAddress(disk: DiskDef, el: string): { controller: number; bus: number; target: number; unit: number } {
  const a = disk.address;
  if (!a || a.type !== 'drive') throw unsupportedConfig(`${el}/address`, "a SCSI disk needs an address of type 'drive'");
  for (const k of Object.keys(a)) if (!['type', 'controller', 'bus', 'target', 'unit'].includes(k)) throw unsupportedConfig(`${el}/address`, `attribute '${k}' is not supported`);
  const num = (k: string) => {
    const v = a[k] ?? '0';
    if (!/^\d+$/.test(v)) throw unsupportedConfig(`${el}/address`, `${k} '${v}' is not a number`);
    return Number(v);
  };
  return { controller: num('controller'), bus: num('bus'), target: num('target'), unit: num('unit') };
}

/**
 * The top -blockdev node of disk `i`, the one its device uses and what
 * block_resize and block jobs name. libvirt numbers storage nodes down from
 * the last disk; a raw image (not a directory) has no format layer, so its
 * storage node is the top. `format` is the image's (a volume disk's comes
 * from its pool).
 */
export function diskTopNode(def: DomainDef, i: number, format: string): string {
  const n = topNodeIndex(def, i);
  return format === 'raw' && def.devices.disks[i]!.type !== 'dir' ? `libvirt-${n}-storage` : `libvirt-${n}-format`;
}

/**
 * The number in disk `i`'s top node names: libvirt counts images from the
 * last disk back to the first, each disk's chain top-down, so the top of
 * disk `i` comes after every image of the disks behind it.
 */
function topNodeIndex(def: DomainDef, i: number): number {
  let n = 1;
  for (let k = def.devices.disks.length - 1; k > i; k--) n += chainLength(def.devices.disks[k]!);
  return n;
}

/** The storage-node properties of a file, block or network image (without node-name). */
function storageProps(type: string, source: XmlElement | undefined, path: string | undefined, el: string, cdrom: boolean, caps: Pick<QemuCaps, 'blockDrivers'>): Json {
  if (type === 'network') return networkStorageProps(source!, `${el}/source`, caps);
  checkOptionText(path!, `${el}/source`);
  return { driver: type === 'block' ? (cdrom && /^\/dev\/(cdrom\d*|sr\d+)$/.test(path!) ? 'host_cdrom' : 'host_device') : 'file', filename: path! };
}

/** The path of a file or block <source> whose only other attribute is libvirt's chain index. */
function plainPath(type: string, source: XmlElement, el: string): string {
  const key = type === 'block' ? 'dev' : 'file';
  for (const k of Object.keys(source.attrs)) if (k !== key && k !== 'index') throw unsupportedConfig(`${el}/source/@${k}`, 'attribute not supported by the QEMU driver');
  for (const c of source.children) {
    if (c.kind !== 'element') continue;
    if (c.name === 'seclabel') checkSourceSecurityLabel(c, `${el}/source/seclabel`);
    else if (c.name === 'dataStore') continue;
    else throw unsupportedConfig(`${el}/source`, 'only a plain file or dev source is supported');
  }
  const path = source.attrs[key];
  if (path === undefined) throw unsupportedConfig(`${el}/source/@${key}`, `a ${type} source needs '${key}'`);
  return path;
}

export function diskArgs(def: DomainDef, family: MachineFamily, boot: Map<object, number>, caps: Pick<QemuCaps, 'blockDrivers'> = {}): string[] {
  const out: string[] = [];
  const disks = def.devices.disks;
  disks.forEach((disk, i) => {
    const el = `domain/devices/disk[${i + 1}]`;
    // snapshot= only says how snapshots treat the disk; the command line does not change.
    const { snapshot, ...diskAttrs } = disk.extras?.attrs ?? {};
    if (snapshot !== undefined && !['internal', 'external', 'no', 'manual'].includes(snapshot)) throw unsupportedConfig(`${el}/@snapshot`, `'${snapshot}' is not a snapshot mode`);
    // The key of an encrypted image is a libvirt secret's value, which only libvirt's secret driver holds.
    if (disk.extras?.children.some((c) => c.node.kind === 'element' && c.node.name === 'encryption')) throw unsupportedConfig(`${el}/encryption`, "an encrypted disk needs its key, the value of a libvirt secret, which this driver has no secret store to give QEMU");
    // libvirt's older place for a network source's <auth>, beside <source>.
    if (disk.extras?.children.some((c) => c.node.kind === 'element' && c.node.name === 'auth')) throw unsupportedConfig(`${el}/auth`, `authentication ${SECRET_NEEDED}`);
    rejectExtras(disk.extras && { attrs: diskAttrs, children: disk.extras.children }, el, ['wwn', 'backingStore', 'mirror', 'iotune']);
    // <iotune> is applied over QMP once QEMU runs (disk-throttle.ts); checked here, with the rest of the disk.
    const iotune = diskIotune(disk);
    if (iotune) iotuneArgs(iotune, `${el}/iotune`);
    if (iotune && disk.sourcePath === undefined && !disk.source) throw unsupportedConfig(`${el}/iotune`, 'an empty drive has nothing to throttle');
    // <mirror> is a block job's state in live XML; a starting guest has none running.
    const chain = backingChain(disk, el);
    const wwnEl = disk.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'wwn');
    const wwnText = wwnEl?.children.map((c) => (c.kind === 'text' ? c.text : '')).join('').trim();
    if (wwnEl && (!/^[0-9a-fA-F]{16}$/.test(wwnText ?? '') || Object.keys(wwnEl.attrs).length > 0)) throw unsupportedConfig(`${el}/wwn`, 'a WWN is 16 hexadecimal digits');
    const { tray, removable, ...targetAttrs } = disk.target.extras?.attrs ?? {};
    rejectExtras(disk.target.extras && { attrs: targetAttrs, children: disk.target.extras.children }, `${el}/target`, []);
    // tray= is the state of a CD-ROM or floppy tray, which QEMU starts closed and libvirt tracks at run time.
    if (tray !== undefined && (!['open', 'closed'].includes(tray) || disk.device === 'disk')) throw unsupportedConfig(`${el}/target/@tray`, "only a CD-ROM or floppy drive has a tray, 'open' or 'closed'");
    if (disk.device !== 'disk' && disk.device !== 'cdrom' && disk.device !== 'floppy') throw unsupportedConfig(`${el}/@device`, DEVICE_UNAVAILABLE[disk.device] ?? `disk device '${disk.device}' is not supported`);
    if (disk.type !== 'file' && disk.type !== 'block' && disk.type !== 'dir' && disk.type !== 'network') throw unsupportedConfig(`${el}/@type`, TYPE_UNAVAILABLE[disk.type] ?? `disk type '${disk.type}' is not supported (file, block, dir, network)`);
    if (disk.type === 'network' && disk.sourcePath !== undefined) throw unsupportedConfig(`${el}/source`, 'a network source names its protocol');
    if (disk.shareable) throw unsupportedConfig(`${el}/shareable`, 'shareable disks are not supported');
    const drv = disk.driver ?? {};
    const { name: _n, type: _t, cache: _c, iothread: _i, io, discard, event_idx: eventIdx, ioeventfd, queues, queue_size: queueSize, ...virtioAttrs } = drv;
    const virtioOpts = virtioOptions(virtioAttrs, `${el}/driver`, { def, address: disk.address });
    if (io !== undefined && !['native', 'threads', 'io_uring'].includes(io)) throw unsupportedConfig(`${el}/driver/@io`, `I/O mode '${io}' is not supported (native, threads, io_uring)`);
    // QEMU refuses aio=native on a node that goes through the host's page cache.
    if (io === 'native' && drv.cache !== 'none' && drv.cache !== 'directsync') throw unsupportedConfig(`${el}/driver/@io`, "io='native' needs cache='none' or 'directsync'");
    if (discard !== undefined && discard !== 'unmap' && discard !== 'ignore') throw unsupportedConfig(`${el}/driver/@discard`, `discard mode '${discard}' is not supported (unmap, ignore)`);
    if (drv.name !== undefined && drv.name !== 'qemu') throw unsupportedConfig(`${el}/driver/@name`, `driver '${drv.name}' is not supported`);
    // A directory is a FAT image QEMU makes of it (vvfat), under a raw format node.
    const vvfat = disk.type === 'dir';
    const format = vvfat ? 'raw' : drv.type ?? 'raw';
    if (vvfat && drv.type !== 'fat') throw unsupportedConfig(`${el}/driver/@type`, "a directory disk needs driver type 'fat'");
    if (vvfat && !disk.readonly) throw unsupportedConfig(`${el}/readonly`, 'a directory disk (vvfat) is only supported read-only');
    if (format !== 'raw' && format !== 'qcow2') throw unsupportedConfig(`${el}/driver/@type`, `image format '${format}' is not supported (raw, qcow2)`);
    const cache = CACHE[drv.cache ?? 'writeback'];
    if (!cache) throw unsupportedConfig(`${el}/driver/@cache`, `cache mode '${drv.cache}' is not supported`);
    const bus = diskBus(disk.target.dev, disk.target.bus);
    if ((bus === 'fdc') !== (disk.device === 'floppy')) throw unsupportedConfig(`${el}/target/@bus`, 'floppy drives and only they are on the fdc bus');
    const index = bus === 'virtio' || bus === 'scsi' || bus === 'fdc' || bus === 'usb' ? diskIndex(disk.target.dev, el) : driveIndex(disk, el, family);
    const readonly = disk.readonly || disk.device === 'cdrom';
    let nodeName: string | undefined;
    const sourcePath = disk.source && disk.type !== 'network' ? plainPath(disk.type, disk.source, el) : disk.sourcePath;
    if (sourcePath !== undefined || (disk.type === 'network' && disk.source)) {
      if (vvfat && chain.layers.length > 0) throw unsupportedConfig(`${el}/backingStore`, 'a directory disk (vvfat) has no backing image');
      const top = topNodeIndex(def, i);
      const cacheProps: Json = drv.cache !== undefined ? { cache: { direct: cache.direct, 'no-flush': cache.noFlush } } : {};
      const aio: Json = io !== undefined ? { aio: io } : {};
      // The disk's discard mode goes on every node QEMU writes through, backing images and data files included.
      const discardProps: Json = discard !== undefined ? { discard } : {};
      // The chain is written bottom-up, each image before the one it backs; a raw image is its storage node alone.
      // Numbers go top-down, a qcow2 data file taking the one after its image's.
      const images = [
        { type: disk.type, format, source: disk.source, path: sourcePath, el, readonly, n: 0, data: dataStoreOf(disk.source, el) },
        ...chain.layers.map((l) => ({ type: l.type, format: l.format, source: l.source, path: l.type === 'network' ? undefined : plainPath(l.type, l.source, l.el), el: l.el, readonly: true, n: 0, data: dataStoreOf(l.source, l.el) })),
      ];
      let next = top;
      for (const img of images) {
        img.n = next;
        next += img.data ? 2 : 1;
      }
      let below: string | null | undefined = chain.terminated ? null : undefined;
      for (let k = images.length - 1; k >= 0; k--) {
        const img = images[k]!;
        const n = img.n;
        const storage: Json = {
          ...(vvfat ? { driver: 'vvfat', dir: img.path!, floppy: disk.device === 'floppy', rw: false } : storageProps(img.type, img.source, img.path, img.el, disk.device === 'cdrom', caps)),
          ...aio,
          'node-name': `libvirt-${n}-storage`,
        };
        let dataFile: Json = {};
        if (img.data) {
          if (img.format !== 'qcow2') throw unsupportedConfig(`${img.el}/source/dataStore`, 'only a qcow2 image has an external data file');
          const d = img.data;
          out.push('-blockdev', json({ ...storageProps(d.type, d.source, d.type === 'network' ? undefined : plainPath(d.type, d.source, d.el), d.el, false, caps), ...aio, 'node-name': `libvirt-${n + 1}-storage`, 'read-only': img.readonly, ...discardProps, ...cacheProps }));
          dataFile = { 'data-file': `libvirt-${n + 1}-storage` };
        }
        if (img.format === 'raw' && !vvfat) {
          if (k < images.length - 1) throw unsupportedConfig(`${img.el}/format/@type`, 'a raw image has no backing image');
          out.push('-blockdev', json({ ...storage, 'read-only': img.readonly, ...discardProps, ...cacheProps }));
          below = `libvirt-${n}-storage`;
        } else {
          out.push('-blockdev', json({ ...storage, 'auto-read-only': true, discard: 'unmap', ...cacheProps }));
          out.push('-blockdev', json({ 'node-name': `libvirt-${n}-format`, 'read-only': img.readonly, ...discardProps, ...cacheProps, driver: img.format, ...dataFile, file: `libvirt-${n}-storage`, ...(below !== undefined ? { backing: below } : {}) }));
          below = `libvirt-${n}-format`;
        }
      }
      nodeName = diskTopNode(def, i, format);
    } else if (disk.device === 'disk') throw unsupportedConfig(`${el}/source`, 'a disk needs a source (only CD-ROM and floppy drives may be empty)');
    let dev: Json;
    if (bus === 'virtio') {
      if (disk.device === 'cdrom') throw unsupportedConfig(`${el}/target/@bus`, 'a CD-ROM cannot be on the virtio bus');
      dev = { driver: 'virtio-blk-pci', ...virtioOpts, ...iothreadProp(def, drv.iothread, `${el}/driver/@iothread`) };
      for (const [attr, v, prop] of [['ioeventfd', ioeventfd, 'ioeventfd'], ['event_idx', eventIdx, 'event_idx']] as const) {
        if (v === undefined) continue;
        if (v !== 'on' && v !== 'off') throw unsupportedConfig(`${el}/driver/@${attr}`, `must be 'on' or 'off'`);
        dev[prop] = v === 'on';
      }
      for (const [attr, v, prop] of [['queues', queues, 'num-queues'], ['queue_size', queueSize, 'queue-size']] as const) {
        if (v === undefined) continue;
        if (!/^[1-9]\d*$/.test(v)) throw unsupportedConfig(`${el}/driver/@${attr}`, `'${v}' is not a positive number`);
        dev[prop] = Number(v);
      }
      Object.assign(dev, pciProps(disk.address, el, def));
    } else if (bus === 'ide' && family === 'i440fx') {
      if (index > 3) throw unsupportedConfig(`${el}/target/@dev`, `IDE has 4 units; '${disk.target.dev}' is beyond them`);
      const b = index >> 1;
      const u = index & 1;
      dev = { driver: disk.device === 'cdrom' ? 'ide-cd' : 'ide-hd', bus: `ide.${b}`, unit: u };
    } else if ((bus === 'sata' || bus === 'ide') && family === 'q35') {
      if (index > 5) throw unsupportedConfig(`${el}/target/@dev`, `the q35 SATA controller has 6 ports; '${disk.target.dev}' is beyond them`);
      dev = { driver: disk.device === 'cdrom' ? 'ide-cd' : 'ide-hd', bus: `ide.${index}` };
    } else if (bus === 'fdc') {
      if (index > 1) throw unsupportedConfig(`${el}/target/@dev`, `the floppy controller has drives A and B; '${disk.target.dev}' is beyond them`);
      dev = { driver: 'floppy', unit: index };
    } else if (bus === 'scsi') {
      const a = scsiAddress(disk, el);
      const ctl = def.devices.controllers.find((c) => c.type === 'scsi' && c.index === a.controller);
      if (!ctl) throw unsupportedConfig(`${el}/address`, `there is no SCSI controller ${a.controller}`);
      dev = { driver: disk.device === 'cdrom' ? 'scsi-cd' : 'scsi-hd', bus: `scsi${a.controller}.${a.bus}` };
      // lsilogic addresses a disk by its unit as scsi-id; virtio-scsi by channel, target and LUN.
      const id = ctl.model === 'lsilogic' ? `scsi${a.controller}-${a.bus}-${a.unit}` : `scsi${a.controller}-${a.bus}-${a.target}-${a.unit}`;
      if (ctl.model === 'lsilogic') dev['scsi-id'] = a.unit;
      else Object.assign(dev, { channel: a.bus, 'scsi-id': a.target, lun: a.unit });
      dev.device_id = `drive-${id}`;
      if (nodeName) dev.drive = nodeName;
      dev.id = id;
    } else if (bus === 'usb') {
      if (disk.device !== 'disk') throw unsupportedConfig(`${el}/@device`, 'only disks go on the USB bus (usb-storage)');
      dev = { driver: 'usb-storage', ...usbPortProps(def, disk.address, el, false) };
    } else throw unsupportedConfig(`${el}/target/@bus`, `disk bus '${bus}' is not supported on this machine`);
    if (bus !== 'virtio' && (Object.keys(virtioOpts).length > 0 || [eventIdx, ioeventfd, queues, queueSize].some((v) => v !== undefined))) throw unsupportedConfig(`${el}/driver`, 'virtio options, queues, ioeventfd and event_idx are for virtio disks');
    if (nodeName && bus !== 'scsi') dev.drive = nodeName;
    if (bus !== 'scsi') dev.id = bus === 'virtio' ? `virtio-disk${index}` : bus === 'usb' ? `usb-disk${index}` : bus === 'fdc' ? `fdc0-0-${index}` : family === 'q35' ? `sata0-0-${index}` : `ide0-${index >> 1}-${index & 1}`;
    // A floppy's boot index is the controller's (bootindexA/B, see floppyControllerArgs).
    const bi = bus === 'fdc' ? undefined : boot.get(disk);
    if (bi !== undefined) dev.bootindex = bi;
    if (wwnText !== undefined) {
      if (bus !== 'ide' && bus !== 'sata' && bus !== 'scsi') throw unsupportedConfig(`${el}/wwn`, 'only IDE, SATA and SCSI disks have a WWN');
      dev.wwn = BigInt(`0x${wwnText}`);
    }
    // A USB disk always says whether it is removable; a SCSI disk when asked.
    if (removable !== undefined && removable !== 'on' && removable !== 'off') throw unsupportedConfig(`${el}/target/@removable`, `must be 'on' or 'off'`);
    if (removable !== undefined && bus !== 'usb' && bus !== 'scsi') throw unsupportedConfig(`${el}/target/@removable`, 'only USB and SCSI disks can be removable');
    if (bus === 'usb') dev.removable = removable === 'on';
    else if (removable !== undefined) dev.removable = removable === 'on';
    if (disk.serial !== undefined) dev.serial = disk.serial;
    if (drv.cache !== undefined && disk.device !== 'cdrom') dev['write-cache'] = cache.writeCache;
    out.push('-device', json(dev));
  });
  return out;
}
