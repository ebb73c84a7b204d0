import { ErrorCode, ErrorDomain, VirtError, formatErrorMessage, virtError } from '@virtkit/core';
import type { Procedure } from '../protocol/procedure.js';

/**
 * An error as libvirt raises it (virRaiseErrorFull): besides the message,
 * str1 is the code's template, str2 the detail, int1 and int2 are -1.
 * libvirtd sends them so, and its clients show them (Python's get_str1()).
 * They are answers to a client, without a stack trace (VirtErrorInit.trace).
 */
export function libvirtError(domain: ErrorDomain | number, code: ErrorCode, detail: string): VirtError {
  return new VirtError({ code, domain, message: formatErrorMessage(code, detail), details: { str1: formatErrorMessage(code, '%s'), str2: detail, int1: -1, int2: -1 }, trace: false });
}

/**
 * libvirt's answer to a call the connection's driver does not support
 * (virReportUnsupportedError in the public API): NO_SUPPORT, naming the API,
 * in the error domain of the libvirt file that holds it. libvirt's clients
 * know it as "not supported" and fall back where they can.
 */
export function unsupported(proc: Procedure<unknown, unknown>): VirtError {
  return libvirtError(proc.errorDomain, ErrorCode.NO_SUPPORT, proc.api);
}

/**
 * libvirtd's answer when a call failed without saying why: a driver's count
 * of 0 where the dispatcher needs one.
 */
export function failedWithoutReason(): VirtError {
  return virtError(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, 'Library function returned error but did not set virError');
}

/** libvirtd's answer to a call that needs a file descriptor the message did not carry (virNetMessageDupFD). */
export function noFdAt(slot: number): VirtError {
  return libvirtError(ErrorDomain.RPC, ErrorCode.INTERNAL_ERROR, `No FD available at slot ${slot}`);
}
