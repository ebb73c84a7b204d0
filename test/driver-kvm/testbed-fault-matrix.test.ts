import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { eventually } from './support/hosts.js';
import { twoHostTestbed, type TestbedHost } from './support/testbed.js';

const MIGRATION_CLIENT = fileURLToPath(new URL('./support/migration-client.js', import.meta.url));

type Protocol = 'v2' | 'v3' | 'p2p';
type Phase = 'begin' | 'prepare' | 'perform-start' | 'perform-middle' | 'perform-end' | 'finish' | 'confirm';
type Party = 'client' | 'source daemon' | 'destination daemon';
/** Where the guest is once everything settled. */
type Outcome = 'source' | 'destination' | 'destination, source paused for the user';

/** v2 has no Begin and no Confirm: those cases do not exist. */
const PHASES: Record<Protocol, Phase[]> = {
  v2: ['prepare', 'perform-start', 'perform-middle', 'perform-end', 'finish'],
  v3: ['begin', 'prepare', 'perform-start', 'perform-middle', 'perform-end', 'finish', 'confirm'],
  p2p: ['begin', 'prepare', 'perform-start', 'perform-middle', 'perform-end', 'finish', 'confirm'],
};
const PARTIES: Party[] = ['client', 'source daemon', 'destination daemon'];
/** The phases that run on the destination (the others run on the source). */
const ON_DESTINATION = new Set<Phase>(['prepare', 'finish']);

/**
 * Where the guest must end up, and why. The guest moves only once the
 * destination's Finish has run it: before that every party's death rolls
 * back to the source, after it every one rolls forward to the destination.
 */
function expected(protocol: Protocol, phase: Phase, party: Party): { outcome: Outcome; why: string } {
  const moved = phase === 'finish' || phase === 'confirm';
  if (party === 'client') {
    if (protocol === 'p2p') return { outcome: 'destination', why: 'the source daemon runs a peer-to-peer migration itself: it goes on without its client' };
    if (moved) return { outcome: 'destination', why: 'the call in flight ends first; a Finish that ran the guest tells the source over the migration stream, and the source ends its copy' };
    return { outcome: 'source', why: 'the destination ends the incoming guest its client left; the source cancels its job and runs on' };
  }
  if (party === 'source daemon') {
    if (phase === 'finish' && protocol !== 'v2') {
      return {
        outcome: 'destination, source paused for the user',
        why: "a source restarted after Perform3 but before Confirm3 cannot learn the outcome (the stream died with it, only the client knew): it keeps the guest paused for the user, as libvirt's recovery of PERFORM3_DONE; the user destroys it",
      };
    }
    if (moved) return { outcome: 'destination', why: protocol === 'v2' ? "v2's Perform ended the source's copy; Finish runs the guest" : 'a source restarted in Confirm3 ends its copy; the destination runs the guest' };
    return { outcome: 'source', why: 'the restarted source runs its guest again; the destination ends the incoming guest whose stream or owner died' };
  }
  if (phase === 'confirm') return { outcome: 'destination', why: 'Finish had run the guest, which outlives its daemon; Confirm3 ends the source copy' };
  if (phase === 'finish' && protocol === 'v2') return { outcome: 'destination', why: "v2's source ended its copy once the stream was acknowledged: the restarted destination runs the whole guest it holds" };
  return { outcome: 'source', why: 'the restarted destination ends the incoming guest; the source resumes (its transfer broke, or Confirm3 says cancelled)' };
}

/**
 * The migration fault matrix on test:/// hosts of two namespaced virtkitd
 * daemons: {v2, v3, p2p} × every phase (Perform at its start, middle and
 * end) × {client killed, source daemon killed and restarted, destination
 * daemon killed and restarted}. A phase is held by the test driver's
 * phase-delay hook and the party is killed while it is held. The test hosts
 * keep their domains in a state file (test_state_dir), so a killed daemon's
 * guests outlive it as QEMU guests do and the restarted daemon finishes or
 * rolls back their phase. Every case checks where the guest is (see
 * expected()), that no job or prepared migration is left, and that a
 * second migration succeeds.
 *
 * The protocols' migrations of one (phase, party) run at the same time, each
 * between its own pair of test hosts, so one kill (and one daemon restart)
 * serves them all; each protocol's outcome is its own test.
 */
describe('migration fault matrix between namespaced hosts (test:/// hosts, a party killed in each phase)', function () {
  this.timeout(120_000);
  const HOLD_MS = 1000;
  let a: TestbedHost;
  let b: TestbedHost;
  const bed = twoHostTestbed('vkf', {
    conf: [
      'open_at_start = []',
      'test_state_dir = "/var/lib/virtkit/test"',
      'migration_confirm_grace = 20',
    ].join('\n'),
  });
  before(() => {
    [a, b] = bed.hosts();
  });

  /** What one virsh run tells of guest `name` on a host: state and reason (undefined: no such domain), job type, persistence. */
  async function probe(uri: string, name: string): Promise<{ state?: string; job?: string; persistent: boolean; said: string }> {
    let out: string;
    let said = '';
    try {
      // Each command's error goes to stderr while the exit status is the last command's: both are read.
      out = await a.exec('sh', ['-c', `virsh -q -c '${uri}' 'domstate --reason ${name}; domjobinfo ${name}; list --persistent --name' 2>&1`], { timeoutMs: 30_000 });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      if (!/failed to get domain/.test(err.stderr ?? '')) throw e;
      out = err.stdout ?? '';
      said = err.stderr ?? '';
    }
    const lines = out.split('\n').map((l) => l.trim()).filter(Boolean);
    const job = /^Job type:\s+(\S+)/m.exec(out)?.[1];
    const state = /^(running|paused|shut off|blocked|in shutdown|crashed|pmsuspended)\b/.test(lines[0] ?? '') ? lines[0] : undefined;
    return { state, job, persistent: lines.includes(name), said: `${uri}: ${out}${said}` };
  }
  const virsh = (...args: string[]) => a.exec('virsh', args, { timeoutMs: 30_000 });

  /** Resolves once `host`'s log, after `from`, says test host `hostPath` holds the phase. */
  async function held(host: TestbedHost, from: number, hostPath: string, phase: Phase, name: string): Promise<void> {
    const line = `test host ${hostPath}: migration phase '${phase}' of '${name}' held`;
    await eventually(async () => { expect((await host.log()).slice(from)).to.contain(line); }, 30_000);
  }

  it('a prepared incoming migration that never receives data expires (incoming-timeout-ms) while its client stays connected; the next migration succeeds', async () => {
    const name = 'vkfexpire';
    const aUri = a.uri('/vkfexpire-a?empty=1&migration-ms=200', 'test');
    const bUri = b.uri('/vkfexpire-b?empty=1&migration-ms=200&incoming-timeout-ms=500', 'test');
    const file = path.join(a.root, `${name}.xml`);
    await fs.writeFile(file, `<domain type='test'><name>${name}</name><uuid>${randomUUID()}</uuid><memory>65536</memory><os><type>hvm</type></os></domain>`);
    await virsh('-c', aUri, `define ${file}; start ${name}`);
    const client = a.spawn(process.execPath, [MIGRATION_CLIENT, aUri, bUri, name, 'prepare-wait']);
    client.stderr!.resume();
    const exited = new Promise<void>((r) => client.once('exit', () => r()));
    try {
      await new Promise<void>((resolve) => client.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('prepare')) resolve(); }));
      // Prepared: the incoming guest waits, paused, for a source that never connects.
      expect((await probe(bUri, name)).state).to.equal('paused (migrating)');
      await eventually(async () => { expect((await probe(bUri, name)).state, 'the incoming guest ends when the Prepare expires').to.equal(undefined); }, 20_000);
      expect(client.exitCode, 'the client is still connected').to.equal(null);
      expect((await probe(aUri, name)).state).to.equal('running (booted)');
      await virsh('-c', aUri, 'migrate', '--live', '--persistent', '--undefinesource', name, bUri);
      expect((await probe(bUri, name)).state).to.equal('running (migrated)');
    } finally {
      client.kill('SIGKILL');
      await exited;
    }
  });

  let n = 0;
  for (const phase of PHASES.v3) {
    for (const party of PARTIES) {
      const protocols = (['v3', 'p2p', 'v2'] as const).filter((p) => PHASES[p].includes(phase));
      describe(`${phase} · ${party} killed`, () => {
        const uris = new Map<Protocol, { a: string; b: string; name: string }>();
        before(async () => {
          const delay = `phase-delay=${phase}:${HOLD_MS}`;
          const phaseHost = ON_DESTINATION.has(phase) ? b : a;
          const from = (await phaseHost.log()).length;
          const clients = [];
          for (const protocol of protocols) {
            n++;
            const aUri = a.uri(`/vkf${n}a?empty=1&migration-ms=200`, 'test');
            const bUri = b.uri(`/vkf${n}b?empty=1&migration-ms=200`, 'test');
            // A guest of its own (name and UUID) on a host pair of its own.
            const name = `vkf${n}`;
            const file = path.join(a.root, `${name}.xml`);
            await fs.writeFile(file, `<domain type='test'><name>${name}</name><uuid>${randomUUID()}</uuid><memory>65536</memory><os><type>hvm</type></os></domain>`);
            await virsh('-c', aUri, `define ${file}; start ${name}`);
            uris.set(protocol, { a: aUri, b: bUri, name });
            expect((await probe(aUri, name)).state).to.equal('running (booted)');
            expect((await probe(bUri, name)).state).to.equal(undefined);
            // The hold goes on the URI of the connection that runs the phase.
            const srcUri = ON_DESTINATION.has(phase) ? aUri : `${aUri}&${delay}`;
            const dstUri = ON_DESTINATION.has(phase) ? `${bUri}&${delay}` : bUri;
            const client = a.spawn(process.execPath, [MIGRATION_CLIENT, srcUri, dstUri, name, protocol]);
            client.stdout!.resume();
            client.stderr!.resume();
            const exited = new Promise<void>((r) => client.once('exit', () => r()));
            clients.push({ client, exited, held: held(phaseHost, from, ON_DESTINATION.has(phase) ? `/vkf${n}b` : `/vkf${n}a`, phase, name) });
          }
          await Promise.all(clients.map((c) => c.held));
          if (party === 'client') {
            for (const c of clients) c.client.kill('SIGKILL');
          } else {
            const host = party === 'source daemon' ? a : b;
            await host.kill();
            await host.start();
          }
          await Promise.all(clients.map((c) => c.exited));
        });

        for (const protocol of protocols) {
          const { outcome, why } = expected(protocol, phase, party);
          it(`${protocol} · ${phase} · ${party} killed → ${outcome} (${why})`, async () => {
            const { a: aUri, b: bUri, name } = uris.get(protocol)!;
            if (outcome === 'source') {
              await eventually(async () => {
                const [onA, onB] = await Promise.all([probe(aUri, name), probe(bUri, name)]);
                expect(onA.state, onA.said).to.match(/^running/);
                expect(onA.job, 'no job is left on the source').to.equal('None');
                expect(onB.state, `no incoming guest is left on the destination: ${onB.said}`).to.equal(undefined);
              }, 30_000);
            } else {
              await eventually(async () => {
                const [onA, onB] = await Promise.all([probe(aUri, name), probe(bUri, name)]);
                expect(onB.state, onB.said).to.equal('running (migrated)');
                expect(onB.persistent, 'PERSIST_DEST').to.equal(true);
                expect(onB.job, 'no job is left on the destination').to.equal('None');
                if (outcome === 'destination') expect(onA.state, `UNDEFINE_SOURCE: nothing is left on the source: ${onA.said}`).to.equal(undefined);
                else expect(onA.state, onA.said).to.equal('paused (migrating)');
              }, 30_000);
              if (outcome !== 'destination') {
                // The user's step: the destination runs the guest, so the paused copy is destroyed.
                await virsh('-c', aUri, 'destroy', name);
                expect((await probe(aUri, name)).state).to.equal('shut off (destroyed)');
              }
            }
            // A second migration, from wherever the guest runs, succeeds: nothing prepared or held blocks it.
            const [runs, other] = outcome === 'source' ? [aUri, bUri] : [bUri, aUri];
            await virsh('-c', runs, 'migrate', '--live', '--persistent', '--undefinesource', name, other);
            expect((await probe(other, name)).state).to.equal('running (migrated)');
            expect((await probe(runs, name)).state).to.equal(undefined);
          });
        }
      });
    }
  }
});
