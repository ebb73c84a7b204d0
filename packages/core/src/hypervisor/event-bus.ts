import type { Logger } from '../tokens.js';
import type { Unsubscribe } from '../driver/types.js';

/**
 * Delivers a driver's events to its listeners, the way libvirt's
 * virObjectEventState does: an event is queued when it happens and
 * delivered later (after the call that caused it has returned), in the
 * order of emission. Each listener is isolated: one that throws is logged
 * and the others still get the event; the operation that emitted never sees
 * the failure. A listener removed during a delivery gets nothing more, not
 * even the rest of the event being delivered.
 */
export class EventBus<E> {
  private readonly listeners = new Set<(event: E) => void>();
  private readonly queue: E[] = [];
  private scheduled = false;
  private idle: Array<() => void> = [];

  /** what: names the events in log messages, e.g. "lifecycle". */
  constructor(private readonly logger: Logger, private readonly what: string) {}

  subscribe(listener: (event: E) => void): Unsubscribe {
    const own = (e: E) => listener(e);
    this.listeners.add(own);
    return () => { this.listeners.delete(own); };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Queues `event`; never calls a listener before returning. */
  emit(event: E): void {
    this.queue.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  /** Resolves once every event emitted before the call has been delivered. */
  flushed(): Promise<void> {
    if (!this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Drops every listener and every queued event. */
  clear(): void {
    this.listeners.clear();
    this.queue.length = 0;
  }

  private drain(): void {
    for (let e = this.queue.shift(); e !== undefined; e = this.queue.shift()) {
      for (const l of [...this.listeners]) {
        if (!this.listeners.has(l)) continue;
        try {
          l(e);
        } catch (err) {
          this.logger.warn(`a ${this.what} event listener failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    this.scheduled = false;
    const idle = this.idle;
    this.idle = [];
    for (const r of idle) r();
  }
}
