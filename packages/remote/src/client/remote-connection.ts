import {
  DOMAIN_CONTROL_ROLE_METHODS, DriverRole, DrvFeature, ErrorCode, ErrorDomain, EventBus, errorReporter, isVirtError, type MigrateParams,
  type ConnectionCloseEvent, type DomainInfo, type DomainLifecycleEvent, type DomainRef, type DomainState, type CloseEventRole, type DriverConnection, type EventRole, type JobInfo, type JobRole, type JobStats,
  type Begin3Args, type Begin3Result, type Confirm3Args, type Finish2Args, type Finish3Args, type Finish3Result, type FinishArgs, type Logger,
  type MigrationTuningRole, type MigrationPostCopyRole, type MigrationV1, type MigrationV2, type MigrationV3, type NodeInfo, type PerformArgs, type Perform3Args, type Prepare2Args, type Prepare3Args,
  type PrepareArgs, type PrepareResult, type Unsubscribe, type MigrateToUriArgs, type MigrationPeer2Peer, type NetworkRole, forwardRole,
  type StoragePoolInfo, type StoragePoolRef, type StoragePoolRole, type StorageVolInfo, type StorageVolRef, type StorageVolRole, type StreamChunk,
} from '@virtkit/core';
import { downloadStream, uploadStream } from './rpc-stream.js';
import { DomainEventId } from '../protocol/constants.js';
import { EventMsg } from '../protocol/procedures.js';
import { intTypedParam, toTypedParam, typedParamValue, type TypedParam } from '../protocol/types.js';
import { cookieOf, hyperToNumber, numberToHyper, wireCookie } from '../protocol/wire-values.js';
import { decodeWith } from '../xdr/codec.js';
import type { RpcClient } from './rpc-client.js';
import { RemoteNetworks } from './remote-networks.js';
import { RemoteDomainControl } from './remote-domain-control.js';
import { forwardServerRoles, serverRoles } from './remote-roles.js';

/** A Finish error that stands for the null domain (see migrateFinish2). */
function discarded(e: unknown): boolean {
  return isVirtError(e) && (e.code === ErrorCode.MIGRATE_FINISH_OK || e.domain !== ErrorDomain.RPC);
}

export interface RemoteConnection extends NetworkRole {}

/**
 * A DriverConnection whose every call is a REMOTE procedure on a libvirt RPC
 * server (virtkitd or libvirtd). It implements every role, and declares the
 * migration versions the server said yes to at open (serverFeatures); a
 * job or event call the far driver lacks fails there with NO_SUPPORT.
 */
export class RemoteConnection implements DriverConnection, JobRole, EventRole, CloseEventRole, MigrationV1, MigrationV2, MigrationV3, MigrationPeer2Peer, MigrationTuningRole, MigrationPostCopyRole, NetworkRole, StoragePoolRole, StorageVolRole {
  /** The server's lifecycle events, delivered to listeners after the frame that carried them has been read. */
  private readonly events: EventBus<DomainLifecycleEvent>;
  /** The transport lost under the caller: EOF, keepalive timeout or error (never a close() asked for). */
  private readonly closeEvents: EventBus<ConnectionCloseEvent>;
  /** The server-side registration: a callback id, the legacy one, or none (it failed and was logged). */
  private registration: Promise<number | 'legacy' | undefined> | undefined;
  private readonly domainControl: RemoteDomainControl;

  /** features: what the server declared (serverFeatures) plus the roles this client forwards. */
  constructor(private readonly rpc: RpcClient, private readonly logger: Logger, readonly features: ReadonlySet<number>) {
    this.events = new EventBus(logger, 'lifecycle');
    this.closeEvents = new EventBus(logger, 'close');
    forwardRole(this, new RemoteNetworks(rpc), DriverRole.NETWORKS);
    forwardServerRoles(this, rpc, logger, features);
    // The domain-control roles the server has (probed at open by serverRoles); they share the connection's domain-event registrations.
    this.domainControl = new RemoteDomainControl(rpc, logger);
    for (const [role] of DOMAIN_CONTROL_ROLE_METHODS) if (features.has(role)) forwardRole(this, this.domainControl, role);
    rpc.onClose((e) => this.closeEvents.emit(e));
    rpc.onMessage(EventMsg.DOMAIN_EVENT_CALLBACK_LIFECYCLE.proc, (body) => {
      const m = decodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_LIFECYCLE.msg, body, 'lifecycle event');
      this.events.emit({ domain: m.msg.dom, event: m.msg.event, detail: m.msg.detail });
    });
    rpc.onMessage(EventMsg.DOMAIN_EVENT_LIFECYCLE.proc, (body) => {
      const m = decodeWith(EventMsg.DOMAIN_EVENT_LIFECYCLE.msg, body, 'lifecycle event');
      this.events.emit({ domain: m.dom, event: m.event, detail: m.detail });
    });
  }

  async getType(): Promise<string> { return (await this.rpc.call('CONNECT_GET_TYPE', undefined)).type; }
  async getVersion(): Promise<number> { return hyperToNumber((await this.rpc.call('CONNECT_GET_VERSION', undefined)).hv_ver); }
  async getHostname(): Promise<string> { return (await this.rpc.call('CONNECT_GET_HOSTNAME', undefined)).hostname; }
  async getUri(): Promise<string> { return (await this.rpc.call('CONNECT_GET_URI', undefined)).uri; }
  async getCapabilities(): Promise<string> { return (await this.rpc.call('CONNECT_GET_CAPABILITIES', undefined)).capabilities; }
  async getNodeInfo(): Promise<NodeInfo> {
    const r = await this.rpc.call('NODE_GET_INFO', undefined);
    return { ...r, memory: hyperToNumber(r.memory) };
  }


  async listDomains(flags: number): Promise<DomainRef[]> {
    return (await this.rpc.call('CONNECT_LIST_ALL_DOMAINS', { need_results: 1, flags })).domains;
  }
  async lookupByName(name: string): Promise<DomainRef> { return (await this.rpc.call('DOMAIN_LOOKUP_BY_NAME', { name })).dom; }
  async lookupByUuid(uuid: string): Promise<DomainRef> { return (await this.rpc.call('DOMAIN_LOOKUP_BY_UUID', { uuid })).dom; }
  async lookupById(id: number): Promise<DomainRef> { return (await this.rpc.call('DOMAIN_LOOKUP_BY_ID', { id })).dom; }

  async defineXml(xml: string, flags: number): Promise<DomainRef> {
    return flags === 0 ? (await this.rpc.call('DOMAIN_DEFINE_XML', { xml })).dom : (await this.rpc.call('DOMAIN_DEFINE_XML_FLAGS', { xml, flags })).dom;
  }
  async undefine(dom: DomainRef, flags: number): Promise<void> {
    if (flags === 0) await this.rpc.call('DOMAIN_UNDEFINE', { dom });
    else await this.rpc.call('DOMAIN_UNDEFINE_FLAGS', { dom, flags });
  }
  async create(dom: DomainRef, flags: number): Promise<DomainRef> { return (await this.rpc.call('DOMAIN_CREATE_WITH_FLAGS', { dom, flags })).dom; }
  async createXml(xml: string, flags: number): Promise<DomainRef> { return (await this.rpc.call('DOMAIN_CREATE_XML', { xml_desc: xml, flags })).dom; }
  async shutdown(dom: DomainRef, flags: number): Promise<void> {
    if (flags === 0) await this.rpc.call('DOMAIN_SHUTDOWN', { dom });
    else await this.rpc.call('DOMAIN_SHUTDOWN_FLAGS', { dom, flags });
  }
  async destroy(dom: DomainRef, flags: number): Promise<void> {
    if (flags === 0) await this.rpc.call('DOMAIN_DESTROY', { dom });
    else await this.rpc.call('DOMAIN_DESTROY_FLAGS', { dom, flags });
  }
  async suspend(dom: DomainRef): Promise<void> { await this.rpc.call('DOMAIN_SUSPEND', { dom }); }
  async resume(dom: DomainRef): Promise<void> { await this.rpc.call('DOMAIN_RESUME', { dom }); }
  async getInfo(dom: DomainRef): Promise<DomainInfo> {
    const r = await this.rpc.call('DOMAIN_GET_INFO', { dom });
    return { state: r.state as DomainState, maxMem: hyperToNumber(r.maxMem), memory: hyperToNumber(r.memory), nrVirtCpu: r.nrVirtCpu, cpuTime: r.cpuTime };
  }
  async getState(dom: DomainRef): Promise<{ state: DomainState; reason: number }> {
    const r = await this.rpc.call('DOMAIN_GET_STATE', { dom, flags: 0 });
    return { state: r.state as DomainState, reason: r.reason };
  }
  async getXmlDesc(dom: DomainRef, flags: number): Promise<string> { return (await this.rpc.call('DOMAIN_GET_XML_DESC', { dom, flags })).xml; }
  async getOSType(dom: DomainRef): Promise<string> { return (await this.rpc.call('DOMAIN_GET_OS_TYPE', { dom })).type; }
  async attachDevice(dom: DomainRef, xml: string, flags: number): Promise<void> { await this.rpc.call('DOMAIN_ATTACH_DEVICE_FLAGS', { dom, xml, flags }); }
  async updateDevice(dom: DomainRef, xml: string, flags: number): Promise<void> { await this.rpc.call('DOMAIN_UPDATE_DEVICE_FLAGS', { dom, xml, flags }); }
  async blockResize(dom: DomainRef, disk: string, size: number, flags: number): Promise<void> { await this.rpc.call('DOMAIN_BLOCK_RESIZE', { dom, disk, size: numberToHyper(size), flags }); }

  async getJobInfo(dom: DomainRef): Promise<JobInfo> {
    const r = await this.rpc.call('DOMAIN_GET_JOB_INFO', { dom });
    return {
      type: r.type, timeElapsed: hyperToNumber(r.timeElapsed), timeRemaining: hyperToNumber(r.timeRemaining),
      dataTotal: hyperToNumber(r.dataTotal), dataProcessed: hyperToNumber(r.dataProcessed), dataRemaining: hyperToNumber(r.dataRemaining),
      memTotal: hyperToNumber(r.memTotal), memProcessed: hyperToNumber(r.memProcessed), memRemaining: hyperToNumber(r.memRemaining),
      fileTotal: hyperToNumber(r.fileTotal), fileProcessed: hyperToNumber(r.fileProcessed), fileRemaining: hyperToNumber(r.fileRemaining),
    };
  }
  async getJobStats(dom: DomainRef, flags: number): Promise<JobStats> {
    const r = await this.rpc.call('DOMAIN_GET_JOB_STATS', { dom, flags });
    return { type: r.type, params: Object.fromEntries(r.params.map((p) => [p.field, typedParamValue(p)])) };
  }
  async abortJob(dom: DomainRef): Promise<void> { await this.rpc.call('DOMAIN_ABORT_JOB', { dom }); }

  async migrateSetMaxDowntime(dom: DomainRef, downtimeMs: number, flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_MIGRATE_SET_MAX_DOWNTIME', { dom, downtime: numberToHyper(downtimeMs), flags });
  }
  async migrateGetMaxDowntime(dom: DomainRef, flags: number): Promise<number> { return hyperToNumber((await this.rpc.call('DOMAIN_MIGRATE_GET_MAX_DOWNTIME', { dom, flags })).downtime); }
  async migrateSetMaxSpeed(dom: DomainRef, bandwidthMiB: number, flags: number): Promise<void> {
    await this.rpc.call('DOMAIN_MIGRATE_SET_MAX_SPEED', { dom, bandwidth: numberToHyper(bandwidthMiB), flags });
  }
  async migrateGetMaxSpeed(dom: DomainRef, flags: number): Promise<number> { return hyperToNumber((await this.rpc.call('DOMAIN_MIGRATE_GET_MAX_SPEED', { dom, flags })).bandwidth); }
  async migrateStartPostCopy(dom: DomainRef, flags: number): Promise<void> { await this.rpc.call('DOMAIN_MIGRATE_START_POST_COPY', { dom, flags }); }

  /** Registers one server-side callback for the first listener; removes it with the last. */
  onLifecycle(listener: (event: DomainLifecycleEvent) => void): Unsubscribe {
    const off = this.events.subscribe(listener);
    if (!this.registration) this.registration = this.register();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off();
      if (this.events.listenerCount > 0 || !this.registration) return;
      const reg = this.registration;
      this.registration = undefined;
      reg.then(async (id) => {
          if (id === 'legacy') await this.rpc.call('CONNECT_DOMAIN_EVENT_DEREGISTER', undefined);
          else if (id !== undefined) await this.rpc.call('CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY', { callbackID: id });
        })
        .catch((e) => this.logger.debug('event deregistration failed', { error: (e as Error).message }));
    };
  }

  onConnectionClose(listener: (event: ConnectionCloseEvent) => void): Unsubscribe {
    return this.closeEvents.subscribe(listener);
  }

  /** Resolves when the server-side registration is in place (for callers that must not miss an event). */
  async eventsReady(): Promise<void> {
    await this.registration;
    await this.domainControl.domainEventsReady();
  }

  private async register(): Promise<number | 'legacy' | undefined> {
    try {
      if (this.features.has(DrvFeature.REMOTE_EVENT_CALLBACK)) {
        return (await this.rpc.call('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', { eventID: DomainEventId.LIFECYCLE, dom: undefined })).callbackID;
      }
      await this.rpc.call('CONNECT_DOMAIN_EVENT_REGISTER', undefined);
      return 'legacy';
    } catch (e) {
      this.logger.warn('lifecycle event registration failed', { error: (e as Error).message });
    }
    return undefined;
  }

  async migratePrepare(a: PrepareArgs): Promise<PrepareResult> {
    const r = await this.rpc.call('DOMAIN_MIGRATE_PREPARE', { uri_in: a.uriIn, flags: numberToHyper(a.flags), dname: a.dname, resource: numberToHyper(a.bandwidth) });
    return { cookie: cookieOf(r.cookie), uriOut: r.uri_out };
  }
  async migratePerform(dom: DomainRef, a: PerformArgs): Promise<void> {
    await this.rpc.call('DOMAIN_MIGRATE_PERFORM', { dom, cookie: wireCookie(a.cookie), uri: a.uri, flags: numberToHyper(a.flags), dname: a.dname, resource: numberToHyper(a.bandwidth) });
  }
  async migrateFinish(a: FinishArgs): Promise<DomainRef> {
    return (await this.rpc.call('DOMAIN_MIGRATE_FINISH', { dname: a.dname, cookie: wireCookie(a.cookie), uri: a.uri, flags: numberToHyper(a.flags) })).ddom;
  }
  async migratePrepare2(a: Prepare2Args): Promise<PrepareResult> {
    const r = await this.rpc.call('DOMAIN_MIGRATE_PREPARE2', { uri_in: a.uriIn, flags: numberToHyper(a.flags), dname: a.dname, resource: numberToHyper(a.bandwidth), dom_xml: a.domXml });
    return { cookie: cookieOf(r.cookie), uriOut: r.uri_out };
  }
  /**
   * The wire cannot carry a null domain: after a failed Perform, a Finish
   * that fails on the far side (MIGRATE_FINISH_OK, or any error of the far
   * driver) means "discarded". The RPC layer's own errors (a lost
   * connection, a daemon that is not open) still fail.
   */
  async migrateFinish2(a: Finish2Args): Promise<DomainRef | null> {
    try {
      return (await this.rpc.call('DOMAIN_MIGRATE_FINISH2', { dname: a.dname, cookie: wireCookie(a.cookie), uri: a.uri, flags: numberToHyper(a.flags), retcode: a.retcode })).ddom;
    } catch (e) {
      if (a.retcode !== 0 && discarded(e)) return null;
      throw e;
    }
  }
  async migrateBegin3(dom: DomainRef, a: Begin3Args): Promise<Begin3Result> {
    const r = await this.rpc.call('DOMAIN_MIGRATE_BEGIN3', { dom, xmlin: a.xmlin, flags: numberToHyper(a.flags), dname: a.dname, resource: numberToHyper(a.bandwidth) });
    return { xml: r.xml, cookie: cookieOf(r.cookie_out) };
  }
  async migratePrepare3(a: Prepare3Args): Promise<PrepareResult> {
    if (a.parallelConnections !== undefined || a.disksPort !== undefined) {
      const params = this.phaseParams({ destination_xml: a.domXml, migrate_uri: a.uriIn, destination_name: a.dname, bandwidth: a.bandwidth || undefined, 'parallel.connections': a.parallelConnections, disks_port: a.disksPort });
      const r = await this.rpc.call('DOMAIN_MIGRATE_PREPARE3_PARAMS', { params, cookie_in: wireCookie(a.cookieIn), flags: a.flags });
      return { cookie: cookieOf(r.cookie_out), uriOut: r.uri_out };
    }
    const r = await this.rpc.call('DOMAIN_MIGRATE_PREPARE3', { cookie_in: wireCookie(a.cookieIn), uri_in: a.uriIn, flags: numberToHyper(a.flags), dname: a.dname, resource: numberToHyper(a.bandwidth), dom_xml: a.domXml });
    return { cookie: cookieOf(r.cookie_out), uriOut: r.uri_out };
  }
  async migratePerform3(dom: DomainRef, a: Perform3Args): Promise<{ cookie?: Uint8Array }> {
    if (a.parallelConnections !== undefined) {
      const params = this.phaseParams({ destination_xml: a.xmlin, migrate_uri: a.uri, destination_name: a.dname, bandwidth: a.bandwidth || undefined, 'parallel.connections': a.parallelConnections });
      const r = await this.rpc.call('DOMAIN_MIGRATE_PERFORM3_PARAMS', { dom, dconnuri: a.dconnuri, params, cookie_in: wireCookie(a.cookieIn), flags: a.flags });
      return { cookie: cookieOf(r.cookie_out) };
    }
    const r = await this.rpc.call('DOMAIN_MIGRATE_PERFORM3', { dom, xmlin: a.xmlin, cookie_in: wireCookie(a.cookieIn), dconnuri: a.dconnuri, uri: a.uri, flags: numberToHyper(a.flags), dname: a.dname, resource: numberToHyper(a.bandwidth) });
    return { cookie: cookieOf(r.cookie_out) };
  }
  /**
   * Peer-to-peer migration as libvirt's virDomainMigrateUnmanaged sends it:
   * Perform3 with dconnuri on the source's daemon, typed parameters where the
   * server takes them (MIGRATION_PARAMS), else the fixed v3 fields.
   */
  async migrateToUri(dom: DomainRef, dconnuri: string, a: MigrateToUriArgs): Promise<void> {
    const p = a.params;
    if (this.features.has(DrvFeature.MIGRATION_PARAMS)) {
      const params = this.phaseParams(p);
      await this.rpc.call('DOMAIN_MIGRATE_PERFORM3_PARAMS', { dom, dconnuri, params, cookie_in: wireCookie(undefined), flags: a.flags });
      return;
    }
    await this.rpc.call('DOMAIN_MIGRATE_PERFORM3', { dom, xmlin: p.destination_xml, cookie_in: wireCookie(undefined), dconnuri, uri: p.migrate_uri, flags: numberToHyper(a.flags), dname: p.destination_name, resource: numberToHyper(p.bandwidth ?? 0) });
  }
  /**
   * Typed parameters as libvirt sends them (parallel.connections and
   * disks_port ints, the rest by their value's type). Only the _PARAMS
   * procedures carry those two: a server without them cannot take them.
   */
  private phaseParams(p: MigrateParams): TypedParam[] {
    const ints = ['parallel.connections', 'disks_port'];
    const onlyHere = ints.find((k) => p[k as keyof MigrateParams] !== undefined);
    if (onlyHere && !this.features.has(DrvFeature.MIGRATION_PARAMS)) {
      throw errorReporter(ErrorDomain.REMOTE)(ErrorCode.ARGUMENT_UNSUPPORTED, `migration parameter '${onlyHere}' needs a server with migration parameters`);
    }
    return Object.entries(p).filter(([, v]) => v !== undefined)
      .map(([k, v]) => (ints.includes(k) ? intTypedParam(k, v as number) : toTypedParam(k, v as string | number)));
  }
  async migrateFinish3(a: Finish3Args): Promise<Finish3Result> {
    try {
      const r = await this.rpc.call('DOMAIN_MIGRATE_FINISH3', { dname: a.dname, cookie_in: wireCookie(a.cookieIn), dconnuri: a.dconnuri, uri: a.uri, flags: numberToHyper(a.flags), cancelled: a.cancelled ? 1 : 0 });
      return { domain: r.dom, cookie: cookieOf(r.cookie_out) };
    } catch (e) {
      if (a.cancelled && discarded(e)) return { domain: null };
      throw e;
    }
  }
  async migrateConfirm3(dom: DomainRef, a: Confirm3Args): Promise<void> {
    await this.rpc.call('DOMAIN_MIGRATE_CONFIRM3', { dom, cookie_in: wireCookie(a.cookieIn), flags: numberToHyper(a.flags), cancelled: a.cancelled ? 1 : 0 });
  }

  // ---- storage pools and volumes ---------------------------------------------------

  async listStoragePools(flags: number): Promise<StoragePoolRef[]> { return (await this.rpc.call('CONNECT_LIST_ALL_STORAGE_POOLS', { need_results: 1, flags })).pools; }
  async storagePoolLookupByName(name: string): Promise<StoragePoolRef> { return (await this.rpc.call('STORAGE_POOL_LOOKUP_BY_NAME', { name })).pool; }
  async storagePoolLookupByUuid(uuid: string): Promise<StoragePoolRef> { return (await this.rpc.call('STORAGE_POOL_LOOKUP_BY_UUID', { uuid })).pool; }
  async storagePoolLookupByVolume(vol: StorageVolRef): Promise<StoragePoolRef> { return (await this.rpc.call('STORAGE_POOL_LOOKUP_BY_VOLUME', { vol })).pool; }
  async storagePoolDefineXml(xml: string, flags: number): Promise<StoragePoolRef> { return (await this.rpc.call('STORAGE_POOL_DEFINE_XML', { xml, flags })).pool; }
  async storagePoolCreateXml(xml: string, flags: number): Promise<StoragePoolRef> { return (await this.rpc.call('STORAGE_POOL_CREATE_XML', { xml, flags })).pool; }
  async storagePoolBuild(pool: StoragePoolRef, flags: number): Promise<void> { await this.rpc.call('STORAGE_POOL_BUILD', { pool, flags }); }
  async storagePoolCreate(pool: StoragePoolRef, flags: number): Promise<void> { await this.rpc.call('STORAGE_POOL_CREATE', { pool, flags }); }
  async storagePoolDestroy(pool: StoragePoolRef): Promise<void> { await this.rpc.call('STORAGE_POOL_DESTROY', { pool }); }
  async storagePoolDelete(pool: StoragePoolRef, flags: number): Promise<void> { await this.rpc.call('STORAGE_POOL_DELETE', { pool, flags }); }
  async storagePoolUndefine(pool: StoragePoolRef): Promise<void> { await this.rpc.call('STORAGE_POOL_UNDEFINE', { pool }); }
  async storagePoolRefresh(pool: StoragePoolRef, flags: number): Promise<void> { await this.rpc.call('STORAGE_POOL_REFRESH', { pool, flags }); }
  async storagePoolGetInfo(pool: StoragePoolRef): Promise<StoragePoolInfo> {
    const r = await this.rpc.call('STORAGE_POOL_GET_INFO', { pool });
    return { state: r.state, capacity: hyperToNumber(r.capacity), allocation: hyperToNumber(r.allocation), available: hyperToNumber(r.available) };
  }
  async storagePoolGetXmlDesc(pool: StoragePoolRef, flags: number): Promise<string> { return (await this.rpc.call('STORAGE_POOL_GET_XML_DESC', { pool, flags })).xml; }
  async storagePoolGetAutostart(pool: StoragePoolRef): Promise<boolean> { return (await this.rpc.call('STORAGE_POOL_GET_AUTOSTART', { pool })).autostart !== 0; }
  async storagePoolSetAutostart(pool: StoragePoolRef, autostart: boolean): Promise<void> { await this.rpc.call('STORAGE_POOL_SET_AUTOSTART', { pool, autostart: autostart ? 1 : 0 }); }
  async storagePoolIsActive(pool: StoragePoolRef): Promise<boolean> { return (await this.rpc.call('STORAGE_POOL_IS_ACTIVE', { pool })).active !== 0; }
  async storagePoolIsPersistent(pool: StoragePoolRef): Promise<boolean> { return (await this.rpc.call('STORAGE_POOL_IS_PERSISTENT', { pool })).persistent !== 0; }
  async storagePoolListVolumes(pool: StoragePoolRef, flags: number): Promise<StorageVolRef[]> { return (await this.rpc.call('STORAGE_POOL_LIST_ALL_VOLUMES', { pool, need_results: 1, flags })).vols; }
  async storageVolLookupByName(pool: StoragePoolRef, name: string): Promise<StorageVolRef> { return (await this.rpc.call('STORAGE_VOL_LOOKUP_BY_NAME', { pool, name })).vol; }
  async storageVolLookupByKey(key: string): Promise<StorageVolRef> { return (await this.rpc.call('STORAGE_VOL_LOOKUP_BY_KEY', { key })).vol; }
  async storageVolLookupByPath(path: string): Promise<StorageVolRef> { return (await this.rpc.call('STORAGE_VOL_LOOKUP_BY_PATH', { path })).vol; }
  async storageVolCreateXml(pool: StoragePoolRef, xml: string, flags: number): Promise<StorageVolRef> { return (await this.rpc.call('STORAGE_VOL_CREATE_XML', { pool, xml, flags })).vol; }
  async storageVolCreateXmlFrom(pool: StoragePoolRef, xml: string, clonevol: StorageVolRef, flags: number): Promise<StorageVolRef> { return (await this.rpc.call('STORAGE_VOL_CREATE_XML_FROM', { pool, xml, clonevol, flags })).vol; }
  async storageVolDelete(vol: StorageVolRef, flags: number): Promise<void> { await this.rpc.call('STORAGE_VOL_DELETE', { vol, flags }); }
  async storageVolWipe(vol: StorageVolRef, algorithm: number, flags: number): Promise<void> {
    if (algorithm === 0) await this.rpc.call('STORAGE_VOL_WIPE', { vol, flags });
    else await this.rpc.call('STORAGE_VOL_WIPE_PATTERN', { vol, algorithm, flags });
  }
  async storageVolResize(vol: StorageVolRef, capacity: number, flags: number): Promise<void> { await this.rpc.call('STORAGE_VOL_RESIZE', { vol, capacity: numberToHyper(capacity), flags }); }
  async storageVolGetInfo(vol: StorageVolRef): Promise<StorageVolInfo> {
    const r = await this.rpc.call('STORAGE_VOL_GET_INFO', { vol });
    return { type: r.type, capacity: hyperToNumber(r.capacity), allocation: hyperToNumber(r.allocation) };
  }
  async storageVolGetXmlDesc(vol: StorageVolRef, flags: number): Promise<string> { return (await this.rpc.call('STORAGE_VOL_GET_XML_DESC', { vol, flags })).xml; }
  async storageVolGetPath(vol: StorageVolRef): Promise<string> { return (await this.rpc.call('STORAGE_VOL_GET_PATH', { vol })).name; }
  storageVolDownload(vol: StorageVolRef, offset: number, length: number, flags: number): Promise<AsyncIterable<StreamChunk>> { return downloadStream(this.rpc, { vol, offset: numberToHyper(offset), length: numberToHyper(length), flags }); }
  storageVolUpload(vol: StorageVolRef, offset: number, length: number, flags: number, data: AsyncIterable<StreamChunk>): Promise<void> { return uploadStream(this.rpc, { vol, offset: numberToHyper(offset), length: numberToHyper(length), flags }, data); }

  async close(): Promise<void> {
    this.events.clear();
    this.domainControl.close();
    this.closeEvents.clear();
    if (this.rpc.isClosed) return;
    try {
      await Promise.race([this.rpc.call('CONNECT_CLOSE', undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
    } catch (e) {
      if (!isVirtError(e, ErrorCode.INVALID_CONN)) this.logger.debug('CONNECT_CLOSE failed', { error: (e as Error).message });
    } finally {
      this.rpc.close();
    }
  }
}


/** The numbers the migration phases (core's negotiation and this client's calls) and the transport's keepalive read. */
const MIGRATION_PEER_FEATURES: readonly number[] = [
  DrvFeature.MIGRATION_V1, DrvFeature.MIGRATION_V2, DrvFeature.MIGRATION_V3, DrvFeature.MIGRATE_CHANGE_PROTECTION,
  DrvFeature.XML_MIGRATABLE, DrvFeature.MIGRATION_OFFLINE, DrvFeature.MIGRATION_PARAMS, DrvFeature.PROGRAM_KEEPALIVE,
];

/**
 * A remote connection's feature set, asked of the server once at open
 * (virConnectSupportsFeature for every number libvirt defines, in one
 * round of pipelined calls: 1-2 ms on a local socket), plus
 * REMOTE and the roles this client forwards: jobs, events, migration limits and post-copy, networks and
 * storage always (the far driver answers NO_SUPPORT when it lacks them), and close events (the
 * client's own transport); snapshots, checkpoints, interfaces, node devices, secrets, network
 * filters, network/pool events and the domain-control roles only when the server has them
 * (serverRoles' probes, in the same round); domain events come with REMOTE_EVENT_CALLBACK, the
 * registration that carries them. DriverRole's private numbers are never asked: they mean nothing
 * to a server. As libvirt's
 * remoteConnectSupportsFeatureUnlocked, a server that answers a number with
 * an error does not support it; a connection lost meanwhile fails the open.
 * A migration peer's connection (OpenOptions.migrationPeer) asks only
 * MIGRATION_PEER_FEATURES and none of serverRoles' probes: a quarter of the
 * round, and nothing else declared.
 */
export async function serverFeatures(rpc: RpcClient, options: { migrationPeer?: boolean } = {}): Promise<ReadonlySet<number>> {
  const numbers = options.migrationPeer ? MIGRATION_PEER_FEATURES : Object.values(DrvFeature).filter((v): v is number => typeof v === 'number' && v !== DrvFeature.REMOTE);
  const [answers, roles] = await Promise.all([Promise.allSettled(numbers.map((feature) => rpc.call('CONNECT_SUPPORTS_FEATURE', { feature }))), options.migrationPeer ? [] : serverRoles(rpc)]);
  const set = new Set<number>([...roles, DrvFeature.REMOTE, DriverRole.JOBS, DriverRole.EVENTS, DriverRole.CLOSE_EVENTS, DriverRole.NETWORKS, DriverRole.STORAGE, DriverRole.MIGRATION_TUNING, DriverRole.MIGRATION_POSTCOPY]);
  numbers.forEach((f, i) => {
    const a = answers[i];
    if (a.status === 'fulfilled' && a.value.supported !== 0) set.add(f);
    else if (a.status === 'rejected' && rpc.isClosed) throw a.reason;
  });
  if (set.has(DrvFeature.REMOTE_EVENT_CALLBACK)) set.add(DriverRole.DOMAIN_EVENTS);
  return set;
}
