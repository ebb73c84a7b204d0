import { expect } from 'chai';
import { DomainState, DrvFeature, ErrorCode, MigrateFlags, Virt, checkMigrateParams } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { expectCode } from './support/expect-code.js';

/** In-process peer-to-peer: this process is the source host and opens the destination URI with its own Virt. */
describe('peer-to-peer migration run by core (test driver, one process)', () => {
  let virt: Virt;
  let host = 0;
  const hosts = (query = '') => {
    host++;
    return { src: `test:///p2p-a-${host}?migration-ms=100${query}`, dst: `test:///p2p-b-${host}?empty=1&migration-ms=100${query}` };
  };
  before(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false }); });
  after(() => virt.dispose());

  it('advertises VIR_DRV_FEATURE_MIGRATION_P2P for a local driver with a managed protocol', async () => {
    const a = await virt.connect(hosts().src);
    expect(await a.supportsFeature(DrvFeature.MIGRATION_P2P)).to.equal(true);
    const v1 = await virt.connect(hosts('&migration=v1').src);
    expect(await v1.supportsFeature(DrvFeature.MIGRATION_P2P)).to.equal(false);
  });

  for (const [version, query] of [[3, ''], [2, '&migration=v2']] as const) {
    it(`negotiates v${version} with the destination it opened and leaves the guest on exactly one host`, async () => {
      const h = hosts(query);
      const a = await virt.connect(h.src);
      const dom = await a.lookupDomainByName('test');
      const res = await dom.migrateToUri(h.dst, { flags: MigrateFlags.PEER2PEER | MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE });
      expect(res?.version).to.equal(version);
      const b = await virt.connect(h.dst);
      expect((await (await b.lookupDomainByName('test')).getState()).state).to.equal(DomainState.RUNNING);
      await expectCode(a.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    });
  }

  it('refuses a destination that speaks only v1: peer-to-peer is v3 or v2', async () => {
    const h = hosts();
    const dom = await (await virt.connect(h.src)).lookupDomainByName('test');
    const e = await expectCode(dom.migrateToUri(`${h.dst}&migration=v1`, { flags: MigrateFlags.PEER2PEER | MigrateFlags.LIVE }), ErrorCode.OPERATION_FAILED);
    expect(e.message).to.contain('Destination libvirt does not support peer-to-peer migration protocol');
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('rolls back when the destination refuses Prepare: the guest runs on at the source', async () => {
    const h = hosts();
    const a = await virt.connect(h.src);
    const dom = await a.lookupDomainByName('test');
    // The destination already has a running 'test' (no empty=1): Prepare3 refuses the name.
    await expectCode(dom.migrateToUri(h.dst.replace('empty=1&', ''), { flags: MigrateFlags.PEER2PEER | MigrateFlags.LIVE }), ErrorCode.OPERATION_INVALID);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('refuses what it does not carry: unknown or mistyped parameters, tunnelled, direct migration', async () => {
    const h = hosts();
    const dom = await (await virt.connect(h.src)).lookupDomainByName('test');
    expect(() => checkMigrateParams({ persistent_xml: '<domain/>' })).to.throw("migration parameter 'persistent_xml' other than 'destination_xml' is not supported");
    expect(checkMigrateParams({ persistent_xml: '<domain/>', destination_xml: '<domain/>' })).to.deep.equal({ persistent_xml: '<domain/>', destination_xml: '<domain/>' });
    expect(() => checkMigrateParams({ bandwidth: '5' })).to.throw("migration parameter 'bandwidth' must be a number");
    await expectCode(dom.migrateToUri(h.dst, { flags: MigrateFlags.PEER2PEER | MigrateFlags.TUNNELLED }), ErrorCode.ARGUMENT_UNSUPPORTED);
    await expectCode(dom.migrateToUri(h.dst, { flags: MigrateFlags.LIVE }), ErrorCode.ARGUMENT_UNSUPPORTED);
    await expectCode(dom.migrateToUri(h.dst, { flags: MigrateFlags.PEER2PEER, params: { migrate_disks: 'vda' } as never }), ErrorCode.ARGUMENT_UNSUPPORTED);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
  });
});

describe('a prepared incoming migration that never receives data (test driver)', () => {
  let virt: Virt;
  before(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false }); });
  after(() => virt.dispose());

  it('expires after incoming-timeout-ms: the incoming guest ends, the Prepare is forgotten, a migration then succeeds', async () => {
    const a = await virt.connect('test:///expire-a?migration-ms=50');
    const b = await virt.connect('test:///expire-b?empty=1&migration-ms=50&incoming-timeout-ms=200');
    const dom = await a.lookupDomainByName('test');
    await abandonMigrationV3(a, b, dom, 'prepare');
    expect((await (await b.lookupDomainByName('test')).getState()).state).to.equal(DomainState.PAUSED);
    await new Promise((r) => setTimeout(r, 400));
    await expectCode(b.lookupDomainByName('test'), ErrorCode.NO_DOMAIN);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('does not expire once the source connected: a transfer longer than the timeout completes', async () => {
    const a = await virt.connect('test:///expire-c?migration-ms=500');
    const b = await virt.connect('test:///expire-d?empty=1&migration-ms=500&incoming-timeout-ms=100');
    const res = await (await a.lookupDomainByName('test')).migrate(b, { flags: MigrateFlags.LIVE });
    expect((await res.domain.getState()).state).to.equal(DomainState.RUNNING);
  });

  it('refuses a malformed incoming-timeout-ms', async () => {
    await expectCode(virt.connect('test:///expire-e?incoming-timeout-ms=0'), ErrorCode.INVALID_ARG);
  });
});
