import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import {
  DomainEventId, DomainModificationImpact, DomainState, DomainStatsTypes, DomainXmlFlags, ErrorCode, ListDomainsFlags, MemoryModFlags, MemoryStatTag,
  MetadataType, RunningReason, ShutoffReason, UndefineFlags, VcpuFlags, parseDomainXml, type Connection, type PublicDomainEvent, type Virt,
} from '@virtkit/core';
import { embedUri, eventually, expectConsecutiveFrom, guestXml, makeRoot, makeVirt, readCounter, rejectsWith, waitForCounter } from './support/hosts.js';

/** The counter guest with a virtio balloon, so the live memory can change. */
async function balloonGuest(name: string, serialLog: string, extra = {}): Promise<string> {
  return (await guestXml({ name, serialLog, ...extra })).replace("<memballoon model='none'/>", "<memballoon model='virtio'/>");
}

/** Whether the guest booted again: a counter value lower than one before it. */
function restarted(values: number[]): boolean {
  return values.some((v, i) => i > 0 && v < values[i - 1]);
}

describe('driver-kvm domain control (real QEMU)', function () {
  this.timeout(180_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  const events: PublicDomainEvent[] = [];

  before(async () => {
    root = await makeRoot('vkdo');
    virt = await makeVirt({ shutdownTimeoutMs: 1500 });
    conn = await virt.connect(embedUri(root));
    conn.onDomainEvent((e) => events.push(e));
  });

  after(async () => {
    for (const d of await conn.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
    await virt.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('reboot presses the power button and runs the guest again in the same QEMU; reset restarts it at once; both report REBOOT', async () => {
    const serial = path.join(root, 'reboot.log');
    const dom = await conn.defineDomain(await guestXml({ name: 'vkdo-reboot', serialLog: serial }));
    await dom.start();
    const status = path.join(root, 'run', 'qemu', `${dom.uuid}.json`);
    const pid = (JSON.parse(await fs.readFile(status, 'utf8')) as { pid: number }).pid;
    await waitForCounter(serial, 5);
    await dom.reboot();
    await eventually(async () => { expect(restarted(await readCounter(serial))).to.equal(true); }, 60_000);
    expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.BOOTED });
    expect((JSON.parse(await fs.readFile(status, 'utf8')) as { pid: number }).pid).to.equal(pid);
    const reboots = () => events.filter((e) => e.id === DomainEventId.REBOOT && e.domain.name === 'vkdo-reboot').length;
    await eventually(() => { expect(reboots()).to.be.at.least(1); }, 10_000);
    const afterReboot = reboots();

    await fs.writeFile(serial, '');
    await waitForCounter(serial, 5);
    await dom.reset();
    await eventually(async () => { expect(restarted(await readCounter(serial))).to.equal(true); }, 60_000);
    await eventually(() => { expect(reboots()).to.be.greaterThan(afterReboot); }, 10_000);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    await rejectsWith(dom.reset(1), ErrorCode.INVALID_ARG);
    await dom.destroy();
    await rejectsWith(dom.reboot(), ErrorCode.OPERATION_INVALID);
  });

  it('sets the live memory through the balloon and the persistent memory and vCPUs in the definition; refuses live vCPU and maximum changes', async () => {
    const dom = await conn.defineDomain(await balloonGuest('vkdo-mem', path.join(root, 'mem.log')));
    await dom.setMemoryFlags(100 * 1024, MemoryModFlags.CONFIG);
    await dom.setVcpusFlags(2, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM);
    const stored = parseDomainXml(await fs.readFile(path.join(root, 'etc', 'qemu', `${dom.uuid}.xml`), 'utf8'));
    expect(stored.currentMemory?.kib).to.equal(100 * 1024);
    expect(stored.vcpu).to.deep.include({ count: 2, current: 1 });
    await dom.start();
    expect(await dom.getVcpusFlags(VcpuFlags.LIVE | VcpuFlags.MAXIMUM)).to.equal(2);
    expect(await dom.getVcpusFlags(VcpuFlags.LIVE)).to.equal(1);
    await dom.setMemory(64 * 1024);
    expect(parseDomainXml(await dom.getXmlDesc()).currentMemory?.kib).to.equal(64 * 1024);
    expect(parseDomainXml(await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).currentMemory?.kib).to.equal(100 * 1024);
    await rejectsWith(dom.setMemory(512 * 1024), ErrorCode.INVALID_ARG);
    await rejectsWith(dom.setMaxMemory(256 * 1024), ErrorCode.OPERATION_INVALID);
    await rejectsWith(dom.setVcpusFlags(2, VcpuFlags.LIVE), ErrorCode.OPERATION_UNSUPPORTED);
    expect(parseDomainXml(await dom.getXmlDesc()).currentMemory?.kib).to.equal(64 * 1024);
    const stats = await dom.memoryStats();
    expect(stats.map((s) => s.tag)).to.include(MemoryStatTag.ACTUAL_BALLOON);
    await dom.destroy();
  });

  it('managed save stops the guest into the host\'s save directory and the next start resumes it where it was', async () => {
    const serial = path.join(root, 'managed.log');
    const dom = await conn.defineDomain(await guestXml({ name: 'vkdo-managed', serialLog: serial }));
    await dom.start();
    await waitForCounter(serial, 5);
    await dom.managedSave();
    expect(await dom.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.SAVED });
    expect(await dom.hasManagedSaveImage()).to.equal(true);
    await fs.access(path.join(root, 'etc', 'qemu', 'save', `${dom.uuid}.save`));
    const last = (await readCounter(serial)).at(-1)!;
    expect((await conn.listAllDomains(ListDomainsFlags.MANAGEDSAVE)).map((d) => d.name)).to.deep.equal(['vkdo-managed']);
    await dom.start();
    expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.RESTORED });
    expect(await dom.hasManagedSaveImage()).to.equal(false);
    await waitForCounter(serial, last + 5);
    expectConsecutiveFrom(await readCounter(serial), last);
    await dom.managedSave();
    await rejectsWith(dom.undefine(), ErrorCode.OPERATION_INVALID);
    await dom.undefine(UndefineFlags.MANAGED_SAVE);
    await fs.access(path.join(root, 'etc', 'qemu', 'save', `${dom.uuid}.save`)).then(() => expect.fail('the image outlived its domain'), () => {});
  });

  it('keeps autostart in the host\'s directory and starts the marked guest when the host is opened again', async () => {
    const dom = await conn.defineDomain(await guestXml({ name: 'vkdo-auto', serialLog: path.join(root, 'auto.log') }));
    await dom.setAutostart(true);
    expect(await dom.getAutostart()).to.equal(true);
    await fs.access(path.join(root, 'etc', 'qemu', 'autostart', dom.uuid));
    await virt.dispose();
    virt = await makeVirt({ shutdownTimeoutMs: 1500 });
    conn = await virt.connect(embedUri(root));
    conn.onDomainEvent((e) => events.push(e));
    const again = await conn.lookupDomainByName('vkdo-auto');
    expect((await again.getState()).state).to.equal(DomainState.RUNNING);
    await again.setAutostart(false);
    expect(await again.getAutostart()).to.equal(false);
    await again.destroy();
  });

  it('stores the title, description and metadata elements live and persistently, with METADATA_CHANGE events', async () => {
    const dom = await conn.defineDomain(await guestXml({ name: 'vkdo-meta', serialLog: path.join(root, 'meta.log') }));
    await dom.start();
    await dom.setMetadata(MetadataType.TITLE, 'Counter', undefined, undefined, DomainModificationImpact.LIVE | DomainModificationImpact.CONFIG);
    await dom.setMetadata(MetadataType.ELEMENT, '<owner>ops</owner>', 'vk', 'http://virtkit.example/owner');
    expect(parseDomainXml(await dom.getXmlDesc()).title).to.equal('Counter');
    expect(await dom.getMetadata(MetadataType.ELEMENT, 'http://virtkit.example/owner')).to.equal('<owner>ops</owner>');
    const stored = await fs.readFile(path.join(root, 'etc', 'qemu', `${dom.uuid}.xml`), 'utf8');
    expect(stored).to.include('<title>Counter</title>');
    expect(stored).to.not.include('owner');
    await rejectsWith(dom.getMetadata(MetadataType.ELEMENT, 'http://virtkit.example/owner', DomainModificationImpact.CONFIG), ErrorCode.NO_DOMAIN_METADATA);
    await eventually(() => {
      expect(events.filter((e) => e.id === DomainEventId.METADATA_CHANGE && e.domain.name === 'vkdo-meta').map((e) => (e as { type: number }).type))
        .to.deep.equal([MetadataType.TITLE, MetadataType.ELEMENT]);
    });
    await dom.destroy();
  });

  it('reports block statistics from QEMU and the state, balloon and block groups of getAllDomainStats', async () => {
    const disk = path.join(root, 'data.img');
    await fs.writeFile(disk, Buffer.alloc(4 * 1024 * 1024));
    const dom = await conn.defineDomain(await balloonGuest('vkdo-stats', path.join(root, 'stats.log'), { diskwrite: disk }));
    await dom.start();
    await eventually(async () => { expect((await dom.blockStats('vdb')).wrReq).to.be.greaterThan(2); }, 60_000);
    const byPath = await dom.blockStats(disk);
    expect(byPath.wrBytes).to.be.greaterThan(0);
    await rejectsWith(dom.blockStats('vdz'), ErrorCode.INVALID_ARG);
    await rejectsWith(dom.interfaceStats('vnet-none'), ErrorCode.INVALID_ARG);
    const [rec] = await conn.getAllDomainStats(DomainStatsTypes.STATE | DomainStatsTypes.BALLOON | DomainStatsTypes.BLOCK, 0, [dom]);
    expect(rec.params).to.deep.include({ 'state.state': DomainState.RUNNING, 'balloon.maximum': 128 * 1024, 'block.count': 1, 'block.0.name': 'vdb', 'block.0.path': disk });
    expect(rec.params['block.0.wr.reqs']).to.be.a('number').greaterThan(0);
    await rejectsWith(conn.getAllDomainStats(DomainStatsTypes.VCPU, 2 ** 31, [dom]), ErrorCode.ARGUMENT_UNSUPPORTED);
    await dom.destroy();
  });

  it('attaches a virtio disk to the running guest and its definition, and detaches it again, with DEVICE_ADDED and DEVICE_REMOVED', async () => {
    const image = path.join(root, 'hot.img');
    await fs.writeFile(image, Buffer.alloc(1024 * 1024));
    const serial = path.join(root, 'hot.log');
    const dom = await conn.defineDomain(await guestXml({ name: 'vkdo-hot', serialLog: serial }));
    await dom.start();
    await waitForCounter(serial, 3);
    const diskXml = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${image}'/><target dev='vdc' bus='virtio'/></disk>`;
    await dom.attachDevice(diskXml, DomainModificationImpact.LIVE | DomainModificationImpact.CONFIG);
    const added = parseDomainXml(await dom.getXmlDesc()).devices.disks.find((d) => d.target.dev === 'vdc');
    expect(added?.address).to.deep.include({ type: 'pci' });
    expect(parseDomainXml(await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).devices.disks.map((d) => d.target.dev)).to.deep.equal(['vdc']);
    // QEMU has the device: its block statistics answer.
    expect((await dom.blockStats('vdc')).rdReq).to.be.a('number');
    await rejectsWith(dom.attachDevice(diskXml, DomainModificationImpact.LIVE), ErrorCode.OPERATION_FAILED);
    await eventually(() => { expect(events.filter((e) => e.id === DomainEventId.DEVICE_ADDED && e.domain.name === 'vkdo-hot').map((e) => (e as { devAlias: string }).devAlias)).to.deep.equal(['virtio-disk2']); });

    await dom.detachDevice(diskXml, DomainModificationImpact.LIVE | DomainModificationImpact.CONFIG);
    expect(parseDomainXml(await dom.getXmlDesc()).devices.disks).to.deep.equal([]);
    expect(parseDomainXml(await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).devices.disks).to.deep.equal([]);
    await rejectsWith(dom.blockStats('vdc'), ErrorCode.INVALID_ARG);
    await eventually(() => { expect(events.filter((e) => e.id === DomainEventId.DEVICE_REMOVED && e.domain.name === 'vkdo-hot').map((e) => (e as { devAlias: string }).devAlias)).to.deep.equal(['virtio-disk2']); });
    await rejectsWith(dom.detachDevice(diskXml, DomainModificationImpact.LIVE), ErrorCode.DEVICE_MISSING);
    // The guest kept running throughout.
    const last = (await readCounter(serial)).at(-1)!;
    await waitForCounter(serial, last + 3);
    await dom.destroy();
  });

  it('unplugs a user-mode interface from the running guest and plugs another in its place', async () => {
    const serial = path.join(root, 'nic.log');
    const nic = (mac: string) => `<interface type='user'><mac address='${mac}'/><model type='virtio'/></interface>`;
    const dom = await conn.defineDomain(await guestXml({ name: 'vkdo-nic', serialLog: serial, devices: nic('52:54:00:00:d0:01') + nic('52:54:00:00:d0:02') }));
    await dom.start();
    await waitForCounter(serial, 3);
    const macs = async () => parseDomainXml(await dom.getXmlDesc()).devices.interfaces.map((n) => n.mac);
    await dom.detachDevice(nic('52:54:00:00:d0:01'), DomainModificationImpact.LIVE);
    expect(await macs()).to.deep.equal(['52:54:00:00:d0:02']);
    expect(parseDomainXml(await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).devices.interfaces).to.have.length(2);
    await eventually(() => { expect(events.filter((e) => e.id === DomainEventId.DEVICE_REMOVED && e.domain.name === 'vkdo-nic').map((e) => (e as { devAlias: string }).devAlias)).to.deep.equal(['net0']); });
    // The position left free is not reused while net1 still holds its id: the new NIC gets one no NIC has.
    await dom.attachDevice(nic('52:54:00:00:d0:03'), DomainModificationImpact.LIVE);
    expect(await macs()).to.deep.equal(['52:54:00:00:d0:02', '52:54:00:00:d0:03']);
    await eventually(() => { expect(events.filter((e) => e.id === DomainEventId.DEVICE_ADDED && e.domain.name === 'vkdo-nic').map((e) => (e as { devAlias: string }).devAlias)).to.deep.equal(['net2']); });
    await dom.updateDevice("<interface type='user'><mac address='52:54:00:00:d0:02'/><link state='down'/></interface>", DomainModificationImpact.LIVE);
    await dom.detachDevice(nic('52:54:00:00:d0:03'), DomainModificationImpact.LIVE);
    expect(await macs()).to.deep.equal(['52:54:00:00:d0:02']);
    await rejectsWith(dom.detachDevice(nic('52:54:00:00:d0:09'), DomainModificationImpact.LIVE), ErrorCode.DEVICE_MISSING);
    await dom.detachDevice(nic('52:54:00:00:d0:01'), DomainModificationImpact.CONFIG);
    expect(parseDomainXml(await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).devices.interfaces.map((n) => n.mac)).to.deep.equal(['52:54:00:00:d0:02']);
    await dom.destroy();
  });
});
