import type { Codec } from '../xdr/codec.js';

/**
 * One call of an RPC program, as the generated tables (generated/*.ts,
 * from libvirt's .x files) describe it. Both the client and the daemon read
 * it: the number, the argument and reply layouts, and the facts the daemon
 * acts on.
 */
export interface Procedure<A, R> {
  /** libvirt's name without the program's `*_PROC_` prefix: `DOMAIN_GET_INFO`. */
  readonly name: string;
  readonly proc: number;
  /** libvirt's public API (virDomainGetInfo): named in read-only refusals and "not supported" answers. */
  readonly api: string;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
  /** Changes state (or reveals secrets, moves data): refused on a read-only connection. From @acl. */
  readonly writes: boolean;
  /** `@priority: high`: never waits on a domain job, so the daemon's priority workers may run it. */
  readonly highPriority: boolean;
  /** A stream follows the reply: `read` carries data from the daemon to the client, `write` the other way. */
  readonly stream?: 'read' | 'write';
  /** The flag (libvirt's name) that makes the stream sparse (VIR_STREAM_SPARSE holes). */
  readonly sparseFlag?: string;
  /** The @acl rules as written in the .x file: `object:permission[:flag]`. */
  readonly acl: readonly string[];
  /** The error domain (VIR_FROM_*) of libvirt's answer when the connection's driver lacks the call. */
  readonly errorDomain: number;
}

/** An asynchronous MESSAGE the server sends (an event). */
export interface EventMessage<M> {
  readonly name: string;
  readonly proc: number;
  readonly msg: Codec<M>;
}

/** An RPC program: its number, version, calls by name and number, and events. */
export interface Program<P extends Record<string, Procedure<any, any>>, E extends Record<string, EventMessage<any>>> {
  readonly program: number;
  readonly version: number;
  readonly procedures: P;
  readonly events: E;
  /** The call with this number; undefined for numbers the program has no call for (event numbers included). */
  byNumber(proc: number): Procedure<unknown, unknown> | undefined;
}

export function call<A, R>(p: Procedure<A, R>): Procedure<A, R> {
  return p;
}

export function event<M>(e: EventMessage<M>): EventMessage<M> {
  return e;
}

export function program<P extends Record<string, Procedure<any, any>>, E extends Record<string, EventMessage<any>>>(number: number, version: number, procedures: P, events: E): Program<P, E> {
  const byNumber = new Map<number, Procedure<unknown, unknown>>(Object.values(procedures).map((p) => [p.proc, p as Procedure<unknown, unknown>]));
  return { program: number, version, procedures, events, byNumber: (proc) => byNumber.get(proc) };
}
