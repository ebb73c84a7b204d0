import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';

export interface Libvirtd {
  dir: string;
  socket: string;
  roSocket: string;
  /** test+unix:///default?socket=… for libvirt's own test driver. */
  testUri: string;
  /** test+tcp://127.0.0.1:PORT/default (TCP without authentication, loopback only). */
  tcpUri: string;
  /** With `tls`: the loopback port, and test+tls://localhost:PORT/default?pkipath=DIR. */
  tlsPort?: number;
  tlsUri?(pkipath: string): string;
  stop(): Promise<void>;
}

export async function waitForPath(p: string, timeoutMs: number, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await stat(p);
      return;
    } catch {
      if (proc && proc.exitCode !== null) throw new Error(`process exited with ${proc.exitCode} before ${p} appeared`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${p}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Waits until something accepts TCP connections on a loopback port. */
export async function waitForPort(port: number, timeoutMs: number, proc?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (proc && proc.exitCode !== null) throw new Error(`process exited with ${proc.exitCode} before port ${port} opened`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function stopProcess(proc: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** test+tls://localhost:PORT/default?pkipath=DIR: libvirt's test driver over a loopback TLS listener. */
export const testTlsUri = (port: number) => (pkipath: string) => `test+tls://localhost:${port}/default?pkipath=${pkipath}`;

/**
 * Starts Debian's libvirtd with its own config, sockets and pid file in a
 * temporary directory, and TCP without authentication on a loopback port. No hypervisor modules are loaded (an empty
 * LIBVIRT_DRIVER_DIR), so it serves libvirt's built-in test driver only.
 */
/** A TCP port that was free on loopback a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * `tls`: adds a TLS listener on loopback without further auth, with these
 * libvirtd.conf lines (key_file, cert_file, ca_file, or none for libvirt's
 * /etc/pki paths). `wrap` runs libvirtd through a command prefix, such as a
 * private mount namespace holding /etc/pki (systemPkiNamespace).
 */
/**
 * A private libvirtd's config: sockets and log in `dir`, TCP on 127.0.0.1:`port`, TLS on `tlsPort` with
 * the `tls` lines when given; `auth` for the read-write, TCP and TLS listeners (the read-only one stays open).
 */
export function libvirtdConf(o: { dir: string; port: number; tlsPort?: number; tls?: string; auth: 'none' | 'sasl'; extra?: string[] }): string {
  return [
    `unix_sock_dir = "${o.dir}"`,
    'unix_sock_rw_perms = "0700"',
    `auth_unix_rw = "${o.auth}"`,
    'auth_unix_ro = "none"',
    `log_outputs = "3:file:${o.dir}/libvirtd.log"`,
    ...(o.extra ?? []),
    ...(o.tls !== undefined ? ['listen_tls = 1', `tls_port = "${o.tlsPort}"`, `auth_tls = "${o.auth}"`, o.tls] : ['listen_tls = 0']),
    'listen_tcp = 1',
    `tcp_port = "${o.port}"`,
    'listen_addr = "127.0.0.1"',
    `auth_tcp = "${o.auth}"`,
    '',
  ].join('\n');
}

export async function startLibvirtd(options: { tls?: string; wrap?: (argv: string[]) => string[] } = {}): Promise<Libvirtd> {
  const port = await freePort();
  const tlsPort = options.tls !== undefined ? await freePort() : undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-libvirtd-'));
  await mkdir(path.join(dir, 'modules'));
  const conf = path.join(dir, 'libvirtd.conf');
  await writeFile(conf, libvirtdConf({ dir, port, tlsPort, tls: options.tls, auth: 'none', extra: ['max_client_requests = 64'] }));
  const argv = ['/usr/sbin/libvirtd', '--listen', '--config', conf, '--pid-file', path.join(dir, 'libvirtd.pid')];
  const [cmd, ...args] = options.wrap ? options.wrap(argv) : argv;
  const proc = spawn(cmd, args, {
    env: { ...process.env, LIBVIRT_DRIVER_DIR: path.join(dir, 'modules') },
    stdio: 'ignore',
  });
  const socket = path.join(dir, 'libvirt-sock');
  try {
    await waitForPath(socket, 15000, proc);
    await waitForPath(path.join(dir, 'libvirt-sock-ro'), 5000, proc);
    if (tlsPort !== undefined) await waitForPort(tlsPort, 10000, proc);
  } catch (e) {
    await stopProcess(proc);
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    socket,
    roSocket: path.join(dir, 'libvirt-sock-ro'),
    testUri: `test+unix:///default?socket=${socket}`,
    tcpUri: `test+tcp://127.0.0.1:${port}/default`,
    tlsPort,
    tlsUri: tlsPort !== undefined ? testTlsUri(tlsPort) : undefined,
    async stop() {
      await stopProcess(proc);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
