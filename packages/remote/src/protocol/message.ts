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
 * Splits a byte stream into frames. The length word is checked as soon as it
 * arrives, before any of the body is buffered: a length below the header
 * size or above MESSAGE_MAX is a protocol error and the stream is unusable.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = 0;

  constructor(private readonly maxMessage = MESSAGE_MAX) {}

  /** Feeds bytes; returns the complete frames. Throws on a bad length word. */
  push(chunk: Buffer): Message[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: Message[] = [];
    for (;;) {
      if (this.expected === 0) {
        if (this.buffered < MESSAGE_LEN_MAX) break;
        const len = this.peekLength();
        if (len < MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX) throw xdrError(`packet ${len} bytes received is too small, want at least ${MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX}`);
        if (len > this.maxMessage) throw xdrError(`packet ${len} bytes received is too large, want at most ${this.maxMessage}`);
        this.expected = len;
      }
      if (this.buffered < this.expected) break;
      const frame = this.take(this.expected);
      this.expected = 0;
      out.push(decodeFrame(frame));
    }
    return out;
  }

  private peekLength(): number {
    const head = this.chunks[0].length >= 4 ? this.chunks[0] : Buffer.concat(this.chunks);
    return head.readUInt32BE(0);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const frame = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return frame;
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
