import type { Clock } from '@virtkit/core';

export interface AuthThrottleOptions {
  /** Delay after the first failure, doubled with each further one. Default 1000 ms. */
  baseDelayMs?: number;
  /** Longest delay. Default 30000 ms. */
  maxDelayMs?: number;
  /** A key whose last failure is this old starts again from zero. Default 15 minutes. */
  forgetAfterMs?: number;
  /** Attempts that may wait for one key; more are refused at once. Default 8. */
  maxWaiting?: number;
  /** Keys remembered at most (the oldest are forgotten first). Default 10000. */
  maxKeys?: number;
}

interface Entry {
  failures: number;
  lastFailure: number;
  /** The attempt in progress (and its penalty), which the next one waits for. */
  tail: Promise<void>;
  waiting: number;
}

/** An attempt refused without being tried: too many are waiting for the same key. */
export class ThrottleBusy extends Error {}

/**
 * Slows down password guessing (libvirtd has no such limit). Attempts for
 * one key (the user name) run one after another; a failed attempt holds
 * the key for its penalty, 1 s, 2 s, 4 s … up to 30 s, and its failure is
 * reported only after it. A success clears the count. Other keys and other
 * clients are not held up: waiting is an asynchronous sleep on the clock.
 */
export class AuthThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly o: Required<AuthThrottleOptions>;

  constructor(private readonly clock: Clock, options: AuthThrottleOptions = {}) {
    this.o = { baseDelayMs: 1000, maxDelayMs: 30000, forgetAfterMs: 15 * 60_000, maxWaiting: 8, maxKeys: 10000, ...options };
  }

  /** The penalty after the n-th consecutive failure. */
  delayAfter(failures: number): number {
    return failures <= 0 ? 0 : Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (failures - 1));
  }

  /** Consecutive failures counted for a key. */
  failures(key: string): number {
    return this.entry(key, false)?.failures ?? 0;
  }

  /**
   * Runs `attempt` once the attempts before it for `key` are done. It
   * fails by throwing; the throw reaches the caller after the penalty.
   */
  async run<T>(key: string, attempt: () => T | Promise<T>): Promise<T> {
    const e = this.entry(key, true)!;
    if (e.waiting >= this.o.maxWaiting) throw new ThrottleBusy(`too many authentication attempts waiting for '${key}'`);
    e.waiting++;
    const before = e.tail;
    let release!: () => void;
    e.tail = new Promise<void>((r) => (release = r));
    try {
      await before;
      try {
        const result = await attempt();
        e.failures = 0;
        return result;
      } catch (err) {
        e.failures++;
        e.lastFailure = this.clock.monotonic();
        await this.clock.sleep(this.delayAfter(e.failures));
        throw err;
      }
    } finally {
      e.waiting--;
      release();
      if (e.waiting === 0 && e.failures === 0) this.entries.delete(key);
    }
  }

  private entry(key: string, create: boolean): Entry | undefined {
    let e = this.entries.get(key);
    if (e && e.waiting === 0 && this.clock.monotonic() - e.lastFailure > this.o.forgetAfterMs) {
      this.entries.delete(key);
      e = undefined;
    }
    if (!e && create) {
      if (this.entries.size >= this.o.maxKeys) {
        for (const [k, v] of this.entries) {
          if (v.waiting === 0) {
            this.entries.delete(k);
            break;
          }
        }
      }
      e = { failures: 0, lastFailure: 0, tail: Promise.resolve(), waiting: 0 };
      this.entries.set(key, e);
    }
    return e;
  }
}
