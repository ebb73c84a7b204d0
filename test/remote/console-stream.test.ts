import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode, isVirtError, type Virt } from '@virtkit/core';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { FLOOD_BYTES, floodByte } from './helpers/echo-console-plugin.js';

const PLUGIN = fileURLToPath(new URL('./helpers/echo-console-plugin.js', import.meta.url));

/** Collects a stream's bytes until it ends or fails. */
function drain(s: NodeJS.ReadableStream): Promise<{ bytes: Buffer; error?: unknown }> {
  const parts: Buffer[] = [];
  return new Promise((resolve) => {
    s.on('data', (b: Buffer) => parts.push(b));
    s.once('end', () => resolve({ bytes: Buffer.concat(parts) }));
    s.once('error', (error) => resolve({ bytes: Buffer.concat(parts), error }));
  });
}

describe('console streams over the wire: both directions, flow control, errors and aborts each way', function () {
  this.timeout(120000);
  let d: Virtkitd;
  let virt: Virt;
  const uri = () => `echoconsole+unix:///system?socket=${d.socket}`;

  before(async () => {
    d = await startVirtkitd('', { verbose: false, env: { VIRTKIT_PLUGINS: PLUGIN } });
    virt = await remoteVirt();
  });
  after(async () => { await virt?.dispose(); await d?.stop(); });

  it('writes come back (echo) and the writable side ending finishes the stream for both sides', async () => {
    const conn = await virt.connect(uri());
    try {
      const con = await (await conn.lookupDomainByName('echo')).openConsole();
      const got = drain(con);
      con.write('one ');
      con.write('two');
      await delay(100);
      con.end();
      const r = await got;
      expect(r.error).to.equal(undefined);
      expect(r.bytes.toString()).to.equal('one two');
      // The device was released by the finish: a new console opens.
      (await (await conn.lookupDomainByName('echo')).openConsole()).destroy();
    } finally {
      await conn.close();
    }
  });

  it('8 MiB from the device to a reader that pauses: every byte, in order (the socket is held back, not the data dropped)', async () => {
    const conn = await virt.connect(uri());
    try {
      const con = await (await conn.lookupDomainByName('echo')).openConsole();
      con.write('FLOOD');
      await delay(1500);
      // Nothing read yet: the stream's buffer holds little of it; the rest waits behind the paused socket and device.
      expect(con.readableLength).to.be.at.most(1024 * 1024);
      const want = createHash('sha256');
      const chunk = Buffer.alloc(FLOOD_BYTES);
      for (let i = 0; i < FLOOD_BYTES; i++) chunk[i] = floodByte(i);
      want.update(chunk);
      const have = createHash('sha256');
      let n = 0;
      await new Promise<void>((resolve, reject) => {
        con.on('data', (b: Buffer) => {
          have.update(b);
          n += b.length;
          if (n >= FLOOD_BYTES) resolve();
        });
        con.once('error', reject);
      });
      expect(n).to.equal(FLOOD_BYTES);
      expect(have.digest('hex')).to.equal(want.digest('hex'));
      con.destroy();
    } finally {
      await conn.close();
    }
  });

  it('the device failing fails the client\'s stream with the device\'s error', async () => {
    const conn = await virt.connect(uri());
    try {
      const con = await (await conn.lookupDomainByName('echo')).openConsole();
      const got = drain(con);
      con.write('FAIL');
      const r = await got;
      expect(isVirtError(r.error), String(r.error)).to.equal(true);
      expect((r.error as { code: number }).code).to.equal(ErrorCode.INTERNAL_ERROR);
      expect((r.error as Error).message).to.contain('the console device failed');
    } finally {
      await conn.close();
    }
  });

  it('the client aborting (destroy) reaches the device; so does the client\'s connection closing', async () => {
    const conn = await virt.connect(uri());
    const dom = await conn.lookupDomainByName('echo');
    const first = await dom.openConsole();
    try {
      await dom.openConsole();
      expect.fail('a second console opened while one was held');
    } catch (e) {
      expect(isVirtError(e) && e.code).to.equal(ErrorCode.OPERATION_FAILED);
    }
    first.destroy();
    // The abort is a frame the server reads after this: retry briefly.
    let reopened;
    for (let i = 0; i < 50 && !reopened; i++) reopened = await dom.openConsole().catch(() => undefined) ?? (await delay(20), undefined);
    expect(reopened, 'the abort did not release the device').to.not.equal(undefined);
    // The connection closing under an open console: the stream ends with an error here, the device is released there.
    const failed = new Promise<unknown>((resolve) => { reopened!.once('error', resolve); reopened!.once('close', () => resolve(undefined)); });
    await conn.close();
    await failed;
    expect(reopened!.destroyed).to.equal(true);
    const other = await virt.connect(uri());
    try {
      let again;
      for (let i = 0; i < 50 && !again; i++) again = await (await other.lookupDomainByName('echo')).openConsole().catch(() => undefined) ?? (await delay(20), undefined);
      expect(again, 'closing the connection did not release the device').to.not.equal(undefined);
      again!.destroy();
    } finally {
      await other.close();
    }
  });
});
