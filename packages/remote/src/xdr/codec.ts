import { XdrReader, XdrWriter, xdrError } from './xdr.js';

/**
 * Composable XDR codecs. A type is declared once as a Codec and used by both
 * the encoder and the decoder, so client and server cannot disagree on a
 * layout.
 */
export interface Codec<T> {
  encode(w: XdrWriter, value: T): void;
  decode(r: XdrReader): T;
}

export const xdrVoid: Codec<void> = { encode() {}, decode() {} };
export const xdrInt: Codec<number> = { encode: (w, v) => w.int(v), decode: (r) => r.int() };
export const xdrUint: Codec<number> = { encode: (w, v) => w.uint(v), decode: (r) => r.uint() };
export const xdrHyper: Codec<bigint> = { encode: (w, v) => w.hyper(v), decode: (r) => r.hyper() };
export const xdrUhyper: Codec<bigint> = { encode: (w, v) => w.uhyper(v), decode: (r) => r.uhyper() };
export const xdrDouble: Codec<number> = { encode: (w, v) => w.double(v), decode: (r) => r.double() };
export const xdrFloat: Codec<number> = { encode: (w, v) => w.float(v), decode: (r) => r.float() };
/** XDR bool: an int that must be 0 or 1. */
export const xdrBool: Codec<boolean> = {
  encode: (w, v) => w.int(v ? 1 : 0),
  decode: (r) => {
    const v = r.int();
    if (v !== 0 && v !== 1) throw xdrError(`bool is ${v}, not 0 or 1`);
    return v === 1;
  },
};

/** An unsigned hyper carried as a JS number where the value is known to fit (flags, bandwidth, KiB). */
export const xdrUhyperNumber: Codec<number> = {
  encode: (w, v) => {
    if (!Number.isSafeInteger(v)) throw xdrError(`value ${v} is not an integer an unsigned hyper can carry`);
    w.uhyper(BigInt(v));
  },
  decode: (r) => {
    const v = r.uhyper();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw xdrError(`unsigned hyper ${v} is too large`);
    return Number(v);
  },
};

export function xdrString(max: number): Codec<string> {
  return { encode: (w, v) => w.string(v, max), decode: (r) => r.string(max) };
}

export function xdrOpaque(max: number): Codec<Uint8Array> {
  return { encode: (w, v) => w.opaque(v, max), decode: (r) => r.opaque(max) };
}

export function xdrFixedOpaque(length: number): Codec<Uint8Array> {
  return { encode: (w, v) => w.fixedOpaque(v, length), decode: (r) => r.fixedOpaque(length) };
}

/** XDR optional data (`T *`): a bool, then the value when present. */
export function xdrOptional<T>(c: Codec<T>): Codec<T | undefined> {
  return {
    encode: (w, v) => {
      w.int(v === undefined ? 0 : 1);
      if (v !== undefined) c.encode(w, v);
    },
    decode: (r) => (xdrBool.decode(r) ? c.decode(r) : undefined),
  };
}

export function xdrArray<T>(c: Codec<T>, max: number, what = 'array'): Codec<T[]> {
  return {
    encode: (w, v) => {
      if (v.length > max) throw xdrError(`${what} has ${v.length} elements, more than the limit of ${max}`);
      w.uint(v.length);
      for (const item of v) c.encode(w, item);
    },
    decode: (r) => {
      const n = r.count(max, what);
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(c.decode(r));
      return out;
    },
  };
}

/** XDR fixed-length array (`T x[N]`): exactly `length` elements, no count on the wire. */
export function xdrFixedArray<T>(c: Codec<T>, length: number): Codec<T[]> {
  return {
    encode: (w, v) => {
      if (v.length !== length) throw xdrError(`fixed array of ${length} elements given ${v.length}`);
      for (const item of v) c.encode(w, item);
    },
    decode: (r) => {
      const out: T[] = [];
      for (let i = 0; i < length; i++) out.push(c.decode(r));
      return out;
    },
  };
}

/** `n` rpcgen chars (one 4-byte unit each) as a string cut at the first NUL. */
function readChars(r: XdrReader, n: number): string {
  const bytes: number[] = [];
  for (let i = 0; i < n; i++) bytes.push(r.int() & 0xff);
  const nul = bytes.indexOf(0);
  return Buffer.from(nul >= 0 ? bytes.slice(0, nul) : bytes).toString('utf8');
}

/**
 * rpcgen's `char x[N]`: each char is its own 4-byte unit. Carried as a
 * string cut at the first NUL.
 */
export function xdrCharArray(length: number): Codec<string> {
  return {
    encode: (w, v) => {
      const bytes = Buffer.from(v, 'utf8');
      for (let i = 0; i < length; i++) w.int(i < bytes.length && i < length - 1 ? (bytes[i] << 24) >> 24 : 0);
    },
    decode: (r) => readChars(r, length),
  };
}

/** rpcgen's `char x<N>`: a count, then one 4-byte unit per char. */
export function xdrCharVarArray(max: number): Codec<string> {
  return {
    encode: (w, v) => {
      const bytes = v === '' ? Buffer.alloc(0) : Buffer.concat([Buffer.from(v, 'utf8'), Buffer.from([0])]);
      if (bytes.length > max) throw xdrError(`char array of ${bytes.length} exceeds the limit of ${max}`);
      w.uint(bytes.length);
      for (const b of bytes) w.int((b << 24) >> 24);
    },
    decode: (r) => readChars(r, r.count(max, 'char array')),
  };
}

/** rpcgen's `char x<N>` carrying bytes (SASL data): a count, then one 4-byte unit per byte, no terminator. */
export function xdrCharBytes(max: number): Codec<Uint8Array> {
  return {
    encode: (w, v) => {
      if (v.length > max) throw xdrError(`char array of ${v.length} exceeds the limit of ${max}`);
      w.uint(v.length);
      for (const b of v) w.int((b << 24) >> 24);
    },
    decode: (r) => {
      const n = r.count(max, 'char array');
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = r.int() & 0xff;
      return out;
    },
  };
}

type Fields<T> = { [K in keyof T]: Codec<T[K]> };

/** A struct: fields encoded in the order the object literal lists them. */
export function xdrStruct<T extends object>(fields: Fields<T>): Codec<T> {
  const entries = Object.entries(fields) as Array<[keyof T & string, Codec<unknown>]>;
  return {
    encode: (w, v) => {
      for (const [k, c] of entries) c.encode(w, (v as Record<string, unknown>)[k]);
    },
    decode: (r) => {
      const out: Record<string, unknown> = {};
      for (const [k, c] of entries) out[k] = c.decode(r);
      return out as T;
    },
  };
}

/** One arm of a union: the field that carries the arm's value and its codec, or undefined for a void arm. */
export type UnionArm = readonly [field: string, codec: Codec<any>] | undefined;

/**
 * XDR discriminated union, as `{ [discriminant]: value, [arm field]: arm value }`:
 * `union U switch (int type) { case 1: int i; }` is `{ type: 1, i: 5 }`.
 * `otherwise` is the `default:` arm; without one, a discriminant that names
 * no arm is an error.
 */
export function xdrUnion<T extends object>(name: string, discriminant: string, disc: Codec<number>, arms: Record<number, UnionArm>, otherwise?: { arm: UnionArm }): Codec<T> {
  const armOf = (d: number): UnionArm => {
    if (Object.prototype.hasOwnProperty.call(arms, d)) return arms[d];
    if (otherwise) return otherwise.arm;
    throw xdrError(`${name} has no arm for ${discriminant} ${d}`);
  };
  return {
    encode: (w, v) => {
      const d = (v as Record<string, unknown>)[discriminant] as number;
      const arm = armOf(d);
      disc.encode(w, d);
      if (arm) arm[1].encode(w, (v as Record<string, unknown>)[arm[0]]);
    },
    decode: (r) => {
      const d = disc.decode(r);
      const arm = armOf(d);
      const out: Record<string, unknown> = { [discriminant]: d };
      if (arm) out[arm[0]] = arm[1].decode(r);
      return out as T;
    },
  };
}

/** Maps a wire codec to an application type. */
export function xdrMap<W, A>(c: Codec<W>, toApp: (w: W) => A, toWire: (a: A) => W): Codec<A> {
  return { encode: (w, v) => c.encode(w, toWire(v)), decode: (r) => toApp(c.decode(r)) };
}

export function encodeWith<T>(c: Codec<T>, value: T): Buffer {
  const w = new XdrWriter();
  c.encode(w, value);
  return w.finish();
}

/** Decodes a whole body: trailing bytes are an error. */
export function decodeWith<T>(c: Codec<T>, body: Buffer, what: string): T {
  const r = new XdrReader(body);
  const v = c.decode(r);
  r.end(what);
  return v;
}
