import type { Command } from 'commander';
import { ErrorCode, isVirtError, type Connection, type Network, type StoragePool, type Unsubscribe } from '@virtkit/core';
import { failedBeforeTheCall, failedWithoutError, refusedByCli } from '../failure.js';
import { eventTimestamp } from '../output.js';
import type { CliSession } from '../session.js';
import type { CliCommand } from './command.js';

// virsh's net-event and pool-event (virsh-network.c, virsh-pool.c): wait for events of one kind, print each as it
// comes, and end at the first one, at --timeout, or at Ctrl-C (with --loop only at the last two).

/** The largest --timeout virsh takes: seconds that still fit an int of milliseconds. */
const MAX_TIMEOUT_S = Math.floor(2147483647 / 1000);

/** One family of object events: its objects, and its event kinds in the order of libvirt's event ids. */
interface EventFamily<T> {
  name: string;
  summary: string;
  /** virsh's option naming the object (also the first positional argument). */
  objectOption: string;
  /** virsh's word for a missed lookup: "failed to get network 'X'". */
  what: string;
  lookup(conn: Connection, text: string): Promise<T>;
  noObjectCode: ErrorCode;
  /** Event kind → registration, calling `deliver` with virsh's line (without its timestamp) for each event. */
  events: Record<string, (conn: Connection, obj: T | undefined, deliver: (line: string) => void) => Unsubscribe>;
}

const NETWORK_EVENTS = ['Defined', 'Undefined', 'Started', 'Stopped'];
const POOL_EVENTS = ['Defined', 'Undefined', 'Started', 'Stopped', 'Created', 'Deleted'];
const eventWord = (words: string[], n: number) => words[n] ?? 'unknown';

const networkEvents: EventFamily<Network> = {
  name: 'net-event',
  summary: 'Network Events',
  objectOption: 'network',
  what: 'network',
  lookup: (conn, text) => conn.lookupNetwork(text),
  noObjectCode: ErrorCode.NO_NETWORK,
  events: {
    lifecycle: (conn, network, deliver) => conn.onNetworkLifecycle((e) => deliver(`event 'lifecycle' for network ${e.network.name}: ${eventWord(NETWORK_EVENTS, e.event)}`), { network }),
  },
};

const poolEvents: EventFamily<StoragePool> = {
  name: 'pool-event',
  summary: 'Storage Pool Events',
  objectOption: 'pool',
  what: 'pool',
  lookup: (conn, text) => conn.lookupStoragePool(text),
  noObjectCode: ErrorCode.NO_STORAGE_POOL,
  events: {
    lifecycle: (conn, pool, deliver) => conn.onStoragePoolLifecycle((e) => deliver(`event 'lifecycle' for storage pool ${e.pool.name}: ${eventWord(POOL_EVENTS, e.event)}`), { pool }),
    refresh: (conn, pool, deliver) => conn.onStoragePoolRefresh((e) => deliver(`event 'refresh' for storage pool ${e.pool.name}`), { pool }),
  },
};

/** --timeout in milliseconds, as virsh's vshCommandOptTimeoutToMs reads it: whole seconds from 1. */
function timeoutMs(text: unknown): number | undefined {
  if (text === undefined) return undefined;
  const t = String(text);
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > MAX_TIMEOUT_S) throw refusedByCli(`Numeric value '${t}' for <timeout> option is malformed or out of range`);
  return Number(t) * 1000;
}

/**
 * Waits for events: each delivered one is printed (prefixed with its
 * time with `timestamp`); without `loop` the first ends the wait. Resolves
 * with the count once the wait ends, after printing virsh's line for a
 * timeout or an interrupt.
 */
function waitForEvents(s: CliSession, subscribe: (deliver: (line: string) => void) => Unsubscribe, o: { loop: boolean; timestamp: boolean; timeoutMs?: number }, seen: string[]): Promise<number> {
  const print = (text: string) => {
    if (!s.json) s.io.out(text);
  };
  return new Promise((resolve) => {
    let count = 0;
    let ended = false;
    let unsubscribe: Unsubscribe | undefined;
    let timer: NodeJS.Timeout | undefined;
    const end = (why?: string) => {
      if (ended) return;
      ended = true;
      if (timer) clearTimeout(timer);
      process.off('SIGINT', interrupted);
      unsubscribe?.();
      if (why) print(why);
      resolve(count);
    };
    const interrupted = () => end('event loop interrupted\n');
    process.on('SIGINT', interrupted);
    try {
      unsubscribe = subscribe((line) => {
        if (ended || (!o.loop && count > 0)) return;
        const text = o.timestamp ? `${eventTimestamp(new Date())}: ${line}` : line;
        seen.push(text);
        print(`${text}\n`);
        count++;
        if (!o.loop) end();
      });
    } catch (e) {
      process.off('SIGINT', interrupted);
      throw e;
    }
    if (o.timeoutMs !== undefined) timer = setTimeout(() => end('event loop timed out\n'), o.timeoutMs);
  });
}

function eventCommand<T>(f: EventFamily<T>): CliCommand {
  const kinds = Object.keys(f.events);
  return {
    name: f.name,
    summary: f.summary,
    configure: (c: Command) => c.argument(`[${f.objectOption}]`, `filter by ${f.what} name or uuid`)
      .option(`--${f.objectOption} <${f.objectOption}>`, `filter by ${f.what} name or uuid`)
      .option('--event <event>', 'which event type to wait for')
      .option('--loop', 'loop until timeout or interrupt, rather than one-shot')
      .option('--timeout <seconds>', 'timeout seconds')
      .option('--list', 'list valid event types')
      .option('--timestamp', 'show timestamp for each printed event'),
    async run(s, [positional], o) {
      if (o.list) return { text: `${kinds.join('\n')}\n\n`, json: kinds };
      const kind = o.event as string | undefined;
      if (kind === undefined) throw refusedByCli('either --list or --event <type> is required');
      const register = f.events[kind];
      if (!Object.hasOwn(f.events, kind) || !register) throw refusedByCli(`unknown event type ${kind}`);
      const timeout = timeoutMs(o.timeout);
      const conn = await s.connection();
      const objectText = (o[f.objectOption] as string | undefined) ?? positional;
      // As virsh: an object that is not found is reported, and the events of every object are waited for.
      let missed: unknown;
      let obj: T | undefined;
      if (objectText !== undefined) {
        try {
          obj = await f.lookup(conn, objectText);
        } catch (e) {
          if (!isVirtError(e, f.noObjectCode)) throw failedBeforeTheCall(e);
          s.io.err(`error: failed to get ${f.what} '${objectText}'\n`);
          missed = e;
        }
      }
      const seen: string[] = [];
      const count = await waitForEvents(s, (deliver) => register(conn, obj, deliver), { loop: !!o.loop, timestamp: !!o.timestamp, timeoutMs: timeout }, seen);
      const json = { events: seen, received: count };
      if (count > 0) return { text: `events received: ${count}\n\n`, json };
      if (!s.json) s.io.out(`events received: ${count}\n`);
      // virsh's command fails when nothing came: with the missed lookup's error, else with no error at all.
      throw missed !== undefined ? failedBeforeTheCall(missed) : failedWithoutError(`no ${f.what} event received`);
    },
  };
}

export const netEvent = eventCommand(networkEvents);
export const poolEvent = eventCommand(poolEvents);
