import { expect } from 'chai';
import { DomainState, ErrorCode, MigrateFlags, Virt, isVirtError, silentLogger, type Connection } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { xenPlugin, type XenConnection } from '@virtkit/driver-xen';
import { pvXml, rejects, useXenHosts, type XenHosts } from './xen-hosts.js';

async function stateOn(conn: Connection, name: string): Promise<DomainState | 'absent'> {
  try {
    return (await (await conn.lookupDomainByName(name)).getState()).state;
  } catch (e) {
    if (isVirtError(e, ErrorCode.NO_DOMAIN)) return 'absent';
    throw e;
  }
}

describe('driver-xen: migration v1 between two xend emulators', () => {
  let hosts: XenHosts, a: Connection, b: Connection;
  const env = useXenHosts();
  beforeEach(() => { ({ hosts, a, b } = env); });

  it('moves a running guest with protocol v1 through the orchestrator', async () => {
    const dom = await a.createDomain(pvXml('mover', { uuid: '0badc0de-0000-4000-8000-000000000001', memoryMib: 384 }));
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE });
    expect(res.version).to.equal(1);
    expect(res.domain.name).to.equal('mover');
    expect(res.domain.uuid).to.equal(dom.uuid);
    expect(res.domain.id).to.be.greaterThan(0);
    expect(await stateOn(b, 'mover')).to.equal(DomainState.RUNNING);
    expect(await stateOn(a, 'mover')).to.equal('absent');
    expect((await res.domain.getInfo()).maxMem).to.equal(384 * 1024);
    // The configuration travelled inside xend's stream: the destination describes the same guest.
    const xml = await res.domain.getXmlDesc();
    expect(xml).to.contain('/boot/vmlinuz-xen').and.contain("<source file='/var/lib/xen/images/mover.img'/>");
    // Without PERSIST_DEST the guest is not defined on B: destroying it forgets it.
    await res.domain.destroy();
    expect(await stateOn(b, 'mover')).to.equal('absent');
  });

  it('defines the guest on the destination with PERSIST_DEST and removes the source definition with UNDEFINE_SOURCE', async () => {
    const dom = await a.defineDomain(pvXml('keeper'));
    await dom.start();
    const res = await dom.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE });
    expect(res.version).to.equal(1);
    expect(await stateOn(a, 'keeper')).to.equal('absent');
    await res.domain.destroy();
    expect(await stateOn(b, 'keeper')).to.equal(DomainState.SHUTOFF);
    expect(await b.listDefinedDomainNames()).to.deep.equal(['keeper']);
  });

  it('leaves a managed source defined but shut off after a plain migration', async () => {
    const dom = await a.defineDomain(pvXml('homed'));
    await dom.start();
    await dom.migrate(b, {});
    expect(await stateOn(a, 'homed')).to.equal(DomainState.SHUTOFF);
    expect(await stateOn(b, 'homed')).to.equal(DomainState.RUNNING);
  });

  it('refuses rename, bandwidth and paused guests, and the guest stays put', async () => {
    const dom = await a.createDomain(pvXml('stay'));
    await rejects(dom.migrate(b, { dname: 'renamed' }), ErrorCode.ARGUMENT_UNSUPPORTED, /renaming/);
    await rejects(dom.migrate(b, { bandwidth: 10 }), ErrorCode.ARGUMENT_UNSUPPORTED, /bandwidth/);
    for (const bandwidth of [-1, 1.5]) {
      await rejects((a.driverConnection as XenConnection).migratePerform(dom.driverRef, { uri: `xenmigr://127.0.0.1:${hosts.b.relocationPort}`, flags: MigrateFlags.LIVE, bandwidth }),
        ErrorCode.INVALID_ARG, /bandwidth must be a non-negative integer/);
    }
    await rejects(dom.migrate(b, { flags: MigrateFlags.COMPRESSED }), ErrorCode.INVALID_ARG, /unsupported flags/);
    await dom.suspend();
    await rejects(dom.migrate(b, {}), ErrorCode.ARGUMENT_UNSUPPORTED, /paused/);
    expect(await stateOn(a, 'stay')).to.equal(DomainState.PAUSED);
    expect(await stateOn(b, 'stay')).to.equal('absent');
  });

  it("reports the destination xend's refusal and keeps the guest running on the source", async () => {
    await b.createDomain(pvXml('twin', { uuid: '0badc0de-0000-4000-8000-0000000000aa' }));
    const dom = await a.createDomain(pvXml('twin', { uuid: '0badc0de-0000-4000-8000-0000000000bb' }));
    const e = await rejects(dom.migrate(b, {}), ErrorCode.OPERATION_FAILED, /already exists.*\(from 127\.0\.0\.1\)/);
    expect(e.message).to.contain('xend: migrate');
    expect(await stateOn(a, 'twin')).to.equal(DomainState.RUNNING);
    expect((await b.lookupDomainByName('twin')).uuid).to.equal('0badc0de-0000-4000-8000-0000000000aa');
  });

  it('fails cleanly when nothing listens on the relocation port', async () => {
    const dom = await a.createDomain(pvXml('lonely'));
    const dead = await hosts.virt.connect(`xen:///system?xend=${hosts.b.httpUrl}&relocation_port=1`);
    await rejects(dom.migrate(dead, {}), ErrorCode.OPERATION_FAILED, /can't connect: Connection refused/);
    expect(await stateOn(a, 'lonely')).to.equal(DomainState.RUNNING);
  });

  it('migrates directly with Perform alone and a xenmigr:// URI (MIGRATION_DIRECT)', async () => {
    const dom = await a.createDomain(pvXml('direct'));
    const src = a.driverConnection as XenConnection;
    await rejects(src.migratePerform(dom.driverRef, { uri: 'tcp://127.0.0.1:1', flags: 0, bandwidth: 0 }), ErrorCode.INVALID_ARG, /only xenmigr/);
    await src.migratePerform(dom.driverRef, { uri: `xenmigr://127.0.0.1:${hosts.b.relocationPort}/`, flags: MigrateFlags.LIVE, bandwidth: 0 });
    expect(await stateOn(b, 'direct')).to.equal(DomainState.RUNNING);
    expect(await stateOn(a, 'direct')).to.equal('absent');
  });

  it('refuses a destination without v1 with NO_SUPPORT naming both sides', async () => {
    const virt = await Virt.create({ plugins: [xenPlugin, testDriverPlugin], envPlugins: false, logger: silentLogger });
    try {
      const xenConn = await virt.connect(hosts.uriA);
      const kvmLike = await virt.connect('test:///b?migration=v2,v3&empty=1');
      const dom = await xenConn.createDomain(pvXml('nowhere'));
      const e = await rejects(dom.migrate(kvmLike, {}), ErrorCode.NO_SUPPORT);
      expect(e.message).to.match(/source 'xen:\/\/\/system\?[^']*' supports v1/).and.match(/destination 'test:\/\/\/b[^']*' supports v2,v3/);
      expect(await stateOn(xenConn, 'nowhere')).to.equal(DomainState.RUNNING);
    } finally {
      await virt.dispose();
    }
  });
});
