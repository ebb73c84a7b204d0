import {
  AgentLifecycleReason, AgentLifecycleState, DomainEventId, IoErrorAction, MemoryFailureAction, MemoryFailureFlags, MemoryFailureRecipient,
  TrayChangeReason, WatchdogAction, type DomainDef, type DomainEvent, type DomainRef,
} from '@virtkit/core';
import type { QmpEvent } from './qmp-client.js';

/**
 * QEMU's monitor events that become libvirt domain events (other than
 * lifecycle changes, which qmp-lifecycle.ts derives), as libvirt's
 * qemuProcessHandle* do. Pure: what QEMU said and the live definition in,
 * the events out; a disk named only by its block node is resolved by the
 * caller (see ioErrorEvents).
 */

const WATCHDOG_ACTIONS: Record<string, WatchdogAction> = {
  none: WatchdogAction.NONE, pause: WatchdogAction.PAUSE, reset: WatchdogAction.RESET, poweroff: WatchdogAction.POWEROFF,
  shutdown: WatchdogAction.SHUTDOWN, debug: WatchdogAction.DEBUG, 'inject-nmi': WatchdogAction.INJECTNMI,
};

/** BLOCK_IO_ERROR's action: QEMU stops the guest ("stop"), reports the error to it, or ignores it. */
const IO_ERROR_ACTIONS: Record<string, IoErrorAction> = { stop: IoErrorAction.PAUSE, report: IoErrorAction.REPORT, ignore: IoErrorAction.NONE };

const MEMORY_FAILURE_RECIPIENTS: Record<string, MemoryFailureRecipient> = { hypervisor: MemoryFailureRecipient.HYPERVISOR, guest: MemoryFailureRecipient.GUEST };
const MEMORY_FAILURE_ACTIONS: Record<string, MemoryFailureAction> = {
  ignore: MemoryFailureAction.IGNORE, inject: MemoryFailureAction.INJECT, fatal: MemoryFailureAction.FATAL, reset: MemoryFailureAction.RESET,
};

/** The guest agent's virtio-serial port name. */
const AGENT_CHANNEL = 'org.qemu.guest_agent.0';

/** A device id from QEMU: the id itself, or the last named part of a QOM path ("/machine/peripheral/ide0-1-0"). */
export function deviceAlias(id: string): string {
  const m = /^\/machine\/peripheral\/([^/]+)/.exec(id);
  return m ? m[1] : id;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The domain events one QMP event means; none for events libvirt does not turn into one. */
export function domainEventsOfQmp(e: QmpEvent, domain: DomainRef, def: DomainDef): DomainEvent[] {
  const d = e.data ?? {};
  switch (e.event) {
    case 'RTC_CHANGE': {
      const offset = num(d.offset);
      return offset === undefined ? [] : [{ id: DomainEventId.RTC_CHANGE, domain, offset }];
    }
    case 'WATCHDOG': {
      const action = WATCHDOG_ACTIONS[str(d.action) ?? ''];
      return action === undefined ? [] : [{ id: DomainEventId.WATCHDOG, domain, action }];
    }
    case 'DEVICE_TRAY_MOVED': {
      const id = str(d.id) || str(d.device);
      if (!id) return [];
      return [{ id: DomainEventId.TRAY_CHANGE, domain, devAlias: deviceAlias(id), reason: d['tray-open'] === true ? TrayChangeReason.OPEN : TrayChangeReason.CLOSE }];
    }
    case 'BALLOON_CHANGE': {
      const actual = num(d.actual);
      // QEMU counts bytes, libvirt KiB.
      return actual === undefined ? [] : [{ id: DomainEventId.BALLOON_CHANGE, domain, actual: Math.floor(actual / 1024) }];
    }
    case 'SUSPEND': return [{ id: DomainEventId.PMSUSPEND, domain, reason: 0 }];
    case 'SUSPEND_DISK': return [{ id: DomainEventId.PMSUSPEND_DISK, domain, reason: 0 }];
    case 'WAKEUP': return [{ id: DomainEventId.PMWAKEUP, domain, reason: 0 }];
    case 'MIGRATION_PASS': {
      const pass = num(d.pass);
      return pass === undefined ? [] : [{ id: DomainEventId.MIGRATION_ITERATION, domain, iteration: pass }];
    }
    case 'DEVICE_UNPLUG_GUEST_ERROR': {
      const id = str(d.device) || str(d.path);
      return id ? [{ id: DomainEventId.DEVICE_REMOVAL_FAILED, domain, devAlias: deviceAlias(id) }] : [];
    }
    case 'MEMORY_FAILURE': {
      const recipient = MEMORY_FAILURE_RECIPIENTS[str(d.recipient) ?? ''];
      const action = MEMORY_FAILURE_ACTIONS[str(d.action) ?? ''];
      if (recipient === undefined || action === undefined) return [];
      const f = (d.flags ?? {}) as Record<string, unknown>;
      const flags = (f['action-required'] === true ? MemoryFailureFlags.ACTION_REQUIRED : 0) | (f.recursive === true ? MemoryFailureFlags.RECURSIVE : 0);
      return [{ id: DomainEventId.MEMORY_FAILURE, domain, recipient, action, flags }];
    }
    case 'MEMORY_DEVICE_SIZE_CHANGE': {
      const id = str(d.id);
      const size = num(d.size);
      return id === undefined || size === undefined ? [] : [{ id: DomainEventId.MEMORY_DEVICE_SIZE_CHANGE, domain, alias: id, size: Math.floor(size / 1024) }];
    }
    case 'VSERPORT_CHANGE': {
      // Only the guest agent's channel has a lifecycle event.
      // The port's device id is channel<i>, by its place among the channels (chardev-args.ts).
      const m = /^channel(\d+)$/.exec(str(d.id) ?? '');
      const channel = m ? def.devices.channels[Number(m[1])] : undefined;
      if (!channel || channel.target?.name !== AGENT_CHANNEL) return [];
      return [{
        id: DomainEventId.AGENT_LIFECYCLE, domain,
        state: d.open === true ? AgentLifecycleState.CONNECTED : AgentLifecycleState.DISCONNECTED, reason: AgentLifecycleReason.CHANNEL,
      }];
    }
    default:
      return [];
  }
}

/** The disk a BLOCK_IO_ERROR names, as the caller resolved it (from the block node or device QEMU gave). */
export interface IoErrorDisk {
  /** The disk's source path ("" when it has none, as for a network disk). */
  srcPath: string;
  /** The disk's device alias ("virtio-disk0"). */
  devAlias: string;
}

/**
 * BLOCK_IO_ERROR as libvirt reports it: IO_ERROR and IO_ERROR_REASON, the
 * reason "enospc" when QEMU says the host ran out of space and "" otherwise
 * (qemuMonitorJSONHandleIOError). `pauses` says whether QEMU stops the guest
 * for it (the coming STOP is an I/O error pause).
 */
export function ioErrorEvents(e: QmpEvent, domain: DomainRef, disk: IoErrorDisk): { events: DomainEvent[]; pauses: boolean } {
  const action = IO_ERROR_ACTIONS[str(e.data.action) ?? ''] ?? IoErrorAction.NONE;
  const reason = e.data.nospace === true ? 'enospc' : '';
  return {
    events: [
      { id: DomainEventId.IO_ERROR, domain, srcPath: disk.srcPath, devAlias: disk.devAlias, action },
      { id: DomainEventId.IO_ERROR_REASON, domain, srcPath: disk.srcPath, devAlias: disk.devAlias, action, reason },
    ],
    pauses: action === IoErrorAction.PAUSE,
  };
}

interface QueryBlockEntry { device?: string; qdev?: string; inserted?: { 'node-name'?: string; file?: string } }

/**
 * The disk a BLOCK_IO_ERROR names, from query-block: QEMU names the disk
 * by its top block node ("node-name") under -blockdev, or by its device.
 * Undefined when no disk matches (it was unplugged meanwhile).
 */
export async function ioErrorDisk(qmp: { execute<T>(cmd: string, args?: Record<string, unknown>): Promise<T> }, e: QmpEvent): Promise<IoErrorDisk | undefined> {
  const node = str(e.data['node-name']);
  const device = str(e.data.device);
  const entries = await qmp.execute<QueryBlockEntry[]>('query-block');
  const hit = entries.find((b) => (node && b.inserted?.['node-name'] === node) || (device && (b.device === device || b.qdev === device)));
  if (!hit?.qdev) return undefined;
  return { srcPath: hit.inserted?.file ?? '', devAlias: deviceAlias(hit.qdev) };
}
