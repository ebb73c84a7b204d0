import { expect } from 'chai';
import { DomainEventType, ErrorCode, NetworkEventType, Virt, type Connection, type LifecycleEvent } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';
import { expectCode } from './support/expect-code.js';

const DOM = (name: string) => `<domain type='test'><name>${name}</name><memory>1024</memory><os><type>hvm</type></os></domain>`;

describe('events as async iterators (Connection.events) and AbortSignal on the callbacks', () => {
  let virt: Virt;
  let conn: Connection;
  beforeEach(async () => {
    virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false });
    conn = await virt.connect('test:///default?empty=1');
  });
  afterEach(async () => { await virt.dispose(); });

  it('hands out lifecycle events in order, from the moment of subscribing, filtered by domain; break unsubscribes', async () => {
    const a = await conn.defineDomain(DOM('vks-a'));
    const b = await conn.defineDomain(DOM('vks-b'));
    const sub = conn.events('lifecycle', { domain: a });
    await b.start();
    await a.start();
    await a.suspend();
    await a.destroy();
    const got: Array<[string, DomainEventType]> = [];
    for await (const e of sub) {
      got.push([e.domain.name, e.event]);
      if (e.event === DomainEventType.STOPPED) break;
    }
    // DEFINED was emitted before the subscription but is delivered after the call that caused it, so the subscription sees it.
    expect(got).to.deep.equal([['vks-a', DomainEventType.DEFINED], ['vks-a', DomainEventType.STARTED], ['vks-a', DomainEventType.SUSPENDED], ['vks-a', DomainEventType.STOPPED]]);
    expect(sub.closed).to.equal(true);
    // Nothing is kept for a loop that left: a later event goes nowhere and next() is done.
    await a.start();
    expect(await sub.next()).to.deep.equal({ value: undefined, done: true });
  });

  it('an AbortSignal ends a waiting loop; one aborted before subscribing gives an ended subscription', async () => {
    const ac = new AbortController();
    const seen: LifecycleEvent[] = [];
    const loop = (async () => { for await (const e of conn.events('lifecycle', { signal: ac.signal })) seen.push(e); })();
    const d = await conn.defineDomain(DOM('vks-c'));
    await d.start();
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await loop;
    expect(seen.map((e) => e.event)).to.deep.equal([DomainEventType.DEFINED, DomainEventType.STARTED]);
    const pre = conn.events('lifecycle', { signal: AbortSignal.abort() });
    expect(pre.closed).to.equal(true);
    expect(await pre.next()).to.deep.equal({ value: undefined, done: true });
  });

  it('every family has the iterator form: network lifecycle, and closing the connection ends them all', async () => {
    const nets = conn.events('network-lifecycle');
    const pools = conn.events('storage-pool-refresh');
    const net = await conn.defineNetwork("<network><name>vks-net</name><bridge name='vksbr0'/></network>");
    await net.start();
    const first = await nets.next();
    const second = await nets.next();
    expect([first.value?.event, second.value?.event]).to.deep.equal([NetworkEventType.DEFINED, NetworkEventType.STARTED]);
    expect(first.value?.network.name).to.equal('vks-net');
    const waiting = pools.next();
    await conn.close();
    expect(await waiting).to.deep.equal({ value: undefined, done: true });
    expect(nets.closed).to.equal(true);
  });

  it('the callback form takes { signal } too: abort removes the listener', async () => {
    const ac = new AbortController();
    const seen: DomainEventType[] = [];
    conn.onLifecycle((e) => seen.push(e.event), { signal: ac.signal });
    const d = await conn.defineDomain(DOM('vks-d'));
    await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await d.start();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).to.deep.equal([DomainEventType.DEFINED]);
  });

  it('a family the driver lacks is NO_SUPPORT at once, as its on* method', async () => {
    await expectCode((async () => conn.events('close'))(), ErrorCode.NO_SUPPORT);
  });
});
