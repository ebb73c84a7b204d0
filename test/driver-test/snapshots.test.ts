import { expect } from 'chai';
import {
  CheckpointDeleteFlags, CheckpointListFlags, CheckpointXmlFlags, DomainCheckpoint, DomainEventType, DomainSnapshot, DomainXmlFlags, DomainState, ErrorCode, SnapshotCreateFlags, SnapshotDeleteFlags, SnapshotListFlags, SnapshotRevertFlags, StartedDetail,
  StoppedDetail, Virt, silentLogger, type LifecycleEvent,
} from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

const names = (snaps: DomainSnapshot[]) => snaps.map((s) => s.name);

describe('driver-test domain snapshots (as libvirt\'s test driver)', () => {
  let virt: Virt;
  beforeEach(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  afterEach(() => virt.dispose());

  it('a snapshot records definition and state; revert restores both and it becomes current again', async () => {
    const conn = await virt.connect('test:///snap-revert');
    const dom = await conn.lookupDomainByName('test');
    const s1 = await DomainSnapshot.create(dom, '<domainsnapshot><name>s1</name><description>before</description></domainsnapshot>');
    expect(await s1.isCurrent()).to.equal(true);
    const xml = await s1.getXmlDesc();
    expect(xml).to.include('<state>running</state>').and.include("<memory snapshot='internal'/>").and.include("<disk name='vda' snapshot='internal'/>").and.include('<name>test</name>');
    await dom.destroy();
    const redefined = (await dom.getXmlDesc()).replace('<vcpu placement=\'static\'>2</vcpu>', "<vcpu placement='static'>1</vcpu>");
    await conn.defineDomain(redefined);
    const off = await DomainSnapshot.create(dom, '<domainsnapshot><name>off</name></domainsnapshot>');
    expect((await off.getParent()).name).to.equal('s1');
    expect(await off.getXmlDesc()).to.include('<state>shutoff</state>').and.include("<memory snapshot='no'/>");

    await new Promise((r) => setImmediate(r));
    const events: LifecycleEvent[] = [];
    conn.onLifecycle((e) => events.push(e));
    await s1.revert();
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    expect(await dom.getXmlDesc()).to.include("<vcpu placement='static'>2</vcpu>");
    expect((await DomainSnapshot.current(dom)).name).to.equal('s1');
    await off.revert();
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
    await new Promise((r) => setImmediate(r));
    expect(events.map((e) => [e.event, e.detail])).to.deep.equal([[DomainEventType.STARTED, StartedDetail.FROM_SNAPSHOT], [DomainEventType.STOPPED, StoppedDetail.FROM_SNAPSHOT]]);
    await s1.revert(SnapshotRevertFlags.PAUSED);
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
  });

  it('lists roots, children, descendants and leaves; deleting moves children up, CHILDREN and CHILDREN_ONLY take the subtree', async () => {
    const conn = await virt.connect('test:///snap-tree');
    const dom = await conn.lookupDomainByName('test');
    const make = (name: string) => DomainSnapshot.create(dom, `<domainsnapshot><name>${name}</name></domainsnapshot>`);
    const a = await make('a');
    await make('b');
    await make('c');
    await a.revert();
    await make('d');
    expect(names(await DomainSnapshot.listAll(dom, SnapshotListFlags.ROOTS))).to.deep.equal(['a']);
    expect(names(await DomainSnapshot.listAll(dom, SnapshotListFlags.TOPOLOGICAL))).to.deep.equal(['a', 'd', 'b', 'c']);
    expect(names(await a.listAllChildren())).to.deep.equal(['d', 'b']);
    expect(names(await a.listAllChildren(SnapshotListFlags.DESCENDANTS))).to.deep.equal(['d', 'b', 'c']);
    expect(names(await DomainSnapshot.listAll(dom, SnapshotListFlags.LEAVES)).sort()).to.deep.equal(['c', 'd']);
    const b = await DomainSnapshot.lookupByName(dom, 'b');
    await b.delete();
    expect((await (await DomainSnapshot.lookupByName(dom, 'c')).getParent()).name).to.equal('a');
    await a.delete(SnapshotDeleteFlags.CHILDREN_ONLY);
    expect(names(await DomainSnapshot.listAll(dom))).to.deep.equal(['a']);
    expect((await DomainSnapshot.current(dom)).name).to.equal('a');
    await a.delete(SnapshotDeleteFlags.CHILDREN);
    expect(await DomainSnapshot.hasCurrent(dom)).to.equal(false);
    const e = await expectCode(DomainSnapshot.current(dom), ErrorCode.NO_DOMAIN_SNAPSHOT);
    expect(e.message).to.equal('Domain snapshot not found: the domain does not have a current snapshot');
  });

  it('REDEFINE records a snapshot as written, CURRENT makes it current; bad parents and foreign UUIDs are refused', async () => {
    const conn = await virt.connect('test:///snap-redefine');
    const dom = await conn.lookupDomainByName('test');
    await DomainSnapshot.create(dom, '<domainsnapshot><name>live</name></domainsnapshot>');
    const domainXml = (await dom.getXmlDesc(DomainXmlFlags.INACTIVE)).replace(/^/gm, '  ').trimEnd();
    const old = `<domainsnapshot>\n  <name>old</name>\n  <state>shutoff</state>\n  <creationTime>1000</creationTime>\n${domainXml}\n</domainsnapshot>\n`;
    const snap = await DomainSnapshot.create(dom, old, SnapshotCreateFlags.REDEFINE);
    expect(await snap.isCurrent()).to.equal(false);
    expect(await snap.getXmlDesc()).to.equal(old);
    await DomainSnapshot.create(dom, old, SnapshotCreateFlags.REDEFINE | SnapshotCreateFlags.CURRENT);
    expect((await DomainSnapshot.current(dom)).name).to.equal('old');
    const uuidOnly = "<domainsnapshot><name>bare</name><state>shutoff</state><creationTime>1</creationTime><domain><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid></domain></domainsnapshot>";
    const bare = await expectCode(DomainSnapshot.create(dom, uuidOnly, SnapshotCreateFlags.REDEFINE), ErrorCode.INTERNAL_ERROR);
    expect(bare.message).to.equal('internal error: missing domain in snapshot');
    await expectCode(DomainSnapshot.create(dom, old.replace('</name>\n', '</name><parent><name>nope</name></parent>'), SnapshotCreateFlags.REDEFINE), ErrorCode.INVALID_ARG);
    await expectCode(DomainSnapshot.create(dom, old.replace('6695eb01', '1695eb01'), SnapshotCreateFlags.REDEFINE), ErrorCode.INVALID_ARG);
    await expectCode(DomainSnapshot.create(dom, '<domainsnapshot/>', SnapshotCreateFlags.CURRENT), ErrorCode.INVALID_ARG);
  });

  it('refuses what libvirt\'s test driver refuses: NO_METADATA, DISK_ONLY, METADATA_ONLY deletes, a taken name', async () => {
    const conn = await virt.connect('test:///snap-refuse');
    const dom = await conn.lookupDomainByName('test');
    const s = await DomainSnapshot.create(dom, '<domainsnapshot><name>s</name></domainsnapshot>');
    const e = await expectCode(DomainSnapshot.create(dom, '<domainsnapshot/>', SnapshotCreateFlags.NO_METADATA), ErrorCode.INVALID_ARG);
    expect(e.message).to.equal('unsupported flags (0x4) in function testDomainSnapshotCreateXML');
    await expectCode(DomainSnapshot.create(dom, '<domainsnapshot/>', SnapshotCreateFlags.DISK_ONLY), ErrorCode.INVALID_ARG);
    await expectCode(s.delete(SnapshotDeleteFlags.METADATA_ONLY), ErrorCode.INVALID_ARG);
    const dup = await expectCode(DomainSnapshot.create(dom, '<domainsnapshot><name>s</name></domainsnapshot>'), ErrorCode.OPERATION_FAILED);
    expect(dup.message).to.equal('operation failed: domain moment s already exists');
    expect(names(await DomainSnapshot.listAll(dom))).to.deep.equal(['s']);
    const ro = await virt.connect('test:///snap-refuse', { readonly: true });
    await expectCode(DomainSnapshot.create(await ro.lookupDomainByName('test'), '<domainsnapshot/>'), ErrorCode.OPERATION_DENIED);
  });
});

describe('driver-test domain checkpoints (as libvirt\'s test driver)', () => {
  let virt: Virt;
  beforeEach(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  afterEach(() => virt.dispose());

  it('a running domain without snapshots takes checkpoints in a tree; snapshots and checkpoints exclude each other', async () => {
    const conn = await virt.connect('test:///checkpoints');
    const dom = await conn.lookupDomainByName('test');
    const c1 = await DomainCheckpoint.create(dom, '<domaincheckpoint><name>c1</name></domaincheckpoint>');
    const c2 = await DomainCheckpoint.create(dom, '<domaincheckpoint><name>c2</name></domaincheckpoint>');
    expect((await c2.getParent()).name).to.equal('c1');
    expect(await c1.getXmlDesc(CheckpointXmlFlags.NO_DOMAIN)).to.include("<disk name='vda' checkpoint='bitmap' bitmap='c1'/>").and.not.include('<domain ');
    expect((await DomainCheckpoint.listAll(dom, CheckpointListFlags.LEAVES)).map((c) => c.name)).to.deep.equal(['c2']);
    const e = await expectCode(DomainSnapshot.create(dom, '<domainsnapshot/>'), ErrorCode.OPERATION_UNSUPPORTED);
    expect(e.message).to.equal('Operation not supported: cannot create snapshot while checkpoint exists');
    await c1.delete(CheckpointDeleteFlags.CHILDREN);
    expect(await DomainCheckpoint.listAll(dom)).to.deep.equal([]);
    await DomainSnapshot.create(dom, '<domainsnapshot/>');
    await expectCode(DomainCheckpoint.create(dom, '<domaincheckpoint/>'), ErrorCode.OPERATION_UNSUPPORTED);
    const off = await virt.connect('test:///checkpoints-off');
    const stopped = await off.lookupDomainByName('test');
    await stopped.destroy();
    const inactive = await expectCode(DomainCheckpoint.create(stopped, '<domaincheckpoint/>'), ErrorCode.OPERATION_UNSUPPORTED);
    expect(inactive.message).to.equal('Operation not supported: cannot create checkpoint for inactive domain');
  });
});
