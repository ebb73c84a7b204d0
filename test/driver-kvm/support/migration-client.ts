import { MigrateFlags, Virt, silentLogger } from '@virtkit/core';
import { abandonMigrationV3, wrapConnection } from '@virtkit/core/testing';
import { remotePlugin } from '@virtkit/remote';

/**
 * virtkit's client driving a managed migration from inside a test bed host's
 * namespace (the test bed's addresses exist only there):
 * `node migration-client.js SRCURI DSTURI DOMAIN MODE` where MODE is
 * - `v2` or `v3`: the whole live migration, the source offering only that
 *   protocol version; prints the version used;
 * - `prepare` or `perform`: the v3 phases up to Prepare3 or Perform3, then
 *   an exit without another call or a close, as a killed client; prints
 *   the phase reached.
 */
const [src, dst, name, mode] = process.argv.slice(2);
if (!name || !['v2', 'v3', 'prepare', 'perform'].includes(mode)) {
  process.stderr.write('usage: migration-client.js SRCURI DSTURI DOMAIN v2|v3|prepare|perform\n');
  process.exit(2);
}
const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
const a = await virt.connect(src);
const b = await virt.connect(dst);
if (mode === 'prepare' || mode === 'perform') {
  await abandonMigrationV3(a, b, await a.lookupDomainByName(name), mode);
  process.stdout.write(`${mode}\n`);
  process.exit(0);
}
const only = wrapConnection(a, { migrationVersions: [mode === 'v2' ? 2 : 3] });
const res = await (await only.lookupDomainByName(name)).migrate(b, { flags: MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE });
process.stdout.write(`v${res.version}\n`);
await virt.dispose();
