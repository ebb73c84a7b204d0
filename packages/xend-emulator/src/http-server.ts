import net from 'node:net';

/** xend's web/http.py limits. */
export const MAX_CONTENT_LENGTH = 10000;
const MAX_HEADERS = 500;
const MAX_HEAD_BYTES = 64 * 1024;
const IDLE_TIMEOUT_MS = 30_000;

export interface HttpRequest {
  method: string;
  /** The path without the query string, as sent. */
  path: string;
  /** Query-string and form-body arguments merged, every value of each name in order (cgi.parse_qs). */
  args: Map<string, string[]>;
  headers: Map<string, string>;
}

export interface HttpResponse {
  status: number;
  reason?: string;
  headers?: Record<string, string>;
  body?: string;
}

export const STATUS_REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 404: 'Not found', 405: 'Method not allowed',
  406: 'Not Acceptable', 413: 'Request entity too large', 500: 'Internal server error', 501: 'Not implemented',
};

/** cgi.parse_qs with keep_blank_values: '+' is a space, %xx a byte (decoded as UTF-8). */
export function parseQs(text: string, into: Map<string, string[]>): void {
  for (const part of text.split(/[&;]/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const dec = (s: string) => {
      const bytes: number[] = [];
      const raw = s.replace(/\+/g, ' ');
      for (let i = 0; i < raw.length; i++) {
        if (raw[i] === '%' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
          bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
          i += 2;
        } else {
          for (const b of Buffer.from(raw[i], 'utf8')) bytes.push(b);
        }
      }
      return Buffer.from(bytes).toString('utf8');
    };
    const k = dec(part.slice(0, eq));
    const list = into.get(k) ?? [];
    list.push(dec(part.slice(eq + 1)));
    into.set(k, list);
  }
}

/** Header lines as xend writes them: `"%s: %s" % (k.capitalize(), v)`. */
function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

function serialize(res: HttpResponse, method: string): Buffer {
  const body = Buffer.from(res.body ?? '', 'utf8');
  const headers: Record<string, string> = { 'Pragma': 'no-cache', 'Cache-Control': 'no-cache', 'Expires': '-1', ...res.headers };
  if (method !== 'HEAD' && res.status !== 204 && res.status !== 304) headers['Content-Length'] = String(body.length);
  let head = `HTTP/1.1 ${res.status} ${res.reason ?? STATUS_REASONS[res.status] ?? 'Unknown'}\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${capitalize(k)}: ${v}\r\n`;
  return Buffer.concat([Buffer.from(head + '\r\n', 'utf8'), method === 'HEAD' ? Buffer.alloc(0) : body]);
}

/**
 * xend's HTTP server as libvirt saw it: HTTP/1.1, one request per
 * connection (closed after the reply), request bodies of at most 10000 bytes,
 * arguments from the query string and a form-encoded body merged.
 */
export function createHttpServer(handle: (req: HttpRequest) => Promise<HttpResponse>): net.Server {
  return net.createServer((socket) => {
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    let buf = Buffer.alloc(0);
    let done = false;
    const reply = (res: HttpResponse, method = 'GET') => {
      if (done) return;
      done = true;
      socket.end(serialize(res, method));
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEAD_BYTES) reply({ status: 400, body: 'Bad request' });
        return;
      }
      const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
      const fields = lines[0].split(' ');
      if (fields.length < 2 || fields.length > 3 || (fields[2] !== undefined && !/^HTTP\/\d+\.\d+$/.test(fields[2]))) {
        reply({ status: 400, body: 'Bad request' });
        return;
      }
      if (lines.length - 1 > MAX_HEADERS) {
        reply({ status: 400, body: 'Too many headers' });
        return;
      }
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const method = fields[0].toUpperCase();
      const lengthText = headers.get('content-length') ?? '0';
      const length = /^\d+$/.test(lengthText) ? Number(lengthText) : NaN;
      if (Number.isNaN(length)) {
        reply({ status: 400, body: 'Bad content length' }, method);
        return;
      }
      if (length > MAX_CONTENT_LENGTH) {
        reply({ status: 413, body: 'Request entity too large' }, method);
        return;
      }
      if (buf.length < end + 4 + length) return;
      socket.off('data', onData);
      const body = buf.subarray(end + 4, end + 4 + length).toString('latin1');
      const target = fields[1];
      const q = target.indexOf('?');
      const args = new Map<string, string[]>();
      if (q >= 0) parseQs(target.slice(q + 1), args);
      if (method === 'POST') parseQs(body, args);
      const req: HttpRequest = { method, path: q >= 0 ? target.slice(0, q) : target, args, headers };
      handle(req).then((res) => reply(res, method), (e) => reply({ status: 500, body: `Internal error: ${(e as Error).message}` }, method));
    };
    socket.on('data', onData);
  });
}
