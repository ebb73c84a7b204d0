import { ErrorCode, ErrorDomain, VirtError, errorReporter } from './errors.js';

const fail = errorReporter(ErrorDomain.NONE);

/** virDomainMigrateFlags. */
export const MigrateFlags = {
  LIVE: 1 << 0,
  PEER2PEER: 1 << 1,
  TUNNELLED: 1 << 2,
  PERSIST_DEST: 1 << 3,
  UNDEFINE_SOURCE: 1 << 4,
  PAUSED: 1 << 5,
  NON_SHARED_DISK: 1 << 6,
  NON_SHARED_INC: 1 << 7,
  CHANGE_PROTECTION: 1 << 8,
  UNSAFE: 1 << 9,
  OFFLINE: 1 << 10,
  COMPRESSED: 1 << 11,
  ABORT_ON_ERROR: 1 << 12,
  AUTO_CONVERGE: 1 << 13,
  RDMA_PIN_ALL: 1 << 14,
  POSTCOPY: 1 << 15,
  TLS: 1 << 16,
  PARALLEL: 1 << 17,
  NON_SHARED_SYNCHRONOUS_WRITES: 1 << 18,
  POSTCOPY_RESUME: 1 << 19,
  ZEROCOPY: 1 << 20,
} as const;

/** virDomainMigrateMaxSpeedFlags (virDomainMigrateSetMaxSpeed, virDomainMigrateGetMaxSpeed). */
export const MigrateMaxSpeedFlags = {
  /** The bandwidth of the post-copy phase instead of pre-copy's. */
  POSTCOPY: 1 << 0,
} as const;

/** virDomainXMLFlags for GetXMLDesc. */
export const DomainXmlFlags = {
  SECURE: 1 << 0,
  INACTIVE: 1 << 1,
  UPDATE_CPU: 1 << 2,
  MIGRATABLE: 1 << 3,
} as const;

/** virConnectListAllDomainsFlags. */
export const ListDomainsFlags = {
  ACTIVE: 1 << 0,
  INACTIVE: 1 << 1,
  PERSISTENT: 1 << 2,
  TRANSIENT: 1 << 3,
  RUNNING: 1 << 4,
  PAUSED: 1 << 5,
  SHUTOFF: 1 << 6,
  OTHER: 1 << 7,
  MANAGEDSAVE: 1 << 8,
  NO_MANAGEDSAVE: 1 << 9,
  AUTOSTART: 1 << 10,
  NO_AUTOSTART: 1 << 11,
  HAS_SNAPSHOT: 1 << 12,
  NO_SNAPSHOT: 1 << 13,
  HAS_CHECKPOINT: 1 << 14,
  NO_CHECKPOINT: 1 << 15,
} as const;

/** virDomainDefineFlags. */
export const DefineFlags = { VALIDATE: 1 << 0 } as const;

/** virDomainUndefineFlagsValues that a driver without snapshots or NVRAM can accept. */
export const UndefineFlags = {
  MANAGED_SAVE: 1 << 0,
  SNAPSHOTS_METADATA: 1 << 1,
  NVRAM: 1 << 2,
  KEEP_NVRAM: 1 << 3,
  CHECKPOINTS_METADATA: 1 << 4,
} as const;

/** virDomainCreateFlags (create / createXML). */
export const CreateFlags = {
  START_PAUSED: 1 << 0,
  START_AUTODESTROY: 1 << 1,
  START_BYPASS_CACHE: 1 << 2,
  START_FORCE_BOOT: 1 << 3,
  START_VALIDATE: 1 << 4,
} as const;

/** virDomainShutdownFlagValues. */
export const ShutdownFlags = {
  DEFAULT: 0,
  ACPI_POWER_BTN: 1 << 0,
  GUEST_AGENT: 1 << 1,
  INITCTL: 1 << 2,
  SIGNAL: 1 << 3,
  PARAVIRT: 1 << 4,
} as const;

/** virDomainSaveRestoreFlags. */
export const SaveRestoreFlags = { BYPASS_CACHE: 1 << 0, RUNNING: 1 << 1, PAUSED: 1 << 2 } as const;

/** virDomainDestroyFlagsValues. */
export const DestroyFlags = { DEFAULT: 0, GRACEFUL: 1 << 0 } as const;

/**
 * libvirt's virCheckFlags: a flag outside `allowed` is an error, never
 * ignored. `where` names the API in the message.
 */
export function checkFlags(flags: number, allowed: number, where: string, domain: ErrorDomain = ErrorDomain.NONE): void {
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xffffffff) {
    throw fail(ErrorCode.INVALID_ARG, `flags must be an unsigned 32-bit integer in function ${where}`);
  }
  const unknown = (flags & ~allowed) >>> 0;
  if (unknown !== 0) {
    // libvirt's virCheckFlags raises the whole text, without virErrorMsg's "invalid argument: " prefix.
    throw new VirtError({ code: ErrorCode.INVALID_ARG, domain, message: `unsupported flags (0x${unknown.toString(16)}) in function ${where}` });
  }
}

/** OR of every value in one of the flag tables above. */
export function allFlags(table: Record<string, number>): number {
  return Object.values(table).reduce((a, b) => (a | b) >>> 0, 0);
}

/**
 * The state bits virConnectListAllNetworksFlags and
 * virConnectListAllStoragePoolsFlags share (libvirt gives both the same values).
 */
const OBJECT_STATE_LIST_FLAGS = {
  INACTIVE: 1 << 0,
  ACTIVE: 1 << 1,
  PERSISTENT: 1 << 2,
  TRANSIENT: 1 << 3,
  AUTOSTART: 1 << 4,
  NO_AUTOSTART: 1 << 5,
} as const;

/** virConnectListAllNetworksFlags. */
export const ListNetworksFlags = { ...OBJECT_STATE_LIST_FLAGS } as const;

/** virNetworkXMLFlags for virNetworkGetXMLDesc. */
export const NetworkXmlFlags = { INACTIVE: 1 << 0 } as const;

/** virNetworkDefineFlags and virNetworkCreateFlags. */
export const NetworkDefineFlags = { VALIDATE: 1 << 0 } as const;

/** virNetworkUpdateCommand: what virNetworkUpdate does with the XML fragment. */
export const NetworkUpdateCommand = { NONE: 0, MODIFY: 1, DELETE: 2, ADD_LAST: 3, ADD_FIRST: 4 } as const;

/** virNetworkUpdateSection: which part of the network the fragment is. */
export const NetworkUpdateSection = {
  NONE: 0,
  BRIDGE: 1,
  DOMAIN: 2,
  IP: 3,
  IP_DHCP_HOST: 4,
  IP_DHCP_RANGE: 5,
  FORWARD: 6,
  FORWARD_INTERFACE: 7,
  FORWARD_PF: 8,
  PORTGROUP: 9,
  DNS_HOST: 10,
  DNS_TXT: 11,
  DNS_SRV: 12,
} as const;

/** virNetworkUpdateFlags; AFFECT_CURRENT (0) is the live network when it runs, else the definition. */
export const NetworkUpdateFlags = { AFFECT_CURRENT: 0, AFFECT_LIVE: 1 << 0, AFFECT_CONFIG: 1 << 1 } as const;

/** virDomainInterfaceAddressesSource. A value, not a flag mask. */
export const InterfaceAddressesSource = { LEASE: 0, AGENT: 1, ARP: 2 } as const;

/** virDomainDeviceModifyFlags (attach, detach and update device). */
export const DeviceModifyFlags = { CURRENT: 0, LIVE: 1 << 0, CONFIG: 1 << 1, FORCE: 1 << 2 } as const;

/**
 * virDomainBlockResizeFlags: BYTES gives the size in bytes (default KiB);
 * CAPACITY grows a raw block-device disk to its device's full size.
 */
export const DomainBlockResizeFlags = { BYTES: 1 << 0, CAPACITY: 1 << 1 } as const;

/** virConnectListAllStoragePoolsFlags. */
export const ListStoragePoolsFlags = {
  ...OBJECT_STATE_LIST_FLAGS,
  DIR: 1 << 6,
  FS: 1 << 7,
  NETFS: 1 << 8,
  LOGICAL: 1 << 9,
  DISK: 1 << 10,
  ISCSI: 1 << 11,
  SCSI: 1 << 12,
  MPATH: 1 << 13,
  RBD: 1 << 14,
  SHEEPDOG: 1 << 15,
  GLUSTER: 1 << 16,
  ZFS: 1 << 17,
  VSTORAGE: 1 << 18,
  ISCSI_DIRECT: 1 << 19,
} as const;

/** virStoragePoolBuildFlags (0 is VIR_STORAGE_POOL_BUILD_NEW). */
export const StoragePoolBuildFlags = { REPAIR: 1 << 0, RESIZE: 1 << 1, NO_OVERWRITE: 1 << 2, OVERWRITE: 1 << 3 } as const;

/** virStoragePoolCreateFlags (0 is VIR_STORAGE_POOL_CREATE_NORMAL). */
export const StoragePoolCreateFlags = { WITH_BUILD: 1 << 0, WITH_BUILD_OVERWRITE: 1 << 1, WITH_BUILD_NO_OVERWRITE: 1 << 2 } as const;

/** virStoragePoolDefineFlags. */
export const StoragePoolDefineFlags = { VALIDATE: 1 << 0 } as const;

/** virStorageXMLFlags for pool and volume GetXMLDesc. */
export const StorageXmlFlags = { INACTIVE: 1 << 0 } as const;

/** virStorageVolCreateFlags. */
export const StorageVolCreateFlags = { PREALLOC_METADATA: 1 << 0, REFLINK: 1 << 1, VALIDATE: 1 << 2 } as const;

/** virStorageVolDeleteFlags (0 is VIR_STORAGE_VOL_DELETE_NORMAL). */
export const StorageVolDeleteFlags = { ZEROED: 1 << 0, WITH_SNAPSHOTS: 1 << 1 } as const;

/** virStorageVolResizeFlags: ALLOCATE preallocates, DELTA adds to the capacity, SHRINK allows a smaller one. */
export const StorageVolResizeFlags = { ALLOCATE: 1 << 0, DELTA: 1 << 1, SHRINK: 1 << 2 } as const;

/** virStorageVolUploadFlags / virStorageVolDownloadFlags: the stream may carry holes. */
export const StorageVolStreamFlags = { SPARSE_STREAM: 1 << 0 } as const;

/** virStorageVolWipeAlgorithm; only ZERO is implemented by local drivers here. */
export enum StorageVolWipeAlgorithm {
  ZERO = 0,
  NNSA = 1,
  DOD = 2,
  BSI = 3,
  GUTMANN = 4,
  SCHNEIER = 5,
  PFITZNER7 = 6,
  PFITZNER33 = 7,
  RANDOM = 8,
  TRIM = 9,
}
