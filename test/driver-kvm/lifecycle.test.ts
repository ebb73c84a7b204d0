import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import {
  DomainEventType, DomainState, DomainXmlFlags, ErrorCode, ListDomainsFlags, ShutoffReason, StoppedDetail, isVirtError,
  type Connection, type LifecycleEvent, type Virt,
} from '@virtkit/core';
import { processState } from '@virtkit/driver-kvm';
import { embedUri, eventually, guestXml, makeRoot, makeVirt, readCounter, rejectsWith, waitForCounter } from './support/hosts.js';

function pidOf(root: string, uuid: string): Promise<number> {
  return fs.readFile(path.join(root, 'run', 'qemu', `${uuid}.json`), 'utf8').then((t) => (JSON.parse(t) as { pid: number }).pid);
}

describe('driver-kvm lifecycle (real QEMU)', function () {
  this.timeout(120_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  const events: LifecycleEvent[] = [];

  before(async () => {
    root = await makeRoot('life');
    virt = await makeVirt({ shutdownTimeoutMs: 1500 });
    conn = await virt.connect(embedUri(root));
    conn.onLifecycle((e) => events.push(e));
  });

  after(async () => {
    for (const d of await conn.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
    await virt.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('defines, starts, suspends, resumes and destroys a guest whose counter runs', async () => {
    const serial = path.join(root, 'counter.log');
    const dom = await conn.defineDomain(await guestXml({ name: 'counter', serialLog: serial }));
    const stored = await fs.readFile(path.join(root, 'etc', 'qemu', `${dom.uuid}.xml`), 'utf8');
    expect(stored).to.include("machine='pc-i440fx-7.2'");
    expect(await dom.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.UNKNOWN });

    await dom.start();
    expect(dom.id).to.be.greaterThan(0);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    const live = await dom.getXmlDesc();
    expect(live).to.match(new RegExp(`<domain type='qemu' id='${dom.id}'>`));
    expect(live).to.include("machine='pc-i440fx-7.2'");
    await waitForCounter(serial, 3);
    const info = await dom.getInfo();
    expect(info).to.deep.include({ state: DomainState.RUNNING, maxMem: 131072, nrVirtCpu: 1 });
    expect(info.cpuTime > 0n).to.equal(true);
    const status = JSON.parse(await fs.readFile(path.join(root, 'run', 'qemu', `${dom.uuid}.json`), 'utf8')) as { pid: number; state: number };
    expect(processState(status.pid)).to.equal('running');

    await dom.suspend();
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
    const frozen = (await readCounter(serial)).at(-1)!;
    await delay(600);
    expect((await readCounter(serial)).at(-1)).to.equal(frozen);
    await dom.resume();
    await waitForCounter(serial, frozen + 3);

    await dom.destroy();
    expect(await dom.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.DESTROYED });
    expect(processState(status.pid)).to.not.equal('running');
    await fs.access(path.join(root, 'run', 'qemu', `${dom.uuid}.json`)).then(() => expect.fail('status file kept after destroy'), () => {});
    await eventually(() => {
      const mine = events.filter((e) => e.domain.uuid === dom.uuid).map((e) => [e.event, e.detail]);
      expect(mine).to.deep.equal([
        [DomainEventType.DEFINED, 0], [DomainEventType.STARTED, 0], [DomainEventType.SUSPENDED, 0],
        [DomainEventType.RESUMED, 0], [DomainEventType.STOPPED, StoppedDetail.DESTROYED],
      ]);
    });
    expect((await conn.listDefinedDomainNames())).to.include('counter');
  });

  it('reports a guest whose QEMU died as shut off, without forgetting its definition', async () => {
    const dom = await conn.defineDomain(await guestXml({ name: 'victim', serialLog: path.join(root, 'victim.log') }));
    await dom.start(1);
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
    const pid = await pidOf(root, dom.uuid);
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && (await dom.getState()).state !== DomainState.SHUTOFF; i++) await delay(50);
    expect(await dom.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.FAILED });
    await eventually(() => { expect(events.some((e) => e.domain.uuid === dom.uuid && e.event === DomainEventType.STOPPED && e.detail === StoppedDetail.FAILED)).to.equal(true); });
    expect(await conn.listDefinedDomainNames()).to.include('victim');
  });

  it('shuts a guest down with the ACPI power button: QMP SHUTDOWN, then the process ends', async () => {
    const serial = path.join(root, 'powered.log');
    const dom = await conn.createDomain(await guestXml({ name: 'powered', serialLog: serial }));
    const pid = await pidOf(root, dom.uuid);
    await waitForCounter(serial, 5);
    await dom.shutdown();
    expect(processState(pid)).to.not.equal('running');
    await rejectsWith(conn.lookupDomainByName('powered'), ErrorCode.NO_DOMAIN);
    await eventually(() => {
      const mine = events.filter((e) => e.domain.uuid === dom.uuid).map((e) => [e.event, e.detail]);
      expect(mine).to.deep.equal([[DomainEventType.STARTED, 0], [DomainEventType.SHUTDOWN, 1], [DomainEventType.STOPPED, StoppedDetail.SHUTDOWN]]);
    });
  });

  it('times out a shutdown a paused guest cannot answer and leaves it running', async () => {
    const dom = await conn.lookupDomainByName('victim');
    await dom.start(1);
    const e = await rejectsWith(dom.shutdown(), ErrorCode.OPERATION_TIMEOUT);
    expect(e.message).to.include('victim');
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
    await dom.destroy();
  });

  it('passes hostile names and paths to QEMU intact: the right files are opened', async () => {
    const dir = path.join(root, 'a,b"c');
    await fs.mkdir(dir);
    const disk = path.join(dir, 'disk,1 .img');
    await fs.writeFile(disk, Buffer.alloc(1024 * 1024));
    const serial = path.join(dir, 'se,rial.log');
    const name = `x,y'"$(reboot);`;
    const xml = (await guestXml({ name, serialLog: serial })).replace('<serial', `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${disk.replace(/"/g, '&quot;')}'/><target dev='vda' bus='virtio'/></disk>\n    <serial`);
    const dom = await conn.createDomain(xml);
    expect(dom.name).to.equal(name);
    await waitForCounter(serial, 1);
    const pid = await pidOf(root, dom.uuid);
    const fds = await fs.readdir(`/proc/${pid}/fd`);
    const targets = await Promise.all(fds.map((f) => fs.readlink(`/proc/${pid}/fd/${f}`).catch(() => '')));
    expect(targets).to.include(disk);
    expect(targets).to.include(serial);
    await dom.destroy();
    await rejectsWith(conn.lookupDomainByName(name), ErrorCode.NO_DOMAIN);
  });

  it('starts one QEMU when two starts race', async () => {
    const dom = await conn.lookupDomainByName('victim');
    const results = await Promise.allSettled([dom.start(1), dom.start(1)]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(isVirtError(failed.reason, ErrorCode.OPERATION_INVALID)).to.equal(true);
    expect(await conn.listAllDomains(ListDomainsFlags.ACTIVE)).to.have.length(1);
    await dom.destroy();
  });

  it('rejects bad input and changes nothing', async () => {
    const before = (await conn.listAllDomains()).map((d) => d.name).sort();
    await rejectsWith(conn.defineDomain('<domain type="qemu"><name>bad</name>'), ErrorCode.XML_ERROR);
    await rejectsWith(conn.defineDomain((await guestXml({ name: 'bad', serialLog: '/tmp/x' })).replace("machine='pc'", "machine='pc-i440fx-1.0'")), ErrorCode.CONFIG_UNSUPPORTED);
    await rejectsWith(conn.defineDomain((await guestXml({ name: 'bad', serialLog: '/tmp/x' })).replace("type='qemu'", "type='xen'")), ErrorCode.CONFIG_UNSUPPORTED);
    await rejectsWith(conn.defineDomain(await guestXml({ name: 'counter', serialLog: '/tmp/x' })), ErrorCode.OPERATION_FAILED);
    const dom = await conn.lookupDomainByName('counter');
    await rejectsWith(dom.start(1 << 20), ErrorCode.INVALID_ARG);
    await rejectsWith(dom.getXmlDesc(1 << 9), ErrorCode.INVALID_ARG);
    await rejectsWith(dom.suspend(), ErrorCode.OPERATION_INVALID);
    expect((await conn.listAllDomains()).map((d) => d.name).sort()).to.deep.equal(before);
    // No runtime id on the <domain> element (devices such as <audio id='1'> have ids of their own).
    expect(await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).to.not.match(/^<domain [^>]*\bid='/);
  });
});
