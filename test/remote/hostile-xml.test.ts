import { expect } from 'chai';
import { ErrorCode, isVirtError, type Virt } from '@virtkit/core';
import { decodeWith, encodeWith, MessageStatus, Proc, remoteError } from '@virtkit/remote';
import { rejected } from './helpers/expect-error.js';
import { RawPeer } from './helpers/raw-peer.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const MINIMAL = "<domain type='test'><name>NAME</name><memory>65536</memory><os><type>hvm</type></os>";
const doc = (name: string, inner: string) => `${MINIMAL.replace('NAME', name)}${inner}</domain>`;

/** Documents that cost a parser the most per byte, each refused. */
const HOSTILE = [
  // 4 MiB of comment openers: 8 s per 256 KB for the old reader, refused by size now.
  doc('flood', '<!--'.repeat(1024 * 1024 - 40)),
  // Under the 1 MiB cap: the most elements a document may have, nested so that they format to 12 MB.
  doc('wide', `${'<x>'.repeat(60)}${'<y/>'.repeat(99_000)}${'</x>'.repeat(60)}`),
  // Just under 1 MiB of elements: over the node cap.
  doc('many', '<y/>'.repeat(250_000)),
  // A 2.4 MB definition: could not be read back over the wire once defined.
  doc('big', `<description>${'x'.repeat(2_400_000)}</description>`),
];

describe('virtkitd: hostile domain XML', function () {
  this.timeout(120000);
  let d: Virtkitd;
  let virt: Virt;

  beforeEach(async () => {
    d = await startVirtkitd('', { verbose: false });
    virt = await remoteVirt();
  });
  afterEach(async () => {
    await virt.dispose();
    await d.stop();
  });

  it('refuses a 2.4 MB definition with XML_ERROR naming the limit, and defines nothing', async () => {
    const conn = await virt.connect(d.uri('/limits', 'empty=1'));
    const e = await rejected(conn.defineDomain(HOSTILE[3]));
    expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
    expect((e as Error).message).to.contain('document is larger than 1048576 characters');
    const wide = await rejected(conn.defineDomain(HOSTILE[1]));
    expect((wide as Error).message).to.contain('REMOTE_STRING_MAX');
    expect(await conn.listAllDomains()).to.deep.equal([]);
    // What is accepted can be read back and defined again over the same wire.
    const fits = await conn.defineDomain(doc('fits', `<description>${'x'.repeat(1_000_000)}</description>`));
    const xml = await fits.getXmlDesc();
    expect((await conn.defineDomain(xml)).name).to.equal('fits');
    expect((await conn.listAllDomains()).map((x) => x.name)).to.deep.equal(['fits']);
  });

  it('gives a large document screened before its arguments are decoded the answers of an ordinary decode', async () => {
    const raw = await RawPeer.connect(d.socket);
    try {
      await raw.open('test:///first?empty=1');
      const answer = async (serial: number, proc: number, body: Buffer) => {
        raw.call(proc, serial, body);
        const r = await raw.reply(serial, 60000);
        return r.header.status === MessageStatus.OK ? 'OK' : decodeWith(remoteError, r.body, 'error');
      };
      const big = doc('big-ok', `<description>${'d'.repeat(300_000)}</description>`);
      expect(await answer(1, Proc.DOMAIN_DEFINE_XML_FLAGS.proc, encodeWith(Proc.DOMAIN_DEFINE_XML_FLAGS.args, { xml: big, flags: 0 }))).to.equal('OK');
      const nul = await answer(2, Proc.DOMAIN_DEFINE_XML.proc, encodeWith(Proc.DOMAIN_DEFINE_XML.args, { xml: big.replace('big-ok', 'big\u0000nul') }));
      expect(nul, 'a NUL byte is the decoder\'s refusal, not the parser\'s').to.include({ code: ErrorCode.RPC }).and.have.property('message').that.contains('NUL byte');
      const trailing = await answer(3, Proc.DOMAIN_DEFINE_XML.proc, Buffer.concat([encodeWith(Proc.DOMAIN_DEFINE_XML.args, { xml: '<!--'.repeat(64_000) }), Buffer.alloc(4)]));
      expect(trailing, 'trailing bytes are refused before the document is looked at').to.include({ code: ErrorCode.RPC });
      const flood = await answer(4, Proc.DOMAIN_CREATE_XML.proc, encodeWith(Proc.DOMAIN_CREATE_XML.args, { xml_desc: '<!--'.repeat(64_000), flags: 0 }));
      expect(flood).to.include({ code: ErrorCode.XML_ERROR });
      expect(await answer(5, Proc.DOMAIN_DEFINE_XML.proc, encodeWith(Proc.DOMAIN_DEFINE_XML.args, { xml: HOSTILE[2] }))).to.include({ code: ErrorCode.XML_ERROR });
    } finally {
      raw.end();
    }
    // The accepted definition is the document, whole, read back by an ordinary client.
    const conn = await virt.connect(d.uri('/first', 'empty=1'));
    const doms = await conn.listAllDomains();
    expect(doms.map((x) => x.name)).to.deep.equal(['big-ok']);
    expect(await doms[0].getXmlDesc()).to.contain(`<description>${'d'.repeat(300_000)}</description>`);
  });

  it("serves another client's list within 100 ms (p99 of 50) while one defines hostile documents", async () => {
    const witness = await virt.connect(d.uri('/busy', 'empty=1'));
    await witness.defineDomain(doc('steady', ''));
    const attacker = await RawPeer.connect(d.socket);
    await attacker.open('test:///attacker?empty=1');
    const frames = HOSTILE.map((xml) => encodeWith(Proc.DOMAIN_DEFINE_XML.args, { xml }));
    let refused = 0;
    let stop = false;
    const attack = (async () => {
      for (let serial = 1; !stop; serial++) {
        attacker.call(Proc.DOMAIN_DEFINE_XML.proc, serial, frames[(serial - 1) % frames.length]);
        const r = await attacker.reply(serial, 60000);
        expect(r.header.status).to.equal(MessageStatus.ERROR);
        const e = decodeWith(remoteError, r.body, 'error');
        expect(e.code, e.message).to.equal(ErrorCode.XML_ERROR);
        refused++;
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 200));
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const start = performance.now();
        expect((await witness.listAllDomains()).map((x) => x.name)).to.deep.equal(['steady']);
        times.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 10));
      }
      times.sort((a, b) => a - b);
      const p99 = times[Math.ceil(times.length * 0.99) - 1];
      expect(refused, 'hostile documents answered while the witness listed').to.be.at.least(4);
      expect(p99, `list latencies (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`).to.be.below(100);
      console.log(`      list p50 ${times[24].toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${refused} hostile documents refused meanwhile`);
    } finally {
      stop = true;
      await attack;
      attacker.end();
    }
  });
});
