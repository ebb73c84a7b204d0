import { Clock, DomainState, Logger, RunningReason, inject, injectable, parseDomainXml } from '@virtkit/core';
import { DEFAULT_DOMAIN_XML } from './default-host.js';
import { TestDomain, TestHost } from './host.js';
import { defaultTestNetwork } from './test-network.js';

/**
 * The test hosts of one Virt instance, by URI path. Each is created on first
 * open and lives as long as the instance; two Virt instances share none.
 * The class is its own injection token.
 */
@injectable()
export class TestHostStore {
  private readonly hosts = new Map<string, TestHost>();

  constructor(@inject(Clock) private readonly clock: Clock, @inject(Logger) private readonly logger: Logger) {}

  get(path: string, options: { empty: boolean }): TestHost {
    let host = this.hosts.get(path);
    if (!host) {
      host = new TestHost(path, this.clock, this.logger);
      if (!options.empty) {
        const def = parseDomainXml(DEFAULT_DOMAIN_XML);
        const d = new TestDomain(def, true, DomainState.RUNNING, RunningReason.UNKNOWN);
        d.id = host.domains.allocateId();
        d.liveDef = { ...structuredClone(def), id: d.id };
        d.runningSince = this.clock.monotonic();
        host.domains.add(d);
        host.networks.add(defaultTestNetwork());
      }
      this.hosts.set(path, host);
    }
    return host;
  }
}
