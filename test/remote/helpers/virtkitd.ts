import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './libvirtd.js';

/** The compiled daemon binary of @virtkit/remote. */
export const VIRTKITD = fileURLToPath(new URL('../../../../packages/remote/dist/bin/virtkitd.js', import.meta.url));

export interface Virtkitd {
  proc: ChildProcess;
  dir: string;
  socket: string;
  roSocket: string;
  tcp: { host: string; port: number };
  /** The TLS listener, when the config has one (listen_tls with `listen: true`). */
  tls?: { host: string; port: number };
  /** Output written so far on stderr (logs). */
  stderr(): string;
  /** test+unix:///PATH?socket=… for a test host of this daemon. */
  uri(testPath?: string, query?: string): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts virtkitd as its own process (logging every call unless verbose is
 * false) on sockets in a temporary directory and TCP on a free loopback port,
 * without authentication on TCP (auth_tcp = "none", written out as an
 * operator must; `conf` may override it). `listen` adds --listen, for the TLS
 * listener of `conf`.
 */
export async function startVirtkitd(conf = '', options: { verbose?: boolean; env?: NodeJS.ProcessEnv; listen?: boolean; /** HOST:PORT of the TCP listener; default 127.0.0.1:0. */ tcp?: string; /** Options for node itself, before the daemon's script (e.g. --cpu-prof, which NODE_OPTIONS refuses). */ nodeArgs?: string[]; /** Another build's virtkitd.js (a benchmark's baseline); default this checkout's. */ script?: string } = {}): Promise<Virtkitd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkitd-'));
  const confFile = path.join(dir, 'virtkitd.conf');
  await writeFile(confFile, `auth_tcp = "none"\n${conf}`);
  const socket = path.join(dir, 'sock');
  const roSocket = path.join(dir, 'sock-ro');
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script ?? VIRTKITD, '--socket', socket, '--ro-socket', roSocket, '--tcp', options.tcp ?? '127.0.0.1:0', '--config', confFile, ...(options.listen ? ['--listen'] : []), ...(options.verbose === false ? [] : ['--verbose'])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, VIRTKIT_PLUGINS: '', ...options.env },
  });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const ready = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`virtkitd did not start: ${err}`)), 15000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`virtkitd exited with ${code}: ${err}`));
    });
  }).catch(async (e: unknown) => {
    // A daemon that did not start leaves nothing behind.
    await stopProcess(proc);
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  const m = /tcp=([\d.]+):(\d+)/.exec(ready);
  if (!m) throw new Error(`unexpected virtkitd output: ${ready}`);
  const t = /tls=([\d.]+):(\d+)/.exec(ready);
  return {
    proc,
    dir,
    socket,
    roSocket,
    tcp: { host: m[1], port: Number(m[2]) },
    tls: t ? { host: t[1], port: Number(t[2]) } : undefined,
    stderr: () => err,
    uri: (testPath = '/default', query = '') => `test+unix://${testPath}?socket=${socket}${query ? '&' + query : ''}`,
    exited,
    async stop() {
      await stopProcess(proc, 10000);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Two daemons on test hosts and a temporary directory, for the migration tests between them. */
export async function startDaemonPair(tmpPrefix: string): Promise<[Virtkitd, Virtkitd, string]> {
  const [a, b] = await Promise.all([startVirtkitd(), startVirtkitd()]);
  return [a, b, await mkdtemp(path.join(os.tmpdir(), tmpPrefix))];
}

/** Stops what startDaemonPair started (any of it may be missing when the start failed). */
export async function stopDaemonPair(a: Virtkitd | undefined, b: Virtkitd | undefined, tmp: string | undefined): Promise<void> {
  await Promise.all([a?.stop(), b?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
