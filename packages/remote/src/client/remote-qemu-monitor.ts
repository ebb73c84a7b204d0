import { type DomainRef, type Logger, type QemuMonitorEvent, type QemuMonitorRole, type Unsubscribe } from '@virtkit/core';
import { QEMU_PROGRAM } from '../protocol/constants.js';
import { QemuEvents } from '../protocol/generated/qemu.js';
import { hyperToNumber } from '../protocol/wire-values.js';
import { decodeWith } from '../xdr/codec.js';
import { ServerCallback } from './remote-object-events.js';
import type { RpcClient } from './rpc-client.js';

/**
 * libvirt-qemu's calls over the QEMU program: monitor commands, and one
 * server-side registration for every monitor event while anyone listens
 * (core filters by domain and event name, as libvirt's client does).
 */
export class RemoteQemuMonitor implements QemuMonitorRole {
  private readonly events: ServerCallback<QemuMonitorEvent>;

  constructor(private readonly rpc: RpcClient, logger: Logger) {
    this.events = new ServerCallback(logger, 'qemu monitor',
      async () => (await rpc.callQemu('CONNECT_DOMAIN_MONITOR_EVENT_REGISTER', { dom: undefined, event: undefined, flags: 0 })).callbackID,
      async (callbackID) => { await rpc.callQemu('CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER', { callbackID }); });
    const m = QemuEvents.DOMAIN_MONITOR_EVENT;
    rpc.onMessage(m.proc, (body) => {
      const e = decodeWith(m.msg, body, 'qemu monitor event');
      this.events.deliver({ domain: e.dom, event: e.event, seconds: hyperToNumber(e.seconds), micros: e.micros, details: e.details });
    }, QEMU_PROGRAM);
  }

  async qemuMonitorCommand(dom: DomainRef, cmd: string, flags: number): Promise<string> {
    return (await this.rpc.callQemu('DOMAIN_MONITOR_COMMAND', { dom, cmd, flags })).result;
  }

  onQemuMonitorEvent(listener: (event: QemuMonitorEvent) => void): Unsubscribe {
    return this.events.subscribe(listener);
  }
}
