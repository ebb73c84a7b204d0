import { ErrorCode, ErrorDomain, VirtError, errorReporter } from './errors.js';

const fail = errorReporter(ErrorDomain.URI);

/**
 * A libvirt connection URI: `driver[+transport]://[user@][host][:port]/path[?query]`,
 * e.g. test:///default, qemu:///system, qemu+unix:///system?socket=/run/s,
 * qemu+tcp://127.0.0.1:16509/system, xen:///system.
 */
export interface VirtUri {
  /** The hypervisor driver: test, qemu, xen, … */
  driver: string;
  /** The transport for remote access: unix, tcp, tls, ssh, … */
  transport?: string;
  user?: string;
  /** Host name or address; an IPv6 literal without brackets. */
  host?: string;
  port?: number;
  /** Always starts with '/'; '/' when the URI has no path. */
  path: string;
  /** Query parameters in order; names may repeat. */
  params: Array<[string, string]>;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9.-]*)(?:\+([A-Za-z][A-Za-z0-9.-]*))?$/;

function uriError(text: string, why: string): VirtError {
  return fail(ErrorCode.INVALID_ARG, `cannot parse URI '${text}': ${why}`);
}

function decode(text: string, part: string, uri: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw uriError(uri, `bad percent-encoding in '${part}'`);
  }
}

export function parseUri(text: string): VirtUri {
  if (typeof text !== 'string' || text.length === 0) throw uriError(String(text), 'empty URI');
  if (text.length > 4096) throw uriError(text.slice(0, 64) + '…', 'longer than 4096 characters');
  if (/[\s\u0000-\u001f]/.test(text)) throw uriError(text, 'contains white space or control characters');
  const sep = text.indexOf('://');
  if (sep <= 0) throw uriError(text, "expected 'driver://…'");
  const scheme = SCHEME.exec(text.slice(0, sep));
  if (!scheme) throw uriError(text, `bad scheme '${text.slice(0, sep)}'`);
  let rest = text.slice(sep + 3);
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (rest.includes('#')) throw uriError(text, 'fragments are not allowed');
  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : '/';

  const uri: VirtUri = { driver: scheme[1].toLowerCase(), path: decode(text, path, text) || '/', params: [] };
  if (scheme[2]) uri.transport = scheme[2].toLowerCase();

  let hostport = authority;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    uri.user = decode(text, authority.slice(0, at), text);
    hostport = authority.slice(at + 1);
  }
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) throw uriError(text, "unterminated '[' in host");
    uri.host = hostport.slice(1, end);
    const after = hostport.slice(end + 1);
    if (after.startsWith(':')) portText = after.slice(1);
    else if (after !== '') throw uriError(text, `unexpected '${after}' after host`);
  } else {
    const colon = hostport.lastIndexOf(':');
    if (colon >= 0) {
      portText = hostport.slice(colon + 1);
      hostport = hostport.slice(0, colon);
    }
    if (hostport !== '') {
      if (!/^[A-Za-z0-9._~%-]+$/.test(hostport)) throw uriError(text, `bad host '${hostport}'`);
      uri.host = decode(text, hostport, text);
    }
  }
  if (portText !== undefined && portText !== '') {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw uriError(text, `bad port '${portText}'`);
    uri.port = Number(portText);
  }
  if (query !== '') {
    for (const pair of query.split(/[&;]/)) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = eq >= 0 ? pair.slice(0, eq) : pair;
      const value = eq >= 0 ? pair.slice(eq + 1) : '';
      uri.params.push([decode(text, name.replace(/\+/g, ' '), text), decode(text, value.replace(/\+/g, ' '), text)]);
    }
  }
  return uri;
}

/** Encodes only what would break the URI's structure, so paths stay readable. */
function encodePart(s: string, keep: RegExp): string {
  return Array.from(s).map((ch) => (keep.test(ch) ? ch : encodeURIComponent(ch))).join('');
}

export function formatUri(uri: VirtUri): string {
  let s = uri.driver + (uri.transport ? `+${uri.transport}` : '') + '://';
  if (uri.user !== undefined) s += encodePart(uri.user, /[A-Za-z0-9._~-]/) + '@';
  if (uri.host !== undefined) s += uri.host.includes(':') ? `[${uri.host}]` : uri.host;
  if (uri.port !== undefined) s += `:${uri.port}`;
  s += encodePart(uri.path || '/', /[A-Za-z0-9._~\/:@,=+-]/);
  if (uri.params.length > 0) {
    const keep = /[A-Za-z0-9._~\/:@,-]/;
    s += '?' + uri.params.map(([k, v]) => `${encodePart(k, keep)}=${encodePart(v, keep)}`).join('&');
  }
  return s;
}

/** The last value of a query parameter, as libvirt reads them. */
export function uriParam(uri: VirtUri, name: string): string | undefined {
  for (let i = uri.params.length - 1; i >= 0; i--) if (uri.params[i][0] === name) return uri.params[i][1];
  return undefined;
}
