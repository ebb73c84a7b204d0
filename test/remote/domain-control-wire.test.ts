import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DomainEventId, DomainState, DriverRole, ErrorCode, MemoryStatTag, MetadataType, VcpuFlags, isVirtError,
  type Connection, type PublicDomainEvent, type Virt,
} from '@virtkit/core';
import { remoteVirt } from './helpers/remote-virt.js';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { waitFor } from './helpers/wait.js';

const LIBVIRT = 'test:///default';
const VIRTKIT = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));
const ENV = { ...process.env, LANG: 'C', LC_ALL: 'C', VIRTKIT_PLUGINS: '' };

interface Run { stdout: string; stderr: string; status: number }

/** A command's stdout, stderr and exit status, whether it succeeded or not. */
function runFull(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30000, env: ENV }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, status: err ? (typeof err.code === 'number' ? err.code : -1) : 0 });
    });
  });
}

const virsh = (uri: string, ...args: string[]) => runFull('virsh', ['-c', uri, ...args]);
const virtkit = (uri: string, ...args: string[]) => runFull(process.execPath, [VIRTKIT, '-c', uri, ...args]);

/**
 * dominfo's lines that differ between two hosts by design: the CPU time
 * (libvirt's test driver reports the time of day, virtkit's the guest's
 * running time) and libvirt's fake security model (virtkitd has none).
 */
const masked = (text: string) => text.split('\n').filter((l) => !/^(CPU time|Security (model|DOI|label)):/.test(l)).join('\n');

describe('domain control over the wire: real virsh through virtkitd against virsh on libvirt\'s test:///default', function () {
  this.timeout(60000);
  let d: Virtkitd;
  let tmp: string;

  // Each comparison starts from test:///default's initial state on both sides: a fresh daemon, and a fresh virsh process.
  beforeEach(async () => { d = await startVirtkitd('', { verbose: false }); });
  afterEach(async () => { await d?.stop(); });
  before(async () => { tmp = await mkdtemp(path.join(os.tmpdir(), 'vkw1-')); });
  after(async () => { await rm(tmp, { recursive: true, force: true }); });

  /** The same virsh line on both hosts: stdout, stderr and exit status byte for byte. */
  async function same(line: string, mask: (s: string) => string = (s) => s, theirsRun = () => virsh(LIBVIRT, line)): Promise<Run> {
    const [ours, theirs] = [await virsh(d.uri(), line), await theirsRun()];
    expect({ ...ours, stdout: mask(ours.stdout) }, line).to.deep.equal({ ...theirs, stdout: mask(theirs.stdout) });
    return ours;
  }

  it('reboot and reset', async () => {
    const r = await same('reboot test; reset test; domstate --reason test');
    expect(r.stdout).to.contain("Domain 'test' is being rebooted").and.to.contain("Domain 'test' was reset");
  });

  it('setmem, setmaxmem, dominfo and dommemstat', async () => {
    const r = await same('setmem test 1024; dominfo test; dommemstat test; setmaxmem test 4096 --config; dominfo test', masked);
    expect(r.stdout).to.match(/Used memory:\s+1024 KiB/).and.to.contain('actual 1024');
  });

  it('setvcpus and vcpucount', async () => {
    const r = await same('setvcpus test 1; vcpucount test; setvcpus test 2 --config --maximum; vcpucount test; setvcpus test 0');
    expect(r.status).to.equal(1);
    expect(r.stdout).to.match(/current\s+live\s+1/);
  });

  it('autostart and dominfo', async () => {
    const r = await same('autostart test; dominfo test; autostart --disable test; dominfo test', masked);
    expect(r.stdout).to.match(/Autostart:\s+enable/);
  });

  it('desc and metadata', async () => {
    const r = await same("desc test --title 'a title'; desc test --title; desc test 'some text'; desc test; metadata test http://example.org/vk --key vk --set '<thing>one</thing>'; metadata test http://example.org/vk; metadata test http://example.org/none");
    expect(r.stdout).to.contain('a title').and.to.contain('some text').and.to.contain('<thing>one</thing>');
    expect(r.status).to.equal(1);
  });

  it('schedinfo, with and without --set', async () => {
    const r = await same('schedinfo test; schedinfo test --set weight=100; schedinfo test --set nosuch=1');
    expect(r.stdout).to.match(/weight\s+: 50/);
  });

  it('domstats and domtime', async () => {
    const r = await same('domstats; domstats --raw test; domstats --state --list-active; domtime test');
    expect(r.stdout).to.contain('state.state=1');
  });

  it('managedsave, then (another invocation) dominfo and managedsave-remove', async () => {
    // virsh waits forever when another domain command follows managedsave in one invocation: each runs alone.
    // virsh's managedsave on libvirt's own test:///default sometimes never returns (about one run in five here, with nothing
    // printed): that run is killed after 5 s and virsh run again, up to five times, so the compared output is one that completed.
    const theirs = async () => {
      for (let i = 0; ; i++) {
        const r = await runFull('timeout', ['5', 'virsh', '-c', LIBVIRT, 'managedsave test']);
        if (r.status !== 124 || i === 4) return r;
      }
    };
    expect((await same('managedsave test', undefined, theirs)).stdout).to.contain("Domain 'test' state saved by libvirt");
    const info = await virsh(d.uri(), 'dominfo test');
    expect(info.stdout).to.match(/State:\s+shut off/).and.to.match(/Managed save:\s+yes/);
    expect((await virsh(d.uri(), 'managedsave-remove test')).stdout).to.contain("Removed managedsave image for domain 'test'");
    expect((await virsh(d.uri(), 'dominfo test')).stdout).to.match(/Managed save:\s+no/);
    await same('managedsave-remove test');
  });

  it('attach-device, detach-device and blockresize as libvirt\'s test driver answers them', async () => {
    const file = path.join(tmp, 'disk.xml');
    await writeFile(file, "<disk type='file' device='disk'><source file='/tmp/vkw1.img'/><target dev='vdb' bus='virtio'/></disk>");
    const r = await same(`attach-device test ${file}; detach-device test ${file}; blockresize test vda 1G`);
    expect(r.stderr).to.contain('this function is not supported by the connection driver: virDomainAttachDevice\n');
  });
});

describe('domain control over the wire: virtkit\'s client through virtkitd', function () {
  this.timeout(60000);
  let d: Virtkitd;
  let virt: Virt;
  let conn: Connection;

  before(async () => {
    d = await startVirtkitd('', { verbose: false });
    virt = await remoteVirt();
    conn = await virt.connect(d.uri());
  });
  after(async () => {
    await conn?.close();
    await virt?.dispose();
    await d?.stop();
  });

  it('declares the roles the server answers, and not the one it answers NO_SUPPORT', () => {
    const f = conn.driverConnection.features;
    for (const role of [DriverRole.DOMAIN_CONTROL, DriverRole.DOMAIN_RESOURCES, DriverRole.DOMAIN_AUTOSTART, DriverRole.MANAGED_SAVE, DriverRole.DOMAIN_METADATA,
      DriverRole.SCHEDULER, DriverRole.DOMAIN_STATS, DriverRole.DOMAIN_TIME, DriverRole.DOMAIN_EVENTS]) {
      expect(f.has(role), `role 0x${role.toString(16)}`).to.equal(true);
    }
    // The test driver has no device detach, as libvirt's: the probe was answered NO_SUPPORT.
    expect(f.has(DriverRole.DEVICE_DETACH)).to.equal(false);
  });

  it('memory, vCPUs, autostart, scheduler, statistics and time carry the server\'s values', async () => {
    const dom = await conn.lookupDomainByName('test');
    await dom.setMemory(1024);
    expect((await dom.getInfo()).memory).to.equal(1024);
    expect((await dom.memoryStats()).find((s) => s.tag === MemoryStatTag.ACTUAL_BALLOON)?.val).to.equal(1024);
    await dom.setVcpusFlags(1, VcpuFlags.LIVE);
    expect(await dom.getVcpusFlags(VcpuFlags.LIVE)).to.equal(1);
    expect(await dom.getVcpusFlags(VcpuFlags.CONFIG | VcpuFlags.MAXIMUM)).to.equal(2);
    expect(await dom.getAutostart()).to.equal(false);
    await dom.setAutostart(true);
    expect(await dom.getAutostart()).to.equal(true);
    expect(await dom.getSchedulerType()).to.deep.equal({ type: 'fair', nparams: 1 });
    expect(await dom.getSchedulerParameters()).to.deep.equal({ weight: 50 });
    await dom.setSchedulerParameters({ weight: 70 });
    expect((await dom.blockStats('vda')).rdReq).to.be.greaterThan(0);
    const stats = await conn.getAllDomainStats(0, 0, [dom]);
    expect(stats.map((s) => [s.domain.name, s.params['state.state']])).to.deep.equal([['test', DomainState.RUNNING]]);
    expect((await dom.getTime()).seconds).to.be.a('number');
  });

  it('errors keep their code across the wire, and bad arguments change nothing', async () => {
    const dom = await conn.lookupDomainByName('test');
    const before = (await dom.getInfo()).memory;
    const zero = await dom.setMemoryFlags(0).then(() => undefined, (e: unknown) => e);
    expect(isVirtError(zero, ErrorCode.INVALID_ARG)).to.equal(true);
    expect((await dom.getInfo()).memory).to.equal(before);
    const meta = await dom.getMetadata(MetadataType.ELEMENT, 'http://example.org/absent').then(() => undefined, (e: unknown) => e);
    expect(isVirtError(meta, ErrorCode.NO_DOMAIN_METADATA)).to.equal(true);
    const detach = await dom.detachDevice('<disk/>').then(() => undefined, (e: unknown) => e);
    expect(isVirtError(detach, ErrorCode.NO_SUPPORT)).to.equal(true);
    const attach = await dom.attachDevice("<disk type='file'><target dev='vdb'/></disk>").then(() => undefined, (e: unknown) => e);
    expect(isVirtError(attach, ErrorCode.NO_SUPPORT)).to.equal(true);
    expect((attach as Error).message).to.contain('virDomainAttachDeviceFlags');
  });

  it('managed save, its image and its removal', async () => {
    const dom = await conn.lookupDomainByName('test');
    if ((await dom.getState()).state !== DomainState.RUNNING) await dom.start();
    await dom.managedSave();
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
    expect(await dom.hasManagedSaveImage()).to.equal(true);
    await dom.managedSaveRemove();
    expect(await dom.hasManagedSaveImage()).to.equal(false);
    await dom.start();
  });

  it('metadata events arrive as the CALLBACK messages, for every client that registered', async () => {
    const other = await virt.connect(d.uri());
    const seen: string[] = [];
    const otherSeen: string[] = [];
    const fmt = (e: PublicDomainEvent) => `${e.domain.name}:${e.id}${e.id === DomainEventId.METADATA_CHANGE ? `:${e.type}:${e.nsuri ?? ''}` : ''}`;
    const off = conn.onDomainEvent((e) => seen.push(fmt(e)));
    const offOther = other.onDomainEvent((e) => otherSeen.push(fmt(e)));
    try {
      await (conn.driverConnection as unknown as { eventsReady(): Promise<void> }).eventsReady();
      await (other.driverConnection as unknown as { eventsReady(): Promise<void> }).eventsReady();
      const dom = await conn.lookupDomainByName('test');
      // libvirt's test driver, and so virtkit's, emits no REBOOT event: a reboot here must deliver nothing.
      await dom.reboot();
      await dom.setMetadata(MetadataType.DESCRIPTION, 'described');
      await dom.setMetadata(MetadataType.TITLE, 'titled');
      await dom.setMetadata(MetadataType.ELEMENT, '<x/>', 'vk', 'http://example.org/vk');
      const want = ['test:23:0:', 'test:23:1:', 'test:23:2:http://example.org/vk'];
      await waitFor(() => seen.length >= 3 && otherSeen.length >= 3, 5000, 'three domain events on both clients');
      expect(seen).to.deep.equal(want);
      expect(otherSeen).to.deep.equal(want);
      expect(await dom.getMetadata(MetadataType.DESCRIPTION)).to.equal('described');
    } finally {
      off();
      offOther();
      await other.close();
    }
  });

  it('virtkit dominfo through virtkitd prints what it prints locally', async () => {
    // A daemon of its own: the calls above changed this one's test host.
    const fresh = await startVirtkitd('', { verbose: false });
    try {
      const ours = await virtkit(fresh.uri(), 'dominfo', 'test');
      const local = await virtkit(LIBVIRT, 'dominfo', 'test');
      expect(ours.status).to.equal(0);
      expect(ours.stdout).to.match(/Autostart:\s+disable/).and.to.match(/Managed save:\s+no/);
      expect({ ...ours, stdout: masked(ours.stdout) }).to.deep.equal({ ...local, stdout: masked(local.stdout) });
    } finally {
      await fresh.stop();
    }
  });
});

describe('domain control over the wire: virtkit\'s client against libvirtd\'s test:///default', function () {
  this.timeout(60000);
  let daemon: Libvirtd;
  let virt: Virt;
  let conn: Connection;

  before(async () => {
    daemon = await startLibvirtd();
    virt = await remoteVirt();
    conn = await virt.connect(daemon.testUri);
  });
  after(async () => {
    await conn?.close();
    await virt?.dispose();
    await daemon?.stop();
  });

  it('declares by the same rule: every role libvirt\'s test driver has, and not device detach', () => {
    const f = conn.driverConnection.features;
    for (const role of [DriverRole.DOMAIN_CONTROL, DriverRole.DOMAIN_RESOURCES, DriverRole.DOMAIN_AUTOSTART, DriverRole.MANAGED_SAVE, DriverRole.DOMAIN_METADATA,
      DriverRole.SCHEDULER, DriverRole.DOMAIN_STATS, DriverRole.DOMAIN_TIME, DriverRole.DOMAIN_EVENTS]) {
      expect(f.has(role), `role 0x${role.toString(16)}`).to.equal(true);
    }
    expect(f.has(DriverRole.DEVICE_DETACH)).to.equal(false);
  });

  it('sets memory and scheduler parameters (with the types libvirtd gave), and receives its metadata events', async () => {
    const seen: string[] = [];
    const off = conn.onDomainEvent((e) => seen.push(`${e.domain.name}:${e.id}${e.id === DomainEventId.METADATA_CHANGE ? `:${e.type}` : ''}`));
    try {
      await (conn.driverConnection as unknown as { eventsReady(): Promise<void> }).eventsReady();
      const dom = await conn.lookupDomainByName('test');
      await dom.setMemory(1024);
      expect((await dom.getInfo()).memory).to.equal(1024);
      expect(await dom.getSchedulerParameters()).to.deep.equal({ weight: 50 });
      // libvirt's test driver refuses a weight that is not a uint: the client must send the type libvirtd's own answer had.
      await dom.setSchedulerParameters({ weight: 20 });
      expect((await dom.memoryStats()).length).to.equal(13);
      await dom.setMetadata(MetadataType.TITLE, 'titled');
      await waitFor(() => seen.length >= 1, 5000, 'the metadata event');
      expect(seen).to.deep.equal(['test:23:1']);
    } finally {
      off();
    }
  });
});
