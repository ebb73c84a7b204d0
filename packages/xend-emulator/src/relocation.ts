import net from 'node:net';
import { formatSexpr, parseSexpr, type Sexpr } from '@virtkit/driver-xen/sexpr';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import type { Guest } from './guest.js';
import { SocketReader } from './socket-reader.js';
import { XendError, strerror } from './xend-errors.js';
import type { XendDomains } from './xend-domains.js';

const TIMEOUT_MS = 30_000;

function errReply(e: unknown): string {
  const cls = e instanceof XendError ? e.pythonClass : 'exceptions.Exception';
  const msg = e instanceof Error ? e.message : String(e);
  return formatSexpr(['err', ['type', `<class '${cls}'>`], ['value', msg]]) + '\n';
}

/**
 * The relocation listener (relocate.py RelocationProtocol): one S-expression
 * request per line; `receive` answers `(ready receive)`, then reads a guest
 * record and recreates the guest running; replies are `(ok)` or
 * `(err (type …) (value '…'))`.
 */
export function createRelocationServer(domains: XendDomains): net.Server {
  return net.createServer((socket) => {
    socket.setNoDelay(true);
    const reader = new SocketReader(socket, TIMEOUT_MS);
    void (async () => {
      try {
        for (;;) {
          const line = (await reader.readLine()).trim();
          if (line === '') continue;
          let op: Sexpr;
          try {
            op = parseSexpr(line);
          } catch (e) {
            socket.write(errReply(new XendError((e as Error).message)));
            continue;
          }
          const name = Array.isArray(op) ? op[0] : op;
          if (name === 'quit') break;
          if (name === 'help') {
            socket.write(formatSexpr(['ok', ['receive', 'sslreceive', 'help', 'quit']]) + '\n');
          } else if (name === 'receive') {
            socket.write(formatSexpr(['ready', 'receive']) + '\n');
            try {
              const cp = await decodeCheckpoint((n) => reader.read(n));
              domains.restore(cp.config, cp.state, { relocating: true });
              socket.write('(ok)\n');
            } catch (e) {
              socket.write(errReply(e));
            }
            break;
          } else {
            socket.write(errReply(new XendError(`Invalid operation: ${typeof name === 'string' ? name : formatSexpr(name)}`)));
          }
        }
      } catch {
        // The peer went away or timed out; nothing to answer.
      }
      socket.end();
    })();
  });
}

/**
 * The sending side of a migration (XendDomain._domain_migrate with
 * XendCheckpoint.save): connects, asks to `receive`, streams the guest
 * record, then reads the destination's verdict. Errors carry " (from host)".
 */
export async function sendGuest(guest: Guest, config: Sexpr, host: string, port: number): Promise<void> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect({ host, port, timeout: TIMEOUT_MS });
    s.once('connect', () => { s.setTimeout(0); resolve(s); });
    s.once('timeout', () => { s.destroy(); reject(new XendError("can't connect: timed out")); });
    s.once('error', (e) => reject(new XendError(`can't connect: ${strerror(e)}`)));
  });
  const reader = new SocketReader(socket, TIMEOUT_MS);
  try {
    socket.write('receive\n');
    const ready = await reader.readLine(80);
    if (ready.trim() !== '(ready receive)') throw new XendError(`unexpected reply from relocation server: ${ready.slice(0, 80)}`);
    socket.write(encodeCheckpoint(config, { cpuTime: guest.cpuTime }));
    const reply = (await reader.readLine()).trim();
    if (reply.startsWith('(err')) {
      let value = reply;
      try {
        const parsed = parseSexpr(reply);
        const v = Array.isArray(parsed) ? parsed.find((x): x is Sexpr[] => Array.isArray(x) && x[0] === 'value')?.[1] : undefined;
        if (typeof v === 'string') value = v;
      } catch {
        // Keep the raw reply as the message.
      }
      throw new XendError(`${value} (from ${host})`);
    }
    if (!reply.startsWith('(ok')) throw new XendError(`unexpected reply from relocation server: ${reply.slice(0, 80)}`);
  } catch (e) {
    if (e instanceof XendError) throw e;
    throw new XendError(`${(e as Error).message} (from ${host})`);
  } finally {
    socket.destroy();
  }
}
