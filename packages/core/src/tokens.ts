/**
 * Injection tokens. Each token has the name of the interface it stands for
 * (one name, two meanings: a value and a type), so `@inject(Clock) clock: Clock`.
 */

/**
 * A token for services of type T: a global symbol (so two copies of a
 * package agree on it) that remembers T, so resolveToken() returns a T.
 */
export type Token<T> = symbol & { readonly __service?: T };

export function createToken<T>(name: string): Token<T> {
  return Symbol.for(`virtkit:${name}`) as Token<T>;
}

/** container.resolve with the token's type. */
export function resolveToken<T>(container: { resolve(token: symbol): unknown }, token: Token<T>): T {
  return container.resolve(token) as T;
}

/** Wall and monotonic time, swapped in tests. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Monotonic milliseconds. */
  monotonic(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
export const Clock = createToken<Clock>('Clock');

export interface Logger {
  /** True when every message is dropped, so work done only for a log line may be skipped. Default false. */
  readonly silent?: boolean;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
export const Logger = createToken<Logger>('Logger');

/** The URI used when none is given (virsh's LIBVIRT_DEFAULT_URI). */
export const DefaultUri = createToken<string>('DefaultUri');
