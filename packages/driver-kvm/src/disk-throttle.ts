import type { DiskDef, DomainDef, XmlElement } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';

// <iotune>: libvirt puts no throttling on the command line; once QEMU runs (paused), each disk's limits
// go to its device with block_set_io_throttle, a group_name making one throttle group of several disks.

/** <iotune> child → block_set_io_throttle argument. */
const IOTUNE_ARGS: ReadonlyArray<[string, string]> = [
  ['total_bytes_sec', 'bps'], ['read_bytes_sec', 'bps_rd'], ['write_bytes_sec', 'bps_wr'],
  ['total_iops_sec', 'iops'], ['read_iops_sec', 'iops_rd'], ['write_iops_sec', 'iops_wr'],
  ['total_bytes_sec_max', 'bps_max'], ['read_bytes_sec_max', 'bps_rd_max'], ['write_bytes_sec_max', 'bps_wr_max'],
  ['total_iops_sec_max', 'iops_max'], ['read_iops_sec_max', 'iops_rd_max'], ['write_iops_sec_max', 'iops_wr_max'],
  ['size_iops_sec', 'iops_size'],
  ['total_bytes_sec_max_length', 'bps_max_length'], ['read_bytes_sec_max_length', 'bps_rd_max_length'], ['write_bytes_sec_max_length', 'bps_wr_max_length'],
  ['total_iops_sec_max_length', 'iops_max_length'], ['read_iops_sec_max_length', 'iops_rd_max_length'], ['write_iops_sec_max_length', 'iops_wr_max_length'],
];
const IOTUNE = new Map(IOTUNE_ARGS);

export const diskIotune = (disk: DiskDef) => disk.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'iotune');

/** The block_set_io_throttle arguments of one <iotune> (without the device id), checked as libvirt checks them. */
export function iotuneArgs(iotune: XmlElement, el: string): Record<string, number | string> {
  const out: Record<string, number | string> = { bps: 0, bps_rd: 0, bps_wr: 0, iops: 0, iops_rd: 0, iops_wr: 0 };
  const given = new Set<string>();
  for (const c of iotune.children) {
    if (c.kind !== 'element') continue;
    const text = c.children.map((t) => (t.kind === 'text' ? t.text : '')).join('').trim();
    if (c.name === 'group_name') {
      out.group = text;
      continue;
    }
    const arg = IOTUNE.get(c.name);
    if (!arg) throw unsupportedConfig(`${el}/${c.name}`, `<${c.name}> is not an I/O tuning limit QEMU 7.2 has`);
    if (!/^\d+$/.test(text)) throw unsupportedConfig(`${el}/${c.name}`, `'${text}' is not a number`);
    given.add(c.name);
    out[arg] = Number(text);
  }
  for (const kind of ['bytes_sec', 'iops_sec', 'bytes_sec_max', 'iops_sec_max']) {
    if (given.has(`total_${kind}`) && (given.has(`read_${kind}`) || given.has(`write_${kind}`))) {
      throw unsupportedConfig(el, `total and read/write ${kind.replace('_', ' ')} cannot be set at the same time`);
    }
  }
  return out;
}

/**
 * The block_set_io_throttle calls of a definition, one per disk with <iotune>; `argv` is its
 * command line, where each disk's device id is found by the node its "drive" names.
 */
export function diskThrottles(def: DomainDef, argv: readonly string[], topNode: (i: number) => string): Array<Record<string, number | string>> {
  const out: Array<Record<string, number | string>> = [];
  def.devices.disks.forEach((disk, i) => {
    const iotune = diskIotune(disk);
    if (!iotune) return;
    const node = topNode(i);
    const device = argv.map((a, k) => (argv[k - 1] === '-device' && a.startsWith('{') ? JSON.parse(a) as Record<string, unknown> : undefined)).find((d) => d?.drive === node);
    if (typeof device?.id !== 'string') throw unsupportedConfig(`domain/devices/disk[${i + 1}]/iotune`, 'an empty drive has nothing to throttle');
    // QMP names a device's block backend by its QOM path: a virtio-blk-pci proxy's is its virtio-backend child (libvirt's qomName).
    const id = device.driver === 'virtio-blk-pci' ? `${device.id}/virtio-backend` : device.id;
    out.push({ id, ...iotuneArgs(iotune, `domain/devices/disk[${i + 1}]/iotune`) });
  });
  return out;
}
