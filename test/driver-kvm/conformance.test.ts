import fs from 'node:fs/promises';
import { describeDriverConformance } from '@virtkit/core/testing';
import { embedUri, makeRoot, makeVirt } from './support/hosts.js';

const roots: string[] = [];

/**
 * Two embed roots are two hosts. The guest is a QEMU with no boot device:
 * SeaBIOS idles, so starting and migrating are quick; it ignores the ACPI
 * power button, hence no shutdown test.
 */
describeDriverConformance('qemu:///embed', {
  async setup() {
    roots.push(await makeRoot('confA'), await makeRoot('confB'));
    const virt = await makeVirt({ migrationPorts: { min: 49640, max: 49660 } });
    return {
      virt,
      hostA: embedUri(roots[0]),
      hostB: embedUri(roots[1]),
      teardown: async () => {
        for (const r of roots) await fs.rm(r, { recursive: true, force: true });
      },
    };
  },
  domainXml: (name) => `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices><memballoon model='none'/></devices></domain>`,
  features: { migration: [2, 3], shutdownStopsGuest: false },
  timeoutMs: 60_000,
});
