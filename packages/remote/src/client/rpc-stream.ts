import { Duplex } from 'node:stream';
import { ErrorCode, toVirtError, type DomainRef, type ScreenshotStream, type StreamChunk, type VirtError } from '@virtkit/core';
import { rpcFail } from '../errors.js';
import type { Message } from '../protocol/message.js';
import type { ProcArgs } from '../protocol/procedures.js';
import { ChunkQueue, chunkFrames, decodeStreamFrame, errorFrame, finishFrame, type StreamId } from '../protocol/stream.js';
import type { RpcClient, StreamListener } from './rpc-client.js';

const unexpectedAbort = () => rpcFail(ErrorCode.RPC, 'stream error without an error');

/**
 * The client's end of one stream (libvirt's virNetClientStream). The
 * server's frames feed a ChunkQueue (a download's data, up to its EOF);
 * its STREAM OK answers this side's finish; its STREAM ERROR fails both.
 */
export class ClientStream implements StreamListener {
  readonly queue: ChunkQueue;
  private ackWaiter: { resolve(): void; reject(e: VirtError): void } | undefined;
  private failure: VirtError | undefined;
  private ended = false;
  id: StreamId | undefined;

  constructor(private readonly rpc: RpcClient) {
    this.queue = new ChunkQueue((on) => rpc.setReading(!on));
  }

  frame(m: Message): void {
    let event;
    try {
      event = decodeStreamFrame(m, unexpectedAbort);
    } catch (e) {
      this.closed(e as VirtError);
      return;
    }
    if (event.kind === 'chunk') this.queue.push(event.chunk);
    else if (event.kind === 'error') this.closed(event.error);
    else if (event.kind === 'eof') this.queue.end();
    else if (this.ackWaiter) {
      this.ackWaiter.resolve();
      this.ackWaiter = undefined;
    } else this.closed(rpcFail(ErrorCode.RPC, 'stream finish confirmation without a finish'));
  }

  closed(error: VirtError): void {
    this.failure ??= error;
    this.queue.fail(error);
    this.ackWaiter?.reject(error);
    this.ackWaiter = undefined;
    this.rpc.setReading(true);
  }

  /** Throws the server's error, if it sent one. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Sends this side's end and waits for the server's answer (virStreamFinish). */
  async finish(): Promise<void> {
    this.check();
    const acked = new Promise<void>((resolve, reject) => { this.ackWaiter = { resolve, reject }; });
    await this.rpc.sendStreamFrame(finishFrame(this.id!));
    try {
      await acked;
    } finally {
      this.done();
    }
  }

  /** Tells the server this side gives up (virStreamAbort). */
  async abort(): Promise<void> {
    if (this.ended) return;
    this.done();
    if (!this.failure) await this.rpc.sendStreamFrame(errorFrame(this.id!)).catch(() => {});
  }

  private done(): void {
    this.ended = true;
    this.rpc.endStream(this.id!.serial);
    this.rpc.setReading(true);
  }
}

/** virStorageVolUpload over the wire: the call, then `data` as stream frames, then the finish. */
export async function uploadStream(rpc: RpcClient, args: ProcArgs<'STORAGE_VOL_UPLOAD'>, data: AsyncIterable<StreamChunk>): Promise<void> {
  const stream = new ClientStream(rpc);
  stream.id = await rpc.callWithStream('STORAGE_VOL_UPLOAD', args, stream);
  try {
    for await (const chunk of data) {
      stream.check();
      for (const f of chunkFrames(stream.id, chunk)) await rpc.sendStreamFrame(f);
    }
  } catch (e) {
    await stream.abort();
    throw e;
  }
  await stream.finish();
}

/** The server's chunks up to its EOF, then the finish; a consumer that stops early aborts. */
async function* receive(stream: ClientStream): AsyncGenerator<StreamChunk> {
  let complete = false;
  try {
    yield* stream.queue;
    complete = true;
  } finally {
    if (complete) await stream.finish();
    else await stream.abort();
  }
}

/** virStorageVolDownload over the wire: the call, then the server's chunks; the finish once they end. */
export async function downloadStream(rpc: RpcClient, args: ProcArgs<'STORAGE_VOL_DOWNLOAD'>): Promise<AsyncIterable<StreamChunk>> {
  const stream = new ClientStream(rpc);
  stream.id = await rpc.callWithStream('STORAGE_VOL_DOWNLOAD', args, stream);
  return receive(stream);
}

/** virDomainScreenshot over the wire: the MIME type from the reply, the image as the stream's data. */
export async function screenshotStream(rpc: RpcClient, args: ProcArgs<'DOMAIN_SCREENSHOT'>): Promise<ScreenshotStream> {
  const stream = new ClientStream(rpc);
  const { id, ret } = await rpc.callWithStreamReply('DOMAIN_SCREENSHOT', args, stream);
  stream.id = id;
  return {
    mime: ret.mime ?? '',
    data: (async function* () {
      for await (const chunk of receive(stream)) if (chunk.kind === 'data') yield chunk.data;
    })(),
  };
}

/**
 * virDomainOpenConsole over the wire, as a Duplex: the server's data frames
 * are its readable side (paced by the consumer: a full queue stops the
 * socket's reading), writes become data frames (each write waits for the
 * socket to drain). Ending the writable side is virStreamFinish; the
 * server's EOF (the console closed) ends the readable side and finishes
 * the stream; destroying it is virStreamAbort; the server's STREAM ERROR
 * destroys it with that error.
 */
export async function consoleStream(rpc: RpcClient, dom: DomainRef, devName: string | undefined, flags: number): Promise<Duplex> {
  const stream = new ClientStream(rpc);
  stream.id = await rpc.callWithStream('DOMAIN_OPEN_CONSOLE', { dom, dev_name: devName, flags }, stream);
  let finishing: Promise<void> | undefined;
  let closed = false;
  const finish = () => (finishing ??= stream.finish().finally(() => { closed = true; stream.queue.end(); }));
  let wantRead: (() => void) | undefined;
  const duplex = new Duplex({
    read() {
      const w = wantRead;
      wantRead = undefined;
      w?.();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (closed || finishing) {
        callback(rpcFail(ErrorCode.RPC, 'the console stream is closed'));
        return;
      }
      void (async () => {
        stream.check();
        for (const f of chunkFrames(stream.id!, { kind: 'data', data: chunk })) await rpc.sendStreamFrame(f);
      })().then(() => callback(), (e: unknown) => callback(toVirtError(e)));
    },
    final(callback) {
      finish().then(() => callback(), (e: unknown) => callback(toVirtError(e)));
    },
    destroy(error, callback) {
      if (closed || finishing) {
        callback(error);
        return;
      }
      closed = true;
      stream.queue.end();
      stream.abort().finally(() => callback(error));
    },
  });
  void (async () => {
    try {
      for await (const chunk of stream.queue) {
        if (chunk.kind !== 'data') continue;
        if (!duplex.push(chunk.data)) await new Promise<void>((r) => { wantRead = r; });
      }
      if (duplex.destroyed) return;
      duplex.push(null);
      if (!closed) {
        await finish();
        duplex.end();
      }
    } catch (e) {
      duplex.destroy(toVirtError(e));
    }
  })();
  return duplex;
}
