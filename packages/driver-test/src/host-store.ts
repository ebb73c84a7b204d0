import path from 'node:path';
import { Clock, DomainState, ErrorCode, ErrorDomain, Logger, RunningReason, errorReporter, inject, injectable, parseDomainXml } from '@virtkit/core';
import { DEFAULT_DOMAIN_XML } from './default-host.js';
import { TestDomain, TestHost } from './host.js';
import { defaultTestNetwork } from './test-network.js';
import { loadHostState } from './host-state.js';

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
  /**
   * A directory where each host keeps its domains (host-state.ts, one file
   * per URI path), so the hosts outlive this process (virtkitd's
   * test_state_dir); undefined (the default): in memory only.
   */
  stateDir?: string;

  constructor(@inject(Clock) private readonly clock: Clock, @inject(Logger) private readonly logger: Logger) {}

  get size(): number {
    return this.hosts.size;
  }

  get(hostPath: string, options: { empty: boolean }): TestHost {
    let host = this.hosts.get(hostPath);
    if (!host) {
      if (this.hosts.size >= this.maxHosts) {
        throw fail(ErrorCode.OPERATION_FAILED, `cannot open test host '${hostPath}': the test driver already holds ${this.hosts.size} hosts, its limit (virtkitd's max_test_hosts)`);
      }
      host = new TestHost(hostPath, this.clock, this.logger);
      let restored = false;
      if (this.stateDir !== undefined) {
        host.stateFile = path.join(this.stateDir, `${encodeURIComponent(hostPath)}.json`);
        restored = loadHostState(host, host.stateFile, this.clock);
      }
      if (!options.empty && !restored) {
        const def = parseDomainXml(DEFAULT_DOMAIN_XML);
        const d = new TestDomain(def, true, DomainState.RUNNING, RunningReason.UNKNOWN);
        d.id = host.domains.allocateId();
        d.liveDef = { ...structuredClone(def), id: d.id };
        d.runningSince = this.clock.monotonic();
        host.domains.add(d);
        host.save();
      }
      if (!options.empty) {
        host.networks.add(defaultTestNetwork());
        host.storage.addDefaultPool();
        host.interfaces.addDefault();
        host.nodeDevices.addDefaults();
      }
      this.hosts.set(hostPath, host);
    }
    return host;
  }
}
