import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { openTlsSession, pkiFilesIn, readPki } from '@virtkit/remote';
import { makeTestPki, type TestPki } from './helpers/pki.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A TLS client, once its certificate is checked, is a client like any other:
 * it waits for a slot beyond max_clients and is held to partial_frame_timeout
 * and max_client_bytes.
 */
describe('TLS clients under virtkitd\'s client limits', function () {
  this.timeout(60000);
  let pki: TestPki;
  let d: Virtkitd | undefined;

  const start = async (extra: string) => {
    d = await startVirtkitd(`listen_addr = "127.0.0.1"\ntls_port = "0"\n${pki.serverConf({ crl: true })}${extra}`, { listen: true });
    return d;
  };
  const uri = (v: Virtkitd) => `test+tls://localhost:${v.tls!.port}/default?pkipath=${pki.clientDir('good')}`;
  /** A raw TLS session past the confirmation byte, ready for frames. */
  const session = (v: Virtkitd) => openTlsSession({ host: 'localhost', port: v.tls!.port, verify: true }, readPki(pkiFilesIn(pki.clientDir('good'), 'client'), 'client'), 10000);
  const closed = (s: { once(e: 'close', f: () => void): unknown }) => new Promise<void>((r) => s.once('close', () => r()));

  before(async () => {
    pki = await makeTestPki();
  });
  afterEach(async () => {
    await d?.stop();
    d = undefined;
  });
  after(async () => {
    await pki?.remove();
  });

  it('keeps a TLS client beyond max_clients waiting after its confirmation byte, and serves it once a slot frees', async () => {
    const v = await start('max_clients = 1\n');
    const virt = await remoteVirt();
    try {
      const first = await virt.connect(uri(v));
      let opened = false;
      const second = virt.connect(uri(v)).then((c) => ((opened = true), c));
      await sleep(700);
      expect(opened, 'the second client is not served while the slot is taken').to.equal(false);
      await first.close();
      expect(await (await second).getType()).to.equal('TEST');
      expect(v.stderr()).to.contain('a client waits for a free slot');
    } finally {
      await virt.dispose();
    }
  });

  it('closes a TLS client that sends part of a frame and stalls after partial_frame_timeout', async () => {
    const v = await start('partial_frame_timeout = 1\n');
    const s = await session(v);
    const frame = Buffer.alloc(10);
    frame.writeUInt32BE(100, 0);
    const gone = closed(s);
    const t0 = performance.now();
    s.write(frame);
    await gone;
    expect(performance.now() - t0).to.be.within(500, 3500);
    expect(v.stderr()).to.contain('closing a client that did not finish its frame');
  });

  it('closes a TLS client whose length word exceeds max_client_bytes', async () => {
    const v = await start('max_client_bytes = 65536\n');
    const s = await session(v);
    const word = Buffer.alloc(4);
    word.writeUInt32BE(1 << 20, 0);
    const gone = closed(s);
    s.write(word);
    await gone;
    expect(v.stderr()).to.contain("exceeds the client's budget of 65536 bytes");
  });
});
