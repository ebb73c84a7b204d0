import {
  DrvFeature, ErrorCode, ErrorDomain, ListDomainsFlags, virtError, MigrateFlags, checkFlags, hasJobRole, hasMigrationPostCopyRole, hasMigrationTuningRole, hasMigrationV1, hasMigrationV2, hasMigrationV3, parseUntrustedDomainXml,
  screenUntrustedDomainXml,
  type Connection, type DomainRef, type VirtError, type DriverConnection, type MigrationPerform, type MigrateParams,
} from '@virtkit/core';
import { rpcFail } from '../errors.js';
import { noFdAt } from './libvirt-error.js';
import { DOMAIN_LIST_MAX, VIR_TYPED_PARAM_INT, VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_ULLONG } from '../protocol/constants.js';
import type { QemuProcedures } from '../protocol/generated/qemu.js';
import type { Codec } from '../xdr/codec.js';
import type { ProcArgs, ProcName, ProcRet } from '../protocol/procedures.js';
import { DOMAIN_EVENT_IDS, jobStatsToWire } from '../protocol/domain-events.js';
import { toTypedParam, typedParamValue, type TypedParam } from '../protocol/types.js';
import { cString, cookieOf, hyperToNumber, numberToHyper, wireCookie } from '../protocol/wire-values.js';
import type { ClientAuth } from './auth/sasl-server.js';
import type { StreamId } from '../protocol/stream.js';
import type { ServerStreams } from './server-stream.js';
import { storageHandlers } from './dispatch-storage.js';
import { firstNames } from './legacy-lists.js';
import { networkHandlers } from './network-dispatch.js';
import { domainControlHandlers } from './dispatch-domain-control.js';
import { domainStreamHandlers } from './dispatch-domain-streams.js';
import { snapshotHandlers } from './dispatch-snapshots.js';
import { hostObjectHandlers } from './dispatch-host-objects.js';
import { objectEventHandlers } from './dispatch-object-events.js';
import { hostInfoHandlers } from './dispatch-host-info.js';
import { domainGuestHandlers } from './dispatch-domain-guest.js';
import type { ObjectEventCallbacks } from './object-event-callbacks.js';

/**
 * What a handler may ask of the client it serves. The client runs a handler
 * outside BEFORE_OPEN only once CONNECT_OPEN succeeded, so those handlers
 * need not check for an open connection themselves.
 */
export interface DispatchContext {
  /** The client's authentication: AUTH_LIST's answer (its listener's scheme) and the SASL exchange. */
  readonly auth: ClientAuth;
  /** The hypervisor connection opened by CONNECT_OPEN; "hypervisor connection not open" before it. */
  connection(): Connection;
  open(name: string | undefined, flags: number): Promise<void>;
  closeConnection(): Promise<void>;
  /** Registers a lifecycle callback; undefined id means the legacy (callback-less) registration. */
  addLifecycleCallback(eventID: number, dom: DomainRef | undefined): number;
  removeLifecycleCallback(callbackID: number): void;
  setLegacyEvents(on: boolean): void;
  /** The client's network and storage pool event callbacks; they end with its connection. */
  readonly objectEvents: ObjectEventCallbacks;
  /** The client has keepalive (it asked for PROGRAM_KEEPALIVE): start pinging it when silent. */
  startKeepalive(): void;
  /** The client's upload and download streams. */
  readonly streams: ServerStreams;
  /** This daemon's address on the client's TCP connection (what the client reached); undefined over a unix socket. */
  readonly localAddress?: string;
}

/** `call`: the procedure and serial of the call, which a stream that follows it carries. */
export type Handler<N extends ProcName> = (ctx: DispatchContext, args: ProcArgs<N>, call: StreamId) => Promise<ProcRet<N>>;

/**
 * The server side of the REMOTE program: at most one handler per generated
 * procedure, each a thin call into a role of the connection the client
 * opened, mapping the wire's fields to the contract's. A procedure without a
 * handler is answered as libvirtd answers a call its driver lacks
 * (dispatch-program.ts), so serving a new role is one entry per procedure.
 */
export type HandlerTable = { [N in ProcName]?: Handler<N> };

type QemuName = keyof typeof QemuProcedures;
type Wire<C> = C extends Codec<infer T> ? T : never;
/** The QEMU program's handlers (libvirt-qemu.h's calls), by the same rule. */
export type QemuHandlerTable = { [N in QemuName]?: (ctx: DispatchContext, args: Wire<(typeof QemuProcedures)[N]['args']>, call: StreamId) => Promise<Wire<(typeof QemuProcedures)[N]['ret']>> };

/** libvirt's virDomainEventID range: LIFECYCLE (0) and every id the event messages carry (up to NIC_MAC_CHANGE, libvirt 11's last). */
const EVENT_ID_LAST = Math.max(...DOMAIN_EVENT_IDS) + 1;

const noSupport = (what: string) => rpcFail(ErrorCode.NO_SUPPORT, what);

/** A client's domain XML, once a parse worker found it safe to parse on the event loop (refused there if hostile). */
async function screened<X extends string | undefined>(xml: X): Promise<X> {
  if (xml !== undefined) await screenUntrustedDomainXml(xml);
  return xml;
}

function live(ctx: DispatchContext): DriverConnection {
  return ctx.connection().live();
}

/** The client's connection narrowed to a role, or NO_SUPPORT naming what is missing. */
function role<R extends DriverConnection>(ctx: DispatchContext, has: (c: DriverConnection) => c is R, what: string): R {
  const c = live(ctx);
  if (!has(c)) throw noSupport(what);
  return c;
}

const hasPerform = (c: DriverConnection): c is DriverConnection & MigrationPerform => hasMigrationV2(c) || hasMigrationV1(c);
const jobs = (ctx: DispatchContext) => role(ctx, hasJobRole, 'job control');
const tuning = (ctx: DispatchContext) => role(ctx, hasMigrationTuningRole, 'migration limits');
const postcopy = (ctx: DispatchContext) => role(ctx, hasMigrationPostCopyRole, 'post-copy migration');
const v1 = (ctx: DispatchContext) => role(ctx, hasMigrationV1, 'migration protocol v1');
const v2 = (ctx: DispatchContext) => role(ctx, hasMigrationV2, 'migration protocol v2');
const v3 = (ctx: DispatchContext) => role(ctx, hasMigrationV3, 'migration protocol v3');
const perform = (ctx: DispatchContext) => role(ctx, hasPerform, 'virDomainMigratePerform');

/** Migration typed parameters the v3 roles can carry (VIR_MIGRATE_PARAM_*). */
interface PhaseParams { uri?: string; dname?: string; xml?: string; bandwidth: number; persistXml?: string; parallelConnections?: number; disksPort?: number }

function migrateParams(params: TypedParam[]): PhaseParams {
  const out: PhaseParams = { bandwidth: 0 };
  for (const p of params) {
    const v = typedParamValue(p);
    switch (p.field) {
      case 'migrate_uri': out.uri = String(v); break;
      case 'destination_name': out.dname = String(v); break;
      case 'destination_xml': out.xml = String(v); break;
      case 'persistent_xml': out.persistXml = String(v); break;
      case 'bandwidth':
        if (p.value.type !== VIR_TYPED_PARAM_ULLONG && p.value.type !== VIR_TYPED_PARAM_UINT) throw rpcFail(ErrorCode.INVALID_ARG, "migration parameter 'bandwidth' must be an unsigned integer");
        out.bandwidth = Number(v);
        break;
      case 'parallel.connections':
        if (p.value.type !== VIR_TYPED_PARAM_INT) throw rpcFail(ErrorCode.INVALID_ARG, "migration parameter 'parallel.connections' must be an int");
        out.parallelConnections = Number(v);
        break;
      case 'disks_port':
        if (p.value.type !== VIR_TYPED_PARAM_INT) throw rpcFail(ErrorCode.INVALID_ARG, "migration parameter 'disks_port' must be an int");
        out.disksPort = Number(v);
        break;
      default:
        throw rpcFail(ErrorCode.ARGUMENT_UNSUPPORTED, `migration parameter '${p.field}' is not supported`);
    }
  }
  return out;
}

/**
 * Perform3 with VIR_MIGRATE_PEER2PEER: this daemon is the source host and
 * runs the whole migration, opening `dconnuri` itself (core's
 * migrateToUri); the client only waits for the answer.
 */
async function peer2peer(ctx: DispatchContext, dom: DomainRef, dconnuri: string | undefined, flags: number, params: MigrateParams): Promise<void> {
  if (dconnuri === undefined || dconnuri === '') throw rpcFail(ErrorCode.INVALID_ARG, 'peer-to-peer migration needs the destination URI (dconnuri)');
  const conn = ctx.connection();
  const ref = await conn.live().lookupByUuid(dom.uuid);
  await conn.domainHandle(ref).migrateToUri(dconnuri, { flags, params });
}

/** A Finish that returned no domain: libvirt's special error for "succeeded, and the guest is gone". */
function nullDomain(phase: string): VirtError {
  return rpcFail(ErrorCode.MIGRATE_FINISH_OK, `${phase} discarded the incoming guest`);
}

/**
 * Answers a question about something virtkit's drivers do not have
 * (snapshots, security labels, messages) with
 * libvirt's "none", once the flags are valid and the domain exists.
 */
function none<R>(value: R, allowedFlags = 0, api = 'virDomain') {
  return async (ctx: DispatchContext, a: { dom: DomainRef; flags?: number }): Promise<R> => {
    if (a.flags !== undefined) checkFlags(a.flags, allowedFlags, api);
    await live(ctx).lookupByUuid(a.dom.uuid);
    return value;
  };
}

/** The REMOTE program's handlers: connection, domains, jobs, events, migration; storage, networks and domain control in their files. */
export const handlers: HandlerTable = {
  ...storageHandlers,
  AUTH_LIST: async (ctx) => ({ types: ctx.auth.list() }),
  AUTH_SASL_INIT: (ctx) => ctx.auth.init(),
  AUTH_SASL_START: (ctx, a) => ctx.auth.start(a),
  AUTH_SASL_STEP: (ctx, a) => ctx.auth.step(a),
  CONNECT_OPEN: async (ctx, a) => { await ctx.open(a.name, a.flags); },
  CONNECT_CLOSE: async (ctx) => { await ctx.closeConnection(); },
  /**
   * As libvirtd: keepalive is the RPC layer's and answered before
   * CONNECT_OPEN; the event and close callbacks are the daemon's; every
   * other number is the opened connection's, whose declared set never
   * answers DriverRole's private numbers.
   */
  CONNECT_SUPPORTS_FEATURE: async (ctx, a) => {
    if (a.feature === DrvFeature.PROGRAM_KEEPALIVE) {
      ctx.startKeepalive();
      return { supported: 1 };
    }
    const conn = ctx.connection();
    if (a.feature === DrvFeature.REMOTE_EVENT_CALLBACK || a.feature === DrvFeature.REMOTE_CLOSE_CALLBACK) return { supported: 1 };
    // The *_PARAMS variants of the v3 phases are the daemon's: it serves them for any connection with v3.
    if (a.feature === DrvFeature.MIGRATION_PARAMS) return { supported: hasMigrationV3(conn.live()) ? 1 : 0 };
    return { supported: (await conn.supportsFeature(a.feature)) ? 1 : 0 };
  },
  CONNECT_GET_TYPE: async (ctx) => ({ type: await ctx.connection().getType() }),
  CONNECT_GET_VERSION: async (ctx) => ({ hv_ver: numberToHyper(await ctx.connection().getVersion()) }),
  CONNECT_GET_LIB_VERSION: async (ctx) => ({ lib_ver: numberToHyper(await ctx.connection().getLibVersion()) }),
  CONNECT_GET_HOSTNAME: async (ctx) => ({ hostname: await ctx.connection().getHostname() }),
  CONNECT_GET_URI: async (ctx) => ({ uri: await ctx.connection().getUri() }),
  CONNECT_GET_CAPABILITIES: async (ctx) => ({ capabilities: await ctx.connection().getCapabilities() }),
  /** Every connection virtkitd opens is local to it, as every libvirt driver but the remote one answers. */
  CONNECT_IS_SECURE: async () => ({ secure: 1 }),
  NODE_GET_INFO: async (ctx) => {
    const n = await ctx.connection().getNodeInfo();
    return { ...n, memory: numberToHyper(n.memory) };
  },
  CONNECT_REGISTER_CLOSE_CALLBACK: async () => {},
  CONNECT_UNREGISTER_CLOSE_CALLBACK: async () => {},

  CONNECT_LIST_ALL_DOMAINS: async (ctx, a) => {
    const doms = (await ctx.connection().listAllDomains(a.flags)).map((d) => d.driverRef);
    return { domains: a.need_results ? doms : [], ret: doms.length };
  },
  CONNECT_NUM_OF_DOMAINS: async (ctx) => ({ num: (await live(ctx).listDomains(ListDomainsFlags.ACTIVE)).length }),
  CONNECT_LIST_DOMAINS: async (ctx, a) => {
    return { ids: firstNames(await ctx.connection().listDomainIds(), a.maxids, DOMAIN_LIST_MAX, 'maxids') };
  },
  CONNECT_NUM_OF_DEFINED_DOMAINS: async (ctx) => ({ num: (await live(ctx).listDomains(ListDomainsFlags.INACTIVE)).length }),
  CONNECT_LIST_DEFINED_DOMAINS: async (ctx, a) => {
    return { names: firstNames(await ctx.connection().listDefinedDomainNames(), a.maxnames, DOMAIN_LIST_MAX) };
  },
  DOMAIN_LOOKUP_BY_NAME: async (ctx, a) => ({ dom: await live(ctx).lookupByName(a.name) }),
  DOMAIN_LOOKUP_BY_UUID: async (ctx, a) => ({ dom: await live(ctx).lookupByUuid(a.uuid) }),
  DOMAIN_LOOKUP_BY_ID: async (ctx, a) => ({ dom: await live(ctx).lookupById(a.id) }),

  DOMAIN_GET_INFO: async (ctx, a) => {
    const i = await live(ctx).getInfo(a.dom);
    return { state: i.state, maxMem: numberToHyper(i.maxMem), memory: numberToHyper(i.memory), nrVirtCpu: i.nrVirtCpu, cpuTime: i.cpuTime };
  },
  /** virDomainGetMaxMemory: the definition's total memory in KiB, as libvirt's drivers read it. */
  DOMAIN_GET_MAX_MEMORY: async (ctx, a) => ({ memory: numberToHyper((await live(ctx).getInfo(a.dom)).maxMem) }),
  DOMAIN_GET_STATE: async (ctx, a) => {
    checkFlags(a.flags, 0, 'virDomainGetState');
    return live(ctx).getState(a.dom);
  },
  DOMAIN_GET_XML_DESC: async (ctx, a) => ({ xml: await live(ctx).getXmlDesc(a.dom, a.flags) }),
  DOMAIN_GET_OS_TYPE: async (ctx, a) => ({ type: await ctx.connection().domainHandle(a.dom).getOSType() }),
  DOMAIN_IS_ACTIVE: async (ctx, a) => ({ active: (await live(ctx).lookupByUuid(a.dom.uuid)).id >= 0 ? 1 : 0 }),
  DOMAIN_IS_PERSISTENT: async (ctx, a) => ({ persistent: (await ctx.connection().domainHandle(a.dom).isPersistent()) ? 1 : 0 }),
  /** No security driver: an empty model, which virsh prints as nothing. */
  NODE_GET_SECURITY_MODEL: async () => ({ model: cString(''), doi: cString('') }),
  DOMAIN_GET_SECURITY_LABEL: none({ label: cString(''), enforcing: 0 }),
  DOMAIN_GET_MESSAGES: none({ msgs: [] }, 0b11, 'virDomainGetMessages'),

  DOMAIN_DEFINE_XML: async (ctx, a) => ({ dom: await live(ctx).defineXml(await screened(a.xml), 0) }),
  DOMAIN_DEFINE_XML_FLAGS: async (ctx, a) => ({ dom: await live(ctx).defineXml(await screened(a.xml), a.flags) }),
  DOMAIN_UNDEFINE: async (ctx, a) => { await live(ctx).undefine(a.dom, 0); },
  DOMAIN_UNDEFINE_FLAGS: async (ctx, a) => { await live(ctx).undefine(a.dom, a.flags); },
  DOMAIN_CREATE: async (ctx, a) => { await live(ctx).create(a.dom, 0); },
  DOMAIN_CREATE_WITH_FLAGS: async (ctx, a) => ({ dom: await live(ctx).create(a.dom, a.flags) }),
  DOMAIN_CREATE_XML: async (ctx, a) => ({ dom: await live(ctx).createXml(await screened(a.xml_desc), a.flags) }),
  /** The *WithFiles calls without files: virtkitd takes no file descriptors over the wire, so none can come with them. */
  DOMAIN_CREATE_XML_WITH_FILES: async (ctx, a) => ({ dom: await live(ctx).createXml(await screened(a.xml_desc), a.flags) }),
  DOMAIN_CREATE_WITH_FILES: async (ctx, a) => ({ dom: await live(ctx).create(a.dom, a.flags) }),
  /** The calls that need a descriptor from the client fail as libvirtd fails them when the message carries none. */
  DOMAIN_OPEN_GRAPHICS: async () => { throw noFdAt(0); },
  DOMAIN_FD_ASSOCIATE: async () => { throw virtError(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, 'nfds in virDomainFDAssociate must not be zero'); },
  DOMAIN_SHUTDOWN: async (ctx, a) => { await live(ctx).shutdown(a.dom, 0); },
  DOMAIN_SHUTDOWN_FLAGS: async (ctx, a) => { await live(ctx).shutdown(a.dom, a.flags); },
  DOMAIN_DESTROY: async (ctx, a) => { await live(ctx).destroy(a.dom, 0); },
  DOMAIN_DESTROY_FLAGS: async (ctx, a) => { await live(ctx).destroy(a.dom, a.flags); },
  DOMAIN_SUSPEND: async (ctx, a) => { await live(ctx).suspend(a.dom); },
  DOMAIN_RESUME: async (ctx, a) => { await live(ctx).resume(a.dom); },

  DOMAIN_GET_JOB_INFO: async (ctx, a) => {
    const j = await jobs(ctx).getJobInfo(a.dom);
    return {
      type: j.type, timeElapsed: numberToHyper(j.timeElapsed), timeRemaining: numberToHyper(j.timeRemaining),
      dataTotal: numberToHyper(j.dataTotal), dataProcessed: numberToHyper(j.dataProcessed), dataRemaining: numberToHyper(j.dataRemaining),
      memTotal: numberToHyper(j.memTotal), memProcessed: numberToHyper(j.memProcessed), memRemaining: numberToHyper(j.memRemaining),
      fileTotal: numberToHyper(j.fileTotal), fileProcessed: numberToHyper(j.fileProcessed), fileRemaining: numberToHyper(j.fileRemaining),
    };
  },
  DOMAIN_GET_JOB_STATS: async (ctx, a) => {
    const s = await jobs(ctx).getJobStats(a.dom, a.flags);
    return { type: s.type, params: jobStatsToWire(s.params) };
  },
  DOMAIN_ABORT_JOB: async (ctx, a) => { await jobs(ctx).abortJob(a.dom); },
  DOMAIN_ABORT_JOB_FLAGS: async (ctx, a) => {
    checkFlags(a.flags, 0, 'virDomainAbortJobFlags');
    await jobs(ctx).abortJob(a.dom);
  },

  DOMAIN_MIGRATE_SET_MAX_DOWNTIME: async (ctx, a) => { await tuning(ctx).migrateSetMaxDowntime(a.dom, hyperToNumber(a.downtime), a.flags); },
  DOMAIN_MIGRATE_GET_MAX_DOWNTIME: async (ctx, a) => ({ downtime: numberToHyper(await tuning(ctx).migrateGetMaxDowntime(a.dom, a.flags)) }),
  DOMAIN_MIGRATE_SET_MAX_SPEED: async (ctx, a) => { await tuning(ctx).migrateSetMaxSpeed(a.dom, hyperToNumber(a.bandwidth), a.flags); },
  DOMAIN_MIGRATE_GET_MAX_SPEED: async (ctx, a) => ({ bandwidth: numberToHyper(await tuning(ctx).migrateGetMaxSpeed(a.dom, a.flags)) }),
  DOMAIN_MIGRATE_START_POST_COPY: async (ctx, a) => { await postcopy(ctx).migrateStartPostCopy(a.dom, a.flags); },

  CONNECT_DOMAIN_EVENT_REGISTER: async (ctx) => {
    ctx.setLegacyEvents(true);
    return { cb_registered: 1 };
  },
  CONNECT_DOMAIN_EVENT_DEREGISTER: async (ctx) => {
    ctx.setLegacyEvents(false);
    return { cb_registered: 0 };
  },
  CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY: async (ctx, a) => {
    if (a.eventID < 0 || a.eventID >= EVENT_ID_LAST) throw rpcFail(ErrorCode.INTERNAL_ERROR, `unsupported event ID ${a.eventID}`);
    return { callbackID: ctx.addLifecycleCallback(a.eventID, a.dom) };
  },
  CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY: async (ctx, a) => { ctx.removeLifecycleCallback(a.callbackID); },

  DOMAIN_MIGRATE_PREPARE: async (ctx, a) => {
    const r = await v1(ctx).migratePrepare({ uriIn: a.uri_in, flags: hyperToNumber(a.flags), dname: a.dname, bandwidth: hyperToNumber(a.resource), listenAddress: ctx.localAddress });
    return { cookie: wireCookie(r.cookie), uri_out: r.uriOut };
  },
  DOMAIN_MIGRATE_PERFORM: async (ctx, a) => {
    await perform(ctx).migratePerform(a.dom, { cookie: cookieOf(a.cookie), uri: a.uri, flags: hyperToNumber(a.flags), dname: a.dname, bandwidth: hyperToNumber(a.resource) });
  },
  DOMAIN_MIGRATE_FINISH: async (ctx, a) => ({ ddom: await v1(ctx).migrateFinish({ dname: a.dname, cookie: cookieOf(a.cookie), uri: a.uri, flags: hyperToNumber(a.flags) }) }),
  DOMAIN_MIGRATE_PREPARE2: async (ctx, a) => {
    const r = await v2(ctx).migratePrepare2({ uriIn: a.uri_in, flags: hyperToNumber(a.flags), dname: a.dname, bandwidth: hyperToNumber(a.resource), domXml: await screened(a.dom_xml), listenAddress: ctx.localAddress });
    return { cookie: wireCookie(r.cookie), uri_out: r.uriOut };
  },
  DOMAIN_MIGRATE_FINISH2: async (ctx, a) => {
    const ddom = await v2(ctx).migrateFinish2({ dname: a.dname, cookie: cookieOf(a.cookie), uri: a.uri, flags: hyperToNumber(a.flags), retcode: a.retcode });
    if (!ddom) throw nullDomain('Finish2');
    return { ddom };
  },
  DOMAIN_MIGRATE_BEGIN3: async (ctx, a) => {
    const r = await v3(ctx).migrateBegin3(a.dom, { xmlin: await screened(a.xmlin), flags: hyperToNumber(a.flags), dname: a.dname, bandwidth: hyperToNumber(a.resource) });
    return { cookie_out: wireCookie(r.cookie), xml: r.xml };
  },
  DOMAIN_MIGRATE_PREPARE3: async (ctx, a) => {
    const r = await v3(ctx).migratePrepare3({ cookieIn: cookieOf(a.cookie_in), uriIn: a.uri_in, flags: hyperToNumber(a.flags), dname: a.dname, bandwidth: hyperToNumber(a.resource), domXml: await screened(a.dom_xml), listenAddress: ctx.localAddress });
    return { cookie_out: wireCookie(r.cookie), uri_out: r.uriOut };
  },
  DOMAIN_MIGRATE_PERFORM3: async (ctx, a) => {
    const flags = hyperToNumber(a.flags);
    const bandwidth = hyperToNumber(a.resource);
    if (flags & MigrateFlags.PEER2PEER) {
      await peer2peer(ctx, a.dom, a.dconnuri, flags, { destination_xml: await screened(a.xmlin), migrate_uri: a.uri, destination_name: a.dname, bandwidth });
      return { cookie_out: wireCookie(undefined) };
    }
    if (a.uri === undefined) throw rpcFail(ErrorCode.INVALID_ARG, 'Perform3 needs a migration URI without VIR_MIGRATE_PEER2PEER');
    const r = await v3(ctx).migratePerform3(a.dom, { xmlin: await screened(a.xmlin), cookieIn: cookieOf(a.cookie_in), dconnuri: a.dconnuri, uri: a.uri, flags, dname: a.dname, bandwidth });
    return { cookie_out: wireCookie(r.cookie) };
  },
  DOMAIN_MIGRATE_FINISH3: async (ctx, a) => {
    const r = await v3(ctx).migrateFinish3({ dname: a.dname, cookieIn: cookieOf(a.cookie_in), dconnuri: a.dconnuri, uri: a.uri ?? '', flags: hyperToNumber(a.flags), cancelled: a.cancelled !== 0 });
    if (!r.domain) throw nullDomain('Finish3');
    return { dom: r.domain, cookie_out: wireCookie(r.cookie) };
  },
  DOMAIN_MIGRATE_CONFIRM3: async (ctx, a) => {
    await v3(ctx).migrateConfirm3(a.dom, { cookieIn: cookieOf(a.cookie_in), flags: hyperToNumber(a.flags), cancelled: a.cancelled !== 0 });
  },
  DOMAIN_MIGRATE_BEGIN3_PARAMS: async (ctx, a) => {
    const p = migrateParams(a.params);
    const r = await v3(ctx).migrateBegin3(a.dom, { xmlin: await screened(p.xml), flags: a.flags, dname: p.dname, bandwidth: p.bandwidth });
    return { cookie_out: wireCookie(r.cookie), xml: r.xml };
  },
  DOMAIN_MIGRATE_PREPARE3_PARAMS: async (ctx, a) => {
    const p = migrateParams(a.params);
    if (p.xml === undefined) throw rpcFail(ErrorCode.INVALID_ARG, "Prepare3 needs the 'destination_xml' parameter");
    const r = await v3(ctx).migratePrepare3({ cookieIn: cookieOf(a.cookie_in), uriIn: p.uri, flags: a.flags, dname: p.dname, bandwidth: p.bandwidth, domXml: await screened(p.xml), listenAddress: ctx.localAddress, parallelConnections: p.parallelConnections, disksPort: p.disksPort });
    return { cookie_out: wireCookie(r.cookie), uri_out: r.uriOut };
  },
  DOMAIN_MIGRATE_PERFORM3_PARAMS: async (ctx, a) => {
    const p = migrateParams(a.params);
    if (a.flags & MigrateFlags.PEER2PEER) {
      await peer2peer(ctx, a.dom, a.dconnuri, a.flags, { destination_xml: await screened(p.xml), migrate_uri: p.uri, destination_name: p.dname, bandwidth: p.bandwidth, persistent_xml: p.persistXml, 'parallel.connections': p.parallelConnections, disks_port: p.disksPort });
      return { cookie_out: wireCookie(undefined) };
    }
    if (p.uri === undefined) throw rpcFail(ErrorCode.INVALID_ARG, "Perform3 needs the 'migrate_uri' parameter without VIR_MIGRATE_PEER2PEER");
    const r = await v3(ctx).migratePerform3(a.dom, { xmlin: await screened(p.xml), cookieIn: cookieOf(a.cookie_in), dconnuri: a.dconnuri, uri: p.uri, flags: a.flags, dname: p.dname, bandwidth: p.bandwidth, parallelConnections: p.parallelConnections });
    return { cookie_out: wireCookie(r.cookie) };
  },
  DOMAIN_MIGRATE_FINISH3_PARAMS: async (ctx, a) => {
    const p = migrateParams(a.params);
    const dname = p.dname ?? (p.xml !== undefined ? (await parseUntrustedDomainXml(p.xml)).name : undefined);
    if (dname === undefined) throw rpcFail(ErrorCode.INVALID_ARG, "Finish3 needs 'destination_name' or 'destination_xml'");
    const r = await v3(ctx).migrateFinish3({ dname, cookieIn: cookieOf(a.cookie_in), uri: p.uri ?? '', flags: a.flags, cancelled: a.cancelled !== 0 });
    if (!r.domain) throw nullDomain('Finish3');
    return { dom: r.domain, cookie_out: wireCookie(r.cookie) };
  },
  DOMAIN_MIGRATE_CONFIRM3_PARAMS: async (ctx, a) => {
    migrateParams(a.params);
    await v3(ctx).migrateConfirm3(a.dom, { cookieIn: cookieOf(a.cookie_in), flags: a.flags, cancelled: a.cancelled !== 0 });
  },
  ...networkHandlers,
  ...domainControlHandlers,
  ...domainStreamHandlers,
  ...snapshotHandlers,
  ...hostObjectHandlers,
  ...objectEventHandlers,
  ...hostInfoHandlers,
  ...domainGuestHandlers,
};


/** Procedures a client may call before CONNECT_OPEN. */
export const BEFORE_OPEN = new Set<ProcName>(['AUTH_LIST', 'AUTH_SASL_INIT', 'AUTH_SASL_START', 'AUTH_SASL_STEP', 'CONNECT_OPEN', 'CONNECT_CLOSE', 'CONNECT_SUPPORTS_FEATURE']);

/**
 * Procedures served before the listener's auth scheme is satisfied
 * (libvirt's needAuth = false): the AUTH_* ones. libvirt adds AUTH_POLKIT,
 * which virtkitd does not implement.
 */
export const BEFORE_AUTH = new Set<ProcName>(['AUTH_LIST', 'AUTH_SASL_INIT', 'AUTH_SASL_START', 'AUTH_SASL_STEP']);
