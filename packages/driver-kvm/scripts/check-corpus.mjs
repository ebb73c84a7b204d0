#!/usr/bin/env node
// Measures the XML → QEMU argv converter against a directory of libvirt test cases
// (NAME.xml, NAME.x86_64-latest.args and optionally NAME.x86_64-latest.xml, as in libvirt's
// tests/qemuxmlconfdata). Not part of npm test: run it after `npx tsc -b`:
//
//   node packages/driver-kvm/scripts/check-corpus.mjs DIR [--start] [--timeout MS] [--list] [--case NAME]
//
// Columns: parsed (parse → format → parse → format is stable), accepted (canonicalised and argv
// built), same -device (driver, bus, addr, bootindex of every -device, in libvirt's order),
// starts (--start: QEMU runs the argv with -S, answers QMP and quits; temporary qcow2/raw images
// stand in for disk sources, a swtpm runs for an emulated or external TPM, and a temporary directory
// holds every socket and file). Refusals
// are grouped by the element path the error names, indices dropped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { parseDomainXml, formatDomainXml } from '@virtkit/core';
import { buildQemuArgv, diskThrottles, diskTopNode, QemuCapsCache, shellSplit, startSwtpm, stopSwtpm, swtpmArgv, systemProcessRunner } from '@virtkit/driver-kvm';

const args = process.argv.slice(2);
const flag = (n) => args.includes(n);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const dir = args.find((a, i) => !a.startsWith('--') && !['--timeout', '--case'].includes(args[i - 1]));
if (!dir) {
  console.error('usage: check-corpus.mjs DIR [--start] [--timeout MS] [--list] [--case NAME]');
  process.exit(2);
}
const startTimeout = Number(opt('--timeout', '15000'));
const only = opt('--case', undefined);
const binary = '/usr/bin/qemu-system-x86_64';
const caps = await new QemuCapsCache().get(binary);

const names = fs.readdirSync(dir)
  .filter((f) => f.endsWith('.x86_64-latest.args'))
  .map((f) => f.slice(0, -'.x86_64-latest.args'.length))
  .filter((n) => fs.existsSync(path.join(dir, `${n}.xml`)))
  .filter((n) => only === undefined || n === only)
  .sort();

/** -device values as {driver,bus,addr,bootindex}, from JSON or QEMU keyval syntax. */
function deviceList(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '-device') continue;
    const v = argv[++i];
    let o;
    if (v.startsWith('{')) o = JSON.parse(v);
    else {
      o = {};
      const parts = v.replace(/,,/g, '\u0000').split(',').map((p) => p.replace(/\u0000/g, ','));
      parts.forEach((p, k) => {
        const eq = p.indexOf('=');
        if (eq < 0 && k === 0) o.driver = p;
        else if (eq > 0) o[p.slice(0, eq)] = p.slice(eq + 1);
      });
    }
    out.push([o.driver, o.bus ?? '', normAddr(o.addr), o.bootindex === undefined ? '' : String(o.bootindex)].join(' '));
  }
  return out;
}

function normAddr(a) {
  if (a === undefined) return '';
  return String(a).split('.').map((x) => Number.parseInt(x, 16).toString(16)).join('.');
}

function libvirtArgv(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/\\\n/g, ' ');
  return shellSplit(text).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
}

function refusalKey(e) {
  const msg = String(e?.message ?? e);
  // "domain/devices: <sound> is not supported" is grouped under domain/devices/sound.
  const m = /^unsupported configuration: ([^:]+): (?:<([\w-]+)>)?/.exec(msg);
  if (m) return (m[1] + (m[2] ? `/${m[2]}` : '')).replace(/\[\d+\]/g, '');
  return msg.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N').slice(0, 110);
}

const HOST_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'check-corpus-'));
process.on('exit', () => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** Listening sockets that stand in for the peers of connect-mode chardevs; closed after each case. */
const peers = [];
/** The swtpm processes of the case being started; stopped after it. */
const swtpms = [];
function listen(where) {
  const server = net.createServer((c) => c.on('error', () => {}));
  server.listen(where);
  return server;
}
let nextPort = 41000;
const freePort = () => nextPort++;

/** Control sockets of external TPMs in the case being started: a swtpm is run at each. */
const externalTpms = [];

/** The qemu-nbd and HTTP servers of the case being started; stopped after it. */
const servers = [];

/**
 * An HTTP server on loopback serving `file` with byte ranges, as QEMU's curl driver reads an image.
 * Resolves to its port.
 */
function serveHttp(file) {
  const server = http.createServer((req, res) => {
    const size = fs.statSync(file).size;
    const m = /bytes=(\d+)-(\d+)?/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    const end = m && m[2] !== undefined ? Math.min(Number(m[2]), size - 1) : size - 1;
    res.writeHead(m ? 206 : 200, { 'Accept-Ranges': 'bytes', 'Content-Length': end - start + 1, ...(m ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file, { start, end }).pipe(res);
  });
  servers.push({ close: () => server.close() });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** Network sources whose servers this script runs; the rest point at a closed loopback port and do not start. */
const pendingSources = [];
/** The protocols of the case being started that had no server. */
const networkWithoutServer = new Set();

/** The definition with every host path moved into a per-case temporary directory. */
function localize(def, caseDir) {
  let n = 0;
  const fresh = (ext = '') => path.join(caseDir, `p${n++}${ext}`);
  // Every network host becomes loopback, so that nothing leaves the machine; nbd and http get a server.
  const localizeNetworkSource = (src, fmt) => {
    const hosts = src.children.filter((x) => x.kind === 'element' && x.name === 'host');
    const file = image(fmt, localizeDataStores(src));
    for (const h of hosts) {
      if (h.attrs.transport === 'unix') h.attrs.socket = fresh('.sock');
      else {
        h.attrs.name = '127.0.0.1';
        h.attrs.port = String(freePort());
      }
    }
    pendingSources.push({ protocol: src.attrs.protocol, src, host: hosts[0], file });
    return file;
  };
  // A qcow2 image with an external data file must say so in its header (QEMU refuses data-file otherwise).
  const image = (fmt, dataFile) => {
    const img = fresh(`.${fmt}`);
    execFileSync('qemu-img', ['create', '-q', '-f', fmt, ...(dataFile ? ['-o', `data_file=${dataFile},data_file_raw=on`] : []), img, '16M']);
    return img;
  };
  // A file or block <source> with content (a qcow2 data file, labels): an image of its format, a raw one for its data file.
  const localizeFileSource = (src, fmt) => {
    delete src.attrs.dev;
    src.attrs.file = image(fmt, localizeDataStores(src));
  };
  /** The data file of a source's <dataStore> made (served, for a network one); its path, if any. */
  const localizeDataStores = (src) => {
    const ds = src.children.find((x) => x.kind === 'element' && x.name === 'dataStore');
    if (!ds) return undefined;
    const inner = ds.children.find((x) => x.kind === 'element' && x.name === 'source');
    if (ds.attrs.type === 'network') return localizeNetworkSource(inner, 'raw');
    delete inner.attrs.dev;
    inner.attrs.file = image('raw');
    ds.attrs.type = 'file';
    return inner.attrs.file;
  };
  for (const d of def.devices.disks) {
    // The images of a backing chain: each a fresh image of its format; a block device's stands in as a file.
    for (let b = d.extras?.children.map((c) => c.node).find((x) => x.kind === 'element' && x.name === 'backingStore'); b?.attrs.type; b = b.children.find((x) => x.kind === 'element' && x.name === 'backingStore')) {
      const fmt = b.children.find((x) => x.kind === 'element' && x.name === 'format')?.attrs.type ?? 'raw';
      const src = b.children.find((x) => x.kind === 'element' && x.name === 'source');
      if (b.attrs.type === 'network') localizeNetworkSource(src, fmt);
      else {
        localizeFileSource(src, fmt);
        b.attrs.type = 'file';
      }
    }
    if (d.type === 'network') {
      if (d.source) localizeNetworkSource(d.source, d.driver?.type ?? 'raw');
      continue;
    }
    if (d.sourcePath === undefined && d.source) {
      localizeFileSource(d.source, d.driver?.type === 'qcow2' ? 'qcow2' : 'raw');
      if (d.type === 'block') d.type = 'file';
      continue;
    }
    if (d.sourcePath === undefined) continue;
    const fmt = d.driver?.type === 'qcow2' ? 'qcow2' : 'raw';
    if (d.type === 'dir') {
      d.sourcePath = fresh('.dir');
      fs.mkdirSync(d.sourcePath);
    } else d.sourcePath = image(fmt);
    // An image file stands in for a block device too.
    if (d.type === 'block') d.type = 'file';
  }
  for (const c of [...def.devices.serials, ...def.devices.parallels, ...def.devices.consoles, ...def.devices.channels]) {
    // A <source> with content (<reconnect>) is kept whole in the extras.
    const src = c.source ?? c.extras?.children.find((x) => x.node.kind === 'element' && x.node.name === 'source')?.node.attrs;
    if (src?.path !== undefined && c.type !== 'pty' && c.type !== 'dev') src.path = fresh('.sock');
    // QEMU opens a pipe chardev's path without creating it.
    if (c.type === 'pipe' && src?.path !== undefined) execFileSync('mkfifo', [src.path]);
    // A chardev that connects gets a peer listening where it connects to.
    if (c.type === 'unix' && src?.mode === 'connect') peers.push(listen(src.path));
    if (c.type === 'tcp' && src?.mode === 'connect') {
      src.host = '127.0.0.1';
      const server = listen(0);
      peers.push(server);
      src.service = String(server.address().port);
    }
    if (c.type === 'tcp' && (src?.mode ?? 'bind') === 'bind' && src) {
      src.host = '127.0.0.1';
      src.service = String(freePort());
    }
  }
  for (const g of def.devices.graphics) {
    if (g.attrs.socket !== undefined) g.attrs.socket = fresh('.sock');
    if (g.attrs.listen !== undefined) g.attrs.listen = '127.0.0.1';
    for (const c of g.extras?.children ?? []) if (c.node.kind === 'element' && c.node.name === 'listen' && c.node.attrs.address !== undefined) c.node.attrs.address = '127.0.0.1';
    if (g.attrs.port !== undefined && g.attrs.port !== '-1') g.attrs.port = String(5900 + 40 + (n++ % 50));
  }
  // Socket interfaces: loopback ends, a peer listening for a client.
  for (const nic of def.devices.interfaces) {
    if (!['server', 'client', 'mcast', 'udp'].includes(nic.type)) continue;
    const src = nic.source ?? nic.extras?.children.find((x) => x.node.kind === 'element' && x.node.name === 'source')?.node.attrs;
    if (!src || nic.type === 'mcast') continue;
    src.address = '127.0.0.1';
    if (nic.type === 'client') {
      const server = listen(0);
      peers.push(server);
      src.port = String(server.address().port);
    } else src.port = String(freePort());
    const local = nic.extras?.children.find((x) => x.node.kind === 'element' && x.node.name === 'source')?.node.children.find((k) => k.kind === 'element' && k.name === 'local');
    if (local) Object.assign(local.attrs, { address: '127.0.0.1', port: String(freePort()) });
  }
  // Redirected USB devices and smartcards: their chardev sources, as for the character devices above.
  for (const c of def.devices.extras?.children ?? []) {
    if (c.node.kind !== 'element' || (c.node.name !== 'redirdev' && c.node.name !== 'smartcard')) continue;
    for (const x of c.node.children) {
      if (x.kind !== 'element' || x.name !== 'source') continue;
      const type = c.node.attrs.type;
      if (type === 'unix' && x.attrs.path !== undefined) {
        x.attrs.path = fresh('.sock');
        if (x.attrs.mode === 'connect') peers.push(listen(x.attrs.path));
      }
      if (type === 'tcp') {
        x.attrs.host = '127.0.0.1';
        if (x.attrs.mode === 'connect') {
          const server = listen(0);
          peers.push(server);
          x.attrs.service = String(server.address().port);
        } else x.attrs.service = String(freePort());
      }
    }
  }
  // Shared directories.
  for (const c of def.devices.extras?.children ?? []) {
    if (c.node.kind !== 'element' || c.node.name !== 'filesystem') continue;
    for (const x of c.node.children) {
      if (x.kind === 'element' && x.name === 'source' && x.attrs.dir !== undefined) {
        x.attrs.dir = fresh('.dir');
        fs.mkdirSync(x.attrs.dir);
      }
    }
  }
  // An external TPM's socket is a swtpm this script runs; an emulator's state goes in the case directory.
  for (const c of def.devices.extras?.children ?? []) {
    if (c.node.kind !== 'element' || c.node.name !== 'tpm') continue;
    for (const b of c.node.children) {
      if (b.kind !== 'element' || b.name !== 'backend') continue;
      for (const x of b.children) {
        if (x.kind !== 'element' || x.name !== 'source' || x.attrs.path === undefined) continue;
        x.attrs.path = fresh(b.attrs.type === 'external' ? '.sock' : '.tpm');
        if (b.attrs.type === 'external') externalTpms.push(x.attrs.path);
      }
    }
  }
  // fw_cfg blobs from files: an empty file stands in for each.
  for (const c of def.extras?.children ?? []) {
    if (c.node.kind !== 'element' || c.node.name !== 'sysinfo') continue;
    for (const e of c.node.children) {
      if (e.kind !== 'element' || e.attrs.file === undefined) continue;
      e.attrs.file = fresh('.blob');
      fs.writeFileSync(e.attrs.file, '');
    }
  }
  // ACPI tables: a bare 36-byte header stands in for each file (QEMU fixes up the checksum).
  for (const c of def.os.extras?.children ?? []) {
    if (c.node.kind !== 'element' || c.node.name !== 'acpi') continue;
    for (const t of c.node.children) {
      if (t.kind !== 'element' || t.name !== 'table') continue;
      const file = fresh('.acpi');
      const header = Buffer.alloc(36);
      header.write('TEST', 0, 'latin1');
      header.writeUInt32LE(36, 4);
      fs.writeFileSync(file, header);
      t.children = [{ kind: 'text', text: file }];
    }
  }
  // libvirt's test firmware paths (/usr/share/edk2/...) stand for this host's OVMF.
  const l = def.os.loader;
  if (l?.path !== undefined && !fs.existsSync(l.path)) {
    l.path = l.type === 'pflash' ? `/usr/share/OVMF/OVMF_CODE_4M${l.secure === 'yes' ? '.secboot' : ''}.fd` : '/usr/share/seabios/bios.bin';
  }
  if (def.os.nvram?.template !== undefined && !fs.existsSync(def.os.nvram.template)) def.os.nvram.template = HOST_VARS;
  if (def.os.nvram?.path !== undefined) {
    def.os.nvram.path = fresh('.fd');
    fs.copyFileSync(HOST_VARS, def.os.nvram.path);
  }
  return def;
}

/** Starts QEMU with argv (monitor at mon), waits for QMP, quits it. Resolves to '' or the failure text. */
function startsAndAnswers(argv, mon, commands = []) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let done = false;
    const finish = (why) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(why);
    };
    const timer = setTimeout(() => finish(`no QMP answer within ${startTimeout} ms`), startTimeout);
    child.stderr.on('data', (b) => { stderr += b; });
    child.on('exit', (code) => finish(`QEMU exited (${code}): ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`));
    const tryConnect = () => {
      if (done) return;
      const s = net.connect(mon);
      let buf = '';
      let step = 0;
      s.on('error', () => { s.destroy(); setTimeout(tryConnect, 50); });
      s.on('data', (b) => {
        buf += b;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = JSON.parse(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (step === 0 && line.QMP) { s.write('{"execute":"qmp_capabilities"}\n'); step = 1; }
          // The calls the driver makes after start (block_set_io_throttle for <iotune>), then query-status.
          else if (step === 1 && 'return' in line) {
            const next = commands.shift();
            if (next) s.write(JSON.stringify(next) + '\n');
            else { s.write('{"execute":"query-status"}\n'); step = 2; }
          }
          else if (step === 2 && 'return' in line) { s.write('{"execute":"quit"}\n'); s.end(); child.removeAllListeners('exit'); finish(''); }
          else if ('error' in line) finish(`QMP error: ${line.error.desc}`);
        }
      });
    };
    tryConnect();
  });
}

const rows = [];
const refusals = new Map();
const startFailures = new Map();
let i = 0;
for (const name of names) {
  i++;
  const row = { name, parsed: false, accepted: false, same: false, starts: undefined, why: '' };
  rows.push(row);
  const xml = fs.readFileSync(path.join(dir, `${name}.xml`), 'utf8');
  let def;
  try {
    def = parseDomainXml(xml);
    const once = formatDomainXml(def);
    row.parsed = formatDomainXml(parseDomainXml(once)) === once;
    if (!row.parsed) row.why = 'format(parse(format(parse(xml)))) differs';
  } catch (e) {
    row.why = `parse: ${e.message}`;
    const k = `(parse) ${refusalKey(e)}`;
    refusals.set(k, [...(refusals.get(k) ?? []), name]);
    continue;
  }
  let argv;
  try {
    argv = buildQemuArgv(def, caps, { monitorPath: '/run/virtkit/mon.sock', nvramPath: '/run/virtkit/VARS.fd', tpmSocket: '/run/virtkit/swtpm.sock' });
    row.accepted = true;
  } catch (e) {
    row.why = e.message;
    const k = refusalKey(e);
    refusals.set(k, [...(refusals.get(k) ?? []), name]);
    continue;
  }
  const ours = deviceList(argv);
  const theirs = deviceList(libvirtArgv(path.join(dir, `${name}.x86_64-latest.args`)));
  row.same = ours.join('\n') === theirs.join('\n');
  if (!row.same) {
    const k = ours.findIndex((d, j) => d !== theirs[j]);
    const j = k < 0 ? ours.length : k;
    row.why = `device ${j + 1}: ours '${ours[j] ?? '(none)'}' libvirt '${theirs[j] ?? '(none)'}'`;
  }
  if (flag('--start')) {
    const caseDir = fs.mkdtempSync(path.join(tmpRoot, 'c'));
    try {
      const mon = path.join(caseDir, 'mon.sock');
      const nvramPath = path.join(caseDir, 'VARS.fd');
      if (fs.existsSync(HOST_VARS)) fs.copyFileSync(HOST_VARS, nvramPath);
      const localDef = localize(parseDomainXml(xml), caseDir);
      const tpmPaths = (tag) => ({ socket: path.join(caseDir, `${tag}.swtpm`), pidFile: path.join(caseDir, `${tag}.pid`), logFile: path.join(caseDir, `${tag}.log`), stateDir: path.join(caseDir, tag) });
      swtpms.push(tpmPaths('tpm'));
      const tpmSocket = await startSwtpm(systemProcessRunner, localDef, tpmPaths('tpm'));
      for (const [k, sock] of externalTpms.splice(0).entries()) {
        const p = { ...tpmPaths(`ext${k}`), socket: sock };
        swtpms.push(p);
        fs.mkdirSync(p.stateDir);
        const argv = swtpmArgv({ version: '2.0' }, p);
        execFileSync(argv[0], argv.slice(1));
      }
      for (const p of pendingSources.splice(0)) {
        if (p.protocol === 'nbd') {
          const where = p.host.attrs.transport === 'unix' ? ['-k', p.host.attrs.socket] : ['-b', '127.0.0.1', '-p', p.host.attrs.port];
          const pidFile = path.join(caseDir, `nbd${servers.length}.pid`);
          execFileSync('qemu-nbd', ['--fork', '--persistent', '--shared=4', '-f', 'raw', '--pid-file', pidFile, ...where, ...(p.src.attrs.name !== undefined ? ['-x', p.src.attrs.name] : []), p.file]);
          servers.push({ close: () => { try { process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM'); } catch {} } });
        } else if (p.protocol === 'http') p.host.attrs.port = String(await serveHttp(p.file));
        else networkWithoutServer.add(p.protocol);
      }
      const local = buildQemuArgv(localDef, caps, { monitorPath: mon, nvramPath, tpmSocket });
      const throttles = diskThrottles(localDef, local, (k) => diskTopNode(localDef, k, localDef.devices.disks[k].driver?.type ?? 'raw'));
      const why = await startsAndAnswers(local, mon, throttles.map((t) => ({ execute: 'block_set_io_throttle', arguments: t })));
      row.starts = why === '';
      if (why) {
        row.why = row.same ? `start: ${why}` : `${row.why}; start: ${why}`;
        const k = why.replace(/'[^']*'/g, "'…'").replace(/\/\S+/g, 'PATH').slice(0, 100);
        startFailures.set(k, [...(startFailures.get(k) ?? []), name]);
      }
    } catch (e) {
      row.starts = false;
      row.why = `start setup: ${e.message}`;
    } finally {
      for (const p of peers.splice(0)) p.close();
      for (const p of servers.splice(0)) p.close();
      if (row.starts === false && networkWithoutServer.size > 0) row.why += ` (needs a ${[...networkWithoutServer].join('/')} server, which this script does not run)`;
      networkWithoutServer.clear();
      for (const p of swtpms.splice(0)) await stopSwtpm(systemProcessRunner, p);
      fs.rmSync(caseDir, { recursive: true, force: true });
    }
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${i}/${names.length}`);
}
if (process.stderr.isTTY) process.stderr.write('\n');

const n = rows.length;
const count = (f) => rows.filter(f).length;
const pct = (k) => `${k}/${n} (${n ? ((100 * k) / n).toFixed(1) : '0.0'}%)`;
console.log(`corpus ${path.resolve(dir)}: ${n} cases, QEMU ${caps.version}`);
console.log('| measure | cases |');
console.log('|---|---|');
console.log(`| parsed and round-tripped | ${pct(count((r) => r.parsed))} |`);
console.log(`| accepted | ${pct(count((r) => r.accepted))} |`);
console.log(`| same -device list as libvirt | ${pct(count((r) => r.same))} |`);
if (flag('--start')) {
  console.log(`| QEMU starts and answers QMP | ${pct(count((r) => r.starts))} (of accepted: ${count((r) => r.starts)}/${count((r) => r.accepted)}) |`);
  console.log(`| accepted, same -device and starts | ${pct(count((r) => r.same && r.starts))} |`);
}
console.log('\nrefusals by element:');
console.log('| element | cases |');
console.log('|---|---|');
for (const [k, v] of [...refusals].sort((a, b) => b[1].length - a[1].length)) console.log(`| ${k} | ${v.length} |`);
if (startFailures.size > 0) {
  console.log('\nstart failures:');
  for (const [k, v] of [...startFailures].sort((a, b) => b[1].length - a[1].length)) console.log(`| ${k} | ${v.length} | ${v.slice(0, 3).join(' ')} |`);
}
if (flag('--list')) {
  console.log('\ncases:');
  for (const r of rows) console.log(`${r.accepted ? (r.same ? 'SAME' : 'DIFF') : 'REFUSED'}${r.starts === undefined ? '' : r.starts ? ' START' : ' NOSTART'} ${r.name}: ${r.why}`);
}
