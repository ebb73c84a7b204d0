import { type Command, CommanderError } from 'commander';
import { ConnectCloseReason, ErrorCode, ErrorDomain, VirtError, isVirtError } from '@virtkit/core';

/**
 * virsh's line before libvirt's message when a command's own call fails, by
 * command name, made from the arguments as they were given:
 *
 *     error: Failed to resume domain 'test'
 *     error: internal error: domain 'test' not paused
 *
 * Commands not listed print the message alone, as virsh does for them.
 */
export const FAILED_ACTIONS: Readonly<Record<string, (args: readonly string[]) => string>> = {
  define: ([file]) => `Failed to define domain from ${file}`,
  create: ([file]) => `Failed to create domain from ${file}`,
  undefine: ([dom]) => `Failed to undefine domain '${dom}'`,
  start: ([dom]) => `Failed to start domain '${dom}'`,
  shutdown: ([dom]) => `Failed to shutdown domain '${dom}'`,
  destroy: ([dom]) => `Failed to destroy domain '${dom}'`,
  suspend: ([dom]) => `Failed to suspend domain '${dom}'`,
  resume: ([dom]) => `Failed to resume domain '${dom}'`,
  save: ([dom, file]) => `Failed to save domain '${dom}' to ${file}`,
  restore: ([file]) => `Failed to restore domain from ${file}`,
  'iface-define': ([file]) => `Failed to define interface from ${file}`,
  'iface-undefine': ([iface]) => `Failed to undefine interface ${iface}`,
  'iface-start': ([iface]) => `Failed to start interface ${iface}`,
  'iface-destroy': ([iface]) => `Failed to destroy interface ${iface}`,
  'iface-begin': () => 'Failed to begin network config change transaction',
  'iface-commit': () => 'Failed to commit network config change transaction',
  'iface-rollback': () => 'Failed to rollback network config change transaction',
  'snapshot-delete': ([, snap]) => `Failed to delete snapshot ${snap}`,
  'nodedev-list': () => 'Failed to list node devices',
  'secret-define': ([file]) => `Failed to set attributes from ${file}`,
  'nwfilter-define': ([file]) => `Failed to define network filter from ${file}`,
  'nwfilter-binding-list': () => 'Failed to list network filter bindings',
  'nwfilter-binding-create': ([file]) => `Failed to create network filter from ${file}`,
  'nodedev-create': ([file]) => `Failed to create node device from ${file}`,
  'nodedev-destroy': ([dev]) => `Failed to destroy node device '${dev}'`,
  reboot: ([dom]) => `Failed to reboot domain '${dom}'`,
  reset: ([dom]) => `Failed to reset domain '${dom}'`,
  setmaxmem: () => 'Unable to change MaxMemorySize',
  managedsave: ([dom]) => `Failed to save domain '${dom}' state`,
  'managedsave-remove': ([dom]) => `Failed to remove managed save image for domain '${dom}'`,
  domblkstat: ([dom, dev]) => `Failed to get block stats ${dom} ${dev ?? ''}`,
  domifstat: ([dom, iface]) => `Failed to get interface stats ${dom} ${iface}`,
  dommemstat: ([dom]) => `Failed to get memory statistics for domain ${dom}`,
  'attach-device': ([, file]) => `Failed to attach device from ${file}`,
  'detach-device': ([, file]) => `Failed to detach device from ${file}`,
  'update-device': ([, file]) => `Failed to update device from ${file}`,
  screenshot: ([dom]) => `could not take a screenshot of ${dom}`,
};

/** Errors raised before a command's own call, with the line virsh prints before them instead of the action's ('' for none). */
const beforeTheCall = new WeakMap<object, string>();

/**
 * Marks a failure of what a command does before its own call (connecting,
 * looking the domain up, reading the file, virsh's own checks): virsh
 * prints it without the command's action line, after `line` when given.
 * The first mark stays.
 */
export function failedBeforeTheCall<E>(e: E, line = ''): E {
  if (typeof e === 'object' && e !== null && !beforeTheCall.has(e)) beforeTheCall.set(e, line);
  return e;
}

/** Failures of commands that failed without an error of their own (virsh's handler returned false, no error set). */
const wordless = new WeakSet<object>();

/**
 * A command that failed without an error: virsh prints no error line, only
 * the empty line that ends a failed command's output (an event command
 * that received no event).
 */
export function failedWithoutError(what: string): Error {
  const e = new Error(what);
  wordless.add(e);
  return e;
}

/** A command refused by virsh's own checks, before any call: the message is printed alone. */
export function refusedByCli(message: string, code: ErrorCode = ErrorCode.INVALID_ARG): VirtError {
  return failedBeforeTheCall(new VirtError({ code, domain: ErrorDomain.NONE, message }));
}

/** An error's message as virsh prints it after "error: ". */
export function errorMessage(e: unknown): string {
  if (e instanceof CommanderError) return e.message.replace(/^error: /, '');
  if (isVirtError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** virsh's words for commander's complaints about a command's arguments (virsh names every missing one). */
function commandLineLines(e: CommanderError, cmd: Command): string[] {
  switch (e.code) {
    case 'commander.missingArgument':
      return cmd.registeredArguments
        .filter((a, i) => a.required && cmd.args[i] === undefined)
        .map((a) => `command '${cmd.name()}' requires <${a.name()}> option`);
    case 'commander.unknownOption':
      return [`command '${cmd.name()}' doesn't support option ${/'([^']*)'/.exec(e.message)?.[1] ?? ''}`];
    case 'commander.excessArguments':
      return [`unexpected data '${cmd.args[cmd.registeredArguments.length] ?? ''}'`];
    default:
      return [errorMessage(e)];
  }
}

/**
 * The lines, each to follow "error: ", that virsh prints when command `cmd`
 * fails with `e`: its action line (FAILED_ACTIONS) unless the failure came
 * before the command's own call, then the message.
 */
export function failureLines(cmd: Command, args: readonly string[], e: unknown): string[] {
  if (e instanceof CommanderError) return commandLineLines(e, cmd);
  if (typeof e === 'object' && e !== null && wordless.has(e)) return [];
  const first = typeof e === 'object' && e !== null && beforeTheCall.has(e) ? beforeTheCall.get(e) : FAILED_ACTIONS[cmd.name()]?.(args);
  return first ? [first, errorMessage(e)] : [errorMessage(e)];
}

/** virsh's line (virshCatchDisconnect) when a connection dies under it, by close reason. */
export function disconnectedLine(uri: string, reason: ConnectCloseReason): string {
  const why: Record<ConnectCloseReason, string> = {
    [ConnectCloseReason.ERROR]: 'I/O error',
    [ConnectCloseReason.EOF]: 'end of file',
    [ConnectCloseReason.KEEPALIVE]: 'keepalive timeout',
    [ConnectCloseReason.CLIENT]: 'closed by client',
  };
  return `Disconnected from ${uri} due to ${why[reason] ?? 'unknown reason'}`;
}
