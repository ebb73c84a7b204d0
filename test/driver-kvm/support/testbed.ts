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
/** tcp_port of every host's virtkitd (libvirtd's default, so qemu+tcp://ADDRESS/system needs no port). */
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
  /** DRIVER+tcp://ADDRESS/PATH of this host's virtkitd (default qemu, /system). */
  uri(uriPath?: string, driver?: string): string;
  /** The running daemon's pid, undefined while it is stopped. */
  pid(): number | undefined;
  /** The daemon's log so far (all its runs on this host). */
  log(): Promise<string>;
  /** Starts the host's virtkitd (it must be stopped). */
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. Its QEMU processes run on. */
  stop(): Promise<void>;
  /** SIGKILL: a daemon that dies without a word; its QEMU processes run on. */
  kill(): Promise<void>;
  /** Runs a command in the host's network namespace (a client on that host). */
  exec(file: string, args: string[], options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<string>;
  /** Spawns a command in the host's network namespace, stdout and stderr piped. */
  spawn(file: string, args: string[], options?: { env?: NodeJS.ProcessEnv }): ChildProcess;
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
}

/**
 * Why this machine cannot have a test bed (no network or mount namespaces,
 * no `ip` or `unshare`), or undefined when it can; tests skip with it.
 */
export async function testbedUnavailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  let ns: Netns | undefined;
  try {
    ns = await createNetns('vkprobe');
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
  for (const sub of Object.values(PRIVATE_DIRS)) await fs.mkdir(path.join(root, sub), { recursive: true });
  await fs.mkdir(path.join(root, 'lib', 'images'), { recursive: true });
  await fs.writeFile(path.join(root, 'etc', 'virtkitd.conf'), daemonConf(address, options.conf ?? ''));
  // The link: a veth pair made inside the LAN namespace with its far end born in the host's.
  await lan.exec('ip', ['link', 'add', name, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns.name]);
  await lan.exec('ip', ['link', 'set', name, 'master', 'br0', 'up']);
  await netns.exec('ip', ['addr', 'add', `${address}/24`, 'dev', 'eth0']);
  await netns.exec('ip', ['link', 'set', 'eth0', 'up']);

  const logFile = path.join(root, 'log', 'virtkitd.log');
  let proc: ChildProcess | undefined;
  let pid: number | undefined;
  const outside = (inside: string) => {
    const base = Object.keys(PRIVATE_DIRS).find((d) => inside === d || inside.startsWith(`${d}/`));
    if (!base) throw new Error(`${inside} is not in a private directory of the host`);
    return path.join(root, PRIVATE_DIRS[base], inside.slice(base.length));
  };
  const mounts = Object.entries(PRIVATE_DIRS).map(([inside, sub]) => `mkdir -p ${inside} && mount --bind ${shellQuote(path.join(root, sub))} ${inside}`);
  const script = ['set -e', ...mounts, `exec ${shellQuote(process.execPath)} ${shellQuote(VIRTKITD)} --listen --config /etc/virtkit/virtkitd.conf${options.verbose === false ? '' : ' --verbose'}`].join('\n');

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
      if (pid !== undefined) throw new Error(`the virtkitd of ${name} runs already`);
      const from = (await fs.stat(logFile).catch(() => undefined))?.size ?? 0;
      const fd = openSync(logFile, 'a');
      try {
        // ip netns exec, unshare and sh each replace themselves: the pid is virtkitd's.
        proc = spawn('ip', ['netns', 'exec', netns.name, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script], {
          stdio: ['ignore', fd, fd],
          env: { ...process.env, VIRTKIT_PLUGINS: '' },
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
        if (/virtkitd ready/.test(text)) return;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          await host.kill();
          throw new Error(`the virtkitd of ${name} did not start: ${text.slice(-2000)}`);
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
    spawn: (file, args, o = {}) => spawn('ip', ['netns', 'exec', netns.name, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C', LC_ALL: 'C', ...o.env } }),
  };
  return host;
}

/**
 * Brings up `hosts` hosts that share nothing but this machine's kernel and
 * its read-only files: each a network namespace with one interface on a
 * bridge in a LAN namespace (10.213.0.0/24, nowhere else), and a virtkitd in
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
