import type { Duplex } from 'node:stream';
import { ErrorCode, ErrorDomain, toVirtError, type StreamChunk, type VirtError } from '@virtkit/core';
import { rpcFail } from '../errors.js';
import type { Message } from '../protocol/message.js';
import { ChunkQueue, chunkFrames, decodeStreamFrame, eofFrame, errorFrame, finishFrame, type StreamId } from '../protocol/stream.js';

/** What the streams need of the client they run on. */
export interface StreamTransport {
  write(frame: Buffer): void;
  /** Settles when the socket can take more (its send buffer drained). */
  writable(): Promise<void>;
  /** Upload queues filled up (true) or emptied again (false): the socket should stop or go on reading. */
  pressureChanged(): void;
}

const aborted = () => rpcFail(ErrorCode.OPERATION_ABORTED, 'stream aborted by the client');

interface Incoming { id: StreamId; queue: ChunkQueue; finishRequested: Promise<void>; requestFinish(): void }
interface Outgoing { id: StreamId; aborted: boolean }
/** A stream both ways (a console): the driver's Duplex, fed by the client's frames, read into frames to the client. */
interface Both { id: StreamId; device: Duplex; done: boolean }

/**
 * The streams of one daemon client (libvirtd's daemonStream): uploads,
 * whose frames feed a ChunkQueue a driver consumes, and downloads, whose
 * chunks a driver produces and the client reads. Frames of a serial no
 * stream has (any more) are dropped, as libvirtd does once a stream failed.
 */
export class ServerStreams {
  private readonly incoming = new Map<number, Incoming>();
  private readonly outgoing = new Map<number, Outgoing>();
  private readonly both = new Map<number, Both>();
  private readonly pressed = new Set<number>();
  private closed = false;

  constructor(private readonly transport: StreamTransport) {}

  /** True while an upload has more chunks waiting than its consumer takes. */
  get pressured(): boolean {
    return this.pressed.size > 0;
  }

  /**
   * An upload: `consume` gets the chunks. Resolves once it asks for the
   * first one (the call's REPLY may go out), rejects when it fails before
   * that (the REPLY is an error). Afterwards the client's finish is
   * answered with STREAM OK once `consume` is done; a failure of `consume`
   * with STREAM ERROR at once.
   */
  async receive(id: StreamId, consume: (chunks: AsyncIterable<StreamChunk>) => Promise<void>): Promise<void> {
    const queue = new ChunkQueue((on) => {
      if (on) this.pressed.add(id.serial);
      else this.pressed.delete(id.serial);
      this.transport.pressureChanged();
    });
    let requestFinish!: () => void;
    const finishRequested = new Promise<void>((r) => { requestFinish = r; });
    const entry: Incoming = { id, queue, finishRequested, requestFinish };
    this.incoming.set(id.serial, entry);
    const done = consume(queue);
    const forget = () => {
      if (this.incoming.get(id.serial) === entry) this.incoming.delete(id.serial);
      if (this.pressed.delete(id.serial)) this.transport.pressureChanged();
    };
    try {
      await Promise.race([queue.started, done]);
    } catch (e) {
      forget();
      throw e;
    }
    // On a later tick: the REPLY is written first.
    void done.then(
      () => entry.finishRequested.then(() => setImmediate(() => { forget(); if (!this.closed) this.transport.write(finishFrame(id)); })),
      (e: unknown) => setImmediate(() => {
        forget();
        if (!this.closed) this.transport.write(errorFrame(id, toVirtError(e, ErrorDomain.STORAGE)));
      }),
    );
  }

  /** A download: `chunks` go to the client after the REPLY, then EOF; the client's finish is answered. */
  send(id: StreamId, chunks: AsyncIterable<StreamChunk>): void {
    const entry: Outgoing = { id, aborted: false };
    this.outgoing.set(id.serial, entry);
    setImmediate(() => void this.pipe(entry, chunks));
  }

  private async pipe(entry: Outgoing, chunks: AsyncIterable<StreamChunk>): Promise<void> {
    try {
      for await (const chunk of chunks) {
        if (entry.aborted || this.closed) return;
        for (const f of chunkFrames(entry.id, chunk)) {
          this.transport.write(f);
          await this.transport.writable();
        }
      }
      if (!entry.aborted && !this.closed) this.transport.write(eofFrame(entry.id));
    } catch (e) {
      this.outgoing.delete(entry.id.serial);
      if (!entry.aborted && !this.closed) this.transport.write(errorFrame(entry.id, toVirtError(e, ErrorDomain.STORAGE)));
    }
  }

  /**
   * A console (libvirtd's stream on a chardev): after the REPLY, what
   * `device` gives goes to the client as data frames, paced by the socket,
   * and its end as EOF; the client's data is written to `device`, which
   * holds the socket's reading back while it cannot take more. The
   * client's finish ends `device` and is answered; its abort, or the
   * client going away, destroys it. An error of `device` goes to the
   * client as STREAM ERROR.
   */
  duplex(id: StreamId, device: Duplex): void {
    const entry: Both = { id, device, done: false };
    this.both.set(id.serial, entry);
    const forget = () => {
      entry.done = true;
      if (this.both.get(id.serial) === entry) this.both.delete(id.serial);
      if (this.pressed.delete(id.serial)) this.transport.pressureChanged();
    };
    device.on('error', (e: unknown) => {
      if (entry.done) return;
      forget();
      if (!this.closed) this.transport.write(errorFrame(id, toVirtError(e, ErrorDomain.DOMAIN)));
    });
    setImmediate(() => void (async () => {
      try {
        for await (const data of device) {
          if (entry.done || this.closed) return;
          for (const f of chunkFrames(id, { kind: 'data', data: data as Uint8Array })) {
            this.transport.write(f);
            await this.transport.writable();
          }
        }
        if (!entry.done && !this.closed) this.transport.write(eofFrame(id));
      } catch {
        // The error listener above answered.
      }
    })());
  }

  private onBothFrame(entry: Both, m: Message): void {
    let event;
    try {
      event = decodeStreamFrame(m, aborted);
    } catch (e) {
      entry.device.destroy(toVirtError(e));
      return;
    }
    const { id, device } = entry;
    if (event.kind === 'chunk') {
      if (event.chunk.kind === 'hole') return;
      if (!device.write(event.chunk.data)) {
        this.pressed.add(id.serial);
        this.transport.pressureChanged();
        device.once('drain', () => { if (this.pressed.delete(id.serial)) this.transport.pressureChanged(); });
      }
      return;
    }
    if (event.kind === 'eof') return;
    entry.done = true;
    this.both.delete(id.serial);
    if (this.pressed.delete(id.serial)) this.transport.pressureChanged();
    if (event.kind === 'finish') {
      device.end();
      device.destroy();
      this.transport.write(finishFrame(id));
    } else device.destroy();
  }

  /** A STREAM or STREAM_HOLE frame from the client. */
  onFrame(m: Message): void {
    const serial = m.header.serial;
    const both = this.both.get(serial);
    if (both) {
      this.onBothFrame(both, m);
      return;
    }
    const up = this.incoming.get(serial);
    const down = this.outgoing.get(serial);
    if (!up && !down) return;
    let event;
    try {
      event = decodeStreamFrame(m, aborted);
    } catch (e) {
      up?.queue.fail(toVirtError(e));
      if (down) down.aborted = true;
      return;
    }
    if (up) {
      if (event.kind === 'chunk') up.queue.push(event.chunk);
      else if (event.kind === 'eof') up.queue.end();
      else if (event.kind === 'finish') {
        up.queue.end();
        up.requestFinish();
      } else up.queue.fail(event.error);
      return;
    }
    // A download's client sends only its finish (answered) or an abort.
    if (event.kind === 'chunk' || event.kind === 'eof') return;
    this.outgoing.delete(serial);
    if (event.kind === 'finish') this.transport.write(finishFrame(down!.id));
    else down!.aborted = true;
  }

  /** The client went away: uploads fail, downloads stop. */
  close(error: VirtError = rpcFail(ErrorCode.OPERATION_ABORTED, 'the client closed the connection')): void {
    this.closed = true;
    for (const { queue } of this.incoming.values()) queue.fail(error);
    for (const d of this.outgoing.values()) d.aborted = true;
    for (const b of this.both.values()) {
      b.done = true;
      b.device.destroy();
    }
    this.both.clear();
    this.incoming.clear();
    this.outgoing.clear();
    this.pressed.clear();
  }
}
