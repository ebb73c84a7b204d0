import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
 * 5x the quiet p99, peak RSS at most 256 MB over the quiet figure. Each leg
 * lasts BENCH_SECONDS (default 3) plus whatever the daemon takes to answer
 * the call in flight; unix sockets only. The attacker runs in a process of
 * its own (this file with `attack LEG SOCKET RO-SOCKET`), so generating its
 * frames never delays the witness. "daemon CPU" is the daemon's user and
 * system time over the leg's wall time. On a small machine the attacker also
 * takes CPU from the daemon; BENCH_ATTACKER_NICE=19 runs it niced, to see the
 * daemon's own scheduling apart from the kernel's. BENCH_LEGS (default
 * "a,b,c") picks the attack legs, e.g. "a" to profile one; the quiet leg
 * always runs.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Niceness of the attacker process (BENCH_ATTACKER_NICE, default 0: it competes with the daemon for the CPU as an equal). */
const NICE = Number(process.env.BENCH_ATTACKER_NICE ?? 0);
const MB = 1048576;
/** The attack legs to run (BENCH_LEGS, letters of a, b, c; default all). */
const LEGS = new Set((process.env.BENCH_LEGS ?? 'a,b,c').split(',').map((l) => l.trim()));

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU seconds (user + system) a process has used, from /proc/PID/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Leg { name: string; lists: number; p50: number; p99: number; max: number; peakRss: number; cpu: number; attack: string }

type AttackName = 'random' | 'maximum' | 'xml';

/** Runs the attacker process for `name` against the daemon; resolves with its summary line. */
function runAttacker(name: AttackName, d: Virtkitd): Promise<string> {
  const args = [process.execPath, fileURLToPath(import.meta.url), 'attack', name, d.socket, d.roSocket];
  const child = NICE > 0 ? spawn('nice', ['-n', String(NICE), ...args], { stdio: ['ignore', 'pipe', 'inherit'] }) : spawn(args[0], args.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`attacker ${name} exited with ${code}`)))));
}

/** Runs an attacker (if any) while the witness lists domains; returns the witness's figures and the daemon's peak RSS. */
async function leg(name: string, d: Virtkitd, witness: Connection, attack?: AttackName): Promise<Leg> {
  const pid = d.proc.pid!;
  let peakRss = procStatus(pid, 'VmRSS');
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStatus(pid, 'VmRSS'))), 10);
  const started = performance.now();
  const cpu0 = cpuSeconds(pid);
  const end = started + SECONDS * 1000;
  const going = () => performance.now() < end;
  const latencies: number[] = [];
  let attackDone = !attack;
  const attacking = (attack ? runAttacker(attack, d) : Promise.resolve('')).finally(() => (attackDone = true));
  // The witness keeps calling until the attacker is done too: calls its last frames delay are measured.
  while (going() || !attackDone) {
    const t0 = performance.now();
    await witness.listAllDomains();
    latencies.push(performance.now() - t0);
  }
  const summary = await attacking;
  const cpu = (cpuSeconds(pid) - cpu0) / ((performance.now() - started) / 1000);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, procStatus(pid, 'VmRSS'));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
  return { name, lists: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1], peakRss, cpu, attack: summary };
}

interface Sockets { socket: string; roSocket: string }

/** (a) Three connections of seeded hostile frames, on both sockets, reconnecting after each burst. */
function randomFrames(d: Sockets) {
  return async (going: () => boolean): Promise<string> => {
    const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
    const dom = (await (await virt.connect(`test+unix:///default?socket=${d.socket}`)).lookupDomainByName('test')).driverRef;
    await virt.dispose();
    let frames = 0;
    await Promise.all([0, 1, 2].map(async (n) => {
      const fuzz = new FrameFuzzer(prng(0x5eed + n), dom);
      while (going()) frames += await fuzz.burst(d);
    }));
    return `${frames} frames`;
  };
}

/** (b) Eight connections sending 32 MiB frames back to back, and two that announce one and stall. */
function maximumFrames(d: Sockets) {
  return async (going: () => boolean): Promise<string> => {
    const frame = FrameFuzzer.undecodableDefine(MESSAGE_MAX, 1);
    let sent = 0;
    const stallers = await Promise.all([0, 1].map(() => RawPeer.connect(d.socket)));
    for (const s of stallers) s.socket.write(frame.subarray(0, 1 << 20));
    await Promise.all(Array.from({ length: 8 }, async () => {
      const raw = await RawPeer.connect(d.socket);
      await raw.open();
      for (let serial = 1; going() && !raw.closed; serial++) {
        frame.writeUInt32BE(serial, 20);
        raw.socket.write(Buffer.from(frame));
        sent++;
        await raw.reply(serial, 60000);
        raw.frames.length = 0;
      }
      raw.end();
    }));
    for (const s of stallers) s.end();
    return `${sent} frames of 32 MiB`;
  };
}

/** (c) Two connections defining hostile documents in turn, on a test host of their own. */
function adversarialXml(d: Sockets) {
  const docs = [
    '<!--'.repeat(64000),
    `<domain type='test'><name>wide</name><memory>65536</memory><os><type>hvm</type></os><description>${'<a/>'.repeat(600000)}</description></domain>`,
    `<domain type='test'><name>wide2</name><memory>65536</memory><os><type>hvm</type></os>${'<b/>'.repeat(600000)}</domain>`,
  ];
  return async (going: () => boolean): Promise<string> => {
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
    return `${sent} defines, ${accepted} accepted`;
  };
}

async function main(): Promise<void> {
  const d = await startVirtkitd('', { verbose: false });
  const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
  try {
    const witness = await virt.connect(d.uri());
    await leg('warm-up', d, witness);
    const quiet = await leg('quiet', d, witness);
    const legs = [quiet];
    if (LEGS.has('a')) legs.push(await leg('(a) random frames', d, witness, 'random'));
    if (LEGS.has('b')) legs.push(await leg('(b) maximum-size frames', d, witness, 'maximum'));
    if (LEGS.has('c')) legs.push(await leg('(c) adversarial XML', d, witness, 'xml'));
    const hwm = procStatus(d.proc.pid!, 'VmHWM');
    const pad = (s: string, n: number) => s.padStart(n);
    const rows = [
      `bench:hostile — virConnectListAllDomains from a well-behaved client, virtkitd on a unix socket, ${SECONDS}s per leg`,
      `${'leg'.padEnd(24)} | ${pad('lists', 6)} ${pad('p50 ms', 9)} ${pad('p99 ms', 9)} ${pad('max ms', 9)} ${pad('p99 ratio', 9)} ${pad('daemon CPU', 10)} | ${pad('peak RSS MB', 11)} ${pad('+MB', 7)} | ${pad('p99<=5x', 7)} ${pad('RSS<=+256', 9)} | attack`,
    ];
    for (const l of legs) {
      const ratio = l.p99 / quiet.p99;
      const grew = (l.peakRss - quiet.peakRss) / MB;
      const isQuiet = l === quiet;
      rows.push(`${l.name.padEnd(24)} | ${pad(String(l.lists), 6)} ${pad(l.p50.toFixed(2), 9)} ${pad(l.p99.toFixed(2), 9)} ${pad(l.max.toFixed(1), 9)} ${pad(ratio.toFixed(2) + 'x', 9)} ${pad((l.cpu * 100).toFixed(0) + '%', 10)} | ${pad((l.peakRss / MB).toFixed(0), 11)} ${pad((isQuiet ? 0 : grew).toFixed(0), 7)} | ${pad(isQuiet ? '-' : ratio <= 5 ? 'yes' : 'NO', 7)} ${pad(isQuiet ? '-' : grew <= 256 ? 'yes' : 'NO', 9)} | ${l.attack || 'none'}`);
    }
    rows.push(`daemon VmHWM at the end: ${(hwm / MB).toFixed(0)} MB`);
    process.stdout.write(rows.join('\n') + '\n');
  } finally {
    await virt.dispose();
    await d.stop();
  }
}

/** The attacker process: one attack for SECONDS, then its summary on stdout. */
async function attacker(name: string, sockets: Sockets): Promise<void> {
  const attacks: Record<string, (d: Sockets) => (going: () => boolean) => Promise<string>> = { random: randomFrames, maximum: maximumFrames, xml: adversarialXml };
  const started = performance.now();
  const end = started + SECONDS * 1000;
  const summary = await attacks[name](sockets)(() => performance.now() < end);
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${summary}, attacker CPU ${(((user + system) / 1000 / (performance.now() - started)) * 100).toFixed(0)}%\n`);
}

const [mode, name, socket, roSocket] = process.argv.slice(2);
(mode === 'attack' ? attacker(name, { socket, roSocket }) : main()).then(() => process.exit(0), (e) => {
  process.stderr.write(`bench:hostile failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
