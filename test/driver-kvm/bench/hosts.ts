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

const why = await testbedUnavailable();
if (why) {
  console.log(`bench:hosts needs the namespaced test bed: ${why}`);
  process.exit(1);
}
const tb = await bringUp({ prefix: 'vkhb', hosts: 2, verbose: false });
const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
const rows = { virtkit: [] as Run[], bare: [] as Run[] };
let version = '';
try {
  const v = await virtkitSide(virt, tb.hosts);
  version = v.version;
  const bare = await bareSide(v.xml, tb.hosts);
  try {
    // Interleaved, so both see the same machine, the other guest frozen meanwhile; run 0 of each is a warm-up.
    for (let i = 0; i <= RUNS; i++) {
      await bare.pause();
      const x = await v.step();
      await bare.resume();
      await v.pause();
      const y = await bare.step();
      await v.resume();
      await delay(50);
      if (i === 0) continue;
      rows.virtkit.push(x);
      rows.bare.push(y);
    }
  } finally {
    await v.close();
    await bare.close();
  }
} finally {
  await virt.dispose();
  await tb.down();
}

const col = (runs: Run[], k: keyof Run) => runs.map((r) => r[k] as number);
const fmt = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})`;
console.log(`\nbench:hosts — live migration of a 256 MiB idle guest between two namespaced hosts (${RUNS} runs each, interleaved, QEMU ${version}, TCG)`);
console.log(`  ${''.padEnd(34)} ${'wall: request → running on B'.padEnd(40)} ${'pause: STOP → RESUME'.padEnd(34)} QEMU downtime`);
for (const [name, runs] of [['virtkit p2p (two virtkitd)', rows.virtkit], ['bare QEMU + QMP by hand', rows.bare]] as const) {
  console.log(`  ${name.padEnd(34)} ${fmt(col(runs, 'wall')).padEnd(40)} ${fmt(col(runs, 'pause')).padEnd(34)} ${fmt(col(runs, 'downtime'))}`);
}
const ratio = (k: keyof Run) => (median(col(rows.virtkit, k)) / median(col(rows.bare, k))).toFixed(2);
console.log(`  ratio virtkit / bare: wall ${ratio('wall')}, pause ${ratio('pause')}, QEMU downtime ${ratio('downtime')}`);
console.log(`  virtkit's migrateToURI3 call returns after Confirm3 has also stopped the source: median ${median(col(rows.virtkit, 'call')).toFixed(0)} ms`);
console.log('  target: wall ratio <= 1.10');
