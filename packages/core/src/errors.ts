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
}

const BRAND = Symbol.for('virtkit:VirtError');

export class VirtError extends Error {
  readonly code: number;
  readonly domain: number;
  readonly level: ErrorLevel;
  readonly details: NonNullable<VirtErrorInit['details']>;

  constructor(init: VirtErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
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

export function virtError(code: ErrorCode, domain: ErrorDomain, message: string, cause?: unknown): VirtError {
  return new VirtError({ code, domain, message, cause });
}

/** Any thrown value as a VirtError; non-VirtErrors become INTERNAL_ERROR with their message. */
export function toVirtError(e: unknown, domain: ErrorDomain = ErrorDomain.NONE): VirtError {
  if (isVirtError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new VirtError({ code: ErrorCode.INTERNAL_ERROR, domain, message: `internal error: ${message}`, cause: e });
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
      throw new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.NONE, message: 'invalid argument: not an encoded VirtError' });
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
