import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { silentLogger, Virt, type Connection } from '@virtkit/core';
import { encodeWith, MESSAGE_MAX, MessageStatus, Proc, remotePlugin } from '@virtkit/remote';
import { FrameFuzzer, prng } from '../helpers/frame-fuzzer.js';
import { RawPeer } from '../helpers/raw-peer.js';
import { startVirtkitd, type Virtkitd } from '../helpers/virtkitd.js';

/**
 * bench:hostile — a well-behaved client's virConnectListAllDomains
 * latency (p50/p99) against virtkitd with no attacker, then while another
 * client sends (a) random and mutated frames, (b) maximum-size (32 MiB)
 * frames, (c) adversarial XML defines (256 KB of `<!--`, 600,000 tiny
 * elements), with the daemon's peak RSS per leg (VmRSS sampled every 10 ms
 * from /proc) and its VmHWM at the end. Targets: p99 under attack at most
 * 5x the quiet p99 of the same round, peak RSS at most 256 MB over the quiet
 * figure. Unix sockets only.
 *
 * A leg lasts at least BENCH_SECONDS (default 3) and at least
 * BENCH_MIN_CALLS (default 2000) witness calls, so a p99 rests on 20 or
 * more samples above it; then the attacker is told to stop, and the witness
 * keeps calling until it has (calls its last frames delay are measured).
 * Before the measured rounds, each daemon gets a quiet warm-up and each
 * attack once for BENCH_WARMUP_SECONDS (default 1), unmeasured, so the
 * rounds compare compiled code. The attacker runs in a process of its own
 * (this file with `attack LEG SOCKET RO-SOCKET`), so generating its frames
 * never delays the witness; its rate (what the daemon answered per second)
 * is reported beside each leg. "CPU us+sy" is the daemon's user and system
 * time over the leg's wall time. The load average is printed before and
 * after: on a shared machine the figures mean little without it.
 *
 * A/B in one run: BENCH_BASELINE=DIR (another checkout, built) starts that
 * checkout's virtkitd beside this one, and BENCH_ROUNDS (default 1) rounds
 * run each daemon's legs in turn, alternating which goes first; the same
 * witness and attackers (this checkout's) face both. The summary gives each
 * daemon's median over the rounds.
 *
 * On a small machine the attacker also takes CPU from the daemon;
 * BENCH_ATTACKER_NICE=19 runs it niced, to see the daemon's own scheduling
 * apart from the kernel's. BENCH_LEGS (default "a,b,c") picks the attack
 * legs, e.g. "a" to profile one; the quiet leg always runs.
 * BENCH_DAEMON_NODE_ARGS passes options to the daemons' node, e.g.
 * "--cpu-prof --cpu-prof-dir=DIR".
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const MIN_CALLS = Number(process.env.BENCH_MIN_CALLS ?? 2000);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const BASELINE = process.env.BENCH_BASELINE;
/** Niceness of the attacker process (BENCH_ATTACKER_NICE, default 0: it competes with the daemon for the CPU as an equal). */
const NICE = Number(process.env.BENCH_ATTACKER_NICE ?? 0);
/** Options for the daemons' node (BENCH_DAEMON_NODE_ARGS, split on spaces). */
const DAEMON_NODE_ARGS = (process.env.BENCH_DAEMON_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
const MB = 1048576;
/** The attack legs to run (BENCH_LEGS, letters of a, b, c; default all). */
const LEGS = new Set((process.env.BENCH_LEGS ?? 'a,b,c').split(',').map((l) => l.trim()));

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU seconds a process has used in user and in system mode, from /proc/PID/stat. */
function cpuSeconds(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

type AttackName = 'random' | 'maximum' | 'xml';

/** What an attacker process reports: answers the daemon gave it (`count` of `unit`), over its wall time, and its own CPU share. */
interface AttackSummary { count: number; unit: string; detail?: string; seconds: number; cpu: number }

interface Leg { name: string; attack?: AttackName; lists: number; p50: number; p99: number; max: number; peakRss: number; cpu: { user: number; system: number }; summary?: AttackSummary }

/** The legs of a round, in order: the quiet one first. */
const LEG_PLAN: Array<{ name: string; attack?: AttackName }> = [
  { name: 'quiet' },
  ...(LEGS.has('a') ? [{ name: '(a) random frames', attack: 'random' as const }] : []),
  ...(LEGS.has('b') ? [{ name: '(b) maximum-size frames', attack: 'maximum' as const }] : []),
  ...(LEGS.has('c') ? [{ name: '(c) adversarial XML', attack: 'xml' as const }] : []),
];

/** An attacker process for `name` against the daemon, attacking from `ready` until stop() is called. */
function runAttacker(name: AttackName, d: Virtkitd): { ready: Promise<void>; stop(): void; done: Promise<AttackSummary> } {
  const args = [process.execPath, fileURLToPath(import.meta.url), 'attack', name, d.socket, d.roSocket];
  const stdio: ['pipe', 'pipe', 'inherit'] = ['pipe', 'pipe', 'inherit'];
  const child = NICE > 0 ? spawn('nice', ['-n', String(NICE), ...args], { stdio }) : spawn(args[0], args.slice(1), { stdio });
  let out = '';
  let started: () => void;
  const ready = new Promise<void>((r) => (started = r));
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.startsWith('ready\n')) started();
  });
  const done = new Promise<AttackSummary>((resolve, reject) => child.once('exit', (code) => {
    started();
    if (code === 0) resolve(JSON.parse(out.slice('ready\n'.length)) as AttackSummary);
    else reject(new Error(`attacker ${name} exited with ${code}`));
  }));
  return { ready, stop: () => child.stdin!.end(), done };
}

/**
 * One leg: the witness lists domains for at least `seconds` and `minCalls`
 * calls while the attacker (if any) runs, then until the stopped attacker
 * has exited.
 */
async function leg(name: string, d: Virtkitd, witness: Connection, attack: AttackName | undefined, seconds: number, minCalls: number): Promise<Leg> {
  const pid = d.proc.pid!;
  // The attacker's process start (loading its modules) is not part of the leg.
  const attacker = attack ? runAttacker(attack, d) : undefined;
  await attacker?.ready;
  let peakRss = procStatus(pid, 'VmRSS');
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStatus(pid, 'VmRSS'))), 10);
  const started = performance.now();
  const cpu0 = cpuSeconds(pid);
  const end = started + seconds * 1000;
  const latencies: number[] = [];
  let attackDone = !attacker;
  const done = attacker?.done.finally(() => (attackDone = true));
  // A failed attacker fails the leg once the witness stops (and the daemons are stopped), not the process meanwhile.
  done?.catch(() => {});
  let stopped = false;
  while (!attackDone || performance.now() < end || latencies.length < minCalls) {
    if (!stopped && performance.now() >= end && latencies.length >= minCalls) {
      stopped = true;
      attacker?.stop();
    }
    const t0 = performance.now();
    await witness.listAllDomains();
    latencies.push(performance.now() - t0);
  }
  const summary = await done;
  const wall = (performance.now() - started) / 1000;
  const cpu1 = cpuSeconds(pid);
  const cpu = { user: (cpu1.user - cpu0.user) / wall, system: (cpu1.system - cpu0.system) / wall };
  clearInterval(sampler);
  peakRss = Math.max(peakRss, procStatus(pid, 'VmRSS'));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
  return { name, attack, lists: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1], peakRss, cpu, summary };
}

interface Sockets { socket: string; roSocket: string }

type AttackResult = Omit<AttackSummary, 'seconds' | 'cpu'>;

/** (a) Three connections of seeded hostile frames, on both sockets, reconnecting after each burst. */
function randomFrames(d: Sockets) {
  return async (going: () => boolean): Promise<AttackResult> => {
    const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
    const dom = (await (await virt.connect(`test+unix:///default?socket=${d.socket}`)).lookupDomainByName('test')).driverRef;
    await virt.dispose();
    let frames = 0;
    await Promise.all([0, 1, 2].map(async (n) => {
      const fuzz = new FrameFuzzer(prng(0x5eed + n), dom);
      while (going()) frames += await fuzz.burst(d);
    }));
    return { count: frames, unit: 'frames' };
  };
}

/**
 * (b) Eight connections sending 32 MiB frames back to back, and two that
 * announce one and stall. A sender the daemon closes (a frame not whole
 * within partial_frame_timeout, when the attacker is starved of CPU)
 * connects again; those closes are counted.
 */
function maximumFrames(d: Sockets) {
  return async (going: () => boolean): Promise<AttackResult> => {
    const frame = FrameFuzzer.undecodableDefine(MESSAGE_MAX, 1);
    let answered = 0;
    let closed = 0;
    const stallers = await Promise.all([0, 1].map(() => RawPeer.connect(d.socket)));
    for (const s of stallers) s.socket.write(frame.subarray(0, 1 << 20));
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (going()) {
        const raw = await RawPeer.connect(d.socket);
        try {
          await raw.open();
          for (let serial = 1; going(); serial++) {
            frame.writeUInt32BE(serial, 20);
            raw.socket.write(Buffer.from(frame));
            await raw.reply(serial, 60000);
            answered++;
            raw.frames.length = 0;
          }
        } catch (e) {
          if (!raw.closed) throw e;
          closed++;
        } finally {
          raw.end();
        }
      }
    }));
    for (const s of stallers) s.end();
    return { count: answered, unit: 'frames of 32 MiB', detail: closed > 0 ? `${closed} senders closed by the daemon` : undefined };
  };
}

/** (c) Two connections defining hostile documents in turn, on a test host of their own. */
function adversarialXml(d: Sockets) {
  const docs = [
    '<!--'.repeat(64000),
    `<domain type='test'><name>wide</name><memory>65536</memory><os><type>hvm</type></os><description>${'<a/>'.repeat(600000)}</description></domain>`,
    `<domain type='test'><name>wide2</name><memory>65536</memory><os><type>hvm</type></os>${'<b/>'.repeat(600000)}</domain>`,
  ];
  return async (going: () => boolean): Promise<AttackResult> => {
    let sent = 0;
    let accepted = 0;
    await Promise.all([0, 1].map(async (n) => {
      const raw = await RawPeer.connect(d.socket);
      await raw.open('test:///hostile?empty=1');
      for (let serial = 1; going() && !raw.closed; serial++) {
        const xml = docs[(serial + n) % docs.length];
        raw.call(Proc.DOMAIN_DEFINE_XML.proc, serial, encodeWith(Proc.DOMAIN_DEFINE_XML.args, { xml }));
        sent++;
        if ((await raw.reply(serial, 120000)).header.status === MessageStatus.OK) accepted++;
        raw.frames.length = 0;
      }
      raw.end();
    }));
    return { count: sent, unit: 'defines', detail: `${accepted} accepted` };
  };
}

/** A daemon under test; `freshRss` is its peak RSS in the quiet warm-up, before any attack. */
interface Daemon { label: string; d: Virtkitd; witness: Connection; freshRss: number }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');
const pad = (s: string, n: number) => s.padStart(n);

/**
 * One table row: the leg's p99 beside its round's quiet leg, its peak RSS
 * beside the daemon's before any attack (so memory an earlier leg kept
 * counts against this one).
 */
function row(label: string, round: number, l: Leg, quiet: Leg, freshRss: number): string {
  const ratio = l.p99 / quiet.p99;
  const grew = (l.peakRss - freshRss) / MB;
  const isQuiet = l === quiet;
  const rate = l.summary ? `${(l.summary.count / l.summary.seconds).toFixed(l.summary.count / l.summary.seconds < 100 ? 1 : 0)} ${l.summary.unit}/s (${l.summary.count}${l.summary.detail ? ', ' + l.summary.detail : ''}), attacker CPU ${(l.summary.cpu * 100).toFixed(0)}%` : 'none';
  return `${label.padEnd(9)} ${pad(String(round), 2)} ${l.name.padEnd(24)} | ${pad(String(l.lists), 6)} ${pad(l.p50.toFixed(2), 7)} ${pad(l.p99.toFixed(2), 7)} ${pad(l.max.toFixed(1), 7)} ${pad(ratio.toFixed(2) + 'x', 8)} ${pad(`${(l.cpu.user * 100).toFixed(0)}+${(l.cpu.system * 100).toFixed(0)}%`, 7)} | ${pad((l.peakRss / MB).toFixed(0), 5)} ${pad(grew.toFixed(0), 5)} | ${pad(isQuiet ? '-' : ratio <= 5 ? 'yes' : 'NO', 7)} ${pad(isQuiet ? '-' : grew <= 256 ? 'yes' : 'NO', 9)} | ${rate}`;
}

async function main(): Promise<void> {
  const loadBefore = load();
  const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
  const daemons: Daemon[] = [];
  try {
    const builds = [{ label: 'this', script: undefined as string | undefined }];
    if (BASELINE) builds.push({ label: 'baseline', script: path.resolve(BASELINE, 'packages/remote/dist/bin/virtkitd.js') });
    for (const b of builds) {
      const d = await startVirtkitd('', { verbose: false, nodeArgs: DAEMON_NODE_ARGS, script: b.script });
      const witness = await virt.connect(d.uri());
      const freshRss = (await leg('warm-up', d, witness, undefined, WARMUP_SECONDS, 0)).peakRss;
      daemons.push({ label: b.label, d, witness, freshRss });
    }
    for (const { d, witness } of daemons) {
      for (const l of LEG_PLAN) if (l.attack) await leg(l.name, d, witness, l.attack, WARMUP_SECONDS, 0);
    }
    const rows = [
      `bench:hostile — virConnectListAllDomains from a well-behaved client, virtkitd on a unix socket, legs of at least ${SECONDS}s and ${MIN_CALLS} calls, ${ROUNDS} round(s)${BASELINE ? `, baseline ${BASELINE}` : ''}`,
      `load average before: ${loadBefore}`,
      `${'daemon'.padEnd(9)} ${pad('r', 2)} ${'leg'.padEnd(24)} | ${pad('lists', 6)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('max ms', 7)} ${pad('p99/quiet', 8)} ${pad('CPU us+sy', 7)} | ${pad('RSS', 5)} ${pad('+MB', 5)} | ${pad('p99<=5x', 7)} ${pad('RSS<=+256', 9)} | attacker answered`,
    ];
    process.stdout.write(rows.join('\n') + '\n');
    const results = new Map<string, Leg[][]>(daemons.map((x) => [x.label, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 1 ? daemons : [...daemons].reverse();
      for (const { label, d, witness, freshRss } of order) {
        const legs: Leg[] = [];
        for (const l of LEG_PLAN) {
          legs.push(await leg(l.name, d, witness, l.attack, SECONDS, MIN_CALLS));
          process.stdout.write(row(label, round, legs[legs.length - 1], legs[0], freshRss) + '\n');
        }
        results.get(label)!.push(legs);
      }
    }
    const summary = [`load average after: ${load()}`, `medians over ${ROUNDS} round(s): p99 under attack / the same round's quiet p99, and peak RSS over the daemon's before any attack`];
    for (const { label, freshRss } of daemons) {
      const rounds = results.get(label)!;
      const parts = LEG_PLAN.map((l, i) => {
        const p99 = median(rounds.map((r) => r[i].p99));
        if (i === 0) return `quiet p99 ${p99.toFixed(2)} ms`;
        const ratio = median(rounds.map((r) => r[i].p99 / r[0].p99));
        const grew = median(rounds.map((r) => (r[i].peakRss - freshRss) / MB));
        return `${l.name.slice(0, 3)} ${ratio.toFixed(2)}x (${p99.toFixed(2)} ms, +${grew.toFixed(0)} MB)${ratio <= 5 && grew <= 256 ? '' : ' MISSED'}`;
      });
      summary.push(`${label.padEnd(9)} ${parts.join('; ')}`);
    }
    for (const { label, d } of daemons) summary.push(`${label} daemon VmHWM at the end: ${(procStatus(d.proc.pid!, 'VmHWM') / MB).toFixed(0)} MB`);
    process.stdout.write(summary.join('\n') + '\n');
  } finally {
    await virt.dispose();
    await Promise.all(daemons.map((x) => x.d.stop()));
  }
}

/** The attacker process: one attack until its stdin closes, then its summary as JSON on stdout. */
async function attacker(name: string, sockets: Sockets): Promise<void> {
  const attacks: Record<string, (d: Sockets) => (going: () => boolean) => Promise<AttackResult>> = { random: randomFrames, maximum: maximumFrames, xml: adversarialXml };
  let going = true;
  process.stdin.on('data', () => {});
  process.stdin.once('end', () => (going = false));
  const attack = attacks[name](sockets);
  process.stdout.write('ready\n');
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await attack(() => going);
  const { user, system } = process.cpuUsage(cpu0);
  const seconds = (performance.now() - started) / 1000;
  const summary: AttackSummary = { ...result, seconds, cpu: (user + system) / 1e6 / seconds };
  process.stdout.write(JSON.stringify(summary) + '\n');
}

const [mode, name, socket, roSocket] = process.argv.slice(2);
(mode === 'attack' ? attacker(name, { socket, roSocket }) : main()).then(() => process.exit(0), (e) => {
  process.stderr.write(`bench:hostile failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
