import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DomainXmlFlags, JobStatsFlags, MigrateFlags, Virt, escapeXmlAttr, silentLogger, type Domain } from '@virtkit/core';
import { QmpClient, defaultKvmDriverConfig, launchQemu, type LaunchedQemu, type QmpEvent, type QmpMonitor } from '@virtkit/driver-kvm';
import { remotePlugin } from '@virtkit/remote';
import { guestXml, makeRoot, waitForCounter } from '../support/hosts.js';
import { IMAGES_DIR, bringUp, testbedUnavailable, type TestbedHost } from '../support/testbed.js';
import { bareArgv, bareStop, median, qemuVersionText } from './bench-util.js';

/**
 * Live migration of the same 256 MiB guest between two namespaced hosts of
 * the test bed (each its own network and mount namespace, joined by a
 * bridge), in two legs: memory only (the disk shared or absent), and
 * `--copy-storage-all` with a 256 MiB raw disk of random bytes that exists
 * only on the source host. Three ways, side by side:
 * - virtkit peer-to-peer through the two virtkitd daemons
 *   (virDomainMigrateToURI3 with LIVE | PEER2PEER | PERSIST_DEST, plus
 *   NON_SHARED_DISK; the client on the source daemon's unix socket);
 * - the bare sequence by hand over QMP (the destination QEMU started in the
 *   other host's namespace with -incoming defer on its address, the disk
 *   created sparse beforehand and exported by QEMU's NBD server; on the
 *   source blockdev-mirror into it, migrate once the mirror is ready, at
 *   pre-switchover block-job-cancel, then cont on the destination), same
 *   QEMU migration parameters;
 * - libvirt 9.0, `virsh migrate --live --p2p [--copy-storage-all]` between
 *   two libvirtd daemons brought up the same way (a dir pool on each host,
 *   where libvirt pre-creates the copied disk).
 * Each run is timed by QEMU's own event timestamps, the same way for all
 * three: every guest's QEMU has an extra QMP monitor (<qemu:commandline>,
 * the bare QEMU's own monitor), and wall time runs from the migrate request
 * to the destination QEMU's RESUME, the guest-visible pause from the source
 * QEMU's STOP to that RESUME. QEMU's reported downtime beside them. One
 * warm-up each, then 5 timed runs, interleaved and ping-ponging between the
 * hosts; the other guests are paused while one is measured.
 *
 * `-- --runs N` changes the number of timed runs, `-- --leg memory|storage`
 * runs one leg only.
 */
const argv = process.argv.slice(2);
const option = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const RUNS = Number(option('--runs') ?? 5);
const LEGS = (option('--leg') ? [option('--leg')] : ['memory', 'storage']) as Array<'memory' | 'storage'>;
if (!Number.isInteger(RUNS) || RUNS < 1 || LEGS.some((l) => l !== 'memory' && l !== 'storage')) {
  console.log('usage: bench:hosts [-- --runs N] [-- --leg memory|storage]');
  process.exit(2);
}
const MiB = 1024 * 1024;
const DISK_BYTES = 256 * MiB;
const PARAMS = { 'max-bandwidth': defaultKvmDriverConfig.migrationMaxBandwidthMiB * MiB, 'downtime-limit': defaultKvmDriverConfig.migrationDowntimeMs };
const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

interface Run { wall: number; pause: number; downtime: number; call?: number }

interface Side {
  step(): Promise<Run>;
  /** Freezes the guest while the other side is measured, so it takes no CPU from it. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** The sha256 of the guest's disk where it runs now (storage leg). */
  diskDigest?(): Promise<string>;
  close(): Promise<void>;
}

/** A QEMU event's own timestamp, in ms since the epoch (comparable with Date.now(): one machine, one clock). */
const eventTime = (e: QmpEvent) => e.timestamp.seconds * 1000 + e.timestamp.microseconds / 1000;

/** When `qmp`'s QEMU next reports `name`, by QEMU's clock. */
function nextEvent(qmp: QmpMonitor, name: 'STOP' | 'RESUME'): Promise<number> {
  const p = qmp.waitForEvent(name, 300_000).then(eventTime);
  p.catch(() => {});
  return p;
}

/** The extra QMP monitor a daemon's QEMU gets, at `socket` inside its host, through libvirt's QEMU namespace. */
function withEventsMonitor(xml: string, socket: string): string {
  return xml
    .replace("<domain type='qemu'>", `<domain type='qemu' xmlns:qemu='${QEMU_NS}'>`)
    .replace(/<\/domain>\s*$/, `  <qemu:commandline>\n    <qemu:arg value='-qmp'/>\n    <qemu:arg value='unix:${socket},server=on,wait=off'/>\n  </qemu:commandline>\n</domain>\n`);
}

/**
 * The destination's extra monitor, connected as soon as its QEMU listens
 * (the old file removed first, so only the new QEMU's socket answers), and
 * its RESUME.
 */
function destinationEvents(socket: string): { monitor: Promise<QmpMonitor>; running: Promise<number> } {
  const monitor = QmpClient.connect(socket, { timeoutMs: 120_000 });
  const running = monitor.then((m) => nextEvent(m, 'RESUME'));
  monitor.catch(() => {});
  running.catch(() => {});
  return { monitor, running };
}

const diskXml = (file: string) => `
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='${escapeXmlAttr(file)}'/>
      <target dev='vdb' bus='virtio'/>
    </disk>`;

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** 256 MiB of random bytes: what every leg's guest starts with on its source host. */
async function makeSeedDisk(dir: string): Promise<string> {
  const file = path.join(dir, 'seed.raw');
  const fh = await fs.open(file, 'w');
  try {
    for (let off = 0; off < DISK_BYTES; off += MiB) await fh.write(randomBytes(MiB), 0, MiB, off);
  } finally {
    await fh.close();
  }
  return file;
}

async function virtkitSide(virt: Virt, hosts: TestbedHost[], seed: string | undefined): Promise<Side & { version: string; xml: string }> {
  const storage = seed !== undefined;
  const name = storage ? 'bench-hosts-disk' : 'bench-hosts';
  const serial = `/var/log/virtkit/${name}.serial`;
  const disk = `${IMAGES_DIR}/${name}.raw`;
  const events = '/run/virtkit/bench-events.sock';
  // The client talks to each daemon on its unix socket (a path, so it crosses namespaces); the daemons talk TCP.
  const conns = await Promise.all(hosts.map((h) => virt.connect(`qemu+unix:///system?socket=${h.outside('/run/virtkit/libvirt-sock')}`)));
  if (seed) await fs.copyFile(seed, hosts[0].outside(disk));
  await fs.rm(hosts[0].outside(events), { force: true });
  const xml = withEventsMonitor(await guestXml({ name, memoryMiB: 256, serialLog: serial, devices: storage ? diskXml(disk) : '' }), events);
  let cur: Domain = await conns[0].defineDomain(xml);
  await cur.start();
  let monitor: QmpMonitor = await QmpClient.connect(hosts[0].outside(events), { timeoutMs: 30_000 });
  await waitForCounter(hosts[0].outside(serial), 5);
  const flags = MigrateFlags.LIVE | MigrateFlags.PEER2PEER | MigrateFlags.PERSIST_DEST | (storage ? MigrateFlags.NON_SHARED_DISK : 0);
  let at = 0;
  return {
    version: qemuVersionText(await conns[0].getVersion()),
    xml: await cur.getXmlDesc(DomainXmlFlags.MIGRATABLE),
    async step() {
      const to = 1 - at;
      await fs.rm(hosts[to].outside(events), { force: true });
      const stopped = nextEvent(monitor, 'STOP');
      const t = Date.now();
      const dst = destinationEvents(hosts[to].outside(events));
      await cur.migrateToUri(hosts[to].uri(), { flags });
      const call = Date.now() - t;
      const [s, r] = await Promise.all([stopped, dst.running]);
      const stats = await cur.getJobStats(JobStatsFlags.COMPLETED);
      monitor.close();
      monitor = await dst.monitor;
      cur = await conns[to].lookupDomainByName(name);
      // The disk exists only where the guest runs.
      if (storage) await fs.rm(hosts[at].outside(disk), { force: true });
      at = to;
      return { wall: r - t, pause: r - s, downtime: Number(stats.params.downtime ?? NaN), call };
    },
    pause: () => cur.suspend(),
    resume: () => cur.resume(),
    diskDigest: () => sha256(hosts[at].outside(disk)),
    async close() {
      monitor.close();
      for (const c of conns) {
        const d = await c.lookupDomainByName(name).catch(() => undefined);
        await d?.destroy().catch(() => {});
        await d?.undefine().catch(() => {});
      }
      for (const h of hosts) await fs.rm(h.outside(disk), { force: true });
    },
  };
}

interface QueryMigrate { status: string; downtime?: number; 'error-desc'?: string }

/** Waits until the outgoing stream is `until` (or ends: completed is returned, failed or cancelled thrown). */
async function waitMigration(q: LaunchedQemu, until = 'completed'): Promise<QueryMigrate> {
  for (;;) {
    const event = q.qmp.waitForEvent('MIGRATION', 200, (e) => [until, 'completed', 'failed', 'cancelled'].includes(String(e.data.status)));
    event.catch(() => {});
    const r = await q.qmp.execute<QueryMigrate>('query-migrate');
    if (r.status === until || r.status === 'completed') return r;
    if (r.status === 'failed' || r.status === 'cancelled') throw new Error(`bare migration ${r.status}: ${r['error-desc']}`);
    await event.catch(() => {});
  }
}

/** The format node QEMU opened for `file`. */
async function nodeOf(q: LaunchedQemu, file: string): Promise<string> {
  const blocks = await q.qmp.execute<Array<{ inserted?: { file: string; 'node-name': string } }>>('query-block');
  const node = blocks.find((b) => b.inserted?.file === file)?.inserted?.['node-name'];
  if (!node) throw new Error(`QEMU has no node for ${file}`);
  return node;
}

/**
 * The bare sequence: the same XML's argv (without the extra monitor: the
 * bare QEMU's own monitor gives the same events), each QEMU spawned in its
 * host's network namespace and driven over QMP by hand. The disks live in
 * one directory of this machine, one file per host.
 */
async function bareSide(xml: string, hosts: TestbedHost[], seed: string | undefined): Promise<Side> {
  const storage = seed !== undefined;
  const dir = await makeRoot('vkbbare');
  const diskOf = (h: number) => path.join(dir, `disk-h${h}.raw`);
  const base = xml
    .replace(/\s*<qemu:commandline>[\s\S]*<\/qemu:commandline>/, '')
    .replace(/<source path='[^']*' append='on'\/>/, `<source path='${path.join(dir, 'serial.log')}' append='on'/>`);
  const xmlFor = (h: number) => (storage ? base.replace(/<source file='[^']*'/, `<source file='${diskOf(h)}'`) : base);
  const start = (host: TestbedHost, cmd: Awaited<ReturnType<typeof bareArgv>>) =>
    // ip netns exec replaces itself with QEMU: the pid is QEMU's.
    launchQemu(['ip', 'netns', 'exec', host.netns.name, ...cmd.argv], { logFile: cmd.logFile, monitorPath: cmd.monitorPath });
  if (seed) await fs.copyFile(seed, diskOf(0));
  let src = await start(hosts[0], await bareArgv(xmlFor(0), dir, 'src'));
  await src.qmp.execute('cont');
  await waitForCounter(path.join(dir, 'serial.log'), 5);
  let at = 0;
  let i = 0;
  return {
    async step() {
      const to = 1 - at;
      const uri = `tcp:${hosts[to].address}:${49800 + (i % 10)}`;
      const nbd = { type: 'inet', host: hosts[to].address, port: String(49820 + (i % 10)) };
      const cmd = await bareArgv(xmlFor(to), dir, `dst${i++}`, 'defer');
      const srcNode = storage ? await nodeOf(src, diskOf(at)) : '';
      const stopped = nextEvent(src.qmp, 'STOP');
      const t = Date.now();
      // The destination's disk, as a Prepare creates it: raw, sparse, the source's size.
      if (storage) await fs.open(diskOf(to), 'wx').then((fh) => fh.truncate(DISK_BYTES).finally(() => fh.close()));
      const dst = await start(hosts[to], cmd);
      const running = nextEvent(dst.qmp, 'RESUME');
      await dst.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
      await dst.qmp.execute('migrate-incoming', { uri });
      if (storage) {
        await dst.qmp.execute('nbd-server-start', { addr: { type: 'inet', data: { host: nbd.host, port: nbd.port } } });
        await dst.qmp.execute('block-export-add', { type: 'nbd', id: 'drive-vdb', 'node-name': await nodeOf(dst, diskOf(to)), name: 'drive-vdb', writable: true });
      }
      await src.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }, { capability: 'pause-before-switchover', state: storage }] });
      await src.qmp.execute('migrate-set-parameters', PARAMS);
      if (storage) {
        await src.qmp.execute('blockdev-add', { driver: 'nbd', 'node-name': 'migration-vdb', server: nbd, export: 'drive-vdb', 'read-only': false });
        const ready = src.qmp.waitForEvent('BLOCK_JOB_READY', 300_000);
        await src.qmp.execute('blockdev-mirror', { 'job-id': 'migrate-vdb', device: srcNode, target: 'migration-vdb', sync: 'full' });
        await ready;
      }
      await src.qmp.execute('migrate', { uri });
      if (storage) {
        // At switchover, the guest paused: the mirror drains and ends with the copy consistent.
        await waitMigration(src, 'pre-switchover');
        const completed = src.qmp.waitForEvent('BLOCK_JOB_COMPLETED', 300_000);
        await src.qmp.execute('block-job-cancel', { device: 'migrate-vdb', force: false });
        await completed;
        await src.qmp.execute('migrate-continue', { state: 'pre-switchover' });
      }
      const done = await waitMigration(src);
      // cont while the last of the stream loads sets QEMU's autostart: the minimum a caller can do.
      await dst.qmp.execute('cont');
      const [s, r] = await Promise.all([stopped, running]);
      if (storage) await dst.qmp.execute('nbd-server-stop');
      await bareStop(src);
      if (storage) await fs.rm(diskOf(at), { force: true });
      src = dst;
      at = to;
      return { wall: r - t, pause: r - s, downtime: done.downtime ?? NaN };
    },
    pause: () => src.qmp.execute('stop').then(() => undefined),
    resume: () => src.qmp.execute('cont').then(() => undefined),
    diskDigest: () => sha256(diskOf(at)),
    async close() {
      await bareStop(src);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A virsh shell kept open on the client host, so no run pays for virsh's start. */
function virshShell(host: TestbedHost): { run(line: string): Promise<string>; close(): void } {
  const child = host.spawn('virsh', ['-q', '-c', host.uri()], { stdin: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  let n = 0;
  return {
    async run(line) {
      const mark = `__done_${n++}__`;
      out = '';
      err = '';
      child.stdin!.write(`${line}\necho ${mark}\n`);
      while (!out.includes(mark)) await delay(5);
      if (err.trim() !== '') throw new Error(`virsh ${line}: ${err.trim()}`);
      return out.slice(0, out.indexOf(mark));
    },
    close: () => child.kill('SIGTERM'),
  };
}

/**
 * libvirt 9.0: virsh migrate --live --p2p [--copy-storage-all] between two
 * libvirtd in their namespaces, the same guest XML and QEMU parameters. The
 * disk lives in a dir pool on each host (libvirt pre-creates a copied disk
 * only in a pool); the old source's copy is deleted through its pool.
 */
async function libvirtSide(hosts: TestbedHost[], seed: string | undefined): Promise<Side> {
  const storage = seed !== undefined;
  const name = storage ? 'bench-libvirt-disk' : 'bench-libvirt';
  const serial = `/var/log/libvirt/${name}.serial`;
  const images = '/var/lib/libvirt/images';
  const disk = `${images}/${name}.raw`;
  const events = '/run/libvirt/bench-events.sock';
  const file = path.join(hosts[0].root, `${name}.xml`);
  const shell = virshShell(hosts[0]);
  const on = async (h: number, line: string) => { await shell.run(`connect ${hosts[h].uri()}`); return shell.run(line); };
  if (storage) {
    for (const [k, h] of hosts.entries()) {
      await fs.mkdir(h.outside(images), { recursive: true });
      if (k === 0) await fs.copyFile(seed, h.outside(disk));
      await on(k, `pool-create-as bench-images dir --target ${images}`);
    }
  }
  await fs.rm(hosts[0].outside(events), { force: true });
  await fs.writeFile(file, withEventsMonitor(await guestXml({ name, memoryMiB: 256, serialLog: serial, devices: storage ? diskXml(disk) : '' }), events));
  await on(0, `define ${file}`);
  await on(0, `start ${name}`);
  let monitor: QmpMonitor = await QmpClient.connect(hosts[0].outside(events), { timeoutMs: 30_000 });
  await waitForCounter(hosts[0].outside(serial), 5);
  let at = 0;
  return {
    async step() {
      const to = 1 - at;
      await shell.run(`connect ${hosts[at].uri()}`);
      await fs.rm(hosts[to].outside(events), { force: true });
      const stopped = nextEvent(monitor, 'STOP');
      const t = Date.now();
      const dst = destinationEvents(hosts[to].outside(events));
      await shell.run(`migrate --live --p2p --persistent${storage ? ' --copy-storage-all' : ''} --bandwidth ${defaultKvmDriverConfig.migrationMaxBandwidthMiB} ${name} ${hosts[to].uri()}`);
      const call = Date.now() - t;
      const [s, r] = await Promise.all([stopped, dst.running]);
      monitor.close();
      monitor = await dst.monitor;
      const stats = await on(to, `domjobinfo --completed ${name}`);
      if (storage) await on(at, `vol-delete --pool bench-images ${name}.raw`);
      at = to;
      return { wall: r - t, pause: r - s, downtime: Number(/Total downtime:\s+(\d+)/.exec(stats)?.[1] ?? NaN), call };
    },
    pause: async () => { await on(at, `suspend ${name}`); },
    resume: async () => { await on(at, `resume ${name}`); },
    diskDigest: () => sha256(hosts[at].outside(disk)),
    async close() {
      monitor.close();
      for (const k of hosts.keys()) {
        await on(k, `destroy ${name}`).catch(() => {});
        await on(k, `undefine ${name}`).catch(() => {});
        if (storage) {
          await on(k, `vol-delete --pool bench-images ${name}.raw`).catch(() => {});
          await on(k, 'pool-destroy bench-images').catch(() => {});
        }
      }
      shell.close();
    },
  };
}

/** Whether Debian's libvirtd and its QEMU driver are installed (.ci/apt/multihost.txt). */
async function hasLibvirtQemu(): Promise<boolean> {
  return fs.access('/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so').then(() => fs.access('/usr/sbin/libvirtd')).then(() => true, () => false);
}

const names = ['virtkit p2p (two virtkitd)', 'bare QEMU + QMP by hand', 'libvirt 9.0 p2p (two libvirtd)'] as const;

function printLeg(title: string, rows: Run[][], digests: string[]): void {
  const col = (runs: Run[], k: keyof Run) => runs.map((r) => r[k] as number);
  const fmt = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`\n${title}`);
  console.log(`  ${''.padEnd(34)} ${'wall: request → RESUME on B'.padEnd(44)} ${'pause: STOP on A → RESUME on B'.padEnd(40)} QEMU downtime`);
  for (const [k, name] of names.entries()) {
    if (rows[k].length === 0) continue;
    console.log(`  ${name.padEnd(34)} ${fmt(col(rows[k], 'wall')).padEnd(44)} ${fmt(col(rows[k], 'pause')).padEnd(40)} ${fmt(col(rows[k], 'downtime'))}`);
  }
  const ratio = (x: Run[], y: Run[], k: keyof Run) => (median(col(x, k)) / median(col(y, k))).toFixed(2);
  console.log(`  ratio virtkit / bare: wall ${ratio(rows[0], rows[1], 'wall')}, pause ${ratio(rows[0], rows[1], 'pause')}, QEMU downtime ${ratio(rows[0], rows[1], 'downtime')}`);
  if (rows[2].length > 0) console.log(`  ratio libvirt / virtkit: wall ${ratio(rows[2], rows[0], 'wall')}, pause ${ratio(rows[2], rows[0], 'pause')}, QEMU downtime ${ratio(rows[2], rows[0], 'downtime')}`);
  else console.log('  libvirt 9.0: not measured (libvirt-daemon-driver-qemu is not installed; .ci/apt/multihost.txt installs it)');
  console.log(`  the migrate call returns after Confirm3 has also stopped the source: virtkit median ${median(col(rows[0], 'call')).toFixed(0)} ms${rows[2].length > 0 ? `, libvirt median ${median(col(rows[2], 'call')).toFixed(0)} ms` : ''}`);
  if (digests.length > 0) console.log(`  the disk after the last run, against the source's original: ${digests.every((d) => d === digests[0]) ? 'identical on every side' : 'DIFFERENT'}`);
  console.log('  targets: virtkit / bare wall <= 1.10; libvirt / virtkit wall >= 2');
}

const why = await testbedUnavailable('vkbv');
if (why) {
  console.log(`bench:hosts needs the namespaced test bed: ${why}`);
  process.exit(1);
}
const withLibvirt = await hasLibvirtQemu();
const tb = await bringUp({ prefix: 'vkbv', hosts: 2, verbose: false });
const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
const seedDir = await makeRoot('vkbseed');
let lb: Awaited<ReturnType<typeof bringUp>> | undefined;
const results: Array<{ title: string; rows: Run[][]; digests: string[] }> = [];
try {
  if (withLibvirt) lb = await bringUp({ prefix: 'vkbl', hosts: 2, daemon: 'libvirtd', libvirtDrivers: ['qemu', 'storage'] });
  const seed = LEGS.includes('storage') ? await makeSeedDisk(seedDir) : undefined;
  for (const leg of LEGS) {
    const legSeed = leg === 'storage' ? seed : undefined;
    const rows: Run[][] = [[], [], []];
    const digests: string[] = [];
    let version = '';
    const sides: Side[] = [];
    try {
      const v = await virtkitSide(virt, tb.hosts, legSeed);
      sides.push(v);
      version = v.version;
      sides.push(await bareSide(v.xml, tb.hosts, legSeed));
      if (lb) sides.push(await libvirtSide(lb.hosts, legSeed));
      // Interleaved, so all see the same machine, the other guests frozen meanwhile; run 0 of each is a warm-up.
      for (let i = 0; i <= RUNS; i++) {
        for (const [k, side] of sides.entries()) {
          for (const other of sides) if (other !== side) await other.pause();
          const r = await side.step();
          for (const other of sides) if (other !== side) await other.resume();
          await delay(50);
          if (i > 0) rows[k].push(r);
        }
      }
      if (legSeed) {
        digests.push(await sha256(legSeed));
        for (const side of sides) digests.push(await side.diskDigest!());
      }
    } finally {
      for (const side of sides) await side.close().catch(() => {});
    }
    results.push({
      title: leg === 'memory'
        ? `bench:hosts — live migration of a 256 MiB idle guest between two namespaced hosts (${RUNS} runs each, interleaved, QEMU ${version}, TCG)`
        : `bench:hosts — the same with --copy-storage-all: a 256 MiB raw disk of random bytes, only on the source host (${RUNS} runs each, interleaved)`,
      rows,
      digests,
    });
  }
} finally {
  await virt.dispose();
  await tb.down();
  await lb?.down();
  await fs.rm(seedDir, { recursive: true, force: true });
}
for (const r of results) printLeg(r.title, r.rows, r.digests);
