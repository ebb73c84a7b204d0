import {
  filterStoragePoolList,
  ErrorCode, StoragePoolCreateFlags, StoragePoolEventType, StoragePoolDefineFlags, StoragePoolBuildFlags, StoragePoolState, StorageVolCreateFlags, StorageVolType,
  StorageXmlFlags, allFlags, checkFlags, formatStoragePoolXml, formatStorageVolXml, isUuid, isVirtError, normalizeUuid, parseStorageVolXml,
  type HostObjectEvents, type Logger, type StoragePoolDef, type StoragePoolInfo, type StoragePoolRef, type StoragePoolRole,
  type StorageVolDef, type StorageVolInfo, type StorageVolRef, type StorageVolRole, type StreamChunk,
} from '@virtkit/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HostPaths } from '../host-paths.js';
import type { ProcessRunner } from '../process-runner.js';
import { dirPool, poolDir } from './dir-pool.js';
import { FsPool } from './fs-pool.js';
import {
  KvmStoragePool, activePool, checkPoolDefinition, findVolume, findVolumeByPath, newStoragePoolList, poolRef, volRef, volumeByName,
} from './kvm-storage-pool.js';
import { PoolStateStore } from './pool-state-store.js';
import { QemuImg } from './qemu-img.js';
import { storageFail, systemError } from './storage-errors.js';
import { scanPoolDir, volumeDef } from './volume-files.js';
import { VolumeImages } from './volume-images.js';
import { downloadVolume, uploadVolume } from './volume-streams.js';

/**
 * The storage driver of one KVM host (libvirt's storage_driver.c with the
 * dir backend): pools in an ObjectList, their files in a PoolStateStore,
 * volumes made and inspected with qemu-img (VolumeImages). Operations on one
 * volume path run one at a time.
 */
export class KvmStorage implements StoragePoolRole, StorageVolRole {
  readonly pools = newStoragePoolList();
  readonly store: PoolStateStore;
  readonly img: QemuImg;
  private readonly images: VolumeImages;
  private readonly fsPools: FsPool;

  /** `events`: the host's pool events, emitted where libvirt's storage driver emits them. */
  constructor(paths: HostPaths, runner: ProcessRunner, private readonly logger: Logger, private readonly events: HostObjectEvents) {
    this.store = new PoolStateStore(paths, logger);
    this.img = new QemuImg(runner);
    this.images = new VolumeImages(this.pools, this.img);
    this.fsPools = new FsPool(runner);
  }

  // ---- what differs by pool type: dir pools are a directory, fs pools a device mounted on it ----

  private buildBacking(def: StoragePoolDef, flags: number): Promise<void> {
    return def.type === 'fs' ? this.fsPools.build(def, flags) : dirPool.build(def, flags);
  }

  private startBacking(def: StoragePoolDef): Promise<void> {
    return def.type === 'fs' ? this.fsPools.start(def) : dirPool.check(def);
  }

  private async stopBacking(def: StoragePoolDef): Promise<void> {
    if (def.type === 'fs') await this.fsPools.stop(def);
  }

  /** A pool recorded as active is still usable: its directory is there (and, for fs, mounted). */
  private async checkBacking(def: StoragePoolDef): Promise<void> {
    if (def.type === 'fs' && !(await this.fsPools.isMounted(def))) throw storageFail(ErrorCode.OPERATION_INVALID, `'${poolDir(def)}' is not mounted`);
    await dirPool.check(def);
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
        await this.checkBacking(stored.live);
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

  private find(ref: StoragePoolRef): KvmStoragePool {
    return this.pools.get(ref);
  }

  async listStoragePools(flags: number): Promise<StoragePoolRef[]> {
    return filterStoragePoolList(this.pools.values(), flags, (p) => ({ active: p.live !== undefined, persistent: p.persistent !== undefined, autostart: p.autostart, type: p.def.type }), poolRef);
  }

  async storagePoolLookupByName(name: string): Promise<StoragePoolRef> {
    return poolRef(this.pools.getByName(name));
  }

  async storagePoolLookupByUuid(uuid: string): Promise<StoragePoolRef> {
    return poolRef(this.pools.getByUuid(isUuid(uuid) ? normalizeUuid(uuid) : uuid));
  }

  async storagePoolLookupByVolume(vol: StorageVolRef): Promise<StoragePoolRef> {
    return poolRef(findVolume(this.pools, vol).pool);
  }

  // ---- pool definitions and life cycle ---------------------------------------------

  async storagePoolDefineXml(xml: string, flags: number): Promise<StoragePoolRef> {
    checkFlags(flags, allFlags(StoragePoolDefineFlags), 'virStoragePoolDefineXML');
    const def = checkPoolDefinition(this.pools, xml);
    return this.pools.withIdentity(def, async () => {
      const existing = this.pools.checkConflicts(def);
      await this.store.writeConfig(def);
      const pool = existing ?? this.pools.add(new KvmStoragePool(def.uuid, def.name));
      pool.persistent = def;
      this.events.pool(pool, StoragePoolEventType.DEFINED);
      return poolRef(pool);
    });
  }

  async storagePoolCreateXml(xml: string, flags: number): Promise<StoragePoolRef> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreateXML');
    const def = checkPoolDefinition(this.pools, xml);
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
      this.events.pool(pool, StoragePoolEventType.STARTED);
      return poolRef(pool);
    });
  }

  /** The build a create with WITH_BUILD* asks for. */
  private async buildFor(def: StoragePoolDef, flags: number): Promise<void> {
    if (!(flags & allFlags(StoragePoolCreateFlags))) return;
    const build = (flags & StoragePoolCreateFlags.WITH_BUILD_OVERWRITE ? StoragePoolBuildFlags.OVERWRITE : 0)
      | (flags & StoragePoolCreateFlags.WITH_BUILD_NO_OVERWRITE ? StoragePoolBuildFlags.NO_OVERWRITE : 0);
    await this.buildBacking(def, build);
  }

  /** Checks the directory (mounts an fs pool's device on it), then makes the pool active with `def` and reads its volumes. */
  private async start(pool: KvmStoragePool, def: StoragePoolDef = pool.persistent!): Promise<void> {
    await this.startBacking(def);
    try {
      await this.store.writeLive(def);
      pool.live = def;
      await this.refreshVolumes(pool);
    } catch (e) {
      pool.live = undefined;
      await this.store.removeLive(pool.uuid);
      await this.stopBacking(def).catch((u: Error) => this.logger.warn(`storage pool ${def.name}: ${u.message}`));
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
    await this.buildBacking(pool.def, flags);
    this.events.pool(pool, StoragePoolEventType.CREATED);
  }

  async storagePoolCreate(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreate');
    const pool = this.find(ref);
    await this.pools.withIdentity(pool, async () => {
      if (pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is already active`);
      await this.buildFor(pool.def, flags);
      await this.start(pool);
      this.events.pool(pool, StoragePoolEventType.STARTED);
    });
  }

  async storagePoolDestroy(ref: StoragePoolRef): Promise<void> {
    const pool = activePool(this.pools, ref);
    await this.pools.withIdentity(pool, async () => {
      // An fs pool whose device cannot be unmounted (a guest holds a volume) stays active.
      await this.stopBacking(pool.live!);
      await this.store.removeLive(pool.uuid);
      pool.live = undefined;
      pool.volumes = new Map();
      if (!pool.persistent) this.pools.remove(pool);
      this.events.pool(pool, StoragePoolEventType.STOPPED);
    });
  }

  async storagePoolDelete(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStoragePoolDelete');
    const pool = this.find(ref);
    if (pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is still active`);
    await dirPool.delete(pool.def);
    this.events.pool(pool, StoragePoolEventType.DELETED);
  }

  async storagePoolUndefine(ref: StoragePoolRef): Promise<void> {
    const pool = this.find(ref);
    await this.pools.withIdentity(pool, async () => {
      if (pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is still active`);
      if (!pool.persistent) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is transient`);
      await this.store.removeConfig(pool.uuid);
      this.pools.remove(pool);
      this.events.pool(pool, StoragePoolEventType.UNDEFINED);
    });
  }

  async storagePoolRefresh(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStoragePoolRefresh');
    const pool = activePool(this.pools, ref);
    await this.refreshVolumes(pool);
    this.events.refreshed(pool);
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
    const pool = activePool(this.pools, ref);
    return [...pool.volumes.values()].map((r) => volRef(pool, r)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async storageVolLookupByName(ref: StoragePoolRef, name: string): Promise<StorageVolRef> {
    return volumeByName(activePool(this.pools, ref), name);
  }

  async storageVolLookupByKey(key: string): Promise<StorageVolRef> {
    const { pool, rec } = findVolume(this.pools, { pool: '', name: '', key });
    return volRef(pool, rec);
  }

  async storageVolLookupByPath(file: string): Promise<StorageVolRef> {
    return findVolumeByPath(this.pools, file);
  }

  async storageVolCreateXml(ref: StoragePoolRef, xml: string, flags: number): Promise<StorageVolRef> {
    checkFlags(flags, StorageVolCreateFlags.PREALLOC_METADATA | StorageVolCreateFlags.VALIDATE, 'virStorageVolCreateXML');
    const pool = activePool(this.pools, ref);
    return this.images.create(pool, parseStorageVolXml(xml), flags);
  }

  async storageVolCreateXmlFrom(ref: StoragePoolRef, xml: string, source: StorageVolRef, flags: number): Promise<StorageVolRef> {
    checkFlags(flags, StorageVolCreateFlags.PREALLOC_METADATA | StorageVolCreateFlags.VALIDATE, 'virStorageVolCreateXMLFrom');
    const pool = activePool(this.pools, ref);
    const from = findVolume(this.pools, source).rec;
    return this.images.create(pool, parseStorageVolXml(xml), flags, from);
  }

  async storageVolDelete(ref: StorageVolRef, flags: number): Promise<void> {
    await this.images.delete(ref, flags);
  }

  async storageVolWipe(ref: StorageVolRef, algorithm: number, flags: number): Promise<void> {
    await this.images.wipe(ref, algorithm, flags);
  }

  async storageVolResize(ref: StorageVolRef, capacity: number, flags: number): Promise<void> {
    await this.images.resize(ref, capacity, flags);
  }

  async storageVolGetInfo(ref: StorageVolRef): Promise<StorageVolInfo> {
    const { rec } = await this.images.reprobe(ref);
    return { type: StorageVolType.FILE, capacity: rec.capacity, allocation: rec.allocation };
  }

  async storageVolGetXmlDesc(ref: StorageVolRef, flags: number): Promise<string> {
    checkFlags(flags, 0, 'virStorageVolGetXMLDesc');
    return formatStorageVolXml(volumeDef((await this.images.reprobe(ref)).rec));
  }

  async storageVolGetPath(ref: StorageVolRef): Promise<string> {
    return findVolume(this.pools, ref).rec.path;
  }

  async storageVolDownload(ref: StorageVolRef, offset: number, length: number, flags: number): Promise<AsyncIterable<StreamChunk>> {
    return downloadVolume(this.pools, ref, offset, length, flags);
  }

  async storageVolUpload(ref: StorageVolRef, offset: number, length: number, flags: number, data: AsyncIterable<StreamChunk>): Promise<void> {
    await uploadVolume(this.pools, this.images, ref, offset, length, flags, data);
    // libvirt refreshes the pool when an upload ends (its sizes changed) and says so.
    this.events.refreshed(findVolume(this.pools, ref).pool);
  }

  /**
   * The file behind `<source pool=… volume=…/>` of a guest's disk, with its
   * format: what a start (or an incoming migration) hands QEMU.
   */
  async resolveVolume(poolName: string, volumeName: string): Promise<{ path: string; format: string }> {
    const pool = this.pools.getByName(poolName);
    if (!pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' containing volume '${volumeName}' is not active`);
    const { rec } = await this.images.reprobe(await this.storageVolLookupByName(poolRef(pool), volumeName));
    return { path: rec.path, format: rec.format };
  }

  // ---- what an incoming storage migration asks of the pools ------------------------------

  /** The active pool whose directory is `dir` (libvirt's virStoragePoolLookupByTargetPath), undefined when none is. */
  poolByTargetPath(dir: string): string | undefined {
    const wanted = path.resolve(dir);
    for (const pool of this.pools.values()) if (pool.live && path.resolve(poolDir(pool.live)) === wanted) return pool.name;
    return undefined;
  }

  /** The volume `volumeName` of active pool `poolName`, or undefined when the pool has none of that name. */
  async findVolume(poolName: string, volumeName: string): Promise<{ path: string; format: string } | undefined> {
    return this.resolveVolume(poolName, volumeName).catch((e: unknown) => {
      if (isVirtError(e, ErrorCode.NO_STORAGE_VOL)) return undefined;
      throw e;
    });
  }

  /** Creates a volume in active pool `poolName` as virStorageVolCreateXML does; returns its file. */
  async createVolumeIn(poolName: string, def: StorageVolDef, flags: number): Promise<string> {
    const pool = activePool(this.pools, poolRef(this.pools.getByName(poolName)));
    return (await this.images.create(pool, def, flags)).key;
  }

  /** Removes files: a volume of an active pool through its pool (the pool forgets it), any other file directly. */
  async removeFiles(files: readonly string[]): Promise<void> {
    for (const file of files) {
      const vol = await this.storageVolLookupByPath(file).catch(() => undefined);
      if (vol) await this.images.delete(vol, 0).catch((e: Error) => this.logger.warn(`cannot remove volume '${file}': ${e.message}`));
      else await fs.rm(file, { force: true }).catch(() => {});
    }
  }
}
