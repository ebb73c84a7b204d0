import type { DomainRef } from '@virtkit/core';
import { type Codec, encodeWith, xdrArray, xdrCharArray, xdrCharBytes, xdrCharVarArray, xdrInt, xdrMap, xdrOpaque, xdrStruct, xdrUhyper, xdrUhyperNumber, xdrUint, xdrVoid } from '../xdr/codec.js';
import { AUTH_SASL_DATA_MAX, AUTH_TYPE_LIST_MAX, DOMAIN_LIST_MAX, DOMAIN_MESSAGES_MAX, JOB_STATS_MAX, MIGRATE_COOKIE_MAX, MIGRATE_PARAM_LIST_MAX, SECURITY_DOI_MAX, SECURITY_LABEL_MAX, SECURITY_MODEL_MAX, STORAGE_POOL_LIST_MAX, STORAGE_VOL_LIST_MAX } from './constants.js';
import { nonnullDomain, nonnullStoragePool, nonnullStorageVol, nonnullString, optDomain, optString, typedParams, uuid } from './types.js';
import { NetworkProc } from './network-procedures.js';

/**
 * Typed descriptors of the REMOTE program's procedures: number, argument
 * and return layouts (remote_protocol.x), declared once and used by both the
 * client driver and the daemon. `writes` marks calls that change state and
 * are refused on a read-only connection.
 */
interface Procedure<A, R> {
  readonly name: string;
  readonly proc: number;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
  readonly writes: boolean;
}

/** An asynchronous MESSAGE the server sends (events). */
interface EventMessage<M> {
  readonly name: string;
  readonly proc: number;
  readonly msg: Codec<M>;
}

function call<A, R>(name: string, proc: number, args: Codec<A>, ret: Codec<R>, writes = false): Procedure<A, R> {
  return { name, proc, args, ret, writes };
}

/**
 * A migration cookie: libvirt sends "no cookie" as an empty opaque, drivers
 * speak of it as undefined. Mapped here once for every procedure.
 */
const cookie: Codec<Uint8Array | undefined> = xdrMap(
  xdrOpaque(MIGRATE_COOKIE_MAX),
  (c) => (c.length > 0 ? c : undefined),
  (c) => c ?? new Uint8Array(0),
);
const migrateParams = typedParams(MIGRATE_PARAM_LIST_MAX);
const saslData = xdrCharBytes(AUTH_SASL_DATA_MAX);
const saslReply = xdrStruct({ complete: xdrInt, nil: xdrInt, data: saslData });
const dom = xdrStruct<{ dom: DomainRef }>({ dom: nonnullDomain });
const domFlags = xdrStruct<{ dom: DomainRef; flags: number }>({ dom: nonnullDomain, flags: xdrUint });
/** A struct of one field. */
function one<K extends string, T>(k: K, c: Codec<T>): Codec<Record<K, T>> {
  return xdrStruct<Record<K, T>>({ [k]: c } as { [P in K]: Codec<T> } as never);
}
const str = <K extends string>(k: K) => one(k, nonnullString);
const int = <K extends string>(k: K) => one(k, xdrInt);
const uhyper = <K extends string>(k: K) => one(k, xdrUhyper);

export const lifecycleMsg = xdrStruct({ dom: nonnullDomain, event: xdrInt, detail: xdrInt });

export const nodeInfo = xdrStruct({
  model: xdrCharArray(32),
  memory: xdrUhyperNumber,
  cpus: xdrInt,
  mhz: xdrInt,
  nodes: xdrInt,
  sockets: xdrInt,
  cores: xdrInt,
  threads: xdrInt,
});

/** remote_domain_get_info_ret: rpcgen's unsigned char and short still take 4 bytes each. */
export const domainInfo = xdrStruct({ state: xdrUint, maxMem: xdrUhyperNumber, memory: xdrUhyperNumber, nrVirtCpu: xdrUint, cpuTime: xdrUhyper });

export const jobInfo = xdrStruct({
  type: xdrInt,
  timeElapsed: xdrUhyperNumber,
  timeRemaining: xdrUhyperNumber,
  dataTotal: xdrUhyperNumber,
  dataProcessed: xdrUhyperNumber,
  dataRemaining: xdrUhyperNumber,
  memTotal: xdrUhyperNumber,
  memProcessed: xdrUhyperNumber,
  memRemaining: xdrUhyperNumber,
  fileTotal: xdrUhyperNumber,
  fileProcessed: xdrUhyperNumber,
  fileRemaining: xdrUhyperNumber,
});

const pool = one('pool', nonnullStoragePool);
const poolFlags = xdrStruct({ pool: nonnullStoragePool, flags: xdrUint });
const vol = one('vol', nonnullStorageVol);
const volFlags = xdrStruct({ vol: nonnullStorageVol, flags: xdrUint });
const volStream = xdrStruct({ vol: nonnullStorageVol, offset: xdrUhyperNumber, length: xdrUhyperNumber, flags: xdrUint });
const xmlFlags = xdrStruct({ xml: nonnullString, flags: xdrUint });
/** remote_storage_pool_get_info_ret: rpcgen's unsigned char takes 4 bytes. */
export const storagePoolInfo = xdrStruct({ state: xdrUint, capacity: xdrUhyperNumber, allocation: xdrUhyperNumber, available: xdrUhyperNumber });
/** remote_storage_vol_get_info_ret: `char type` takes 4 bytes. */
export const storageVolInfo = xdrStruct({ type: xdrInt, capacity: xdrUhyperNumber, allocation: xdrUhyperNumber });

const prepareArgs = { uri_in: optString, flags: xdrUhyperNumber, dname: optString, resource: xdrUhyperNumber };
const prepareRet = xdrStruct({ cookie, uri_out: optString });

export const Proc = {
  CONNECT_OPEN: call('CONNECT_OPEN', 1, xdrStruct({ name: optString, flags: xdrUint }), xdrVoid),
  CONNECT_CLOSE: call('CONNECT_CLOSE', 2, xdrVoid, xdrVoid),
  CONNECT_GET_TYPE: call('CONNECT_GET_TYPE', 3, xdrVoid, str('type')),
  CONNECT_GET_VERSION: call('CONNECT_GET_VERSION', 4, xdrVoid, uhyper('hv_ver')),
  NODE_GET_INFO: call('NODE_GET_INFO', 6, xdrVoid, nodeInfo),
  CONNECT_GET_CAPABILITIES: call('CONNECT_GET_CAPABILITIES', 7, xdrVoid, str('capabilities')),
  DOMAIN_CREATE: call('DOMAIN_CREATE', 9, dom, xdrVoid, true),
  DOMAIN_CREATE_XML: call('DOMAIN_CREATE_XML', 10, xdrStruct({ xml_desc: nonnullString, flags: xdrUint }), dom, true),
  DOMAIN_DEFINE_XML: call('DOMAIN_DEFINE_XML', 11, str('xml'), dom, true),
  DOMAIN_DESTROY: call('DOMAIN_DESTROY', 12, dom, xdrVoid, true),
  DOMAIN_GET_XML_DESC: call('DOMAIN_GET_XML_DESC', 14, domFlags, str('xml')),
  DOMAIN_GET_AUTOSTART: call('DOMAIN_GET_AUTOSTART', 15, dom, int('autostart')),
  DOMAIN_GET_INFO: call('DOMAIN_GET_INFO', 16, dom, domainInfo),
  DOMAIN_GET_OS_TYPE: call('DOMAIN_GET_OS_TYPE', 19, dom, str('type')),
  CONNECT_LIST_DEFINED_DOMAINS: call('CONNECT_LIST_DEFINED_DOMAINS', 21, int('maxnames'), xdrStruct({ names: xdrArray(nonnullString, DOMAIN_LIST_MAX, 'domain name list') })),
  DOMAIN_LOOKUP_BY_ID: call('DOMAIN_LOOKUP_BY_ID', 22, int('id'), dom),
  DOMAIN_LOOKUP_BY_NAME: call('DOMAIN_LOOKUP_BY_NAME', 23, str('name'), dom),
  DOMAIN_LOOKUP_BY_UUID: call('DOMAIN_LOOKUP_BY_UUID', 24, xdrStruct({ uuid }), dom),
  CONNECT_NUM_OF_DEFINED_DOMAINS: call('CONNECT_NUM_OF_DEFINED_DOMAINS', 25, xdrVoid, int('num')),
  DOMAIN_RESUME: call('DOMAIN_RESUME', 28, dom, xdrVoid, true),
  DOMAIN_SHUTDOWN: call('DOMAIN_SHUTDOWN', 33, dom, xdrVoid, true),
  DOMAIN_SUSPEND: call('DOMAIN_SUSPEND', 34, dom, xdrVoid, true),
  DOMAIN_UNDEFINE: call('DOMAIN_UNDEFINE', 35, dom, xdrVoid, true),
  CONNECT_LIST_DOMAINS: call('CONNECT_LIST_DOMAINS', 37, int('maxids'), xdrStruct({ ids: xdrArray(xdrInt, DOMAIN_LIST_MAX, 'domain id list') })),
  CONNECT_NUM_OF_DOMAINS: call('CONNECT_NUM_OF_DOMAINS', 51, xdrVoid, int('num')),
  CONNECT_GET_HOSTNAME: call('CONNECT_GET_HOSTNAME', 59, xdrVoid, str('hostname')),
  CONNECT_SUPPORTS_FEATURE: call('CONNECT_SUPPORTS_FEATURE', 60, int('feature'), int('supported')),
  DOMAIN_MIGRATE_PREPARE: call('DOMAIN_MIGRATE_PREPARE', 61, xdrStruct(prepareArgs), prepareRet, true),
  DOMAIN_MIGRATE_PERFORM: call('DOMAIN_MIGRATE_PERFORM', 62, xdrStruct({ dom: nonnullDomain, cookie, uri: nonnullString, flags: xdrUhyperNumber, dname: optString, resource: xdrUhyperNumber }), xdrVoid, true),
  DOMAIN_MIGRATE_FINISH: call('DOMAIN_MIGRATE_FINISH', 63, xdrStruct({ dname: nonnullString, cookie, uri: nonnullString, flags: xdrUhyperNumber }), xdrStruct({ ddom: nonnullDomain }), true),
  AUTH_LIST: call('AUTH_LIST', 66, xdrVoid, xdrStruct({ types: xdrArray(xdrInt, AUTH_TYPE_LIST_MAX, 'auth type list') })),
  /** SASL (remote_auth_sasl_*): `nil` 1 means "no data", which SASL tells apart from empty data. */
  AUTH_SASL_INIT: call('AUTH_SASL_INIT', 67, xdrVoid, xdrStruct({ mechlist: nonnullString })),
  AUTH_SASL_START: call('AUTH_SASL_START', 68, xdrStruct({ mech: nonnullString, nil: xdrInt, data: saslData }), saslReply),
  AUTH_SASL_STEP: call('AUTH_SASL_STEP', 69, xdrStruct({ nil: xdrInt, data: saslData }), saslReply),
  CONNECT_DOMAIN_EVENT_REGISTER: call('CONNECT_DOMAIN_EVENT_REGISTER', 105, xdrVoid, int('cb_registered')),
  CONNECT_DOMAIN_EVENT_DEREGISTER: call('CONNECT_DOMAIN_EVENT_DEREGISTER', 106, xdrVoid, int('cb_registered')),
  DOMAIN_MIGRATE_PREPARE2: call('DOMAIN_MIGRATE_PREPARE2', 108, xdrStruct({ ...prepareArgs, dom_xml: nonnullString }), prepareRet, true),
  DOMAIN_MIGRATE_FINISH2: call('DOMAIN_MIGRATE_FINISH2', 109, xdrStruct({ dname: nonnullString, cookie, uri: nonnullString, flags: xdrUhyperNumber, retcode: xdrInt }), xdrStruct({ ddom: nonnullDomain }), true),
  CONNECT_GET_URI: call('CONNECT_GET_URI', 110, xdrVoid, str('uri')),
  DOMAIN_GET_SECURITY_LABEL: call('DOMAIN_GET_SECURITY_LABEL', 121, dom, xdrStruct({ label: xdrCharVarArray(SECURITY_LABEL_MAX), enforcing: xdrInt })),
  NODE_GET_SECURITY_MODEL: call('NODE_GET_SECURITY_MODEL', 122, xdrVoid, xdrStruct({ model: xdrCharVarArray(SECURITY_MODEL_MAX), doi: xdrCharVarArray(SECURITY_DOI_MAX) })),
  DOMAIN_IS_ACTIVE: call('DOMAIN_IS_ACTIVE', 150, dom, int('active')),
  DOMAIN_IS_PERSISTENT: call('DOMAIN_IS_PERSISTENT', 151, dom, int('persistent')),
  CONNECT_GET_LIB_VERSION: call('CONNECT_GET_LIB_VERSION', 157, xdrVoid, uhyper('lib_ver')),
  DOMAIN_GET_JOB_INFO: call('DOMAIN_GET_JOB_INFO', 163, dom, jobInfo),
  DOMAIN_ABORT_JOB: call('DOMAIN_ABORT_JOB', 164, dom, xdrVoid, true),
  DOMAIN_MIGRATE_SET_MAX_DOWNTIME: call('DOMAIN_MIGRATE_SET_MAX_DOWNTIME', 166, xdrStruct({ dom: nonnullDomain, downtime: xdrUhyperNumber, flags: xdrUint }), xdrVoid, true),
  DOMAIN_HAS_MANAGED_SAVE_IMAGE: call('DOMAIN_HAS_MANAGED_SAVE_IMAGE', 183, domFlags, int('result')),
  DOMAIN_SNAPSHOT_NUM: call('DOMAIN_SNAPSHOT_NUM', 187, domFlags, int('num')),
  DOMAIN_CREATE_WITH_FLAGS: call('DOMAIN_CREATE_WITH_FLAGS', 196, domFlags, dom, true),
  DOMAIN_MIGRATE_SET_MAX_SPEED: call('DOMAIN_MIGRATE_SET_MAX_SPEED', 207, xdrStruct({ dom: nonnullDomain, bandwidth: xdrUhyperNumber, flags: xdrUint }), xdrVoid, true),
  DOMAIN_GET_STATE: call('DOMAIN_GET_STATE', 212, domFlags, xdrStruct({ state: xdrInt, reason: xdrInt })),
  DOMAIN_MIGRATE_BEGIN3: call('DOMAIN_MIGRATE_BEGIN3', 213, xdrStruct({ dom: nonnullDomain, xmlin: optString, flags: xdrUhyperNumber, dname: optString, resource: xdrUhyperNumber }), xdrStruct({ cookie_out: cookie, xml: nonnullString }), true),
  DOMAIN_MIGRATE_PREPARE3: call('DOMAIN_MIGRATE_PREPARE3', 214, xdrStruct({ cookie_in: cookie, ...prepareArgs, dom_xml: nonnullString }), xdrStruct({ cookie_out: cookie, uri_out: optString }), true),
  DOMAIN_MIGRATE_PERFORM3: call('DOMAIN_MIGRATE_PERFORM3', 216, xdrStruct({ dom: nonnullDomain, xmlin: optString, cookie_in: cookie, dconnuri: optString, uri: optString, flags: xdrUhyperNumber, dname: optString, resource: xdrUhyperNumber }), xdrStruct({ cookie_out: cookie }), true),
  DOMAIN_MIGRATE_FINISH3: call('DOMAIN_MIGRATE_FINISH3', 217, xdrStruct({ dname: nonnullString, cookie_in: cookie, dconnuri: optString, uri: optString, flags: xdrUhyperNumber, cancelled: xdrInt }), xdrStruct({ dom: nonnullDomain, cookie_out: cookie }), true),
  DOMAIN_MIGRATE_CONFIRM3: call('DOMAIN_MIGRATE_CONFIRM3', 218, xdrStruct({ dom: nonnullDomain, cookie_in: cookie, flags: xdrUhyperNumber, cancelled: xdrInt }), xdrVoid, true),
  DOMAIN_UNDEFINE_FLAGS: call('DOMAIN_UNDEFINE_FLAGS', 231, domFlags, xdrVoid, true),
  DOMAIN_DESTROY_FLAGS: call('DOMAIN_DESTROY_FLAGS', 234, domFlags, xdrVoid, true),
  DOMAIN_SHUTDOWN_FLAGS: call('DOMAIN_SHUTDOWN_FLAGS', 258, domFlags, xdrVoid, true),
  DOMAIN_MIGRATE_GET_MAX_SPEED: call('DOMAIN_MIGRATE_GET_MAX_SPEED', 242, domFlags, xdrStruct({ bandwidth: xdrUhyperNumber })),
  CONNECT_LIST_ALL_DOMAINS: call('CONNECT_LIST_ALL_DOMAINS', 273, xdrStruct({ need_results: xdrInt, flags: xdrUint }), xdrStruct({ domains: xdrArray(nonnullDomain, DOMAIN_LIST_MAX, 'domain list'), ret: xdrUint })),
  DOMAIN_GET_JOB_STATS: call('DOMAIN_GET_JOB_STATS', 298, domFlags, xdrStruct({ type: xdrInt, params: typedParams(JOB_STATS_MAX) })),
  DOMAIN_MIGRATE_BEGIN3_PARAMS: call('DOMAIN_MIGRATE_BEGIN3_PARAMS', 302, xdrStruct({ dom: nonnullDomain, params: migrateParams, flags: xdrUint }), xdrStruct({ cookie_out: cookie, xml: nonnullString }), true),
  DOMAIN_MIGRATE_PREPARE3_PARAMS: call('DOMAIN_MIGRATE_PREPARE3_PARAMS', 303, xdrStruct({ params: migrateParams, cookie_in: cookie, flags: xdrUint }), xdrStruct({ cookie_out: cookie, uri_out: optString }), true),
  DOMAIN_MIGRATE_PERFORM3_PARAMS: call('DOMAIN_MIGRATE_PERFORM3_PARAMS', 305, xdrStruct({ dom: nonnullDomain, dconnuri: optString, params: migrateParams, cookie_in: cookie, flags: xdrUint }), xdrStruct({ cookie_out: cookie }), true),
  DOMAIN_MIGRATE_FINISH3_PARAMS: call('DOMAIN_MIGRATE_FINISH3_PARAMS', 306, xdrStruct({ params: migrateParams, cookie_in: cookie, flags: xdrUint, cancelled: xdrInt }), xdrStruct({ dom: nonnullDomain, cookie_out: cookie }), true),
  DOMAIN_MIGRATE_CONFIRM3_PARAMS: call('DOMAIN_MIGRATE_CONFIRM3_PARAMS', 307, xdrStruct({ dom: nonnullDomain, params: migrateParams, cookie_in: cookie, flags: xdrUint, cancelled: xdrInt }), xdrVoid, true),
  CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY: call('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', 316, xdrStruct({ eventID: xdrInt, dom: optDomain }), int('callbackID')),
  CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY: call('CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY', 317, int('callbackID'), xdrVoid),
  DOMAIN_DEFINE_XML_FLAGS: call('DOMAIN_DEFINE_XML_FLAGS', 350, xdrStruct({ xml: nonnullString, flags: xdrUint }), dom, true),
  CONNECT_REGISTER_CLOSE_CALLBACK: call('CONNECT_REGISTER_CLOSE_CALLBACK', 360, xdrVoid, xdrVoid),
  CONNECT_UNREGISTER_CLOSE_CALLBACK: call('CONNECT_UNREGISTER_CLOSE_CALLBACK', 361, xdrVoid, xdrVoid),
  DOMAIN_MIGRATE_GET_MAX_DOWNTIME: call('DOMAIN_MIGRATE_GET_MAX_DOWNTIME', 387, domFlags, xdrStruct({ downtime: xdrUhyperNumber })),
  DOMAIN_GET_MESSAGES: call('DOMAIN_GET_MESSAGES', 426, domFlags, xdrStruct({ msgs: xdrArray(nonnullString, DOMAIN_MESSAGES_MAX, 'message list') })),
  DOMAIN_ABORT_JOB_FLAGS: call('DOMAIN_ABORT_JOB_FLAGS', 442, domFlags, xdrVoid, true),
  // Storage pools and volumes. UPLOAD and DOWNLOAD are followed by a stream (protocol/stream.ts) on their serial.
  STORAGE_POOL_CREATE_XML: call('STORAGE_POOL_CREATE_XML', 76, xmlFlags, pool, true),
  STORAGE_POOL_DEFINE_XML: call('STORAGE_POOL_DEFINE_XML', 77, xmlFlags, pool, true),
  STORAGE_POOL_CREATE: call('STORAGE_POOL_CREATE', 78, poolFlags, xdrVoid, true),
  STORAGE_POOL_BUILD: call('STORAGE_POOL_BUILD', 79, poolFlags, xdrVoid, true),
  STORAGE_POOL_DESTROY: call('STORAGE_POOL_DESTROY', 80, pool, xdrVoid, true),
  STORAGE_POOL_DELETE: call('STORAGE_POOL_DELETE', 81, poolFlags, xdrVoid, true),
  STORAGE_POOL_UNDEFINE: call('STORAGE_POOL_UNDEFINE', 82, pool, xdrVoid, true),
  STORAGE_POOL_REFRESH: call('STORAGE_POOL_REFRESH', 83, poolFlags, xdrVoid, true),
  STORAGE_POOL_LOOKUP_BY_NAME: call('STORAGE_POOL_LOOKUP_BY_NAME', 84, str('name'), pool),
  STORAGE_POOL_LOOKUP_BY_UUID: call('STORAGE_POOL_LOOKUP_BY_UUID', 85, xdrStruct({ uuid }), pool),
  STORAGE_POOL_LOOKUP_BY_VOLUME: call('STORAGE_POOL_LOOKUP_BY_VOLUME', 86, vol, pool),
  STORAGE_POOL_GET_INFO: call('STORAGE_POOL_GET_INFO', 87, pool, storagePoolInfo),
  STORAGE_POOL_GET_XML_DESC: call('STORAGE_POOL_GET_XML_DESC', 88, poolFlags, str('xml')),
  STORAGE_POOL_GET_AUTOSTART: call('STORAGE_POOL_GET_AUTOSTART', 89, pool, int('autostart')),
  STORAGE_POOL_SET_AUTOSTART: call('STORAGE_POOL_SET_AUTOSTART', 90, xdrStruct({ pool: nonnullStoragePool, autostart: xdrInt }), xdrVoid, true),
  STORAGE_POOL_NUM_OF_VOLUMES: call('STORAGE_POOL_NUM_OF_VOLUMES', 91, pool, int('num')),
  STORAGE_POOL_LIST_VOLUMES: call('STORAGE_POOL_LIST_VOLUMES', 92, xdrStruct({ pool: nonnullStoragePool, maxnames: xdrInt }), xdrStruct({ names: xdrArray(nonnullString, STORAGE_VOL_LIST_MAX, 'volume name list') })),
  STORAGE_VOL_CREATE_XML: call('STORAGE_VOL_CREATE_XML', 93, xdrStruct({ pool: nonnullStoragePool, xml: nonnullString, flags: xdrUint }), vol, true),
  STORAGE_VOL_DELETE: call('STORAGE_VOL_DELETE', 94, volFlags, xdrVoid, true),
  STORAGE_VOL_LOOKUP_BY_NAME: call('STORAGE_VOL_LOOKUP_BY_NAME', 95, xdrStruct({ pool: nonnullStoragePool, name: nonnullString }), vol),
  STORAGE_VOL_LOOKUP_BY_KEY: call('STORAGE_VOL_LOOKUP_BY_KEY', 96, str('key'), vol),
  STORAGE_VOL_LOOKUP_BY_PATH: call('STORAGE_VOL_LOOKUP_BY_PATH', 97, str('path'), vol),
  STORAGE_VOL_GET_INFO: call('STORAGE_VOL_GET_INFO', 98, vol, storageVolInfo),
  STORAGE_VOL_GET_XML_DESC: call('STORAGE_VOL_GET_XML_DESC', 99, volFlags, str('xml')),
  STORAGE_VOL_GET_PATH: call('STORAGE_VOL_GET_PATH', 100, vol, str('name')),
  STORAGE_VOL_CREATE_XML_FROM: call('STORAGE_VOL_CREATE_XML_FROM', 125, xdrStruct({ pool: nonnullStoragePool, xml: nonnullString, clonevol: nonnullStorageVol, flags: xdrUint }), vol, true),
  STORAGE_POOL_IS_ACTIVE: call('STORAGE_POOL_IS_ACTIVE', 154, pool, int('active')),
  STORAGE_POOL_IS_PERSISTENT: call('STORAGE_POOL_IS_PERSISTENT', 155, pool, int('persistent')),
  STORAGE_VOL_WIPE: call('STORAGE_VOL_WIPE', 165, volFlags, xdrVoid, true),
  STORAGE_VOL_UPLOAD: call('STORAGE_VOL_UPLOAD', 208, volStream, xdrVoid, true),
  STORAGE_VOL_DOWNLOAD: call('STORAGE_VOL_DOWNLOAD', 209, volStream, xdrVoid),
  STORAGE_VOL_WIPE_PATTERN: call('STORAGE_VOL_WIPE_PATTERN', 259, xdrStruct({ vol: nonnullStorageVol, algorithm: xdrUint, flags: xdrUint }), xdrVoid, true),
  STORAGE_VOL_RESIZE: call('STORAGE_VOL_RESIZE', 260, xdrStruct({ vol: nonnullStorageVol, capacity: xdrUhyperNumber, flags: xdrUint }), xdrVoid, true),
  CONNECT_LIST_ALL_STORAGE_POOLS: call('CONNECT_LIST_ALL_STORAGE_POOLS', 281, xdrStruct({ need_results: xdrInt, flags: xdrUint }), xdrStruct({ pools: xdrArray(nonnullStoragePool, STORAGE_POOL_LIST_MAX, 'storage pool list'), ret: xdrUint })),
  STORAGE_POOL_LIST_ALL_VOLUMES: call('STORAGE_POOL_LIST_ALL_VOLUMES', 282, xdrStruct({ pool: nonnullStoragePool, need_results: xdrInt, flags: xdrUint }), xdrStruct({ vols: xdrArray(nonnullStorageVol, STORAGE_VOL_LIST_MAX, 'storage volume list'), ret: xdrUint })),
  STORAGE_VOL_GET_INFO_FLAGS: call('STORAGE_VOL_GET_INFO_FLAGS', 378, volFlags, storageVolInfo),
  ...NetworkProc,
  DOMAIN_ATTACH_DEVICE: call('DOMAIN_ATTACH_DEVICE', 8, xdrStruct({ dom: nonnullDomain, xml: nonnullString }), xdrVoid, true),
  DOMAIN_ATTACH_DEVICE_FLAGS: call('DOMAIN_ATTACH_DEVICE_FLAGS', 160, xdrStruct({ dom: nonnullDomain, xml: nonnullString, flags: xdrUint }), xdrVoid, true),
  DOMAIN_UPDATE_DEVICE_FLAGS: call('DOMAIN_UPDATE_DEVICE_FLAGS', 174, xdrStruct({ dom: nonnullDomain, xml: nonnullString, flags: xdrUint }), xdrVoid, true),
} as const;

export type ProcName = keyof typeof Proc;
export type ProcArgs<N extends ProcName> = (typeof Proc)[N]['args'] extends Codec<infer A> ? A : never;
export type ProcRet<N extends ProcName> = (typeof Proc)[N]['ret'] extends Codec<infer R> ? R : never;

/**
 * The procedures above that remote_protocol.x marks `@priority: high` (calls
 * that never wait on a domain job): libvirtd's priority workers run them even
 * while slow calls hold every other worker.
 */
export const HIGH_PRIORITY: ReadonlySet<ProcName> = new Set<ProcName>([
  'CONNECT_OPEN', 'CONNECT_CLOSE', 'CONNECT_GET_TYPE', 'CONNECT_GET_VERSION', 'NODE_GET_INFO', 'DOMAIN_DEFINE_XML',
  'DOMAIN_DESTROY', 'DOMAIN_GET_AUTOSTART', 'DOMAIN_GET_OS_TYPE', 'CONNECT_LIST_DEFINED_DOMAINS', 'DOMAIN_LOOKUP_BY_ID',
  'DOMAIN_LOOKUP_BY_NAME', 'DOMAIN_LOOKUP_BY_UUID', 'CONNECT_NUM_OF_DEFINED_DOMAINS', 'DOMAIN_UNDEFINE', 'CONNECT_LIST_DOMAINS',
  'CONNECT_NUM_OF_DOMAINS', 'CONNECT_GET_HOSTNAME', 'CONNECT_SUPPORTS_FEATURE', 'AUTH_LIST', 'CONNECT_DOMAIN_EVENT_REGISTER',
  'CONNECT_DOMAIN_EVENT_DEREGISTER', 'CONNECT_GET_URI', 'DOMAIN_GET_SECURITY_LABEL', 'NODE_GET_SECURITY_MODEL', 'DOMAIN_IS_ACTIVE',
  'DOMAIN_IS_PERSISTENT', 'CONNECT_GET_LIB_VERSION', 'DOMAIN_SNAPSHOT_NUM', 'DOMAIN_GET_STATE', 'DOMAIN_UNDEFINE_FLAGS',
  'DOMAIN_DESTROY_FLAGS', 'CONNECT_LIST_ALL_DOMAINS', 'CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', 'CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY',
]);

export const EventMsg = {
  DOMAIN_EVENT_LIFECYCLE: { name: 'DOMAIN_EVENT_LIFECYCLE', proc: 107, msg: lifecycleMsg },
  DOMAIN_EVENT_CALLBACK_LIFECYCLE: { name: 'DOMAIN_EVENT_CALLBACK_LIFECYCLE', proc: 318, msg: xdrStruct({ callbackID: xdrInt, msg: lifecycleMsg }) },
} as const satisfies Record<string, EventMessage<unknown>>;

/**
 * The body of DOMAIN_EVENT_CALLBACK_LIFECYCLE from an already encoded
 * lifecycleMsg: the struct is the callback id followed by the message, so one
 * encoded message serves every callback.
 */
export function callbackLifecycleBody(callbackID: number, encodedMsg: Buffer): Buffer {
  return Buffer.concat([encodeWith(xdrInt, callbackID), encodedMsg]);
}

const byNumber = new Map<number, Procedure<unknown, unknown>>(Object.values(Proc).map((p) => [p.proc, p as Procedure<unknown, unknown>]));

/** The descriptor of a procedure number, or undefined when this implementation does not know it. */
export function procedureByNumber(proc: number): Procedure<unknown, unknown> | undefined {
  return byNumber.get(proc);
}
