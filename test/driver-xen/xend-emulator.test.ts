import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { xendFormEncode } from '@virtkit/driver-xen';
import { XendEmulator } from '@virtkit/xend-emulator';

function raw(target: { port: number } | { path: string }, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(target as net.NetConnectOpts);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => { s.destroy(); reject(new Error('no reply within 5 s')); }, 5000);
    s.on('data', (c) => chunks.push(c));
    s.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(chunks).toString('utf8')); });
    s.on('error', (e) => { clearTimeout(timer); reject(e); });
    s.end(request);
  });
}

function post(pathname: string, params: Array<[string, string]>): string {
  const body = xendFormEncode(params);
  return `POST ${pathname} HTTP/1.1\r\nHost: localhost:8000\r\nAccept-Encoding: identity\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

const get = (pathname: string) => `GET ${pathname} HTTP/1.1\r\nHost: localhost:8000\r\nAccept-Encoding: identity\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n`;
const bodyOf = (reply: string) => reply.slice(reply.indexOf('\r\n\r\n') + 4);
const statusOf = (reply: string) => reply.slice(0, reply.indexOf('\r\n'));
const CONFIG = "(vm (name g.1) (memory 64) (uuid 5e1f0000-0000-4000-8000-000000000001) (image (linux (kernel /k))))";

describe('xend emulator: the wire protocol', () => {
  let emu: XendEmulator;
  let http: { port: number };

  beforeEach(async () => {
    emu = await XendEmulator.start({ httpPort: 0 });
    http = { port: emu.httpPort! };
  });
  afterEach(async () => emu.stop());

  it('answers in one-line S-expressions with the header names xend writes', async () => {
    const reply = await raw(http, get('/xend/domain'));
    expect(statusOf(reply)).to.equal('HTTP/1.1 200 OK');
    expect(reply).to.contain('\r\nContent-type: application/sxp\r\n').and.contain('\r\nContent-length: 10\r\n').and.contain('\r\nPragma: no-cache\r\n').and.contain('\r\nCache-control: no-cache\r\n');
    expect(bodyOf(reply)).to.equal('(Domain-0)');
  });

  it('creates a domain paused with 201 and lists running ones only by default', async () => {
    const created = await raw(http, post('/xend/domain/', [['op', 'create'], ['config', CONFIG]]));
    expect(statusOf(created)).to.equal('HTTP/1.1 201 created');
    expect(created).to.contain('\r\nLocation: /xend/domain/g.1\r\n');
    expect(bodyOf(created)).to.match(/^\(domain \(domid 1\) .*\(name g\.1\).*\(status 1\) \(state --p---\)/);
    expect(bodyOf(await raw(http, get('/xend/domain')))).to.equal('(Domain-0)');
    expect(bodyOf(await raw(http, get('/xend/domain?state=paused')))).to.equal('(g.1)');
    expect(statusOf(await raw(http, post('/xend/domain/g.1', [['op', 'unpause']])))).to.equal('HTTP/1.1 200 OK');
    expect(bodyOf(await raw(http, get('/xend/domain')))).to.equal('(Domain-0 g.1)');
    expect(bodyOf(await raw(http, get('/xend/domain/1?op=vcpuinfo')))).to.match(/^\(domain \(domid 1\) \(name g\.1\) \(vcpu_count 1\) \(vcpu \(number 0\) \(online 1\)/);
    expect(bodyOf(await raw(http, get('/xend/domain/5e1f0000-0000-4000-8000-000000000001')))).to.contain('(name g.1)');
    expect(statusOf(await raw(http, post('/xend/domain/g.1', [['op', 'destroy']])))).to.equal('HTTP/1.1 202 Accepted');
    expect(bodyOf(await raw(http, get('/xend/domain?state=all')))).to.equal('(Domain-0)');
  });

  it('keeps a defined domain halted and lists it with state=halted', async () => {
    expect(statusOf(await raw(http, post('/xend/domain/', [['op', 'new'], ['config', CONFIG]])))).to.equal('HTTP/1.1 200 OK');
    expect(bodyOf(await raw(http, get('/xend/domain?state=halted')))).to.equal('(g.1)');
    const desc = bodyOf(await raw(http, get('/xend/domain/g.1?detail=1')));
    expect(desc).to.contain('(status 0)').and.not.contain('(domid').and.not.contain('(state ');
  });

  it("answers xend's errors: 404 faults, 406, 501, 413 and 500 with (xend.err …)", async () => {
    const missing = await raw(http, post('/xend/domain/nope', [['op', 'pause']]));
    expect(statusOf(missing)).to.equal('HTTP/1.1 404 Not found');
    expect(missing).to.contain('Content-type: text/plain');
    expect(bodyOf(missing)).to.equal("<Fault 3: 'nope'>");
    expect(statusOf(await raw(http, post('/xend/domain/Domain-0', [])))).to.equal('HTTP/1.1 406 Invalid request');
    expect(statusOf(await raw(http, post('/xend/domain/Domain-0', [['op', 'pause'], ['op', 'unpause']])))).to.equal('HTTP/1.1 406 Invalid request');
    const unknown = await raw(http, post('/xend/domain/Domain-0', [['op', 'fly']]));
    expect(statusOf(unknown)).to.equal('HTTP/1.1 501 Not implemented');
    expect(bodyOf(unknown)).to.equal('Operation not implemented: fly');
    const big = await raw(http, post('/xend/domain/', [['op', 'new'], ['config', `(vm (name big) (description '${' '.repeat(4000)}'))`]]));
    expect(statusOf(big)).to.equal('HTTP/1.1 413 Request entity too large');
    const noReason = await raw(http, post('/xend/domain/Domain-0', [['op', 'shutdown']]));
    expect(statusOf(noReason)).to.equal('HTTP/1.1 500 Request failed: shutdown');
    expect(bodyOf(noReason)).to.equal("(xend.err 'Missing parameter: reason')");
    const badConfig = await raw(http, post('/xend/domain/', [['op', 'new'], ['config', '(vm (name x']]));
    expect(bodyOf(badConfig)).to.match(/^\(xend\.err 'Invalid configuration: failed to parse S-expression/);
    expect(statusOf(await raw(http, 'GARBAGE\r\n\r\n'))).to.equal('HTTP/1.1 400 Bad Request');
    expect(statusOf(await raw(http, 'POST /xend/domain/ HTTP/1.1\r\nContent-Length: lots\r\n\r\n'))).to.equal('HTTP/1.1 400 Bad Request');
    expect(statusOf(await raw(http, get('/xend/vnet/x')))).to.equal('HTTP/1.1 404 Not found');
    const badName = await raw(http, post('/xend/domain/', [['op', 'create'], ['config', "(vm (name 'a b'))"]]));
    expect(statusOf(badName)).to.equal('HTTP/1.1 500 Request failed: create');
    expect(bodyOf(badName)).to.equal("(xend.err 'Error creating domain: Invalid VM Name')");
    const twice = await raw(http, post('/xend/domain/', [['op', 'create'], ['config', CONFIG]]));
    expect(statusOf(twice)).to.equal('HTTP/1.1 201 created');
    const again = await raw(http, post('/xend/domain/', [['op', 'create'], ['config', CONFIG]]));
    expect(bodyOf(again)).to.equal(`(xend.err "Error creating domain: Domain 'g.1' already exists with ID '1'")`);
  });

  it('keeps the status of threaded ops when they fail: 200 for migrate, 202 for save', async () => {
    await raw(http, post('/xend/domain/', [['op', 'new'], ['config', CONFIG]]));
    const migrate = await raw(http, post('/xend/domain/g.1', [['op', 'migrate'], ['destination', '127.0.0.1'], ['live', '0'], ['port', '0'], ['node', '-1'], ['ssl', '0'], ['change_home_server', '0']]));
    expect(statusOf(migrate)).to.equal('HTTP/1.1 200 OK');
    expect(bodyOf(migrate)).to.equal("(xend.err 'Domain is not running')");
    const missing = await raw(http, post('/xend/domain/g.1', [['op', 'migrate'], ['destination', '127.0.0.1']]));
    expect(bodyOf(missing)).to.equal("(xend.err 'Missing parameter: live')");
    const save = await raw(http, post('/xend/domain/g.1', [['op', 'save'], ['file', '/nonexistent/dir/x']]));
    expect(statusOf(save)).to.equal('HTTP/1.1 202 Accepted');
    expect(bodyOf(save)).to.equal("(xend.err 'Domain is not running')");
  });

  it('speaks the relocation protocol: help, unknown ops and broken guest records', async () => {
    const port = emu.relocationPort;
    expect(await raw({ port }, 'help\nquit\n')).to.equal('(ok (receive sslreceive help quit))\n');
    expect(await raw({ port }, 'teleport\nquit\n')).to.equal(`(err (type "<class 'xen.xend.XendError.XendError'>") (value 'Invalid operation: teleport'))\n`);
    const broken = await raw({ port }, Buffer.concat([Buffer.from('receive\nNotAGuestRecord!'), Buffer.alloc(8)]));
    expect(broken).to.equal(`(ready receive)\n(err (type "<class 'xen.xend.XendError.XendError'>") (value 'not a valid guest state file: signature mismatch'))\n`);
    expect(bodyOf(await raw(http, get('/xend/domain?state=all')))).to.equal('(Domain-0)');
  });

  it('runs standalone with npm run xend-emulator', async function () {
    this.timeout(20000);
    const dir = await mkdtemp(path.join(tmpdir(), 'virtkit-xend-cli-'));
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const socket = path.join(dir, 'xend.sock');
    const child = spawn('npm', ['run', '--silent', 'xend-emulator', '--', '--socket', socket, '--http-port', '0', '--relocation-port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no ready line within 15 s: ${out}`)), 15000);
        child.stdout!.on('data', (c) => {
          out += String(c);
          if (out.includes('\n')) { clearTimeout(timer); resolve(out); }
        });
        child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}: ${out}`)); });
      });
      expect(ready).to.match(new RegExp(`^xend-emulator ready socket=${socket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} http=\\d+ relocation=\\d+\\n$`));
      const reply = await raw({ path: socket }, get('/xend/node/'));
      expect(bodyOf(reply)).to.match(/^\(node \(system Linux\) /);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
