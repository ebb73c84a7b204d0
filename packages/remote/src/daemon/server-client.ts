import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  ErrorCode, ErrorDomain, VirtError, hasDomainEventRole, parseUri, toVirtError,
  type Connection, type DomainRef, type LifecycleEvent, type Logger, type Unsubscribe, type Virt, type PublicDomainEvent, type DomainEvent,
} from '@virtkit/core';
import { ConnectFlags, DomainEventId, KEEPALIVE_PROGRAM, MESSAGE_HEADER_MAX, MESSAGE_LEN_MAX, KEEPALIVE_PROTOCOL_VERSION, KeepaliveProc, MessageStatus, MessageType, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION } from '../protocol/constants.js';
import { remoteError } from '../protocol/error.js';
import { Keepalive, PONG_FRAME, type KeepaliveOptions } from '../protocol/keepalive.js';
import { encodeMessage, FrameDecoder, SCREEN_PREFIX, type Message, type MessageHeader } from '../protocol/message.js';
import { callbackLifecycleBody, EventMsg, lifecycleMsg, type ProcName } from '../protocol/procedures.js';
import { decodeWith, encodeWith } from '../xdr/codec.js';
import { isTruncation, XdrReader } from '../xdr/xdr.js';
import { rpcFail } from '../errors.js';
import { ClientAuth, type SaslServer } from './auth/sasl-server.js';
import type { ClientBudget } from './byte-budget.js';
import { BEFORE_AUTH, BEFORE_OPEN, type DispatchContext } from './dispatch.js';
import { findProgram, readOnly, unknownProcedure, unknownProgram } from './dispatch-program.js';
import { MigrationPhases } from './migration-phases.js';
import type { AuthScheme } from './listen-config.js';
import type { PeerCredentials } from './unix-access.js';
import type { WorkerPool } from './worker-pool.js';
import { drained, isStreamFrame } from '../protocol/stream.js';
import { ServerStreams } from './server-stream.js';
import { domainEventMessage } from '../protocol/domain-events.js';
import { ObjectEventCallbacks } from './object-event-callbacks.js';
import { screenDocumentFirst } from './untrusted-xml.js';

export interface ServerClientOptions {
  readonly: boolean;
  maxRequests: number;
  keepalive: KeepaliveOptions;
  /** The URI opened when CONNECT_OPEN carries no name. */
  defaultUri: string;
  /**
   * The listener's auth scheme (until it is satisfied only BEFORE_AUTH calls
   * are served), whether TLS or a local socket protects the channel, the
   * daemon's SASL side. Default: "none".
   */
  auth?: { scheme: AuthScheme; secure: boolean; sasl?: SaslServer };
  /** A unix socket peer's pid, uid and gid, logged with every state-changing call. */
  peer?: Promise<PeerCredentials | undefined>;
  /** Events the client may leave unread before it is closed (max_client_events). */
  maxEvents: number;
  /** Seconds to receive a whole frame once its first byte arrived (partial_frame_timeout). */
  partialFrameTimeout: number;
}

/** What a client uses of its server. */
export interface ClientServices {
  logger: Logger;
  /** This client's share of the server's byte budget. */
  budget: ClientBudget;
  workers: WorkerPool;
  /** The client finished authentication (it was anonymous: its listener's scheme is not "none"). */
  authenticated(c: ServerClient): void;
  closed(c: ServerClient): void;
}

/** libvirtd's answer to a call that needs the hypervisor connection before CONNECT_OPEN. */
const notOpen = () => rpcFail(ErrorCode.INTERNAL_ERROR, 'hypervisor connection not open');
/** libvirt's refusal before authentication: VIR_ERR_RPC, not AUTH_FAILED, for old clients (virnetserverprogram.c). */
const authRequired = () => rpcFail(ErrorCode.RPC, 'authentication required');

/** Bytes of a frame besides its body. */
const FRAME_OVERHEAD = MESSAGE_LEN_MAX + MESSAGE_HEADER_MAX;

/**
 * A client's share of one turn of the event loop: frames are handled (calls
 * started, keepalives answered, stream data taken) until the share's time
 * has gone or FRAMES_PER_TURN were handled, and the rest wait for the next
 * turn, so every client gets a share of each turn however many frames it
 * sends in one write. A share in time, not in frames, lets the answers to
 * a burst of cheap frames (a client's pipelined calls, or refusals of
 * hostile ones) go out in one write instead of one each, and caps what an
 * expensive frame's neighbours wait for. The first frame always starts.
 */
const TURN_SHARE_MS = 0.2;
const FRAMES_PER_TURN = 32;

/**
 * Bytes a client may have sent ahead of the frames it is waiting its turn
 * for; beyond this its socket is not read until they are taken.
 */
const READ_AHEAD = 65536;

/**
 * Bytes a client's socket may deliver in one turn of the event loop; past
 * them it is not read again before the next turn. libuv reads up to 32
 * chunks of 64 KiB from a readable socket in one go, so without this one
 * client sending large frames would take megabytes of copying from every
 * turn, and every other client would wait behind it.
 */
const READ_PER_TURN = 65536;

/**
 * The daemon's screen of a large frame (FrameScreen): whether handle() will
 * read the body. It answers from the header alone for what handle() refuses
 * from the header (another program or version, not a call, an unknown
 * procedure) and keepalives; for a call, the arguments are decoded from the
 * prefix, and a failure that is not for want of bytes is the failure of the
 * whole body too, so the prefix gives the same answer. Stream data and
 * arguments that need more bytes keep the body.
 */
function needsBody(h: MessageHeader, prefix: Buffer): boolean {
  if (h.prog === KEEPALIVE_PROGRAM) return false;
  // As pump() routes them: the stream takes every REMOTE stream frame, whatever its version.
  if (h.prog === REMOTE_PROGRAM && (h.type === MessageType.STREAM || h.type === MessageType.STREAM_HOLE)) return true;
  const proc = findProgram(h.prog, h.vers)?.program.byNumber(h.proc);
  if (h.type !== MessageType.CALL || h.status !== MessageStatus.OK || !proc) return false;
  try {
    proc.args.decode(new XdrReader(prefix));
  } catch (e) {
    return isTruncation(e);
  }
  // Arguments complete within the prefix: the rest is trailing bytes, whose count the error reply gives.
  return true;
}

/** Whether a frame is a call, the only frames libvirtd answers (CALL, and CALL_WITH_FDS, which virtkitd answers with an error: it takes no descriptors). */
function isCall(h: MessageHeader): boolean {
  return h.type === MessageType.CALL || h.type === MessageType.CALL_WITH_FDS;
}

interface Callback { eventID: number; uuid?: string }

/**
 * One client of virtkitd: its socket, the hypervisor connection it opened,
 * its event callbacks and its calls in flight. Like libvirtd, the daemon
 * pings only clients that showed keepalive support (asked for
 * PROGRAM_KEEPALIVE or sent a PING).
 *
 * Limits, all with back-pressure rather than buffering: at most
 * `maxRequests` calls of the client run at once (max_client_requests) and no
 * call starts while its earlier replies sit unread in the send buffer;
 * meanwhile the socket is not read. A frame is read only once its length fits
 * the client's byte budget; a frame larger than the budget closes the client.
 * Events, which cannot wait, are bounded by `maxEvents` unread. A frame must
 * arrive whole within `partialFrameTimeout` seconds of its first byte.
 */
export class ServerClient implements DispatchContext {
  private readonly decoder: FrameDecoder;
  private inFlight = 0;
  private conn: Connection | undefined;
  private opening = false;
  private readonly callbacks = new Map<number, Callback>();
  private nextCallbackId = 1;
  private legacyEvents = false;
  private unsubscribe: Unsubscribe | undefined;
  private readonly keepalive: Keepalive;
  private draining = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  readonly auth: ClientAuth;
  /**
   * Whether the client has not finished authentication (libvirtd's
   * unauthenticated clients, counted against max_anonymous_clients); false
   * from the start on a listener whose scheme is "none".
   */
  anonymous: boolean;
  /** The next frame's length was not admitted yet: the socket stays paused until the budget has room. */
  private awaitingBudget = false;
  private unreadEvents = 0;
  private framesRead = 0;
  private frameTimer: NodeJS.Timeout | undefined;
  /** A pump is scheduled for the next turn of the event loop. */
  private nextTurn = false;
  /** Bytes read since the last turn began (READ_PER_TURN). */
  private readThisTurn = 0;
  /** Replies written this turn are held and sent together at its end (one write for them all). */
  private corked = false;
  private readonly logger: Logger;
  /** Upload and download streams (STORAGE_VOL_UPLOAD / DOWNLOAD). */
  readonly streams: ServerStreams;
  /** The migration phases this client started and has not ended. */
  private readonly phases: MigrationPhases;
  readonly objectEvents: ObjectEventCallbacks;

  constructor(
    private readonly socket: net.Socket,
    private readonly virt: Virt,
    private readonly options: ServerClientOptions,
    private readonly services: ClientServices,
  ) {
    this.logger = services.logger;
    this.phases = new MigrationPhases(services.logger);
    this.objectEvents = new ObjectEventCallbacks((proc, body, program) => this.sendEvent(proc, body, program), services.logger);
    this.decoder = new FrameDecoder(undefined, (len) => this.admit(len), (h, prefix, len) => this.screen(h, prefix, len));
    this.keepalive = new Keepalive(options.keepalive, (f) => this.write(f), () => {
      this.logger.info('client closed due to keepalive timeout');
      this.close();
    });
    const a = options.auth ?? { scheme: 'none', secure: true };
    this.auth = new ClientAuth(a.scheme, a.secure, socket.remoteAddress ?? 'local socket', a.sasl);
    this.anonymous = this.auth.required;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    socket.on('drain', () => this.pump());
    this.streams = new ServerStreams({
      write: (f) => this.write(f),
      writable: () => (this.closed ? Promise.resolve() : drained(socket)),
      pressureChanged: () => this.pump(),
    });
    this.pump();
  }

  // ---- DispatchContext ----

  get localAddress(): string | undefined {
    const addr = this.socket.localAddress;
    if (addr === undefined || addr === '') return undefined;
    return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  }

  connection(): Connection {
    if (!this.conn) throw notOpen();
    return this.conn;
  }

  /**
   * As libvirtd (remoteDispatchConnectOpen), only the RO bit of `flags` is
   * read and the others are ignored: libvirt's clients send their remote
   * driver's own bits there (a non-root virsh sends 0x4, its autostart flag).
   */
  async open(name: string | undefined, flags: number): Promise<void> {
    if (this.conn || this.opening) throw rpcFail(ErrorCode.INTERNAL_ERROR, 'connection already open');
    this.opening = true;
    try {
      const readonly = this.options.readonly || (flags & ConnectFlags.RO) !== 0;
      const uri = name ?? this.options.defaultUri;
      // The daemon's own remote driver is for its peer-to-peer migrations; a client does not reach other hosts through it.
      const parsed = parseUri(uri);
      if (parsed.transport !== undefined || (parsed.host !== undefined && parsed.host !== '')) {
        throw rpcFail(ErrorCode.NO_CONNECT, `virtkitd does not forward connections to other hosts ('${uri}')`);
      }
      this.conn = await this.virt.connect(uri, { readonly });
      if (this.closed) await this.conn.close();
    } finally {
      this.opening = false;
    }
  }

  async closeConnection(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    this.stopEvents();
    this.objectEvents.clear();
    if (c) await this.phases.release(c);
    await c?.close();
  }

  startKeepalive(): void {
    this.keepalive.start();
  }

  addLifecycleCallback(eventID: number, dom: DomainRef | undefined): number {
    this.ensureEvents();
    const id = this.nextCallbackId++;
    this.callbacks.set(id, { eventID, uuid: dom?.uuid });
    return id;
  }

  removeLifecycleCallback(callbackID: number): void {
    if (!this.callbacks.delete(callbackID)) throw rpcFail(ErrorCode.INTERNAL_ERROR, `domain event callback ${callbackID} not registered`);
    if (this.callbacks.size === 0 && !this.legacyEvents) this.stopEvents();
  }

  setLegacyEvents(on: boolean): void {
    if (on) this.ensureEvents();
    this.legacyEvents = on;
    if (!on && this.callbacks.size === 0) this.stopEvents();
  }

  /**
   * Forwards the host's lifecycle and domain events to this client. Whatever goes wrong
   * stays with this client: every client has its own listener on the host,
   * which may call its listeners synchronously from another client's
   * operation, so nothing is thrown back to the host.
   */
  private ensureEvents(): void {
    if (this.unsubscribe) return;
    const offLifecycle = this.connection().onLifecycle((e) => {
      try {
        this.forward(e);
      } catch (err) {
        this.logger.warn('could not forward a lifecycle event to a client', { error: (err as Error).message });
      }
    });
    const offDomain = hasDomainEventRole(this.connection().live()) ? this.connection().onDomainEvent((e) => this.forwardDomainEvent(e)) : undefined;
    this.unsubscribe = () => { offLifecycle(); offDomain?.(); };
  }

  /** Domain events other than lifecycle ones to the callbacks registered for their id (and domain). */
  private forwardDomainEvent(e: PublicDomainEvent): void {
    try {
      for (const [callbackID, cb] of this.callbacks) {
        if (cb.eventID !== e.id || (cb.uuid !== undefined && cb.uuid !== e.domain.uuid)) continue;
        const m = domainEventMessage(callbackID, { ...e, domain: e.domain.driverRef } as DomainEvent);
        this.sendEvent(m.proc, m.body);
      }
    } catch (err) {
      this.logger.warn('could not forward a domain event to a client', { error: (err as Error).message });
    }
  }

  private forward(e: LifecycleEvent): void {
    const dom = e.domain.driverRef;
    // Encoded once: the legacy body as is, and each callback's body is its id followed by it.
    const msg = encodeWith(lifecycleMsg, { dom, event: e.event, detail: e.detail });
    if (this.legacyEvents) this.sendEvent(EventMsg.DOMAIN_EVENT_LIFECYCLE.proc, msg);
    for (const [callbackID, cb] of this.callbacks) {
      if (cb.eventID !== DomainEventId.LIFECYCLE || (cb.uuid !== undefined && cb.uuid !== dom.uuid)) continue;
      this.sendEvent(EventMsg.DOMAIN_EVENT_CALLBACK_LIFECYCLE.proc, callbackLifecycleBody(callbackID, msg));
    }
  }

  private stopEvents(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.callbacks.clear();
    this.legacyEvents = false;
  }

  /**
   * Events are not back-pressured like replies: they come from other
   * clients' calls. A client that leaves maxEvents unread, or whose unread
   * bytes reach its budget, is closed (libvirtd's slow-consumer policy).
   */
  private sendEvent(proc: number, body: Buffer, program = { prog: REMOTE_PROGRAM, vers: REMOTE_PROTOCOL_VERSION }): void {
    if (this.closed) return;
    const size = FRAME_OVERHEAD + body.length;
    if (this.unreadEvents >= this.options.maxEvents || this.services.budget.inUse + size > this.services.budget.limit) {
      this.logger.warn('closing a client that does not read its events', { unreadEvents: this.unreadEvents, unreadBytes: this.socket.writableLength });
      this.close();
      return;
    }
    this.unreadEvents++;
    this.write(encodeMessage({ prog: program.prog, vers: program.vers, proc, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK }, body), () => this.unreadEvents--);
  }

  // ---- I/O ----

  private onData(chunk: Buffer): void {
    this.decoder.append(chunk);
    this.readThisTurn += chunk.length;
    if (this.readThisTurn >= READ_PER_TURN) this.pumpNextTurn();
    this.pump();
  }

  /** Called at the budget's next release when a frame did not fit. */
  private readonly retryAdmission = () => queueMicrotask(() => this.pump());

  /** The decoder's question for each length word: read the frame only within the budget. */
  private admit(len: number): boolean {
    const verdict = this.services.budget.admit(len, this.retryAdmission);
    if (verdict === 'never') throw rpcFail(ErrorCode.RPC, `packet ${len} bytes received exceeds the client's budget of ${this.services.budget.limit} bytes`);
    this.awaitingBudget = verdict === 'later';
    return verdict === 'now';
  }

  /** The decoder's question for a large frame: a body handle() will not read is not held, and its bytes go back to the budget. */
  private screen(h: MessageHeader, prefix: Buffer, len: number): boolean {
    if (needsBody(h, prefix)) return true;
    this.services.budget.release(len - SCREEN_PREFIX);
    return false;
  }

  private onKeepalive(h: MessageHeader): void {
    if (isCall(h)) {
      this.replyError(h, unknownProgram(h.prog, h.vers));
      return;
    }
    if (h.vers !== KEEPALIVE_PROTOCOL_VERSION || h.type !== MessageType.MESSAGE || h.proc !== KeepaliveProc.PING) return;
    this.write(PONG_FRAME);
    this.keepalive.start();
  }

  /** Whether a new call may start: a free slot, and its earlier replies taken by the kernel. */
  private canStart(): boolean {
    return !this.draining && !this.closed && this.inFlight < this.options.maxRequests && !this.socket.writableNeedDrain;
  }

  /**
   * Decodes and starts calls while they may start, at most FRAMES_PER_TURN
   * per turn; reads the socket only when the next frame is wanted and
   * admitted, so a client that does not read its replies, or sends more
   * than its budget, is back-pressured.
   */
  private pump(): void {
    let frames = 0;
    let yielded = false;
    const turnStarted = performance.now();
    while (this.canStart() && !this.streams.pressured) {
      if (frames === FRAMES_PER_TURN || (frames > 0 && performance.now() - turnStarted >= TURN_SHARE_MS)) {
        yielded = true;
        this.pumpNextTurn();
        break;
      }
      let m: Message | undefined;
      try {
        m = this.decoder.next();
      } catch (e) {
        this.logger.info('closing client after a malformed frame', { error: (e as Error).message });
        this.close();
        return;
      }
      if (!m) break;
      frames++;
      this.framesRead++;
      this.keepalive.seen();
      const size = FRAME_OVERHEAD + m.body.length;
      if (m.header.prog === KEEPALIVE_PROGRAM) {
        this.onKeepalive(m.header);
        this.services.budget.release(size);
        continue;
      }
      if (m.header.prog === REMOTE_PROGRAM && isStreamFrame(m)) {
        // Stream data (volume upload/download) is not a call: the stream takes it, and holds the socket back when it falls behind.
        this.streams.onFrame(m);
        this.services.budget.release(size);
        continue;
      }
      this.inFlight++;
      const proc = findProgram(m.header.prog, m.header.vers)?.program.byNumber(m.header.proc);
      this.services.workers.run(proc?.highPriority === true, () => this.handle(m)).catch((e: unknown) => {
        // handle() answers every failure itself; anything else is a daemon bug that must not take other clients down.
        this.logger.error('closing a client after a call failed without an answer', { error: (e as Error).message });
        this.close();
      }).finally(() => {
        this.services.budget.release(size);
        this.inFlight--;
        if (this.anonymous && !this.auth.required) {
          this.anonymous = false;
          this.services.authenticated(this);
        }
        if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
        this.pumpNextTurn();
      });
    }
    if (this.closed) return;
    // Frames already received wait for the next turn; more are read only while little is waiting.
    const reading = this.canStart() && !this.awaitingBudget && !this.streams.pressured && this.readThisTurn < READ_PER_TURN && !(yielded && this.decoder.buffered >= READ_AHEAD);
    if (reading) this.socket.resume();
    else this.socket.pause();
    this.watchPartialFrame(reading && this.decoder.partial);
  }

  /** Pumps again on the next turn of the event loop (once, however often it is asked). */
  private pumpNextTurn(): void {
    if (this.nextTurn) return;
    this.nextTurn = true;
    setImmediate(() => {
      this.nextTurn = false;
      this.readThisTurn = 0;
      this.pump();
    });
  }

  /**
   * partial_frame_timeout: while the daemon waits for the rest of a frame
   * (not while it holds the client back itself), the frame must be complete
   * within the timeout of the moment the wait started; a client that made no
   * progress by then is closed.
   */
  private watchPartialFrame(waiting: boolean): void {
    if (!waiting) {
      if (this.frameTimer) clearTimeout(this.frameTimer);
      this.frameTimer = undefined;
      return;
    }
    if (this.frameTimer) return;
    const seen = this.framesRead;
    this.frameTimer = setTimeout(() => {
      this.frameTimer = undefined;
      if (this.framesRead !== seen) {
        this.pump();
        return;
      }
      this.logger.info('closing a client that did not finish its frame', { timeoutSeconds: this.options.partialFrameTimeout, received: this.decoder.buffered });
      this.close();
    }, this.options.partialFrameTimeout * 1000);
    this.frameTimer.unref();
  }

  private async handle({ header: h, body }: Message): Promise<void> {
    // As libvirtd: only a call is answered; a reply, an event message or a frame of no known type from a client is dropped, whatever its program.
    if (!isCall(h)) return;
    const program = findProgram(h.prog, h.vers);
    if (!program) {
      this.replyError(h, unknownProgram(h.prog, h.vers));
      return;
    }
    if (h.type !== MessageType.CALL) {
      this.replyError(h, rpcFail(ErrorCode.RPC, `Unexpected message type ${h.type}`));
      return;
    }
    if (h.status !== MessageStatus.OK) {
      this.replyError(h, rpcFail(ErrorCode.RPC, `Unexpected message status ${h.status}`));
      return;
    }
    const proc = program.program.byNumber(h.proc);
    if (!proc) {
      this.replyError(h, unknownProcedure(h.proc));
      return;
    }
    if (!this.logger.silent) this.logger.debug(`call ${proc.name}`, { serial: h.serial });
    try {
      if (this.auth.required && !BEFORE_AUTH.has(proc.name as ProcName)) throw authRequired();
      if (!this.conn && !BEFORE_OPEN.has(proc.name as ProcName)) throw notOpen();
      // open() folds options.readonly into the connection's own flag.
      if (proc.writes && this.conn?.readonly) throw readOnly(proc);
      if (proc.writes && this.options.peer) this.logger.info(`state change: ${proc.api}`, { ...((await this.options.peer) ?? { peer: 'unknown' }) });
      const first = await screenDocumentFirst(proc.name, body);
      const args = decodeWith(proc.args, first?.body ?? body, `${proc.name} arguments`);
      first?.decoded(args);
      const handler = program.handler(proc);
      const call = { proc: h.proc, serial: h.serial };
      const ret = MigrationPhases.tracks(proc.name) ? await this.phased(proc.name, args as Record<string, unknown>, () => handler(this, args, call)) : await handler(this, args, call);
      this.reply(h, MessageStatus.OK, encodeWith(proc.ret, ret));
    } catch (e) {
      this.replyError(h, toVirtError(e, ErrorDomain.RPC));
    }
  }

  /** Runs a migration call between the phase bookkeeping before and after it. */
  private async phased(proc: string, args: Record<string, unknown>, run: () => Promise<unknown>): Promise<unknown> {
    await this.phases.before(proc, args);
    let ret: unknown;
    try {
      ret = await run();
    } catch (e) {
      await this.phases.after(proc, args, false);
      throw e;
    }
    await this.phases.after(proc, args, true);
    return ret;
  }

  private reply(h: MessageHeader, status: MessageStatus, body: Buffer): void {
    this.write(encodeMessage({ prog: h.prog, vers: h.vers, proc: h.proc, type: MessageType.REPLY, serial: h.serial, status }, body));
  }

  private replyError(h: MessageHeader, e: VirtError): void {
    this.reply(h, MessageStatus.ERROR, encodeWith(remoteError, e));
  }

  /** Writes a frame, charged to the budget until the kernel has taken it. */
  private write(frame: Buffer, flushed?: () => void): void {
    if (this.closed || !this.socket.writable) return;
    this.services.budget.charge(frame.length);
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => this.flush());
    }
    this.socket.write(frame, () => {
      this.services.budget.release(frame.length);
      flushed?.();
    });
  }

  /** Sends what this turn's writes held back. */
  private flush(): void {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  /** Stops starting new calls and resolves when none are in flight (or after `timeoutMs`). */
  drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    this.socket.pause();
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Closes the socket and the hypervisor connection; guests are left as they are. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.keepalive.stop();
    this.watchPartialFrame(false);
    this.streams.close();
    // This turn's replies go to the kernel before the socket goes (destroy drops what is still held).
    this.flush();
    this.socket.destroy();
    // Every byte this client held goes back to the server at once; what is still referenced (a call in flight) is freed when it ends.
    this.services.budget.close();
    this.closeConnection().catch((e) => this.logger.warn('closing a client connection failed', { error: (e as Error).message }));
    this.services.closed(this);
  }
}
