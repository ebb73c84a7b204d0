import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import {
  DomainState, ErrorCode, JobType, MigrateFlags, PausedReason, RunningReason, hasMigrationV3,
  type Domain, type Virt,
} from '@virtkit/core';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { processState, waitForExit } from '@virtkit/driver-kvm';
import { embedUri, guestXml, makeRoot, makeVirt, removeRoots, readCounter, rejectsWith, waitForCounter } from './support/hosts.js';

const PORTS = { min: 49631, max: 49640 };
const HINT = 'is being migrated; use domjobabort to cancel a migration whose client is gone';

interface Status { pid: number; migration?: { role: string; phase: string } }

async function status(root: string, uuid: string): Promise<Status | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(root, 'run', 'qemu', `${uuid}.json`), 'utf8')) as Status;
  } catch {
    return undefined;
  }
}

/** The stranded source is paused for migration, refuses resume with the way out, and domjobabort runs it again. */
async function expectAbortRecovers(root: string, dom: Domain, serial: string): Promise<void> {
  expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
  expect((await dom.getJobInfo()).type).to.equal(JobType.NONE);
  const refused = await rejectsWith(dom.resume(), ErrorCode.OPERATION_INVALID);
  expect(refused.message).to.contain(`domain '${dom.name}' ${HINT}`);
  const frozen = (await readCounter(serial)).at(-1)!;
  await dom.abortJob();
  expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATION_CANCELED });
  await waitForCounter(serial, frozen + 3);
  expect((await status(root, dom.uuid))!.migration).to.equal(undefined);
  await rejectsWith(dom.abortJob(), ErrorCode.OPERATION_INVALID);
}

describe('driver-kvm: a migration whose client died after Perform3 (real QEMU)', function () {
  this.timeout(180_000);
  let rootA: string;
  let rootB: string;
  const virts: Virt[] = [];
  const open = async () => {
    const v = await makeVirt({ migrationPorts: PORTS });
    virts.push(v);
    return { v, a: await v.connect(embedUri(rootA)), b: await v.connect(embedUri(rootB)) };
  };

  before(async () => {
    rootA = await makeRoot('strA');
    rootB = await makeRoot('strB');
  });

  after(async () => {
    for (const v of virts) await v.dispose().catch(() => {});
    await removeRoots([rootA, rootB], { migrationPorts: PORTS });
  });

  it('domjobabort resumes the paused source, destroy ends the incoming guest, and the guest then migrates', async () => {
    const serial = path.join(rootA, 'abort.log');
    const { v, a, b } = await open();
    const dom = await a.defineDomain(await guestXml({ name: 'stranded', serialLog: serial }));
    await dom.start();
    await waitForCounter(serial, 3);
    await abandonMigrationV3(a, b, dom, 'perform');
    expect((await status(rootA, dom.uuid))!.migration).to.deep.include({ role: 'source', phase: 'performed' });

    await expectAbortRecovers(rootA, dom, serial);
    const src = a.live();
    if (!hasMigrationV3(src)) expect.fail('no v3 role');
    // The client's late Confirm3 must not end the guest that runs here again.
    await rejectsWith(src.migrateConfirm3(dom.driverRef, { flags: MigrateFlags.LIVE, cancelled: false }), ErrorCode.OPERATION_INVALID);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);

    const incoming = await b.lookupDomainByName('stranded');
    const pid = (await status(rootB, dom.uuid))!.pid;
    expect((await rejectsWith(incoming.resume(), ErrorCode.OPERATION_INVALID)).message).to.contain('use domjobabort or destroy');
    await incoming.destroy();
    expect(await waitForExit(pid, 5000)).to.equal(true);
    expect(await b.listAllDomains()).to.have.length(0);
    expect(await status(rootB, dom.uuid)).to.equal(undefined);

    const before = (await readCounter(serial)).at(-1)!;
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
    expect(await dom.isActive()).to.equal(false);
    await waitForCounter(serial, before + 3);
    await res.domain.destroy();
    await v.dispose();
  });

  it('after Finish3 the destination runs the guest: destroy on the paused source ends the migration there', async () => {
    const serial = path.join(rootA, 'finished.log');
    const { v, a, b } = await open();
    const dom = await a.defineDomain(await guestXml({ name: 'finished', serialLog: serial }));
    await dom.start();
    await waitForCounter(serial, 3);
    await abandonMigrationV3(a, b, dom, 'finish');
    const moved = await b.lookupDomainByName('finished');
    expect((await moved.getState()).state).to.equal(DomainState.RUNNING);
    expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
    // The source cannot know the destination runs the guest: resume stays refused, and destroy is the administrator's way out.
    await rejectsWith(dom.resume(), ErrorCode.OPERATION_INVALID);
    await dom.destroy();
    expect(await status(rootA, dom.uuid)).to.equal(undefined);
    const last = (await readCounter(serial)).at(-1)!;
    await waitForCounter(serial, last + 3);
    await moved.destroy();
    await v.dispose();
  });

  it('across a restart of both drivers: the source stays paused and abortable, the incoming guest is gone, the retry succeeds', async () => {
    const serial = path.join(rootA, 'restart.log');
    const first = await open();
    const dom = await first.a.defineDomain(await guestXml({ name: 'orphan', serialLog: serial }));
    await dom.start();
    await waitForCounter(serial, 3);
    await abandonMigrationV3(first.a, first.b, dom, 'perform');
    const incomingPid = (await status(rootB, dom.uuid))!.pid;
    const sourcePid = (await status(rootA, dom.uuid))!.pid;
    await first.v.dispose();

    const second = await open();
    expect(await second.b.listAllDomains()).to.have.length(0);
    expect(await waitForExit(incomingPid, 5000)).to.equal(true);
    const again = await second.a.lookupDomainByName('orphan');
    expect((await status(rootA, dom.uuid))!.migration).to.deep.include({ role: 'source', phase: 'performed' });
    await expectAbortRecovers(rootA, again, serial);
    expect(processState(sourcePid)).to.equal('running');

    const before = (await readCounter(serial)).at(-1)!;
    const res = await again.migrate(second.b, { flags: MigrateFlags.LIVE });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
    await waitForCounter(serial, before + 3);
    await res.domain.destroy();
  });
});
