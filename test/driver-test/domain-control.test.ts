import { expect } from 'chai';
import {
  DomainEventId, DomainEventType, DomainState, DomainStatsTypes, ErrorCode, ErrorDomain, GetAllDomainStatsFlags, ListDomainsFlags, MemoryModFlags,
  MetadataType, ShutoffReason, StoppedDetail, UndefineFlags, VcpuFlags, Virt, parseDomainXml, type Connection, type LifecycleEvent, type PublicDomainEvent,
} from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

const XML = (name: string, extra = '') => `<domain type='test'><name>${name}</name><memory>65536</memory><vcpu>2</vcpu><os><type>hvm</type></os>${extra}</domain>`;
const settle = () => new Promise((r) => setImmediate(r));

describe('test driver domain control, as libvirt\'s test driver answers', () => {
  let virt: Virt;
  let conn: Connection;

  beforeEach(async () => {
    virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false });
    conn = await virt.connect('test:///vkdo?empty=1');
  });
  afterEach(() => virt.dispose());

  it('reboot follows <on_reboot>: restart keeps the domain running, destroy and preserve stop it as a shutdown', async () => {
    const lifecycle: LifecycleEvent[] = [];
    conn.onLifecycle((e) => lifecycle.push(e));
    const keep = await conn.createDomain(XML('vkdo-restart'));
    const gone = await conn.createDomain(XML('vkdo-destroy', '<on_reboot>destroy</on_reboot>'));
    const kept = await conn.defineDomain(XML('vkdo-preserve', '<on_reboot>preserve</on_reboot>'));
    await kept.start();
    await settle();
    lifecycle.length = 0;
    await keep.reboot();
    expect(await keep.getState()).to.deep.equal({ state: DomainState.RUNNING, reason: 1 });
    await gone.reboot();
    await expectCode(conn.lookupDomainByName('vkdo-destroy'), ErrorCode.NO_DOMAIN);
    await kept.reboot();
    expect(await kept.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.SHUTDOWN });
    await settle();
    expect(lifecycle.map((e) => [e.domain.name, e.event, e.detail])).to.deep.equal([
      ['vkdo-destroy', DomainEventType.STOPPED, StoppedDetail.SHUTDOWN], ['vkdo-preserve', DomainEventType.STOPPED, StoppedDetail.SHUTDOWN],
    ]);
    const e = await expectCode(kept.reboot(), ErrorCode.OPERATION_INVALID);
    expect(e).to.deep.include({ domain: ErrorDomain.DOMAIN, message: 'Requested operation is not valid: domain is not running' });
    expect((await expectCode(keep.reboot(1 << 6), ErrorCode.INVALID_ARG)).message).to.equal('unsupported flags (0x40) in function testDomainReboot');
  });

  it('memory and vCPUs: live and persistent changes, libvirt\'s limits and words', async () => {
    const d = await conn.defineDomain(XML('vkdo-res'));
    await d.start();
    await d.setMemoryFlags(32768);
    expect((await d.getInfo()).memory).to.equal(32768);
    expect(parseDomainXml(await d.getXmlDesc(1 << 1)).currentMemory?.kib ?? 65536).to.equal(65536);
    expect((await expectCode(d.setMemoryFlags(1 << 20), ErrorCode.INVALID_ARG)).message).to.equal('invalid argument: cannot set memory higher than max memory');
    expect((await expectCode(d.setMaxMemory(1024), ErrorCode.OPERATION_INVALID)).message).to.equal('Requested operation is not valid: cannot resize the maximum memory on an active domain');
    const zero = await expectCode(d.setMemoryFlags(0), ErrorCode.INVALID_ARG);
    expect(zero).to.deep.include({ domain: ErrorDomain.DOMAIN, message: 'memory in virDomainSetMemoryFlags must not be zero' });
    await d.setMemoryFlags(16384, MemoryModFlags.CONFIG | MemoryModFlags.MAXIMUM);
    expect(parseDomainXml(await d.getXmlDesc(1 << 1))).to.deep.include({ memory: { kib: 16384 }, currentMemory: { kib: 16384 } });

    await d.setVcpusFlags(1);
    expect(await d.getVcpusFlags(VcpuFlags.LIVE)).to.equal(1);
    expect(await d.getVcpusFlags(VcpuFlags.CONFIG)).to.equal(2);
    expect((await expectCode(d.setVcpusFlags(3), ErrorCode.INVALID_ARG)).message).to.equal('invalid argument: requested cpu amount exceeds maximum (3 > 2)');
    expect((await expectCode(d.setVcpusFlags(33, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM), ErrorCode.INVALID_ARG)).message)
      .to.equal('invalid argument: requested cpu amount exceeds maximum supported amount (33 > 32)');
    expect((await expectCode(d.setVcpusFlags(3, VcpuFlags.LIVE | VcpuFlags.MAXIMUM), ErrorCode.INVALID_ARG)).message)
      .to.equal("Flag 'VIR_DOMAIN_AFFECT_CONFIG' is required by flag 'VIR_DOMAIN_VCPU_MAXIMUM'");
    // Lowering the maximum lowers the current count with it.
    await d.setVcpusFlags(1, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM);
    expect([await d.getVcpusFlags(VcpuFlags.CONFIG), await d.getVcpusFlags(VcpuFlags.CONFIG | VcpuFlags.MAXIMUM)]).to.deep.equal([1, 1]);
    expect((await expectCode(d.getVcpusFlags(VcpuFlags.LIVE | VcpuFlags.CONFIG), ErrorCode.INVALID_ARG)).message)
      .to.equal("Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
  });

  it('autostart and managed save show in the domain list filters; a transient domain has neither', async () => {
    const d = await conn.defineDomain(XML('vkdo-flags'));
    const t = await conn.createDomain(XML('vkdo-transient'));
    await d.setAutostart(true);
    await d.start();
    await d.managedSave();
    const names = async (flags: number) => (await conn.listAllDomains(flags)).map((x) => x.name);
    expect(await names(ListDomainsFlags.AUTOSTART)).to.deep.equal(['vkdo-flags']);
    expect(await names(ListDomainsFlags.MANAGEDSAVE)).to.deep.equal(['vkdo-flags']);
    expect(await names(ListDomainsFlags.NO_MANAGEDSAVE)).to.deep.equal(['vkdo-transient']);
    await expectCode(t.setAutostart(true), ErrorCode.OPERATION_INVALID);
    await expectCode(t.managedSave(), ErrorCode.OPERATION_INVALID);
    await d.start();
    expect(await names(ListDomainsFlags.MANAGEDSAVE)).to.deep.equal([]);
    await d.managedSave();
    const refused = await expectCode(d.undefine(), ErrorCode.OPERATION_INVALID);
    expect(refused.message).to.equal('Requested operation is not valid: Refusing to undefine while domain managed save image exists');
    await d.undefine(UndefineFlags.MANAGED_SAVE);
    expect(await names(0)).to.deep.equal(['vkdo-transient']);
  });

  it('metadata: a change of each kind reports METADATA_CHANGE with its namespace; bad XML changes nothing and reports nothing', async () => {
    const events: PublicDomainEvent[] = [];
    const d = await conn.defineDomain(XML('vkdo-meta'));
    conn.onDomainEvent((e) => events.push(e), { domain: d });
    await d.setMetadata(MetadataType.ELEMENT, '<a xmlns:q="http://q/"><b/></a>', 'ex', 'http://x/');
    await expectCode(d.setMetadata(MetadataType.ELEMENT, '<a', 'ex', 'http://x/'), ErrorCode.XML_ERROR);
    await d.setMetadata(MetadataType.DESCRIPTION, 'hello');
    expect(await d.getXmlDesc()).to.include('<metadata>\n    <ex:a xmlns:q=\'http://q/\' xmlns:ex=\'http://x/\'>\n      <ex:b/>\n    </ex:a>\n  </metadata>');
    expect(await d.getMetadata(MetadataType.ELEMENT, 'http://x/')).to.equal("<a xmlns:q='http://q/'>\n  <b/>\n</a>");
    await d.setMetadata(MetadataType.DESCRIPTION, '');
    await expectCode(d.getMetadata(MetadataType.DESCRIPTION), ErrorCode.NO_DOMAIN_METADATA);
    expect((await expectCode(d.setMetadata(MetadataType.DESCRIPTION, 'x', 'k', 'http://x/'), ErrorCode.INVALID_ARG)).message).to.equal('uri in virDomainSetMetadata must be NULL');
    expect((await expectCode(d.setMetadata(MetadataType.ELEMENT, '<a/>', undefined, 'http://x/'), ErrorCode.INVALID_ARG)).message).to.equal('key in virDomainSetMetadata must not be NULL');
    await settle();
    expect(events.map((e) => (e.id === DomainEventId.METADATA_CHANGE ? [e.type, e.nsuri] : []))).to.deep.equal([
      [MetadataType.ELEMENT, 'http://x/'], [MetadataType.DESCRIPTION, undefined], [MetadataType.DESCRIPTION, undefined],
    ]);
  });

  it('scheduler: "fair" with a weight of 50 that setting never changes; other parameters and any flags refused', async () => {
    const d = await conn.createDomain(XML('vkdo-sched'));
    expect(await d.getSchedulerType()).to.deep.equal({ type: 'fair', nparams: 1 });
    await d.setSchedulerParameters({ weight: 10 });
    expect(await d.getSchedulerParameters()).to.deep.equal({ weight: 50 });
    await expectCode(d.setSchedulerParameters({ cap: 1 }), ErrorCode.ARGUMENT_UNSUPPORTED);
    expect((await expectCode(d.getSchedulerParameters(0), ErrorCode.INVALID_ARG)).message).to.equal('unsupported flags (0x4) in function testDomainGetSchedulerParametersFlags');
  });

  it('statistics: memory from the current size, the state group only, ENFORCE_STATS refusing the rest', async () => {
    const d = await conn.createDomain(XML('vkdo-stats', "<currentMemory>40000</currentMemory><devices><disk type='file' device='disk'><source file='/x.img'/><target dev='vda' bus='virtio'/></disk></devices>"));
    const mem = Object.fromEntries((await d.memoryStats()).map((s) => [s.tag, s.val]));
    expect(mem).to.deep.include({ 6: 40000, 4: 20000, 10: 5000, 9: 627319920 });
    expect(await d.memoryStats(2)).to.have.length(2);
    const before = Date.now() * 1000;
    const st = await d.blockStats('/x.img');
    expect(st.rdReq).to.be.within(Math.floor(before / 10), Math.floor((Date.now() * 1000) / 10));
    const [rec] = await conn.getAllDomainStats(DomainStatsTypes.STATE | DomainStatsTypes.BLOCK);
    expect(rec.params).to.deep.equal({ 'state.state': DomainState.RUNNING, 'state.reason': 1 });
    expect((await expectCode(conn.getAllDomainStats(DomainStatsTypes.BLOCK, GetAllDomainStatsFlags.ENFORCE_STATS), ErrorCode.ARGUMENT_UNSUPPORTED)).message)
      .to.equal('argument unsupported: Stats types bits 0x20 are not supported by this daemon');
    expect(await conn.getAllDomainStats(0, GetAllDomainStatsFlags.INACTIVE)).to.deep.equal([]);
  });

  it('device detach is not offered, as libvirt\'s test driver has none', async () => {
    const d = await conn.createDomain(XML('vkdo-dev'));
    await expectCode(d.detachDevice("<disk type='file'><target dev='vda'/></disk>"), ErrorCode.NO_SUPPORT);
    await expectCode(d.attachDevice("<disk type='file'><target dev='vda'/></disk>"), ErrorCode.NO_SUPPORT);
  });
});
