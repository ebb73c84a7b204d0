import { expect } from 'chai';
import {
  DomainState, DomainXmlFlags, ErrorCode, JobType, MigrateFlags, PausedReason, RunningReason, ShutoffReason, Virt, hasMigrationV2, hasMigrationV3,
  silentLogger,
  type Connection,
} from '@virtkit/core';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

describe('test driver: a migration whose client is gone', () => {
  let virt: Virt;
  let n = 0;
  const pair = async (): Promise<[Connection, Connection]> => {
    n++;
    return [await virt.connect(`test:///strand-a-${n}?migration-ms=50`), await virt.connect(`test:///strand-b-${n}?empty=1&migration-ms=50`)];
  };
  before(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  after(() => virt.dispose());

  it('after Perform3: resume is refused with the way out, domjobabort runs the source again and Confirm3 then fails', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'perform');
    expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
    expect((await dom.getJobInfo()).type).to.equal(JobType.NONE);
    const e = await expectCode(dom.resume(), ErrorCode.OPERATION_INVALID);
    expect(e.message).to.equal("Requested operation is not valid: cannot resume: domain 'test' is being migrated; use domjobabort to cancel a migration whose client is gone");
    await dom.abortJob();
    expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATION_CANCELED });
    await expectCode(dom.abortJob(), ErrorCode.OPERATION_INVALID);
    const src = a.live();
    if (!hasMigrationV3(src)) expect.fail('no v3 role');
    // The client comes back late: its Confirm3 must not end the guest that runs here again.
    await expectCode(src.migrateConfirm3(dom.driverRef, { flags: MigrateFlags.LIVE, cancelled: false }), ErrorCode.OPERATION_INVALID);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    await dom.suspend();
    await dom.resume();
  });

  it('the incoming guest of a Prepare without Finish: destroy ends it and forgets the Prepare, and the guest migrates again', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'perform');
    const incoming = await b.lookupDomainByName('test');
    expect(await incoming.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
    const e = await expectCode(incoming.resume(), ErrorCode.OPERATION_INVALID);
    expect(e.message).to.contain('use domjobabort or destroy');
    await incoming.destroy();
    await expectCode(b.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    await dom.abortJob();
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
    expect(await dom.isActive()).to.equal(false);
  });

  it('domjobabort on the incoming guest cancels the incoming migration too (after Prepare3 alone)', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'prepare');
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    await (await b.lookupDomainByName('test')).abortJob();
    await expectCode(b.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('an offline Prepare whose Finish never came does not block the next offline migration', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    const flags = MigrateFlags.OFFLINE | MigrateFlags.PERSIST_DEST;
    await abandonMigrationV3(a, b, dom, 'prepare', { flags });
    const res = await dom.migrate(b, { flags });
    expect(await res.domain.isPersistent()).to.equal(true);
  });

  it('a v2 client gone after Perform: the source has ended the guest, destroy ends the incoming one, and the guest starts and migrates again', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    const src = a.live();
    const dst = b.live();
    if (!hasMigrationV2(src) || !hasMigrationV2(dst)) expect.fail('no v2 role');
    const flags = MigrateFlags.LIVE;
    const prep = await dst.migratePrepare2({ flags, bandwidth: 0, domXml: await dom.getXmlDesc(DomainXmlFlags.MIGRATABLE) });
    await src.migratePerform(dom.driverRef, { cookie: prep.cookie, uri: prep.uriOut!, flags, bandwidth: 0 });
    // v2 has no Confirm: Perform ended the guest here, and only Finish2 would have run it there.
    expect(await dom.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.MIGRATED });
    const incoming = await b.lookupDomainByName('test');
    expect(await incoming.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
    await incoming.destroy();
    await dom.start();
    const res = await dom.migrate(b, { flags });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('destroying the stranded source ends its migration: a later domjobabort finds no job', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'perform');
    await dom.destroy();
    await expectCode(dom.abortJob(), ErrorCode.OPERATION_INVALID);
    await dom.start();
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
  });
});
