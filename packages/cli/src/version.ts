import { readFileSync } from 'node:fs';

interface PackageJson {
  version: string;
  dependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageJson;

/** The virtkit command line's own release (@virtkit/cli's package.json): what `virtkit -v` prints. */
export const CLI_VERSION = pkg.version;

/**
 * The @virtkit/core release this command line is built against, as its
 * package.json names it: `virtkit version`'s "Compiled against library".
 * "Using library" is the core actually loaded (VIRTKIT_VERSION).
 */
export const BUILT_AGAINST_CORE = pkg.dependencies['@virtkit/core'];
