import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { silentLogger, Virt } from '@virtkit/core';
import { remotePlugin } from '@virtkit/remote';
import { startLibvirtd } from '../helpers/libvirtd.js';

/**
 * bench:client — virtkit's pure-TypeScript remote client against libvirt's
 * own C client (through python3-libvirt), on the same libvirtd (libvirt's
 * test driver) in the same run: calls per second and p99 latency of
 * virDomainGetInfo on one domain, and of virConnectGetAllDomainStats over
 * 1,000 running domains. Each measurement is one connection issuing calls
 * back to back; the two clients take turns (ROUNDS interleaved rounds) and
 * the medians are compared.
 * Python is Debian's /usr/bin/python3, where python3-libvirt is installed.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 1000);
const WARMUP_MS = 300;

interface Result { callsPerSec: number; p99Ms: number; calls: number }
type Workload = 'info' | 'stats';

function summarise(latencies: number[], seconds: number): Result {
  if (latencies.length === 0) throw new Error('no calls measured');
  latencies.sort((a, b) => a - b);
  return {
    callsPerSec: latencies.length / seconds,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
    calls: latencies.length,
  };
}

async function measureVirtkit(uri: string, workload: Workload): Promise<Result> {
  const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
  try {
    const conn = await virt.connect(uri);
    const dom = await conn.lookupDomainByName('test');
    const call = workload === 'info'
      ? async () => { await dom.getInfo(); }
      : async () => {
        const records = await conn.getAllDomainStats();
        if (records.length < DOMAINS) throw new Error(`getAllDomainStats returned ${records.length} domains`);
      };
    const latencies: number[] = [];
    const warmEnd = performance.now() + WARMUP_MS;
    const end = warmEnd + SECONDS * 1000;
    for (;;) {
      const t0 = performance.now();
      if (t0 >= end) break;
      await call();
      if (t0 >= warmEnd) latencies.push(performance.now() - t0);
    }
    return summarise(latencies, SECONDS);
  } finally {
    await virt.dispose();
  }
}

/** The same loop through libvirt's C client; prints the latencies (ms) as JSON. */
const PYTHON = `
import json, sys, time, libvirt
uri, workload, seconds, warm, want = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
conn = libvirt.open(uri)
dom = conn.lookupByName('test')
def stats():
    records = conn.getAllDomainStats()
    if len(records) < want:
        raise SystemExit('getAllDomainStats returned %d domains' % len(records))
call = dom.info if workload == 'info' else stats
lat = []
warm_end = time.perf_counter() + warm
end = warm_end + seconds
while True:
    t0 = time.perf_counter()
    if t0 >= end:
        break
    call()
    if t0 >= warm_end:
        lat.append((time.perf_counter() - t0) * 1000)
conn.close()
print(json.dumps(lat))
`;

async function measurePython(uri: string, workload: Workload): Promise<Result> {
  const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', PYTHON, uri, workload, String(SECONDS), String(WARMUP_MS / 1000), String(DOMAINS)], { maxBuffer: 256 * 1024 * 1024 });
  return summarise(JSON.parse(stdout) as number[], SECONDS);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Fills libvirt's test:///default up to DOMAINS running domains ('test' is
 * the first). libvirtd keeps that host only while a connection holds it, so
 * the returned Virt (with its connection) must outlive the measurements.
 */
async function populate(uri: string): Promise<Virt> {
  const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
  try {
    const conn = await virt.connect(uri);
    for (let i = 1; i < DOMAINS; i++) {
      await conn.createDomain(`<domain type='test'><name>bench-${i}</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`);
    }
    const running = (await conn.listAllDomains()).length;
    if (running < DOMAINS) throw new Error(`only ${running} domains running`);
    return virt;
  } catch (e) {
    await virt.dispose();
    throw e;
  }
}

async function main(): Promise<void> {
  const lvd = await startLibvirtd();
  let holder: Virt | undefined;
  try {
    holder = await populate(lvd.testUri);
    const pad = (s: string, n: number) => s.padStart(n);
    const rows: string[] = [
      `bench:client — virtkit's client vs libvirt's C client (python3-libvirt) on one libvirtd (test driver, ${DOMAINS} running domains), unix socket, ${SECONDS}s per run, ${ROUNDS} interleaved rounds, medians`,
      `${pad('call', 22)} | ${pad('virtkit calls/s', 15)} ${pad('p99 ms', 8)} | ${pad('libvirt calls/s', 15)} ${pad('p99 ms', 8)} | ${pad('throughput ratio', 16)} ${pad('p99 ratio', 9)}`,
    ];
    for (const [label, workload] of [['virDomainGetInfo', 'info'], ['getAllDomainStats', 'stats']] as const) {
      const ours: Result[] = [];
      const theirs: Result[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        ours.push(await measureVirtkit(lvd.testUri, workload));
        theirs.push(await measurePython(lvd.testUri, workload));
      }
      const a = { cps: median(ours.map((x) => x.callsPerSec)), p99: median(ours.map((x) => x.p99Ms)) };
      const b = { cps: median(theirs.map((x) => x.callsPerSec)), p99: median(theirs.map((x) => x.p99Ms)) };
      rows.push(`${pad(label, 22)} | ${pad(a.cps.toFixed(a.cps < 100 ? 1 : 0), 15)} ${pad(a.p99.toFixed(3), 8)} | ${pad(b.cps.toFixed(b.cps < 100 ? 1 : 0), 15)} ${pad(b.p99.toFixed(3), 8)} | ${pad((a.cps / b.cps).toFixed(2) + 'x', 16)} ${pad((a.p99 / b.p99).toFixed(2) + 'x', 9)}`);
    }
    rows.push('ratios are virtkit / libvirt: throughput above 1 and p99 below 1 favour virtkit (target: throughput ≥ 1.0x)');
    process.stdout.write(rows.join('\n') + '\n');
  } finally {
    await holder?.dispose();
    await lvd.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`bench:client failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
