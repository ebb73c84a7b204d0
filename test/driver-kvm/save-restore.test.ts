import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import {
  DomainEventType, DomainState, ErrorCode, JobStatsFlags, JobType, ListDomainsFlags, PausedReason, ResumedDetail, SaveRestoreFlags, ShutoffReason, StartedDetail, StoppedDetail,
  SuspendedDetail, type Connection, type LifecycleEvent, type Virt,
} from '@virtkit/core';
import { processState } from '@virtkit/driver-kvm';
import { embedUri, eventually, expectConsecutiveFrom, guestXml, makeRoot, makeVirt, readCounter, rejectsWith, waitForCounter } from './support/hosts.js';

describe('driver-kvm save and restore (real QEMU)', function () {
  this.timeout(120_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  const events: LifecycleEvent[] = [];

  before(async () => {
    root = await makeRoot('save');
    virt = await makeVirt({ migrationPorts: { min: 49670, max: 49679 } });
    conn = await virt.connect(embedUri(root));
    conn.onLifecycle((e) => events.push(e));
  });

  after(async () => {
    for (const d of await conn.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
    await virt.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('saves a running guest to a file and restores it: the counter resumes where it stopped', async () => {
    const serial = path.join(root, 'save.log');
    const image = path.join(root, 'guest.save');
    const dom = await conn.defineDomain(await guestXml({ name: 'saved', serialLog: serial }));
    await dom.start();
    await waitForCounter(serial, 5);
    const { pid } = JSON.parse(await fs.readFile(path.join(root, 'run', 'qemu', `${dom.uuid}.json`), 'utf8')) as { pid: number };
    await dom.save(image);
    expect(await dom.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.SAVED });
    expect(processState(pid), 'the saved guest\'s QEMU still runs').to.not.equal('running');
    const atSave = (await readCounter(serial)).at(-1)!;
    expect((await fs.stat(image)).size).to.be.greaterThan(1024 * 1024);

    // The save job's statistics: kept while read with KEEP_COMPLETED, forgotten after a plain COMPLETED read.
    const kept = await dom.getJobStats(JobStatsFlags.COMPLETED | JobStatsFlags.KEEP_COMPLETED);
    expect(kept.type).to.equal(JobType.COMPLETED);
    expect(kept.params.memory_total).to.be.a('number').and.be.greaterThan(0);
    expect(await dom.getJobStats(JobStatsFlags.COMPLETED | JobStatsFlags.KEEP_COMPLETED)).to.deep.equal(kept);
    expect(await dom.getJobStats(JobStatsFlags.COMPLETED)).to.deep.equal(kept);
    expect((await dom.getJobStats(JobStatsFlags.COMPLETED)).type).to.equal(JobType.NONE);

    const restored = await conn.restoreDomain(image);
    expect(restored.uuid).to.equal(dom.uuid);
    expect((await restored.getState()).state).to.equal(DomainState.RUNNING);
    await waitForCounter(serial, atSave + 5);
    expect(expectConsecutiveFrom(await readCounter(serial), atSave).length).to.be.greaterThan(5);
    await restored.destroy();
  });

  it('restores paused when asked, and refuses an image of a running domain', async () => {
    const image = path.join(root, 'guest.save');
    const from = events.length;
    const dom = await conn.restoreDomain(image, SaveRestoreFlags.PAUSED);
    expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.SAVE });
    await rejectsWith(conn.restoreDomain(image), ErrorCode.OPERATION_INVALID);
    await dom.resume();
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    await dom.destroy();
    await eventually(() => {
      const mine = events.slice(from).filter((e) => e.domain.uuid === dom.uuid).map((e) => [e.event, e.detail]);
      expect(mine).to.deep.equal([
        [DomainEventType.STARTED, StartedDetail.RESTORED], [DomainEventType.SUSPENDED, SuspendedDetail.RESTORED],
        [DomainEventType.RESUMED, ResumedDetail.UNPAUSED], [DomainEventType.STOPPED, StoppedDetail.DESTROYED],
      ]);
    });
  });

  it('refuses files that are not save images and changes nothing', async () => {
    const bogus = path.join(root, 'bogus.save');
    await fs.writeFile(bogus, 'not a save image at all');
    const before = (await conn.listAllDomains()).map((d) => d.name);
    await rejectsWith(conn.restoreDomain(bogus), ErrorCode.INVALID_ARG);
    await rejectsWith(conn.restoreDomain('relative.save'), ErrorCode.INVALID_ARG);
    await rejectsWith(conn.restoreDomain(path.join(root, 'missing.save')), ErrorCode.OPERATION_FAILED);
    const dom = await conn.lookupDomainByName('saved');
    await rejectsWith(dom.save(path.join(root, 'x.save')), ErrorCode.OPERATION_INVALID);
    await rejectsWith(dom.save(path.join(root, 'x.save'), 1 << 8), ErrorCode.INVALID_ARG);
    expect((await conn.listAllDomains()).map((d) => d.name)).to.deep.equal(before);
    expect((await fs.readdir(root)).filter((f) => f.includes('x.save'))).to.deep.equal([]);
  });
});
