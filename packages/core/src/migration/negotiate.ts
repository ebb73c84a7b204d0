import { ErrorCode, ErrorDomain, errorReporter } from '../errors.js';

const fail = errorReporter(ErrorDomain.DOMAIN);
import { DrvFeature } from '../features.js';
import type { Connection } from '../connection.js';

export type MigrationVersion = 1 | 2 | 3;

const FEATURE: Record<MigrationVersion, DrvFeature> = { 1: DrvFeature.MIGRATION_V1, 2: DrvFeature.MIGRATION_V2, 3: DrvFeature.MIGRATION_V3 };

/** The migration versions a connection advertises, highest first. */
export async function advertisedVersions(conn: Connection): Promise<MigrationVersion[]> {
  const out: MigrationVersion[] = [];
  for (const v of [3, 2, 1] as const) {
    if (await conn.supportsFeature(FEATURE[v])) out.push(v);
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
  throw fail(ErrorCode.NO_SUPPORT, `no common migration protocol version: ${names.source} supports ${describeVersions(source)}, ${names.destination} supports ${describeVersions(destination)}`);
}
