import type { Sexpr } from './sexpr-parser.js';

/**
 * Path lookups in the style of libvirt's sexpr_lookup: "domain/image/hvm"
 * means a root list whose head is "domain", then in it the first child list
 * whose head is "image", and so on.
 */

/** The list a path names, or undefined. */
export function sexprLookup(root: Sexpr, path: string): Sexpr[] | undefined {
  const parts = path.split('/');
  if (!Array.isArray(root) || root[0] !== parts[0]) return undefined;
  let node: Sexpr[] = root;
  for (const part of parts.slice(1)) {
    const next = childList(node, part);
    if (!next) return undefined;
    node = next;
  }
  return node;
}

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

/** The first value after the key of the list a path names, when it is a string. */
export function sexprNode(root: Sexpr, path: string): string | undefined {
  const list = sexprLookup(root, path);
  const v = list?.[1];
  return typeof v === 'string' ? v : undefined;
}

/** Whether the path names a list, even one with no value, such as `(bootloader)`. */
export function sexprHas(root: Sexpr, path: string): boolean {
  return sexprLookup(root, path) !== undefined;
}

/** A value read as an integer as strtol(…, 0) would (decimal, 0x hex, 0 octal), or undefined. */
export function sexprInt(root: Sexpr, path: string): number | undefined {
  const v = sexprNode(root, path);
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

/** A pair `(key value)`, the building block of xend configs. */
export function pair(key: string, value: string | number): Sexpr[] {
  return [key, String(value)];
}
