import { MESSAGE_HEADER_MAX, MESSAGE_LEN_MAX, MESSAGE_MAX, MessageStatus, MessageType } from './constants.js';
import { xdrError } from '../xdr/xdr.js';

/** virNetMessageHeader: six 32-bit XDR words after the length word. */
export interface MessageHeader {
  prog: number;
  vers: number;
  proc: number;
  type: MessageType;
  /** Echoed by replies; 0 for MESSAGE frames. */
  serial: number;
  status: MessageStatus;
}

export interface Message {
  header: MessageHeader;
  body: Buffer;
}

/** Encodes one frame: length (including itself), header, body. */
export function encodeMessage(header: MessageHeader, body: Uint8Array = Buffer.alloc(0)): Buffer {
  const total = MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX + body.length;
  if (total > MESSAGE_MAX) throw xdrError(`message of ${total} bytes is larger than the limit of ${MESSAGE_MAX}`);
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(header.prog >>> 0, 4);
  out.writeUInt32BE(header.vers >>> 0, 8);
  out.writeInt32BE(header.proc | 0, 12);
  out.writeInt32BE(header.type | 0, 16);
  out.writeUInt32BE(header.serial >>> 0, 20);
  out.writeInt32BE(header.status | 0, 24);
  out.set(body, 28);
  return out;
}

/**
 * Whether the frame announced by a length word may be read now. `true`: the
 * decoder allocates the frame and reads it; `false`: the decoder stops before
 * the frame and asks again on the next call to next() (the caller pauses its
 * socket meanwhile). The caller charges the length to its budget when it says
 * yes and releases it when it is done with the message.
 */
export type FrameAdmission = (length: number) => boolean;

/**
 * Whether a large frame's body is needed, asked once the frame is admitted
 * and its header and first SCREEN_PREFIX bytes are in: `false` (the frame
 * will be refused whatever the rest says) drops the rest of the body as it
 * arrives, and the message carries only the prefix, so the caller holds
 * SCREEN_PREFIX bytes of the `length` it admitted. Nothing beyond the prefix
 * is allocated for such a frame.
 */
export type FrameScreen = (header: MessageHeader, prefix: Buffer, length: number) => boolean;

/** Bytes of a frame (length word and header included) a screen sees; longer frames are screened. */
export const SCREEN_PREFIX = 65536;

/**
 * Splits a byte stream into frames. The length word is checked as soon as it
 * arrives, before any of the body is buffered: a length below the header
 * size or above MESSAGE_MAX is a protocol error and the stream is unusable.
 * A frame is read into one buffer of exactly its length, allocated once the
 * length is admitted, so a frame never costs more than its size. With a
 * screen, a frame longer than SCREEN_PREFIX is allocated whole only when the
 * screen wants its body; otherwise only the prefix is.
 */
export class FrameDecoder {
  /** Bytes received and not yet copied into a frame; at most what one socket read brought past the frame. */
  private loose: Buffer[] = [];
  private looseBytes = 0;
  private frame: Buffer | undefined;
  private filled = 0;
  /** Bytes of the current frame still to be dropped after `frame` (its screened prefix) is filled. */
  private dropping = 0;
  /** The frame whose length word is first in `loose` was admitted; its screen waits for the prefix. */
  private admitted = false;

  constructor(private readonly maxMessage = MESSAGE_MAX, private readonly admit: FrameAdmission = () => true, private readonly screen?: FrameScreen) {}

  /** Feeds bytes; returns the complete frames. Throws on a bad length word. */
  push(chunk: Buffer): Message[] {
    this.append(chunk);
    const out: Message[] = [];
    for (let m = this.next(); m; m = this.next()) out.push(m);
    return out;
  }

  /** Feeds bytes without decoding them. */
  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.loose.push(chunk);
    this.looseBytes += chunk.length;
  }

  /**
   * The next complete frame, or undefined when more bytes are needed or the
   * admission refused the next frame's length. Throws on a bad length word.
   */
  next(): Message | undefined {
    if (!this.frame) {
      if (this.looseBytes < MESSAGE_LEN_MAX) return undefined;
      const len = this.peek(MESSAGE_LEN_MAX).readUInt32BE(0);
      if (len < MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX) throw xdrError(`packet ${len} bytes received is too small, want at least ${MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX}`);
      if (len > this.maxMessage) throw xdrError(`packet ${len} bytes received is too large, want at most ${this.maxMessage}`);
      if (!this.admitted) {
        if (!this.admit(len)) return undefined;
        this.admitted = true;
      }
      let keep = len;
      if (this.screen && len > SCREEN_PREFIX) {
        if (this.looseBytes < SCREEN_PREFIX) return undefined;
        const prefix = decodeFrame(this.peek(SCREEN_PREFIX));
        if (!this.screen(prefix.header, prefix.body, len)) keep = SCREEN_PREFIX;
      }
      this.admitted = false;
      this.frame = Buffer.allocUnsafe(keep);
      this.filled = 0;
      this.dropping = len - keep;
    }
    const frame = this.frame;
    while ((this.filled < frame.length || this.dropping > 0) && this.loose.length > 0) {
      const c = this.loose[0];
      const copying = this.filled < frame.length;
      const n = Math.min(c.length, copying ? frame.length - this.filled : this.dropping);
      if (copying) {
        c.copy(frame, this.filled, 0, n);
        this.filled += n;
      } else {
        this.dropping -= n;
      }
      this.looseBytes -= n;
      if (n === c.length) this.loose.shift();
      else this.loose[0] = c.subarray(n);
    }
    if (this.filled < frame.length || this.dropping > 0) return undefined;
    this.frame = undefined;
    this.filled = 0;
    return decodeFrame(frame);
  }

  /** Whether part of a frame has arrived (its length word or more) but not all of it. */
  get partial(): boolean {
    return this.frame !== undefined || this.looseBytes > 0;
  }

  /** Bytes held that belong to no returned frame yet. */
  get buffered(): number {
    return this.looseBytes + this.filled;
  }

  /** The first `n` loose bytes, copied only when they span chunks. */
  private peek(n: number): Buffer {
    const first = this.loose[0];
    if (first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.loose, n);
  }
}

function decodeFrame(frame: Buffer): Message {
  const header: MessageHeader = {
    prog: frame.readUInt32BE(4),
    vers: frame.readUInt32BE(8),
    proc: frame.readInt32BE(12),
    type: frame.readInt32BE(16),
    serial: frame.readUInt32BE(20),
    status: frame.readInt32BE(24),
  };
  return { header, body: frame.subarray(28) };
}
