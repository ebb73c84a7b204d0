import net from 'node:net';
import { ErrorCode } from '@virtkit/core';
import { testError } from './host.js';

/**
 * The test hypervisor's migration stream: newline-delimited JSON over a real
 * loopback TCP connection, so migration works between processes (two
 * daemons) as well as within one. Messages:
 *   {"t":"begin","total":N,"payload":{…}}  {"t":"data","n":BYTES}…  {"t":"end"}
 * and the receiver answers {"t":"ack"} once it holds the whole guest.
 */

/** What travels: the guest's definition and runtime state. */
export interface MigrationPayload {
  /** The live domain XML (v1 carries the configuration in the stream only). */
  xml: string;
  /** Whether the guest was running or paused when the transfer began. */
  paused: boolean;
  cpuTimeNs: string;
}

const MAX_LINE = 8 * 1024 * 1024;
const CONNECT_TIMEOUT_MS = 5000;
const ACK_TIMEOUT_MS = 10000;
/** A prepared destination nobody sends to gives up after this long. */
const INCOMING_TIMEOUT_MS = 5 * 60 * 1000;

function failed(message: string) {
  return testError(ErrorCode.OPERATION_FAILED, `migration stream: ${message}`);
}

/** Splits a socket's bytes into JSON messages, refusing oversize lines. */
function readMessages(socket: net.Socket, onMessage: (m: Record<string, unknown>) => void, onError: (e: Error) => void): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    if (buffer.length > MAX_LINE) {
      onError(failed('message too large'));
      socket.destroy();
      return;
    }
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let m: unknown;
      try {
        m = JSON.parse(line);
      } catch {
        onError(failed('malformed message'));
        socket.destroy();
        return;
      }
      if (typeof m !== 'object' || m === null) {
        onError(failed('malformed message'));
        socket.destroy();
        return;
      }
      onMessage(m as Record<string, unknown>);
    }
  });
}

/** The destination's listening end, opened by Prepare. */
export class IncomingMigration {
  /** Resolves with the guest once the stream ended and was acknowledged; rejects when it broke. */
  readonly done: Promise<MigrationPayload>;
  private settle!: { resolve: (p: MigrationPayload) => void; reject: (e: Error) => void };
  private settled = false;
  /** A source connected: data is arriving (or arrived). */
  connected = false;

  private constructor(private readonly server: net.Server, readonly uri: string, timeoutMs: number) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => {});
    server.on('connection', (socket) => this.accept(socket));
    // Only the wait for a source is bounded: a transfer that started takes as long as it takes.
    const idle = setTimeout(() => this.finish(failed('no source connected in time')), timeoutMs);
    idle.unref();
    this.done.finally(() => clearTimeout(idle)).catch(() => {});
    server.once('connection', () => clearTimeout(idle));
  }

  /** Listens on `address`, on `port` when given, else on a free one; fails when no source connected within `timeoutMs`. */
  static async listen(address = '127.0.0.1', port = 0, timeoutMs = INCOMING_TIMEOUT_MS): Promise<IncomingMigration> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(failed(`cannot listen on ${address}:${port}: ${e.message}`)));
      server.listen(port, address, () => resolve());
    });
    const bound = (server.address() as net.AddressInfo).port;
    return new IncomingMigration(server, `tcp:${address.includes(':') ? `[${address}]` : address}:${bound}`, timeoutMs);
  }

  private finish(result: MigrationPayload | Error): void {
    if (this.settled) return;
    this.settled = true;
    this.server.close();
    if (result instanceof Error) this.settle.reject(result);
    else this.settle.resolve(result);
  }

  private accept(socket: net.Socket): void {
    // One stream per migration: later connections are refused.
    this.server.close();
    this.connected = true;
    let payload: MigrationPayload | undefined;
    let received = 0;
    let total = 0;
    readMessages(socket, (m) => {
      if (m.t === 'begin' && !payload) {
        const p = m.payload as Partial<MigrationPayload> | undefined;
        if (!p || typeof p.xml !== 'string' || typeof p.paused !== 'boolean' || typeof p.cpuTimeNs !== 'string' || typeof m.total !== 'number') {
          this.finish(failed('malformed begin message'));
          socket.destroy();
          return;
        }
        payload = { xml: p.xml, paused: p.paused, cpuTimeNs: p.cpuTimeNs };
        total = m.total;
      } else if (m.t === 'data' && payload && typeof m.n === 'number') {
        received += m.n;
      } else if (m.t === 'end' && payload && received === total) {
        socket.end(JSON.stringify({ t: 'ack' }) + '\n');
        this.finish(payload);
      } else {
        this.finish(failed(`unexpected '${String(m.t)}' message`));
        socket.destroy();
      }
    }, (e) => this.finish(e));
    socket.on('error', () => {});
    socket.on('close', () => this.finish(failed('the source closed the connection before the guest arrived')));
  }

  /** Stops listening; a stream not yet complete fails. */
  close(): void {
    this.finish(failed('cancelled'));
  }
}

export function parseMigrationUri(uri: string): { host: string; port: number } {
  const m = /^tcp:(?:\/\/)?(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(uri);
  if (!m || Number(m[2]) > 65535) throw testError(ErrorCode.INVALID_ARG, `migration URI '${uri}' is not tcp:HOST:PORT`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export interface SendOptions {
  /** Bytes the guest's memory amounts to, reported as job progress. */
  totalBytes: number;
  /** How long the transfer takes (the test host's migration-ms). */
  durationMs: number;
  signal: AbortSignal;
  onProgress: (processed: number) => void;
}

/** The source's side: streams the guest in paced chunks and waits for the destination's ack. */
export async function sendMigration(uri: string, payload: MigrationPayload, options: SendOptions): Promise<void> {
  const { host, port } = parseMigrationUri(uri);
  const socket = net.connect({ host, port });
  socket.setEncoding('utf8');
  const closed = new Promise<never>((_, reject) => {
    socket.once('error', (e) => reject(failed(`cannot talk to ${uri}: ${e.message}`)));
    socket.once('close', () => reject(failed(`${uri} closed the connection`)));
  });
  closed.catch(() => {});
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(testError(ErrorCode.OPERATION_ABORTED, 'operation aborted: migration out: canceled by client'));
    if (options.signal.aborted) onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  const timeout = (ms: number, what: string) => new Promise<never>((_, reject) => setTimeout(() => reject(failed(`timed out ${what}`)), ms).unref());
  try {
    await Promise.race([new Promise<void>((resolve) => socket.once('connect', () => resolve())), closed, aborted, timeout(CONNECT_TIMEOUT_MS, `connecting to ${uri}`)]);
    const write = (m: unknown) => new Promise<void>((resolve, reject) => socket.write(JSON.stringify(m) + '\n', (e) => (e ? reject(failed(e.message)) : resolve())));
    await write({ t: 'begin', total: options.totalBytes, payload });
    const chunks = 20;
    let sent = 0;
    for (let i = 0; i < chunks; i++) {
      await Promise.race([new Promise((r) => setTimeout(r, options.durationMs / chunks)), closed, aborted]);
      const n = i === chunks - 1 ? options.totalBytes - sent : Math.floor(options.totalBytes / chunks);
      await Promise.race([write({ t: 'data', n }), closed, aborted]);
      sent += n;
      options.onProgress(sent);
    }
    await write({ t: 'end' });
    const ack = new Promise<void>((resolve, reject) => {
      readMessages(socket, (m) => (m.t === 'ack' ? resolve() : reject(failed('unexpected reply'))), reject);
    });
    await Promise.race([ack, closed, aborted, timeout(ACK_TIMEOUT_MS, 'waiting for the destination')]);
  } finally {
    socket.destroy();
  }
}
