import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { Unsubscribe } from './types.js';

/**
 * Storage pools and volumes (libvirt's virStoragePool* / virStorageVol*
 * calls). Sizes are bytes. A pool is named by UUID first, then name; a
 * volume by its key (unique on the host), with the pool and name it had
 * when looked up. Declared with DriverRole.STORAGE (both roles together).
 * @since 1.3
 */

/** A handle on a storage pool (virStoragePoolPtr). */
export interface StoragePoolRef {
  name: string;
  uuid: string;
}

/** A handle on a storage volume (virStorageVolPtr): pool name, volume name, key. */
export interface StorageVolRef {
  pool: string;
  name: string;
  /** Unique on the host; for file volumes the path. */
  key: string;
}

/** virStoragePoolState. */
export enum StoragePoolState {
  INACTIVE = 0,
  BUILDING = 1,
  RUNNING = 2,
  DEGRADED = 3,
  INACCESSIBLE = 4,
}

/** virStoragePoolInfo. capacity, allocation and available in bytes; 0 while inactive. */
export interface StoragePoolInfo {
  state: StoragePoolState;
  capacity: number;
  allocation: number;
  available: number;
}

/** virStorageVolType. */
export enum StorageVolType {
  FILE = 0,
  BLOCK = 1,
  DIR = 2,
  NETWORK = 3,
  NETDIR = 4,
  PLOOP = 5,
}

/** virStorageVolInfo: capacity is what the guest sees, allocation what the host holds. */
export interface StorageVolInfo {
  type: StorageVolType;
  capacity: number;
  allocation: number;
}

/**
 * One piece of a volume stream: bytes, or (sparse streams only, with
 * StorageVolStreamFlags.SPARSE_STREAM) a run of zeros that is not sent,
 * as libvirt's virStreamSendHole / virStreamRecvHole.
 */
export type StreamChunk = { kind: 'data'; data: Uint8Array } | { kind: 'hole'; length: number };

/** Pools: virConnectListAllStoragePools, virStoragePoolLookupBy*, define, build, start, … @since 1.3 */
export interface StoragePoolRole {
  /** ListStoragePoolsFlags; 0 means all. Sorted by name. */
  listStoragePools(flags: number): Promise<StoragePoolRef[]>;
  /** NO_STORAGE_POOL when missing. */
  storagePoolLookupByName(name: string): Promise<StoragePoolRef>;
  storagePoolLookupByUuid(uuid: string): Promise<StoragePoolRef>;
  /** The pool a volume belongs to (virStoragePoolLookupByVolume). */
  storagePoolLookupByVolume(vol: StorageVolRef): Promise<StoragePoolRef>;
  /** Defines (or redefines an inactive) persistent pool. StoragePoolDefineFlags. */
  storagePoolDefineXml(xml: string, flags: number): Promise<StoragePoolRef>;
  /** Creates and starts a transient pool. StoragePoolCreateFlags. */
  storagePoolCreateXml(xml: string, flags: number): Promise<StoragePoolRef>;
  /** Prepares the pool's backing (a dir pool's directory). StoragePoolBuildFlags. */
  storagePoolBuild(pool: StoragePoolRef, flags: number): Promise<void>;
  /** Starts an inactive pool (virStoragePoolCreate). StoragePoolCreateFlags. */
  storagePoolCreate(pool: StoragePoolRef, flags: number): Promise<void>;
  /** Stops an active pool; a transient one is forgotten. Volumes are kept. */
  storagePoolDestroy(pool: StoragePoolRef): Promise<void>;
  /** Removes the pool's backing (an empty directory) of an inactive pool. flags: 0. */
  storagePoolDelete(pool: StoragePoolRef, flags: number): Promise<void>;
  /** Forgets an inactive persistent pool's definition. */
  storagePoolUndefine(pool: StoragePoolRef): Promise<void>;
  /** Reads the volumes and sizes again. flags: 0. */
  storagePoolRefresh(pool: StoragePoolRef, flags: number): Promise<void>;
  storagePoolGetInfo(pool: StoragePoolRef): Promise<StoragePoolInfo>;
  /** StorageXmlFlags. */
  storagePoolGetXmlDesc(pool: StoragePoolRef, flags: number): Promise<string>;
  storagePoolGetAutostart(pool: StoragePoolRef): Promise<boolean>;
  /** OPERATION_INVALID for a transient pool. */
  storagePoolSetAutostart(pool: StoragePoolRef, autostart: boolean): Promise<void>;
  storagePoolIsActive(pool: StoragePoolRef): Promise<boolean>;
  storagePoolIsPersistent(pool: StoragePoolRef): Promise<boolean>;
}

/** Volumes of active pools. @since 1.3 */
export interface StorageVolRole {
  /** virStoragePoolListAllVolumes; flags: 0. Sorted by name. */
  storagePoolListVolumes(pool: StoragePoolRef, flags: number): Promise<StorageVolRef[]>;
  /** NO_STORAGE_VOL when missing. */
  storageVolLookupByName(pool: StoragePoolRef, name: string): Promise<StorageVolRef>;
  storageVolLookupByKey(key: string): Promise<StorageVolRef>;
  storageVolLookupByPath(path: string): Promise<StorageVolRef>;
  /** Creates a volume from volume XML. StorageVolCreateFlags. */
  storageVolCreateXml(pool: StoragePoolRef, xml: string, flags: number): Promise<StorageVolRef>;
  /** Creates a volume holding a full copy of `source` (converted to the new format). StorageVolCreateFlags. */
  storageVolCreateXmlFrom(pool: StoragePoolRef, xml: string, source: StorageVolRef, flags: number): Promise<StorageVolRef>;
  /** StorageVolDeleteFlags. */
  storageVolDelete(vol: StorageVolRef, flags: number): Promise<void>;
  /** Overwrites the content with `algorithm` (StorageVolWipeAlgorithm; virStorageVolWipe is ZERO). flags: 0. */
  storageVolWipe(vol: StorageVolRef, algorithm: number, flags: number): Promise<void>;
  /** New capacity in bytes (added with DELTA). StorageVolResizeFlags; smaller only with SHRINK. */
  storageVolResize(vol: StorageVolRef, capacity: number, flags: number): Promise<void>;
  storageVolGetInfo(vol: StorageVolRef): Promise<StorageVolInfo>;
  /** flags: 0. */
  storageVolGetXmlDesc(vol: StorageVolRef, flags: number): Promise<string>;
  storageVolGetPath(vol: StorageVolRef): Promise<string>;
  /**
   * The volume's bytes from `offset`, `length` of them (0: to the end), as
   * stored (a qcow2 volume's image file). StorageVolStreamFlags: with
   * SPARSE_STREAM runs of zeros come as holes.
   */
  storageVolDownload(vol: StorageVolRef, offset: number, length: number, flags: number): Promise<AsyncIterable<StreamChunk>>;
  /**
   * Writes `data` into the volume from `offset`, at most `length` bytes (0:
   * no limit). Holes are refused without SPARSE_STREAM. Resolves once all
   * of `data` is written and flushed.
   */
  storageVolUpload(vol: StorageVolRef, offset: number, length: number, flags: number, data: AsyncIterable<StreamChunk>): Promise<void>;
}

export function hasStorageRole(c: DriverConnection): c is DriverConnection & StoragePoolRole & StorageVolRole {
  return c.features.has(DriverRole.STORAGE);
}

/** The methods DriverRole.STORAGE declares (the conformance suite checks them). */
export const STORAGE_ROLE_METHODS: readonly string[] = [
  'listStoragePools', 'storagePoolLookupByName', 'storagePoolLookupByUuid', 'storagePoolLookupByVolume', 'storagePoolDefineXml',
  'storagePoolCreateXml', 'storagePoolBuild', 'storagePoolCreate', 'storagePoolDestroy', 'storagePoolDelete', 'storagePoolUndefine',
  'storagePoolRefresh', 'storagePoolGetInfo', 'storagePoolGetXmlDesc', 'storagePoolGetAutostart', 'storagePoolSetAutostart',
  'storagePoolIsActive', 'storagePoolIsPersistent',
  'storagePoolListVolumes', 'storageVolLookupByName', 'storageVolLookupByKey', 'storageVolLookupByPath', 'storageVolCreateXml',
  'storageVolCreateXmlFrom', 'storageVolDelete', 'storageVolWipe', 'storageVolResize', 'storageVolGetInfo', 'storageVolGetXmlDesc',
  'storageVolGetPath', 'storageVolDownload', 'storageVolUpload',
];

/** virStoragePoolEventLifecycleType. */
export enum StoragePoolEventType {
  DEFINED = 0,
  UNDEFINED = 1,
  STARTED = 2,
  STOPPED = 3,
  /** The pool's backing was built (virStoragePoolBuild). */
  CREATED = 4,
  /** The pool's backing was removed (virStoragePoolDelete). */
  DELETED = 5,
}

/** One VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE event. libvirt's pool events carry no detail: it is 0. */
export interface StoragePoolLifecycleEvent {
  pool: StoragePoolRef;
  event: StoragePoolEventType;
  detail: number;
}

/** One VIR_STORAGE_POOL_EVENT_ID_REFRESH event: the pool's volumes and sizes were read again. */
export interface StoragePoolRefreshEvent {
  pool: StoragePoolRef;
}

/**
 * Storage pool events (virConnectStoragePoolEventRegisterAny), emitted
 * where libvirt's storage driver emits them: lifecycle DEFINED, UNDEFINED,
 * STARTED (start, or a transient create), STOPPED, CREATED (build) and
 * DELETED (delete); REFRESH after virStoragePoolRefresh and after a volume
 * upload finishes (the pool's sizes changed). Delivered after the call
 * that caused them returns, in order (core's EventBus). Declared with
 * DriverRole.STORAGE_POOL_EVENTS. @since 1.3
 */
export interface StoragePoolEventRole {
  onStoragePoolLifecycle(listener: (event: StoragePoolLifecycleEvent) => void): Unsubscribe;
  onStoragePoolRefresh(listener: (event: StoragePoolRefreshEvent) => void): Unsubscribe;
}

export function hasStoragePoolEventRole(c: DriverConnection): c is DriverConnection & StoragePoolEventRole {
  return c.features.has(DriverRole.STORAGE_POOL_EVENTS);
}
