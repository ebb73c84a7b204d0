import {
  DomainEventId, ErrorCode, isVirtError, type Domain, type LifecycleEvent, type PublicDomainEvent, type TypedParams, type Unsubscribe,
} from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import type { CliCommand } from './command.js';
import { eventsReceived, timeoutMs, waitForEvents } from './event-wait.js';

/**
 * virsh's `event`: lists the domain event names, or waits for events of one
 * name (or all) and prints each in virsh's words (the wait is event-wait.ts').
 */

/** virsh's event names, by virDomainEventID (0 is lifecycle). */
const EVENT_NAMES = [
  'lifecycle', 'reboot', 'rtc-change', 'watchdog', 'io-error', 'graphics', 'io-error-reason', 'control-error', 'block-job', 'disk-change',
  'tray-change', 'pm-wakeup', 'pm-suspend', 'balloon-change', 'pm-suspend-disk', 'device-removed', 'block-job-2', 'tunable', 'agent-lifecycle',
  'device-added', 'migration-iteration', 'job-completed', 'device-removal-failed', 'metadata-change', 'block-threshold', 'memory-failure',
  'memory-device-size-change', 'nic-mac-change',
] as const;

const LISTED = EVENT_NAMES.slice(0, DomainEventId.MEMORY_DEVICE_SIZE_CHANGE + 1);

const LIFECYCLE = ['Defined', 'Undefined', 'Started', 'Suspended', 'Resumed', 'Stopped', 'Shutdown', 'PMSuspended', 'Crashed'];
const LIFECYCLE_DETAILS: string[][] = [
  ['Added', 'Updated', 'Renamed', 'Snapshot'],
  ['Removed', 'Renamed'],
  ['Booted', 'Migrated', 'Restored', 'Snapshot', 'Event wakeup'],
  ['Paused', 'Migrated', 'I/O Error', 'Watchdog', 'Restored', 'Snapshot', 'API error', 'Post-copy', 'Post-copy Error'],
  ['Unpaused', 'Migrated', 'Snapshot', 'Post-copy', 'Post-copy Error'],
  ['Shutdown', 'Destroyed', 'Crashed', 'Migrated', 'Saved', 'Failed', 'Snapshot'],
  ['Finished', 'Finished after guest request', 'Finished after host request'],
  ['Memory', 'Disk'],
  ['Panicked', 'Crashloaded'],
];
const WATCHDOG = ['none', 'pause', 'reset', 'poweroff', 'shutdown', 'debug', 'inject-nmi'];
const IO_ERROR = ['none', 'pause', 'report'];
const GRAPHICS_PHASE = ['connect', 'initialize', 'disconnect'];
const GRAPHICS_FAMILY = ['IPv4', 'IPv6', 'unix'];
const BLOCK_JOB_TYPE = ['Unknown job', 'Block Pull', 'Block Copy', 'Block Commit', 'Active Block Commit', 'Backup'];
const BLOCK_JOB_STATUS = ['completed', 'failed', 'canceled', 'ready'];
const DISK_CHANGE = ['changed', 'dropped'];
const TRAY = ['opened', 'closed'];
const AGENT_STATE = ['unknown', 'connected', 'disconnected'];
const AGENT_REASON = ['unknown', 'domain started', 'channel event'];
const METADATA = ['description', 'title', 'element'];
const MEMORY_RECIPIENT = ['hypervisor', 'guest'];
const MEMORY_ACTION = ['ignore', 'inject', 'fatal', 'reset'];

const named = (table: readonly string[], i: number, otherwise = 'unknown') => table[i] ?? otherwise;
const unsupported = (table: readonly string[], i: number) => named(table, i, 'unsupported value');

/** A typed parameter as virTypedParameterToString writes it (booleans as yes/no, doubles with six decimals). */
function paramText(v: TypedParams[string]): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && !Number.isInteger(v)) return v.toFixed(6);
  return String(v);
}

const paramLines = (params: TypedParams) => Object.entries(params).map(([k, v]) => `\t${k}: ${paramText(v)}\n`).join('');

/** One domain event in virsh's words (virsh-domain-event.c). */
export function describeDomainEvent(e: PublicDomainEvent): string {
  const head = `event '${EVENT_NAMES[e.id]}' for domain '${e.domain.name}'`;
  switch (e.id) {
    case DomainEventId.REBOOT:
    case DomainEventId.CONTROL_ERROR:
    case DomainEventId.PMWAKEUP:
    case DomainEventId.PMSUSPEND:
    case DomainEventId.PMSUSPEND_DISK:
      return `${head}\n`;
    case DomainEventId.RTC_CHANGE: return `${head}: ${e.offset}\n`;
    case DomainEventId.WATCHDOG: return `${head}: ${named(WATCHDOG, e.action)}\n`;
    case DomainEventId.IO_ERROR: return `${head}: ${e.srcPath} (${e.devAlias}) ${named(IO_ERROR, e.action)}\n`;
    case DomainEventId.IO_ERROR_REASON: return `${head}: ${e.srcPath} (${e.devAlias}) ${named(IO_ERROR, e.action)} due to ${e.reason}\n`;
    case DomainEventId.GRAPHICS: {
      const addr = (a: typeof e.local) => `${named(GRAPHICS_FAMILY, a.family)} ${a.node} ${a.service}`;
      return `${head}: ${named(GRAPHICS_PHASE, e.phase)} local[${addr(e.local)}] remote[${addr(e.remote)}] ${e.authScheme}\n${e.subject.map((s) => `\t${s.type}=${s.name}\n`).join('')}`;
    }
    case DomainEventId.BLOCK_JOB:
    case DomainEventId.BLOCK_JOB_2:
      return `${head}: ${named(BLOCK_JOB_TYPE, e.type)} for ${e.path} ${named(BLOCK_JOB_STATUS, e.status)}\n`;
    case DomainEventId.DISK_CHANGE:
      return `event 'disk-change' for domain '${e.domain.name}' disk ${e.devAlias}: ${e.oldSrcPath ?? '<null>'} -> ${e.newSrcPath ?? '<null>'}: ${named(DISK_CHANGE, e.reason)}\n`;
    case DomainEventId.TRAY_CHANGE: return `event 'tray-change' for domain '${e.domain.name}' disk ${e.devAlias}: ${named(TRAY, e.reason)}\n`;
    case DomainEventId.BALLOON_CHANGE: return `${head}: ${e.actual}KiB\n`;
    case DomainEventId.DEVICE_REMOVED:
    case DomainEventId.DEVICE_ADDED:
    case DomainEventId.DEVICE_REMOVAL_FAILED:
      return `${head}: ${e.devAlias}\n`;
    case DomainEventId.TUNABLE:
    case DomainEventId.JOB_COMPLETED:
      return `${head}:\n${paramLines(e.params)}`;
    case DomainEventId.AGENT_LIFECYCLE: return `${head}: state: '${unsupported(AGENT_STATE, e.state)}' reason: '${unsupported(AGENT_REASON, e.reason)}'\n`;
    case DomainEventId.MIGRATION_ITERATION: return `${head}: iteration: '${e.iteration}'\n`;
    case DomainEventId.METADATA_CHANGE: return `${head}: type ${unsupported(METADATA, e.type)}, uri ${e.nsuri ?? '<null>'}\n`;
    case DomainEventId.BLOCK_THRESHOLD: return `${head}: dev: ${e.dev}(${e.path ?? '<null>'}) ${e.threshold} ${e.excess}\n`;
    case DomainEventId.MEMORY_FAILURE:
      return `${head}:\nrecipient: ${unsupported(MEMORY_RECIPIENT, e.recipient)}\naction: ${unsupported(MEMORY_ACTION, e.action)}\n`
        + `flags:\n\taction required: ${e.flags & 1 ? 1 : 0}\n\trecursive: ${e.flags & 2 ? 1 : 0}\n`;
    case DomainEventId.MEMORY_DEVICE_SIZE_CHANGE: return `${head}:\nalias: ${e.alias}\nsize: ${e.size}\n`;
    case DomainEventId.NIC_MAC_CHANGE: return `${head}:\nalias: ${e.alias}\noldMAC: ${e.oldMAC}\nnewMAC: ${e.newMAC}\n`;
  }
}

export function describeLifecycle(e: LifecycleEvent): string {
  return `event 'lifecycle' for domain '${e.domain.name}': ${named(LIFECYCLE, e.event)} ${named(LIFECYCLE_DETAILS[e.event] ?? [], e.detail)}\n`;
}

export const event: CliCommand = {
  name: 'event',
  summary: 'Domain Events',
  configure: (c) => c.argument('[domain]', 'filter by domain name, id or uuid').argument('[event]', 'which event type to wait for')
    .option('--domain <domain>', 'filter by domain name, id or uuid').option('--event <event>', 'which event type to wait for')
    .option('--all', 'wait for all events instead of just one type').option('--loop', 'loop until timeout or interrupt, rather than one-shot')
    .option('--timeout <seconds>', 'timeout seconds').option('--list', 'list valid event types').option('--timestamp', 'show timestamp for each printed event'),
  async run(s, [domainArg, eventArg], o) {
    const eventName = (o.event as string | undefined) ?? eventArg;
    const domainText = (o.domain as string | undefined) ?? domainArg;
    if (o.all && eventName !== undefined) throw refusedByCli('Options --all and --event are mutually exclusive');
    if (o.list && o.all) throw refusedByCli('Options --list and --all are mutually exclusive');
    if (o.list && eventName !== undefined) throw refusedByCli('Options --list and --event are mutually exclusive');
    // virsh 9.0's list, which ends with an empty line, and has no nic-mac-change (libvirt 11 added it; its events are still printed).
    if (o.list) return { text: `${LISTED.map((n) => `${n}\n`).join('')}\n`, json: [...LISTED] };
    if (eventName === undefined && !o.all) throw refusedByCli('one of --list, --all, or --event <type> is required');
    const id = eventName === undefined ? undefined : EVENT_NAMES.indexOf(eventName as (typeof EVENT_NAMES)[number]);
    if (id === -1) throw refusedByCli(`unknown event type ${eventName}`);
    const timeout = timeoutMs(o.timeout);
    const dom: Domain | undefined = domainText === undefined ? undefined : await s.domain(domainText);
    const conn = await s.connection();
    const seen = await waitForEvents(s, (print) => {
      const offs: Unsubscribe[] = [];
      if (id === undefined || id === 0) offs.push(conn.onLifecycle((e) => print(describeLifecycle(e)), { domain: dom }));
      if (id !== 0) {
        try {
          offs.push(conn.onDomainEvent((e) => { if (id === undefined || e.id === id) print(describeDomainEvent(e)); }, { domain: dom }));
        } catch (e) {
          // A driver without the other events has none to tell: the wait is for lifecycle events alone, or times out.
          if (!isVirtError(e, ErrorCode.NO_SUPPORT)) throw e;
        }
      }
      return offs;
    }, { loop: !!o.loop, timeoutMs: timeout, timestamp: !!o.timestamp });
    return eventsReceived(s, seen, 'domain');
  },
};
