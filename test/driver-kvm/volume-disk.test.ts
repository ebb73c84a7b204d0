import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ErrorCode, MigrateFlags, StoragePoolCreateFlags, escapeXmlAttr, type Connection, type StoragePool, type Virt } from '@virtkit/core';
import { embedUri, guestXml, makeRoot, makeVirt, rejectsWith, waitForCounter } from './support/hosts.js';

const run = promisify(execFile);

/** The counter guest with `<disk type='volume'>` disks added. */
async function guestOnVolumes(name: string, serialLog: string, disks: Array<{ pool: string; volume: string; dev: string }>): Promise<string> {
  const xml = await guestXml({ name, serialLog });
  const devices = disks.map((d) => `<disk type='volume' device='disk'><source pool='${escapeXmlAttr(d.pool)}' volume='${escapeXmlAttr(d.volume)}'/><target dev='${d.dev}' bus='virtio'/></disk>`).join('');
  return xml.replace('<devices>', `<devices>${devices}`);
}

/** True when another process holds a write lock on the image (qemu-io asks for write access). */
async function lockedByQemu(file: string, format: string): Promise<boolean> {
  try {
    await run('qemu-io', ['-f', format, '-c', 'read 0 512', file]);
    return false;
  } catch (e) {
    return /lock/i.test((e as { stderr: string }).stderr);
  }
}

describe('driver-kvm guests on storage volumes (real QEMU)', function () {
  this.timeout(120_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  let pool: StoragePool;

  before(async () => {
    root = await makeRoot('voldisk');
    virt = await makeVirt({ shutdownTimeoutMs: 1500, migrationPorts: { min: 49640, max: 49655 } });
    conn = await virt.connect(embedUri(root));
    pool = await conn.defineStoragePool(`<pool type='dir'><name>guests</name><target><path>${root}/pool</path></target></pool>`);
    await pool.start(StoragePoolCreateFlags.WITH_BUILD);
  });

  after(async () => {
    for (const d of await conn.listAllDomains()) await d.destroy().catch(() => {});
    await virt.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('boots the guest with a qcow2 overlay on a base image, QEMU holding the whole chain', async () => {
    const base = await pool.createVolume(`<volume><name>base.raw</name><capacity unit='M'>32</capacity></volume>`);
    const overlay = await pool.createVolume(`<volume><name>overlay.qcow2</name><target><format type='qcow2'/></target>
      <backingStore><path>${base.key}</path><format type='raw'/></backingStore></volume>`);
    const serial = path.join(root, 'overlay.log');
    const dom = await conn.defineDomain(await guestOnVolumes('on-overlay', serial, [{ pool: 'guests', volume: 'overlay.qcow2', dev: 'vda' }]));
    expect(await dom.getXmlDesc()).to.include("<source pool='guests' volume='overlay.qcow2'/>");
    await dom.start();
    await waitForCounter(serial, 3);
    const log = await fs.readFile(path.join(root, 'log', 'qemu', `${dom.uuid}.log`), 'utf8');
    expect(log).to.include(JSON.stringify(`"filename":"${overlay.key}"`).slice(1, -1));
    expect(log).to.include(JSON.stringify('"driver":"qcow2"').slice(1, -1));
    expect(await lockedByQemu(overlay.key, 'qcow2'), 'the overlay is open in QEMU').to.equal(true);
    expect(await lockedByQemu(base.key, 'raw'), 'its backing file is open in QEMU').to.equal(true);
    expect(await dom.getXmlDesc()).to.include("<source pool='guests' volume='overlay.qcow2'/>");
    await dom.destroy();
    expect(await lockedByQemu(base.key, 'raw')).to.equal(false);
  });

  it('a migrated guest opens the volume of the same name in the destination host\'s pool', async () => {
    const rootB = await makeRoot('voldiskB');
    try {
      const b = await virt.connect(embedUri(rootB));
      const poolB = await b.createStoragePool(`<pool type='dir'><name>guests</name><target><path>${rootB}/pool</path></target></pool>`, StoragePoolCreateFlags.WITH_BUILD);
      const volA = await pool.createVolume(`<volume><name>moving.qcow2</name><capacity unit='M'>16</capacity><target><format type='qcow2'/></target></volume>`);
      const volB = await poolB.createVolume(`<volume><name>moving.qcow2</name><capacity unit='M'>16</capacity><target><format type='qcow2'/></target></volume>`);
      const serial = path.join(root, 'moving.log');
      const dom = await conn.createDomain(await guestOnVolumes('moving', serial, [{ pool: 'guests', volume: 'moving.qcow2', dev: 'vda' }]));
      await waitForCounter(serial, 3);
      expect(await lockedByQemu(volA.key, 'qcow2')).to.equal(true);
      const { domain } = await dom.migrate(b, { flags: MigrateFlags.LIVE });
      // The destination's QEMU writes to the same serial log: it must grow after the handover (the counter may already be past any fixed value).
      const before = (await fs.readFile(serial, 'utf8')).length;
      const deadline = Date.now() + 20_000;
      while ((await fs.readFile(serial, 'utf8')).length <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect((await fs.readFile(serial, 'utf8')).length, 'the guest runs on after the migration').to.be.greaterThan(before);
      expect(await lockedByQemu(volB.key, 'qcow2'), "the destination's volume is open").to.equal(true);
      expect(await lockedByQemu(volA.key, 'qcow2'), "the source's is not any more").to.equal(false);
      await domain.destroy();
    } finally {
      await fs.rm(rootB, { recursive: true, force: true });
    }
  });

  it('resolves volumes at each start: a grown volume, a stopped pool, a missing volume', async () => {
    const vol = await pool.createVolume(`<volume><name>grow.qcow2</name><capacity unit='M'>16</capacity><target><format type='qcow2'/></target></volume>`);
    const serial = path.join(root, 'grow.log');
    const dom = await conn.defineDomain(await guestOnVolumes('on-grow', serial, [{ pool: 'guests', volume: 'grow.qcow2', dev: 'vda' }]));
    await vol.resize(48 * 1024 * 1024);
    // The image's size is what an offline resize changes; block-resize.test.ts shows a running guest's device grow.
    const { stdout } = await run('qemu-img', ['info', '-U', '--output=json', vol.key]);
    expect((JSON.parse(stdout) as { 'virtual-size': number })['virtual-size']).to.equal(48 * 1024 * 1024);
    await dom.start();
    await waitForCounter(serial, 2);
    await dom.destroy();

    await pool.destroy();
    const inactive = await rejectsWith(dom.start(), ErrorCode.OPERATION_INVALID);
    expect(inactive.message).to.equal("Requested operation is not valid: storage pool 'guests' containing volume 'grow.qcow2' is not active");
    expect(await dom.isActive()).to.equal(false);
    await pool.start();
    await vol.delete();
    const missing = await rejectsWith(dom.start(), ErrorCode.NO_STORAGE_VOL);
    expect(missing.message).to.equal("Storage volume not found: no storage vol with matching name 'grow.qcow2'");
    await rejectsWith(conn.defineDomain(await guestOnVolumes('bad-source', serial, [{ pool: '', volume: 'x', dev: 'vdb' }])), ErrorCode.CONFIG_UNSUPPORTED);
    await dom.undefine();
  });
});
