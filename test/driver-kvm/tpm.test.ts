import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Connection, Virt } from '@virtkit/core';
import { QmpConnector, socketQmpConnector, type QmpMonitor } from '@virtkit/driver-kvm';
import { embedUri, makeRoot, makeVirt, tearDownRoots } from './support/hosts.js';

// <tpm><backend type='emulator'> on real QEMU: the driver starts a swtpm for the guest before QEMU, QEMU's
// TPM device talks to it, the TPM state persists with the definitions, and swtpm ends with QEMU.

const SWTPM = fsSync.existsSync('/usr/bin/swtpm');

const tpmXml = (name: string, model: string) => `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <tpm model='${model}'><backend type='emulator' version='2.0'/></tpm>
    <memballoon model='none'/>
  </devices>
</domain>`;

/** Whether a process with that pid lives (and is not a zombie). */
function alive(pid: number): boolean {
  try {
    const stat = fsSync.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

describe('driver-kvm emulated TPM through swtpm (real QEMU)', function () {
  this.timeout(120_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  const monitors = new Map<string, QmpMonitor>();

  before(async function () {
    if (!SWTPM) this.skip();
    root = await makeRoot('tpm');
    virt = await makeVirt();
    const real = socketQmpConnector();
    virt.container.register(QmpConnector, { useValue: { connect: async (p: string, opts?: object) => { const m = await real.connect(p, opts); monitors.set(p, m); return m; } } });
    conn = await virt.connect(embedUri(root));
  });

  after(async () => {
    if (virt) await tearDownRoots(virt, [root]);
  });

  it('starts swtpm for the guest; QEMU reports a TPM 2.0 CRB on the emulator backend; swtpm ends with QEMU', async () => {
    const dom = await conn.defineDomain(tpmXml('tpm-crb', 'tpm-crb'));
    await dom.start();
    const run = path.join(root, 'run', 'qemu');
    const pid = Number((await fs.readFile(path.join(run, `${dom.uuid}.swtpm.pid`), 'utf8')).trim());
    expect(alive(pid)).to.equal(true);
    const qmp = monitors.get(path.join(run, `${dom.uuid}.monitor`))!;
    const tpms = await qmp.execute<Array<{ id: string; model: string; options: { type: string } }>>('query-tpm');
    expect(tpms).to.have.length(1);
    expect(tpms[0]).to.include({ id: 'tpm-tpm0', model: 'tpm-crb' });
    expect(tpms[0].options.type).to.equal('emulator');
    // swtpm made its TPM 2.0 state in the guest's directory beside the definitions.
    expect(await fs.readdir(path.join(root, 'etc', 'qemu', 'swtpm', dom.uuid))).to.include('tpm2-00.permall');
    await dom.destroy();
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid), 'swtpm still runs after QEMU ended').to.equal(false);
    await dom.undefine();
  });

  it('refuses an encrypted TPM state by name and starts nothing', async () => {
    const xml = tpmXml('tpm-enc', 'tpm-tis').replace("<backend type='emulator' version='2.0'/>", "<backend type='emulator' version='2.0'><encryption secret='32ee7e76-2178-47a1-ab7b-269e6e348015'/></backend>");
    const err = await conn.defineDomain(xml).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.match(/domain\/devices\/tpm\/backend\/encryption: .*secret/);
    expect(await conn.listAllDomains()).to.have.length(0);
  });
});
