import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { DomainEventType, DomainState, ListDomainsFlags, ShutoffReason, type LifecycleEvent } from '@virtkit/core';
import { processState, waitForExit, type KvmHost } from '@virtkit/driver-kvm';
import { embedUri, guestXml, makeRoot, makeVirt, readCounter, waitForCounter } from './support/hosts.js';

describe('driver-kvm restart (real QEMU)', function () {
  this.timeout(120_000);
  let root: string;

  before(async () => { root = await makeRoot('restart'); });
  after(async () => { await fs.rm(root, { recursive: true, force: true }); });

  it('a new driver instance on the same root reattaches to the running guest and can destroy it', async () => {
    const serial = path.join(root, 'r.log');
    const first = await makeVirt();
    const c1 = await first.connect(embedUri(root));
    const dom = await c1.defineDomain(await guestXml({ name: 'survivor', serialLog: serial }));
    await dom.start();
    const id = dom.id;
    await waitForCounter(serial, 2);
    const { pid } = JSON.parse(await fs.readFile(path.join(root, 'run', 'qemu', `${dom.uuid}.json`), 'utf8')) as { pid: number };
    await first.dispose();
    expect(processState(pid)).to.equal('running');

    const second = await makeVirt();
    try {
      const c2 = await second.connect(embedUri(root));
      const running = await c2.listAllDomains(ListDomainsFlags.ACTIVE);
      expect(running.map((d) => [d.name, d.id])).to.deep.equal([['survivor', id]]);
      const again = running[0];
      expect((await again.getState()).state).to.equal(DomainState.RUNNING);
      const seen = (await readCounter(serial)).at(-1)!;
      await waitForCounter(serial, seen + 2);
      await again.suspend();
      expect((await again.getState()).state).to.equal(DomainState.PAUSED);
      await again.destroy();
      expect(await waitForExit(pid, 5000)).to.equal(true);
      expect(await again.getState()).to.deep.equal({ state: DomainState.SHUTOFF, reason: ShutoffReason.DESTROYED });
    } finally {
      await second.dispose();
    }
  });

  it('reports a guest whose process died while no driver ran as shut off', async () => {
    const first = await makeVirt();
    const c1 = await first.connect(embedUri(root));
    const dom = await c1.lookupDomainByName('survivor');
    await dom.start(1);
    const statusFile = path.join(root, 'run', 'qemu', `${dom.uuid}.json`);
    const { pid } = JSON.parse(await fs.readFile(statusFile, 'utf8')) as { pid: number };
    await first.dispose();
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5000);
    const second = await makeVirt();
    try {
      const c2 = await second.connect(embedUri(root));
      const d2 = await c2.lookupDomainByName('survivor');
      expect((await d2.getState()).state).to.equal(DomainState.SHUTOFF);
      expect(await c2.listAllDomains(ListDomainsFlags.ACTIVE)).to.have.length(0);
      await fs.access(statusFile).then(() => expect.fail('stale status file kept'), () => {});
    } finally {
      await second.dispose();
    }
  });

  it('reconnects when the monitor connection drops while QEMU lives on, and never leaves QEMU unmanaged', async () => {
    const virt = await makeVirt({ monitorLossGraceMs: 200 });
    try {
      const conn = await virt.connect(embedUri(root));
      const dom = await conn.lookupDomainByName('survivor');
      const stopped: LifecycleEvent[] = [];
      conn.onLifecycle((e) => { if (e.event === DomainEventType.STOPPED) stopped.push(e); });
      await dom.start();
      const statusFile = path.join(root, 'run', 'qemu', `${dom.uuid}.json`);
      const { pid } = JSON.parse(await fs.readFile(statusFile, 'utf8')) as { pid: number };
      // Drop the driver's own QMP connection, as a broken socket would.
      const host = (conn.live() as unknown as { host: KvmHost }).host;
      host.domains.findByUuid(dom.uuid)!.live!.qmp.close();
      // Until the driver has reconnected, commands fail on the closed monitor; a forgotten guest never accepts one.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const failure = await dom.suspend().then(() => undefined, (e: Error) => e);
        if (!failure) break;
        if (Date.now() > deadline) expect.fail(`suspend never succeeded after the monitor dropped: ${failure.message}`);
        await delay(50);
      }
      expect(stopped, 'the guest was reported stopped').to.deep.equal([]);
      expect(processState(pid)).to.equal('running');
      expect((JSON.parse(await fs.readFile(statusFile, 'utf8')) as { pid: number }).pid).to.equal(pid);
      expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
      await dom.destroy();
      expect(await waitForExit(pid, 5000)).to.equal(true);
    } finally {
      await virt.dispose();
    }
  });
});
