import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode, StorageVolStreamFlags, isVirtError, type Connection, type StreamChunk, type Virt } from '@virtkit/core';
import { PassThrough } from 'node:stream';
import { runCli, type CliIo } from '@virtkit/cli';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;

async function virsh(uri: string, ...args: string[]): Promise<string> {
  return (await run('virsh', ['-c', uri, ...args], { timeout: 30000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;
}

async function virshError(uri: string, ...args: string[]): Promise<string> {
  try {
    await virsh(uri, ...args);
  } catch (e) {
    return (e as { stderr: string }).stderr;
  }
  throw new Error(`virsh ${args.join(' ')} succeeded`);
}

/** Random data with a 2 MiB run of zeros in the middle and a few at the end. */
function holeyData(): Buffer {
  return Buffer.concat([randomBytes(MiB + 5), Buffer.alloc(2 * MiB), randomBytes(MiB), Buffer.alloc(11)]);
}

async function collect(chunks: AsyncIterable<StreamChunk>): Promise<{ bytes: Buffer; holes: number }> {
  const parts: Buffer[] = [];
  let holes = 0;
  for await (const c of chunks) {
    if (c.kind === 'hole') holes++;
    parts.push(c.kind === 'data' ? Buffer.from(c.data) : Buffer.alloc(c.length));
  }
  return { bytes: Buffer.concat(parts), holes };
}

async function* chunksOf(data: Buffer, size = 300_000): AsyncGenerator<StreamChunk> {
  for (let i = 0; i < data.length; i += size) yield { kind: 'data', data: data.subarray(i, i + size) };
}

/** virtkit's CLI in this process: its stdout, stderr and exit code. */
async function virtkit(uri: string, commands: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, errStream: new PassThrough() };
  const code = await runCli(['-c', uri, commands], io, { env: {} });
  return { code, out, err };
}

describe('storage pools, volumes and volume streams through virtkitd (KVM driver behind the wire)', function () {
  this.timeout(60000);
  let d: Virtkitd;
  let tmp: string;
  let uri: string;
  let virt: Virt;
  let conn: Connection;
  let poolDir: string;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'virtkitd-storage-'));
    // qemu:///session out of the daemon's own XDG directories (virsh refuses remote embed URIs).
    d = await startVirtkitd('', { env: { XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_RUNTIME_DIR: path.join(tmp, 'run') } });
    uri = `qemu+unix:///session?socket=${d.socket}`;
    poolDir = path.join(tmp, 'pool');
    virt = await remoteVirt();
    conn = await virt.connect(uri);
  });
  after(async () => {
    await virt?.dispose();
    await d?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  it('real virsh defines, builds and starts a dir pool and creates a qcow2 overlay on a raw base', async () => {
    expect(await virsh(uri, 'pool-define-as', 'vk', 'dir', '--target', poolDir)).to.include('Pool vk defined');
    expect(await virsh(uri, 'pool-build', 'vk')).to.include('Pool vk built');
    expect(await virsh(uri, 'pool-start', 'vk')).to.include('Pool vk started');
    expect(await virsh(uri, 'pool-list', '--all')).to.match(/^ vk\s+active\s+no\s*$/m);
    const info = await virsh(uri, 'pool-info', 'vk');
    expect(info).to.match(/State:\s+running/);
    expect(info).to.match(/Persistent:\s+yes/);
    expect(await virsh(uri, 'vol-create-as', 'vk', 'base.raw', '8M')).to.include('Vol base.raw created');
    await virsh(uri, 'vol-create-as', 'vk', 'overlay.qcow2', '16M', '--format', 'qcow2', '--backing-vol', 'base.raw', '--backing-vol-format', 'raw');
    const xml = await virsh(uri, 'vol-dumpxml', '--pool', 'vk', 'overlay.qcow2');
    expect(xml).to.include("<format type='qcow2'/>");
    expect(xml).to.include(`<path>${path.join(poolDir, 'base.raw')}</path>`);
    expect(await virsh(uri, 'vol-path', '--pool', 'vk', 'overlay.qcow2')).to.equal(`${path.join(poolDir, 'overlay.qcow2')}\n\n`);
    expect(await virsh(uri, 'vol-info', '--pool', 'vk', 'overlay.qcow2')).to.match(/Capacity:\s+16\.00 MiB/);
    expect(await virsh(uri, 'vol-list', 'vk')).to.include('overlay.qcow2');
  });

  it('real virsh vol-upload and vol-download round-trip a random file byte for byte, sparse and not', async () => {
    const data = holeyData();
    const src = path.join(tmp, 'upload.bin');
    await writeFile(src, data);
    await virsh(uri, 'vol-upload', '--pool', 'vk', 'base.raw', src);
    expect((await readFile(path.join(poolDir, 'base.raw'))).subarray(0, data.length).equals(data)).to.equal(true);
    const back = path.join(tmp, 'download.bin');
    await virsh(uri, 'vol-download', '--pool', 'vk', 'base.raw', back, '--length', String(data.length));
    expect((await readFile(back)).equals(data)).to.equal(true);

    const sparseBack = path.join(tmp, 'download-sparse.bin');
    await virsh(uri, 'vol-download', '--sparse', '--pool', 'vk', 'base.raw', sparseBack);
    const whole = await readFile(path.join(poolDir, 'base.raw'));
    expect((await readFile(sparseBack)).equals(whole)).to.equal(true);
    expect((await stat(sparseBack)).blocks * 512).to.be.lessThan(whole.length);

    // A sparse upload over old data: the holes read back as zeros.
    const second = Buffer.concat([Buffer.alloc(3 * MiB), randomBytes(MiB)]);
    const src2 = path.join(tmp, 'upload2.bin');
    await writeFile(src2, second);
    await virsh(uri, 'vol-upload', '--sparse', '--pool', 'vk', 'base.raw', src2);
    expect((await readFile(path.join(poolDir, 'base.raw'))).subarray(0, second.length).equals(second)).to.equal(true);
  });

  it('the API streams through virtkitd: upload, download with holes, and errors from the far end', async () => {
    const pool = await conn.lookupStoragePoolByName('vk');
    const vol = await pool.createVolume(`<volume><name>blob.raw</name><capacity unit='M'>5</capacity></volume>`);
    const data = holeyData();
    await vol.upload(chunksOf(data));
    const plain = await collect(await vol.download(0, data.length));
    expect(plain.holes).to.equal(0);
    expect(plain.bytes.equals(data)).to.equal(true);
    const sparse = await collect(await vol.download(0, data.length, StorageVolStreamFlags.SPARSE_STREAM));
    expect(sparse.holes).to.be.greaterThan(0);
    expect(sparse.bytes.equals(data)).to.equal(true);

    // More than `length` bytes: the daemon's driver refuses, the client's upload fails with its error.
    const err = await vol.upload(chunksOf(data), 0, MiB).then(() => undefined, (e: unknown) => e);
    expect(isVirtError(err, ErrorCode.INVALID_ARG), String(err)).to.equal(true);
    // The connection is still good.
    expect((await vol.getInfo()).capacity).to.equal(5 * MiB);
    const missing = await vol.download(0, 0, 0x8).then(() => undefined, (e: unknown) => e);
    expect(isVirtError(missing, ErrorCode.INVALID_ARG), String(missing)).to.equal(true);
  });

  it("virtkit's pool-* and vol-* commands print what virsh prints, and stream files as virsh does", async () => {
    for (const cmd of ['pool-list', 'pool-list --all --details', 'pool-info vk', 'pool-dumpxml vk', 'pool-dumpxml --inactive vk', 'vol-list vk', 'vol-list vk --details',
      'vol-info --pool vk overlay.qcow2', 'vol-info --bytes --pool vk base.raw', 'vol-dumpxml --pool vk overlay.qcow2', `vol-path --pool vk overlay.qcow2`,
      `vol-key ${path.join(poolDir, 'base.raw')}`]) {
      const ours = await virtkit(uri, cmd);
      expect(ours.err, cmd).to.equal('');
      // The filesystem's used and free space move between the two runs.
      const steady = (t: string) => t.replace(/(<allocation unit='bytes'>|<available unit='bytes'>|Allocation:\s+|Available:\s+)[\d.]+/g, '$1N')
        .replace(/^( vk .*?)\S+ \S+\s+\S+ \S+$/m, '$1N');
      expect(steady(ours.out), cmd).to.equal(steady(await virsh(uri, ...cmd.split(' '))));
    }
    const data = holeyData();
    const src = path.join(tmp, 'cli-up.bin');
    const back = path.join(tmp, 'cli-down.bin');
    await writeFile(src, data);
    const r = await virtkit(uri, `vol-create-as vk cli.raw 6M; vol-upload --sparse --pool vk cli.raw ${src}; vol-download --pool vk cli.raw ${back} --length ${data.length}`);
    expect(r.err).to.equal('');
    expect(r.out).to.equal('Vol cli.raw created\n\n');
    expect((await readFile(back)).equals(data)).to.equal(true);
    const bad = await virtkit(uri, 'vol-create-as vk a/b 1M');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.include("error: Requested operation is not valid: volume name 'a/b' cannot contain '/'");
    expect(await virtkit(uri, 'vol-delete --pool vk cli.raw')).to.deep.include({ code: 0, out: 'Vol cli.raw deleted\n\n' });
  });

  it('real virsh resizes, wipes, clones and deletes, and refuses bad input with libvirt errors', async () => {
    expect(await virsh(uri, 'vol-resize', '--pool', 'vk', 'overlay.qcow2', '32M')).to.include("successfully changed to 32M");
    expect(await virshError(uri, 'vol-resize', '--pool', 'vk', 'overlay.qcow2', '8M')).to.include("Can't shrink capacity below current capacity unless shrink flag explicitly specified");
    await virsh(uri, 'vol-resize', '--pool', 'vk', 'overlay.qcow2', '8M', '--shrink');
    expect(await virsh(uri, 'vol-info', '--pool', 'vk', 'overlay.qcow2')).to.match(/Capacity:\s+8\.00 MiB/);
    expect(await virsh(uri, 'vol-wipe', '--pool', 'vk', 'blob.raw')).to.include('Vol blob.raw wiped');
    expect((await readFile(path.join(poolDir, 'blob.raw'))).equals(Buffer.alloc(5 * MiB))).to.equal(true);
    expect(await virsh(uri, 'vol-clone', '--pool', 'vk', 'overlay.qcow2', 'clone.qcow2')).to.include('Vol clone.qcow2 cloned from overlay.qcow2');
    expect(await virsh(uri, 'vol-delete', '--pool', 'vk', 'clone.qcow2')).to.include('Vol clone.qcow2 deleted');
    expect(await virshError(uri, 'vol-create-as', 'vk', 'a/b', '1M')).to.include("error: Requested operation is not valid: volume name 'a/b' cannot contain '/'");
    expect(await virshError(uri, 'vol-create-as', 'vk', 'zero.raw', '0')).to.include('invalid argument');
    expect(await virshError(uri, 'vol-create-as', 'vk', 'base.raw', '1M')).to.include("storage volume 'base.raw' exists already");
    // virsh tries the name, then the key, then the path, and prints the last refusal.
    expect(await virshError(uri, 'vol-info', '--pool', 'vk', 'nope')).to.include("Storage volume not found: no storage vol with matching path 'nope'");
    expect(await virshError(uri, 'pool-info', 'nope')).to.include('Storage pool not found');
    const file = path.join(tmp, 'a-file');
    await writeFile(file, 'x');
    await virsh(uri, 'pool-define-as', 'filepool', 'dir', '--target', file);
    expect(await virshError(uri, 'pool-build', 'filepool')).to.include(`cannot create path '${file}': Not a directory`);
    await virsh(uri, 'pool-undefine', 'filepool');
    expect(await virsh(uri, 'vol-list', 'vk')).to.not.include('a/b');
  });

  it('real virsh stops, autostarts and undefines the pool; the volumes stay on disk', async () => {
    expect(await virsh(uri, 'pool-autostart', 'vk')).to.include('Pool vk marked as autostarted');
    expect(await virsh(uri, 'pool-list', '--all', '--autostart')).to.include('vk');
    expect(await virsh(uri, 'pool-destroy', 'vk')).to.include('Pool vk destroyed');
    expect(await virsh(uri, 'pool-info', 'vk')).to.match(/State:\s+inactive/);
    expect(await virsh(uri, 'pool-undefine', 'vk')).to.include('Pool vk has been undefined');
    expect(await virsh(uri, 'pool-list', '--all')).to.not.include('vk');
    expect((await stat(path.join(poolDir, 'overlay.qcow2'))).isFile()).to.equal(true);
  });
});
