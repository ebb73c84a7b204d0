/**
 * Numbers from libvirt's virnetprotocol.x, remote_protocol.x and
 * virkeepaliveprotocol.x. They are the wire ABI: never renumber.
 */

export * from './generated/constants.js';
export const KEEPALIVE_PROGRAM = 0x6b656570;
export const KEEPALIVE_PROTOCOL_VERSION = 1;
export const KeepaliveProc = { PING: 1, PONG: 2 } as const;

/** virNetMessageType. */
export enum MessageType {
  CALL = 0,
  REPLY = 1,
  MESSAGE = 2,
  STREAM = 3,
  CALL_WITH_FDS = 4,
  REPLY_WITH_FDS = 5,
  STREAM_HOLE = 6,
}

/** virNetMessageStatus. */
export enum MessageStatus {
  OK = 0,
  ERROR = 1,
  CONTINUE = 2,
}

/** Size of the length word that starts every frame; the length counts itself. */
export const MESSAGE_LEN_MAX = 4;
export const MESSAGE_HEADER_MAX = 24;
/** Largest whole frame, length word included (32 MiB). */
export const MESSAGE_MAX = 33554432;
/** REMOTE_STRING_MAX: longest string in any body (4 MiB). */
export const STRING_MAX = 4194304;
export const DOMAIN_LIST_MAX = 16384;
export const MIGRATE_COOKIE_MAX = 4194304;
export const MIGRATE_PARAM_LIST_MAX = 64;
export const JOB_STATS_MAX = 64;
export const AUTH_TYPE_LIST_MAX = 20;
/** REMOTE_AUTH_SASL_DATA_MAX: longest SASL token in either direction. */
export const AUTH_SASL_DATA_MAX = 65536;
export const DOMAIN_MESSAGES_MAX = 2048;
export const SECURITY_MODEL_MAX = 257;
export const SECURITY_DOI_MAX = 257;
export const SECURITY_LABEL_MAX = 4097;
export const UUID_BUFLEN = 16;

/** virConnectFlags as CONNECT_OPEN carries them. */
export const ConnectFlags = { RO: 1 << 0, NO_ALIASES: 1 << 1 } as const;

/** remote_auth_type. */
export const AuthType = { NONE: 0, SASL: 1, POLKIT: 2 } as const;

/** virDomainEventID values the daemon relays. */
export const DomainEventId = { LIFECYCLE: 0 } as const;

/** virTypedParameterType. */
export enum TypedParamType {
  INT = 1,
  UINT = 2,
  LLONG = 3,
  ULLONG = 4,
  DOUBLE = 5,
  BOOLEAN = 6,
  STRING = 7,
}

/** REMOTE_STORAGE_POOL_LIST_MAX and REMOTE_STORAGE_VOL_LIST_MAX. */
export const STORAGE_POOL_LIST_MAX = 16384;
export const STORAGE_VOL_LIST_MAX = 16384;
