/**
 * Property tests of the QEMU option escaper (packages/driver-kvm/src/qemu-option.ts).
 * Run longer by hand with FUZZ_RUNS=100000 npx mocha --no-config --timeout 0 test/fuzz/dist/qemu-option.test.js
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { escapeOptionValue, parseOptionString, splitOptionString } from '@virtkit/driver-kvm';
import { budget, text } from './budget.js';

const key = fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/);
const value = text(',=,, "\'\\', { maxLength: 20 });

describe('fuzz: QEMU option escaping', function () {
  if (process.env.FUZZ_RUNS) this.timeout(0);

  it('doubles every comma, and splitting gives the value back', () => {
    fc.assert(fc.property(value, (v) => {
      const escaped = escapeOptionValue(v);
      expect(escaped.split(',').length - 1).to.equal(2 * (v.split(',').length - 1));
      expect(escaped.replace(/,,/g, '')).to.not.include(',');
      expect(splitOptionString(escaped)).to.deep.equal([v]);
    }), budget(2000));
  });

  it('splits escaped key=value lists back into the original pairs', () => {
    const pairs = fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.option(key, { nil: undefined }), pairs, (head, kv) => {
      const text = [...(head === undefined ? [] : [head]), ...kv.map(([k, v]) => `${k}=${escapeOptionValue(v)}`)].join(',');
      const parsed = parseOptionString(text);
      expect(parsed.head).to.equal(head);
      expect([...parsed.opts]).to.deep.equal(kv);
    }), budget(2000));
  });
});
