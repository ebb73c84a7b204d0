import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { remoteVirt } from './helpers/remote-virt.js';
import { cEnv as env, domstate, jobType, listNames as names, twoDaemons, virsh } from './helpers/virsh.js';
import { waitFor } from './helpers/wait.js';

/**
 * Each migration phase belongs to the client connection that started it:
 * a client gone before the next phase leaves nothing stranded, without any
 * command from anyone.
 */
describe('migration phases owned by the client connection (test:/// behind two virtkitd, real virsh killed)', function () {
  this.timeout(60000);
  const hosts = twoDaemons('virtkit-owned-');
  const { defineRunning } = hosts;
  let a: ReturnType<typeof hosts.a>;
  let b: ReturnType<typeof hosts.b>;
  before(() => { a = hosts.a(); b = hosts.b(); });

  /** The guest runs on the source only, nothing is left on the destination, and virsh migrate then succeeds. */
  async function runsOnSourceOnly(src: string, dst: string, name: string, reason: RegExp): Promise<void> {
    await waitFor(async () => !(await names(dst)).includes(name), 10000, 'the incoming guest to be ended');
    await waitFor(async () => /^running/.test(await domstate(src, name)), 10000, 'the source to run');
    expect(await domstate(src, name)).to.match(reason);
    expect(await jobType(src, name)).to.equal('None');
    await virsh(src, 'migrate', '--live', name, dst);
    expect((await virsh(dst, 'domstate', name)).trim()).to.equal('running');
    expect((await virsh(src, 'domstate', name)).trim()).to.equal('shut off');
  }

  /** Starts virsh migrate and SIGKILLs it once the source's transfer runs. */
  async function killVirshDuringPerform(src: string, dst: string, name: string): Promise<void> {
    const child = spawn('virsh', ['-c', src, 'migrate', '--live', name, dst], { env, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await waitFor(async () => (await jobType(src, name)) === 'Unbounded', 10000, 'the transfer to start');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }

  it('v3: virsh killed during Perform3: the source cancels and runs on, the destination ends its incoming guest', async () => {
    const src = a.uri('/owned-v3', 'empty=1&migration-ms=3000');
    const dst = b.uri('/owned-v3', 'empty=1&migration-ms=300');
    await defineRunning(src, 'vk-owned-v3');
    await killVirshDuringPerform(src, dst, 'vk-owned-v3');
    await runsOnSourceOnly(src, dst, 'vk-owned-v3', /^running/);
  });

  it('v2: virsh killed during Perform: the source cancels and runs on, the destination ends its incoming guest', async () => {
    const src = a.uri('/owned-v2', 'empty=1&migration=v2&migration-ms=3000');
    const dst = b.uri('/owned-v2', 'empty=1&migration=v2&migration-ms=300');
    await defineRunning(src, 'vk-owned-v2');
    await killVirshDuringPerform(src, dst, 'vk-owned-v2');
    await runsOnSourceOnly(src, dst, 'vk-owned-v2', /^running/);
  });

  it('v3: a client gone after Prepare3: the destination forgets the prepared migration, the source never stopped', async () => {
    const src = a.uri('/owned-prep', 'empty=1&migration-ms=200');
    const dst = b.uri('/owned-prep', 'empty=1&migration-ms=200');
    await defineRunning(src, 'vk-owned-prep');
    const virt = await remoteVirt();
    try {
      const s = await virt.connect(src);
      const d = await virt.connect(dst);
      await abandonMigrationV3(s, d, await s.lookupDomainByName('vk-owned-prep'), 'prepare');
      expect(await domstate(dst, 'vk-owned-prep')).to.equal('paused (migrating)');
    } finally {
      await virt.dispose();
    }
    await runsOnSourceOnly(src, dst, 'vk-owned-prep', /^running \(booted\)$/);
  });

  it('v3: a client gone after Perform3 succeeded: the source keeps the guest paused (the outcome is unknown), the destination ends its incoming guest', async () => {
    const src = a.uri('/owned-perf', 'empty=1&migration-ms=100');
    const dst = b.uri('/owned-perf', 'empty=1&migration-ms=100');
    await defineRunning(src, 'vk-owned-perf');
    const virt = await remoteVirt();
    try {
      const s = await virt.connect(src);
      const d = await virt.connect(dst);
      await abandonMigrationV3(s, d, await s.lookupDomainByName('vk-owned-perf'), 'perform');
    } finally {
      await virt.dispose();
    }
    await waitFor(async () => !(await names(dst)).includes('vk-owned-perf'), 10000, 'the incoming guest to be ended');
    expect(await domstate(src, 'vk-owned-perf')).to.equal('paused (migrating)');
    await virsh(src, 'domjobabort', 'vk-owned-perf');
    await runsOnSourceOnly(src, dst, 'vk-owned-perf', /^running \(migration canceled\)$/);
  });
});
