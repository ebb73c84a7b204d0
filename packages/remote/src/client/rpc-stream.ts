import { ErrorCode, type StreamChunk, type VirtError } from '@virtkit/core';
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
class ClientStream implements StreamListener {
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

/** virStorageVolDownload over the wire: the call, then the server's chunks; the finish once they end. */
export async function downloadStream(rpc: RpcClient, args: ProcArgs<'STORAGE_VOL_DOWNLOAD'>): Promise<AsyncIterable<StreamChunk>> {
  const stream = new ClientStream(rpc);
  stream.id = await rpc.callWithStream('STORAGE_VOL_DOWNLOAD', args, stream);
  return (async function* () {
    let complete = false;
    try {
      yield* stream.queue;
      complete = true;
    } finally {
      if (complete) await stream.finish();
      else await stream.abort();
    }
  })();
}
