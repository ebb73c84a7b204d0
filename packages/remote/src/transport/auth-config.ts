import { accessSync, constants, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@virtkit/core';
import { remoteFail } from '../errors.js';

/**
 * libvirt's client credentials file (virauthconfig.c), a GLib key file:
 *
 *   [credentials-prod]
 *   authname=admin
 *   password=secret
 *
 *   [auth-libvirt-HOST]        # or [auth-libvirt-default]
 *   credentials=prod
 *
 * HOST is the URI's host, "localhost" for a URI without one.
 */
export type AuthConfig = { path: string; groups: Map<string, Map<string, string>> };

/**
 * The file libvirt reads (virAuthGetConfigFilePath): $LIBVIRT_AUTH_FILE as
 * given, else the first readable of $XDG_CONFIG_HOME/libvirt/auth.conf
 * (~/.config when unset) and /etc/libvirt/auth.conf; undefined if none.
 */
export function authConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  if (env.LIBVIRT_AUTH_FILE) return env.LIBVIRT_AUTH_FILE;
  const configHome = env.XDG_CONFIG_HOME || path.join(env.HOME ?? os.homedir(), '.config');
  for (const candidate of [path.join(configHome, 'libvirt', 'auth.conf'), '/etc/libvirt/auth.conf']) {
    try {
      accessSync(candidate, constants.R_OK);
      return candidate;
    } catch {
      // not there or not readable: libvirt moves on to the next one
    }
  }
  return undefined;
}

/** GLib key-file escapes in values: \s \n \t \r \\. */
function unescape(value: string): string {
  return value.replace(/\\([sntr\\])/g, (_m, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!);
}

export function parseAuthConfig(text: string, file: string): AuthConfig {
  const groups = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#')) return;
    const group = /^\[([^\]]+)\]$/.exec(line);
    if (group) {
      current = groups.get(group[1]) ?? new Map();
      groups.set(group[1], current);
      return;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (!kv || !current) throw remoteFail(ErrorCode.CONF_SYNTAX, `${file}:${i + 1}: expected '[group]' or 'key=value'`);
    current.set(kv[1], unescape(kv[2]));
  });
  return { path: file, groups };
}

export function readAuthConfig(file: string): AuthConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw remoteFail(ErrorCode.AUTH_FAILED, `cannot read the authentication file '${file}': ${(e as Error).message}`, e);
  }
  return parseAuthConfig(text, file);
}

/**
 * virAuthConfigLookup: the credential `name` (authname, password, username,
 * realm) for a service on a host, or undefined when the file has none.
 */
export function lookupAuthConfig(config: AuthConfig, service: string, host: string, name: string): string | undefined {
  let authGroup = `auth-${service}-${host}`;
  if (!config.groups.has(authGroup)) authGroup = `auth-${service}-default`;
  const auth = config.groups.get(authGroup);
  if (!auth) return undefined;
  const credentials = auth.get('credentials');
  if (credentials === undefined) throw remoteFail(ErrorCode.CONF_SYNTAX, `Missing item 'credentials' in group '${authGroup}' in '${config.path}'`);
  const group = config.groups.get(`credentials-${credentials}`);
  if (!group) throw remoteFail(ErrorCode.CONF_SYNTAX, `Missing group 'credentials-${credentials}' referenced from group '${authGroup}' in '${config.path}'`);
  return group.get(name);
}
