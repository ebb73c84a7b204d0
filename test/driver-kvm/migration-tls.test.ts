import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { DomainState, ErrorCode, ListDomainsFlags, MigrateFlags, type Connection, type Domain, type Virt } from '@virtkit/core';
import { embedUri, guestXml, makeRoot, makeVirt, rejectsWith, waitForCounter } from './support/hosts.js';
import { makeCa, makeQemuPki } from './support/pki.js';

/**
 * VIR_MIGRATE_TLS between two drivers with their own PKI directories (the
 * source holds the client certificate, the destination the server's), as
 * two hosts would.
 */
describe('driver-kvm migration over QEMU TLS (real QEMU, certificates from certtool)', function () {
  this.timeout(240_000);
  let work: string;
  let rootA: string;
  let rootB: string;
  const virts: Virt[] = [];
  const conns: Connection[] = [];

  async function connect(root: string, tlsDir: string, ports: { min: number; max: number }): Promise<Connection> {
    const virt = await makeVirt({ migrationPorts: ports, defaultTlsX509CertDir: tlsDir });
    virts.push(virt);
    const c = await virt.connect(embedUri(root));
    conns.push(c);
    return c;
  }

  async function startGuest(on: Connection, name: string, disk?: string): Promise<Domain> {
    const serial = path.join(rootA, `${name}.log`);
    const guest = await on.defineDomain(await guestXml({ name, serialLog: serial, diskwrite: disk }));
    await guest.start();
    await waitForCounter(serial, 3);
    return guest;
  }

  before(async () => {
    work = await makeRoot('tls');
    rootA = await makeRoot('tA');
    rootB = await makeRoot('tB');
    const ca = await makeCa(path.join(work, 'ca'));
    await makeQemuPki(ca, path.join(work, 'src'), 'client');
    await makeQemuPki(ca, path.join(work, 'dst'), 'server');
    // A client certificate from another CA: the destination must refuse it.
    const otherCa = await makeCa(path.join(work, 'other-ca'));
    await makeQemuPki(otherCa, path.join(work, 'stranger'), 'client');
    await fs.mkdir(path.join(work, 'empty'));
  });

  after(async () => {
    for (const c of conns) for (const d of (await c.listAllDomains(ListDomainsFlags.ACTIVE).catch(() => []))) await d.destroy().catch(() => {});
    for (const v of virts) await v.dispose();
    for (const d of [work, rootA, rootB]) await fs.rm(d, { recursive: true, force: true });
  });

  it('migrates the guest and copies its disk over TLS; the guest runs on the destination', async () => {
    const a = await connect(rootA, path.join(work, 'src'), { min: 49660, max: 49667 });
    const b = await connect(rootB, path.join(work, 'dst'), { min: 49668, max: 49675 });
    await fs.mkdir(path.join(rootA, 'images'));
    await fs.mkdir(path.join(rootB, 'images'));
    const src = path.join(rootA, 'images', 'd.img');
    const dst = path.join(rootB, 'images', 'd.img');
    await fs.writeFile(src, Buffer.alloc(1024 * 1024, 0x5a));
    const guest = await startGuest(a, 'secure', src);
    const dxml = (await guest.getXmlDesc(8)).replace(src, dst);
    const { domain } = await guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.TLS | MigrateFlags.NON_SHARED_DISK, dxml });
    expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
    await domain.destroy();
    // The untouched end of the disk arrived over the TLS NBD connection.
    const copied = await fs.readFile(dst);
    expect(copied.subarray(512 * 1024).equals(Buffer.alloc(512 * 1024, 0x5a))).to.equal(true);
    await guest.undefine();
  });

  it('a source whose client certificate the destination does not trust fails; the guest runs on at the source', async () => {
    const a = await connect(rootA, path.join(work, 'stranger'), { min: 49676, max: 49683 });
    const b = await connect(rootB, path.join(work, 'dst'), { min: 49684, max: 49691 });
    const guest = await startGuest(a, 'untrusted');
    await rejectsWith(guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.TLS }), ErrorCode.OPERATION_FAILED);
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    expect(await b.listAllDomains()).to.have.length(0);
    // The same guest migrates in plain text afterwards: the failed attempt left no TLS setting behind.
    const { domain } = await guest.migrate(b, { flags: MigrateFlags.LIVE });
    expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
    await domain.destroy();
    await guest.undefine().catch(() => {});
  });

  it('refuses TLS when the certificates are missing, naming them', async () => {
    const a = await connect(rootA, path.join(work, 'empty'), { min: 49692, max: 49695 });
    const b = await connect(rootB, path.join(work, 'empty'), { min: 49696, max: 49699 });
    const guest = await startGuest(a, 'nocerts');
    const e = await rejectsWith(guest.migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.TLS }), ErrorCode.OPERATION_INVALID);
    expect(e.message).to.include('server-cert.pem').and.include(path.join(work, 'empty'));
    expect((await guest.getState()).state).to.equal(DomainState.RUNNING);
    await guest.destroy();
    await guest.undefine();
  });
});
