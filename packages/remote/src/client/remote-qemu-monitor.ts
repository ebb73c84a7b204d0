import { EventBus, type DomainRef, type Logger, type QemuMonitorEvent, type QemuMonitorRole, type Unsubscribe } from '@virtkit/core';
import { QEMU_PROGRAM } from '../protocol/constants.js';
import { QemuEvents } from '../protocol/generated/qemu.js';
import { hyperToNumber } from '../protocol/wire-values.js';
import { decodeWith } from '../xdr/codec.js';
import type { RpcClient } from './rpc-client.js';

/**
 * libvirt-qemu's calls over the QEMU program: monitor commands, and one
 * server-side registration for every monitor event while anyone listens
 * (core filters by domain and event name, as libvirt's client does).
 */
export class RemoteQemuMonitor implements QemuMonitorRole {
  private readonly events: EventBus<QemuMonitorEvent>;
  private registration: Promise<number | undefined> | undefined;

  constructor(private readonly rpc: RpcClient, private readonly logger: Logger) {
    this.events = new EventBus(logger, 'qemu monitor');
    const m = QemuEvents.DOMAIN_MONITOR_EVENT;
    rpc.onMessage(m.proc, (body) => {
      const e = decodeWith(m.msg, body, 'qemu monitor event');
      this.events.emit({ domain: e.dom, event: e.event, seconds: hyperToNumber(e.seconds), micros: e.micros, details: e.details });
    }, QEMU_PROGRAM);
  }

  async qemuMonitorCommand(dom: DomainRef, cmd: string, flags: number): Promise<string> {
    return (await this.rpc.callQemu('DOMAIN_MONITOR_COMMAND', { dom, cmd, flags })).result;
  }

  onQemuMonitorEvent(listener: (event: QemuMonitorEvent) => void): Unsubscribe {
    const off = this.events.subscribe(listener);
    this.registration ??= this.rpc.callQemu('CONNECT_DOMAIN_MONITOR_EVENT_REGISTER', { dom: undefined, event: undefined, flags: 0 }).then((r) => r.callbackID, (e: Error) => {
      this.logger.warn('qemu monitor event registration failed', { error: e.message });
      return undefined;
    });
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off();
      if (this.events.listenerCount > 0 || !this.registration) return;
      const reg = this.registration;
      this.registration = undefined;
      void reg.then((callbackID) => callbackID === undefined ? undefined : this.rpc.callQemu('CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER', { callbackID }))
        .catch((e: Error) => this.logger.debug('qemu monitor event deregistration failed', { error: e.message }));
    };
  }

  /** Resolves when the server-side registration is in place (for callers that must not miss an event). */
  async monitorEventsReady(): Promise<void> {
    await this.registration;
  }
}
