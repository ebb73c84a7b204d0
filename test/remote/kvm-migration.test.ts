import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DomainState, MigrateFlags } from '@virtkit/core';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { qemuFirmwareXml as guest } from './helpers/domain-xml.js';

const run = promisify(execFile);
const virsh = async (...args: string[]) => (await run('virsh', args, { timeout: 60000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;


describe('migration of real QEMU guests between two virtkitd daemons (KVM driver behind the wire)', function () {
  this.timeout(120000);
  let a: Virtkitd;
  let b: Virtkitd;
  let tmp: string;
  // virsh refuses remote embed URIs, so each daemon serves qemu:///session out of its own XDG directories: two hosts on one machine.
  const uriOf = (d: Virtkitd) => `qemu+unix:///session?socket=${d.socket}`;
  const xdg = (dir: string) => ({ XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_CACHE_HOME: path.join(dir, 'cache'), XDG_RUNTIME_DIR: path.join(dir, 'run') });

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'virtkitd-kvm-'));
    [a, b] = await Promise.all([startVirtkitd('', { env: xdg(path.join(tmp, 'a')) }), startVirtkitd('', { env: xdg(path.join(tmp, 'b')) })]);
  });
  after(async () => {
    for (const d of [a, b]) {
      for (const name of ['vk-qemu-virsh', 'vk-qemu-client', 'vk-qemu-p2p', 'vk-qemu-storage']) await virsh('-c', uriOf(d), 'destroy', name).catch(() => '');
    }
    await Promise.all([a?.stop(), b?.stop()]);
    await rm(tmp, { recursive: true, force: true });
  });

  it('real virsh migrate --live moves a running QEMU guest with protocol v3', async () => {
    const src = uriOf(a);
    const dst = uriOf(b);
    const file = path.join(tmp, 'vk-qemu-virsh.xml');
    await writeFile(file, guest('vk-qemu-virsh'));
    await virsh('-c', src, `define ${file}; start vk-qemu-virsh`);
    expect((await virsh('-c', src, 'domstate', 'vk-qemu-virsh')).trim()).to.equal('running');
    const [aLog, bLog] = [a.stderr().length, b.stderr().length];
    await virsh('-c', src, 'migrate', '--live', '--persistent', '--undefinesource', 'vk-qemu-virsh', dst);
    expect((await virsh('-c', dst, 'domstate', 'vk-qemu-virsh')).trim()).to.equal('running');
    expect(await virsh('-c', src, 'list', '--all')).to.not.contain('vk-qemu-virsh');
    const calls = (log: string) => [...log.matchAll(/call (DOMAIN_MIGRATE_[A-Z0-9_]+)/g)].map((m) => m[1]);
    // virtkitd advertises MIGRATION_PARAMS with v3: virsh sends the typed-parameter variants.
    expect(calls(a.stderr().slice(aLog))).to.deep.equal(['DOMAIN_MIGRATE_BEGIN3_PARAMS', 'DOMAIN_MIGRATE_PERFORM3_PARAMS', 'DOMAIN_MIGRATE_CONFIRM3_PARAMS']);
    expect(calls(b.stderr().slice(bLog))).to.deep.equal(['DOMAIN_MIGRATE_PREPARE3_PARAMS', 'DOMAIN_MIGRATE_FINISH3_PARAMS']);
    // The destination rebuilt the guest from the XML that travelled: same UUID, canonical machine type.
    const xml = await virsh('-c', dst, 'dumpxml', 'vk-qemu-virsh');
    expect(xml).to.match(/machine='pc-i440fx-[0-9.]+'/);
  });

  it('real virsh migrate --live --p2p --persistent --undefinesource: the source daemon opens the destination and moves the QEMU guest', async () => {
    const src = uriOf(a);
    const dst = uriOf(b);
    const file = path.join(tmp, 'vk-qemu-p2p.xml');
    await writeFile(file, guest('vk-qemu-p2p'));
    await virsh('-c', src, `define ${file}; start vk-qemu-p2p`);
    const [aLog, bLog] = [a.stderr().length, b.stderr().length];
    await virsh('-c', src, 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', 'vk-qemu-p2p', dst);
    expect((await virsh('-c', dst, 'domstate', 'vk-qemu-p2p')).trim()).to.equal('running');
    expect(await virsh('-c', dst, 'list', '--persistent', '--name')).to.contain('vk-qemu-p2p');
    expect(await virsh('-c', src, 'list', '--all')).to.not.contain('vk-qemu-p2p');
    const calls = (log: string) => [...log.matchAll(/call (DOMAIN_MIGRATE_[A-Z0-9_]+)/g)].map((m) => m[1]);
    // virsh made one call; the source daemon drove the destination's phases itself.
    expect(calls(a.stderr().slice(aLog))).to.deep.equal(['DOMAIN_MIGRATE_PERFORM3_PARAMS']);
    expect(calls(b.stderr().slice(bLog))).to.deep.equal(['DOMAIN_MIGRATE_PREPARE3', 'DOMAIN_MIGRATE_FINISH3']);
    await virsh('-c', dst, 'destroy', 'vk-qemu-p2p');
  });

  it('real virsh migrate --copy-storage-all copies a disk that exists only on the source host', async () => {
    const src = uriOf(a);
    const dst = uriOf(b);
    const name = 'vk-qemu-storage';
    const srcDisk = path.join(tmp, 'a-disk.img');
    const dstDisk = path.join(tmp, 'b-disk.img');
    const content = Buffer.alloc(2 * 1024 * 1024);
    for (let i = 0; i < content.length; i += 4096) content.writeUInt32LE(i, i);
    await writeFile(srcDisk, content);
    const disk = (f: string) => `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${f}'/><target dev='vdb' bus='virtio'/></disk>`;
    const file = path.join(tmp, `${name}.xml`);
    await writeFile(file, guest(name).replace('</devices>', `${disk(srcDisk)}</devices>`));
    await virsh('-c', src, `define ${file}; start ${name}`);
    const dxml = path.join(tmp, `${name}-dest.xml`);
    await writeFile(dxml, (await virsh('-c', src, 'dumpxml', '--migratable', name)).replace(srcDisk, dstDisk));
    await virsh('-c', src, 'migrate', '--live', '--persistent', '--undefinesource', '--copy-storage-all', '--xml', dxml, name, dst);
    expect((await virsh('-c', dst, 'domstate', name)).trim()).to.equal('running');
    expect(await virsh('-c', src, 'list', '--all')).to.not.contain(name);
    await virsh('-c', dst, 'destroy', name);
    expect((await readFile(dstDisk)).equals(content), 'the disk on the destination').to.equal(true);
  });

  it("virtkit's client negotiates v2 over the wire when the source offers only v2, and Prepare2 carries the XML", async () => {
    const virt = await remoteVirt();
    try {
      const srcConn = await virt.connect(uriOf(a));
      const dstConn = await virt.connect(uriOf(b));
      const { wrapConnection } = await import('@virtkit/core/testing');
      const dom = await srcConn.defineDomain(guest('vk-qemu-client'));
      await dom.start();
      const [bLog] = [b.stderr().length];
      const v2only = wrapConnection(srcConn, { migrationVersions: [2] });
      const res = await (await v2only.lookupDomainByName('vk-qemu-client')).migrate(dstConn, { flags: MigrateFlags.LIVE });
      expect(res.version).to.equal(2);
      expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
      expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
      expect(b.stderr().slice(bLog)).to.contain('call DOMAIN_MIGRATE_PREPARE2').and.to.contain('call DOMAIN_MIGRATE_FINISH2');
    } finally {
      await virt.dispose();
    }
  });

  it('a restarted virtkitd finds the QEMU guest still running and manages it', async () => {
    const env = xdg(path.join(tmp, 'c'));
    const first = await startVirtkitd('', { env });
    let second: Virtkitd | undefined;
    try {
      const file = path.join(tmp, 'vk-qemu-restart.xml');
      await writeFile(file, guest('vk-qemu-restart'));
      await virsh('-c', uriOf(first), `define ${file}; start vk-qemu-restart`);
      const uuid = (await virsh('-c', uriOf(first), 'domuuid', 'vk-qemu-restart')).trim();
      const status = JSON.parse(await readFile(path.join(env.XDG_RUNTIME_DIR, 'virtkit', 'qemu', `${uuid}.json`), 'utf8')) as { pid: number };
      await first.stop();
      expect(procState(status.pid), 'QEMU outlives the daemon').to.equal('running');
      second = await startVirtkitd('', { env });
      expect(await virsh('-c', uriOf(second), 'list')).to.match(/ vk-qemu-restart +running/);
      await virsh('-c', uriOf(second), 'destroy', 'vk-qemu-restart');
      expect((await virsh('-c', uriOf(second), 'domstate', 'vk-qemu-restart')).trim()).to.equal('shut off');
      expect(procState(status.pid)).to.not.equal('running');
    } finally {
      await first.stop().catch(() => {});
      await second?.stop();
    }
  });
});

/** A process's state from /proc: a zombie is not running. */
function procState(pid: number): 'running' | 'gone' {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)) ? 'gone' : 'running';
  } catch {
    return 'gone';
  }
}
