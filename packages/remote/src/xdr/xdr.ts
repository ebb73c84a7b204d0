import { ErrorCode, type VirtError } from '@virtkit/core';
import { rpcFail } from '../errors.js';

/**
 * A small XDR (RFC 4506) codec: big-endian 4-byte units, hypers as 8 bytes,
 * strings and opaques padded to 4 bytes. Every variable-length item carries
 * a maximum that is checked before anything is allocated, so a hostile
 * length cannot make the reader grow memory.
 */

export function xdrError(message: string): VirtError {
  return rpcFail(ErrorCode.RPC, `${message}`);
}

/** Errors raised because the bytes ended, not because of what they said. */
const truncations = new WeakSet<VirtError>();

function truncated(message: string): VirtError {
  const e = xdrError(`truncated message: ${message}`);
  truncations.add(e);
  return e;
}

/**
 * Whether a decode failed only for want of bytes: the same decode of a
 * longer input may succeed. Any other failure of a decode of a prefix is
 * the failure of the whole input too (the reader goes front to back).
 */
export function isTruncation(e: unknown): boolean {
  return truncations.has(e as VirtError);
}

const pad = (n: number) => (4 - (n % 4)) % 4;

export class XdrWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int(v: number): void {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw xdrError(`value ${v} does not fit a signed 32-bit int`);
    this.put(4, (b, at) => b.writeInt32BE(v, at));
  }

  uint(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw xdrError(`value ${v} does not fit an unsigned 32-bit int`);
    this.put(4, (b, at) => b.writeUInt32BE(v, at));
  }

  hyper(v: bigint): void {
    if (typeof v !== 'bigint' || BigInt.asIntN(64, v) !== v) throw xdrError(`value ${v} does not fit a hyper`);
    this.put(8, (b, at) => b.writeBigInt64BE(v, at));
  }

  uhyper(v: bigint): void {
    if (typeof v !== 'bigint' || BigInt.asUintN(64, v) !== v) throw xdrError(`value ${v} does not fit an unsigned hyper`);
    this.put(8, (b, at) => b.writeBigUInt64BE(BigInt.asUintN(64, v), at));
  }

  double(v: number): void {
    this.put(8, (b, at) => b.writeDoubleBE(v, at));
  }

  float(v: number): void {
    this.put(4, (b, at) => b.writeFloatBE(v, at));
  }

  /** Writes one fixed-size item of `size` bytes at the current position. */
  private put(size: number, write: (b: Buffer, at: number) => void): void {
    this.ensure(size);
    write(this.buf, this.pos);
    this.pos += size;
  }

  fixedOpaque(bytes: Uint8Array, length: number): void {
    if (bytes.length !== length) throw xdrError(`fixed opaque of ${length} bytes given ${bytes.length}`);
    this.raw(bytes);
  }

  opaque(bytes: Uint8Array, max: number): void {
    if (bytes.length > max) throw xdrError(`opaque of ${bytes.length} bytes exceeds the limit of ${max}`);
    this.uint(bytes.length);
    this.raw(bytes);
  }

  string(s: string, max: number): void {
    this.opaque(Buffer.from(s, 'utf8'), max);
  }

  private raw(bytes: Uint8Array): void {
    const p = pad(bytes.length);
    this.ensure(bytes.length + p);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    this.buf.fill(0, this.pos, this.pos + p);
    this.pos += p;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

export class XdrReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  private need(n: number, what: string): void {
    if (this.pos + n > this.buf.length) throw truncated(`${what} needs ${n} bytes, ${this.buf.length - this.pos} left`);
  }

  int(): number {
    return this.take(4, 'int', (b, at) => b.readInt32BE(at));
  }

  uint(): number {
    return this.take(4, 'unsigned int', (b, at) => b.readUInt32BE(at));
  }

  hyper(): bigint {
    return this.take(8, 'hyper', (b, at) => b.readBigInt64BE(at));
  }

  uhyper(): bigint {
    return this.take(8, 'unsigned hyper', (b, at) => b.readBigUInt64BE(at));
  }

  double(): number {
    return this.take(8, 'double', (b, at) => b.readDoubleBE(at));
  }

  float(): number {
    return this.take(4, 'float', (b, at) => b.readFloatBE(at));
  }

  /** Reads one fixed-size item of `size` bytes, checking that they are there. */
  private take<T>(size: number, what: string, read: (b: Buffer, at: number) => T): T {
    this.need(size, what);
    const v = read(this.buf, this.pos);
    this.pos += size;
    return v;
  }

  fixedOpaque(length: number): Buffer {
    this.need(length + pad(length), 'fixed opaque');
    const v = Buffer.from(this.buf.subarray(this.pos, this.pos + length));
    this.pos += length + pad(length);
    return v;
  }

  /** Checks the declared length against `max` and the bytes left before copying. */
  opaque(max: number): Buffer {
    const length = this.uint();
    if (length > max) throw xdrError(`opaque of ${length} bytes exceeds the limit of ${max}`);
    return this.fixedOpaque(length);
  }

  /** Decoded from the body in place (a document of megabytes is not copied first); a NUL byte is refused before decoding. */
  string(max: number): string {
    const length = this.uint();
    if (length > max) throw xdrError(`opaque of ${length} bytes exceeds the limit of ${max}`);
    this.need(length + pad(length), 'fixed opaque');
    const bytes = this.buf.subarray(this.pos, this.pos + length);
    if (bytes.indexOf(0) >= 0) throw xdrError('string contains a NUL byte');
    this.pos += length + pad(length);
    return bytes.toString('utf8');
  }

  /** Array counts are checked against the limit and the bytes left (each element takes at least 4). */
  count(max: number, what: string): number {
    const n = this.uint();
    if (n > max) throw xdrError(`${what} has ${n} elements, more than the limit of ${max}`);
    if (n * 4 > this.buf.length - this.pos) throw truncated(`${what} declares ${n} elements`);
    return n;
  }

  /** A message body must be consumed exactly: trailing bytes mean the sender used another layout. */
  end(what: string): void {
    if (this.pos !== this.buf.length) throw xdrError(`${this.buf.length - this.pos} unexpected trailing bytes after ${what}`);
  }
}
