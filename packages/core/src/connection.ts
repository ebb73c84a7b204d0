import { ErrorCode, ErrorDomain, VirtError, errorReporter } from './errors.js';
import { DrvFeature, globalFeatureAnswer, isDriverRole } from './features.js';
import { type ConnectionCloseEvent, type DriverConnection, type HypervisorDriver, hasCloseEventRole, hasEventRole, hasJobRole, hasSaveRole } from './driver/contract.js';
import type { DomainEventType, DomainRef, NodeInfo, Unsubscribe } from './driver/types.js';
import { checkFlags, ListDomainsFlags, ListNetworksFlags, ListStoragePoolsFlags, NetworkDefineFlags, StoragePoolCreateFlags, StoragePoolDefineFlags, allFlags } from './flags.js';
import { Domain } from './domain.js';
import { canRunPeer2Peer } from './migration/peer2peer.js';
import { isUuid } from './domain/uuid.js';
import { LIB_VERSION } from './version.js';
import { hasNetworkEventRole, hasNetworkRole, type NetworkEventType } from './driver/network.js';
import { Network } from './network.js';
import { hasStorageRole, hasStoragePoolEventRole, type StoragePoolEventType } from './driver/storage.js';
import { StoragePool, StorageVol } from './storage-pool.js';
import { silentLogger, systemClock } from './services.js';
import { GetAllDomainStatsFlags, hasDomainEventRole, hasDomainStatsRole } from './driver/domain-control.js';
import type { PublicDomainEvent } from './domain-control.js';
import type { Clock, Logger } from './tokens.js';
import { EventSubscription, unsubscribeOnAbort } from './event-subscription.js';

const fail = errorReporter(ErrorDomain.NONE);

/**
 * virsh's lookup of an object argument: as a UUID when it is one and that
 * finds the object, otherwise as a name.
 */
async function uuidThenName<T>(text: string, byUuid: (uuid: string) => Promise<T>, byName: (name: string) => Promise<T>): Promise<T> {
  if (isUuid(text)) {
    try { return await byUuid(text); } catch { /* fall through to name */ }
  }
  return byName(text);
}

/** What a connection takes from its Virt instance's container. */
export interface ConnectionServices {
  clock: Clock;
  logger: Logger;
  /**
   * Opens another connection with the same Virt, as a migration peer
   * (OpenOptions.migrationPeer): how a source host reaches the destination
   * of a peer-to-peer migration. Absent, peer-to-peer migration is not offered.
   */
  connect?: (uri: string) => Promise<Connection>;
}

/** A lifecycle event as the public API delivers it. */
export interface LifecycleEvent {
  domain: Domain;
  event: DomainEventType;
  detail: number;
}

/** A network lifecycle event as Connection.onNetworkLifecycle delivers it. */
export interface NetworkLifecycle {
  network: Network;
  event: NetworkEventType;
  detail: number;
}

/** A storage pool lifecycle event as Connection.onStoragePoolLifecycle delivers it. */
export interface StoragePoolLifecycle {
  pool: StoragePool;
  event: StoragePoolEventType;
  detail: number;
}

/** The event families of Connection.events(), by name, and what each delivers. */
export interface ConnectionEvents {
  /** Domain lifecycle (onLifecycle). */
  lifecycle: LifecycleEvent;
  /** Reboot, device added/removed, metadata change (onDomainEvent). */
  domain: PublicDomainEvent;
  'network-lifecycle': NetworkLifecycle;
  'storage-pool-lifecycle': StoragePoolLifecycle;
  'storage-pool-refresh': { pool: StoragePool };
  /** The connection dying under the caller (registerCloseCallback). */
  close: ConnectionCloseEvent;
}

/** The filter of each family (the on* method's), and the signal that ends the subscription. */
export type EventOptions<K extends keyof ConnectionEvents> = { signal?: AbortSignal } & (
  K extends 'lifecycle' | 'domain' ? { domain?: Domain }
    : K extends 'network-lifecycle' ? { network?: Network }
      : K extends 'storage-pool-lifecycle' | 'storage-pool-refresh' ? { pool?: StoragePool }
        : Record<never, never>);

/**
 * An open connection to one hypervisor host (virConnectPtr). Wraps a
 * driver's connection: read-only enforcement, global features and missing
 * roles are answered here, once, for every driver.
 */
export class Connection {
  private closed = false;
  /** The iterator subscriptions still open (events()); they end when the connection closes. */
  private readonly subscriptions = new Set<{ unsubscribe(): void }>();

  constructor(
    readonly uri: string,
    /** @internal */ readonly driverConnection: DriverConnection,
    readonly driver: HypervisorDriver,
    readonly readonly: boolean,
    /** The Virt instance's services (its clock and logger). */
    readonly services: ConnectionServices = { clock: systemClock, logger: silentLogger },
    private readonly onClose: (c: Connection) => void = () => {},
  ) {}

  /** @internal */
  live(): DriverConnection {
    if (this.closed) throw fail(ErrorCode.INVALID_CONN, 'a closed connection');
    return this.driverConnection;
  }

  /** @internal Throws OPERATION_DENIED on a read-only connection. */
  writable(): DriverConnection {
    const c = this.live();
    if (this.readonly) throw fail(ErrorCode.OPERATION_DENIED, 'read only access prevents this operation');
    return c;
  }

  getType(): Promise<string> { return this.live().getType(); }
  getVersion(): Promise<number> { return this.live().getVersion(); }
  async getLibVersion(): Promise<number> { this.live(); return LIB_VERSION; }
  getHostname(): Promise<string> { return this.live().getHostname(); }
  getUri(): Promise<string> { return this.live().getUri(); }
  getNodeInfo(): Promise<NodeInfo> { return this.live().getNodeInfo(); }
  getCapabilities(): Promise<string> { return this.live().getCapabilities(); }

  async supportsFeature(feature: DrvFeature | number): Promise<boolean> {
    const c = this.live();
    if (!Number.isInteger(feature)) throw fail(ErrorCode.INVALID_ARG, `feature ${feature} is not an integer`);
    if (isDriverRole(feature)) return false;
    if (!this.driver.remote) {
      const global = globalFeatureAnswer(feature);
      if (global !== undefined) return global;
      // Core runs peer-to-peer migration for a local driver with the managed phases (migration/peer2peer.ts).
      if (feature === DrvFeature.MIGRATION_P2P) return canRunPeer2Peer(this);
    }
    return c.features.has(feature);
  }

  async listAllDomains(flags = 0): Promise<Domain[]> {
    checkFlags(flags, allFlags(ListDomainsFlags), 'virConnectListAllDomains');
    const refs = await this.live().listDomains(flags);
    return refs.map((r) => new Domain(this, r));
  }

  /** Ids of running domains (virConnectListDomains). */
  async listDomainIds(): Promise<number[]> {
    const refs = await this.live().listDomains(ListDomainsFlags.ACTIVE);
    return refs.map((r) => r.id).sort((a, b) => a - b);
  }

  /** Names of inactive persistent domains (virConnectListDefinedDomains). */
  async listDefinedDomainNames(): Promise<string[]> {
    const refs = await this.live().listDomains(ListDomainsFlags.INACTIVE);
    return refs.map((r) => r.name).sort();
  }

  async lookupDomainByName(name: string): Promise<Domain> { return new Domain(this, await this.live().lookupByName(name)); }
  async lookupDomainByUuid(uuid: string): Promise<Domain> { return new Domain(this, await this.live().lookupByUuid(uuid)); }
  async lookupDomainById(id: number): Promise<Domain> { return new Domain(this, await this.live().lookupById(id)); }

  /** Looks up by id, UUID or name, as virsh does with a domain argument. */
  async lookupDomain(text: string): Promise<Domain> {
    if (/^\d+$/.test(text)) {
      try { return await this.lookupDomainById(Number(text)); } catch { /* fall through to name */ }
    }
    return uuidThenName(text, (u) => this.lookupDomainByUuid(u), (n) => this.lookupDomainByName(n));
  }

  async defineDomain(xml: string, flags = 0): Promise<Domain> { return new Domain(this, await this.writable().defineXml(xml, flags)); }
  async createDomain(xml: string, flags = 0): Promise<Domain> { return new Domain(this, await this.writable().createXml(xml, flags)); }

  /** virDomainRestoreFlags: starts the domain saved in `path`. flags: SaveRestoreFlags. */
  async restoreDomain(path: string, flags = 0): Promise<Domain> {
    const c = this.writable();
    if (!hasSaveRole(c)) throw this.noSupport('restore');
    return new Domain(this, await c.restore(path, flags));
  }

  /** Subscribes to lifecycle events, optionally of one domain (by UUID). */
  onLifecycle(listener: (event: LifecycleEvent) => void, filter: { domain?: Domain; signal?: AbortSignal } = {}): Unsubscribe {
    const c = this.live();
    if (!hasEventRole(c)) throw this.noSupport('lifecycle events');
    return unsubscribeOnAbort(c.onLifecycle((e) => {
      if (filter.domain && filter.domain.uuid !== e.domain.uuid) return;
      listener({ domain: new Domain(this, e.domain), event: e.event, detail: e.detail });
    }), filter.signal);
  }

  /** virConnectNetworkEventRegisterAny (LIFECYCLE), optionally of one network (by UUID). NO_SUPPORT without the driver's NETWORK_EVENTS role. */
  onNetworkLifecycle(listener: (event: NetworkLifecycle) => void, filter: { network?: Network; signal?: AbortSignal } = {}): Unsubscribe {
    const c = this.live();
    if (!hasNetworkEventRole(c)) throw this.noSupport('network events');
    return unsubscribeOnAbort(c.onNetworkLifecycle((e) => {
      if (filter.network && filter.network.uuid !== e.network.uuid) return;
      listener({ network: new Network(this, e.network), event: e.event, detail: e.detail });
    }), filter.signal);
  }

  /** virConnectStoragePoolEventRegisterAny (LIFECYCLE), optionally of one pool (by UUID). */
  onStoragePoolLifecycle(listener: (event: StoragePoolLifecycle) => void, filter: { pool?: StoragePool; signal?: AbortSignal } = {}): Unsubscribe {
    const c = this.live();
    if (!hasStoragePoolEventRole(c)) throw this.noSupport('storage pool events');
    return unsubscribeOnAbort(c.onStoragePoolLifecycle((e) => {
      if (filter.pool && filter.pool.uuid !== e.pool.uuid) return;
      listener({ pool: new StoragePool(this, e.pool), event: e.event, detail: e.detail });
    }), filter.signal);
  }

  /** virConnectStoragePoolEventRegisterAny (REFRESH), optionally of one pool (by UUID). */
  onStoragePoolRefresh(listener: (event: { pool: StoragePool }) => void, filter: { pool?: StoragePool; signal?: AbortSignal } = {}): Unsubscribe {
    const c = this.live();
    if (!hasStoragePoolEventRole(c)) throw this.noSupport('storage pool events');
    return unsubscribeOnAbort(c.onStoragePoolRefresh((e) => {
      if (filter.pool && filter.pool.uuid !== e.pool.uuid) return;
      listener({ pool: new StoragePool(this, e.pool) });
    }), filter.signal);
  }

  /**
   * virConnectGetAllDomainStats / virDomainListGetStats: `stats` groups
   * (DomainStatsTypes; 0 for all) of `domains`, or of every domain the
   * GetAllDomainStatsFlags filter keeps.
   */
  async getAllDomainStats(stats = 0, flags = 0, domains?: Domain[]): Promise<Array<{ domain: Domain; params: Record<string, number | bigint | string | boolean> }>> {
    checkFlags(flags, allFlags(GetAllDomainStatsFlags), domains ? 'virDomainListGetStats' : 'virConnectGetAllDomainStats');
    const c = this.live();
    if (!hasDomainStatsRole(c)) throw this.noSupport('virConnectGetAllDomainStats');
    const records = await c.getAllDomainStats(domains?.map((d) => d.driverRef), stats, flags);
    return records.map((r) => ({ domain: new Domain(this, r.domain), params: r.params }));
  }

  /** Subscribes to reboot, device and metadata events, optionally of one domain (by UUID). */
  onDomainEvent(listener: (event: PublicDomainEvent) => void, filter: { domain?: Domain; signal?: AbortSignal } = {}): Unsubscribe {
    const c = this.live();
    if (!hasDomainEventRole(c)) throw this.noSupport('domain events');
    return unsubscribeOnAbort(c.onDomainEvent((e) => {
      if (filter.domain && filter.domain.uuid !== e.domain.uuid) return;
      listener({ ...e, domain: new Domain(this, e.domain) } as PublicDomainEvent);
    }), filter.signal);
  }

  /**
   * virConnectRegisterCloseCallback: told once, with the reason, when the
   * connection dies under the caller (EOF, keepalive timeout, transport
   * error). NO_SUPPORT for drivers without a transport to lose.
   */
  registerCloseCallback(listener: (event: ConnectionCloseEvent) => void, options: { signal?: AbortSignal } = {}): Unsubscribe {
    const c = this.live();
    if (!hasCloseEventRole(c)) throw this.noSupport('close callbacks');
    return unsubscribeOnAbort(c.onConnectionClose(listener), options.signal);
  }

  /**
   * The events of one family as an async iterator (the same events the
   * on* method of the family delivers, with the same filter), ending when
   * the loop leaves, on `signal`, or when this connection closes:
   *
   *     for await (const e of conn.events('lifecycle', { domain, signal })) { … }
   *
   * NO_SUPPORT, at once, when the driver lacks the family's role.
   */
  events<K extends keyof ConnectionEvents>(family: K, options: EventOptions<K> = {} as EventOptions<K>): EventSubscription<ConnectionEvents[K]> {
    const { signal, ...filter } = options as EventOptions<K> & { signal?: AbortSignal };
    const subscribe = (listener: (e: ConnectionEvents[K]) => void): Unsubscribe => {
      const on = {
        lifecycle: () => this.onLifecycle(listener as never, filter),
        domain: () => this.onDomainEvent(listener as never, filter),
        'network-lifecycle': () => this.onNetworkLifecycle(listener as never, filter),
        'storage-pool-lifecycle': () => this.onStoragePoolLifecycle(listener as never, filter),
        'storage-pool-refresh': () => this.onStoragePoolRefresh(listener as never, filter),
        close: () => this.registerCloseCallback(listener as never),
      } satisfies Record<keyof ConnectionEvents, () => Unsubscribe>;
      const off = on[family]();
      return () => { off(); this.subscriptions.delete(sub); };
    };
    const sub: EventSubscription<ConnectionEvents[K]> = new EventSubscription(subscribe, signal);
    if (!sub.closed) this.subscriptions.add(sub);
    return sub;
  }

  /** @internal */
  jobs() {
    const c = this.live();
    if (!hasJobRole(c)) throw this.noSupport('job control');
    return c;
  }

  /** @internal */
  noSupport(what: string): VirtError {
    return fail(ErrorCode.NO_SUPPORT, `${what} (${this.driver.name})`);
  }

  /** @internal */
  domainHandle(ref: DomainRef): Domain {
    return new Domain(this, ref);
  }

  // ---- networks (NetworkRole) ----------------------------------------------------

  /** @internal The network role; NO_SUPPORT for drivers without one. */
  networks() {
    const c = this.live();
    if (!hasNetworkRole(c)) throw this.noSupport('virtual networks');
    return c;
  }

  /** @internal The network role of a writable connection. */
  writableNetworks() {
    this.writable();
    return this.networks();
  }

  /** virConnectListAllNetworks; ListNetworksFlags. Sorted by name, as virsh lists them. */
  async listAllNetworks(flags = 0): Promise<Network[]> {
    checkFlags(flags, allFlags(ListNetworksFlags), 'virConnectListAllNetworks');
    const refs = await this.networks().listNetworks(flags);
    return refs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => new Network(this, r));
  }

  async lookupNetworkByName(name: string): Promise<Network> { return new Network(this, await this.networks().networkLookupByName(name)); }
  async lookupNetworkByUuid(uuid: string): Promise<Network> { return new Network(this, await this.networks().networkLookupByUuid(uuid)); }

  /** Looks up by UUID or name, as virsh does with a network argument. */
  async lookupNetwork(text: string): Promise<Network> {
    return uuidThenName(text, (u) => this.lookupNetworkByUuid(u), (n) => this.lookupNetworkByName(n));
  }

  /** virNetworkDefineXMLFlags; NetworkDefineFlags. */
  async defineNetwork(xml: string, flags = 0): Promise<Network> {
    checkFlags(flags, allFlags(NetworkDefineFlags), 'virNetworkDefineXMLFlags');
    return new Network(this, await this.writableNetworks().networkDefineXml(xml, flags));
  }

  /** virNetworkCreateXMLFlags: a transient network, started. */
  async createNetwork(xml: string, flags = 0): Promise<Network> {
    checkFlags(flags, allFlags(NetworkDefineFlags), 'virNetworkCreateXMLFlags');
    return new Network(this, await this.writableNetworks().networkCreateXml(xml, flags));
  }

  // ---- storage pools and volumes -------------------------------------------

  /** @internal The storage role; NO_SUPPORT for drivers without one. */
  storage() {
    const c = this.live();
    if (!hasStorageRole(c)) throw this.noSupport('storage pools');
    return c;
  }

  /** @internal */
  writableStorage() {
    this.writable();
    return this.storage();
  }

  /** virConnectListAllStoragePools. ListStoragePoolsFlags; 0 means all. */
  async listAllStoragePools(flags = 0): Promise<StoragePool[]> {
    checkFlags(flags, allFlags(ListStoragePoolsFlags), 'virConnectListAllStoragePools');
    return (await this.storage().listStoragePools(flags)).map((r) => new StoragePool(this, r));
  }

  async lookupStoragePoolByName(name: string): Promise<StoragePool> { return new StoragePool(this, await this.storage().storagePoolLookupByName(name)); }
  async lookupStoragePoolByUuid(uuid: string): Promise<StoragePool> { return new StoragePool(this, await this.storage().storagePoolLookupByUuid(uuid)); }

  /** By UUID, then name, as virsh does with a pool argument. */
  async lookupStoragePool(text: string): Promise<StoragePool> {
    return uuidThenName(text, (u) => this.lookupStoragePoolByUuid(u), (n) => this.lookupStoragePoolByName(n));
  }

  /** virStoragePoolDefineXML. StoragePoolDefineFlags. */
  async defineStoragePool(xml: string, flags = 0): Promise<StoragePool> {
    checkFlags(flags, allFlags(StoragePoolDefineFlags), 'virStoragePoolDefineXML');
    return new StoragePool(this, await this.writableStorage().storagePoolDefineXml(xml, flags));
  }

  /** virStoragePoolCreateXML: a transient, started pool. StoragePoolCreateFlags. */
  async createStoragePool(xml: string, flags = 0): Promise<StoragePool> {
    checkFlags(flags, allFlags(StoragePoolCreateFlags), 'virStoragePoolCreateXML');
    return new StoragePool(this, await this.writableStorage().storagePoolCreateXml(xml, flags));
  }

  async lookupStorageVolByKey(key: string): Promise<StorageVol> { return new StorageVol(this, await this.storage().storageVolLookupByKey(key)); }
  async lookupStorageVolByPath(path: string): Promise<StorageVol> { return new StorageVol(this, await this.storage().storageVolLookupByPath(path)); }

  isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const sub of [...this.subscriptions]) sub.unsubscribe();
    this.closed = true;
    this.onClose(this);
    await this.driverConnection.close();
  }
}
