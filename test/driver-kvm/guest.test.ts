import fs from 'node:fs/promises';
import { expect } from 'chai';
import { counterValues, ensureTestGuest } from './support/guest.js';

describe('driver-kvm test guest', function () {
  this.timeout(180_000);

  it('is built from Debian packages: a bzImage kernel and a gzip initramfs', async () => {
    const guest = await ensureTestGuest();
    const kernel = await fs.readFile(guest.kernel);
    expect(kernel.subarray(0x202, 0x206).toString('latin1')).to.equal('HdrS');
    const initrd = await fs.readFile(guest.initrd);
    expect([initrd[0], initrd[1]]).to.deep.equal([0x1f, 0x8b]);
  });

  it('reads complete counter lines only', () => {
    expect(counterValues('c=1\nc=2\r\nc=3')).to.deep.equal([1, 2]);
  });
});
