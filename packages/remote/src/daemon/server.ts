import { chmod, chown, lstat, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Clock, ErrorCode, resolveToken, type Logger, type Virt } from '@virtkit/core';
import { confFail, rpcFail } from '../errors.js';
import { encodeMessage, FrameDecoder } from '../protocol/message.js';
import { MessageStatus, MessageType } from '../protocol/constants.js';
import { remoteError } from '../protocol/error.js';
import { encodeWith } from '../xdr/codec.js';
import { ClientBudget, ServerBudget } from './byte-budget.js';
import type { DaemonConfig } from './config.js';
import { SaslServer } from './auth/sasl-server.js';
import type { AuthScheme } from './listen-config.js';
import { ServerClient } from './server-client.js';
import { createTlsServer } from './tls-listener.js';
import { groupId, peerCredentials, UnixSocketTable, type PeerCredentials } from './unix-access.js';
import { WorkerPool } from './worker-pool.js';

/** The URI a client's CONNECT_OPEN opens when it carries no name, as libvirtd's default. */
export const DEFAULT_URI = 'test:///default';

/**
 * How a listener authenticates its clients: the scheme AUTH_LIST answers
 * (auth_unix_rw, auth_unix_ro, auth_tcp, auth_tls) and whether TLS or a
 * local socket protects the channel, which SCRAM-SHA-256 needs.
 */
interface ListenerAuth {
  scheme: AuthScheme;
  secure: boolean;
}

interface Listener {
  server: net.Server;
  readonly: boolean;
  path?: string;
  auth: ListenerAuth;
  tls?: boolean;
}

/** The listener a client came in on. */
interface AcceptedOn {
  readonly: boolean;
  auth: ListenerAuth;
  /** The unix socket's path, whose peer credentials are looked up; undefined for TCP and TLS. */
  path: string | undefined;
}

/** Whether something answers on a unix socket path. */
function socketInUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * virtkitd's RPC server: unix sockets (read-write 0700, read-only 0777 unless
 * unix_sock_*_perms say otherwise), an optional TCP listener and, with
 * --listen, libvirtd's TLS (listen_tls) and TCP (listen_tcp) listeners, all
 * serving the REMOTE program to clients that each open a hypervisor of
 * `virt` by URI.
 */
export class VirtkitServer {
  private readonly listeners: Listener[] = [];
  private readonly clients = new Set<ServerClient>();
  /** Accepted sockets waiting, unread, for a client slot (max_queued_clients). */
  private readonly waiting: Array<{ socket: net.Socket; listener: AcceptedOn; forget: () => void }> = [];
  private readonly budget: ServerBudget;
  private readonly workers: WorkerPool;
  /** Where unix peers' credentials are looked up. */
  private readonly unixSockets = new UnixSocketTable();
  private stopping: Promise<void> | undefined;

  private readonly sasl: SaslServer;

  constructor(private readonly virt: Virt, private readonly config: DaemonConfig, private readonly logger: Logger) {
    this.sasl = new SaslServer(config.saslDb, resolveToken(virt.container, Clock), logger);
    this.budget = new ServerBudget(config.maxTotalBytes);
    this.workers = new WorkerPool(config.maxWorkers, config.prioWorkers, config.minWorkers);
  }

  /** Addresses actually bound, e.g. the TCP port when 0 was asked. */
  addresses(): { socket?: string; roSocket?: string; tcp?: { host: string; port: number }; tls?: { host: string; port: number } } {
    const out: ReturnType<VirtkitServer['addresses']> = {};
    for (const l of this.listeners) {
      if (l.path && l.readonly) out.roSocket = l.path;
      else if (l.path) out.socket = l.path;
      else {
        const a = l.server.address() as net.AddressInfo;
        out[l.tls ? 'tls' : 'tcp'] = { host: a.address, port: a.port };
      }
    }
    return out;
  }

  async start(): Promise<void> {
    const c = this.config;
    const socket = c.socket ?? (c.unixSockDir !== undefined ? path.join(c.unixSockDir, 'libvirt-sock') : undefined);
    const roSocket = c.roSocket ?? (c.unixSockDir !== undefined ? path.join(c.unixSockDir, 'libvirt-sock-ro') : undefined);
    const tcp = c.tcp ?? (c.listen && c.listenTcp ? { host: c.listenAddr, port: c.tcpPort } : undefined);
    const tls = c.listen && c.listenTls;
    if (!socket && !roSocket && !tcp && !tls) throw confFail(ErrorCode.INVALID_ARG, 'virtkitd needs --socket, --ro-socket, --tcp or --listen');
    this.checkAuth(!!socket, !!roSocket, !!tcp, tls);
    try {
      const gid = c.unixSockGroup === undefined ? undefined : await groupId(c.unixSockGroup);
      if (socket) await this.listenUnix(socket, false, c.unixSockRwPerms, gid, { scheme: c.authUnixRw, secure: true });
      if (roSocket) await this.listenUnix(roSocket, true, c.unixSockRoPerms, gid, { scheme: c.authUnixRo, secure: true });
      if (tcp) await this.listen(net.createServer(), { readonly: false, auth: { scheme: c.authTcp, secure: false } }, (s, cb) => s.listen({ port: tcp.port, host: tcp.host, backlog: this.backlog() }, cb));
      if (tls) {
        const l = { readonly: false, auth: { scheme: c.authTls, secure: true }, tls: true };
        const server = createTlsServer(c, this.logger, (s) => this.accept(s, { ...l, path: undefined }));
        await this.listen(server, l, (s, cb) => s.listen({ port: c.tlsPort, host: c.listenAddr, backlog: this.backlog() }, cb), undefined, false);
      }
    } catch (e) {
      await this.closeListeners();
      throw e;
    }
  }

  /**
   * Refuses a "sasl" listener without sasl_db. auth_tcp defaults to "sasl"
   * (libvirtd's), and SASL on plain TCP offers no mechanism, so a TCP
   * listener serves clients only when the config says auth_tcp = "none".
   */
  private checkAuth(socket: boolean, roSocket: boolean, tcp: boolean, tls: boolean): void {
    const { authUnixRw, authUnixRo, authTcp, authTls, saslDb } = this.config;
    if (!saslDb && tcp && authTcp === 'sasl') {
      throw confFail(ErrorCode.INVALID_ARG, 'the TCP listener uses auth_tcp = "sasl" (the default) but no sasl_db is configured, and SASL on plain TCP needs TLS anyway: set auth_tcp = "none" to serve TCP without authentication, or use TLS (--listen)');
    }
    if (!saslDb && [socket && authUnixRw, roSocket && authUnixRo, tls && authTls].includes('sasl')) {
      throw confFail(ErrorCode.INVALID_ARG, 'a listener uses auth "sasl" but no sasl_db is configured');
    }
    if (tcp && authTcp === 'sasl') this.logger.warn('auth_tcp = "sasl" on plain TCP: SCRAM-SHA-256 has no security layer and is refused there, so no client can authenticate without TLS');
  }

  /** Binds a unix socket and gives it `mode` and, when set, the group `gid` (unix_sock_*_perms, unix_sock_group). */
  private async listenUnix(path: string, readonly: boolean, mode: number, gid: number | undefined, auth: ListenerAuth): Promise<void> {
    const existing = await lstat(path).catch(() => undefined);
    if (existing) {
      if (!existing.isSocket()) throw rpcFail(ErrorCode.OPERATION_FAILED, `'${path}' exists and is not a socket`);
      if (await socketInUse(path)) throw rpcFail(ErrorCode.OPERATION_FAILED, `socket '${path}' is in use by another daemon`);
      await unlink(path);
    }
    const server = net.createServer();
    await this.listen(server, { readonly, auth }, (s, cb) => s.listen({ path, backlog: this.backlog() }, cb), path);
    if (gid !== undefined) await chown(path, -1, gid);
    await chmod(path, mode);
  }

  /** Binds a listener; `acceptConnections` is false when the server hands over its clients itself (TLS, once verified). */
  private listen(server: net.Server, l: Omit<Listener, 'server' | 'path'>, bind: (s: net.Server, cb: () => void) => void, path?: string, acceptConnections = true): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', (e) => reject(rpcFail(ErrorCode.SYSTEM_ERROR, `Failed to bind socket${path ? ` '${path}'` : ''}: ${e.message}`, e)));
      bind(server, () => {
        server.removeAllListeners('error');
        server.on('error', (e) => this.logger.error('listener error', { error: e.message }));
        if (acceptConnections) server.on('connection', (s) => this.accept(s, { readonly: l.readonly, auth: l.auth, path }));
        this.listeners.push({ server, ...l, path });
        resolve();
      });
    });
  }

  /** The kernel's listen backlog: libvirtd passes max_queued_clients to listen(). */
  private backlog(): number {
    return Math.max(1, this.config.maxQueuedClients);
  }

  /**
   * Whether a new client may be served now. As libvirtd
   * (virNetServerCheckLimits), no client is taken on any listener while
   * max_clients are served or max_anonymous_clients (when not 0) have not
   * finished authentication.
   */
  private hasSlot(): boolean {
    const { maxClients, maxAnonymousClients } = this.config;
    return this.clients.size < maxClients && (maxAnonymousClients === 0 || this.anonymousClients() < maxAnonymousClients);
  }

  private anonymousClients(): number {
    let n = 0;
    for (const c of this.clients) if (c.anonymous) n++;
    return n;
  }

  /**
   * A client beyond max_clients (or max_anonymous_clients) is not refused:
   * as in libvirtd's listen backlog, it stays connected and unread, and is
   * served when a slot frees. Node accepts every connection, so the backlog
   * is kept here; beyond max_queued_clients waiting, a client gets
   * libvirtd's error as the answer to its first call. TLS clients come here
   * once their certificate is verified.
   */
  private accept(socket: net.Socket, listener: AcceptedOn): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    if (this.hasSlot() && this.waiting.length === 0) {
      this.serve(socket, listener);
      return;
    }
    if (this.waiting.length < this.config.maxQueuedClients) {
      socket.pause();
      const ignore = () => {};
      const gone = () => {
        const i = this.waiting.findIndex((w) => w.socket === socket);
        if (i >= 0) this.waiting.splice(i, 1);
      };
      socket.on('error', ignore);
      socket.once('close', gone);
      this.waiting.push({ socket, listener, forget: () => socket.off('error', ignore).off('close', gone) });
      this.logger.info('a client waits for a free slot', { clients: this.clients.size, waiting: this.waiting.length });
      return;
    }
    this.logger.warn(`Too many active clients (${this.clients.size}), dropping connection`);
    refuse(socket, `Too many active clients (${this.clients.size}), dropping connection`);
  }

  private serve(socket: net.Socket, { readonly, auth, path }: AcceptedOn): void {
    // A unix peer's credentials (SO_PEERCRED's), looked up once while it is connected and logged with its state changes; not looked up for a logger that drops them.
    let peer: Promise<PeerCredentials | undefined> | undefined;
    if (path !== undefined && !this.logger.silent) {
      peer = peerCredentials(socket, this.unixSockets);
      void peer.then((p) => this.logger.info('client connected', { socket: path, readonly, ...(p ?? { peer: 'unknown' }) }));
    }
    const client = new ServerClient(socket, this.virt, {
      peer,
      readonly,
      maxRequests: this.config.maxClientRequests,
      keepalive: this.config.keepalive,
      defaultUri: DEFAULT_URI,
      auth: { ...auth, sasl: this.sasl },
      maxEvents: this.config.maxClientEvents,
      partialFrameTimeout: this.config.partialFrameTimeout,
    }, {
      logger: this.logger,
      budget: new ClientBudget(this.budget, this.config.maxClientBytes),
      workers: this.workers,
      authenticated: () => this.admitWaiting(),
      closed: (c) => {
        this.clients.delete(c);
        this.admitWaiting();
      },
    });
    this.clients.add(client);
  }

  /** Serves waiting clients, oldest first, while slots are free. */
  private admitWaiting(): void {
    while (!this.stopping && this.waiting.length > 0 && this.hasSlot()) {
      const w = this.waiting.shift()!;
      w.forget();
      if (!w.socket.destroyed) this.serve(w.socket, w.listener);
    }
  }

  private async closeListeners(): Promise<void> {
    const ls = this.listeners.splice(0);
    await Promise.all(ls.map((l) => new Promise<void>((r) => l.server.close(() => r()))));
    await Promise.all(ls.filter((l) => l.path).map((l) => unlink(l.path!).catch(() => {})));
  }

  /**
   * Graceful stop: no new clients, no new calls; calls in flight finish
   * (up to shutdownTimeoutMs), then every client is closed. Guests keep
   * running: closing a connection never stops a domain.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const listenersClosed = this.closeListeners();
      for (const w of this.waiting.splice(0)) w.socket.destroy();
      await Promise.all([...this.clients].map((c) => c.drain(this.config.shutdownTimeoutMs)));
      for (const c of [...this.clients]) c.close();
      this.unixSockets.close();
      await listenersClosed;
    })();
    return this.stopping;
  }
}

/**
 * Answers a client's first call with libvirtd's error, then closes once the
 * answer is sent: the client reads a reason instead of writing into a
 * closed socket (and dying of SIGPIPE).
 */
function refuse(socket: net.Socket, message: string): void {
  const decoder = new FrameDecoder();
  const timer = setTimeout(() => socket.destroy(), 5000);
  timer.unref();
  socket.on('error', () => socket.destroy());
  socket.on('close', () => clearTimeout(timer));
  socket.on('data', (chunk: Buffer) => {
    let first;
    try {
      first = decoder.push(chunk).find((m) => m.header.type === MessageType.CALL);
    } catch {
      socket.destroy();
      return;
    }
    if (!first) return;
    const h = first.header;
    socket.removeAllListeners('data');
    const body = encodeWith(remoteError, rpcFail(ErrorCode.RPC, message));
    socket.end(encodeMessage({ prog: h.prog, vers: h.vers, proc: h.proc, type: MessageType.REPLY, serial: h.serial, status: MessageStatus.ERROR }, body));
  });
}
