import type { DiskDef, DomainDef } from '@virtkit/core';
import { json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { diskBus, type MachineFamily } from './canonicalize.js';
import { CACHE } from './device-models.js';
import { iothreadProp } from './iothread-args.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

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

export function diskArgs(def: DomainDef, family: MachineFamily, boot: Map<object, number>): string[] {
  const out: string[] = [];
  const disks = def.devices.disks;
  disks.forEach((disk, i) => {
    const el = `domain/devices/disk[${i + 1}]`;
    rejectExtras(disk.extras, el, []);
    rejectExtras(disk.target.extras, `${el}/target`, []);
    if (disk.device !== 'disk' && disk.device !== 'cdrom' && disk.device !== 'floppy') throw unsupportedConfig(`${el}/@device`, `disk device '${disk.device}' is not supported`);
    if (disk.type !== 'file' && disk.type !== 'block') throw unsupportedConfig(`${el}/@type`, `disk type '${disk.type}' is not supported (only file and block)`);
    if (disk.source) throw unsupportedConfig(`${el}/source`, 'only a plain file or dev source is supported');
    if (disk.shareable) throw unsupportedConfig(`${el}/shareable`, 'shareable disks are not supported');
    const drv = disk.driver ?? {};
    for (const k of Object.keys(drv)) if (!['name', 'type', 'cache', 'iothread'].includes(k)) throw unsupportedConfig(`${el}/driver`, `attribute '${k}' is not supported`);
    if (drv.name !== undefined && drv.name !== 'qemu') throw unsupportedConfig(`${el}/driver/@name`, `driver '${drv.name}' is not supported`);
    const format = drv.type ?? 'raw';
    if (format !== 'raw' && format !== 'qcow2') throw unsupportedConfig(`${el}/driver/@type`, `image format '${format}' is not supported (raw, qcow2)`);
    const cache = CACHE[drv.cache ?? 'writeback'];
    if (!cache) throw unsupportedConfig(`${el}/driver/@cache`, `cache mode '${drv.cache}' is not supported`);
    const bus = diskBus(disk.target.dev, disk.target.bus);
    if ((bus === 'fdc') !== (disk.device === 'floppy')) throw unsupportedConfig(`${el}/target/@bus`, 'floppy drives and only they are on the fdc bus');
    const index = bus === 'virtio' || bus === 'scsi' || bus === 'fdc' ? diskIndex(disk.target.dev, el) : driveIndex(disk, el, family);
    const readonly = disk.readonly || disk.device === 'cdrom';
    let nodeName: string | undefined;
    if (disk.sourcePath !== undefined) {
      checkOptionText(disk.sourcePath, `${el}/source`);
      // libvirt numbers storage nodes down from the last disk, empty drives included.
      const n = disks.length - i;
      const storage: Json = {
        driver: disk.type === 'block' ? (disk.device === 'cdrom' && /^\/dev\/(cdrom\d*|sr\d+)$/.test(disk.sourcePath) ? 'host_cdrom' : 'host_device') : 'file',
        filename: disk.sourcePath,
        'node-name': `libvirt-${n}-storage`,
        'auto-read-only': true,
        discard: 'unmap',
      };
      if (drv.cache !== undefined) storage.cache = { direct: cache.direct, 'no-flush': cache.noFlush };
      const fmt: Json = { 'node-name': `libvirt-${n}-format`, 'read-only': readonly };
      if (drv.cache !== undefined) fmt.cache = { direct: cache.direct, 'no-flush': cache.noFlush };
      fmt.driver = format;
      fmt.file = `libvirt-${n}-storage`;
      out.push('-blockdev', json(storage), '-blockdev', json(fmt));
      nodeName = `libvirt-${n}-format`;
    } else if (disk.device === 'disk') throw unsupportedConfig(`${el}/source`, 'a disk needs a source (only CD-ROM and floppy drives may be empty)');
    let dev: Json;
    if (bus === 'virtio') {
      if (disk.device === 'cdrom') throw unsupportedConfig(`${el}/target/@bus`, 'a CD-ROM cannot be on the virtio bus');
      dev = { driver: 'virtio-blk-pci', ...iothreadProp(def, drv.iothread, `${el}/driver/@iothread`), ...pciProps(disk.address, el, def) };
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
    } else throw unsupportedConfig(`${el}/target/@bus`, `disk bus '${bus}' is not supported on this machine`);
    if (nodeName && bus !== 'scsi') dev.drive = nodeName;
    if (bus !== 'scsi') dev.id = bus === 'virtio' ? `virtio-disk${index}` : bus === 'fdc' ? `fdc0-0-${index}` : family === 'q35' ? `sata0-0-${index}` : `ide0-${index >> 1}-${index & 1}`;
    // A floppy's boot index is the controller's (bootindexA/B, see floppyControllerArgs).
    const bi = bus === 'fdc' ? undefined : boot.get(disk);
    if (bi !== undefined) dev.bootindex = bi;
    if (disk.serial !== undefined) dev.serial = disk.serial;
    if (drv.cache !== undefined && disk.device !== 'cdrom') dev['write-cache'] = cache.writeCache;
    out.push('-device', json(dev));
  });
  return out;
}
