import { expect } from 'chai';
import { DOMAIN_XML_LIMITS, ErrorCode, XmlParsePool, parseDomainXml, rememberScreenedDomain } from '@virtkit/core';

/** With a UUID: a definition without one gets a new random UUID on every parse. */
const doc = (name: string, body = '') => `<domain type='test'><name>${name}</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid><memory>65536</memory><os><type>hvm</type></os>${body}</domain>`;

describe('core: a screened domain document is parsed once', () => {
  let pool: XmlParsePool;
  beforeEach(() => { pool = new XmlParsePool({ size: 1 }); });
  afterEach(() => pool.close());

  it('parseDomainXml takes the definition the screen made in its worker, once; later calls parse again', async () => {
    const xml = doc('vkhard-screened', `<metadata><m xmlns="urn:x">${'<e a="1">t</e>'.repeat(2000)}</m></metadata>`);
    await pool.screenDomainXml(xml);
    const fresh = parseDomainXml(xml, { ...DOMAIN_XML_LIMITS });
    const first = parseDomainXml(xml);
    expect(first, 'the worker parsed the same definition').to.deep.equal(fresh);
    const second = parseDomainXml(xml);
    expect(second).to.deep.equal(fresh);
    expect(second, 'the kept definition is handed out once').to.not.equal(first);
  });

  it('screens a document in its UTF-8 bytes, moved to the worker and back, and refuses a hostile one with the typed error', async () => {
    const xml = doc('vkhard-bytes', `<description>caf\u00e9 ${'b'.repeat(100_000)}</description>`);
    const sent = new Uint8Array(Buffer.from(`pad${xml}`, 'utf8')).subarray(3);
    const screened = await pool.screenDomainXmlBytes(sent);
    expect(sent.byteLength, 'the bytes were moved, not copied').to.equal(0);
    expect(Buffer.from(screened.bytes).toString('utf8')).to.equal(xml);
    expect(screened.bytes.byteOffset, 'the same view comes back').to.equal(3);
    screened.decoded(xml);
    expect(parseDomainXml(xml)).to.deep.equal(parseDomainXml(xml, { ...DOMAIN_XML_LIMITS }));
    const refused = await pool.screenDomainXmlBytes(Buffer.from('<!--'.repeat(64_000))).then(() => undefined, (e: unknown) => e);
    expect(refused).to.include({ code: ErrorCode.XML_ERROR });
  });

  it('keeps nothing for a document the model refuses (a driver may accept more), and only the last few documents', async () => {
    const noOs = "<domain type='xen'><name>vkhard-no-os</name><memory>65536</memory><bootloader>/usr/bin/pygrub</bootloader></domain>";
    await pool.screenDomainXml(noOs);
    expect(() => parseDomainXml(noOs), 'the model still refuses it on the calling thread').to.throw();
    const kept = { marker: 'kept' } as unknown as ReturnType<typeof parseDomainXml>;
    rememberScreenedDomain(doc('vkhard-kept'), kept);
    expect(parseDomainXml(doc('vkhard-kept'), { ...DOMAIN_XML_LIMITS, maxChars: 4096 }), 'other limits always parse').to.not.equal(kept);
    expect(parseDomainXml(doc('vkhard-kept')), 'a kept definition is returned as kept').to.equal(kept);
    expect(parseDomainXml(doc('vkhard-kept')), 'and only once').to.not.equal(kept);
    rememberScreenedDomain(doc('vkhard-evicted'), kept);
    for (let i = 0; i < 8; i++) rememberScreenedDomain(doc(`vkhard-later-${i}`), parseDomainXml(doc(`vkhard-later-${i}`)));
    expect(parseDomainXml(doc('vkhard-evicted')), 'evicted: parsed again').to.not.equal(kept);
  });
});
