import { expect } from 'chai';
import { ErrorCode, MigrateFlags, Virt, isVirtError } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';

const SETS = ['v1', 'v2', 'v3', 'v1,v2', 'v2,v3', 'v1,v2,v3'];

/** What libvirt's virDomainMigrate picks: the highest common version, or none. */
function expected(src: string, dst: string): number | undefined {
  for (const v of [3, 2, 1]) if (src.split(',').includes(`v${v}`) && dst.split(',').includes(`v${v}`)) return v;
  return undefined;
}

describe('migration negotiation matrix (test driver)', () => {
  let virt: Virt;
  before(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false }); });
  after(() => virt.dispose());

  let n = 0;
  for (const s of SETS) {
    for (const d of SETS) {
      const want = expected(s, d);
      it(`source {${s}} → destination {${d}}: ${want ? `v${want}` : 'NO_SUPPORT'}`, async () => {
        n++;
        const src = await virt.connect(`test:///neg-src-${n}?migration=${s}&migration-ms=10`);
        const dst = await virt.connect(`test:///neg-dst-${n}?migration=${d}&empty=1&migration-ms=10`);
        const dom = await src.lookupDomainByName('test');
        if (want === undefined) {
          try {
            await dom.migrate(dst, { flags: MigrateFlags.LIVE });
            expect.fail('migration succeeded without a common version');
          } catch (e) {
            expect(isVirtError(e, ErrorCode.NO_SUPPORT), String(e)).to.equal(true);
            const sorted = (x: string) => x.split(',').sort().join(',');
            expect((e as Error).message).to.contain(`supports ${sorted(s)}`).and.to.contain(`supports ${sorted(d)}`);
          }
          expect((await dom.getState()).state).to.equal(1);
          expect(await dst.listAllDomains()).to.have.length(0);
          return;
        }
        const res = await dom.migrate(dst, { flags: MigrateFlags.LIVE });
        expect(res.version).to.equal(want);
        expect((await res.domain.getState()).state).to.equal(1);
        expect((await src.listAllDomains(1)).map((x) => x.name)).to.not.include('test');
      });
    }
  }
});

describe("test:///default matches libvirt's default test host", () => {
  it("dumps the default domain exactly as libvirt's virsh -c test:///default dumpxml test does", async () => {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false });
    try {
      const conn = await virt.connect('test:///default');
      const dom = await conn.lookupDomainByName('test');
      expect(dom.id).to.equal(1);
      const xml = await dom.getXmlDesc();
      expect(xml.split('\n')[0]).to.equal("<domain type='test' id='1'>");
      expect(xml).to.contain("<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>");
      expect(xml).to.contain("<memory unit='KiB'>8388608</memory>\n  <currentMemory unit='KiB'>2097152</currentMemory>\n  <vcpu placement='static'>2</vcpu>");
      expect((await dom.getXmlDesc(2)).split('\n')[0]).to.equal("<domain type='test'>");
      expect(await dom.isPersistent()).to.equal(true);
      const other = await virt.connect('test:///elsewhere');
      expect((await other.lookupDomainByName('test')).id).to.equal(1);
      await (await other.lookupDomainByName('test')).destroy();
      expect((await (await conn.lookupDomainByName('test')).getState()).state).to.equal(1);
    } finally {
      await virt.dispose();
    }
  });
});
