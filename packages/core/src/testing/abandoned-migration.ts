import type { Connection } from '../connection.js';
import type { Domain } from '../domain.js';
import { ErrorCode, ErrorDomain, errorReporter } from '../errors.js';
import { MigrateFlags } from '../flags.js';
import { hasMigrationV3 } from '../driver/migration.js';

const fail = errorReporter(ErrorDomain.NONE);

/**
 * Runs the v3 phases of migrating `dom` from `src` to `dst` one by one up
 * to `until` and stops there, as a client that dies at that point would:
 * Confirm3 never comes (nor Finish3 unless `until` is 'finish'). For tests
 * of how drivers recover a migration whose client is gone.
 */
export async function abandonMigrationV3(
  src: Connection, dst: Connection, dom: Domain, until: 'prepare' | 'perform' | 'finish',
  options: { flags?: number; /** MiB/s, 0 for the driver's default. */ bandwidth?: number } = {},
): Promise<void> {
  const { flags = MigrateFlags.LIVE, bandwidth = 0 } = options;
  const s = src.live();
  const d = dst.live();
  if (!hasMigrationV3(s) || !hasMigrationV3(d)) throw fail(ErrorCode.NO_SUPPORT, 'migration v3 is not declared by both connections');
  const begin = await s.migrateBegin3(dom.driverRef, { flags, bandwidth });
  const prep = await d.migratePrepare3({ cookieIn: begin.cookie, domXml: begin.xml, flags, bandwidth });
  if (until === 'prepare') return;
  await s.migratePerform3(dom.driverRef, { cookieIn: prep.cookie, uri: prep.uriOut!, flags, bandwidth });
  if (until === 'finish') await d.migrateFinish3({ dname: dom.name, uri: prep.uriOut!, flags, cancelled: false });
}
