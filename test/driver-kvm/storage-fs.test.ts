import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { guestXml } from './support/hosts.js';
import { spawnVirtkitd, stopVirtkitd } from './support/virtkitd.js';

const run = promisify(execFile);

/**
 * An fs pool on a loop device holding an ext4 image, driven by real virsh
 * through a virtkitd that runs in a private mount namespace of its own
 * (unshare -m, private propagation): the pool's mount exists only there,
 * never in the machine's namespace, and goes with the daemon.
 */
describe('driver-kvm fs pools: mkfs, mount and umount in the daemon\'s private mount namespace (real virsh)', function () {
  this.timeout(120_000);
  let dir: string;
  let loop: string | undefined;
  let daemon: ChildProcess | undefined;
  let uri: string;
  let target: string;

  const virsh = async (...args: string[]) => (await run('virsh', ['-c', uri, ...args], { timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;
  const virshFails = async (...args: string[]) => {
    try {
      await virsh(...args);
    } catch (e) {
      return (e as { stderr: string }).stderr;
    }
    return expect.fail(`virsh ${args.join(' ')} succeeded`);
  };
  /** The mount on the target as the daemon's namespace has it ('' when none). */
  const daemonMount = async () => (await run('nsenter', ['-t', String(daemon!.pid), '-m', 'findmnt', '-n', '-o', 'SOURCE,FSTYPE', target]).catch(() => ({ stdout: '' }))).stdout.trim();
  const ourMount = async () => (await run('findmnt', ['-n', target]).catch(() => ({ stdout: '' }))).stdout.trim();

  before(async function () {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vkns-fs-'));
    target = path.join(dir, 'mnt');
    const image = path.join(dir, 'disk.img');
    await fs.writeFile(image, '');
    await fs.truncate(image, 64 * 1024 * 1024);
    loop = (await run('losetup', ['-f', '--show', image])).stdout.trim();
    await fs.writeFile(path.join(dir, 'virtkitd.conf'), '');
    await startDaemon();
    uri = `qemu+unix:///session?socket=${path.join(dir, 'sock')}`;
  });

  /** virtkitd in a new private mount namespace, its state (qemu:///session's directories) in the test's directory. */
  async function startDaemon(): Promise<void> {
    const socket = path.join(dir, 'sock');
    await fs.rm(socket, { force: true });
    const env = { XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_CACHE_HOME: path.join(dir, 'cache'), XDG_RUNTIME_DIR: path.join(dir, 'run') };
    daemon = await spawnVirtkitd(['unshare', '-m', '--propagation', 'private'], ['--socket', socket, '--ro-socket', `${socket}-ro`, '--config', path.join(dir, 'virtkitd.conf')], env);
  }

  const stopDaemon = () => stopVirtkitd(daemon);

  after(async () => {
    await stopDaemon();
    // A guest a failed test left running: its command line names this test's directory, and only it does.
    await run('pkill', ['-KILL', '-f', `${dir}/`]).catch(() => {});
    // The daemon's namespace (and its mount) went with it; the loop device is the machine's and is detached here.
    if (loop) await run('losetup', ['-d', loop]).catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('pool-build makes the filesystem, pool-start mounts it (only in the daemon\'s namespace), volumes live on it, pool-destroy unmounts', async () => {
    expect(await virsh('pool-define-as', 'vkns-fs', 'fs', '--source-dev', loop!, '--source-format', 'ext4', '--target', target)).to.include('Pool vkns-fs defined');
    expect(await virsh('pool-build', 'vkns-fs', '--overwrite')).to.include('Pool vkns-fs built');
    expect((await run('blkid', ['-o', 'value', '-s', 'TYPE', loop!])).stdout.trim()).to.equal('ext4');
    expect(await virshFails('pool-build', 'vkns-fs', '--no-overwrite')).to.match(/is not empty: it holds a 'ext4' filesystem, forced overwrite is necessary/);

    expect(await virsh('pool-start', 'vkns-fs')).to.include('Pool vkns-fs started');
    expect(await daemonMount()).to.equal(`${loop} ext4`);
    expect(await ourMount(), 'nothing is mounted in the machine\'s namespace').to.equal('');
    const info = await virsh('pool-info', 'vkns-fs', '--bytes');
    // An ext4 filesystem of 64 MiB, not the size of the filesystem the target directory is on.
    const capacity = Number(/Capacity:\s+(\d+)/.exec(info)![1]);
    expect(capacity).to.be.within(50 * 1024 * 1024, 64 * 1024 * 1024);

    expect(await virsh('vol-create-as', 'vkns-fs', 'disk.qcow2', '8M', '--format', 'qcow2')).to.include('Vol disk.qcow2 created');
    expect(await virsh('vol-list', 'vkns-fs')).to.match(new RegExp(`disk\\.qcow2\\s+${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/disk\\.qcow2`));
    expect(await fs.readdir(target), 'the file is on the mounted filesystem, not in the directory under it').to.not.include('disk.qcow2');

    // A guest holding a volume keeps the filesystem busy: the pool cannot stop and stays active and mounted.
    const domFile = path.join(dir, 'dom.xml');
    await fs.writeFile(domFile, (await guestXml({ name: 'vkns-fsguest', serialLog: path.join(dir, 'serial.log') }))
      .replace('<devices>', "<devices><disk type='volume' device='disk'><source pool='vkns-fs' volume='disk.qcow2'/><target dev='vda' bus='virtio'/></disk>"));
    await virsh('create', domFile);
    expect(await virshFails('pool-destroy', 'vkns-fs')).to.match(/umount .* failed: .*busy/);
    expect(await virsh('pool-list', '--all')).to.match(/vkns-fs\s+active/);
    expect(await daemonMount()).to.equal(`${loop} ext4`);
    await virsh('destroy', 'vkns-fsguest');

    expect(await virsh('pool-destroy', 'vkns-fs')).to.include('Pool vkns-fs destroyed');
    expect(await daemonMount()).to.equal('');
    expect(await virsh('pool-start', 'vkns-fs')).to.include('Pool vkns-fs started');
    expect(await virsh('vol-list', 'vkns-fs'), 'the volume is still on the device').to.include('disk.qcow2');
    expect(await virsh('vol-delete', '--pool', 'vkns-fs', 'disk.qcow2')).to.include('Vol disk.qcow2 deleted');
    await virsh('pool-destroy', 'vkns-fs');
    expect(await virsh('pool-undefine', 'vkns-fs')).to.include('Pool vkns-fs has been undefined');
  });

  it('a daemon restarted in a new mount namespace finds the pool unmounted there and reports it inactive, then mounts it again', async () => {
    await virsh('pool-define-as', 'vkns-fsr', 'fs', '--source-dev', loop!, '--source-format', 'ext4', '--target', target);
    await virsh('pool-start', 'vkns-fsr');
    expect(await daemonMount()).to.equal(`${loop} ext4`);
    expect(await virsh('pool-list', '--all')).to.match(/vkns-fsr\s+active/);
    // The mount lived in the old daemon's namespace and went with it; the status file still says active.
    await stopDaemon();
    await startDaemon();
    expect(await virsh('pool-list', '--all')).to.match(/vkns-fsr\s+inactive/);
    expect(await daemonMount()).to.equal('');
    await virsh('pool-start', 'vkns-fsr');
    expect(await daemonMount()).to.equal(`${loop} ext4`);
    await virsh('pool-destroy', 'vkns-fsr');
    await virsh('pool-undefine', 'vkns-fsr');
  });

  it('refuses an fs pool without a source device, and a second pool on the same device', async () => {
    const bad = path.join(dir, 'bad.xml');
    await fs.writeFile(bad, `<pool type='fs'><name>vkns-nodev</name><target><path>${dir}/x</path></target></pool>`);
    expect(await virshFails('pool-define', bad)).to.match(/an fs pool needs exactly one source device/);
    await virsh('pool-define-as', 'vkns-fs1', 'fs', '--source-dev', loop!, '--source-format', 'ext4', '--target', `${dir}/one`);
    expect(await virshFails('pool-define-as', 'vkns-fs2', 'fs', '--source-dev', loop!, '--source-format', 'ext4', '--target', `${dir}/two`)).to.match(/Storage source conflict with pool: 'vkns-fs1'/);
    await virsh('pool-undefine', 'vkns-fs1');
    expect(await virsh('pool-list', '--all', '--name')).to.not.match(/vkns/);
  });
});
