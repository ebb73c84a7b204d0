import type { Unsubscribe } from '@virtkit/core';
import { failedBeforeTheCall, failedWithoutError, refusedByCli } from '../failure.js';
import { eventTimestamp } from '../output.js';
import type { CliSession, CommandResult } from '../session.js';

/**
 * The wait every virsh event command shares (vshEventStart/vshEventWait):
 * events printed as they come, the first one ending the wait unless
 * --loop, else the timeout or Ctrl-C; then virsh's count line.
 */

/** The largest --timeout virsh takes: seconds that still fit an int of milliseconds. */
const MAX_TIMEOUT_S = Math.floor(2147483647 / 1000);

/** --timeout in milliseconds, as virsh's vshCommandOptTimeoutToMs reads it: whole seconds from 1. */
export function timeoutMs(text: unknown): number | undefined {
  if (text === undefined) return undefined;
  const t = String(text);
  if (!/^\+?\d+$/.test(t) || Number(t) < 1 || Number(t) > MAX_TIMEOUT_S) throw refusedByCli(`Numeric value '${t}' for <timeout> option is malformed or out of range`);
  return Number(t) * 1000;
}

export interface EventWait {
  loop: boolean;
  timestamp: boolean;
  timeoutMs?: number;
}

/**
 * Subscribes with `subscribe`, which gets `print` for each event's text
 * (whole lines, each ending in a newline; prefixed with the time with
 * `timestamp`), and waits. Resolves with what was printed once the wait
 * ends, after virsh's line for a timeout or an interrupt.
 */
export function waitForEvents(s: CliSession, subscribe: (print: (text: string) => void) => Unsubscribe[], o: EventWait): Promise<string[]> {
  const out = (text: string) => {
    if (!s.json) s.io.out(text);
  };
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    let ended = false;
    let offs: Unsubscribe[] = [];
    let timer: NodeJS.Timeout | undefined;
    const end = (why?: string) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      process.off('SIGINT', interrupted);
      for (const off of offs) off();
      if (why) out(why);
      resolve(seen);
    };
    const interrupted = () => end('event loop interrupted\n');
    process.on('SIGINT', interrupted);
    try {
      offs = subscribe((text) => {
        if (ended || (!o.loop && seen.length > 0)) return;
        const line = o.timestamp ? `${eventTimestamp(new Date())}: ${text}` : text;
        seen.push(line);
        out(line);
        if (!o.loop) end();
      });
    } catch (e) {
      ended = true;
      process.off('SIGINT', interrupted);
      reject(e);
      return;
    }
    if (o.timeoutMs !== undefined) timer = setTimeout(() => end('event loop timed out\n'), o.timeoutMs);
  });
}

/**
 * virsh's count line after the wait: with events, the command succeeds
 * (an empty line follows the count); without, it fails, with `missed`
 * (an object lookup that failed before the wait) or with no error line.
 */
export function eventsReceived(s: CliSession, seen: string[], what: string, missed?: unknown): CommandResult {
  const json = { events: seen, received: seen.length };
  if (seen.length > 0) return { text: `events received: ${seen.length}\n\n`, json };
  if (!s.json) s.io.out('events received: 0\n');
  throw missed !== undefined ? failedBeforeTheCall(missed) : failedWithoutError(`no ${what} event received`);
}
