import { expect } from 'chai';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DomainState, ErrorCode, ErrorDomain, isVirtError, type Virt } from '@virtkit/core';
import { createRemotePlugin, decodeWith, encodeMessage, encodeWith, FrameDecoder, MessageStatus, MessageType, Proc, remoteError, ScramClient, SCRAM_SHA_256 } from '@virtkit/remote';
import { answer, rawScram, saslFixture } from './helpers/credentials.js';
import { rejected } from './helpers/expect-error.js';
import { RawPeer } from './helpers/raw-peer.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, VIRTKITD, type Virtkitd } from './helpers/virtkitd.js';
import { occurrences } from './helpers/wait.js';

const run = promisify(execFile);
const VIRTKIT = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));


/** The error of a reply that must be one. */
function replyError(r: { header: { status: number }; body: Buffer }) {
  expect(r.header.status).to.equal(MessageStatus.ERROR);
  return decodeWith(remoteError, r.body, 'error');
}

/** A misconfigured server on loopback TCP that asks for SASL and offers SCRAM-SHA-256 there; it records the calls. */
async function offeringScramOverTcp(): Promise<{ port: number; calls: number[]; close(): void }> {
  const calls: number[] = [];
  const server = net.createServer((socket) => {
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const { header } of decoder.push(chunk)) {
        calls.push(header.proc);
        const body = header.proc === Proc.AUTH_LIST.proc ? encodeWith(Proc.AUTH_LIST.ret, { types: [1] })
          : header.proc === Proc.AUTH_SASL_INIT.proc ? encodeWith(Proc.AUTH_SASL_INIT.ret, { mechlist: SCRAM_SHA_256 })
          : undefined;
        if (!body) {
          socket.destroy();
          return;
        }
        socket.write(encodeMessage({ ...header, type: MessageType.REPLY, status: MessageStatus.OK }, body));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, calls, close: () => server.close() };
}

describe('virtkitd with SASL (auth_unix_rw = "sasl", sasl_db)', function () {
  this.timeout(60000);
  let tmp: string;
  let db: string;
  let d: Virtkitd;
  let virt: Virt;
  let authFile: string;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'virtkit-sasl-daemon-'));
    ({ db, authFile } = await saslFixture(tmp, [['alice', 'wonderland'], ['bob', 'builder']]));
    d = await startVirtkitd(`auth_unix_rw = "sasl"\nauth_tcp = "sasl"\nsasl_db = "${db}"\n`);
    virt = await remoteVirt(createRemotePlugin({ env: {} }));
  });
  after(async () => {
    await virt?.dispose();
    await d?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('virtkitd sasl-passwd keeps only a salted verifier, and checks its arguments', async () => {
    const content = await readFile(db, 'utf8');
    expect(content).to.match(/^alice:SCRAM-SHA-256\$10000:/m);
    expect(content).to.match(/^bob:SCRAM-SHA-256\$10000:/m);
    expect(content).not.to.contain('wonderland');
    const usage = spawnSync(process.execPath, [VIRTKITD, 'sasl-passwd', 'alice'], { input: 'x\n', encoding: 'utf8' });
    expect(usage.status).to.equal(2);
    expect(usage.stderr).to.contain('give --db FILE and one USER');
  });

  it('authenticates a virtkit client through the auth callback', async () => {
    const conn = await virt.connect(d.uri(), { auth: answer('alice', 'wonderland') });
    expect((await conn.listAllDomains()).map((x) => x.name)).to.include('test');
    await conn.close();
    expect(d.stderr()).to.contain('SASL authentication succeeded');
  });

  it("refuses a wrong password with libvirt's error, after a delay, while other clients are served and nothing changes", async () => {
    const other = await virt.connect(d.uri(), { auth: answer('bob', 'builder') });
    const dom = await other.lookupDomainByName('test');
    const stateBefore = (await dom.getState()).state;
    const events: string[] = [];
    const wrong = rejected(virt.connect(d.uri(), { auth: answer('alice', 'guess') })).then((e) => (events.push('refused'), e));
    // While the refusal waits out its penalty, another client's calls go through.
    await new Promise((r) => setTimeout(r, 200));
    expect((await dom.getInfo()).state).to.equal(stateBefore);
    events.push('served');
    const e = await wrong;
    expect(events).to.deep.equal(['served', 'refused']);
    expect(isVirtError(e, ErrorCode.AUTH_FAILED), String(e)).to.equal(true);
    expect((e as { domain: number }).domain).to.equal(ErrorDomain.RPC);
    expect((e as Error).message).to.equal('authentication failed: authentication failed');
    expect((await dom.getState()).state).to.equal(stateBefore);
    expect(d.stderr()).to.match(/SASL authentication failed.*"user":"alice".*"failures":1/);
    await other.close();
  });

  it('refuses every other call before authentication, and after a failed one', async () => {
    const peer = await RawPeer.connect(d.socket);
    try {
      peer.call(Proc.AUTH_LIST.proc, 1);
      expect(decodeWith(Proc.AUTH_LIST.ret, (await peer.reply(1)).body, 'list').types).to.deep.equal([1]);
      peer.call(Proc.CONNECT_OPEN.proc, 2, encodeWith(Proc.CONNECT_OPEN.args, { name: 'test:///default', flags: 0 }));
      const e = replyError(await peer.reply(2));
      expect([e.code, e.domain, e.message]).to.deep.equal([ErrorCode.RPC, ErrorDomain.RPC, 'authentication required']);
      const failed = replyError(await rawScram(peer, 'bob', 'not-builder', 3));
      expect([failed.code, failed.message]).to.deep.equal([ErrorCode.AUTH_FAILED, 'authentication failed: authentication failed']);
      peer.call(Proc.DOMAIN_LOOKUP_BY_NAME.proc, 6, encodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, { name: 'test' }));
      expect(replyError(await peer.reply(6)).message).to.equal('authentication required');
      // The same connection may try again, and then it is in.
      const ok = await rawScram(peer, 'bob', 'builder', 7);
      expect(ok.header.status).to.equal(MessageStatus.OK);
      expect(decodeWith(Proc.AUTH_SASL_STEP.ret, ok.body, 'step').complete).to.equal(1);
      await peer.open();
    } finally {
      peer.end();
    }
  });

  it('refuses a garbage exchange and keeps serving', async () => {
    const peer = await RawPeer.connect(d.socket);
    try {
      peer.call(Proc.AUTH_SASL_INIT.proc, 1);
      await peer.reply(1);
      peer.call(Proc.AUTH_SASL_START.proc, 2, encodeWith(Proc.AUTH_SASL_START.args, { mech: SCRAM_SHA_256, nil: 0, data: Buffer.from('\x00garbage,,=,') }));
      expect(replyError(await peer.reply(2, 40000)).message).to.equal('authentication failed: authentication failed');
      peer.call(Proc.AUTH_SASL_STEP.proc, 3, encodeWith(Proc.AUTH_SASL_STEP.args, { nil: 0, data: Buffer.from('c=biws,r=x,p=AAAA') }));
      expect(replyError(await peer.reply(3)).message).to.equal('authentication failed: authentication failed');
      peer.call(Proc.AUTH_SASL_START.proc, 4, Buffer.from([0, 0, 0, 200]));
      expect(replyError(await peer.reply(4)).code).to.equal(ErrorCode.RPC);
    } finally {
      peer.end();
    }
    const conn = await virt.connect(d.uri(), { auth: answer('bob', 'builder') });
    expect(await conn.getType()).to.equal('TEST');
    await conn.close();
  });

  it('fails without credentials when there is no callback and no auth.conf', async () => {
    const e = await rejected(virt.connect(d.uri()));
    expect((e as Error).message).to.equal('authentication failed: No authentication callback available');
  });

  it('serves the read-only socket without authentication (auth_unix_ro = "none")', async () => {
    const conn = await virt.connect(`test+unix:///default?socket=${d.roSocket}`, { readonly: true });
    expect((await conn.lookupDomainByName('test')).name).to.equal('test');
    await conn.close();
  });

  it('offers no mechanism over plain TCP', async () => {
    let asked = 0;
    const e = await rejected(virt.connect(`test+tcp://127.0.0.1:${d.tcp.port}/default`, { auth: () => void asked++ }));
    expect((e as Error).message).to.equal('authentication failed: authentication failed');
    expect(asked).to.equal(0);
    const peer = await RawPeer.connectTcp('127.0.0.1', d.tcp.port);
    try {
      peer.call(Proc.AUTH_SASL_INIT.proc, 1);
      expect(replyError(await peer.reply(1)).message).to.equal('authentication failed: authentication failed');
    } finally {
      peer.end();
    }
    expect(d.stderr()).to.contain('plain TCP needs TLS for SCRAM-SHA-256');
  });

  it('does not use SCRAM-SHA-256 over plain TCP even when a server offers it', async () => {
    const server = await offeringScramOverTcp();
    let asked = 0;
    try {
      const e = await rejected(virt.connect(`test+tcp://127.0.0.1:${server.port}/default`, { auth: () => void asked++ }));
      expect((e as Error).message).to.equal('authentication failed: Failed to start SASL negotiation: -4 (SASL(-4): no mechanism available: No worthy mechs found)');
      expect(asked, 'no credentials are asked for or sent').to.equal(0);
      expect(server.calls).to.deep.equal([Proc.AUTH_LIST.proc, Proc.AUTH_SASL_INIT.proc]);
    } finally {
      server.close();
    }
  });

  it('lets real virsh in with the credentials of auth.conf (LIBVIRT_AUTH_FILE), and refuses a wrong password', async () => {
    const env = { ...process.env, LANG: 'C', LC_ALL: 'C', LIBVIRT_AUTH_FILE: authFile };
    const { stdout } = await run('virsh', ['-c', d.uri(), 'list', '--all'], { env, timeout: 20000 });
    expect(stdout).to.match(/\btest\s+running/);
    const wrongFile = path.join(tmp, 'wrong.conf');
    await writeFile(wrongFile, '[credentials-x]\nauthname=alice\npassword=nope\n[auth-libvirt-default]\ncredentials=x\n');
    const err = await rejected(run('virsh', ['-c', d.uri(), 'list'], { env: { ...env, LIBVIRT_AUTH_FILE: wrongFile }, timeout: 40000 }));
    expect((err as { stderr: string }).stderr).to.contain('error: authentication failed: authentication failed');
    expect(occurrences(d.stderr(), 'SASL authentication failed')).to.be.greaterThan(1);
  });

  it('lets the virtkit command in with auth.conf, and says why without it when stdin is not a terminal', async () => {
    const env = { ...process.env, VIRTKIT_PLUGINS: '', LIBVIRT_AUTH_FILE: authFile };
    const { stdout } = await run(process.execPath, [VIRTKIT, '-c', d.uri(), 'list', '--all'], { env, timeout: 20000 });
    expect(stdout).to.match(/\btest\s+running/);
    const err = await rejected(run(process.execPath, [VIRTKIT, '-c', d.uri(), 'list'], { env: { ...env, LIBVIRT_AUTH_FILE: path.join(tmp, 'none.conf') }, timeout: 20000 }));
    expect((err as { stderr: string }).stderr).to.contain("cannot read the authentication file");
    const { LIBVIRT_AUTH_FILE: _omit, ...noFile } = env;
    const err2 = await rejected(run(process.execPath, [VIRTKIT, '-c', d.uri(), 'list'], { env: { ...noFile, HOME: tmp, XDG_CONFIG_HOME: tmp }, timeout: 20000 }));
    expect((err2 as { stderr: string }).stderr).to.contain('error: authentication failed: No authentication callback available');
  });

  it('will not start a "sasl" listener without sasl_db', async () => {
    const e = await rejected(startVirtkitd('auth_unix_rw = "sasl"\n'));
    expect((e as Error).message).to.contain('a listener uses auth "sasl" but no sasl_db is configured');
  });

  it('keeps the domain running through all of it', async () => {
    const conn = await virt.connect(d.uri(), { auth: answer('alice', 'wonderland') });
    expect((await (await conn.lookupDomainByName('test')).getState()).state).to.equal(DomainState.RUNNING);
    await conn.close();
  });
});
