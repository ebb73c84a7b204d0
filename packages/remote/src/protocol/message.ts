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
 * Splits a byte stream into frames. The length word is checked as soon as it
 * arrives, before any of the body is buffered: a length below the header
 * size or above MESSAGE_MAX is a protocol error and the stream is unusable.
 * A frame is read into one buffer of exactly its length, allocated once the
 * length is admitted, so a frame never costs more than its size.
 */
export class FrameDecoder {
  /** Bytes received and not yet copied into a frame; at most what one socket read brought past the frame. */
  private loose: Buffer[] = [];
  private looseBytes = 0;
  private frame: Buffer | undefined;
  private filled = 0;

  constructor(private readonly maxMessage = MESSAGE_MAX, private readonly admit: FrameAdmission = () => true) {}

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
      const len = this.peekLength();
      if (len < MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX) throw xdrError(`packet ${len} bytes received is too small, want at least ${MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX}`);
      if (len > this.maxMessage) throw xdrError(`packet ${len} bytes received is too large, want at most ${this.maxMessage}`);
      if (!this.admit(len)) return undefined;
      this.frame = Buffer.allocUnsafe(len);
      this.filled = 0;
    }
    const frame = this.frame;
    while (this.filled < frame.length && this.loose.length > 0) {
      const c = this.loose[0];
      const n = Math.min(c.length, frame.length - this.filled);
      c.copy(frame, this.filled, 0, n);
      this.filled += n;
      this.looseBytes -= n;
      if (n === c.length) this.loose.shift();
      else this.loose[0] = c.subarray(n);
    }
    if (this.filled < frame.length) return undefined;
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

  private peekLength(): number {
    const first = this.loose[0];
    if (first.length >= MESSAGE_LEN_MAX) return first.readUInt32BE(0);
    const head = Buffer.concat(this.loose, MESSAGE_LEN_MAX);
    return head.readUInt32BE(0);
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
