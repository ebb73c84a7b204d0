import type { NetworkEventType, NetworkLifecycleEvent, NetworkRef } from '../driver/network.js';
import type { StoragePoolEventType, StoragePoolLifecycleEvent, StoragePoolRef, StoragePoolRefreshEvent } from '../driver/storage.js';
import type { Unsubscribe } from '../driver/types.js';
import type { Logger } from '../tokens.js';
import { EventBus } from './event-bus.js';

type ObjectEvent =
  | { kind: 'network'; event: NetworkLifecycleEvent }
  | { kind: 'pool'; event: StoragePoolLifecycleEvent }
  | { kind: 'refresh'; event: StoragePoolRefreshEvent };

/**
 * One host's network and storage pool events (libvirt's virObjectEventState
 * of its network and storage drivers): one queue, so listeners of
 * different kinds see them in the order they happened, with libvirt's
 * detail 0. The drivers emit, their connections subscribe.
 */
export class HostObjectEvents {
  private readonly bus: EventBus<ObjectEvent>;

  constructor(logger: Logger) {
    this.bus = new EventBus(logger, 'network or storage pool');
  }

  network(net: NetworkRef, event: NetworkEventType): void {
    this.bus.emit({ kind: 'network', event: { network: { name: net.name, uuid: net.uuid }, event, detail: 0 } });
  }

  pool(pool: StoragePoolRef, event: StoragePoolEventType): void {
    this.bus.emit({ kind: 'pool', event: { pool: { name: pool.name, uuid: pool.uuid }, event, detail: 0 } });
  }

  refreshed(pool: StoragePoolRef): void {
    this.bus.emit({ kind: 'refresh', event: { pool: { name: pool.name, uuid: pool.uuid } } });
  }

  onNetworkLifecycle(listener: (event: NetworkLifecycleEvent) => void): Unsubscribe {
    return this.bus.subscribe((e) => { if (e.kind === 'network') listener(e.event); });
  }

  onPoolLifecycle(listener: (event: StoragePoolLifecycleEvent) => void): Unsubscribe {
    return this.bus.subscribe((e) => { if (e.kind === 'pool') listener(e.event); });
  }

  onPoolRefresh(listener: (event: StoragePoolRefreshEvent) => void): Unsubscribe {
    return this.bus.subscribe((e) => { if (e.kind === 'refresh') listener(e.event); });
  }

  /** Drops every listener and every queued event. */
  clear(): void {
    this.bus.clear();
  }
}
