/**
 * Frames of at most this many bytes (every ordinary call) are charged to the
 * server's budget but never wait for it, so ordinary calls are served while
 * large frames fill it.
 */
export const SMALL_FRAME = 65536;

/**
 * The bytes all clients of one server hold: frames being read, waiting or
 * running, and replies and events the kernel has not taken yet. Incoming
 * frames are admitted only within the limit; replies and events are charged
 * whatever the total (a call that ran must be answered), and a client over
 * its share starts no new call until they are flushed.
 */
export class ServerBudget {
  private used = 0;
  private readonly waiting = new Set<() => void>();

  constructor(readonly limit: number) {}

  /** Charges `n` bytes if they fit. */
  tryCharge(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }

  /** Charges `n` bytes even beyond the limit. */
  charge(n: number): void {
    this.used += n;
  }

  release(n: number): void {
    this.used -= n;
    if (this.waiting.size === 0) return;
    const ws = [...this.waiting];
    this.waiting.clear();
    for (const w of ws) w();
  }

  /** Calls `retry` once, at the next release; returns a function that cancels it. */
  whenReleased(retry: () => void): () => void {
    this.waiting.add(retry);
    return () => this.waiting.delete(retry);
  }
}

/** What a client's budget says about a frame of a given length. */
export type Admission = 'now' | 'later' | 'never';

/**
 * One client's share: its bytes are charged to the server's budget too. The
 * client asks admit() when a frame's length word arrives, before any of the
 * frame is buffered, and releases what it charged when done; close() returns
 * everything still charged, and nothing is charged after it.
 */
export class ClientBudget {
  private used = 0;
  private closed = false;
  private cancelWait: (() => void) | undefined;

  constructor(private readonly server: ServerBudget, readonly limit: number) {}

  get inUse(): number {
    return this.used;
  }

  /**
   * 'now' (charged), 'later' (the frame fits once this client or others
   * release: `retry` is called at the server's next release), or 'never'
   * (larger than this client or the server may ever hold).
   */
  admit(n: number, retry: () => void): Admission {
    if (this.closed) return 'later';
    if (n > this.limit || n > this.server.limit) return 'never';
    if (this.used + n > this.limit) return this.later(retry);
    if (n <= SMALL_FRAME) this.server.charge(n);
    else if (!this.server.tryCharge(n)) return this.later(retry);
    this.used += n;
    return 'now';
  }

  /** Waits for the server's next release: this client's own count only drops through it too. */
  private later(retry: () => void): Admission {
    this.cancelWait?.();
    this.cancelWait = this.server.whenReleased(() => {
      this.cancelWait = undefined;
      retry();
    });
    return 'later';
  }

  /** Charges an outgoing frame, whatever the limits. */
  charge(n: number): void {
    if (this.closed) return;
    this.used += n;
    this.server.charge(n);
  }

  release(n: number): void {
    if (this.closed) return;
    this.used -= n;
    this.server.release(n);
  }

  close(): void {
    if (this.closed) return;
    this.cancelWait?.();
    const n = this.used;
    this.used = 0;
    this.closed = true;
    this.server.release(n);
  }
}
