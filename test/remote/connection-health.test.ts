import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ConnectCloseReason, ErrorCode, isVirtError, type ConnectionCloseEvent, type Virt } from '@virtkit/core';
import { createRemotePlugin, Proc } from '@virtkit/remote';
import { rejected } from './helpers/expect-error.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { scriptedServer } from './helpers/scripted-server.js';
import { startSshd, type Sshd } from './helpers/sshd.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { waitFor } from './helpers/wait.js';

const STALL_PLUGIN = fileURLToPath(new URL('./helpers/stall-plugin.js', import.meta.url));
const VIRTKIT = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));

/** A virtkitd that also hosts `stall:///`, whose listDomains never returns. */
const stallingDaemon = () => startVirtkitd('', { env: { VIRTKIT_PLUGINS: STALL_PLUGIN } });

/** Resolves when the daemon has started handling `proc` (its debug log names every call). */
const handling = (d: Virtkitd, proc: string) => waitFor(() => d.stderr().includes(`call ${proc}`), 10000, `virtkitd to handle ${proc}`);

describe('connection health: the daemon going away, keepalive timeout, close events', function () {
  this.timeout(60000);
  let sshd: Sshd;
  let virt: Virt | undefined;
  let daemon: Virtkitd | undefined;

  before(async () => {
    sshd = await startSshd();
  });
  afterEach(async () => {
    if (daemon?.proc.exitCode === null) daemon.proc.kill('SIGCONT');
    await virt?.dispose();
    await daemon?.stop();
    virt = daemon = undefined;
  });
  after(async () => {
    await sshd?.stop();
  });

  it('fails a call in flight over ssh with end of file, and the close callback says EOF', async () => {
    daemon = await stallingDaemon();
    virt = await remoteVirt();
    const conn = await virt.connect(sshd.uri('stall', '/', { socket: daemon.socket }));
    const events: ConnectionCloseEvent[] = [];
    conn.registerCloseCallback((e) => events.push(e));
    const call = rejected(conn.listAllDomains());
    await handling(daemon, 'CONNECT_LIST_ALL_DOMAINS');
    daemon.proc.kill('SIGKILL');
    const e = await call;
    expect(isVirtError(e, ErrorCode.SYSTEM_ERROR), String(e)).to.equal(true);
    expect((e as Error).message).to.equal('End of file while reading data: Input/output error');
    await waitFor(() => events.length > 0, 5000, 'the close event');
    expect(events.map((x) => x.reason)).to.deep.equal([ConnectCloseReason.EOF]);
    expect(events[0].error).to.equal(e);
    const later = await rejected(conn.getType());
    expect((later as Error).message).to.equal('End of file while reading data: Input/output error');
  });

  it('virtkit exits 1 with virsh\'s lines when the daemon dies mid-command', async () => {
    daemon = await stallingDaemon();
    const uri = sshd.uri('stall', '/', { socket: daemon.socket });
    const cli = spawn(process.execPath, [VIRTKIT, '-c', uri, 'list'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VIRTKIT_PLUGINS: '' } });
    let out = '';
    let err = '';
    cli.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    cli.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => cli.once('exit', (code) => r(code)));
    await handling(daemon, 'CONNECT_LIST_ALL_DOMAINS');
    daemon.proc.kill('SIGKILL');
    expect(await exited).to.equal(1);
    // virsh ends every command it ran, failed ones too, with an empty line (vshCommandRun).
    expect(out).to.equal('\n');
    expect(err).to.equal([
      `error: Disconnected from ${uri} due to end of file`,
      'error: End of file while reading data: Input/output error',
      '',
    ].join('\n'));
  });

  it('closes a connection whose server stops answering, with reason KEEPALIVE, and fails the call waiting', async () => {
    daemon = await startVirtkitd('', { verbose: false });
    virt = await remoteVirt(createRemotePlugin({ keepalive: { interval: 1, count: 2 } }));
    const conn = await virt.connect(sshd.uri('test', '/default', { socket: daemon.socket }));
    const events: ConnectionCloseEvent[] = [];
    conn.registerCloseCallback((e) => events.push(e));
    expect(await conn.getType()).to.equal('TEST');
    daemon.proc.kill('SIGSTOP');
    const started = Date.now();
    const e = await rejected(conn.listAllDomains());
    const took = Date.now() - started;
    expect((e as Error).message).to.equal('internal error: connection closed due to keepalive timeout');
    // interval × (count + 1) after the last packet, give or take an interval
    expect(took).to.be.within(1500, 5000);
    await waitFor(() => events.length > 0, 5000, 'the close event');
    expect(events.map((x) => x.reason)).to.deep.equal([ConnectCloseReason.KEEPALIVE]);
  });

  it('fails a call whose reply is overdue with OPERATION_TIMEOUT and keeps the connection serving', async () => {
    daemon = await stallingDaemon();
    virt = await remoteVirt(createRemotePlugin({ callTimeoutMs: 400 }));
    const conn = await virt.connect(`stall+unix:///?socket=${daemon.socket}`);
    const started = Date.now();
    const e = await rejected(conn.listAllDomains());
    const took = Date.now() - started;
    expect(isVirtError(e, ErrorCode.OPERATION_TIMEOUT), String(e)).to.equal(true);
    expect((e as Error).message).to.match(/waiting for the reply to CONNECT_LIST_ALL_DOMAINS/);
    // the deadline, give or take one sweep of the pending calls
    expect(took).to.be.within(350, 3000);
    // the server still answers on the same connection (the stall driver refuses the call)
    const next = await rejected(conn.getHostname());
    expect(isVirtError(next, ErrorCode.NO_SUPPORT), String(next)).to.equal(true);
  });

  it('closes on a malformed frame from the server with reason ERROR', async () => {
    // A length word of 3 (below the 28-byte minimum) in answer to CONNECT_GET_TYPE.
    const server = await scriptedServer(() => 0, (proc, socket) => proc === Proc.CONNECT_GET_TYPE.proc && socket.write(Buffer.from([0, 0, 0, 3])));
    virt = await remoteVirt();
    try {
      const conn = await virt.connect(server.uri);
      const events: ConnectionCloseEvent[] = [];
      conn.registerCloseCallback((e) => events.push(e));
      const e = await rejected(conn.getType());
      expect(isVirtError(e), String(e)).to.equal(true);
      await waitFor(() => events.length > 0, 5000, 'the close event');
      expect(events.map((x) => x.reason)).to.deep.equal([ConnectCloseReason.ERROR]);
      expect(events[0].error).to.equal(e);
    } finally {
      await virt.dispose();
      virt = undefined;
      await server.close();
    }
  });

    it('reports a connection closed by the caller to no close callback', async () => {
    daemon = await startVirtkitd('', { verbose: false });
    virt = await remoteVirt();
    const conn = await virt.connect(daemon.uri());
    const events: ConnectionCloseEvent[] = [];
    conn.registerCloseCallback((e) => events.push(e));
    await conn.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(events).to.deep.equal([]);
  });
});
