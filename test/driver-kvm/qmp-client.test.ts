import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ErrorCode, ErrorDomain, isVirtError, type VirtError } from '@virtkit/core';
import { QmpClient, type QmpEvent } from '@virtkit/driver-kvm';

describe('driver-kvm QMP client (real QEMU)', function () {
  this.timeout(30_000);
  let dir: string;
  let qemu: ChildProcess;
  let qmp: QmpClient;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'virtkit-qmp-'));
    const sock = path.join(dir, 'mon.sock');
    qemu = spawn('qemu-system-x86_64', ['-machine', 'none', '-nodefaults', '-display', 'none', '-S', '-chardev', `socket,id=mon,path=${sock},server=on,wait=off`, '-mon', 'chardev=mon,mode=control'], { stdio: 'ignore' });
    qmp = await QmpClient.connect(sock, { timeoutMs: 10_000 });
  });

  afterEach(async () => {
    qmp.close();
    if (qemu.exitCode === null && qemu.signalCode === null) {
      qemu.kill('SIGCONT');
      qemu.kill('SIGKILL');
      await new Promise((r) => qemu.once('exit', r));
    }
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads the greeting and leaves negotiation mode', async () => {
    expect(qmp.greeting.version.qemu.major).to.be.at.least(7);
    const status = await qmp.execute<{ status: string; running: boolean }>('query-status');
    expect(status).to.deep.include({ status: 'prelaunch', running: false });
  });

  it('matches concurrent responses to their commands', async () => {
    const [status, name, version] = await Promise.all([
      qmp.execute<{ status: string }>('query-status'),
      qmp.execute<Record<string, unknown>>('query-name'),
      qmp.execute<{ qemu: { major: number } }>('query-version'),
    ]);
    expect(status.status).to.equal('prelaunch');
    expect(name).to.deep.equal({});
    expect(version.qemu.major).to.equal(qmp.greeting.version.qemu.major);
  });

  it("turns QMP errors into libvirt's INTERNAL_ERROR with the QMP class", async () => {
    try {
      await qmp.execute('no-such-command');
      expect.fail('no error');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.INTERNAL_ERROR), String(e)).to.equal(true);
      expect((e as VirtError).domain).to.equal(ErrorDomain.QEMU);
      expect((e as Error).message).to.match(/^internal error: unable to execute QEMU command 'no-such-command': The command no-such-command has not been found/);
      expect((e as { details: { str1?: string } }).details.str1).to.equal('CommandNotFound');
    }
    const status = await qmp.execute<{ status: string }>('query-status');
    expect(status.status).to.equal('prelaunch');
  });

  it('delivers events to subscribers', async () => {
    const seen: string[] = [];
    const off = qmp.onEvent((e: QmpEvent) => seen.push(e.event));
    const resumed = qmp.waitForEvent('RESUME', 5000);
    await qmp.execute('cont');
    await resumed;
    const stopped = qmp.waitForEvent('STOP', 5000);
    await qmp.execute('stop');
    await stopped;
    off();
    expect(seen).to.include.members(['RESUME', 'STOP']);
  });

  it('times out a command QEMU does not answer, with OPERATION_TIMEOUT', async () => {
    qemu.kill('SIGSTOP');
    try {
      await qmp.execute('query-status', undefined, { timeoutMs: 300 });
      expect.fail('no timeout');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.OPERATION_TIMEOUT), String(e)).to.equal(true);
    } finally {
      qemu.kill('SIGCONT');
    }
  });

  it('fails pending commands and tells subscribers when QEMU exits', async () => {
    const closed = new Promise<void>((r) => qmp.onClose(() => r()));
    const pending = qmp.execute('quit').catch((e: unknown) => e);
    await closed;
    const after = await qmp.execute('query-status').catch((e: unknown) => e);
    expect(isVirtError(after, ErrorCode.OPERATION_FAILED), String(after)).to.equal(true);
    const r = await pending;
    // QEMU may answer quit before it closes the socket, or close first.
    if (!isVirtError(r)) expect(r).to.deep.equal({});
  });

  it('gives up connecting to a socket that never appears', async () => {
    try {
      await QmpClient.connect(path.join(dir, 'missing.sock'), { timeoutMs: 200 });
      expect.fail('connected');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.OPERATION_FAILED)).to.equal(true);
    }
  });
});
