import type { Connection } from './connection.js';
import type { StoragePoolInfo, StoragePoolRef, StorageVolInfo, StorageVolRef, StreamChunk } from './driver/storage.js';
import { StorageVolWipeAlgorithm, checkFlags, allFlags, StorageVolDeleteFlags, StorageVolResizeFlags, StorageVolStreamFlags, StoragePoolBuildFlags, StoragePoolCreateFlags, StorageXmlFlags, StorageVolCreateFlags } from './flags.js';

/**
 * A handle on one storage pool of one connection (virStoragePoolPtr).
 * Every call goes to the driver's storage role; flags are checked here
 * against libvirt's tables and again by the driver for what it supports.
 */
export class StoragePool {
  constructor(readonly connection: Connection, private readonly ref: StoragePoolRef) {}

  get name(): string { return this.ref.name; }
  get uuid(): string { return this.ref.uuid; }
  /** @internal */
  get driverRef(): StoragePoolRef { return this.ref; }

  /** virStoragePoolBuild. StoragePoolBuildFlags. */
  async build(flags = 0): Promise<void> {
    checkFlags(flags, allFlags(StoragePoolBuildFlags), 'virStoragePoolBuild');
    return this.connection.writableStorage().storagePoolBuild(this.ref, flags);
  }
  /** Starts the pool (virStoragePoolCreate). StoragePoolCreateFlags. */
  async start(flags = 0): Promise<void> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreate');
    return this.connection.writableStorage().storagePoolCreate(this.ref, flags);
  }
  async destroy(): Promise<void> { return this.connection.writableStorage().storagePoolDestroy(this.ref); }
  /** virStoragePoolDelete: removes the pool's directory (which must be empty). */
  async delete(flags = 0): Promise<void> { return this.connection.writableStorage().storagePoolDelete(this.ref, flags); }
  async undefine(): Promise<void> { return this.connection.writableStorage().storagePoolUndefine(this.ref); }
  async refresh(flags = 0): Promise<void> { return this.connection.writableStorage().storagePoolRefresh(this.ref, flags); }
  async getInfo(): Promise<StoragePoolInfo> { return this.connection.storage().storagePoolGetInfo(this.ref); }
  async getXmlDesc(flags = 0): Promise<string> {
    checkFlags(flags, allFlags(StorageXmlFlags), 'virStoragePoolGetXMLDesc');
    return this.connection.storage().storagePoolGetXmlDesc(this.ref, flags);
  }
  async getAutostart(): Promise<boolean> { return this.connection.storage().storagePoolGetAutostart(this.ref); }
  async setAutostart(autostart: boolean): Promise<void> { return this.connection.writableStorage().storagePoolSetAutostart(this.ref, autostart); }
  async isActive(): Promise<boolean> { return this.connection.storage().storagePoolIsActive(this.ref); }
  async isPersistent(): Promise<boolean> { return this.connection.storage().storagePoolIsPersistent(this.ref); }

  /** virStoragePoolListAllVolumes. */
  async listAllVolumes(flags = 0): Promise<StorageVol[]> {
    checkFlags(flags, 0, 'virStoragePoolListAllVolumes');
    const refs = await this.connection.storage().storagePoolListVolumes(this.ref, flags);
    return refs.map((r) => new StorageVol(this.connection, r));
  }
  async lookupVolumeByName(name: string): Promise<StorageVol> {
    return new StorageVol(this.connection, await this.connection.storage().storageVolLookupByName(this.ref, name));
  }
  /** virStorageVolCreateXML. StorageVolCreateFlags. */
  async createVolume(xml: string, flags = 0): Promise<StorageVol> {
    checkFlags(flags, allFlags(StorageVolCreateFlags), 'virStorageVolCreateXML');
    return new StorageVol(this.connection, await this.connection.writableStorage().storageVolCreateXml(this.ref, xml, flags));
  }
  /** virStorageVolCreateXMLFrom: a new volume holding a copy of `source`. */
  async createVolumeFrom(xml: string, source: StorageVol, flags = 0): Promise<StorageVol> {
    checkFlags(flags, allFlags(StorageVolCreateFlags), 'virStorageVolCreateXMLFrom');
    return new StorageVol(this.connection, await this.connection.writableStorage().storageVolCreateXmlFrom(this.ref, xml, source.driverRef, flags));
  }
}

/** A handle on one storage volume (virStorageVolPtr). */
export class StorageVol {
  constructor(readonly connection: Connection, private readonly ref: StorageVolRef) {}

  get name(): string { return this.ref.name; }
  get key(): string { return this.ref.key; }
  /** The name of the pool the volume is in. */
  get poolName(): string { return this.ref.pool; }
  /** @internal */
  get driverRef(): StorageVolRef { return this.ref; }

  async lookupPool(): Promise<StoragePool> {
    return new StoragePool(this.connection, await this.connection.storage().storagePoolLookupByVolume(this.ref));
  }
  async delete(flags = 0): Promise<void> {
    checkFlags(flags, allFlags(StorageVolDeleteFlags), 'virStorageVolDelete');
    return this.connection.writableStorage().storageVolDelete(this.ref, flags);
  }
  /** virStorageVolWipe (zeros), or virStorageVolWipePattern with another algorithm. */
  async wipe(algorithm: StorageVolWipeAlgorithm = StorageVolWipeAlgorithm.ZERO, flags = 0): Promise<void> {
    checkFlags(flags, 0, 'virStorageVolWipe');
    return this.connection.writableStorage().storageVolWipe(this.ref, algorithm, flags);
  }
  /** virStorageVolResize: bytes. StorageVolResizeFlags. */
  async resize(capacity: number, flags = 0): Promise<void> {
    checkFlags(flags, allFlags(StorageVolResizeFlags), 'virStorageVolResize');
    return this.connection.writableStorage().storageVolResize(this.ref, capacity, flags);
  }
  async getInfo(): Promise<StorageVolInfo> { return this.connection.storage().storageVolGetInfo(this.ref); }
  async getXmlDesc(flags = 0): Promise<string> { return this.connection.storage().storageVolGetXmlDesc(this.ref, flags); }
  async getPath(): Promise<string> { return this.connection.storage().storageVolGetPath(this.ref); }

  /** virStorageVolDownload: the volume's bytes as stored. StorageVolStreamFlags. */
  async download(offset = 0, length = 0, flags = 0): Promise<AsyncIterable<StreamChunk>> {
    checkFlags(flags, allFlags(StorageVolStreamFlags), 'virStorageVolDownload');
    return this.connection.storage().storageVolDownload(this.ref, offset, length, flags);
  }
  /** virStorageVolUpload: writes `data` from `offset`. StorageVolStreamFlags. */
  async upload(data: AsyncIterable<StreamChunk>, offset = 0, length = 0, flags = 0): Promise<void> {
    checkFlags(flags, allFlags(StorageVolStreamFlags), 'virStorageVolUpload');
    return this.connection.writableStorage().storageVolUpload(this.ref, offset, length, flags, data);
  }
}
