import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import {
  DomainEventType, DomainState, ErrorCode, JobStatsFlags, JobType, ListDomainsFlags, MigrateFlags, MigrateMaxSpeedFlags, ResumedDetail, SuspendedDetail,
  type Connection, type Domain, type JobStats, type LifecycleEvent, type Virt,
} from '@virtkit/core';
import { embedUri, expectConsecutiveFrom, expectContinuity, guestXml, makeRoot, makeVirt, readCounter, rejectsWith, tearDownRoots, waitForCounter } from './support/hosts.js';

const PORTS = { min: 49720, max: 49735 };
const MiB = 1024 * 1024;
const run = promisify(execFile);

/** Established TCP connections to this suite's incoming migration ports (the source's ends). */
async function streamConnections(): Promise<number> {
  const { stdout } = await run('ss', ['-Htn', 'state', 'established', `( dport >= :${PORTS.min} and dport <= :${PORTS.max} )`]);
  return stdout.split('\n').filter((l) => l.trim() !== '').length;
}

/** Job stats of the running migration once QEMU has sent some memory. */
async function activeStats(d: Domain): Promise<JobStats> {
  for (let i = 0; i < 200; i++) {
    const s = await d.getJobStats().catch(() => undefined);
    if (s && s.type !== JobType.NONE && Number(s.params.memory_processed ?? 0) > 0 && s.params.memory_bps !== undefined) return s;
    await delay(50);
  }
  throw new Error('the migration never reported progress');
}

describe('driver-kvm migration controls: post-copy, multifd, limits, job figures (real QEMU, loopback)', function () {
  this.timeout(240_000);
  let rootA: string;
  let rootB: string;
  let virt: Virt;
  let a: Connection;
  let b: Connection;
  let serial: string;
  let guest: Domain;

  before(async () => {
    rootA = await makeRoot('mcA');
    rootB = await makeRoot('mcB');
    serial = path.join(rootA, 'counter.log');
    virt = await makeVirt({ migrationPorts: PORTS });
    a = await virt.connect(embedUri(rootA));
    b = await virt.connect(embedUri(rootB));
    guest = await a.defineDomain(await guestXml({ name: 'tuned', serialLog: serial }));
    await guest.start();
    await waitForCounter(serial, 3);
  });

  after(async () => {
    await tearDownRoots(virt, [rootA, rootB]);
  });

  it('max downtime and the post-copy speed are QEMU\'s own parameters; bad values change nothing', async () => {
    await guest.migrateSetMaxDowntime(250);
    expect(await guest.migrateGetMaxDowntime()).to.equal(250);
    await rejectsWith(guest.migrateSetMaxDowntime(0), ErrorCode.INVALID_ARG);
    expect(await guest.migrateGetMaxDowntime()).to.equal(250);
    expect(await guest.migrateGetMaxSpeed(MigrateMaxSpeedFlags.POSTCOPY), 'QEMU has no post-copy limit by default').to.equal(0);
    await guest.migrateSetMaxSpeed(7, MigrateMaxSpeedFlags.POSTCOPY);
    expect(await guest.migrateGetMaxSpeed(MigrateMaxSpeedFlags.POSTCOPY)).to.equal(7);
    expect(await guest.migrateGetMaxSpeed(), 'the pre-copy speed is a separate value').to.not.equal(7);
    await rejectsWith(guest.migrateSetMaxSpeed(7, 1 << 4), ErrorCode.INVALID_ARG);
    await guest.migrateSetMaxSpeed(0, MigrateMaxSpeedFlags.POSTCOPY);
    expect(await guest.migrateGetMaxSpeed(MigrateMaxSpeedFlags.POSTCOPY)).to.equal(0);
  });

  it('migrateStartPostCopy is refused without a migration, and for one started without VIR_MIGRATE_POSTCOPY', async () => {
    const e = await rejectsWith(guest.migrateStartPostCopy(), ErrorCode.OPERATION_INVALID);
    expect(e.message).to.include('post-copy can be started only during migration');
    await rejectsWith(guest.migrate(b, { flags: MigrateFlags.POSTCOPY }), ErrorCode.ARGUMENT_UNSUPPORTED);
    await guest.migrateSetMaxSpeed(1);
    const controller = new AbortController();
    const p = guest.migrate(b, { flags: MigrateFlags.LIVE, signal: controller.signal });
    await activeStats(guest);
    const e2 = await rejectsWith(guest.migrateStartPostCopy(), ErrorCode.OPERATION_INVALID);
    expect(e2.message).to.include('requires migration to be started with VIR_MIGRATE_POSTCOPY');
    controller.abort();
    await rejectsWith(p, ErrorCode.OPERATION_ABORTED);
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains()).to.have.length(0);
  });

  it('post-copy switched on mid-migration: the max speed held pre-copy back, the destination runs at the switch, the counter continues', async () => {
    // 1 MiB/s keeps pre-copy of 128 MiB far from done; post-copy then has no limit.
    await guest.migrateSetMaxSpeed(1);
    const onA: LifecycleEvent[] = [];
    const onB: LifecycleEvent[] = [];
    const offA = a.onLifecycle((e) => onA.push(e));
    const offB = b.onLifecycle((e) => onB.push(e));
    try {
      const before = (await readCounter(serial)).at(-1)!;
      const p = guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.POSTCOPY | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE });
      p.catch(() => {});
      const stats = await activeStats(guest);
      expect(Number(stats.params.memory_bps), 'pre-copy runs at the 1 MiB/s set with migrateSetMaxSpeed').to.be.below(2 * MiB);
      expect(Number(stats.params.memory_remaining)).to.be.greaterThan(64 * MiB);
      await guest.migrateStartPostCopy();
      const { domain } = await p;
      expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
      expect(await a.listAllDomains()).to.have.length(0);
      expect(onA.some((e) => e.event === DomainEventType.SUSPENDED && e.detail === SuspendedDetail.POSTCOPY), 'the source paused for post-copy').to.equal(true);
      expect(onB.some((e) => e.event === DomainEventType.RESUMED && e.detail === ResumedDetail.POSTCOPY), 'the destination ran from the switch').to.equal(true);
      await expectContinuity(serial, before);
      guest = domain;
    } finally {
      offA();
      offB();
    }
  });

  it('parallel.connections without VIR_MIGRATE_PARALLEL, or out of range, and disks_port without a storage copy are refused before anything starts', async () => {
    await rejectsWith(guest.migrate(a, { flags: MigrateFlags.LIVE, parallelConnections: 3 }), ErrorCode.INVALID_ARG);
    await rejectsWith(guest.migrate(a, { flags: MigrateFlags.LIVE | MigrateFlags.PARALLEL, parallelConnections: 0 }), ErrorCode.INVALID_ARG);
    await rejectsWith(guest.migrate(a, { flags: MigrateFlags.LIVE, disksPort: 49738 }), ErrorCode.INVALID_ARG);
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    expect(await a.listAllDomains(ListDomainsFlags.ACTIVE)).to.have.length(0);
  });

  it('multifd (VIR_MIGRATE_PARALLEL, 2 connections) moves it back; domjobinfo --completed has the downtime, setup time and memory figures', async () => {
    const before = (await readCounter(serial)).at(-1)!;
    // Held at 1 MiB/s until the connections are counted, then let go while it runs.
    await guest.migrateSetMaxSpeed(1);
    const p0 = guest.migrate(a, { flags: MigrateFlags.LIVE | MigrateFlags.PARALLEL | MigrateFlags.PERSIST_DEST });
    p0.catch(() => {});
    await activeStats(guest);
    expect(await streamConnections(), 'the main stream and 2 multifd channels').to.equal(3);
    await guest.migrateSetMaxSpeed(0);
    const { domain } = await p0;
    expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains(ListDomainsFlags.ACTIVE)).to.have.length(0);
    await expectContinuity(serial, before);
    // The source's copy stays defined (no UNDEFINE_SOURCE): its completed job is kept there.
    const done = await guest.getJobStats(JobStatsFlags.COMPLETED);
    expect(done.type).to.equal(JobType.COMPLETED);
    const p = done.params;
    expect(Number(p.memory_total)).to.be.at.least(120 * MiB);
    expect(Number(p.memory_processed)).to.be.greaterThan(0);
    expect(p.memory_remaining).to.equal(0);
    expect(p.downtime, "QEMU's downtime, in whole ms (0 for a switch under 1 ms)").to.be.a('number');
    expect(p.setup_time).to.be.a('number');
    expect(Number(p.time_elapsed)).to.be.greaterThan(Number(p.downtime));
    guest = domain;
  });
});
