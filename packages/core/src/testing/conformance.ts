import { expect } from 'chai';
import { after, afterEach, before, describe, it } from 'mocha';
import type { Connection } from '../connection.js';
import type { Domain } from '../domain.js';
import { ErrorCode, isVirtError } from '../errors.js';
import { DriverRole, DrvFeature } from '../features.js';
import { roleDeclarationProblems } from '../driver/roles.js';
import { DomainXmlFlags, MigrateFlags } from '../flags.js';
import { parseDomainXml } from '../domain/parse.js';
import { DomainEventType, DomainState, type DomainLifecycleEvent } from '../driver/types.js';
import { hasEventRole, hasJobRole, hasMigrationTuningRole } from '../driver/contract.js';
import type { MigrationVersion } from '../migration/negotiate.js';
import type { Virt } from '../virt.js';
import { MIGRATION_PHASES, wrapConnection } from './wrap-connection.js';
import { DomainSnapshot } from '../domain-snapshot.js';
import { hasSnapshotRole } from '../driver/snapshot.js';
import { parseSnapshotXml } from '../snapshot/parse.js';
import { describeDomainControlConformance } from './domain-control-conformance.js';

export interface ConformanceSetup {
  virt: Virt;
  /** URIs of two independent hosts of the driver under test. */
  hostA: string;
  hostB: string;
  teardown?: () => Promise<void>;
}

export interface ConformanceTarget {
  /** Called once before the suite. */
  setup(): Promise<ConformanceSetup>;
  /** A domain XML the hosts can define and run, with this name and a fresh UUID. */
  domainXml(name: string): string;
  features: {
    /**
     * The feature set the driver declares for these hosts (DrvFeature and
     * DriverRole numbers): the connections must declare exactly this, and
     * implement exactly the roles in it. The migration versions in it are
     * the ones the suite runs.
     */
    declared: Iterable<number>;
    /** Whether virDomainShutdown stops the guest (false for guests that ignore ACPI). Default true. */
    shutdownStopsGuest?: boolean;
    /**
     * Whether undefining a running domain leaves it running as a transient
     * domain (libvirt's rule). False for hypervisors that refuse it (xend
     * deletes halted domains only); the suite then checks that the refusal
     * changes nothing. Default true.
     */
    undefineKeepsRunning?: boolean;
    /**
     * The code suspend, resume and shutdown raise in the wrong state.
     * Default OPERATION_INVALID; libvirt's test driver raises INTERNAL_ERROR.
     */
    wrongStateCode?: ErrorCode;
    /**
     * What getOSType (virDomainGetOSType, core API 1.1) answers for the
     * domains of domainXml, defined and running. Omit it for a driver
     * written against core API 1.0: the suite then expects NO_SUPPORT.
     */
    osType?: string;
  };
  /** Per-test timeout in ms. Default 30000. */
  timeoutMs?: number;
  /** How long to wait for an asynchronous state change. Default 10000. */
  settleMs?: number;
}

async function expectVirtError(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e), `expected a VirtError, got ${String(e)}`).to.equal(true);
    expect((e as { code: number }).code, (e as Error).message).to.equal(code);
    return;
  }
  expect.fail(`expected VirtError ${ErrorCode[code]}, but the call succeeded`);
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) expect.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function isActive(conn: Connection, name: string): Promise<boolean> {
  try {
    const d = await conn.lookupDomainByName(name);
    const { state } = await d.getState();
    return state !== DomainState.SHUTOFF;
  } catch (e) {
    if (isVirtError(e, ErrorCode.NO_DOMAIN)) return false;
    throw e;
  }
}

/**
 * The driver conformance suite: every driver passes it with two hosts of its
 * own. Registers mocha tests; call it at a test file's top level.
 */
const MIGRATION_FEATURE: Record<MigrationVersion, DrvFeature> = { 1: DrvFeature.MIGRATION_V1, 2: DrvFeature.MIGRATION_V2, 3: DrvFeature.MIGRATION_V3 };

export function describeDriverConformance(title: string, target: ConformanceTarget): void {
  describe(`driver conformance: ${title}`, function () {
    this.timeout(target.timeoutMs ?? 30000);
    const settle = target.settleMs ?? 10000;
    const declared = new Set(target.features.declared);
    const migration = ([3, 2, 1] as const).filter((v) => declared.has(MIGRATION_FEATURE[v]));
    let env: ConformanceSetup;
    let a: Connection;
    let b: Connection;
    const created = new Set<string>();
    let serial = 0;
    const name = (what: string) => {
      const n = `conf-${what}-${process.pid}-${++serial}`;
      created.add(n);
      return n;
    };

    before(async () => {
      env = await target.setup();
      a = await env.virt.connect(env.hostA);
      b = await env.virt.connect(env.hostB);
    });

    afterEach(async () => {
      for (const conn of [a, b]) {
        for (const n of created) {
          try {
            const d = await conn.lookupDomainByName(n);
            if ((await d.getState()).state !== DomainState.SHUTOFF) await d.destroy();
            await conn.lookupDomainByName(n).then((x) => x.undefine()).catch(() => {});
          } catch {
            // not on this host
          }
        }
      }
      created.clear();
    });

    after(async () => {
      await a?.close();
      await b?.close();
      await env?.teardown?.();
      await env?.virt.dispose();
    });

    async function defineAndStart(conn: Connection, what: string): Promise<Domain> {
      const d = await conn.defineDomain(target.domainXml(name(what)));
      await d.start();
      return d;
    }

    describe('lifecycle', () => {
      it('defines, starts, suspends, resumes, destroys and undefines', async () => {
        const n = name('life');
        const d = await a.defineDomain(target.domainXml(n));
        expect((await d.getState()).state).to.equal(DomainState.SHUTOFF);
        expect(d.id).to.equal(-1);
        expect((await a.listDefinedDomainNames())).to.include(n);
        await d.start();
        expect(d.id).to.be.greaterThan(0);
        expect((await d.getState()).state).to.equal(DomainState.RUNNING);
        expect(await a.listDomainIds()).to.include(d.id);
        expect((await a.lookupDomainById(d.id)).uuid).to.equal(d.uuid);
        expect((await a.lookupDomainByUuid(d.uuid)).name).to.equal(n);
        await d.suspend();
        expect((await d.getState()).state).to.equal(DomainState.PAUSED);
        await d.resume();
        expect((await d.getState()).state).to.equal(DomainState.RUNNING);
        const info = await d.getInfo();
        expect(info.state).to.equal(DomainState.RUNNING);
        expect(info.maxMem).to.be.greaterThan(0);
        expect(info.nrVirtCpu).to.be.greaterThan(0);
        await d.destroy();
        expect((await d.getState()).state).to.equal(DomainState.SHUTOFF);
        await d.undefine();
        await expectVirtError(a.lookupDomainByName(n), ErrorCode.NO_DOMAIN);
      });

      it('reports the OS type of defined and running domains', async () => {
        const d = await a.defineDomain(target.domainXml(name('ostype')));
        const { osType } = target.features;
        if (osType === undefined) {
          await expectVirtError(d.getOSType(), ErrorCode.NO_SUPPORT);
          return;
        }
        expect(await d.getOSType()).to.equal(osType);
        await d.start();
        expect(await d.getOSType()).to.equal(osType);
      });

      it('creates a transient domain that disappears when destroyed', async () => {
        const n = name('transient');
        const d = await a.createDomain(target.domainXml(n));
        expect((await d.getState()).state).to.equal(DomainState.RUNNING);
        await d.destroy();
        await expectVirtError(a.lookupDomainByName(n), ErrorCode.NO_DOMAIN);
      });

      if (target.features.shutdownStopsGuest !== false) {
        it('shuts a running domain down', async () => {
          const d = await defineAndStart(a, 'shutdown');
          await d.shutdown();
          await waitFor('the guest to shut off', settle, async () => (await d.getState()).state === DomainState.SHUTOFF);
        });
      }

      if (target.features.undefineKeepsRunning !== false) {
        it('keeps a running domain transient after undefine, then forgets it on destroy', async () => {
          const d = await defineAndStart(a, 'undef-running');
          await d.undefine();
          expect((await d.getState()).state).to.equal(DomainState.RUNNING);
          await d.destroy();
          await expectVirtError(a.lookupDomainByUuid(d.uuid), ErrorCode.NO_DOMAIN);
        });
      } else {
        it('refuses to undefine a running domain and changes nothing', async () => {
          const d = await defineAndStart(a, 'undef-running');
          let refused = false;
          try {
            await d.undefine();
          } catch (e) {
            refused = isVirtError(e);
          }
          expect(refused, 'undefine of a running domain was not refused with a VirtError').to.equal(true);
          expect((await d.getState()).state).to.equal(DomainState.RUNNING);
          await d.destroy();
          expect((await a.lookupDomainByUuid(d.uuid)).id).to.equal(-1);
        });
      }
    });

    describe('errors', () => {
      it('reports missing domains as NO_DOMAIN', async () => {
        await expectVirtError(a.lookupDomainByName('no-such-domain-conformance'), ErrorCode.NO_DOMAIN);
        await expectVirtError(a.lookupDomainByUuid('00000000-0000-4000-8000-00000000c0de'), ErrorCode.NO_DOMAIN);
        await expectVirtError(a.lookupDomainById(987654), ErrorCode.NO_DOMAIN);
      });

      it('refuses invalid transitions and changes nothing', async () => {
        const wrongState = target.features.wrongStateCode ?? ErrorCode.OPERATION_INVALID;
        const d = await a.defineDomain(target.domainXml(name('trans')));
        await expectVirtError(d.suspend(), wrongState);
        await expectVirtError(d.resume(), wrongState);
        await expectVirtError(d.destroy(), ErrorCode.OPERATION_INVALID);
        expect((await d.getState()).state).to.equal(DomainState.SHUTOFF);
        await d.start();
        await expectVirtError(d.start(), ErrorCode.OPERATION_INVALID);
        await expectVirtError(d.resume(), wrongState);
        expect((await d.getState()).state).to.equal(DomainState.RUNNING);
      });

      it('rejects unknown flags with INVALID_ARG', async () => {
        const d = await a.defineDomain(target.domainXml(name('flags')));
        await expectVirtError(d.start(1 << 30), ErrorCode.INVALID_ARG);
        await expectVirtError(d.getXmlDesc(1 << 30), ErrorCode.INVALID_ARG);
        await expectVirtError(a.listAllDomains(1 << 30), ErrorCode.INVALID_ARG);
        expect((await d.getState()).state).to.equal(DomainState.SHUTOFF);
      });

      it('refuses malformed and hostile XML with XML_ERROR and defines nothing', async () => {
        const before = (await a.listAllDomains()).length;
        for (const xml of ['<domain', "<domain type='x'><name>a</name>", '<!DOCTYPE d [<!ENTITY x "y">]><domain/>', '<notadomain/>']) {
          await expectVirtError(a.defineDomain(xml), ErrorCode.XML_ERROR);
        }
        expect((await a.listAllDomains()).length).to.equal(before);
      });

      it('refuses a second domain with the same name', async () => {
        const n = name('dup');
        await a.defineDomain(target.domainXml(n));
        try {
          await a.defineDomain(target.domainXml(n));
          expect.fail('defined a second domain with the same name');
        } catch (e) {
          expect(isVirtError(e), String(e)).to.equal(true);
        }
        expect((await a.listAllDomains()).filter((d) => d.name === n)).to.have.length(1);
      });
    });

    describe('XML', () => {
      it('round-trips the definition: define(dumpxml) changes nothing', async () => {
        const n = name('xml');
        const d = await a.defineDomain(target.domainXml(n));
        const first = await d.getXmlDesc(DomainXmlFlags.INACTIVE);
        const def = parseDomainXml(first);
        expect(def.name).to.equal(n);
        expect(def.uuid).to.equal(d.uuid);
        const original = parseDomainXml(target.domainXml(n));
        expect(def.memory.kib).to.equal(original.memory.kib);
        expect(def.vcpu.count).to.equal(original.vcpu.count);
        await a.defineDomain(first);
        expect(await d.getXmlDesc(DomainXmlFlags.INACTIVE)).to.equal(first);
      });

      it('shows the runtime id in live XML only', async () => {
        const d = await defineAndStart(a, 'xmlid');
        expect(parseDomainXml(await d.getXmlDesc()).id).to.equal(d.id);
        expect(parseDomainXml(await d.getXmlDesc(DomainXmlFlags.INACTIVE)).id).to.equal(undefined);
      });
    });

    describe('features', () => {
      it('declares exactly the expected feature set and implements exactly the declared roles', () => {
        for (const c of [a, b]) {
          expect([...c.live().features].sort((x, y) => x - y), c.uri).to.deep.equal([...declared].sort((x, y) => x - y));
          expect(roleDeclarationProblems(c.live()), c.uri).to.deep.equal([]);
        }
      });

      it('answers virConnectSupportsFeature from the declaration', async () => {
        for (const [v, f] of [[1, DrvFeature.MIGRATION_V1], [2, DrvFeature.MIGRATION_V2], [3, DrvFeature.MIGRATION_V3]] as const) {
          expect(await a.supportsFeature(f), `MIGRATION_V${v}`).to.equal(migration.includes(v));
        }
        for (const role of [DriverRole.JOBS, DriverRole.EVENTS, DriverRole.SAVE, DriverRole.CLOSE_EVENTS, DriverRole.MIGRATION_TUNING]) expect(await a.supportsFeature(role), 'private role numbers are not libvirt features').to.equal(false);
        expect(await a.supportsFeature(DrvFeature.REMOTE)).to.equal(a.driver.remote === true);
        expect(await a.supportsFeature(987654)).to.equal(false);
      });
    });

    describe('events', () => {
      it('never lets a throwing listener fail or reorder an operation', async () => {
        if (!hasEventRole(a.live())) {
          expect(() => a.onLifecycle(() => {})).to.throw().that.satisfies((e: unknown) => isVirtError(e, ErrorCode.NO_SUPPORT));
          return;
        }
        const n = name('throwing');
        const seen: DomainLifecycleEvent['event'][] = [];
        let thrown = 0;
        const offThrow = a.onLifecycle((e) => { if (e.domain.name === n) { thrown++; throw new Error('listener failure'); } });
        const offSeen = a.onLifecycle((e) => { if (e.domain.name === n) seen.push(e.event); });
        try {
          const d = await a.defineDomain(target.domainXml(n));
          await d.start();
          expect((await d.getState()).state).to.equal(DomainState.RUNNING);
          await d.destroy();
          await d.undefine();
          await waitFor('the UNDEFINED event', settle, async () => seen.includes(DomainEventType.UNDEFINED));
        } finally {
          offThrow();
          offSeen();
        }
        expect(seen.filter((e) => e !== DomainEventType.RESUMED && e !== DomainEventType.SUSPENDED)).to.deep.equal([DomainEventType.DEFINED, DomainEventType.STARTED, DomainEventType.STOPPED, DomainEventType.UNDEFINED]);
        expect(thrown, 'the throwing listener got every event too').to.equal(seen.length);
      });

      it('delivers lifecycle events for define, start and destroy', async function () {
        if (!hasEventRole(a.live())) {
          expect(() => a.onLifecycle(() => {})).to.throw().that.satisfies((e: unknown) => isVirtError(e, ErrorCode.NO_SUPPORT));
          return;
        }
        const seen: DomainLifecycleEvent['event'][] = [];
        const n = name('events');
        const off = a.onLifecycle((e) => { if (e.domain.name === n) seen.push(e.event); });
        try {
          const d = await a.defineDomain(target.domainXml(n));
          await d.start();
          await d.destroy();
          await waitFor('the STOPPED event', settle, async () => seen.includes(DomainEventType.STOPPED));
        } finally {
          off();
        }
        expect(seen.indexOf(DomainEventType.DEFINED)).to.be.lessThan(seen.indexOf(DomainEventType.STARTED));
        expect(seen.indexOf(DomainEventType.STARTED)).to.be.lessThan(seen.indexOf(DomainEventType.STOPPED));
      });
    });

    describeDomainControlConformance({ declared, conn: () => a, define: (what) => a.defineDomain(target.domainXml(name(what))), expectVirtError });

    describe('jobs', () => {
      it('reports no job on an idle domain and refuses to abort it', async function () {
        const d = await defineAndStart(a, 'job');
        if (!hasJobRole(a.live())) {
          await expectVirtError(d.getJobInfo(), ErrorCode.NO_SUPPORT);
          return;
        }
        expect((await d.getJobInfo()).type).to.equal(0);
        await expectVirtError(d.abortJob(), ErrorCode.OPERATION_INVALID);
      });
    });

    describe('snapshots', () => {
      it('takes, finds, lists and deletes a snapshot of a running domain (or answers NO_SUPPORT without the role)', async () => {
        if (!hasSnapshotRole(a.live())) {
          const d = await a.defineDomain(target.domainXml(name('nosnap')));
          await expectVirtError(DomainSnapshot.listAll(d), ErrorCode.NO_SUPPORT);
          return;
        }
        const d = await defineAndStart(a, 'snap');
        const snap = await DomainSnapshot.create(d, '<domainsnapshot><name>conf-snap</name><description>conformance</description></domainsnapshot>');
        expect((await DomainSnapshot.lookupByName(d, 'conf-snap')).name).to.equal('conf-snap');
        expect((await DomainSnapshot.listAll(d)).map((x) => x.name)).to.include('conf-snap');
        expect((await DomainSnapshot.current(d)).name).to.equal('conf-snap');
        const def = parseSnapshotXml(await snap.getXmlDesc());
        expect([def.name, def.description, def.state]).to.deep.equal(['conf-snap', 'conformance', 'running']);
        await expectVirtError(DomainSnapshot.create(d, '<domainsnapshot/>', 1 << 30), ErrorCode.INVALID_ARG);
        await snap.delete();
        await expectVirtError(DomainSnapshot.lookupByName(d, 'conf-snap'), ErrorCode.NO_DOMAIN_SNAPSHOT);
        await d.destroy();
      });
    });

    describe('migration limits', () => {
      it('keeps the max downtime and speed of a running domain; refuses bad values, unknown flags and inactive domains', async () => {
        const d = await defineAndStart(a, 'limits');
        if (!hasMigrationTuningRole(a.live())) {
          await expectVirtError(d.migrateGetMaxSpeed(), ErrorCode.NO_SUPPORT);
          await d.destroy();
          return;
        }
        await d.migrateSetMaxDowntime(123);
        expect(await d.migrateGetMaxDowntime()).to.equal(123);
        await d.migrateSetMaxSpeed(42);
        expect(await d.migrateGetMaxSpeed()).to.equal(42);
        await expectVirtError(d.migrateSetMaxDowntime(0), ErrorCode.INVALID_ARG);
        await expectVirtError(d.migrateSetMaxDowntime(100, 1 << 30), ErrorCode.INVALID_ARG);
        expect(await d.migrateGetMaxDowntime()).to.equal(123);
        await d.destroy();
        await expectVirtError(d.migrateSetMaxDowntime(100), ErrorCode.OPERATION_INVALID);
      });
    });

    for (const version of migration) {
      describe(`migration v${version}`, () => {
        const only = (c: Connection, failOnce?: string) => wrapConnection(c, { migrationVersions: [version], failOnce });

        it(`moves a running guest from A to B with protocol v${version}`, async () => {
          const d = await defineAndStart(a, `mig${version}`);
          const progress: number[] = [];
          const res = await only(a).lookupDomainByName(d.name).then((src) => src.migrate(only(b), { flags: MigrateFlags.LIVE, onProgress: (j) => progress.push(j.dataProcessed) }));
          expect(res.version).to.equal(version);
          expect(res.domain.name).to.equal(d.name);
          expect(res.domain.uuid).to.equal(d.uuid);
          await waitFor('the guest to run on B', settle, async () => (await res.domain.getState()).state === DomainState.RUNNING);
          expect(await isActive(a, d.name)).to.equal(false);
          expect(await isActive(b, d.name)).to.equal(true);
        });

        it('refuses unknown migration flags and leaves the guest alone', async () => {
          const d = await defineAndStart(a, `migflags${version}`);
          await expectVirtError(only(a).lookupDomainByName(d.name).then((s) => s.migrate(only(b), { flags: 1 << 29 })), ErrorCode.INVALID_ARG);
          expect(await isActive(a, d.name)).to.equal(true);
          expect(await isActive(b, d.name)).to.equal(false);
        });

        for (const phase of MIGRATION_PHASES[version]) {
          it(`leaves the guest running on exactly one host when ${phase} fails`, async () => {
            const d = await defineAndStart(a, `fail${version}`);
            const srcSide = ['migrateBegin3', 'migratePerform', 'migratePerform3', 'migrateConfirm3'].includes(phase);
            const src = only(a, srcSide ? phase : undefined);
            const dst = only(b, srcSide ? undefined : phase);
            let failed = false;
            try {
              await (await src.lookupDomainByName(d.name)).migrate(dst, { flags: MigrateFlags.LIVE });
            } catch (e) {
              failed = true;
              expect(isVirtError(e), String(e)).to.equal(true);
            }
            await new Promise((r) => setTimeout(r, 50));
            const onA = await isActive(a, d.name);
            const onB = await isActive(b, d.name);
            expect([onA, onB].filter(Boolean), `active on A: ${onA}, on B: ${onB}`).to.have.length(1);
            // Before the point of no return, the guest is back running on the source.
            const committed = phase === 'migrateFinish' || phase === 'migrateFinish2' || phase === 'migrateConfirm3';
            if (!committed) {
              expect(failed).to.equal(true);
              expect(onA).to.equal(true);
              await waitFor('the source guest to run', settle, async () => (await (await a.lookupDomainByName(d.name)).getState()).state === DomainState.RUNNING);
            }
          });
        }
      });
    }

    if (migration.length > 0) {
      it('refuses migration with NO_SUPPORT when the versions do not meet', async () => {
        const d = await defineAndStart(a, 'nomatch');
        const vs = migration;
        const src = wrapConnection(a, { migrationVersions: [vs[0]] });
        const dst = wrapConnection(b, { migrationVersions: [] });
        await expectVirtError((await src.lookupDomainByName(d.name)).migrate(dst, {}), ErrorCode.NO_SUPPORT);
        expect(await isActive(a, d.name)).to.equal(true);
      });
    }
  });
}
