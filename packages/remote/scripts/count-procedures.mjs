#!/usr/bin/env node
// The black-box count: which REMOTE procedures virtkitd answers as libvirtd answers them, both
// serving libvirt's test driver on test:///default. Not part of npm test: run it after `npx tsc -b`:
//
//   node packages/remote/scripts/count-procedures.mjs [--json FILE] [--virtkitd PATH]
//
// It starts Debian's libvirtd (its own config, sockets and log in a temporary directory, no
// hypervisor modules, so only the built-in test driver) and virtkitd (this tree's build, or the
// bin/virtkitd.js --virtkitd names, to compare two builds; no plugins), sends every procedure of
// the generated REMOTE table once to each and classifies the answers: ok / NO_SUPPORT / unknown
// procedure / error CODE / no answer. Arguments are the codec's
// all-zero value, so a call that changes state names no existing object; a read-only call names
// test:///default's own objects instead (the domain `test`, its disk vda and interface testnet0,
// the network `default`, the pool `default-pool`, the interface eth1, the node device
// `computer`), and asks for up to 16 names or ids. CONNECT_OPEN, CONNECT_CLOSE and the stream calls
// run each on a connection of their own.
//
// Prints how many procedures libvirtd answers other than "unknown procedure", how many of those
// virtkitd answers with the same class, the mismatches grouped by family, and, apart, the calls
// both answer with an error but not the same code. libvirtd answers AUTH_POLKIT on a listener
// without polkit with whatever error its worker thread last held, so that one call's class can
// differ from run to run.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWith, encodeWith, FrameDecoder, encodeMessage, MessageType, MessageStatus, remoteError, RemoteProgram } from '@virtkit/remote';

const USAGE = 'usage: count-procedures.mjs [--json FILE] [--virtkitd PATH]';
const options = { json: undefined, virtkitd: fileURLToPath(new URL('../dist/bin/virtkitd.js', import.meta.url)) };
for (let i = 2; i < process.argv.length; i += 2) {
  const [flag, value] = [process.argv[i], process.argv[i + 1]];
  if ((flag !== '--json' && flag !== '--virtkitd') || value === undefined) {
    console.error(USAGE);
    process.exit(2);
  }
  options[flag.slice(2)] = value;
}
const jsonOut = options.json;
/** The daemon to measure: this tree's build, or another build's bin/virtkitd.js (to compare two). */
const VIRTKITD = options.virtkitd;
const NO_SUPPORT = 3;
const CALL_TIMEOUT_MS = 5000;

async function waitForPath(p, proc) {
  for (const deadline = Date.now() + 20000; ;) {
    if (await stat(p).then(() => true, () => false)) return;
    if (proc.exitCode !== null) throw new Error(`${proc.spawnargs[0]} exited with ${proc.exitCode}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${p}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopper(proc, dir) {
  return async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    await rm(dir, { recursive: true, force: true });
  };
}

async function startLibvirtd() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'count-libvirtd-'));
  await mkdir(path.join(dir, 'modules'));
  const conf = path.join(dir, 'libvirtd.conf');
  await writeFile(conf, [
    `unix_sock_dir = "${dir}"`, 'unix_sock_rw_perms = "0700"', 'auth_unix_rw = "none"', 'auth_unix_ro = "none"',
    'listen_tls = 0', 'listen_tcp = 0', 'max_client_requests = 64', `log_outputs = "3:file:${dir}/libvirtd.log"`, '',
  ].join('\n'));
  const proc = spawn('/usr/sbin/libvirtd', ['--config', conf, '--pid-file', path.join(dir, 'libvirtd.pid')], {
    env: { ...process.env, LIBVIRT_DRIVER_DIR: path.join(dir, 'modules') }, stdio: 'ignore',
  });
  const socket = path.join(dir, 'libvirt-sock');
  const stop = stopper(proc, dir);
  await waitForPath(socket, proc).catch(async (e) => { await stop(); throw e; });
  return { socket, stop };
}

async function startVirtkitd() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'count-virtkitd-'));
  const socket = path.join(dir, 'sock');
  const proc = spawn(process.execPath, [VIRTKITD, '--socket', socket], { env: { ...process.env, VIRTKIT_PLUGINS: '' }, stdio: 'ignore' });
  const stop = stopper(proc, dir);
  await waitForPath(socket, proc).catch(async (e) => { await stop(); throw e; });
  return { socket, stop };
}

/** One client connection opened on test:///default; call() answers the reply message, or 'closed' / 'timeout'. */
async function session(socketPath) {
  const socket = await new Promise((resolve, reject) => {
    const s = net.createConnection(socketPath, () => resolve(s));
    s.once('error', reject);
  });
  const decoder = new FrameDecoder();
  const waiting = new Map();
  let closed = false;
  socket.on('data', (c) => {
    for (const m of decoder.push(c)) if (m.header.type === MessageType.REPLY) waiting.get(m.header.serial)?.(m);
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    closed = true;
    for (const w of waiting.values()) w('closed');
  });
  let serial = 1;
  const call = (proc, body) => new Promise((resolve) => {
    if (closed) return resolve('closed');
    const s = serial++;
    const timer = setTimeout(() => resolve('timeout'), CALL_TIMEOUT_MS);
    waiting.set(s, (m) => {
      clearTimeout(timer);
      waiting.delete(s);
      resolve(m);
    });
    socket.write(encodeMessage({ prog: RemoteProgram.program, vers: 1, proc, type: MessageType.CALL, serial: s, status: MessageStatus.OK }, body));
  });
  const open = RemoteProgram.procedures.CONNECT_OPEN;
  const opened = await call(open.proc, encodeWith(open.args, { name: 'test:///default', flags: 0 }));
  if (typeof opened === 'string' || opened.header.status !== MessageStatus.OK) throw new Error(`cannot open test:///default on ${socketPath}`);
  return { call, get closed() { return closed; }, end: () => socket.destroy() };
}

const P = RemoteProgram.procedures;

/** The class of an answer: 'ok', 'NO_SUPPORT', 'unknown procedure', 'error N', 'no answer', 'closed'. */
function classify(m) {
  if (m === 'timeout') return { cls: 'no answer' };
  if (m === 'closed') return { cls: 'closed' };
  if (m.header.status === MessageStatus.OK) return { cls: 'ok' };
  let e;
  try {
    e = decodeWith(remoteError, m.body, 'error');
  } catch {
    return { cls: 'undecodable error' };
  }
  if (e.message.startsWith('unknown procedure')) return { cls: 'unknown procedure', message: e.message };
  if (e.code === NO_SUPPORT && e.message.startsWith('this function is not supported')) return { cls: 'NO_SUPPORT', message: e.message };
  return { cls: 'error', code: e.code, message: e.message };
}

/** The shortest all-zero value the arguments' codec reads whole. */
function zeroValue(codec) {
  for (let n = 0; n <= 4096; n += 4) {
    try {
      return decodeWith(codec, Buffer.alloc(n), 'zeros');
    } catch {
      // longer
    }
  }
  throw new Error('no all-zero value');
}

/** test:///default's objects as one daemon names them (its handles carry the daemon's UUIDs and ids). */
async function defaultObjects(s) {
  const get = async (p, args, field) => {
    const m = await s.call(p.proc, encodeWith(p.args, args));
    if (typeof m === 'string' || m.header.status !== MessageStatus.OK) throw new Error(`${p.name} failed on test:///default`);
    return decodeWith(p.ret, m.body, p.name)[field];
  };
  return {
    dom: await get(P.DOMAIN_LOOKUP_BY_NAME, { name: 'test' }, 'dom'),
    net: await get(P.NETWORK_LOOKUP_BY_NAME, { name: 'default' }, 'net'),
    pool: await get(P.STORAGE_POOL_LOOKUP_BY_NAME, { name: 'default-pool' }, 'pool'),
    iface: await get(P.INTERFACE_LOOKUP_BY_NAME, { name: 'eth1' }, 'iface'),
  };
}

const FAMILIES = ['CONNECT', 'NODE_DEVICE', 'NODE', 'DOMAIN_SNAPSHOT', 'DOMAIN_CHECKPOINT', 'DOMAIN_MIGRATE', 'DOMAIN_EVENT', 'DOMAIN', 'NETWORK', 'STORAGE_POOL', 'STORAGE_VOL', 'INTERFACE', 'SECRET', 'NWFILTER', 'AUTH'];
const family = (name) => FAMILIES.find((f) => name === f || name.startsWith(`${f}_`)) ?? 'other';

const NAME_BY_FAMILY = { DOMAIN: 'test', NETWORK: 'default', STORAGE_POOL: 'default-pool', INTERFACE: 'eth1', NODE_DEVICE: 'computer' };
const ONE_PARAM = [{ field: 'count', value: { type: 2, ui: 1 } }];
const CPU_XML = "<cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model></cpu>";

/**
 * Values that libvirt's public API checks refuse as zero, empty or absent (so libvirtd would answer
 * INVALID_ARG before asking the driver): one of each, to reach the driver's own answer.
 */
const WELL_FORMED = {
  params: (v) => (v.length === 0 ? ONE_PARAM : v),
  cpumap: (v) => (v.length === 0 ? Buffer.from([1]) : v),
  keycodes: (v) => (v.length === 0 ? [30] : v),
  xmlCPUs: (v) => (v.length === 0 ? [CPU_XML] : v),
  pages: (v) => (v.length === 0 ? [4] : v),
  pageSizes: (v) => (v.length === 0 ? [4] : v),
  pageCounts: (v) => (v.length === 0 ? [0n] : v),
  value: (v) => (Buffer.isBuffer(v) && v.length === 0 ? Buffer.from('x') : v),
  memory: (v) => (v === 0n ? 1024n : v),
  capacity: (v) => (v === 0n ? 1n : v),
  pid_value: (v) => (v === 0n ? 1n : v),
  nvcpus: (v) => (v === 0 ? 1 : v),
  iothread_id: (v) => (v === 0 ? 1 : v),
  iothreads_id: (v) => (v === 0 ? 1 : v),
  maxcells: (v) => (v === 0 ? 16 : v),
  cellCount: (v) => (v === 0 ? 1 : v),
  ncpumaps: (v) => (v === 0 ? 1 : v),
  maplen: (v) => (v === 0 ? 1 : v),
  maxinfo: (v) => (v === 0 ? 2 : v),
  user: () => 'root',
  password: (v) => v ?? 'secret',
  new_name: () => 'count-renamed',
};
/** Per-call values where a field's zero is refused only by that call. */
const CALL_VALUES = {
  DOMAIN_MEMORY_PEEK: { flags: 1 },
  DOMAIN_GET_SCHEDULER_PARAMETERS: { nparams: 1 },
  DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS: { nparams: 1 },
  CONNECT_GET_CPU_MODEL_NAMES: { arch: 'x86_64' },
  CONNECT_COMPARE_CPU: { xml: CPU_XML },
  CONNECT_COMPARE_HYPERVISOR_CPU: { xmlCPU: CPU_XML },
};

/**
 * The arguments of one call: zeros made well-formed, and for a read-only call test:///default's
 * own objects (a call that changes state keeps naming none).
 */
function argumentsOf(p, objects) {
  const v = zeroValue(p.args);
  if (v === undefined || v === null || typeof v !== 'object') return encodeWith(p.args, v);
  for (const key of Object.keys(v)) if (WELL_FORMED[key]) v[key] = WELL_FORMED[key](v[key]);
  Object.assign(v, CALL_VALUES[p.name]);
  const fam = family(p.name);
  for (const key of Object.keys(v)) {
    const cur = v[key];
    if ((key === 'path' || key === 'disk') && typeof cur === 'string' && fam === 'DOMAIN') v[key] = 'vda';
    else if (key === 'device' && typeof cur === 'string' && fam === 'DOMAIN') v[key] = p.name.includes('INTERFACE') ? 'testnet0' : 'vda';
  }
  if (p.writes) return encodeWith(p.args, v);
  const nameFamily = fam.startsWith('DOMAIN') ? 'DOMAIN' : fam;
  for (const key of Object.keys(v)) {
    const cur = v[key];
    if (key in objects && cur && typeof cur === 'object' && !Buffer.isBuffer(cur)) v[key] = objects[key];
    else if ((key === 'snap' || key === 'checkpoint') && cur && typeof cur === 'object') cur.dom = objects.dom;
    else if (key === 'name' && typeof cur === 'string' && NAME_BY_FAMILY[nameFamily] !== undefined) v[key] = NAME_BY_FAMILY[nameFamily];
    else if (key === 'uuid' && typeof cur === 'string' && p.name.endsWith('_LOOKUP_BY_UUID')) {
      const o = { DOMAIN: objects.dom, NETWORK: objects.net, STORAGE_POOL: objects.pool }[fam];
      if (o) v[key] = o.uuid;
    } else if (key === 'id' && typeof cur === 'number' && p.name === 'DOMAIN_LOOKUP_BY_ID') v[key] = objects.dom.id;
    else if (key === 'mac' && typeof cur === 'string') v[key] = 'aa:bb:cc:dd:ee:ff';
    else if (/^(maxnames|maxids|maxuuids|need_results)$/.test(key) && typeof cur === 'number') v[key] = 16;
  }
  return encodeWith(p.args, v);
}

/** Every procedure's answer class from one daemon. */
async function answers(socketPath) {
  const out = new Map();
  const alone = (p) => p.stream !== undefined || p.name === 'CONNECT_OPEN' || p.name === 'CONNECT_CLOSE' || p.name.startsWith('AUTH_');
  let s = await session(socketPath);
  const objects = await defaultObjects(s);
  for (const p of Object.values(P)) {
    if (alone(p)) continue;
    if (s.closed) s = await session(socketPath);
    out.set(p.name, classify(await s.call(p.proc, argumentsOf(p, objects))));
  }
  s.end();
  for (const p of Object.values(P).filter(alone)) {
    if (p.name === 'CONNECT_OPEN') {
      // The open itself: session() asserts it succeeds.
      out.set(p.name, { cls: 'ok' });
      await session(socketPath).then((x) => x.end());
      continue;
    }
    const own = await session(socketPath);
    out.set(p.name, classify(await own.call(p.proc, argumentsOf(p, await defaultObjects(own)))));
    own.end();
  }
  return out;
}

const libvirtd = await startLibvirtd();
let virtkitd;
let theirs;
let ours;
try {
  virtkitd = await startVirtkitd();
  theirs = await answers(libvirtd.socket);
  ours = await answers(virtkitd.socket);
} finally {
  await virtkitd?.stop();
  await libvirtd.stop();
}

const label = (a) => (a.cls === 'error' ? `error ${a.code}` : a.cls);
const answered = [...theirs].filter(([, a]) => a.cls !== 'unknown procedure');
const same = answered.filter(([name, a]) => ours.get(name).cls === a.cls);
const mismatches = answered.filter(([name, a]) => ours.get(name).cls !== a.cls);
// virtkit's test driver migrates, keeps jobs and streams volumes, which libvirt 9.0's does not.
const beyond = mismatches.filter(([name, a]) => a.cls === 'NO_SUPPORT' && ours.get(name).cls !== 'NO_SUPPORT');
const otherCode = same.filter(([name, a]) => a.cls === 'error' && ours.get(name).code !== a.code);
const percent = (n) => `${((100 * n) / answered.length).toFixed(1)}%`;

console.log(`REMOTE procedures in the table: ${theirs.size}`);
console.log(`procedures libvirtd answers other than unknown-procedure: ${answered.length}`);
console.log(`of those virtkitd answers the same class: ${same.length} (${percent(same.length)})`);
console.log(`  both ok: ${same.filter(([, a]) => a.cls === 'ok').length}, both NO_SUPPORT: ${same.filter(([, a]) => a.cls === 'NO_SUPPORT').length}, both an error: ${same.filter(([, a]) => a.cls === 'error').length} (${otherCode.length} of them with another code)`);
console.log(`  and where libvirt's test driver has no support, virtkitd's serves: ${beyond.length} (same class or served beyond: ${same.length + beyond.length}, ${percent(same.length + beyond.length)})`);
const report = (title, list) => {
  const byFamily = new Map();
  for (const [name, a] of list) {
    const f = family(name);
    if (!byFamily.has(f)) byFamily.set(f, []);
    const o = ours.get(name);
    byFamily.get(f).push(`${name}: libvirtd ${label(a)}${a.message ? ` (${a.message.replace(/\n/g, ' ')})` : ''}; virtkitd ${label(o)}${o.message ? ` (${o.message.replace(/\n/g, ' ')})` : ''}`);
  }
  console.log(`\n${title}: ${list.length}`);
  for (const [f, lines] of [...byFamily].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`${f} (${lines.length})`);
    for (const l of lines) console.log(`  ${l}`);
  }
};
report('mismatches', mismatches.filter((m) => !beyond.includes(m)));
report('served beyond libvirt\'s test driver (libvirtd NO_SUPPORT)', beyond);
report('same class, another error code', otherCode);
if (jsonOut) {
  await writeFile(jsonOut, `${JSON.stringify(Object.fromEntries([...theirs].map(([name, a]) => [name, { libvirtd: a, virtkitd: ours.get(name) }])), null, 1)}\n`);
}
