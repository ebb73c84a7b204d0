/**
 * Property tests of the XDR codec (packages/remote/src/xdr) over the layouts
 * of every procedure virtkit speaks. Run longer by hand with
 *   FUZZ_RUNS=100000 npx mocha --no-config --timeout 0 test/fuzz/dist/xdr.test.js
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { isVirtError } from '@virtkit/core';
import { decodeWith, encodeWith, EventMsg, Proc, type Codec, type XdrReader } from '@virtkit/remote';
import { budget, onlyVirtErrors, text } from './budget.js';

type Draw = (arb: fc.Arbitrary<unknown>) => unknown;

/**
 * A reader that makes its data up: each primitive a codec asks for is drawn
 * from fast-check. Decoding through it yields a random value of any codec's
 * type without a generator per layout; a draw the codec itself refuses (a
 * bool of 7) is skipped.
 */
function inventingReader(draw: Draw): XdrReader {
  const small = <T>(values: fc.Arbitrary<T>, full: fc.Arbitrary<T>) => draw(fc.oneof({ weight: 3, arbitrary: values }, { weight: 1, arbitrary: full }));
  const bytes = (n: number) => Buffer.from(draw(fc.uint8Array({ minLength: n, maxLength: n })) as Uint8Array);
  const reader = {
    int: () => small(fc.integer({ min: -1, max: 7 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })) as number,
    uint: () => small(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })) as number,
    hyper: () => small(fc.bigInt({ min: -1n, max: 7n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })) as bigint,
    uhyper: () => small(fc.bigInt({ min: 0n, max: 7n }), fc.bigInt({ min: 0n, max: 2n ** 53n })) as bigint,
    double: () => draw(fc.double()) as number,
    fixedOpaque: (length: number) => bytes(length),
    opaque: (max: number) => bytes(draw(fc.integer({ min: 0, max: Math.min(max, 24) })) as number),
    // The decoder refuses NUL in strings (the encoder does not check), so an invented string has none.
    string: (max: number) => {
      const s = (draw(text('\u00e9\u{1F600}\n', { maxLength: 24 })) as string).replace(/\u0000/g, '');
      return Buffer.byteLength(s) <= max ? s : '';
    },
    count: (max: number) => draw(fc.integer({ min: 0, max: Math.min(max, 4) })) as number,
    end: () => {},
  };
  return reader as unknown as XdrReader;
}

const layouts: Array<[string, Codec<unknown>]> = [
  ...Object.values(Proc).flatMap((p): Array<[string, Codec<unknown>]> => [[`${p.name} args`, p.args as Codec<unknown>], [`${p.name} ret`, p.ret as Codec<unknown>]]),
  ...Object.entries(EventMsg).map(([name, e]): [string, Codec<unknown>] => [name, (e as { msg: Codec<unknown> }).msg]),
];

/** A random value of a layout, or undefined when the drawn primitives are not one. */
function invent(codec: Codec<unknown>, draw: Draw): { value: unknown } | undefined {
  try {
    return { value: codec.decode(inventingReader(draw)) };
  } catch (e) {
    if (isVirtError(e)) return undefined;
    throw e;
  }
}

const layout = fc.constantFrom(...layouts);

describe('fuzz: XDR codec', function () {
  if (process.env.FUZZ_RUNS) this.timeout(0);

  it('decodes what it encodes, for every procedure and event layout', () => {
    fc.assert(fc.property(layout, fc.gen(), ([name, codec], g) => {
      const made = invent(codec, (arb) => g(() => arb));
      fc.pre(made !== undefined);
      const body = encodeWith(codec, made!.value);
      const back = decodeWith(codec, body, name);
      expect(back, name).to.deep.equal(made!.value);
      expect(encodeWith(codec, back).equals(body), `${name} re-encodes to the same bytes`).to.equal(true);
    }), { ...budget(2000), maxSkipsPerRun: 1000 });
  });

  it('refuses truncated and garbage bodies with typed errors only', () => {
    fc.assert(fc.property(layout, fc.gen(), fc.nat(), ([name, codec], g, cut) => {
      const made = invent(codec, (arb) => g(() => arb));
      fc.pre(made !== undefined);
      const body = encodeWith(codec, made!.value);
      fc.pre(body.length > 0);
      const truncated = body.subarray(0, cut % body.length);
      let decoded = true;
      try {
        decodeWith(codec, truncated, name);
      } catch (e) {
        if (!isVirtError(e)) throw e;
        decoded = false;
      }
      expect(decoded, `${name} decoded a ${truncated.length}-byte prefix of a ${body.length}-byte body`).to.equal(false);
    }), { ...budget(2000), maxSkipsPerRun: 1000 });
    fc.assert(fc.property(layout, fc.uint8Array({ maxLength: 96 }), ([name, codec], bytes) => {
      onlyVirtErrors(() => decodeWith(codec, Buffer.from(bytes), name));
    }), budget(3000));
  });
});
