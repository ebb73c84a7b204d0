import { hasQemuMonitorRole, qemuMonitorCommand } from '@virtkit/core';
import { QemuProcedures } from '../protocol/generated/qemu.js';
import type { DispatchContext, QemuHandlerTable } from './dispatch.js';
import { unsupported } from './libvirt-error.js';

/** The client's connection, once its driver has the QEMU monitor; else libvirtd's NO_SUPPORT naming the call's API. */
function monitored(ctx: DispatchContext, proc: (typeof QemuProcedures)[keyof typeof QemuProcedures]) {
  const conn = ctx.connection();
  if (!hasQemuMonitorRole(conn.live())) throw unsupported(proc);
  return conn;
}

/**
 * The QEMU program (libvirt-qemu.h), for drivers with core's QEMU monitor
 * role: monitor commands and monitor event registrations (their events
 * ride the client's object event callbacks). The agent command, attach and
 * the fd-passing command have no handler: libvirtd's NO_SUPPORT answers them.
 */
export const qemuHandlers: QemuHandlerTable = {
  DOMAIN_MONITOR_COMMAND: async (ctx, a) => {
    const conn = monitored(ctx, QemuProcedures.DOMAIN_MONITOR_COMMAND);
    return { result: await qemuMonitorCommand(conn.domainHandle(a.dom), a.cmd, a.flags) };
  },
  CONNECT_DOMAIN_MONITOR_EVENT_REGISTER: async (ctx, a) => {
    const conn = monitored(ctx, QemuProcedures.CONNECT_DOMAIN_MONITOR_EVENT_REGISTER);
    return { callbackID: ctx.objectEvents.registerQemuMonitor(conn, a.dom?.uuid, a.event, a.flags) };
  },
  CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER: async (ctx, a) => { ctx.objectEvents.deregister('qemu monitor', a.callbackID); },
};
