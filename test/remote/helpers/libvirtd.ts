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

export async function stopProcess(proc: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

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

export async function startLibvirtd(): Promise<Libvirtd> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-libvirtd-'));
  await mkdir(path.join(dir, 'modules'));
  const conf = path.join(dir, 'libvirtd.conf');
  await writeFile(conf, [
    `unix_sock_dir = "${dir}"`,
    'unix_sock_rw_perms = "0700"',
    'auth_unix_rw = "none"',
    'auth_unix_ro = "none"',
    `log_outputs = "3:file:${dir}/libvirtd.log"`,
    'max_client_requests = 64',
    'listen_tls = 0',
    'listen_tcp = 1',
    `tcp_port = "${port}"`,
    'listen_addr = "127.0.0.1"',
    'auth_tcp = "none"',
    '',
  ].join('\n'));
  const proc = spawn('/usr/sbin/libvirtd', ['--listen', '--config', conf, '--pid-file', path.join(dir, 'libvirtd.pid')], {
    env: { ...process.env, LIBVIRT_DRIVER_DIR: path.join(dir, 'modules') },
    stdio: 'ignore',
  });
  const socket = path.join(dir, 'libvirt-sock');
  try {
    await waitForPath(socket, 15000, proc);
    await waitForPath(path.join(dir, 'libvirt-sock-ro'), 5000, proc);
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
    async stop() {
      await stopProcess(proc);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
