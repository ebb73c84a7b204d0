import { hasConsoleRole, hasScreenshotRole, hasSendKeyRole, type DriverConnection } from '@virtkit/core';
import { Proc, type ProcName } from '../protocol/procedures.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';
import { unsupported } from './libvirt-error.js';

/** The client's connection once its driver has the role; without it, NO_SUPPORT naming the procedure's API, as libvirtd answers. */
function gate<C extends DriverConnection>(ctx: DispatchContext, name: ProcName, has: (c: DriverConnection) => c is C): C {
  const c = ctx.connection().live();
  if (!has(c)) throw unsupported(Proc[name]);
  return c;
}

/**
 * Consoles, screenshots and keys. A console is a stream both ways
 * (ServerStreams.duplex); a screenshot's image follows its REPLY (the MIME
 * type) as a download does. send-key goes through core's Domain handle,
 * whose public-API checks (codeset, key count) run on the server as in
 * libvirtd.
 */
export const domainStreamHandlers: HandlerTable = {
  DOMAIN_OPEN_CONSOLE: async (ctx, a, call) => {
    const device = await gate(ctx, 'DOMAIN_OPEN_CONSOLE', hasConsoleRole).openConsole(a.dom, a.dev_name, a.flags);
    ctx.streams.duplex(call, device);
  },
  DOMAIN_SCREENSHOT: async (ctx, a, call) => {
    const { mime, data } = await gate(ctx, 'DOMAIN_SCREENSHOT', hasScreenshotRole).screenshot(a.dom, a.screen, a.flags);
    ctx.streams.send(call, (async function* () { for await (const d of data) yield { kind: 'data' as const, data: d }; })());
    return { mime };
  },
  DOMAIN_SEND_KEY: async (ctx, a) => {
    gate(ctx, 'DOMAIN_SEND_KEY', hasSendKeyRole);
    await ctx.connection().domainHandle(a.dom).sendKey(a.codeset, a.holdtime, a.keycodes, a.flags);
  },
};
