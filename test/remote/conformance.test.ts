import { ErrorCode } from '@virtkit/core';
import { DriverRole, DrvFeature } from '@virtkit/core';
import { describeDriverConformance } from '@virtkit/core/testing';

/** What the daemons' test hosts declare, as the wire carries it, plus what the remote client adds. */
const REMOTE_TEST_FEATURES = [
  DrvFeature.MIGRATION_V1, DrvFeature.MIGRATION_V2, DrvFeature.MIGRATION_V3, DrvFeature.MIGRATION_P2P, DrvFeature.MIGRATION_PARAMS, DrvFeature.MIGRATION_OFFLINE, DrvFeature.XML_MIGRATABLE,
  DrvFeature.REMOTE, DrvFeature.PROGRAM_KEEPALIVE, DrvFeature.REMOTE_EVENT_CALLBACK, DrvFeature.REMOTE_CLOSE_CALLBACK,
  DrvFeature.TYPED_PARAM_STRING, DrvFeature.FD_PASSING, DrvFeature.NETWORK_UPDATE_HAS_CORRECT_ORDER,
  DriverRole.JOBS, DriverRole.EVENTS, DriverRole.CLOSE_EVENTS, DriverRole.NETWORKS, DriverRole.STORAGE, DriverRole.MIGRATION_TUNING, DriverRole.MIGRATION_POSTCOPY,
  // The domain-control roles of the test hosts, each found by its probe at open (DEVICE_DETACH is answered NO_SUPPORT); events with REMOTE_EVENT_CALLBACK.
  DriverRole.DOMAIN_CONTROL, DriverRole.DOMAIN_RESOURCES, DriverRole.DOMAIN_AUTOSTART, DriverRole.MANAGED_SAVE, DriverRole.DOMAIN_METADATA,
  DriverRole.SCHEDULER, DriverRole.DOMAIN_STATS, DriverRole.DOMAIN_EVENTS, DriverRole.DOMAIN_TIME,
  // Probed at open: what the test hosts have of the object families (no secrets or network filters, as libvirt's test driver).
  DriverRole.NETWORK_EVENTS, DriverRole.STORAGE_POOL_EVENTS, DriverRole.SNAPSHOTS, DriverRole.INTERFACES, DriverRole.NODE_DEVICES, DriverRole.CHECKPOINTS,
  // Screenshots and keys, probed at open; no console, as libvirt's test driver has none.
  DriverRole.SCREENSHOT, DriverRole.SEND_KEY,
  // Probed at open: the host-info, domain-info, pinning and guest roles.
  DriverRole.HOST_INFO, DriverRole.DOMAIN_INFO, DriverRole.DOMAIN_PINNING, DriverRole.DOMAIN_GUEST,
];
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
  features: { declared: REMOTE_TEST_FEATURES, osType: 'linux', wrongStateCode: ErrorCode.INTERNAL_ERROR },
});
