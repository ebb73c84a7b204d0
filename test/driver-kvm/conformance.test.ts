import fs from 'node:fs/promises';
import path from 'node:path';
import { ListDomainsFlags } from '@virtkit/core';
import { describeDriverConformance } from '@virtkit/core/testing';
import { KVM_FEATURES } from '@virtkit/driver-kvm';
import { embedUri, guestXml, makeRoot, makeVirt } from './support/hosts.js';
import { ensureTestGuest } from './support/guest.js';

const roots: string[] = [];
let xmlFor: (name: string) => string = () => {
  throw new Error('setup has not run');
};

/** Two embed roots are two hosts; the guest is the counter guest, which powers off on the ACPI button. */
describeDriverConformance('qemu:///embed', {
  async setup() {
    roots.push(await makeRoot('confA'), await makeRoot('confB'));
    await ensureTestGuest();
    const template = await guestXml({ name: '@NAME@', memoryMiB: 128, serialLog: path.join(roots[0], 'serial-@NAME@.log') });
    xmlFor = (name) => template.replaceAll('@NAME@', name);
    const virt = await makeVirt({ migrationPorts: { min: 49640, max: 49660 }, shutdownTimeoutMs: 20_000 });
    return {
      virt,
      hostA: embedUri(roots[0]),
      hostB: embedUri(roots[1]),
      teardown: async () => {
        // Guests outlive connections: stop whatever a failed test left running before the roots go.
        for (const r of roots) {
          const conn = await virt.connect(embedUri(r));
          for (const d of await conn.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
          await conn.close();
          await fs.rm(r, { recursive: true, force: true });
        }
      },
    };
  },
  domainXml: (name) => xmlFor(name),
  features: { declared: KVM_FEATURES, osType: 'hvm' },
  timeoutMs: 60_000,
  settleMs: 20_000,
});
