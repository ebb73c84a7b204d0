import { expect } from 'chai';
import {
  DomainObjectList, DomainState, DriverRole, DrvFeature, ErrorCode, ErrorDomain, EventBus, JobOperation, JobTracker, JobType, KeyedMutex,
  ListDomainsFlags, errorReporter, filterDomainList, formatErrorMessage, isVirtError, roleDeclarationProblems, silentLogger,
  type Clock, type DriverConnection, type Logger,
} from '@virtkit/core';

const fail = errorReporter(ErrorDomain.TEST);
const tick = () => new Promise((r) => setImmediate(r));

function fakeClock(): Clock & { advance(ms: number): void } {
  let t = 1000;
  return { now: () => t, monotonic: () => t, sleep: async () => {}, advance(ms: number) { t += ms; } };
}

function caught(f: () => unknown): unknown {
  try { f(); } catch (e) { return e; }
  throw new Error('expected a throw');
}

describe('core: errors worded from one table', () => {
  it("puts libvirt's prefix before the detail, by code", () => {
    const e = fail(ErrorCode.OPERATION_INVALID, 'domain is not running');
    expect(e.message).to.equal('Requested operation is not valid: domain is not running');
    expect(e.domain).to.equal(ErrorDomain.TEST);
    expect(formatErrorMessage(ErrorCode.NO_DOMAIN, "no domain with matching name 'x'")).to.equal("Domain not found: no domain with matching name 'x'");
    expect(formatErrorMessage(ErrorCode.DOM_EXIST, 'web')).to.equal('domain web exists already');
    expect(formatErrorMessage(ErrorCode.OPERATION_INVALID)).to.equal('Requested operation is not valid');
    expect(formatErrorMessage(ErrorCode.RPC, 'unknown procedure: 9999')).to.equal('unknown procedure: 9999');
    expect(formatErrorMessage(ErrorCode.CONFIG_UNSUPPORTED, 'a $& b')).to.equal('unsupported configuration: a $& b');
  });
});

interface Obj { uuid: string; name: string; id: number }

describe('core: DomainObjectList', () => {
  const U1 = '11111111-1111-1111-1111-111111111111';
  const U2 = '22222222-2222-2222-2222-222222222222';

  it("refuses a name held by another UUID and a UUID known by another name, with libvirt's messages", () => {
    const list = new DomainObjectList<Obj>(fail);
    list.add({ uuid: U1, name: 'web', id: -1 });
    expect(list.checkConflicts({ uuid: U1, name: 'web' })?.uuid).to.equal(U1);
    expect(list.checkConflicts({ uuid: U2, name: 'db' })).to.equal(undefined);
    const byName = caught(() => list.checkConflicts({ uuid: U2, name: 'web' }));
    expect(isVirtError(byName, ErrorCode.OPERATION_FAILED) && byName.message).to.equal(`operation failed: domain 'web' already exists with uuid ${U1}`);
    const byUuid = caught(() => list.checkConflicts({ uuid: U1, name: 'other' }));
    expect(isVirtError(byUuid, ErrorCode.OPERATION_FAILED) && byUuid.message).to.equal(`operation failed: domain 'web' is already defined with uuid ${U1}`);
  });

  it('finds by UUID (any case), name and id, and says which lookup failed', () => {
    const list = new DomainObjectList<Obj>(fail);
    const o = list.add({ uuid: U1, name: 'web', id: 3 });
    expect(list.findByUuid(U1.toUpperCase())).to.equal(o);
    expect(list.getByName('web')).to.equal(o);
    expect(list.getById(3)).to.equal(o);
    expect(list.findById(-1)).to.equal(undefined);
    const e = caught(() => list.getByName('nosuch'));
    expect(isVirtError(e, ErrorCode.NO_DOMAIN) && e.message).to.equal("Domain not found: no domain with matching name 'nosuch'");
    expect((caught(() => list.getById(9)) as Error).message).to.equal('Domain not found: no domain with matching id 9');
    list.remove(o);
    expect(list.size).to.equal(0);
  });

  it('serialises operations on one identity, so a check-then-add that awaits cannot race', async () => {
    const list = new DomainObjectList<Obj>(fail);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => list.withIdentity({ uuid: `0000000${i % 10}-0000-0000-0000-0000000000${String(i).padStart(2, '0')}`, name: 'race' }, async () => {
      const uuid = `0000000${i % 10}-0000-0000-0000-0000000000${String(i).padStart(2, '0')}`;
      list.checkConflicts({ uuid, name: 'race' });
      await new Promise((r) => setTimeout(r, 2));
      list.add({ uuid, name: 'race', id: -1 });
    })));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect(list.size).to.equal(1);
  });

  it('hands out increasing ids and keeps them above reattached ones', () => {
    const list = new DomainObjectList<Obj>(fail);
    expect(list.allocateId()).to.equal(1);
    list.reserveId(7);
    expect(list.allocateId()).to.equal(8);
  });
});

describe('core: KeyedMutex', () => {
  it('runs holders of a common key one at a time and others concurrently', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const op = (tag: string, ms: number) => async () => { log.push(`${tag}+`); await new Promise((r) => setTimeout(r, ms)); log.push(`${tag}-`); };
    await Promise.all([m.run(['a', 'b'], op('ab', 10)), m.run(['b'], op('b', 1)), m.run(['c'], op('c', 1))]);
    expect(log.indexOf('b+')).to.be.greaterThan(log.indexOf('ab-'));
    expect(log.indexOf('c+')).to.be.lessThan(log.indexOf('ab-'));
    expect(m.busy('a')).to.equal(false);
  });

  it('releases the key when the operation throws', async () => {
    const m = new KeyedMutex();
    await m.run(['k'], async () => { throw new Error('x'); }).catch(() => {});
    expect(await m.run(['k'], async () => 5)).to.equal(5);
  });
});

describe('core: filterDomainList', () => {
  const objs = [
    { name: 'b', id: -1, active: false, persistent: true, state: DomainState.SHUTOFF, autostart: true },
    { name: 'A', id: -1, active: false, persistent: true, state: DomainState.SHUTOFF },
    { name: 'run', id: 2, active: true, persistent: false, state: DomainState.RUNNING },
    { name: 'p', id: 1, active: true, persistent: true, state: DomainState.PAUSED },
  ];
  const list = (flags: number) => filterDomainList(objs, flags, (o) => o, (o) => ({ name: o.name, uuid: o.name, id: o.id })).map((r) => r.name);

  it('sorts active domains by id, then inactive ones by name ignoring case', () => {
    expect(list(0)).to.deep.equal(['p', 'run', 'A', 'b']);
  });

  it('filters on each flag group and ANDs the groups', () => {
    expect(list(ListDomainsFlags.ACTIVE)).to.deep.equal(['p', 'run']);
    expect(list(ListDomainsFlags.TRANSIENT)).to.deep.equal(['run']);
    expect(list(ListDomainsFlags.PAUSED | ListDomainsFlags.SHUTOFF)).to.deep.equal(['p', 'A', 'b']);
    expect(list(ListDomainsFlags.AUTOSTART)).to.deep.equal(['b']);
    expect(list(ListDomainsFlags.PERSISTENT | ListDomainsFlags.ACTIVE)).to.deep.equal(['p']);
    expect(list(ListDomainsFlags.HAS_SNAPSHOT)).to.deep.equal([]);
  });

  it('refuses unknown flags', () => {
    expect(isVirtError(caught(() => list(1 << 20)), ErrorCode.INVALID_ARG)).to.equal(true);
  });
});

describe('core: EventBus', () => {
  it('delivers after the emitting call, in order, isolating a throwing listener', async () => {
    const warned: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => { warned.push(m); } };
    const bus = new EventBus<number>(logger, 'test');
    const got: number[] = [];
    bus.subscribe(() => { throw new Error('bad'); });
    bus.subscribe((n) => got.push(n));
    bus.emit(1);
    bus.emit(2);
    expect(got).to.deep.equal([]);
    await bus.flushed();
    expect(got).to.deep.equal([1, 2]);
    expect(warned).to.have.length(2);
  });

  it('stops delivering to a listener unsubscribed during delivery, and clear() drops queued events', async () => {
    const bus = new EventBus<number>(silentLogger, 'test');
    const got: number[] = [];
    let off = () => {};
    bus.subscribe(() => off());
    off = bus.subscribe((n) => got.push(n));
    bus.emit(1);
    await tick();
    expect(got).to.deep.equal([]);
    bus.subscribe((n) => got.push(n));
    bus.emit(2);
    bus.clear();
    await tick();
    expect(got).to.deep.equal([]);
  });
});

describe('core: JobTracker', () => {
  const dom = { uuid: '33333333-3333-3333-3333-333333333333', name: 'j' };

  it('allows one job per domain and refuses other operations while it runs', () => {
    const jobs = new JobTracker(fakeClock(), fail);
    jobs.begin(dom, { operation: JobOperation.MIGRATION_OUT });
    expect((caught(() => jobs.begin(dom, { operation: JobOperation.SAVE })) as Error).message).to.equal("Requested operation is not valid: domain 'j' already has a migration out job");
    expect((caught(() => jobs.checkIdle(dom, 'suspend')) as Error).message).to.equal("Requested operation is not valid: cannot suspend: a migration out job is running for domain 'j'");
  });

  it('reports progress from the probe and the elapsed time from the clock', async () => {
    const clock = fakeClock();
    const jobs = new JobTracker(clock, fail);
    let done = 10;
    jobs.begin(dom, { operation: JobOperation.MIGRATION_OUT, probe: () => ({ data_total: 100, data_processed: done, data_remaining: 100 - done }) });
    clock.advance(250);
    done = 40;
    const info = await jobs.info(dom);
    expect(info).to.include({ type: JobType.UNBOUNDED, timeElapsed: 250, dataTotal: 100, dataProcessed: 40, dataRemaining: 60 });
    expect((await jobs.stats(dom, 0)).params).to.include({ operation: JobOperation.MIGRATION_OUT, data_processed: 40 });
  });

  it('keeps completed statistics only with KEEP_COMPLETED', async () => {
    const clock = fakeClock();
    const jobs = new JobTracker(clock, fail);
    await jobs.run(dom, { operation: JobOperation.SAVE }, async () => { clock.advance(30); }, () => ({ data_total: 5 }));
    expect((await jobs.info(dom)).type).to.equal(JobType.NONE);
    expect(await jobs.stats(dom, 1 | 2)).to.deep.equal({ type: JobType.COMPLETED, params: { data_total: 5, operation: JobOperation.SAVE, time_elapsed: 30, success: true } });
    expect((await jobs.stats(dom, 1)).type).to.equal(JobType.COMPLETED);
    expect((await jobs.stats(dom, 1)).type).to.equal(JobType.NONE);
    expect(isVirtError(await jobs.stats(dom, 2).catch((e) => e), ErrorCode.INVALID_ARG)).to.equal(true);
  });

  it('aborts through the signal and the driver hook; a failure after abort is CANCELLED', async () => {
    const jobs = new JobTracker(fakeClock(), fail);
    let hook = 0;
    const running = jobs.run(dom, { operation: JobOperation.MIGRATION_OUT, abort: () => { hook++; } }, (job) => new Promise((_, reject) => job.signal.addEventListener('abort', () => reject(new Error('stopped')))));
    await jobs.abort(dom);
    await running.catch(() => {});
    expect(hook).to.equal(1);
    expect((await jobs.stats(dom, 1)).type).to.equal(JobType.CANCELLED);
    expect((await jobs.abort(dom).catch((e) => e) as Error).message).to.equal('Requested operation is not valid: no job is active on the domain');
  });

  it('says a job without an abort hook cannot be cancelled', async () => {
    const jobs = new JobTracker(fakeClock(), fail);
    jobs.begin(dom, { operation: JobOperation.SAVE });
    expect(isVirtError(await jobs.abort(dom).catch((e) => e), ErrorCode.OPERATION_UNSUPPORTED)).to.equal(true);
  });
});

describe('core: declared roles', () => {
  const base = { features: new Set<number>(), close: async () => {} } as unknown as DriverConnection;

  it('finds a declared role that is missing and an implemented role that is not declared', () => {
    const lying = { ...base, features: new Set([DriverRole.JOBS, DrvFeature.MIGRATION_V3]), getJobInfo() {}, getJobStats() {} } as unknown as DriverConnection;
    expect(roleDeclarationProblems(lying)).to.deep.equal([
      'declares JOBS but lacks abortJob',
      'declares MIGRATION_V3 but lacks migrateBegin3, migratePrepare3, migratePerform3, migrateFinish3, migrateConfirm3',
    ]);
    const silent = { ...base, onLifecycle() {} } as unknown as DriverConnection;
    expect(roleDeclarationProblems(silent)).to.deep.equal(['implements EVENTS (onLifecycle) without declaring it']);
    const honest = { ...base, features: new Set([DriverRole.EVENTS]), onLifecycle() {} } as unknown as DriverConnection;
    expect(roleDeclarationProblems(honest)).to.deep.equal([]);
  });
});
