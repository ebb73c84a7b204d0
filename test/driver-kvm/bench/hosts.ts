import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DomainEventType, DomainXmlFlags, JobStatsFlags, MigrateFlags, ResumedDetail, SuspendedDetail, Virt, silentLogger, type Connection, type Domain,
} from '@virtkit/core';
import { defaultKvmDriverConfig, launchQemu, type LaunchedQemu } from '@virtkit/driver-kvm';
import { remotePlugin } from '@virtkit/remote';
import { guestXml, makeRoot, waitForCounter } from '../support/hosts.js';
import { bringUp, testbedUnavailable, type TestbedHost } from '../support/testbed.js';
import { bareArgv, bareStop, median, qemuVersionText } from './bench-util.js';

/**
 * Live migration of the same 256 MiB guest between two namespaced hosts of
 * the test bed (each its own network and mount namespace, joined by a
 * bridge): virtkit peer-to-peer through the two virtkitd daemons
 * (virDomainMigrateToURI3 with LIVE | PEER2PEER | PERSIST_DEST, the client
 * on the source daemon's unix socket) against the bare sequence by hand over
 * QMP (the destination QEMU started in the other host's namespace with
 * -incoming on its address, migrate, cont), same QEMU migration parameters.
 * Per run: wall time from the request until the client sees the guest
 * running on the destination, the pause as the client sees it (source STOP
 * to destination RESUME: virtkit's lifecycle events through the daemons,
 * QMP events for the bare sequence), QEMU's reported downtime. One warm-up
 * each, then 5 timed runs, interleaved and ping-ponging between the hosts.
 */
const RUNS = 5;
const MiB = 1024 * 1024;
const PARAMS = { 'max-bandwidth': defaultKvmDriverConfig.migrationMaxBandwidthMiB * MiB, 'downtime-limit': defaultKvmDriverConfig.migrationDowntimeMs };

interface Run { wall: number; pause: number; downtime: number; call?: number }

interface Side {
  step(): Promise<Run>;
  /** Freezes the guest while the other side is measured, so it takes no CPU from it. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** The first lifecycle event of `type`/`detail` on `conn`, as the client's clock sees it. */
function eventAt(conn: Connection, type: DomainEventType, detail: number): Promise<number> {
  return new Promise((resolve) => {
    const off = conn.onLifecycle((e) => {
      if (e.event === type && e.detail === detail) {
        off();
        resolve(performance.now());
      }
    });
  });
}

async function virtkitSide(virt: Virt, hosts: TestbedHost[]): Promise<Side & { version: string; xml: string }> {
  // The client talks to each daemon on its unix socket (a path, so it crosses namespaces); the daemons talk TCP.
  const conns = await Promise.all(hosts.map((h) => virt.connect(`qemu+unix:///system?socket=${h.outside('/run/virtkit/libvirt-sock')}`)));
  const serial = '/var/log/virtkit/bench.serial';
  let cur: Domain = await conns[0].defineDomain(await guestXml({ name: 'bench-hosts', memoryMiB: 256, serialLog: serial }));
  await cur.start();
  await waitForCounter(hosts[0].outside(serial), 5);
  let at = 0;
  return {
    version: qemuVersionText(await conns[0].getVersion()),
    xml: await cur.getXmlDesc(DomainXmlFlags.MIGRATABLE),
    async step() {
      const to = 1 - at;
      const stopped = eventAt(conns[at], DomainEventType.SUSPENDED, SuspendedDetail.MIGRATED);
      const running = eventAt(conns[to], DomainEventType.RESUMED, ResumedDetail.MIGRATED);
      const t = performance.now();
      await cur.migrateToUri(hosts[to].uri(), { flags: MigrateFlags.LIVE | MigrateFlags.PEER2PEER | MigrateFlags.PERSIST_DEST });
      const call = performance.now() - t;
      const [s, r] = await Promise.all([stopped, running]);
      const stats = await cur.getJobStats(JobStatsFlags.COMPLETED);
      cur = await conns[to].lookupDomainByName('bench-hosts');
      at = to;
      return { wall: r - t, pause: r - s, downtime: Number(stats.params.downtime ?? NaN), call };
    },
    pause: () => cur.suspend(),
    resume: () => cur.resume(),
    async close() {
      for (const c of conns) {
        const d = await c.lookupDomainByName('bench-hosts').catch(() => undefined);
        await d?.destroy().catch(() => {});
        await d?.undefine().catch(() => {});
      }
    },
  };
}

async function waitMigration(q: LaunchedQemu): Promise<{ status: string; downtime?: number }> {
  for (;;) {
    const event = q.qmp.waitForEvent('MIGRATION', 200, (e) => ['completed', 'failed', 'cancelled'].includes(String(e.data.status)));
    event.catch(() => {});
    const r = await q.qmp.execute<{ status: string; downtime?: number; 'error-desc'?: string }>('query-migrate');
    if (r.status === 'completed') return r;
    if (r.status === 'failed' || r.status === 'cancelled') throw new Error(`bare migration ${r.status}: ${r['error-desc']}`);
    await event.catch(() => {});
  }
}

/** The bare sequence: the same XML's argv, each QEMU spawned in its host's network namespace and driven over QMP by hand. */
async function bareSide(xml: string, hosts: TestbedHost[]): Promise<Side> {
  const dir = await makeRoot('bhbare');
  const serialXml = xml.replace(/<source path='[^']*' append='on'\/>/, `<source path='${path.join(dir, 'serial.log')}' append='on'/>`);
  const start = async (host: TestbedHost, tag: string, incoming?: string) => {
    const cmd = await bareArgv(serialXml, dir, tag, incoming);
    // ip netns exec replaces itself with QEMU: the pid is QEMU's.
    return launchQemu(['ip', 'netns', 'exec', host.netns.name, ...cmd.argv], { logFile: cmd.logFile, monitorPath: cmd.monitorPath });
  };
  let src = await start(hosts[0], 'src');
  await src.qmp.execute('cont');
  await waitForCounter(path.join(dir, 'serial.log'), 5);
  let at = 0;
  let i = 0;
  return {
    async step() {
      const to = 1 - at;
      const uri = `tcp:${hosts[to].address}:${49800 + (i % 10)}`;
      const t = performance.now();
      const dst = await start(hosts[to], `dst${i++}`, 'defer');
      await dst.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
      await dst.qmp.execute('migrate-incoming', { uri });
      await src.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
      await src.qmp.execute('migrate-set-parameters', PARAMS);
      const stopped = src.qmp.waitForEvent('STOP', 120_000).then(() => performance.now());
      const running = dst.qmp.waitForEvent('RESUME', 120_000).then(() => performance.now());
      await src.qmp.execute('migrate', { uri });
      const done = await waitMigration(src);
      // cont while the last of the stream loads sets QEMU's autostart: the minimum a caller can do.
      await dst.qmp.execute('cont');
      const [s, r] = await Promise.all([stopped, running]);
      await bareStop(src);
      src = dst;
      at = to;
      return { wall: r - t, pause: r - s, downtime: done.downtime ?? NaN };
    },
    pause: () => src.qmp.execute('stop').then(() => undefined),
    resume: () => src.qmp.execute('cont').then(() => undefined),
    async close() {
      await bareStop(src);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Lifecycle events as `virsh event --loop --timestamp` prints them, with their wall-clock times (ms). */
function eventWatcher(host: TestbedHost, uri: string): { next(kind: string): Promise<number>; close(): void } {
  const child = host.spawn('virsh', ['-c', uri, 'event', '--all', '--loop', '--timestamp']);
  const waiters: Array<{ kind: string; resolve: (t: number) => void }> = [];
  let buf = '';
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})\+0000: event 'lifecycle' for domain '[^']+': (.+)$/.exec(line.trim());
      if (!m) continue;
      const i = waiters.findIndex((w) => m[3].trim() === w.kind);
      if (i >= 0) waiters.splice(i, 1)[0].resolve(Date.parse(`${m[1]}T${m[2]}Z`));
    }
  });
  child.stderr!.resume();
  return {
    next: (kind) => new Promise((resolve) => waiters.push({ kind, resolve })),
    close: () => child.kill('SIGTERM'),
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

/** libvirt 9.0: virsh migrate --live --p2p between two libvirtd in their namespaces, the same guest XML and QEMU parameters. */
async function libvirtSide(hosts: TestbedHost[]): Promise<Side> {
  const name = 'bench-libvirt';
  const serial = '/var/log/libvirt/bench.serial';
  const file = path.join(hosts[0].root, 'bench-libvirt.xml');
  await fs.writeFile(file, await guestXml({ name, memoryMiB: 256, serialLog: serial }));
  const shell = virshShell(hosts[0]);
  const watchers = hosts.map((h) => eventWatcher(hosts[0], h.uri()));
  await delay(500);
  await shell.run(`connect ${hosts[0].uri()}`);
  await shell.run(`define ${file}`);
  await shell.run(`start ${name}`);
  await waitForCounter(hosts[0].outside(serial), 5);
  let at = 0;
  return {
    async step() {
      const to = 1 - at;
      await shell.run(`connect ${hosts[at].uri()}`);
      const stopped = watchers[at].next('Suspended Migrated');
      const running = watchers[to].next('Resumed Migrated');
      const t = Date.now();
      await shell.run(`migrate --live --p2p --persistent --bandwidth ${defaultKvmDriverConfig.migrationMaxBandwidthMiB} ${name} ${hosts[to].uri()}`);
      const call = Date.now() - t;
      const [s, r] = await Promise.all([stopped, running]);
      await shell.run(`connect ${hosts[to].uri()}`);
      const stats = await shell.run(`domjobinfo --completed ${name}`);
      at = to;
      return { wall: r - t, pause: r - s, downtime: Number(/Total downtime:\s+(\d+)/.exec(stats)?.[1] ?? NaN), call };
    },
    pause: async () => { await shell.run(`connect ${hosts[at].uri()}`); await shell.run(`suspend ${name}`); },
    resume: async () => { await shell.run(`connect ${hosts[at].uri()}`); await shell.run(`resume ${name}`); },
    async close() {
      for (const h of hosts) {
        await shell.run(`connect ${h.uri()}`).catch(() => {});
        await shell.run(`destroy ${name}`).catch(() => {});
        await shell.run(`undefine ${name}`).catch(() => {});
      }
      shell.close();
      for (const w of watchers) w.close();
    },
  };
}

/** Whether Debian's libvirtd and its QEMU driver are installed (.ci/apt/multihost.txt). */
async function hasLibvirtQemu(): Promise<boolean> {
  return fs.access('/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so').then(() => fs.access('/usr/sbin/libvirtd')).then(() => true, () => false);
}

const why = await testbedUnavailable('vkmhb');
if (why) {
  console.log(`bench:hosts needs the namespaced test bed: ${why}`);
  process.exit(1);
}
const tb = await bringUp({ prefix: 'vkmhb', hosts: 2, verbose: false });
const withLibvirt = await hasLibvirtQemu();
const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
const names = ['virtkit p2p (two virtkitd)', 'bare QEMU + QMP by hand', 'libvirt 9.0 p2p (two libvirtd)'] as const;
const rows: Run[][] = [[], [], []];
let version = '';
let lb: Awaited<ReturnType<typeof bringUp>> | undefined;
try {
  const sides: Side[] = [];
  try {
    const v = await virtkitSide(virt, tb.hosts);
    sides.push(v);
    version = v.version;
    sides.push(await bareSide(v.xml, tb.hosts));
    if (withLibvirt) {
      lb = await bringUp({ prefix: 'vkmhl', hosts: 2, daemon: 'libvirtd' });
      sides.push(await libvirtSide(lb.hosts));
    }
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
  } finally {
    for (const side of sides) await side.close().catch(() => {});
  }
} finally {
  await virt.dispose();
  await tb.down();
  await lb?.down();
}

const col = (runs: Run[], k: keyof Run) => runs.map((r) => r[k] as number);
const fmt = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`\nbench:hosts — live migration of a 256 MiB idle guest between two namespaced hosts (${RUNS} runs each, interleaved, QEMU ${version}, TCG)`);
console.log(`  ${''.padEnd(34)} ${'wall: request → running on B'.padEnd(40)} ${'pause: STOP → RESUME'.padEnd(34)} QEMU downtime`);
for (const [k, name] of names.entries()) {
  if (rows[k].length === 0) continue;
  console.log(`  ${name.padEnd(34)} ${fmt(col(rows[k], 'wall')).padEnd(40)} ${fmt(col(rows[k], 'pause')).padEnd(34)} ${fmt(col(rows[k], 'downtime'))}`);
}
const ratio = (x: Run[], y: Run[], k: keyof Run) => (median(col(x, k)) / median(col(y, k))).toFixed(2);
console.log(`  ratio virtkit / bare: wall ${ratio(rows[0], rows[1], 'wall')}, pause ${ratio(rows[0], rows[1], 'pause')}, QEMU downtime ${ratio(rows[0], rows[1], 'downtime')}`);
if (rows[2].length > 0) console.log(`  ratio libvirt / virtkit: wall ${ratio(rows[2], rows[0], 'wall')}, pause ${ratio(rows[2], rows[0], 'pause')}, QEMU downtime ${ratio(rows[2], rows[0], 'downtime')}`);
else console.log('  libvirt 9.0: not measured (libvirt-daemon-driver-qemu is not installed; .ci/apt/multihost.txt installs it)');
console.log(`  the migrate call returns after Confirm3 has also stopped the source: virtkit median ${median(col(rows[0], 'call')).toFixed(0)} ms${rows[2].length > 0 ? `, libvirt median ${median(col(rows[2], 'call')).toFixed(0)} ms` : ''}`);
console.log('  targets: virtkit / bare wall <= 1.10; libvirt / virtkit wall >= 2');
