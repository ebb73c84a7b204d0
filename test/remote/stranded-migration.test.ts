import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JobType, type Connection } from '@virtkit/core';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { remoteVirt } from './helpers/remote-virt.js';
import { startDaemonPair, startVirtkitd, stopDaemonPair, type Virtkitd } from './helpers/virtkitd.js';
import { waitFor } from './helpers/wait.js';
import { qemuFirmwareXml, testDomainXml } from './helpers/domain-xml.js';

const run = promisify(execFile);
const virsh = async (uri: string, ...args: string[]) => (await run('virsh', ['-c', uri, ...args], { timeout: 60000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;

/** The stderr of a virsh run that must fail. */
async function virshError(uri: string, ...args: string[]): Promise<string> {
  try {
    await virsh(uri, ...args);
  } catch (e) {
    return (e as { stderr: string }).stderr;
  }
  throw new Error(`virsh ${args.join(' ')} succeeded`);
}

/**
 * A client that runs the v3 phases over the wire up to Prepare3 or
 * Perform3 and then dies: its connections close without Finish3 or
 * Confirm3.
 */
async function clientDies(srcUri: string, dstUri: string, name: string, when: 'after-prepare' | 'after-perform', bandwidth = 0): Promise<void> {
  const virt = await remoteVirt();
  try {
    const a: Connection = await virt.connect(srcUri);
    const b: Connection = await virt.connect(dstUri);
    await abandonMigrationV3(a, b, await a.lookupDomainByName(name), when === 'after-prepare' ? 'prepare' : 'perform', { bandwidth });
  } finally {
    await virt.dispose();
  }
}


const domstate = async (uri: string, name: string) => (await virsh(uri, 'domstate', '--reason', name)).trim();

/** A guest the client left behind, recovered with virsh only, and migrated again with virsh migrate. */
async function recoverWithVirsh(src: string, dst: string, name: string, performed: boolean, endIncoming: 'destroy' | 'domjobabort' | 'gone'): Promise<void> {
  if (performed) {
    expect(await domstate(src, name)).to.equal('paused (migrating)');
    expect(await virshError(src, 'resume', name)).to.contain(`is being migrated; use domjobabort to cancel a migration whose client is gone`);
    await virsh(src, 'domjobabort', name);
    expect(await domstate(src, name)).to.equal('running (migration canceled)');
    expect(await virshError(src, 'domjobabort', name)).to.contain('no job is active on the domain');
  } else {
    expect(await domstate(src, name)).to.equal('running (booted)');
  }
  if (endIncoming !== 'gone') {
    expect(await domstate(dst, name)).to.equal('paused (migrating)');
    await virsh(dst, endIncoming, name);
  }
  await waitFor(async () => !(await virsh(dst, 'list', '--all', '--name')).includes(name), 10000, 'no incoming guest on the destination');
  await virsh(src, 'migrate', '--live', name, dst);
  expect((await virsh(dst, 'domstate', name)).trim()).to.equal('running');
  expect((await virsh(src, 'domstate', name)).trim()).to.equal('shut off');
}

describe('a migration whose client died after Prepare3 or Perform3, then virsh (test:/// behind two virtkitd)', function () {
  this.timeout(60000);
  let a: Virtkitd;
  let b: Virtkitd;
  let tmp: string;

  before(async () => {
    [a, b, tmp] = await startDaemonPair('virsh-strand-');
  });
  after(() => stopDaemonPair(a, b, tmp));

  // The daemons end what the client left (phase-ownership.test.ts has the cases); what is left for virsh is the
  // source paused after a Perform3 whose outcome only the client knew.
  const cases = [
    { what: 'after Perform3; the destination ended the incoming guest itself', when: 'after-perform' as const, endIncoming: 'gone' as const },
    { what: 'after Prepare3; the destination ended the incoming guest itself', when: 'after-prepare' as const, endIncoming: 'gone' as const },
  ];
  cases.forEach((c, i) => {
    it(`client gone ${c.what}, and virsh migrate then succeeds`, async () => {
      const name = `vk-strand-${i}`;
      const ms = 50;
      const src = a.uri(`/strand-${i}`, `migration-ms=${ms}`);
      const dst = b.uri(`/strand-${i}`, `empty=1&migration-ms=${ms}`);
      const file = path.join(tmp, `${name}.xml`);
      await writeFile(file, testDomainXml(name));
      await virsh(src, `define ${file}; start ${name}`);
      await clientDies(src, dst, name, c.when);
      await recoverWithVirsh(src, dst, name, c.when !== 'after-prepare', c.endIncoming);
    });
  });
});


describe('a QEMU migration whose client died after Perform3, recovered with real virsh (qemu:///session behind two virtkitd)', function () {
  this.timeout(180000);
  let tmp: string;
  const daemons: Virtkitd[] = [];
  // Each daemon serves qemu:///session out of its own XDG directories: two hosts on one machine.
  const xdg = (dir: string) => ({ XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_CACHE_HOME: path.join(dir, 'cache'), XDG_RUNTIME_DIR: path.join(dir, 'run') });
  const uriOf = (d: Virtkitd) => `qemu+unix:///session?socket=${d.socket}`;
  const start = async (host: string) => {
    const d = await startVirtkitd('', { env: xdg(path.join(tmp, host)) });
    daemons.push(d);
    return d;
  };

  before(async () => { tmp = await mkdtemp(path.join(os.tmpdir(), 'virtkitd-strand-')); });
  after(async () => {
    for (const d of daemons) {
      if (d.proc.exitCode !== null) continue;
      for (const name of ['vk-strand-qemu', 'vk-strand-restart', 'vk-strand-during']) await virsh(uriOf(d), 'destroy', name).catch(() => '');
    }
    for (const d of daemons) await d.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  });

  // A KVM host lives while connections to it are open: when the dead client's were the last, the next
  // open reattaches as a restarted driver does, and the unfinished incoming guest is destroyed then.
  it('virsh resume is refused with the way out, virsh domjobabort resumes the source, the incoming guest is gone, virsh migrate succeeds', async () => {
    const [a, b] = await Promise.all([start('a'), start('b')]);
    const file = path.join(tmp, 'vk-strand-qemu.xml');
    await writeFile(file, qemuFirmwareXml('vk-strand-qemu'));
    await virsh(uriOf(a), `define ${file}; start vk-strand-qemu`);
    await clientDies(uriOf(a), uriOf(b), 'vk-strand-qemu', 'after-perform');
    await recoverWithVirsh(uriOf(a), uriOf(b), 'vk-strand-qemu', true, 'gone');
  });

  it('client gone during Perform3, its connections the last: the next open cancels the stream and resumes the source, virsh migrate succeeds', async () => {
    const [a, b] = await Promise.all([start('e'), start('f')]);
    const file = path.join(tmp, 'vk-strand-during.xml');
    await writeFile(file, qemuFirmwareXml('vk-strand-during'));
    await virsh(uriOf(a), `define ${file}; start vk-strand-during`);
    const virt = await remoteVirt();
    const src = await virt.connect(uriOf(a));
    const phases = abandonMigrationV3(src, await virt.connect(uriOf(b)), await src.lookupDomainByName('vk-strand-during'), 'perform', { flags: 0, bandwidth: 1 });
    phases.catch(() => {});
    await waitFor(async () => (await (await src.lookupDomainByName('vk-strand-during')).getJobInfo()).type === JobType.UNBOUNDED, 20000, 'the transfer to start');
    const statusOf = async () => {
      const runDir = path.join(tmp, 'e', 'run', 'virtkit', 'qemu');
      const [f] = (await readdir(runDir)).filter((x) => x.endsWith('.json'));
      return JSON.parse(await readFile(path.join(runDir, f), 'utf8')) as { migration?: { phase: string } };
    };
    await waitFor(async () => (await statusOf()).migration?.phase === 'perform', 10000, "the phase 'perform' on disk");
    await virt.dispose();
    // Not live: the guest paused for the transfer. The phase stays on disk; the next open cancels QEMU's stream and resumes it.
    expect((await domstate(uriOf(a), 'vk-strand-during')).trim()).to.equal('running (migration canceled)');
    expect((await statusOf()).migration).to.equal(undefined);
    expect(await virsh(uriOf(b), 'list', '--all', '--name')).to.not.contain('vk-strand-during');
    await virsh(uriOf(a), 'migrate', '--live', 'vk-strand-during', uriOf(b));
    expect((await virsh(uriOf(b), 'domstate', 'vk-strand-during')).trim()).to.equal('running');
  });

  it('across a restart of both daemons: the source stays paused (migrating) until virsh domjobabort, the incoming guest is gone, virsh migrate succeeds', async () => {
    let [a, b] = await Promise.all([start('c'), start('d')]);
    const file = path.join(tmp, 'vk-strand-restart.xml');
    await writeFile(file, qemuFirmwareXml('vk-strand-restart'));
    await virsh(uriOf(a), `define ${file}; start vk-strand-restart`);
    await clientDies(uriOf(a), uriOf(b), 'vk-strand-restart', 'after-perform');
    await Promise.all([a.stop(), b.stop()]);
    [a, b] = await Promise.all([start('c'), start('d')]);
    expect(await virsh(uriOf(b), 'list', '--all', '--name')).to.not.contain('vk-strand-restart');
    expect(await domstate(uriOf(a), 'vk-strand-restart')).to.equal('paused (migrating)');
    expect(await virshError(uriOf(a), 'resume', 'vk-strand-restart')).to.contain('use domjobabort to cancel a migration whose client is gone');
    await virsh(uriOf(a), 'domjobabort', 'vk-strand-restart');
    expect(await domstate(uriOf(a), 'vk-strand-restart')).to.equal('running (migration canceled)');
    await virsh(uriOf(a), 'migrate', '--live', 'vk-strand-restart', uriOf(b));
    expect((await virsh(uriOf(b), 'domstate', 'vk-strand-restart')).trim()).to.equal('running');
  });
});
