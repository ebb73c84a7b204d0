import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { waitFor } from './helpers/wait.js';

const run = promisify(execFile);
const C = { ...process.env, LANG: 'C', LC_ALL: 'C' };
const VIRTKIT_CLI = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));
/** The objects the warm-up makes and ends until every looping watcher has printed one of their events. */
const WARM = 'vknwarm';

interface Watcher {
  stdout(): string;
  interrupt(): void;
  done: Promise<{ stdout: string; stderr: string; code: number | null }>;
}

function watcher(file: string, args: string[]): Watcher {
  const p = spawn(file, args, { env: C, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    stdout: () => stdout,
    interrupt: () => p.kill('SIGINT'),
    done: new Promise((r) => p.once('exit', (code) => r({ stdout, stderr, code }))),
  };
}

/** The same command as virsh and as virtkit's CLI. */
const pair = (uri: string, args: string[]) => ({
  virsh: watcher('virsh', ['-c', uri, ...args]),
  virtkit: watcher(process.execPath, [VIRTKIT_CLI, '-c', uri, ...args]),
});

const TIMESTAMPED = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})\+0000: /;

/**
 * What a watcher printed, without the warm-up's events: times become a
 * placeholder (each checked to be now, in UTC), and the count excludes the
 * warm-up events, which each watcher saw as many of as came after it
 * registered.
 */
function measured(r: { stdout: string; stderr: string; code: number | null }): { stdout: string; stderr: string; code: number | null } {
  const lines = r.stdout.split('\n');
  const warm = lines.filter((l) => l.includes(WARM)).length;
  const out = lines.filter((l) => !l.includes(WARM)).map((l) => {
    const m = TIMESTAMPED.exec(l);
    if (m) {
      expect(Math.abs(Date.parse(`${m[1].replace(' ', 'T')}Z`) - Date.now()), `the time of: ${l}`).to.be.below(120_000);
      return l.replace(TIMESTAMPED, 'TIME: ');
    }
    const n = /^events received: (\d+)$/.exec(l);
    return n ? `events received: ${Number(n[1]) - warm}` : l;
  });
  return { stdout: out.join('\n'), stderr: r.stderr, code: r.code };
}

/**
 * virtkit's net-event and pool-event against a daemon serving a
 * test:///default its clients share, beside virsh's on the same daemon:
 * both watch while a third virsh stops and starts the default network and
 * pool, and print the same (times masked), with the same exit status. The
 * looping watchers end with Ctrl-C (SIGINT).
 */
describe("virtkit net-event and pool-event print virsh's lines for the events a daemon delivers (libvirtd and virtkitd)", function () {
  this.timeout(180_000);
  let d: Virtkitd | undefined;
  let l: Libvirtd | undefined;
  let dir: string;
  let warmXml: string;
  before(async () => {
    [d, l] = await Promise.all([startVirtkitd('', { verbose: false }), startLibvirtd()]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'vkn-events-'));
    warmXml = path.join(dir, 'warm.xml');
    await writeFile(warmXml, `<network><name>${WARM}</name><bridge name='${WARM}0'/></network>`);
  });
  after(async () => {
    await Promise.all([d?.stop(), l?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function watchBoth(uri: string) {
    const looping = {
      net: pair(uri, ['net-event', '--event', 'lifecycle', '--loop', '--timestamp']),
      pool: pair(uri, ['pool-event', '--event', 'lifecycle', '--loop']),
      // A network that does not exist: reported, and every network's events are printed.
      missing: pair(uri, ['net-event', 'nosuch', '--event', 'lifecycle', '--loop']),
    };
    const oneShot = {
      refresh: pair(uri, ['pool-event', 'default-pool', '--event', 'refresh']),
      net: pair(uri, ['net-event', '--network', 'default', '--event', 'lifecycle', '--timestamp']),
    };
    const loops = Object.values(looping).flatMap((p) => [p.virsh, p.virtkit]);
    // Until every looping watcher printed a warm-up event, its registration may not be in: warm up again.
    await waitFor(async () => {
      await run('virsh', ['-c', uri, `net-create ${warmXml}; net-destroy ${WARM}; pool-create-as ${WARM} dir --target /${WARM}; pool-destroy ${WARM}`], { env: C });
      return loops.every((w) => w.stdout().includes(WARM));
    }, 60_000, 'the watchers to register', 500);
    return { looping, oneShot, loops };
  }

  async function compare(uri: string): Promise<void> {
    const { looping, oneShot, loops } = await watchBoth(uri);
    // The one-shot watchers started with the looping ones; give them a moment more.
    await new Promise((r) => setTimeout(r, 1000));
    const r = await run('virsh', ['-c', uri, 'net-destroy default; net-start default; pool-destroy default-pool; pool-start default-pool; pool-refresh default-pool'], { env: C });
    expect(r.stderr).to.equal('');
    await waitFor(() => loops.every((w) => w.stdout().includes('default-pool') || w.stdout().includes('network default: Started')), 30_000, 'the events');
    await new Promise((r) => setTimeout(r, 500));
    for (const w of loops) w.interrupt();
    for (const [name, p] of Object.entries({ ...looping, ...Object.fromEntries(Object.entries(oneShot).map(([k, v]) => [`once-${k}`, v])) })) {
      const [theirs, ours] = await Promise.all([p.virsh.done, p.virtkit.done]);
      expect(measured(ours), name).to.deep.equal(measured(theirs));
    }
    const net = measured(await looping.net.virtkit.done).stdout;
    expect(net).to.equal([
      "TIME: event 'lifecycle' for network default: Stopped",
      "TIME: event 'lifecycle' for network default: Started",
      'event loop interrupted', 'events received: 2', '', '',
    ].join('\n'));
    expect(measured(await looping.pool.virtkit.done).stdout).to.contain("event 'lifecycle' for storage pool default-pool: Stopped\nevent 'lifecycle' for storage pool default-pool: Started\nevent loop interrupted\nevents received: 2\n");
    expect(measured(await looping.missing.virtkit.done).stderr).to.equal("error: failed to get network 'nosuch'\n");
    expect(measured(await oneShot.refresh.virtkit.done)).to.deep.equal({ stdout: "event 'refresh' for storage pool default-pool\nevents received: 1\n\n", stderr: '', code: 0 });
  }

  it('through libvirtd', async () => {
    await compare(l!.testUri);
  });

  it('through virtkitd', async () => {
    await compare(d!.uri());
  });
});
