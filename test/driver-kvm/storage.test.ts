import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import {
  ErrorCode, ListStoragePoolsFlags, StoragePoolState, StorageVolResizeFlags, StorageVolStreamFlags, StorageVolType,
  type Connection, type StoragePool, type StreamChunk, type Virt,
} from '@virtkit/core';
import { embedUri, makeRoot, makeVirt, rejectsWith } from './support/hosts.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;

async function imageInfo(file: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('qemu-img', ['info', '-U', '--output=json', file]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

function poolXml(name: string, dir: string): string {
  return `<pool type='dir'><name>${name}</name><target><path>${dir}</path></target></pool>`;
}

function volXml(name: string, capacity: string, extra = ''): string {
  return `<volume><name>${name}</name><capacity unit='bytes'>${capacity}</capacity>${extra}</volume>`;
}

async function collect(chunks: AsyncIterable<StreamChunk>): Promise<{ bytes: Buffer; holes: number }> {
  const parts: Buffer[] = [];
  let holes = 0;
  for await (const c of chunks) {
    if (c.kind === 'data') parts.push(Buffer.from(c.data));
    else {
      holes++;
      parts.push(Buffer.alloc(c.length));
    }
  }
  return { bytes: Buffer.concat(parts), holes };
}

async function* chunksOf(data: Buffer, size = 100_000): AsyncGenerator<StreamChunk> {
  for (let i = 0; i < data.length; i += size) yield { kind: 'data', data: data.subarray(i, i + size) };
}

describe('driver-kvm storage: dir pools and qemu-img volumes', function () {
  this.timeout(60_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  let dir: string;
  let pool: StoragePool;

  before(async () => {
    root = await makeRoot('stor');
    dir = path.join(root, 'images');
    virt = await makeVirt();
    conn = await virt.connect(embedUri(root));
  });

  after(async () => {
    await virt.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('defines, builds and starts a dir pool that reports the filesystem sizes', async () => {
    pool = await conn.defineStoragePool(poolXml('images', dir));
    expect(await pool.isActive()).to.equal(false);
    expect(await pool.isPersistent()).to.equal(true);
    expect((await pool.getInfo()).state).to.equal(StoragePoolState.INACTIVE);
    await rejectsWith(pool.start(), ErrorCode.SYSTEM_ERROR);
    await pool.build();
    expect((await fs.stat(dir)).mode & 0o777).to.equal(0o711);
    await pool.start();
    const info = await pool.getInfo();
    const s = await fs.statfs(dir);
    expect(info.state).to.equal(StoragePoolState.RUNNING);
    expect(info.capacity).to.equal(s.blocks * s.bsize);
    expect(info.available).to.be.greaterThan(0).and.at.most(info.capacity);
    const xml = await pool.getXmlDesc();
    expect(xml).to.include(`<capacity unit='bytes'>${info.capacity}</capacity>`);
    expect(xml).to.include(`<path>${dir}</path>`);
    expect((await conn.listAllStoragePools(ListStoragePoolsFlags.ACTIVE)).map((p) => p.name)).to.deep.equal(['images']);
    expect(await conn.listAllStoragePools(ListStoragePoolsFlags.INACTIVE)).to.have.length(0);
    expect((await conn.lookupStoragePool(pool.uuid)).name).to.equal('images');
  });

  it('creates a sparse raw volume and a qcow2 one with the sizes qemu-img reports', async () => {
    const raw = await pool.createVolume(volXml('disk.raw', String(64 * MiB)));
    expect(raw.key).to.equal(path.join(dir, 'disk.raw'));
    expect(await raw.getPath()).to.equal(raw.key);
    const st = await fs.stat(raw.key);
    expect(st.size).to.equal(64 * MiB);
    expect(st.blocks * 512).to.be.lessThan(MiB);
    expect(await raw.getInfo()).to.deep.equal({ type: StorageVolType.FILE, capacity: 64 * MiB, allocation: st.blocks * 512 });

    const q = await pool.createVolume(volXml('disk.qcow2', '1', "<target><format type='qcow2'/></target>").replace("unit='bytes'>1<", "unit='G'>1<"));
    const info = await imageInfo(q.key);
    expect(info.format).to.equal('qcow2');
    expect(info['virtual-size']).to.equal(1024 * MiB);
    const xml = await q.getXmlDesc();
    expect(xml).to.include("<format type='qcow2'/>");
    expect(xml).to.include(`<capacity unit='bytes'>${1024 * MiB}</capacity>`);
    expect(xml).to.include(`<key>${q.key}</key>`);
    expect((await pool.listAllVolumes()).map((v) => v.name)).to.deep.equal(['disk.qcow2', 'disk.raw']);
    expect((await conn.lookupStorageVolByPath(q.key)).name).to.equal('disk.qcow2');
    expect((await conn.lookupStorageVolByKey(raw.key)).name).to.equal('disk.raw');
    expect((await q.lookupPool()).name).to.equal('images');

    // A file put into the directory by someone else is a volume after a refresh.
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', path.join(dir, 'foreign.qcow2'), '2M']);
    await rejectsWith(pool.lookupVolumeByName('foreign.qcow2'), ErrorCode.NO_STORAGE_VOL);
    await pool.refresh();
    const foreign = await pool.lookupVolumeByName('foreign.qcow2');
    expect(await foreign.getInfo()).to.deep.include({ capacity: 2 * MiB });
    await foreign.delete();
  });

  it('makes a thin qcow2 overlay on a base image, and a full converted copy', async () => {
    const base = await pool.lookupVolumeByName('disk.raw');
    const pattern = randomBytes(MiB);
    await base.upload(chunksOf(pattern));
    const overlay = await pool.createVolume(`<volume><name>overlay.qcow2</name>
      <target><format type='qcow2'/></target>
      <backingStore><path>${base.key}</path><format type='raw'/></backingStore></volume>`);
    const info = await imageInfo(overlay.key);
    expect(info['backing-filename']).to.equal(base.key);
    expect(info['virtual-size']).to.equal(64 * MiB);
    expect((await fs.stat(overlay.key)).size).to.be.lessThan(MiB);
    const xml = await overlay.getXmlDesc();
    expect(xml).to.match(new RegExp(`<backingStore>\\s*<path>${base.key}</path>\\s*<format type='raw'/>`));

    const copy = await pool.createVolumeFrom(volXml('copy.qcow2', '0', "<target><format type='qcow2'/></target>"), base);
    expect((await imageInfo(copy.key)).format).to.equal('qcow2');
    const { stdout } = await run('qemu-img', ['compare', '-U', '-f', 'raw', '-F', 'qcow2', base.key, copy.key]);
    expect(stdout).to.include('identical');
  });

  it('uploads and downloads a random file byte for byte, sparse or not', async () => {
    const vol = await pool.createVolume(volXml('blob.raw', String(4 * MiB)));
    const data = Buffer.concat([randomBytes(MiB), Buffer.alloc(2 * MiB), randomBytes(MiB - 7), Buffer.alloc(7)]);
    await vol.upload(chunksOf(data));
    const plain = await collect(await vol.download());
    expect(plain.holes).to.equal(0);
    expect(plain.bytes.equals(data)).to.equal(true);
    const sparse = await collect(await vol.download(0, 0, StorageVolStreamFlags.SPARSE_STREAM));
    expect(sparse.holes).to.be.greaterThan(0);
    expect(sparse.bytes.equals(data)).to.equal(true);
    const part = await collect(await vol.download(MiB - 10, 20));
    expect(part.bytes.equals(data.subarray(MiB - 10, MiB + 10))).to.equal(true);

    const target = await pool.createVolume(volXml('blob2.raw', String(4 * MiB)));
    const holey = async function* (): AsyncGenerator<StreamChunk> {
      yield { kind: 'data', data: data.subarray(0, MiB) };
      yield { kind: 'hole', length: 2 * MiB };
      yield { kind: 'data', data: data.subarray(3 * MiB) };
    };
    await rejectsWith(target.upload(holey()), ErrorCode.INVALID_ARG);
    await target.upload(holey(), 0, 0, StorageVolStreamFlags.SPARSE_STREAM);
    expect((await fs.readFile(target.key)).equals(data)).to.equal(true);
  });

  it('grows a volume, shrinks it only with the flag, wipes and deletes it', async () => {
    const vol = await pool.createVolume(volXml('grow.qcow2', String(16 * MiB), "<target><format type='qcow2'/></target>"));
    await vol.resize(32 * MiB);
    expect((await imageInfo(vol.key))['virtual-size']).to.equal(32 * MiB);
    await vol.resize(8 * MiB, StorageVolResizeFlags.DELTA);
    expect((await vol.getInfo()).capacity).to.equal(40 * MiB);
    const e = await rejectsWith(vol.resize(16 * MiB), ErrorCode.INVALID_ARG);
    expect(e.message).to.include('shrink flag');
    await vol.resize(16 * MiB, StorageVolResizeFlags.SHRINK);
    expect((await imageInfo(vol.key))['virtual-size']).to.equal(16 * MiB);

    const blob = await pool.lookupVolumeByName('blob.raw');
    await blob.wipe();
    expect((await fs.readFile(blob.key)).equals(Buffer.alloc(4 * MiB))).to.equal(true);
    await vol.wipe();
    expect((await imageInfo(vol.key))['virtual-size']).to.equal(16 * MiB);

    await vol.delete();
    expect(await fs.access(vol.key).then(() => true, () => false)).to.equal(false);
    await rejectsWith(pool.lookupVolumeByName('grow.qcow2'), ErrorCode.NO_STORAGE_VOL);
  });

  it('refuses bad input with libvirt errors and leaves nothing behind', async () => {
    const before = (await fs.readdir(dir)).sort();
    const slash = await rejectsWith(pool.createVolume(volXml('a/b', String(MiB))), ErrorCode.OPERATION_INVALID);
    expect(slash.message).to.equal("Requested operation is not valid: volume name 'a/b' cannot contain '/'");
    await rejectsWith(pool.createVolume(volXml('..', String(MiB))), ErrorCode.OPERATION_INVALID);
    await rejectsWith(pool.createVolume(volXml('zero.raw', '0')), ErrorCode.INVALID_ARG);
    await rejectsWith(pool.createVolume(volXml('huge.raw', String(2 ** 52))), ErrorCode.INVALID_ARG);
    const missing = await rejectsWith(pool.createVolume(`<volume><name>o.qcow2</name><capacity>1048576</capacity>
      <target><format type='qcow2'/></target><backingStore><path>${dir}/nope.img</path></backingStore></volume>`), ErrorCode.SYSTEM_ERROR);
    expect(missing.message).to.equal(`inaccessible backing store volume ${dir}/nope.img: No such file or directory`);
    const exists = await rejectsWith(pool.createVolume(volXml('disk.raw', String(MiB))), ErrorCode.STORAGE_VOL_EXIST);
    expect(exists.message).to.equal("storage volume 'disk.raw' exists already");
    await rejectsWith(pool.createVolume('<volume><name>x</name></volume>'), ErrorCode.XML_ERROR);
    expect((await fs.readdir(dir)).sort()).to.deep.equal(before);

    const file = path.join(root, 'a-file');
    await fs.writeFile(file, 'not a directory');
    const filePool = await conn.defineStoragePool(poolXml('filepool', file));
    const built = await rejectsWith(filePool.build(), ErrorCode.SYSTEM_ERROR);
    expect(built.message).to.equal(`cannot create path '${file}': Not a directory`);
    await rejectsWith(filePool.start(), ErrorCode.SYSTEM_ERROR);
    expect(await filePool.isActive()).to.equal(false);
    await filePool.undefine();
    await rejectsWith(conn.createStoragePool(poolXml('transient', file)), ErrorCode.SYSTEM_ERROR);
    await rejectsWith(conn.lookupStoragePoolByName('transient'), ErrorCode.NO_STORAGE_POOL);
    const dup = await rejectsWith(conn.defineStoragePool(poolXml('again', dir)), ErrorCode.OPERATION_FAILED);
    expect(dup.message).to.include("Storage source conflict with pool: 'images'");
    await rejectsWith(pool.undefine(), ErrorCode.OPERATION_INVALID);
  });

  it('keeps pool state, autostart and volumes across a driver restart', async () => {
    await pool.setAutostart(true);
    const transientDir = path.join(root, 'scratch');
    await fs.mkdir(transientDir);
    const scratch = await conn.createStoragePool(poolXml('scratch', transientDir));
    expect(await scratch.isPersistent()).to.equal(false);
    await virt.dispose();

    virt = await makeVirt();
    conn = await virt.connect(embedUri(root));
    pool = await conn.lookupStoragePoolByName('images');
    expect(await pool.isActive()).to.equal(true);
    expect(await pool.getAutostart()).to.equal(true);
    expect((await pool.listAllVolumes()).map((v) => v.name)).to.include.members(['disk.raw', 'overlay.qcow2']);
    expect(await (await conn.lookupStoragePoolByName('scratch')).isActive()).to.equal(true);

    await pool.destroy();
    await rejectsWith(pool.listAllVolumes(), ErrorCode.OPERATION_INVALID);
    await virt.dispose();
    // Inactive but autostart: the next driver starts it.
    virt = await makeVirt();
    conn = await virt.connect(embedUri(root));
    pool = await conn.lookupStoragePoolByName('images');
    expect(await pool.isActive()).to.equal(true);
    await (await conn.lookupStoragePoolByName('scratch')).destroy();
    await rejectsWith(conn.lookupStoragePoolByName('scratch'), ErrorCode.NO_STORAGE_POOL);
  });
});
