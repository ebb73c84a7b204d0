import { ErrorCode, JobType, isVirtError, type Clock, type VirtError } from '@virtkit/core';
import { fail } from './errors.js';
import type { QmpMonitor } from './qmp-client.js';

/** query-migrate's answer, the parts we read. */
export interface QueryMigrate {
  status?: string;
  'error-desc'?: string;
  'total-time'?: number;
  'expected-downtime'?: number;
  downtime?: number;
  'setup-time'?: number;
  ram?: {
    total: number; transferred: number; remaining: number; 'dirty-pages-rate'?: number; 'page-size'?: number; mbps?: number; 'dirty-sync-count'?: number;
    duplicate?: number; normal?: number; 'normal-bytes'?: number; 'postcopy-requests'?: number;
  };
}

export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** query-migrate statuses of a stream QEMU is still sending, which migrate_cancel stops. */
const STREAMING = new Set(['setup', 'active', 'device', 'pre-switchover', 'wait-unplug']);

/** Whether QEMU still sends an outgoing stream. */
export function isStreaming(q: QueryMigrate): boolean {
  return q.status !== undefined && STREAMING.has(q.status);
}

const MiB = 1024 * 1024;

/** What an outgoing stream (migration or save) is set up with. */
export interface OutgoingOptions {
  bandwidthMiB: number;
  downtimeMs: number;
  autoConverge: boolean;
  /** Stop at pre-switchover (guest paused, devices not yet sent) for runOutgoing's atSwitchover. */
  pauseBeforeSwitchover?: boolean;
  /** QEMU's TLS for the stream: the tls-creds-x509 object and the name the server's certificate must carry. Plain without. */
  tls?: { creds: string; hostname: string };
  /** The capabilities both ends of a migration stream must agree on (streamCapabilities); off without. */
  stream?: StreamCapabilities;
}

/**
 * What VIR_MIGRATE_POSTCOPY and VIR_MIGRATE_PARALLEL ask of QEMU, on the
 * source and on the destination alike (QEMU refuses a stream whose ends
 * disagree): postcopy-ram lets the source switch to post-copy later
 * (migrate-start-postcopy); multifd sends memory over `channels`
 * connections (libvirt's parallel.connections, QEMU's default 2).
 */
export interface StreamCapabilities {
  postcopy: boolean;
  multifd?: { channels: number };
}

/** The capability list and parameters of `c`, set on either end before the stream starts. */
export async function setStreamCapabilities(qmp: QmpMonitor, c: StreamCapabilities): Promise<void> {
  await qmp.execute('migrate-set-capabilities', { capabilities: [
    { capability: 'postcopy-ram', state: c.postcopy },
    { capability: 'multifd', state: c.multifd !== undefined },
  ] });
  if (c.multifd) await qmp.execute('migrate-set-parameters', { 'multifd-channels': c.multifd.channels });
}

/** Sets the capabilities and parameters of an outgoing stream; the 'events' capability runOutgoing needs is always on. */
export async function setupOutgoing(qmp: QmpMonitor, o: OutgoingOptions): Promise<void> {
  await Promise.all([
    setStreamCapabilities(qmp, o.stream ?? { postcopy: false }),
    qmp.execute('migrate-set-capabilities', { capabilities: [
      { capability: 'events', state: true },
      { capability: 'auto-converge', state: o.autoConverge },
      { capability: 'pause-before-switchover', state: o.pauseBeforeSwitchover ?? false },
    ] }),
    qmp.execute('migrate-set-parameters', { 'max-bandwidth': o.bandwidthMiB * MiB, 'downtime-limit': o.downtimeMs, 'tls-creds': o.tls?.creds ?? '', 'tls-hostname': o.tls?.hostname ?? '' }),
  ]);
}

/** The JobType of a finished outgoing job. */
export function finishedJobType(q: QueryMigrate): JobType.COMPLETED | JobType.CANCELLED | JobType.FAILED {
  return q.status === 'completed' ? JobType.COMPLETED : q.status === 'cancelled' ? JobType.CANCELLED : JobType.FAILED;
}

/** The error of an outgoing job (`job`: 'migration out job', 'save job') that did not complete. */
export function outgoingError(q: QueryMigrate, job: string): VirtError {
  if (q.status === 'cancelled') return fail(ErrorCode.OPERATION_ABORTED, `${job}: canceled by client`);
  return fail(ErrorCode.OPERATION_FAILED, `${job}: ${q['error-desc'] ?? 'unexpectedly failed'}`);
}

/**
 * Runs `migrate` to `uri` and waits for a terminal status: MIGRATION events
 * (the 'events' capability must be on), with query-migrate as the truth.
 * Migration and save share it. With `atSwitchover` (and the stream set up
 * with pauseBeforeSwitchover), QEMU stops at pre-switchover with the guest
 * paused; atSwitchover runs there and the stream continues (migrate-continue),
 * or, when it fails, is cancelled and reported failed with its error.
 */
export async function runOutgoing(qmp: QmpMonitor, uri: string, clock: Clock, atSwitchover?: () => Promise<void>): Promise<QueryMigrate> {
  let pending = atSwitchover;
  const wakes = (status: string) => TERMINAL.has(status) || (pending !== undefined && status === 'pre-switchover');
  let wake = qmp.waitForEvent('MIGRATION', 24 * 3600 * 1000, (e) => wakes(String(e.data.status)));
  wake.catch(() => {});
  await qmp.execute('migrate', { uri });
  // A status an event already said, so no query is needed for it.
  let known: QueryMigrate | undefined;
  for (;;) {
    const q = known ?? await qmp.execute<QueryMigrate>('query-migrate');
    known = undefined;
    if (q.status && TERMINAL.has(q.status)) return q;
    if (pending && q.status === 'pre-switchover') {
      const hook = pending;
      pending = undefined;
      wake = qmp.waitForEvent('MIGRATION', 24 * 3600 * 1000, (e) => wakes(String(e.data.status)));
      wake.catch(() => {});
      try {
        await hook();
      } catch (e) {
        await qmp.execute('migrate_cancel').catch(() => {});
        const ended = await waitTerminal(qmp, clock);
        return { ...ended, status: 'failed', 'error-desc': (e as Error).message };
      }
      await qmp.execute('migrate-continue', { state: 'pre-switchover' });
      continue;
    }
    const poll = new AbortController();
    const e = await Promise.race([wake.catch(() => undefined), clock.sleep(500, poll.signal).then(() => undefined, () => undefined)]);
    poll.abort();
    // The guest is paused at pre-switchover: the hook runs at once (a terminal status is still asked, for its figures).
    if (pending && e?.data.status === 'pre-switchover') known = { status: 'pre-switchover' };
  }
}

/** Polls query-migrate until a terminal status. */
async function waitTerminal(qmp: QmpMonitor, clock: Clock): Promise<QueryMigrate> {
  for (;;) {
    const q = await qmp.execute<QueryMigrate>('query-migrate');
    if (q.status && TERMINAL.has(q.status)) return q;
    await clock.sleep(100);
  }
}

/** Waits until an incoming stream is complete (or QEMU gave up), up to `timeoutMs`. */
export async function waitIncoming(qmp: QmpMonitor, clock: Clock, timeoutMs = 60_000): Promise<QueryMigrate> {
  const deadline = clock.monotonic() + timeoutMs;
  for (;;) {
    // Subscribe first: the MIGRATION event may come between query and wait.
    const event = qmp.waitForEvent('MIGRATION', 500, (e) => TERMINAL.has(String(e.data.status)));
    event.catch(() => {});
    const q = await qmp.execute<QueryMigrate>('query-migrate');
    if (q.status && TERMINAL.has(q.status)) return q;
    if (clock.monotonic() > deadline) throw fail(ErrorCode.OPERATION_TIMEOUT, 'the incoming migration stream did not complete');
    await event.catch((e: unknown) => {
      if (!isVirtError(e, ErrorCode.OPERATION_TIMEOUT)) throw e;
    });
  }
}
