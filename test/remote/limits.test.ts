import { expect } from 'chai';
import { execFile } from 'node:child_process';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { ErrorCode, ErrorDomain, isVirtError, type VirtError } from '@virtkit/core';
import { decodeWith, encodeWith, MessageStatus, Proc, remoteError } from '@virtkit/remote';
import { RawPeer } from './helpers/raw-peer.js';
import { withVirtkitd } from './helpers/remote-virt.js';
import { testDomainXml } from './helpers/domain-xml.js';
import { occurrences, waitFor } from './helpers/wait.js';
import { slowPerform } from './helpers/slow-perform.js';
import { FrameFuzzer } from './helpers/frame-fuzzer.js';

const XML = testDomainXml;

interface VirshRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Starts virsh; resolves with how it ended, whatever that was. */
function startVirsh(...args: string[]): { done: Promise<VirshRun>; exited: () => boolean } {
  let ended = false;
  const done = new Promise<VirshRun>((resolve) => {
    const p = execFile('virsh', args, { timeout: 30000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }, (err, stdout, stderr) => {
      ended = true;
      const e = err as (Error & { code?: number; signal?: NodeJS.Signals }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? p.signalCode ?? null, stdout, stderr });
    });
  });
  return { done, exited: () => ended };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A frame's length word announcing `len` bytes, then `body` bytes of it. */
function partialFrame(len: number, sent: number): Buffer {
  const b = Buffer.alloc(sent);
  b.writeUInt32BE(len, 0);
  return b;
}

/**
 * A DOMAIN_DEFINE_XML frame of `size` bytes whose string is all NUL bytes:
 * only the whole body shows it is refused, so the daemon must hold all of it.
 */
function nulDefine(size: number, serial: number): Buffer {
  const f = FrameFuzzer.undecodableDefine(size, serial);
  f.writeUInt32BE(size - 32, 28);
  return f;
}

describe('virtkitd: client limits as libvirtd, and no unbounded buffering', function () {
  this.timeout(60000);

  it('keeps a client beyond max_clients waiting, unread, and serves it once a slot frees', async () => {
    await withVirtkitd('max_clients = 2\n', async (d) => {
      const a = await RawPeer.connect(d.socket);
      const b = await RawPeer.connect(d.socket);
      await a.open();
      await b.open();
      const c = await RawPeer.connect(d.socket);
      c.call(Proc.CONNECT_OPEN.proc, 7, encodeWith(Proc.CONNECT_OPEN.args, { name: 'test:///default', flags: 0 }));
      await sleep(700);
      expect(c.closed, 'the third client is not refused').to.equal(false);
      expect(c.frames, 'nor answered while both slots are taken').to.have.length(0);
      a.end();
      const r = await c.reply(7);
      expect(r.header.status).to.equal(MessageStatus.OK);
      b.end();
      c.end();
    });
  });

  it('serves real virsh beyond max_clients once a slot frees, and answers beyond max_queued_clients with libvirtd\'s error, never SIGPIPE', async () => {
    await withVirtkitd('max_clients = 1\n', async (d) => {
      const holder = await RawPeer.connect(d.socket);
      await holder.open();
      const v = startVirsh('-c', d.uri(), 'list', '--all');
      await sleep(1500);
      expect(v.exited(), 'virsh waits while the only slot is taken').to.equal(false);
      holder.end();
      const r = await v.done;
      expect(r.signal, r.stderr).to.equal(null);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/\btest\b/);
    });
    await withVirtkitd('max_clients = 1\nmax_queued_clients = 0\n', async (d) => {
      const holder = await RawPeer.connect(d.socket);
      await holder.open();
      const r = await startVirsh('-c', d.uri(), 'list', '--all').done;
      holder.end();
      expect(r.signal, 'virsh is not killed by a signal').to.equal(null);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('Too many active clients (1), dropping connection');
    });
  });

  it('stops reading the requests of a client that does not read its replies', async () => {
    await withVirtkitd('', async (d, virt) => {
      const conn = await virt.connect(d.uri('/bp', 'empty=1'));
      const big = `<domain type='test'><name>vk-big</name><description>${'x'.repeat(200000)}</description><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;
      const dom = await conn.defineDomain(big);
      const raw = await RawPeer.connect(d.socket);
      await raw.open('test:///bp');
      raw.socket.pause();
      const args = encodeWith(Proc.DOMAIN_GET_XML_DESC.args, { dom: dom.driverRef, flags: 0 });
      for (let i = 0; i < 2000; i++) raw.call(Proc.DOMAIN_GET_XML_DESC.proc, 100 + i, args);
      await sleep(1500);
      const calls = occurrences(d.stderr(), 'call DOMAIN_GET_XML_DESC ');
      // Each reply is 200 KB: the daemon ran the calls the socket could take and stopped there.
      expect(calls, 'calls run for a client that reads nothing').to.be.at.most(12);
      expect(await conn.getType(), 'other clients are served').to.equal('TEST');
      raw.end();
    });
  });

  it('closes an event subscriber that leaves max_client_events unread, with a logged reason', async () => {
    await withVirtkitd('max_client_events = 8\n', async (d, virt) => {
      const raw = await RawPeer.connect(d.socket);
      await raw.open('test:///ev?empty=1');
      raw.call(Proc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.proc, 1, encodeWith(Proc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.args, { eventID: 0, dom: undefined }));
      expect((await raw.reply(1)).header.status).to.equal(MessageStatus.OK);
      raw.socket.pause();
      const conn = await virt.connect(d.uri('/ev', 'empty=1'));
      const long = 'e'.repeat(200);
      let rounds = 0;
      const logged = () => d.stderr().includes('closing a client that does not read its events');
      while (!logged() && rounds < 200) {
        const doms = await Promise.all(Array.from({ length: 20 }, (_, i) => conn.defineDomain(XML(`${long}-${rounds}-${i}`))));
        await Promise.all(doms.map((x) => x.undefine()));
        rounds++;
      }
      expect(logged(), `closed after ${rounds * 40} events`).to.equal(true);
      raw.socket.resume();
      await raw.until(() => raw.closed, 5000, 'the subscriber to be closed');
      expect(await conn.getType()).to.equal('TEST');
    });
  });

  it('closes a client that sends part of a frame and stalls after partial_frame_timeout', async () => {
    await withVirtkitd('partial_frame_timeout = 1\n', async (d) => {
      const open = await RawPeer.connect(d.socket);
      await open.open();
      const stalled = await RawPeer.connect(d.socket);
      stalled.socket.write(partialFrame(100, 10));
      const word = await RawPeer.connect(d.socket);
      word.socket.write(Buffer.from([0, 0]));
      const t0 = performance.now();
      await stalled.until(() => stalled.closed && word.closed, 5000, 'the stalled clients to be closed');
      expect(performance.now() - t0).to.be.within(500, 3500);
      expect(d.stderr()).to.contain('closing a client that did not finish its frame');
      expect(open.closed, 'a client between frames is not affected').to.equal(false);
      open.end();
    });
  });

  it('closes a client whose length word exceeds max_client_bytes before buffering any of the frame', async () => {
    await withVirtkitd('max_client_bytes = 1048576\n', async (d) => {
      const raw = await RawPeer.connect(d.socket);
      await raw.open();
      raw.socket.write(partialFrame(2 * 1048576, 4));
      await raw.until(() => raw.closed, 5000, 'the client to be closed');
      expect(d.stderr()).to.contain("exceeds the client's budget of 1048576 bytes");
    });
  });

  it('holds a large frame unread while max_total_bytes is taken, and still serves ordinary calls', async () => {
    const MiB = 1048576;
    await withVirtkitd('max_total_bytes = 4194304\n', async (d) => {
      // A holds 3 MiB of the 4: it announced a 3 MiB frame and sent 1 MiB of it.
      const a = await RawPeer.connect(d.socket);
      await a.open();
      const aFrame = nulDefine(3 * MiB, 50);
      a.socket.write(aFrame.subarray(0, MiB));
      await sleep(200);
      // B's 3 MiB frame does not fit beside it: its bytes stay in the kernel.
      const b = await RawPeer.connect(d.socket);
      await b.open();
      const bFrame = nulDefine(3 * MiB, 60);
      b.socket.write(bFrame);
      const c = await RawPeer.connect(d.socket);
      const t0 = performance.now();
      await c.open();
      expect(performance.now() - t0, 'an ordinary call is not held back').to.be.below(1000);
      await sleep(500);
      expect(b.frames.filter((f) => f.header.serial === 60), 'B waits').to.have.length(0);
      a.socket.write(aFrame.subarray(MiB));
      const ra = await a.reply(50);
      const rb = await b.reply(60, 10000);
      for (const r of [ra, rb]) {
        expect(r.header.status).to.equal(MessageStatus.ERROR);
        expect(decodeWith(remoteError, r.body, 'error').message).to.match(/string contains a NUL byte/);
      }
      for (const p of [a, b, c]) p.end();
    });
  });

  it('does not hold the body of a large frame its arguments already refuse: other large frames are read beside it', async () => {
    const MiB = 1048576;
    await withVirtkitd('max_total_bytes = 4194304\n', async (d) => {
      // A's 3 MiB frame declares a string longer than any define takes: its first bytes decide, the rest is dropped as it comes.
      const a = await RawPeer.connect(d.socket);
      await a.open();
      const aFrame = FrameFuzzer.undecodableDefine(3 * MiB, 50);
      a.socket.write(aFrame.subarray(0, MiB));
      await sleep(200);
      // B's 3 MiB frame needs its whole body, and it fits: A holds only what it screened.
      const b = await RawPeer.connect(d.socket);
      await b.open();
      b.socket.write(nulDefine(3 * MiB, 60));
      const rb = await b.reply(60, 10000);
      expect(decodeWith(remoteError, rb.body, 'error').message).to.match(/string contains a NUL byte/);
      expect(a.frames.filter((f) => f.header.serial === 50), 'A has not sent its whole frame yet').to.have.length(0);
      // A's answer comes once its last byte is in, and is the whole frame's: the same error as for a frame read whole.
      a.socket.write(aFrame.subarray(MiB));
      const ra = await a.reply(50);
      expect(ra.header.status).to.equal(MessageStatus.ERROR);
      expect(decodeWith(remoteError, ra.body, 'error').message).to.match(/opaque of 4294967295 bytes exceeds the limit of 4194304/);
      // A is in step with its stream after the dropped bytes: its next call is answered.
      a.call(Proc.CONNECT_GET_TYPE.proc, 51);
      expect((await a.reply(51)).header.status).to.equal(MessageStatus.OK);
      for (const p of [a, b]) p.end();
    });
  });

  it('caps the named test hosts at max_test_hosts: one more name is refused with the limit named, the others stay open', async () => {
    await withVirtkitd('max_test_hosts = 2\n', async (d, virt) => {
      // test:///default is one of them.
      await (await virt.connect(d.uri('/default'))).close();
      const kept = await virt.connect(d.uri('/vkhard-kept', 'empty=1'));
      await kept.defineDomain(XML('vkhard-stays'));
      const e = await virt.connect(d.uri('/vkhard-one-more')).then(() => undefined, (err: unknown) => err);
      expect(isVirtError(e, ErrorCode.OPERATION_FAILED), String(e)).to.equal(true);
      expect((e as VirtError).domain).to.equal(ErrorDomain.TEST);
      expect((e as Error).message).to.equal("operation failed: cannot open test host '/vkhard-one-more': the test driver already holds 2 hosts, its limit (virtkitd's max_test_hosts)");
      const again = await virt.connect(d.uri('/vkhard-kept'));
      expect((await again.listAllDomains()).map((x) => x.name)).to.deep.equal(['vkhard-stays']);
      await again.close();
      await kept.close();
    });
  });

  it('runs high-priority calls on prio_workers while slow calls hold every max_workers worker', async () => {
    for (const prio of [1, 0]) {
      await withVirtkitd(`max_workers = 1\nmin_workers = 1\nprio_workers = ${prio}\n`, async (d, virt) => {
        const { perform } = await slowPerform(d, virt, `vk-prio${prio}`, 1500);
        const other = await virt.connect(d.uri(`/vk-prio${prio}-a`));
        const dom = await other.lookupDomainByName(`vk-prio${prio}`);
        const settled: string[] = [];
        const slow = perform().then(() => settled.push('perform'), (e: unknown) => settled.push(`perform failed: ${isVirtError(e) ? e.message : String(e)}`));
        await waitFor(() => d.stderr().includes('call DOMAIN_MIGRATE_PERFORM '), 5000, 'Perform to start');
        // CONNECT_LIST_ALL_DOMAINS is high priority in libvirt; DOMAIN_GET_XML_DESC is not.
        const list = other.listAllDomains().then(() => settled.push('list'));
        const xml = dom.getXmlDesc().then(() => settled.push('dumpxml'));
        await Promise.all([slow, list, xml]);
        if (prio) expect(settled).to.deep.equal(['list', 'perform', 'dumpxml']);
        else expect(settled).to.deep.equal(['perform', 'list', 'dumpxml']);
      });
    }
  });

  it('serves again after clients leave: nothing of a closed client stays charged', async () => {
    await withVirtkitd('max_total_bytes = 4194304\nmax_clients = 3\n', async (d) => {
      for (let round = 0; round < 6; round++) {
        const peers = await Promise.all([0, 1, 2].map(() => RawPeer.connect(d.socket)));
        for (const p of peers) p.socket.write(partialFrame(1048576 + 65536, 65536));
        await sleep(50);
        for (const p of peers) p.end();
      }
      const s = net.createConnection(d.socket);
      await new Promise<void>((r) => s.once('connect', () => r()));
      s.destroy();
      const last = await RawPeer.connect(d.socket);
      await last.open();
      last.socket.write(FrameFuzzer.undecodableDefine(3 * 1048576, 9));
      expect((await last.reply(9)).header.status).to.equal(MessageStatus.ERROR);
      last.end();
    });
  });
});
