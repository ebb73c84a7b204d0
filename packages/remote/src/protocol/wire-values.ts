import { xdrError } from '../xdr/xdr.js';

/**
 * Conversions between the generated wire shapes (src/protocol/generated/)
 * and the values core's driver contract speaks, for the few XDR types whose
 * wire form is not the contract's.
 */

/** A hyper or unsigned hyper as a number; an RPC error when it is beyond what a number carries exactly. */
export function hyperToNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw xdrError(`hyper ${v} is too large`);
  return Number(v);
}

/** A number for a hyper field; an RPC error for a fraction or a number beyond 2^53. */
export function numberToHyper(n: number): bigint {
  if (!Number.isSafeInteger(n)) throw xdrError(`value ${n} is not an integer a hyper can carry`);
  return BigInt(n);
}

/** A migration cookie from the wire: libvirt sends "no cookie" as an empty opaque. */
export function cookieOf(c: Uint8Array): Uint8Array | undefined {
  return c.length > 0 ? c : undefined;
}

/** A migration cookie for the wire: none is the empty opaque. */
export function wireCookie(c: Uint8Array | undefined): Uint8Array {
  return c ?? new Uint8Array(0);
}

/**
 * rpcgen's `char x<N>` carrying a C string (security models and labels):
 * libvirt sends the bytes with their NUL, and nothing at all for "".
 */
export function cString(s: string): Uint8Array {
  return s === '' ? new Uint8Array(0) : Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
}

/** The string of a `char x<N>` C string, cut at its first NUL. */
export function fromCString(b: Uint8Array): string {
  const nul = b.indexOf(0);
  return Buffer.from(nul >= 0 ? b.subarray(0, nul) : b).toString('utf8');
}
