import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, libvirtdConf, stopProcess, testTlsUri, waitForPath, waitForPort, type Libvirtd } from './libvirtd.js';

const run = promisify(execFile);

/** A libvirtd as helpers/libvirtd.ts starts one, without the read-only socket; every listener asks for SASL (auth_unix_rw, auth_tcp, auth_tls = "sasl"). */
export type SaslLibvirtd = Omit<Libvirtd, 'roSocket'>;

/** Adds a user to a Cyrus sasldb for the "libvirt" application, as libvirt's docs say (saslpasswd2 -a libvirt). */
export async function saslpasswd2(db: string, user: string, password: string): Promise<void> {
  const child = execFile('saslpasswd2', ['-p', '-c', '-a', 'libvirt', '-f', db, user]);
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`saslpasswd2 exited with ${code}`))));
  });
  child.stdin!.end(password);
  await done;
}

/**
 * Debian's libvirtd with SASL: the unix rw socket and a loopback TCP port
 * with auth "sasl", users in a sasldb of the test, and libvirt's SASL
 * config (/etc/sasl2/libvirt.conf: mech_list scram-sha-256) from a test
 * directory. Cyrus SASL reads that file at a fixed path, so libvirtd runs
 * in a private mount namespace (`unshare -m`) where the test's directory
 * is bind-mounted over /etc/sasl2; when the host has no /etc/sasl2, an
 * overlay on /etc whose upper layer is the test's makes the mount point,
 * inside that namespace only. The host's files are never touched.
 *
 * `tls`: adds a TLS listener on loopback with auth_tls = "sasl", with these
 * libvirtd.conf lines (key_file, cert_file, ca_file: TestPki.serverConf).
 */
export async function startSaslLibvirtd(users: Record<string, string>, options: { tls?: string } = {}): Promise<SaslLibvirtd> {
  await run('unshare', ['--version']);
  const port = await freePort();
  const tlsPort = options.tls !== undefined ? await freePort() : undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-sasl-libvirtd-'));
  try {
    for (const sub of ['modules', 'sasl2', 'upper', 'work']) await mkdir(path.join(dir, sub));
    const db = path.join(dir, 'passwd.db');
    for (const [user, password] of Object.entries(users)) await saslpasswd2(db, user, password);
    await writeFile(path.join(dir, 'sasl2', 'libvirt.conf'), `mech_list: scram-sha-256\nsasldb_path: ${db}\n`);
    const conf = path.join(dir, 'libvirtd.conf');
    await writeFile(conf, libvirtdConf({ dir, port, tlsPort, tls: options.tls, auth: 'sasl' }));
    const script = [
      'set -e',
      'mount --make-rprivate /',
      `[ -d /etc/sasl2 ] || mount -t overlay overlay -o lowerdir=/etc,upperdir="$1/upper",workdir="$1/work" /etc`,
      'mkdir -p /etc/sasl2',
      'mount --bind "$1/sasl2" /etc/sasl2',
      'exec /usr/sbin/libvirtd --listen --config "$1/libvirtd.conf" --pid-file "$1/libvirtd.pid"',
    ].join('\n');
    const proc = spawn('unshare', ['-m', 'sh', '-c', script, 'sh', dir], {
      env: { ...process.env, LIBVIRT_DRIVER_DIR: path.join(dir, 'modules') },
      stdio: 'ignore',
    });
    const socket = path.join(dir, 'libvirt-sock');
    try {
      await waitForPath(socket, 15000, proc);
      if (tlsPort !== undefined) await waitForPort(tlsPort, 10000, proc);
    } catch (e) {
      await stopProcess(proc);
      throw e;
    }
    return {
      dir,
      socket,
      testUri: `test+unix:///default?socket=${socket}`,
      tcpUri: `test+tcp://127.0.0.1:${port}/default`,
      tlsPort,
      tlsUri: tlsPort !== undefined ? testTlsUri(tlsPort) : undefined,
      async stop() {
        await stopProcess(proc);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
