import { xmlDetailError } from '../xml/reader.js';

/** Scaled-integer units libvirt accepts (virScaleInteger), as bytes per unit. */
const UNIT_BYTES: Record<string, bigint> = {
  b: 1n, bytes: 1n,
  kb: 1000n, k: 1024n, kib: 1024n,
  mb: 1000n ** 2n, m: 1024n ** 2n, mib: 1024n ** 2n,
  gb: 1000n ** 3n, g: 1024n ** 3n, gib: 1024n ** 3n,
  tb: 1000n ** 4n, t: 1024n ** 4n, tib: 1024n ** 4n,
  pb: 1000n ** 5n, p: 1024n ** 5n, pib: 1024n ** 5n,
  eb: 1000n ** 6n, e: 1024n ** 6n, eib: 1024n ** 6n,
};

/**
 * A memory amount with its unit (KiB when absent) converted to KiB, rounded
 * up as libvirt does.
 */
export function memoryToKiB(value: string, unit: string | undefined, path: string): number {
  const v = value.trim();
  if (!/^\d+$/.test(v)) throw xmlDetailError(path, `memory value '${value}' is not a non-negative integer`);
  const per = UNIT_BYTES[(unit ?? 'KiB').toLowerCase()];
  if (per === undefined) throw xmlDetailError(path, `unknown memory unit '${unit}'`);
  const kib = (BigInt(v) * per + 1023n) / 1024n;
  if (kib > BigInt(Number.MAX_SAFE_INTEGER)) throw xmlDetailError(path, `memory value ${value} ${unit ?? 'KiB'} is too large`);
  return Number(kib);
}

/**
 * A scaled integer (virScaleInteger) with its unit, bytes when absent, as
 * bytes: storage capacities and allocations.
 */
export function scaledToBytes(value: string, unit: string | undefined, path: string): number {
  const v = value.trim();
  if (!/^\d+$/.test(v)) throw xmlDetailError(path, `value '${value}' is not a non-negative integer`);
  const per = UNIT_BYTES[(unit ?? 'bytes').toLowerCase()];
  if (per === undefined) throw xmlDetailError(path, `unknown unit '${unit}'`);
  const bytes = BigInt(v) * per;
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) throw xmlDetailError(path, `value ${value} ${unit ?? 'bytes'} is too large`);
  return Number(bytes);
}
