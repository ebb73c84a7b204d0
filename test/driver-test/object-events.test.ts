import { expect } from 'chai';
import { NetworkEventType as N, StoragePoolCreateFlags, StoragePoolEventType as P, Virt, silentLogger, type StreamChunk } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';

const settle = () => new Promise((r) => setImmediate(r));

async function* oneChunk(): AsyncGenerator<StreamChunk> {
  yield { kind: 'data', data: Buffer.from('vkns') };
}

describe('driver-test network and storage pool events', () => {
  let virt: Virt;
  beforeEach(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  afterEach(() => virt.dispose());

  it('network lifecycle: defined, started, stopped, undefined; a transient network started and stopped; a filter by network', async () => {
    const conn = await virt.connect('test:///vkns-events?empty=1');
    const seen: string[] = [];
    const only: string[] = [];
    const off = conn.onNetworkLifecycle((e) => seen.push(`${e.network.name}:${N[e.event]}:${e.detail}`));
    const net = await conn.defineNetwork("<network><name>vkns-a</name><ip address='10.9.1.1' prefix='24'/></network>");
    conn.onNetworkLifecycle((e) => only.push(N[e.event]), { network: net });
    expect(seen, 'delivered after the call returns, not during it').to.deep.equal([]);
    await net.start();
    await net.destroy();
    await net.undefine();
    const t = await conn.createNetwork("<network><name>vkns-t</name><ip address='10.9.2.1' prefix='24'/></network>");
    await t.destroy();
    await settle();
    expect(seen).to.deep.equal(['vkns-a:DEFINED:0', 'vkns-a:STARTED:0', 'vkns-a:STOPPED:0', 'vkns-a:UNDEFINED:0', 'vkns-t:STARTED:0', 'vkns-t:STOPPED:0']);
    expect(only).to.deep.equal(['DEFINED', 'STARTED', 'STOPPED', 'UNDEFINED']);
    off();
    await conn.defineNetwork("<network><name>vkns-b</name></network>");
    await settle();
    expect(seen, 'nothing after unsubscribing').to.have.length(6);
  });

  it('storage pool lifecycle and refresh: defined, created (build), started, refresh (refresh, upload), stopped, deleted, undefined', async () => {
    const conn = await virt.connect('test:///vkns-pools?empty=1');
    const seen: string[] = [];
    conn.onStoragePoolLifecycle((e) => seen.push(`${e.pool.name}:${P[e.event]}:${e.detail}`));
    conn.onStoragePoolRefresh((e) => seen.push(`${e.pool.name}:REFRESH`));
    const pool = await conn.defineStoragePool("<pool type='dir'><name>vkns-p</name><target><path>/vkns-p</path></target></pool>");
    await pool.build();
    await pool.start();
    await pool.refresh();
    const vol = await pool.createVolume("<volume><name>v</name><capacity>4096</capacity></volume>");
    await vol.upload(oneChunk());
    await pool.destroy();
    await pool.delete();
    await pool.undefine();
    await conn.createStoragePool("<pool type='dir'><name>vkns-q</name><target><path>/vkns-q</path></target></pool>", StoragePoolCreateFlags.WITH_BUILD);
    await settle();
    expect(seen).to.deep.equal([
      'vkns-p:DEFINED:0', 'vkns-p:CREATED:0', 'vkns-p:STARTED:0', 'vkns-p:REFRESH', 'vkns-p:REFRESH', 'vkns-p:STOPPED:0', 'vkns-p:DELETED:0', 'vkns-p:UNDEFINED:0',
      'vkns-q:STARTED:0',
    ]);
  });
});
