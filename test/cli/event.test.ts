import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { silentLogger, Virt } from '@virtkit/core';
import { BUILTIN_PLUGINS, runCli, type CliIo } from '@virtkit/cli';
import { virshOnLibvirt, virtkitOnTest } from './side-by-side.js';

/**
 * virsh's `event` on test:///default, real virsh on libvirt's test driver
 * and virtkit on its own, compared byte for byte: the event list, the
 * option errors, and a wait that times out with nothing received. (The
 * events themselves are compared through virtkitd on a QEMU guest in
 * test/driver-kvm/domain-events.test.ts.)
 */
describe('virtkit event: as virsh prints it', function () {
  this.timeout(60000);

  for (const commands of [
    'event --list',
    'event',
    'event --all --event reboot',
    'event --list --all',
    'event --list --event lifecycle',
    'event --event bogus --timeout 1',
    'event --all --timeout 0',
    'event --all --timeout abc',
    'event --all --timeout 1',
    'event --event reboot --domain nope --timeout 1',
    'event nope --all --timeout 1',
    'event --event lifecycle --domain test --loop --timeout 1',
  ]) {
    it(commands, async () => {
      const [theirs, ours] = await Promise.all([virshOnLibvirt(commands), virtkitOnTest(commands)]);
      expect(ours).to.deep.equal(theirs);
    });
  }

  it('with --loop prints every event of the domain until the timeout, and counts them; without it only the first', async () => {
    // One Virt for the waiting command and the commands that cause the events, so they share test:///default.
    const virt = await Virt.create({ plugins: BUILTIN_PLUGINS, envPlugins: false, logger: silentLogger });
    try {
      const run = async (commands: string) => {
        let stdout = '';
        const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stdout += t), errIsTty: false, errStream: new PassThrough() };
        return { code: await runCli(['-c', 'test:///default', commands], io, { env: {}, virt }), stdout };
      };
      await run('list');
      const looping = run('event --domain test --all --loop --timeout 2');
      const once = run('event --all --timeout 2');
      await new Promise((r) => setTimeout(r, 200));
      expect((await run('suspend test; resume test; desc test --new-desc hello')).code).to.equal(0);
      const [all, first] = await Promise.all([looping, once]);
      expect(all).to.deep.equal({
        code: 0,
        stdout: "event 'lifecycle' for domain 'test': Suspended Paused\nevent 'lifecycle' for domain 'test': Resumed Unpaused\n"
          + "event 'metadata-change' for domain 'test': type description, uri <null>\nevent loop timed out\nevents received: 3\n\n",
      });
      expect(first).to.deep.equal({ code: 0, stdout: "event 'lifecycle' for domain 'test': Suspended Paused\nevents received: 1\n\n" });
    } finally {
      await virt.dispose();
    }
  });
});
