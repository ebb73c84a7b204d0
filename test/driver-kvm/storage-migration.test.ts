import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { DomainState, ErrorCode, JobStatsFlags, ListDomainsFlags, MigrateFlags, type Connection, type Domain, type Virt } from '@virtkit/core';
import { SECTOR, cmpRange, diskRecords, waitForRecords } from './support/disk-records.js';
import { embedUri, guestXml, makeRoot, makeVirt, recordingConnection, rejectsWith, waitForCounter } from './support/hosts.js';

const run = promisify(execFile);
const PORTS = { min: 49640, max: 49655 };
const DISK_BYTES = 4 * 1024 * 1024;
/** Outside the migration range: a port only disks_port names. */
const DISKS_PORT = 49738;

describe('driver-kvm storage migration (real QEMU, NBD, disk only on the source root)', function () {
  this.timeout(240_000);
  let rootA: string;
  let rootB: string;
  let virt: Virt;
  let a: Connection;
  let b: Connection;
  let srcDisk: string;
  let dstDisk: string;
  let pattern: Buffer;
  let guest: Domain;

  before(async () => {
    rootA = await makeRoot('sA');
    rootB = await makeRoot('sB');
    await fs.mkdir(path.join(rootA, 'images'));
    await fs.mkdir(path.join(rootB, 'images'));
    srcDisk = path.join(rootA, 'images', 'data.img');
    dstDisk = path.join(rootB, 'images', 'data.img');
    // The pre-migration state: random bytes the guest overwrites from sector 0 on.
    pattern = randomBytes(DISK_BYTES);
    await fs.writeFile(srcDisk, pattern);
    virt = await makeVirt({ migrationPorts: PORTS });
    a = await virt.connect(embedUri(rootA));
    b = await virt.connect(embedUri(rootB));
  });

  after(async () => {
    for (const c of [a, b]) for (const d of (await c?.listAllDomains(ListDomainsFlags.ACTIVE).catch(() => [])) ?? []) await d.destroy().catch(() => {});
    await virt.dispose();
    await fs.rm(rootA, { recursive: true, force: true });
    await fs.rm(rootB, { recursive: true, force: true });
  });

  it('a destination that cannot create the disk refuses the migration; the guest runs on, nothing is left there', async () => {
    const serial = path.join(rootA, 'refused.log');
    guest = await a.defineDomain(await guestXml({ name: 'refused', serialLog: serial, diskwrite: srcDisk }));
    await guest.start();
    await waitForCounter(serial, 3);
    const missingDir = path.join(rootB, 'no-such-dir', 'data.img');
    const dxml = (await guest.getXmlDesc(8)).replace(srcDisk, missingDir);
    const e = await rejectsWith(guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.NON_SHARED_DISK, dxml }), ErrorCode.SYSTEM_ERROR);
    expect(e.message).to.include('vdb').and.include(missingDir);
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains()).to.have.length(0);
    await guest.destroy();
    await guest.undefine();
  });

  it('an abort while the disks are copied leaves the guest running on the source and nothing on the destination', async () => {
    const serial = path.join(rootA, 'aborted.log');
    await fs.writeFile(srcDisk, pattern);
    guest = await a.defineDomain(await guestXml({ name: 'aborted', serialLog: serial, diskwrite: srcDisk }));
    await guest.start();
    await waitForRecords(srcDisk, 3);
    const dxml = (await guest.getXmlDesc(8)).replace(srcDisk, dstDisk);
    const controller = new AbortController();
    let copying = 0;
    // 1 MiB/s: the mirror of the 4 MiB disk takes seconds, and so does the abort's chance.
    const p = guest.migrate(b, {
      flags: MigrateFlags.LIVE | MigrateFlags.NON_SHARED_DISK, dxml, bandwidth: 1, signal: controller.signal, progressIntervalMs: 50,
      onProgress: (j) => {
        if (j.dataTotal >= DISK_BYTES && j.memTotal === 0) copying++;
        if (copying > 0) controller.abort();
      },
    });
    await rejectsWith(p, ErrorCode.OPERATION_ABORTED);
    expect(copying, 'the abort came while the disk was copied').to.be.greaterThan(0);
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains()).to.have.length(0);
    await fs.access(dstDisk).then(() => expect.fail('the disk the destination created is left behind'), () => {});
    // Nothing of the copy is left on the source either: the same migration runs through now,
    // with the destination's NBD server on the port the caller chose (libvirt's disks_port).
    const results = new Map<string, unknown>();
    const { domain } = await guest.migrate(recordingConnection(b, results), { flags: MigrateFlags.LIVE | MigrateFlags.NON_SHARED_DISK, dxml, disksPort: DISKS_PORT });
    expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
    const prepared = results.get('migratePrepare3') as { cookie: Uint8Array };
    expect((JSON.parse(new TextDecoder().decode(prepared.cookie)) as { nbd: { port: number } }).nbd.port, 'the NBD server the source mirrored to').to.equal(DISKS_PORT);
    await domain.destroy();
    await guest.undefine();
    await fs.rm(dstDisk);
  });

  it('copies the disk while the guest writes to it; the destination has the source content and continues it', async () => {
    const serial = path.join(rootA, 'counter.log');
    // Fresh content for this test.
    await fs.writeFile(srcDisk, pattern);
    guest = await a.defineDomain(await guestXml({ name: 'disky', serialLog: serial, diskwrite: srcDisk }));
    await guest.start();
    await waitForRecords(srcDisk, 10);
    const dxml = (await guest.getXmlDesc(8)).replace(srcDisk, dstDisk);
    const { domain, version } = await guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.NON_SHARED_DISK, dxml });
    expect(version).to.equal(3);
    expect((await domain.getState()).state).to.equal(DomainState.RUNNING);

    // The source's job statistics count the disk; the source file is the state at switchover.
    const stats = await guest.getJobStats(JobStatsFlags.COMPLETED);
    // QEMU's mirror counts the whole disk plus what the guest dirtied again during the copy (as libvirt reports it).
    expect(Number(stats.params.disk_total)).to.be.at.least(DISK_BYTES);
    expect(stats.params.disk_processed).to.equal(stats.params.disk_total);
    expect(stats.params.disk_remaining).to.equal(0);
    expect(Number(stats.params.data_total)).to.be.greaterThan(DISK_BYTES);
    expect((await guest.getState()).state).to.equal(DomainState.SHUTOFF);
    const atSwitchover = diskRecords(await fs.readFile(srcDisk)).length;
    expect(atSwitchover).to.be.greaterThan(10);

    // The guest goes on writing on the destination.
    await waitForRecords(dstDisk, atSwitchover + 10);
    await domain.destroy();

    const dst = await fs.readFile(dstDisk);
    const written = diskRecords(dst).length;
    expect(dst.length).to.equal(DISK_BYTES);
    // Everything the source had at switchover is on the destination, byte for byte...
    expect(await cmpRange(srcDisk, dstDisk, 0, atSwitchover * SECTOR)).to.equal(true, 'the records written on the source differ');
    // ...the untouched rest of the disk too, and the records after it continue the sequence.
    expect(await cmpRange(srcDisk, dstDisk, written * SECTOR, DISK_BYTES - written * SECTOR)).to.equal(true, 'the rest of the disk differs');
    expect(written).to.be.at.least(atSwitchover + 10);
    // The disk lives on at the destination; the source copy stays (it is the source's file).
    await fs.access(srcDisk);
  });
});

describe('driver-kvm incremental storage migration (NON_SHARED_INC, qcow2 on a backing image both roots have)', function () {
  this.timeout(240_000);
  let shared: string;
  let rootA: string;
  let rootB: string;
  let virt: Virt;

  before(async () => {
    shared = await makeRoot('sShared');
    rootA = await makeRoot('iA');
    rootB = await makeRoot('iB');
    virt = await makeVirt({ migrationPorts: { min: 49656, max: 49659 } });
  });

  after(async () => {
    await virt.dispose();
    for (const d of [shared, rootA, rootB]) await fs.rm(d, { recursive: true, force: true });
  });

  it('copies only the top image; through the backing image the destination disk reads as the source', async () => {
    const base = path.join(shared, 'base.img');
    await fs.writeFile(base, randomBytes(DISK_BYTES));
    const src = path.join(rootA, 'top.qcow2');
    const dst = path.join(rootB, 'top.qcow2');
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', base, '-F', 'raw', src]);
    const a = await virt.connect(embedUri(rootA));
    const b = await virt.connect(embedUri(rootB));
    const serial = path.join(rootA, 'inc.log');
    const guest = await a.defineDomain(await guestXml({ name: 'inc', serialLog: serial, diskwrite: src, diskFormat: 'qcow2' }));
    await guest.start();
    const dxml = (await guest.getXmlDesc(8)).replace(src, dst);
    // The disk records come at the serial counter's pace.
    await waitForCounter(serial, 30);
    const { domain } = await guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.NON_SHARED_INC, dxml });
    await new Promise((r) => setTimeout(r, 1000));
    await domain.destroy();
    const info = JSON.parse((await run('qemu-img', ['info', '--output=json', dst])).stdout) as { format: string; 'backing-filename'?: string; 'virtual-size': number };
    expect(info.format).to.equal('qcow2');
    expect(info['backing-filename']).to.equal(base);
    expect(info['virtual-size']).to.equal(DISK_BYTES);
    // The top image holds the guest's records only: far less than the disk.
    expect((await fs.stat(dst)).blocks * 512).to.be.lessThan(DISK_BYTES / 2);
    const flat = async (f: string) => {
      const out = `${f}.raw`;
      await run('qemu-img', ['convert', '-O', 'raw', f, out]);
      return fs.readFile(out);
    };
    const [s, d] = await Promise.all([flat(src), flat(dst)]);
    const atSwitchover = diskRecords(s).length;
    expect(atSwitchover).to.be.greaterThan(5);
    expect(d.subarray(0, atSwitchover * SECTOR).equals(s.subarray(0, atSwitchover * SECTOR))).to.equal(true, 'the records differ');
    const written = diskRecords(d).length;
    expect(written).to.be.at.least(atSwitchover);
    expect(d.subarray(written * SECTOR).equals(s.subarray(written * SECTOR))).to.equal(true, 'the backing content differs');
    await guest.undefine();
  });
});
