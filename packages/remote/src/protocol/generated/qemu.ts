// Generated from libvirt's RPC definitions by packages/remote/scripts/generate-protocol.mjs: the types of qemu_protocol.x and its procedures.
// Do not edit. Regenerate with `npm run generate:protocol -- DIR` and check with
// `npm run check:protocol -- DIR`, DIR holding the .x files read:
//   virnetprotocol.x sha256 e330a104ef46be4aca1c603121c79bc8c8460b40c789c4a6312596743ded7557
//   remote_protocol.x sha256 ad4b5a5c93792aa54fa0fad686ca5a6a3435d6172093792db611a1a212bf8a44
//   qemu_protocol.x sha256 23b86f7326da3cd8f51534d69bc3a6acebe3e668eb30451b09305f5113907321
import { call, event, program } from '../procedure.js';
import { type Codec, xdrHyper, xdrInt, xdrStruct, xdrUint, xdrVoid } from '../../xdr/codec.js';
import { QEMU_PROGRAM, QEMU_PROTOCOL_VERSION, VIR_FROM_NONE } from './constants.js';
import { remote_domain, remote_nonnull_domain, remote_nonnull_string, remote_string } from './remote.js';

export interface qemu_domain_monitor_command_args {
  dom: remote_nonnull_domain;
  cmd: remote_nonnull_string;
  flags: number;
}
export const qemu_domain_monitor_command_args: Codec<qemu_domain_monitor_command_args> = xdrStruct<qemu_domain_monitor_command_args>({
  dom: remote_nonnull_domain,
  cmd: remote_nonnull_string,
  flags: xdrUint,
});

export interface qemu_domain_monitor_command_ret {
  result: remote_nonnull_string;
}
export const qemu_domain_monitor_command_ret: Codec<qemu_domain_monitor_command_ret> = xdrStruct<qemu_domain_monitor_command_ret>({
  result: remote_nonnull_string,
});

export interface qemu_domain_attach_args {
  pid_value: number;
  flags: number;
}
export const qemu_domain_attach_args: Codec<qemu_domain_attach_args> = xdrStruct<qemu_domain_attach_args>({
  pid_value: xdrUint,
  flags: xdrUint,
});

export interface qemu_domain_attach_ret {
  dom: remote_nonnull_domain;
}
export const qemu_domain_attach_ret: Codec<qemu_domain_attach_ret> = xdrStruct<qemu_domain_attach_ret>({
  dom: remote_nonnull_domain,
});

export interface qemu_domain_agent_command_args {
  dom: remote_nonnull_domain;
  cmd: remote_nonnull_string;
  timeout: number;
  flags: number;
}
export const qemu_domain_agent_command_args: Codec<qemu_domain_agent_command_args> = xdrStruct<qemu_domain_agent_command_args>({
  dom: remote_nonnull_domain,
  cmd: remote_nonnull_string,
  timeout: xdrInt,
  flags: xdrUint,
});

export interface qemu_domain_agent_command_ret {
  result: remote_string;
}
export const qemu_domain_agent_command_ret: Codec<qemu_domain_agent_command_ret> = xdrStruct<qemu_domain_agent_command_ret>({
  result: remote_string,
});

export interface qemu_connect_domain_monitor_event_register_args {
  dom: remote_domain;
  event: remote_string;
  flags: number;
}
export const qemu_connect_domain_monitor_event_register_args: Codec<qemu_connect_domain_monitor_event_register_args> = xdrStruct<qemu_connect_domain_monitor_event_register_args>({
  dom: remote_domain,
  event: remote_string,
  flags: xdrUint,
});

export interface qemu_connect_domain_monitor_event_register_ret {
  callbackID: number;
}
export const qemu_connect_domain_monitor_event_register_ret: Codec<qemu_connect_domain_monitor_event_register_ret> = xdrStruct<qemu_connect_domain_monitor_event_register_ret>({
  callbackID: xdrInt,
});

export interface qemu_connect_domain_monitor_event_deregister_args {
  callbackID: number;
}
export const qemu_connect_domain_monitor_event_deregister_args: Codec<qemu_connect_domain_monitor_event_deregister_args> = xdrStruct<qemu_connect_domain_monitor_event_deregister_args>({
  callbackID: xdrInt,
});

export interface qemu_domain_monitor_event_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  event: remote_nonnull_string;
  seconds: bigint;
  micros: number;
  details: remote_string;
}
export const qemu_domain_monitor_event_msg: Codec<qemu_domain_monitor_event_msg> = xdrStruct<qemu_domain_monitor_event_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  event: remote_nonnull_string,
  seconds: xdrHyper,
  micros: xdrUint,
  details: remote_string,
});

export interface qemu_domain_monitor_command_with_files_args {
  dom: remote_nonnull_domain;
  cmd: remote_nonnull_string;
  flags: number;
}
export const qemu_domain_monitor_command_with_files_args: Codec<qemu_domain_monitor_command_with_files_args> = xdrStruct<qemu_domain_monitor_command_with_files_args>({
  dom: remote_nonnull_domain,
  cmd: remote_nonnull_string,
  flags: xdrUint,
});

export interface qemu_domain_monitor_command_with_files_ret {
  result: remote_nonnull_string;
}
export const qemu_domain_monitor_command_with_files_ret: Codec<qemu_domain_monitor_command_with_files_ret> = xdrStruct<qemu_domain_monitor_command_with_files_ret>({
  result: remote_nonnull_string,
});

/** The calls of program QEMU_PROGRAM, by libvirt's procedure name without QEMU_PROC_. */
export const QemuProcedures = {
  DOMAIN_MONITOR_COMMAND: call<qemu_domain_monitor_command_args, qemu_domain_monitor_command_ret>({ name: 'DOMAIN_MONITOR_COMMAND', proc: 1, api: 'virDomainQemuMonitorCommand', args: qemu_domain_monitor_command_args, ret: qemu_domain_monitor_command_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_NONE }),
  DOMAIN_ATTACH: call<qemu_domain_attach_args, qemu_domain_attach_ret>({ name: 'DOMAIN_ATTACH', proc: 2, api: 'virDomainQemuAttach', args: qemu_domain_attach_args, ret: qemu_domain_attach_ret, writes: true, highPriority: false, acl: ['domain:start', 'domain:write'], errorDomain: VIR_FROM_NONE }),
  DOMAIN_AGENT_COMMAND: call<qemu_domain_agent_command_args, qemu_domain_agent_command_ret>({ name: 'DOMAIN_AGENT_COMMAND', proc: 3, api: 'virDomainQemuAgentCommand', args: qemu_domain_agent_command_args, ret: qemu_domain_agent_command_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_NONE }),
  CONNECT_DOMAIN_MONITOR_EVENT_REGISTER: call<qemu_connect_domain_monitor_event_register_args, qemu_connect_domain_monitor_event_register_ret>({ name: 'CONNECT_DOMAIN_MONITOR_EVENT_REGISTER', proc: 4, api: 'virConnectDomainQemuMonitorEventRegister', args: qemu_connect_domain_monitor_event_register_args, ret: qemu_connect_domain_monitor_event_register_ret, writes: true, highPriority: true, acl: ['connect:search_domains', 'connect:write'], errorDomain: VIR_FROM_NONE }),
  CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER: call<qemu_connect_domain_monitor_event_deregister_args, void>({ name: 'CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER', proc: 5, api: 'virConnectDomainQemuMonitorEventDeregister', args: qemu_connect_domain_monitor_event_deregister_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:write'], errorDomain: VIR_FROM_NONE }),
  DOMAIN_MONITOR_COMMAND_WITH_FILES: call<qemu_domain_monitor_command_with_files_args, qemu_domain_monitor_command_with_files_ret>({ name: 'DOMAIN_MONITOR_COMMAND_WITH_FILES', proc: 7, api: 'virDomainQemuMonitorCommandWithFiles', args: qemu_domain_monitor_command_with_files_args, ret: qemu_domain_monitor_command_with_files_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_NONE }),
} as const;

/** The MESSAGE procedures (events) the server sends on program QEMU_PROGRAM. */
export const QemuEvents = {
  DOMAIN_MONITOR_EVENT: event<qemu_domain_monitor_event_msg>({ name: 'DOMAIN_MONITOR_EVENT', proc: 6, msg: qemu_domain_monitor_event_msg }),
} as const;

/** Program QEMU_PROGRAM: its number, version, calls and events. */
export const QemuProgram = program(QEMU_PROGRAM, QEMU_PROTOCOL_VERSION, QemuProcedures, QemuEvents);
