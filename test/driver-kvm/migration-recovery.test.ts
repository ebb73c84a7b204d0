import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { DomainState, MigrateFlags, hasMigrationV3 } from '@virtkit/core';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { processState, waitForExit } from '@virtkit/driver-kvm';
import { embedUri, guestXml, makeRoot, makeVirt, removeRoots, readCounter, waitForCounter } from './support/hosts.js';

const PORTS = { min: 49620, max: 49630 };

async function status(root: string, uuid: string): Promise<{ pid: number; migration?: { role: string; phase: string } }> {
  return JSON.parse(await fs.readFile(path.join(root, 'run', 'qemu', `${uuid}.json`), 'utf8')) as { pid: number; migration?: { role: string; phase: string } };
}

describe('driver-kvm migration phase across a restart (real QEMU)', function () {
  this.timeout(120_000);
  let rootA: string;
  let rootB: string;

  before(async () => {
    rootA = await makeRoot('recA');
    rootB = await makeRoot('recB');
  });

  after(async () => {
    await removeRoots([rootA, rootB], { migrationPorts: PORTS });
  });

  it('after Perform3, a restarted driver discards the unfinished incoming guest and Confirm3 resumes the paused source', async () => {
    const serial = path.join(rootA, 'rec.log');
    const first = await makeVirt({ migrationPorts: PORTS });
    const a = await first.connect(embedUri(rootA));
    const b = await first.connect(embedUri(rootB));
    const dom = await a.defineDomain(await guestXml({ name: 'halfway', serialLog: serial }));
    await dom.start();
    await waitForCounter(serial, 3);
    const flags = MigrateFlags.LIVE;
    await abandonMigrationV3(a, b, dom, 'perform', { flags });
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
    expect((await status(rootA, dom.uuid)).migration).to.deep.include({ role: 'source', phase: 'performed' });
    const incoming = await status(rootB, dom.uuid);
    expect(incoming.migration).to.deep.include({ role: 'destination', phase: 'prepare' });
    await first.dispose();

    const second = await makeVirt({ migrationPorts: PORTS });
    try {
      const b2 = await second.connect(embedUri(rootB));
      expect(await b2.listAllDomains()).to.have.length(0);
      expect(await waitForExit(incoming.pid, 5000)).to.equal(true);
      const a2 = await second.connect(embedUri(rootA));
      const again = await a2.lookupDomainByName('halfway');
      expect((await again.getState()).state).to.equal(DomainState.PAUSED);
      const frozen = (await readCounter(serial)).at(-1)!;
      const src2 = a2.live();
      if (!hasMigrationV3(src2)) expect.fail('no v3 role');
      await src2.migrateConfirm3(again.driverRef, { flags, cancelled: true });
      expect((await again.getState()).state).to.equal(DomainState.RUNNING);
      await waitForCounter(serial, frozen + 3);
      expect((await status(rootA, dom.uuid)).migration).to.equal(undefined);
      expect(processState((await status(rootA, dom.uuid)).pid)).to.equal('running');
    } finally {
      await second.dispose();
    }
  });
});
