import { Connection } from '../connection.js';
import { ErrorCode, ErrorDomain, VirtError, errorReporter } from '../errors.js';
import { DrvFeature } from '../features.js';
import type { DriverConnection } from '../driver/contract.js';
import type { MigrationVersion } from '../migration/negotiate.js';

const fail = errorReporter(ErrorDomain.NONE);

/** The driver calls of each migration protocol, in the order they run. */
export const MIGRATION_PHASES: Record<MigrationVersion, readonly string[]> = {
  1: ['migratePrepare', 'migratePerform', 'migrateFinish'],
  2: ['migratePrepare2', 'migratePerform', 'migrateFinish2'],
  3: ['migrateBegin3', 'migratePrepare3', 'migratePerform3', 'migrateFinish3', 'migrateConfirm3'],
};

export interface ConnectionOverrides {
  /** Fail the next call to this driver method once, before the driver runs it. */
  failOnce?: string;
  /** Advertise only these migration versions (the driver must support them). */
  migrationVersions?: readonly MigrationVersion[];
}

const VERSION_FEATURES = new Map<number, MigrationVersion>([[DrvFeature.MIGRATION_V1, 1], [DrvFeature.MIGRATION_V2, 2], [DrvFeature.MIGRATION_V3, 3]]);

/**
 * A second Connection on the same driver connection with calls changed:
 * a failure injected into one phase, or a narrower set of advertised
 * migration versions. For tests of the orchestrator and of drivers.
 */
export function wrapConnection(conn: Connection, overrides: ConnectionOverrides): Connection {
  const inner = conn.live();
  let armed = overrides.failOnce;
  const versions = overrides.migrationVersions;
  const features: ReadonlySet<number> = versions
    ? new Set([...inner.features].filter((f) => { const v = VERSION_FEATURES.get(f); return v === undefined || versions.includes(v); }))
    : inner.features;
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'features') return features;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === armed) {
        return async () => {
          armed = undefined;
          throw fail(ErrorCode.OPERATION_FAILED, `injected failure in ${String(prop)}`);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  }) as DriverConnection;
  return new Connection(conn.uri, proxy, conn.driver, conn.readonly, conn.services);
}
