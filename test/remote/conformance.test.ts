import { describeDriverConformance } from '@virtkit/core/testing';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd } from './helpers/virtkitd.js';
import { testDomainXml } from './helpers/domain-xml.js';

describeDriverConformance('remote (two virtkitd daemons serving test hosts)', {
  async setup() {
    const [a, b] = await Promise.all([startVirtkitd(), startVirtkitd()]);
    const virt = await remoteVirt();
    return {
      virt,
      hostA: a.uri('/conformance-a', 'migration-ms=40'),
      hostB: `test+tcp://${b.tcp.host}:${b.tcp.port}/conformance-b?empty=1&migration-ms=40`,
      async teardown() {
        await virt.dispose();
        await Promise.all([a.stop(), b.stop()]);
      },
    };
  },
  domainXml: testDomainXml,
  features: { migration: [1, 2, 3], osType: 'linux' },
});
