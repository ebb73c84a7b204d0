import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DomainEventType, DomainXmlFlags, JobStatsFlags, MigrateFlags, ResumedDetail, type Domain } from '@virtkit/core';
import { defaultKvmDriverConfig, type LaunchedQemu } from '@virtkit/driver-kvm';
import { embedUri, guestXml, makeRoot, makeVirt, waitForCounter } from '../support/hosts.js';
import { bareArgv, bareStart, bareStop, median, qemuVersionText, report } from './bench-util.js';

/**
 * Live migration of the same 256 MiB guest between two hosts on loopback,
 * idle and rewriting memory: virtkit (domain.migrate between two embed
 * roots) against the bare minimum by hand (start the destination QEMU with
 * the same arguments plus -incoming, migrate over QMP, cont), with the same
 * QEMU migration parameters. Timed: from the migrate request to the guest
 * running on the destination, the destination's start included. One
 * warm-up migration each, then 5 timed runs, ping-ponging between the hosts.
 */
const RUNS = 5;
const MiB = 1024 * 1024;
const PARAMS = { 'max-bandwidth': defaultKvmDriverConfig.migrationMaxBandwidthMiB * MiB, 'downtime-limit': defaultKvmDriverConfig.migrationDowntimeMs };

interface Timings { wall: number[]; downtime: number[]; mb: number[]; call?: number[] }

interface Side {
  /** One timed migration to the other host; returns its timings. */
  step(): Promise<{ wall: number; downtime: number; mb: number; call?: number }>;
  /** Freezes the guest while the other side is measured, so it takes no CPU from it. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** virtkit: the guest ping-pongs between two embed roots through domain.migrate. */
async function virtkitSide(dirty: boolean): Promise<Side & { version: string; xml: string }> {
  const rootA = await makeRoot('bmA');
  const rootB = await makeRoot('bmB');
  const virt = await makeVirt();
  const a = await virt.connect(embedUri(rootA));
  const b = await virt.connect(embedUri(rootB));
  const serial = path.join(rootA, 'serial.log');
  let cur: Domain = await a.defineDomain(await guestXml({ name: `bench-${dirty ? 'dirty' : 'idle'}`, memoryMiB: 256, serialLog: serial, dirty }));
  await cur.start();
  await waitForCounter(serial, dirty ? 30 : 5);
  let dest = b;
  return {
    version: qemuVersionText(await a.getVersion()),
    xml: await cur.getXmlDesc(DomainXmlFlags.MIGRATABLE),
    async step() {
      // The guest runs on the destination when its RESUMED (migrated) event fires there.
      const runningAt = new Promise<number>((resolve) => {
        const off = dest.onLifecycle((e) => {
          if (e.event === DomainEventType.RESUMED && e.detail === ResumedDetail.MIGRATED) {
            off();
            resolve(performance.now());
          }
        });
      });
      const t = performance.now();
      const { domain } = await cur.migrate(dest, { flags: MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST });
      const call = performance.now() - t;
      const wall = (await runningAt) - t;
      const stats = await cur.getJobStats(JobStatsFlags.COMPLETED);
      dest = cur.connection;
      cur = domain;
      return { wall, call, downtime: Number(stats.params.downtime ?? NaN), mb: Number(stats.params.memory_processed ?? NaN) / MiB };
    },
    pause: () => cur.suspend(),
    resume: () => cur.resume(),
    async close() {
      await cur.destroy().catch(() => {});
      await virt.dispose();
      await fs.rm(rootA, { recursive: true, force: true });
      await fs.rm(rootB, { recursive: true, force: true });
    },
  };
}

async function waitMigration(q: LaunchedQemu): Promise<{ status: string; downtime?: number; ram?: { transferred: number } }> {
  for (;;) {
    const event = q.qmp.waitForEvent('MIGRATION', 200, (e) => ['completed', 'failed', 'cancelled'].includes(String(e.data.status)));
    event.catch(() => {});
    const r = await q.qmp.execute<{ status: string; downtime?: number; 'error-desc'?: string; ram?: { transferred: number } }>('query-migrate');
    if (r.status === 'completed') return r;
    if (r.status === 'failed' || r.status === 'cancelled') throw new Error(`bare migration ${r.status}: ${r['error-desc']}`);
    await event.catch(() => {});
  }
}

/** The bare sequence: the same XML's argv, spawned and driven over QMP by hand. */
async function bareSide(xml: string, dirty: boolean): Promise<Side> {
  const dir = await makeRoot('bmbare');
  const serialXml = xml.replace(/<source path='[^']*' append='on'\/>/, `<source path='${path.join(dir, 'serial.log')}' append='on'/>`);
  let src = await bareStart(await bareArgv(serialXml, dir, 'src'));
  await src.qmp.execute('cont');
  await waitForCounter(path.join(dir, 'serial.log'), dirty ? 30 : 5);
  let i = 0;
  return {
    async step() {
      const port = 49700 + (i % 10);
      const cmd = await bareArgv(serialXml, dir, `dst${i++}`, 'defer');
      const t = performance.now();
      const dst = await bareStart(cmd);
      await dst.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
      await dst.qmp.execute('migrate-incoming', { uri: `tcp:127.0.0.1:${port}` });
      await src.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
      await src.qmp.execute('migrate-set-parameters', PARAMS);
      await src.qmp.execute('migrate', { uri: `tcp:127.0.0.1:${port}` });
      const done = await waitMigration(src);
      // cont while the last of the stream loads sets QEMU's autostart: the minimum a caller can do.
      await dst.qmp.execute('cont');
      const wall = performance.now() - t;
      await bareStop(src);
      src = dst;
      return { wall, downtime: done.downtime ?? NaN, mb: (done.ram?.transferred ?? NaN) / MiB };
    },
    pause: () => src.qmp.execute('stop').then(() => undefined),
    resume: () => src.qmp.execute('cont').then(() => undefined),
    async close() {
      await bareStop(src);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

for (const dirty of [false, true]) {
  const v = await virtkitSide(dirty);
  const bare = await bareSide(v.xml, dirty);
  const vt: Timings = { wall: [], downtime: [], mb: [], call: [] };
  const bt: Timings = { wall: [], downtime: [], mb: [] };
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
      vt.wall.push(x.wall);
      vt.call!.push(x.call!);
      vt.downtime.push(x.downtime);
      vt.mb.push(x.mb);
      bt.wall.push(y.wall);
      bt.downtime.push(y.downtime);
      bt.mb.push(y.mb);
    }
  } finally {
    await v.close();
    await bare.close();
  }
  report(
    `bench:migrate — live migration of a 256 MiB ${dirty ? 'memory-rewriting' : 'idle'} guest over loopback (${RUNS} runs each, interleaved, QEMU ${v.version}, TCG)`,
    [['virtkit domain.migrate', vt.wall], ['bare QEMU + QMP by hand', bt.wall]],
    'bare QEMU + QMP by hand',
    [
      `virtkit's migrate call returns after Confirm3 has also stopped the source: median ${median(vt.call!).toFixed(0)} ms (${vt.call!.map((x) => x.toFixed(0)).join(', ')})`,
      `QEMU-reported downtime: virtkit median ${median(vt.downtime)} ms (${vt.downtime.join(', ')}), bare median ${median(bt.downtime)} ms (${bt.downtime.join(', ')})`,
      `RAM sent per migration: virtkit median ${median(vt.mb).toFixed(1)} MiB, bare median ${median(bt.mb).toFixed(1)} MiB`,
      'target: ratio <= 1.10',
    ],
  );
}
