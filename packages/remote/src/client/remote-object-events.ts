import {
  EventBus, type Logger, type NetworkEventRole, type NetworkLifecycleEvent, type StoragePoolEventRole, type StoragePoolLifecycleEvent,
  type StoragePoolRefreshEvent, type Unsubscribe,
} from '@virtkit/core';
import { EventMsg } from '../protocol/procedures.js';
import { decodeWith } from '../xdr/codec.js';
import type { RpcClient } from './rpc-client.js';

/** virNetworkEventID and virStoragePoolEventID. */
const NETWORK_LIFECYCLE = 0;
const POOL_LIFECYCLE = 0;
const POOL_REFRESH = 1;

/**
 * One event kind of this connection: one server-side callback
 * (…_EVENT_REGISTER_ANY, of every object) registered for the first
 * listener and deregistered with the last; its MESSAGEs go to the
 * listeners after the frame that carried them has been read.
 */
export class ServerCallback<E> {
  private readonly bus: EventBus<E>;
  private registration: Promise<number | undefined> | undefined;

  constructor(
    private readonly logger: Logger,
    what: string,
    private readonly register: () => Promise<number>,
    private readonly deregister: (callbackID: number) => Promise<void>,
  ) {
    this.bus = new EventBus(logger, what);
  }

  /** A MESSAGE of this kind; while a registration stands (or is on its way), it is ours. */
  deliver(event: E): void {
    if (this.registration) this.bus.emit(event);
  }

  subscribe(listener: (event: E) => void): Unsubscribe {
    const off = this.bus.subscribe(listener);
    this.registration ??= this.register().catch((e) => {
      this.logger.warn('event registration failed', { error: (e as Error).message });
      return undefined;
    });
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off();
      if (this.bus.listenerCount > 0 || !this.registration) return;
      const reg = this.registration;
      this.registration = undefined;
      reg.then((id) => (id === undefined ? undefined : this.deregister(id)))
        .catch((e) => this.logger.debug('event deregistration failed', { error: (e as Error).message }));
    };
  }
}

/**
 * The NetworkEventRole and StoragePoolEventRole as REMOTE event callbacks
 * (CONNECT_NETWORK_EVENT_REGISTER_ANY, CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY
 * and their MESSAGEs).
 */
export class RemoteObjectEvents implements NetworkEventRole, StoragePoolEventRole {
  private readonly networks: ServerCallback<NetworkLifecycleEvent>;
  private readonly pools: ServerCallback<StoragePoolLifecycleEvent>;
  private readonly refreshes: ServerCallback<StoragePoolRefreshEvent>;

  constructor(rpc: RpcClient, logger: Logger) {
    const poolCallback = <E>(what: string, eventID: number) => new ServerCallback<E>(logger, what,
      async () => (await rpc.call('CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', { eventID, pool: undefined })).callbackID,
      async (callbackID) => { await rpc.call('CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY', { callbackID }); });
    this.networks = new ServerCallback(logger, 'network',
      async () => (await rpc.call('CONNECT_NETWORK_EVENT_REGISTER_ANY', { eventID: NETWORK_LIFECYCLE, net: undefined })).callbackID,
      async (callbackID) => { await rpc.call('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', { callbackID }); });
    this.pools = poolCallback('storage pool', POOL_LIFECYCLE);
    this.refreshes = poolCallback('storage pool refresh', POOL_REFRESH);
    rpc.onMessage(EventMsg.NETWORK_EVENT_LIFECYCLE.proc, (body) => {
      const m = decodeWith(EventMsg.NETWORK_EVENT_LIFECYCLE.msg, body, 'network event');
      this.networks.deliver({ network: m.net, event: m.event, detail: m.detail });
    });
    rpc.onMessage(EventMsg.STORAGE_POOL_EVENT_LIFECYCLE.proc, (body) => {
      const m = decodeWith(EventMsg.STORAGE_POOL_EVENT_LIFECYCLE.msg, body, 'storage pool event');
      this.pools.deliver({ pool: m.pool, event: m.event, detail: m.detail });
    });
    rpc.onMessage(EventMsg.STORAGE_POOL_EVENT_REFRESH.proc, (body) => {
      this.refreshes.deliver({ pool: decodeWith(EventMsg.STORAGE_POOL_EVENT_REFRESH.msg, body, 'storage pool event').pool });
    });
  }

  onNetworkLifecycle(listener: (event: NetworkLifecycleEvent) => void): Unsubscribe { return this.networks.subscribe(listener); }
  onStoragePoolLifecycle(listener: (event: StoragePoolLifecycleEvent) => void): Unsubscribe { return this.pools.subscribe(listener); }
  onStoragePoolRefresh(listener: (event: StoragePoolRefreshEvent) => void): Unsubscribe { return this.refreshes.subscribe(listener); }
}
