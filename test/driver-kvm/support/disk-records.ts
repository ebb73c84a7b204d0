import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The diskwrite guest's record size: record n is at sector n. */
export const SECTOR = 512;

/** The disk counter records (`w=<n>` at sector n) from the start of a disk image, up to the first gap. */
export function diskRecords(image: Buffer): number[] {
  const out: number[] = [];
  for (let n = 0; (n + 1) * SECTOR <= image.length; n++) {
    const m = /^w=(\d+)\n/.exec(image.subarray(n * SECTOR, n * SECTOR + 16).toString('latin1'));
    if (!m || Number(m[1]) !== n) break;
    out.push(n);
  }
  return out;
}

export async function waitForRecords(file: string, min: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = diskRecords(await fs.readFile(file)).length;
    if (n >= min) return n;
    if (Date.now() > deadline) throw new Error(`the guest wrote ${n} disk records, expected ${min}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** cmp over `length` bytes from `offset` of both files; resolves true when they are equal. */
export async function cmpRange(a: string, b: string, offset: number, length: number): Promise<boolean> {
  return run('cmp', ['-i', String(offset), '-n', String(length), a, b]).then(() => true, () => false);
}
