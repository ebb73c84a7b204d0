import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { SECTOR, cmpRange, diskRecords, waitForRecords } from './support/disk-records.js';
import { eventually, guestXml, readCounter, waitForCounter } from './support/hosts.js';
import { IMAGES_DIR, twoHostTestbed, type TestbedHost } from './support/testbed.js';

const run = promisify(execFile);
const DISK_BYTES = 4 * 1024 * 1024;
const VOLUME = 'vknp-data.img';
/** Pool 'guests' has a directory of its own on each host: the destination finds it by name. */
const GUESTS_DIR = { a: '/var/lib/virtkit/pools/guests-a', b: '/var/lib/virtkit/pools/guests-b' };

/** The diskwrite guest with its data disk (vdb) the volume `volume` of pool 'guests'. */
async function volumeGuestXml(name: string, serialLog: string, volume: string): Promise<string> {
  const xml = await guestXml({ name, serialLog, diskwrite: '/volume-disk' });
  return xml.replace("<disk type='file' device='disk'>", "<disk type='volume' device='disk'>").replace("<source file='/volume-disk'/>", `<source pool='guests' volume='${volume}'/>`);
}

/**
 * Storage migration (--copy-storage-all) between namespaced hosts whose
 * guests' disks live in storage pools: the destination creates each disk
 * as a volume of its own pool, as libvirt's qemuMigrationDstPrecreateStorage
 * does: a `<disk type='volume'>` in the destination's pool of the same
 * name (its directory may differ), a file disk in the pool whose directory
 * holds the file. A migration that does not finish removes the volumes it
 * created from the pool.
 */
describe('storage migration into the destination host\'s pools (test bed, real virsh, --copy-storage-all)', function () {
  this.timeout(600_000);
  let a: TestbedHost;
  let b: TestbedHost;
  const bed = twoHostTestbed('vknp');
  const virsh = (host: TestbedHost, ...args: string[]) => a.exec('virsh', ['-c', host.uri(), ...args]);
  const failure = (p: Promise<unknown>) => p.then(() => expect.fail('the command succeeded'), (e: { stderr: string }) => e.stderr);
  const migrate = (name: string, ...extra: string[]) => virsh(a, 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', '--copy-storage-all', ...extra, name, b.uri());
  const volumes = async (host: TestbedHost, pool: string) => (await virsh(host, 'vol-list', pool)).split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0]).filter(Boolean);

  before(async () => {
    [a, b] = bed.hosts();
    await virsh(a, `pool-define-as guests dir --target ${GUESTS_DIR.a}; pool-build guests; pool-start guests; pool-define-as images dir --target ${IMAGES_DIR}; pool-start images`);
    // B's 'guests' is defined but not running until the first test has seen it refused.
    await virsh(b, `pool-define-as guests dir --target ${GUESTS_DIR.b}; pool-build guests; pool-define-as images dir --target ${IMAGES_DIR}; pool-start images`);
  });

  describe('a guest whose data disk is a volume of pool \'guests\'', () => {
    const name = 'vknp-vol';
    const serial = `/var/log/virtkit/${name}.serial`;
    let original: Buffer;
    let fileA: string;

    before(async () => {
      await virsh(a, 'vol-create-as', 'guests', VOLUME, String(DISK_BYTES), '--format', 'raw');
      fileA = (await virsh(a, 'vol-path', '--pool', 'guests', VOLUME)).trim();
      expect(fileA).to.equal(`${GUESTS_DIR.a}/${VOLUME}`);
      original = randomBytes(DISK_BYTES);
      await fs.writeFile(a.outside(fileA), original);
      const file = path.join(a.root, `${name}.xml`);
      await fs.writeFile(file, await volumeGuestXml(name, serial, VOLUME));
      await virsh(a, `define ${file}; start ${name}`);
      await waitForRecords(a.outside(fileA), 5);
    });

    it("is refused while B's pool 'guests' is not active: the guest runs on on A, B has nothing", async () => {
      const err = await failure(migrate(name));
      expect(err).to.contain(`Requested operation is not valid: storage pool 'guests' containing volume '${VOLUME}' is not active`);
      expect((await virsh(a, 'domstate', name)).trim()).to.equal('running');
      expect(await virsh(b, 'list', '--all', '--name')).to.not.contain(name);
      await fs.access(b.outside(`${GUESTS_DIR.b}/${VOLUME}`)).then(() => expect.fail('B has the volume'), () => {});
      await virsh(b, 'pool-start', 'guests');
    });

    it('a migration that fails after Prepare created the volume removes it from B\'s pool', async () => {
      // Something else listens on B where the guest should arrive: B's QEMU cannot listen, after the volume was made.
      const port = 49410;
      const squatter = b.spawn(process.execPath, ['-e', `require('net').createServer().listen(${port}, '${b.address}', () => console.log('up'))`]);
      try {
        await new Promise<void>((resolve) => squatter.stdout!.on('data', (c: Buffer) => { if (c.toString().includes('up')) resolve(); }));
        const err = await failure(migrate(name, '--migrateuri', `tcp:${b.address}:${port}`));
        expect(err).to.match(/Address already in use|Failed to bind/i);
      } finally {
        squatter.kill('SIGKILL');
      }
      expect((await virsh(a, 'domstate', name)).trim()).to.equal('running');
      await eventually(async () => { expect(await virsh(b, 'list', '--all', '--name')).to.not.contain(name); }, 10_000);
      expect(await volumes(b, 'guests')).to.deep.equal([]);
      await fs.access(b.outside(`${GUESTS_DIR.b}/${VOLUME}`)).then(() => expect.fail('the volume file is left on B'), () => {});
    });

    it("arrives on B in B's own pool 'guests': the volume is created there and holds A's disk", async () => {
      const [aLog] = [(await a.log()).length];
      await migrate(name);
      expect((await a.log()).slice(aLog)).to.contain('call DOMAIN_MIGRATE_PERFORM3_PARAMS');
      expect((await virsh(b, 'domstate', name)).trim()).to.equal('running');
      expect(await virsh(a, 'list', '--all', '--name')).to.not.contain(name);
      expect(await virsh(b, 'dumpxml', name)).to.include(`<source pool='guests' volume='${VOLUME}'/>`);
      // Listed by B's pool at once (created through it, no refresh), at B's path.
      expect(await volumes(b, 'guests')).to.deep.equal([VOLUME]);
      const fileB = (await virsh(b, 'vol-path', '--pool', 'guests', VOLUME)).trim();
      expect(fileB).to.equal(`${GUESTS_DIR.b}/${VOLUME}`);
      expect(await virsh(b, 'vol-info', '--pool', 'guests', VOLUME, '--bytes')).to.match(new RegExp(`Capacity:\\s+${DISK_BYTES} bytes`));

      const lastOnA = (await readCounter(a.outside(serial))).at(-1)!;
      await waitForCounter(b.outside(serial), lastOnA + 5);
      const atSwitchover = diskRecords(await fs.readFile(a.outside(fileA))).length;
      await waitForRecords(b.outside(fileB), atSwitchover + 5);
      await virsh(b, 'destroy', name);
      const dst = await fs.readFile(b.outside(fileB));
      expect(dst.length).to.equal(DISK_BYTES);
      expect(await cmpRange(a.outside(fileA), b.outside(fileB), 0, atSwitchover * SECTOR)).to.equal(true, 'the records written on A differ on B');
      const written = diskRecords(dst).length;
      expect(dst.subarray(written * SECTOR).equals(original.subarray(written * SECTOR)), 'the bytes the guest never wrote').to.equal(true);
      await virsh(b, 'undefine', name);
    });
  });

  it("a file disk in a pool's directory becomes a volume of B's pool of that directory (qcow2, listed without a refresh)", async () => {
    const name = 'vknp-file';
    const serial = `/var/log/virtkit/${name}.serial`;
    const disk = `${IMAGES_DIR}/${name}.qcow2`;
    await virsh(a, 'vol-create-as', 'images', `${name}.qcow2`, String(DISK_BYTES), '--format', 'qcow2');
    const file = path.join(a.root, `${name}.xml`);
    await fs.writeFile(file, await guestXml({ name, serialLog: serial, diskwrite: disk, diskFormat: 'qcow2' }));
    await virsh(a, `define ${file}; start ${name}`);
    await waitForCounter(a.outside(serial), 5);
    expect(await volumes(b, 'images')).to.deep.equal([]);
    await migrate(name);
    expect((await virsh(b, 'domstate', name)).trim()).to.equal('running');
    expect(await volumes(b, 'images')).to.deep.equal([`${name}.qcow2`]);
    const volXml = await virsh(b, 'vol-dumpxml', '--pool', 'images', `${name}.qcow2`);
    expect(volXml).to.include(`<capacity unit='bytes'>${DISK_BYTES}</capacity>`);
    expect(volXml).to.include("<format type='qcow2'/>");
    const lastOnA = (await readCounter(a.outside(serial))).at(-1)!;
    await waitForCounter(b.outside(serial), lastOnA + 5);
    await virsh(b, 'destroy', name);
    // Read through qcow2: B's image holds the records A's had, and more.
    const records = async (host: TestbedHost) => {
      const raw = path.join(host.root, `${name}.raw`);
      await run('qemu-img', ['convert', '-U', '-f', 'qcow2', '-O', 'raw', host.outside(disk), raw]);
      return diskRecords(await fs.readFile(raw)).length;
    };
    const onA = await records(a);
    expect(onA).to.be.at.least(5);
    expect(await records(b), 'B wrote on after the records it got from A').to.be.greaterThan(onA);
    await virsh(b, 'undefine', name);
  });
});
