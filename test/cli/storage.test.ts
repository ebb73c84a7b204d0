import { expect } from 'chai';
import { virshOnLibvirt, virshStdout as virsh, virtkitOnTest, virtkitStdout as virtkit } from './side-by-side.js';

describe('cli: pool-* and vol-* on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(30000);

  it('the default pool, and a volume created, listed, shown and deleted', async () => {
    const commands = 'pool-list --all --details; pool-info default-pool; vol-create-as default-pool v1 10M; vol-list default-pool --details; '
      + 'vol-dumpxml --pool default-pool v1; vol-info --pool default-pool v1; pool-info default-pool; '
      + 'vol-info --bytes --pool default-pool v1; vol-path --pool default-pool v1; vol-key /default-pool/v1; vol-delete --pool default-pool v1; pool-list --details';
    expect(await virtkit(commands)).to.equal(await virsh(commands));
  });
});

describe('cli: a network, pool or volume that is not found: virsh\'s lines on test:///default', function () {
  this.timeout(30000);

  for (const commands of ['net-info nosuch', 'net-dumpxml nosuch', 'net-update nosuch add ip-dhcp-host /nonexistent', 'pool-info nosuch', 'pool-refresh nosuch',
    'vol-info nosuch', 'vol-info --pool default-pool nosuch', 'vol-info --pool nosuch v', 'vol-path /no/such']) {
    it(commands, async () => {
      const [theirs, ours] = await Promise.all([virshOnLibvirt(commands), virtkitOnTest(commands)]);
      expect(ours).to.deep.equal(theirs);
    });
  }
});
