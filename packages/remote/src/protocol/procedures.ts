import { encodeWith, xdrInt, type Codec } from '../xdr/codec.js';
import { RemoteEvents, RemoteProcedures, RemoteProgram, remote_domain_event_lifecycle_msg } from './generated/remote.js';
import type { Procedure } from './procedure.js';

/**
 * The REMOTE program's calls and events, generated from remote_protocol.x
 * (generated/remote.ts): the one table both the client driver and the
 * daemon's dispatch read.
 */
export const Proc = RemoteProcedures;
export const EventMsg = RemoteEvents;

export type ProcName = keyof typeof RemoteProcedures;
export type ProcArgs<N extends ProcName> = (typeof RemoteProcedures)[N]['args'] extends Codec<infer A> ? A : never;
export type ProcRet<N extends ProcName> = (typeof RemoteProcedures)[N]['ret'] extends Codec<infer R> ? R : never;

/** The calls remote_protocol.x marks `@priority: high`. */
export const HIGH_PRIORITY: ReadonlySet<ProcName> = new Set((Object.values(RemoteProcedures) as Procedure<unknown, unknown>[]).filter((p) => p.highPriority).map((p) => p.name as ProcName));

export const lifecycleMsg = remote_domain_event_lifecycle_msg;

/**
 * The body of DOMAIN_EVENT_CALLBACK_LIFECYCLE from an already encoded
 * lifecycle message: the struct is the callback id followed by the message,
 * so one encoded message serves every callback.
 */
export function callbackLifecycleBody(callbackID: number, encodedMsg: Buffer): Buffer {
  return Buffer.concat([encodeWith(xdrInt, callbackID), encodedMsg]);
}

/** The REMOTE call with this number, or undefined when the program has none (event numbers included). */
export function procedureByNumber(proc: number): Procedure<unknown, unknown> | undefined {
  return RemoteProgram.byNumber(proc);
}
