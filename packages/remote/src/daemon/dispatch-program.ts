import { ErrorCode, ErrorDomain, type VirtError } from '@virtkit/core';
import type { Procedure, Program } from '../protocol/procedure.js';
import { QemuProgram } from '../protocol/generated/qemu.js';
import { RemoteProgram } from '../protocol/generated/remote.js';
import { handlers, type DispatchContext } from './dispatch.js';
import { qemuHandlers } from './dispatch-qemu.js';
import type { StreamId } from '../protocol/stream.js';
import { libvirtError, unsupported } from './libvirt-error.js';

export { libvirtError, unsupported };

type AnyHandler = (ctx: DispatchContext, args: unknown, call: StreamId) => Promise<unknown>;

/** A program the daemon serves: its generated table and the handlers of the procedures its drivers serve. */
export interface DispatchProgram {
  readonly program: Program<any, any>;
  /** The procedure's handler; for one without, a handler that answers as libvirtd answers a call its driver lacks. */
  handler(proc: Procedure<unknown, unknown>): AnyHandler;
}

/**
 * libvirtd's answer to a procedure number its program does not have
 * (virNetServerProgramDispatchCall): VIR_ERR_RPC "unknown procedure: N",
 * which libvirt's client turns into NO_SUPPORT by its prefix.
 */
export function unknownProcedure(proc: number): VirtError {
  return libvirtError(ErrorDomain.RPC, ErrorCode.RPC, `unknown procedure: ${proc}`);
}

/**
 * libvirt's read-only refusal (virCheckReadOnlyGoto in the public API),
 * naming the API, in the error domain of the file that holds it, exactly as
 * libvirtd sends it.
 */
export function readOnly(proc: Procedure<unknown, unknown>): VirtError {
  return libvirtError(proc.errorDomain, ErrorCode.OPERATION_DENIED, `read only access prevents ${proc.api}`);
}

/** libvirtd's answer to a program or version it does not serve (virNetServerProgramUnknownError); both numbers printed signed, as its %d does. */
export function unknownProgram(prog: number, vers: number): VirtError {
  return libvirtError(ErrorDomain.RPC, ErrorCode.RPC, `Cannot find program ${prog | 0} version ${vers | 0}`);
}

function dispatchProgram(program: Program<any, any>, table: Record<string, AnyHandler | undefined>): DispatchProgram {
  return {
    program,
    handler: (proc) => table[proc.name] ?? (async () => { throw unsupported(proc); }),
  };
}

const PROGRAMS: readonly DispatchProgram[] = [
  dispatchProgram(RemoteProgram, handlers as Record<string, AnyHandler | undefined>),
  dispatchProgram(QemuProgram, qemuHandlers as Record<string, AnyHandler | undefined>),
];

/** The program a call addresses, when the daemon serves that program at that version. */
export function findProgram(prog: number, vers: number): DispatchProgram | undefined {
  return PROGRAMS.find((p) => p.program.program === prog >>> 0 && p.program.version === vers >>> 0);
}
