import { Virt, silentLogger } from '@virtkit/core';
import { abandonMigrationV3 } from '@virtkit/core/testing';
import { remotePlugin } from '@virtkit/remote';

/**
 * A migration client that dies: run inside a test bed host's namespace as
 * `node abandoned-client.js SRCURI DSTURI DOMAIN prepare|perform`, it runs
 * the v3 phases over the wire up to Prepare3 or Perform3, prints the phase
 * it reached and exits without another call or a close, as a killed client.
 */
const [src, dst, name, until] = process.argv.slice(2);
if (!name || (until !== 'prepare' && until !== 'perform')) {
  process.stderr.write('usage: abandoned-client.js SRCURI DSTURI DOMAIN prepare|perform\n');
  process.exit(2);
}
const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
const a = await virt.connect(src);
const b = await virt.connect(dst);
await abandonMigrationV3(a, b, await a.lookupDomainByName(name), until);
process.stdout.write(`${until}\n`);
process.exit(0);
