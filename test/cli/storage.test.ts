import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { runCli, type CliIo } from '@virtkit/cli';

const exec = promisify(execFile);
const URI = 'test:///default';

async function virsh(commands: string): Promise<string> {
  return (await exec('virsh', ['-c', URI, commands], { timeout: 20000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout;
}

async function virtkit(commands: string): Promise<string> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, errStream: new PassThrough() };
  const code = await runCli(['-c', URI, commands], io, { env: {} });
  expect(err, commands).to.equal('');
  expect(code).to.equal(0);
  return out;
}

describe('cli: pool-* and vol-* on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(30000);

  it('the default pool, and a volume created, listed, shown and deleted', async () => {
    const commands = 'pool-list --all --details; pool-info default-pool; vol-create-as default-pool v1 10M; vol-list default-pool --details; '
      + 'vol-dumpxml --pool default-pool v1; vol-info --pool default-pool v1; pool-info default-pool; '
      + 'vol-info --bytes --pool default-pool v1; vol-path --pool default-pool v1; vol-key /default-pool/v1; vol-delete --pool default-pool v1; pool-list --details';
    expect(await virtkit(commands)).to.equal(await virsh(commands));
  });
});
