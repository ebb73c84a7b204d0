import { DomainBlockResizeFlags, ErrorCode, checkFlags, type DiskDef } from '@virtkit/core';
import { fail } from './errors.js';
import type { KvmDomainObject } from './kvm-domain.js';
import { requireLive } from './qmp-lifecycle.js';
import { diskTopNode } from './storage-args.js';
import type { ResolvedVolume } from './storage/volume-disks.js';

/** What resizing a disk needs of the host: a volume disk's file, looked up as at start. */
export interface BlockResizeHost {
  resolveVolume(pool: string, volume: string): Promise<ResolvedVolume>;
}

/** A disk's file and image format; a volume disk's from its pool. */
async function diskImage(host: BlockResizeHost, disk: DiskDef): Promise<{ path?: string; format: string }> {
  if (disk.type === 'volume' && disk.source?.attrs.pool && disk.source.attrs.volume) {
    const vol = await host.resolveVolume(disk.source.attrs.pool, disk.source.attrs.volume);
    return { path: vol.path, format: disk.driver?.type ?? vol.format };
  }
  return { path: disk.sourcePath, format: disk.driver?.type ?? 'raw' };
}

/** The disk `name` names, by target first, then by source path; INVALID_ARG when none. */
async function findDisk(host: BlockResizeHost, disks: DiskDef[], name: string): Promise<{ index: number; image: { path?: string; format: string } }> {
  const byTarget = disks.findIndex((d) => d.target.dev === name);
  if (byTarget >= 0) return { index: byTarget, image: await diskImage(host, disks[byTarget]) };
  for (const [index, disk] of disks.entries()) {
    // A volume whose pool is gone cannot be the path asked for.
    const image = await diskImage(host, disk).catch(() => undefined);
    if (image?.path === name) return { index, image };
  }
  throw fail(ErrorCode.INVALID_ARG, `disk '${name}' was not found in the domain config`);
}

/**
 * virDomainBlockResize as libvirt's QEMU driver does it: the disk is
 * named by its target or its source path, the size is KiB unless BYTES
 * (rounded up to 512 bytes for qcow2, which keeps whole sectors), and QMP
 * block_resize on the disk's format node changes the image and tells the
 * guest's device in one step. CAPACITY (a raw block device's full size)
 * is refused for the file disks this driver runs.
 */
export async function blockResize(host: BlockResizeHost, obj: KvmDomainObject, name: string, size: number, flags: number): Promise<void> {
  checkFlags(flags, DomainBlockResizeFlags.BYTES | DomainBlockResizeFlags.CAPACITY, 'virDomainBlockResize');
  if (!Number.isSafeInteger(size) || size < 0) throw fail(ErrorCode.INVALID_ARG, `invalid size ${size}`);
  let bytes = size;
  if ((flags & DomainBlockResizeFlags.BYTES) === 0) {
    if (size > Number.MAX_SAFE_INTEGER / 1024) throw fail(ErrorCode.OVERFLOW, `size must be less than ${Math.floor(Number.MAX_SAFE_INTEGER / 1024)}`);
    bytes = size * 1024;
  }
  const live = requireLive(obj);
  const disks = live.def.devices.disks;
  const { index, image } = await findDisk(host, disks, name);
  const disk = disks[index];
  if (image.path === undefined || disk.readonly || disk.device === 'cdrom') throw fail(ErrorCode.OPERATION_UNSUPPORTED, `can't resize empty or readonly disk '${name}'`);
  if (flags & DomainBlockResizeFlags.CAPACITY) throw fail(ErrorCode.OPERATION_UNSUPPORTED, "block resize to full capacity supported only with 'raw' local block-based disks");
  if (image.format === 'qcow2') bytes = Math.ceil(bytes / 512) * 512;
  await live.qmp.execute('block_resize', { 'node-name': diskTopNode(live.def, index, image.format), size: bytes });
}
