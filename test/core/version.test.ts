import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LIB_VERSION, VIRTKIT_VERSION, versionNumber, versionText } from '@virtkit/core';

describe('core: versions', () => {
  it('VIRTKIT_VERSION is the package version, and LIB_VERSION its libvirt number', async () => {
    const pkg = JSON.parse(await readFile(path.resolve('packages/core/package.json'), 'utf8')) as { version: string };
    expect(VIRTKIT_VERSION).to.equal(pkg.version);
    expect(versionText(LIB_VERSION)).to.equal(VIRTKIT_VERSION.replace(/[-+].*$/, ''));
  });

  it('converts between the text and libvirt\'s major * 1,000,000 + minor * 1,000 + release', () => {
    expect(versionNumber('1.2.3')).to.equal(1002003);
    expect(versionNumber('10.0.0-rc.1')).to.equal(10000000);
    expect(versionText(9000000)).to.equal('9.0.0');
    expect(versionText(1002003)).to.equal('1.2.3');
    expect(() => versionNumber('1.2')).to.throw(RangeError);
  });
});
