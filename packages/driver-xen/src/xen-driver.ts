import {
  Clock, ErrorCode, ErrorDomain, Logger, errorReporter, formatUri, inject, injectable, parseUri, uriParam,
  type DriverConnection, type HypervisorDriver, type NativeConfigFormat, type OpenOptions, type VirtError, type VirtUri,
} from '@virtkit/core';
import { domxmlFromNative, domxmlToNative, XEN_SXPR_FORMAT } from './config/native-config.js';
import { XenConnection } from './xen-connection.js';
import { DEFAULT_XEND_SOCKET, XendClient, type XendEndpoint } from './xend-client.js';

/** xend's default relocation port (xend-relocation-port). */
export const DEFAULT_RELOCATION_PORT = 8002;
const KNOWN_PARAMS = new Set(['socket', 'xend', 'relocation_host', 'relocation_port']);

const fail = errorReporter(ErrorDomain.XEN);

function uriError(uri: VirtUri, why: string): VirtError {
  return fail(ErrorCode.INVALID_ARG, `${formatUri(uri)}: ${why}`);
}

/** `?xend=http://HOST[:PORT][/]`: xend's HTTP port, 8000 unless given. */
function xendHttpEndpoint(uri: VirtUri, xendUrl: string): XendEndpoint {
  const bad = () => uriError(uri, `xend must be http://HOST[:PORT], not '${xendUrl}'`);
  let url: VirtUri;
  try {
    url = parseUri(xendUrl);
  } catch {
    throw bad();
  }
  if (url.driver !== 'http' || url.transport !== undefined || url.user !== undefined || !url.host || url.path !== '/' || url.params.length > 0 || xendUrl.includes('?')) throw bad();
  return { host: url.host, port: url.port ?? 8000 };
}

/**
 * xen:/// — talks to xend. `xen:///system` uses xend's unix socket
 * (/var/lib/xend/xend-socket); `?socket=PATH` another socket;
 * `?xend=http://HOST:PORT` xend's HTTP port. `?relocation_port=N` (and
 * `relocation_host`) say where this host's relocation listener is, which
 * Prepare hands to the source (default 127.0.0.1:8002).
 */
@injectable()
export class XenDriver implements HypervisorDriver {
  readonly name = 'Xen';
  readonly uriSchemes = ['xen'] as const;
  readonly nativeFormats: readonly NativeConfigFormat[] = [{
    format: XEN_SXPR_FORMAT,
    toNative: async (xml) => domxmlToNative(xml),
    fromNative: async (sexpr) => domxmlFromNative(sexpr),
  }];

  constructor(@inject(Logger) private readonly logger: Logger, @inject(Clock) private readonly clock: Clock) {}

  async open(uri: VirtUri, _options: OpenOptions): Promise<DriverConnection | undefined> {
    if (uri.driver !== 'xen' || uri.transport !== undefined || uri.host !== undefined) return undefined;
    if (uri.path !== '/' && uri.path !== '/system') throw uriError(uri, `unexpected path '${uri.path}' (use xen:///system)`);
    for (const [k] of uri.params) if (!KNOWN_PARAMS.has(k)) throw uriError(uri, `unknown parameter '${k}'`);
    const socket = uriParam(uri, 'socket');
    const xendUrl = uriParam(uri, 'xend');
    if (socket !== undefined && xendUrl !== undefined) throw uriError(uri, "give either 'socket' or 'xend', not both");
    let endpoint: XendEndpoint;
    if (xendUrl !== undefined) {
      endpoint = xendHttpEndpoint(uri, xendUrl);
    } else {
      const path = socket ?? DEFAULT_XEND_SOCKET;
      if (!path.startsWith('/')) throw uriError(uri, `socket must be an absolute path, not '${path}'`);
      endpoint = { socketPath: path };
    }
    const portText = uriParam(uri, 'relocation_port');
    if (portText !== undefined && (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535 || Number(portText) === 0)) throw uriError(uri, `bad relocation_port '${portText}'`);
    const client = new XendClient(endpoint);
    // Refused or unreachable, xend's own error says so (SYSTEM_ERROR "failed to connect to xend at …", as libvirt's do_connect).
    await client.get('/xend/node/');
    this.logger.debug('connected to xend', { endpoint: client.describe() });
    return new XenConnection(client, {
      uri: formatUri({ ...uri, path: '/system' }),
      relocationHost: uriParam(uri, 'relocation_host') ?? '127.0.0.1',
      relocationPort: portText === undefined ? DEFAULT_RELOCATION_PORT : Number(portText),
    }, { logger: this.logger, clock: this.clock });
  }
}
