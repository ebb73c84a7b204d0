import { QemuMonitorCommandFlags, type DomainRef, type QemuMonitorEvent } from '@virtkit/core';
import type { KvmHost } from './kvm-host.js';
import { requireLive } from './qmp-lifecycle.js';
import type { QmpEvent } from './qmp-client.js';

/**
 * libvirt-qemu on a KVM host: a monitor command goes to the guest's QMP
 * connection as written (HMP through human-monitor-command) and its reply
 * comes back whole. (Every QMP event of every guest goes to the host's
 * monitor event bus, fed by qmp-lifecycle.ts.)
 */
export async function qemuMonitorCommand(host: KvmHost, dom: DomainRef, cmd: string, flags: number): Promise<string> {
  const live = requireLive(host.find(dom));
  if (flags & QemuMonitorCommandFlags.HMP) return live.qmp.execute<string>('human-monitor-command', { 'command-line': cmd });
  return live.qmp.executeRaw(cmd);
}

/** A QMP event as libvirt relays it: its "data" as JSON text, none when QEMU sent none (or an empty object). */
export function qemuMonitorEventOf(domain: DomainRef, e: QmpEvent): QemuMonitorEvent {
  const hasData = e.data !== undefined && Object.keys(e.data).length > 0;
  return { domain, event: e.event, seconds: e.timestamp.seconds, micros: e.timestamp.microseconds, details: hasData ? JSON.stringify(e.data) : undefined };
}
