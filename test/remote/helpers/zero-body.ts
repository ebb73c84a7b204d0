import { decodeWith, type Codec } from '@virtkit/remote';

/**
 * The shortest all-zero body a codec reads whole: every field empty, absent
 * or 0, so a call with it names no existing object.
 */
export function zeroBody(c: Codec<unknown>): Buffer {
  for (let n = 0; n <= 4096; n += 4) {
    try {
      decodeWith(c, Buffer.alloc(n), 'zeros');
      return Buffer.alloc(n);
    } catch {
      // a longer body, then
    }
  }
  throw new Error('no all-zero body');
}
