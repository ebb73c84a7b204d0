import { MigrateFlags, Virt, silentLogger } from '@virtkit/core';
import { abandonMigrationV3, wrapConnection } from '@virtkit/core/testing';
import { remotePlugin } from '@virtkit/remote';

/**
 * virtkit's client driving a managed migration from inside a test bed host's
 * namespace (the test bed's addresses exist only there):
 * `node migration-client.js SRCURI DSTURI DOMAIN MODE` where MODE is
 * - `v2` or `v3`: the whole live migration, the source offering only that
 *   protocol version; prints the version used;
 * - `p2p`: the same as peer-to-peer (migrateToURI3, DSTURI the destination
 *   as the source's daemon reaches it); prints `p2p`;
 * - `prepare` or `perform`: the v3 phases up to Prepare3 or Perform3, then
 *   an exit without another call or a close, as a killed client; prints
 *   the phase reached;
 * - `prepare-wait`: the v3 phases up to Prepare3, then the client stays
 *   connected and does nothing more until it is killed; prints `prepare`.
 */
const [src, dst, name, mode] = process.argv.slice(2);
if (!name || !['v2', 'v3', 'p2p', 'prepare', 'perform', 'prepare-wait'].includes(mode)) {
  process.stderr.write('usage: migration-client.js SRCURI DSTURI DOMAIN v2|v3|p2p|prepare|perform|prepare-wait\n');
  process.exit(2);
}
const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
const a = await virt.connect(src);
const NOVA_FLAGS = MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE;
if (mode === 'p2p') {
  await (await a.lookupDomainByName(name)).migrateToUri(dst, { flags: NOVA_FLAGS | MigrateFlags.PEER2PEER });
  process.stdout.write('p2p\n');
  await virt.dispose();
  process.exit(0);
}
const b = await virt.connect(dst);
if (mode === 'prepare-wait') {
  await abandonMigrationV3(a, b, await a.lookupDomainByName(name), 'prepare');
  process.stdout.write('prepare\n');
  await new Promise<never>(() => setInterval(() => {}, 60_000));
} else if (mode === 'prepare' || mode === 'perform') {
  await abandonMigrationV3(a, b, await a.lookupDomainByName(name), mode);
  process.stdout.write(`${mode}\n`);
  process.exit(0);
}
const only = wrapConnection(a, { migrationVersions: [mode === 'v2' ? 2 : 3] });
const res = await (await only.lookupDomainByName(name)).migrate(b, { flags: NOVA_FLAGS });
process.stdout.write(`v${res.version}\n`);
await virt.dispose();
