import { ErrorCode, ErrorDomain, errorReporter, strerror, type VirtError } from '@virtkit/core';

/** The storage driver's errors (VIR_FROM_STORAGE), worded by code as libvirt words them. */
export const storageFail = errorReporter(ErrorDomain.STORAGE);

/** libvirt's virReportSystemError: "what: strerror(errno)". */
export function systemError(what: string, e: unknown): VirtError {
  return storageFail(ErrorCode.SYSTEM_ERROR, `${what}: ${strerror(e)}`, e);
}
