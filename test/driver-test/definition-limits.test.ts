import { expect } from 'chai';
import { DOMAIN_XML_MAX_FORMATTED_BYTES, ErrorCode, Virt, isVirtError, silentLogger } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';

const XML = (name: string, inner = '') => `<domain type='test'><name>${name}</name><memory>65536</memory><os><type>hvm</type></os>${inner}</domain>`;

describe('test driver: what define accepts, every later call can carry', () => {
  it('refuses a 2.4 MB definition and one that formats beyond the wire limit, defining nothing', async () => {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger });
    try {
      const conn = await virt.connect('test:///limits?empty=1');
      const refusals: Array<[string, RegExp]> = [
        [XML('big', `<description>${'x'.repeat(2_400_000)}</description>`), /document is larger than 1048576 characters/],
        [XML('wide', `${'<x>'.repeat(60)}${'<y/>'.repeat(99_000)}${'</x>'.repeat(60)}`), new RegExp(`more than the ${DOMAIN_XML_MAX_FORMATTED_BYTES} allowed`)],
      ];
      for (const [xml, message] of refusals) {
        let error: unknown;
        await conn.defineDomain(xml).catch((e: unknown) => { error = e; });
        expect(isVirtError(error, ErrorCode.XML_ERROR), String(error)).to.equal(true);
        expect((error as Error).message).to.match(message);
      }
      expect(await conn.listAllDomains()).to.deep.equal([]);
      // The largest description that fits is defined and read back whole.
      const fits = await conn.defineDomain(XML('fits', `<description>${'x'.repeat(1_000_000)}</description>`));
      expect((await fits.getXmlDesc()).length).to.be.above(1_000_000);
    } finally {
      await virt.dispose();
    }
  });
});
