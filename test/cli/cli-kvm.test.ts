import { expect } from 'chai';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli, type CliIo } from '@virtkit/cli';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const errStream = new PassThrough();
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, errStream };
  const code = await runCli(args, io, { env: {} });
  return { code, out, err };
}

describe('cli: virtkit with the KVM driver (real QEMU)', function () {
  this.timeout(120000);
  let dir: string;
  before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-cli-kvm-')); });
  after(async () => {
    await run(['-c', `qemu:///embed?root=${dir}/root`, 'destroy', 'fw']);
    await rm(dir, { recursive: true, force: true });
  });

  it('defines, starts, saves to a file, restores and destroys a QEMU guest in one invocation', async () => {
    const xml = path.join(dir, 'fw.xml');
    // No bootable device: the firmware runs and waits, a real QEMU whose state saves like any other.
    await writeFile(xml, "<domain type='qemu'><name>fw</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
    const image = path.join(dir, 'fw.save');
    const r = await run(['-c', `qemu:///embed?root=${dir}/root`, `define ${xml}; start fw; save fw ${image}; domstate fw; restore ${image}; domstate --reason fw; dumpxml fw; destroy fw`]);
    expect(r.err).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.out).to.contain(`Domain 'fw' saved to ${image}\n\nshut off\n\n`);
    expect(r.out).to.contain(`Domain restored from ${image}\n\nrunning (restored)\n\n`);
    expect(r.out).to.match(/machine='pc-i440fx-[0-9.]+'/);
    expect(r.out).to.contain("Domain 'fw' destroyed");
    expect((await stat(image)).size, 'the image holds the guest memory that is not zero').to.be.greaterThan(100 * 1024);
  });

  it('says NO_SUPPORT where the driver cannot save', async () => {
    const r = await run(['save', 'test', path.join(dir, 'never.save')]);
    expect(r.code).to.equal(1);
    expect(r.err).to.contain('not supported by the connection driver: save');
  });
});
