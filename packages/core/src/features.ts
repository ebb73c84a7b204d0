/**
 * libvirt's virDrvFeature (src/libvirt_internal.h). The numbers travel over
 * the wire in CONNECT_SUPPORTS_FEATURE, so the list is append-only.
 */
export enum DrvFeature {
  /** Prepare / Perform / Finish. */
  MIGRATION_V1 = 1,
  /** The driver is not local. Answered by the remote layer only. */
  REMOTE = 2,
  /** Prepare2(dom_xml) / Perform / Finish2(retcode). */
  MIGRATION_V2 = 3,
  /** The source host runs every phase itself. */
  MIGRATION_P2P = 4,
  /** Only the source is involved; only Perform is called. */
  MIGRATION_DIRECT = 5,
  /** Begin3 / Prepare3 / Perform3 / Finish3 / Confirm3. */
  MIGRATION_V3 = 6,
  MIGRATE_CHANGE_PROTECTION = 7,
  FD_PASSING = 8,
  TYPED_PARAM_STRING = 9,
  PROGRAM_KEEPALIVE = 10,
  /** GetXMLDesc accepts VIR_DOMAIN_XML_MIGRATABLE. */
  XML_MIGRATABLE = 11,
  MIGRATION_OFFLINE = 12,
  /** Typed-parameter (*3Params) migration calls. */
  MIGRATION_PARAMS = 13,
  REMOTE_EVENT_CALLBACK = 14,
  REMOTE_CLOSE_CALLBACK = 15,
  NETWORK_UPDATE_HAS_CORRECT_ORDER = 16,
}

/** Features no local driver decides (libvirt's virDriverFeatureIsGlobal). */
export function globalFeatureAnswer(feature: number): boolean | undefined {
  switch (feature) {
    case DrvFeature.REMOTE:
    case DrvFeature.PROGRAM_KEEPALIVE:
    case DrvFeature.REMOTE_CLOSE_CALLBACK:
    case DrvFeature.REMOTE_EVENT_CALLBACK:
      return false;
    case DrvFeature.TYPED_PARAM_STRING:
    case DrvFeature.NETWORK_UPDATE_HAS_CORRECT_ORDER:
    case DrvFeature.FD_PASSING:
      return true;
    default:
      return undefined;
  }
}

/**
 * Roles of the driver contract that libvirt has no feature number for. A
 * driver declares them in its feature set beside libvirt's numbers; they
 * come from a private range and never travel over the wire.
 */
export enum DriverRole {
  /** JobRole: getJobInfo, getJobStats, abortJob. */
  JOBS = 0x7f000001,
  /** EventRole: onLifecycle. */
  EVENTS = 0x7f000002,
  /** SaveRole: save, restore. */
  SAVE = 0x7f000003,
  /** CloseEventRole: onConnectionClose. */
  CLOSE_EVENTS = 0x7f000004,
  /** NetworkRole: virtual networks (listNetworks, networkDefineXml, …). */
  NETWORKS = 0x7f000010,
  /** StoragePoolRole and StorageVolRole (driver/storage.ts): pools, volumes, volume streams. */
  STORAGE = 0x7f000011,
  /** NetworkEventRole (driver/network.ts): onNetworkLifecycle. */
  NETWORK_EVENTS = 0x7f000018,
  /** StoragePoolEventRole (driver/storage.ts): onStoragePoolLifecycle, onStoragePoolRefresh. */
  STORAGE_POOL_EVENTS = 0x7f000019,
  /** MigrationTuningRole: migrateSetMaxDowntime, migrateGetMaxDowntime, migrateSetMaxSpeed, migrateGetMaxSpeed. */
  MIGRATION_TUNING = 0x7f000020,
  /** MigrationPostCopyRole: migrateStartPostCopy. */
  MIGRATION_POSTCOPY = 0x7f000021,
  /** The domain-control roles (driver/domain-control.ts): DomainControlRole: reboot, reset. */
  DOMAIN_CONTROL = 0x7f000030,
  /** DomainResourcesRole: setMemoryFlags, setVcpusFlags, getVcpusFlags. */
  DOMAIN_RESOURCES = 0x7f000031,
  /** DomainAutostartRole: domainGetAutostart, domainSetAutostart. */
  DOMAIN_AUTOSTART = 0x7f000032,
  /** ManagedSaveRole: managedSave, hasManagedSaveImage, managedSaveRemove. */
  MANAGED_SAVE = 0x7f000033,
  /** DomainMetadataRole: getMetadata, setMetadata. */
  DOMAIN_METADATA = 0x7f000034,
  /** SchedulerRole: getSchedulerType, getSchedulerParameters, setSchedulerParameters. */
  SCHEDULER = 0x7f000035,
  /** DomainStatsRole: blockStats, interfaceStats, memoryStats, getAllDomainStats. */
  DOMAIN_STATS = 0x7f000036,
  /** DeviceDetachRole: detachDevice. */
  DEVICE_DETACH = 0x7f000037,
  /** DomainEventRole: onDomainEvent (reboot, device added/removed, metadata change). */
  DOMAIN_EVENTS = 0x7f000038,
  /** DomainTimeRole: getTime, setTime. */
  DOMAIN_TIME = 0x7f000039,
  /** SnapshotRole (driver/snapshot.ts): domain snapshots. */
  SNAPSHOTS = 0x7f000040,
  /** InterfaceRole (driver/interface.ts): host interfaces and their change transaction. */
  INTERFACES = 0x7f000041,
  /** NodeDeviceRole (driver/node-device.ts): host devices. */
  NODE_DEVICES = 0x7f000042,
  /** SecretRole (driver/secret.ts): secrets and their values. */
  SECRETS = 0x7f000043,
  /** NWFilterRole (driver/nwfilter.ts): network filters. */
  NWFILTERS = 0x7f000044,
  /** CheckpointRole (driver/checkpoint.ts): domain checkpoints. */
  CHECKPOINTS = 0x7f000045,
  /** QemuMonitorRole (driver/qemu-monitor.ts): QEMU monitor commands and events passed through (libvirt-qemu). */
  QEMU_MONITOR = 0x7f0000a0,
  /** ConsoleRole (driver/domain-streams.ts): openConsole. */
  CONSOLE = 0x7f000050,
  /** ScreenshotRole: screenshot. */
  SCREENSHOT = 0x7f000051,
  /** SendKeyRole: sendKey. */
  SEND_KEY = 0x7f000052,
  /** HostInfoRole (driver/host-info.ts): the host's memory, CPU statistics and map, free pages, vCPU limit, sysinfo. */
  HOST_INFO = 0x7f000060,
  /** DomainInfoRole (driver/domain-info.ts): vCPUs and pinning, control state, block info, disk errors, guest hostname and file systems, I/O threads, CPU statistics. */
  DOMAIN_INFO = 0x7f000061,
  /** DomainGuestRole (driver/domain-guest.ts): NMI, process signals, user passwords, file system trim, freeze and thaw. */
  DOMAIN_GUEST = 0x7f000062,
  /** DomainPinningRole (driver/domain-info.ts): vCPU and emulator pinning. */
  DOMAIN_PINNING = 0x7f000063,
}

/** True for the numbers of DriverRole's private range. */
export function isDriverRole(feature: number): boolean {
  return feature >= 0x7f000000 && feature <= 0x7fffffff;
}
