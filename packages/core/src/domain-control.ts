import type { Connection } from './connection.js';
import type { Domain } from './domain.js';
import { ErrorCode, ErrorDomain, VirtError } from './errors.js';
import type { DriverConnection } from './driver/contract.js';
import {
  DomainModificationImpact, MetadataType, TYPED_PARAM_STRING_OKAY, VcpuFlags,
  hasDeviceDetachRole, hasDomainAutostartRole, hasDomainControlRole, hasDomainMetadataRole, hasDomainResourcesRole, hasDomainStatsRole,
  hasDomainTimeRole, hasManagedSaveRole, hasSchedulerRole,
  type BlockStats, type DomainEvent, type InterfaceStats, type MemoryStat, type TypedParams,
} from './driver/domain-control.js';

/**
 * The checks libvirt's public API makes before a domain-control call
 * reaches the driver (libvirt-domain.c: non-zero arguments, exclusive and
 * required flags, the shape of metadata arguments), raised from the DOMAIN
 * error domain as libvirt raises them, and the role guards.
 */
/** virReportInvalidArg: INVALID_ARG with the whole text, without virErrorMsg's "invalid argument: " prefix. */
const invalidArg = (message: string) => new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.DOMAIN, message });

/** virCheckNonZeroArgGoto. */
function nonZero(value: number, name: string, api: string): void {
  if (value === 0) throw invalidArg(`${name} in ${api} must not be zero`);
}

/** virCheckNonNullArgGoto / virCheckNullArgGoto. */
function present(value: unknown, name: string, api: string): void {
  if (value === undefined || value === null) throw invalidArg(`${name} in ${api} must not be NULL`);
}
function absent(value: unknown, name: string, api: string): void {
  if (value !== undefined && value !== null) throw invalidArg(`${name} in ${api} must be NULL`);
}

/** VIR_EXCLUSIVE_FLAGS_GOTO for AFFECT_LIVE and AFFECT_CONFIG. */
function liveOrConfig(flags: number): void {
  if ((flags & DomainModificationImpact.LIVE) && (flags & DomainModificationImpact.CONFIG)) {
    throw invalidArg("Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
  }
}

/** A role of the connection, or NO_SUPPORT naming the API; `write` refuses read-only connections first. */
function role<R>(conn: Connection, guard: (c: DriverConnection) => c is DriverConnection & R, api: string, write: boolean): DriverConnection & R {
  const c = write ? conn.writable() : conn.live();
  if (!guard(c)) throw conn.noSupport(api);
  return c;
}

/** The domain-control calls of one Domain handle; Domain's methods of the same names come here. */
export const domainControl = {
  reboot: async (d: Domain, flags: number) => role(d.connection, hasDomainControlRole, 'virDomainReboot', true).reboot(d.driverRef, flags),
  reset: async (d: Domain, flags: number) => role(d.connection, hasDomainControlRole, 'virDomainReset', true).reset(d.driverRef, flags),

  async setMemoryFlags(d: Domain, kib: number, flags: number, api = 'virDomainSetMemoryFlags'): Promise<void> {
    const c = role(d.connection, hasDomainResourcesRole, api, true);
    nonZero(kib, 'memory', api);
    return c.setMemoryFlags(d.driverRef, kib, flags);
  },
  async setVcpusFlags(d: Domain, count: number, flags: number): Promise<void> {
    const c = role(d.connection, hasDomainResourcesRole, 'virDomainSetVcpusFlags', true);
    nonZero(count, 'nvcpus', 'virDomainSetVcpusFlags');
    if ((flags & VcpuFlags.MAXIMUM) && !(flags & VcpuFlags.CONFIG)) {
      throw invalidArg("Flag 'VIR_DOMAIN_AFFECT_CONFIG' is required by flag 'VIR_DOMAIN_VCPU_MAXIMUM'");
    }
    return c.setVcpusFlags(d.driverRef, count, flags);
  },
  async getVcpusFlags(d: Domain, flags: number): Promise<number> {
    const c = role(d.connection, hasDomainResourcesRole, 'virDomainGetVcpusFlags', false);
    liveOrConfig(flags);
    return c.getVcpusFlags(d.driverRef, flags);
  },

  getAutostart: async (d: Domain) => role(d.connection, hasDomainAutostartRole, 'virDomainGetAutostart', false).domainGetAutostart(d.driverRef),
  setAutostart: async (d: Domain, on: boolean) => role(d.connection, hasDomainAutostartRole, 'virDomainSetAutostart', true).domainSetAutostart(d.driverRef, on),

  managedSave: async (d: Domain, flags: number) => role(d.connection, hasManagedSaveRole, 'virDomainManagedSave', true).managedSave(d.driverRef, flags),
  hasManagedSaveImage: async (d: Domain, flags: number) => role(d.connection, hasManagedSaveRole, 'virDomainHasManagedSaveImage', false).hasManagedSaveImage(d.driverRef, flags),
  managedSaveRemove: async (d: Domain, flags: number) => role(d.connection, hasManagedSaveRole, 'virDomainManagedSaveRemove', true).managedSaveRemove(d.driverRef, flags),

  async getMetadata(d: Domain, type: MetadataType, uri: string | undefined, flags: number): Promise<string> {
    const api = 'virDomainGetMetadata';
    const c = role(d.connection, hasDomainMetadataRole, api, false);
    liveOrConfig(flags);
    if (type === MetadataType.ELEMENT) present(uri, 'uri', api);
    else absent(uri, 'uri', api);
    return c.getMetadata(d.driverRef, type, uri, flags);
  },
  async setMetadata(d: Domain, type: MetadataType, metadata: string | undefined, key: string | undefined, uri: string | undefined, flags: number): Promise<void> {
    const api = 'virDomainSetMetadata';
    const c = role(d.connection, hasDomainMetadataRole, api, true);
    if (type === MetadataType.ELEMENT) {
      present(uri, 'uri', api);
      if (metadata) present(key, 'key', api);
    } else {
      absent(uri, 'uri', api);
      absent(key, 'key', api);
      if (type === MetadataType.TITLE && metadata?.includes('\n')) throw invalidArg("metadata title can't contain newlines");
    }
    return c.setMetadata(d.driverRef, type, metadata, key, uri, flags);
  },

  getSchedulerType: async (d: Domain) => role(d.connection, hasSchedulerRole, 'virDomainGetSchedulerType', false).getSchedulerType(d.driverRef),
  /** `flags` undefined: virDomainGetSchedulerParameters; given: the *Flags call, with TYPED_PARAM_STRING_OKAY added as libvirt adds it. */
  async getSchedulerParameters(d: Domain, flags?: number): Promise<TypedParams> {
    const c = role(d.connection, hasSchedulerRole, 'virDomainGetSchedulerParameters', false);
    if (flags === undefined) return c.getSchedulerParameters(d.driverRef, 0);
    liveOrConfig(flags);
    return c.getSchedulerParameters(d.driverRef, flags | TYPED_PARAM_STRING_OKAY);
  },
  setSchedulerParameters: async (d: Domain, params: TypedParams, flags: number) =>
    role(d.connection, hasSchedulerRole, 'virDomainSetSchedulerParameters', true).setSchedulerParameters(d.driverRef, params, flags),

  blockStats: async (d: Domain, path: string): Promise<BlockStats> => role(d.connection, hasDomainStatsRole, 'virDomainBlockStats', false).blockStats(d.driverRef, path),
  async interfaceStats(d: Domain, path: string): Promise<InterfaceStats> {
    const c = role(d.connection, hasDomainStatsRole, 'virDomainInterfaceStats', false);
    present(path || undefined, 'device', 'virDomainInterfaceStats');
    return c.interfaceStats(d.driverRef, path);
  },
  async memoryStats(d: Domain, nrStats: number, flags: number): Promise<MemoryStat[]> {
    const c = role(d.connection, hasDomainStatsRole, 'virDomainMemoryStats', false);
    // libvirt asks the driver nothing for no room, and answers none.
    if (nrStats === 0) return [];
    return c.memoryStats(d.driverRef, nrStats, flags);
  },

  getTime: async (d: Domain, flags: number) => role(d.connection, hasDomainTimeRole, 'virDomainGetTime', false).getTime(d.driverRef, flags),
  setTime: async (d: Domain, time: { seconds: number; nseconds: number } | undefined, flags: number) =>
    role(d.connection, hasDomainTimeRole, 'virDomainSetTime', true).setTime(d.driverRef, time, flags),

  detachDevice: async (d: Domain, xml: string, flags: number) => role(d.connection, hasDeviceDetachRole, 'virDomainDetachDeviceFlags', true).detachDevice(d.driverRef, xml, flags),
};

/** A domain event as the public API delivers it: the driver's event with a Domain handle. */
export type PublicDomainEvent = DomainEvent extends infer E ? (E extends { domain: unknown } ? Omit<E, 'domain'> & { domain: Domain } : never) : never;
