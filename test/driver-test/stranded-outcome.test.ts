import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  DomainState, DomainXmlFlags, ErrorCode, MigrateFlags, PausedReason, RunningReason, Virt, hasMigrationStranded, hasMigrationV2, hasMigrationV3,
  silentLogger, type Connection,
} from '@virtkit/core';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { TestHostStore, testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

const NOVA = MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE;

describe('test driver: a migration left by its client is settled (MigrationStrandedRole)', () => {
  let virt: Virt;
  let n = 0;
  const pair = async (): Promise<[Connection, Connection]> => {
    n++;
    return [await virt.connect(`test:///settle-a-${n}?migration-ms=50`), await virt.connect(`test:///settle-b-${n}?empty=1&migration-ms=50`)];
  };
  const settle = (c: Connection, graceMs: number) => {
    const live = c.live();
    if (!hasMigrationStranded(live)) expect.fail('no stranded-migration role');
    return (ref: Parameters<typeof live.migrateSettleStranded>[0]) => live.migrateSettleStranded(ref, graceMs);
  };
  before(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  after(() => virt.dispose());

  it('after Perform3, no word from the destination within the grace: the source stays paused; once the destination discards, it resumes', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'perform', { flags: NOVA });
    const t0 = Date.now();
    expect(await settle(a, 150)(dom.driverRef)).to.equal('paused');
    expect(Date.now() - t0).to.be.at.least(140);
    expect(await dom.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
    // The destination's Prepare is cancelled: it tells the source, which then knows the guest is not there.
    const incoming = await b.lookupDomainByName('test');
    await incoming.abortJob();
    expect(await settle(a, 5000)(dom.driverRef)).to.equal('resumed');
    expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATION_CANCELED });
    await expectCode(b.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
  });

  it('after Finish3 ran the guest on the destination: the source ends its copy as Confirm3 would (UNDEFINE_SOURCE included)', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'finish', { flags: NOVA });
    expect(await settle(a, 5000)(dom.driverRef)).to.equal('migrated');
    await expectCode(a.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    expect((await (await b.lookupDomainByName('test')).getState()).state).to.equal(DomainState.RUNNING);
  });

  it('the destination that went away holding nothing: the source resumes without waiting for the grace', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'perform', { flags: NOVA });
    const d = b.live();
    if (!hasMigrationV3(d)) expect.fail('no v3');
    await d.migrateFinish3({ dname: 'test', uri: '', flags: NOVA, cancelled: true });
    const t0 = Date.now();
    expect(await settle(a, 60_000)(dom.driverRef)).to.equal('resumed');
    expect(Date.now() - t0).to.be.below(30_000);
  });

  it('a destination whose v2 guest arrived whole runs it (the source ended its copy); one that had not arrived is ended', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    const src = a.live();
    const dst = b.live();
    if (!hasMigrationV2(src) || !hasMigrationV2(dst)) expect.fail('no v2 role');
    const prep = await dst.migratePrepare2({ flags: NOVA, bandwidth: 0, domXml: await dom.getXmlDesc(DomainXmlFlags.MIGRATABLE) });
    await src.migratePerform(dom.driverRef, { cookie: prep.cookie, uri: prep.uriOut!, flags: NOVA, bandwidth: 0 });
    const incoming = await b.lookupDomainByName('test');
    expect(await settle(b, 0)(incoming.driverRef)).to.equal('migrated');
    expect(await incoming.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATED });
    expect(await incoming.isPersistent()).to.equal(true);

    const [c, e] = await pair();
    const dst2 = e.live();
    if (!hasMigrationV2(dst2)) expect.fail('no v2 role');
    const p2 = await dst2.migratePrepare2({ flags: NOVA, bandwidth: 0, domXml: await (await c.lookupDomainByName('test')).getXmlDesc(DomainXmlFlags.MIGRATABLE) });
    expect(p2.uriOut).to.be.a('string');
    const waiting = await e.lookupDomainByName('test');
    expect(await settle(e, 0)(waiting.driverRef)).to.equal('discarded');
    await expectCode(e.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
  });

  it('a domain in no migration phase: OPERATION_INVALID', async () => {
    const [a] = await pair();
    const dom = await a.lookupDomainByName('test');
    await expectCode(settle(a, 0)(dom.driverRef), ErrorCode.OPERATION_INVALID);
  });
});

describe('test driver: test hosts in a state file (TestHostStore.stateDir) outlive their process', () => {
  let dir: string;
  const open = async () => {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger });
    virt.container.resolve(TestHostStore).stateDir = dir;
    return virt;
  };
  beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vkf-state-')); });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps definitions and states; a new process finds them', async () => {
    const one = await open();
    const a = await one.connect('test:///kept');
    await (await a.lookupDomainByName('test')).suspend();
    await a.defineDomain("<domain type='test'><name>other</name><memory>65536</memory><os><type>hvm</type></os></domain>");
    await new Promise((r) => setImmediate(r));
    await one.dispose();
    const two = await open();
    const again = await two.connect('test:///kept');
    expect(await (await again.lookupDomainByName('test')).getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.USER });
    expect(await (await again.lookupDomainByName('other')).isPersistent()).to.equal(true);
    expect((await (await again.lookupDomainByName('other')).getState()).state).to.equal(DomainState.SHUTOFF);
    await two.dispose();
  });

  it('recovers the migration phases: an incoming guest is ended, a source after Perform3 stays paused (domjobabort resumes it), a source in Confirm3 ends its copy', async () => {
    const one = await open();
    const a = await one.connect('test:///rec-a?migration-ms=50');
    const b = await one.connect('test:///rec-b?empty=1&migration-ms=50');
    const c = await one.connect('test:///rec-c?migration-ms=50');
    await abandonMigrationV3(a, b, await a.lookupDomainByName('test'), 'perform', { flags: NOVA });
    await new Promise((r) => setImmediate(r));
    // A Confirm3 that began: written before its work, as the phase it is in.
    const text = await fs.readFile(path.join(dir, `${encodeURIComponent('/rec-a')}.json`), 'utf8');
    await fs.writeFile(path.join(dir, `${encodeURIComponent('/rec-c')}.json`), text.replace('"confirming":false', '"confirming":true'));
    await c.close();
    // The process dies without a word: the next one reads what the files say.
    const two = await open();
    const a2 = await two.connect('test:///rec-a');
    const b2 = await two.connect('test:///rec-b?empty=1');
    const c2 = await two.connect('test:///rec-c');
    await expectCode(b2.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    const src = await a2.lookupDomainByName('test');
    expect(await src.getState()).to.deep.equal({ state: DomainState.PAUSED, reason: PausedReason.MIGRATION });
    await src.abortJob();
    expect(await src.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATION_CANCELED });
    await expectCode(c2.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    await two.dispose();
    await one.dispose();
  });

  it('a guest paused by a transfer that never completed runs again', async () => {
    const one = await open();
    await one.connect('test:///paused-by-transfer');
    await new Promise((r) => setImmediate(r));
    const file = path.join(dir, `${encodeURIComponent('/paused-by-transfer')}.json`);
    const state = JSON.parse(await fs.readFile(file, 'utf8'));
    state.domains[0].state = DomainState.PAUSED;
    state.domains[0].reason = PausedReason.MIGRATION;
    await fs.writeFile(file, JSON.stringify(state));
    await one.dispose();
    const two = await open();
    const dom = await (await two.connect('test:///paused-by-transfer')).lookupDomainByName('test');
    expect(await dom.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: RunningReason.MIGRATION_CANCELED });
    await two.dispose();
  });
});
