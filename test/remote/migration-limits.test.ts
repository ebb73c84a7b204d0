import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const run = promisify(execFile);

/** Real virsh sets and reads a domain's migration limits through virtkitd (test host). */
describe('remote: migration limits through real virsh', function () {
  this.timeout(60_000);
  let daemon: Virtkitd;
  const virsh = async (...args: string[]) =>
    (await run('virsh', ['-c', daemon.uri('/limits'), ...args], { timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout.trim();

  before(async () => {
    daemon = await startVirtkitd('', { verbose: false });
  });

  after(async () => {
    await daemon.stop();
  });

  it('migrate-setmaxdowntime / migrate-getmaxdowntime and migrate-setspeed / migrate-getspeed keep the values', async () => {
    await virsh('migrate-setmaxdowntime', 'test', '250');
    expect(await virsh('migrate-getmaxdowntime', 'test')).to.equal('250');
    await virsh('migrate-setspeed', 'test', '33');
    expect(await virsh('migrate-getspeed', 'test')).to.equal('33');
  });

  it('refuses a domain that is not running', async () => {
    await virsh('destroy', 'test');
    const e = await virsh('migrate-setmaxdowntime', 'test', '250').then(() => undefined, (err: { stderr: string }) => err);
    expect(e?.stderr).to.include('domain is not running');
  });
});
