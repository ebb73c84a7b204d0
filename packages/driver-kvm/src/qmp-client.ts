import net from 'node:net';
import { ErrorCode, ErrorDomain, VirtError, createToken, formatErrorMessage, systemClock, type Clock } from '@virtkit/core';
import { fail } from './errors.js';

/** {"QMP":{"version":…,"capabilities":[…]}}, the first line QEMU sends. */
export interface QmpGreeting {
  version: { qemu: { major: number; minor: number; micro: number }; package: string };
  capabilities: string[];
}

export interface QmpEvent {
  event: string;
  data: Record<string, unknown>;
  timestamp: { seconds: number; microseconds: number };
}

export interface QmpConnectOptions {
  /** How long to keep retrying while the socket does not exist yet or refuses, and to wait for the greeting. Default 10 s. */
  timeoutMs?: number;
  /** Default per-command timeout. Default 30 s. */
  commandTimeoutMs?: number;
  /** Give up early, e.g. when the QEMU process has already exited. */
  signal?: AbortSignal;
  /** What deadlines and retries wait on. Default the system clock. */
  clock?: Clock;
}

/** A QMP connection as the driver uses it: commands, events, the end of the connection. */
export interface QmpMonitor {
  readonly greeting: QmpGreeting;
  readonly closed: boolean;
  /** Runs a command and resolves with its "return" value; QMP errors reject with INTERNAL_ERROR, as libvirt's monitor raises them. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, options?: { timeoutMs?: number }): Promise<T>;
  /**
   * Sends a command object the caller wrote as JSON text (virDomainQemuMonitorCommand)
   * and resolves with QEMU's whole reply as JSON text, "return" or "error" alike;
   * the caller's "id", if any, comes back in the reply. INTERNAL_ERROR when the
   * text is not a JSON object.
   */
  executeRaw(json: string, options?: { timeoutMs?: number }): Promise<string>;
  /** Subscribes to every event; filter by `event.event`. */
  onEvent(listener: (e: QmpEvent) => void): () => void;
  /** Resolves with the first event named `name` matching `filter`, or rejects on timeout or close. */
  waitForEvent(name: string, timeoutMs: number, filter?: (e: QmpEvent) => boolean): Promise<QmpEvent>;
  /** Called once when the connection ends (QEMU exited, or close()). */
  onClose(listener: (error?: Error) => void): () => void;
  close(): void;
}

/** Opens QMP connections to monitor sockets; injected so tests can point the driver at a fake monitor. */
export interface QmpConnector {
  connect(path: string, options?: QmpConnectOptions): Promise<QmpMonitor>;
}
export const QmpConnector = createToken<QmpConnector>('QmpConnector');

/** The real connector: QmpClient on the unix socket, deadlines on `clock` unless the options name another. */
export function socketQmpConnector(clock: Clock = systemClock): QmpConnector {
  return { connect: (path, options = {}) => QmpClient.connect(path, { clock, ...options }) };
}

interface Pending {
  command: string;
  /** executeRaw's call: the whole reply is the answer, with the caller's id (undefined: none) put back. */
  raw?: { id: unknown };
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
  /** Cancels the reply timeout. */
  timer: AbortController;
}

/** Calls `onTimeout` after `ms` on `clock` unless the returned controller is aborted first. */
function timeoutOn(clock: Clock, ms: number, onTimeout: () => void): AbortController {
  const c = new AbortController();
  clock.sleep(ms, c.signal).then(() => { if (!c.signal.aborted) onTimeout(); }, () => {});
  return c;
}

/** A line longer than this is not QMP: the connection is dropped. */
const MAX_LINE = 64 * 1024 * 1024;

/**
 * A QMP client on QEMU's monitor socket (docs/interop/qmp-spec): reads the
 * greeting, leaves capabilities-negotiation mode, matches each response to
 * its command by id, and hands asynchronous events to subscribers. Every
 * wait has a timeout; QMP errors become VirtError INTERNAL_ERROR (libvirt's
 * code for them) with QEMU's class and text; a closed socket fails
 * everything still pending.
 */
export class QmpClient implements QmpMonitor {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(e: QmpEvent) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private nextId = 1;
  private buffer = '';
  /** Set when the connection closed: why. */
  private closedError: Error | undefined;
  greeting!: QmpGreeting;

  private constructor(private readonly socket: net.Socket, private readonly commandTimeoutMs: number, private readonly clock: Clock) {}

  static async connect(path: string, options: QmpConnectOptions = {}): Promise<QmpClient> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const clock = options.clock ?? systemClock;
    const deadline = clock.monotonic() + timeoutMs;
    let socket: net.Socket | undefined;
    let lastError: unknown;
    while (!socket) {
      if (options.signal?.aborted) throw fail(ErrorCode.OPERATION_FAILED, `QEMU monitor ${path}: ${String(options.signal.reason ?? 'aborted')}`);
      try {
        socket = await new Promise<net.Socket>((resolve, reject) => {
          const s = net.createConnection(path);
          s.once('connect', () => { s.off('error', reject); resolve(s); });
          s.once('error', reject);
        });
      } catch (e) {
        lastError = e;
        const code = (e as NodeJS.ErrnoException).code;
        if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || clock.monotonic() >= deadline) {
          throw fail(ErrorCode.OPERATION_FAILED, `cannot connect to QEMU monitor ${path}: ${(lastError as Error).message}`, e);
        }
        await clock.sleep(5);
      }
    }
    const client = new QmpClient(socket, options.commandTimeoutMs ?? 30_000, clock);
    try {
      client.greeting = await client.readGreeting(Math.max(1, deadline - clock.monotonic()));
      await client.execute('qmp_capabilities', undefined, { timeoutMs: Math.max(1000, deadline - clock.monotonic()) });
    } catch (e) {
      client.close();
      throw e;
    }
    return client;
  }

  private readGreeting(timeoutMs: number): Promise<QmpGreeting> {
    return new Promise((resolve, reject) => {
      const timer = timeoutOn(this.clock, timeoutMs, () => giveUp(fail(ErrorCode.OPERATION_TIMEOUT, 'no QMP greeting from QEMU')));
      const giveUp = (e: Error) => {
        timer.abort();
        this.greetingWaiter = undefined;
        reject(e);
      };
      this.greetingWaiter = {
        resolve: (g) => { timer.abort(); this.greetingWaiter = undefined; resolve(g); },
        reject: giveUp,
      };
      this.socket.setEncoding('utf8');
      this.socket.on('data', (chunk: string) => this.onData(chunk));
      this.socket.on('error', (e) => this.shutdown(e));
      this.socket.on('close', () => this.shutdown());
    });
  }

  private greetingWaiter: { resolve: (g: QmpGreeting) => void; reject: (e: Error) => void } | undefined;

  private onData(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_LINE) {
      this.shutdown(fail(ErrorCode.OPERATION_FAILED, 'QEMU monitor sent an oversize message'));
      this.socket.destroy();
      return;
    }
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line !== '') this.onMessage(line);
    }
  }

  private onMessage(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.shutdown(fail(ErrorCode.OPERATION_FAILED, `QEMU monitor sent malformed JSON: ${line.slice(0, 120)}`));
      this.socket.destroy();
      return;
    }
    if (msg.QMP !== undefined) {
      this.greetingWaiter?.resolve(msg.QMP as QmpGreeting);
      return;
    }
    if (typeof msg.event === 'string') {
      const ev = msg as unknown as QmpEvent;
      ev.data ??= {};
      for (const l of [...this.listeners]) {
        try {
          l(ev);
        } catch {
          // A subscriber's failure is its own.
        }
      }
      return;
    }
    const id = typeof msg.id === 'string' ? msg.id : undefined;
    const p = id !== undefined ? this.pending.get(id) : undefined;
    if (!p || id === undefined) return;
    this.pending.delete(id);
    p.timer.abort();
    if (p.raw) {
      const reply = { ...msg, id: p.raw.id };
      if (p.raw.id === undefined) delete reply.id;
      p.resolve(JSON.stringify(reply));
    } else if ('error' in msg) {
      const err = msg.error as { class?: string; desc?: string };
      // libvirt's qemuMonitorJSONCheckError: VIR_ERR_INTERNAL_ERROR, worded from its code.
      p.reject(new VirtError({
        code: ErrorCode.INTERNAL_ERROR,
        domain: ErrorDomain.QEMU,
        message: formatErrorMessage(ErrorCode.INTERNAL_ERROR, `unable to execute QEMU command '${p.command}': ${err.desc ?? 'unknown error'}`),
        // The QMP error class (GenericError, CommandNotFound, …) for callers that branch on it.
        details: { str1: err.class ?? 'GenericError' },
      }));
    } else p.resolve(msg.return);
  }

  private shutdown(error?: Error): void {
    if (this.closed) return;
    const e = error ?? fail(ErrorCode.OPERATION_FAILED, 'QEMU monitor connection closed');
    this.closedError = e;
    this.greetingWaiter?.reject(e);
    for (const p of this.pending.values()) {
      p.timer.abort();
      p.reject(fail(ErrorCode.OPERATION_FAILED, `QEMU command '${p.command}' got no reply: ${e.message}`));
    }
    this.pending.clear();
    for (const l of [...this.closeListeners]) l(error);
  }

  /** Runs a command and resolves with its "return" value. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, options: { timeoutMs?: number } = {}): Promise<T> {
    const msg: Record<string, unknown> = { execute: command };
    if (args !== undefined) msg.arguments = args;
    return this.send<T>(command, msg, options.timeoutMs);
  }

  executeRaw(json: string, options: { timeoutMs?: number } = {}): Promise<string> {
    let msg: unknown;
    try {
      msg = JSON.parse(json);
    } catch (e) {
      return Promise.reject(fail(ErrorCode.INTERNAL_ERROR, `cannot parse json ${json}: ${(e as Error).message}`));
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return Promise.reject(fail(ErrorCode.INTERNAL_ERROR, `cannot parse json ${json}: not a JSON object`));
    const m = msg as Record<string, unknown>;
    const command = typeof m.execute === 'string' ? m.execute : typeof m['exec-oob'] === 'string' ? m['exec-oob'] : '(no command)';
    return this.send<string>(command, m, options.timeoutMs, { id: m.id });
  }

  /** Writes `msg` with the next id and waits for the reply of that id. */
  private send<T>(command: string, msg: Record<string, unknown>, timeoutMs = this.commandTimeoutMs, raw?: { id: unknown }): Promise<T> {
    if (this.closedError) return Promise.reject(fail(ErrorCode.OPERATION_FAILED, `QEMU command '${command}': ${this.closedError.message}`));
    const id = `virtkit-${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      const timer = timeoutOn(this.clock, timeoutMs, () => {
        this.pending.delete(id);
        reject(fail(ErrorCode.OPERATION_TIMEOUT, `QEMU command '${command}' got no reply within ${timeoutMs} ms`));
      });
      this.pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject, timer, raw });
      this.socket.write(JSON.stringify({ ...msg, id }) + '\n');
    });
  }

  /** Subscribes to every event; filter by `event.event`. */
  onEvent(listener: (e: QmpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event named `name` matching `filter`, or rejects on timeout or close. */
  waitForEvent(name: string, timeoutMs: number, filter: (e: QmpEvent) => boolean = () => true): Promise<QmpEvent> {
    return new Promise((resolve, reject) => {
      const done = () => { timer.abort(); off(); offClose(); };
      const timer = timeoutOn(this.clock, timeoutMs, () => { done(); reject(fail(ErrorCode.OPERATION_TIMEOUT, `no QEMU event ${name} within ${timeoutMs} ms`)); });
      const off = this.onEvent((e) => { if (e.event === name && filter(e)) { done(); resolve(e); } });
      const offClose = this.onClose((err) => { done(); reject(err ?? fail(ErrorCode.OPERATION_FAILED, `QEMU monitor closed while waiting for ${name}`)); });
    });
  }

  /** Called once when the connection ends (QEMU exited, or close()). */
  onClose(listener: (error?: Error) => void): () => void {
    const closedError = this.closedError;
    if (closedError) {
      queueMicrotask(() => listener(closedError));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  close(): void {
    this.socket.destroy();
    this.shutdown(fail(ErrorCode.OPERATION_FAILED, 'QEMU monitor connection closed by virtkit'));
  }
}
