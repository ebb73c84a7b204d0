import http from 'node:http';
import { ErrorCode, ErrorDomain, errorReporter, isVirtError } from '@virtkit/core';
import { parseSexpr, type Sexpr } from './sexpr/index.js';

/** Where xend listens: its unix socket, or its HTTP port. */
export type XendEndpoint = { socketPath: string } | { host: string; port: number };

export const DEFAULT_XEND_SOCKET = '/var/lib/xend/xend-socket';
/** libvirt's XEND_RCV_BUF_MAX_LEN. */
const MAX_RESPONSE_BYTES = 256 * 1024;

export interface XendClientOptions {
  /** Milliseconds for an ordinary request. */
  timeoutMs?: number;
  /** Milliseconds for save, restore and migrate, which reply only when done. */
  longTimeoutMs?: number;
}

export interface XendReply {
  status: number;
  body: string;
}

/** Errors about talking to xend are libvirt's XEND domain. */
const fail = errorReporter(ErrorDomain.XEND);

/**
 * Form encoding as libvirt's virBufferURIEncodeString does it: every byte
 * that is not a letter or digit becomes %xx (lower-case hex).
 */
export function xendFormEncode(params: Array<[string, string]>): string {
  const enc = (s: string) => Array.from(Buffer.from(s, 'utf8')).map((b) => (/[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).padStart(2, '0'))).join('');
  return params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

/** The message inside `(xend.err '…')`, or undefined when the body is something else. */
export function xendErrMessage(body: string): string | undefined {
  if (!body.includes('xend.err')) return undefined;
  try {
    const v = parseSexpr(body);
    if (Array.isArray(v) && v[0] === 'xend.err') return v.slice(1).map((x) => (typeof x === 'string' ? x : '')).join(' ');
  } catch {
    // Not an S-expression: report the raw body.
  }
  return body.trim();
}

/**
 * xend's HTTP interface as libvirt used it: one connection per request,
 * the headers libvirt sends (no User-Agent, no Accept, so xend answers in
 * S-expressions), form-encoded POST bodies, replies of at most 256 KiB.
 */
export class XendClient {
  private readonly timeoutMs: number;
  private readonly longTimeoutMs: number;

  constructor(readonly endpoint: XendEndpoint, options: XendClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.longTimeoutMs = options.longTimeoutMs ?? 300_000;
  }

  describe(): string {
    return 'socketPath' in this.endpoint ? this.endpoint.socketPath : `http://${this.endpoint.host}:${this.endpoint.port}`;
  }

  private request(method: 'GET' | 'POST', path: string, body: string | undefined, timeoutMs: number): Promise<XendReply> {
    const headers: Record<string, string> = {
      Host: 'localhost:8000',
      'Accept-Encoding': 'identity',
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const target = 'socketPath' in this.endpoint ? { socketPath: this.endpoint.socketPath } : { host: this.endpoint.host, port: this.endpoint.port };
    return new Promise((resolve, reject) => {
      const req = http.request({ ...target, method, path, headers, agent: false, setHost: false }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(fail(ErrorCode.INTERNAL_ERROR, `xend reply to ${method} ${path} is larger than ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(fail(ErrorCode.OPERATION_TIMEOUT, `no reply from xend at ${this.describe()} to ${method} ${path} within ${timeoutMs} ms`)));
      req.on('error', (e) => {
        if (isVirtError(e)) reject(e);
        else reject(fail(ErrorCode.SYSTEM_ERROR, `failed to connect to xend at ${this.describe()}: ${(e as Error).message}`, e));
      });
      req.end(body);
    });
  }

  /**
   * GET returning the S-expression. A 404 under /xend/domain/ is NO_DOMAIN
   * (libvirt reports it as "Domain not found"); other failures are GET_FAILED.
   */
  async get(path: string): Promise<Sexpr> {
    const r = await this.request('GET', path, undefined, this.timeoutMs);
    if (r.status === 404 && path.startsWith('/xend/domain/')) {
      throw fail(ErrorCode.NO_DOMAIN, `xend has no domain '${decodeSegment(path)}'`);
    }
    if (r.status < 200 || r.status >= 300) throw fail(ErrorCode.GET_FAILED, `${r.status} status from xen daemon: ${path}:${r.body.trim()}`);
    if (r.body.trim() === '') throw fail(ErrorCode.GET_FAILED, `empty reply from xen daemon: ${path}`);
    try {
      return parseSexpr(r.body);
    } catch (e) {
      throw fail(ErrorCode.SEXPR_SERIAL, `xend sent a malformed reply to GET ${path}: ${(e as Error).message}`, e);
    }
  }

  /**
   * POST with op=… and its parameters. Errors follow libvirt's rules: a
   * status outside 2xx, a 202 whose body says "failed", or any 2xx body with
   * xend.err. `(xend.err 'msg')` becomes OPERATION_FAILED with xend's message;
   * a 404 NO_DOMAIN; 406/413/501 HTTP_ERROR.
   */
  async post(path: string, op: string, params: Array<[string, string]> = [], options: { long?: boolean } = {}): Promise<XendReply> {
    const body = xendFormEncode([['op', op], ...params]);
    const r = await this.request('POST', path, body, options.long ? this.longTimeoutMs : this.timeoutMs);
    if (r.status === 404) throw fail(ErrorCode.NO_DOMAIN, `xend has no domain '${decodeSegment(path)}' (${r.body.trim()})`);
    const err = xendErrMessage(r.body);
    if (err !== undefined && r.status >= 200 && r.status < 600) throw fail(ErrorCode.OPERATION_FAILED, `xend: ${op}: ${err}`);
    if (r.status === 202 && r.body.includes('failed')) throw fail(ErrorCode.OPERATION_FAILED, `xend: ${op}: ${r.body.trim()}`);
    if (r.status === 406 || r.status === 413 || r.status === 501) throw fail(ErrorCode.HTTP_ERROR, `Unexpected HTTP error code ${r.status} from xend for op=${op}${r.body.trim() ? `: ${r.body.trim()}` : ''}`);
    if (r.status < 200 || r.status >= 300) throw fail(ErrorCode.POST_FAILED, `xend_post: error from xen daemon: ${r.status} ${r.body.trim()}`);
    return r;
  }
}

function decodeSegment(path: string): string {
  const seg = path.split('/')[3] ?? '';
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** `/xend/domain/<name>` with the name escaped (xend unquotes each path segment). */
export function domainPath(key: string): string {
  return `/xend/domain/${encodeURIComponent(key)}`;
}
