/**
 * Property tests of the S-expression codec (packages/driver-xen/src/sexpr).
 * Run longer by hand with FUZZ_RUNS=100000 npx mocha --no-config --timeout 0 test/fuzz/dist/sexpr.test.js
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { formatSexpr, parseSexpr, parseSexprs, type Sexpr } from '@virtkit/driver-xen';
import { budget, onlyVirtErrors, text } from './budget.js';

const atom = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:/~-]{1,8}$/), text(`()'"\\ #\n\t\r\u0004;[]{}<>@`, { maxLength: 10 }));
const sexpr: fc.Arbitrary<Sexpr> = fc.letrec<{ value: Sexpr }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, atom, fc.array(tie('value'), { maxLength: 5 })),
})).value;

describe('fuzz: S-expressions', function () {
  if (process.env.FUZZ_RUNS) this.timeout(0);

  it('parses back every value it prints', () => {
    fc.assert(fc.property(sexpr, (v) => {
      const printed = formatSexpr(v);
      expect(parseSexpr(printed), printed).to.deep.equal(v);
    }), budget(1000));
  });

  it('throws nothing but VirtError on arbitrary and on mutated text', () => {
    const mutated = fc.tuple(sexpr.map(formatSexpr), fc.nat(), fc.constantFrom('(', ')', "'", '"', '\\', '\\x', '\\7', '#', '\u0004', '\u00ff', '')).map(([s, at, insert]) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + insert + s.slice(i);
    });
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), mutated), (s) => onlyVirtErrors(() => parseSexprs(s))), budget(2000));
  });
});
