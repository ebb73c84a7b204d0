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

async function runVirtkit(dirty: boolean): Promise<Timings & { version: string; xml: string }> {
  const rootA = await makeRoot('bmA');
  const rootB = await makeRoot('bmB');
  const virt = await makeVirt();
  try {
    const a = await virt.connect(embedUri(rootA));
    const b = await virt.connect(embedUri(rootB));
    const serial = path.join(rootA, 'serial.log');
    let cur: Domain = await a.defineDomain(await guestXml({ name: `bench-${dirty ? 'dirty' : 'idle'}`, memoryMiB: 256, serialLog: serial, dirty }));
    await cur.start();
    await waitForCounter(serial, dirty ? 30 : 5);
    const xml = await cur.getXmlDesc(DomainXmlFlags.MIGRATABLE);
    const out: Timings = { wall: [], downtime: [], mb: [], call: [] };
    let dest = b;
    for (let i = 0; i <= RUNS; i++) {
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
      if (i > 0) {
        out.call!.push(call);
        out.wall.push(wall);
        out.downtime.push(Number(stats.params.downtime ?? NaN));
        out.mb.push(Number(stats.params.memory_processed ?? NaN) / MiB);
      }
      dest = cur.connection;
      cur = domain;
    }
    await cur.destroy();
    return { ...out, version: qemuVersionText(await a.getVersion()), xml };
  } finally {
    await virt.dispose();
    await fs.rm(rootA, { recursive: true, force: true });
    await fs.rm(rootB, { recursive: true, force: true });
  }
}

async function waitMigration(q: LaunchedQemu): Promise<{ status: string; downtime?: number; ram?: { transferred: number } }> {
  for (;;) {
    const r = await q.qmp.execute<{ status: string; downtime?: number; 'error-desc'?: string; ram?: { transferred: number } }>('query-migrate');
    if (r.status === 'completed') return r;
    if (r.status === 'failed' || r.status === 'cancelled') throw new Error(`bare migration ${r.status}: ${r['error-desc']}`);
    await q.qmp.waitForEvent('MIGRATION', 200, (e) => ['completed', 'failed', 'cancelled'].includes(String(e.data.status))).catch(() => {});
  }
}

async function runBare(xml: string, dirty: boolean): Promise<Timings> {
  const dir = await makeRoot('bmbare');
  const serialXml = xml.replace(/<source path='[^']*' append='on'\/>/, `<source path='${path.join(dir, 'serial.log')}' append='on'/>`);
  let src: LaunchedQemu | undefined;
  try {
    src = await bareStart(await bareArgv(serialXml, dir, 'src'));
    await src.qmp.execute('cont');
    await waitForCounter(path.join(dir, 'serial.log'), dirty ? 30 : 5);
    const out: Timings = { wall: [], downtime: [], mb: [] };
    for (let i = 0; i <= RUNS; i++) {
      const port = 49700 + i;
      const cmd = await bareArgv(serialXml, dir, `dst${i}`, 'defer');
      const t = performance.now();
      const dst = await bareStart(cmd);
      await dst.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
      await dst.qmp.execute('migrate-incoming', { uri: `tcp:127.0.0.1:${port}` });
      await src.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
      await src.qmp.execute('migrate-set-parameters', PARAMS);
      await src.qmp.execute('migrate', { uri: `tcp:127.0.0.1:${port}` });
      const done = await waitMigration(src);
      await waitMigration(dst);
      await dst.qmp.execute('cont');
      const wall = performance.now() - t;
      if (i > 0) {
        out.wall.push(wall);
        out.downtime.push(done.downtime ?? NaN);
        out.mb.push((done.ram?.transferred ?? NaN) / MiB);
      }
      await bareStop(src);
      src = dst;
      await delay(50);
    }
    return out;
  } finally {
    if (src) await bareStop(src);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

for (const dirty of [false, true]) {
  const v = await runVirtkit(dirty);
  const bare = await runBare(v.xml, dirty);
  report(
    `bench:migrate — live migration of a 256 MiB ${dirty ? 'memory-rewriting' : 'idle'} guest over loopback (${RUNS} runs each, QEMU ${v.version}, TCG)`,
    [['virtkit domain.migrate', v.wall], ['bare QEMU + QMP by hand', bare.wall]],
    'bare QEMU + QMP by hand',
    [
      `virtkit's migrate call returns after Confirm3 has also stopped the source: median ${median(v.call!).toFixed(0)} ms (${v.call!.map((x) => x.toFixed(0)).join(', ')})`,
      `QEMU-reported downtime: virtkit median ${median(v.downtime)} ms (${v.downtime.join(', ')}), bare median ${median(bare.downtime)} ms (${bare.downtime.join(', ')})`,
      `RAM sent per migration: virtkit median ${median(v.mb).toFixed(1)} MiB, bare median ${median(bare.mb).toFixed(1)} MiB`,
      'target: ratio <= 1.10',
    ],
  );
}
