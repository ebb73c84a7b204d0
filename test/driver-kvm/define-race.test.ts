import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { ErrorCode, isVirtError } from '@virtkit/core';
import { embedUri, makeRoot, makeVirt } from './support/hosts.js';

/** A definition QEMU's capabilities accept; it is never started, so it needs no guest. */
function minimalXml(name: string, uuid: string): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <uuid>${uuid}</uuid>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
</domain>`;
}

describe('driver-kvm concurrent defines of one name (QEMU binary probed, no guest)', function () {
  this.timeout(60_000);
  let root: string;

  before(async () => { root = await makeRoot('race'); });
  after(async () => { await fs.rm(root, { recursive: true, force: true }); });

  it('lets exactly one of 20 concurrent defines with different UUIDs win; one config file, one domain after reopening', async () => {
    const first = await makeVirt();
    const uuids = Array.from({ length: 20 }, () => randomUUID());
    let winner: string | undefined;
    try {
      const conn = await first.connect(embedUri(root));
      const results = await Promise.allSettled(uuids.map((u) => conn.defineDomain(minimalXml('x', u))));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won, 'defines that succeeded').to.have.length(1);
      winner = (won[0] as PromiseFulfilledResult<{ uuid: string }>).value.uuid;
      for (const r of results) {
        if (r.status === 'fulfilled') continue;
        const e = (r as PromiseRejectedResult).reason as Error;
        expect(isVirtError(e, ErrorCode.OPERATION_FAILED), String(e)).to.equal(true);
        expect(e.message).to.equal(`operation failed: domain 'x' already exists with uuid ${winner}`);
      }
      expect((await conn.listAllDomains()).map((d) => [d.name, d.uuid])).to.deep.equal([['x', winner]]);
    } finally {
      await first.dispose();
    }
    // The domain definitions; networks/ beside them is the network driver's.
    expect((await fs.readdir(path.join(root, 'etc', 'qemu'))).filter((f) => f.endsWith('.xml'))).to.deep.equal([`${winner}.xml`]);

    const second = await makeVirt();
    try {
      const conn = await second.connect(embedUri(root));
      expect((await conn.listAllDomains()).map((d) => [d.name, d.uuid])).to.deep.equal([['x', winner]]);
    } finally {
      await second.dispose();
    }
  });
});
