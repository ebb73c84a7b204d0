import {
  filterStoragePoolList,
  ErrorCode, ListStoragePoolsFlags, ObjectList, StoragePoolBuildFlags, StoragePoolCreateFlags, StoragePoolDefineFlags, StoragePoolState,
  StorageVolCreateFlags, StorageVolResizeFlags, StorageVolStreamFlags, StorageVolType, StorageVolWipeAlgorithm, StorageXmlFlags, allFlags,
  StoragePoolEventType, checkFlags, formatStoragePoolXml, formatStorageVolXml, isUuid, normalizeUuid, parseStoragePoolXml, parseStorageVolXml, storageNameProblem,
  type StoragePoolDef, type StoragePoolInfo, type StoragePoolRef, type StoragePoolRole, type StorageVolInfo, type StorageVolRef,
  type StorageVolRole, type StreamChunk, type HostObjectEvents,
} from '@virtkit/core';
import { testError } from './host.js';

/** libvirt's test:///default pool: a running dir pool of 100 GiB at /default-pool. */
export const DEFAULT_POOL_XML = `<pool type='dir'>
  <name>default-pool</name>
  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>
  <target>
    <path>/default-pool</path>
  </target>
</pool>
`;

/** Every test pool's size (libvirt's test driver gives each 100 GiB). */
const POOL_CAPACITY = 100 * 1024 ** 3;

/** A volume in memory: its sizes and the bytes written to it (the rest reads as zeros). */
interface TestVolume {
  name: string;
  key: string;
  format: string;
  capacity: number;
  allocation: number;
  data: Buffer;
  backing?: { path: string; format?: string };
}

class TestPool {
  persistent?: StoragePoolDef;
  live?: StoragePoolDef;
  autostart = false;
  readonly volumes = new Map<string, TestVolume>();
  constructor(readonly uuid: string, readonly name: string) {}
  get def(): StoragePoolDef { return this.live ?? this.persistent!; }
  get allocation(): number { return [...this.volumes.values()].reduce((a, v) => a + v.allocation, 0); }
}

const STREAM_CHUNK = 256 * 1024 - 24;

/**
 * The test driver's storage (libvirt's test driver): pools and volumes in
 * memory, nothing on disk. Every pool is 100 GiB; a volume takes its
 * allocation (its capacity unless the XML says) from the pool; streams read
 * and write the volume's bytes in memory.
 */
export class TestStorage implements StoragePoolRole, StorageVolRole {
  private readonly pools = new ObjectList<TestPool>(testError, { noObject: ErrorCode.NO_STORAGE_POOL, what: 'storage pool' });

  constructor(private readonly events: HostObjectEvents) {}

  /** Adds libvirt's default pool, running (test:///default). */
  addDefaultPool(): void {
    const def = parseStoragePoolXml(DEFAULT_POOL_XML);
    const pool = this.pools.add(new TestPool(def.uuid, def.name));
    pool.persistent = def;
    pool.live = def;
  }

  private ref(p: TestPool): StoragePoolRef { return { name: p.name, uuid: p.uuid }; }
  private active(ref: StoragePoolRef): TestPool {
    const p = this.pools.get(ref);
    if (!p.live) throw testError(ErrorCode.OPERATION_INVALID, `storage pool '${p.name}' is not active`);
    return p;
  }
  private volRef(p: TestPool, v: TestVolume): StorageVolRef { return { pool: p.name, name: v.name, key: v.key }; }
  private find(pred: (v: TestVolume) => boolean, missing: string): { pool: TestPool; vol: TestVolume } {
    for (const pool of this.pools.values()) {
      if (!pool.live) continue;
      for (const vol of pool.volumes.values()) if (pred(vol)) return { pool, vol };
    }
    throw testError(ErrorCode.NO_STORAGE_VOL, missing);
  }
  private volume(ref: StorageVolRef): { pool: TestPool; vol: TestVolume } {
    return this.find((v) => v.key === ref.key, `no storage vol with matching key ${ref.key}`);
  }

  async listStoragePools(flags: number): Promise<StoragePoolRef[]> {
    return filterStoragePoolList(this.pools.values(), flags, (p) => ({ active: !!p.live, persistent: !!p.persistent, autostart: p.autostart, type: p.def.type }), (p) => this.ref(p));
  }
  async storagePoolLookupByName(name: string): Promise<StoragePoolRef> { return this.ref(this.pools.getByName(name)); }
  async storagePoolLookupByUuid(uuid: string): Promise<StoragePoolRef> { return this.ref(this.pools.getByUuid(isUuid(uuid) ? normalizeUuid(uuid) : uuid)); }
  async storagePoolLookupByVolume(vol: StorageVolRef): Promise<StoragePoolRef> { return this.ref(this.volume(vol).pool); }

  async storagePoolDefineXml(xml: string, flags: number): Promise<StoragePoolRef> {
    checkFlags(flags, allFlags(StoragePoolDefineFlags), 'virStoragePoolDefineXML');
    const def = parseStoragePoolXml(xml);
    const pool = this.pools.checkConflicts(def) ?? this.pools.add(new TestPool(def.uuid, def.name));
    pool.persistent = def;
    this.events.pool(pool, StoragePoolEventType.DEFINED);
    return this.ref(pool);
  }
  async storagePoolCreateXml(xml: string, flags: number): Promise<StoragePoolRef> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreateXML');
    const def = parseStoragePoolXml(xml);
    const existing = this.pools.checkConflicts(def);
    if (existing?.live) throw testError(ErrorCode.OPERATION_INVALID, `storage pool '${def.name}' is already active`);
    const pool = existing ?? this.pools.add(new TestPool(def.uuid, def.name));
    pool.live = def;
    this.events.pool(pool, StoragePoolEventType.STARTED);
    return this.ref(pool);
  }
  async storagePoolBuild(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(StoragePoolBuildFlags), 'virStoragePoolBuild');
    const p = this.pools.get(ref);
    if (p.live) throw testError(ErrorCode.OPERATION_INVALID, `storage pool '${p.name}' is already active`);
    this.events.pool(p, StoragePoolEventType.CREATED);
  }
  async storagePoolCreate(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreate');
    const p = this.pools.get(ref);
    if (p.live) throw testError(ErrorCode.OPERATION_INVALID, `storage pool '${p.name}' is already active`);
    p.live = p.persistent;
    this.events.pool(p, StoragePoolEventType.STARTED);
  }
  async storagePoolDestroy(ref: StoragePoolRef): Promise<void> {
    const p = this.active(ref);
    p.live = undefined;
    if (!p.persistent) this.pools.remove(p);
    this.events.pool(p, StoragePoolEventType.STOPPED);
  }
  async storagePoolDelete(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStoragePoolDelete');
    const p = this.pools.get(ref);
    if (p.live) throw testError(ErrorCode.OPERATION_INVALID, `storage pool '${p.name}' is still active`);
    this.events.pool(p, StoragePoolEventType.DELETED);
  }
  async storagePoolUndefine(ref: StoragePoolRef): Promise<void> {
    const p = this.pools.get(ref);
    if (p.live) throw testError(ErrorCode.OPERATION_INVALID, `storage pool '${p.name}' is still active`);
    this.pools.remove(p);
    this.events.pool(p, StoragePoolEventType.UNDEFINED);
  }
  async storagePoolRefresh(ref: StoragePoolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStoragePoolRefresh');
    this.events.refreshed(this.active(ref));
  }
  async storagePoolGetInfo(ref: StoragePoolRef): Promise<StoragePoolInfo> {
    const p = this.pools.get(ref);
    if (!p.live) return { state: StoragePoolState.INACTIVE, capacity: 0, allocation: 0, available: 0 };
    return { state: StoragePoolState.RUNNING, capacity: POOL_CAPACITY, allocation: p.allocation, available: POOL_CAPACITY - p.allocation };
  }
  async storagePoolGetXmlDesc(ref: StoragePoolRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(StorageXmlFlags), 'virStoragePoolGetXMLDesc');
    const p = this.pools.get(ref);
    if ((flags & StorageXmlFlags.INACTIVE) && p.persistent) return formatStoragePoolXml(p.persistent);
    const info = await this.storagePoolGetInfo(ref);
    return formatStoragePoolXml(p.def, info);
  }
  async storagePoolGetAutostart(ref: StoragePoolRef): Promise<boolean> { return this.pools.get(ref).autostart; }
  async storagePoolSetAutostart(ref: StoragePoolRef, autostart: boolean): Promise<void> {
    const p = this.pools.get(ref);
    if (!p.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'cannot set autostart for transient pool');
    p.autostart = autostart;
  }
  async storagePoolIsActive(ref: StoragePoolRef): Promise<boolean> { return !!this.pools.get(ref).live; }
  async storagePoolIsPersistent(ref: StoragePoolRef): Promise<boolean> { return !!this.pools.get(ref).persistent; }

  async storagePoolListVolumes(ref: StoragePoolRef, flags: number): Promise<StorageVolRef[]> {
    checkFlags(flags, 0, 'virStoragePoolListAllVolumes');
    const p = this.active(ref);
    return [...p.volumes.values()].map((v) => this.volRef(p, v)).sort((a, b) => a.name.localeCompare(b.name));
  }
  async storageVolLookupByName(ref: StoragePoolRef, name: string): Promise<StorageVolRef> {
    const p = this.active(ref);
    const v = p.volumes.get(name);
    if (!v) throw testError(ErrorCode.NO_STORAGE_VOL, `no storage vol with matching name '${name}'`);
    return this.volRef(p, v);
  }
  async storageVolLookupByKey(key: string): Promise<StorageVolRef> {
    const { pool, vol } = this.volume({ pool: '', name: '', key });
    return this.volRef(pool, vol);
  }
  async storageVolLookupByPath(path: string): Promise<StorageVolRef> {
    const { pool, vol } = this.find((v) => v.key === path, `no storage vol with matching path '${path}'`);
    return this.volRef(pool, vol);
  }

  private create(ref: StoragePoolRef, xml: string, flags: number, from?: TestVolume): StorageVolRef {
    checkFlags(flags, allFlags(StorageVolCreateFlags), 'virStorageVolCreateXML');
    const p = this.active(ref);
    const def = parseStorageVolXml(xml);
    const problem = storageNameProblem(def.name);
    if (problem) throw testError(ErrorCode.OPERATION_INVALID, `volume ${problem}`);
    if (p.volumes.has(def.name)) throw testError(ErrorCode.STORAGE_VOL_EXIST, `'${def.name}'`);
    const capacity = Math.max(def.capacity ?? 0, from?.capacity ?? 0);
    if (capacity <= 0) throw testError(ErrorCode.INVALID_ARG, `volume '${def.name}' needs a capacity greater than 0`);
    const allocation = Math.min(def.allocation ?? capacity, capacity);
    if (p.allocation + allocation > POOL_CAPACITY) throw testError(ErrorCode.INTERNAL_ERROR, `Not enough free space in pool for volume '${def.name}'`);
    const vol: TestVolume = {
      name: def.name, key: `${p.def.target?.path ?? ''}/${def.name}`, format: def.target.format ?? 'raw', capacity, allocation,
      data: from ? Buffer.from(from.data) : Buffer.alloc(0),
    };
    if (def.backingStore) vol.backing = { path: def.backingStore.path, format: def.backingStore.format };
    p.volumes.set(vol.name, vol);
    return this.volRef(p, vol);
  }
  async storageVolCreateXml(ref: StoragePoolRef, xml: string, flags: number): Promise<StorageVolRef> { return this.create(ref, xml, flags); }
  async storageVolCreateXmlFrom(ref: StoragePoolRef, xml: string, source: StorageVolRef, flags: number): Promise<StorageVolRef> {
    return this.create(ref, xml, flags, this.volume(source).vol);
  }
  async storageVolDelete(ref: StorageVolRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStorageVolDelete');
    const { pool, vol } = this.volume(ref);
    pool.volumes.delete(vol.name);
  }
  async storageVolWipe(ref: StorageVolRef, algorithm: number, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virStorageVolWipePattern');
    if (algorithm !== StorageVolWipeAlgorithm.ZERO) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, `wiping algorithm ${algorithm} is not supported (zero)`);
    this.volume(ref).vol.data = Buffer.alloc(0);
  }
  async storageVolResize(ref: StorageVolRef, capacity: number, flags: number): Promise<void> {
    checkFlags(flags, allFlags(StorageVolResizeFlags), 'virStorageVolResize');
    const { pool, vol } = this.volume(ref);
    const shrink = (flags & StorageVolResizeFlags.SHRINK) !== 0;
    const wanted = flags & StorageVolResizeFlags.DELTA ? (shrink ? vol.capacity - capacity : vol.capacity + capacity) : capacity;
    if (wanted < vol.capacity && !shrink) throw testError(ErrorCode.INVALID_ARG, "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
    if (wanted <= 0) throw testError(ErrorCode.INVALID_ARG, "can't shrink capacity below size 0");
    const allocation = flags & StorageVolResizeFlags.ALLOCATE ? wanted : Math.min(vol.allocation, wanted);
    if (pool.allocation - vol.allocation + allocation > POOL_CAPACITY) throw testError(ErrorCode.OPERATION_FAILED, 'Not enough space left in storage pool');
    vol.capacity = wanted;
    vol.allocation = allocation;
    if (vol.data.length > wanted) vol.data = vol.data.subarray(0, wanted);
  }
  async storageVolGetInfo(ref: StorageVolRef): Promise<StorageVolInfo> {
    const { vol } = this.volume(ref);
    return { type: StorageVolType.FILE, capacity: vol.capacity, allocation: vol.allocation };
  }
  async storageVolGetXmlDesc(ref: StorageVolRef, flags: number): Promise<string> {
    checkFlags(flags, 0, 'virStorageVolGetXMLDesc');
    const { vol } = this.volume(ref);
    return formatStorageVolXml({
      type: 'file', name: vol.name, key: vol.key, capacity: vol.capacity, allocation: vol.allocation,
      target: { path: vol.key, format: vol.format }, ...(vol.backing ? { backingStore: vol.backing } : {}),
    });
  }
  async storageVolGetPath(ref: StorageVolRef): Promise<string> { return this.volume(ref).vol.key; }

  /** The bytes in [offset, offset + length) (to the capacity when length is 0); unwritten bytes as holes when sparse. */
  async storageVolDownload(ref: StorageVolRef, offset: number, length: number, flags: number): Promise<AsyncIterable<StreamChunk>> {
    checkFlags(flags, StorageVolStreamFlags.SPARSE_STREAM, 'virStorageVolDownload');
    const { vol } = this.volume(ref);
    const end = length > 0 ? Math.min(vol.capacity, offset + length) : vol.capacity;
    const sparse = (flags & StorageVolStreamFlags.SPARSE_STREAM) !== 0;
    return (async function* (): AsyncGenerator<StreamChunk> {
      for (let pos = offset; pos < end;) {
        if (pos >= vol.data.length && sparse) {
          yield { kind: 'hole', length: end - pos };
          return;
        }
        const n = Math.min(STREAM_CHUNK, end - pos);
        const data = Buffer.alloc(n);
        if (pos < vol.data.length) vol.data.copy(data, 0, pos, Math.min(pos + n, vol.data.length));
        yield { kind: 'data', data };
        pos += n;
      }
    })();
  }

  /** Writes into the volume's bytes, up to its capacity; holes write zeros. */
  async storageVolUpload(ref: StorageVolRef, offset: number, length: number, flags: number, data: AsyncIterable<StreamChunk>): Promise<void> {
    checkFlags(flags, StorageVolStreamFlags.SPARSE_STREAM, 'virStorageVolUpload');
    const { pool, vol } = this.volume(ref);
    const limit = Math.min(vol.capacity, length > 0 ? offset + length : Infinity);
    let pos = offset;
    for await (const chunk of data) {
      const n = chunk.kind === 'data' ? chunk.data.length : chunk.length;
      if (pos + n > limit) throw testError(ErrorCode.INVALID_ARG, `the stream carries more than the volume takes from offset ${offset}`);
      if (chunk.kind === 'hole' && !(flags & StorageVolStreamFlags.SPARSE_STREAM)) throw testError(ErrorCode.INVALID_ARG, 'a hole in a stream that is not sparse');
      // Grown by doubling (up to the capacity), so a long upload copies its bytes a few times, not once per chunk.
      if (vol.data.length < pos + n) vol.data = Buffer.concat([vol.data], Math.min(vol.capacity, Math.max(pos + n, vol.data.length * 2)));
      if (chunk.kind === 'data') vol.data.set(chunk.data, pos);
      else vol.data.fill(0, pos, pos + n);
      pos += n;
    }
    // libvirt refreshes the pool when an upload ends (its sizes changed) and says so.
    this.events.refreshed(pool);
  }
}
