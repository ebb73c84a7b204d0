import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { SECTOR, cmpRange, diskRecords, waitForRecords } from './support/disk-records.js';
import { eventually, guestXml, readCounter, waitForCounter } from './support/hosts.js';
import { IMAGES_DIR, VIRTKIT_CLI, twoHostTestbed, type TestbedHost } from './support/testbed.js';

const DISK_BYTES = 4 * 1024 * 1024;
const MIGRATION_CLIENT = fileURLToPath(new URL('./support/migration-client.js', import.meta.url));

/** The migration procedures a daemon's log shows from `from` on. */
const migrationCalls = (log: string, from: number) => [...log.slice(from).matchAll(/call (DOMAIN_MIGRATE_[A-Z0-9_]+)/g)].map((m) => m[1]);

const testDomainXml = (name: string) => `<domain type='test'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;

describe('migration between namespaced hosts that share nothing (test bed: netns + private mount namespace per host)', function () {
  this.timeout(300_000);
  let a: TestbedHost;
  let b: TestbedHost;
  /** virsh run on host A (the client sits on the source host, as Nova's compute agent does). */
  const virsh = (...args: string[]) => a.exec('virsh', args);

  const bed = twoHostTestbed('vkmh');
  before(() => {
    [a, b] = bed.hosts();
  });

  it('the hosts share the host name and reach each other only on the test bed link', async () => {
    // A migration URI built from the host name would name both hosts: it must come from the address.
    expect((await virsh('-c', a.uri(), 'hostname')).trim()).to.equal((await virsh('-c', b.uri(), 'hostname')).trim());
    const routes = await a.exec('ip', ['-4', 'route']);
    expect(routes.trim().split('\n')).to.deep.equal(['10.213.0.0/24 dev eth0 proto kernel scope link src 10.213.0.1']);
    // Each daemon keeps its state in its own directories.
    expect(await fs.readdir(a.outside('/run/virtkit'))).to.include('libvirt-sock');
    expect(a.outside('/run/virtkit')).to.not.equal(b.outside('/run/virtkit'));
  });

  describe('test:/// hosts', () => {
    const define = async (host: TestbedHost, name: string) => {
      const file = path.join(host.root, `${name}.xml`);
      await fs.writeFile(file, testDomainXml(name));
      await host.exec('virsh', ['-c', host.uri('/default', 'test'), `define ${file}; start ${name}`]);
    };

    it('managed v3: virsh on A drives Begin3 … Confirm3; B listens on the address it was reached on', async () => {
      await define(a, 'vkmh-managed');
      const [aLog, bLog] = [(await a.log()).length, (await b.log()).length];
      await virsh('-c', a.uri('/default', 'test'), 'migrate', '--live', '--persistent', '--undefinesource', 'vkmh-managed', b.uri('/default', 'test'));
      expect((await virsh('-c', b.uri('/default', 'test'), 'domstate', 'vkmh-managed')).trim()).to.equal('running');
      expect(await virsh('-c', a.uri('/default', 'test'), 'list', '--all', '--name')).to.not.contain('vkmh-managed');
      expect(migrationCalls(await a.log(), aLog)).to.deep.equal(['DOMAIN_MIGRATE_BEGIN3_PARAMS', 'DOMAIN_MIGRATE_PERFORM3_PARAMS', 'DOMAIN_MIGRATE_CONFIRM3_PARAMS']);
      expect(migrationCalls(await b.log(), bLog)).to.deep.equal(['DOMAIN_MIGRATE_PREPARE3_PARAMS', 'DOMAIN_MIGRATE_FINISH3_PARAMS']);
      await virsh('-c', b.uri('/default', 'test'), 'destroy', 'vkmh-managed');
    });

    it('peer-to-peer: the daemon on A opens B itself; virsh makes one call', async () => {
      await define(a, 'vkmh-p2p');
      const [aLog, bLog] = [(await a.log()).length, (await b.log()).length];
      await virsh('-c', a.uri('/default', 'test'), 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', 'vkmh-p2p', b.uri('/default', 'test'));
      expect((await virsh('-c', b.uri('/default', 'test'), 'domstate', 'vkmh-p2p')).trim()).to.equal('running');
      expect(await virsh('-c', b.uri('/default', 'test'), 'list', '--persistent', '--name')).to.contain('vkmh-p2p');
      expect(await virsh('-c', a.uri('/default', 'test'), 'list', '--all', '--name')).to.not.contain('vkmh-p2p');
      expect(migrationCalls(await a.log(), aLog)).to.deep.equal(['DOMAIN_MIGRATE_PERFORM3_PARAMS']);
      expect(migrationCalls(await b.log(), bLog)).to.deep.equal(['DOMAIN_MIGRATE_PREPARE3', 'DOMAIN_MIGRATE_FINISH3']);
      await virsh('-c', b.uri('/default', 'test'), 'destroy', 'vkmh-p2p');
    });

    it("managed v2: virtkit's client on A, the source offering only v2; Prepare2 on B hands out B's address", async () => {
      await define(a, 'vkmh-v2');
      const [aLog, bLog] = [(await a.log()).length, (await b.log()).length];
      const out = await a.exec(process.execPath, [MIGRATION_CLIENT, a.uri('/default', 'test'), b.uri('/default', 'test'), 'vkmh-v2', 'v2']);
      expect(out.trim()).to.equal('v2');
      expect((await virsh('-c', b.uri('/default', 'test'), 'domstate', 'vkmh-v2')).trim()).to.equal('running');
      expect(await virsh('-c', a.uri('/default', 'test'), 'list', '--all', '--name')).to.not.contain('vkmh-v2');
      expect(migrationCalls(await a.log(), aLog)).to.deep.equal(['DOMAIN_MIGRATE_PERFORM']);
      expect(migrationCalls(await b.log(), bLog)).to.deep.equal(['DOMAIN_MIGRATE_PREPARE2', 'DOMAIN_MIGRATE_FINISH2']);
      await virsh('-c', b.uri('/default', 'test'), 'destroy', 'vkmh-v2');
    });
  });

  describe('a QEMU guest and the migration URI', () => {
    async function startCounter(name: string): Promise<string> {
      const serial = `/var/log/virtkit/${name}.serial`;
      const file = path.join(a.root, `${name}.xml`);
      await fs.writeFile(file, await guestXml({ name, serialLog: serial }));
      await virsh('-c', a.uri(), `define ${file}; start ${name}`);
      await waitForCounter(a.outside(serial), 3);
      return serial;
    }

    it('migrate_uri with a host name is refused before anything starts on B; the guest runs on on A', async () => {
      const name = 'vkmh-uri-name';
      await startCounter(name);
      const err = await virsh('-c', a.uri(), 'migrate', '--live', '--p2p', '--migrateuri', `tcp:${os.hostname()}:49400`, name, b.uri()).then(() => '', (e: { stderr: string }) => e.stderr);
      expect(err).to.contain(`migration URI 'tcp:${os.hostname()}:49400' must be tcp:ADDRESS[:PORT] with an IPv4 address`);
      expect((await virsh('-c', a.uri(), 'domstate', name)).trim()).to.equal('running');
      expect(await virsh('-c', b.uri(), 'list', '--all', '--name')).to.not.contain(name);
      await virsh('-c', a.uri(), 'destroy', name);
      await virsh('-c', a.uri(), 'undefine', name);
    });

    it("migrate_uri tcp:B's-address:PORT: B's QEMU listens on exactly that port (taken, the migration fails; free, the guest arrives)", async () => {
      const name = 'vkmh-uri-port';
      const serial = await startCounter(name);
      const uri = `tcp:${b.address}:49400`;
      const migrate = () => virsh('-c', a.uri(), 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', '--migrateuri', uri, name, b.uri());
      // Something else listens there on B: a destination that ignored migrate_uri would not notice.
      const squatter = b.spawn(process.execPath, ['-e', `require('net').createServer().listen(49400, '${b.address}', () => console.log('up'))`]);
      try {
        await new Promise<void>((resolve) => squatter.stdout!.on('data', (c: Buffer) => { if (c.toString().includes('up')) resolve(); }));
        const err = await migrate().then(() => '', (e: { stderr: string }) => e.stderr);
        expect(err).to.match(/Address already in use|Failed to bind/i);
        expect((await virsh('-c', a.uri(), 'domstate', name)).trim()).to.equal('running');
      } finally {
        squatter.kill('SIGKILL');
      }
      await eventually(async () => { expect(await virsh('-c', b.uri(), 'list', '--all', '--name')).to.not.contain(name); }, 10_000);
      await migrate();
      expect((await virsh('-c', b.uri(), 'domstate', name)).trim()).to.equal('running');
      const last = (await readCounter(a.outside(serial))).at(-1)!;
      await waitForCounter(b.outside(serial), last + 3);
      await virsh('-c', b.uri(), 'destroy', name);
      await virsh('-c', b.uri(), 'undefine', name);
    });
  });

  describe('a QEMU guest whose disk exists only on A', () => {
    /** A running counter guest on A writing its disk records to an image only A has. */
    async function startGuest(name: string): Promise<{ serial: string; disk: string; original: Buffer }> {
      const serial = `/var/log/virtkit/${name}.serial`;
      const disk = `${IMAGES_DIR}/${name}.img`;
      const original = randomBytes(DISK_BYTES);
      await fs.writeFile(a.outside(disk), original);
      const file = path.join(a.root, `${name}.xml`);
      await fs.writeFile(file, await guestXml({ name, serialLog: serial, diskwrite: disk }));
      await virsh('-c', a.uri(), `define ${file}; start ${name}`);
      await waitForRecords(a.outside(disk), 5);
      await waitForCounter(a.outside(serial), 5);
      return { serial, disk, original };
    }

    /**
     * After the move: the guest runs on B only, defined there, gone from A;
     * its serial counter goes on in B's log where A's stopped; the guest
     * writes on on B. Stopped, B's disk holds what A's had at switchover
     * and the original bytes after the records, byte for byte.
     */
    async function checkMoved(name: string, g: { serial: string; disk: string; original: Buffer }): Promise<void> {
      expect((await virsh('-c', b.uri(), 'domstate', name)).trim()).to.equal('running');
      expect(await virsh('-c', b.uri(), 'list', '--persistent', '--name')).to.contain(name);
      expect(await virsh('-c', a.uri(), 'list', '--all', '--name')).to.not.contain(name);
      const onA = await readCounter(a.outside(g.serial));
      const lastOnA = onA.at(-1)!;
      await waitForCounter(b.outside(g.serial), lastOnA + 10);
      const onB = await readCounter(b.outside(g.serial));
      // The counter continues: no restart (a fresh boot would print c=0), at most the line torn at switchover lost.
      expect(onB[0], 'first counter value on B').to.be.within(lastOnA + 1, lastOnA + 2);
      for (let i = 1; i < onB.length; i++) expect(onB[i], `counter after ${onB[i - 1]} on B`).to.equal(onB[i - 1] + 1);

      const atSwitchover = diskRecords(await fs.readFile(a.outside(g.disk))).length;
      await waitForRecords(b.outside(g.disk), atSwitchover + 5);
      await virsh('-c', b.uri(), 'destroy', name);
      const dst = await fs.readFile(b.outside(g.disk));
      const written = diskRecords(dst).length;
      expect(dst.length).to.equal(DISK_BYTES);
      expect(await cmpRange(a.outside(g.disk), b.outside(g.disk), 0, atSwitchover * SECTOR)).to.equal(true, 'the records written on A differ on B');
      expect(dst.subarray(written * SECTOR).equals(g.original.subarray(written * SECTOR)), 'the bytes the guest never wrote').to.equal(true);
      expect(written).to.be.at.least(atSwitchover + 5);
      await virsh('-c', b.uri(), 'undefine', name);
    }

    it('real virsh migrate --live --p2p --persistent --undefinesource --copy-storage-all', async () => {
      const name = 'vkmh-virsh';
      const g = await startGuest(name);
      await fs.access(b.outside(g.disk)).then(() => expect.fail('B has the disk before the migration'), () => {});
      const [aLog, bLog] = [(await a.log()).length, (await b.log()).length];
      await virsh('-c', a.uri(), 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', '--copy-storage-all', name, b.uri());
      expect(migrationCalls(await a.log(), aLog)).to.deep.equal(['DOMAIN_MIGRATE_PERFORM3_PARAMS']);
      expect(migrationCalls(await b.log(), bLog)).to.deep.equal(['DOMAIN_MIGRATE_PREPARE3', 'DOMAIN_MIGRATE_FINISH3']);
      await checkMoved(name, g);
    });

    it('virtkit migrate --p2p --copy-storage-all (the CLI on A)', async () => {
      const name = 'vkmh-cli';
      const g = await startGuest(name);
      await a.exec(process.execPath, [VIRTKIT_CLI, '-c', a.uri(), 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', '--copy-storage-all', name, b.uri()]);
      await checkMoved(name, g);
    });

    it("python3-libvirt migrateToURI3 with Nova's flags and parameters", async function () {
      // The distribution's python3 (python3-libvirt), or one on PATH that has the binding.
      let python: string | undefined;
      for (const candidate of ['/usr/bin/python3', 'python3']) {
        if ((await a.netns.tryExec(candidate, ['-c', 'import libvirt'])).ok) {
          python = candidate;
          break;
        }
      }
      if (!python) {
        console.log('    python3-libvirt is not installed (.ci/apt/migration.txt installs it): skipped');
        this.skip();
      }
      const name = 'vkmh-nova';
      const g = await startGuest(name);
      const script = `
import libvirt, sys
src = libvirt.open(sys.argv[1])
dom = src.lookupByName(sys.argv[2])
flags = (libvirt.VIR_MIGRATE_LIVE | libvirt.VIR_MIGRATE_PEER2PEER | libvirt.VIR_MIGRATE_PERSIST_DEST
         | libvirt.VIR_MIGRATE_UNDEFINE_SOURCE | libvirt.VIR_MIGRATE_NON_SHARED_DISK)
params = {libvirt.VIR_MIGRATE_PARAM_DEST_XML: dom.XMLDesc(libvirt.VIR_DOMAIN_XML_MIGRATABLE),
          libvirt.VIR_MIGRATE_PARAM_PERSIST_XML: dom.XMLDesc(libvirt.VIR_DOMAIN_XML_MIGRATABLE | libvirt.VIR_DOMAIN_XML_INACTIVE),
          libvirt.VIR_MIGRATE_PARAM_BANDWIDTH: 0}
dom.migrateToURI3(sys.argv[3], params, flags)
`;
      await a.exec(python, ['-c', script, a.uri(), name, b.uri()]);
      await checkMoved(name, g);
    });
  });
});
