import { isIP } from 'node:net';
import type { IpDef } from './model.js';

/**
 * IP address arithmetic for network definitions: addresses as bigints so
 * IPv4 and IPv6 share one code path.
 */

export function addressFamily(text: string): 4 | 6 | undefined {
  const v = isIP(text);
  return v === 4 || v === 6 ? v : undefined;
}

/** The address as a number; the family decides the width (32 or 128 bits). */
export function addressToBigInt(text: string): bigint {
  if (isIP(text) === 4) return text.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  let groups = parse(head);
  let rest = tail === undefined ? [] : parse(tail);
  const last = (tail === undefined ? groups : rest).at(-1);
  if (last?.includes('.')) {
    const v4 = addressToBigInt(last);
    const extra = [(v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
    if (tail === undefined) groups = [...groups.slice(0, -1), ...extra];
    else rest = [...rest.slice(0, -1), ...extra];
  }
  const all = tail === undefined ? groups : [...groups, ...Array(8 - groups.length - rest.length).fill('0'), ...rest];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export function bigIntToAddress(n: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/** The prefix length of a dotted netmask, or undefined when it is not contiguous. */
export function netmaskToPrefix(mask: string): number | undefined {
  if (isIP(mask) !== 4) return undefined;
  const n = addressToBigInt(mask);
  for (let p = 0; p <= 32; p++) if (n === ((0xffffffffn << BigInt(32 - p)) & 0xffffffffn)) return p;
  return undefined;
}

/** An <ip>'s subnet: family, prefix, and the first and last address. */
export interface Subnet {
  family: 4 | 6;
  prefix: number;
  network: bigint;
  broadcast: bigint;
}

/** The subnet of an <ip> (its prefix, netmask or the family's classful default of 24 / 64). */
export function subnetOf(ip: IpDef): Subnet {
  const family = addressFamily(ip.address)!;
  const prefix = ip.prefix ?? (ip.netmask !== undefined ? netmaskToPrefix(ip.netmask)! : family === 4 ? 24 : 64);
  const bits = family === 4 ? 32 : 128;
  const all = (1n << BigInt(bits)) - 1n;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const network = addressToBigInt(ip.address) & (all ^ hostMask);
  return { family, prefix, network, broadcast: network | hostMask };
}

export function subnetContains(s: Subnet, address: string): boolean {
  if (addressFamily(address) !== s.family) return false;
  const n = addressToBigInt(address);
  return n >= s.network && n <= s.broadcast;
}

export function subnetsOverlap(a: Subnet, b: Subnet): boolean {
  return a.family === b.family && a.network <= b.broadcast && b.network <= a.broadcast;
}

/** "192.168.122.0/24" */
export function subnetText(s: Subnet): string {
  return `${bigIntToAddress(s.network, s.family)}/${s.prefix}`;
}
