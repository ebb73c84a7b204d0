import type { Command } from 'commander';
import { ErrorCode, isVirtError, type Connection, type Network, type StoragePool, type Unsubscribe } from '@virtkit/core';
import { failedBeforeTheCall, refusedByCli } from '../failure.js';
import type { CliCommand } from './command.js';
import { eventsReceived, timeoutMs, waitForEvents } from './event-wait.js';

// virsh's net-event and pool-event (virsh-network.c, virsh-pool.c): wait for events of one kind, print each as it
// comes, and end at the first one, at --timeout, or at Ctrl-C (with --loop only at the last two).

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
      const seen = await waitForEvents(s, (print) => [register(conn, obj, (line) => print(`${line}\n`))], { loop: !!o.loop, timestamp: !!o.timestamp, timeoutMs: timeout });
      // virsh's command fails when nothing came: with the missed lookup's error, else with no error at all.
      return eventsReceived(s, seen, f.what, missed);
    },
  };
}

export const netEvent = eventCommand(networkEvents);
export const poolEvent = eventCommand(poolEvents);
