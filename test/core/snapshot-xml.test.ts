import { expect } from 'chai';
import { ErrorCode, MomentList, errorReporter, ErrorDomain, formatCheckpointXml, formatSnapshotXml, parseCheckpointXml, isExternalSnapshot, isVirtError, listSnapshotNames, parseSnapshotXml, SnapshotListFlags, type DomainSnapshotDef } from '@virtkit/core';

/** What `virsh -c test:///default snapshot-dumpxml test s1` prints for a snapshot of the running default domain. */
const TEST_DRIVER_SNAPSHOT = `<domainsnapshot>
  <name>s1</name>
  <description>first one</description>
  <state>running</state>
  <parent>
    <name>s0</name>
  </parent>
  <creationTime>1796190912</creationTime>
  <memory snapshot='internal'/>
  <disks>
    <disk name='vda' snapshot='internal'/>
  </disks>
  <domain type='test'>
    <name>test</name>
    <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
    <memory unit='KiB'>8388608</memory>
    <currentMemory unit='KiB'>2097152</currentMemory>
    <vcpu placement='static'>2</vcpu>
    <os>
      <type arch='i686'>hvm</type>
      <boot dev='hd'/>
    </os>
    <clock offset='utc'/>
    <on_poweroff>destroy</on_poweroff>
    <on_reboot>restart</on_reboot>
    <on_crash>destroy</on_crash>
    <devices>
      <disk type='file' device='disk'>
        <source file='/guest/diskimage1'/>
        <target dev='vda' bus='virtio'/>
        <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
      </disk>
    </devices>
  </domain>
</domainsnapshot>
`;

/** An external snapshot as libvirt's QEMU driver writes one, with a cookie the model does not know. */
const EXTERNAL_SNAPSHOT = `<domainsnapshot>
  <name>ext</name>
  <state>disk-snapshot</state>
  <creationTime>1700000000</creationTime>
  <memory snapshot='no'/>
  <disks>
    <disk name='vda' snapshot='external' type='file'>
      <driver type='qcow2'/>
      <source file='/var/lib/libvirt/images/a.ext'/>
    </disk>
    <disk name='hdc' snapshot='no'/>
  </disks>
  <domain>
    <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
  </domain>
  <cookie>
    <cpu mode='custom'/>
  </cookie>
</domainsnapshot>
`;

describe('core: domain snapshot XML', () => {
  it('formats what it parsed byte for byte: the test driver\'s document and an external one with unknown content', () => {
    for (const xml of [TEST_DRIVER_SNAPSHOT, EXTERNAL_SNAPSHOT]) expect(formatSnapshotXml(parseSnapshotXml(xml))).to.equal(xml);
  });

  it('reads the fields into the model', () => {
    const def = parseSnapshotXml(TEST_DRIVER_SNAPSHOT);
    expect([def.name, def.description, def.state, def.parent, def.creationTime, def.memory?.snapshot, def.disks?.map((d) => d.name), def.domain?.name])
      .to.deep.equal(['s1', 'first one', 'running', 's0', 1796190912, 'internal', ['vda'], 'test']);
    expect(isExternalSnapshot(def)).to.equal(false);
    const ext = parseSnapshotXml(EXTERNAL_SNAPSHOT);
    expect([ext.domain, ext.domainUuid, isExternalSnapshot(ext)]).to.deep.equal([undefined, '6695eb01-f6a4-8304-79aa-97f2502e193f', true]);
  });

  it('refuses a document that is not a snapshot, an unknown state or location, a disk without a name', () => {
    for (const bad of ['<domain/>', '<domainsnapshot><state>flying</state></domainsnapshot>', "<domainsnapshot><memory snapshot='maybe'/></domainsnapshot>",
      '<domainsnapshot><disks><disk/></disks></domainsnapshot>', '<domainsnapshot><name>a/b</name></domainsnapshot>']) {
      try {
        parseSnapshotXml(bad);
        expect.fail(`accepted ${bad}`);
      } catch (e) {
        expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
      }
    }
  });
});

describe('core: the moment tree and libvirt\'s snapshot list filters', () => {
  const fail = errorReporter(ErrorDomain.TEST);
  /** a ─┬─ b ── d      c is newer than b, so libvirt lists it first among a's children. */
  function tree(): MomentList<DomainSnapshotDef> {
    const l = new MomentList<DomainSnapshotDef>(fail, ErrorCode.NO_DOMAIN_SNAPSHOT, 'snapshot');
    l.add({ name: 'a', state: 'shutoff' });
    l.add({ name: 'b', parent: 'a', state: 'running' });
    l.add({ name: 'c', parent: 'a', state: 'running', memory: { snapshot: 'external', file: '/m' } });
    l.add({ name: 'd', parent: 'b', state: 'disk-snapshot' });
    return l;
  }
  const L = SnapshotListFlags;

  it('walks parents first, children newest first; filters by leaves, state, location and metadata', () => {
    const l = tree();
    expect(listSnapshotNames(l, undefined, L.TOPOLOGICAL)).to.deep.equal(['a', 'c', 'b', 'd']);
    expect(listSnapshotNames(l, undefined, L.ROOTS)).to.deep.equal(['a']);
    expect(listSnapshotNames(l, 'a', 0)).to.deep.equal(['c', 'b']);
    expect(listSnapshotNames(l, 'a', L.DESCENDANTS)).to.deep.equal(['c', 'b', 'd']);
    expect(listSnapshotNames(l, undefined, L.LEAVES).sort()).to.deep.equal(['c', 'd']);
    expect(listSnapshotNames(l, undefined, L.NO_LEAVES).sort()).to.deep.equal(['a', 'b']);
    expect(listSnapshotNames(l, undefined, L.LEAVES | L.NO_LEAVES)).to.have.length(4);
    expect(listSnapshotNames(l, undefined, L.INACTIVE)).to.deep.equal(['a']);
    expect(listSnapshotNames(l, undefined, L.DISK_ONLY)).to.deep.equal(['d']);
    expect(listSnapshotNames(l, undefined, L.ACTIVE).sort()).to.deep.equal(['b', 'c']);
    expect(listSnapshotNames(l, undefined, L.EXTERNAL)).to.deep.equal(['c']);
    expect(listSnapshotNames(l, undefined, L.INTERNAL).sort()).to.deep.equal(['a', 'b', 'd']);
    expect(listSnapshotNames(l, undefined, L.NO_METADATA)).to.deep.equal([]);
    expect(listSnapshotNames(l, undefined, L.METADATA | L.NO_METADATA)).to.have.length(4);
  });

  it('removing a moment moves its children to its parent, ahead of the parent\'s own, and the current one up', () => {
    const l = tree();
    l.current = 'b';
    l.remove('b');
    expect(l.children('a').map((n) => n.def.name)).to.deep.equal(['d', 'c']);
    expect([l.find('d')?.def.parent, l.current]).to.deep.equal(['a', 'a']);
    expect(l.removeDescendants('a')).to.equal(false);
    expect(l.size).to.equal(1);
    expect(() => l.get('d')).to.throw("no domain snapshot with matching name 'd'");
  });
});

describe('core: domain checkpoint XML', () => {
  const CHECKPOINT = `<domaincheckpoint>
  <name>c2</name>
  <description>nightly</description>
  <parent>
    <name>c1</name>
  </parent>
  <creationTime>1796193538</creationTime>
  <disks>
    <disk name='vda' checkpoint='bitmap' bitmap='c2' size='1024'/>
    <disk name='vdb' checkpoint='no'/>
  </disks>
  <domain type='test'>
    <name>test</name>
    <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
    <memory unit='KiB'>8388608</memory>
    <currentMemory unit='KiB'>2097152</currentMemory>
    <vcpu placement='static'>2</vcpu>
    <os>
      <type arch='i686'>hvm</type>
    </os>
    <devices>
      <disk type='file' device='disk'>
        <source file='/guest/diskimage1'/>
        <target dev='vda' bus='virtio'/>
      </disk>
    </devices>
  </domain>
</domaincheckpoint>
`;

  it('formats what it parsed byte for byte, and leaves the domain out with noDomain', () => {
    const def = parseCheckpointXml(CHECKPOINT);
    expect(formatCheckpointXml(def)).to.equal(CHECKPOINT);
    expect([def.parent, def.disks?.map((d) => [d.name, d.checkpoint, d.bitmap ?? null, d.size ?? null])]).to.deep.equal(['c1', [['vda', 'bitmap', 'c2', 1024], ['vdb', 'no', null, null]]]);
    expect(formatCheckpointXml(def, { noDomain: true })).to.not.include('<domain ');
  });
});
