import { DrvFeature, ErrorCode, Logger, formatUri, inject, injectable, uriParam, type DriverConnection, type HypervisorDriver, type OpenOptions, type VirtUri } from '@virtkit/core';
import { remoteFail } from '../errors.js';
import { ConnectFlags } from '../protocol/constants.js';
import { remoteAuthenticate } from '../transport/remote-auth.js';
import { RemoteConnection, serverFeatures } from './remote-connection.js';
import { RpcClient, type RpcClientOptions, type RpcEndpoint } from './rpc-client.js';
import { sshCommand } from '../transport/ssh.js';

/** Options of the remote client driver, bound in the container under this token. */
export interface RemoteClientOptions extends RpcClientOptions {
  /** Where libvirt's auth.conf is looked for (LIBVIRT_AUTH_FILE, XDG_CONFIG_HOME, HOME). Default process.env. */
  env?: NodeJS.ProcessEnv;
}
export const RemoteClientOptions = Symbol.for('virtkit:RemoteClientOptions');

/** libvirt's default daemon sockets and TCP and TLS ports. */
export const DEFAULT_SOCKET = '/run/libvirt/libvirt-sock';
export const DEFAULT_RO_SOCKET = '/run/libvirt/libvirt-sock-ro';
export const DEFAULT_TCP_PORT = 16509;
export const DEFAULT_TLS_PORT = 16514;

/** Query parameters that address the transport and are not sent to the server. */
const TRANSPORT_PARAMS = new Set(['name', 'auth', 'socket', 'command', 'netcat', 'keyfile', 'no_verify', 'no_tty', 'pkipath', 'known_hosts', 'known_hosts_verify', 'sshauth', 'tls_priority', 'mode', 'proxy']);

/**
 * Where a remote URI points: unix (`?socket=`, default libvirt's), tcp
 * (host, port 16509), tls (host, port 16514; `pkipath`, `no_verify`) or ssh
 * (the system ssh running a proxy to the far socket, `?socket=` or libvirt's
 * default).
 */
export function endpointOf(uri: VirtUri, readonly: boolean): RpcEndpoint {
  const transport = transportOf(uri);
  const socket = uriParam(uri, 'socket');
  if (transport === 'unix') {
    if (uri.host !== undefined && uri.host !== '' && uri.host !== 'localhost') throw remoteFail(ErrorCode.INVALID_ARG, `transport 'unix' does not take a host ('${uri.host}')`);
    return { path: socket ?? (readonly ? DEFAULT_RO_SOCKET : DEFAULT_SOCKET) };
  }
  if ((transport === 'tcp' || transport === 'tls') && socket !== undefined) throw remoteFail(ErrorCode.INVALID_ARG, "the 'socket' parameter is only for the unix transport");
  if (transport === 'tcp') return { host: uri.host ?? 'localhost', port: uri.port ?? DEFAULT_TCP_PORT };
  if (transport === 'tls') {
    // libvirt reads no_verify with atoi: any non-zero number turns the server certificate check into a warning.
    const verify = !(Number.parseInt(uriParam(uri, 'no_verify') ?? '0', 10) || 0);
    return { tls: { host: uri.host ?? 'localhost', port: uri.port ?? DEFAULT_TLS_PORT, pkipath: uriParam(uri, 'pkipath'), verify } };
  }
  if (transport === 'ssh') {
    return { ssh: sshCommand(uri, { socket: socket ?? (readonly ? DEFAULT_RO_SOCKET : DEFAULT_SOCKET), serverUri: serverUriOf(uri), readonly }) };
  }
  throw remoteFail(ErrorCode.NO_SUPPORT, `transport '${transport}' (use unix, tcp, tls or ssh)`);
}

/** A URI's transport: the one it names, else tls when it names a host (libvirt's default), else unix. */
function transportOf(uri: VirtUri): string {
  return uri.transport ?? (uri.host !== undefined ? 'tls' : 'unix');
}

/** libvirt's is_secure: every transport but plain TCP is protected (TLS, a local socket, SSH). */
export function isSecureTransport(uri: VirtUri): boolean {
  return transportOf(uri) !== 'tcp';
}

/**
 * The name CONNECT_OPEN carries, as libvirt's remote driver builds it: the
 * URI without transport, host, port and transport parameters
 * (test+unix:///default?socket=… → test:///default), unless `?name=` says.
 */
export function serverUriOf(uri: VirtUri): string {
  const explicit = uriParam(uri, 'name');
  if (explicit !== undefined) return explicit;
  return formatUri({ driver: uri.driver, path: uri.path, params: uri.params.filter(([k]) => !TRANSPORT_PARAMS.has(k)) });
}

/**
 * The client driver: any URI with a transport or host reaches a libvirt RPC
 * server (virtkitd or a real libvirtd) over unix sockets, TCP, TLS or ssh.
 */
@injectable()
export class RemoteDriver implements HypervisorDriver {
  readonly name = 'remote';
  readonly uriSchemes: readonly string[] = [];
  readonly remote = true;

  constructor(
    @inject(Logger) private readonly logger: Logger,
    @inject(RemoteClientOptions) private readonly options: RemoteClientOptions,
  ) {}

  async open(uri: VirtUri, options: OpenOptions): Promise<DriverConnection | undefined> {
    const endpoint = endpointOf(uri, !!options.readonly);
    const rpc = await RpcClient.connect(endpoint, { onEventError: (e) => this.logger.warn('dropped a malformed event message', { error: e.message }), logger: this.logger, ...this.options });
    try {
      await remoteAuthenticate(rpc, {
        secure: isSecureTransport(uri),
        host: uri.host || 'localhost',
        authType: uriParam(uri, 'auth'),
        callback: options.auth,
        env: this.options.env ?? process.env,
        logger: this.logger,
      });
      await rpc.call('CONNECT_OPEN', { name: serverUriOf(uri), flags: options.readonly ? ConnectFlags.RO : 0 });
      const features = await serverFeatures(rpc, { migrationPeer: options.migrationPeer });
      const conn = new RemoteConnection(rpc, this.logger, features);
      if (features.has(DrvFeature.PROGRAM_KEEPALIVE)) rpc.startKeepalive();
      return conn;
    } catch (e) {
      rpc.close();
      throw e;
    }
  }
}
