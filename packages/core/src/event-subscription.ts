import type { Unsubscribe } from './driver/types.js';

/**
 * One subscription to a family of events, as an async iterator: events
 * are queued from the moment of subscribing (nothing is lost between two
 * `next()` calls) and handed out in order. It ends — `next()` resolves
 * done, and the listener is removed — when the loop leaves (`break`,
 * `return`, a throw), when `unsubscribe()` is called, when the given
 * AbortSignal fires, or when the connection closes. The queue is not
 * bounded: a consumer that stops reading while events keep coming should
 * end its subscription.
 */
export class EventSubscription<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private off: Unsubscribe | undefined;
  private ended = false;
  private readonly onAbort = () => this.unsubscribe();

  /** `subscribe` registers the listener (Connection's on* methods) and returns its removal. */
  constructor(subscribe: (listener: (event: T) => void) => Unsubscribe, private readonly signal?: AbortSignal) {
    if (signal?.aborted) {
      this.ended = true;
      return;
    }
    this.off = subscribe((e) => this.push(e));
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** True once the subscription has ended. */
  get closed(): boolean {
    return this.ended;
  }

  private push(event: T): void {
    if (this.ended) return;
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      w({ value: event, done: false });
    } else this.queue.push(event);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => { this.waiting = resolve; });
  }

  /** Called by `for await` when the loop leaves early. */
  async return(): Promise<IteratorResult<T>> {
    this.unsubscribe();
    return { value: undefined, done: true };
  }

  /** Removes the listener; events already queued are still handed out, then the iteration ends. */
  unsubscribe(): void {
    if (this.ended) return;
    this.ended = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.off?.();
    this.off = undefined;
    const w = this.waiting;
    this.waiting = undefined;
    w?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** Makes a callback subscription end when `signal` fires (Connection's on* methods with `{ signal }`). */
export function unsubscribeOnAbort(off: Unsubscribe, signal: AbortSignal | undefined): Unsubscribe {
  if (!signal) return off;
  if (signal.aborted) {
    off();
    return () => {};
  }
  const onAbort = () => off();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    off();
  };
}
