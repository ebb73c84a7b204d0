import type { Duplex } from 'node:stream';
import { ErrorCode, type StreamChunk, type VirtError } from '@virtkit/core';
import { rpcFail } from '../errors.js';
import { type Codec, decodeWith, encodeWith, xdrMap } from '../xdr/codec.js';
import { virNetStreamHole } from './generated/virnet.js';
import { hyperToNumber, numberToHyper } from './wire-values.js';
import { MessageStatus, MessageType, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION } from './constants.js';
import { remoteError } from './error.js';
import { encodeMessage, type Message } from './message.js';

/*
 * libvirt's stream protocol (virnetprotocol.x). A call such as
 * STORAGE_VOL_UPLOAD or STORAGE_VOL_DOWNLOAD is answered by an ordinary
 * REPLY; then STREAM frames with the call's procedure and serial carry the
 * data: status CONTINUE with raw bytes, STREAM_HOLE frames (status
 * CONTINUE) with a virNetStreamHole for a run of zeros not sent (sparse
 * streams only). A CONTINUE frame without a body is the end of the data (a
 * server's EOF on a download). The client ends every stream with
 * virStreamFinish: a STREAM frame with status OK and no body, which the
 * server answers with its own STREAM OK once everything is written, or
 * STREAM ERROR with a remote_error. A client aborts with STREAM ERROR and
 * no body. libvirt's client treats a STREAM OK it did not ask for as a
 * protocol error and drops the connection.
 */

/** The most data one STREAM frame carries (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX: 256 KiB less the header). */
export const STREAM_DATA_MAX = 262120;

/** virNetStreamHole: a hole's length (a signed hyper on the wire, a number here) and flags (0). */
export const streamHole: Codec<{ length: number; flags: number }> = xdrMap(
  virNetStreamHole,
  (h) => ({ length: hyperToNumber(h.length), flags: h.flags }),
  (h) => ({ length: numberToHyper(h.length), flags: h.flags }),
);

/** Who a stream belongs to: the call's procedure and serial. */
export interface StreamId {
  proc: number;
  serial: number;
}

function frame(id: StreamId, type: MessageType, status: MessageStatus, body?: Uint8Array): Buffer {
  return encodeMessage({ prog: REMOTE_PROGRAM, vers: REMOTE_PROTOCOL_VERSION, proc: id.proc, type, serial: id.serial, status }, body);
}

/** The frames of one chunk: data split at STREAM_DATA_MAX (none for no data: an empty frame is EOF), or one hole frame. */
export function chunkFrames(id: StreamId, chunk: StreamChunk): Buffer[] {
  if (chunk.kind === 'hole') return [frame(id, MessageType.STREAM_HOLE, MessageStatus.CONTINUE, encodeWith(streamHole, { length: chunk.length, flags: 0 }))];
  const out: Buffer[] = [];
  for (let i = 0; i < chunk.data.length; i += STREAM_DATA_MAX) {
    out.push(frame(id, MessageType.STREAM, MessageStatus.CONTINUE, chunk.data.subarray(i, i + STREAM_DATA_MAX)));
  }
  return out;
}

/** The end of the data (status CONTINUE, no body): a download's last frame from the server. */
export function eofFrame(id: StreamId): Buffer {
  return frame(id, MessageType.STREAM, MessageStatus.CONTINUE);
}

/** virStreamFinish (status OK, no body): the client's last frame, and the server's answer to it. */
export function finishFrame(id: StreamId): Buffer {
  return frame(id, MessageType.STREAM, MessageStatus.OK);
}

/** A stream error: the server's with a remote_error, a client's abort without one. */
export function errorFrame(id: StreamId, error?: VirtError): Buffer {
  return frame(id, MessageType.STREAM, MessageStatus.ERROR, error ? encodeWith(remoteError, error) : undefined);
}

/** True for frames that belong to a stream rather than to a call. */
export function isStreamFrame(m: Message): boolean {
  return m.header.type === MessageType.STREAM || m.header.type === MessageType.STREAM_HOLE;
}

/** What one incoming stream frame means: data, the end of the data, a finish, an error. */
export type StreamEvent = { kind: 'chunk'; chunk: StreamChunk } | { kind: 'eof' } | { kind: 'finish' } | { kind: 'error'; error: VirtError };

/** Decodes an incoming stream frame; `aborted` words a bodiless ERROR (a client's abort). */
export function decodeStreamFrame({ header, body }: Message, aborted: () => VirtError): StreamEvent {
  if (header.status === MessageStatus.CONTINUE) {
    if (header.type === MessageType.STREAM_HOLE) {
      const hole = decodeWith(streamHole, body, 'stream hole');
      if (hole.length < 0) throw rpcFail(ErrorCode.RPC, `stream hole of negative length ${hole.length}`);
      return { kind: 'chunk', chunk: { kind: 'hole', length: hole.length } };
    }
    return body.length === 0 ? { kind: 'eof' } : { kind: 'chunk', chunk: { kind: 'data', data: body } };
  }
  if (header.status === MessageStatus.OK) return { kind: 'finish' };
  if (header.status === MessageStatus.ERROR) return { kind: 'error', error: body.length > 0 ? decodeWith(remoteError, body, 'stream error') : aborted() };
  throw rpcFail(ErrorCode.RPC, `unexpected stream status ${header.status}`);
}

/**
 * The chunks of an incoming stream as an async iterable, fed frame by frame
 * from a socket. `onPressure(true)` asks the feeder to stop reading when
 * more than `highWater` chunks wait, `onPressure(false)` to go on once the
 * consumer has taken them. An error ends the iteration with that error.
 */
export class ChunkQueue implements AsyncIterable<StreamChunk> {
  private readonly items: StreamChunk[] = [];
  private done = false;
  private failure: VirtError | undefined;
  private waiter: (() => void) | undefined;
  private pressured = false;
  private pulled = false;
  private readonly firstPull: Promise<void>;
  private resolveFirstPull!: () => void;

  constructor(private readonly onPressure: (on: boolean) => void = () => {}, private readonly highWater = 16) {
    this.firstPull = new Promise((r) => { this.resolveFirstPull = r; });
  }

  /** Settles when the consumer first asks for a chunk (it is ready for data). */
  get started(): Promise<void> {
    return this.firstPull;
  }

  get ended(): boolean {
    return this.done || this.failure !== undefined;
  }

  push(chunk: StreamChunk): void {
    if (this.ended) return;
    this.items.push(chunk);
    if (!this.pressured && this.items.length > this.highWater) {
      this.pressured = true;
      this.onPressure(true);
    }
    this.wake();
  }

  end(): void {
    this.done = true;
    this.wake();
  }

  fail(error: VirtError): void {
    if (this.ended) return;
    this.failure = error;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StreamChunk> {
    if (!this.pulled) {
      this.pulled = true;
      this.resolveFirstPull();
    }
    for (;;) {
      if (this.items.length > 0) {
        const chunk = this.items.shift()!;
        if (this.pressured && this.items.length <= this.highWater / 2) {
          this.pressured = false;
          this.onPressure(false);
        }
        yield chunk;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.done) return;
      await new Promise<void>((r) => { this.waiter = r; });
    }
  }
}

/** Settles when `socket`'s send buffer has drained, or when it closed (a writer of stream frames waits for it). */
export function drained(socket: Duplex): Promise<void> {
  if (!socket.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
