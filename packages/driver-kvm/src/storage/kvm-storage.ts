import fs from 'node:fs/promises';
import path from 'node:path';
import {
  filterStoragePoolList,
  ErrorCode, KeyedMutex, ListStoragePoolsFlags, ObjectList, StoragePoolCreateFlags, StoragePoolDefineFlags, StoragePoolBuildFlags,
  StoragePoolState, StorageVolCreateFlags, StorageVolDeleteFlags, StorageVolResizeFlags, StorageVolStreamFlags, StorageVolType,
  StorageVolWipeAlgorithm, StorageXmlFlags, allFlags, checkFlags, formatStoragePoolXml, formatStorageVolXml, isUuid, normalizeUuid,
  parseStoragePoolXml, parseStorageVolXml, readFileChunks, storageNameProblem, writeFileChunks,
  type Logger, type StoragePoolDef, type StoragePoolInfo, type StoragePoolRef, type StoragePoolRole, type StorageVolDef,
  type StorageVolInfo, type StorageVolRef, type StorageVolRole, type StreamChunk,
} from '@virtkit/core';
import type { HostPaths } from '../host-paths.js';
import type { ProcessRunner } from '../process-runner.js';
import { checkPoolType, dirPool, poolDir } from './dir-pool.js';
import { PoolStateStore } from './pool-state-store.js';
import { QemuImg, VOLUME_FORMATS, type VolumeFormat } from './qemu-img.js';
import { storageFail, systemError } from './storage-errors.js';
import { probeVolume, scanPoolDir, volumeDef, type VolumeRecord } from './volume-files.js';

/** One storage pool of a host: its definitions, whether it runs, the volumes found at the last refresh. */
export class KvmStoragePool {
  persistent?: StoragePoolDef;
  /** The definition it runs with, while active. */
  live?: StoragePoolDef;
  autostart = false;
  volumes = new Map<string, VolumeRecord>();

  constructor(readonly uuid: string, readonly name: string) {}

  get def(): StoragePoolDef {
    return this.live ?? this.persistent!;
  }
}

/**
 * The storage driver of one KVM host (libvirt's storage_driver.c with the
 * dir backend): pools in an ObjectList, their files in a PoolStateStore,
 * volumes made and inspected with qemu-img. Operations on one volume path
 * run one at a time.
 */
export class KvmStorage implements StoragePoolRole, StorageVolRole {
  readonly pools = new ObjectList<KvmStoragePool>(storageFail, { noObject: ErrorCode.NO_STORAGE_POOL, what: 'storage pool' });
  readonly store: PoolStateStore;
  readonly img: QemuImg;
  private readonly volumeLocks = new KeyedMutex();

  constructor(paths: HostPaths, runner: ProcessRunner, private readonly logger: Logger) {
    this.store = new PoolStateStore(paths, logger);
    this.img = new QemuImg(runner);
  }

  /** Reads the pool files, reattaches pools that were active, then starts the autostart ones. */
  async load(): Promise<void> {
    await this.store.prepare();
    for (const [uuid, stored] of await this.store.load()) {
      const def = stored.live ?? stored.persistent!;
      const pool = new KvmStoragePool(uuid, def.name);
      pool.persistent = stored.persistent;
      pool.autostart = stored.autostart;
      this.pools.add(pool);
      if (!stored.live) continue;
      try {
        await dirPool.check(stored.live);
        pool.live = stored.live;
        await this.refreshVolumes(pool);
      } catch (e) {
        this.logger.warn(`storage pool ${def.name} could not be reattached: ${(e as Error).message}`);
        pool.live = undefined;
        await this.store.removeLive(uuid);
        if (!pool.persistent) this.pools.remove(pool);
      }
    }
    for (const pool of this.pools.values()) {
      if (!pool.autostart || pool.live) continue;
      await this.start(pool).catch((e: Error) => this.logger.warn(`autostart of storage pool ${pool.name} failed: ${e.message}`));
    }
  }

  // ---- lookups ---------------------------------------------------------------------

  private ref(pool: KvmStoragePool): StoragePoolRef {
    return { name: pool.name, uuid: pool.uuid };
  }

  private find(ref: StoragePoolRef): KvmStoragePool {
    return this.pools.get(ref);
  }

  private active(ref: StoragePoolRef): KvmStoragePool {
    const pool = this.find(ref);
    if (!pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is not active`);
    return pool;
  }

  private volRef(pool: KvmStoragePool, rec: VolumeRecord): StorageVolRef {
    return { pool: pool.name, name: rec.name, key: rec.path };
  }

  /** The active pool and the volume a handle names (by key, as libvirt's lookups do). */
  private volume(ref: StorageVolRef): { pool: KvmStoragePool; rec: VolumeRecord } {
    for (const pool of this.pools.values()) {
      if (!pool.live) continue;
      for (const rec of pool.volumes.values()) if (rec.path === ref.key) return { pool, rec };
    }
    throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching key ${ref.key}`);
  }

  async listStoragePools(flags: number): Promise<StoragePoolRef[]> {
    return filterStoragePoolList(this.pools.values(), flags, (p) => ({ active: p.live !== undefined, persistent: p.persistent !== undefined, autostart: p.autostart, type: p.def.type }), (p) => this.ref(p));
  }

  async storagePoolLookupByName(name: string): Promise<StoragePoolRef> {
    return this.ref(this.pools.getByName(name));
  }

  async storagePoolLookupByUuid(uuid: string): Promise<StoragePoolRef> {
    return this.ref(this.pools.getByUuid(isUuid(uuid) ? normalizeUuid(uuid) : uuid));
  }

  async storagePoolLookupByVolume(vol: StorageVolRef): Promise<StoragePoolRef> {
    return this.ref(this.volume(vol).pool);
  }

  // ---- pool definitions and life cycle ---------------------------------------------

  /** A parsed definition this driver can run, whose directory no other pool uses. */
  private checkDefinition(xml: string): StoragePoolDef {
    const def = parseStoragePoolXml(xml);
    checkPoolType(def);
    for (const other of this.pools.values()) {
      if (other.uuid !== def.uuid && (other.persistent ?? other.live) && poolDir(other.def) === poolDir(def)) {
        throw storageFail(ErrorCode.OPERATION_FAILED, `Storage source conflict with pool: '${other.name}'`);
      }
    }
    return def;
  }

  async storagePoolDefineXml(xml: string, flags: number): Promise<StoragePoolRef> {
    checkFlags(flags, allFlags(StoragePoolDefineFlags), 'virStoragePoolDefineXML');
    const def = this.checkDefinition(xml);
    return this.pools.withIdentity(def, async () => {
      const existing = this.pools.checkConflicts(def);
      await this.store.writeConfig(def);
      const pool = existing ?? this.pools.add(new KvmStoragePool(def.uuid, def.name));
      pool.persistent = def;
      return this.ref(pool);
    });
  }

  async storagePoolCreateXml(xml: string, flags: number): Promise<StoragePoolRef> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreateXML');
    const def = this.checkDefinition(xml);
    return this.pools.withIdentity(def, async () => {
      const existing = this.pools.checkConflicts(def);
      if (existing?.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${def.name}' is already active`);
      const pool = existing ?? this.pools.add(new KvmStoragePool(def.uuid, def.name));
      try {
        await this.buildFor(def, flags);
        await this.start(pool, def);
      } catch (e) {
        if (!pool.persistent && !pool.live) this.pools.remove(pool);
        throw e;
      }
      return this.ref(pool);
    });
  }

  /** The build a create with WITH_BUILD* asks for. */
  private async buildFor(def: StoragePoolDef, flags: number): Promise<void> {
    if (!(flags & allFlags(StoragePoolCreateFlags))) return;
    const build = (flags & StoragePoolCreateFlags.WITH_BUILD_OVERWRITE ? StoragePoolBuildFlags.OVERWRITE : 0)
      | (flags & StoragePoolCreateFlags.WITH_BUILD_NO_OVERWRITE ? StoragePoolBuildFlags.NO_OVERWRITE : 0);
    await dirPool.build(def, build);
  }

  /** Checks the directory, then makes the pool active with `def` and reads its volumes. */
  private async start(pool: KvmStoragePool, def: StoragePoolDef = pool.persistent!): Promise<void> {
    await dirPool.check(def);
    await this.store.writeLive(def);
    pool.live = def;
    try {
      await this.refreshVolumes(pool);
    } catch (e) {
      pool.live = undefined;
      await this.store.removeLive(pool.uuid);
      throw e;
    }
  }

  private async refreshVolumes(pool: KvmStoragePool): Promise<void> {
    try {
      pool.volumes = await scanPoolDir(this.img, poolDir(pool.def));
    } catch (e) {
      throw systemError(`cannot open directory '${poolDir(pool.def)}'`, e);
    }
  }

  async storagePoolBuild(ref: StoragePoolRef, flags: number): Promise<void> {
    const pool = this.find(ref);
    if (pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is already active`);
    await dirPool.build(pool.def, flags);
  }

  async storagePoolCreate(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreate');
    const pool = this.find(ref);
    await this.pools.withIdentity(pool, async () => {
      if (pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is already active`);
      await this.buildFor(pool.def, flags);
      await this.start(pool);
    });
  }

  async storagePoolDestroy(ref: StoragePoolRef): Promise<void> {
    const pool = this.active(ref);
    await this.pools.withIdentity(pool, async () => {
      await this.store.removeLive(pool.uuid);
      pool.live = undefined;
      pool.volumes = new Map();
      if (!pool.persistent) this.pools.remove(pool);
    });
  }

  async storagePoolDelete(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStoragePoolDelete');
    const pool = this.find(ref);
    if (pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is still active`);
    await dirPool.delete(pool.def);
  }

  async storagePoolUndefine(ref: StoragePoolRef): Promise<void> {
    const pool = this.find(ref);
    await this.pools.withIdentity(pool, async () => {
      if (pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is still active`);
      if (!pool.persistent) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is transient`);
      await this.store.removeConfig(pool.uuid);
      this.pools.remove(pool);
    });
  }

  async storagePoolRefresh(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStoragePoolRefresh');
    await this.refreshVolumes(this.active(ref));
  }

  async storagePoolGetInfo(ref: StoragePoolRef): Promise<StoragePoolInfo> {
    const pool = this.find(ref);
    if (!pool.live) return { state: StoragePoolState.INACTIVE, capacity: 0, allocation: 0, available: 0 };
    return { state: StoragePoolState.RUNNING, ...(await dirPool.sizes(pool.live)) };
  }

  async storagePoolGetXmlDesc(ref: StoragePoolRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(StorageXmlFlags), 'virStoragePoolGetXMLDesc');
    const pool = this.find(ref);
    if ((flags & StorageXmlFlags.INACTIVE) && pool.persistent) return formatStoragePoolXml(pool.persistent);
    return formatStoragePoolXml(pool.def, pool.live ? await dirPool.sizes(pool.live) : undefined);
  }

  async storagePoolGetAutostart(ref: StoragePoolRef): Promise<boolean> {
    return this.find(ref).autostart;
  }

  async storagePoolSetAutostart(ref: StoragePoolRef, autostart: boolean): Promise<void> {
    const pool = this.find(ref);
    if (!pool.persistent) throw storageFail(ErrorCode.OPERATION_INVALID, 'cannot set autostart for transient pool');
    await this.store.setAutostart(pool.uuid, autostart);
    pool.autostart = autostart;
  }

  async storagePoolIsActive(ref: StoragePoolRef): Promise<boolean> {
    return this.find(ref).live !== undefined;
  }

  async storagePoolIsPersistent(ref: StoragePoolRef): Promise<boolean> {
    return this.find(ref).persistent !== undefined;
  }

  // ---- volumes -----------------------------------------------------------------------

  async storagePoolListVolumes(ref: StoragePoolRef, flags: number): Promise<StorageVolRef[]> {
    checkFlags(flags, 0, 'virStoragePoolListAllVolumes');
    const pool = this.active(ref);
    return [...pool.volumes.values()].map((r) => this.volRef(pool, r)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async storageVolLookupByName(ref: StoragePoolRef, name: string): Promise<StorageVolRef> {
    const pool = this.active(ref);
    const rec = pool.volumes.get(name);
    if (!rec) throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching name '${name}'`);
    return this.volRef(pool, rec);
  }

  async storageVolLookupByKey(key: string): Promise<StorageVolRef> {
    const { pool, rec } = this.volume({ pool: '', name: '', key });
    return this.volRef(pool, rec);
  }

  async storageVolLookupByPath(file: string): Promise<StorageVolRef> {
    const wanted = path.resolve(file);
    for (const pool of this.pools.values()) {
      if (!pool.live) continue;
      for (const rec of pool.volumes.values()) if (rec.path === wanted) return this.volRef(pool, rec);
    }
    throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching path '${file}'`);
  }

  async storageVolCreateXml(ref: StoragePoolRef, xml: string, flags: number): Promise<StorageVolRef> {
    checkFlags(flags, StorageVolCreateFlags.PREALLOC_METADATA | StorageVolCreateFlags.VALIDATE, 'virStorageVolCreateXML');
    const pool = this.active(ref);
    return this.createVolume(pool, parseStorageVolXml(xml), flags);
  }

  async storageVolCreateXmlFrom(ref: StoragePoolRef, xml: string, source: StorageVolRef, flags: number): Promise<StorageVolRef> {
    checkFlags(flags, StorageVolCreateFlags.PREALLOC_METADATA | StorageVolCreateFlags.VALIDATE, 'virStorageVolCreateXMLFrom');
    const pool = this.active(ref);
    const from = this.volume(source).rec;
    return this.createVolume(pool, parseStorageVolXml(xml), flags, from);
  }

  /**
   * Creates the file of a new volume: claimed with O_EXCL (an existing file
   * is never overwritten), then made by qemu-img (create, or convert from
   * `from`); on any failure the file is removed again.
   */
  private async createVolume(pool: KvmStoragePool, def: StorageVolDef, flags: number, from?: VolumeRecord): Promise<StorageVolRef> {
    const problem = storageNameProblem(def.name);
    if (problem) throw storageFail(ErrorCode.OPERATION_INVALID, `volume ${problem}`);
    const file = path.join(poolDir(pool.def), def.name);
    return this.volumeLocks.run([file], async () => {
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
        return this.volRef(pool, rec);
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
  private async reprobe(ref: StorageVolRef): Promise<{ pool: KvmStoragePool; rec: VolumeRecord }> {
    const { pool, rec } = this.volume(ref);
    const fresh = await probeVolume(this.img, poolDir(pool.def), rec.name);
    if (!fresh) {
      pool.volumes.delete(rec.name);
      throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching key ${ref.key}`);
    }
    pool.volumes.set(rec.name, fresh);
    return { pool, rec: fresh };
  }

  async storageVolDelete(ref: StorageVolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStorageVolDelete');
    const { pool, rec } = this.volume(ref);
    await this.volumeLocks.run([rec.path], async () => {
      await fs.unlink(rec.path).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'ENOENT') throw systemError(`cannot unlink file '${rec.path}'`, e); });
      pool.volumes.delete(rec.name);
    });
  }

  /**
   * Zeros the volume: a raw file is cut to nothing and extended again (it
   * reads as zeros and holds no blocks); an image is created afresh with the
   * same format, capacity and backing store.
   */
  async storageVolWipe(ref: StorageVolRef, algorithm: number, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStorageVolWipePattern');
    if (algorithm !== StorageVolWipeAlgorithm.ZERO) throw storageFail(ErrorCode.ARGUMENT_UNSUPPORTED, `wiping algorithm ${algorithm} is not supported (zero)`);
    const { rec } = await this.reprobe(ref);
    await this.volumeLocks.run([rec.path], async () => {
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

  async storageVolResize(ref: StorageVolRef, capacity: number, flags: number): Promise<void> {
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
    await this.volumeLocks.run([rec.path], () => this.img.resize(rec.path, rec.format, wanted, { shrink: wanted < rec.capacity, preallocate }));
    await this.reprobe(ref);
  }

  async storageVolGetInfo(ref: StorageVolRef): Promise<StorageVolInfo> {
    const { rec } = await this.reprobe(ref);
    return { type: StorageVolType.FILE, capacity: rec.capacity, allocation: rec.allocation };
  }

  async storageVolGetXmlDesc(ref: StorageVolRef, flags: number): Promise<string> {
    checkFlags(flags, 0, 'virStorageVolGetXMLDesc');
    return formatStorageVolXml(volumeDef((await this.reprobe(ref)).rec));
  }

  async storageVolGetPath(ref: StorageVolRef): Promise<string> {
    return this.volume(ref).rec.path;
  }

  async storageVolDownload(ref: StorageVolRef, offset: number, length: number, flags: number): Promise<AsyncIterable<StreamChunk>> {
    checkFlags(flags, StorageVolStreamFlags.SPARSE_STREAM, 'virStorageVolDownload');
    checkRange(offset, length);
    const { rec } = this.volume(ref);
    return readFileChunks(rec.path, offset, length, (flags & StorageVolStreamFlags.SPARSE_STREAM) !== 0);
  }

  async storageVolUpload(ref: StorageVolRef, offset: number, length: number, flags: number, data: AsyncIterable<StreamChunk>): Promise<void> {
    checkFlags(flags, StorageVolStreamFlags.SPARSE_STREAM, 'virStorageVolUpload');
    checkRange(offset, length);
    const { rec } = this.volume(ref);
    await this.volumeLocks.run([rec.path], () => writeFileChunks(rec.path, offset, length, (flags & StorageVolStreamFlags.SPARSE_STREAM) !== 0, data));
    await this.reprobe(ref);
  }

  /**
   * The file behind `<source pool=… volume=…/>` of a guest's disk, with its
   * format: what a start (or an incoming migration) hands QEMU.
   */
  async resolveVolume(poolName: string, volumeName: string): Promise<{ path: string; format: string }> {
    const pool = this.pools.getByName(poolName);
    if (!pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' containing volume '${volumeName}' is not active`);
    const { rec } = await this.reprobe(await this.storageVolLookupByName(this.ref(pool), volumeName));
    return { path: rec.path, format: rec.format };
  }
}

function checkRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw storageFail(ErrorCode.INVALID_ARG, `offset ${offset} and length ${length} must be non-negative byte counts`);
  }
}
