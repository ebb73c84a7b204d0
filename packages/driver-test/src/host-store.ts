import { Clock, DomainState, ErrorCode, ErrorDomain, Logger, RunningReason, errorReporter, inject, injectable, parseDomainXml } from '@virtkit/core';
import { DEFAULT_DOMAIN_XML } from './default-host.js';
import { TestDomain, TestHost } from './host.js';
import { defaultTestNetwork } from './test-network.js';

const fail = errorReporter(ErrorDomain.TEST);

/**
 * The test hosts of one Virt instance, by URI path. Each is created on first
 * open and lives as long as the instance; two Virt instances share none.
 * Since a host is never forgotten, their number is capped (`maxHosts`,
 * default TestHostStore.DEFAULT_MAX_HOSTS): opening one more path fails with
 * OPERATION_FAILED, and the existing hosts stay open to everyone.
 * The class is its own injection token.
 */
@injectable()
export class TestHostStore {
  /** How many hosts one Virt instance keeps unless told otherwise. */
  static readonly DEFAULT_MAX_HOSTS = 1024;
  private readonly hosts = new Map<string, TestHost>();
  /** Hosts this instance may hold. */
  maxHosts = TestHostStore.DEFAULT_MAX_HOSTS;

  constructor(@inject(Clock) private readonly clock: Clock, @inject(Logger) private readonly logger: Logger) {}

  get size(): number {
    return this.hosts.size;
  }

  get(path: string, options: { empty: boolean }): TestHost {
    let host = this.hosts.get(path);
    if (!host) {
      if (this.hosts.size >= this.maxHosts) {
        throw fail(ErrorCode.OPERATION_FAILED, `cannot open test host '${path}': the test driver already holds ${this.hosts.size} hosts, its limit (virtkitd's max_test_hosts)`);
      }
      host = new TestHost(path, this.clock, this.logger);
      if (!options.empty) {
        const def = parseDomainXml(DEFAULT_DOMAIN_XML);
        const d = new TestDomain(def, true, DomainState.RUNNING, RunningReason.UNKNOWN);
        d.id = host.domains.allocateId();
        d.liveDef = { ...structuredClone(def), id: d.id };
        d.runningSince = this.clock.monotonic();
        host.domains.add(d);
        host.networks.add(defaultTestNetwork());
        host.storage.addDefaultPool();
        host.interfaces.addDefault();
        host.nodeDevices.addDefaults();
      }
      this.hosts.set(path, host);
    }
    return host;
  }
}
