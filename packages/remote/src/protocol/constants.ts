/**
 * libvirt's wire numbers: those generated from virnetprotocol.x,
 * remote_protocol.x and qemu_protocol.x (generated/constants.ts), short names
 * for the ones code uses most, and virkeepaliveprotocol.x's, which is not
 * among the generated files. They are the wire ABI: never renumber.
 */

export * from './generated/constants.js';
import { REMOTE_DOMAIN_LIST_MAX, REMOTE_STORAGE_VOL_LIST_MAX, REMOTE_STRING_MAX, VIR_NET_MESSAGE_HEADER_MAX, VIR_NET_MESSAGE_LEN_MAX, VIR_NET_MESSAGE_MAX } from './generated/constants.js';
export const KEEPALIVE_PROGRAM = 0x6b656570;
export const KEEPALIVE_PROTOCOL_VERSION = 1;
export const KeepaliveProc = { PING: 1, PONG: 2 } as const;

/** virNetMessageType (virnetprotocol.x; an enum here for its names in code). */
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
export const MESSAGE_LEN_MAX = VIR_NET_MESSAGE_LEN_MAX;
export const MESSAGE_HEADER_MAX = VIR_NET_MESSAGE_HEADER_MAX;
/** Largest whole frame, length word included (32 MiB). */
export const MESSAGE_MAX = VIR_NET_MESSAGE_MAX;
/** REMOTE_STRING_MAX: longest string in any body (4 MiB). */
export const STRING_MAX = REMOTE_STRING_MAX;
export const DOMAIN_LIST_MAX = REMOTE_DOMAIN_LIST_MAX;
export const STORAGE_VOL_LIST_MAX = REMOTE_STORAGE_VOL_LIST_MAX;

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


