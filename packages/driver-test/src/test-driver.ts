import {
  Clock, Logger, inject, injectable, ErrorCode, type VirtError, formatUri,
  type DriverConnection, type HypervisorDriver, type OpenOptions, type VirtUri,
} from '@virtkit/core';
import { TestHostStore } from './host-store.js';
import { testError } from './host.js';
import { TestConnection, type MigrationVersionName } from './test-connection.js';
import { loadTestNodeFile } from './test-node-file.js';
import { authenticateTestUser } from './test-auth.js';

const DEFAULT_MIGRATION_MS = 200;
const KNOWN_PARAMS = new Set(['migration', 'migration-ms', 'incoming-timeout-ms', 'empty']);

function invalid(uri: VirtUri, why: string): VirtError {
  return testError(ErrorCode.INVALID_ARG, `${formatUri(uri)}: ${why}`);
}

/**
 * test:/// — an in-memory hypervisor like libvirt's test driver. Every path
 * is an independent host; test:///default is libvirt's default test host.
 * Query options: migration=v1,v2,v3 (what the connection advertises),
 * migration-ms=N (how long a migration's transfer takes),
 * incoming-timeout-ms=N (a prepared incoming migration whose source never
 * connected expires after N ms; default 5 minutes), empty=1 (a new host
 * starts without the default domain). test:///ABSOLUTE/PATH.xml opens a
 * host built from libvirt's custom test-driver configuration file
 * (test-node-file.ts), private to the connection.
 */
@injectable()
export class TestDriver implements HypervisorDriver {
  readonly name = 'Test';
  readonly uriSchemes = ['test'] as const;

  constructor(
    @inject(TestHostStore) private readonly hosts: TestHostStore,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async open(uri: VirtUri, options: OpenOptions): Promise<DriverConnection | undefined> {
    if (uri.driver !== 'test' || uri.transport !== undefined || uri.host !== undefined) return undefined;
    if (uri.path === '/' || uri.path === '') throw invalid(uri, 'a test URI needs a path, e.g. test:///default');
    const params = new Map<string, string>();
    for (const [k, v] of uri.params) {
      if (!KNOWN_PARAMS.has(k)) throw invalid(uri, `unknown parameter '${k}' (known: ${[...KNOWN_PARAMS].join(', ')})`);
      params.set(k, v);
    }
    const migration = new Set<MigrationVersionName>(['v1', 'v2', 'v3']);
    const m = params.get('migration');
    if (m !== undefined) {
      migration.clear();
      for (const v of m.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
        if (v !== 'v1' && v !== 'v2' && v !== 'v3') throw invalid(uri, `migration= takes v1, v2 and v3, not '${v}'`);
        migration.add(v);
      }
    }
    let migrationMs = DEFAULT_MIGRATION_MS;
    const ms = params.get('migration-ms');
    if (ms !== undefined) {
      if (!/^\d{1,7}$/.test(ms)) throw invalid(uri, `migration-ms= takes milliseconds, not '${ms}'`);
      migrationMs = Number(ms);
    }
    let incomingTimeoutMs: number | undefined;
    const it = params.get('incoming-timeout-ms');
    if (it !== undefined) {
      if (!/^\d{1,9}$/.test(it) || Number(it) === 0) throw invalid(uri, `incoming-timeout-ms= takes milliseconds above 0, not '${it}'`);
      incomingTimeoutMs = Number(it);
    }
    const empty = params.get('empty');
    if (empty !== undefined && empty !== '0' && empty !== '1') throw invalid(uri, `empty= takes 0 or 1, not '${empty}'`);
    let host;
    if (uri.path.endsWith('.xml')) {
      // An absolute path to an XML file is libvirt's custom configuration: a host of this connection's own.
      const loaded = await loadTestNodeFile(uri.path, this.clock, this.logger);
      await authenticateTestUser(loaded.users, options.auth);
      host = loaded.host;
    } else {
      host = this.hosts.get(uri.path, { empty: empty === '1' });
    }
    return new TestConnection(host, { uri: formatUri(uri), migration, migrationMs, incomingTimeoutMs }, this.clock);
  }
}
