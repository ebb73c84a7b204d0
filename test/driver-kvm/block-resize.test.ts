import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { DomainBlockResizeFlags, ErrorCode, StoragePoolCreateFlags, type Connection, type StoragePool, type Virt } from '@virtkit/core';
import { ensureDiskGuest, lastDiskSize } from './support/guest.js';
import { embedUri, guestXml, makeRoot, makeVirt, rejectsWith } from './support/hosts.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../../packages/cli/dist/main.js', import.meta.url));
const MiB = 1024 * 1024;

/** Waits until the guest's last reported /sys/block/<dev>/size is `sectors`. */
async function waitForGuestSize(serialLog: string, sectors: number, dev: 'vda' | 'vdb' = 'vda', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = lastDiskSize(await fs.readFile(serialLog, 'utf8').catch(() => ''), dev);
    if (seen === sectors) return;
    if (Date.now() > deadline) throw new Error(`the guest's ${dev} did not reach ${sectors} sectors (last seen: ${seen})`);
    await delay(100);
  }
}

async function imageSize(file: string): Promise<number> {
  const { stdout } = await run('qemu-img', ['info', '-U', '--output=json', file]);
  return (JSON.parse(stdout) as { 'virtual-size': number })['virtual-size'];
}

describe('driver-kvm blockresize: a running guest sees its pool volume grow (real QEMU)', function () {
  this.timeout(180_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  let pool: StoragePool;

  before(async () => {
    root = await makeRoot('vkns-blk');
    virt = await makeVirt({ shutdownTimeoutMs: 1500 });
    conn = await virt.connect(embedUri(root));
    pool = await conn.createStoragePool(`<pool type='dir'><name>vkns-blk</name><target><path>${root}/pool</path></target></pool>`, StoragePoolCreateFlags.WITH_BUILD);
  });

  after(async () => {
    for (const d of (await conn?.listAllDomains()) ?? []) await d.destroy().catch(() => {});
    await virt?.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('on a running guest: vol-resize of its qcow2 disk is refused (qemu-img needs the lock), of its raw disk done in place but unseen; blockresize grows both under the guest', async () => {
    const vol = await pool.createVolume(`<volume><name>disk.qcow2</name><capacity unit='M'>16</capacity><target><format type='qcow2'/></target></volume>`);
    const raw = await pool.createVolume(`<volume><name>data.raw</name><capacity unit='M'>8</capacity></volume>`);
    const serial = path.join(root, 'disk.log');
    const xml = (await guestXml({ name: 'vkns-blk', serialLog: serial, guest: await ensureDiskGuest() }))
      .replace('<devices>', `<devices><disk type='volume' device='disk'><source pool='vkns-blk' volume='disk.qcow2'/><target dev='vda' bus='virtio'/></disk>
        <disk type='volume' device='disk'><source pool='vkns-blk' volume='data.raw'/><target dev='vdb' bus='virtio'/></disk>`);
    const dom = await conn.defineDomain(xml);
    await dom.start();
    await waitForGuestSize(serial, (16 * MiB) / 512);
    await waitForGuestSize(serial, (8 * MiB) / 512, 'vdb');

    // A raw volume is extended in place even while the guest runs (libvirt truncates it); the guest learns of it only from blockresize.
    await raw.resize(24 * MiB);
    expect((await raw.getInfo()).capacity).to.equal(24 * MiB);
    const printed = (await fs.readFile(serial, 'utf8')).length;
    while ((await fs.readFile(serial, 'utf8')).length < printed + 64) await delay(100);
    expect(lastDiskSize(await fs.readFile(serial, 'utf8'), 'vdb'), 'vol-resize alone does not tell the guest').to.equal((8 * MiB) / 512);
    await dom.blockResize('vdb', 24 * MiB, DomainBlockResizeFlags.BYTES);
    await waitForGuestSize(serial, (24 * MiB) / 512, 'vdb');

    // libvirt's vol-resize goes through qemu-img, which cannot take the image QEMU holds; growing a disk in use is blockresize's job.
    const refused = await rejectsWith(vol.resize(48 * MiB), ErrorCode.OPERATION_FAILED);
    expect(refused.message).to.match(/^operation failed: qemu-img resize failed: .*Failed to get "write" lock/);
    expect((await vol.getInfo()).capacity).to.equal(16 * MiB);

    await dom.blockResize('vda', 48 * 1024);
    await waitForGuestSize(serial, (48 * MiB) / 512);
    expect(await imageSize(vol.key)).to.equal(48 * MiB);
    expect((await vol.getInfo()).capacity, 'the volume reports the image as it is now').to.equal(48 * MiB);

    // By its source path, in bytes: qcow2 keeps whole sectors, so the size is rounded up to 512.
    await dom.blockResize(vol.key, 64 * MiB + 100, DomainBlockResizeFlags.BYTES);
    await waitForGuestSize(serial, (64 * MiB) / 512 + 1);
    expect(await imageSize(vol.key)).to.equal(64 * MiB + 512);

    const unknown = await rejectsWith(dom.blockResize('vdz', 1024), ErrorCode.INVALID_ARG);
    expect(unknown.message).to.equal("invalid argument: disk 'vdz' was not found in the domain config");
    await rejectsWith(dom.blockResize('vda', 1024, 1 << 5), ErrorCode.INVALID_ARG);
    const full = await rejectsWith(dom.blockResize('vda', 0, DomainBlockResizeFlags.CAPACITY), ErrorCode.OPERATION_UNSUPPORTED);
    expect(full.message).to.match(/full capacity supported only with 'raw' local block-based disks/);
    expect(await imageSize(vol.key), 'refused resizes change nothing').to.equal(64 * MiB + 512);

    // virtkit's blockresize, a bare size in KiB as virsh's, from another process once this one has let go of the guest's monitor.
    await conn.close();
    const cli = await run(process.execPath, [CLI, '-c', embedUri(root), 'blockresize', 'vkns-blk', 'vda', String(80 * 1024)]);
    expect(cli.stdout).to.include("Block device 'vda' is resized");
    await waitForGuestSize(serial, (80 * MiB) / 512);
    conn = await virt.connect(embedUri(root));
    const again = await conn.lookupDomain('vkns-blk');

    await again.destroy();
    const stopped = await rejectsWith(again.blockResize('vda', 128 * 1024), ErrorCode.OPERATION_INVALID);
    expect(stopped.message).to.equal('Requested operation is not valid: domain is not running');
    // The pool volume can be grown offline again, and the guest boots onto the new size.
    await (await conn.lookupStorageVolByKey(vol.key)).resize(96 * MiB);
    await again.start();
    await waitForGuestSize(serial, (96 * MiB) / 512);
  });
});
