import { ErrorCode } from '@virtkit/core';
import { Virt } from '@virtkit/core';
import { describeDriverConformance } from '@virtkit/core/testing';
import { testDriverFeatures, testDriverPlugin } from '@virtkit/driver-test';

describeDriverConformance('test:///', {
  async setup() {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false });
    return { virt, hostA: 'test:///conformance-a?migration-ms=40', hostB: 'test:///conformance-b?empty=1&migration-ms=40' };
  },
  domainXml: (name) => `<domain type='test'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`,
  features: { declared: testDriverFeatures(new Set(['v1', 'v2', 'v3'])), osType: 'linux', wrongStateCode: ErrorCode.INTERNAL_ERROR },
});
