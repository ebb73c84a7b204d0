/**
 * Property tests of the XML reader (packages/core/src/xml). Fixed seed and
 * bounded runs in `npm test`; run longer by hand with
 *   FUZZ_RUNS=100000 npx mocha --no-config --timeout 0 test/fuzz/dist/xml-reader.test.js
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { formatXmlElement, parseDomainXml, parseXmlDocument, type XmlElement, type XmlNode } from '@virtkit/core';
import { budget, fastest, onlyVirtErrors, text } from './budget.js';

const name = fc.stringMatching(/^[A-Za-z_\u00e9][A-Za-z0-9_.\u00e9-]{0,6}(:[A-Za-z_][A-Za-z0-9_.-]{0,4})?$/).filter((n) => n !== '__proto__');
const xmlText = (minLength = 0) => text(`<>&"' \n\t\r]-x;#`, { minLength, xmlOnly: true });
// Comments and CDATA have no escapes, so a CR in them reads back as LF (§2.11); they are generated without.
const commentText = xmlText().filter((t) => !t.includes('--') && !t.endsWith('-') && !t.includes('\r'));
const cdataText = xmlText().filter((t) => !t.includes(']]>') && !t.includes('\r'));

/** Trees the formatter writes and the reader must give back unchanged: text only in leaves, never blank. */
const tree: fc.Arbitrary<XmlElement> = fc.letrec<{ element: XmlElement; leaf: XmlElement; node: XmlNode }>((tie) => ({
  element: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({
      kind: fc.constant('element' as const),
      name,
      attrs: fc.dictionary(name, xmlText(), { maxKeys: 4 }),
      children: fc.array(tie('node'), { maxLength: 5 }),
    }),
  ),
  leaf: fc.record({
    kind: fc.constant('element' as const),
    name,
    attrs: fc.dictionary(name, xmlText(), { maxKeys: 3 }),
    children: fc.oneof(
      fc.constant([] as XmlNode[]),
      xmlText(1).filter((t) => t.trim() !== '').map((t): XmlNode[] => [{ kind: 'text', text: t }]),
      cdataText.map((t): XmlNode[] => [{ kind: 'cdata', text: t }]),
    ),
  }),
  node: fc.oneof(tie('element'), commentText.map((t): XmlNode => ({ kind: 'comment', text: t }))),
})).element;

/** Fragments that made the fast-xml-parser based reader rescan its input. */
const adversarialUnit = fc.array(fc.constantFrom('<!--', '<![CDATA[', '<?', '<a ', "b='", 'b="', '&', '&#', '&#x', '<', '</', '<a>', ']]>', '--', '-', 'x', ' ', '=', '>', '/'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

/** The tree without the indentation the formatter added between elements. */
function withoutBlanks(el: XmlElement): XmlElement {
  const children = el.children.filter((c) => !(c.kind === 'text' && c.text.trim() === '')).map((c) => (c.kind === 'element' ? withoutBlanks(c) : c));
  return { ...el, children };
}

describe('fuzz: XML reader', function () {
  if (process.env.FUZZ_RUNS) this.timeout(0);

  it('gives back every tree the formatter writes', () => {
    fc.assert(fc.property(tree, (t) => {
      const xml = formatXmlElement(t);
      expect(withoutBlanks(parseXmlDocument(xml))).to.deep.equal(t);
      expect(formatXmlElement(parseXmlDocument(xml))).to.equal(xml);
    }), budget(300));
  });

  it('throws nothing but VirtError on arbitrary text and on mutated documents', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      onlyVirtErrors(() => parseXmlDocument(s));
      onlyVirtErrors(() => parseDomainXml(s));
    }), budget(1000));
    const mutated = fc.tuple(tree.map((t) => formatXmlElement({ kind: 'element', name: 'domain', attrs: { type: 'test' }, children: [t] })), fc.nat(), fc.nat(), adversarialUnit)
      .map(([xml, at, cut, insert]) => {
        const i = at % (xml.length + 1);
        return xml.slice(0, i) + insert + xml.slice(Math.min(xml.length, i + (cut % 4)));
      });
    fc.assert(fc.property(mutated, (s) => {
      onlyVirtErrors(() => parseXmlDocument(s));
      onlyVirtErrors(() => parseDomainXml(s));
    }), budget(1000));
  });

  it('takes time proportional to the size of adversarial input', () => {
    fc.assert(fc.property(adversarialUnit, fc.constantFrom('', '<domain>', "<domain a='"), (unit, head) => {
      const doc = (chars: number) => head + unit.repeat(Math.ceil(chars / unit.length));
      const small = doc(64 * 1024);
      const large = doc(256 * 1024);
      const parse = (xml: string) => () => onlyVirtErrors(() => parseXmlDocument(xml));
      const tSmall = fastest(parse(small));
      const tLarge = fastest(parse(large));
      // Linear is 4x; quadratic would be 16x. The floor keeps timer noise on sub-millisecond runs out.
      expect(tLarge, `${JSON.stringify(head + unit)}: 64 KB in ${tSmall.toFixed(2)} ms, 256 KB in ${tLarge.toFixed(2)} ms`).to.be.below(10 * Math.max(tSmall, 2));
    }), budget(25));
  });
});
