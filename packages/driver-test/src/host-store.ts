import { parseDomainXml, DomainState, RunningReason } from '@virtkit/core';
import { DEFAULT_DOMAIN_XML } from './default-host.js';
import { TestHost } from './host.js';

/**
 * The test hosts of one Virt instance, by URI path. Each is created on first
 * open and lives as long as the instance; two Virt instances share none.
 * The class is its own injection token.
 */
export class TestHostStore {
  private readonly hosts = new Map<string, TestHost>();

  get(path: string, options: { empty: boolean }): TestHost {
    let host = this.hosts.get(path);
    if (!host) {
      host = new TestHost(path);
      if (!options.empty) {
        const def = parseDomainXml(DEFAULT_DOMAIN_XML);
        const id = host.allocateId();
        host.domains.set(def.uuid, {
          def,
          liveDef: { ...structuredClone(def), id },
          persistent: true,
          state: DomainState.RUNNING,
          reason: RunningReason.UNKNOWN,
          id,
          runningSince: performance.now(),
          cpuTimeNs: 0n,
        });
      }
      this.hosts.set(path, host);
    }
    return host;
  }
}
