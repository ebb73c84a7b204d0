import type { DriverConnection } from '@virtkit/core';
import { Proc, type ProcName } from '../protocol/procedures.js';
import { unsupported } from './libvirt-error.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';

type AnyHandler = (ctx: DispatchContext, args: unknown, call: unknown) => Promise<unknown>;

/**
 * A family's handlers, each answering as libvirtd answers a call its
 * driver lacks (NO_SUPPORT naming the call's API, in its error domain)
 * when the client's connection does not declare the family's role: what
 * libvirt's test driver answers for secrets and network filters, and what
 * virsh's fallbacks (virConnectListAll* → virConnectNumOf*) expect.
 */
export function gated(has: (c: DriverConnection) => boolean, table: HandlerTable): HandlerTable {
  const out: Record<string, AnyHandler> = {};
  for (const [name, handler] of Object.entries(table) as Array<[ProcName, AnyHandler]>) {
    out[name] = async (ctx, args, call) => {
      if (!has(ctx.connection().live())) throw unsupported(Proc[name]);
      return handler(ctx, args, call);
    };
  }
  return out as HandlerTable;
}
