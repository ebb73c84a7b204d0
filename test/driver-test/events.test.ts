import { expect } from 'chai';
import { DomainEventType, Virt, type LifecycleEvent, type Logger } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';

const XML = (name: string) => `<domain type='test'><name>${name}</name><memory>65536</memory><os><type>hvm</type></os></domain>`;

describe('test driver lifecycle events', () => {
  it('a throwing listener does not fail define or start, is logged, and the other listeners get every event in order', async () => {
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (m) => { warnings.push(m); }, error() {} };
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger });
    try {
      const conn = await virt.connect('test:///events?empty=1');
      const seen: LifecycleEvent['event'][] = [];
      conn.onLifecycle(() => { throw new Error('boom'); });
      conn.onLifecycle((e) => seen.push(e.event));
      const dom = await conn.defineDomain(XML('ev'));
      // Nothing is delivered while the call that caused it runs.
      expect(seen).to.deep.equal([]);
      await dom.start();
      await dom.destroy();
      await new Promise((r) => setImmediate(r));
      expect(seen).to.deep.equal([DomainEventType.DEFINED, DomainEventType.STARTED, DomainEventType.STOPPED]);
      expect(warnings.filter((w) => /listener failed: boom/.test(w))).to.have.length(3);
    } finally {
      await virt.dispose();
    }
  });

  it('a listener that unsubscribes another during delivery stops that one at once', async () => {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false });
    try {
      const conn = await virt.connect('test:///events2?empty=1');
      const second: LifecycleEvent['event'][] = [];
      let off2 = () => {};
      conn.onLifecycle(() => off2());
      off2 = conn.onLifecycle((e) => second.push(e.event));
      await conn.defineDomain(XML('ev2'));
      await new Promise((r) => setImmediate(r));
      expect(second).to.deep.equal([]);
    } finally {
      await virt.dispose();
    }
  });

  it('keeps completed job statistics with KEEP_COMPLETED and forgets them without', async () => {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false });
    try {
      const a = await virt.connect('test:///jobs-a?migration-ms=20');
      const b = await virt.connect('test:///jobs-b?empty=1');
      await (await a.lookupDomainByName('test')).migrate(b, { flags: 1 });
      const src = a.live() as unknown as { getJobStats(d: unknown, f: number): Promise<{ type: number; params: Record<string, unknown> }> };
      const ref = { name: 'test', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: -1 };
      const kept = await src.getJobStats(ref, 1 | 2);
      expect(kept.type).to.equal(3);
      expect(kept.params.data_processed).to.equal(kept.params.data_total);
      expect((await src.getJobStats(ref, 1 | 2)).type).to.equal(3);
      expect((await src.getJobStats(ref, 1)).type).to.equal(3);
      expect((await src.getJobStats(ref, 1)).type, 'read without KEEP_COMPLETED: forgotten').to.equal(0);
    } finally {
      await virt.dispose();
    }
  });
});
