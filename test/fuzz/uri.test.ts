/**
 * Property tests of the connection URI parser (packages/core/src/uri.ts).
 * Run longer by hand with FUZZ_RUNS=100000 npx mocha --no-config --timeout 0 test/fuzz/dist/uri.test.js
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { formatUri, parseUri, type VirtUri } from '@virtkit/core';
import { budget, onlyVirtErrors, text } from './budget.js';

const word = fc.stringMatching(/^[a-z][a-z0-9.-]{0,7}$/);
const host = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,15}$/),
  fc.ipV4(),
  fc.ipV6(),
);
const part = text('/?#&;=+%@:[] ,~', { maxLength: 12 });
const uri: fc.Arbitrary<VirtUri> = fc.record({
  driver: word,
  transport: fc.option(word, { nil: undefined }),
  user: fc.option(part, { nil: undefined }),
  host: fc.option(host, { nil: undefined }),
  port: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
  path: part.map((p) => `/${p}`),
  params: fc.array(fc.tuple(part.filter((k) => k !== ''), part), { maxLength: 4 }),
}).map((u) => {
  const out: VirtUri = { driver: u.driver, path: u.path, params: u.params };
  for (const k of ['transport', 'user', 'host', 'port'] as const) if (u[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = u[k];
  return out;
});

describe('fuzz: connection URIs', function () {
  if (process.env.FUZZ_RUNS) this.timeout(0);

  it('parses back every URI it formats', () => {
    fc.assert(fc.property(uri, (u) => {
      const text = formatUri(u);
      expect(parseUri(text), text).to.deep.equal(u);
      expect(formatUri(parseUri(text))).to.equal(text);
    }), budget(1000));
  });

  it('throws nothing but VirtError on arbitrary text', () => {
    const uriLike = fc.tuple(fc.constantFrom('', 'test://', 'qemu+unix:///', 'x://[', 'a://u@h:'), fc.string({ unit: 'binary', maxLength: 60 })).map(([a, b]) => a + b);
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), uriLike), (s) => onlyVirtErrors(() => parseUri(s))), budget(2000));
  });
});
