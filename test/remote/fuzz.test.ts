import { expect } from 'chai';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { ErrorCode, ErrorDomain, isVirtError, type Connection, type Virt, type VirtError } from '@virtkit/core';
import {
  decodeWith, encodeMessage, encodeWith, ERROR_MESSAGE_MAX, KEEPALIVE_PROGRAM, MESSAGE_MAX, MessageStatus, MessageType, Proc, procedureByNumber, REMOTE_PROGRAM, remoteError, STRING_MAX,
  type MessageHeader,
} from '@virtkit/remote';
import { remoteVirt } from './helpers/remote-virt.js';
import { FrameFuzzer, header, prng } from './helpers/frame-fuzzer.js';
import { RawPeer } from './helpers/raw-peer.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

async function snapshot(conn: Connection): Promise<string> {
  const doms = await conn.listAllDomains();
  const parts = await Promise.all(doms.map(async (d) => `${d.name}:${d.id}:${(await d.getState()).state}:${await d.getXmlDesc()}`));
  return parts.sort().join('\n');
}

describe('virtkitd under hostile frames', function () {
  this.timeout(60000);
  const SEED = 0x5eed;
  let d: Virtkitd;
  let virt: Virt;
  let witness: Connection;
  let before: string;

  beforeEach(async () => {
    d = await startVirtkitd();
    virt = await remoteVirt();
    witness = await virt.connect(d.uri());
    before = await snapshot(witness);
  });
  afterEach(async function () {
    expect(d.proc.exitCode, 'the daemon must still run').to.equal(null);
    expect(await snapshot(witness), 'no state changed').to.equal(before);
    expect(await witness.getType()).to.equal('TEST');
    await virt.dispose();
    await d.stop();
  });

  async function expectErrorReply(raw: RawPeer, h: MessageHeader, body: Buffer, match?: RegExp): Promise<VirtError> {
    raw.socket.write(encodeMessage(h, body));
    const r = await raw.reply(h.serial);
    expect(r.header.status, `status of the reply to ${JSON.stringify(h)}`).to.equal(MessageStatus.ERROR);
    const e = decodeWith(remoteError, r.body, 'error');
    if (match) expect(e.message).to.match(match);
    return e;
  }

  it('answers unknown programs, versions and procedures with an error reply', async () => {
    const raw = await RawPeer.connect(d.socket);
    await raw.open();
    await expectErrorReply(raw, header({ prog: 0x12345678, serial: 11 }), Buffer.alloc(0), /Cannot find program/);
    await expectErrorReply(raw, header({ vers: 2, serial: 12 }), Buffer.alloc(0), /Cannot find program/);
    // Byte for byte what libvirtd 9.0 answers.
    const unknown = await expectErrorReply(raw, header({ proc: 99999, serial: 13 }), Buffer.alloc(0));
    expect([unknown.code, unknown.domain, unknown.message]).to.deep.equal([ErrorCode.RPC, ErrorDomain.RPC, 'unknown procedure: 99999']);
    const version = await expectErrorReply(raw, header({ vers: 7, serial: 16 }), Buffer.alloc(0));
    expect([version.code, version.domain, version.message]).to.deep.equal([ErrorCode.RPC, ErrorDomain.RPC, `Cannot find program ${REMOTE_PROGRAM} version 7`]);
    await expectErrorReply(raw, header({ proc: -1, serial: 14 }), Buffer.alloc(0), /unknown procedure/);
    await expectErrorReply(raw, header({ prog: KEEPALIVE_PROGRAM, type: MessageType.CALL, serial: 15 }), Buffer.alloc(0), /Cannot find program/);
    raw.end();
  });

  it('drops frames that are not calls without an answer, and answers calls of a wrong type or status with an error reply', async () => {
    const raw = await RawPeer.connect(d.socket);
    await raw.open();
    // A reply, an event message, a frame of no known type (of any program), stream data for no open stream: no answer, as from libvirtd.
    const dropped: MessageHeader[] = [
      header({ type: MessageType.REPLY, serial: 20 }),
      header({ type: MessageType.MESSAGE, serial: 21 }),
      header({ type: 7 as MessageType, serial: 22 }),
      header({ type: -3 as MessageType, serial: 23 }),
      header({ type: MessageType.REPLY, prog: 0x12345678, serial: 24 }),
      header({ type: MessageType.MESSAGE, proc: 99999, status: MessageStatus.ERROR, serial: 25 }),
      header({ prog: KEEPALIVE_PROGRAM, type: MessageType.REPLY, proc: 1, serial: 26 }),
      header({ prog: KEEPALIVE_PROGRAM, vers: 2, type: MessageType.MESSAGE, proc: 1, serial: 27 }),
      header({ type: MessageType.STREAM, serial: 40 }),
      header({ type: MessageType.STREAM_HOLE, serial: 41 }),
    ];
    for (const h of dropped) raw.socket.write(encodeMessage(h, h.type === MessageType.STREAM ? Buffer.from('stray') : Buffer.alloc(h.type === MessageType.STREAM_HOLE ? 12 : 0)));
    // The connection goes on: the next wrong call is answered, and nothing came for the frames before it.
    await expectErrorReply(raw, header({ type: MessageType.CALL_WITH_FDS, serial: 42 }), Buffer.alloc(0), /Unexpected message type 4/);
    expect(raw.frames.filter((f) => dropped.some((h) => h.serial === f.header.serial)).map((f) => f.header.serial)).to.deep.equal([]);
    await expectErrorReply(raw, header({ status: MessageStatus.ERROR, serial: 30 }), Buffer.alloc(0), /Unexpected message status/);
    raw.end();
  });

  it('answers malformed, truncated and over-limit bodies with an error reply and changes nothing', async () => {
    const raw = await RawPeer.connect(d.socket);
    await raw.open();
    const dom = (await witness.lookupDomainByName('test')).driverRef;
    const destroy = encodeWith(Proc.DOMAIN_DESTROY.args, { dom });
    await expectErrorReply(raw, header({ proc: Proc.DOMAIN_DESTROY.proc, serial: 40 }), destroy.subarray(0, destroy.length - 3), /truncated/);
    await expectErrorReply(raw, header({ proc: Proc.DOMAIN_DESTROY.proc, serial: 41 }), Buffer.concat([destroy, Buffer.alloc(4)]), /trailing/);
    const bigString = Buffer.alloc(8);
    bigString.writeUInt32BE(STRING_MAX + 1);
    await expectErrorReply(raw, header({ proc: Proc.DOMAIN_DEFINE_XML.proc, serial: 42 }), bigString, /exceeds the limit/);
    const badOptional = Buffer.from('00000002', 'hex');
    await expectErrorReply(raw, header({ proc: Proc.CONNECT_OPEN.proc, serial: 43 }), Buffer.concat([badOptional, Buffer.alloc(4)]));
    await expectErrorReply(raw, header({ proc: Proc.DOMAIN_UNDEFINE_FLAGS.proc, serial: 44 }), encodeWith(Proc.DOMAIN_UNDEFINE_FLAGS.args, { dom, flags: 0x80000000 }), /unsupported flags/);
    const code = decodeWith(remoteError, (await raw.reply(44)).body, 'error').code;
    expect(code).to.equal(ErrorCode.INVALID_ARG);
    raw.end();
  });

  it('answers an error that quotes a huge argument with the message cut, instead of failing to encode it', async () => {
    const raw = await RawPeer.connect(d.socket);
    await raw.open();
    const name = 'n'.repeat(STRING_MAX - 16);
    const e = await expectErrorReply(raw, header({ proc: Proc.DOMAIN_LOOKUP_BY_NAME.proc, serial: 50 }), encodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, { name }));
    expect(e.code).to.equal(ErrorCode.NO_DOMAIN);
    expect(e.message).to.match(/^Domain not found: .*nnnn\.\.\. \(\d+ more characters\)$/);
    expect(e.message.length).to.be.below(ERROR_MESSAGE_MAX + 64);
    raw.end();
  });

  it('closes the connection on oversize and undersize length words, before reading a body', async () => {
    for (const len of [MESSAGE_MAX + 1, 0xffffffff, 0, 4, 27]) {
      const raw = await RawPeer.connect(d.socket);
      const word = Buffer.alloc(4);
      word.writeUInt32BE(len);
      raw.socket.write(word);
      await raw.until(() => raw.closed, 5000, `close after length ${len}`);
      expect(raw.frames).to.have.length(0);
    }
  });

  it('survives random frames and random byte streams (seeded)', async () => {
    const rnd = prng(SEED);
    const int = (n: number) => Math.floor(rnd() * n);
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
    const raw = await RawPeer.connect(d.socket);
    await raw.open();
    const procs = Object.values(Proc).map((p) => p.proc).filter((p) => p !== Proc.CONNECT_CLOSE.proc && p !== Proc.CONNECT_OPEN.proc);
    for (let i = 0; i < 300; i++) {
      const serial = 1000 + i;
      const pick = int(4);
      const h = header({
        serial,
        prog: pick === 0 ? int(0xffffffff) : REMOTE_PROGRAM,
        vers: pick === 1 ? int(5) : 1,
        proc: pick === 2 ? int(100000) - 50000 : procs[int(procs.length)],
        type: pick === 3 ? int(8) : MessageType.CALL,
      });
      raw.socket.write(encodeMessage(h, bytes(1 + int(96))));
      // A frame that is not a call gets no reply (libvirtd drops it); the next frame shows the connection still serves.
      if (h.type !== MessageType.CALL && h.type !== MessageType.CALL_WITH_FDS) continue;
      const r = await raw.reply(serial);
      expect(r.header.proc).to.equal(h.proc);
      const proc = procedureByNumber(h.proc);
      const malformed = h.prog !== REMOTE_PROGRAM || h.vers !== 1 || h.type !== MessageType.CALL || !proc;
      if (r.header.status === MessageStatus.OK) {
        // Only a well-formed call may succeed, and its reply must decode with the procedure's own layout.
        expect(malformed, `frame ${i} was accepted: ${JSON.stringify(h)}`).to.equal(false);
        decodeWith(proc!.ret, r.body, `${proc!.name} reply`);
      } else {
        expect(r.header.status, `status of the reply to frame ${i}`).to.equal(MessageStatus.ERROR);
        const e = decodeWith(remoteError, r.body, 'error');
        // A refusal, not a handler that crashed on the garbage.
        expect(e.message, `frame ${i}`).to.not.match(/Cannot read propert|is not a function|is not iterable|Maximum call stack/);
      }
    }
    raw.end();
    for (let i = 0; i < 30; i++) {
      const s = net.createConnection(d.socket);
      await new Promise<void>((resolve) => {
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        s.on('connect', () => {
          s.write(bytes(1 + int(200)));
          setTimeout(() => s.destroy(), 20);
        });
      });
    }
  });
  /**
   * The frame fuzzer: attackers on both sockets send seeded hostile frames
   * (FUZZ_SEED, default the suite's seed) for FUZZ_MS (default 3000; run it
   * longer by hand) while a well-behaved client lists domains; its latency
   * must stay under the bound, and afterEach checks nothing changed.
   */
  it('survives a seeded frame fuzzer on several connections while a well-behaved client is served within the bound', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? SEED);
    const budgetMs = Number(process.env.FUZZ_MS ?? 3000);
    const LATENCY_BOUND_MS = 250;
    const dom = (await witness.lookupDomainByName('test')).driverRef;
    const latencies: number[] = [];
    let running = true;
    const served = (async () => {
      while (running) {
        const t0 = performance.now();
        await witness.listAllDomains();
        latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    let frames = 0;
    let connections = 0;
    const attack = async (n: number) => {
      const fuzz = new FrameFuzzer(prng(seed + n), dom);
      const deadline = Date.now() + budgetMs;
      while (Date.now() < deadline) {
        frames += await fuzz.burst(d);
        connections++;
      }
    };
    await Promise.all([0, 1, 2].map(attack));
    running = false;
    await served;
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)];
    process.stdout.write(`      seed ${seed}: ${frames} frames on ${connections} connections; witness ${latencies.length} lists, p99 ${p99.toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms\n`);
    expect(latencies.length, 'lists served during the run').to.be.above(20);
    expect(p99, 'p99 of the well-behaved client (ms)').to.be.below(LATENCY_BOUND_MS);
  });
});

describe('remote client against a peer that does not speak the protocol', function () {
  this.timeout(20000);

  it('fails the connection with the oversize-packet error instead of buffering (an SSH banner read as a length)', async () => {
    const server = net.createServer((s) => {
      s.on('error', () => {});
      s.resume();
      s.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as net.AddressInfo;
    const virt = await remoteVirt();
    try {
      const e = await virt.connect(`test+tcp://127.0.0.1:${port}/default`).then(() => undefined, (err: unknown) => err);
      expect(isVirtError(e, ErrorCode.RPC)).to.equal(true);
      expect((e as Error).message).to.match(/packet \d+ bytes received is too large/);
    } finally {
      await virt.dispose();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
