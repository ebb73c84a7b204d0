import { ErrorCode, ErrorDomain, VirtError } from '../errors.js';
import { DrvFeature } from '../features.js';
import type { Connection } from '../connection.js';
import { hasMigrationV1, hasMigrationV2, hasMigrationV3 } from '../driver/migration.js';

export type MigrationVersion = 1 | 2 | 3;

const FEATURE: Record<MigrationVersion, DrvFeature> = { 1: DrvFeature.MIGRATION_V1, 2: DrvFeature.MIGRATION_V2, 3: DrvFeature.MIGRATION_V3 };
const HAS_ROLE = { 1: hasMigrationV1, 2: hasMigrationV2, 3: hasMigrationV3 } as const;

/** The migration versions a connection advertises, highest first. A driver that advertises a version must implement its role. */
export async function advertisedVersions(conn: Connection): Promise<MigrationVersion[]> {
  const out: MigrationVersion[] = [];
  for (const v of [3, 2, 1] as const) {
    if (!(await conn.supportsFeature(FEATURE[v]))) continue;
    if (!HAS_ROLE[v](conn.live())) {
      throw new VirtError({ code: ErrorCode.INTERNAL_ERROR, domain: ErrorDomain.NONE, message: `internal error: driver '${conn.driver.name}' advertises migration v${v} but does not implement it` });
    }
    out.push(v);
  }
  return out;
}

export function describeVersions(vs: readonly MigrationVersion[]): string {
  return vs.length === 0 ? 'none' : vs.slice().sort().map((v) => `v${v}`).join(',');
}

/**
 * libvirt's virDomainMigrate choice: v3 when both ends support it, else v2,
 * else v1, else NO_SUPPORT naming what each side supports.
 */
export function chooseVersion(source: readonly MigrationVersion[], destination: readonly MigrationVersion[], names = { source: 'source', destination: 'destination' }): MigrationVersion {
  for (const v of [3, 2, 1] as const) if (source.includes(v) && destination.includes(v)) return v;
  throw new VirtError({
    code: ErrorCode.NO_SUPPORT,
    domain: ErrorDomain.NONE,
    message: `this function is not supported by the connection driver: no common migration protocol version: ${names.source} supports ${describeVersions(source)}, ${names.destination} supports ${describeVersions(destination)}`,
  });
}
