import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, Logger } from './tokens.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

/** Logs nothing unless VIRTKIT_DEBUG is set, then writes to stderr. */
export function createStderrLogger(enabled = !!process.env.VIRTKIT_DEBUG): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    if (!enabled) return;
    process.stderr.write(`virtkit ${level}: ${message}${fields ? ' ' + JSON.stringify(fields) : ''}\n`);
  };
  return { silent: !enabled, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { silent: true, debug() {}, info() {}, warn() {}, error() {} };
