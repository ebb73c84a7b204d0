import { ErrorCode, ErrorDomain, VirtError, parseUri, type VirtUri } from '@virtkit/core';

/** The relocation target of a v1 migration URI. port 0 lets xend use its configured relocation port. */
export interface RelocationTarget {
  host: string;
  port: number;
}

function invalid(message: string): VirtError {
  return new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.XEN, message: `invalid argument: ${message}` });
}

/**
 * The forms libvirt's Xen Perform accepts: `xenmigr://host[:port][/…]`,
 * `host:port` and `host`. Any other scheme is refused. The bare forms are
 * read as if `xenmigr://` preceded them, and may carry nothing but the host
 * and port.
 */
export function parseMigrationUri(uri: string): RelocationTarget {
  const bare = !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(uri);
  let parsed: VirtUri;
  try {
    parsed = parseUri(bare ? `xenmigr://${uri}` : uri);
  } catch (e) {
    throw invalid(`malformed migration URI '${uri}': ${(e as Error).message}`);
  }
  if (parsed.driver !== 'xenmigr' || parsed.transport !== undefined) throw invalid(`only xenmigr:// migrations are supported by Xen, not '${uri}'`);
  if (parsed.host === undefined || parsed.host === '') throw invalid(`migration URI '${uri}' has no host`);
  if (parsed.user !== undefined || parsed.params.length > 0 || (bare && parsed.path !== '/') || uri.includes('?')) throw invalid(`invalid host in migration URI '${uri}'`);
  return { host: parsed.host, port: parsed.port ?? 0 };
}
