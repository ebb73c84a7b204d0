import { expect } from 'chai';
import { virshStdout as virsh, virtkitStdout as virtkit } from './side-by-side.js';

describe('cli: pool-* and vol-* on test:///default print what virsh prints on libvirt\'s', function () {
  this.timeout(30000);

  it('the default pool, and a volume created, listed, shown and deleted', async () => {
    const commands = 'pool-list --all --details; pool-info default-pool; vol-create-as default-pool v1 10M; vol-list default-pool --details; '
      + 'vol-dumpxml --pool default-pool v1; vol-info --pool default-pool v1; pool-info default-pool; '
      + 'vol-info --bytes --pool default-pool v1; vol-path --pool default-pool v1; vol-key /default-pool/v1; vol-delete --pool default-pool v1; pool-list --details';
    expect(await virtkit(commands)).to.equal(await virsh(commands));
  });
});
