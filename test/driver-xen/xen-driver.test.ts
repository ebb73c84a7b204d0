import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DefinedDetail, DomainEventType, DomainState, DomainXmlFlags, DrvFeature, ErrorCode, JobOperation, JobStatsFlags, JobType, ListDomainsFlags, MigrateFlags, ResumedDetail,
  StartedDetail, StoppedDetail, SuspendedDetail, UndefinedDetail, parseDomainXml, type Connection,
} from '@virtkit/core';
import { XendClient, type XenConnection, type XendEndpoint, type XendReply } from '@virtkit/driver-xen';
import { pvXml, rejects, until, useXenHosts, xenConnection, xendEndpoint, type XenHosts } from './xen-hosts.js';

/** A client whose replies to some ops arrive late: xend has already acted while the request is still outstanding. */
class LateReplies extends XendClient {
  constructor(endpoint: XendEndpoint, private readonly lateOps: string[], private readonly delayMs: number) {
    super(endpoint);
  }

  override async post(path: string, op: string, params: Array<[string, string]> = [], options: { long?: boolean } = {}): Promise<XendReply> {
    const reply = await super.post(path, op, params, options);
    if (this.lateOps.includes(op)) await new Promise((r) => setTimeout(r, this.delayMs));
    return reply;
  }
}

const xen = (c: Connection) => c.driverConnection as XenConnection;

describe('driver-xen: lifecycle against the xend emulator', function () {
  let hosts: XenHosts, a: Connection, b: Connection;
  const env = useXenHosts();
  beforeEach(() => { ({ hosts, a, b } = env); });

  it('opens xend over its unix socket and over HTTP and reports the host', async () => {
    expect(await a.getType()).to.equal('Xen');
    expect(await a.getVersion()).to.equal(4_001_006);
    expect(await a.getHostname()).to.equal('xen-a');
    expect(await b.getHostname()).to.equal('xen-b');
    expect(await a.getUri()).to.match(/^xen:\/\/\/system\?socket=/);
    const node = await b.getNodeInfo();
    expect(node).to.deep.include({ model: 'x86_64', memory: 8192 * 1024, cpus: 4, nodes: 1, sockets: 1, cores: 4, threads: 1 });
    const caps = await a.getCapabilities();
    expect(caps).to.contain('<uri_transport>xenmigr</uri_transport>').and.contain('<os_type>hvm</os_type>').and.contain('<os_type>xen</os_type>');
    expect(await a.supportsFeature(DrvFeature.MIGRATION_V1)).to.equal(true);
    expect(await a.supportsFeature(DrvFeature.MIGRATION_DIRECT)).to.equal(true);
    for (const f of [DrvFeature.MIGRATION_V2, DrvFeature.MIGRATION_V3, DrvFeature.MIGRATION_P2P, DrvFeature.MIGRATION_PARAMS]) expect(await a.supportsFeature(f)).to.equal(false);
  });

  it('refuses URIs it cannot use with a clear error', async () => {
    await rejects(hosts.virt.connect(`xen:///system?socket=${path.join(hosts.dir, 'missing.sock')}`), ErrorCode.SYSTEM_ERROR, /failed to connect to xend at .*missing\.sock/);
    await rejects(hosts.virt.connect(`xen:///system?bogus=1`), ErrorCode.INVALID_ARG, /unknown parameter 'bogus'/);
    await rejects(hosts.virt.connect(`xen:///system?socket=/x&xend=http://127.0.0.1:1`), ErrorCode.INVALID_ARG, /either/);
    await rejects(hosts.virt.connect(`xen:///system?xend=ftp://127.0.0.1:1`), ErrorCode.INVALID_ARG, /http:\/\/HOST/);
    await rejects(hosts.virt.connect(`xen:///session?socket=${hosts.a.socketPath}`), ErrorCode.INVALID_ARG, /unexpected path/);
  });

  it('defines, starts, pauses, resumes, shuts down and undefines a guest', async () => {
    const dom = await a.defineDomain(pvXml('web1', { uuid: '6a1b2c3d-0000-4000-8000-000000000001' }));
    expect(dom.id).to.equal(-1);
    expect(await a.listDefinedDomainNames()).to.deep.equal(['web1']);
    expect((await a.lookupDomainByUuid('6a1b2c3d000040008000000000000001')).name).to.equal('web1');
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);

    await dom.start();
    expect(dom.id).to.be.greaterThan(0);
    expect((await a.lookupDomainById(dom.id)).name).to.equal('web1');
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    expect((await a.listAllDomains(ListDomainsFlags.ACTIVE)).map((d) => d.name).sort()).to.deep.equal(['Domain-0', 'web1']);
    expect(await a.listDefinedDomainNames()).to.deep.equal([]);

    await dom.suspend();
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
    expect((await a.listAllDomains(ListDomainsFlags.PAUSED)).map((d) => d.name)).to.deep.equal(['web1']);
    await dom.resume();
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);

    await dom.shutdown();
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
    expect((await a.lookupDomainByName('web1')).id).to.equal(-1);
    await dom.undefine();
    await rejects(a.lookupDomainByName('web1'), ErrorCode.NO_DOMAIN);
    expect(await a.listDefinedDomainNames()).to.deep.equal([]);
  });

  it('creates a transient guest that disappears when destroyed', async () => {
    const dom = await b.createDomain(pvXml('scratch'));
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listDomainIds()).to.deep.equal([0, dom.id]);
    await dom.destroy();
    await rejects(b.lookupDomainByName('scratch'), ErrorCode.NO_DOMAIN);
    const paused = await b.createDomain(pvXml('held'), 1);
    expect((await paused.getState()).state).to.equal(DomainState.PAUSED);
  });

  it('reports memory and vCPUs and changes them through xend', async () => {
    const dom = await a.defineDomain(pvXml('sizer', { memoryMib: 512, vcpus: 4 }));
    await dom.start();
    let info = await dom.getInfo();
    expect(info).to.deep.include({ state: DomainState.RUNNING, maxMem: 512 * 1024, memory: 512 * 1024, nrVirtCpu: 4 });
    const c = xen(a);
    await c.setMemory(dom.driverRef, 300 * 1024 + 1);
    await c.setVcpus(dom.driverRef, 2);
    info = await dom.getInfo();
    expect(info.memory).to.equal(301 * 1024);
    expect(info.nrVirtCpu).to.equal(2);
    const def = parseDomainXml(await dom.getXmlDesc());
    expect(def.currentMemory?.kib).to.equal(301 * 1024);
    expect(def.vcpu).to.deep.include({ count: 4, current: 2 });
    await c.setMaxMemory(dom.driverRef, 256 * 1024);
    info = await dom.getInfo();
    expect([info.maxMem, info.memory]).to.deep.equal([256 * 1024, 256 * 1024]);
    await rejects(c.setVcpus(dom.driverRef, 5), ErrorCode.INVALID_ARG, /greater than max allowable vcpus/);
    await rejects(c.setMemory(dom.driverRef, 1024 * 1024), ErrorCode.OPERATION_FAILED, /above maxmem/);
  });

  it('dumps the XML xend holds, the live id and the VNC password only with SECURE', async () => {
    const xml = pvXml('dump').replace('</devices>', `<graphics type='vnc' port='5901' passwd='s3cret' keymap='en-us'/></devices>`);
    const dom = await a.defineDomain(xml);
    await dom.start();
    const live = parseDomainXml(await dom.getXmlDesc());
    expect(live.id).to.equal(dom.id);
    expect(live.os).to.deep.include({ type: 'linux', kernel: '/boot/vmlinuz-xen', cmdline: 'root=/dev/xvda1 ro' });
    expect(live.devices.disks.map((d) => [d.target.dev, d.sourcePath])).to.deep.equal([['xvda', '/var/lib/xen/images/dump.img']]);
    expect(live.devices.interfaces[0]).to.deep.include({ type: 'bridge', mac: '00:16:3e:12:34:56', targetDev: `vif${dom.id}.0` });
    expect(live.devices.graphics[0].attrs).to.deep.equal({ port: '5901', autoport: 'no', keymap: 'en-us' });
    expect(parseDomainXml(await dom.getXmlDesc(DomainXmlFlags.SECURE)).devices.graphics[0].attrs.passwd).to.equal('s3cret');
    expect(parseDomainXml(await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).id).to.equal(undefined);
  });

  it('reboots, saves and restores a guest', async () => {
    const dom = await a.defineDomain(pvXml('saver'));
    await dom.start();
    const c = xen(a);
    await c.reboot(dom.driverRef, 0);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    const file = path.join(hosts.dir, 'saver.save');
    await rejects(dom.save(file, 1 << 2), ErrorCode.INVALID_ARG, /unsupported flags/);
    await dom.save(file);
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
    expect((await readFile(file)).subarray(0, 16).toString()).to.equal('LinuxGuestRecord');
    const restored = await a.restoreDomain(file);
    expect(restored.uuid).to.equal(dom.uuid);
    const back = await a.lookupDomainByName('saver');
    expect(back.uuid).to.equal(dom.uuid);
    expect((await back.getState()).state).to.equal(DomainState.RUNNING);
    await rejects(c.restore(path.join(hosts.dir, 'nothing.save')), ErrorCode.OPERATION_FAILED, /can't read guest state file/);
    await rejects(c.save(back.driverRef, 'relative.save'), ErrorCode.INVALID_ARG, /absolute path/);
  });

  it("maps xend's refusals to VirtErrors with xend's message", async () => {
    const dom = await a.defineDomain(pvXml('busy'));
    await dom.start();
    await rejects(dom.start(), ErrorCode.OPERATION_INVALID, /already running/);
    await rejects(dom.undefine(), ErrorCode.OPERATION_FAILED, /Domain is not halted/);
    const dom0 = await a.lookupDomainById(0);
    expect(dom0.name).to.equal('Domain-0');
    await rejects(dom0.suspend(), ErrorCode.OPERATION_FAILED, /Cannot pause privileged domain/);
    await rejects(dom0.destroy(), ErrorCode.OPERATION_FAILED, /Cannot destroy privileged domain/);
    await dom.destroy();
    await rejects(dom.suspend(), ErrorCode.OPERATION_INVALID, /is not running/);
    await rejects(a.lookupDomainByName('nosuch'), ErrorCode.NO_DOMAIN);
    await rejects(a.lookupDomainByUuid('00000000-1111-2222-3333-444444444444'), ErrorCode.NO_DOMAIN);
    await rejects(a.lookupDomainById(4242), ErrorCode.NO_DOMAIN);
    await dom.undefine();
    await rejects(dom.destroy(), ErrorCode.NO_DOMAIN);
  });

  it("refuses a name or UUID xend already holds under another identity with libvirt's messages", async () => {
    const dom = await a.defineDomain(pvXml('taken', { uuid: '6a1b2c3d-0000-4000-8000-0000000000f0' }));
    await rejects(a.defineDomain(pvXml('taken', { uuid: '6a1b2c3d-0000-4000-8000-0000000000ff' })), ErrorCode.OPERATION_FAILED,
      /^operation failed: domain 'taken' already exists with uuid 6a1b2c3d-0000-4000-8000-0000000000f0$/);
    await rejects(a.defineDomain(pvXml('renamed', { uuid: dom.uuid })), ErrorCode.OPERATION_FAILED,
      /^operation failed: domain 'taken' is already defined with uuid 6a1b2c3d-0000-4000-8000-0000000000f0$/);
    await rejects(a.createDomain(pvXml('taken', { uuid: '6a1b2c3d-0000-4000-8000-0000000000ff' })), ErrorCode.OPERATION_FAILED, /already exists with uuid/);
    expect((await a.listAllDomains()).map((d) => d.name)).to.deep.equal(['Domain-0', 'taken']);
    // The same identity again is a redefinition.
    const again = await a.defineDomain(pvXml('taken', { uuid: dom.uuid, memoryMib: 512 }));
    expect((await again.getInfo()).maxMem).to.equal(512 * 1024);
  });

  it('rejects unknown flags and bad XML and changes nothing', async () => {
    const dom = await a.defineDomain(pvXml('flags'));
    await rejects(dom.start(1 << 10), ErrorCode.INVALID_ARG, /unsupported flags/);
    await rejects(dom.shutdown(1 << 0), ErrorCode.INVALID_ARG, /unsupported flags/);
    await rejects(dom.getXmlDesc(1 << 20), ErrorCode.INVALID_ARG, /unsupported flags/);
    await rejects(a.defineDomain(pvXml('other'), 1 << 5), ErrorCode.INVALID_ARG, /unsupported flags/);
    await rejects(a.defineDomain('<domain type="xen"><name>bad'), ErrorCode.XML_ERROR);
    await rejects(a.defineDomain(pvXml('net').replace(`<interface type='bridge'>`, `<interface type='network'>`)), ErrorCode.CONFIG_UNSUPPORTED);
    expect(await a.listDefinedDomainNames()).to.deep.equal(['flags']);
  });

  it("keeps names xend accepts intact and refuses the others with xend's message", async () => {
    const name = 'web_01.example-a:b+c';
    const dom = await b.defineDomain(pvXml(name));
    expect((await b.lookupDomainByName(name)).uuid).to.equal(dom.uuid);
    await dom.start();
    expect(parseDomainXml(await dom.getXmlDesc()).name).to.equal(name);
    await dom.destroy();
    await dom.undefine();
    for (const hostile of [`it's "a, b"`, 'two words', 'semi;colon']) {
      await rejects(b.defineDomain(pvXml(hostile)), ErrorCode.OPERATION_FAILED, /Invalid VM Name/);
      await rejects(b.createDomain(pvXml(hostile)), ErrorCode.OPERATION_FAILED, /Error creating domain: Invalid VM Name/);
    }
    expect((await b.listAllDomains()).map((d) => d.name)).to.deep.equal(['Domain-0']);
  });

  it('reports an oversize config as xend does (413) and defines nothing', async () => {
    const huge = pvXml('huge').replace('<devices>', `<description>${' '.repeat(4000)}</description><devices>`);
    await rejects(a.defineDomain(huge), ErrorCode.HTTP_ERROR, /Unexpected HTTP error code 413/);
    expect(await a.listDefinedDomainNames()).to.deep.equal([]);
  });

  it('offers xen-sxpr to domxml-to-native and domxml-from-native', async () => {
    const format = hosts.virt.registry.nativeFormat('xen-sxpr');
    const native = await format.toNative(pvXml('native', { uuid: '6a1b2c3d-0000-4000-8000-00000000abcd' }));
    expect(native).to.match(/^\(vm \(name native\) \(memory 256\) \(maxmem 256\) \(vcpus 2\) \(uuid 6a1b2c3d-0000-4000-8000-00000000abcd\)/);
    expect(parseDomainXml(await format.fromNative(native)).name).to.equal('native');
  });

  it('reports a save as a job while it runs, then as completed', async () => {
    const dom = await a.createDomain(pvXml('jobber'));
    expect((await dom.getJobInfo()).type).to.equal(JobType.NONE);
    await rejects(dom.abortJob(), ErrorCode.OPERATION_INVALID, /no job/);
    const saving = xen(a).save(dom.driverRef, path.join(hosts.dir, 'jobber.save'));
    expect((await dom.getJobInfo()).type).to.equal(JobType.UNBOUNDED);
    await rejects(dom.abortJob(), ErrorCode.OPERATION_UNSUPPORTED, /the save job of domain 'jobber' cannot be cancelled/);
    await saving;
    expect((await dom.getJobStats(JobStatsFlags.COMPLETED)).type).to.equal(JobType.COMPLETED);
    expect((await dom.getJobStats(JobStatsFlags.COMPLETED)).type).to.equal(JobType.NONE);
  });

  it('keeps the completed job with KEEP_COMPLETED until it is read without it', async () => {
    const dom = await a.createDomain(pvXml('keeper'));
    await rejects(dom.getJobStats(JobStatsFlags.KEEP_COMPLETED), ErrorCode.INVALID_ARG, /requires VIR_DOMAIN_JOB_STATS_COMPLETED/);
    await rejects(dom.save(path.join(hosts.dir, 'missing-dir', 'keeper.save')), ErrorCode.OPERATION_FAILED);
    const keep = JobStatsFlags.COMPLETED | JobStatsFlags.KEEP_COMPLETED;
    const first = await dom.getJobStats(keep);
    expect(first.type).to.equal(JobType.FAILED);
    expect(first.params).to.include({ operation: JobOperation.SAVE, success: false });
    expect(first.params.time_elapsed).to.be.a('number');
    expect(await dom.getJobStats(keep)).to.deep.equal(first);
    expect(await dom.getJobStats(JobStatsFlags.COMPLETED)).to.deep.equal(first);
    expect((await dom.getJobStats(keep)).type).to.equal(JobType.NONE);
    // A plain getJobStats reports the active job only and leaves the completed one alone.
    await dom.save(path.join(hosts.dir, 'keeper.save'));
    expect((await dom.getJobStats(0)).type).to.equal(JobType.NONE);
    expect(await dom.getJobStats(keep)).to.deep.include({ type: JobType.COMPLETED });
    expect((await dom.getJobStats(keep)).params).to.include({ operation: JobOperation.SAVE, success: true });
  });

  it('delivers lifecycle events for its own changes and for others by polling xend', async () => {
    const seen: Array<[string, string, number]> = [];
    const off = a.onLifecycle((e) => seen.push([e.domain.name, DomainEventType[e.event], e.detail]));
    try {
      const dom = await a.defineDomain(pvXml('evt'));
      await dom.start();
      await dom.suspend();
      await dom.resume();
      await dom.destroy();
      await dom.undefine();
      await until('the UNDEFINED event', () => seen.length >= 6);
      expect(seen).to.deep.equal([
        ['evt', 'DEFINED', DefinedDetail.ADDED], ['evt', 'STARTED', StartedDetail.BOOTED], ['evt', 'SUSPENDED', SuspendedDetail.PAUSED],
        ['evt', 'RESUMED', ResumedDetail.UNPAUSED], ['evt', 'STOPPED', StoppedDetail.DESTROYED], ['evt', 'UNDEFINED', UndefinedDetail.REMOVED],
      ]);
    } finally {
      off();
    }
    // Changes made through another connection arrive by the poll, here every 20 ms.
    const polled: Array<[string, string, number]> = [];
    const watcher = xenConnection(hosts.a, { eventIntervalMs: 20 });
    const offPoll = watcher.onLifecycle((e) => polled.push([e.domain.name, DomainEventType[e.event], e.detail]));
    try {
      await new Promise((r) => setTimeout(r, 50));
      await a.createDomain(pvXml('elsewhere'));
      await until('the polled STARTED event', () => polled.length > 0);
      // createXml builds the guest paused and then unpauses it: a poll in between also sees SUSPENDED (and RESUMED next).
      expect(polled[0]).to.deep.equal(['elsewhere', 'STARTED', StartedDetail.BOOTED]);
    } finally {
      offPoll();
      await watcher.close();
    }
  });

  it('never lets a throwing lifecycle listener make define or start fail', async () => {
    const seen: string[] = [];
    let thrown = 0;
    const offThrow = a.onLifecycle(() => { thrown++; throw new Error('listener failure'); });
    const off = a.onLifecycle((e) => seen.push(DomainEventType[e.event]));
    try {
      const dom = await a.defineDomain(pvXml('throws'));
      await dom.start();
      expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
      await until('the STARTED event', () => seen.includes('STARTED'));
      expect(seen).to.deep.equal(['DEFINED', 'STARTED']);
      expect(thrown).to.equal(2);
    } finally {
      offThrow();
      off();
    }
  });

  it('reports SAVED and MIGRATED even when the poll sees the domain go while the request is outstanding', async () => {
    const saved = await a.createDomain(pvXml('slowsave'));
    const migrated = await a.createDomain(pvXml('slowmig', { uuid: '6a1b2c3d-0000-4000-8000-0000000000aa' }));
    // The poll runs every 10 ms; xend's replies to save and migrate come 200 ms after it acted.
    const conn = xenConnection(hosts.a, { eventIntervalMs: 10, client: new LateReplies(xendEndpoint(hosts.a), ['save', 'migrate'], 200) });
    // By UUID: xend renames a migrating domain to migrating-<name>, and the poll may see that name last.
    const stopped: Array<[string, number]> = [];
    const off = conn.onLifecycle((e) => { if (e.event === DomainEventType.STOPPED) stopped.push([e.domain.uuid, e.detail]); });
    try {
      await new Promise((r) => setTimeout(r, 30));
      await conn.save(saved.driverRef, path.join(hosts.dir, 'slowsave.save'));
      await conn.migratePerform(migrated.driverRef, { uri: `xenmigr://127.0.0.1:${hosts.b.relocationPort}`, flags: MigrateFlags.LIVE, bandwidth: 0 });
      await until('both STOPPED events', () => stopped.length >= 2);
      expect(stopped).to.deep.equal([[saved.uuid, StoppedDetail.SAVED], [migrated.uuid, StoppedDetail.MIGRATED]]);
      // A failed request leaves no expected reason behind: a later stop made elsewhere is a plain SHUTDOWN.
      const again = await a.createDomain(pvXml('slowsave2'));
      await new Promise((r) => setTimeout(r, 30));
      await rejects(conn.save(again.driverRef, 'relative.save'), ErrorCode.INVALID_ARG);
      await rejects(conn.migratePerform(again.driverRef, { uri: 'xenmigr://127.0.0.1:1', flags: MigrateFlags.LIVE, bandwidth: 0 }), ErrorCode.OPERATION_FAILED);
      await again.shutdown();
      await until('the third STOPPED event', () => stopped.length >= 3);
      expect(stopped[2]).to.deep.equal([again.uuid, StoppedDetail.SHUTDOWN]);
    } finally {
      off();
      await conn.close();
    }
  });

  it('runs an HVM guest and describes it back with loader, boot order, features and device model', async () => {
    const xml = `<domain type='xen'><name>hvm1</name><memory unit='MiB'>512</memory><vcpu>1</vcpu>
      <os><type>hvm</type><loader>/usr/lib/xen/boot/hvmloader</loader><boot dev='cdrom'/><boot dev='hd'/></os>
      <features><acpi/><apic/><pae/></features><clock offset='localtime'/>
      <devices><emulator>/usr/lib/xen/bin/qemu-dm</emulator>
        <disk type='file' device='cdrom'><source file='/iso/install.iso'/><target dev='hdc'/><readonly/></disk>
        <disk type='block'><source dev='/dev/vg/hvm1'/><target dev='hda'/></disk>
        <serial type='pty'><target port='0'/></serial>
        <graphics type='vnc' autoport='yes' listen='127.0.0.1'/></devices></domain>`;
    const dom = await b.createDomain(xml);
    expect(await dom.getOSType()).to.equal('hvm');
    const def = parseDomainXml(await dom.getXmlDesc());
    expect(def.os).to.deep.include({ type: 'hvm', boot: ['cdrom', 'hd'], loader: { path: '/usr/lib/xen/boot/hvmloader' } });
    expect(def.features?.map((f) => f.name)).to.deep.equal(['acpi', 'apic', 'pae']);
    expect(def.clock?.extras?.attrs).to.deep.equal({ adjustment: '0', basis: 'localtime' });
    expect(def.devices.emulator).to.equal('/usr/lib/xen/bin/qemu-dm');
    expect(def.devices.disks.map((d) => [d.target.dev, d.target.bus, d.device, d.type])).to.deep.equal([['hda', 'ide', 'disk', 'block'], ['hdc', 'ide', 'cdrom', 'file']]);
    expect(def.devices.serials.map((s) => s.type)).to.deep.equal(['pty']);
    expect(def.devices.graphics[0].attrs).to.deep.equal({ port: '-1', autoport: 'yes', listen: '127.0.0.1' });
  });
});
