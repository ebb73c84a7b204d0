import fs from 'node:fs/promises';
import { ErrorCode, StoragePoolBuildFlags, checkFlags, type StoragePoolDef, type StoragePoolSizes } from '@virtkit/core';
import { storageFail, systemError } from './storage-errors.js';

/** Pool types this driver runs: dir, and fs (fs-pool.ts). netfs and logical are not implemented. */
export const SUPPORTED_POOL_TYPES: readonly string[] = ['dir', 'fs'];

/** The type is one this driver runs; an fs pool names its source device. */
export function checkPoolType(def: StoragePoolDef): void {
  if (!SUPPORTED_POOL_TYPES.includes(def.type)) {
    throw storageFail(ErrorCode.CONFIG_UNSUPPORTED, `storage pool type '${def.type}' is not supported (${SUPPORTED_POOL_TYPES.join(', ')})`);
  }
  if (def.type === 'fs' && def.source.devices.length !== 1) throw storageFail(ErrorCode.XML_ERROR, 'an fs pool needs exactly one source device');
}

/** The directory of a dir pool. */
export function poolDir(def: StoragePoolDef): string {
  return def.target!.path;
}

/**
 * libvirt's dir backend (storage_backend_fs.c): the pool is a directory,
 * its volumes the files in it, its sizes the filesystem's.
 */
export const dirPool = {
  /** Creates the directory (and its parents) with the target's mode, 0711 by default. */
  async build(def: StoragePoolDef, flags: number): Promise<void> {
    checkFlags(flags, StoragePoolBuildFlags.OVERWRITE | StoragePoolBuildFlags.NO_OVERWRITE, 'virStoragePoolBuild');
    if ((flags & StoragePoolBuildFlags.OVERWRITE) && (flags & StoragePoolBuildFlags.NO_OVERWRITE)) {
      throw storageFail(ErrorCode.OPERATION_INVALID, 'Overwrite and no overwrite flags are mutually exclusive');
    }
    const dir = poolDir(def);
    const st = await fs.stat(dir).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') return undefined; throw systemError(`cannot create path '${dir}'`, e); });
    if (st && !st.isDirectory()) throw systemError(`cannot create path '${dir}'`, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
    const mode = def.target?.permissions?.mode !== undefined ? parseInt(def.target.permissions.mode, 8) : 0o711;
    try {
      await fs.mkdir(dir, { recursive: true, mode });
      if (!st) await fs.chmod(dir, mode);
    } catch (e) {
      throw systemError(`cannot create path '${dir}'`, e);
    }
  },

  /** Refuses to start a pool whose directory is missing or not a directory. */
  async check(def: StoragePoolDef): Promise<void> {
    const dir = poolDir(def);
    try {
      const st = await fs.stat(dir);
      if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (e) {
      throw systemError(`cannot open directory '${dir}'`, e);
    }
  },

  /** The filesystem's sizes (statfs): capacity, allocation (used), available to unprivileged users. */
  async sizes(def: StoragePoolDef): Promise<StoragePoolSizes> {
    const dir = poolDir(def);
    try {
      const s = await fs.statfs(dir);
      return { capacity: s.blocks * s.bsize, allocation: (s.blocks - s.bfree) * s.bsize, available: s.bavail * s.bsize };
    } catch (e) {
      throw systemError(`cannot statvfs path '${dir}'`, e);
    }
  },

  /** Removes the (empty) directory. */
  async delete(def: StoragePoolDef): Promise<void> {
    const dir = poolDir(def);
    try {
      await fs.rmdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw systemError(`failed to remove pool '${dir}'`, e);
    }
  },
};
