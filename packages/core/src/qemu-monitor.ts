import type { Connection } from './connection.js';
import { Domain } from './domain.js';
import type { Unsubscribe } from './driver/types.js';
import {
  QemuMonitorCommandFlags, QemuMonitorEventRegisterFlags, hasQemuMonitorRole, qemuMonitorEventMatcher, type QemuMonitorEvent,
} from './driver/qemu-monitor.js';
import { ErrorCode, ErrorDomain, errorReporter } from './errors.js';
import { allFlags, checkFlags } from './flags.js';

/**
 * libvirt-qemu's public API (libvirt-qemu.h), kept apart from Domain and
 * Connection as libvirt keeps it in its own library: what it does is
 * outside libvirt's guarantees, since a monitor command can change the
 * guest behind the driver's back.
 */

const fail = errorReporter(ErrorDomain.NONE);

/** virDomainQemuMonitorCommand: QMP JSON (or an HMP line with QemuMonitorCommandFlags.HMP) to the running domain's monitor; QEMU's reply as text. */
export async function qemuMonitorCommand(dom: Domain, cmd: string, flags = 0): Promise<string> {
  checkFlags(flags, allFlags(QemuMonitorCommandFlags), 'virDomainQemuMonitorCommand');
  const c = dom.connection.writable();
  if (!hasQemuMonitorRole(c)) throw dom.connection.noSupport('virDomainQemuMonitorCommand');
  return c.qemuMonitorCommand(dom.driverRef, cmd, flags);
}

/** A monitor event as virConnectDomainQemuMonitorEventRegister's callback gets it. */
export type PublicQemuMonitorEvent = Omit<QemuMonitorEvent, 'domain'> & { domain: Domain };

/**
 * virConnectDomainQemuMonitorEventRegister: QEMU's monitor events, of one
 * domain or all, of one event name or all (a regular expression with
 * QemuMonitorEventRegisterFlags.REGEX, without case with NOCASE).
 */
export function onQemuMonitorEvent(
  conn: Connection,
  listener: (event: PublicQemuMonitorEvent) => void,
  filter: { domain?: Domain; event?: string; flags?: number } = {},
): Unsubscribe {
  const flags = filter.flags ?? 0;
  checkFlags(flags, allFlags(QemuMonitorEventRegisterFlags), 'virConnectDomainQemuMonitorEventRegister');
  let matches: (event: string) => boolean;
  try {
    matches = qemuMonitorEventMatcher(filter.event, flags);
  } catch (e) {
    throw fail(ErrorCode.INVALID_ARG, `failed to compile regex '${filter.event}': ${(e as Error).message}`);
  }
  const c = conn.live();
  if (!hasQemuMonitorRole(c)) throw conn.noSupport('virConnectDomainQemuMonitorEventRegister');
  return c.onQemuMonitorEvent((e) => {
    if (filter.domain && filter.domain.uuid !== e.domain.uuid) return;
    if (!matches(e.event)) return;
    listener({ ...e, domain: new Domain(conn, e.domain) });
  });
}
