import {
  DefinedDetail, DomainEventType, DomainState, EventBus, ResumedDetail, StartedDetail, StoppedDetail, SuspendedDetail, UndefinedDetail,
  type ConnectionServices, type DomainLifecycleEvent, type DomainRef, type Unsubscribe,
} from '@virtkit/core';
import { domainStateFromSexpr } from './domain-state.js';
import type { Sexpr } from './sexpr/index.js';

interface Seen {
  ref: DomainRef;
  state: DomainState;
}

/** How a domain this connection stopped went away, for the STOPPED event's detail. */
export type StopReason = StoppedDetail.SHUTDOWN | StoppedDetail.DESTROYED | StoppedDetail.SAVED | StoppedDetail.MIGRATED;

/**
 * Lifecycle events for xend, which has no event channel libvirt could use
 * over HTTP: the domain list is compared with the previous one after each
 * state change made through this connection, and every `intervalMs` (on the
 * injected clock) for changes made elsewhere. Runs only while someone
 * listens. Delivery is core's EventBus: events reach listeners after the
 * comparison that found them, in order, and a failing listener is logged
 * and harms nobody.
 */
export class XenEvents {
  private readonly bus: EventBus<DomainLifecycleEvent>;
  private known?: Map<string, Seen>;
  private poll?: AbortController;
  private queue: Promise<void> = Promise.resolve();
  private readonly stopReasons = new Map<string, StopReason>();

  constructor(
    private readonly listAll: () => Promise<Sexpr[]>,
    private readonly describeRef: (desc: Sexpr) => DomainRef,
    private readonly services: ConnectionServices,
    private readonly intervalMs = 500,
  ) {
    this.bus = new EventBus(services.logger, 'lifecycle');
  }

  subscribe(listener: (e: DomainLifecycleEvent) => void): Unsubscribe {
    const off = this.bus.subscribe(listener);
    if (this.bus.listenerCount === 1) this.startPolling();
    return () => {
      off();
      if (this.bus.listenerCount === 0) this.stop();
    };
  }

  /** Stops the poll and drops every listener and undelivered event. */
  stop(): void {
    this.poll?.abort();
    this.poll = undefined;
    this.bus.clear();
    this.known = undefined;
  }

  /** A first comparison (the baseline), then one every intervalMs until stop(). */
  private startPolling(): void {
    this.known = undefined;
    const poll = new AbortController();
    this.poll = poll;
    void this.refresh();
    void (async () => {
      while (!poll.signal.aborted) {
        try {
          await this.services.clock.sleep(this.intervalMs, poll.signal);
        } catch {
          return;
        }
        await this.refresh();
      }
    })();
  }

  /**
   * Records how a domain this connection is about to stop will go away.
   * Called before the request is sent, so a poll that sees the domain gone
   * while a long request is still outstanding reports the right detail.
   */
  expectStop(uuid: string, reason: StopReason): void {
    this.stopReasons.set(uuid, reason);
  }

  /** Forgets an expected stop that did not happen (the request failed, or nobody saw it). */
  forgetStop(uuid: string): void {
    this.stopReasons.delete(uuid);
  }

  /**
   * Called after this connection changed a domain; resolves once its events
   * are queued for delivery. `snapshot` is a domain list the caller fetched
   * after the change, compared instead of listing again.
   */
  async changed(snapshot?: Sexpr[]): Promise<void> {
    if (this.bus.listenerCount === 0) return;
    await this.refresh(snapshot);
  }

  /**
   * Resolves when the comparisons asked for so far are done. A change waits
   * for this first, so a listener's first snapshot never already holds it.
   */
  settled(): Promise<void> {
    return this.queue;
  }

  /** One comparison at a time, in order. */
  private refresh(snapshot?: Sexpr[]): Promise<void> {
    this.queue = this.queue.then(() => this.compare(snapshot)).catch((e) => this.services.logger.debug('xend event poll failed', { error: String(e) }));
    return this.queue;
  }

  private async compare(snapshot?: Sexpr[]): Promise<void> {
    if (this.bus.listenerCount === 0) return;
    const now = new Map<string, Seen>();
    for (const desc of snapshot ?? await this.listAll()) {
      const ref = this.describeRef(desc);
      now.set(ref.uuid, { ref, state: domainStateFromSexpr(desc) });
    }
    const before = this.known;
    this.known = now;
    if (!before) return;
    const emit = (domain: DomainRef, event: DomainEventType, detail: number) => this.bus.emit({ domain, event, detail });
    for (const [uuid, cur] of now) {
      const prev = before.get(uuid);
      const active = cur.ref.id >= 0;
      if (!prev) {
        if (active) emit(cur.ref, DomainEventType.STARTED, StartedDetail.BOOTED);
        else emit(cur.ref, DomainEventType.DEFINED, DefinedDetail.ADDED);
        if (cur.state === DomainState.PAUSED) emit(cur.ref, DomainEventType.SUSPENDED, SuspendedDetail.PAUSED);
        continue;
      }
      const wasActive = prev.ref.id >= 0;
      if (!wasActive && active) {
        emit(cur.ref, DomainEventType.STARTED, StartedDetail.BOOTED);
        if (cur.state === DomainState.PAUSED) emit(cur.ref, DomainEventType.SUSPENDED, SuspendedDetail.PAUSED);
      } else if (wasActive && !active) {
        emit(cur.ref, DomainEventType.STOPPED, this.takeStopReason(uuid));
      } else if (active && prev.state !== DomainState.PAUSED && cur.state === DomainState.PAUSED) {
        emit(cur.ref, DomainEventType.SUSPENDED, SuspendedDetail.PAUSED);
      } else if (active && prev.state === DomainState.PAUSED && cur.state !== DomainState.PAUSED) {
        emit(cur.ref, DomainEventType.RESUMED, ResumedDetail.UNPAUSED);
      }
    }
    for (const [uuid, prev] of before) {
      if (now.has(uuid)) continue;
      const gone = { ...prev.ref, id: -1 };
      if (prev.ref.id >= 0) emit(gone, DomainEventType.STOPPED, this.takeStopReason(uuid));
      else emit(gone, DomainEventType.UNDEFINED, UndefinedDetail.REMOVED);
    }
  }

  private takeStopReason(uuid: string): StopReason {
    const r = this.stopReasons.get(uuid) ?? StoppedDetail.SHUTDOWN;
    this.stopReasons.delete(uuid);
    return r;
  }
}
