import { randomUUID } from 'node:crypto';
import { describeDriverConformance } from '@virtkit/core/testing';
import { XEN_FEATURES } from '@virtkit/driver-xen';
import { pvXml, startXenHosts } from './xen-hosts.js';

describeDriverConformance('xen:/// against the xend emulator', {
  async setup() {
    const hosts = await startXenHosts();
    return { virt: hosts.virt, hostA: hosts.uriA, hostB: hosts.uriB, teardown: () => hosts.teardown() };
  },
  domainXml: (name) => pvXml(name, { uuid: randomUUID() }),
  // xend deletes halted domains only (XendDomain.domain_delete: "Domain is not halted.").
  features: { declared: XEN_FEATURES, undefineKeepsRunning: false, osType: 'linux' },
});
