/**
 * Injection tokens. Each token has the name of the interface it stands for
 * (one name, two meanings: a value and a type), so `@inject(Clock) clock: Clock`.
 */

/** Wall and monotonic time, swapped in tests. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Monotonic milliseconds. */
  monotonic(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
export const Clock = Symbol.for('virtkit:Clock');

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
export const Logger = Symbol.for('virtkit:Logger');

/** The URI used when none is given (virsh's LIBVIRT_DEFAULT_URI). */
export const DefaultUri = Symbol.for('virtkit:DefaultUri');
