/**
 * One error type for the whole framework. Codes and domains use libvirt's
 * numbers (virterror.h), so an error crosses the RPC wire unchanged and a
 * libvirt client prints the right text.
 */

/** libvirt's virErrorNumber. Append-only, values are ABI. */
export enum ErrorCode {
  OK = 0,
  INTERNAL_ERROR = 1,
  NO_MEMORY = 2,
  NO_SUPPORT = 3,
  UNKNOWN_HOST = 4,
  NO_CONNECT = 5,
  INVALID_CONN = 6,
  INVALID_DOMAIN = 7,
  INVALID_ARG = 8,
  OPERATION_FAILED = 9,
  GET_FAILED = 10,
  POST_FAILED = 11,
  HTTP_ERROR = 12,
  SEXPR_SERIAL = 13,
  NO_XEN = 14,
  XEN_CALL = 15,
  OS_TYPE = 16,
  NO_KERNEL = 17,
  NO_ROOT = 18,
  NO_SOURCE = 19,
  NO_TARGET = 20,
  NO_NAME = 21,
  NO_OS = 22,
  NO_DEVICE = 23,
  XML_ERROR = 27,
  DOM_EXIST = 28,
  OPERATION_DENIED = 29,
  OPEN_FAILED = 30,
  READ_FAILED = 31,
  PARSE_FAILED = 32,
  CONF_SYNTAX = 33,
  WRITE_FAILED = 34,
  XML_DETAIL = 35,
  SYSTEM_ERROR = 38,
  RPC = 39,
  NO_DOMAIN = 42,
  INVALID_MAC = 44,
  AUTH_FAILED = 45,
  OPERATION_INVALID = 55,
  CONFIG_UNSUPPORTED = 67,
  OPERATION_TIMEOUT = 68,
  MIGRATE_PERSIST_FAILED = 69,
  ARGUMENT_UNSUPPORTED = 74,
  OPERATION_ABORTED = 78,
  NO_DOMAIN_METADATA = 80,
  MIGRATE_UNSAFE = 81,
  OVERFLOW = 82,
  OPERATION_UNSUPPORTED = 84,
  RESOURCE_BUSY = 87,
  ACCESS_DENIED = 88,
  XML_INVALID_SCHEMA = 92,
  MIGRATE_FINISH_OK = 93,
  NO_SERVER = 95,
  NO_CLIENT = 96,
  DEVICE_MISSING = 99,
  INVALID_NETWORK = 36,
  NETWORK_EXIST = 37,
  NO_NETWORK = 43,
  INVALID_STORAGE_POOL = 46,
  INVALID_STORAGE_VOL = 47,
  NO_STORAGE_POOL = 49,
  NO_STORAGE_VOL = 50,
  STORAGE_PROBE_FAILED = 75,
  STORAGE_POOL_BUILT = 76,
  STORAGE_VOL_EXIST = 90,
  NO_NODE_DEVICE = 53,
  NO_INTERFACE = 57,
  MULTIPLE_INTERFACES = 59,
  NO_NWFILTER = 62,
  NO_SECRET = 66,
  INVALID_DOMAIN_SNAPSHOT = 71,
  NO_DOMAIN_SNAPSHOT = 72,
  SNAPSHOT_REVERT_RISKY = 77,
  NO_NWFILTER_BINDING = 101,
  NO_DOMAIN_CHECKPOINT = 103,
}

/** libvirt's virErrorDomain: which part of the stack raised the error. */
export enum ErrorDomain {
  NONE = 0,
  XEN = 1,
  XEND = 2,
  SEXPR = 4,
  XML = 5,
  DOM = 6,
  RPC = 7,
  CONF = 9,
  QEMU = 10,
  TEST = 12,
  REMOTE = 13,
  DOMAIN = 20,
  CAPABILITIES = 44,
  URI = 45,
  NETWORK = 19,
  STORAGE = 18,
}

/** libvirt's virErrorLevel. */
export enum ErrorLevel {
  NONE = 0,
  WARNING = 1,
  ERROR = 2,
}

export interface VirtErrorInit {
  code: ErrorCode | number;
  domain?: ErrorDomain | number;
  message: string;
  level?: ErrorLevel;
  /** Extra strings and numbers, as libvirt's str1..3 and int1..2. */
  details?: { str1?: string; str2?: string; str3?: string; int1?: number; int2?: number };
  cause?: unknown;
  /**
   * false: no stack trace is captured. For errors that answer a peer's bytes
   * (a protocol layer refusing a frame), which hostile input makes by the
   * thousand and whose stack says nothing: capturing one costs several times
   * the rest of the error. Default true. @since 1.1
   */
  trace?: boolean;
}

const BRAND = Symbol.for('virtkit:VirtError');

export class VirtError extends Error {
  readonly code: number;
  readonly domain: number;
  readonly level: ErrorLevel;
  readonly details: NonNullable<VirtErrorInit['details']>;

  constructor(init: VirtErrorInit) {
    const stackTraceLimit = Error.stackTraceLimit;
    if (init.trace === false) Error.stackTraceLimit = 0;
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'VirtError';
    this.code = init.code;
    this.domain = init.domain ?? ErrorDomain.NONE;
    this.level = init.level ?? ErrorLevel.ERROR;
    this.details = init.details ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** libvirt's symbolic name for the code, e.g. "NO_DOMAIN". */
  get codeName(): string {
    return ErrorCode[this.code] ?? `code ${this.code}`;
  }
}

/**
 * True when `e` is a VirtError, optionally with the given code. Works across
 * several copies of this package, where `instanceof` would not.
 */
export function isVirtError(e: unknown, code?: ErrorCode | number): e is VirtError {
  if (typeof e !== 'object' || e === null || !(e as Record<symbol, unknown>)[BRAND]) return false;
  return code === undefined || (e as VirtError).code === code;
}

/**
 * A VirtError whose message is already complete (it came over a wire, or
 * from a hypervisor that words its own errors). Errors a driver raises
 * itself come from errorReporter(), which words the prefix.
 */
export function virtError(code: ErrorCode, domain: ErrorDomain, message: string, cause?: unknown): VirtError {
  return new VirtError({ code, domain, message, cause });
}

/**
 * libvirt's message per code (virerror.c, virErrorMsg): the text without
 * detail, and the template for a detail (%s). `null` template: the detail
 * is the whole message (SYSTEM_ERROR, RPC, XML_DETAIL). Codes missing here
 * get the detail alone.
 */
const ERROR_MESSAGES: Readonly<Partial<Record<ErrorCode, readonly [bare: string, template: string | null]>>> = {
  [ErrorCode.INTERNAL_ERROR]: ['internal error', 'internal error: %s'],
  [ErrorCode.NO_MEMORY]: ['out of memory', 'out of memory: %s'],
  [ErrorCode.NO_SUPPORT]: ['this function is not supported by the connection driver', 'this function is not supported by the connection driver: %s'],
  [ErrorCode.UNKNOWN_HOST]: ['unknown host', 'unknown host %s'],
  [ErrorCode.NO_CONNECT]: ['no connection driver available', 'no connection driver available for %s'],
  [ErrorCode.INVALID_CONN]: ['invalid connection pointer in', 'invalid connection pointer in %s'],
  [ErrorCode.INVALID_DOMAIN]: ['invalid domain pointer in', 'invalid domain pointer in %s'],
  [ErrorCode.INVALID_ARG]: ['invalid argument', 'invalid argument: %s'],
  [ErrorCode.OPERATION_FAILED]: ['operation failed', 'operation failed: %s'],
  [ErrorCode.GET_FAILED]: ['GET operation failed', 'GET operation failed: %s'],
  [ErrorCode.POST_FAILED]: ['POST operation failed', 'POST operation failed: %s'],
  [ErrorCode.SEXPR_SERIAL]: ['failed to serialize S-Expr', 'failed to serialize S-Expr: %s'],
  [ErrorCode.NO_XEN]: ['could not use Xen hypervisor entry', 'could not use Xen hypervisor entry %s'],
  [ErrorCode.OS_TYPE]: ['unknown OS type', 'unknown OS type %s'],
  [ErrorCode.NO_SOURCE]: ['missing source information for device', 'missing source information for device %s'],
  [ErrorCode.NO_TARGET]: ['missing target information for device', 'missing target information for device %s'],
  [ErrorCode.NO_NAME]: ['missing name information', 'missing name information in %s'],
  [ErrorCode.NO_OS]: ['missing operating system information', 'missing operating system information for %s'],
  [ErrorCode.XML_ERROR]: ['XML description is invalid or not well formed', 'XML error: %s'],
  [ErrorCode.DOM_EXIST]: ['this domain exists already', 'domain %s exists already'],
  [ErrorCode.OPERATION_DENIED]: ['operation forbidden for read only access', 'operation forbidden: %s'],
  [ErrorCode.OPEN_FAILED]: ['failed to open configuration file for reading', 'failed to open %s for reading'],
  [ErrorCode.READ_FAILED]: ['failed to read configuration file', 'failed to read configuration file %s'],
  [ErrorCode.PARSE_FAILED]: ['failed to parse configuration file', 'failed to parse configuration file %s'],
  [ErrorCode.CONF_SYNTAX]: ['configuration file syntax error', 'configuration file syntax error: %s'],
  [ErrorCode.WRITE_FAILED]: ['failed to write configuration file', 'failed to write configuration file: %s'],
  [ErrorCode.XML_DETAIL]: ['parser error', null],
  [ErrorCode.SYSTEM_ERROR]: ['system call error', null],
  [ErrorCode.RPC]: ['RPC error', null],
  [ErrorCode.NO_DOMAIN]: ['Domain not found', 'Domain not found: %s'],
  [ErrorCode.INVALID_MAC]: ['invalid MAC address', 'invalid MAC address: %s'],
  [ErrorCode.AUTH_FAILED]: ['authentication failed', 'authentication failed: %s'],
  [ErrorCode.OPERATION_INVALID]: ['Requested operation is not valid', 'Requested operation is not valid: %s'],
  [ErrorCode.CONFIG_UNSUPPORTED]: ['unsupported configuration', 'unsupported configuration: %s'],
  [ErrorCode.OPERATION_TIMEOUT]: ['Timed out during operation', 'Timed out during operation: %s'],
  [ErrorCode.MIGRATE_PERSIST_FAILED]: ['Failed to make domain persistent after migration', 'Failed to make domain persistent after migration: %s'],
  [ErrorCode.ARGUMENT_UNSUPPORTED]: ['argument unsupported', 'argument unsupported: %s'],
  [ErrorCode.OPERATION_ABORTED]: ['operation aborted', 'operation aborted: %s'],
  [ErrorCode.NO_DOMAIN_METADATA]: ['metadata not found', 'metadata not found: %s'],
  [ErrorCode.MIGRATE_UNSAFE]: ['Unsafe migration', 'Unsafe migration: %s'],
  [ErrorCode.OVERFLOW]: ['numerical overflow', 'numerical overflow: %s'],
  [ErrorCode.OPERATION_UNSUPPORTED]: ['Operation not supported', 'Operation not supported: %s'],
  [ErrorCode.RESOURCE_BUSY]: ['resource busy', 'resource busy: %s'],
  [ErrorCode.ACCESS_DENIED]: ['access denied', 'access denied: %s'],
  [ErrorCode.XML_INVALID_SCHEMA]: ['XML document failed to validate against schema', 'XML document failed to validate against schema: %s'],
  [ErrorCode.MIGRATE_FINISH_OK]: ['migration successfully aborted', 'migration successfully aborted: %s'],
  [ErrorCode.NO_SERVER]: ['Server not found', 'Server not found: %s'],
  [ErrorCode.NO_CLIENT]: ['Client not found', 'Client not found: %s'],
  [ErrorCode.DEVICE_MISSING]: ['device not found', 'device not found: %s'],
  [ErrorCode.INVALID_NETWORK]: ['invalid network pointer in', 'invalid network pointer in %s'],
  [ErrorCode.NETWORK_EXIST]: ['this network exists already', 'network %s exists already'],
  [ErrorCode.NO_NETWORK]: ['Network not found', 'Network not found: %s'],
  [ErrorCode.INVALID_STORAGE_POOL]: ['invalid storage pool pointer in', 'invalid storage pool pointer in %s'],
  [ErrorCode.INVALID_STORAGE_VOL]: ['invalid storage volume pointer in', 'invalid storage volume pointer in %s'],
  [ErrorCode.NO_STORAGE_POOL]: ['Storage pool not found', 'Storage pool not found: %s'],
  [ErrorCode.NO_STORAGE_VOL]: ['Storage volume not found', 'Storage volume not found: %s'],
  [ErrorCode.STORAGE_PROBE_FAILED]: ['Storage pool probe failed', 'Storage pool probe failed: %s'],
  [ErrorCode.STORAGE_POOL_BUILT]: ['Storage pool already built', 'Storage pool already built: %s'],
  [ErrorCode.STORAGE_VOL_EXIST]: ['this storage volume exists already', 'storage volume %s exists already'],
  [ErrorCode.NO_NODE_DEVICE]: ['Node device not found', 'Node device not found: %s'],
  [ErrorCode.NO_INTERFACE]: ['Interface not found', 'Interface not found: %s'],
  [ErrorCode.MULTIPLE_INTERFACES]: ['multiple matching interfaces found', 'multiple matching interfaces found: %s'],
  [ErrorCode.NO_NWFILTER]: ['Network filter not found', 'Network filter not found: %s'],
  [ErrorCode.NO_SECRET]: ['Secret not found', 'Secret not found: %s'],
  [ErrorCode.INVALID_DOMAIN_SNAPSHOT]: ['Invalid snapshot', 'Invalid snapshot: %s'],
  [ErrorCode.NO_DOMAIN_SNAPSHOT]: ['Domain snapshot not found', 'Domain snapshot not found: %s'],
  [ErrorCode.SNAPSHOT_REVERT_RISKY]: ['revert requires force', 'revert requires force: %s'],
  [ErrorCode.NO_NWFILTER_BINDING]: ['Network filter binding not found', 'Network filter binding not found: %s'],
  [ErrorCode.NO_DOMAIN_CHECKPOINT]: ['Domain checkpoint not found', 'Domain checkpoint not found: %s'],
};

/** The message libvirt gives `code` with `detail` (virErrorMsg + the formatted detail). */
export function formatErrorMessage(code: ErrorCode | number, detail?: string): string {
  const entry = ERROR_MESSAGES[code as ErrorCode];
  if (!entry) return detail ?? `error code ${code}`;
  if (detail === undefined || detail === '') return entry[0];
  return entry[1] === null ? detail : entry[1].replace('%s', () => detail);
}

/**
 * Raises errors of one error domain, worded from the code as libvirt words
 * them: `fail(ErrorCode.OPERATION_INVALID, 'domain is not running')` is
 * "Requested operation is not valid: domain is not running". One reporter
 * per part of the stack (a driver, the orchestrator, the daemon).
 */
export interface ErrorReporter {
  (code: ErrorCode, detail?: string, cause?: unknown): VirtError;
  readonly domain: ErrorDomain;
}

/** A reporter of `domain`'s errors; `trace: false` for a layer whose errors answer a peer (VirtErrorInit.trace). */
export function errorReporter(domain: ErrorDomain, options: { trace?: boolean } = {}): ErrorReporter {
  const { trace } = options;
  const report = (code: ErrorCode, detail?: string, cause?: unknown) => new VirtError({ code, domain, message: formatErrorMessage(code, detail), cause, trace });
  return Object.assign(report, { domain });
}

/** Any thrown value as a VirtError; non-VirtErrors become INTERNAL_ERROR with their message. */
export function toVirtError(e: unknown, domain: ErrorDomain = ErrorDomain.NONE): VirtError {
  if (isVirtError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new VirtError({ code: ErrorCode.INTERNAL_ERROR, domain, message: formatErrorMessage(ErrorCode.INTERNAL_ERROR, message), cause: e });
}

export interface VirtErrorJson {
  code: number;
  domain: number;
  message: string;
  level: number;
  details?: VirtErrorInit['details'];
}

/** The JSON codec, used where an error crosses a process boundary. */
export const VirtErrorCodec = {
  encode(e: VirtError): VirtErrorJson {
    const json: VirtErrorJson = { code: e.code, domain: e.domain, message: e.message, level: e.level };
    if (Object.keys(e.details).length > 0) json.details = { ...e.details };
    return json;
  },
  decode(json: unknown): VirtError {
    const o = json as Partial<VirtErrorJson> | null;
    if (typeof o !== 'object' || o === null || typeof o.code !== 'number' || typeof o.message !== 'string') {
      throw errorReporter(ErrorDomain.NONE)(ErrorCode.INVALID_ARG, 'not an encoded VirtError');
    }
    return new VirtError({
      code: o.code,
      domain: typeof o.domain === 'number' ? o.domain : ErrorDomain.NONE,
      message: o.message,
      level: typeof o.level === 'number' ? o.level : ErrorLevel.ERROR,
      details: o.details,
    });
  },
};
