import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import {
  DomainEventType, DomainState, ErrorCode, ListDomainsFlags, MigrateFlags, PausedReason, StartedDetail, SuspendedDetail, hasMigrationV2,
  type Connection, type Domain, type JobInfo, type LifecycleEvent, type Virt,
} from '@virtkit/core';
import { wrapConnection } from '@virtkit/core/testing';
import { waitForExit } from '@virtkit/driver-kvm';
import { embedUri, expectConsecutiveFrom, expectContinuity, guestXml, makeRoot, makeVirt, readCounter, recordingConnection, rejectsWith, waitForCounter } from './support/hosts.js';

const LIVE_PERSIST = MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE;
const PORTS = { min: 49600, max: 49615 };

async function statusPid(root: string, uuid: string): Promise<number | undefined> {
  try {
    return (JSON.parse(await fs.readFile(path.join(root, 'run', 'qemu', `${uuid}.json`), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

async function expectNothingOn(conn: Connection, root: string): Promise<void> {
  expect(await conn.listAllDomains()).to.have.length(0);
  expect((await fs.readdir(path.join(root, 'run', 'qemu'))).filter((f) => f.endsWith('.json'))).to.deep.equal([]);
}

describe('driver-kvm migration v2/v3 (real QEMU, loopback)', function () {
  this.timeout(180_000);
  let rootA: string;
  let rootB: string;
  let virt: Virt;
  let a: Connection;
  let b: Connection;
  let serial: string;
  let guest: Domain;

  before(async () => {
    rootA = await makeRoot('mA');
    rootB = await makeRoot('mB');
    serial = path.join(rootA, 'counter.log');
    virt = await makeVirt({ migrationPorts: PORTS });
    a = await virt.connect(embedUri(rootA));
    guest = await a.defineDomain(await guestXml({ name: 'mover', serialLog: serial }));
    await guest.start();
    await waitForCounter(serial, 5);
  });

  after(async () => {
    for (const root of [rootA, rootB]) {
      const c = await virt.connect(embedUri(root)).catch(() => undefined);
      for (const d of (await c?.listAllDomains(ListDomainsFlags.ACTIVE)) ?? []) await d.destroy().catch(() => {});
    }
    await virt.dispose();
    await fs.rm(rootA, { recursive: true, force: true });
    await fs.rm(rootB, { recursive: true, force: true });
  });

  it('v2: migrates the live guest to the other root; the counter continues there and the source is gone', async () => {
    b = await virt.connect(embedUri(rootB));
    const bV2 = wrapConnection(b, { migrationVersions: [2] });
    const srcPid = (await statusPid(rootA, guest.uuid))!;
    const before = (await readCounter(serial)).at(-1)!;
    const { domain, version } = await guest.migrate(bV2, { flags: LIVE_PERSIST });
    expect(version).to.equal(2);
    expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
    expect(await waitForExit(srcPid, 5000)).to.equal(true);
    expect(await a.listAllDomains()).to.have.length(0);
    expect((await bV2.listDefinedDomainNames())).to.deep.equal([]);
    expect((await bV2.listAllDomains(ListDomainsFlags.PERSISTENT)).map((d) => d.name)).to.deep.equal(['mover']);
    expect(await domain.getXmlDesc()).to.include("machine='pc-i440fx-7.2'");
    await expectContinuity(serial, before);
  });

  it('v3: migrates it back while the first port of the range is taken; the counter continues', async () => {
    const [onB] = await b.listAllDomains(ListDomainsFlags.ACTIVE);
    expect(onB.name).to.equal('mover');
    const srcPid = (await statusPid(rootB, onB.uuid))!;
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(PORTS.min, '127.0.0.1', () => r()));
    try {
      const before = (await readCounter(serial)).at(-1)!;
      const progress: JobInfo[] = [];
      const results = new Map<string, unknown>();
      const { domain, version } = await onB.migrate(recordingConnection(a, results), { flags: LIVE_PERSIST, onProgress: (j) => progress.push(j), progressIntervalMs: 20 });
      expect(version).to.equal(3);
      expect((results.get('migratePrepare3') as { uriOut?: string }).uriOut).to.equal(`tcp:127.0.0.1:${PORTS.min + 1}`);
      expect(domain.name).to.equal('mover');
      guest = await a.lookupDomainByName('mover');
      expect(await waitForExit(srcPid, 5000)).to.equal(true);
      expect(await b.listAllDomains()).to.have.length(0);
      expect((await a.listAllDomains(ListDomainsFlags.ACTIVE | ListDomainsFlags.PERSISTENT)).map((d) => d.name)).to.deep.equal(['mover']);
      await expectContinuity(serial, before);
      expect(progress.length).to.be.greaterThan(0);
    } finally {
      blocker.close();
    }
  });

  it('abort: the guest keeps running on the source and nothing is left on the destination', async () => {
    const controller = new AbortController();
    const progress: JobInfo[] = [];
    const p = guest.migrate(b, { flags: MigrateFlags.LIVE, bandwidth: 1, signal: controller.signal, onProgress: (j) => progress.push(j), progressIntervalMs: 50 });
    await delay(800);
    controller.abort();
    const e = await rejectsWith(p, ErrorCode.OPERATION_ABORTED);
    expect(e.message).to.match(/cancel/i);
    expect(progress.some((j) => j.dataTotal > 0 && j.dataProcessed > 0)).to.equal(true);
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    const now = (await readCounter(serial)).at(-1)!;
    await waitForCounter(serial, now + 3);
    await expectNothingOn(b, rootB);
  });

  it('destination QEMU killed mid-migration: the guest keeps running on the source', async () => {
    const p = guest.migrate(b, { flags: MigrateFlags.LIVE, bandwidth: 1 });
    let pid: number | undefined;
    for (let i = 0; i < 200 && pid === undefined; i++) {
      await delay(25);
      const f = (await fs.readdir(path.join(rootB, 'run', 'qemu'))).find((x) => x.endsWith('.json'));
      if (f) pid = await statusPid(rootB, f.slice(0, -5));
    }
    expect(pid, 'destination QEMU never appeared').to.be.a('number');
    await delay(500);
    process.kill(pid!, 'SIGKILL');
    const e = await rejectsWith(p, ErrorCode.OPERATION_FAILED);
    expect(e.message).to.include('migration');
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    const now = (await readCounter(serial)).at(-1)!;
    await waitForCounter(serial, now + 3);
    await expectNothingOn(b, rootB);
  });

  it('a migration URI whose port is taken fails in Prepare: the guest stays on the source', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(PORTS.max, '127.0.0.1', () => r()));
    try {
      // QEMU's migrate-incoming refuses the port: libvirt's INTERNAL_ERROR for a monitor command QEMU failed.
      const e = await rejectsWith(guest.migrate(b, { flags: MigrateFlags.LIVE, uri: `tcp:127.0.0.1:${PORTS.max}` }), ErrorCode.INTERNAL_ERROR);
      expect(e.message).to.match(/address already in use|bind/i);
    } finally {
      blocker.close();
    }
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    await expectNothingOn(b, rootB);
  });

  it('a destination XML with another memory size is refused, naming the difference', async () => {
    const xml = await guest.getXmlDesc(8);
    const dxml = xml.replace(/<memory unit='KiB'>\d+<\/memory>/, "<memory unit='KiB'>262144</memory>").replace(/<currentMemory unit='KiB'>\d+<\/currentMemory>/, "<currentMemory unit='KiB'>262144</currentMemory>");
    const e = await rejectsWith(guest.migrate(b, { flags: MigrateFlags.LIVE, dxml }), ErrorCode.CONFIG_UNSUPPORTED);
    expect(e.message).to.include('memory').and.include('262144').and.include('131072');
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    await expectNothingOn(b, rootB);
  });

  it('a destination without the machine type refuses in Prepare', async () => {
    const domXml = (await guest.getXmlDesc(8)).replace("machine='pc-i440fx-7.2'", "machine='pc-i440fx-42.0'");
    const dst = b.live();
    if (!hasMigrationV2(dst)) expect.fail('no v2 role');
    const e = await rejectsWith(dst.migratePrepare2({ domXml, flags: MigrateFlags.LIVE, bandwidth: 0 }), ErrorCode.CONFIG_UNSUPPORTED);
    expect(e.message).to.include("machine type 'pc-i440fx-42.0'");
    await expectNothingOn(b, rootB);
  });

  it('offline: moves the definition only, under a new name (dname)', async () => {
    const other = await a.defineDomain(await guestXml({ name: 'parked', serialLog: path.join(rootA, 'parked.log') }));
    const { domain } = await other.migrate(b, { flags: MigrateFlags.OFFLINE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE, dname: 'parked-b' });
    expect(domain.name).to.equal('parked-b');
    expect(domain.uuid).to.equal(other.uuid);
    expect(await b.listDefinedDomainNames()).to.deep.equal(['parked-b']);
    expect(await a.listDefinedDomainNames()).to.deep.equal([]);
    expect((await domain.getState()).state).to.equal(DomainState.SHUTOFF);
    await domain.undefine();
  });

  it('PAUSED: the guest arrives paused on the destination and runs on when resumed', async () => {
    const srcPid = (await statusPid(rootA, guest.uuid))!;
    const arrived: LifecycleEvent[] = [];
    const unsubscribe = b.onLifecycle((e) => arrived.push(e));
    const { domain } = await guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.PAUSED });
    unsubscribe();
    expect(await domain.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
    expect(arrived.filter((e) => e.domain.uuid === guest.uuid).map((e) => [e.event, e.detail])).to.deep.equal([
      [DomainEventType.STARTED, StartedDetail.MIGRATED], [DomainEventType.SUSPENDED, SuspendedDetail.MIGRATED],
    ]);
    expect(await waitForExit(srcPid, 5000)).to.equal(true);
    const frozen = (await readCounter(serial)).at(-1)!;
    await delay(500);
    expect((await readCounter(serial)).at(-1)).to.equal(frozen);
    await domain.resume();
    await expectContinuity(serial, frozen);
  });
});
