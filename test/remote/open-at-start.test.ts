import { expect } from 'chai';
import { ErrorCode, isVirtError } from '@virtkit/core';
import { applyConf, defaultConfig, parseConfText } from '@virtkit/remote/daemon';
import { thrown } from './helpers/expect-error.js';
import { startVirtkitd } from './helpers/virtkitd.js';

/** What holding qemu:///system changes for migrations: test/driver-kvm/testbed-faults.test.ts. */
describe('virtkitd open_at_start: hosts opened before listening and held until stop', function () {
  this.timeout(30000);

  it('reads a list of URIs; anything else is a CONF_SYNTAX error', () => {
    expect(defaultConfig().openAtStart).to.deep.equal([]);
    expect(applyConf(defaultConfig(), parseConfText('open_at_start = ["qemu:///system", "test:///default"]')).openAtStart).to.deep.equal(['qemu:///system', 'test:///default']);
    const e = thrown(() => applyConf(defaultConfig(), parseConfText('open_at_start = "qemu:///system"')));
    expect(isVirtError(e, ErrorCode.CONF_SYNTAX)).to.equal(true);
    expect((e as Error).message).to.contain('open_at_start must be a list of strings');
  });

  it("a URI its driver refuses stops the daemon before it listens, with the driver's error", async () => {
    const err = await startVirtkitd('open_at_start = ["qemu:///embed"]').then(async (d) => { await d.stop(); return ''; }, (e: Error) => e.message);
    expect(err).to.contain("virtkitd exited with 1: virtkitd: invalid argument: missing 'root' parameter in qemu:///embed");
  });
});
