import { expect } from 'chai';
import { describe, it } from 'mocha';
import type { Connection } from '../connection.js';
import type { Domain } from '../domain.js';
import { ErrorCode, isVirtError } from '../errors.js';
import { DriverRole } from '../features.js';
import { parseDomainXml } from '../domain/parse.js';
import { DomainState } from '../driver/types.js';
import { DomainEventId, DomainModificationImpact, MemoryModFlags, MetadataType, VcpuFlags, type DomainEvent } from '../driver/domain-control.js';
import { DomainXmlFlags } from '../flags.js';

/** What the domain-control part of the suite needs from the main suite. */
export interface DomainControlSuite {
  declared: ReadonlySet<number>;
  /** The first host's connection, open while the tests run. */
  conn(): Connection;
  /** Defines a domain of the driver's own XML (removed after the test). */
  define(what: string): Promise<Domain>;
  expectVirtError(p: Promise<unknown>, code: ErrorCode): Promise<void>;
}

async function noSupport(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e, ErrorCode.NO_SUPPORT), String(e)).to.equal(true);
    return;
  }
  expect.fail('expected NO_SUPPORT');
}

const inactiveDef = async (d: Domain) => parseDomainXml(await d.getXmlDesc(DomainXmlFlags.INACTIVE));

/**
 * The domain-control roles (driver/domain-control.ts): each declared role
 * behaves as libvirt's contract says, and an undeclared one answers
 * NO_SUPPORT through core.
 */
export function describeDomainControlConformance(s: DomainControlSuite): void {
  describe('domain control', () => {
    it('reboots and resets a running domain, which keeps running; refuses both on an inactive one', async () => {
      const d = await s.define('reboot');
      if (!s.declared.has(DriverRole.DOMAIN_CONTROL)) return noSupport(d.reset());
      await d.start();
      await d.reset();
      expect((await d.getState()).state).to.not.equal(DomainState.SHUTOFF);
      await s.expectVirtError(d.reset(1 << 5), ErrorCode.INVALID_ARG);
      await d.destroy();
      await s.expectVirtError(d.reboot(), ErrorCode.OPERATION_INVALID);
      await s.expectVirtError(d.reset(), ErrorCode.OPERATION_INVALID);
    });

    it('changes the definition\'s memory and vCPUs; refuses zero, too much and unknown flags and changes nothing', async () => {
      const d = await s.define('resources');
      if (!s.declared.has(DriverRole.DOMAIN_RESOURCES)) return noSupport(d.setMemoryFlags(1024, MemoryModFlags.CONFIG));
      const before = await inactiveDef(d);
      const max = before.memory.kib;
      await d.setMemoryFlags(Math.floor(max / 2), MemoryModFlags.CONFIG);
      expect((await inactiveDef(d)).currentMemory?.kib).to.equal(Math.floor(max / 2));
      await s.expectVirtError(d.setMemoryFlags(0, MemoryModFlags.CONFIG), ErrorCode.INVALID_ARG);
      await s.expectVirtError(d.setMemoryFlags(max * 2, MemoryModFlags.CONFIG), ErrorCode.INVALID_ARG);
      await s.expectVirtError(d.setMemoryFlags(1024, 1 << 20), ErrorCode.INVALID_ARG);
      expect((await inactiveDef(d)).currentMemory?.kib).to.equal(Math.floor(max / 2));
      await d.setVcpusFlags(before.vcpu.count + 1, VcpuFlags.CONFIG | VcpuFlags.MAXIMUM);
      expect(await d.getVcpusFlags(VcpuFlags.CONFIG | VcpuFlags.MAXIMUM)).to.equal(before.vcpu.count + 1);
      expect(await d.getVcpusFlags(VcpuFlags.CONFIG)).to.equal(before.vcpu.current ?? before.vcpu.count);
      await s.expectVirtError(d.setVcpusFlags(0, VcpuFlags.CONFIG), ErrorCode.INVALID_ARG);
      await s.expectVirtError(d.setVcpusFlags(before.vcpu.count + 2, VcpuFlags.CONFIG), ErrorCode.INVALID_ARG);
      await s.expectVirtError(d.setVcpusFlags(1, VcpuFlags.MAXIMUM), ErrorCode.INVALID_ARG);
      await s.expectVirtError(d.getVcpusFlags(VcpuFlags.LIVE | VcpuFlags.CONFIG), ErrorCode.INVALID_ARG);
      await s.expectVirtError(d.getVcpusFlags(VcpuFlags.LIVE), ErrorCode.OPERATION_INVALID);
    });

    it('keeps autostart of a persistent domain', async () => {
      const d = await s.define('autostart');
      if (!s.declared.has(DriverRole.DOMAIN_AUTOSTART)) return noSupport(d.getAutostart());
      expect(await d.getAutostart()).to.equal(false);
      await d.setAutostart(true);
      expect(await d.getAutostart()).to.equal(true);
      expect((await s.conn().listAllDomains(1 << 10)).map((x) => x.name)).to.include(d.name);
      await d.setAutostart(false);
      expect(await d.getAutostart()).to.equal(false);
    });

    it('sets and reads the title, the description and a metadata element by namespace, with METADATA_CHANGE events', async () => {
      const d = await s.define('metadata');
      if (!s.declared.has(DriverRole.DOMAIN_METADATA)) return noSupport(d.getMetadata(MetadataType.TITLE));
      const events: DomainEvent[] = [];
      const off = s.declared.has(DriverRole.DOMAIN_EVENTS) ? s.conn().onDomainEvent((e) => events.push({ ...e, domain: e.domain.driverRef } as DomainEvent), { domain: d }) : undefined;
      try {
        await s.expectVirtError(d.getMetadata(MetadataType.DESCRIPTION), ErrorCode.NO_DOMAIN_METADATA);
        await d.setMetadata(MetadataType.DESCRIPTION, 'a guest');
        await d.setMetadata(MetadataType.TITLE, 'Guest');
        await d.setMetadata(MetadataType.ELEMENT, '<app><v>1</v></app>', 'vk', 'http://virtkit.example/app', DomainModificationImpact.CONFIG);
        expect(await d.getMetadata(MetadataType.DESCRIPTION)).to.equal('a guest');
        expect(await d.getMetadata(MetadataType.TITLE)).to.equal('Guest');
        expect(await d.getMetadata(MetadataType.ELEMENT, 'http://virtkit.example/app')).to.equal('<app>\n  <v>1</v>\n</app>');
        await s.expectVirtError(d.getMetadata(MetadataType.ELEMENT, 'http://virtkit.example/other'), ErrorCode.NO_DOMAIN_METADATA);
        await s.expectVirtError(d.setMetadata(MetadataType.TITLE, 'two\nlines'), ErrorCode.INVALID_ARG);
        await s.expectVirtError(d.setMetadata(MetadataType.ELEMENT, '<app>', 'vk', 'http://virtkit.example/app'), ErrorCode.XML_ERROR);
        expect(await d.getMetadata(MetadataType.TITLE)).to.equal('Guest');
        expect(await d.getMetadata(MetadataType.ELEMENT, 'http://virtkit.example/app')).to.equal('<app>\n  <v>1</v>\n</app>');
        const dumped = await inactiveDef(d);
        expect(dumped.title).to.equal('Guest');
        await d.setMetadata(MetadataType.ELEMENT, undefined, undefined, 'http://virtkit.example/app');
        await s.expectVirtError(d.getMetadata(MetadataType.ELEMENT, 'http://virtkit.example/app'), ErrorCode.NO_DOMAIN_METADATA);
        if (off) {
          await new Promise((r) => setTimeout(r, 50));
          expect(events.map((e) => (e.id === DomainEventId.METADATA_CHANGE ? e.type : -1))).to.deep.equal([MetadataType.DESCRIPTION, MetadataType.TITLE, MetadataType.ELEMENT, MetadataType.ELEMENT]);
        }
      } finally {
        off?.();
      }
    });

    it('managed save stops a running domain, and the next start uses the image up', async () => {
      const d = await s.define('managed');
      if (!s.declared.has(DriverRole.MANAGED_SAVE)) return noSupport(d.hasManagedSaveImage());
      await s.expectVirtError(d.managedSave(), ErrorCode.OPERATION_INVALID);
      await d.start();
      expect(await d.hasManagedSaveImage()).to.equal(false);
      await d.managedSave();
      expect(await d.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: 5 });
      expect(await d.hasManagedSaveImage()).to.equal(true);
      await d.start();
      expect((await d.getState()).state).to.equal(DomainState.RUNNING);
      expect(await d.hasManagedSaveImage()).to.equal(false);
      await d.managedSave();
      await d.managedSaveRemove();
      expect(await d.hasManagedSaveImage()).to.equal(false);
    });

    it('reads and sets the clock of a running domain only', async () => {
      const d = await s.define('time');
      if (!s.declared.has(DriverRole.DOMAIN_TIME)) return noSupport(d.getTime());
      await s.expectVirtError(d.getTime(), ErrorCode.OPERATION_INVALID);
      await d.start();
      const t = await d.getTime();
      expect(t.seconds).to.be.a('number').greaterThan(0);
      await d.setTime({ seconds: t.seconds, nseconds: 0 });
      await s.expectVirtError(d.setTime(undefined, 1 << 4), ErrorCode.INVALID_ARG);
    });

    it('answers statistics of a running domain and refuses them for an inactive one', async () => {
      const d = await s.define('stats');
      if (!s.declared.has(DriverRole.DOMAIN_STATS)) return noSupport(d.memoryStats());
      await s.expectVirtError(d.memoryStats(), ErrorCode.OPERATION_INVALID);
      await d.start();
      const all = await s.conn().getAllDomainStats(0, 0, [d]);
      expect(all.map((r) => r.domain.name)).to.deep.equal([d.name]);
      expect(all[0].params['state.state']).to.equal(DomainState.RUNNING);
      expect((await d.memoryStats()).length).to.be.greaterThan(0);
      await s.expectVirtError(d.interfaceStats('no-such-interface'), ErrorCode.INVALID_ARG);
    });
  });
}
