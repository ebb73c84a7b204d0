import fc from 'fast-check';
import { isVirtError } from '@virtkit/core';

/**
 * The fuzzing budget. In `npm test` every property runs a fixed number of
 * times from a fixed seed, so a run is repeatable and short; by hand,
 * FUZZ_RUNS raises the runs of every property and FUZZ_SEED picks another
 * seed (fast-check prints the seed and path of any failure to replay it):
 *   FUZZ_RUNS=100000 FUZZ_SEED=7 npx mocha --no-config --timeout 0 'test/fuzz/dist/**\/*.test.js'
 */
export function budget(ciRuns: number): { seed: number; numRuns: number } {
  return { seed: Number(process.env.FUZZ_SEED ?? 14), numRuns: process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : ciRuns };
}

/** Runs `fn`; anything it throws must be a VirtError (libvirt's typed errors), never a TypeError or RangeError. */
export function onlyVirtErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isVirtError(e)) throw e;
  }
}

/** Characters XML 1.0 allows (§2.2), as single code points. */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Well-formed Unicode text (no lone surrogates), biased towards the characters that need escaping. */
export function text(specials: string, options: { minLength?: number; maxLength?: number; xmlOnly?: boolean } = {}): fc.Arbitrary<string> {
  const any = fc.string({ unit: 'binary', maxLength: 1 }).filter((s) => s.length > 0 && (!options.xmlOnly || isXmlChar(s.codePointAt(0)!)));
  return fc.string({ unit: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...Array.from(specials)) }, { weight: 1, arbitrary: any }), minLength: options.minLength, maxLength: options.maxLength ?? 16 });
}

/** The smallest of `repeat` timings of fn, in ms. */
export function fastest(fn: () => void, repeat = 3): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
