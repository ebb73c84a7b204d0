import fs from 'node:fs/promises';
import path from 'node:path';
import type { StorageVolDef } from '@virtkit/core';
import type { QemuImg } from './qemu-img.js';

/** What the driver knows of one volume: its file and what qemu-img reads from it. Sizes in bytes. */
export interface VolumeRecord {
  name: string;
  /** The file; also the volume's key. */
  path: string;
  format: string;
  capacity: number;
  /** Blocks the file holds. */
  allocation: number;
  /** The file's length. */
  physical: number;
  backing?: { path: string; format?: string };
  compat?: string;
  /** The file's mode, owner and group. */
  mode: number;
  uid: number;
  gid: number;
}

/**
 * Reads one file of a pool directory as a volume; undefined for what is
 * not a regular file (libvirt's dir pools list directories too; this one
 * does not) or has vanished.
 */
export async function probeVolume(img: QemuImg, dir: string, name: string): Promise<VolumeRecord | undefined> {
  const file = path.join(dir, name);
  const st = await fs.lstat(file).catch(() => undefined);
  if (!st?.isFile()) return undefined;
  const info = await img.info(file).catch(() => undefined);
  const rec: VolumeRecord = {
    name,
    path: file,
    format: info?.format ?? 'raw',
    capacity: info?.virtualSize ?? st.size,
    allocation: st.blocks * 512,
    physical: st.size,
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
  };
  if (info?.backingFilename) rec.backing = { path: path.resolve(dir, info.backingFilename), format: info.backingFormat };
  if (info?.compat) rec.compat = info.compat;
  return rec;
}

/** Every volume of a pool directory, by name. */
export async function scanPoolDir(img: QemuImg, dir: string): Promise<Map<string, VolumeRecord>> {
  const out = new Map<string, VolumeRecord>();
  for (const name of (await fs.readdir(dir)).sort()) {
    const rec = await probeVolume(img, dir, name);
    if (rec) out.set(name, rec);
  }
  return out;
}

/** The volume XML model of a record, as virStorageVolGetXMLDesc reports it. */
export function volumeDef(rec: VolumeRecord): StorageVolDef {
  const def: StorageVolDef = {
    type: 'file',
    name: rec.name,
    key: rec.path,
    capacity: rec.capacity,
    allocation: rec.allocation,
    physical: rec.physical,
    target: { path: rec.path, format: rec.format, permissions: { mode: rec.mode.toString(8).padStart(4, '0'), owner: String(rec.uid), group: String(rec.gid) } },
  };
  if (rec.compat) def.target.compat = rec.compat;
  if (rec.backing) def.backingStore = { path: rec.backing.path, ...(rec.backing.format ? { format: rec.backing.format } : {}) };
  return def;
}
