import { ErrorCode, ErrorDomain, VirtError } from '@virtkit/core';

/** The relocation target of a v1 migration URI. port 0 lets xend use its configured relocation port. */
export interface RelocationTarget {
  host: string;
  port: number;
}

function invalid(message: string): VirtError {
  return new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.XEN, message: `invalid argument: ${message}` });
}

/**
 * The forms libvirt's Xen Perform accepts: `xenmigr://host[:port][/]`,
 * `host:port` and `host`. Any other scheme is refused.
 */
export function parseMigrationUri(uri: string): RelocationTarget {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(uri);
  let rest = uri;
  if (scheme) {
    if (scheme[1].toLowerCase() !== 'xenmigr') throw invalid(`only xenmigr:// migrations are supported by Xen, not '${uri}'`);
    rest = uri.slice(scheme[0].length).replace(/\/.*$/, '');
    if (rest === '') throw invalid(`migration URI '${uri}' has no host`);
  }
  let host = rest;
  let port = 0;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  const colon = rest.lastIndexOf(':');
  let portText: string | undefined;
  if (bracket) {
    host = bracket[1];
    portText = bracket[2];
  } else if (colon >= 0) {
    host = rest.slice(0, colon);
    portText = rest.slice(colon + 1);
  }
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw invalid(`invalid port number in migration URI '${uri}'`);
    port = Number(portText);
  }
  if (host === '' || /[\s/?#@]/.test(host)) throw invalid(`invalid host in migration URI '${uri}'`);
  return { host, port };
}
