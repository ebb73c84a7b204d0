import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, stopProcess } from './libvirtd.js';
import { VIRTKITD } from './virtkitd.js';

const run = promisify(execFile);

export const SSHD = '/usr/sbin/sshd';

export interface Sshd {
  dir: string;
  user: string;
  /** Sessions on this port find `virtkitd` (the ssh helper) on their PATH. */
  port: number;
  /** Sessions on this port have a PATH without virtkitd: the proxy falls back to nc. */
  bareport: number;
  /** The client's private key (its public half is the only authorized key). */
  keyfile: string;
  /** A known_hosts file holding the server's host key for both ports. */
  knownHosts: string;
  /** A known_hosts file holding another host key for both ports. */
  wrongKnownHosts: string;
  /**
   * An ssh wrapper for `command=` that reads only a test ssh_config: strict
   * host key checking against knownHosts, batch mode, only the test key, and
   * the alias `behind-jump` (the helper port, reached with ProxyJump through
   * the bare port).
   */
  strictSsh: string;
  /** `DRIVER+ssh://USER@127.0.0.1:PORT/PATH?keyfile=…&known_hosts=…&no_tty=1&…` */
  uri(driver: string, driverPath: string, params: Record<string, string>, port?: number): string;
  /** The argument lines of every run of the far `virtkitd` (the ssh helper), oldest first. */
  helperRuns(): Promise<string[]>;
  /** What sshd logged (its -e output). */
  log(): string;
  stop(): Promise<void>;
}

async function keypair(file: string): Promise<string> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', path.basename(file), '-f', file]);
  return (await readFile(`${file}.pub`, 'utf8')).trim();
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts OpenSSH's sshd on two loopback ports, as a private instance: its
 * own config, host key, authorized key, pid file, nothing from /etc/ssh.
 * Logins as the current user with the generated key only. sshd's privilege
 * separation needs /run/sshd: it is created when missing and removed again.
 */
export async function startSshd(): Promise<Sshd> {
  await stat(SSHD);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-sshd-'));
  await chmod(dir, 0o700);
  const user = os.userInfo().username;
  const [port, bareport] = [await freePort(), await freePort()];
  const hostPub = await keypair(path.join(dir, 'host_key'));
  const otherPub = await keypair(path.join(dir, 'other_host_key'));
  const clientPub = await keypair(path.join(dir, 'client_key'));
  await writeFile(path.join(dir, 'authorized_keys'), `${clientPub}\n`, { mode: 0o600 });
  const hostsLine = (pub: string) => `[127.0.0.1]:${port},[127.0.0.1]:${bareport} ${pub.split(' ').slice(0, 2).join(' ')}\n`;
  await writeFile(path.join(dir, 'known_hosts'), hostsLine(hostPub));
  await writeFile(path.join(dir, 'wrong_known_hosts'), hostsLine(otherPub));
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  // The installed helper, which notes each run so tests can tell it from nc.
  await writeFile(path.join(bin, 'virtkitd'), `#!/bin/sh\necho "$*" >> ${dir}/helper.log\nexec ${process.execPath} ${VIRTKITD} "$@"\n`, { mode: 0o755 });
  const barePath = '/usr/local/bin:/usr/bin:/bin';
  const config = path.join(dir, 'sshd_config');
  await writeFile(config, [
    `Port ${port}`,
    `Port ${bareport}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${dir}/host_key`,
    `PidFile ${dir}/sshd.pid`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    'AuthenticationMethods publickey',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${user}`,
    'LogLevel VERBOSE',
    `SetEnv PATH=${bin}:${barePath}`,
    `Match LocalPort ${bareport}`,
    `  SetEnv PATH=${barePath}`,
    '',
  ].join('\n'));
  // A user's ssh_config, as ~/.ssh/config would hold it: strict host keys, the test key, and a
  // host alias reached through a jump host (the bare port) with ProxyJump.
  await writeFile(path.join(dir, 'ssh_config'), [
    'Host jumphost',
    '  HostName 127.0.0.1',
    `  Port ${bareport}`,
    'Host behind-jump',
    '  HostName 127.0.0.1',
    `  Port ${port}`,
    '  ProxyJump jumphost',
    'Host *',
    `  User ${user}`,
    `  IdentityFile ${dir}/client_key`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${dir}/known_hosts`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '',
  ].join('\n'));
  const strictSsh = path.join(dir, 'strict-ssh');
  await writeFile(strictSsh, `#!/bin/sh\nexec ssh -F ${dir}/ssh_config "$@"\n`, { mode: 0o755 });

  const createdRunDir = await stat('/run/sshd').then(() => false, async () => { await mkdir('/run/sshd', { mode: 0o755 }); return true; });
  let log = '';
  const proc: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const cleanup = async () => {
    await stopProcess(proc);
    await rm(dir, { recursive: true, force: true });
    if (createdRunDir) await rm('/run/sshd', { recursive: true, force: true });
  };
  const deadline = Date.now() + 10000;
  while (!(await listening(port)) || !(await listening(bareport))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      await cleanup();
      throw new Error(`sshd did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const sshd: Sshd = {
    dir,
    user,
    port,
    bareport,
    keyfile: path.join(dir, 'client_key'),
    knownHosts: path.join(dir, 'known_hosts'),
    wrongKnownHosts: path.join(dir, 'wrong_known_hosts'),
    strictSsh,
    uri(driver, driverPath, params, onPort = port) {
      const q = Object.entries({ keyfile: sshd.keyfile, known_hosts: sshd.knownHosts, no_tty: '1', ...params }).map(([k, v]) => `${k}=${v}`).join('&');
      return `${driver}+ssh://${user}@127.0.0.1:${onPort}${driverPath}?${q}`;
    },
    helperRuns: async () => (await readFile(path.join(dir, 'helper.log'), 'utf8').catch(() => '')).split('\n').filter((l) => l !== ''),
    log: () => log,
    stop: cleanup,
  };
  return sshd;
}
