import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createNetns, type Netns } from './netns.js';

const run = promisify(execFile);

/** The compiled daemon of @virtkit/remote and the CLI of @virtkit/cli. */
export const VIRTKITD = fileURLToPath(new URL('../../../../packages/remote/dist/bin/virtkitd.js', import.meta.url));
export const VIRTKIT_CLI = fileURLToPath(new URL('../../../../packages/cli/bin/virtkit.js', import.meta.url));

/** The test bed's subnet: it exists only on the links inside its namespaces. Host i has .(i+1). */
export const TESTBED_SUBNET = '10.213.0';
/** tcp_port of every host's daemon (libvirtd's default, so qemu+tcp://ADDRESS/system needs no port). */
export const TESTBED_TCP_PORT = 16509;

/**
 * The directories a host keeps to itself, as virtkitd and the KVM driver
 * use them for qemu:///system (host-paths.ts), and the images directory
 * under /var/lib/virtkit. Each is bind-mounted, in the host's private mount
 * namespace, from a directory of this machine (the host's `root`), so a
 * daemon restarted in a new mount namespace finds its state again and a
 * test reads a host's files from outside.
 */
export const PRIVATE_DIRS: Record<string, string> = {
  '/etc/virtkit': 'etc',
  '/run/virtkit': 'run',
  '/var/lib/virtkit': 'lib',
  '/var/log/virtkit': 'log',
  '/var/cache/virtkit': 'cache',
};
/** Where guests' disk images live on every host (inside /var/lib/virtkit, so private to each). */
export const IMAGES_DIR = '/var/lib/virtkit/images';

/** The same for a host that runs libvirt's own libvirtd (qemu:///system), for comparisons. */
export const LIBVIRT_PRIVATE_DIRS: Record<string, string> = {
  '/etc/libvirt': 'etc',
  '/run/libvirt': 'run',
  '/var/lib/libvirt': 'lib',
  '/var/log/libvirt': 'log',
  '/var/cache/libvirt': 'cache',
};

/** Where Debian's libvirt keeps its hypervisor driver modules. */
const LIBVIRT_DRIVERS = '/usr/lib/x86_64-linux-gnu/libvirt/connection-driver';

export interface TestbedHost {
  index: number;
  /** h0, h1, … */
  name: string;
  netns: Netns;
  /** The host's address on the test bed's link. */
  address: string;
  /** The directory of this machine behind the host's private directories. */
  root: string;
  /** The path on this machine of `inside`, a path under one of the host's private directories. */
  outside(inside: string): string;
  /** DRIVER+tcp://ADDRESS/PATH of this host's daemon (default qemu, /system). */
  uri(uriPath?: string, driver?: string): string;
  /** The running daemon's pid, undefined while it is stopped. */
  pid(): number | undefined;
  /** The daemon's log so far (all its runs on this host). */
  log(): Promise<string>;
  /** Starts the host's daemon (it must be stopped). */
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. Its QEMU processes run on. */
  stop(): Promise<void>;
  /** SIGKILL: a daemon that dies without a word; its QEMU processes run on. */
  kill(): Promise<void>;
  /** Runs a command in the host's network namespace (a client on that host). */
  exec(file: string, args: string[], options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<string>;
  /** Spawns a command in the host's network namespace, stdout and stderr piped (stdin too with `stdin`). */
  spawn(file: string, args: string[], options?: { env?: NodeJS.ProcessEnv; stdin?: boolean }): ChildProcess;
}

export interface Testbed {
  hosts: TestbedHost[];
  /** Everything of this machine the test bed uses (the hosts' roots). */
  dir: string;
  /** The namespace holding the bridge the hosts are joined by. */
  lan: Netns;
  /** Stops every daemon, ends every process left in the namespaces, removes namespaces, links and directories. */
  down(): Promise<void>;
}

export interface TestbedOptions {
  /** In every namespace and directory name, so parallel test beds do not collide. */
  prefix: string;
  hosts: number;
  /** virtkitd logs every call (the tests read which procedures ran). Default true. */
  verbose?: boolean;
  /** Daemons in their own process group, outliving the process that started them (the hand-run script). */
  detached?: boolean;
  /** Extra lines for every host's virtkitd.conf. */
  conf?: string;
  /**
   * The daemon each host runs: virtkitd (default), or Debian's libvirtd with
   * only its QEMU driver loaded, run as root without cgroups or a security
   * driver, `migration_host` its address (libvirt's default is the host
   * name, which the hosts share).
   */
  daemon?: 'virtkitd' | 'libvirtd';
}

/**
 * Why this machine cannot have a test bed (no network or mount namespaces,
 * no `ip` or `unshare`), or undefined when it can; tests skip with it.
 * The probe's namespace carries `prefix`, as the test bed's will.
 */
export async function testbedUnavailable(prefix: string): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  let ns: Netns | undefined;
  try {
    ns = await createNetns(`${prefix}probe`);
    await ns.exec('unshare', ['-m', '--propagation', 'private', 'true']);
    return undefined;
  } catch (e) {
    return `the kernel refuses network or mount namespaces: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    await ns?.remove().catch(() => {});
  }
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function daemonConf(address: string, extra: string): string {
  return [
    '# A test bed host: plain TCP on its own address, no authentication.',
    'listen_tls = 0',
    'listen_tcp = 1',
    `listen_addr = "${address}"`,
    `tcp_port = ${TESTBED_TCP_PORT}`,
    'auth_tcp = "none"',
    'unix_sock_dir = "/run/virtkit"',
    '# As a system daemon: qemu:///system recovers its guests at start and follows them with no client connected.',
    'open_at_start = ["qemu:///system"]',
    extra,
  ].join('\n') + '\n';
}

function libvirtdConf(address: string): string {
  return [
    'listen_tls = 0',
    'listen_tcp = 1',
    `listen_addr = "${address}"`,
    `tcp_port = "${TESTBED_TCP_PORT}"`,
    'auth_tcp = "none"',
    'log_outputs = "3:file:/var/log/libvirt/libvirtd.log"',
  ].join('\n') + '\n';
}

function libvirtQemuConf(address: string): string {
  return [
    'user = "root"',
    'group = "root"',
    'dynamic_ownership = 0',
    'remember_owner = 0',
    'security_driver = "none"',
    'cgroup_controllers = [ ]',
    'stdio_handler = "file"',
    `migration_host = "${address}"`,
  ].join('\n') + '\n';
}

/** What runs a host's daemon: its private directories, its command (after the mounts) and when it is ready. */
interface DaemonKind {
  dirs: Record<string, string>;
  command: string;
  env(root: string): NodeJS.ProcessEnv;
  /** Where the daemon logs, inside the host. */
  logFile: string;
  /** Where its stdout and stderr go, inside the host. */
  outFile: string;
  /** Files of the machine overlaid in the host (inside path → file under the root). */
  files?: Record<string, string>;
  /** Writes its configuration into the host's root. */
  configure(root: string, address: string): Promise<void>;
  /** Ready once this text is in the log after `from`, or this path (inside the host) exists. */
  ready: { logLine: RegExp } | { path: string };
}

function daemonKind(options: TestbedOptions): DaemonKind {
  if (options.daemon === 'libvirtd') {
    return {
      dirs: LIBVIRT_PRIVATE_DIRS,
      command: '/usr/sbin/libvirtd --listen --pid-file /run/libvirt/libvirtd.pid',
      // Only the QEMU driver: no network, storage or nodedev drivers touching the machine.
      env: (root) => ({ LIBVIRT_DRIVER_DIR: path.join(root, 'modules') }),
      logFile: '/var/log/libvirt/libvirtd.log',
      outFile: '/var/log/libvirt/libvirtd.out',
      // Debian's QEMU driver resolves its built-in user before it reads qemu.conf: the host has one.
      files: { '/etc/passwd': 'passwd', '/etc/group': 'group' },
      async configure(root, address) {
        await fs.writeFile(path.join(root, 'etc', 'libvirtd.conf'), libvirtdConf(address));
        await fs.writeFile(path.join(root, 'etc', 'qemu.conf'), libvirtQemuConf(address));
        const passwd = await fs.readFile('/etc/passwd', 'utf8');
        const group = await fs.readFile('/etc/group', 'utf8');
        await fs.writeFile(path.join(root, 'passwd'), /^libvirt-qemu:/m.test(passwd) ? passwd : `${passwd}libvirt-qemu:x:64055:64055::/var/lib/libvirt:/usr/sbin/nologin\n`);
        await fs.writeFile(path.join(root, 'group'), /^libvirt-qemu:/m.test(group) ? group : `${group}libvirt-qemu:x:64055:\n`);
        await fs.mkdir(path.join(root, 'modules'), { recursive: true });
        await fs.symlink(path.join(LIBVIRT_DRIVERS, 'libvirt_driver_qemu.so'), path.join(root, 'modules', 'libvirt_driver_qemu.so'));
      },
      ready: { path: '/run/libvirt/libvirt-sock' },
    };
  }
  return {
    dirs: PRIVATE_DIRS,
    command: `${shellQuote(process.execPath)} ${shellQuote(VIRTKITD)} --listen --config /etc/virtkit/virtkitd.conf${options.verbose === false ? '' : ' --verbose'}`,
    env: () => ({ VIRTKIT_PLUGINS: '' }),
    // virtkitd logs on stderr.
    logFile: '/var/log/virtkit/virtkitd.log',
    outFile: '/var/log/virtkit/virtkitd.log',
    async configure(root, address) {
      await fs.mkdir(path.join(root, 'lib', 'images'), { recursive: true });
      await fs.writeFile(path.join(root, 'etc', 'virtkitd.conf'), daemonConf(address, options.conf ?? ''));
    },
    ready: { logLine: /virtkitd ready/ },
  };
}

async function stopPid(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  try { process.kill(pid, signal); } catch { return; }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive()) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    while (alive()) await new Promise((r) => setTimeout(r, 20));
  }
}

async function makeHost(index: number, netns: Netns, lan: Netns, dir: string, options: TestbedOptions): Promise<TestbedHost> {
  const name = `h${index}`;
  const address = `${TESTBED_SUBNET}.${index + 1}`;
  const root = path.join(dir, name);
  const kind = daemonKind(options);
  for (const sub of Object.values(kind.dirs)) await fs.mkdir(path.join(root, sub), { recursive: true });
  await kind.configure(root, address);
  // The link: a veth pair made inside the LAN namespace with its far end born in the host's.
  await lan.exec('ip', ['link', 'add', name, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns.name]);
  await lan.exec('ip', ['link', 'set', name, 'master', 'br0', 'up']);
  await netns.exec('ip', ['addr', 'add', `${address}/24`, 'dev', 'eth0']);
  await netns.exec('ip', ['link', 'set', 'eth0', 'up']);

  let proc: ChildProcess | undefined;
  let pid: number | undefined;
  const outside = (inside: string) => {
    const base = Object.keys(kind.dirs).find((d) => inside === d || inside.startsWith(`${d}/`));
    if (!base) throw new Error(`${inside} is not in a private directory of the host`);
    return path.join(root, kind.dirs[base], inside.slice(base.length));
  };
  const logFile = outside(kind.logFile);
  const outFile = outside(kind.outFile);
  const mounts = Object.entries(kind.dirs).map(([inside, sub]) => `mkdir -p ${inside} && mount --bind ${shellQuote(path.join(root, sub))} ${inside}`);
  const files = Object.entries(kind.files ?? {}).map(([inside, file]) => `mount --bind ${shellQuote(path.join(root, file))} ${inside}`);
  const script = ['set -e', ...mounts, ...files, `exec ${kind.command}`].join('\n');
  const env = { ...process.env, ...kind.env(root) };

  const host: TestbedHost = {
    index,
    name,
    netns,
    address,
    root,
    outside,
    uri: (uriPath = '/system', driver = 'qemu') => `${driver}+tcp://${address}${uriPath}`,
    pid: () => pid,
    log: () => fs.readFile(logFile, 'utf8').catch(() => ''),
    async start() {
      if (pid !== undefined) throw new Error(`the daemon of ${name} runs already`);
      const from = (await fs.stat(logFile).catch(() => undefined))?.size ?? 0;
      // A socket left by a killed daemon would say ready before the new one listens.
      if ('path' in kind.ready) await fs.rm(outside(kind.ready.path), { force: true });
      const fd = openSync(outFile, 'a');
      try {
        // ip netns exec, unshare and sh each replace themselves: the pid is the daemon's.
        proc = spawn('ip', ['netns', 'exec', netns.name, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script], {
          stdio: ['ignore', fd, fd],
          env,
          detached: options.detached ?? false,
        });
      } finally {
        closeSync(fd);
      }
      const child = proc;
      pid = child.pid;
      child.once('exit', () => { if (proc === child) { proc = undefined; pid = undefined; } });
      if (options.detached) child.unref();
      const deadline = Date.now() + 20_000;
      for (;;) {
        const text = (await host.log()).slice(from);
        const ready = 'logLine' in kind.ready ? kind.ready.logLine.test(text) : await fs.access(outside(kind.ready.path)).then(() => true, () => false);
        if (ready) return;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          await host.kill();
          throw new Error(`the daemon of ${name} did not start: ${text.slice(-2000)}${await fs.readFile(outFile, 'utf8').catch(() => '')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (pid !== undefined) await stopPid(pid, 'SIGTERM', 10_000);
      pid = undefined;
      proc = undefined;
    },
    async kill() {
      if (pid !== undefined) await stopPid(pid, 'SIGKILL', 0);
      pid = undefined;
      proc = undefined;
    },
    exec: async (file, args, o = {}) =>
      (await run('ip', ['netns', 'exec', netns.name, file, ...args], { timeout: o.timeoutMs ?? 120_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C', ...o.env }, maxBuffer: 64 * 1024 * 1024 })).stdout,
    spawn: (file, args, o = {}) => spawn('ip', ['netns', 'exec', netns.name, file, ...args], { stdio: [o.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C', LC_ALL: 'C', ...o.env } }),
  };
  return host;
}

/**
 * Brings up `hosts` hosts that share nothing but this machine's kernel and
 * its read-only files: each a network namespace with one interface on a
 * bridge in a LAN namespace (10.213.0.0/24, nowhere else), and a daemon in
 * a private mount namespace of its own over the host's private directories,
 * listening on the host's address. The namespaces share the machine's host
 * name, as cloned hosts do. A failure on the way removes what was made.
 */
export async function bringUp(options: TestbedOptions): Promise<Testbed> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${options.prefix}-tb-`));
  const made: Netns[] = [];
  const hosts: TestbedHost[] = [];
  const down = async () => {
    await Promise.all(hosts.map((h) => h.stop().catch(() => {})));
    // Removing a namespace ends what still runs in it (QEMU of a killed daemon) and its links with it.
    for (const ns of made.reverse()) await ns.remove().catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    const lan = await createNetns(`${options.prefix}lan`);
    made.push(lan);
    await lan.exec('ip', ['link', 'add', 'br0', 'type', 'bridge']);
    await lan.exec('ip', ['link', 'set', 'br0', 'up']);
    for (let i = 0; i < options.hosts; i++) {
      const ns = await createNetns(`${options.prefix}h${i}`);
      made.push(ns);
      hosts.push(await makeHost(i, ns, lan, dir, options));
    }
    await Promise.all(hosts.map((h) => h.start()));
    return { hosts, dir, lan, down };
  } catch (e) {
    await down();
    throw e;
  }
}

/**
 * Mocha hooks for a suite on a two-host test bed: brought up before the
 * suite (skipped with the reason where namespaces are refused), torn down
 * after it. `hosts()` gives A and B once the bed is up.
 */
export function twoHostTestbed(prefix: string, options: Pick<TestbedOptions, 'conf'> = {}): { hosts(): [TestbedHost, TestbedHost] } {
  let tb: Testbed | undefined;
  before(async function () {
    const why = await testbedUnavailable(prefix);
    if (why) {
      console.log(`    no test bed on this machine (${why}): skipped`);
      this.skip();
    }
    tb = await bringUp({ prefix, hosts: 2, ...options });
  });
  after(async () => {
    await tb?.down();
  });
  return { hosts: () => [tb!.hosts[0]!, tb!.hosts[1]!] };
}
