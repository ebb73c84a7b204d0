import { expect } from 'chai';
import net from 'node:net';
import {
  DomainEventType, DomainState, ErrorCode, JobType, MigrateFlags, StoppedDetail, Virt,
  type Connection, type JobInfo, type LifecycleEvent,
} from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

describe('migration with the test driver', () => {
  let virt: Virt;
  let host = 0;
  const pair = async (query = ''): Promise<[Connection, Connection]> => {
    host++;
    return [await virt.connect(`test:///mig-a-${host}?migration-ms=300${query}`), await virt.connect(`test:///mig-b-${host}?empty=1&migration-ms=300${query}`)];
  };
  before(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false }); });
  after(() => virt.dispose());

  it('reports progress from the source job while the data moves', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    const seen: JobInfo[] = [];
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE, onProgress: (j) => seen.push(j), progressIntervalMs: 20 });
    expect(res.version).to.equal(3);
    const moving = seen.filter((j) => j.type === JobType.UNBOUNDED);
    expect(moving.length).to.be.greaterThan(2);
    expect(moving[0].dataTotal).to.equal(8388608 * 1024);
    for (let i = 1; i < moving.length; i++) expect(moving[i].dataProcessed).to.be.at.least(moving[i - 1].dataProcessed);
    expect(moving.at(-1)!.dataProcessed).to.be.greaterThan(moving[0].dataProcessed);
    const completed = await dom.getJobStats(1);
    expect(completed.type).to.equal(JobType.COMPLETED);
  });

  it('aborts through the AbortSignal: the guest keeps running on the source, nothing is left on the destination', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 80);
    await expectCode(dom.migrate(b, { flags: MigrateFlags.LIVE, signal: ac.signal }), ErrorCode.OPERATION_ABORTED);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains()).to.have.length(0);
  });

  it('an abort signalled during the early phases stops the migration before Perform, for every version', async () => {
    for (const v of ['v1', 'v2', 'v3']) {
      const [a, b] = await pair(`&migration=${v}`);
      const dom = await a.lookupDomainByName('test');
      const ac = new AbortController();
      // Aborted as soon as the destination has been prepared.
      const unsubscribe = b.onLifecycle(() => ac.abort());
      const prepared = dom.migrate(b, { flags: MigrateFlags.LIVE, signal: ac.signal });
      if (v === 'v1') ac.abort();
      await expectCode(prepared, ErrorCode.OPERATION_ABORTED);
      unsubscribe();
      expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
      expect(await b.listAllDomains(1)).to.have.length(0);
    }
  });

  it('aborts through abortJob from another handle', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    const running = dom.migrate(b, { flags: MigrateFlags.LIVE });
    const other = await a.lookupDomainByName('test');
    const deadline = Date.now() + 10000;
    while ((await other.getJobInfo()).type !== JobType.UNBOUNDED) {
      if (Date.now() > deadline) expect.fail('the migration job never started');
      await new Promise((r) => setTimeout(r, 5));
    }
    await other.abortJob();
    await expectCode(running, ErrorCode.OPERATION_ABORTED);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains()).to.have.length(0);
  });

  for (const v of ['v1', 'v2', 'v3']) {
    it(`${v}: PERSIST_DEST and UNDEFINE_SOURCE move the definition too`, async () => {
      const [a, b] = await pair(`&migration=${v}`);
      const dom = await a.lookupDomainByName('test');
      const res = await dom.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE });
      expect(res.version).to.equal(Number(v[1]));
      await expectCode(a.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
      await res.domain.destroy();
      expect((await b.lookupDomainByName('test').then((d) => d.getState())).state).to.equal(DomainState.SHUTOFF);
    });

    it(`${v}: without PERSIST_DEST the guest is transient on the destination and the source keeps its definition`, async () => {
      const [a, b] = await pair(`&migration=${v}`);
      const res = await (await a.lookupDomainByName('test')).migrate(b, { flags: MigrateFlags.LIVE });
      expect((await a.lookupDomainByName('test').then((d) => d.getState())).state).to.equal(DomainState.SHUTOFF);
      await res.domain.destroy();
      await expectCode(b.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    });

    it(`${v}: PAUSED leaves the guest paused on the destination; dname renames it`, async () => {
      const [a, b] = await pair(`&migration=${v}`);
      const res = await (await a.lookupDomainByName('test')).migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.PAUSED, dname: 'renamed' });
      expect(res.domain.name).to.equal('renamed');
      expect((await res.domain.getState()).state).to.equal(DomainState.PAUSED);
      await res.domain.resume();
      expect((await b.lookupDomainByName('renamed').then((d) => d.getState())).state).to.equal(DomainState.RUNNING);
    });
  }

  it('migrates a paused guest paused (v2)', async () => {
    const [a, b] = await pair('&migration=v2');
    const dom = await a.lookupDomainByName('test');
    await dom.suspend();
    const res = await dom.migrate(b, {});
    expect((await res.domain.getState()).state).to.equal(DomainState.PAUSED);
  });

  it('OFFLINE moves only the definition (v3 and v2)', async () => {
    for (const v of ['v3', 'v2']) {
      const [a, b] = await pair(`&migration=${v}`);
      const def = await a.defineDomain("<domain type='test'><name>cold</name><memory>1024</memory><os><type>hvm</type></os></domain>");
      const res = await def.migrate(b, { flags: MigrateFlags.OFFLINE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE });
      expect(res.version).to.equal(Number(v[1]));
      expect((await res.domain.getState()).state).to.equal(DomainState.SHUTOFF);
      expect((await b.listDefinedDomainNames())).to.include('cold');
      await expectCode(a.lookupDomainByName('cold'), ErrorCode.NO_DOMAIN);
    }
  });

  it('refuses flag combinations the chosen version cannot carry', async () => {
    const [a, b] = await pair('&migration=v1');
    const dom = await a.lookupDomainByName('test');
    await expectCode(dom.migrate(b, { flags: MigrateFlags.OFFLINE | MigrateFlags.PERSIST_DEST }), ErrorCode.ARGUMENT_UNSUPPORTED);
    await expectCode(dom.migrate(b, { dxml: '<domain/>' }), ErrorCode.ARGUMENT_UNSUPPORTED);
    await expectCode(dom.migrate(b, { flags: MigrateFlags.CHANGE_PROTECTION }), ErrorCode.OPERATION_INVALID);
    await expectCode(dom.migrate(b, { flags: MigrateFlags.TUNNELLED }), ErrorCode.OPERATION_INVALID);
    await expectCode(dom.migrate(b, { flags: MigrateFlags.NON_SHARED_DISK | MigrateFlags.NON_SHARED_INC }), ErrorCode.INVALID_ARG);
    await expectCode(dom.migrate(b, { bandwidth: -1 }), ErrorCode.INVALID_ARG);
    await expectCode(dom.migrate(b, { nonsense: 1 } as never), ErrorCode.INVALID_ARG);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains()).to.have.length(0);
    const [c, d] = await pair('&migration=v3');
    await expectCode((await c.lookupDomainByName('test')).migrate(d, { flags: MigrateFlags.OFFLINE }), ErrorCode.OPERATION_INVALID);
    await expectCode((await c.lookupDomainByName('test')).migrate(d, { flags: MigrateFlags.OFFLINE | MigrateFlags.PERSIST_DEST | MigrateFlags.LIVE }), ErrorCode.OPERATION_INVALID);
  });

  it('v3 with dxml: the destination runs the replacement definition', async () => {
    const [a, b] = await pair('&migration=v3');
    const dom = await a.lookupDomainByName('test');
    const xml = (await dom.getXmlDesc(8)).replace('</uuid>', '</uuid><title>moved</title>');
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE, dxml: xml });
    expect(await res.domain.getXmlDesc()).to.contain('<title>moved</title>');
  });

  it('emits STOPPED/MIGRATED on the source and STARTED, RESUMED on the destination', async () => {
    const [a, b] = await pair();
    const srcEvents: LifecycleEvent[] = [];
    const dstEvents: LifecycleEvent[] = [];
    a.onLifecycle((e) => srcEvents.push(e));
    b.onLifecycle((e) => dstEvents.push(e));
    await (await a.lookupDomainByName('test')).migrate(b, { flags: MigrateFlags.LIVE });
    // Events are delivered after the calls that caused them return, on the next turn of the event loop.
    await new Promise((r) => setImmediate(r));
    expect(srcEvents.some((e) => e.event === DomainEventType.STOPPED && e.detail === StoppedDetail.MIGRATED)).to.equal(true);
    expect(dstEvents.map((e) => e.event)).to.include.members([DomainEventType.STARTED, DomainEventType.RESUMED]);
  });

  it('a destination that already runs the guest refuses in Prepare and the source keeps it', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await b.createDomain(await dom.getXmlDesc(2));
    await expectCode(dom.migrate(b, { flags: MigrateFlags.LIVE }), ErrorCode.OPERATION_INVALID);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('honours a given migration URI, and refuses a malformed one before anything changes', async () => {
    const [a, b] = await pair();
    const dom = await a.lookupDomainByName('test');
    await expectCode(dom.migrate(b, { uri: 'rdma:somewhere' }), ErrorCode.INVALID_ARG);
    // Worded once from the code table: the prefix is not doubled.
    expect(await dom.migrate(b, { uri: 'rdma:somewhere' }).catch((e: Error) => e.message)).to.equal("invalid argument: migration URI 'rdma:somewhere' is not tcp:HOST:PORT");
    expect(await b.listAllDomains()).to.have.length(0);
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE, uri: `tcp:127.0.0.1:${port}` });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('read-only connections refuse to migrate', async () => {
    host++;
    const ro = await virt.connect(`test:///ro-${host}`, { readonly: true });
    const b = await virt.connect(`test:///ro-b-${host}?empty=1`);
    await expectCode((await ro.lookupDomainByName('test')).migrate(b, {}), ErrorCode.OPERATION_DENIED);
    await expectCode((await ro.lookupDomainByName('test')).destroy(), ErrorCode.OPERATION_DENIED);
    expect((await (await ro.lookupDomainByName('test')).getState()).state).to.equal(DomainState.RUNNING);
  });
});
