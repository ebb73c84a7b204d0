import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ErrorCode, KeyedMutex, StorageVolCreateFlags, StorageVolResizeFlags, StorageVolWipeAlgorithm, allFlags, checkFlags, storageNameProblem,
  type StorageVolDef, type StorageVolRef,
} from '@virtkit/core';
import { dirPool, poolDir } from './dir-pool.js';
import { findVolume, volRef, type KvmStoragePool, type KvmStoragePoolList } from './kvm-storage-pool.js';
import { VOLUME_FORMATS, type QemuImg, type VolumeFormat } from './qemu-img.js';
import { storageFail, systemError } from './storage-errors.js';
import { probeVolume, type VolumeRecord } from './volume-files.js';

/**
 * The files of the volumes in a host's pools, made and changed with
 * qemu-img: create, copy, delete, wipe, resize. Operations on one volume
 * path run one at a time (see `locked`).
 */
export class VolumeImages {
  private readonly locks = new KeyedMutex();

  constructor(private readonly pools: KvmStoragePoolList, private readonly img: QemuImg) {}

  /** Runs `op` while no other operation on the volume file `file` runs. */
  locked<R>(file: string, op: () => Promise<R>): Promise<R> {
    return this.locks.run([file], op);
  }

  /**
   * Creates the file of a new volume: claimed with O_EXCL (an existing file
   * is never overwritten), then made by qemu-img (create, or convert from
   * `from`); on any failure the file is removed again.
   */
  async create(pool: KvmStoragePool, def: StorageVolDef, flags: number, from?: VolumeRecord): Promise<StorageVolRef> {
    const problem = storageNameProblem(def.name);
    if (problem) throw storageFail(ErrorCode.OPERATION_INVALID, `volume ${problem}`);
    const file = path.join(poolDir(pool.def), def.name);
    return this.locked(file, async () => {
      if (pool.volumes.has(def.name) || (await fs.lstat(file).catch(() => undefined))) {
        throw storageFail(ErrorCode.STORAGE_VOL_EXIST, `'${def.name}'`);
      }
      const format = this.volumeFormat(def.target.format ?? (def.backingStore ? 'qcow2' : 'raw'));
      const backing = def.backingStore && (await this.backingOf(def, format));
      const capacity = Math.max(def.capacity ?? backing?.capacity ?? 0, from?.capacity ?? 0);
      if (capacity <= 0) throw storageFail(ErrorCode.INVALID_ARG, `volume '${def.name}' needs a capacity greater than 0`);
      const sizes = await dirPool.sizes(pool.def);
      if (capacity > sizes.capacity) {
        throw storageFail(ErrorCode.INVALID_ARG, `volume capacity ${capacity} bytes is larger than storage pool '${pool.name}' (${sizes.capacity} bytes)`);
      }
      const allocation = def.allocation ?? 0;
      if (allocation > sizes.available) throw storageFail(ErrorCode.OPERATION_FAILED, 'Not enough space left in storage pool');
      if ((flags & StorageVolCreateFlags.PREALLOC_METADATA) && format !== 'qcow2') {
        throw storageFail(ErrorCode.CONFIG_UNSUPPORTED, 'metadata preallocation only available with qcow2');
      }
      const preallocation = allocation >= capacity ? 'falloc' : flags & StorageVolCreateFlags.PREALLOC_METADATA ? 'metadata' : undefined;
      const mode = def.target.permissions?.mode !== undefined ? parseInt(def.target.permissions.mode, 8) : 0o600;
      try {
        await (await fs.open(file, 'wx', mode)).close();
      } catch (e) {
        throw systemError(`cannot create volume '${file}'`, e);
      }
      try {
        if (from) {
          await this.img.convert({ path: from.path, format: from.format }, file, format, preallocation === 'falloc' ? 'falloc' : undefined);
          if (capacity > from.capacity) await this.img.resize(file, format, capacity, { shrink: false, preallocate: false });
        } else {
          await this.img.create(file, { format, capacity, backing, preallocation, compat: def.target.compat });
        }
        await fs.chmod(file, mode);
        const rec = await probeVolume(this.img, poolDir(pool.def), def.name);
        if (!rec) throw storageFail(ErrorCode.INTERNAL_ERROR, `volume '${file}' vanished while it was created`);
        pool.volumes.set(def.name, rec);
        return volRef(pool, rec);
      } catch (e) {
        await fs.rm(file, { force: true });
        throw e;
      }
    });
  }

  private volumeFormat(format: string): VolumeFormat {
    if (!(VOLUME_FORMATS as readonly string[]).includes(format)) {
      throw storageFail(ErrorCode.CONFIG_UNSUPPORTED, `volume format '${format}' is not supported (${VOLUME_FORMATS.join(', ')})`);
    }
    return format as VolumeFormat;
  }

  /** The backing store of a new overlay: it must exist; its format is probed when the XML does not say. */
  private async backingOf(def: StorageVolDef, format: VolumeFormat): Promise<{ path: string; format: string; capacity: number }> {
    const b = def.backingStore!;
    if (format === 'raw') throw storageFail(ErrorCode.CONFIG_UNSUPPORTED, 'backing storage not supported for raw volumes');
    const st = await fs.stat(b.path).catch((e: unknown) => { throw systemError(`inaccessible backing store volume ${b.path}`, e); });
    if (!st.isFile() && !st.isBlockDevice()) throw storageFail(ErrorCode.INVALID_ARG, `backing store volume ${b.path} is not a file`);
    const info = await this.img.info(b.path, b.format);
    return { path: path.resolve(b.path), format: b.format ?? info.format, capacity: info.virtualSize };
  }

  /** Reads the volume's file again (sizes and format as the image says now). */
  async reprobe(ref: StorageVolRef): Promise<{ pool: KvmStoragePool; rec: VolumeRecord }> {
    const { pool, rec } = findVolume(this.pools, ref);
    const fresh = await probeVolume(this.img, poolDir(pool.def), rec.name);
    if (!fresh) {
      pool.volumes.delete(rec.name);
      throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching key ${ref.key}`);
    }
    pool.volumes.set(rec.name, fresh);
    return { pool, rec: fresh };
  }

  async delete(ref: StorageVolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStorageVolDelete');
    const { pool, rec } = findVolume(this.pools, ref);
    await this.locked(rec.path, async () => {
      await fs.unlink(rec.path).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'ENOENT') throw systemError(`cannot unlink file '${rec.path}'`, e); });
      pool.volumes.delete(rec.name);
    });
  }

  /**
   * Zeros the volume: a raw file is cut to nothing and extended again (it
   * reads as zeros and holds no blocks); an image is created afresh with the
   * same format, capacity and backing store.
   */
  async wipe(ref: StorageVolRef, algorithm: number, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStorageVolWipePattern');
    if (algorithm !== StorageVolWipeAlgorithm.ZERO) throw storageFail(ErrorCode.ARGUMENT_UNSUPPORTED, `wiping algorithm ${algorithm} is not supported (zero)`);
    const { rec } = await this.reprobe(ref);
    await this.locked(rec.path, async () => {
      if (rec.format === 'raw') {
        await fs.truncate(rec.path, 0);
        await fs.truncate(rec.path, rec.physical);
      } else {
        const backing = rec.backing?.format ? { path: rec.backing.path, format: rec.backing.format } : undefined;
        await this.img.create(rec.path, { format: this.volumeFormat(rec.format), capacity: rec.capacity, backing, compat: rec.compat });
      }
    });
    await this.reprobe(ref);
  }

  async resize(ref: StorageVolRef, capacity: number, flags: number): Promise<void> {
    checkFlags(flags, allFlags(StorageVolResizeFlags), 'virStorageVolResize');
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw storageFail(ErrorCode.INVALID_ARG, `capacity ${capacity} is not a byte count`);
    const { pool, rec } = await this.reprobe(ref);
    const shrink = (flags & StorageVolResizeFlags.SHRINK) !== 0;
    let wanted = capacity;
    if (flags & StorageVolResizeFlags.DELTA) wanted = shrink ? rec.capacity - capacity : rec.capacity + capacity;
    if (wanted < rec.capacity && !shrink) {
      throw storageFail(ErrorCode.INVALID_ARG, "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
    }
    if (wanted <= 0) throw storageFail(ErrorCode.INVALID_ARG, "can't shrink capacity below size 0");
    const sizes = await dirPool.sizes(pool.def);
    const preallocate = (flags & StorageVolResizeFlags.ALLOCATE) !== 0;
    if (wanted > sizes.capacity || (preallocate && wanted - rec.allocation > sizes.available)) {
      throw storageFail(ErrorCode.OPERATION_FAILED, 'Not enough space left in storage pool');
    }
    if (wanted === rec.capacity) return;
    await this.locked(rec.path, async () => {
      // A sparse raw file is cut or extended in place, as libvirt's virFileResize does: that works while a
      // guest holds it (qemu-img would need its lock), and the guest sees the size after a blockresize.
      if (rec.format === 'raw' && !preallocate) {
        await fs.truncate(rec.path, wanted).catch((e: unknown) => { throw systemError(`Failed to truncate file '${rec.path}'`, e); });
      } else {
        await this.img.resize(rec.path, rec.format, wanted, { shrink: wanted < rec.capacity, preallocate });
      }
    });
    await this.reprobe(ref);
  }
}
