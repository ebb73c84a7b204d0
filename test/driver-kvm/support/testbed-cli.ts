import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bringUp } from './testbed.js';

const run = promisify(execFile);

/**
 * The test bed by hand: `up N` brings up N namespaced hosts whose daemons
 * outlive this command, `down` removes them. What `up` made is recorded in
 * one state file, so `down` removes exactly that.
 */
const STATE = path.join(os.tmpdir(), 'virtkit-testbed.json');

interface State {
  dir: string;
  namespaces: string[];
  pids: number[];
}

const USAGE = `usage: testbed-cli.js up [N]     bring up N hosts (default 2)
       testbed-cli.js down       stop their daemons and guests, remove namespaces, links and state`;

async function up(count: number): Promise<void> {
  if (await fs.access(STATE).then(() => true, () => false)) throw new Error(`a test bed is up already (${STATE}); run 'down' first`);
  const tb = await bringUp({ prefix: 'vktb', hosts: count, detached: true });
  const state: State = { dir: tb.dir, namespaces: [tb.lan.name, ...tb.hosts.map((h) => h.netns.name)], pids: tb.hosts.map((h) => h.pid()!) };
  await fs.writeFile(STATE, JSON.stringify(state, null, 2));
  for (const h of tb.hosts) {
    process.stdout.write(`${h.name}  ${h.address}  netns ${h.netns.name}  ${h.uri()}  state under ${h.root}\n`);
  }
  const [first, second] = tb.hosts;
  process.stdout.write(`\nA client on ${first.name}:  ip netns exec ${first.netns.name} virsh -c ${first.uri()} list --all\n`);
  if (second) process.stdout.write(`Migrate:  ip netns exec ${first.netns.name} virsh -c ${first.uri()} migrate --live --p2p DOMAIN ${second.uri()}\n`);
  process.stdout.write(`Images: /var/lib/virtkit/images inside each host, <state>/lib/images outside. Logs: <state>/log/virtkitd.log\n`);
}

async function down(): Promise<void> {
  const state = JSON.parse(await fs.readFile(STATE, 'utf8')) as State;
  for (const pid of state.pids) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
  }
  await new Promise((r) => setTimeout(r, 1000));
  for (const ns of state.namespaces) {
    // Whatever still runs in a namespace (a daemon that did not stop, its QEMU guests) goes with it.
    const pids = await run('ip', ['netns', 'pids', ns]).then((r) => r.stdout.split('\n').filter(Boolean).map(Number), () => []);
    for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    await run('ip', ['netns', 'del', ns]).catch(() => {});
  }
  await fs.rm(state.dir, { recursive: true, force: true });
  await fs.rm(STATE, { force: true });
  process.stdout.write(`removed ${state.namespaces.length} namespaces and ${state.dir}\n`);
}

async function main(argv: string[]): Promise<number> {
  const [cmd, n] = argv;
  if (cmd === 'up' && (n === undefined || /^[1-9]\d?$/.test(n))) await up(Number(n ?? 2));
  else if (cmd === 'down' && n === undefined) await down();
  else {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: Error) => {
  process.stderr.write(`testbed: ${e.message}\n`);
  process.exit(1);
});
