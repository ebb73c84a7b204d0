import { ErrorCode, ErrorDomain, VirtError } from '@virtkit/core';

/** Configuration the QEMU builder cannot express: names the element. */
export function unsupportedConfig(element: string, what: string): VirtError {
  return new VirtError({ code: ErrorCode.CONFIG_UNSUPPORTED, domain: ErrorDomain.QEMU, message: `unsupported configuration: ${element}: ${what}` });
}

export function qemuError(code: ErrorCode, message: string, cause?: unknown): VirtError {
  return new VirtError({ code, domain: ErrorDomain.QEMU, message, cause });
}
