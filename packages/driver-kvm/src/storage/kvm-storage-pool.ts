import path from 'node:path';
import { ErrorCode, ObjectList, parseStoragePoolXml, type StoragePoolDef, type StoragePoolRef, type StorageVolRef } from '@virtkit/core';
import { checkPoolType, poolDir } from './dir-pool.js';
import { storageFail } from './storage-errors.js';
import type { VolumeRecord } from './volume-files.js';

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

/** The pools of one host, with libvirt's NO_STORAGE_POOL lookups. */
export type KvmStoragePoolList = ObjectList<KvmStoragePool>;

export function newStoragePoolList(): KvmStoragePoolList {
  return new ObjectList<KvmStoragePool>(storageFail, { noObject: ErrorCode.NO_STORAGE_POOL, what: 'storage pool' });
}

/** A parsed definition this driver can run, whose directory no other pool of `pools` uses. */
export function checkPoolDefinition(pools: KvmStoragePoolList, xml: string): StoragePoolDef {
  const def = parseStoragePoolXml(xml);
  checkPoolType(def);
  for (const other of pools.values()) {
    const sameDevice = def.type === 'fs' && other.def.type === 'fs' && other.def.source.devices[0] === def.source.devices[0];
    if (other.uuid !== def.uuid && (other.persistent ?? other.live) && (poolDir(other.def) === poolDir(def) || sameDevice)) {
      throw storageFail(ErrorCode.OPERATION_FAILED, `Storage source conflict with pool: '${other.name}'`);
    }
  }
  return def;
}

export function poolRef(pool: KvmStoragePool): StoragePoolRef {
  return { name: pool.name, uuid: pool.uuid };
}

export function volRef(pool: KvmStoragePool, rec: VolumeRecord): StorageVolRef {
  return { pool: pool.name, name: rec.name, key: rec.path };
}

/** The pool a handle names, which must be active. */
export function activePool(pools: KvmStoragePoolList, ref: StoragePoolRef): KvmStoragePool {
  const pool = pools.get(ref);
  if (!pool.live) throw storageFail(ErrorCode.OPERATION_INVALID, `storage pool '${pool.name}' is not active`);
  return pool;
}

/** The active pool and the volume a handle names (by key, as libvirt's lookups do). */
export function findVolume(pools: KvmStoragePoolList, ref: StorageVolRef): { pool: KvmStoragePool; rec: VolumeRecord } {
  for (const pool of pools.values()) {
    if (!pool.live) continue;
    for (const rec of pool.volumes.values()) if (rec.path === ref.key) return { pool, rec };
  }
  throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching key ${ref.key}`);
}

/** The volume of an active pool whose file is `file` (resolved against the working directory). */
export function findVolumeByPath(pools: KvmStoragePoolList, file: string): StorageVolRef {
  const wanted = path.resolve(file);
  for (const pool of pools.values()) {
    if (!pool.live) continue;
    for (const rec of pool.volumes.values()) if (rec.path === wanted) return volRef(pool, rec);
  }
  throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching path '${file}'`);
}

/** The volume `name` of an active pool. */
export function volumeByName(pool: KvmStoragePool, name: string): StorageVolRef {
  const rec = pool.volumes.get(name);
  if (!rec) throw storageFail(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching name '${name}'`);
  return volRef(pool, rec);
}
