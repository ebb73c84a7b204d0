import { expect } from 'chai';
import net from 'node:net';
import { ErrorCode } from '@virtkit/core';
import { XendClient, xendErrMessage, xendFormEncode } from '@virtkit/driver-xen';
import { rejects } from './xen-hosts.js';

/** A peer that answers every connection with `reply` (or nothing), to see how the client takes bad replies. */
async function peer(reply: string | Buffer | undefined): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.once('data', () => { if (reply !== undefined) s.end(reply); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }) };
}

const ok = (body: string) => `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('driver-xen: xend client against malformed replies', () => {
  it('encodes form bodies as libvirt does: every byte but letters and digits as %xx', () => {
    expect(xendFormEncode([['op', 'migrate'], ['change_home_server', '0'], ['config', "(vm (name 'a b'))"]]))
      .to.equal('op=migrate&change%5fhome%5fserver=0&config=%28vm%20%28name%20%27a%20b%27%29%29');
    expect(xendFormEncode([['x', 'é']])).to.equal('x=%c3%a9');
  });

  it("reads xend's error bodies", () => {
    expect(xendErrMessage("(xend.err 'Domain is not halted.')")).to.equal('Domain is not halted.');
    expect(xendErrMessage('(xend.err "it\'s broken")')).to.equal("it's broken");
    expect(xendErrMessage('')).to.equal(undefined);
  });

  it('turns a reply that is not an S-expression into SEXPR_SERIAL', async () => {
    const p = await peer(ok('((( not closed'));
    try {
      await rejects(new XendClient({ host: '127.0.0.1', port: p.port }).get('/xend/node/'), ErrorCode.SEXPR_SERIAL, /malformed reply/);
    } finally {
      await p.close();
    }
  });

  it('refuses replies over 256 KiB', async () => {
    const p = await peer(ok('(' + 'x '.repeat(140 * 1024) + ')'));
    try {
      await rejects(new XendClient({ host: '127.0.0.1', port: p.port }).get('/xend/node/'), ErrorCode.INTERNAL_ERROR, /larger than 262144 bytes/);
    } finally {
      await p.close();
    }
  });

  it('gives up on a silent peer after its timeout', async () => {
    const p = await peer(undefined);
    try {
      await rejects(new XendClient({ host: '127.0.0.1', port: p.port }, { timeoutMs: 200 }).post('/xend/domain/x', 'pause'), ErrorCode.OPERATION_TIMEOUT, /within 200 ms/);
    } finally {
      await p.close();
    }
  });

  it('reports other failure statuses as GET_FAILED and POST_FAILED', async () => {
    const p = await peer('HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy');
    try {
      const client = new XendClient({ host: '127.0.0.1', port: p.port });
      await rejects(client.get('/xend/node/'), ErrorCode.GET_FAILED, /503 status from xen daemon: \/xend\/node\/:busy/);
      await rejects(client.post('/xend/domain/x', 'pause'), ErrorCode.POST_FAILED, /503 busy/);
    } finally {
      await p.close();
    }
  });
});
