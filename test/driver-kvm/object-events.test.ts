import fs from 'node:fs/promises';
import { expect } from 'chai';
import { NetworkEventType as N, StoragePoolCreateFlags, StoragePoolEventType as P, type Connection, type StreamChunk, type Virt } from '@virtkit/core';
import { ProcessRunner } from '@virtkit/driver-kvm';
import { embedUri, eventually, makeRoot, makeVirt } from './support/hosts.js';
import { createNetns, netnsRunner, type Netns } from './support/netns.js';

async function* oneChunk(): AsyncGenerator<StreamChunk> {
  yield { kind: 'data', data: Buffer.from('vkns events') };
}

describe('driver-kvm network and storage pool events (networks in a network namespace)', function () {
  this.timeout(60_000);
  let ns: Netns;
  let root: string;
  let virt: Virt;
  let conn: Connection;

  before(async () => {
    ns = await createNetns('vkns');
    root = await makeRoot('vkns-ev');
    virt = await makeVirt();
    virt.container.register(ProcessRunner, { useValue: netnsRunner(ns.name) });
    conn = await virt.connect(embedUri(root));
  });

  after(async () => {
    await conn?.close();
    await virt?.dispose();
    await ns?.remove();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('network lifecycle as libvirt\'s bridge driver emits it; nothing for a refused start; a closed connection hears nothing', async () => {
    const seen: string[] = [];
    conn.onNetworkLifecycle((e) => seen.push(`${e.network.name}:${N[e.event]}:${e.detail}`));
    const net = await conn.defineNetwork("<network><name>vkns-ev</name><bridge name='vknsev0'/><ip address='10.213.62.1' prefix='24'/></network>");
    await net.start();
    // Already active: refused, and no event.
    await net.start().catch(() => {});
    await net.destroy();
    await net.undefine();
    const t = await conn.createNetwork("<network><name>vkns-evt</name><bridge name='vknsev1'/><ip address='10.213.63.1' prefix='24'/></network>");
    await t.destroy();
    await eventually(() => {
      expect(seen).to.deep.equal(['vkns-ev:DEFINED:0', 'vkns-ev:STARTED:0', 'vkns-ev:STOPPED:0', 'vkns-ev:UNDEFINED:0', 'vkns-evt:STARTED:0', 'vkns-evt:STOPPED:0']);
    });

    const other = await virt.connect(embedUri(root));
    const heard: string[] = [];
    other.onNetworkLifecycle((e) => heard.push(N[e.event]));
    await other.close();
    await conn.defineNetwork("<network><name>vkns-ev2</name><bridge name='vknsev2'/></network>");
    await eventually(() => { expect(seen.at(-1)).to.equal('vkns-ev2:DEFINED:0'); });
    expect(heard, 'listeners of a closed connection are gone').to.deep.equal([]);
  });

  it('storage pool lifecycle and refresh events, in order, for a dir pool', async () => {
    const seen: string[] = [];
    conn.onStoragePoolLifecycle((e) => seen.push(`${P[e.event]}`));
    conn.onStoragePoolRefresh(() => seen.push('REFRESH'));
    const pool = await conn.defineStoragePool(`<pool type='dir'><name>vkns-ev</name><target><path>${root}/pool</path></target></pool>`);
    await pool.build();
    await pool.start();
    await pool.refresh();
    const vol = await pool.createVolume("<volume><name>v.raw</name><capacity>65536</capacity></volume>");
    await vol.upload(oneChunk());
    await vol.delete();
    await pool.destroy();
    await pool.delete();
    await pool.undefine();
    await conn.createStoragePool(`<pool type='dir'><name>vkns-ev2</name><target><path>${root}/pool2</path></target></pool>`, StoragePoolCreateFlags.WITH_BUILD);
    await eventually(() => { expect(seen).to.deep.equal(['DEFINED', 'CREATED', 'STARTED', 'REFRESH', 'REFRESH', 'STOPPED', 'DELETED', 'UNDEFINED', 'STARTED']); });
  });
});
