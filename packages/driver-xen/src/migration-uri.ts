import { ErrorCode, ErrorDomain, errorReporter, parseUri, type VirtUri } from '@virtkit/core';

/** The relocation target of a v1 migration URI. port 0 lets xend use its configured relocation port. */
export interface RelocationTarget {
  host: string;
  port: number;
}

const fail = errorReporter(ErrorDomain.XEN);

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
    throw fail(ErrorCode.INVALID_ARG, `malformed migration URI '${uri}': ${(e as Error).message}`);
  }
  if (parsed.driver !== 'xenmigr' || parsed.transport !== undefined) throw fail(ErrorCode.INVALID_ARG, `only xenmigr:// migrations are supported by Xen, not '${uri}'`);
  if (parsed.host === undefined || parsed.host === '') throw fail(ErrorCode.INVALID_ARG, `migration URI '${uri}' has no host`);
  if (parsed.user !== undefined || parsed.params.length > 0 || (bare && parsed.path !== '/') || uri.includes('?')) throw fail(ErrorCode.INVALID_ARG, `invalid host in migration URI '${uri}'`);
  return { host: parsed.host, port: parsed.port ?? 0 };
}
