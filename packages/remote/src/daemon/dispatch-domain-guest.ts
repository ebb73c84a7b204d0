import { ErrorCode, ErrorDomain, hasDomainGuestRole, virtError, type DomainGuestRole, type DriverConnection } from '@virtkit/core';
import { hyperToNumber } from '../protocol/wire-values.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';
import { gated } from './role-gate.js';

const guest = (ctx: DispatchContext) => ctx.connection().live() as DriverConnection & DomainGuestRole;

/** libvirt's public-API check on a string argument the caller must give (virCheckNonNullArgGoto). */
function given(value: string | undefined, name: string, api: string): string {
  if (value === undefined) throw virtError(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, `${name} in ${api} must not be NULL`);
  return value;
}

/** The guest procedures (DomainGuestRole); NO_SUPPORT naming the API for a driver without the role. */
export const domainGuestHandlers: HandlerTable = gated(hasDomainGuestRole, {
  DOMAIN_INJECT_NMI: async (ctx, a) => { await guest(ctx).injectNmi(a.dom, a.flags); },
  DOMAIN_SEND_PROCESS_SIGNAL: async (ctx, a) => {
    if (a.pid_value === 0n) throw virtError(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, 'pid_value in virDomainSendProcessSignal must not be zero');
    await guest(ctx).sendProcessSignal(a.dom, hyperToNumber(a.pid_value), a.signum, a.flags);
  },
  DOMAIN_SET_USER_PASSWORD: async (ctx, a) => {
    await guest(ctx).setUserPassword(a.dom, given(a.user, 'user', 'virDomainSetUserPassword'), given(a.password, 'password', 'virDomainSetUserPassword'), a.flags);
  },
  DOMAIN_FSTRIM: async (ctx, a) => { await guest(ctx).fsTrim(a.dom, a.mountPoint, hyperToNumber(a.minimum), a.flags); },
  DOMAIN_FSFREEZE: async (ctx, a) => ({ filesystems: await guest(ctx).fsFreeze(a.dom, a.mountpoints, a.flags) }),
  DOMAIN_FSTHAW: async (ctx, a) => ({ filesystems: await guest(ctx).fsThaw(a.dom, a.mountpoints, a.flags) }),
});
