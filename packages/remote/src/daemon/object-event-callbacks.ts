import { ErrorCode, onQemuMonitorEvent, type Connection, type Logger, type Unsubscribe } from '@virtkit/core';
import { QEMU_PROGRAM, QEMU_PROTOCOL_VERSION } from '../protocol/constants.js';
import { QemuEvents } from '../protocol/generated/qemu.js';
import { numberToHyper } from '../protocol/wire-values.js';
import { rpcFail } from '../errors.js';
import { EventMsg } from '../protocol/procedures.js';
import { encodeWith } from '../xdr/codec.js';

/** virNetworkEventID (libvirt 9.0 has LIFECYCLE only) and virStoragePoolEventID. */
export const NetworkEventId = { LIFECYCLE: 0 } as const;
export const StoragePoolEventId = { LIFECYCLE: 0, REFRESH: 1 } as const;

export type ObjectEventFamily = 'network' | 'storage pool' | 'qemu monitor';

/** Sends one MESSAGE; `program` for another program than REMOTE (the QEMU program's monitor events). */
type Send = (proc: number, body: Buffer, program?: { prog: number; vers: number }) => void;

/**
 * One client's network and storage pool event callbacks
 * (virConnectNetworkEventRegisterAny, virConnectStoragePoolEventRegisterAny):
 * each registration is its own subscription on the client's connection,
 * optionally of one object (by UUID), under a callback id this client's
 * registrations share; every event goes out as the family's MESSAGE
 * carrying that id. They all end with the connection (clear).
 */
export class ObjectEventCallbacks {
  private readonly callbacks = new Map<number, { family: ObjectEventFamily; off: Unsubscribe }>();
  private nextId = 1;

  constructor(private readonly send: Send, private readonly logger: Logger) {}

  /** Connection's NO_SUPPORT when the driver has no network events; libvirtd's INTERNAL_ERROR for an id libvirt 9.0 does not define. */
  registerNetwork(conn: Connection, eventID: number, uuid: string | undefined): number {
    if (eventID !== NetworkEventId.LIFECYCLE) throw rpcFail(ErrorCode.INTERNAL_ERROR, `unsupported network event ID ${eventID}`);
    const id = this.nextId;
    const off = conn.onNetworkLifecycle((e) => {
      if (uuid !== undefined && e.network.uuid !== uuid) return;
      const m = EventMsg.NETWORK_EVENT_LIFECYCLE;
      this.emit(m.proc, () => encodeWith(m.msg, { callbackID: id, net: e.network.driverRef, event: e.event, detail: e.detail }));
    });
    return this.keep('network', off);
  }

  registerStoragePool(conn: Connection, eventID: number, uuid: string | undefined): number {
    const id = this.nextId;
    const mine = (poolUuid: string) => uuid === undefined || poolUuid === uuid;
    let off: Unsubscribe;
    if (eventID === StoragePoolEventId.LIFECYCLE) {
      off = conn.onStoragePoolLifecycle((e) => {
        if (!mine(e.pool.uuid)) return;
        const m = EventMsg.STORAGE_POOL_EVENT_LIFECYCLE;
        this.emit(m.proc, () => encodeWith(m.msg, { callbackID: id, pool: e.pool.driverRef, event: e.event, detail: e.detail }));
      });
    } else if (eventID === StoragePoolEventId.REFRESH) {
      off = conn.onStoragePoolRefresh((e) => {
        if (!mine(e.pool.uuid)) return;
        const m = EventMsg.STORAGE_POOL_EVENT_REFRESH;
        this.emit(m.proc, () => encodeWith(m.msg, { callbackID: id, pool: e.pool.driverRef }));
      });
    } else {
      throw rpcFail(ErrorCode.INTERNAL_ERROR, `unsupported storage pool event ID ${eventID}`);
    }
    return this.keep('storage pool', off);
  }

  /**
   * virConnectDomainQemuMonitorEventRegister: QEMU's monitor events of one
   * domain (by UUID) or all, of one event name or all (regex and case as
   * `flags` say), as the QEMU program's DOMAIN_MONITOR_EVENT. Connection's
   * NO_SUPPORT when the driver has no monitor.
   */
  registerQemuMonitor(conn: Connection, uuid: string | undefined, event: string | undefined, flags: number): number {
    const id = this.nextId;
    const m = QemuEvents.DOMAIN_MONITOR_EVENT;
    const off = onQemuMonitorEvent(conn, (e) => {
      if (uuid !== undefined && e.domain.uuid !== uuid) return;
      this.emit(m.proc, () => encodeWith(m.msg, {
        callbackID: id, dom: e.domain.driverRef, event: e.event, seconds: numberToHyper(e.seconds), micros: e.micros, details: e.details,
      }), { prog: QEMU_PROGRAM, vers: QEMU_PROTOCOL_VERSION });
    }, { event, flags });
    return this.keep('qemu monitor', off);
  }

  /** libvirtd's INTERNAL_ERROR for an id it never gave to this family. */
  deregister(family: ObjectEventFamily, callbackID: number): void {
    const cb = this.callbacks.get(callbackID);
    if (!cb || cb.family !== family) throw rpcFail(ErrorCode.INTERNAL_ERROR, `${family} event callback ${callbackID} not registered`);
    this.callbacks.delete(callbackID);
    cb.off();
  }

  clear(): void {
    for (const cb of this.callbacks.values()) cb.off();
    this.callbacks.clear();
  }

  private keep(family: ObjectEventFamily, off: Unsubscribe): number {
    const id = this.nextId++;
    this.callbacks.set(id, { family, off });
    return id;
  }

  /** Sends one event; what goes wrong stays with this client (the host calls listeners from other clients' operations). */
  private emit(proc: number, body: () => Buffer, program?: { prog: number; vers: number }): void {
    try {
      this.send(proc, body(), program);
    } catch (err) {
      this.logger.warn('could not forward an object event to a client', { error: (err as Error).message });
    }
  }
}
