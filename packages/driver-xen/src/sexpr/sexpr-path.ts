import type { Sexpr } from './sexpr-parser.js';

/** The first child list of `list` whose head is `key`. */
export function childList(list: readonly Sexpr[], key: string): Sexpr[] | undefined {
  for (let i = 1; i < list.length; i++) {
    const c = list[i];
    if (Array.isArray(c) && c[0] === key) return c;
  }
  return undefined;
}

/** Every child list of `list` whose head is `key`. */
export function childLists(list: readonly Sexpr[], key: string): Sexpr[][] {
  return list.slice(1).filter((c): c is Sexpr[] => Array.isArray(c) && c[0] === key);
}

/** The value of the first `(key value)` in a list, when it is a string. */
export function sexprValue(list: Sexpr | readonly Sexpr[] | undefined, key: string): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const v = childList(list, key)?.[1];
  return typeof v === 'string' ? v : undefined;
}

/** The value of `(key value)` read as an integer as strtol(…, 0) would; undefined when absent or not an integer. */
export function sexprInt(list: Sexpr | readonly Sexpr[] | undefined, key: string): number | undefined {
  const v = sexprValue(list, key);
  return v === undefined ? undefined : parseCInteger(v);
}

export function parseCInteger(text: string): number | undefined {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(t))) return (m[1] === '-' ? -1 : 1) * parseInt(m[2], 16);
  if ((m = /^([+-]?)0([0-7]+)$/.exec(t))) return (m[1] === '-' ? -1 : 1) * parseInt(m[2], 8);
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  return undefined;
}

/** The number of bits set in a bitmap such as xend's vcpu_avail. */
export function popcount(bits: bigint | number): number {
  let c = 0;
  for (let v = BigInt(bits); v > 0n; v >>= 1n) c += Number(v & 1n);
  return c;
}
