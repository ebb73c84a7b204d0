import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MessageStatus, Proc } from '@virtkit/remote';
import { rawScram, saslFixture } from './helpers/credentials.js';
import { RawPeer } from './helpers/raw-peer.js';
import { withVirtkitd } from './helpers/remote-virt.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `peer` got the reply to `serial` yet. */
const answered = (peer: RawPeer, serial: number) => peer.frames.some((f) => f.header.serial === serial);

describe('virtkitd: max_anonymous_clients as libvirtd (clients that have not finished authentication)', function () {
  this.timeout(60000);
  let tmp: string;
  let db: string;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vkhard-anon-'));
    ({ db } = await saslFixture(tmp, [['alice', 'wonderland']]));
  });
  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('takes no client on any listener while that many are unauthenticated; one that authenticates or leaves makes room', async () => {
    await withVirtkitd(`auth_unix_rw = "sasl"\nauth_unix_ro = "none"\nsasl_db = "${db}"\nmax_anonymous_clients = 2\n`, async (d) => {
      const [a, b] = [await RawPeer.connect(d.socket), await RawPeer.connect(d.socket)];
      for (const p of [a, b]) {
        p.call(Proc.AUTH_LIST.proc, 1);
        await p.reply(1);
      }
      // Two clients have not authenticated: a third waits, and so does a client of the read-only socket (auth "none").
      const c = await RawPeer.connect(d.socket);
      c.call(Proc.AUTH_LIST.proc, 1);
      await sleep(300);
      const ro = await RawPeer.connect(d.roSocket);
      ro.call(Proc.AUTH_LIST.proc, 1);
      await sleep(500);
      expect(answered(c, 1), 'the third unauthenticated client waits').to.equal(false);
      expect(answered(ro, 1), 'no listener takes a client meanwhile').to.equal(false);
      expect(c.closed || ro.closed, 'waiting clients stay connected').to.equal(false);

      // A authenticates: one slot, and the first waiting client takes it (and is unauthenticated in turn).
      expect((await rawScram(a, 'alice', 'wonderland', 10)).header.status).to.equal(MessageStatus.OK);
      expect((await c.reply(1)).header.status).to.equal(MessageStatus.OK);
      await sleep(300);
      expect(answered(ro, 1), 'b and c are unauthenticated: still full').to.equal(false);

      // B leaves: the read-only client is served; it is authenticated as it connects, so it takes no anonymous slot.
      b.end();
      expect((await ro.reply(1)).header.status).to.equal(MessageStatus.OK);
      const e = await RawPeer.connect(d.socket);
      e.call(Proc.AUTH_LIST.proc, 1);
      expect((await e.reply(1)).header.status).to.equal(MessageStatus.OK);
      for (const p of [a, c, ro, e]) p.end();
    });
  });

  it('max_anonymous_clients = 0 turns the limit off, as in libvirtd', async () => {
    await withVirtkitd(`auth_unix_rw = "sasl"\nsasl_db = "${db}"\nmax_anonymous_clients = 0\n`, async (d) => {
      const peers = await Promise.all(Array.from({ length: 4 }, () => RawPeer.connect(d.socket)));
      for (const p of peers) p.call(Proc.AUTH_LIST.proc, 1);
      for (const p of peers) expect((await p.reply(1)).header.status).to.equal(MessageStatus.OK);
      for (const p of peers) p.end();
    });
  });
});
