import os from 'node:os';
import path from 'node:path';
import { ErrorCode, createToken, uriParam, type VirtError, type VirtUri } from '@virtkit/core';
import { fail } from './errors.js';

/**
 * Where one host keeps its state. qemu:///system uses /etc, /var/lib, /run
 * and /var/log; qemu:///session the user's XDG directories;
 * qemu:///embed?root=DIR everything under DIR, so each root is an
 * independent host (libvirt's embedded driver).
 */
export interface HostPaths {
  /** The canonical URI of this host. */
  uri: string;
  /** Persistent domain XML, one file per domain. */
  configDir: string;
  /** Status files and monitor sockets of running domains. */
  runDir: string;
  /** One QEMU log file per domain. */
  logDir: string;
  /** Cached QEMU capabilities. */
  cacheDir: string;
}

function uriError(uri: VirtUri, why: string): VirtError {
  return fail(ErrorCode.INVALID_ARG, `${why} in qemu://${uri.path}`);
}

/** The paths for a qemu:/// URI, or undefined when the path is not one the driver serves. */
export function hostPathsFor(uri: VirtUri, env: NodeJS.ProcessEnv = process.env): HostPaths | undefined {
  if (uri.path === '/system') {
    return { uri: 'qemu:///system', configDir: '/etc/virtkit/qemu', runDir: '/run/virtkit/qemu', logDir: '/var/log/virtkit/qemu', cacheDir: '/var/cache/virtkit/qemu' };
  }
  if (uri.path === '/session') {
    const home = env.HOME || os.homedir();
    const config = env.XDG_CONFIG_HOME || path.join(home, '.config');
    const cache = env.XDG_CACHE_HOME || path.join(home, '.cache');
    const run = env.XDG_RUNTIME_DIR || path.join(cache, 'virtkit', 'run');
    return { uri: 'qemu:///session', configDir: path.join(config, 'virtkit', 'qemu'), runDir: path.join(run, 'virtkit', 'qemu'), logDir: path.join(cache, 'virtkit', 'qemu', 'log'), cacheDir: path.join(cache, 'virtkit', 'qemu') };
  }
  if (uri.path === '/embed') {
    const root = uriParam(uri, 'root');
    if (!root) throw uriError(uri, "missing 'root' parameter");
    if (!path.isAbsolute(root)) throw uriError(uri, `root '${root}' must be an absolute path`);
    const r = path.resolve(root);
    return { uri: `qemu:///embed?root=${r}`, configDir: path.join(r, 'etc', 'qemu'), runDir: path.join(r, 'run', 'qemu'), logDir: path.join(r, 'log', 'qemu'), cacheDir: path.join(r, 'cache', 'qemu') };
  }
  return undefined;
}

/** Where each root keeps its state; injected under the HostPathsResolver token (default hostPathsFor). */
export interface HostPathsResolver {
  /** The paths for a qemu:/// URI, or undefined when the driver does not serve it. */
  pathsFor(uri: VirtUri): HostPaths | undefined;
}
export const HostPathsResolver = createToken<HostPathsResolver>('HostPathsResolver');

export const defaultHostPathsResolver: HostPathsResolver = { pathsFor: (uri) => hostPathsFor(uri) };
