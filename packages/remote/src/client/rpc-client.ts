import net from 'node:net';
import type { Duplex } from 'node:stream';
import { ConnectCloseReason, ErrorCode, ErrorDomain, ErrorLevel, VirtError, type ConnectionCloseEvent, type Logger } from '@virtkit/core';
import { rpcFail } from '../errors.js';
import { KEEPALIVE_PROGRAM, KeepaliveProc, MessageStatus, MessageType, QEMU_PROGRAM, QEMU_PROTOCOL_VERSION, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION } from '../protocol/constants.js';
import { QemuProcedures } from '../protocol/generated/qemu.js';
import { remoteError } from '../protocol/error.js';
import { DEFAULT_KEEPALIVE, Keepalive, PONG_FRAME, type KeepaliveOptions } from '../protocol/keepalive.js';
import { encodeMessage, FrameDecoder, type Message } from '../protocol/message.js';
import { Proc, type ProcArgs, type ProcName, type ProcRet } from '../protocol/procedures.js';
import { drained, type StreamId } from '../protocol/stream.js';
import { SshStream, type SshCommand } from '../transport/ssh.js';
import { connectTls, type TlsEndpoint } from '../transport/tls.js';
import { decodeWith, encodeWith, type Codec } from '../xdr/codec.js';

/**
 * As libvirt's client (virNetClientProgramDispatchError): a server's RPC
 * error "unknown procedure …" of the RPC or REMOTE domain means the server
 * lacks the call, so it is NO_SUPPORT, which callers fall back on; the rest
 * of the error stays as it came.
 */
function unknownProcedureAsNoSupport(e: VirtError): VirtError {
  if ((e.domain !== ErrorDomain.RPC && e.domain !== ErrorDomain.REMOTE) || e.code !== ErrorCode.RPC || e.level !== ErrorLevel.ERROR || !e.message.startsWith('unknown procedure')) return e;
  return new VirtError({ code: ErrorCode.NO_SUPPORT, domain: e.domain, message: e.message, level: e.level, details: e.details });
}

/** A call on a connection that was closed on purpose. */
const closedError = () => rpcFail(ErrorCode.INVALID_CONN, 'a closed connection');

/**
 * A unix socket, a TCP address, a TLS server (mutual TLS, libvirt's PKI), or
 * an ssh command whose stdio reaches the far daemon's socket.
 */
export type RpcEndpoint = { path: string } | { host: string; port: number } | { tls: TlsEndpoint } | { ssh: SshCommand };

/** libvirt's message when the transport ends, with what the transport said (ssh's stderr) when it said anything. */
function endOfFile(detail: string | undefined): VirtError {
  return rpcFail(ErrorCode.SYSTEM_ERROR, `End of file while reading data${detail ? `: ${detail}` : ''}: Input/output error`);
}

export interface RpcClientOptions {
  keepalive?: KeepaliveOptions;
  /** Milliseconds a call may wait for its reply. Default 300000. */
  callTimeoutMs?: number;
  /** Milliseconds to establish the socket. Default 10000. */
  connectTimeoutMs?: number;
  /** Told about event messages that could not be decoded. */
  onEventError?: (e: Error) => void;
  /** Told about transport problems that do not fail the call, such as a certificate accepted with no_verify=1. */
  logger?: Logger;
}

/** Where a stream's frames go (see callWithStream). */
export interface StreamListener {
  frame(m: Message): void;
  closed(error: VirtError): void;
}

interface Pending {
  name: string;
  resolve(body: Buffer): void;
  reject(e: VirtError): void;
  /** performance.now() after which the call fails with OPERATION_TIMEOUT. */
  deadline: number;
}

const REMOTE = { prog: REMOTE_PROGRAM, vers: REMOTE_PROTOCOL_VERSION };
const QEMU = { prog: QEMU_PROGRAM, vers: QEMU_PROTOCOL_VERSION };
type Wire<C> = C extends Codec<infer T> ? T : never;

/** How often the pending calls are checked against their deadlines, at most. */
const SWEEP_MS = 1000;

/**
 * One connection to a libvirt RPC server. Calls may overlap: each gets the
 * next serial and its reply is matched by serial, whatever the order.
 * MESSAGE frames of the REMOTE program are handed to event listeners;
 * keepalive PINGs are answered and, once started, sent.
 */
export class RpcClient {
  private serial = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly decoder = new FrameDecoder();
  /** MESSAGE listeners by program, then procedure. */
  private readonly eventListeners = new Map<number, Map<number, (body: Buffer) => void>>();
  private readonly streams = new Map<number, StreamListener>();
  private readonly keepalive: Keepalive;
  private closedReason: VirtError | undefined;
  private closed = false;
  private closeListener: ((event: ConnectionCloseEvent) => void) | undefined;
  /**
   * One timer per connection fails calls past their deadline (a timer per
   * call costs more than the call on a fast server). It does not keep the
   * process alive: the socket does while calls are pending.
   */
  private readonly sweeper: NodeJS.Timeout;
  private readonly callTimeoutMs: number;

  /** eofDetail: what the transport said before it ended (ssh's stderr), for the end-of-file message. */
  private constructor(private readonly socket: Duplex, private readonly options: RpcClientOptions, eofDetail: () => string | undefined = () => undefined) {
    this.keepalive = new Keepalive(options.keepalive ?? DEFAULT_KEEPALIVE, (f) => this.write(f), () => {
      this.shutdown(rpcFail(ErrorCode.INTERNAL_ERROR, 'connection closed due to keepalive timeout'), ConnectCloseReason.KEEPALIVE);
    });
    this.callTimeoutMs = options.callTimeoutMs ?? 300000;
    this.sweeper = setInterval(() => this.failOverdue(), Math.min(SWEEP_MS, this.callTimeoutMs)).unref();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.shutdown(rpcFail(ErrorCode.SYSTEM_ERROR, `Cannot recv data: ${e.message}`, e), ConnectCloseReason.ERROR));
    socket.on('close', () => this.shutdown(endOfFile(eofDetail()), ConnectCloseReason.EOF));
    // A TLS session arrives paused after reading the server's confirmation byte.
    socket.resume();
  }

  static async connect(endpoint: RpcEndpoint, options: RpcClientOptions = {}): Promise<RpcClient> {
    if ('tls' in endpoint) return new RpcClient(await connectTls(endpoint.tls, options.connectTimeoutMs ?? 10000, options.logger), options);
    if ('ssh' in endpoint) {
      const stream = await SshStream.open(endpoint.ssh);
      return new RpcClient(stream, options, () => stream.stderr());
    }
    const where = 'path' in endpoint ? `socket '${endpoint.path}'` : `${endpoint.host}:${endpoint.port}`;
    return new Promise<RpcClient>((resolve, reject) => {
      const socket = 'path' in endpoint ? net.createConnection(endpoint.path) : net.createConnection(endpoint.port, endpoint.host);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(rpcFail(ErrorCode.OPERATION_TIMEOUT, `connecting to ${where}`));
      }, options.connectTimeoutMs ?? 10000);
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(rpcFail(ErrorCode.SYSTEM_ERROR, `Failed to connect to ${where}: ${e.message}`, e));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(new RpcClient(socket, options));
      });
    });
  }

  /** Calls a REMOTE procedure and decodes its reply. */
  async call<N extends ProcName>(name: N, args: ProcArgs<N>): Promise<ProcRet<N>> {
    const p = Proc[name];
    const body = encodeWith(p.args as never, args as never);
    const reply = await this.callRaw(p.proc, body, name);
    return decodeWith(p.ret as never, reply, `${name} reply`) as ProcRet<N>;
  }

  /** Calls a procedure of the QEMU program (libvirt-qemu.h) and decodes its reply. */
  async callQemu<N extends keyof typeof QemuProcedures>(name: N, args: Wire<(typeof QemuProcedures)[N]['args']>): Promise<Wire<(typeof QemuProcedures)[N]['ret']>> {
    const p = QemuProcedures[name];
    const reply = await this.callRaw(p.proc, encodeWith(p.args as never, args as never), `QEMU ${name}`, this.nextSerial(), QEMU);
    return decodeWith(p.ret as never, reply, `QEMU ${name} reply`);
  }

  /** Sends a CALL frame with an already encoded body; resolves with the reply body. */
  callRaw(proc: number, body: Buffer, name = `procedure ${proc}`, serial = this.nextSerial(), program = REMOTE): Promise<Buffer> {
    if (this.closed) return Promise.reject(this.closedReason ?? closedError());
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(serial, { name, resolve, reject, deadline: performance.now() + this.callTimeoutMs });
      this.write(encodeMessage({ prog: program.prog, vers: program.vers, proc, type: MessageType.CALL, serial, status: MessageStatus.OK }, body));
    });
  }

  private nextSerial(): number {
    const serial = this.serial;
    this.serial = (this.serial + 1) >>> 0;
    return serial;
  }

  /**
   * Calls a procedure that a stream follows (STORAGE_VOL_UPLOAD, _DOWNLOAD):
   * `stream` gets the STREAM and STREAM_HOLE frames of the call's serial,
   * from before the reply on, and `closed` the error when the connection
   * dies. Resolves with the stream's id once the reply is in; a failed call
   * unregisters the stream.
   */
  async callWithStream<N extends ProcName>(name: N, args: ProcArgs<N>, stream: StreamListener): Promise<StreamId> {
    return (await this.callWithStreamReply(name, args, stream)).id;
  }

  /** callWithStream, also giving the call's decoded reply (DOMAIN_SCREENSHOT's MIME type). */
  async callWithStreamReply<N extends ProcName>(name: N, args: ProcArgs<N>, stream: StreamListener): Promise<{ id: StreamId; ret: ProcRet<N> }> {
    const p = Proc[name];
    const serial = this.nextSerial();
    this.streams.set(serial, stream);
    let reply: Buffer;
    try {
      reply = await this.callRaw(p.proc, encodeWith(p.args as never, args as never), name, serial);
    } catch (e) {
      this.streams.delete(serial);
      throw e;
    }
    return { id: { proc: p.proc, serial }, ret: decodeWith(p.ret as never, reply, `${name} reply`) as ProcRet<N> };
  }

  /** Sends a stream frame; resolves when the transport can take more. */
  async sendStreamFrame(frame: Buffer): Promise<void> {
    if (this.closed) throw this.closedReason ?? closedError();
    this.socket.write(frame);
    await drained(this.socket);
  }

  /** Stops delivering a stream's frames. */
  endStream(serial: number): void {
    this.streams.delete(serial);
  }

  /** Stops or resumes reading the transport (a download's consumer is behind). */
  setReading(on: boolean): void {
    if (on) this.socket.resume();
    else this.socket.pause();
  }

  /** Listens to MESSAGE frames of one procedure (events) of REMOTE, or of `prog`. */
  onMessage(proc: number, listener: (body: Buffer) => void, prog = REMOTE_PROGRAM): void {
    let byProc = this.eventListeners.get(prog);
    if (!byProc) this.eventListeners.set(prog, (byProc = new Map()));
    byProc.set(proc, listener);
  }

  /** Starts sending PINGs after silence; PINGs from the server are answered regardless. */
  startKeepalive(): void {
    this.keepalive.start();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Told once when the connection dies without close() being called: end
   * of file, keepalive timeout or a transport error, and the error the
   * pending calls failed with.
   */
  onClose(listener: (event: ConnectionCloseEvent) => void): void {
    this.closeListener = listener;
  }

  close(): void {
    this.shutdown(undefined, ConnectCloseReason.CLIENT);
  }

  private write(frame: Buffer): void {
    if (!this.closed) this.socket.write(frame);
  }

  private onData(chunk: Buffer): void {
    let messages: Message[];
    try {
      messages = this.decoder.push(chunk);
    } catch (e) {
      this.shutdown(e as VirtError, ConnectCloseReason.ERROR);
      return;
    }
    for (const m of messages) this.dispatch(m);
  }

  private dispatch({ header, body }: Message): void {
    this.keepalive.seen();
    if (header.prog === KEEPALIVE_PROGRAM) {
      if (header.type === MessageType.MESSAGE && header.proc === KeepaliveProc.PING) this.write(PONG_FRAME);
      return;
    }
    if (header.prog !== REMOTE_PROGRAM && header.prog !== QEMU_PROGRAM) return;
    if (header.type === MessageType.MESSAGE) {
      try {
        this.eventListeners.get(header.prog)?.get(header.proc)?.(body);
      } catch (e) {
        // A malformed event must not take the connection down; the calls on it are still good.
        this.options.onEventError?.(e as Error);
      }
      return;
    }
    if (header.type === MessageType.STREAM || header.type === MessageType.STREAM_HOLE) {
      this.streams.get(header.serial)?.frame({ header, body });
      return;
    }
    if (header.type !== MessageType.REPLY) return;
    const pending = this.pending.get(header.serial);
    if (!pending) return;
    this.pending.delete(header.serial);
    if (header.status === MessageStatus.OK) pending.resolve(body);
    else if (header.status === MessageStatus.ERROR) {
      try {
        pending.reject(unknownProcedureAsNoSupport(decodeWith(remoteError, body, 'error reply')));
      } catch (e) {
        pending.reject(e as VirtError);
      }
    } else pending.reject(rpcFail(ErrorCode.RPC, `unexpected reply status ${header.status} to ${pending.name}`));
  }

  private failOverdue(): void {
    const now = performance.now();
    for (const [serial, p] of this.pending) {
      if (p.deadline > now) continue;
      this.pending.delete(serial);
      p.reject(rpcFail(ErrorCode.OPERATION_TIMEOUT, `waiting for the reply to ${p.name}`));
    }
  }

  private shutdown(error: VirtError | undefined, reason: ConnectCloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.closedReason = error;
    this.keepalive.stop();
    const err = error ?? closedError();
    clearInterval(this.sweeper);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const s of this.streams.values()) s.closed(err);
    this.streams.clear();
    this.socket.end();
    this.socket.destroy();
    if (reason !== ConnectCloseReason.CLIENT) this.closeListener?.({ reason, error: err });
  }
}
