import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { eventually, guestXml, readCounter, waitForCounter } from './support/hosts.js';
import { twoHostTestbed, type TestbedHost } from './support/testbed.js';

const run = promisify(execFile);
const MIGRATION_CLIENT = fileURLToPath(new URL('./support/migration-client.js', import.meta.url));

/**
 * A party of a QEMU migration between two namespaced hosts dies mid-way:
 * the client after Prepare3 or during Perform3, the source's or the
 * destination's daemon during Perform. In each case the guest ends up running on
 * exactly one host (the source), no QEMU is left on the destination, and
 * the next migration succeeds.
 */
describe('migration faults between namespaced hosts (real QEMU, a party killed)', function () {
  this.timeout(300_000);
  let a: TestbedHost;
  let b: TestbedHost;
  const virsh = (...args: string[]) => a.exec('virsh', args);
  const domstate = async (host: TestbedHost, name: string) => (await virsh('-c', host.uri(), 'domstate', '--reason', name)).trim();
  const names = async (host: TestbedHost) => (await virsh('-c', host.uri(), 'list', '--all', '--name')).split('\n').map((l) => l.trim()).filter(Boolean);
  const jobType = async (host: TestbedHost, name: string) => /Job type:\s+(\S+)/.exec(await virsh('-c', host.uri(), 'domjobinfo', name))?.[1];

  /** QEMU processes of guest `name` in the host's network namespace. */
  async function qemuOf(host: TestbedHost, name: string): Promise<number[]> {
    const { stdout } = await run('ip', ['netns', 'pids', host.netns.name]);
    const out: number[] = [];
    for (const pid of stdout.split('\n').filter(Boolean).map(Number)) {
      const argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
      if (path.basename(argv[0]).startsWith('qemu-system') && argv.some((x) => x.startsWith(`guest=${name},`))) out.push(pid);
    }
    return out;
  }

  const bed = twoHostTestbed('vkmhf');
  before(() => {
    [a, b] = bed.hosts();
  });

  /** A counter guest running on A. */
  async function startGuest(name: string): Promise<string> {
    const serial = `/var/log/virtkit/${name}.serial`;
    const file = path.join(a.root, `${name}.xml`);
    await fs.writeFile(file, await guestXml({ name, serialLog: serial }));
    await virsh('-c', a.uri(), `define ${file}; start ${name}`);
    await waitForCounter(a.outside(serial), 3);
    return serial;
  }

  /** The guest runs on A only: its counter goes on there, B has neither a definition nor a QEMU for it; then it migrates. */
  async function runsOnSourceOnly(name: string, serial: string): Promise<void> {
    await eventually(async () => { expect(await names(b)).to.not.include(name); }, 30_000);
    await eventually(async () => { expect(await qemuOf(b, name)).to.deep.equal([]); }, 30_000);
    await eventually(async () => { expect(await domstate(a, name)).to.match(/^running/); }, 30_000);
    // A live migration keeps the guest running on A while its job is cancelled: the job ends once A has seen the client go.
    await eventually(async () => { expect(await jobType(a, name)).to.equal('None'); }, 30_000);
    const before = (await readCounter(a.outside(serial))).at(-1)!;
    await waitForCounter(a.outside(serial), before + 5);
    await virsh('-c', a.uri(), 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', name, b.uri());
    expect(await domstate(b, name)).to.match(/^running/);
    expect(await names(a)).to.not.include(name);
    await virsh('-c', b.uri(), 'destroy', name);
    await virsh('-c', b.uri(), 'undefine', name);
  }

  /** Starts a slow migration (1 MiB/s) with virsh on A; resolves once A's transfer runs, with virsh's exit. */
  async function slowMigration(name: string, p2p: boolean): Promise<{ exited: Promise<number | null>; kill(): void }> {
    const child = a.spawn('virsh', ['-c', a.uri(), 'migrate', '--live', ...(p2p ? ['--p2p'] : []), '--bandwidth', '1', name, b.uri()]);
    child.stdout!.resume();
    child.stderr!.resume();
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await eventually(async () => { expect(await jobType(a, name)).to.equal('Unbounded'); }, 30_000);
    return { exited, kill: () => child.kill('SIGKILL') };
  }

  it('client gone after Prepare3: B ends its incoming QEMU and forgets the migration; A never stopped', async () => {
    const name = 'vkmf-prepared';
    const serial = await startGuest(name);
    const out = await a.exec(process.execPath, [MIGRATION_CLIENT, a.uri(), b.uri(), name, 'prepare']);
    expect(out.trim()).to.equal('prepare');
    expect(await domstate(a, name)).to.equal('running (booted)');
    await runsOnSourceOnly(name, serial);
  });

  it('virsh killed during Perform3 (managed): A cancels the stream and runs on, B ends its incoming QEMU', async () => {
    const name = 'vkmf-perform';
    const serial = await startGuest(name);
    const m = await slowMigration(name, false);
    m.kill();
    await m.exited;
    await runsOnSourceOnly(name, serial);
  });

  it("B's daemon killed during a peer-to-peer Perform: A cancels and runs on, B's QEMU does not outlive the stream, a restarted B has nothing", async () => {
    const name = 'vkmf-dstkill';
    const serial = await startGuest(name);
    const m = await slowMigration(name, true);
    expect(await qemuOf(b, name)).to.have.length(1);
    await b.kill();
    expect(await m.exited, 'virsh migrate fails').to.not.equal(0);
    await b.start();
    await runsOnSourceOnly(name, serial);
  });

  it("A's daemon killed during a peer-to-peer Perform and restarted: it cancels the stream its QEMU still sends and resumes the guest, B ends its incoming QEMU", async () => {
    const name = 'vkmf-srckill';
    const serial = await startGuest(name);
    const m = await slowMigration(name, true);
    await a.kill();
    expect(await m.exited, 'virsh migrate fails').to.not.equal(0);
    await a.start();
    await runsOnSourceOnly(name, serial);
  });

  it("B's daemon killed during a managed Perform3 and restarted at once: the restarted B ends the incoming QEMU it inherits, A runs on", async () => {
    const name = 'vkmf-dstkill-managed';
    const serial = await startGuest(name);
    const m = await slowMigration(name, false);
    const [incoming] = await qemuOf(b, name);
    expect(incoming).to.be.a('number');
    await b.kill();
    // The incoming QEMU outlives its daemon; the restarted daemon finds it half-migrated.
    expect(await qemuOf(b, name)).to.deep.equal([incoming]);
    await b.start();
    expect(await m.exited, 'virsh migrate fails').to.not.equal(0);
    await runsOnSourceOnly(name, serial);
  });
});
