import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DependencyContainer } from 'tsyringe';
import { ErrorCode, ErrorDomain, type VirtError, errorReporter } from './errors.js';
import type { DriverRegistry } from './registry.js';
import { satisfiesRange } from './semver-range.js';

/**
 * The version of the contract drivers and plugins are written against
 * (driver/contract.ts, driver/migration.ts, VirtPlugin), checked against a
 * plugin's `coreApi` range. Minor versions only add; `@since` tags name the
 * version a member arrived in. Not the package's release: that is
 * VIRTKIT_VERSION (version.ts).
 */
export const CORE_API_VERSION = '1.1.0';

/**
 * A plugin: a value, not a side effect of importing a module. Built-in
 * drivers are plugins too. Third-party plugins list @virtkit/core and
 * tsyringe as peer dependencies so the host owns the one copy.
 */
export interface VirtPlugin {
  name: string;
  /** The range of core's API this plugin works with, e.g. '^1'. */
  coreApi: string;
  /** Registers drivers and services; called once per Virt instance. */
  register(registry: DriverRegistry, container: DependencyContainer): void | Promise<void>;
}

const pluginError = errorReporter(ErrorDomain.NONE);

export function isVirtPlugin(value: unknown): value is VirtPlugin {
  const p = value as Partial<VirtPlugin> | null;
  return typeof p === 'object' && p !== null && typeof p.name === 'string' && typeof p.coreApi === 'string' && typeof p.register === 'function';
}

/** Checks a plugin value against the contract and core's API version. */
export function checkPlugin(value: unknown, origin: string): VirtPlugin {
  if (!isVirtPlugin(value)) {
    throw pluginError(ErrorCode.OPERATION_FAILED, `plugin ${origin} is not a virtkit plugin: it needs 'name', 'coreApi' and 'register'`);
  }
  let ok: boolean;
  try {
    ok = satisfiesRange(CORE_API_VERSION, value.coreApi);
  } catch (e) {
    throw pluginError(ErrorCode.CONFIG_UNSUPPORTED, `plugin '${value.name}' (${origin}) has a malformed coreApi range '${value.coreApi}': ${(e as Error).message}`);
  }
  if (!ok) {
    throw pluginError(ErrorCode.CONFIG_UNSUPPORTED, `plugin '${value.name}' (${origin}) requires core API '${value.coreApi}', but this is core API ${CORE_API_VERSION}`);
  }
  return value;
}

/**
 * Loads a plugin by module specifier: a package name, or a path (relative
 * paths from the working directory). The module's default export or its
 * export named `plugin` must be a VirtPlugin.
 */
export async function loadPlugin(specifier: string): Promise<VirtPlugin> {
  const target = /^(\.{1,2}[\\/]|[\\/])/.test(specifier) ? pathToFileURL(path.resolve(specifier)).href : specifier;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(target)) as Record<string, unknown>;
  } catch (e) {
    throw pluginError(ErrorCode.OPERATION_FAILED, `plugin '${specifier}' could not be loaded: ${(e as Error).message}`, e);
  }
  const value = mod.default !== undefined && isVirtPlugin(mod.default) ? mod.default : mod.plugin ?? mod.default;
  return checkPlugin(value, `'${specifier}'`);
}

/** VIRTKIT_PLUGINS: specifiers separated by commas. */
export function pluginSpecifiersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.VIRTKIT_PLUGINS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}
