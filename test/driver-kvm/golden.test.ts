import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { formatDomainXml, parseDomainXml } from '@virtkit/core';
import { QEMU_7_2_CAPS, buildQemuArgv, canonicalizeDomain, domxmlFromNative, domxmlToNative } from '@virtkit/driver-kvm';

// qemuxmlconftest in small: each golden/NAME.xml (written for virtkit, one per device family) must give
// golden/NAME.args (one argv word per line) for Debian 12's QEMU 7.2, come back through domxml-from-native
// to the same command line, and be a fixed point of canonicalisation.
// VIRTKIT_UPDATE_GOLDEN=1 rewrites the .args files; review the diff.

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '..', 'golden');
const host = { monitorPath: '/run/virtkit/qemu/mon.sock', nvramPath: '/var/lib/virtkit/qemu/nvram/guest_VARS.fd', tpmSocket: '/run/virtkit/qemu/guest.swtpm' };
// A host with a single NUMA node, where placement='auto' needs no numad (see numadNodeset).
const caps = { ...QEMU_7_2_CAPS, hostNumaNodes: [0] };
const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => f.slice(0, -4)).sort();

describe('driver-kvm golden argv (QEMU 7.2)', () => {
  it('has a case per family', () => expect(cases.length).to.be.greaterThan(5));

  for (const name of cases) {
    const xml = () => fs.readFileSync(path.join(dir, `${name}.xml`), 'utf8');

    it(`${name}: XML → argv`, () => {
      const argv = buildQemuArgv(parseDomainXml(xml()), caps, host);
      const golden = path.join(dir, `${name}.args`);
      if (process.env.VIRTKIT_UPDATE_GOLDEN) fs.writeFileSync(golden, argv.join('\n') + '\n');
      expect(argv).to.deep.equal(fs.readFileSync(golden, 'utf8').trimEnd().split('\n'));
    });

    it(`${name}: domxml-from-native gives back the same argv`, () => {
      const native = domxmlToNative(xml(), caps);
      expect(domxmlToNative(domxmlFromNative(native), caps)).to.equal(native);
    });

    it(`${name}: the canonical XML is a fixed point and rebuilds the same argv`, () => {
      const once = canonicalizeDomain(parseDomainXml(xml()), caps);
      const stored = formatDomainXml(once, { inactive: true });
      const twice = canonicalizeDomain(parseDomainXml(stored), caps);
      expect(formatDomainXml(twice, { inactive: true })).to.equal(stored);
      expect(buildQemuArgv(parseDomainXml(stored), caps, host)).to.deep.equal(buildQemuArgv(parseDomainXml(xml()), caps, host));
    });
  }
});
