import { Connection } from '../connection.js';
import { ErrorCode, ErrorDomain, VirtError } from '../errors.js';
import { DrvFeature } from '../features.js';
import type { DriverConnection } from '../driver/contract.js';
import type { MigrationVersion } from '../migration/negotiate.js';

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
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'supportsFeature' && overrides.migrationVersions) {
        return async (feature: number) => {
          const v = VERSION_FEATURES.get(feature);
          if (v !== undefined && !overrides.migrationVersions!.includes(v)) return false;
          return (value as (f: number) => Promise<boolean>).call(target, feature);
        };
      }
      if (prop === armed) {
        return async () => {
          armed = undefined;
          throw new VirtError({ code: ErrorCode.OPERATION_FAILED, domain: ErrorDomain.NONE, message: `operation failed: injected failure in ${String(prop)}` });
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  }) as DriverConnection;
  return new Connection(conn.uri, proxy, conn.driver, conn.readonly);
}
