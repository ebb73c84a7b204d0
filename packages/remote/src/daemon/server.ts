import { chmod, chown, lstat, readFile, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { ErrorCode, type Logger, type Virt } from '@virtkit/core';
import { confFail, rpcFail } from '../errors.js';
import type { DaemonConfig } from './config.js';
import type { AuthScheme } from './listen-config.js';
import { ServerClient } from './server-client.js';
import { createTlsServer } from './tls-listener.js';

/** The URI a client's CONNECT_OPEN opens when it carries no name, as libvirtd's default. */
export const DEFAULT_URI = 'test:///default';

interface Listener {
  server: net.Server;
  readonly: boolean;
  path?: string;
  /** What AUTH_LIST answers on this listener (auth_unix_rw, auth_unix_ro, auth_tcp, auth_tls). */
  auth: AuthScheme;
  tls?: boolean;
}

/** A group's id from /etc/group (Node has no getgrnam); a number is taken as a gid. */
async function groupId(group: string): Promise<number> {
  if (/^\d+$/.test(group)) return Number(group);
  const text = await readFile('/etc/group', 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [name, , gid] = line.split(':');
    if (name === group && gid !== undefined) return Number(gid);
  }
  throw confFail(ErrorCode.CONF_SYNTAX, `Failed to lookup group '${group}'`);
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
  private stopping: Promise<void> | undefined;

  constructor(private readonly virt: Virt, private readonly config: DaemonConfig, private readonly logger: Logger) {}

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
    try {
      const gid = c.unixSockGroup !== undefined ? await groupId(c.unixSockGroup) : undefined;
      if (socket) await this.listenUnix(socket, false, c.unixSockRwPerms, c.authUnixRw, gid);
      if (roSocket) await this.listenUnix(roSocket, true, c.unixSockRoPerms, c.authUnixRo, gid);
      if (tcp) await this.listen(net.createServer(), { readonly: false, auth: c.authTcp }, (s, cb) => s.listen(tcp.port, tcp.host, cb));
      if (tls) {
        const l = { readonly: false, auth: c.authTls, tls: true };
        const server = createTlsServer(c, this.logger, (s) => this.accept(s, l));
        await this.listen(server, l, (s, cb) => s.listen(c.tlsPort, c.listenAddr, cb), undefined, false);
      }
    } catch (e) {
      await this.closeListeners();
      throw e;
    }
  }

  private async listenUnix(path: string, readonly: boolean, mode: number, auth: AuthScheme, gid: number | undefined): Promise<void> {
    const existing = await lstat(path).catch(() => undefined);
    if (existing) {
      if (!existing.isSocket()) throw rpcFail(ErrorCode.OPERATION_FAILED, `'${path}' exists and is not a socket`);
      if (await socketInUse(path)) throw rpcFail(ErrorCode.OPERATION_FAILED, `socket '${path}' is in use by another daemon`);
      await unlink(path);
    }
    const server = net.createServer();
    await this.listen(server, { readonly, auth }, (s, cb) => s.listen(path, cb), path);
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
        if (acceptConnections) server.on('connection', (s) => this.accept(s, l));
        this.listeners.push({ server, ...l, path });
        resolve();
      });
    });
  }

  private accept(socket: net.Socket, { readonly, auth }: Omit<Listener, 'server' | 'path'>): void {
    if (this.stopping || this.clients.size >= this.config.maxClients) {
      this.logger.warn('refusing a client: too many clients or shutting down', { clients: this.clients.size });
      socket.destroy();
      return;
    }
    const client = new ServerClient(socket, this.virt, {
      readonly,
      auth,
      maxRequests: this.config.maxClientRequests,
      keepalive: this.config.keepalive,
      defaultUri: DEFAULT_URI,
    }, this.logger, (c) => this.clients.delete(c));
    this.clients.add(client);
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
      await Promise.all([...this.clients].map((c) => c.drain(this.config.shutdownTimeoutMs)));
      for (const c of [...this.clients]) c.close();
      await listenersClosed;
    })();
    return this.stopping;
  }
}
