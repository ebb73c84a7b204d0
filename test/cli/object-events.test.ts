import { expect } from 'chai';
import { virshOnLibvirt, virtkitOnTest } from './side-by-side.js';

/**
 * net-event and pool-event on test:///default, where one invocation's
 * commands run one after another, so no event comes while they wait: the
 * option checks, --list, and what a wait that times out prints and
 * returns. (The events a daemon delivers while they wait are compared in
 * test/remote/object-event-commands.test.ts.)
 */
describe("cli: net-event and pool-event on test:///default print what virsh prints on libvirt's", function () {
  this.timeout(60_000);

  /** Each alone, as one invocation: stdout, stderr and exit status. */
  const ALONE = [
    'net-event --list',
    'pool-event --list',
    'net-event --list --event lifecycle',
    'net-event',
    'pool-event --timeout 1',
    'net-event --event foo',
    'pool-event --event lifecycle2 --timeout 0',
    'net-event --event lifecycle --timeout 1',
    'pool-event --event refresh --timeout 1 --loop --timestamp',
    'pool-event --event lifecycle --timeout 1',
    'net-event --event lifecycle --timeout 0',
    'net-event --event lifecycle --timeout -1',
    'net-event --event lifecycle --timeout abc',
    'net-event --event lifecycle --timeout 2147484',
    'net-event nosuch --event lifecycle --timeout 1',
    'pool-event --pool nosuch --event refresh --timeout 1',
    'net-event --network default --event lifecycle --timeout 1',
    'pool-event default-pool --event lifecycle --timeout 1',
    'net-event --event lifecycle --bogus',
  ];

  for (const commands of ALONE) {
    it(commands, async () => {
      const [theirs, ours] = await Promise.all([virshOnLibvirt(commands), virtkitOnTest(commands)]);
      expect(ours).to.deep.equal(theirs);
    });
  }

  it('a wait that timed out, then more commands: the same output', async () => {
    const commands = 'net-event --event lifecycle --timeout 1; net-destroy default; pool-event default-pool --event refresh --timeout 1; pool-list --all';
    const [theirs, ours] = await Promise.all([virshOnLibvirt(commands), virtkitOnTest(commands)]);
    expect(ours.stdout).to.equal(theirs.stdout);
    expect(ours.stderr).to.equal(theirs.stderr);
    expect(ours.stdout).to.contain('event loop timed out\nevents received: 0\n\nNetwork default destroyed\n');
  });
});
