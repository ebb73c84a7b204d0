import { readFileSync } from 'node:fs';

/**
 * virtkit's two version numbers, which change for different reasons:
 *
 * - VIRTKIT_VERSION is the release of the library: @virtkit/core's own
 *   package.json version, read at run time, so it is always the one
 *   installed. It is what virConnectGetLibVersion reports (as LIB_VERSION)
 *   and what `virtkit version` prints as "Using library".
 * - CORE_API_VERSION (plugin.ts) is the version of the contract drivers and
 *   plugins are written against (driver/contract.ts, driver/migration.ts,
 *   the plugin object). Its minor number grows when the contract grows
 *   (`@since` tags name it); a plugin's `coreApi` range is checked against it.
 */
export const VIRTKIT_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** libvirt's numeric form of a version: major * 1,000,000 + minor * 1,000 + release ("1.2.3" → 1002003). */
export function versionNumber(text: string): number {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (!m) throw new RangeError(`'${text}' is not a major.minor.release version`);
  return Number(m[1]) * 1_000_000 + Number(m[2]) * 1_000 + Number(m[3]);
}

/** The text form of libvirt's numeric version (1002003 → "1.2.3"). */
export function versionText(n: number): string {
  return `${Math.floor(n / 1e6)}.${Math.floor((n % 1e6) / 1e3)}.${n % 1e3}`;
}

/** libvirt's library version for virConnectGetLibVersion: VIRTKIT_VERSION as a number. */
export const LIB_VERSION = versionNumber(VIRTKIT_VERSION);
