import { expect } from 'chai';
import { ErrorCode, ErrorDomain, Virt, isVirtError, silentLogger, type VirtError } from '@virtkit/core';
import { TestHostStore, testDriverPlugin } from '@virtkit/driver-test';

describe('test driver: named hosts are capped', () => {
  let virt: Virt;
  beforeEach(async () => { virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger }); });
  afterEach(() => virt.dispose());

  async function refusal(uri: string): Promise<VirtError> {
    const e = await virt.connect(uri).then(() => undefined, (err: unknown) => err);
    expect(isVirtError(e), `opening ${uri} must fail with a VirtError`).to.equal(true);
    return e as VirtError;
  }

  it(`holds at most ${TestHostStore.DEFAULT_MAX_HOSTS} test:///NAME hosts by default, then refuses a new name`, async () => {
    for (let i = 0; i < TestHostStore.DEFAULT_MAX_HOSTS; i++) await (await virt.connect(`test:///h${i}?empty=1`)).close();
    const e = await refusal('test:///one-too-many');
    expect([e.code, e.domain]).to.deep.equal([ErrorCode.OPERATION_FAILED, ErrorDomain.TEST]);
    expect(e.message).to.equal(`operation failed: cannot open test host '/one-too-many': the test driver already holds ${TestHostStore.DEFAULT_MAX_HOSTS} hosts, its limit (virtkitd's max_test_hosts)`);
    // Existing hosts still open, with their state.
    const again = await virt.connect('test:///h7');
    expect(await again.listAllDomains()).to.have.length(0);
    await again.close();
  });

  it('takes its cap from the store, per Virt instance', async () => {
    virt.container.resolve(TestHostStore).maxHosts = 2;
    await (await virt.connect('test:///a')).close();
    await (await virt.connect('test:///b')).close();
    expect(isVirtError(await refusal('test:///c'), ErrorCode.OPERATION_FAILED)).to.equal(true);
    await (await virt.connect('test:///a')).close();
    const other = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger });
    try {
      await (await other.connect('test:///c')).close();
    } finally {
      await other.dispose();
    }
  });
});
