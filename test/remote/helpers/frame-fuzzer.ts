import type { DomainRef } from '@virtkit/core';
import { RawPeer } from './raw-peer.js';
import { encodeMessage, encodeWith, KEEPALIVE_PROGRAM, MESSAGE_MAX, MessageStatus, MessageType, Proc, REMOTE_PROGRAM, type MessageHeader } from '@virtkit/remote';

/** A small seeded PRNG (mulberry32), so a failing case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function header(h: Partial<MessageHeader>): MessageHeader {
  return { prog: REMOTE_PROGRAM, vers: 1, proc: Proc.CONNECT_GET_TYPE.proc, type: MessageType.CALL, serial: 1, status: MessageStatus.OK, ...h };
}

/** What one fuzzed write is: bytes to send, and whether the daemon may close the connection over them. */
export interface FuzzedWrite { bytes: Buffer; mayClose: boolean }

/**
 * Hostile frames from a seeded generator: random headers with random bodies,
 * well-formed read-only calls with bytes flipped, dropped, added or cut,
 * keepalive frames of any type, length words that lie, and raw garbage.
 * Mutated calls start from read-only ones, but a flipped procedure number
 * can make a write of them, so they go only to read-only connections.
 */
export class FrameFuzzer {
  readonly int: (n: number) => number;
  private readonly valid: Buffer[];
  private readonly procs = Object.values(Proc).map((p) => p.proc).filter((p) => p !== Proc.CONNECT_CLOSE.proc && p !== Proc.CONNECT_OPEN.proc);
  private serial = 1000;

  constructor(rnd: () => number, dom: DomainRef) {
    this.int = (n) => Math.floor(rnd() * n);
    const call = (proc: number, body: Buffer) => encodeMessage(header({ proc, serial: 1 }), body);
    this.valid = [
      call(Proc.CONNECT_LIST_ALL_DOMAINS.proc, encodeWith(Proc.CONNECT_LIST_ALL_DOMAINS.args, { need_results: 1, flags: 0 })),
      call(Proc.DOMAIN_LOOKUP_BY_NAME.proc, encodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, { name: dom.name })),
      call(Proc.DOMAIN_GET_XML_DESC.proc, encodeWith(Proc.DOMAIN_GET_XML_DESC.args, { dom, flags: 0 })),
      call(Proc.DOMAIN_GET_INFO.proc, encodeWith(Proc.DOMAIN_GET_INFO.args, { dom })),
      call(Proc.DOMAIN_GET_STATE.proc, encodeWith(Proc.DOMAIN_GET_STATE.args, { dom, flags: 0 })),
      call(Proc.DOMAIN_GET_JOB_STATS.proc, encodeWith(Proc.DOMAIN_GET_JOB_STATS.args, { dom, flags: 0 })),
      call(Proc.CONNECT_SUPPORTS_FEATURE.proc, encodeWith(Proc.CONNECT_SUPPORTS_FEATURE.args, { feature: 10 })),
      call(Proc.CONNECT_GET_TYPE.proc, Buffer.alloc(0)),
    ];
  }

  /**
   * A DOMAIN_DEFINE_XML frame of `size` bytes (up to libvirt's 32 MiB) whose
   * string length no decoder accepts: the daemon reads it whole and answers
   * with an error, changing nothing.
   */
  static undecodableDefine(size: number, serial: number): Buffer {
    const f = Buffer.alloc(size);
    f.writeUInt32BE(size, 0);
    f.writeUInt32BE(REMOTE_PROGRAM, 4);
    f.writeUInt32BE(1, 8);
    f.writeInt32BE(Proc.DOMAIN_DEFINE_XML.proc, 12);
    f.writeUInt32BE(serial, 20);
    f.writeUInt32BE(0xffffffff, 28);
    return f;
  }

  /**
   * One connection's burst: connects to the read-write or the read-only
   * socket, mostly opens, sends up to 60 writes and, when all were well
   * framed, checks the daemon still answers it; returns the writes sent.
   */
  async burst(sockets: { socket: string; roSocket: string }): Promise<number> {
    const readonly = this.int(2) === 0;
    const raw = await RawPeer.connect(readonly ? sockets.roSocket : sockets.socket);
    if (this.int(5) > 0) await raw.open();
    let broken = false;
    let sent = 0;
    for (let i = this.int(60); i >= 0 && !broken; i--) {
      const w = this.next(readonly);
      raw.socket.write(w.bytes);
      sent++;
      broken = w.mayClose;
    }
    if (!broken) {
      // Every frame was whole and well framed: the connection must still be answered.
      raw.call(Proc.CONNECT_GET_TYPE.proc, 1);
      await raw.reply(1, 30000);
    }
    raw.end();
    return sent;
  }

  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }

  /** A random header (some fields off) with a random body: the daemon answers it when it is a call. */
  randomCall(): Buffer {
    const pick = this.int(5);
    const h = header({
      serial: this.serial++,
      prog: pick === 0 ? this.int(0xffffffff) : REMOTE_PROGRAM,
      vers: pick === 1 ? this.int(5) : 1,
      proc: pick === 2 ? this.int(100000) - 50000 : this.procs[this.int(this.procs.length)],
      type: pick === 3 ? this.int(8) : MessageType.CALL,
      status: pick === 4 ? this.int(4) : MessageStatus.OK,
    });
    return encodeMessage(h, this.bytes(this.int(128)));
  }

  /** A well-formed read-only call with its bytes mutated; the length word stays true unless the mutation cuts the frame. */
  mutatedCall(): FuzzedWrite {
    const base = Buffer.from(this.valid[this.int(this.valid.length)]);
    base.writeUInt32BE(this.serial++, 20);
    let body = base.subarray(4);
    switch (this.int(4)) {
      case 0: // flip bits
        for (let k = 1 + this.int(4); k > 0; k--) body[this.int(body.length)] ^= 1 << this.int(8);
        break;
      case 1: // drop bytes from the body
        body = Buffer.concat([body.subarray(0, 24), body.subarray(24 + this.int(Math.max(1, body.length - 24)))]);
        break;
      case 2: // add bytes
        body = Buffer.concat([body, this.bytes(1 + this.int(64))]);
        break;
      default: { // a huge count or length in the first body word
        const word = Buffer.alloc(4);
        word.writeUInt32BE([0xffffffff, 0x7fffffff, MESSAGE_MAX, 16385, 4194305][this.int(5)]);
        body = Buffer.concat([body.subarray(0, 24), word, body.subarray(28)]);
      }
    }
    const len = Buffer.alloc(4);
    len.writeUInt32BE(4 + body.length);
    return { bytes: Buffer.concat([len, body]), mayClose: false };
  }

  /** A keepalive frame of any procedure, type and status. */
  keepalive(): Buffer {
    return encodeMessage({ prog: KEEPALIVE_PROGRAM, vers: this.int(3), proc: this.int(5), type: this.int(8), serial: this.serial++, status: this.int(3) }, this.bytes(this.int(16)));
  }

  /** A length word that lies (too small, too large, or longer than what follows), or raw garbage: the daemon may close. */
  brokenStream(): Buffer {
    const word = Buffer.alloc(4);
    switch (this.int(3)) {
      case 0:
        word.writeUInt32BE(this.int(28));
        return word;
      case 1:
        word.writeUInt32BE(MESSAGE_MAX + 1 + this.int(0x7fffffff));
        return word;
      default:
        return this.bytes(1 + this.int(200));
    }
  }

  /**
   * One write, mostly frames the daemon answers, sometimes a stream it may
   * close. Mutated calls only when `readonly` (the connection refuses writes).
   */
  next(readonly: boolean): FuzzedWrite {
    const k = this.int(20);
    if (k < 9 || (k < 16 && !readonly)) return { bytes: this.randomCall(), mayClose: false };
    if (k < 16) return this.mutatedCall();
    if (k < 19) return { bytes: this.keepalive(), mayClose: false };
    return { bytes: this.brokenStream(), mayClose: true };
  }
}
