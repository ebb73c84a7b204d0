#!/usr/bin/env node
// Measures the generated table's read-only marks (writes), API names and error domains against a
// real libvirtd serving libvirt's test driver. Not part of npm test: run it after `npx tsc -b`:
//
//   node packages/remote/scripts/probe-libvirtd.mjs RW_SOCKET RO_SOCKET [MAX_PROC]
//
// Every call up to MAX_PROC (default 443, the last libvirt 9.0 knows) except CONNECT_OPEN,
// CONNECT_CLOSE, AUTH_* and the stream calls is sent with all-zero arguments to test:///default:
// on RO_SOCKET, a call is read-only-refused ("read only access prevents virX") exactly when the
// table says writes; on RW_SOCKET, a "not supported by the connection driver" answer names the
// table's API in the table's error domain. Prints the disagreements; exits 1 when there are some.
// A call whose arguments libvirt checks before its read-only check cannot be measured this way
// and is listed apart. Zeroed arguments name no existing object, so nothing is changed.
import net from 'node:net';
import { decodeWith, encodeWith, FrameDecoder, encodeMessage, MessageType, MessageStatus, remoteError, RemoteProgram, QemuProgram } from '@virtkit/remote';

const [rw, ro, max = '443'] = process.argv.slice(2);
if (!rw || !ro) {
  console.error('usage: probe-libvirtd.mjs RW_SOCKET RO_SOCKET [MAX_PROC]');
  process.exit(2);
}

/** The shortest all-zero body the arguments' codec reads whole. */
function zeroArgs(p) {
  for (let n = 0; n <= 4096; n += 4) {
    try {
      return encodeWith(p.args, decodeWith(p.args, Buffer.alloc(n), 'zeros'));
    } catch {
      // longer
    }
  }
  throw new Error(`no all-zero arguments for ${p.name}`);
}

async function session(path, readonly) {
  const socket = await new Promise((resolve, reject) => {
    const s = net.createConnection(path, () => resolve(s));
    s.once('error', reject);
  });
  const decoder = new FrameDecoder();
  const waiting = new Map();
  socket.on('data', (c) => {
    for (const m of decoder.push(c)) waiting.get(m.header.serial)?.(m);
  });
  let serial = 1;
  const call = (prog, proc, body) => new Promise((resolve) => {
    const s = serial++;
    const timer = setTimeout(() => resolve(undefined), 5000);
    waiting.set(s, (m) => {
      clearTimeout(timer);
      waiting.delete(s);
      resolve(m);
    });
    socket.write(encodeMessage({ prog, vers: 1, proc, type: MessageType.CALL, serial: s, status: MessageStatus.OK }, body));
  });
  const open = RemoteProgram.procedures.CONNECT_OPEN;
  await call(RemoteProgram.program, open.proc, encodeWith(open.args, { name: 'test:///default', flags: readonly ? 1 : 0 }));
  return { call, end: () => socket.destroy() };
}

const probed = [];
for (const program of [RemoteProgram, QemuProgram]) {
  for (const p of Object.values(program.procedures)) {
    if (p.stream || p.name.startsWith('AUTH_') || p.name === 'CONNECT_OPEN' || p.name === 'CONNECT_CLOSE') continue;
    if (program === RemoteProgram && p.proc > Number(max)) continue;
    probed.push({ program, p });
  }
}

async function answers(path, readonly) {
  const s = await session(path, readonly);
  const out = new Map();
  for (const { program, p } of probed) {
    const m = await s.call(program.program, p.proc, zeroArgs(p));
    out.set(p, m && m.header.status === MessageStatus.ERROR ? decodeWith(remoteError, m.body, 'error') : undefined);
  }
  s.end();
  return out;
}

const problems = [];
const unmeasured = [];
for (const [p, e] of await answers(ro, true)) {
  const refused = e !== undefined && e.code === 29 && e.message.includes('read only access prevents');
  if (refused && (e.message !== `operation forbidden: read only access prevents ${p.api}` || e.domain !== p.errorDomain)) problems.push(`${p.name}: refused as "${e.message}" in domain ${e.domain}, the table says ${p.api} in ${p.errorDomain}`);
  if (refused === p.writes) continue;
  if (p.writes && e !== undefined && e.code !== 29) unmeasured.push(`${p.name}: "${e.message}" came before any read-only check`);
  else problems.push(`${p.name}: libvirtd ${refused ? 'refuses' : 'serves'} it read-only, the table says writes: ${p.writes}`);
}
for (const [p, e] of await answers(rw, false)) {
  if (e === undefined || e.code !== 3 || !e.message.startsWith('this function is not supported by the connection driver: vir')) continue;
  if (e.message !== `this function is not supported by the connection driver: ${p.api}` || e.domain !== p.errorDomain) problems.push(`${p.name}: unsupported as "${e.message}" in domain ${e.domain}, the table says ${p.api} in ${p.errorDomain}`);
}
console.log(`${probed.length} calls probed on each socket`);
if (unmeasured.length > 0) console.log(`not measurable with zeroed arguments:\n  ${unmeasured.join('\n  ')}`);
if (problems.length > 0) {
  console.log(`disagreements:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('the table agrees with libvirtd');
