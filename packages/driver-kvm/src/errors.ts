import { ErrorCode, ErrorDomain, errorReporter, type VirtError } from '@virtkit/core';

/** The driver's errors (VIR_FROM_QEMU), worded by code as libvirt words them. */
export const fail = errorReporter(ErrorDomain.QEMU);

/** Configuration the QEMU builder cannot express: names the element. */
export function unsupportedConfig(element: string, what: string): VirtError {
  return fail(ErrorCode.CONFIG_UNSUPPORTED, `${element}: ${what}`);
}
