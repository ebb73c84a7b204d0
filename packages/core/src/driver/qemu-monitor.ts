import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { DomainRef, Unsubscribe } from './types.js';

/**
 * libvirt-qemu's calls (virDomainQemuMonitorCommand,
 * virConnectDomainQemuMonitorEventRegister): a QEMU monitor command passed
 * through as written and QEMU's reply handed back as QEMU wrote it, and
 * QEMU's monitor events as they arrive. For drivers whose domains are QEMU
 * processes; the escape hatch for what the API does not cover. @since 1.4
 */

/** virDomainQemuMonitorCommandFlags: HMP sends a human-monitor command line instead of QMP JSON. */
export const QemuMonitorCommandFlags = { DEFAULT: 0, HMP: 1 << 0 } as const;

/** virConnectDomainQemuMonitorEventRegisterFlags: the event name is a regular expression (REGEX), matched without case (NOCASE). */
export const QemuMonitorEventRegisterFlags = { REGEX: 1 << 0, NOCASE: 1 << 1 } as const;

/** One QEMU monitor event: its name, QEMU's timestamp, and its "data" member as JSON text (absent when QEMU sent none). */
export interface QemuMonitorEvent {
  domain: DomainRef;
  event: string;
  seconds: number;
  micros: number;
  details?: string;
}

export interface QemuMonitorRole {
  /**
   * Sends `cmd` to the domain's monitor: a QMP command object as JSON text
   * (its reply, "return" or "error", comes back as JSON text and is not an
   * error), or with HMP a human-monitor command line (its output text).
   * OPERATION_INVALID when the domain is not running.
   */
  qemuMonitorCommand(dom: DomainRef, cmd: string, flags: number): Promise<string>;
  /** Every monitor event of every running domain. */
  onQemuMonitorEvent(listener: (event: QemuMonitorEvent) => void): Unsubscribe;
}

export const QEMU_MONITOR_ROLE_METHODS: readonly string[] = ['qemuMonitorCommand', 'onQemuMonitorEvent'];

export function hasQemuMonitorRole(c: DriverConnection): c is DriverConnection & QemuMonitorRole {
  return c.features.has(DriverRole.QEMU_MONITOR);
}

/**
 * Whether `event` is one a registration asked for: any event without a
 * name, else the name exactly, or as a regular expression with REGEX (case
 * ignored with NOCASE), as libvirt's qemu monitor event filter matches.
 * INVALID_ARG for a pattern that does not compile is the caller's check.
 */
export function qemuMonitorEventMatcher(name: string | undefined, flags: number): (event: string) => boolean {
  if (name === undefined) return () => true;
  const nocase = (flags & QemuMonitorEventRegisterFlags.NOCASE) !== 0;
  if (flags & QemuMonitorEventRegisterFlags.REGEX) {
    const re = new RegExp(name, nocase ? 'i' : '');
    return (event) => re.test(event);
  }
  return nocase ? (event) => event.toLowerCase() === name.toLowerCase() : (event) => event === name;
}
