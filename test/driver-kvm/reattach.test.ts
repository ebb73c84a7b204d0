import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import {
  DomainEventType, DomainState, ErrorCode, ListDomainsFlags, MigrateFlags, PausedReason, ResumedDetail, RunningReason, StoppedDetail,
  SuspendedDetail, type LifecycleEvent, type Virt,
} from '@virtkit/core';
import { ProcessRunner, QmpConnector, socketQmpConnector, type MigrationRecord, type StatusFile } from '@virtkit/driver-kvm';
import { FakeQmp, fakeProcessRunner } from './support/fake-qmp.js';
import { embedUri, eventually, makeRoot, makeVirt, rejectsWith } from './support/hosts.js';

const PID = 4_000_001;

/** A root with one running guest as a previous driver left it: its status file, and a fake monitor on its socket. */
async function leftBehind(o: { state: DomainState; reason: number; running: boolean; migration?: MigrationRecord; migrate?: Record<string, unknown> }) {
  const root = await makeRoot('fake');
  const runDir = path.join(root, 'run', 'qemu');
  await fs.mkdir(runDir, { recursive: true });
  const uuid = randomUUID();
  const monitorPath = path.join(runDir, `${uuid}.monitor`);
  const xml = `<domain type='qemu' id='7'><name>ghost</name><uuid>${uuid}</uuid><memory unit='KiB'>65536</memory><vcpu>1</vcpu>`
    + `<os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os></domain>`;
  const status: StatusFile = { uuid, name: 'ghost', id: 7, pid: PID, monitorPath, xml, state: o.state, reason: o.reason, migration: o.migration };
  const statusFile = path.join(runDir, `${uuid}.json`);
  await fs.writeFile(statusFile, JSON.stringify(status));
  const qmp = await FakeQmp.listen(monitorPath, { running: o.running, migrate: o.migrate });
  const processes = new Map([[PID, ['/usr/bin/qemu-system-x86_64', '-uuid', uuid]]]);
  return { root, uuid, monitorPath, statusFile, qmp, processes };
}

/** A Virt whose KVM driver sees `processes` instead of the host's and records the monitors it connects to. */
async function fakeVirt(processes: Map<number, string[]>): Promise<{ virt: Virt; connected: string[]; runner: ReturnType<typeof fakeProcessRunner> }> {
  const virt = await makeVirt({ monitorLossGraceMs: 50 });
  const runner = fakeProcessRunner(processes);
  const connected: string[] = [];
  const real = socketQmpConnector();
  virt.container.register(ProcessRunner, { useValue: runner });
  virt.container.register(QmpConnector, { useValue: { connect: (p: string, opts?: object) => { connected.push(p); return real.connect(p, opts); } } });
  return { virt, connected, runner };
}

async function readStatus(file: string): Promise<StatusFile> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as StatusFile;
}

describe('driver-kvm with a fake QMP monitor and process runner (no QEMU)', function () {
  /** Undone after each test, last first. */
  const cleanup: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  /** leftBehind, then a fake-process driver connected to that root. */
  async function setup(o: Parameters<typeof leftBehind>[0]) {
    const g = await leftBehind(o);
    const f = await fakeVirt(g.processes);
    cleanup.push(async () => { await fs.rm(g.root, { recursive: true, force: true }); }, () => g.qmp.close(), () => f.virt.dispose());
    const conn = await f.virt.connect(embedUri(g.root));
    return { ...g, ...f, conn };
  }

  describe('reattach', function () {
    this.timeout(20_000);

    it('lists a guest QMP reports running as RUNNING, keeping its id and boot reason', async () => {
      const s = await setup({ state: DomainState.RUNNING, reason: RunningReason.BOOTED, running: true });
      expect(s.connected).to.deep.equal([s.monitorPath]);
      const active = await s.conn.listAllDomains(ListDomainsFlags.ACTIVE);
      expect(active.map((d) => [d.name, d.id])).to.deep.equal([['ghost', 7]]);
      expect(await active[0].getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.BOOTED });
      expect(s.qmp.commands).to.deep.equal(['qmp_capabilities', 'query-status']);
      expect((await readStatus(s.statusFile)).state).to.equal(DomainState.RUNNING);
    });

    it('lists a guest the status file says runs but QMP reports stopped as PAUSED (unknown reason)', async () => {
      const s = await setup({ state: DomainState.RUNNING, reason: RunningReason.BOOTED, running: false });
      const dom = await s.conn.lookupDomainByName('ghost');
      expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.UNKNOWN });
      expect(await readStatus(s.statusFile)).to.deep.include({ state: DomainState.PAUSED, reason: PausedReason.UNKNOWN });
    });

    it('keeps the recorded reason of a guest paused by the user', async () => {
      const s = await setup({ state: DomainState.PAUSED, reason: PausedReason.USER, running: false });
      const dom = await s.conn.lookupDomainByName('ghost');
      expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.USER });
    });

    it('follows the reattached guest: a STOP event from QEMU is a pause, resume sends cont, destroy ends the process', async () => {
      const s = await setup({ state: DomainState.RUNNING, reason: RunningReason.BOOTED, running: true });
      const events: LifecycleEvent[] = [];
      s.conn.onLifecycle((e) => events.push(e));
      const dom = await s.conn.lookupDomainByName('ghost');
      s.qmp.running = false;
      s.qmp.emit('STOP');
      await eventually(async () => { expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.UNKNOWN }); });
      await dom.resume();
      expect(s.qmp.commands.at(-1)).to.equal('cont');
      expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.UNPAUSED });
      await dom.destroy();
      expect(s.runner.signals).to.deep.equal([[PID, 'SIGTERM']]);
      await fs.access(s.statusFile).then(() => expect.fail('status file kept after destroy'), () => {});
      await eventually(() => {
        expect(events.map((e) => [e.event, e.detail])).to.deep.equal([
          [DomainEventType.SUSPENDED, SuspendedDetail.PAUSED], [DomainEventType.RESUMED, ResumedDetail.UNPAUSED],
          [DomainEventType.STOPPED, StoppedDetail.DESTROYED],
        ]);
      });
      // Transient: gone with its QEMU.
      expect(await s.conn.listAllDomains()).to.deep.equal([]);
      await rejectsWith(dom.getState(), ErrorCode.NO_DOMAIN);
    });

    it('forgets a guest whose process is gone and removes its status file', async () => {
      const g = await leftBehind({ state: DomainState.RUNNING, reason: RunningReason.BOOTED, running: true });
      const f = await fakeVirt(new Map());
      cleanup.push(async () => { await fs.rm(g.root, { recursive: true, force: true }); }, () => g.qmp.close(), () => f.virt.dispose());
      const conn = await f.virt.connect(embedUri(g.root));
      expect(await conn.listAllDomains()).to.deep.equal([]);
      expect(f.connected).to.deep.equal([]);
      await fs.access(g.statusFile).then(() => expect.fail('stale status file kept'), () => {});
    });
  });

  describe('migration recovery after a restart', function () {
    this.timeout(20_000);

    it("a source left in phase 'perform' gets migrate_cancel and cont, and runs again without its migration record", async () => {
      const s = await setup({
        state: DomainState.RUNNING, reason: RunningReason.BOOTED, running: false,
        migration: { role: 'source', phase: 'perform', flags: MigrateFlags.LIVE, wasRunning: true },
        migrate: { status: 'active' },
      });
      expect(s.qmp.commands).to.deep.equal(['qmp_capabilities', 'query-status', 'query-migrate', 'migrate_cancel', 'query-status', 'cont']);
      const dom = await s.conn.lookupDomainByName('ghost');
      expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATION_CANCELED });
      const status = await readStatus(s.statusFile);
      expect(status.migration).to.equal(undefined);
      expect(status.state).to.equal(DomainState.RUNNING);
    });

    it("a source left in phase 'performed' stays paused with its record, for Confirm3 to decide", async () => {
      const s = await setup({
        state: DomainState.PAUSED, reason: PausedReason.MIGRATION, running: false,
        migration: { role: 'source', phase: 'performed', flags: MigrateFlags.LIVE, wasRunning: true },
        migrate: { status: 'completed' },
      });
      expect(s.qmp.commands).to.deep.equal(['qmp_capabilities', 'query-status']);
      const dom = await s.conn.lookupDomainByName('ghost');
      expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
      expect((await readStatus(s.statusFile)).migration).to.deep.include({ role: 'source', phase: 'performed' });
    });

    it("domjobabort on a source left in phase 'performed' resumes it without migrate_cancel (the stream is complete)", async () => {
      const s = await setup({
        state: DomainState.PAUSED, reason: PausedReason.MIGRATION, running: false,
        migration: { role: 'source', phase: 'performed', flags: MigrateFlags.LIVE, wasRunning: true },
        migrate: { status: 'completed' },
      });
      const dom = await s.conn.lookupDomainByName('ghost');
      const refused = await rejectsWith(dom.resume(), ErrorCode.OPERATION_INVALID);
      expect(refused.message).to.equal("Requested operation is not valid: domain 'ghost' is being migrated; use domjobabort to cancel a migration whose client is gone");
      await dom.abortJob();
      expect(s.qmp.commands.slice(2)).to.deep.equal(['query-migrate', 'query-status', 'cont']);
      expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATION_CANCELED });
      expect((await readStatus(s.statusFile)).migration).to.equal(undefined);
      await rejectsWith(dom.abortJob(), ErrorCode.OPERATION_INVALID);
    });

    it("domjobabort on a source paused before a migration left in phase 'performed' keeps it paused", async () => {
      const s = await setup({
        state: DomainState.PAUSED, reason: PausedReason.MIGRATION, running: false,
        migration: { role: 'source', phase: 'performed', flags: MigrateFlags.LIVE, wasRunning: false },
        migrate: { status: 'completed' },
      });
      const dom = await s.conn.lookupDomainByName('ghost');
      await dom.abortJob();
      expect(s.qmp.commands).to.not.include('cont');
      expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
      expect((await readStatus(s.statusFile)).migration).to.equal(undefined);
      await dom.resume();
      expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    });

    it('an unfinished incoming guest is destroyed and forgotten', async () => {
      const s = await setup({
        state: DomainState.PAUSED, reason: PausedReason.MIGRATION, running: false,
        migration: { role: 'destination', phase: 'prepare', flags: MigrateFlags.LIVE },
      });
      expect(s.runner.signals).to.deep.equal([[PID, 'SIGTERM']]);
      expect(await s.conn.listAllDomains()).to.deep.equal([]);
      await fs.access(s.statusFile).then(() => expect.fail('status file kept'), () => {});
    });
  });
});
