// Generated from libvirt's RPC definitions by packages/remote/scripts/generate-protocol.mjs: the types of remote_protocol.x and its procedures.
// Do not edit. Regenerate with `npm run generate:protocol -- DIR` and check with
// `npm run check:protocol -- DIR`, DIR holding the .x files read:
//   virnetprotocol.x sha256 e330a104ef46be4aca1c603121c79bc8c8460b40c789c4a6312596743ded7557
//   remote_protocol.x sha256 ad4b5a5c93792aa54fa0fad686ca5a6a3435d6172093792db611a1a212bf8a44
//   qemu_protocol.x sha256 23b86f7326da3cd8f51534d69bc3a6acebe3e668eb30451b09305f5113907321
import { call, event, program } from '../procedure.js';
import {
  type Codec,
  xdrArray,
  xdrCharArray,
  xdrCharBytes,
  xdrDouble,
  xdrHyper,
  xdrInt,
  xdrOpaque,
  xdrOptional,
  xdrString,
  xdrStruct,
  xdrUhyper,
  xdrUint,
  xdrUnion,
  xdrVoid,
} from '../../xdr/codec.js';
import {
  REMOTE_AUTH_SASL_DATA_MAX,
  REMOTE_AUTH_TYPE_LIST_MAX,
  REMOTE_CONNECT_CPU_MODELS_MAX,
  REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
  REMOTE_CONNECT_IDENTITY_PARAMS_MAX,
  REMOTE_CPUMAPS_MAX,
  REMOTE_CPUMAP_MAX,
  REMOTE_CPU_BASELINE_MAX,
  REMOTE_DOMAIN_AUTHORIZED_SSH_KEYS_MAX,
  REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX,
  REMOTE_DOMAIN_BLOCK_COPY_PARAMETERS_MAX,
  REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX,
  REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX,
  REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX,
  REMOTE_DOMAIN_CHECKPOINT_LIST_MAX,
  REMOTE_DOMAIN_DISK_ERRORS_MAX,
  REMOTE_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX,
  REMOTE_DOMAIN_EVENT_TUNABLE_MAX,
  REMOTE_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX,
  REMOTE_DOMAIN_FSINFO_DISKS_MAX,
  REMOTE_DOMAIN_FSINFO_MAX,
  REMOTE_DOMAIN_GET_CPU_STATS_MAX,
  REMOTE_DOMAIN_GUEST_INFO_PARAMS_MAX,
  REMOTE_DOMAIN_GUEST_VCPU_PARAMS_MAX,
  REMOTE_DOMAIN_INTERFACE_MAX,
  REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX,
  REMOTE_DOMAIN_IOTHREAD_PARAMS_MAX,
  REMOTE_DOMAIN_IP_ADDR_MAX,
  REMOTE_DOMAIN_JOB_STATS_MAX,
  REMOTE_DOMAIN_LAUNCH_SECURITY_INFO_PARAMS_MAX,
  REMOTE_DOMAIN_LAUNCH_SECURITY_STATE_PARAMS_MAX,
  REMOTE_DOMAIN_LIST_MAX,
  REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX,
  REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX,
  REMOTE_DOMAIN_MEMORY_STATS_MAX,
  REMOTE_DOMAIN_MESSAGES_MAX,
  REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX,
  REMOTE_DOMAIN_NUMA_PARAMETERS_MAX,
  REMOTE_DOMAIN_PERF_EVENTS_MAX,
  REMOTE_DOMAIN_SAVE_PARAMS_MAX,
  REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX,
  REMOTE_DOMAIN_SEND_KEY_MAX,
  REMOTE_DOMAIN_SNAPSHOT_LIST_MAX,
  REMOTE_INTERFACE_LIST_MAX,
  REMOTE_IOTHREAD_INFO_MAX,
  REMOTE_MIGRATE_COOKIE_MAX,
  REMOTE_NETWORK_DHCP_LEASES_MAX,
  REMOTE_NETWORK_LIST_MAX,
  REMOTE_NETWORK_PORT_LIST_MAX,
  REMOTE_NETWORK_PORT_PARAMETERS_MAX,
  REMOTE_NODE_CPU_STATS_MAX,
  REMOTE_NODE_DEVICE_CAPS_LIST_MAX,
  REMOTE_NODE_DEVICE_LIST_MAX,
  REMOTE_NODE_MAX_CELLS,
  REMOTE_NODE_MEMORY_PARAMETERS_MAX,
  REMOTE_NODE_MEMORY_STATS_MAX,
  REMOTE_NODE_SEV_INFO_MAX,
  REMOTE_NWFILTER_BINDING_LIST_MAX,
  REMOTE_NWFILTER_LIST_MAX,
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  REMOTE_SECRET_LIST_MAX,
  REMOTE_SECRET_VALUE_MAX,
  REMOTE_SECURITY_DOI_MAX,
  REMOTE_SECURITY_LABEL_LIST_MAX,
  REMOTE_SECURITY_LABEL_MAX,
  REMOTE_SECURITY_MODEL_MAX,
  REMOTE_STORAGE_POOL_LIST_MAX,
  REMOTE_STORAGE_VOL_LIST_MAX,
  REMOTE_STRING_MAX,
  REMOTE_VCPUINFO_MAX,
  VIR_FROM_DOMAIN,
  VIR_FROM_DOMAIN_CHECKPOINT,
  VIR_FROM_DOMAIN_SNAPSHOT,
  VIR_FROM_INTERFACE,
  VIR_FROM_NETWORK,
  VIR_FROM_NODEDEV,
  VIR_FROM_NWFILTER,
  VIR_FROM_SECRET,
  VIR_FROM_STORAGE,
} from './constants.js';
import { uuid } from '../uuid.js';

export type remote_nonnull_string = string;
export const remote_nonnull_string: Codec<remote_nonnull_string> = xdrString(REMOTE_STRING_MAX);

export type remote_string = remote_nonnull_string | undefined;
export const remote_string: Codec<remote_string> = xdrOptional(remote_nonnull_string);

/** remote_uuid: carried as string (uuid). */
export type remote_uuid = string;
export const remote_uuid: Codec<remote_uuid> = uuid;

export interface remote_nonnull_domain {
  name: remote_nonnull_string;
  uuid: remote_uuid;
  id: number;
}
export const remote_nonnull_domain: Codec<remote_nonnull_domain> = xdrStruct<remote_nonnull_domain>({
  name: remote_nonnull_string,
  uuid: remote_uuid,
  id: xdrInt,
});

export interface remote_nonnull_network {
  name: remote_nonnull_string;
  uuid: remote_uuid;
}
export const remote_nonnull_network: Codec<remote_nonnull_network> = xdrStruct<remote_nonnull_network>({
  name: remote_nonnull_string,
  uuid: remote_uuid,
});

export interface remote_nonnull_network_port {
  net: remote_nonnull_network;
  uuid: remote_uuid;
}
export const remote_nonnull_network_port: Codec<remote_nonnull_network_port> = xdrStruct<remote_nonnull_network_port>({
  net: remote_nonnull_network,
  uuid: remote_uuid,
});

export interface remote_nonnull_nwfilter {
  name: remote_nonnull_string;
  uuid: remote_uuid;
}
export const remote_nonnull_nwfilter: Codec<remote_nonnull_nwfilter> = xdrStruct<remote_nonnull_nwfilter>({
  name: remote_nonnull_string,
  uuid: remote_uuid,
});

export interface remote_nonnull_nwfilter_binding {
  portdev: remote_nonnull_string;
  filtername: remote_nonnull_string;
}
export const remote_nonnull_nwfilter_binding: Codec<remote_nonnull_nwfilter_binding> = xdrStruct<remote_nonnull_nwfilter_binding>({
  portdev: remote_nonnull_string,
  filtername: remote_nonnull_string,
});

export interface remote_nonnull_interface {
  name: remote_nonnull_string;
  mac: remote_nonnull_string;
}
export const remote_nonnull_interface: Codec<remote_nonnull_interface> = xdrStruct<remote_nonnull_interface>({
  name: remote_nonnull_string,
  mac: remote_nonnull_string,
});

export interface remote_nonnull_storage_pool {
  name: remote_nonnull_string;
  uuid: remote_uuid;
}
export const remote_nonnull_storage_pool: Codec<remote_nonnull_storage_pool> = xdrStruct<remote_nonnull_storage_pool>({
  name: remote_nonnull_string,
  uuid: remote_uuid,
});

export interface remote_nonnull_storage_vol {
  pool: remote_nonnull_string;
  name: remote_nonnull_string;
  key: remote_nonnull_string;
}
export const remote_nonnull_storage_vol: Codec<remote_nonnull_storage_vol> = xdrStruct<remote_nonnull_storage_vol>({
  pool: remote_nonnull_string,
  name: remote_nonnull_string,
  key: remote_nonnull_string,
});

export interface remote_nonnull_node_device {
  name: remote_nonnull_string;
}
export const remote_nonnull_node_device: Codec<remote_nonnull_node_device> = xdrStruct<remote_nonnull_node_device>({
  name: remote_nonnull_string,
});

export interface remote_nonnull_secret {
  uuid: remote_uuid;
  usageType: number;
  usageID: remote_nonnull_string;
}
export const remote_nonnull_secret: Codec<remote_nonnull_secret> = xdrStruct<remote_nonnull_secret>({
  uuid: remote_uuid,
  usageType: xdrInt,
  usageID: remote_nonnull_string,
});

export interface remote_nonnull_domain_checkpoint {
  name: remote_nonnull_string;
  dom: remote_nonnull_domain;
}
export const remote_nonnull_domain_checkpoint: Codec<remote_nonnull_domain_checkpoint> = xdrStruct<remote_nonnull_domain_checkpoint>({
  name: remote_nonnull_string,
  dom: remote_nonnull_domain,
});

export interface remote_nonnull_domain_snapshot {
  name: remote_nonnull_string;
  dom: remote_nonnull_domain;
}
export const remote_nonnull_domain_snapshot: Codec<remote_nonnull_domain_snapshot> = xdrStruct<remote_nonnull_domain_snapshot>({
  name: remote_nonnull_string,
  dom: remote_nonnull_domain,
});

export type remote_domain = remote_nonnull_domain | undefined;
export const remote_domain: Codec<remote_domain> = xdrOptional(remote_nonnull_domain);

export type remote_network = remote_nonnull_network | undefined;
export const remote_network: Codec<remote_network> = xdrOptional(remote_nonnull_network);

export type remote_network_port = remote_nonnull_network_port | undefined;
export const remote_network_port: Codec<remote_network_port> = xdrOptional(remote_nonnull_network_port);

export type remote_nwfilter = remote_nonnull_nwfilter | undefined;
export const remote_nwfilter: Codec<remote_nwfilter> = xdrOptional(remote_nonnull_nwfilter);

export type remote_nwfilter_binding = remote_nonnull_nwfilter_binding | undefined;
export const remote_nwfilter_binding: Codec<remote_nwfilter_binding> = xdrOptional(remote_nonnull_nwfilter_binding);

export type remote_storage_pool = remote_nonnull_storage_pool | undefined;
export const remote_storage_pool: Codec<remote_storage_pool> = xdrOptional(remote_nonnull_storage_pool);

export type remote_storage_vol = remote_nonnull_storage_vol | undefined;
export const remote_storage_vol: Codec<remote_storage_vol> = xdrOptional(remote_nonnull_storage_vol);

export type remote_node_device = remote_nonnull_node_device | undefined;
export const remote_node_device: Codec<remote_node_device> = xdrOptional(remote_nonnull_node_device);

export type remote_secret = remote_nonnull_secret | undefined;
export const remote_secret: Codec<remote_secret> = xdrOptional(remote_nonnull_secret);

export interface remote_error {
  code: number;
  domain: number;
  message: remote_string;
  level: number;
  dom: remote_domain;
  str1: remote_string;
  str2: remote_string;
  str3: remote_string;
  int1: number;
  int2: number;
  net: remote_network;
}
export const remote_error: Codec<remote_error> = xdrStruct<remote_error>({
  code: xdrInt,
  domain: xdrInt,
  message: remote_string,
  level: xdrInt,
  dom: remote_domain,
  str1: remote_string,
  str2: remote_string,
  str3: remote_string,
  int1: xdrInt,
  int2: xdrInt,
  net: remote_network,
});

export interface remote_vcpu_info {
  number: number;
  state: number;
  cpu_time: bigint;
  cpu: number;
}
export const remote_vcpu_info: Codec<remote_vcpu_info> = xdrStruct<remote_vcpu_info>({
  number: xdrUint,
  state: xdrInt,
  cpu_time: xdrUhyper,
  cpu: xdrInt,
});

export type remote_typed_param_value =
  | { type: 1; i: number }
  | { type: 2; ui: number }
  | { type: 3; l: bigint }
  | { type: 4; ul: bigint }
  | { type: 5; d: number }
  | { type: 6; b: number }
  | { type: 7; s: remote_nonnull_string };
export const remote_typed_param_value: Codec<remote_typed_param_value> = xdrUnion<remote_typed_param_value>('remote_typed_param_value', 'type', xdrInt, {
  1: ['i', xdrInt],
  2: ['ui', xdrUint],
  3: ['l', xdrHyper],
  4: ['ul', xdrUhyper],
  5: ['d', xdrDouble],
  6: ['b', xdrInt],
  7: ['s', remote_nonnull_string],
});

export interface remote_typed_param {
  field: remote_nonnull_string;
  value: remote_typed_param_value;
}
export const remote_typed_param: Codec<remote_typed_param> = xdrStruct<remote_typed_param>({
  field: remote_nonnull_string,
  value: remote_typed_param_value,
});

export interface remote_node_get_cpu_stats {
  field: remote_nonnull_string;
  value: bigint;
}
export const remote_node_get_cpu_stats: Codec<remote_node_get_cpu_stats> = xdrStruct<remote_node_get_cpu_stats>({
  field: remote_nonnull_string,
  value: xdrUhyper,
});

export interface remote_node_get_memory_stats {
  field: remote_nonnull_string;
  value: bigint;
}
export const remote_node_get_memory_stats: Codec<remote_node_get_memory_stats> = xdrStruct<remote_node_get_memory_stats>({
  field: remote_nonnull_string,
  value: xdrUhyper,
});

export interface remote_domain_disk_error {
  disk: remote_nonnull_string;
  error: number;
}
export const remote_domain_disk_error: Codec<remote_domain_disk_error> = xdrStruct<remote_domain_disk_error>({
  disk: remote_nonnull_string,
  error: xdrInt,
});

export interface remote_connect_open_args {
  name: remote_string;
  flags: number;
}
export const remote_connect_open_args: Codec<remote_connect_open_args> = xdrStruct<remote_connect_open_args>({
  name: remote_string,
  flags: xdrUint,
});

export interface remote_connect_supports_feature_args {
  feature: number;
}
export const remote_connect_supports_feature_args: Codec<remote_connect_supports_feature_args> = xdrStruct<remote_connect_supports_feature_args>({
  feature: xdrInt,
});

export interface remote_connect_supports_feature_ret {
  supported: number;
}
export const remote_connect_supports_feature_ret: Codec<remote_connect_supports_feature_ret> = xdrStruct<remote_connect_supports_feature_ret>({
  supported: xdrInt,
});

export interface remote_connect_get_type_ret {
  type: remote_nonnull_string;
}
export const remote_connect_get_type_ret: Codec<remote_connect_get_type_ret> = xdrStruct<remote_connect_get_type_ret>({
  type: remote_nonnull_string,
});

export interface remote_connect_get_version_ret {
  hv_ver: bigint;
}
export const remote_connect_get_version_ret: Codec<remote_connect_get_version_ret> = xdrStruct<remote_connect_get_version_ret>({
  hv_ver: xdrUhyper,
});

export interface remote_connect_get_lib_version_ret {
  lib_ver: bigint;
}
export const remote_connect_get_lib_version_ret: Codec<remote_connect_get_lib_version_ret> = xdrStruct<remote_connect_get_lib_version_ret>({
  lib_ver: xdrUhyper,
});

export interface remote_connect_get_hostname_ret {
  hostname: remote_nonnull_string;
}
export const remote_connect_get_hostname_ret: Codec<remote_connect_get_hostname_ret> = xdrStruct<remote_connect_get_hostname_ret>({
  hostname: remote_nonnull_string,
});

export interface remote_connect_get_sysinfo_args {
  flags: number;
}
export const remote_connect_get_sysinfo_args: Codec<remote_connect_get_sysinfo_args> = xdrStruct<remote_connect_get_sysinfo_args>({
  flags: xdrUint,
});

export interface remote_connect_get_sysinfo_ret {
  sysinfo: remote_nonnull_string;
}
export const remote_connect_get_sysinfo_ret: Codec<remote_connect_get_sysinfo_ret> = xdrStruct<remote_connect_get_sysinfo_ret>({
  sysinfo: remote_nonnull_string,
});

export interface remote_connect_get_uri_ret {
  uri: remote_nonnull_string;
}
export const remote_connect_get_uri_ret: Codec<remote_connect_get_uri_ret> = xdrStruct<remote_connect_get_uri_ret>({
  uri: remote_nonnull_string,
});

export interface remote_connect_get_max_vcpus_args {
  type: remote_string;
}
export const remote_connect_get_max_vcpus_args: Codec<remote_connect_get_max_vcpus_args> = xdrStruct<remote_connect_get_max_vcpus_args>({
  type: remote_string,
});

export interface remote_connect_get_max_vcpus_ret {
  max_vcpus: number;
}
export const remote_connect_get_max_vcpus_ret: Codec<remote_connect_get_max_vcpus_ret> = xdrStruct<remote_connect_get_max_vcpus_ret>({
  max_vcpus: xdrInt,
});

export interface remote_node_get_info_ret {
  model: string;
  memory: bigint;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}
export const remote_node_get_info_ret: Codec<remote_node_get_info_ret> = xdrStruct<remote_node_get_info_ret>({
  model: xdrCharArray(32),
  memory: xdrUhyper,
  cpus: xdrInt,
  mhz: xdrInt,
  nodes: xdrInt,
  sockets: xdrInt,
  cores: xdrInt,
  threads: xdrInt,
});

export interface remote_connect_get_capabilities_ret {
  capabilities: remote_nonnull_string;
}
export const remote_connect_get_capabilities_ret: Codec<remote_connect_get_capabilities_ret> = xdrStruct<remote_connect_get_capabilities_ret>({
  capabilities: remote_nonnull_string,
});

export interface remote_connect_get_domain_capabilities_args {
  emulatorbin: remote_string;
  arch: remote_string;
  machine: remote_string;
  virttype: remote_string;
  flags: number;
}
export const remote_connect_get_domain_capabilities_args: Codec<remote_connect_get_domain_capabilities_args> = xdrStruct<remote_connect_get_domain_capabilities_args>({
  emulatorbin: remote_string,
  arch: remote_string,
  machine: remote_string,
  virttype: remote_string,
  flags: xdrUint,
});

export interface remote_connect_get_domain_capabilities_ret {
  capabilities: remote_nonnull_string;
}
export const remote_connect_get_domain_capabilities_ret: Codec<remote_connect_get_domain_capabilities_ret> = xdrStruct<remote_connect_get_domain_capabilities_ret>({
  capabilities: remote_nonnull_string,
});

export interface remote_node_get_cpu_stats_args {
  cpuNum: number;
  nparams: number;
  flags: number;
}
export const remote_node_get_cpu_stats_args: Codec<remote_node_get_cpu_stats_args> = xdrStruct<remote_node_get_cpu_stats_args>({
  cpuNum: xdrInt,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_node_get_cpu_stats_ret {
  params: remote_node_get_cpu_stats[];
  nparams: number;
}
export const remote_node_get_cpu_stats_ret: Codec<remote_node_get_cpu_stats_ret> = xdrStruct<remote_node_get_cpu_stats_ret>({
  params: xdrArray(remote_node_get_cpu_stats, REMOTE_NODE_CPU_STATS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_node_get_memory_stats_args {
  nparams: number;
  cellNum: number;
  flags: number;
}
export const remote_node_get_memory_stats_args: Codec<remote_node_get_memory_stats_args> = xdrStruct<remote_node_get_memory_stats_args>({
  nparams: xdrInt,
  cellNum: xdrInt,
  flags: xdrUint,
});

export interface remote_node_get_memory_stats_ret {
  params: remote_node_get_memory_stats[];
  nparams: number;
}
export const remote_node_get_memory_stats_ret: Codec<remote_node_get_memory_stats_ret> = xdrStruct<remote_node_get_memory_stats_ret>({
  params: xdrArray(remote_node_get_memory_stats, REMOTE_NODE_MEMORY_STATS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_node_get_cells_free_memory_args {
  startCell: number;
  maxcells: number;
}
export const remote_node_get_cells_free_memory_args: Codec<remote_node_get_cells_free_memory_args> = xdrStruct<remote_node_get_cells_free_memory_args>({
  startCell: xdrInt,
  maxcells: xdrInt,
});

export interface remote_node_get_cells_free_memory_ret {
  cells: bigint[];
}
export const remote_node_get_cells_free_memory_ret: Codec<remote_node_get_cells_free_memory_ret> = xdrStruct<remote_node_get_cells_free_memory_ret>({
  cells: xdrArray(xdrUhyper, REMOTE_NODE_MAX_CELLS, 'cells'),
});

export interface remote_node_get_free_memory_ret {
  freeMem: bigint;
}
export const remote_node_get_free_memory_ret: Codec<remote_node_get_free_memory_ret> = xdrStruct<remote_node_get_free_memory_ret>({
  freeMem: xdrUhyper,
});

export interface remote_domain_get_scheduler_type_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_scheduler_type_args: Codec<remote_domain_get_scheduler_type_args> = xdrStruct<remote_domain_get_scheduler_type_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_scheduler_type_ret {
  type: remote_nonnull_string;
  nparams: number;
}
export const remote_domain_get_scheduler_type_ret: Codec<remote_domain_get_scheduler_type_ret> = xdrStruct<remote_domain_get_scheduler_type_ret>({
  type: remote_nonnull_string,
  nparams: xdrInt,
});

export interface remote_domain_get_scheduler_parameters_args {
  dom: remote_nonnull_domain;
  nparams: number;
}
export const remote_domain_get_scheduler_parameters_args: Codec<remote_domain_get_scheduler_parameters_args> = xdrStruct<remote_domain_get_scheduler_parameters_args>({
  dom: remote_nonnull_domain,
  nparams: xdrInt,
});

export interface remote_domain_get_scheduler_parameters_ret {
  params: remote_typed_param[];
}
export const remote_domain_get_scheduler_parameters_ret: Codec<remote_domain_get_scheduler_parameters_ret> = xdrStruct<remote_domain_get_scheduler_parameters_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, 'params'),
});

export interface remote_domain_get_scheduler_parameters_flags_args {
  dom: remote_nonnull_domain;
  nparams: number;
  flags: number;
}
export const remote_domain_get_scheduler_parameters_flags_args: Codec<remote_domain_get_scheduler_parameters_flags_args> = xdrStruct<remote_domain_get_scheduler_parameters_flags_args>({
  dom: remote_nonnull_domain,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_scheduler_parameters_flags_ret {
  params: remote_typed_param[];
}
export const remote_domain_get_scheduler_parameters_flags_ret: Codec<remote_domain_get_scheduler_parameters_flags_ret> = xdrStruct<remote_domain_get_scheduler_parameters_flags_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, 'params'),
});

export interface remote_domain_set_scheduler_parameters_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
}
export const remote_domain_set_scheduler_parameters_args: Codec<remote_domain_set_scheduler_parameters_args> = xdrStruct<remote_domain_set_scheduler_parameters_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, 'params'),
});

export interface remote_domain_set_scheduler_parameters_flags_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_scheduler_parameters_flags_args: Codec<remote_domain_set_scheduler_parameters_flags_args> = xdrStruct<remote_domain_set_scheduler_parameters_flags_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_set_blkio_parameters_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_blkio_parameters_args: Codec<remote_domain_set_blkio_parameters_args> = xdrStruct<remote_domain_set_blkio_parameters_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_get_blkio_parameters_args {
  dom: remote_nonnull_domain;
  nparams: number;
  flags: number;
}
export const remote_domain_get_blkio_parameters_args: Codec<remote_domain_get_blkio_parameters_args> = xdrStruct<remote_domain_get_blkio_parameters_args>({
  dom: remote_nonnull_domain,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_blkio_parameters_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_domain_get_blkio_parameters_ret: Codec<remote_domain_get_blkio_parameters_ret> = xdrStruct<remote_domain_get_blkio_parameters_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_set_memory_parameters_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_memory_parameters_args: Codec<remote_domain_set_memory_parameters_args> = xdrStruct<remote_domain_set_memory_parameters_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_get_memory_parameters_args {
  dom: remote_nonnull_domain;
  nparams: number;
  flags: number;
}
export const remote_domain_get_memory_parameters_args: Codec<remote_domain_get_memory_parameters_args> = xdrStruct<remote_domain_get_memory_parameters_args>({
  dom: remote_nonnull_domain,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_memory_parameters_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_domain_get_memory_parameters_ret: Codec<remote_domain_get_memory_parameters_ret> = xdrStruct<remote_domain_get_memory_parameters_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_block_resize_args {
  dom: remote_nonnull_domain;
  disk: remote_nonnull_string;
  size: bigint;
  flags: number;
}
export const remote_domain_block_resize_args: Codec<remote_domain_block_resize_args> = xdrStruct<remote_domain_block_resize_args>({
  dom: remote_nonnull_domain,
  disk: remote_nonnull_string,
  size: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_set_numa_parameters_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_numa_parameters_args: Codec<remote_domain_set_numa_parameters_args> = xdrStruct<remote_domain_set_numa_parameters_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_NUMA_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_get_numa_parameters_args {
  dom: remote_nonnull_domain;
  nparams: number;
  flags: number;
}
export const remote_domain_get_numa_parameters_args: Codec<remote_domain_get_numa_parameters_args> = xdrStruct<remote_domain_get_numa_parameters_args>({
  dom: remote_nonnull_domain,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_numa_parameters_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_domain_get_numa_parameters_ret: Codec<remote_domain_get_numa_parameters_ret> = xdrStruct<remote_domain_get_numa_parameters_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_NUMA_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_set_perf_events_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_perf_events_args: Codec<remote_domain_set_perf_events_args> = xdrStruct<remote_domain_set_perf_events_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_PERF_EVENTS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_get_perf_events_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_perf_events_args: Codec<remote_domain_get_perf_events_args> = xdrStruct<remote_domain_get_perf_events_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_perf_events_ret {
  params: remote_typed_param[];
}
export const remote_domain_get_perf_events_ret: Codec<remote_domain_get_perf_events_ret> = xdrStruct<remote_domain_get_perf_events_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_PERF_EVENTS_MAX, 'params'),
});

export interface remote_domain_block_stats_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
}
export const remote_domain_block_stats_args: Codec<remote_domain_block_stats_args> = xdrStruct<remote_domain_block_stats_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
});

export interface remote_domain_block_stats_ret {
  rd_req: bigint;
  rd_bytes: bigint;
  wr_req: bigint;
  wr_bytes: bigint;
  errs: bigint;
}
export const remote_domain_block_stats_ret: Codec<remote_domain_block_stats_ret> = xdrStruct<remote_domain_block_stats_ret>({
  rd_req: xdrHyper,
  rd_bytes: xdrHyper,
  wr_req: xdrHyper,
  wr_bytes: xdrHyper,
  errs: xdrHyper,
});

export interface remote_domain_block_stats_flags_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  nparams: number;
  flags: number;
}
export const remote_domain_block_stats_flags_args: Codec<remote_domain_block_stats_flags_args> = xdrStruct<remote_domain_block_stats_flags_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_block_stats_flags_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_domain_block_stats_flags_ret: Codec<remote_domain_block_stats_flags_ret> = xdrStruct<remote_domain_block_stats_flags_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_interface_stats_args {
  dom: remote_nonnull_domain;
  device: remote_nonnull_string;
}
export const remote_domain_interface_stats_args: Codec<remote_domain_interface_stats_args> = xdrStruct<remote_domain_interface_stats_args>({
  dom: remote_nonnull_domain,
  device: remote_nonnull_string,
});

export interface remote_domain_interface_stats_ret {
  rx_bytes: bigint;
  rx_packets: bigint;
  rx_errs: bigint;
  rx_drop: bigint;
  tx_bytes: bigint;
  tx_packets: bigint;
  tx_errs: bigint;
  tx_drop: bigint;
}
export const remote_domain_interface_stats_ret: Codec<remote_domain_interface_stats_ret> = xdrStruct<remote_domain_interface_stats_ret>({
  rx_bytes: xdrHyper,
  rx_packets: xdrHyper,
  rx_errs: xdrHyper,
  rx_drop: xdrHyper,
  tx_bytes: xdrHyper,
  tx_packets: xdrHyper,
  tx_errs: xdrHyper,
  tx_drop: xdrHyper,
});

export interface remote_domain_set_interface_parameters_args {
  dom: remote_nonnull_domain;
  device: remote_nonnull_string;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_interface_parameters_args: Codec<remote_domain_set_interface_parameters_args> = xdrStruct<remote_domain_set_interface_parameters_args>({
  dom: remote_nonnull_domain,
  device: remote_nonnull_string,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_get_interface_parameters_args {
  dom: remote_nonnull_domain;
  device: remote_nonnull_string;
  nparams: number;
  flags: number;
}
export const remote_domain_get_interface_parameters_args: Codec<remote_domain_get_interface_parameters_args> = xdrStruct<remote_domain_get_interface_parameters_args>({
  dom: remote_nonnull_domain,
  device: remote_nonnull_string,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_interface_parameters_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_domain_get_interface_parameters_ret: Codec<remote_domain_get_interface_parameters_ret> = xdrStruct<remote_domain_get_interface_parameters_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_memory_stats_args {
  dom: remote_nonnull_domain;
  maxStats: number;
  flags: number;
}
export const remote_domain_memory_stats_args: Codec<remote_domain_memory_stats_args> = xdrStruct<remote_domain_memory_stats_args>({
  dom: remote_nonnull_domain,
  maxStats: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_memory_stat {
  tag: number;
  val: bigint;
}
export const remote_domain_memory_stat: Codec<remote_domain_memory_stat> = xdrStruct<remote_domain_memory_stat>({
  tag: xdrInt,
  val: xdrUhyper,
});

export interface remote_domain_memory_stats_ret {
  stats: remote_domain_memory_stat[];
}
export const remote_domain_memory_stats_ret: Codec<remote_domain_memory_stats_ret> = xdrStruct<remote_domain_memory_stats_ret>({
  stats: xdrArray(remote_domain_memory_stat, REMOTE_DOMAIN_MEMORY_STATS_MAX, 'stats'),
});

export interface remote_domain_block_peek_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  offset: bigint;
  size: number;
  flags: number;
}
export const remote_domain_block_peek_args: Codec<remote_domain_block_peek_args> = xdrStruct<remote_domain_block_peek_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  offset: xdrUhyper,
  size: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_block_peek_ret {
  buffer: Uint8Array;
}
export const remote_domain_block_peek_ret: Codec<remote_domain_block_peek_ret> = xdrStruct<remote_domain_block_peek_ret>({
  buffer: xdrOpaque(REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX),
});

export interface remote_domain_memory_peek_args {
  dom: remote_nonnull_domain;
  offset: bigint;
  size: number;
  flags: number;
}
export const remote_domain_memory_peek_args: Codec<remote_domain_memory_peek_args> = xdrStruct<remote_domain_memory_peek_args>({
  dom: remote_nonnull_domain,
  offset: xdrUhyper,
  size: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_memory_peek_ret {
  buffer: Uint8Array;
}
export const remote_domain_memory_peek_ret: Codec<remote_domain_memory_peek_ret> = xdrStruct<remote_domain_memory_peek_ret>({
  buffer: xdrOpaque(REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX),
});

export interface remote_domain_get_block_info_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  flags: number;
}
export const remote_domain_get_block_info_args: Codec<remote_domain_get_block_info_args> = xdrStruct<remote_domain_get_block_info_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_get_block_info_ret {
  allocation: bigint;
  capacity: bigint;
  physical: bigint;
}
export const remote_domain_get_block_info_ret: Codec<remote_domain_get_block_info_ret> = xdrStruct<remote_domain_get_block_info_ret>({
  allocation: xdrUhyper,
  capacity: xdrUhyper,
  physical: xdrUhyper,
});

export interface remote_connect_list_domains_args {
  maxids: number;
}
export const remote_connect_list_domains_args: Codec<remote_connect_list_domains_args> = xdrStruct<remote_connect_list_domains_args>({
  maxids: xdrInt,
});

export interface remote_connect_list_domains_ret {
  ids: number[];
}
export const remote_connect_list_domains_ret: Codec<remote_connect_list_domains_ret> = xdrStruct<remote_connect_list_domains_ret>({
  ids: xdrArray(xdrInt, REMOTE_DOMAIN_LIST_MAX, 'ids'),
});

export interface remote_connect_num_of_domains_ret {
  num: number;
}
export const remote_connect_num_of_domains_ret: Codec<remote_connect_num_of_domains_ret> = xdrStruct<remote_connect_num_of_domains_ret>({
  num: xdrInt,
});

export interface remote_domain_create_xml_args {
  xml_desc: remote_nonnull_string;
  flags: number;
}
export const remote_domain_create_xml_args: Codec<remote_domain_create_xml_args> = xdrStruct<remote_domain_create_xml_args>({
  xml_desc: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_create_xml_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_create_xml_ret: Codec<remote_domain_create_xml_ret> = xdrStruct<remote_domain_create_xml_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_create_xml_with_files_args {
  xml_desc: remote_nonnull_string;
  flags: number;
}
export const remote_domain_create_xml_with_files_args: Codec<remote_domain_create_xml_with_files_args> = xdrStruct<remote_domain_create_xml_with_files_args>({
  xml_desc: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_create_xml_with_files_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_create_xml_with_files_ret: Codec<remote_domain_create_xml_with_files_ret> = xdrStruct<remote_domain_create_xml_with_files_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_lookup_by_id_args {
  id: number;
}
export const remote_domain_lookup_by_id_args: Codec<remote_domain_lookup_by_id_args> = xdrStruct<remote_domain_lookup_by_id_args>({
  id: xdrInt,
});

export interface remote_domain_lookup_by_id_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_lookup_by_id_ret: Codec<remote_domain_lookup_by_id_ret> = xdrStruct<remote_domain_lookup_by_id_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_lookup_by_uuid_args {
  uuid: remote_uuid;
}
export const remote_domain_lookup_by_uuid_args: Codec<remote_domain_lookup_by_uuid_args> = xdrStruct<remote_domain_lookup_by_uuid_args>({
  uuid: remote_uuid,
});

export interface remote_domain_lookup_by_uuid_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_lookup_by_uuid_ret: Codec<remote_domain_lookup_by_uuid_ret> = xdrStruct<remote_domain_lookup_by_uuid_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_lookup_by_name_args {
  name: remote_nonnull_string;
}
export const remote_domain_lookup_by_name_args: Codec<remote_domain_lookup_by_name_args> = xdrStruct<remote_domain_lookup_by_name_args>({
  name: remote_nonnull_string,
});

export interface remote_domain_lookup_by_name_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_lookup_by_name_ret: Codec<remote_domain_lookup_by_name_ret> = xdrStruct<remote_domain_lookup_by_name_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_suspend_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_suspend_args: Codec<remote_domain_suspend_args> = xdrStruct<remote_domain_suspend_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_resume_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_resume_args: Codec<remote_domain_resume_args> = xdrStruct<remote_domain_resume_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_pm_suspend_for_duration_args {
  dom: remote_nonnull_domain;
  target: number;
  duration: bigint;
  flags: number;
}
export const remote_domain_pm_suspend_for_duration_args: Codec<remote_domain_pm_suspend_for_duration_args> = xdrStruct<remote_domain_pm_suspend_for_duration_args>({
  dom: remote_nonnull_domain,
  target: xdrUint,
  duration: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_pm_wakeup_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_pm_wakeup_args: Codec<remote_domain_pm_wakeup_args> = xdrStruct<remote_domain_pm_wakeup_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_shutdown_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_shutdown_args: Codec<remote_domain_shutdown_args> = xdrStruct<remote_domain_shutdown_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_reboot_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_reboot_args: Codec<remote_domain_reboot_args> = xdrStruct<remote_domain_reboot_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_reset_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_reset_args: Codec<remote_domain_reset_args> = xdrStruct<remote_domain_reset_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_destroy_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_destroy_args: Codec<remote_domain_destroy_args> = xdrStruct<remote_domain_destroy_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_destroy_flags_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_destroy_flags_args: Codec<remote_domain_destroy_flags_args> = xdrStruct<remote_domain_destroy_flags_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_os_type_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_os_type_args: Codec<remote_domain_get_os_type_args> = xdrStruct<remote_domain_get_os_type_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_os_type_ret {
  type: remote_nonnull_string;
}
export const remote_domain_get_os_type_ret: Codec<remote_domain_get_os_type_ret> = xdrStruct<remote_domain_get_os_type_ret>({
  type: remote_nonnull_string,
});

export interface remote_domain_get_max_memory_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_max_memory_args: Codec<remote_domain_get_max_memory_args> = xdrStruct<remote_domain_get_max_memory_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_max_memory_ret {
  memory: bigint;
}
export const remote_domain_get_max_memory_ret: Codec<remote_domain_get_max_memory_ret> = xdrStruct<remote_domain_get_max_memory_ret>({
  memory: xdrUhyper,
});

export interface remote_domain_set_max_memory_args {
  dom: remote_nonnull_domain;
  memory: bigint;
}
export const remote_domain_set_max_memory_args: Codec<remote_domain_set_max_memory_args> = xdrStruct<remote_domain_set_max_memory_args>({
  dom: remote_nonnull_domain,
  memory: xdrUhyper,
});

export interface remote_domain_set_memory_args {
  dom: remote_nonnull_domain;
  memory: bigint;
}
export const remote_domain_set_memory_args: Codec<remote_domain_set_memory_args> = xdrStruct<remote_domain_set_memory_args>({
  dom: remote_nonnull_domain,
  memory: xdrUhyper,
});

export interface remote_domain_set_memory_flags_args {
  dom: remote_nonnull_domain;
  memory: bigint;
  flags: number;
}
export const remote_domain_set_memory_flags_args: Codec<remote_domain_set_memory_flags_args> = xdrStruct<remote_domain_set_memory_flags_args>({
  dom: remote_nonnull_domain,
  memory: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_set_memory_stats_period_args {
  dom: remote_nonnull_domain;
  period: number;
  flags: number;
}
export const remote_domain_set_memory_stats_period_args: Codec<remote_domain_set_memory_stats_period_args> = xdrStruct<remote_domain_set_memory_stats_period_args>({
  dom: remote_nonnull_domain,
  period: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_info_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_info_args: Codec<remote_domain_get_info_args> = xdrStruct<remote_domain_get_info_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_info_ret {
  state: number;
  maxMem: bigint;
  memory: bigint;
  nrVirtCpu: number;
  cpuTime: bigint;
}
export const remote_domain_get_info_ret: Codec<remote_domain_get_info_ret> = xdrStruct<remote_domain_get_info_ret>({
  state: xdrUint,
  maxMem: xdrUhyper,
  memory: xdrUhyper,
  nrVirtCpu: xdrUint,
  cpuTime: xdrUhyper,
});

export interface remote_domain_save_args {
  dom: remote_nonnull_domain;
  to: remote_nonnull_string;
}
export const remote_domain_save_args: Codec<remote_domain_save_args> = xdrStruct<remote_domain_save_args>({
  dom: remote_nonnull_domain,
  to: remote_nonnull_string,
});

export interface remote_domain_save_flags_args {
  dom: remote_nonnull_domain;
  to: remote_nonnull_string;
  dxml: remote_string;
  flags: number;
}
export const remote_domain_save_flags_args: Codec<remote_domain_save_flags_args> = xdrStruct<remote_domain_save_flags_args>({
  dom: remote_nonnull_domain,
  to: remote_nonnull_string,
  dxml: remote_string,
  flags: xdrUint,
});

export interface remote_domain_save_params_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_save_params_args: Codec<remote_domain_save_params_args> = xdrStruct<remote_domain_save_params_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_SAVE_PARAMS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_restore_args {
  from: remote_nonnull_string;
}
export const remote_domain_restore_args: Codec<remote_domain_restore_args> = xdrStruct<remote_domain_restore_args>({
  from: remote_nonnull_string,
});

export interface remote_domain_restore_flags_args {
  from: remote_nonnull_string;
  dxml: remote_string;
  flags: number;
}
export const remote_domain_restore_flags_args: Codec<remote_domain_restore_flags_args> = xdrStruct<remote_domain_restore_flags_args>({
  from: remote_nonnull_string,
  dxml: remote_string,
  flags: xdrUint,
});

export interface remote_domain_restore_params_args {
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_restore_params_args: Codec<remote_domain_restore_params_args> = xdrStruct<remote_domain_restore_params_args>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_SAVE_PARAMS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_save_image_get_xml_desc_args {
  file: remote_nonnull_string;
  flags: number;
}
export const remote_domain_save_image_get_xml_desc_args: Codec<remote_domain_save_image_get_xml_desc_args> = xdrStruct<remote_domain_save_image_get_xml_desc_args>({
  file: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_save_image_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_domain_save_image_get_xml_desc_ret: Codec<remote_domain_save_image_get_xml_desc_ret> = xdrStruct<remote_domain_save_image_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_domain_save_image_define_xml_args {
  file: remote_nonnull_string;
  dxml: remote_nonnull_string;
  flags: number;
}
export const remote_domain_save_image_define_xml_args: Codec<remote_domain_save_image_define_xml_args> = xdrStruct<remote_domain_save_image_define_xml_args>({
  file: remote_nonnull_string,
  dxml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_core_dump_args {
  dom: remote_nonnull_domain;
  to: remote_nonnull_string;
  flags: number;
}
export const remote_domain_core_dump_args: Codec<remote_domain_core_dump_args> = xdrStruct<remote_domain_core_dump_args>({
  dom: remote_nonnull_domain,
  to: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_core_dump_with_format_args {
  dom: remote_nonnull_domain;
  to: remote_nonnull_string;
  dumpformat: number;
  flags: number;
}
export const remote_domain_core_dump_with_format_args: Codec<remote_domain_core_dump_with_format_args> = xdrStruct<remote_domain_core_dump_with_format_args>({
  dom: remote_nonnull_domain,
  to: remote_nonnull_string,
  dumpformat: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_screenshot_args {
  dom: remote_nonnull_domain;
  screen: number;
  flags: number;
}
export const remote_domain_screenshot_args: Codec<remote_domain_screenshot_args> = xdrStruct<remote_domain_screenshot_args>({
  dom: remote_nonnull_domain,
  screen: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_screenshot_ret {
  mime: remote_string;
}
export const remote_domain_screenshot_ret: Codec<remote_domain_screenshot_ret> = xdrStruct<remote_domain_screenshot_ret>({
  mime: remote_string,
});

export interface remote_domain_get_xml_desc_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_xml_desc_args: Codec<remote_domain_get_xml_desc_args> = xdrStruct<remote_domain_get_xml_desc_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_domain_get_xml_desc_ret: Codec<remote_domain_get_xml_desc_ret> = xdrStruct<remote_domain_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_domain_migrate_prepare_args {
  uri_in: remote_string;
  flags: bigint;
  dname: remote_string;
  resource: bigint;
}
export const remote_domain_migrate_prepare_args: Codec<remote_domain_migrate_prepare_args> = xdrStruct<remote_domain_migrate_prepare_args>({
  uri_in: remote_string,
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
});

export interface remote_domain_migrate_prepare_ret {
  cookie: Uint8Array;
  uri_out: remote_string;
}
export const remote_domain_migrate_prepare_ret: Codec<remote_domain_migrate_prepare_ret> = xdrStruct<remote_domain_migrate_prepare_ret>({
  cookie: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri_out: remote_string,
});

export interface remote_domain_migrate_perform_args {
  dom: remote_nonnull_domain;
  cookie: Uint8Array;
  uri: remote_nonnull_string;
  flags: bigint;
  dname: remote_string;
  resource: bigint;
}
export const remote_domain_migrate_perform_args: Codec<remote_domain_migrate_perform_args> = xdrStruct<remote_domain_migrate_perform_args>({
  dom: remote_nonnull_domain,
  cookie: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri: remote_nonnull_string,
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
});

export interface remote_domain_migrate_finish_args {
  dname: remote_nonnull_string;
  cookie: Uint8Array;
  uri: remote_nonnull_string;
  flags: bigint;
}
export const remote_domain_migrate_finish_args: Codec<remote_domain_migrate_finish_args> = xdrStruct<remote_domain_migrate_finish_args>({
  dname: remote_nonnull_string,
  cookie: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri: remote_nonnull_string,
  flags: xdrUhyper,
});

export interface remote_domain_migrate_finish_ret {
  ddom: remote_nonnull_domain;
}
export const remote_domain_migrate_finish_ret: Codec<remote_domain_migrate_finish_ret> = xdrStruct<remote_domain_migrate_finish_ret>({
  ddom: remote_nonnull_domain,
});

export interface remote_domain_migrate_prepare2_args {
  uri_in: remote_string;
  flags: bigint;
  dname: remote_string;
  resource: bigint;
  dom_xml: remote_nonnull_string;
}
export const remote_domain_migrate_prepare2_args: Codec<remote_domain_migrate_prepare2_args> = xdrStruct<remote_domain_migrate_prepare2_args>({
  uri_in: remote_string,
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
  dom_xml: remote_nonnull_string,
});

export interface remote_domain_migrate_prepare2_ret {
  cookie: Uint8Array;
  uri_out: remote_string;
}
export const remote_domain_migrate_prepare2_ret: Codec<remote_domain_migrate_prepare2_ret> = xdrStruct<remote_domain_migrate_prepare2_ret>({
  cookie: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri_out: remote_string,
});

export interface remote_domain_migrate_finish2_args {
  dname: remote_nonnull_string;
  cookie: Uint8Array;
  uri: remote_nonnull_string;
  flags: bigint;
  retcode: number;
}
export const remote_domain_migrate_finish2_args: Codec<remote_domain_migrate_finish2_args> = xdrStruct<remote_domain_migrate_finish2_args>({
  dname: remote_nonnull_string,
  cookie: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri: remote_nonnull_string,
  flags: xdrUhyper,
  retcode: xdrInt,
});

export interface remote_domain_migrate_finish2_ret {
  ddom: remote_nonnull_domain;
}
export const remote_domain_migrate_finish2_ret: Codec<remote_domain_migrate_finish2_ret> = xdrStruct<remote_domain_migrate_finish2_ret>({
  ddom: remote_nonnull_domain,
});

export interface remote_connect_list_defined_domains_args {
  maxnames: number;
}
export const remote_connect_list_defined_domains_args: Codec<remote_connect_list_defined_domains_args> = xdrStruct<remote_connect_list_defined_domains_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_defined_domains_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_defined_domains_ret: Codec<remote_connect_list_defined_domains_ret> = xdrStruct<remote_connect_list_defined_domains_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_LIST_MAX, 'names'),
});

export interface remote_connect_num_of_defined_domains_ret {
  num: number;
}
export const remote_connect_num_of_defined_domains_ret: Codec<remote_connect_num_of_defined_domains_ret> = xdrStruct<remote_connect_num_of_defined_domains_ret>({
  num: xdrInt,
});

export interface remote_domain_create_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_create_args: Codec<remote_domain_create_args> = xdrStruct<remote_domain_create_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_create_with_flags_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_create_with_flags_args: Codec<remote_domain_create_with_flags_args> = xdrStruct<remote_domain_create_with_flags_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_create_with_flags_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_create_with_flags_ret: Codec<remote_domain_create_with_flags_ret> = xdrStruct<remote_domain_create_with_flags_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_create_with_files_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_create_with_files_args: Codec<remote_domain_create_with_files_args> = xdrStruct<remote_domain_create_with_files_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_create_with_files_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_create_with_files_ret: Codec<remote_domain_create_with_files_ret> = xdrStruct<remote_domain_create_with_files_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_define_xml_args {
  xml: remote_nonnull_string;
}
export const remote_domain_define_xml_args: Codec<remote_domain_define_xml_args> = xdrStruct<remote_domain_define_xml_args>({
  xml: remote_nonnull_string,
});

export interface remote_domain_define_xml_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_define_xml_ret: Codec<remote_domain_define_xml_ret> = xdrStruct<remote_domain_define_xml_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_define_xml_flags_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_domain_define_xml_flags_args: Codec<remote_domain_define_xml_flags_args> = xdrStruct<remote_domain_define_xml_flags_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_define_xml_flags_ret {
  dom: remote_nonnull_domain;
}
export const remote_domain_define_xml_flags_ret: Codec<remote_domain_define_xml_flags_ret> = xdrStruct<remote_domain_define_xml_flags_ret>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_undefine_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_undefine_args: Codec<remote_domain_undefine_args> = xdrStruct<remote_domain_undefine_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_undefine_flags_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_undefine_flags_args: Codec<remote_domain_undefine_flags_args> = xdrStruct<remote_domain_undefine_flags_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_inject_nmi_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_inject_nmi_args: Codec<remote_domain_inject_nmi_args> = xdrStruct<remote_domain_inject_nmi_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_send_key_args {
  dom: remote_nonnull_domain;
  codeset: number;
  holdtime: number;
  keycodes: number[];
  flags: number;
}
export const remote_domain_send_key_args: Codec<remote_domain_send_key_args> = xdrStruct<remote_domain_send_key_args>({
  dom: remote_nonnull_domain,
  codeset: xdrUint,
  holdtime: xdrUint,
  keycodes: xdrArray(xdrUint, REMOTE_DOMAIN_SEND_KEY_MAX, 'keycodes'),
  flags: xdrUint,
});

export interface remote_domain_send_process_signal_args {
  dom: remote_nonnull_domain;
  pid_value: bigint;
  signum: number;
  flags: number;
}
export const remote_domain_send_process_signal_args: Codec<remote_domain_send_process_signal_args> = xdrStruct<remote_domain_send_process_signal_args>({
  dom: remote_nonnull_domain,
  pid_value: xdrHyper,
  signum: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_set_vcpus_args {
  dom: remote_nonnull_domain;
  nvcpus: number;
}
export const remote_domain_set_vcpus_args: Codec<remote_domain_set_vcpus_args> = xdrStruct<remote_domain_set_vcpus_args>({
  dom: remote_nonnull_domain,
  nvcpus: xdrUint,
});

export interface remote_domain_set_vcpus_flags_args {
  dom: remote_nonnull_domain;
  nvcpus: number;
  flags: number;
}
export const remote_domain_set_vcpus_flags_args: Codec<remote_domain_set_vcpus_flags_args> = xdrStruct<remote_domain_set_vcpus_flags_args>({
  dom: remote_nonnull_domain,
  nvcpus: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_get_vcpus_flags_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_vcpus_flags_args: Codec<remote_domain_get_vcpus_flags_args> = xdrStruct<remote_domain_get_vcpus_flags_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_vcpus_flags_ret {
  num: number;
}
export const remote_domain_get_vcpus_flags_ret: Codec<remote_domain_get_vcpus_flags_ret> = xdrStruct<remote_domain_get_vcpus_flags_ret>({
  num: xdrInt,
});

export interface remote_domain_pin_vcpu_args {
  dom: remote_nonnull_domain;
  vcpu: number;
  cpumap: Uint8Array;
}
export const remote_domain_pin_vcpu_args: Codec<remote_domain_pin_vcpu_args> = xdrStruct<remote_domain_pin_vcpu_args>({
  dom: remote_nonnull_domain,
  vcpu: xdrUint,
  cpumap: xdrOpaque(REMOTE_CPUMAP_MAX),
});

export interface remote_domain_pin_vcpu_flags_args {
  dom: remote_nonnull_domain;
  vcpu: number;
  cpumap: Uint8Array;
  flags: number;
}
export const remote_domain_pin_vcpu_flags_args: Codec<remote_domain_pin_vcpu_flags_args> = xdrStruct<remote_domain_pin_vcpu_flags_args>({
  dom: remote_nonnull_domain,
  vcpu: xdrUint,
  cpumap: xdrOpaque(REMOTE_CPUMAP_MAX),
  flags: xdrUint,
});

export interface remote_domain_get_vcpu_pin_info_args {
  dom: remote_nonnull_domain;
  ncpumaps: number;
  maplen: number;
  flags: number;
}
export const remote_domain_get_vcpu_pin_info_args: Codec<remote_domain_get_vcpu_pin_info_args> = xdrStruct<remote_domain_get_vcpu_pin_info_args>({
  dom: remote_nonnull_domain,
  ncpumaps: xdrInt,
  maplen: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_vcpu_pin_info_ret {
  cpumaps: Uint8Array;
  num: number;
}
export const remote_domain_get_vcpu_pin_info_ret: Codec<remote_domain_get_vcpu_pin_info_ret> = xdrStruct<remote_domain_get_vcpu_pin_info_ret>({
  cpumaps: xdrOpaque(REMOTE_CPUMAPS_MAX),
  num: xdrInt,
});

export interface remote_domain_pin_emulator_args {
  dom: remote_nonnull_domain;
  cpumap: Uint8Array;
  flags: number;
}
export const remote_domain_pin_emulator_args: Codec<remote_domain_pin_emulator_args> = xdrStruct<remote_domain_pin_emulator_args>({
  dom: remote_nonnull_domain,
  cpumap: xdrOpaque(REMOTE_CPUMAP_MAX),
  flags: xdrUint,
});

export interface remote_domain_get_emulator_pin_info_args {
  dom: remote_nonnull_domain;
  maplen: number;
  flags: number;
}
export const remote_domain_get_emulator_pin_info_args: Codec<remote_domain_get_emulator_pin_info_args> = xdrStruct<remote_domain_get_emulator_pin_info_args>({
  dom: remote_nonnull_domain,
  maplen: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_emulator_pin_info_ret {
  cpumaps: Uint8Array;
  ret: number;
}
export const remote_domain_get_emulator_pin_info_ret: Codec<remote_domain_get_emulator_pin_info_ret> = xdrStruct<remote_domain_get_emulator_pin_info_ret>({
  cpumaps: xdrOpaque(REMOTE_CPUMAPS_MAX),
  ret: xdrInt,
});

export interface remote_domain_get_vcpus_args {
  dom: remote_nonnull_domain;
  maxinfo: number;
  maplen: number;
}
export const remote_domain_get_vcpus_args: Codec<remote_domain_get_vcpus_args> = xdrStruct<remote_domain_get_vcpus_args>({
  dom: remote_nonnull_domain,
  maxinfo: xdrInt,
  maplen: xdrInt,
});

export interface remote_domain_get_vcpus_ret {
  info: remote_vcpu_info[];
  cpumaps: Uint8Array;
}
export const remote_domain_get_vcpus_ret: Codec<remote_domain_get_vcpus_ret> = xdrStruct<remote_domain_get_vcpus_ret>({
  info: xdrArray(remote_vcpu_info, REMOTE_VCPUINFO_MAX, 'info'),
  cpumaps: xdrOpaque(REMOTE_CPUMAPS_MAX),
});

export interface remote_domain_get_max_vcpus_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_max_vcpus_args: Codec<remote_domain_get_max_vcpus_args> = xdrStruct<remote_domain_get_max_vcpus_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_max_vcpus_ret {
  num: number;
}
export const remote_domain_get_max_vcpus_ret: Codec<remote_domain_get_max_vcpus_ret> = xdrStruct<remote_domain_get_max_vcpus_ret>({
  num: xdrInt,
});

export interface remote_domain_iothread_info {
  iothread_id: number;
  cpumap: Uint8Array;
}
export const remote_domain_iothread_info: Codec<remote_domain_iothread_info> = xdrStruct<remote_domain_iothread_info>({
  iothread_id: xdrUint,
  cpumap: xdrOpaque(REMOTE_CPUMAP_MAX),
});

export interface remote_domain_get_iothread_info_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_iothread_info_args: Codec<remote_domain_get_iothread_info_args> = xdrStruct<remote_domain_get_iothread_info_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_iothread_info_ret {
  info: remote_domain_iothread_info[];
  ret: number;
}
export const remote_domain_get_iothread_info_ret: Codec<remote_domain_get_iothread_info_ret> = xdrStruct<remote_domain_get_iothread_info_ret>({
  info: xdrArray(remote_domain_iothread_info, REMOTE_IOTHREAD_INFO_MAX, 'info'),
  ret: xdrUint,
});

export interface remote_domain_pin_iothread_args {
  dom: remote_nonnull_domain;
  iothreads_id: number;
  cpumap: Uint8Array;
  flags: number;
}
export const remote_domain_pin_iothread_args: Codec<remote_domain_pin_iothread_args> = xdrStruct<remote_domain_pin_iothread_args>({
  dom: remote_nonnull_domain,
  iothreads_id: xdrUint,
  cpumap: xdrOpaque(REMOTE_CPUMAP_MAX),
  flags: xdrUint,
});

export interface remote_domain_add_iothread_args {
  dom: remote_nonnull_domain;
  iothread_id: number;
  flags: number;
}
export const remote_domain_add_iothread_args: Codec<remote_domain_add_iothread_args> = xdrStruct<remote_domain_add_iothread_args>({
  dom: remote_nonnull_domain,
  iothread_id: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_del_iothread_args {
  dom: remote_nonnull_domain;
  iothread_id: number;
  flags: number;
}
export const remote_domain_del_iothread_args: Codec<remote_domain_del_iothread_args> = xdrStruct<remote_domain_del_iothread_args>({
  dom: remote_nonnull_domain,
  iothread_id: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_set_iothread_params_args {
  dom: remote_nonnull_domain;
  iothread_id: number;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_iothread_params_args: Codec<remote_domain_set_iothread_params_args> = xdrStruct<remote_domain_set_iothread_params_args>({
  dom: remote_nonnull_domain,
  iothread_id: xdrUint,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_IOTHREAD_PARAMS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_get_security_label_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_security_label_args: Codec<remote_domain_get_security_label_args> = xdrStruct<remote_domain_get_security_label_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_security_label_ret {
  label: Uint8Array;
  enforcing: number;
}
export const remote_domain_get_security_label_ret: Codec<remote_domain_get_security_label_ret> = xdrStruct<remote_domain_get_security_label_ret>({
  label: xdrCharBytes(REMOTE_SECURITY_LABEL_MAX),
  enforcing: xdrInt,
});

export interface remote_domain_get_security_label_list_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_security_label_list_args: Codec<remote_domain_get_security_label_list_args> = xdrStruct<remote_domain_get_security_label_list_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_security_label_list_ret {
  labels: remote_domain_get_security_label_ret[];
  ret: number;
}
export const remote_domain_get_security_label_list_ret: Codec<remote_domain_get_security_label_list_ret> = xdrStruct<remote_domain_get_security_label_list_ret>({
  labels: xdrArray(remote_domain_get_security_label_ret, REMOTE_SECURITY_LABEL_LIST_MAX, 'labels'),
  ret: xdrInt,
});

export interface remote_node_get_security_model_ret {
  model: Uint8Array;
  doi: Uint8Array;
}
export const remote_node_get_security_model_ret: Codec<remote_node_get_security_model_ret> = xdrStruct<remote_node_get_security_model_ret>({
  model: xdrCharBytes(REMOTE_SECURITY_MODEL_MAX),
  doi: xdrCharBytes(REMOTE_SECURITY_DOI_MAX),
});

export interface remote_domain_attach_device_args {
  dom: remote_nonnull_domain;
  xml: remote_nonnull_string;
}
export const remote_domain_attach_device_args: Codec<remote_domain_attach_device_args> = xdrStruct<remote_domain_attach_device_args>({
  dom: remote_nonnull_domain,
  xml: remote_nonnull_string,
});

export interface remote_domain_attach_device_flags_args {
  dom: remote_nonnull_domain;
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_domain_attach_device_flags_args: Codec<remote_domain_attach_device_flags_args> = xdrStruct<remote_domain_attach_device_flags_args>({
  dom: remote_nonnull_domain,
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_detach_device_args {
  dom: remote_nonnull_domain;
  xml: remote_nonnull_string;
}
export const remote_domain_detach_device_args: Codec<remote_domain_detach_device_args> = xdrStruct<remote_domain_detach_device_args>({
  dom: remote_nonnull_domain,
  xml: remote_nonnull_string,
});

export interface remote_domain_detach_device_flags_args {
  dom: remote_nonnull_domain;
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_domain_detach_device_flags_args: Codec<remote_domain_detach_device_flags_args> = xdrStruct<remote_domain_detach_device_flags_args>({
  dom: remote_nonnull_domain,
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_update_device_flags_args {
  dom: remote_nonnull_domain;
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_domain_update_device_flags_args: Codec<remote_domain_update_device_flags_args> = xdrStruct<remote_domain_update_device_flags_args>({
  dom: remote_nonnull_domain,
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_detach_device_alias_args {
  dom: remote_nonnull_domain;
  alias: remote_nonnull_string;
  flags: number;
}
export const remote_domain_detach_device_alias_args: Codec<remote_domain_detach_device_alias_args> = xdrStruct<remote_domain_detach_device_alias_args>({
  dom: remote_nonnull_domain,
  alias: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_get_autostart_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_autostart_args: Codec<remote_domain_get_autostart_args> = xdrStruct<remote_domain_get_autostart_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_autostart_ret {
  autostart: number;
}
export const remote_domain_get_autostart_ret: Codec<remote_domain_get_autostart_ret> = xdrStruct<remote_domain_get_autostart_ret>({
  autostart: xdrInt,
});

export interface remote_domain_set_autostart_args {
  dom: remote_nonnull_domain;
  autostart: number;
}
export const remote_domain_set_autostart_args: Codec<remote_domain_set_autostart_args> = xdrStruct<remote_domain_set_autostart_args>({
  dom: remote_nonnull_domain,
  autostart: xdrInt,
});

export interface remote_domain_set_metadata_args {
  dom: remote_nonnull_domain;
  type: number;
  metadata: remote_string;
  key: remote_string;
  uri: remote_string;
  flags: number;
}
export const remote_domain_set_metadata_args: Codec<remote_domain_set_metadata_args> = xdrStruct<remote_domain_set_metadata_args>({
  dom: remote_nonnull_domain,
  type: xdrInt,
  metadata: remote_string,
  key: remote_string,
  uri: remote_string,
  flags: xdrUint,
});

export interface remote_domain_get_metadata_args {
  dom: remote_nonnull_domain;
  type: number;
  uri: remote_string;
  flags: number;
}
export const remote_domain_get_metadata_args: Codec<remote_domain_get_metadata_args> = xdrStruct<remote_domain_get_metadata_args>({
  dom: remote_nonnull_domain,
  type: xdrInt,
  uri: remote_string,
  flags: xdrUint,
});

export interface remote_domain_get_metadata_ret {
  metadata: remote_nonnull_string;
}
export const remote_domain_get_metadata_ret: Codec<remote_domain_get_metadata_ret> = xdrStruct<remote_domain_get_metadata_ret>({
  metadata: remote_nonnull_string,
});

export interface remote_domain_block_job_abort_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  flags: number;
}
export const remote_domain_block_job_abort_args: Codec<remote_domain_block_job_abort_args> = xdrStruct<remote_domain_block_job_abort_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_get_block_job_info_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  flags: number;
}
export const remote_domain_get_block_job_info_args: Codec<remote_domain_get_block_job_info_args> = xdrStruct<remote_domain_get_block_job_info_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_get_block_job_info_ret {
  found: number;
  type: number;
  bandwidth: bigint;
  cur: bigint;
  end: bigint;
}
export const remote_domain_get_block_job_info_ret: Codec<remote_domain_get_block_job_info_ret> = xdrStruct<remote_domain_get_block_job_info_ret>({
  found: xdrInt,
  type: xdrInt,
  bandwidth: xdrUhyper,
  cur: xdrUhyper,
  end: xdrUhyper,
});

export interface remote_domain_block_job_set_speed_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  bandwidth: bigint;
  flags: number;
}
export const remote_domain_block_job_set_speed_args: Codec<remote_domain_block_job_set_speed_args> = xdrStruct<remote_domain_block_job_set_speed_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  bandwidth: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_block_pull_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  bandwidth: bigint;
  flags: number;
}
export const remote_domain_block_pull_args: Codec<remote_domain_block_pull_args> = xdrStruct<remote_domain_block_pull_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  bandwidth: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_block_rebase_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  base: remote_string;
  bandwidth: bigint;
  flags: number;
}
export const remote_domain_block_rebase_args: Codec<remote_domain_block_rebase_args> = xdrStruct<remote_domain_block_rebase_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  base: remote_string,
  bandwidth: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_block_copy_args {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  destxml: remote_nonnull_string;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_block_copy_args: Codec<remote_domain_block_copy_args> = xdrStruct<remote_domain_block_copy_args>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  destxml: remote_nonnull_string,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_BLOCK_COPY_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_block_commit_args {
  dom: remote_nonnull_domain;
  disk: remote_nonnull_string;
  base: remote_string;
  top: remote_string;
  bandwidth: bigint;
  flags: number;
}
export const remote_domain_block_commit_args: Codec<remote_domain_block_commit_args> = xdrStruct<remote_domain_block_commit_args>({
  dom: remote_nonnull_domain,
  disk: remote_nonnull_string,
  base: remote_string,
  top: remote_string,
  bandwidth: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_set_block_io_tune_args {
  dom: remote_nonnull_domain;
  disk: remote_nonnull_string;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_block_io_tune_args: Codec<remote_domain_set_block_io_tune_args> = xdrStruct<remote_domain_set_block_io_tune_args>({
  dom: remote_nonnull_domain,
  disk: remote_nonnull_string,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_get_block_io_tune_args {
  dom: remote_nonnull_domain;
  disk: remote_string;
  nparams: number;
  flags: number;
}
export const remote_domain_get_block_io_tune_args: Codec<remote_domain_get_block_io_tune_args> = xdrStruct<remote_domain_get_block_io_tune_args>({
  dom: remote_nonnull_domain,
  disk: remote_string,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_get_block_io_tune_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_domain_get_block_io_tune_ret: Codec<remote_domain_get_block_io_tune_ret> = xdrStruct<remote_domain_get_block_io_tune_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_set_throttle_group_args {
  dom: remote_nonnull_domain;
  group: remote_nonnull_string;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_throttle_group_args: Codec<remote_domain_set_throttle_group_args> = xdrStruct<remote_domain_set_throttle_group_args>({
  dom: remote_nonnull_domain,
  group: remote_nonnull_string,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_del_throttle_group_args {
  dom: remote_nonnull_domain;
  group: remote_string;
  flags: number;
}
export const remote_domain_del_throttle_group_args: Codec<remote_domain_del_throttle_group_args> = xdrStruct<remote_domain_del_throttle_group_args>({
  dom: remote_nonnull_domain,
  group: remote_string,
  flags: xdrUint,
});

export interface remote_domain_get_cpu_stats_args {
  dom: remote_nonnull_domain;
  nparams: number;
  start_cpu: number;
  ncpus: number;
  flags: number;
}
export const remote_domain_get_cpu_stats_args: Codec<remote_domain_get_cpu_stats_args> = xdrStruct<remote_domain_get_cpu_stats_args>({
  dom: remote_nonnull_domain,
  nparams: xdrUint,
  start_cpu: xdrInt,
  ncpus: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_get_cpu_stats_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_domain_get_cpu_stats_ret: Codec<remote_domain_get_cpu_stats_ret> = xdrStruct<remote_domain_get_cpu_stats_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_GET_CPU_STATS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_get_hostname_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_hostname_args: Codec<remote_domain_get_hostname_args> = xdrStruct<remote_domain_get_hostname_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_hostname_ret {
  hostname: remote_nonnull_string;
}
export const remote_domain_get_hostname_ret: Codec<remote_domain_get_hostname_ret> = xdrStruct<remote_domain_get_hostname_ret>({
  hostname: remote_nonnull_string,
});

export interface remote_connect_num_of_networks_ret {
  num: number;
}
export const remote_connect_num_of_networks_ret: Codec<remote_connect_num_of_networks_ret> = xdrStruct<remote_connect_num_of_networks_ret>({
  num: xdrInt,
});

export interface remote_connect_list_networks_args {
  maxnames: number;
}
export const remote_connect_list_networks_args: Codec<remote_connect_list_networks_args> = xdrStruct<remote_connect_list_networks_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_networks_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_networks_ret: Codec<remote_connect_list_networks_ret> = xdrStruct<remote_connect_list_networks_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_NETWORK_LIST_MAX, 'names'),
});

export interface remote_connect_num_of_defined_networks_ret {
  num: number;
}
export const remote_connect_num_of_defined_networks_ret: Codec<remote_connect_num_of_defined_networks_ret> = xdrStruct<remote_connect_num_of_defined_networks_ret>({
  num: xdrInt,
});

export interface remote_connect_list_defined_networks_args {
  maxnames: number;
}
export const remote_connect_list_defined_networks_args: Codec<remote_connect_list_defined_networks_args> = xdrStruct<remote_connect_list_defined_networks_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_defined_networks_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_defined_networks_ret: Codec<remote_connect_list_defined_networks_ret> = xdrStruct<remote_connect_list_defined_networks_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_NETWORK_LIST_MAX, 'names'),
});

export interface remote_network_lookup_by_uuid_args {
  uuid: remote_uuid;
}
export const remote_network_lookup_by_uuid_args: Codec<remote_network_lookup_by_uuid_args> = xdrStruct<remote_network_lookup_by_uuid_args>({
  uuid: remote_uuid,
});

export interface remote_network_lookup_by_uuid_ret {
  net: remote_nonnull_network;
}
export const remote_network_lookup_by_uuid_ret: Codec<remote_network_lookup_by_uuid_ret> = xdrStruct<remote_network_lookup_by_uuid_ret>({
  net: remote_nonnull_network,
});

export interface remote_network_lookup_by_name_args {
  name: remote_nonnull_string;
}
export const remote_network_lookup_by_name_args: Codec<remote_network_lookup_by_name_args> = xdrStruct<remote_network_lookup_by_name_args>({
  name: remote_nonnull_string,
});

export interface remote_network_lookup_by_name_ret {
  net: remote_nonnull_network;
}
export const remote_network_lookup_by_name_ret: Codec<remote_network_lookup_by_name_ret> = xdrStruct<remote_network_lookup_by_name_ret>({
  net: remote_nonnull_network,
});

export interface remote_network_create_xml_args {
  xml: remote_nonnull_string;
}
export const remote_network_create_xml_args: Codec<remote_network_create_xml_args> = xdrStruct<remote_network_create_xml_args>({
  xml: remote_nonnull_string,
});

export interface remote_network_create_xml_ret {
  net: remote_nonnull_network;
}
export const remote_network_create_xml_ret: Codec<remote_network_create_xml_ret> = xdrStruct<remote_network_create_xml_ret>({
  net: remote_nonnull_network,
});

export interface remote_network_create_xml_flags_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_network_create_xml_flags_args: Codec<remote_network_create_xml_flags_args> = xdrStruct<remote_network_create_xml_flags_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_network_create_xml_flags_ret {
  net: remote_nonnull_network;
}
export const remote_network_create_xml_flags_ret: Codec<remote_network_create_xml_flags_ret> = xdrStruct<remote_network_create_xml_flags_ret>({
  net: remote_nonnull_network,
});

export interface remote_network_define_xml_args {
  xml: remote_nonnull_string;
}
export const remote_network_define_xml_args: Codec<remote_network_define_xml_args> = xdrStruct<remote_network_define_xml_args>({
  xml: remote_nonnull_string,
});

export interface remote_network_define_xml_ret {
  net: remote_nonnull_network;
}
export const remote_network_define_xml_ret: Codec<remote_network_define_xml_ret> = xdrStruct<remote_network_define_xml_ret>({
  net: remote_nonnull_network,
});

export interface remote_network_define_xml_flags_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_network_define_xml_flags_args: Codec<remote_network_define_xml_flags_args> = xdrStruct<remote_network_define_xml_flags_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_network_define_xml_flags_ret {
  net: remote_nonnull_network;
}
export const remote_network_define_xml_flags_ret: Codec<remote_network_define_xml_flags_ret> = xdrStruct<remote_network_define_xml_flags_ret>({
  net: remote_nonnull_network,
});

export interface remote_network_undefine_args {
  net: remote_nonnull_network;
}
export const remote_network_undefine_args: Codec<remote_network_undefine_args> = xdrStruct<remote_network_undefine_args>({
  net: remote_nonnull_network,
});

export interface remote_network_update_args {
  net: remote_nonnull_network;
  command: number;
  section: number;
  parentIndex: number;
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_network_update_args: Codec<remote_network_update_args> = xdrStruct<remote_network_update_args>({
  net: remote_nonnull_network,
  command: xdrUint,
  section: xdrUint,
  parentIndex: xdrInt,
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_network_create_args {
  net: remote_nonnull_network;
}
export const remote_network_create_args: Codec<remote_network_create_args> = xdrStruct<remote_network_create_args>({
  net: remote_nonnull_network,
});

export interface remote_network_destroy_args {
  net: remote_nonnull_network;
}
export const remote_network_destroy_args: Codec<remote_network_destroy_args> = xdrStruct<remote_network_destroy_args>({
  net: remote_nonnull_network,
});

export interface remote_network_get_xml_desc_args {
  net: remote_nonnull_network;
  flags: number;
}
export const remote_network_get_xml_desc_args: Codec<remote_network_get_xml_desc_args> = xdrStruct<remote_network_get_xml_desc_args>({
  net: remote_nonnull_network,
  flags: xdrUint,
});

export interface remote_network_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_network_get_xml_desc_ret: Codec<remote_network_get_xml_desc_ret> = xdrStruct<remote_network_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_network_get_bridge_name_args {
  net: remote_nonnull_network;
}
export const remote_network_get_bridge_name_args: Codec<remote_network_get_bridge_name_args> = xdrStruct<remote_network_get_bridge_name_args>({
  net: remote_nonnull_network,
});

export interface remote_network_get_bridge_name_ret {
  name: remote_nonnull_string;
}
export const remote_network_get_bridge_name_ret: Codec<remote_network_get_bridge_name_ret> = xdrStruct<remote_network_get_bridge_name_ret>({
  name: remote_nonnull_string,
});

export interface remote_network_get_autostart_args {
  net: remote_nonnull_network;
}
export const remote_network_get_autostart_args: Codec<remote_network_get_autostart_args> = xdrStruct<remote_network_get_autostart_args>({
  net: remote_nonnull_network,
});

export interface remote_network_get_autostart_ret {
  autostart: number;
}
export const remote_network_get_autostart_ret: Codec<remote_network_get_autostart_ret> = xdrStruct<remote_network_get_autostart_ret>({
  autostart: xdrInt,
});

export interface remote_network_set_autostart_args {
  net: remote_nonnull_network;
  autostart: number;
}
export const remote_network_set_autostart_args: Codec<remote_network_set_autostart_args> = xdrStruct<remote_network_set_autostart_args>({
  net: remote_nonnull_network,
  autostart: xdrInt,
});

export interface remote_connect_num_of_nwfilters_ret {
  num: number;
}
export const remote_connect_num_of_nwfilters_ret: Codec<remote_connect_num_of_nwfilters_ret> = xdrStruct<remote_connect_num_of_nwfilters_ret>({
  num: xdrInt,
});

export interface remote_connect_list_nwfilters_args {
  maxnames: number;
}
export const remote_connect_list_nwfilters_args: Codec<remote_connect_list_nwfilters_args> = xdrStruct<remote_connect_list_nwfilters_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_nwfilters_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_nwfilters_ret: Codec<remote_connect_list_nwfilters_ret> = xdrStruct<remote_connect_list_nwfilters_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_NWFILTER_LIST_MAX, 'names'),
});

export interface remote_nwfilter_lookup_by_uuid_args {
  uuid: remote_uuid;
}
export const remote_nwfilter_lookup_by_uuid_args: Codec<remote_nwfilter_lookup_by_uuid_args> = xdrStruct<remote_nwfilter_lookup_by_uuid_args>({
  uuid: remote_uuid,
});

export interface remote_nwfilter_lookup_by_uuid_ret {
  nwfilter: remote_nonnull_nwfilter;
}
export const remote_nwfilter_lookup_by_uuid_ret: Codec<remote_nwfilter_lookup_by_uuid_ret> = xdrStruct<remote_nwfilter_lookup_by_uuid_ret>({
  nwfilter: remote_nonnull_nwfilter,
});

export interface remote_nwfilter_lookup_by_name_args {
  name: remote_nonnull_string;
}
export const remote_nwfilter_lookup_by_name_args: Codec<remote_nwfilter_lookup_by_name_args> = xdrStruct<remote_nwfilter_lookup_by_name_args>({
  name: remote_nonnull_string,
});

export interface remote_nwfilter_lookup_by_name_ret {
  nwfilter: remote_nonnull_nwfilter;
}
export const remote_nwfilter_lookup_by_name_ret: Codec<remote_nwfilter_lookup_by_name_ret> = xdrStruct<remote_nwfilter_lookup_by_name_ret>({
  nwfilter: remote_nonnull_nwfilter,
});

export interface remote_nwfilter_define_xml_args {
  xml: remote_nonnull_string;
}
export const remote_nwfilter_define_xml_args: Codec<remote_nwfilter_define_xml_args> = xdrStruct<remote_nwfilter_define_xml_args>({
  xml: remote_nonnull_string,
});

export interface remote_nwfilter_define_xml_ret {
  nwfilter: remote_nonnull_nwfilter;
}
export const remote_nwfilter_define_xml_ret: Codec<remote_nwfilter_define_xml_ret> = xdrStruct<remote_nwfilter_define_xml_ret>({
  nwfilter: remote_nonnull_nwfilter,
});

export interface remote_nwfilter_define_xml_flags_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_nwfilter_define_xml_flags_args: Codec<remote_nwfilter_define_xml_flags_args> = xdrStruct<remote_nwfilter_define_xml_flags_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_nwfilter_define_xml_flags_ret {
  nwfilter: remote_nonnull_nwfilter;
}
export const remote_nwfilter_define_xml_flags_ret: Codec<remote_nwfilter_define_xml_flags_ret> = xdrStruct<remote_nwfilter_define_xml_flags_ret>({
  nwfilter: remote_nonnull_nwfilter,
});

export interface remote_nwfilter_undefine_args {
  nwfilter: remote_nonnull_nwfilter;
}
export const remote_nwfilter_undefine_args: Codec<remote_nwfilter_undefine_args> = xdrStruct<remote_nwfilter_undefine_args>({
  nwfilter: remote_nonnull_nwfilter,
});

export interface remote_nwfilter_get_xml_desc_args {
  nwfilter: remote_nonnull_nwfilter;
  flags: number;
}
export const remote_nwfilter_get_xml_desc_args: Codec<remote_nwfilter_get_xml_desc_args> = xdrStruct<remote_nwfilter_get_xml_desc_args>({
  nwfilter: remote_nonnull_nwfilter,
  flags: xdrUint,
});

export interface remote_nwfilter_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_nwfilter_get_xml_desc_ret: Codec<remote_nwfilter_get_xml_desc_ret> = xdrStruct<remote_nwfilter_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_connect_num_of_interfaces_ret {
  num: number;
}
export const remote_connect_num_of_interfaces_ret: Codec<remote_connect_num_of_interfaces_ret> = xdrStruct<remote_connect_num_of_interfaces_ret>({
  num: xdrInt,
});

export interface remote_connect_list_interfaces_args {
  maxnames: number;
}
export const remote_connect_list_interfaces_args: Codec<remote_connect_list_interfaces_args> = xdrStruct<remote_connect_list_interfaces_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_interfaces_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_interfaces_ret: Codec<remote_connect_list_interfaces_ret> = xdrStruct<remote_connect_list_interfaces_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_INTERFACE_LIST_MAX, 'names'),
});

export interface remote_connect_num_of_defined_interfaces_ret {
  num: number;
}
export const remote_connect_num_of_defined_interfaces_ret: Codec<remote_connect_num_of_defined_interfaces_ret> = xdrStruct<remote_connect_num_of_defined_interfaces_ret>({
  num: xdrInt,
});

export interface remote_connect_list_defined_interfaces_args {
  maxnames: number;
}
export const remote_connect_list_defined_interfaces_args: Codec<remote_connect_list_defined_interfaces_args> = xdrStruct<remote_connect_list_defined_interfaces_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_defined_interfaces_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_defined_interfaces_ret: Codec<remote_connect_list_defined_interfaces_ret> = xdrStruct<remote_connect_list_defined_interfaces_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_INTERFACE_LIST_MAX, 'names'),
});

export interface remote_interface_lookup_by_name_args {
  name: remote_nonnull_string;
}
export const remote_interface_lookup_by_name_args: Codec<remote_interface_lookup_by_name_args> = xdrStruct<remote_interface_lookup_by_name_args>({
  name: remote_nonnull_string,
});

export interface remote_interface_lookup_by_name_ret {
  iface: remote_nonnull_interface;
}
export const remote_interface_lookup_by_name_ret: Codec<remote_interface_lookup_by_name_ret> = xdrStruct<remote_interface_lookup_by_name_ret>({
  iface: remote_nonnull_interface,
});

export interface remote_interface_lookup_by_mac_string_args {
  mac: remote_nonnull_string;
}
export const remote_interface_lookup_by_mac_string_args: Codec<remote_interface_lookup_by_mac_string_args> = xdrStruct<remote_interface_lookup_by_mac_string_args>({
  mac: remote_nonnull_string,
});

export interface remote_interface_lookup_by_mac_string_ret {
  iface: remote_nonnull_interface;
}
export const remote_interface_lookup_by_mac_string_ret: Codec<remote_interface_lookup_by_mac_string_ret> = xdrStruct<remote_interface_lookup_by_mac_string_ret>({
  iface: remote_nonnull_interface,
});

export interface remote_interface_get_xml_desc_args {
  iface: remote_nonnull_interface;
  flags: number;
}
export const remote_interface_get_xml_desc_args: Codec<remote_interface_get_xml_desc_args> = xdrStruct<remote_interface_get_xml_desc_args>({
  iface: remote_nonnull_interface,
  flags: xdrUint,
});

export interface remote_interface_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_interface_get_xml_desc_ret: Codec<remote_interface_get_xml_desc_ret> = xdrStruct<remote_interface_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_interface_define_xml_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_interface_define_xml_args: Codec<remote_interface_define_xml_args> = xdrStruct<remote_interface_define_xml_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_interface_define_xml_ret {
  iface: remote_nonnull_interface;
}
export const remote_interface_define_xml_ret: Codec<remote_interface_define_xml_ret> = xdrStruct<remote_interface_define_xml_ret>({
  iface: remote_nonnull_interface,
});

export interface remote_interface_undefine_args {
  iface: remote_nonnull_interface;
}
export const remote_interface_undefine_args: Codec<remote_interface_undefine_args> = xdrStruct<remote_interface_undefine_args>({
  iface: remote_nonnull_interface,
});

export interface remote_interface_create_args {
  iface: remote_nonnull_interface;
  flags: number;
}
export const remote_interface_create_args: Codec<remote_interface_create_args> = xdrStruct<remote_interface_create_args>({
  iface: remote_nonnull_interface,
  flags: xdrUint,
});

export interface remote_interface_destroy_args {
  iface: remote_nonnull_interface;
  flags: number;
}
export const remote_interface_destroy_args: Codec<remote_interface_destroy_args> = xdrStruct<remote_interface_destroy_args>({
  iface: remote_nonnull_interface,
  flags: xdrUint,
});

export interface remote_interface_change_begin_args {
  flags: number;
}
export const remote_interface_change_begin_args: Codec<remote_interface_change_begin_args> = xdrStruct<remote_interface_change_begin_args>({
  flags: xdrUint,
});

export interface remote_interface_change_commit_args {
  flags: number;
}
export const remote_interface_change_commit_args: Codec<remote_interface_change_commit_args> = xdrStruct<remote_interface_change_commit_args>({
  flags: xdrUint,
});

export interface remote_interface_change_rollback_args {
  flags: number;
}
export const remote_interface_change_rollback_args: Codec<remote_interface_change_rollback_args> = xdrStruct<remote_interface_change_rollback_args>({
  flags: xdrUint,
});

export interface remote_auth_list_ret {
  types: number[];
}
export const remote_auth_list_ret: Codec<remote_auth_list_ret> = xdrStruct<remote_auth_list_ret>({
  types: xdrArray(xdrInt, REMOTE_AUTH_TYPE_LIST_MAX, 'types'),
});

export interface remote_auth_sasl_init_ret {
  mechlist: remote_nonnull_string;
}
export const remote_auth_sasl_init_ret: Codec<remote_auth_sasl_init_ret> = xdrStruct<remote_auth_sasl_init_ret>({
  mechlist: remote_nonnull_string,
});

export interface remote_auth_sasl_start_args {
  mech: remote_nonnull_string;
  nil: number;
  data: Uint8Array;
}
export const remote_auth_sasl_start_args: Codec<remote_auth_sasl_start_args> = xdrStruct<remote_auth_sasl_start_args>({
  mech: remote_nonnull_string,
  nil: xdrInt,
  data: xdrCharBytes(REMOTE_AUTH_SASL_DATA_MAX),
});

export interface remote_auth_sasl_start_ret {
  complete: number;
  nil: number;
  data: Uint8Array;
}
export const remote_auth_sasl_start_ret: Codec<remote_auth_sasl_start_ret> = xdrStruct<remote_auth_sasl_start_ret>({
  complete: xdrInt,
  nil: xdrInt,
  data: xdrCharBytes(REMOTE_AUTH_SASL_DATA_MAX),
});

export interface remote_auth_sasl_step_args {
  nil: number;
  data: Uint8Array;
}
export const remote_auth_sasl_step_args: Codec<remote_auth_sasl_step_args> = xdrStruct<remote_auth_sasl_step_args>({
  nil: xdrInt,
  data: xdrCharBytes(REMOTE_AUTH_SASL_DATA_MAX),
});

export interface remote_auth_sasl_step_ret {
  complete: number;
  nil: number;
  data: Uint8Array;
}
export const remote_auth_sasl_step_ret: Codec<remote_auth_sasl_step_ret> = xdrStruct<remote_auth_sasl_step_ret>({
  complete: xdrInt,
  nil: xdrInt,
  data: xdrCharBytes(REMOTE_AUTH_SASL_DATA_MAX),
});

export interface remote_auth_polkit_ret {
  complete: number;
}
export const remote_auth_polkit_ret: Codec<remote_auth_polkit_ret> = xdrStruct<remote_auth_polkit_ret>({
  complete: xdrInt,
});

export interface remote_connect_num_of_storage_pools_ret {
  num: number;
}
export const remote_connect_num_of_storage_pools_ret: Codec<remote_connect_num_of_storage_pools_ret> = xdrStruct<remote_connect_num_of_storage_pools_ret>({
  num: xdrInt,
});

export interface remote_connect_list_storage_pools_args {
  maxnames: number;
}
export const remote_connect_list_storage_pools_args: Codec<remote_connect_list_storage_pools_args> = xdrStruct<remote_connect_list_storage_pools_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_storage_pools_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_storage_pools_ret: Codec<remote_connect_list_storage_pools_ret> = xdrStruct<remote_connect_list_storage_pools_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_STORAGE_POOL_LIST_MAX, 'names'),
});

export interface remote_connect_num_of_defined_storage_pools_ret {
  num: number;
}
export const remote_connect_num_of_defined_storage_pools_ret: Codec<remote_connect_num_of_defined_storage_pools_ret> = xdrStruct<remote_connect_num_of_defined_storage_pools_ret>({
  num: xdrInt,
});

export interface remote_connect_list_defined_storage_pools_args {
  maxnames: number;
}
export const remote_connect_list_defined_storage_pools_args: Codec<remote_connect_list_defined_storage_pools_args> = xdrStruct<remote_connect_list_defined_storage_pools_args>({
  maxnames: xdrInt,
});

export interface remote_connect_list_defined_storage_pools_ret {
  names: remote_nonnull_string[];
}
export const remote_connect_list_defined_storage_pools_ret: Codec<remote_connect_list_defined_storage_pools_ret> = xdrStruct<remote_connect_list_defined_storage_pools_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_STORAGE_POOL_LIST_MAX, 'names'),
});

export interface remote_connect_find_storage_pool_sources_args {
  type: remote_nonnull_string;
  srcSpec: remote_string;
  flags: number;
}
export const remote_connect_find_storage_pool_sources_args: Codec<remote_connect_find_storage_pool_sources_args> = xdrStruct<remote_connect_find_storage_pool_sources_args>({
  type: remote_nonnull_string,
  srcSpec: remote_string,
  flags: xdrUint,
});

export interface remote_connect_find_storage_pool_sources_ret {
  xml: remote_nonnull_string;
}
export const remote_connect_find_storage_pool_sources_ret: Codec<remote_connect_find_storage_pool_sources_ret> = xdrStruct<remote_connect_find_storage_pool_sources_ret>({
  xml: remote_nonnull_string,
});

export interface remote_storage_pool_lookup_by_uuid_args {
  uuid: remote_uuid;
}
export const remote_storage_pool_lookup_by_uuid_args: Codec<remote_storage_pool_lookup_by_uuid_args> = xdrStruct<remote_storage_pool_lookup_by_uuid_args>({
  uuid: remote_uuid,
});

export interface remote_storage_pool_lookup_by_uuid_ret {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_lookup_by_uuid_ret: Codec<remote_storage_pool_lookup_by_uuid_ret> = xdrStruct<remote_storage_pool_lookup_by_uuid_ret>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_lookup_by_name_args {
  name: remote_nonnull_string;
}
export const remote_storage_pool_lookup_by_name_args: Codec<remote_storage_pool_lookup_by_name_args> = xdrStruct<remote_storage_pool_lookup_by_name_args>({
  name: remote_nonnull_string,
});

export interface remote_storage_pool_lookup_by_name_ret {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_lookup_by_name_ret: Codec<remote_storage_pool_lookup_by_name_ret> = xdrStruct<remote_storage_pool_lookup_by_name_ret>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_lookup_by_volume_args {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_pool_lookup_by_volume_args: Codec<remote_storage_pool_lookup_by_volume_args> = xdrStruct<remote_storage_pool_lookup_by_volume_args>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_pool_lookup_by_volume_ret {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_lookup_by_volume_ret: Codec<remote_storage_pool_lookup_by_volume_ret> = xdrStruct<remote_storage_pool_lookup_by_volume_ret>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_lookup_by_target_path_args {
  path: remote_nonnull_string;
}
export const remote_storage_pool_lookup_by_target_path_args: Codec<remote_storage_pool_lookup_by_target_path_args> = xdrStruct<remote_storage_pool_lookup_by_target_path_args>({
  path: remote_nonnull_string,
});

export interface remote_storage_pool_lookup_by_target_path_ret {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_lookup_by_target_path_ret: Codec<remote_storage_pool_lookup_by_target_path_ret> = xdrStruct<remote_storage_pool_lookup_by_target_path_ret>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_create_xml_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_storage_pool_create_xml_args: Codec<remote_storage_pool_create_xml_args> = xdrStruct<remote_storage_pool_create_xml_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_storage_pool_create_xml_ret {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_create_xml_ret: Codec<remote_storage_pool_create_xml_ret> = xdrStruct<remote_storage_pool_create_xml_ret>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_define_xml_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_storage_pool_define_xml_args: Codec<remote_storage_pool_define_xml_args> = xdrStruct<remote_storage_pool_define_xml_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_storage_pool_define_xml_ret {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_define_xml_ret: Codec<remote_storage_pool_define_xml_ret> = xdrStruct<remote_storage_pool_define_xml_ret>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_build_args {
  pool: remote_nonnull_storage_pool;
  flags: number;
}
export const remote_storage_pool_build_args: Codec<remote_storage_pool_build_args> = xdrStruct<remote_storage_pool_build_args>({
  pool: remote_nonnull_storage_pool,
  flags: xdrUint,
});

export interface remote_storage_pool_undefine_args {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_undefine_args: Codec<remote_storage_pool_undefine_args> = xdrStruct<remote_storage_pool_undefine_args>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_create_args {
  pool: remote_nonnull_storage_pool;
  flags: number;
}
export const remote_storage_pool_create_args: Codec<remote_storage_pool_create_args> = xdrStruct<remote_storage_pool_create_args>({
  pool: remote_nonnull_storage_pool,
  flags: xdrUint,
});

export interface remote_storage_pool_destroy_args {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_destroy_args: Codec<remote_storage_pool_destroy_args> = xdrStruct<remote_storage_pool_destroy_args>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_delete_args {
  pool: remote_nonnull_storage_pool;
  flags: number;
}
export const remote_storage_pool_delete_args: Codec<remote_storage_pool_delete_args> = xdrStruct<remote_storage_pool_delete_args>({
  pool: remote_nonnull_storage_pool,
  flags: xdrUint,
});

export interface remote_storage_pool_refresh_args {
  pool: remote_nonnull_storage_pool;
  flags: number;
}
export const remote_storage_pool_refresh_args: Codec<remote_storage_pool_refresh_args> = xdrStruct<remote_storage_pool_refresh_args>({
  pool: remote_nonnull_storage_pool,
  flags: xdrUint,
});

export interface remote_storage_pool_get_xml_desc_args {
  pool: remote_nonnull_storage_pool;
  flags: number;
}
export const remote_storage_pool_get_xml_desc_args: Codec<remote_storage_pool_get_xml_desc_args> = xdrStruct<remote_storage_pool_get_xml_desc_args>({
  pool: remote_nonnull_storage_pool,
  flags: xdrUint,
});

export interface remote_storage_pool_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_storage_pool_get_xml_desc_ret: Codec<remote_storage_pool_get_xml_desc_ret> = xdrStruct<remote_storage_pool_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_storage_pool_get_info_args {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_get_info_args: Codec<remote_storage_pool_get_info_args> = xdrStruct<remote_storage_pool_get_info_args>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_get_info_ret {
  state: number;
  capacity: bigint;
  allocation: bigint;
  available: bigint;
}
export const remote_storage_pool_get_info_ret: Codec<remote_storage_pool_get_info_ret> = xdrStruct<remote_storage_pool_get_info_ret>({
  state: xdrUint,
  capacity: xdrUhyper,
  allocation: xdrUhyper,
  available: xdrUhyper,
});

export interface remote_storage_pool_get_autostart_args {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_get_autostart_args: Codec<remote_storage_pool_get_autostart_args> = xdrStruct<remote_storage_pool_get_autostart_args>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_get_autostart_ret {
  autostart: number;
}
export const remote_storage_pool_get_autostart_ret: Codec<remote_storage_pool_get_autostart_ret> = xdrStruct<remote_storage_pool_get_autostart_ret>({
  autostart: xdrInt,
});

export interface remote_storage_pool_set_autostart_args {
  pool: remote_nonnull_storage_pool;
  autostart: number;
}
export const remote_storage_pool_set_autostart_args: Codec<remote_storage_pool_set_autostart_args> = xdrStruct<remote_storage_pool_set_autostart_args>({
  pool: remote_nonnull_storage_pool,
  autostart: xdrInt,
});

export interface remote_storage_pool_num_of_volumes_args {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_num_of_volumes_args: Codec<remote_storage_pool_num_of_volumes_args> = xdrStruct<remote_storage_pool_num_of_volumes_args>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_num_of_volumes_ret {
  num: number;
}
export const remote_storage_pool_num_of_volumes_ret: Codec<remote_storage_pool_num_of_volumes_ret> = xdrStruct<remote_storage_pool_num_of_volumes_ret>({
  num: xdrInt,
});

export interface remote_storage_pool_list_volumes_args {
  pool: remote_nonnull_storage_pool;
  maxnames: number;
}
export const remote_storage_pool_list_volumes_args: Codec<remote_storage_pool_list_volumes_args> = xdrStruct<remote_storage_pool_list_volumes_args>({
  pool: remote_nonnull_storage_pool,
  maxnames: xdrInt,
});

export interface remote_storage_pool_list_volumes_ret {
  names: remote_nonnull_string[];
}
export const remote_storage_pool_list_volumes_ret: Codec<remote_storage_pool_list_volumes_ret> = xdrStruct<remote_storage_pool_list_volumes_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_STORAGE_VOL_LIST_MAX, 'names'),
});

export interface remote_storage_vol_lookup_by_name_args {
  pool: remote_nonnull_storage_pool;
  name: remote_nonnull_string;
}
export const remote_storage_vol_lookup_by_name_args: Codec<remote_storage_vol_lookup_by_name_args> = xdrStruct<remote_storage_vol_lookup_by_name_args>({
  pool: remote_nonnull_storage_pool,
  name: remote_nonnull_string,
});

export interface remote_storage_vol_lookup_by_name_ret {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_vol_lookup_by_name_ret: Codec<remote_storage_vol_lookup_by_name_ret> = xdrStruct<remote_storage_vol_lookup_by_name_ret>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_vol_lookup_by_key_args {
  key: remote_nonnull_string;
}
export const remote_storage_vol_lookup_by_key_args: Codec<remote_storage_vol_lookup_by_key_args> = xdrStruct<remote_storage_vol_lookup_by_key_args>({
  key: remote_nonnull_string,
});

export interface remote_storage_vol_lookup_by_key_ret {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_vol_lookup_by_key_ret: Codec<remote_storage_vol_lookup_by_key_ret> = xdrStruct<remote_storage_vol_lookup_by_key_ret>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_vol_lookup_by_path_args {
  path: remote_nonnull_string;
}
export const remote_storage_vol_lookup_by_path_args: Codec<remote_storage_vol_lookup_by_path_args> = xdrStruct<remote_storage_vol_lookup_by_path_args>({
  path: remote_nonnull_string,
});

export interface remote_storage_vol_lookup_by_path_ret {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_vol_lookup_by_path_ret: Codec<remote_storage_vol_lookup_by_path_ret> = xdrStruct<remote_storage_vol_lookup_by_path_ret>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_vol_create_xml_args {
  pool: remote_nonnull_storage_pool;
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_storage_vol_create_xml_args: Codec<remote_storage_vol_create_xml_args> = xdrStruct<remote_storage_vol_create_xml_args>({
  pool: remote_nonnull_storage_pool,
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_storage_vol_create_xml_ret {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_vol_create_xml_ret: Codec<remote_storage_vol_create_xml_ret> = xdrStruct<remote_storage_vol_create_xml_ret>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_vol_create_xml_from_args {
  pool: remote_nonnull_storage_pool;
  xml: remote_nonnull_string;
  clonevol: remote_nonnull_storage_vol;
  flags: number;
}
export const remote_storage_vol_create_xml_from_args: Codec<remote_storage_vol_create_xml_from_args> = xdrStruct<remote_storage_vol_create_xml_from_args>({
  pool: remote_nonnull_storage_pool,
  xml: remote_nonnull_string,
  clonevol: remote_nonnull_storage_vol,
  flags: xdrUint,
});

export interface remote_storage_vol_create_xml_from_ret {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_vol_create_xml_from_ret: Codec<remote_storage_vol_create_xml_from_ret> = xdrStruct<remote_storage_vol_create_xml_from_ret>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_vol_delete_args {
  vol: remote_nonnull_storage_vol;
  flags: number;
}
export const remote_storage_vol_delete_args: Codec<remote_storage_vol_delete_args> = xdrStruct<remote_storage_vol_delete_args>({
  vol: remote_nonnull_storage_vol,
  flags: xdrUint,
});

export interface remote_storage_vol_wipe_args {
  vol: remote_nonnull_storage_vol;
  flags: number;
}
export const remote_storage_vol_wipe_args: Codec<remote_storage_vol_wipe_args> = xdrStruct<remote_storage_vol_wipe_args>({
  vol: remote_nonnull_storage_vol,
  flags: xdrUint,
});

export interface remote_storage_vol_wipe_pattern_args {
  vol: remote_nonnull_storage_vol;
  algorithm: number;
  flags: number;
}
export const remote_storage_vol_wipe_pattern_args: Codec<remote_storage_vol_wipe_pattern_args> = xdrStruct<remote_storage_vol_wipe_pattern_args>({
  vol: remote_nonnull_storage_vol,
  algorithm: xdrUint,
  flags: xdrUint,
});

export interface remote_storage_vol_get_xml_desc_args {
  vol: remote_nonnull_storage_vol;
  flags: number;
}
export const remote_storage_vol_get_xml_desc_args: Codec<remote_storage_vol_get_xml_desc_args> = xdrStruct<remote_storage_vol_get_xml_desc_args>({
  vol: remote_nonnull_storage_vol,
  flags: xdrUint,
});

export interface remote_storage_vol_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_storage_vol_get_xml_desc_ret: Codec<remote_storage_vol_get_xml_desc_ret> = xdrStruct<remote_storage_vol_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_storage_vol_get_info_args {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_vol_get_info_args: Codec<remote_storage_vol_get_info_args> = xdrStruct<remote_storage_vol_get_info_args>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_vol_get_info_ret {
  type: number;
  capacity: bigint;
  allocation: bigint;
}
export const remote_storage_vol_get_info_ret: Codec<remote_storage_vol_get_info_ret> = xdrStruct<remote_storage_vol_get_info_ret>({
  type: xdrInt,
  capacity: xdrUhyper,
  allocation: xdrUhyper,
});

export interface remote_storage_vol_get_info_flags_args {
  vol: remote_nonnull_storage_vol;
  flags: number;
}
export const remote_storage_vol_get_info_flags_args: Codec<remote_storage_vol_get_info_flags_args> = xdrStruct<remote_storage_vol_get_info_flags_args>({
  vol: remote_nonnull_storage_vol,
  flags: xdrUint,
});

export interface remote_storage_vol_get_info_flags_ret {
  type: number;
  capacity: bigint;
  allocation: bigint;
}
export const remote_storage_vol_get_info_flags_ret: Codec<remote_storage_vol_get_info_flags_ret> = xdrStruct<remote_storage_vol_get_info_flags_ret>({
  type: xdrInt,
  capacity: xdrUhyper,
  allocation: xdrUhyper,
});

export interface remote_storage_vol_get_path_args {
  vol: remote_nonnull_storage_vol;
}
export const remote_storage_vol_get_path_args: Codec<remote_storage_vol_get_path_args> = xdrStruct<remote_storage_vol_get_path_args>({
  vol: remote_nonnull_storage_vol,
});

export interface remote_storage_vol_get_path_ret {
  name: remote_nonnull_string;
}
export const remote_storage_vol_get_path_ret: Codec<remote_storage_vol_get_path_ret> = xdrStruct<remote_storage_vol_get_path_ret>({
  name: remote_nonnull_string,
});

export interface remote_storage_vol_resize_args {
  vol: remote_nonnull_storage_vol;
  capacity: bigint;
  flags: number;
}
export const remote_storage_vol_resize_args: Codec<remote_storage_vol_resize_args> = xdrStruct<remote_storage_vol_resize_args>({
  vol: remote_nonnull_storage_vol,
  capacity: xdrUhyper,
  flags: xdrUint,
});

export interface remote_node_num_of_devices_args {
  cap: remote_string;
  flags: number;
}
export const remote_node_num_of_devices_args: Codec<remote_node_num_of_devices_args> = xdrStruct<remote_node_num_of_devices_args>({
  cap: remote_string,
  flags: xdrUint,
});

export interface remote_node_num_of_devices_ret {
  num: number;
}
export const remote_node_num_of_devices_ret: Codec<remote_node_num_of_devices_ret> = xdrStruct<remote_node_num_of_devices_ret>({
  num: xdrInt,
});

export interface remote_node_list_devices_args {
  cap: remote_string;
  maxnames: number;
  flags: number;
}
export const remote_node_list_devices_args: Codec<remote_node_list_devices_args> = xdrStruct<remote_node_list_devices_args>({
  cap: remote_string,
  maxnames: xdrInt,
  flags: xdrUint,
});

export interface remote_node_list_devices_ret {
  names: remote_nonnull_string[];
}
export const remote_node_list_devices_ret: Codec<remote_node_list_devices_ret> = xdrStruct<remote_node_list_devices_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_NODE_DEVICE_LIST_MAX, 'names'),
});

export interface remote_node_device_lookup_by_name_args {
  name: remote_nonnull_string;
}
export const remote_node_device_lookup_by_name_args: Codec<remote_node_device_lookup_by_name_args> = xdrStruct<remote_node_device_lookup_by_name_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_lookup_by_name_ret {
  dev: remote_nonnull_node_device;
}
export const remote_node_device_lookup_by_name_ret: Codec<remote_node_device_lookup_by_name_ret> = xdrStruct<remote_node_device_lookup_by_name_ret>({
  dev: remote_nonnull_node_device,
});

export interface remote_node_device_lookup_scsi_host_by_wwn_args {
  wwnn: remote_nonnull_string;
  wwpn: remote_nonnull_string;
  flags: number;
}
export const remote_node_device_lookup_scsi_host_by_wwn_args: Codec<remote_node_device_lookup_scsi_host_by_wwn_args> = xdrStruct<remote_node_device_lookup_scsi_host_by_wwn_args>({
  wwnn: remote_nonnull_string,
  wwpn: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_node_device_lookup_scsi_host_by_wwn_ret {
  dev: remote_nonnull_node_device;
}
export const remote_node_device_lookup_scsi_host_by_wwn_ret: Codec<remote_node_device_lookup_scsi_host_by_wwn_ret> = xdrStruct<remote_node_device_lookup_scsi_host_by_wwn_ret>({
  dev: remote_nonnull_node_device,
});

export interface remote_node_device_get_xml_desc_args {
  name: remote_nonnull_string;
  flags: number;
}
export const remote_node_device_get_xml_desc_args: Codec<remote_node_device_get_xml_desc_args> = xdrStruct<remote_node_device_get_xml_desc_args>({
  name: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_node_device_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_node_device_get_xml_desc_ret: Codec<remote_node_device_get_xml_desc_ret> = xdrStruct<remote_node_device_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_node_device_get_parent_args {
  name: remote_nonnull_string;
}
export const remote_node_device_get_parent_args: Codec<remote_node_device_get_parent_args> = xdrStruct<remote_node_device_get_parent_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_get_parent_ret {
  parentName: remote_string;
}
export const remote_node_device_get_parent_ret: Codec<remote_node_device_get_parent_ret> = xdrStruct<remote_node_device_get_parent_ret>({
  parentName: remote_string,
});

export interface remote_node_device_num_of_caps_args {
  name: remote_nonnull_string;
}
export const remote_node_device_num_of_caps_args: Codec<remote_node_device_num_of_caps_args> = xdrStruct<remote_node_device_num_of_caps_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_num_of_caps_ret {
  num: number;
}
export const remote_node_device_num_of_caps_ret: Codec<remote_node_device_num_of_caps_ret> = xdrStruct<remote_node_device_num_of_caps_ret>({
  num: xdrInt,
});

export interface remote_node_device_list_caps_args {
  name: remote_nonnull_string;
  maxnames: number;
}
export const remote_node_device_list_caps_args: Codec<remote_node_device_list_caps_args> = xdrStruct<remote_node_device_list_caps_args>({
  name: remote_nonnull_string,
  maxnames: xdrInt,
});

export interface remote_node_device_list_caps_ret {
  names: remote_nonnull_string[];
}
export const remote_node_device_list_caps_ret: Codec<remote_node_device_list_caps_ret> = xdrStruct<remote_node_device_list_caps_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_NODE_DEVICE_CAPS_LIST_MAX, 'names'),
});

export interface remote_node_device_dettach_args {
  name: remote_nonnull_string;
}
export const remote_node_device_dettach_args: Codec<remote_node_device_dettach_args> = xdrStruct<remote_node_device_dettach_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_detach_flags_args {
  name: remote_nonnull_string;
  driverName: remote_string;
  flags: number;
}
export const remote_node_device_detach_flags_args: Codec<remote_node_device_detach_flags_args> = xdrStruct<remote_node_device_detach_flags_args>({
  name: remote_nonnull_string,
  driverName: remote_string,
  flags: xdrUint,
});

export interface remote_node_device_re_attach_args {
  name: remote_nonnull_string;
}
export const remote_node_device_re_attach_args: Codec<remote_node_device_re_attach_args> = xdrStruct<remote_node_device_re_attach_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_reset_args {
  name: remote_nonnull_string;
}
export const remote_node_device_reset_args: Codec<remote_node_device_reset_args> = xdrStruct<remote_node_device_reset_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_create_xml_args {
  xml_desc: remote_nonnull_string;
  flags: number;
}
export const remote_node_device_create_xml_args: Codec<remote_node_device_create_xml_args> = xdrStruct<remote_node_device_create_xml_args>({
  xml_desc: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_node_device_create_xml_ret {
  dev: remote_nonnull_node_device;
}
export const remote_node_device_create_xml_ret: Codec<remote_node_device_create_xml_ret> = xdrStruct<remote_node_device_create_xml_ret>({
  dev: remote_nonnull_node_device,
});

export interface remote_node_device_destroy_args {
  name: remote_nonnull_string;
}
export const remote_node_device_destroy_args: Codec<remote_node_device_destroy_args> = xdrStruct<remote_node_device_destroy_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_define_xml_args {
  xml_desc: remote_nonnull_string;
  flags: number;
}
export const remote_node_device_define_xml_args: Codec<remote_node_device_define_xml_args> = xdrStruct<remote_node_device_define_xml_args>({
  xml_desc: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_node_device_define_xml_ret {
  dev: remote_nonnull_node_device;
}
export const remote_node_device_define_xml_ret: Codec<remote_node_device_define_xml_ret> = xdrStruct<remote_node_device_define_xml_ret>({
  dev: remote_nonnull_node_device,
});

export interface remote_node_device_undefine_args {
  name: remote_nonnull_string;
  flags: number;
}
export const remote_node_device_undefine_args: Codec<remote_node_device_undefine_args> = xdrStruct<remote_node_device_undefine_args>({
  name: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_node_device_create_args {
  name: remote_nonnull_string;
  flags: number;
}
export const remote_node_device_create_args: Codec<remote_node_device_create_args> = xdrStruct<remote_node_device_create_args>({
  name: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_node_device_get_autostart_args {
  name: remote_nonnull_string;
}
export const remote_node_device_get_autostart_args: Codec<remote_node_device_get_autostart_args> = xdrStruct<remote_node_device_get_autostart_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_get_autostart_ret {
  autostart: number;
}
export const remote_node_device_get_autostart_ret: Codec<remote_node_device_get_autostart_ret> = xdrStruct<remote_node_device_get_autostart_ret>({
  autostart: xdrInt,
});

export interface remote_node_device_set_autostart_args {
  name: remote_nonnull_string;
  autostart: number;
}
export const remote_node_device_set_autostart_args: Codec<remote_node_device_set_autostart_args> = xdrStruct<remote_node_device_set_autostart_args>({
  name: remote_nonnull_string,
  autostart: xdrInt,
});

export interface remote_node_device_is_persistent_args {
  name: remote_nonnull_string;
}
export const remote_node_device_is_persistent_args: Codec<remote_node_device_is_persistent_args> = xdrStruct<remote_node_device_is_persistent_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_is_persistent_ret {
  persistent: number;
}
export const remote_node_device_is_persistent_ret: Codec<remote_node_device_is_persistent_ret> = xdrStruct<remote_node_device_is_persistent_ret>({
  persistent: xdrInt,
});

export interface remote_node_device_is_active_args {
  name: remote_nonnull_string;
}
export const remote_node_device_is_active_args: Codec<remote_node_device_is_active_args> = xdrStruct<remote_node_device_is_active_args>({
  name: remote_nonnull_string,
});

export interface remote_node_device_is_active_ret {
  active: number;
}
export const remote_node_device_is_active_ret: Codec<remote_node_device_is_active_ret> = xdrStruct<remote_node_device_is_active_ret>({
  active: xdrInt,
});

export interface remote_node_device_update_args {
  name: remote_nonnull_string;
  xml_desc: remote_nonnull_string;
  flags: number;
}
export const remote_node_device_update_args: Codec<remote_node_device_update_args> = xdrStruct<remote_node_device_update_args>({
  name: remote_nonnull_string,
  xml_desc: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_connect_domain_event_register_ret {
  cb_registered: number;
}
export const remote_connect_domain_event_register_ret: Codec<remote_connect_domain_event_register_ret> = xdrStruct<remote_connect_domain_event_register_ret>({
  cb_registered: xdrInt,
});

export interface remote_connect_domain_event_deregister_ret {
  cb_registered: number;
}
export const remote_connect_domain_event_deregister_ret: Codec<remote_connect_domain_event_deregister_ret> = xdrStruct<remote_connect_domain_event_deregister_ret>({
  cb_registered: xdrInt,
});

export interface remote_domain_event_lifecycle_msg {
  dom: remote_nonnull_domain;
  event: number;
  detail: number;
}
export const remote_domain_event_lifecycle_msg: Codec<remote_domain_event_lifecycle_msg> = xdrStruct<remote_domain_event_lifecycle_msg>({
  dom: remote_nonnull_domain,
  event: xdrInt,
  detail: xdrInt,
});

export interface remote_domain_event_callback_lifecycle_msg {
  callbackID: number;
  msg: remote_domain_event_lifecycle_msg;
}
export const remote_domain_event_callback_lifecycle_msg: Codec<remote_domain_event_callback_lifecycle_msg> = xdrStruct<remote_domain_event_callback_lifecycle_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_lifecycle_msg,
});

export interface remote_connect_domain_xml_from_native_args {
  nativeFormat: remote_nonnull_string;
  nativeConfig: remote_nonnull_string;
  flags: number;
}
export const remote_connect_domain_xml_from_native_args: Codec<remote_connect_domain_xml_from_native_args> = xdrStruct<remote_connect_domain_xml_from_native_args>({
  nativeFormat: remote_nonnull_string,
  nativeConfig: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_connect_domain_xml_from_native_ret {
  domainXml: remote_nonnull_string;
}
export const remote_connect_domain_xml_from_native_ret: Codec<remote_connect_domain_xml_from_native_ret> = xdrStruct<remote_connect_domain_xml_from_native_ret>({
  domainXml: remote_nonnull_string,
});

export interface remote_connect_domain_xml_to_native_args {
  nativeFormat: remote_nonnull_string;
  domainXml: remote_nonnull_string;
  flags: number;
}
export const remote_connect_domain_xml_to_native_args: Codec<remote_connect_domain_xml_to_native_args> = xdrStruct<remote_connect_domain_xml_to_native_args>({
  nativeFormat: remote_nonnull_string,
  domainXml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_connect_domain_xml_to_native_ret {
  nativeConfig: remote_nonnull_string;
}
export const remote_connect_domain_xml_to_native_ret: Codec<remote_connect_domain_xml_to_native_ret> = xdrStruct<remote_connect_domain_xml_to_native_ret>({
  nativeConfig: remote_nonnull_string,
});

export interface remote_connect_num_of_secrets_ret {
  num: number;
}
export const remote_connect_num_of_secrets_ret: Codec<remote_connect_num_of_secrets_ret> = xdrStruct<remote_connect_num_of_secrets_ret>({
  num: xdrInt,
});

export interface remote_connect_list_secrets_args {
  maxuuids: number;
}
export const remote_connect_list_secrets_args: Codec<remote_connect_list_secrets_args> = xdrStruct<remote_connect_list_secrets_args>({
  maxuuids: xdrInt,
});

export interface remote_connect_list_secrets_ret {
  uuids: remote_nonnull_string[];
}
export const remote_connect_list_secrets_ret: Codec<remote_connect_list_secrets_ret> = xdrStruct<remote_connect_list_secrets_ret>({
  uuids: xdrArray(remote_nonnull_string, REMOTE_SECRET_LIST_MAX, 'uuids'),
});

export interface remote_secret_lookup_by_uuid_args {
  uuid: remote_uuid;
}
export const remote_secret_lookup_by_uuid_args: Codec<remote_secret_lookup_by_uuid_args> = xdrStruct<remote_secret_lookup_by_uuid_args>({
  uuid: remote_uuid,
});

export interface remote_secret_lookup_by_uuid_ret {
  secret: remote_nonnull_secret;
}
export const remote_secret_lookup_by_uuid_ret: Codec<remote_secret_lookup_by_uuid_ret> = xdrStruct<remote_secret_lookup_by_uuid_ret>({
  secret: remote_nonnull_secret,
});

export interface remote_secret_define_xml_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_secret_define_xml_args: Codec<remote_secret_define_xml_args> = xdrStruct<remote_secret_define_xml_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_secret_define_xml_ret {
  secret: remote_nonnull_secret;
}
export const remote_secret_define_xml_ret: Codec<remote_secret_define_xml_ret> = xdrStruct<remote_secret_define_xml_ret>({
  secret: remote_nonnull_secret,
});

export interface remote_secret_get_xml_desc_args {
  secret: remote_nonnull_secret;
  flags: number;
}
export const remote_secret_get_xml_desc_args: Codec<remote_secret_get_xml_desc_args> = xdrStruct<remote_secret_get_xml_desc_args>({
  secret: remote_nonnull_secret,
  flags: xdrUint,
});

export interface remote_secret_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_secret_get_xml_desc_ret: Codec<remote_secret_get_xml_desc_ret> = xdrStruct<remote_secret_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_secret_set_value_args {
  secret: remote_nonnull_secret;
  value: Uint8Array;
  flags: number;
}
export const remote_secret_set_value_args: Codec<remote_secret_set_value_args> = xdrStruct<remote_secret_set_value_args>({
  secret: remote_nonnull_secret,
  value: xdrOpaque(REMOTE_SECRET_VALUE_MAX),
  flags: xdrUint,
});

export interface remote_secret_get_value_args {
  secret: remote_nonnull_secret;
  flags: number;
}
export const remote_secret_get_value_args: Codec<remote_secret_get_value_args> = xdrStruct<remote_secret_get_value_args>({
  secret: remote_nonnull_secret,
  flags: xdrUint,
});

export interface remote_secret_get_value_ret {
  value: Uint8Array;
}
export const remote_secret_get_value_ret: Codec<remote_secret_get_value_ret> = xdrStruct<remote_secret_get_value_ret>({
  value: xdrOpaque(REMOTE_SECRET_VALUE_MAX),
});

export interface remote_secret_undefine_args {
  secret: remote_nonnull_secret;
}
export const remote_secret_undefine_args: Codec<remote_secret_undefine_args> = xdrStruct<remote_secret_undefine_args>({
  secret: remote_nonnull_secret,
});

export interface remote_secret_lookup_by_usage_args {
  usageType: number;
  usageID: remote_nonnull_string;
}
export const remote_secret_lookup_by_usage_args: Codec<remote_secret_lookup_by_usage_args> = xdrStruct<remote_secret_lookup_by_usage_args>({
  usageType: xdrInt,
  usageID: remote_nonnull_string,
});

export interface remote_secret_lookup_by_usage_ret {
  secret: remote_nonnull_secret;
}
export const remote_secret_lookup_by_usage_ret: Codec<remote_secret_lookup_by_usage_ret> = xdrStruct<remote_secret_lookup_by_usage_ret>({
  secret: remote_nonnull_secret,
});

export interface remote_domain_migrate_prepare_tunnel_args {
  flags: bigint;
  dname: remote_string;
  resource: bigint;
  dom_xml: remote_nonnull_string;
}
export const remote_domain_migrate_prepare_tunnel_args: Codec<remote_domain_migrate_prepare_tunnel_args> = xdrStruct<remote_domain_migrate_prepare_tunnel_args>({
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
  dom_xml: remote_nonnull_string,
});

export interface remote_connect_is_secure_ret {
  secure: number;
}
export const remote_connect_is_secure_ret: Codec<remote_connect_is_secure_ret> = xdrStruct<remote_connect_is_secure_ret>({
  secure: xdrInt,
});

export interface remote_domain_is_active_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_is_active_args: Codec<remote_domain_is_active_args> = xdrStruct<remote_domain_is_active_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_is_active_ret {
  active: number;
}
export const remote_domain_is_active_ret: Codec<remote_domain_is_active_ret> = xdrStruct<remote_domain_is_active_ret>({
  active: xdrInt,
});

export interface remote_domain_is_persistent_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_is_persistent_args: Codec<remote_domain_is_persistent_args> = xdrStruct<remote_domain_is_persistent_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_is_persistent_ret {
  persistent: number;
}
export const remote_domain_is_persistent_ret: Codec<remote_domain_is_persistent_ret> = xdrStruct<remote_domain_is_persistent_ret>({
  persistent: xdrInt,
});

export interface remote_domain_is_updated_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_is_updated_args: Codec<remote_domain_is_updated_args> = xdrStruct<remote_domain_is_updated_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_is_updated_ret {
  updated: number;
}
export const remote_domain_is_updated_ret: Codec<remote_domain_is_updated_ret> = xdrStruct<remote_domain_is_updated_ret>({
  updated: xdrInt,
});

export interface remote_network_is_active_args {
  net: remote_nonnull_network;
}
export const remote_network_is_active_args: Codec<remote_network_is_active_args> = xdrStruct<remote_network_is_active_args>({
  net: remote_nonnull_network,
});

export interface remote_network_is_active_ret {
  active: number;
}
export const remote_network_is_active_ret: Codec<remote_network_is_active_ret> = xdrStruct<remote_network_is_active_ret>({
  active: xdrInt,
});

export interface remote_network_is_persistent_args {
  net: remote_nonnull_network;
}
export const remote_network_is_persistent_args: Codec<remote_network_is_persistent_args> = xdrStruct<remote_network_is_persistent_args>({
  net: remote_nonnull_network,
});

export interface remote_network_is_persistent_ret {
  persistent: number;
}
export const remote_network_is_persistent_ret: Codec<remote_network_is_persistent_ret> = xdrStruct<remote_network_is_persistent_ret>({
  persistent: xdrInt,
});

export interface remote_storage_pool_is_active_args {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_is_active_args: Codec<remote_storage_pool_is_active_args> = xdrStruct<remote_storage_pool_is_active_args>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_is_active_ret {
  active: number;
}
export const remote_storage_pool_is_active_ret: Codec<remote_storage_pool_is_active_ret> = xdrStruct<remote_storage_pool_is_active_ret>({
  active: xdrInt,
});

export interface remote_storage_pool_is_persistent_args {
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_is_persistent_args: Codec<remote_storage_pool_is_persistent_args> = xdrStruct<remote_storage_pool_is_persistent_args>({
  pool: remote_nonnull_storage_pool,
});

export interface remote_storage_pool_is_persistent_ret {
  persistent: number;
}
export const remote_storage_pool_is_persistent_ret: Codec<remote_storage_pool_is_persistent_ret> = xdrStruct<remote_storage_pool_is_persistent_ret>({
  persistent: xdrInt,
});

export interface remote_interface_is_active_args {
  iface: remote_nonnull_interface;
}
export const remote_interface_is_active_args: Codec<remote_interface_is_active_args> = xdrStruct<remote_interface_is_active_args>({
  iface: remote_nonnull_interface,
});

export interface remote_interface_is_active_ret {
  active: number;
}
export const remote_interface_is_active_ret: Codec<remote_interface_is_active_ret> = xdrStruct<remote_interface_is_active_ret>({
  active: xdrInt,
});

export interface remote_connect_compare_cpu_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_connect_compare_cpu_args: Codec<remote_connect_compare_cpu_args> = xdrStruct<remote_connect_compare_cpu_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_connect_compare_cpu_ret {
  result: number;
}
export const remote_connect_compare_cpu_ret: Codec<remote_connect_compare_cpu_ret> = xdrStruct<remote_connect_compare_cpu_ret>({
  result: xdrInt,
});

export interface remote_connect_baseline_cpu_args {
  xmlCPUs: remote_nonnull_string[];
  flags: number;
}
export const remote_connect_baseline_cpu_args: Codec<remote_connect_baseline_cpu_args> = xdrStruct<remote_connect_baseline_cpu_args>({
  xmlCPUs: xdrArray(remote_nonnull_string, REMOTE_CPU_BASELINE_MAX, 'xmlCPUs'),
  flags: xdrUint,
});

export interface remote_connect_baseline_cpu_ret {
  cpu: remote_nonnull_string;
}
export const remote_connect_baseline_cpu_ret: Codec<remote_connect_baseline_cpu_ret> = xdrStruct<remote_connect_baseline_cpu_ret>({
  cpu: remote_nonnull_string,
});

export interface remote_domain_get_job_info_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_job_info_args: Codec<remote_domain_get_job_info_args> = xdrStruct<remote_domain_get_job_info_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_job_info_ret {
  type: number;
  timeElapsed: bigint;
  timeRemaining: bigint;
  dataTotal: bigint;
  dataProcessed: bigint;
  dataRemaining: bigint;
  memTotal: bigint;
  memProcessed: bigint;
  memRemaining: bigint;
  fileTotal: bigint;
  fileProcessed: bigint;
  fileRemaining: bigint;
}
export const remote_domain_get_job_info_ret: Codec<remote_domain_get_job_info_ret> = xdrStruct<remote_domain_get_job_info_ret>({
  type: xdrInt,
  timeElapsed: xdrUhyper,
  timeRemaining: xdrUhyper,
  dataTotal: xdrUhyper,
  dataProcessed: xdrUhyper,
  dataRemaining: xdrUhyper,
  memTotal: xdrUhyper,
  memProcessed: xdrUhyper,
  memRemaining: xdrUhyper,
  fileTotal: xdrUhyper,
  fileProcessed: xdrUhyper,
  fileRemaining: xdrUhyper,
});

export interface remote_domain_get_job_stats_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_job_stats_args: Codec<remote_domain_get_job_stats_args> = xdrStruct<remote_domain_get_job_stats_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_job_stats_ret {
  type: number;
  params: remote_typed_param[];
}
export const remote_domain_get_job_stats_ret: Codec<remote_domain_get_job_stats_ret> = xdrStruct<remote_domain_get_job_stats_ret>({
  type: xdrInt,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_JOB_STATS_MAX, 'params'),
});

export interface remote_domain_abort_job_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_abort_job_args: Codec<remote_domain_abort_job_args> = xdrStruct<remote_domain_abort_job_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_abort_job_flags_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_abort_job_flags_args: Codec<remote_domain_abort_job_flags_args> = xdrStruct<remote_domain_abort_job_flags_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_migrate_get_max_downtime_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_migrate_get_max_downtime_args: Codec<remote_domain_migrate_get_max_downtime_args> = xdrStruct<remote_domain_migrate_get_max_downtime_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_migrate_get_max_downtime_ret {
  downtime: bigint;
}
export const remote_domain_migrate_get_max_downtime_ret: Codec<remote_domain_migrate_get_max_downtime_ret> = xdrStruct<remote_domain_migrate_get_max_downtime_ret>({
  downtime: xdrUhyper,
});

export interface remote_domain_migrate_set_max_downtime_args {
  dom: remote_nonnull_domain;
  downtime: bigint;
  flags: number;
}
export const remote_domain_migrate_set_max_downtime_args: Codec<remote_domain_migrate_set_max_downtime_args> = xdrStruct<remote_domain_migrate_set_max_downtime_args>({
  dom: remote_nonnull_domain,
  downtime: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_migrate_get_compression_cache_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_migrate_get_compression_cache_args: Codec<remote_domain_migrate_get_compression_cache_args> = xdrStruct<remote_domain_migrate_get_compression_cache_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_migrate_get_compression_cache_ret {
  cacheSize: bigint;
}
export const remote_domain_migrate_get_compression_cache_ret: Codec<remote_domain_migrate_get_compression_cache_ret> = xdrStruct<remote_domain_migrate_get_compression_cache_ret>({
  cacheSize: xdrUhyper,
});

export interface remote_domain_migrate_set_compression_cache_args {
  dom: remote_nonnull_domain;
  cacheSize: bigint;
  flags: number;
}
export const remote_domain_migrate_set_compression_cache_args: Codec<remote_domain_migrate_set_compression_cache_args> = xdrStruct<remote_domain_migrate_set_compression_cache_args>({
  dom: remote_nonnull_domain,
  cacheSize: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_migrate_set_max_speed_args {
  dom: remote_nonnull_domain;
  bandwidth: bigint;
  flags: number;
}
export const remote_domain_migrate_set_max_speed_args: Codec<remote_domain_migrate_set_max_speed_args> = xdrStruct<remote_domain_migrate_set_max_speed_args>({
  dom: remote_nonnull_domain,
  bandwidth: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_migrate_get_max_speed_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_migrate_get_max_speed_args: Codec<remote_domain_migrate_get_max_speed_args> = xdrStruct<remote_domain_migrate_get_max_speed_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_migrate_get_max_speed_ret {
  bandwidth: bigint;
}
export const remote_domain_migrate_get_max_speed_ret: Codec<remote_domain_migrate_get_max_speed_ret> = xdrStruct<remote_domain_migrate_get_max_speed_ret>({
  bandwidth: xdrUhyper,
});

export interface remote_connect_domain_event_register_any_args {
  eventID: number;
}
export const remote_connect_domain_event_register_any_args: Codec<remote_connect_domain_event_register_any_args> = xdrStruct<remote_connect_domain_event_register_any_args>({
  eventID: xdrInt,
});

export interface remote_connect_domain_event_deregister_any_args {
  eventID: number;
}
export const remote_connect_domain_event_deregister_any_args: Codec<remote_connect_domain_event_deregister_any_args> = xdrStruct<remote_connect_domain_event_deregister_any_args>({
  eventID: xdrInt,
});

export interface remote_connect_domain_event_callback_register_any_args {
  eventID: number;
  dom: remote_domain;
}
export const remote_connect_domain_event_callback_register_any_args: Codec<remote_connect_domain_event_callback_register_any_args> = xdrStruct<remote_connect_domain_event_callback_register_any_args>({
  eventID: xdrInt,
  dom: remote_domain,
});

export interface remote_connect_domain_event_callback_register_any_ret {
  callbackID: number;
}
export const remote_connect_domain_event_callback_register_any_ret: Codec<remote_connect_domain_event_callback_register_any_ret> = xdrStruct<remote_connect_domain_event_callback_register_any_ret>({
  callbackID: xdrInt,
});

export interface remote_connect_domain_event_callback_deregister_any_args {
  callbackID: number;
}
export const remote_connect_domain_event_callback_deregister_any_args: Codec<remote_connect_domain_event_callback_deregister_any_args> = xdrStruct<remote_connect_domain_event_callback_deregister_any_args>({
  callbackID: xdrInt,
});

export interface remote_domain_event_reboot_msg {
  dom: remote_nonnull_domain;
}
export const remote_domain_event_reboot_msg: Codec<remote_domain_event_reboot_msg> = xdrStruct<remote_domain_event_reboot_msg>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_event_callback_reboot_msg {
  callbackID: number;
  msg: remote_domain_event_reboot_msg;
}
export const remote_domain_event_callback_reboot_msg: Codec<remote_domain_event_callback_reboot_msg> = xdrStruct<remote_domain_event_callback_reboot_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_reboot_msg,
});

export interface remote_domain_event_rtc_change_msg {
  dom: remote_nonnull_domain;
  offset: bigint;
}
export const remote_domain_event_rtc_change_msg: Codec<remote_domain_event_rtc_change_msg> = xdrStruct<remote_domain_event_rtc_change_msg>({
  dom: remote_nonnull_domain,
  offset: xdrHyper,
});

export interface remote_domain_event_callback_rtc_change_msg {
  callbackID: number;
  msg: remote_domain_event_rtc_change_msg;
}
export const remote_domain_event_callback_rtc_change_msg: Codec<remote_domain_event_callback_rtc_change_msg> = xdrStruct<remote_domain_event_callback_rtc_change_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_rtc_change_msg,
});

export interface remote_domain_event_watchdog_msg {
  dom: remote_nonnull_domain;
  action: number;
}
export const remote_domain_event_watchdog_msg: Codec<remote_domain_event_watchdog_msg> = xdrStruct<remote_domain_event_watchdog_msg>({
  dom: remote_nonnull_domain,
  action: xdrInt,
});

export interface remote_domain_event_callback_watchdog_msg {
  callbackID: number;
  msg: remote_domain_event_watchdog_msg;
}
export const remote_domain_event_callback_watchdog_msg: Codec<remote_domain_event_callback_watchdog_msg> = xdrStruct<remote_domain_event_callback_watchdog_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_watchdog_msg,
});

export interface remote_domain_event_io_error_msg {
  dom: remote_nonnull_domain;
  srcPath: remote_nonnull_string;
  devAlias: remote_nonnull_string;
  action: number;
}
export const remote_domain_event_io_error_msg: Codec<remote_domain_event_io_error_msg> = xdrStruct<remote_domain_event_io_error_msg>({
  dom: remote_nonnull_domain,
  srcPath: remote_nonnull_string,
  devAlias: remote_nonnull_string,
  action: xdrInt,
});

export interface remote_domain_event_callback_io_error_msg {
  callbackID: number;
  msg: remote_domain_event_io_error_msg;
}
export const remote_domain_event_callback_io_error_msg: Codec<remote_domain_event_callback_io_error_msg> = xdrStruct<remote_domain_event_callback_io_error_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_io_error_msg,
});

export interface remote_domain_event_io_error_reason_msg {
  dom: remote_nonnull_domain;
  srcPath: remote_nonnull_string;
  devAlias: remote_nonnull_string;
  action: number;
  reason: remote_nonnull_string;
}
export const remote_domain_event_io_error_reason_msg: Codec<remote_domain_event_io_error_reason_msg> = xdrStruct<remote_domain_event_io_error_reason_msg>({
  dom: remote_nonnull_domain,
  srcPath: remote_nonnull_string,
  devAlias: remote_nonnull_string,
  action: xdrInt,
  reason: remote_nonnull_string,
});

export interface remote_domain_event_callback_io_error_reason_msg {
  callbackID: number;
  msg: remote_domain_event_io_error_reason_msg;
}
export const remote_domain_event_callback_io_error_reason_msg: Codec<remote_domain_event_callback_io_error_reason_msg> = xdrStruct<remote_domain_event_callback_io_error_reason_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_io_error_reason_msg,
});

export interface remote_domain_event_graphics_address {
  family: number;
  node: remote_nonnull_string;
  service: remote_nonnull_string;
}
export const remote_domain_event_graphics_address: Codec<remote_domain_event_graphics_address> = xdrStruct<remote_domain_event_graphics_address>({
  family: xdrInt,
  node: remote_nonnull_string,
  service: remote_nonnull_string,
});

export interface remote_domain_event_graphics_identity {
  type: remote_nonnull_string;
  name: remote_nonnull_string;
}
export const remote_domain_event_graphics_identity: Codec<remote_domain_event_graphics_identity> = xdrStruct<remote_domain_event_graphics_identity>({
  type: remote_nonnull_string,
  name: remote_nonnull_string,
});

export interface remote_domain_event_graphics_msg {
  dom: remote_nonnull_domain;
  phase: number;
  local: remote_domain_event_graphics_address;
  remote: remote_domain_event_graphics_address;
  authScheme: remote_nonnull_string;
  subject: remote_domain_event_graphics_identity[];
}
export const remote_domain_event_graphics_msg: Codec<remote_domain_event_graphics_msg> = xdrStruct<remote_domain_event_graphics_msg>({
  dom: remote_nonnull_domain,
  phase: xdrInt,
  local: remote_domain_event_graphics_address,
  remote: remote_domain_event_graphics_address,
  authScheme: remote_nonnull_string,
  subject: xdrArray(remote_domain_event_graphics_identity, REMOTE_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX, 'subject'),
});

export interface remote_domain_event_callback_graphics_msg {
  callbackID: number;
  msg: remote_domain_event_graphics_msg;
}
export const remote_domain_event_callback_graphics_msg: Codec<remote_domain_event_callback_graphics_msg> = xdrStruct<remote_domain_event_callback_graphics_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_graphics_msg,
});

export interface remote_domain_event_block_job_msg {
  dom: remote_nonnull_domain;
  path: remote_nonnull_string;
  type: number;
  status: number;
}
export const remote_domain_event_block_job_msg: Codec<remote_domain_event_block_job_msg> = xdrStruct<remote_domain_event_block_job_msg>({
  dom: remote_nonnull_domain,
  path: remote_nonnull_string,
  type: xdrInt,
  status: xdrInt,
});

export interface remote_domain_event_callback_block_job_msg {
  callbackID: number;
  msg: remote_domain_event_block_job_msg;
}
export const remote_domain_event_callback_block_job_msg: Codec<remote_domain_event_callback_block_job_msg> = xdrStruct<remote_domain_event_callback_block_job_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_block_job_msg,
});

export interface remote_domain_event_disk_change_msg {
  dom: remote_nonnull_domain;
  oldSrcPath: remote_string;
  newSrcPath: remote_string;
  devAlias: remote_nonnull_string;
  reason: number;
}
export const remote_domain_event_disk_change_msg: Codec<remote_domain_event_disk_change_msg> = xdrStruct<remote_domain_event_disk_change_msg>({
  dom: remote_nonnull_domain,
  oldSrcPath: remote_string,
  newSrcPath: remote_string,
  devAlias: remote_nonnull_string,
  reason: xdrInt,
});

export interface remote_domain_event_callback_disk_change_msg {
  callbackID: number;
  msg: remote_domain_event_disk_change_msg;
}
export const remote_domain_event_callback_disk_change_msg: Codec<remote_domain_event_callback_disk_change_msg> = xdrStruct<remote_domain_event_callback_disk_change_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_disk_change_msg,
});

export interface remote_domain_event_tray_change_msg {
  dom: remote_nonnull_domain;
  devAlias: remote_nonnull_string;
  reason: number;
}
export const remote_domain_event_tray_change_msg: Codec<remote_domain_event_tray_change_msg> = xdrStruct<remote_domain_event_tray_change_msg>({
  dom: remote_nonnull_domain,
  devAlias: remote_nonnull_string,
  reason: xdrInt,
});

export interface remote_domain_event_callback_tray_change_msg {
  callbackID: number;
  msg: remote_domain_event_tray_change_msg;
}
export const remote_domain_event_callback_tray_change_msg: Codec<remote_domain_event_callback_tray_change_msg> = xdrStruct<remote_domain_event_callback_tray_change_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_tray_change_msg,
});

export interface remote_domain_event_pmwakeup_msg {
  dom: remote_nonnull_domain;
}
export const remote_domain_event_pmwakeup_msg: Codec<remote_domain_event_pmwakeup_msg> = xdrStruct<remote_domain_event_pmwakeup_msg>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_event_callback_pmwakeup_msg {
  callbackID: number;
  reason: number;
  msg: remote_domain_event_pmwakeup_msg;
}
export const remote_domain_event_callback_pmwakeup_msg: Codec<remote_domain_event_callback_pmwakeup_msg> = xdrStruct<remote_domain_event_callback_pmwakeup_msg>({
  callbackID: xdrInt,
  reason: xdrInt,
  msg: remote_domain_event_pmwakeup_msg,
});

export interface remote_domain_event_pmsuspend_msg {
  dom: remote_nonnull_domain;
}
export const remote_domain_event_pmsuspend_msg: Codec<remote_domain_event_pmsuspend_msg> = xdrStruct<remote_domain_event_pmsuspend_msg>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_event_callback_pmsuspend_msg {
  callbackID: number;
  reason: number;
  msg: remote_domain_event_pmsuspend_msg;
}
export const remote_domain_event_callback_pmsuspend_msg: Codec<remote_domain_event_callback_pmsuspend_msg> = xdrStruct<remote_domain_event_callback_pmsuspend_msg>({
  callbackID: xdrInt,
  reason: xdrInt,
  msg: remote_domain_event_pmsuspend_msg,
});

export interface remote_domain_event_balloon_change_msg {
  dom: remote_nonnull_domain;
  actual: bigint;
}
export const remote_domain_event_balloon_change_msg: Codec<remote_domain_event_balloon_change_msg> = xdrStruct<remote_domain_event_balloon_change_msg>({
  dom: remote_nonnull_domain,
  actual: xdrUhyper,
});

export interface remote_domain_event_callback_balloon_change_msg {
  callbackID: number;
  msg: remote_domain_event_balloon_change_msg;
}
export const remote_domain_event_callback_balloon_change_msg: Codec<remote_domain_event_callback_balloon_change_msg> = xdrStruct<remote_domain_event_callback_balloon_change_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_balloon_change_msg,
});

export interface remote_domain_event_pmsuspend_disk_msg {
  dom: remote_nonnull_domain;
}
export const remote_domain_event_pmsuspend_disk_msg: Codec<remote_domain_event_pmsuspend_disk_msg> = xdrStruct<remote_domain_event_pmsuspend_disk_msg>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_event_callback_pmsuspend_disk_msg {
  callbackID: number;
  reason: number;
  msg: remote_domain_event_pmsuspend_disk_msg;
}
export const remote_domain_event_callback_pmsuspend_disk_msg: Codec<remote_domain_event_callback_pmsuspend_disk_msg> = xdrStruct<remote_domain_event_callback_pmsuspend_disk_msg>({
  callbackID: xdrInt,
  reason: xdrInt,
  msg: remote_domain_event_pmsuspend_disk_msg,
});

export interface remote_domain_managed_save_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_managed_save_args: Codec<remote_domain_managed_save_args> = xdrStruct<remote_domain_managed_save_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_has_managed_save_image_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_has_managed_save_image_args: Codec<remote_domain_has_managed_save_image_args> = xdrStruct<remote_domain_has_managed_save_image_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_has_managed_save_image_ret {
  result: number;
}
export const remote_domain_has_managed_save_image_ret: Codec<remote_domain_has_managed_save_image_ret> = xdrStruct<remote_domain_has_managed_save_image_ret>({
  result: xdrInt,
});

export interface remote_domain_managed_save_remove_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_managed_save_remove_args: Codec<remote_domain_managed_save_remove_args> = xdrStruct<remote_domain_managed_save_remove_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_managed_save_get_xml_desc_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_managed_save_get_xml_desc_args: Codec<remote_domain_managed_save_get_xml_desc_args> = xdrStruct<remote_domain_managed_save_get_xml_desc_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_managed_save_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_domain_managed_save_get_xml_desc_ret: Codec<remote_domain_managed_save_get_xml_desc_ret> = xdrStruct<remote_domain_managed_save_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_domain_managed_save_define_xml_args {
  dom: remote_nonnull_domain;
  dxml: remote_string;
  flags: number;
}
export const remote_domain_managed_save_define_xml_args: Codec<remote_domain_managed_save_define_xml_args> = xdrStruct<remote_domain_managed_save_define_xml_args>({
  dom: remote_nonnull_domain,
  dxml: remote_string,
  flags: xdrUint,
});

export interface remote_domain_snapshot_create_xml_args {
  dom: remote_nonnull_domain;
  xml_desc: remote_nonnull_string;
  flags: number;
}
export const remote_domain_snapshot_create_xml_args: Codec<remote_domain_snapshot_create_xml_args> = xdrStruct<remote_domain_snapshot_create_xml_args>({
  dom: remote_nonnull_domain,
  xml_desc: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_snapshot_create_xml_ret {
  snap: remote_nonnull_domain_snapshot;
}
export const remote_domain_snapshot_create_xml_ret: Codec<remote_domain_snapshot_create_xml_ret> = xdrStruct<remote_domain_snapshot_create_xml_ret>({
  snap: remote_nonnull_domain_snapshot,
});

export interface remote_domain_snapshot_get_xml_desc_args {
  snap: remote_nonnull_domain_snapshot;
  flags: number;
}
export const remote_domain_snapshot_get_xml_desc_args: Codec<remote_domain_snapshot_get_xml_desc_args> = xdrStruct<remote_domain_snapshot_get_xml_desc_args>({
  snap: remote_nonnull_domain_snapshot,
  flags: xdrUint,
});

export interface remote_domain_snapshot_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_domain_snapshot_get_xml_desc_ret: Codec<remote_domain_snapshot_get_xml_desc_ret> = xdrStruct<remote_domain_snapshot_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_domain_snapshot_num_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_snapshot_num_args: Codec<remote_domain_snapshot_num_args> = xdrStruct<remote_domain_snapshot_num_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_snapshot_num_ret {
  num: number;
}
export const remote_domain_snapshot_num_ret: Codec<remote_domain_snapshot_num_ret> = xdrStruct<remote_domain_snapshot_num_ret>({
  num: xdrInt,
});

export interface remote_domain_snapshot_list_names_args {
  dom: remote_nonnull_domain;
  maxnames: number;
  flags: number;
}
export const remote_domain_snapshot_list_names_args: Codec<remote_domain_snapshot_list_names_args> = xdrStruct<remote_domain_snapshot_list_names_args>({
  dom: remote_nonnull_domain,
  maxnames: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_snapshot_list_names_ret {
  names: remote_nonnull_string[];
}
export const remote_domain_snapshot_list_names_ret: Codec<remote_domain_snapshot_list_names_ret> = xdrStruct<remote_domain_snapshot_list_names_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, 'names'),
});

export interface remote_domain_list_all_snapshots_args {
  dom: remote_nonnull_domain;
  need_results: number;
  flags: number;
}
export const remote_domain_list_all_snapshots_args: Codec<remote_domain_list_all_snapshots_args> = xdrStruct<remote_domain_list_all_snapshots_args>({
  dom: remote_nonnull_domain,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_list_all_snapshots_ret {
  snapshots: remote_nonnull_domain_snapshot[];
  ret: number;
}
export const remote_domain_list_all_snapshots_ret: Codec<remote_domain_list_all_snapshots_ret> = xdrStruct<remote_domain_list_all_snapshots_ret>({
  snapshots: xdrArray(remote_nonnull_domain_snapshot, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, 'snapshots'),
  ret: xdrInt,
});

export interface remote_domain_snapshot_num_children_args {
  snap: remote_nonnull_domain_snapshot;
  flags: number;
}
export const remote_domain_snapshot_num_children_args: Codec<remote_domain_snapshot_num_children_args> = xdrStruct<remote_domain_snapshot_num_children_args>({
  snap: remote_nonnull_domain_snapshot,
  flags: xdrUint,
});

export interface remote_domain_snapshot_num_children_ret {
  num: number;
}
export const remote_domain_snapshot_num_children_ret: Codec<remote_domain_snapshot_num_children_ret> = xdrStruct<remote_domain_snapshot_num_children_ret>({
  num: xdrInt,
});

export interface remote_domain_snapshot_list_children_names_args {
  snap: remote_nonnull_domain_snapshot;
  maxnames: number;
  flags: number;
}
export const remote_domain_snapshot_list_children_names_args: Codec<remote_domain_snapshot_list_children_names_args> = xdrStruct<remote_domain_snapshot_list_children_names_args>({
  snap: remote_nonnull_domain_snapshot,
  maxnames: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_snapshot_list_children_names_ret {
  names: remote_nonnull_string[];
}
export const remote_domain_snapshot_list_children_names_ret: Codec<remote_domain_snapshot_list_children_names_ret> = xdrStruct<remote_domain_snapshot_list_children_names_ret>({
  names: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, 'names'),
});

export interface remote_domain_snapshot_list_all_children_args {
  snapshot: remote_nonnull_domain_snapshot;
  need_results: number;
  flags: number;
}
export const remote_domain_snapshot_list_all_children_args: Codec<remote_domain_snapshot_list_all_children_args> = xdrStruct<remote_domain_snapshot_list_all_children_args>({
  snapshot: remote_nonnull_domain_snapshot,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_snapshot_list_all_children_ret {
  snapshots: remote_nonnull_domain_snapshot[];
  ret: number;
}
export const remote_domain_snapshot_list_all_children_ret: Codec<remote_domain_snapshot_list_all_children_ret> = xdrStruct<remote_domain_snapshot_list_all_children_ret>({
  snapshots: xdrArray(remote_nonnull_domain_snapshot, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, 'snapshots'),
  ret: xdrInt,
});

export interface remote_domain_snapshot_lookup_by_name_args {
  dom: remote_nonnull_domain;
  name: remote_nonnull_string;
  flags: number;
}
export const remote_domain_snapshot_lookup_by_name_args: Codec<remote_domain_snapshot_lookup_by_name_args> = xdrStruct<remote_domain_snapshot_lookup_by_name_args>({
  dom: remote_nonnull_domain,
  name: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_snapshot_lookup_by_name_ret {
  snap: remote_nonnull_domain_snapshot;
}
export const remote_domain_snapshot_lookup_by_name_ret: Codec<remote_domain_snapshot_lookup_by_name_ret> = xdrStruct<remote_domain_snapshot_lookup_by_name_ret>({
  snap: remote_nonnull_domain_snapshot,
});

export interface remote_domain_has_current_snapshot_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_has_current_snapshot_args: Codec<remote_domain_has_current_snapshot_args> = xdrStruct<remote_domain_has_current_snapshot_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_has_current_snapshot_ret {
  result: number;
}
export const remote_domain_has_current_snapshot_ret: Codec<remote_domain_has_current_snapshot_ret> = xdrStruct<remote_domain_has_current_snapshot_ret>({
  result: xdrInt,
});

export interface remote_domain_snapshot_get_parent_args {
  snap: remote_nonnull_domain_snapshot;
  flags: number;
}
export const remote_domain_snapshot_get_parent_args: Codec<remote_domain_snapshot_get_parent_args> = xdrStruct<remote_domain_snapshot_get_parent_args>({
  snap: remote_nonnull_domain_snapshot,
  flags: xdrUint,
});

export interface remote_domain_snapshot_get_parent_ret {
  snap: remote_nonnull_domain_snapshot;
}
export const remote_domain_snapshot_get_parent_ret: Codec<remote_domain_snapshot_get_parent_ret> = xdrStruct<remote_domain_snapshot_get_parent_ret>({
  snap: remote_nonnull_domain_snapshot,
});

export interface remote_domain_snapshot_current_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_snapshot_current_args: Codec<remote_domain_snapshot_current_args> = xdrStruct<remote_domain_snapshot_current_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_snapshot_current_ret {
  snap: remote_nonnull_domain_snapshot;
}
export const remote_domain_snapshot_current_ret: Codec<remote_domain_snapshot_current_ret> = xdrStruct<remote_domain_snapshot_current_ret>({
  snap: remote_nonnull_domain_snapshot,
});

export interface remote_domain_snapshot_is_current_args {
  snap: remote_nonnull_domain_snapshot;
  flags: number;
}
export const remote_domain_snapshot_is_current_args: Codec<remote_domain_snapshot_is_current_args> = xdrStruct<remote_domain_snapshot_is_current_args>({
  snap: remote_nonnull_domain_snapshot,
  flags: xdrUint,
});

export interface remote_domain_snapshot_is_current_ret {
  current: number;
}
export const remote_domain_snapshot_is_current_ret: Codec<remote_domain_snapshot_is_current_ret> = xdrStruct<remote_domain_snapshot_is_current_ret>({
  current: xdrInt,
});

export interface remote_domain_snapshot_has_metadata_args {
  snap: remote_nonnull_domain_snapshot;
  flags: number;
}
export const remote_domain_snapshot_has_metadata_args: Codec<remote_domain_snapshot_has_metadata_args> = xdrStruct<remote_domain_snapshot_has_metadata_args>({
  snap: remote_nonnull_domain_snapshot,
  flags: xdrUint,
});

export interface remote_domain_snapshot_has_metadata_ret {
  metadata: number;
}
export const remote_domain_snapshot_has_metadata_ret: Codec<remote_domain_snapshot_has_metadata_ret> = xdrStruct<remote_domain_snapshot_has_metadata_ret>({
  metadata: xdrInt,
});

export interface remote_domain_revert_to_snapshot_args {
  snap: remote_nonnull_domain_snapshot;
  flags: number;
}
export const remote_domain_revert_to_snapshot_args: Codec<remote_domain_revert_to_snapshot_args> = xdrStruct<remote_domain_revert_to_snapshot_args>({
  snap: remote_nonnull_domain_snapshot,
  flags: xdrUint,
});

export interface remote_domain_snapshot_delete_args {
  snap: remote_nonnull_domain_snapshot;
  flags: number;
}
export const remote_domain_snapshot_delete_args: Codec<remote_domain_snapshot_delete_args> = xdrStruct<remote_domain_snapshot_delete_args>({
  snap: remote_nonnull_domain_snapshot,
  flags: xdrUint,
});

export interface remote_domain_open_console_args {
  dom: remote_nonnull_domain;
  dev_name: remote_string;
  flags: number;
}
export const remote_domain_open_console_args: Codec<remote_domain_open_console_args> = xdrStruct<remote_domain_open_console_args>({
  dom: remote_nonnull_domain,
  dev_name: remote_string,
  flags: xdrUint,
});

export interface remote_domain_open_channel_args {
  dom: remote_nonnull_domain;
  name: remote_string;
  flags: number;
}
export const remote_domain_open_channel_args: Codec<remote_domain_open_channel_args> = xdrStruct<remote_domain_open_channel_args>({
  dom: remote_nonnull_domain,
  name: remote_string,
  flags: xdrUint,
});

export interface remote_storage_vol_upload_args {
  vol: remote_nonnull_storage_vol;
  offset: bigint;
  length: bigint;
  flags: number;
}
export const remote_storage_vol_upload_args: Codec<remote_storage_vol_upload_args> = xdrStruct<remote_storage_vol_upload_args>({
  vol: remote_nonnull_storage_vol,
  offset: xdrUhyper,
  length: xdrUhyper,
  flags: xdrUint,
});

export interface remote_storage_vol_download_args {
  vol: remote_nonnull_storage_vol;
  offset: bigint;
  length: bigint;
  flags: number;
}
export const remote_storage_vol_download_args: Codec<remote_storage_vol_download_args> = xdrStruct<remote_storage_vol_download_args>({
  vol: remote_nonnull_storage_vol,
  offset: xdrUhyper,
  length: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_get_state_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_state_args: Codec<remote_domain_get_state_args> = xdrStruct<remote_domain_get_state_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_state_ret {
  state: number;
  reason: number;
}
export const remote_domain_get_state_ret: Codec<remote_domain_get_state_ret> = xdrStruct<remote_domain_get_state_ret>({
  state: xdrInt,
  reason: xdrInt,
});

export interface remote_domain_migrate_begin3_args {
  dom: remote_nonnull_domain;
  xmlin: remote_string;
  flags: bigint;
  dname: remote_string;
  resource: bigint;
}
export const remote_domain_migrate_begin3_args: Codec<remote_domain_migrate_begin3_args> = xdrStruct<remote_domain_migrate_begin3_args>({
  dom: remote_nonnull_domain,
  xmlin: remote_string,
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
});

export interface remote_domain_migrate_begin3_ret {
  cookie_out: Uint8Array;
  xml: remote_nonnull_string;
}
export const remote_domain_migrate_begin3_ret: Codec<remote_domain_migrate_begin3_ret> = xdrStruct<remote_domain_migrate_begin3_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  xml: remote_nonnull_string,
});

export interface remote_domain_migrate_prepare3_args {
  cookie_in: Uint8Array;
  uri_in: remote_string;
  flags: bigint;
  dname: remote_string;
  resource: bigint;
  dom_xml: remote_nonnull_string;
}
export const remote_domain_migrate_prepare3_args: Codec<remote_domain_migrate_prepare3_args> = xdrStruct<remote_domain_migrate_prepare3_args>({
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri_in: remote_string,
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
  dom_xml: remote_nonnull_string,
});

export interface remote_domain_migrate_prepare3_ret {
  cookie_out: Uint8Array;
  uri_out: remote_string;
}
export const remote_domain_migrate_prepare3_ret: Codec<remote_domain_migrate_prepare3_ret> = xdrStruct<remote_domain_migrate_prepare3_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri_out: remote_string,
});

export interface remote_domain_migrate_prepare_tunnel3_args {
  cookie_in: Uint8Array;
  flags: bigint;
  dname: remote_string;
  resource: bigint;
  dom_xml: remote_nonnull_string;
}
export const remote_domain_migrate_prepare_tunnel3_args: Codec<remote_domain_migrate_prepare_tunnel3_args> = xdrStruct<remote_domain_migrate_prepare_tunnel3_args>({
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
  dom_xml: remote_nonnull_string,
});

export interface remote_domain_migrate_prepare_tunnel3_ret {
  cookie_out: Uint8Array;
}
export const remote_domain_migrate_prepare_tunnel3_ret: Codec<remote_domain_migrate_prepare_tunnel3_ret> = xdrStruct<remote_domain_migrate_prepare_tunnel3_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
});

export interface remote_domain_migrate_perform3_args {
  dom: remote_nonnull_domain;
  xmlin: remote_string;
  cookie_in: Uint8Array;
  dconnuri: remote_string;
  uri: remote_string;
  flags: bigint;
  dname: remote_string;
  resource: bigint;
}
export const remote_domain_migrate_perform3_args: Codec<remote_domain_migrate_perform3_args> = xdrStruct<remote_domain_migrate_perform3_args>({
  dom: remote_nonnull_domain,
  xmlin: remote_string,
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  dconnuri: remote_string,
  uri: remote_string,
  flags: xdrUhyper,
  dname: remote_string,
  resource: xdrUhyper,
});

export interface remote_domain_migrate_perform3_ret {
  cookie_out: Uint8Array;
}
export const remote_domain_migrate_perform3_ret: Codec<remote_domain_migrate_perform3_ret> = xdrStruct<remote_domain_migrate_perform3_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
});

export interface remote_domain_migrate_finish3_args {
  dname: remote_nonnull_string;
  cookie_in: Uint8Array;
  dconnuri: remote_string;
  uri: remote_string;
  flags: bigint;
  cancelled: number;
}
export const remote_domain_migrate_finish3_args: Codec<remote_domain_migrate_finish3_args> = xdrStruct<remote_domain_migrate_finish3_args>({
  dname: remote_nonnull_string,
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  dconnuri: remote_string,
  uri: remote_string,
  flags: xdrUhyper,
  cancelled: xdrInt,
});

export interface remote_domain_migrate_finish3_ret {
  dom: remote_nonnull_domain;
  cookie_out: Uint8Array;
}
export const remote_domain_migrate_finish3_ret: Codec<remote_domain_migrate_finish3_ret> = xdrStruct<remote_domain_migrate_finish3_ret>({
  dom: remote_nonnull_domain,
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
});

export interface remote_domain_migrate_confirm3_args {
  dom: remote_nonnull_domain;
  cookie_in: Uint8Array;
  flags: bigint;
  cancelled: number;
}
export const remote_domain_migrate_confirm3_args: Codec<remote_domain_migrate_confirm3_args> = xdrStruct<remote_domain_migrate_confirm3_args>({
  dom: remote_nonnull_domain,
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  flags: xdrUhyper,
  cancelled: xdrInt,
});

export interface remote_domain_event_control_error_msg {
  dom: remote_nonnull_domain;
}
export const remote_domain_event_control_error_msg: Codec<remote_domain_event_control_error_msg> = xdrStruct<remote_domain_event_control_error_msg>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_event_callback_control_error_msg {
  callbackID: number;
  msg: remote_domain_event_control_error_msg;
}
export const remote_domain_event_callback_control_error_msg: Codec<remote_domain_event_callback_control_error_msg> = xdrStruct<remote_domain_event_callback_control_error_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_control_error_msg,
});

export interface remote_domain_get_control_info_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_control_info_args: Codec<remote_domain_get_control_info_args> = xdrStruct<remote_domain_get_control_info_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_control_info_ret {
  state: number;
  details: number;
  stateTime: bigint;
}
export const remote_domain_get_control_info_ret: Codec<remote_domain_get_control_info_ret> = xdrStruct<remote_domain_get_control_info_ret>({
  state: xdrUint,
  details: xdrUint,
  stateTime: xdrUhyper,
});

export interface remote_domain_open_graphics_args {
  dom: remote_nonnull_domain;
  idx: number;
  flags: number;
}
export const remote_domain_open_graphics_args: Codec<remote_domain_open_graphics_args> = xdrStruct<remote_domain_open_graphics_args>({
  dom: remote_nonnull_domain,
  idx: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_open_graphics_fd_args {
  dom: remote_nonnull_domain;
  idx: number;
  flags: number;
}
export const remote_domain_open_graphics_fd_args: Codec<remote_domain_open_graphics_fd_args> = xdrStruct<remote_domain_open_graphics_fd_args>({
  dom: remote_nonnull_domain,
  idx: xdrUint,
  flags: xdrUint,
});

export interface remote_node_suspend_for_duration_args {
  target: number;
  duration: bigint;
  flags: number;
}
export const remote_node_suspend_for_duration_args: Codec<remote_node_suspend_for_duration_args> = xdrStruct<remote_node_suspend_for_duration_args>({
  target: xdrUint,
  duration: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_shutdown_flags_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_shutdown_flags_args: Codec<remote_domain_shutdown_flags_args> = xdrStruct<remote_domain_shutdown_flags_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_disk_errors_args {
  dom: remote_nonnull_domain;
  maxerrors: number;
  flags: number;
}
export const remote_domain_get_disk_errors_args: Codec<remote_domain_get_disk_errors_args> = xdrStruct<remote_domain_get_disk_errors_args>({
  dom: remote_nonnull_domain,
  maxerrors: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_get_disk_errors_ret {
  errors: remote_domain_disk_error[];
  nerrors: number;
}
export const remote_domain_get_disk_errors_ret: Codec<remote_domain_get_disk_errors_ret> = xdrStruct<remote_domain_get_disk_errors_ret>({
  errors: xdrArray(remote_domain_disk_error, REMOTE_DOMAIN_DISK_ERRORS_MAX, 'errors'),
  nerrors: xdrInt,
});

export interface remote_connect_list_all_domains_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_domains_args: Codec<remote_connect_list_all_domains_args> = xdrStruct<remote_connect_list_all_domains_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_domains_ret {
  domains: remote_nonnull_domain[];
  ret: number;
}
export const remote_connect_list_all_domains_ret: Codec<remote_connect_list_all_domains_ret> = xdrStruct<remote_connect_list_all_domains_ret>({
  domains: xdrArray(remote_nonnull_domain, REMOTE_DOMAIN_LIST_MAX, 'domains'),
  ret: xdrUint,
});

export interface remote_connect_list_all_storage_pools_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_storage_pools_args: Codec<remote_connect_list_all_storage_pools_args> = xdrStruct<remote_connect_list_all_storage_pools_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_storage_pools_ret {
  pools: remote_nonnull_storage_pool[];
  ret: number;
}
export const remote_connect_list_all_storage_pools_ret: Codec<remote_connect_list_all_storage_pools_ret> = xdrStruct<remote_connect_list_all_storage_pools_ret>({
  pools: xdrArray(remote_nonnull_storage_pool, REMOTE_STORAGE_POOL_LIST_MAX, 'pools'),
  ret: xdrUint,
});

export interface remote_storage_pool_list_all_volumes_args {
  pool: remote_nonnull_storage_pool;
  need_results: number;
  flags: number;
}
export const remote_storage_pool_list_all_volumes_args: Codec<remote_storage_pool_list_all_volumes_args> = xdrStruct<remote_storage_pool_list_all_volumes_args>({
  pool: remote_nonnull_storage_pool,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_storage_pool_list_all_volumes_ret {
  vols: remote_nonnull_storage_vol[];
  ret: number;
}
export const remote_storage_pool_list_all_volumes_ret: Codec<remote_storage_pool_list_all_volumes_ret> = xdrStruct<remote_storage_pool_list_all_volumes_ret>({
  vols: xdrArray(remote_nonnull_storage_vol, REMOTE_STORAGE_VOL_LIST_MAX, 'vols'),
  ret: xdrUint,
});

export interface remote_connect_list_all_networks_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_networks_args: Codec<remote_connect_list_all_networks_args> = xdrStruct<remote_connect_list_all_networks_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_networks_ret {
  nets: remote_nonnull_network[];
  ret: number;
}
export const remote_connect_list_all_networks_ret: Codec<remote_connect_list_all_networks_ret> = xdrStruct<remote_connect_list_all_networks_ret>({
  nets: xdrArray(remote_nonnull_network, REMOTE_NETWORK_LIST_MAX, 'nets'),
  ret: xdrUint,
});

export interface remote_connect_list_all_interfaces_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_interfaces_args: Codec<remote_connect_list_all_interfaces_args> = xdrStruct<remote_connect_list_all_interfaces_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_interfaces_ret {
  ifaces: remote_nonnull_interface[];
  ret: number;
}
export const remote_connect_list_all_interfaces_ret: Codec<remote_connect_list_all_interfaces_ret> = xdrStruct<remote_connect_list_all_interfaces_ret>({
  ifaces: xdrArray(remote_nonnull_interface, REMOTE_INTERFACE_LIST_MAX, 'ifaces'),
  ret: xdrUint,
});

export interface remote_connect_list_all_node_devices_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_node_devices_args: Codec<remote_connect_list_all_node_devices_args> = xdrStruct<remote_connect_list_all_node_devices_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_node_devices_ret {
  devices: remote_nonnull_node_device[];
  ret: number;
}
export const remote_connect_list_all_node_devices_ret: Codec<remote_connect_list_all_node_devices_ret> = xdrStruct<remote_connect_list_all_node_devices_ret>({
  devices: xdrArray(remote_nonnull_node_device, REMOTE_NODE_DEVICE_LIST_MAX, 'devices'),
  ret: xdrUint,
});

export interface remote_connect_list_all_nwfilters_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_nwfilters_args: Codec<remote_connect_list_all_nwfilters_args> = xdrStruct<remote_connect_list_all_nwfilters_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_nwfilters_ret {
  filters: remote_nonnull_nwfilter[];
  ret: number;
}
export const remote_connect_list_all_nwfilters_ret: Codec<remote_connect_list_all_nwfilters_ret> = xdrStruct<remote_connect_list_all_nwfilters_ret>({
  filters: xdrArray(remote_nonnull_nwfilter, REMOTE_NWFILTER_LIST_MAX, 'filters'),
  ret: xdrUint,
});

export interface remote_connect_list_all_secrets_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_secrets_args: Codec<remote_connect_list_all_secrets_args> = xdrStruct<remote_connect_list_all_secrets_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_secrets_ret {
  secrets: remote_nonnull_secret[];
  ret: number;
}
export const remote_connect_list_all_secrets_ret: Codec<remote_connect_list_all_secrets_ret> = xdrStruct<remote_connect_list_all_secrets_ret>({
  secrets: xdrArray(remote_nonnull_secret, REMOTE_SECRET_LIST_MAX, 'secrets'),
  ret: xdrUint,
});

export interface remote_node_set_memory_parameters_args {
  params: remote_typed_param[];
  flags: number;
}
export const remote_node_set_memory_parameters_args: Codec<remote_node_set_memory_parameters_args> = xdrStruct<remote_node_set_memory_parameters_args>({
  params: xdrArray(remote_typed_param, REMOTE_NODE_MEMORY_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_node_get_memory_parameters_args {
  nparams: number;
  flags: number;
}
export const remote_node_get_memory_parameters_args: Codec<remote_node_get_memory_parameters_args> = xdrStruct<remote_node_get_memory_parameters_args>({
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_node_get_memory_parameters_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_node_get_memory_parameters_ret: Codec<remote_node_get_memory_parameters_ret> = xdrStruct<remote_node_get_memory_parameters_ret>({
  params: xdrArray(remote_typed_param, REMOTE_NODE_MEMORY_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_node_get_cpu_map_args {
  need_map: number;
  need_online: number;
  flags: number;
}
export const remote_node_get_cpu_map_args: Codec<remote_node_get_cpu_map_args> = xdrStruct<remote_node_get_cpu_map_args>({
  need_map: xdrInt,
  need_online: xdrInt,
  flags: xdrUint,
});

export interface remote_node_get_cpu_map_ret {
  cpumap: Uint8Array;
  online: number;
  ret: number;
}
export const remote_node_get_cpu_map_ret: Codec<remote_node_get_cpu_map_ret> = xdrStruct<remote_node_get_cpu_map_ret>({
  cpumap: xdrOpaque(REMOTE_CPUMAP_MAX),
  online: xdrUint,
  ret: xdrInt,
});

export interface remote_domain_fstrim_args {
  dom: remote_nonnull_domain;
  mountPoint: remote_string;
  minimum: bigint;
  flags: number;
}
export const remote_domain_fstrim_args: Codec<remote_domain_fstrim_args> = xdrStruct<remote_domain_fstrim_args>({
  dom: remote_nonnull_domain,
  mountPoint: remote_string,
  minimum: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_get_time_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_time_args: Codec<remote_domain_get_time_args> = xdrStruct<remote_domain_get_time_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_time_ret {
  seconds: bigint;
  nseconds: number;
}
export const remote_domain_get_time_ret: Codec<remote_domain_get_time_ret> = xdrStruct<remote_domain_get_time_ret>({
  seconds: xdrHyper,
  nseconds: xdrUint,
});

export interface remote_domain_set_time_args {
  dom: remote_nonnull_domain;
  seconds: bigint;
  nseconds: number;
  flags: number;
}
export const remote_domain_set_time_args: Codec<remote_domain_set_time_args> = xdrStruct<remote_domain_set_time_args>({
  dom: remote_nonnull_domain,
  seconds: xdrHyper,
  nseconds: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_migrate_begin3_params_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_migrate_begin3_params_args: Codec<remote_domain_migrate_begin3_params_args> = xdrStruct<remote_domain_migrate_begin3_params_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_migrate_begin3_params_ret {
  cookie_out: Uint8Array;
  xml: remote_nonnull_string;
}
export const remote_domain_migrate_begin3_params_ret: Codec<remote_domain_migrate_begin3_params_ret> = xdrStruct<remote_domain_migrate_begin3_params_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  xml: remote_nonnull_string,
});

export interface remote_domain_migrate_prepare3_params_args {
  params: remote_typed_param[];
  cookie_in: Uint8Array;
  flags: number;
}
export const remote_domain_migrate_prepare3_params_args: Codec<remote_domain_migrate_prepare3_params_args> = xdrStruct<remote_domain_migrate_prepare3_params_args>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, 'params'),
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  flags: xdrUint,
});

export interface remote_domain_migrate_prepare3_params_ret {
  cookie_out: Uint8Array;
  uri_out: remote_string;
}
export const remote_domain_migrate_prepare3_params_ret: Codec<remote_domain_migrate_prepare3_params_ret> = xdrStruct<remote_domain_migrate_prepare3_params_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  uri_out: remote_string,
});

export interface remote_domain_migrate_prepare_tunnel3_params_args {
  params: remote_typed_param[];
  cookie_in: Uint8Array;
  flags: number;
}
export const remote_domain_migrate_prepare_tunnel3_params_args: Codec<remote_domain_migrate_prepare_tunnel3_params_args> = xdrStruct<remote_domain_migrate_prepare_tunnel3_params_args>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, 'params'),
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  flags: xdrUint,
});

export interface remote_domain_migrate_prepare_tunnel3_params_ret {
  cookie_out: Uint8Array;
}
export const remote_domain_migrate_prepare_tunnel3_params_ret: Codec<remote_domain_migrate_prepare_tunnel3_params_ret> = xdrStruct<remote_domain_migrate_prepare_tunnel3_params_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
});

export interface remote_domain_migrate_perform3_params_args {
  dom: remote_nonnull_domain;
  dconnuri: remote_string;
  params: remote_typed_param[];
  cookie_in: Uint8Array;
  flags: number;
}
export const remote_domain_migrate_perform3_params_args: Codec<remote_domain_migrate_perform3_params_args> = xdrStruct<remote_domain_migrate_perform3_params_args>({
  dom: remote_nonnull_domain,
  dconnuri: remote_string,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, 'params'),
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  flags: xdrUint,
});

export interface remote_domain_migrate_perform3_params_ret {
  cookie_out: Uint8Array;
}
export const remote_domain_migrate_perform3_params_ret: Codec<remote_domain_migrate_perform3_params_ret> = xdrStruct<remote_domain_migrate_perform3_params_ret>({
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
});

export interface remote_domain_migrate_finish3_params_args {
  params: remote_typed_param[];
  cookie_in: Uint8Array;
  flags: number;
  cancelled: number;
}
export const remote_domain_migrate_finish3_params_args: Codec<remote_domain_migrate_finish3_params_args> = xdrStruct<remote_domain_migrate_finish3_params_args>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, 'params'),
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  flags: xdrUint,
  cancelled: xdrInt,
});

export interface remote_domain_migrate_finish3_params_ret {
  dom: remote_nonnull_domain;
  cookie_out: Uint8Array;
}
export const remote_domain_migrate_finish3_params_ret: Codec<remote_domain_migrate_finish3_params_ret> = xdrStruct<remote_domain_migrate_finish3_params_ret>({
  dom: remote_nonnull_domain,
  cookie_out: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
});

export interface remote_domain_migrate_confirm3_params_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  cookie_in: Uint8Array;
  flags: number;
  cancelled: number;
}
export const remote_domain_migrate_confirm3_params_args: Codec<remote_domain_migrate_confirm3_params_args> = xdrStruct<remote_domain_migrate_confirm3_params_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX, 'params'),
  cookie_in: xdrOpaque(REMOTE_MIGRATE_COOKIE_MAX),
  flags: xdrUint,
  cancelled: xdrInt,
});

export interface remote_domain_event_device_removed_msg {
  dom: remote_nonnull_domain;
  devAlias: remote_nonnull_string;
}
export const remote_domain_event_device_removed_msg: Codec<remote_domain_event_device_removed_msg> = xdrStruct<remote_domain_event_device_removed_msg>({
  dom: remote_nonnull_domain,
  devAlias: remote_nonnull_string,
});

export interface remote_domain_event_callback_device_removed_msg {
  callbackID: number;
  msg: remote_domain_event_device_removed_msg;
}
export const remote_domain_event_callback_device_removed_msg: Codec<remote_domain_event_callback_device_removed_msg> = xdrStruct<remote_domain_event_callback_device_removed_msg>({
  callbackID: xdrInt,
  msg: remote_domain_event_device_removed_msg,
});

export interface remote_domain_event_block_job_2_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  dst: remote_nonnull_string;
  type: number;
  status: number;
}
export const remote_domain_event_block_job_2_msg: Codec<remote_domain_event_block_job_2_msg> = xdrStruct<remote_domain_event_block_job_2_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  dst: remote_nonnull_string,
  type: xdrInt,
  status: xdrInt,
});

export interface remote_domain_event_block_threshold_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  dev: remote_nonnull_string;
  path: remote_string;
  threshold: bigint;
  excess: bigint;
}
export const remote_domain_event_block_threshold_msg: Codec<remote_domain_event_block_threshold_msg> = xdrStruct<remote_domain_event_block_threshold_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  dev: remote_nonnull_string,
  path: remote_string,
  threshold: xdrUhyper,
  excess: xdrUhyper,
});

export interface remote_domain_event_callback_tunable_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
}
export const remote_domain_event_callback_tunable_msg: Codec<remote_domain_event_callback_tunable_msg> = xdrStruct<remote_domain_event_callback_tunable_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_EVENT_TUNABLE_MAX, 'params'),
});

export interface remote_domain_event_callback_device_added_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  devAlias: remote_nonnull_string;
}
export const remote_domain_event_callback_device_added_msg: Codec<remote_domain_event_callback_device_added_msg> = xdrStruct<remote_domain_event_callback_device_added_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  devAlias: remote_nonnull_string,
});

export interface remote_connect_event_connection_closed_msg {
  reason: number;
}
export const remote_connect_event_connection_closed_msg: Codec<remote_connect_event_connection_closed_msg> = xdrStruct<remote_connect_event_connection_closed_msg>({
  reason: xdrInt,
});

export interface remote_connect_get_cpu_model_names_args {
  arch: remote_nonnull_string;
  need_results: number;
  flags: number;
}
export const remote_connect_get_cpu_model_names_args: Codec<remote_connect_get_cpu_model_names_args> = xdrStruct<remote_connect_get_cpu_model_names_args>({
  arch: remote_nonnull_string,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_get_cpu_model_names_ret {
  models: remote_nonnull_string[];
  ret: number;
}
export const remote_connect_get_cpu_model_names_ret: Codec<remote_connect_get_cpu_model_names_ret> = xdrStruct<remote_connect_get_cpu_model_names_ret>({
  models: xdrArray(remote_nonnull_string, REMOTE_CONNECT_CPU_MODELS_MAX, 'models'),
  ret: xdrInt,
});

export interface remote_connect_network_event_register_any_args {
  eventID: number;
  net: remote_network;
}
export const remote_connect_network_event_register_any_args: Codec<remote_connect_network_event_register_any_args> = xdrStruct<remote_connect_network_event_register_any_args>({
  eventID: xdrInt,
  net: remote_network,
});

export interface remote_connect_network_event_register_any_ret {
  callbackID: number;
}
export const remote_connect_network_event_register_any_ret: Codec<remote_connect_network_event_register_any_ret> = xdrStruct<remote_connect_network_event_register_any_ret>({
  callbackID: xdrInt,
});

export interface remote_connect_network_event_deregister_any_args {
  callbackID: number;
}
export const remote_connect_network_event_deregister_any_args: Codec<remote_connect_network_event_deregister_any_args> = xdrStruct<remote_connect_network_event_deregister_any_args>({
  callbackID: xdrInt,
});

export interface remote_network_event_lifecycle_msg {
  callbackID: number;
  net: remote_nonnull_network;
  event: number;
  detail: number;
}
export const remote_network_event_lifecycle_msg: Codec<remote_network_event_lifecycle_msg> = xdrStruct<remote_network_event_lifecycle_msg>({
  callbackID: xdrInt,
  net: remote_nonnull_network,
  event: xdrInt,
  detail: xdrInt,
});

export interface remote_network_event_callback_metadata_change_msg {
  callbackID: number;
  net: remote_nonnull_network;
  type: number;
  nsuri: remote_string;
}
export const remote_network_event_callback_metadata_change_msg: Codec<remote_network_event_callback_metadata_change_msg> = xdrStruct<remote_network_event_callback_metadata_change_msg>({
  callbackID: xdrInt,
  net: remote_nonnull_network,
  type: xdrInt,
  nsuri: remote_string,
});

export interface remote_network_set_metadata_args {
  network: remote_nonnull_network;
  type: number;
  metadata: remote_string;
  key: remote_string;
  uri: remote_string;
  flags: number;
}
export const remote_network_set_metadata_args: Codec<remote_network_set_metadata_args> = xdrStruct<remote_network_set_metadata_args>({
  network: remote_nonnull_network,
  type: xdrInt,
  metadata: remote_string,
  key: remote_string,
  uri: remote_string,
  flags: xdrUint,
});

export interface remote_network_get_metadata_args {
  network: remote_nonnull_network;
  type: number;
  uri: remote_string;
  flags: number;
}
export const remote_network_get_metadata_args: Codec<remote_network_get_metadata_args> = xdrStruct<remote_network_get_metadata_args>({
  network: remote_nonnull_network,
  type: xdrInt,
  uri: remote_string,
  flags: xdrUint,
});

export interface remote_network_get_metadata_ret {
  metadata: remote_nonnull_string;
}
export const remote_network_get_metadata_ret: Codec<remote_network_get_metadata_ret> = xdrStruct<remote_network_get_metadata_ret>({
  metadata: remote_nonnull_string,
});

export interface remote_connect_storage_pool_event_register_any_args {
  eventID: number;
  pool: remote_storage_pool;
}
export const remote_connect_storage_pool_event_register_any_args: Codec<remote_connect_storage_pool_event_register_any_args> = xdrStruct<remote_connect_storage_pool_event_register_any_args>({
  eventID: xdrInt,
  pool: remote_storage_pool,
});

export interface remote_connect_storage_pool_event_register_any_ret {
  callbackID: number;
}
export const remote_connect_storage_pool_event_register_any_ret: Codec<remote_connect_storage_pool_event_register_any_ret> = xdrStruct<remote_connect_storage_pool_event_register_any_ret>({
  callbackID: xdrInt,
});

export interface remote_connect_storage_pool_event_deregister_any_args {
  callbackID: number;
}
export const remote_connect_storage_pool_event_deregister_any_args: Codec<remote_connect_storage_pool_event_deregister_any_args> = xdrStruct<remote_connect_storage_pool_event_deregister_any_args>({
  callbackID: xdrInt,
});

export interface remote_storage_pool_event_lifecycle_msg {
  callbackID: number;
  pool: remote_nonnull_storage_pool;
  event: number;
  detail: number;
}
export const remote_storage_pool_event_lifecycle_msg: Codec<remote_storage_pool_event_lifecycle_msg> = xdrStruct<remote_storage_pool_event_lifecycle_msg>({
  callbackID: xdrInt,
  pool: remote_nonnull_storage_pool,
  event: xdrInt,
  detail: xdrInt,
});

export interface remote_storage_pool_event_refresh_msg {
  callbackID: number;
  pool: remote_nonnull_storage_pool;
}
export const remote_storage_pool_event_refresh_msg: Codec<remote_storage_pool_event_refresh_msg> = xdrStruct<remote_storage_pool_event_refresh_msg>({
  callbackID: xdrInt,
  pool: remote_nonnull_storage_pool,
});

export interface remote_connect_node_device_event_register_any_args {
  eventID: number;
  dev: remote_node_device;
}
export const remote_connect_node_device_event_register_any_args: Codec<remote_connect_node_device_event_register_any_args> = xdrStruct<remote_connect_node_device_event_register_any_args>({
  eventID: xdrInt,
  dev: remote_node_device,
});

export interface remote_connect_node_device_event_register_any_ret {
  callbackID: number;
}
export const remote_connect_node_device_event_register_any_ret: Codec<remote_connect_node_device_event_register_any_ret> = xdrStruct<remote_connect_node_device_event_register_any_ret>({
  callbackID: xdrInt,
});

export interface remote_connect_node_device_event_deregister_any_args {
  callbackID: number;
}
export const remote_connect_node_device_event_deregister_any_args: Codec<remote_connect_node_device_event_deregister_any_args> = xdrStruct<remote_connect_node_device_event_deregister_any_args>({
  callbackID: xdrInt,
});

export interface remote_node_device_event_lifecycle_msg {
  callbackID: number;
  dev: remote_nonnull_node_device;
  event: number;
  detail: number;
}
export const remote_node_device_event_lifecycle_msg: Codec<remote_node_device_event_lifecycle_msg> = xdrStruct<remote_node_device_event_lifecycle_msg>({
  callbackID: xdrInt,
  dev: remote_nonnull_node_device,
  event: xdrInt,
  detail: xdrInt,
});

export interface remote_node_device_event_update_msg {
  callbackID: number;
  dev: remote_nonnull_node_device;
}
export const remote_node_device_event_update_msg: Codec<remote_node_device_event_update_msg> = xdrStruct<remote_node_device_event_update_msg>({
  callbackID: xdrInt,
  dev: remote_nonnull_node_device,
});

export interface remote_domain_fsfreeze_args {
  dom: remote_nonnull_domain;
  mountpoints: remote_nonnull_string[];
  flags: number;
}
export const remote_domain_fsfreeze_args: Codec<remote_domain_fsfreeze_args> = xdrStruct<remote_domain_fsfreeze_args>({
  dom: remote_nonnull_domain,
  mountpoints: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX, 'mountpoints'),
  flags: xdrUint,
});

export interface remote_domain_fsfreeze_ret {
  filesystems: number;
}
export const remote_domain_fsfreeze_ret: Codec<remote_domain_fsfreeze_ret> = xdrStruct<remote_domain_fsfreeze_ret>({
  filesystems: xdrInt,
});

export interface remote_domain_fsthaw_args {
  dom: remote_nonnull_domain;
  mountpoints: remote_nonnull_string[];
  flags: number;
}
export const remote_domain_fsthaw_args: Codec<remote_domain_fsthaw_args> = xdrStruct<remote_domain_fsthaw_args>({
  dom: remote_nonnull_domain,
  mountpoints: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX, 'mountpoints'),
  flags: xdrUint,
});

export interface remote_domain_fsthaw_ret {
  filesystems: number;
}
export const remote_domain_fsthaw_ret: Codec<remote_domain_fsthaw_ret> = xdrStruct<remote_domain_fsthaw_ret>({
  filesystems: xdrInt,
});

export interface remote_node_get_free_pages_args {
  pages: number[];
  startCell: number;
  cellCount: number;
  flags: number;
}
export const remote_node_get_free_pages_args: Codec<remote_node_get_free_pages_args> = xdrStruct<remote_node_get_free_pages_args>({
  pages: xdrArray(xdrUint, REMOTE_NODE_MAX_CELLS, 'pages'),
  startCell: xdrInt,
  cellCount: xdrUint,
  flags: xdrUint,
});

export interface remote_node_get_free_pages_ret {
  counts: bigint[];
}
export const remote_node_get_free_pages_ret: Codec<remote_node_get_free_pages_ret> = xdrStruct<remote_node_get_free_pages_ret>({
  counts: xdrArray(xdrUhyper, REMOTE_NODE_MAX_CELLS, 'counts'),
});

export interface remote_node_alloc_pages_args {
  pageSizes: number[];
  pageCounts: bigint[];
  startCell: number;
  cellCount: number;
  flags: number;
}
export const remote_node_alloc_pages_args: Codec<remote_node_alloc_pages_args> = xdrStruct<remote_node_alloc_pages_args>({
  pageSizes: xdrArray(xdrUint, REMOTE_NODE_MAX_CELLS, 'pageSizes'),
  pageCounts: xdrArray(xdrUhyper, REMOTE_NODE_MAX_CELLS, 'pageCounts'),
  startCell: xdrInt,
  cellCount: xdrUint,
  flags: xdrUint,
});

export interface remote_node_alloc_pages_ret {
  ret: number;
}
export const remote_node_alloc_pages_ret: Codec<remote_node_alloc_pages_ret> = xdrStruct<remote_node_alloc_pages_ret>({
  ret: xdrInt,
});

export interface remote_network_dhcp_lease {
  iface: remote_nonnull_string;
  expirytime: bigint;
  type: number;
  mac: remote_string;
  iaid: remote_string;
  ipaddr: remote_nonnull_string;
  prefix: number;
  hostname: remote_string;
  clientid: remote_string;
}
export const remote_network_dhcp_lease: Codec<remote_network_dhcp_lease> = xdrStruct<remote_network_dhcp_lease>({
  iface: remote_nonnull_string,
  expirytime: xdrHyper,
  type: xdrInt,
  mac: remote_string,
  iaid: remote_string,
  ipaddr: remote_nonnull_string,
  prefix: xdrUint,
  hostname: remote_string,
  clientid: remote_string,
});

export interface remote_network_get_dhcp_leases_args {
  net: remote_nonnull_network;
  mac: remote_string;
  need_results: number;
  flags: number;
}
export const remote_network_get_dhcp_leases_args: Codec<remote_network_get_dhcp_leases_args> = xdrStruct<remote_network_get_dhcp_leases_args>({
  net: remote_nonnull_network,
  mac: remote_string,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_network_get_dhcp_leases_ret {
  leases: remote_network_dhcp_lease[];
  ret: number;
}
export const remote_network_get_dhcp_leases_ret: Codec<remote_network_get_dhcp_leases_ret> = xdrStruct<remote_network_get_dhcp_leases_ret>({
  leases: xdrArray(remote_network_dhcp_lease, REMOTE_NETWORK_DHCP_LEASES_MAX, 'leases'),
  ret: xdrUint,
});

export interface remote_domain_stats_record {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
}
export const remote_domain_stats_record: Codec<remote_domain_stats_record> = xdrStruct<remote_domain_stats_record>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX, 'params'),
});

export interface remote_connect_get_all_domain_stats_args {
  doms: remote_nonnull_domain[];
  stats: number;
  flags: number;
}
export const remote_connect_get_all_domain_stats_args: Codec<remote_connect_get_all_domain_stats_args> = xdrStruct<remote_connect_get_all_domain_stats_args>({
  doms: xdrArray(remote_nonnull_domain, REMOTE_DOMAIN_LIST_MAX, 'doms'),
  stats: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_event_callback_agent_lifecycle_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  state: number;
  reason: number;
}
export const remote_domain_event_callback_agent_lifecycle_msg: Codec<remote_domain_event_callback_agent_lifecycle_msg> = xdrStruct<remote_domain_event_callback_agent_lifecycle_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  state: xdrInt,
  reason: xdrInt,
});

export interface remote_connect_get_all_domain_stats_ret {
  retStats: remote_domain_stats_record[];
}
export const remote_connect_get_all_domain_stats_ret: Codec<remote_connect_get_all_domain_stats_ret> = xdrStruct<remote_connect_get_all_domain_stats_ret>({
  retStats: xdrArray(remote_domain_stats_record, REMOTE_DOMAIN_LIST_MAX, 'retStats'),
});

export interface remote_domain_fsinfo {
  mountpoint: remote_nonnull_string;
  name: remote_nonnull_string;
  fstype: remote_nonnull_string;
  dev_aliases: remote_nonnull_string[];
}
export const remote_domain_fsinfo: Codec<remote_domain_fsinfo> = xdrStruct<remote_domain_fsinfo>({
  mountpoint: remote_nonnull_string,
  name: remote_nonnull_string,
  fstype: remote_nonnull_string,
  dev_aliases: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_FSINFO_DISKS_MAX, 'dev_aliases'),
});

export interface remote_domain_get_fsinfo_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_fsinfo_args: Codec<remote_domain_get_fsinfo_args> = xdrStruct<remote_domain_get_fsinfo_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_fsinfo_ret {
  info: remote_domain_fsinfo[];
  ret: number;
}
export const remote_domain_get_fsinfo_ret: Codec<remote_domain_get_fsinfo_ret> = xdrStruct<remote_domain_get_fsinfo_ret>({
  info: xdrArray(remote_domain_fsinfo, REMOTE_DOMAIN_FSINFO_MAX, 'info'),
  ret: xdrUint,
});

export interface remote_domain_ip_addr {
  type: number;
  addr: remote_nonnull_string;
  prefix: number;
}
export const remote_domain_ip_addr: Codec<remote_domain_ip_addr> = xdrStruct<remote_domain_ip_addr>({
  type: xdrInt,
  addr: remote_nonnull_string,
  prefix: xdrUint,
});

export interface remote_domain_interface {
  name: remote_nonnull_string;
  hwaddr: remote_string;
  addrs: remote_domain_ip_addr[];
}
export const remote_domain_interface: Codec<remote_domain_interface> = xdrStruct<remote_domain_interface>({
  name: remote_nonnull_string,
  hwaddr: remote_string,
  addrs: xdrArray(remote_domain_ip_addr, REMOTE_DOMAIN_IP_ADDR_MAX, 'addrs'),
});

export interface remote_domain_interface_addresses_args {
  dom: remote_nonnull_domain;
  source: number;
  flags: number;
}
export const remote_domain_interface_addresses_args: Codec<remote_domain_interface_addresses_args> = xdrStruct<remote_domain_interface_addresses_args>({
  dom: remote_nonnull_domain,
  source: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_interface_addresses_ret {
  ifaces: remote_domain_interface[];
}
export const remote_domain_interface_addresses_ret: Codec<remote_domain_interface_addresses_ret> = xdrStruct<remote_domain_interface_addresses_ret>({
  ifaces: xdrArray(remote_domain_interface, REMOTE_DOMAIN_INTERFACE_MAX, 'ifaces'),
});

export interface remote_domain_set_user_password_args {
  dom: remote_nonnull_domain;
  user: remote_string;
  password: remote_string;
  flags: number;
}
export const remote_domain_set_user_password_args: Codec<remote_domain_set_user_password_args> = xdrStruct<remote_domain_set_user_password_args>({
  dom: remote_nonnull_domain,
  user: remote_string,
  password: remote_string,
  flags: xdrUint,
});

export interface remote_domain_rename_args {
  dom: remote_nonnull_domain;
  new_name: remote_string;
  flags: number;
}
export const remote_domain_rename_args: Codec<remote_domain_rename_args> = xdrStruct<remote_domain_rename_args>({
  dom: remote_nonnull_domain,
  new_name: remote_string,
  flags: xdrUint,
});

export interface remote_domain_rename_ret {
  retcode: number;
}
export const remote_domain_rename_ret: Codec<remote_domain_rename_ret> = xdrStruct<remote_domain_rename_ret>({
  retcode: xdrInt,
});

export interface remote_domain_event_callback_migration_iteration_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  iteration: number;
}
export const remote_domain_event_callback_migration_iteration_msg: Codec<remote_domain_event_callback_migration_iteration_msg> = xdrStruct<remote_domain_event_callback_migration_iteration_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  iteration: xdrInt,
});

export interface remote_domain_event_callback_job_completed_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
}
export const remote_domain_event_callback_job_completed_msg: Codec<remote_domain_event_callback_job_completed_msg> = xdrStruct<remote_domain_event_callback_job_completed_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_JOB_STATS_MAX, 'params'),
});

export interface remote_domain_migrate_start_post_copy_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_migrate_start_post_copy_args: Codec<remote_domain_migrate_start_post_copy_args> = xdrStruct<remote_domain_migrate_start_post_copy_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_event_callback_device_removal_failed_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  devAlias: remote_nonnull_string;
}
export const remote_domain_event_callback_device_removal_failed_msg: Codec<remote_domain_event_callback_device_removal_failed_msg> = xdrStruct<remote_domain_event_callback_device_removal_failed_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  devAlias: remote_nonnull_string,
});

export interface remote_domain_get_guest_vcpus_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_guest_vcpus_args: Codec<remote_domain_get_guest_vcpus_args> = xdrStruct<remote_domain_get_guest_vcpus_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_guest_vcpus_ret {
  params: remote_typed_param[];
}
export const remote_domain_get_guest_vcpus_ret: Codec<remote_domain_get_guest_vcpus_ret> = xdrStruct<remote_domain_get_guest_vcpus_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_GUEST_VCPU_PARAMS_MAX, 'params'),
});

export interface remote_domain_set_guest_vcpus_args {
  dom: remote_nonnull_domain;
  cpumap: remote_nonnull_string;
  state: number;
  flags: number;
}
export const remote_domain_set_guest_vcpus_args: Codec<remote_domain_set_guest_vcpus_args> = xdrStruct<remote_domain_set_guest_vcpus_args>({
  dom: remote_nonnull_domain,
  cpumap: remote_nonnull_string,
  state: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_set_vcpu_args {
  dom: remote_nonnull_domain;
  cpumap: remote_nonnull_string;
  state: number;
  flags: number;
}
export const remote_domain_set_vcpu_args: Codec<remote_domain_set_vcpu_args> = xdrStruct<remote_domain_set_vcpu_args>({
  dom: remote_nonnull_domain,
  cpumap: remote_nonnull_string,
  state: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_event_callback_metadata_change_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  type: number;
  nsuri: remote_string;
}
export const remote_domain_event_callback_metadata_change_msg: Codec<remote_domain_event_callback_metadata_change_msg> = xdrStruct<remote_domain_event_callback_metadata_change_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  type: xdrInt,
  nsuri: remote_string,
});

export interface remote_domain_event_memory_failure_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  recipient: number;
  action: number;
  flags: number;
}
export const remote_domain_event_memory_failure_msg: Codec<remote_domain_event_memory_failure_msg> = xdrStruct<remote_domain_event_memory_failure_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  recipient: xdrInt,
  action: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_secret_event_register_any_args {
  eventID: number;
  secret: remote_secret;
}
export const remote_connect_secret_event_register_any_args: Codec<remote_connect_secret_event_register_any_args> = xdrStruct<remote_connect_secret_event_register_any_args>({
  eventID: xdrInt,
  secret: remote_secret,
});

export interface remote_connect_secret_event_register_any_ret {
  callbackID: number;
}
export const remote_connect_secret_event_register_any_ret: Codec<remote_connect_secret_event_register_any_ret> = xdrStruct<remote_connect_secret_event_register_any_ret>({
  callbackID: xdrInt,
});

export interface remote_connect_secret_event_deregister_any_args {
  callbackID: number;
}
export const remote_connect_secret_event_deregister_any_args: Codec<remote_connect_secret_event_deregister_any_args> = xdrStruct<remote_connect_secret_event_deregister_any_args>({
  callbackID: xdrInt,
});

export interface remote_secret_event_lifecycle_msg {
  callbackID: number;
  secret: remote_nonnull_secret;
  event: number;
  detail: number;
}
export const remote_secret_event_lifecycle_msg: Codec<remote_secret_event_lifecycle_msg> = xdrStruct<remote_secret_event_lifecycle_msg>({
  callbackID: xdrInt,
  secret: remote_nonnull_secret,
  event: xdrInt,
  detail: xdrInt,
});

export interface remote_secret_event_value_changed_msg {
  callbackID: number;
  secret: remote_nonnull_secret;
}
export const remote_secret_event_value_changed_msg: Codec<remote_secret_event_value_changed_msg> = xdrStruct<remote_secret_event_value_changed_msg>({
  callbackID: xdrInt,
  secret: remote_nonnull_secret,
});

export interface remote_domain_set_block_threshold_args {
  dom: remote_nonnull_domain;
  dev: remote_nonnull_string;
  threshold: bigint;
  flags: number;
}
export const remote_domain_set_block_threshold_args: Codec<remote_domain_set_block_threshold_args> = xdrStruct<remote_domain_set_block_threshold_args>({
  dom: remote_nonnull_domain,
  dev: remote_nonnull_string,
  threshold: xdrUhyper,
  flags: xdrUint,
});

export interface remote_domain_set_lifecycle_action_args {
  dom: remote_nonnull_domain;
  type: number;
  action: number;
  flags: number;
}
export const remote_domain_set_lifecycle_action_args: Codec<remote_domain_set_lifecycle_action_args> = xdrStruct<remote_domain_set_lifecycle_action_args>({
  dom: remote_nonnull_domain,
  type: xdrUint,
  action: xdrUint,
  flags: xdrUint,
});

export interface remote_connect_compare_hypervisor_cpu_args {
  emulator: remote_string;
  arch: remote_string;
  machine: remote_string;
  virttype: remote_string;
  xmlCPU: remote_nonnull_string;
  flags: number;
}
export const remote_connect_compare_hypervisor_cpu_args: Codec<remote_connect_compare_hypervisor_cpu_args> = xdrStruct<remote_connect_compare_hypervisor_cpu_args>({
  emulator: remote_string,
  arch: remote_string,
  machine: remote_string,
  virttype: remote_string,
  xmlCPU: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_connect_compare_hypervisor_cpu_ret {
  result: number;
}
export const remote_connect_compare_hypervisor_cpu_ret: Codec<remote_connect_compare_hypervisor_cpu_ret> = xdrStruct<remote_connect_compare_hypervisor_cpu_ret>({
  result: xdrInt,
});

export interface remote_connect_baseline_hypervisor_cpu_args {
  emulator: remote_string;
  arch: remote_string;
  machine: remote_string;
  virttype: remote_string;
  xmlCPUs: remote_nonnull_string[];
  flags: number;
}
export const remote_connect_baseline_hypervisor_cpu_args: Codec<remote_connect_baseline_hypervisor_cpu_args> = xdrStruct<remote_connect_baseline_hypervisor_cpu_args>({
  emulator: remote_string,
  arch: remote_string,
  machine: remote_string,
  virttype: remote_string,
  xmlCPUs: xdrArray(remote_nonnull_string, REMOTE_CPU_BASELINE_MAX, 'xmlCPUs'),
  flags: xdrUint,
});

export interface remote_connect_baseline_hypervisor_cpu_ret {
  cpu: remote_nonnull_string;
}
export const remote_connect_baseline_hypervisor_cpu_ret: Codec<remote_connect_baseline_hypervisor_cpu_ret> = xdrStruct<remote_connect_baseline_hypervisor_cpu_ret>({
  cpu: remote_nonnull_string,
});

export interface remote_node_get_sev_info_args {
  nparams: number;
  flags: number;
}
export const remote_node_get_sev_info_args: Codec<remote_node_get_sev_info_args> = xdrStruct<remote_node_get_sev_info_args>({
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_node_get_sev_info_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_node_get_sev_info_ret: Codec<remote_node_get_sev_info_ret> = xdrStruct<remote_node_get_sev_info_ret>({
  params: xdrArray(remote_typed_param, REMOTE_NODE_SEV_INFO_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_domain_get_launch_security_info_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_launch_security_info_args: Codec<remote_domain_get_launch_security_info_args> = xdrStruct<remote_domain_get_launch_security_info_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_launch_security_info_ret {
  params: remote_typed_param[];
}
export const remote_domain_get_launch_security_info_ret: Codec<remote_domain_get_launch_security_info_ret> = xdrStruct<remote_domain_get_launch_security_info_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_LAUNCH_SECURITY_INFO_PARAMS_MAX, 'params'),
});

export interface remote_domain_set_launch_security_state_args {
  dom: remote_nonnull_domain;
  params: remote_typed_param[];
  flags: number;
}
export const remote_domain_set_launch_security_state_args: Codec<remote_domain_set_launch_security_state_args> = xdrStruct<remote_domain_set_launch_security_state_args>({
  dom: remote_nonnull_domain,
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_LAUNCH_SECURITY_STATE_PARAMS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_nwfilter_binding_lookup_by_port_dev_args {
  name: remote_nonnull_string;
}
export const remote_nwfilter_binding_lookup_by_port_dev_args: Codec<remote_nwfilter_binding_lookup_by_port_dev_args> = xdrStruct<remote_nwfilter_binding_lookup_by_port_dev_args>({
  name: remote_nonnull_string,
});

export interface remote_nwfilter_binding_lookup_by_port_dev_ret {
  nwfilter: remote_nonnull_nwfilter_binding;
}
export const remote_nwfilter_binding_lookup_by_port_dev_ret: Codec<remote_nwfilter_binding_lookup_by_port_dev_ret> = xdrStruct<remote_nwfilter_binding_lookup_by_port_dev_ret>({
  nwfilter: remote_nonnull_nwfilter_binding,
});

export interface remote_nwfilter_binding_create_xml_args {
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_nwfilter_binding_create_xml_args: Codec<remote_nwfilter_binding_create_xml_args> = xdrStruct<remote_nwfilter_binding_create_xml_args>({
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_nwfilter_binding_create_xml_ret {
  nwfilter: remote_nonnull_nwfilter_binding;
}
export const remote_nwfilter_binding_create_xml_ret: Codec<remote_nwfilter_binding_create_xml_ret> = xdrStruct<remote_nwfilter_binding_create_xml_ret>({
  nwfilter: remote_nonnull_nwfilter_binding,
});

export interface remote_nwfilter_binding_delete_args {
  nwfilter: remote_nonnull_nwfilter_binding;
}
export const remote_nwfilter_binding_delete_args: Codec<remote_nwfilter_binding_delete_args> = xdrStruct<remote_nwfilter_binding_delete_args>({
  nwfilter: remote_nonnull_nwfilter_binding,
});

export interface remote_nwfilter_binding_get_xml_desc_args {
  nwfilter: remote_nonnull_nwfilter_binding;
  flags: number;
}
export const remote_nwfilter_binding_get_xml_desc_args: Codec<remote_nwfilter_binding_get_xml_desc_args> = xdrStruct<remote_nwfilter_binding_get_xml_desc_args>({
  nwfilter: remote_nonnull_nwfilter_binding,
  flags: xdrUint,
});

export interface remote_nwfilter_binding_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_nwfilter_binding_get_xml_desc_ret: Codec<remote_nwfilter_binding_get_xml_desc_ret> = xdrStruct<remote_nwfilter_binding_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_connect_list_all_nwfilter_bindings_args {
  need_results: number;
  flags: number;
}
export const remote_connect_list_all_nwfilter_bindings_args: Codec<remote_connect_list_all_nwfilter_bindings_args> = xdrStruct<remote_connect_list_all_nwfilter_bindings_args>({
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_connect_list_all_nwfilter_bindings_ret {
  bindings: remote_nonnull_nwfilter_binding[];
  ret: number;
}
export const remote_connect_list_all_nwfilter_bindings_ret: Codec<remote_connect_list_all_nwfilter_bindings_ret> = xdrStruct<remote_connect_list_all_nwfilter_bindings_ret>({
  bindings: xdrArray(remote_nonnull_nwfilter_binding, REMOTE_NWFILTER_BINDING_LIST_MAX, 'bindings'),
  ret: xdrUint,
});

export interface remote_connect_get_storage_pool_capabilities_args {
  flags: number;
}
export const remote_connect_get_storage_pool_capabilities_args: Codec<remote_connect_get_storage_pool_capabilities_args> = xdrStruct<remote_connect_get_storage_pool_capabilities_args>({
  flags: xdrUint,
});

export interface remote_connect_get_storage_pool_capabilities_ret {
  capabilities: remote_nonnull_string;
}
export const remote_connect_get_storage_pool_capabilities_ret: Codec<remote_connect_get_storage_pool_capabilities_ret> = xdrStruct<remote_connect_get_storage_pool_capabilities_ret>({
  capabilities: remote_nonnull_string,
});

export interface remote_network_list_all_ports_args {
  network: remote_nonnull_network;
  need_results: number;
  flags: number;
}
export const remote_network_list_all_ports_args: Codec<remote_network_list_all_ports_args> = xdrStruct<remote_network_list_all_ports_args>({
  network: remote_nonnull_network,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_network_list_all_ports_ret {
  ports: remote_nonnull_network_port[];
  ret: number;
}
export const remote_network_list_all_ports_ret: Codec<remote_network_list_all_ports_ret> = xdrStruct<remote_network_list_all_ports_ret>({
  ports: xdrArray(remote_nonnull_network_port, REMOTE_NETWORK_PORT_LIST_MAX, 'ports'),
  ret: xdrUint,
});

export interface remote_network_port_lookup_by_uuid_args {
  network: remote_nonnull_network;
  uuid: remote_uuid;
}
export const remote_network_port_lookup_by_uuid_args: Codec<remote_network_port_lookup_by_uuid_args> = xdrStruct<remote_network_port_lookup_by_uuid_args>({
  network: remote_nonnull_network,
  uuid: remote_uuid,
});

export interface remote_network_port_lookup_by_uuid_ret {
  port: remote_nonnull_network_port;
}
export const remote_network_port_lookup_by_uuid_ret: Codec<remote_network_port_lookup_by_uuid_ret> = xdrStruct<remote_network_port_lookup_by_uuid_ret>({
  port: remote_nonnull_network_port,
});

export interface remote_network_port_create_xml_args {
  network: remote_nonnull_network;
  xml: remote_nonnull_string;
  flags: number;
}
export const remote_network_port_create_xml_args: Codec<remote_network_port_create_xml_args> = xdrStruct<remote_network_port_create_xml_args>({
  network: remote_nonnull_network,
  xml: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_network_port_create_xml_ret {
  port: remote_nonnull_network_port;
}
export const remote_network_port_create_xml_ret: Codec<remote_network_port_create_xml_ret> = xdrStruct<remote_network_port_create_xml_ret>({
  port: remote_nonnull_network_port,
});

export interface remote_network_port_set_parameters_args {
  port: remote_nonnull_network_port;
  params: remote_typed_param[];
  flags: number;
}
export const remote_network_port_set_parameters_args: Codec<remote_network_port_set_parameters_args> = xdrStruct<remote_network_port_set_parameters_args>({
  port: remote_nonnull_network_port,
  params: xdrArray(remote_typed_param, REMOTE_NETWORK_PORT_PARAMETERS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_network_port_get_parameters_args {
  port: remote_nonnull_network_port;
  nparams: number;
  flags: number;
}
export const remote_network_port_get_parameters_args: Codec<remote_network_port_get_parameters_args> = xdrStruct<remote_network_port_get_parameters_args>({
  port: remote_nonnull_network_port,
  nparams: xdrInt,
  flags: xdrUint,
});

export interface remote_network_port_get_parameters_ret {
  params: remote_typed_param[];
  nparams: number;
}
export const remote_network_port_get_parameters_ret: Codec<remote_network_port_get_parameters_ret> = xdrStruct<remote_network_port_get_parameters_ret>({
  params: xdrArray(remote_typed_param, REMOTE_NETWORK_PORT_PARAMETERS_MAX, 'params'),
  nparams: xdrInt,
});

export interface remote_network_port_get_xml_desc_args {
  port: remote_nonnull_network_port;
  flags: number;
}
export const remote_network_port_get_xml_desc_args: Codec<remote_network_port_get_xml_desc_args> = xdrStruct<remote_network_port_get_xml_desc_args>({
  port: remote_nonnull_network_port,
  flags: xdrUint,
});

export interface remote_network_port_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_network_port_get_xml_desc_ret: Codec<remote_network_port_get_xml_desc_ret> = xdrStruct<remote_network_port_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_network_port_delete_args {
  port: remote_nonnull_network_port;
  flags: number;
}
export const remote_network_port_delete_args: Codec<remote_network_port_delete_args> = xdrStruct<remote_network_port_delete_args>({
  port: remote_nonnull_network_port,
  flags: xdrUint,
});

export interface remote_domain_checkpoint_create_xml_args {
  dom: remote_nonnull_domain;
  xml_desc: remote_nonnull_string;
  flags: number;
}
export const remote_domain_checkpoint_create_xml_args: Codec<remote_domain_checkpoint_create_xml_args> = xdrStruct<remote_domain_checkpoint_create_xml_args>({
  dom: remote_nonnull_domain,
  xml_desc: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_checkpoint_create_xml_ret {
  checkpoint: remote_nonnull_domain_checkpoint;
}
export const remote_domain_checkpoint_create_xml_ret: Codec<remote_domain_checkpoint_create_xml_ret> = xdrStruct<remote_domain_checkpoint_create_xml_ret>({
  checkpoint: remote_nonnull_domain_checkpoint,
});

export interface remote_domain_checkpoint_get_xml_desc_args {
  checkpoint: remote_nonnull_domain_checkpoint;
  flags: number;
}
export const remote_domain_checkpoint_get_xml_desc_args: Codec<remote_domain_checkpoint_get_xml_desc_args> = xdrStruct<remote_domain_checkpoint_get_xml_desc_args>({
  checkpoint: remote_nonnull_domain_checkpoint,
  flags: xdrUint,
});

export interface remote_domain_checkpoint_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_domain_checkpoint_get_xml_desc_ret: Codec<remote_domain_checkpoint_get_xml_desc_ret> = xdrStruct<remote_domain_checkpoint_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_domain_list_all_checkpoints_args {
  dom: remote_nonnull_domain;
  need_results: number;
  flags: number;
}
export const remote_domain_list_all_checkpoints_args: Codec<remote_domain_list_all_checkpoints_args> = xdrStruct<remote_domain_list_all_checkpoints_args>({
  dom: remote_nonnull_domain,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_list_all_checkpoints_ret {
  checkpoints: remote_nonnull_domain_checkpoint[];
  ret: number;
}
export const remote_domain_list_all_checkpoints_ret: Codec<remote_domain_list_all_checkpoints_ret> = xdrStruct<remote_domain_list_all_checkpoints_ret>({
  checkpoints: xdrArray(remote_nonnull_domain_checkpoint, REMOTE_DOMAIN_CHECKPOINT_LIST_MAX, 'checkpoints'),
  ret: xdrInt,
});

export interface remote_domain_checkpoint_list_all_children_args {
  checkpoint: remote_nonnull_domain_checkpoint;
  need_results: number;
  flags: number;
}
export const remote_domain_checkpoint_list_all_children_args: Codec<remote_domain_checkpoint_list_all_children_args> = xdrStruct<remote_domain_checkpoint_list_all_children_args>({
  checkpoint: remote_nonnull_domain_checkpoint,
  need_results: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_checkpoint_list_all_children_ret {
  checkpoints: remote_nonnull_domain_checkpoint[];
  ret: number;
}
export const remote_domain_checkpoint_list_all_children_ret: Codec<remote_domain_checkpoint_list_all_children_ret> = xdrStruct<remote_domain_checkpoint_list_all_children_ret>({
  checkpoints: xdrArray(remote_nonnull_domain_checkpoint, REMOTE_DOMAIN_CHECKPOINT_LIST_MAX, 'checkpoints'),
  ret: xdrInt,
});

export interface remote_domain_checkpoint_lookup_by_name_args {
  dom: remote_nonnull_domain;
  name: remote_nonnull_string;
  flags: number;
}
export const remote_domain_checkpoint_lookup_by_name_args: Codec<remote_domain_checkpoint_lookup_by_name_args> = xdrStruct<remote_domain_checkpoint_lookup_by_name_args>({
  dom: remote_nonnull_domain,
  name: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_checkpoint_lookup_by_name_ret {
  checkpoint: remote_nonnull_domain_checkpoint;
}
export const remote_domain_checkpoint_lookup_by_name_ret: Codec<remote_domain_checkpoint_lookup_by_name_ret> = xdrStruct<remote_domain_checkpoint_lookup_by_name_ret>({
  checkpoint: remote_nonnull_domain_checkpoint,
});

export interface remote_domain_checkpoint_get_parent_args {
  checkpoint: remote_nonnull_domain_checkpoint;
  flags: number;
}
export const remote_domain_checkpoint_get_parent_args: Codec<remote_domain_checkpoint_get_parent_args> = xdrStruct<remote_domain_checkpoint_get_parent_args>({
  checkpoint: remote_nonnull_domain_checkpoint,
  flags: xdrUint,
});

export interface remote_domain_checkpoint_get_parent_ret {
  parent: remote_nonnull_domain_checkpoint;
}
export const remote_domain_checkpoint_get_parent_ret: Codec<remote_domain_checkpoint_get_parent_ret> = xdrStruct<remote_domain_checkpoint_get_parent_ret>({
  parent: remote_nonnull_domain_checkpoint,
});

export interface remote_domain_checkpoint_delete_args {
  checkpoint: remote_nonnull_domain_checkpoint;
  flags: number;
}
export const remote_domain_checkpoint_delete_args: Codec<remote_domain_checkpoint_delete_args> = xdrStruct<remote_domain_checkpoint_delete_args>({
  checkpoint: remote_nonnull_domain_checkpoint,
  flags: xdrUint,
});

export interface remote_domain_get_guest_info_args {
  dom: remote_nonnull_domain;
  types: number;
  flags: number;
}
export const remote_domain_get_guest_info_args: Codec<remote_domain_get_guest_info_args> = xdrStruct<remote_domain_get_guest_info_args>({
  dom: remote_nonnull_domain,
  types: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_get_guest_info_ret {
  params: remote_typed_param[];
}
export const remote_domain_get_guest_info_ret: Codec<remote_domain_get_guest_info_ret> = xdrStruct<remote_domain_get_guest_info_ret>({
  params: xdrArray(remote_typed_param, REMOTE_DOMAIN_GUEST_INFO_PARAMS_MAX, 'params'),
});

export interface remote_connect_set_identity_args {
  params: remote_typed_param[];
  flags: number;
}
export const remote_connect_set_identity_args: Codec<remote_connect_set_identity_args> = xdrStruct<remote_connect_set_identity_args>({
  params: xdrArray(remote_typed_param, REMOTE_CONNECT_IDENTITY_PARAMS_MAX, 'params'),
  flags: xdrUint,
});

export interface remote_domain_agent_set_response_timeout_args {
  dom: remote_nonnull_domain;
  timeout: number;
  flags: number;
}
export const remote_domain_agent_set_response_timeout_args: Codec<remote_domain_agent_set_response_timeout_args> = xdrStruct<remote_domain_agent_set_response_timeout_args>({
  dom: remote_nonnull_domain,
  timeout: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_agent_set_response_timeout_ret {
  result: number;
}
export const remote_domain_agent_set_response_timeout_ret: Codec<remote_domain_agent_set_response_timeout_ret> = xdrStruct<remote_domain_agent_set_response_timeout_ret>({
  result: xdrInt,
});

export interface remote_domain_backup_begin_args {
  dom: remote_nonnull_domain;
  backup_xml: remote_nonnull_string;
  checkpoint_xml: remote_string;
  flags: number;
}
export const remote_domain_backup_begin_args: Codec<remote_domain_backup_begin_args> = xdrStruct<remote_domain_backup_begin_args>({
  dom: remote_nonnull_domain,
  backup_xml: remote_nonnull_string,
  checkpoint_xml: remote_string,
  flags: xdrUint,
});

export interface remote_domain_backup_get_xml_desc_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_backup_get_xml_desc_args: Codec<remote_domain_backup_get_xml_desc_args> = xdrStruct<remote_domain_backup_get_xml_desc_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_backup_get_xml_desc_ret {
  xml: remote_nonnull_string;
}
export const remote_domain_backup_get_xml_desc_ret: Codec<remote_domain_backup_get_xml_desc_ret> = xdrStruct<remote_domain_backup_get_xml_desc_ret>({
  xml: remote_nonnull_string,
});

export interface remote_domain_authorized_ssh_keys_get_args {
  dom: remote_nonnull_domain;
  user: remote_nonnull_string;
  flags: number;
}
export const remote_domain_authorized_ssh_keys_get_args: Codec<remote_domain_authorized_ssh_keys_get_args> = xdrStruct<remote_domain_authorized_ssh_keys_get_args>({
  dom: remote_nonnull_domain,
  user: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_authorized_ssh_keys_get_ret {
  keys: remote_nonnull_string[];
}
export const remote_domain_authorized_ssh_keys_get_ret: Codec<remote_domain_authorized_ssh_keys_get_ret> = xdrStruct<remote_domain_authorized_ssh_keys_get_ret>({
  keys: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_AUTHORIZED_SSH_KEYS_MAX, 'keys'),
});

export interface remote_domain_authorized_ssh_keys_set_args {
  dom: remote_nonnull_domain;
  user: remote_nonnull_string;
  keys: remote_nonnull_string[];
  flags: number;
}
export const remote_domain_authorized_ssh_keys_set_args: Codec<remote_domain_authorized_ssh_keys_set_args> = xdrStruct<remote_domain_authorized_ssh_keys_set_args>({
  dom: remote_nonnull_domain,
  user: remote_nonnull_string,
  keys: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_AUTHORIZED_SSH_KEYS_MAX, 'keys'),
  flags: xdrUint,
});

export interface remote_domain_get_messages_args {
  dom: remote_nonnull_domain;
  flags: number;
}
export const remote_domain_get_messages_args: Codec<remote_domain_get_messages_args> = xdrStruct<remote_domain_get_messages_args>({
  dom: remote_nonnull_domain,
  flags: xdrUint,
});

export interface remote_domain_get_messages_ret {
  msgs: remote_nonnull_string[];
}
export const remote_domain_get_messages_ret: Codec<remote_domain_get_messages_ret> = xdrStruct<remote_domain_get_messages_ret>({
  msgs: xdrArray(remote_nonnull_string, REMOTE_DOMAIN_MESSAGES_MAX, 'msgs'),
});

export interface remote_domain_start_dirty_rate_calc_args {
  dom: remote_nonnull_domain;
  seconds: number;
  flags: number;
}
export const remote_domain_start_dirty_rate_calc_args: Codec<remote_domain_start_dirty_rate_calc_args> = xdrStruct<remote_domain_start_dirty_rate_calc_args>({
  dom: remote_nonnull_domain,
  seconds: xdrInt,
  flags: xdrUint,
});

export interface remote_domain_graphics_reload_args {
  dom: remote_nonnull_domain;
  type: number;
  flags: number;
}
export const remote_domain_graphics_reload_args: Codec<remote_domain_graphics_reload_args> = xdrStruct<remote_domain_graphics_reload_args>({
  dom: remote_nonnull_domain,
  type: xdrUint,
  flags: xdrUint,
});

export interface remote_domain_event_memory_device_size_change_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  alias: remote_nonnull_string;
  size: bigint;
}
export const remote_domain_event_memory_device_size_change_msg: Codec<remote_domain_event_memory_device_size_change_msg> = xdrStruct<remote_domain_event_memory_device_size_change_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  alias: remote_nonnull_string,
  size: xdrUhyper,
});

export interface remote_domain_fd_associate_args {
  dom: remote_nonnull_domain;
  name: remote_nonnull_string;
  flags: number;
}
export const remote_domain_fd_associate_args: Codec<remote_domain_fd_associate_args> = xdrStruct<remote_domain_fd_associate_args>({
  dom: remote_nonnull_domain,
  name: remote_nonnull_string,
  flags: xdrUint,
});

export interface remote_domain_get_autostart_once_args {
  dom: remote_nonnull_domain;
}
export const remote_domain_get_autostart_once_args: Codec<remote_domain_get_autostart_once_args> = xdrStruct<remote_domain_get_autostart_once_args>({
  dom: remote_nonnull_domain,
});

export interface remote_domain_get_autostart_once_ret {
  autostart: number;
}
export const remote_domain_get_autostart_once_ret: Codec<remote_domain_get_autostart_once_ret> = xdrStruct<remote_domain_get_autostart_once_ret>({
  autostart: xdrInt,
});

export interface remote_domain_set_autostart_once_args {
  dom: remote_nonnull_domain;
  autostart: number;
}
export const remote_domain_set_autostart_once_args: Codec<remote_domain_set_autostart_once_args> = xdrStruct<remote_domain_set_autostart_once_args>({
  dom: remote_nonnull_domain,
  autostart: xdrInt,
});

export interface remote_domain_event_nic_mac_change_msg {
  callbackID: number;
  dom: remote_nonnull_domain;
  alias: remote_nonnull_string;
  oldMAC: remote_nonnull_string;
  newMAC: remote_nonnull_string;
}
export const remote_domain_event_nic_mac_change_msg: Codec<remote_domain_event_nic_mac_change_msg> = xdrStruct<remote_domain_event_nic_mac_change_msg>({
  callbackID: xdrInt,
  dom: remote_nonnull_domain,
  alias: remote_nonnull_string,
  oldMAC: remote_nonnull_string,
  newMAC: remote_nonnull_string,
});

/** The calls of program REMOTE_PROGRAM, by libvirt's procedure name without REMOTE_PROC_. */
export const RemoteProcedures = {
  CONNECT_OPEN: call<remote_connect_open_args, void>({ name: 'CONNECT_OPEN', proc: 1, api: 'virConnectOpen', args: remote_connect_open_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_CLOSE: call<void, void>({ name: 'CONNECT_CLOSE', proc: 2, api: 'virConnectClose', args: xdrVoid, ret: xdrVoid, writes: false, highPriority: true, acl: ['none'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_TYPE: call<void, remote_connect_get_type_ret>({ name: 'CONNECT_GET_TYPE', proc: 3, api: 'virConnectGetType', args: xdrVoid, ret: remote_connect_get_type_ret, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_VERSION: call<void, remote_connect_get_version_ret>({ name: 'CONNECT_GET_VERSION', proc: 4, api: 'virConnectGetVersion', args: xdrVoid, ret: remote_connect_get_version_ret, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_MAX_VCPUS: call<remote_connect_get_max_vcpus_args, remote_connect_get_max_vcpus_ret>({ name: 'CONNECT_GET_MAX_VCPUS', proc: 5, api: 'virConnectGetMaxVcpus', args: remote_connect_get_max_vcpus_args, ret: remote_connect_get_max_vcpus_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_INFO: call<void, remote_node_get_info_ret>({ name: 'NODE_GET_INFO', proc: 6, api: 'virNodeGetInfo', args: xdrVoid, ret: remote_node_get_info_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_CAPABILITIES: call<void, remote_connect_get_capabilities_ret>({ name: 'CONNECT_GET_CAPABILITIES', proc: 7, api: 'virConnectGetCapabilities', args: xdrVoid, ret: remote_connect_get_capabilities_ret, writes: false, highPriority: false, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_ATTACH_DEVICE: call<remote_domain_attach_device_args, void>({ name: 'DOMAIN_ATTACH_DEVICE', proc: 8, api: 'virDomainAttachDevice', args: remote_domain_attach_device_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_CREATE: call<remote_domain_create_args, void>({ name: 'DOMAIN_CREATE', proc: 9, api: 'virDomainCreate', args: remote_domain_create_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:start'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_CREATE_XML: call<remote_domain_create_xml_args, remote_domain_create_xml_ret>({ name: 'DOMAIN_CREATE_XML', proc: 10, api: 'virDomainCreateXML', args: remote_domain_create_xml_args, ret: remote_domain_create_xml_ret, writes: true, highPriority: false, acl: ['domain:write', 'domain:start'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DEFINE_XML: call<remote_domain_define_xml_args, remote_domain_define_xml_ret>({ name: 'DOMAIN_DEFINE_XML', proc: 11, api: 'virDomainDefineXML', args: remote_domain_define_xml_args, ret: remote_domain_define_xml_ret, writes: true, highPriority: true, acl: ['domain:write', 'domain:save'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DESTROY: call<remote_domain_destroy_args, void>({ name: 'DOMAIN_DESTROY', proc: 12, api: 'virDomainDestroy', args: remote_domain_destroy_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:stop'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DETACH_DEVICE: call<remote_domain_detach_device_args, void>({ name: 'DOMAIN_DETACH_DEVICE', proc: 13, api: 'virDomainDetachDevice', args: remote_domain_detach_device_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_XML_DESC: call<remote_domain_get_xml_desc_args, remote_domain_get_xml_desc_ret>({ name: 'DOMAIN_GET_XML_DESC', proc: 14, api: 'virDomainGetXMLDesc', args: remote_domain_get_xml_desc_args, ret: remote_domain_get_xml_desc_ret, writes: false, highPriority: false, acl: ['domain:read', 'domain:read_secure:VIR_DOMAIN_XML_SECURE', 'domain:read_secure:VIR_DOMAIN_XML_MIGRATABLE'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_AUTOSTART: call<remote_domain_get_autostart_args, remote_domain_get_autostart_ret>({ name: 'DOMAIN_GET_AUTOSTART', proc: 15, api: 'virDomainGetAutostart', args: remote_domain_get_autostart_args, ret: remote_domain_get_autostart_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_INFO: call<remote_domain_get_info_args, remote_domain_get_info_ret>({ name: 'DOMAIN_GET_INFO', proc: 16, api: 'virDomainGetInfo', args: remote_domain_get_info_args, ret: remote_domain_get_info_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_MAX_MEMORY: call<remote_domain_get_max_memory_args, remote_domain_get_max_memory_ret>({ name: 'DOMAIN_GET_MAX_MEMORY', proc: 17, api: 'virDomainGetMaxMemory', args: remote_domain_get_max_memory_args, ret: remote_domain_get_max_memory_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_MAX_VCPUS: call<remote_domain_get_max_vcpus_args, remote_domain_get_max_vcpus_ret>({ name: 'DOMAIN_GET_MAX_VCPUS', proc: 18, api: 'virDomainGetMaxVcpus', args: remote_domain_get_max_vcpus_args, ret: remote_domain_get_max_vcpus_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_OS_TYPE: call<remote_domain_get_os_type_args, remote_domain_get_os_type_ret>({ name: 'DOMAIN_GET_OS_TYPE', proc: 19, api: 'virDomainGetOSType', args: remote_domain_get_os_type_args, ret: remote_domain_get_os_type_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_VCPUS: call<remote_domain_get_vcpus_args, remote_domain_get_vcpus_ret>({ name: 'DOMAIN_GET_VCPUS', proc: 20, api: 'virDomainGetVcpus', args: remote_domain_get_vcpus_args, ret: remote_domain_get_vcpus_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_LIST_DEFINED_DOMAINS: call<remote_connect_list_defined_domains_args, remote_connect_list_defined_domains_ret>({ name: 'CONNECT_LIST_DEFINED_DOMAINS', proc: 21, api: 'virConnectListDefinedDomains', args: remote_connect_list_defined_domains_args, ret: remote_connect_list_defined_domains_ret, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_LOOKUP_BY_ID: call<remote_domain_lookup_by_id_args, remote_domain_lookup_by_id_ret>({ name: 'DOMAIN_LOOKUP_BY_ID', proc: 22, api: 'virDomainLookupByID', args: remote_domain_lookup_by_id_args, ret: remote_domain_lookup_by_id_ret, writes: false, highPriority: true, acl: ['domain:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_LOOKUP_BY_NAME: call<remote_domain_lookup_by_name_args, remote_domain_lookup_by_name_ret>({ name: 'DOMAIN_LOOKUP_BY_NAME', proc: 23, api: 'virDomainLookupByName', args: remote_domain_lookup_by_name_args, ret: remote_domain_lookup_by_name_ret, writes: false, highPriority: true, acl: ['domain:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_LOOKUP_BY_UUID: call<remote_domain_lookup_by_uuid_args, remote_domain_lookup_by_uuid_ret>({ name: 'DOMAIN_LOOKUP_BY_UUID', proc: 24, api: 'virDomainLookupByUUID', args: remote_domain_lookup_by_uuid_args, ret: remote_domain_lookup_by_uuid_ret, writes: false, highPriority: true, acl: ['domain:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_NUM_OF_DEFINED_DOMAINS: call<void, remote_connect_num_of_defined_domains_ret>({ name: 'CONNECT_NUM_OF_DEFINED_DOMAINS', proc: 25, api: 'virConnectNumOfDefinedDomains', args: xdrVoid, ret: remote_connect_num_of_defined_domains_ret, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_PIN_VCPU: call<remote_domain_pin_vcpu_args, void>({ name: 'DOMAIN_PIN_VCPU', proc: 26, api: 'virDomainPinVcpu', args: remote_domain_pin_vcpu_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_REBOOT: call<remote_domain_reboot_args, void>({ name: 'DOMAIN_REBOOT', proc: 27, api: 'virDomainReboot', args: remote_domain_reboot_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:init_control', 'domain:write:VIR_DOMAIN_REBOOT_GUEST_AGENT'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_RESUME: call<remote_domain_resume_args, void>({ name: 'DOMAIN_RESUME', proc: 28, api: 'virDomainResume', args: remote_domain_resume_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:suspend'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_AUTOSTART: call<remote_domain_set_autostart_args, void>({ name: 'DOMAIN_SET_AUTOSTART', proc: 29, api: 'virDomainSetAutostart', args: remote_domain_set_autostart_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_MAX_MEMORY: call<remote_domain_set_max_memory_args, void>({ name: 'DOMAIN_SET_MAX_MEMORY', proc: 30, api: 'virDomainSetMaxMemory', args: remote_domain_set_max_memory_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_MEMORY: call<remote_domain_set_memory_args, void>({ name: 'DOMAIN_SET_MEMORY', proc: 31, api: 'virDomainSetMemory', args: remote_domain_set_memory_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_VCPUS: call<remote_domain_set_vcpus_args, void>({ name: 'DOMAIN_SET_VCPUS', proc: 32, api: 'virDomainSetVcpus', args: remote_domain_set_vcpus_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SHUTDOWN: call<remote_domain_shutdown_args, void>({ name: 'DOMAIN_SHUTDOWN', proc: 33, api: 'virDomainShutdown', args: remote_domain_shutdown_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:init_control'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SUSPEND: call<remote_domain_suspend_args, void>({ name: 'DOMAIN_SUSPEND', proc: 34, api: 'virDomainSuspend', args: remote_domain_suspend_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:suspend'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_UNDEFINE: call<remote_domain_undefine_args, void>({ name: 'DOMAIN_UNDEFINE', proc: 35, api: 'virDomainUndefine', args: remote_domain_undefine_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:delete'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_LIST_DEFINED_NETWORKS: call<remote_connect_list_defined_networks_args, remote_connect_list_defined_networks_ret>({ name: 'CONNECT_LIST_DEFINED_NETWORKS', proc: 36, api: 'virConnectListDefinedNetworks', args: remote_connect_list_defined_networks_args, ret: remote_connect_list_defined_networks_ret, writes: false, highPriority: true, acl: ['connect:search_networks'], errorDomain: VIR_FROM_NETWORK }),
  CONNECT_LIST_DOMAINS: call<remote_connect_list_domains_args, remote_connect_list_domains_ret>({ name: 'CONNECT_LIST_DOMAINS', proc: 37, api: 'virConnectListDomains', args: remote_connect_list_domains_args, ret: remote_connect_list_domains_ret, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_LIST_NETWORKS: call<remote_connect_list_networks_args, remote_connect_list_networks_ret>({ name: 'CONNECT_LIST_NETWORKS', proc: 38, api: 'virConnectListNetworks', args: remote_connect_list_networks_args, ret: remote_connect_list_networks_ret, writes: false, highPriority: true, acl: ['connect:search_networks'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_CREATE: call<remote_network_create_args, void>({ name: 'NETWORK_CREATE', proc: 39, api: 'virNetworkCreate', args: remote_network_create_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['network:start'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_CREATE_XML: call<remote_network_create_xml_args, remote_network_create_xml_ret>({ name: 'NETWORK_CREATE_XML', proc: 40, api: 'virNetworkCreateXML', args: remote_network_create_xml_args, ret: remote_network_create_xml_ret, writes: true, highPriority: false, acl: ['network:write', 'network:start'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_DEFINE_XML: call<remote_network_define_xml_args, remote_network_define_xml_ret>({ name: 'NETWORK_DEFINE_XML', proc: 41, api: 'virNetworkDefineXML', args: remote_network_define_xml_args, ret: remote_network_define_xml_ret, writes: true, highPriority: true, acl: ['network:write', 'network:save'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_DESTROY: call<remote_network_destroy_args, void>({ name: 'NETWORK_DESTROY', proc: 42, api: 'virNetworkDestroy', args: remote_network_destroy_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['network:stop'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_GET_XML_DESC: call<remote_network_get_xml_desc_args, remote_network_get_xml_desc_ret>({ name: 'NETWORK_GET_XML_DESC', proc: 43, api: 'virNetworkGetXMLDesc', args: remote_network_get_xml_desc_args, ret: remote_network_get_xml_desc_ret, writes: false, highPriority: true, acl: ['network:read'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_GET_AUTOSTART: call<remote_network_get_autostart_args, remote_network_get_autostart_ret>({ name: 'NETWORK_GET_AUTOSTART', proc: 44, api: 'virNetworkGetAutostart', args: remote_network_get_autostart_args, ret: remote_network_get_autostart_ret, writes: false, highPriority: true, acl: ['network:read'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_GET_BRIDGE_NAME: call<remote_network_get_bridge_name_args, remote_network_get_bridge_name_ret>({ name: 'NETWORK_GET_BRIDGE_NAME', proc: 45, api: 'virNetworkGetBridgeName', args: remote_network_get_bridge_name_args, ret: remote_network_get_bridge_name_ret, writes: false, highPriority: true, acl: ['network:read'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_LOOKUP_BY_NAME: call<remote_network_lookup_by_name_args, remote_network_lookup_by_name_ret>({ name: 'NETWORK_LOOKUP_BY_NAME', proc: 46, api: 'virNetworkLookupByName', args: remote_network_lookup_by_name_args, ret: remote_network_lookup_by_name_ret, writes: false, highPriority: true, acl: ['network:getattr'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_LOOKUP_BY_UUID: call<remote_network_lookup_by_uuid_args, remote_network_lookup_by_uuid_ret>({ name: 'NETWORK_LOOKUP_BY_UUID', proc: 47, api: 'virNetworkLookupByUUID', args: remote_network_lookup_by_uuid_args, ret: remote_network_lookup_by_uuid_ret, writes: false, highPriority: true, acl: ['network:getattr'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_SET_AUTOSTART: call<remote_network_set_autostart_args, void>({ name: 'NETWORK_SET_AUTOSTART', proc: 48, api: 'virNetworkSetAutostart', args: remote_network_set_autostart_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['network:write'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_UNDEFINE: call<remote_network_undefine_args, void>({ name: 'NETWORK_UNDEFINE', proc: 49, api: 'virNetworkUndefine', args: remote_network_undefine_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['network:delete'], errorDomain: VIR_FROM_NETWORK }),
  CONNECT_NUM_OF_DEFINED_NETWORKS: call<void, remote_connect_num_of_defined_networks_ret>({ name: 'CONNECT_NUM_OF_DEFINED_NETWORKS', proc: 50, api: 'virConnectNumOfDefinedNetworks', args: xdrVoid, ret: remote_connect_num_of_defined_networks_ret, writes: false, highPriority: true, acl: ['connect:search_networks'], errorDomain: VIR_FROM_NETWORK }),
  CONNECT_NUM_OF_DOMAINS: call<void, remote_connect_num_of_domains_ret>({ name: 'CONNECT_NUM_OF_DOMAINS', proc: 51, api: 'virConnectNumOfDomains', args: xdrVoid, ret: remote_connect_num_of_domains_ret, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_NUM_OF_NETWORKS: call<void, remote_connect_num_of_networks_ret>({ name: 'CONNECT_NUM_OF_NETWORKS', proc: 52, api: 'virConnectNumOfNetworks', args: xdrVoid, ret: remote_connect_num_of_networks_ret, writes: false, highPriority: true, acl: ['connect:search_networks'], errorDomain: VIR_FROM_NETWORK }),
  DOMAIN_CORE_DUMP: call<remote_domain_core_dump_args, void>({ name: 'DOMAIN_CORE_DUMP', proc: 53, api: 'virDomainCoreDump', args: remote_domain_core_dump_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:core_dump'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_RESTORE: call<remote_domain_restore_args, void>({ name: 'DOMAIN_RESTORE', proc: 54, api: 'virDomainRestore', args: remote_domain_restore_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SAVE: call<remote_domain_save_args, void>({ name: 'DOMAIN_SAVE', proc: 55, api: 'virDomainSave', args: remote_domain_save_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:hibernate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_SCHEDULER_TYPE: call<remote_domain_get_scheduler_type_args, remote_domain_get_scheduler_type_ret>({ name: 'DOMAIN_GET_SCHEDULER_TYPE', proc: 56, api: 'virDomainGetSchedulerType', args: remote_domain_get_scheduler_type_args, ret: remote_domain_get_scheduler_type_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_SCHEDULER_PARAMETERS: call<remote_domain_get_scheduler_parameters_args, remote_domain_get_scheduler_parameters_ret>({ name: 'DOMAIN_GET_SCHEDULER_PARAMETERS', proc: 57, api: 'virDomainGetSchedulerParameters', args: remote_domain_get_scheduler_parameters_args, ret: remote_domain_get_scheduler_parameters_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_SCHEDULER_PARAMETERS: call<remote_domain_set_scheduler_parameters_args, void>({ name: 'DOMAIN_SET_SCHEDULER_PARAMETERS', proc: 58, api: 'virDomainSetSchedulerParameters', args: remote_domain_set_scheduler_parameters_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_HOSTNAME: call<void, remote_connect_get_hostname_ret>({ name: 'CONNECT_GET_HOSTNAME', proc: 59, api: 'virConnectGetHostname', args: xdrVoid, ret: remote_connect_get_hostname_ret, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_SUPPORTS_FEATURE: call<remote_connect_supports_feature_args, remote_connect_supports_feature_ret>({ name: 'CONNECT_SUPPORTS_FEATURE', proc: 60, api: 'virConnectSupportsFeature', args: remote_connect_supports_feature_args, ret: remote_connect_supports_feature_ret, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PREPARE: call<remote_domain_migrate_prepare_args, remote_domain_migrate_prepare_ret>({ name: 'DOMAIN_MIGRATE_PREPARE', proc: 61, api: 'virDomainMigratePrepare', args: remote_domain_migrate_prepare_args, ret: remote_domain_migrate_prepare_ret, writes: true, highPriority: false, acl: ['domain:migrate', 'domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PERFORM: call<remote_domain_migrate_perform_args, void>({ name: 'DOMAIN_MIGRATE_PERFORM', proc: 62, api: 'virDomainMigratePerform', args: remote_domain_migrate_perform_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_FINISH: call<remote_domain_migrate_finish_args, remote_domain_migrate_finish_ret>({ name: 'DOMAIN_MIGRATE_FINISH', proc: 63, api: 'virDomainMigrateFinish', args: remote_domain_migrate_finish_args, ret: remote_domain_migrate_finish_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_STATS: call<remote_domain_block_stats_args, remote_domain_block_stats_ret>({ name: 'DOMAIN_BLOCK_STATS', proc: 64, api: 'virDomainBlockStats', args: remote_domain_block_stats_args, ret: remote_domain_block_stats_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_INTERFACE_STATS: call<remote_domain_interface_stats_args, remote_domain_interface_stats_ret>({ name: 'DOMAIN_INTERFACE_STATS', proc: 65, api: 'virDomainInterfaceStats', args: remote_domain_interface_stats_args, ret: remote_domain_interface_stats_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  AUTH_LIST: call<void, remote_auth_list_ret>({ name: 'AUTH_LIST', proc: 66, api: 'virAuthList', args: xdrVoid, ret: remote_auth_list_ret, writes: false, highPriority: true, acl: ['none'], errorDomain: VIR_FROM_DOMAIN }),
  AUTH_SASL_INIT: call<void, remote_auth_sasl_init_ret>({ name: 'AUTH_SASL_INIT', proc: 67, api: 'virAuthSaslInit', args: xdrVoid, ret: remote_auth_sasl_init_ret, writes: false, highPriority: true, acl: ['none'], errorDomain: VIR_FROM_DOMAIN }),
  AUTH_SASL_START: call<remote_auth_sasl_start_args, remote_auth_sasl_start_ret>({ name: 'AUTH_SASL_START', proc: 68, api: 'virAuthSaslStart', args: remote_auth_sasl_start_args, ret: remote_auth_sasl_start_ret, writes: false, highPriority: true, acl: ['none'], errorDomain: VIR_FROM_DOMAIN }),
  AUTH_SASL_STEP: call<remote_auth_sasl_step_args, remote_auth_sasl_step_ret>({ name: 'AUTH_SASL_STEP', proc: 69, api: 'virAuthSaslStep', args: remote_auth_sasl_step_args, ret: remote_auth_sasl_step_ret, writes: false, highPriority: true, acl: ['none'], errorDomain: VIR_FROM_DOMAIN }),
  AUTH_POLKIT: call<void, remote_auth_polkit_ret>({ name: 'AUTH_POLKIT', proc: 70, api: 'virAuthPolkit', args: xdrVoid, ret: remote_auth_polkit_ret, writes: false, highPriority: true, acl: ['none'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_NUM_OF_STORAGE_POOLS: call<void, remote_connect_num_of_storage_pools_ret>({ name: 'CONNECT_NUM_OF_STORAGE_POOLS', proc: 71, api: 'virConnectNumOfStoragePools', args: xdrVoid, ret: remote_connect_num_of_storage_pools_ret, writes: false, highPriority: true, acl: ['connect:search_storage_pools'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_LIST_STORAGE_POOLS: call<remote_connect_list_storage_pools_args, remote_connect_list_storage_pools_ret>({ name: 'CONNECT_LIST_STORAGE_POOLS', proc: 72, api: 'virConnectListStoragePools', args: remote_connect_list_storage_pools_args, ret: remote_connect_list_storage_pools_ret, writes: false, highPriority: true, acl: ['connect:search_storage_pools'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_NUM_OF_DEFINED_STORAGE_POOLS: call<void, remote_connect_num_of_defined_storage_pools_ret>({ name: 'CONNECT_NUM_OF_DEFINED_STORAGE_POOLS', proc: 73, api: 'virConnectNumOfDefinedStoragePools', args: xdrVoid, ret: remote_connect_num_of_defined_storage_pools_ret, writes: false, highPriority: true, acl: ['connect:search_storage_pools'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_LIST_DEFINED_STORAGE_POOLS: call<remote_connect_list_defined_storage_pools_args, remote_connect_list_defined_storage_pools_ret>({ name: 'CONNECT_LIST_DEFINED_STORAGE_POOLS', proc: 74, api: 'virConnectListDefinedStoragePools', args: remote_connect_list_defined_storage_pools_args, ret: remote_connect_list_defined_storage_pools_ret, writes: false, highPriority: true, acl: ['connect:search_storage_pools'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_FIND_STORAGE_POOL_SOURCES: call<remote_connect_find_storage_pool_sources_args, remote_connect_find_storage_pool_sources_ret>({ name: 'CONNECT_FIND_STORAGE_POOL_SOURCES', proc: 75, api: 'virConnectFindStoragePoolSources', args: remote_connect_find_storage_pool_sources_args, ret: remote_connect_find_storage_pool_sources_ret, writes: true, highPriority: false, acl: ['connect:detect_storage_pools'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_CREATE_XML: call<remote_storage_pool_create_xml_args, remote_storage_pool_create_xml_ret>({ name: 'STORAGE_POOL_CREATE_XML', proc: 76, api: 'virStoragePoolCreateXML', args: remote_storage_pool_create_xml_args, ret: remote_storage_pool_create_xml_ret, writes: true, highPriority: false, acl: ['storage_pool:start', 'storage_pool:write'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_DEFINE_XML: call<remote_storage_pool_define_xml_args, remote_storage_pool_define_xml_ret>({ name: 'STORAGE_POOL_DEFINE_XML', proc: 77, api: 'virStoragePoolDefineXML', args: remote_storage_pool_define_xml_args, ret: remote_storage_pool_define_xml_ret, writes: true, highPriority: true, acl: ['storage_pool:write', 'storage_pool:save'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_CREATE: call<remote_storage_pool_create_args, void>({ name: 'STORAGE_POOL_CREATE', proc: 78, api: 'virStoragePoolCreate', args: remote_storage_pool_create_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_pool:start'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_BUILD: call<remote_storage_pool_build_args, void>({ name: 'STORAGE_POOL_BUILD', proc: 79, api: 'virStoragePoolBuild', args: remote_storage_pool_build_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_pool:format'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_DESTROY: call<remote_storage_pool_destroy_args, void>({ name: 'STORAGE_POOL_DESTROY', proc: 80, api: 'virStoragePoolDestroy', args: remote_storage_pool_destroy_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['storage_pool:stop'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_DELETE: call<remote_storage_pool_delete_args, void>({ name: 'STORAGE_POOL_DELETE', proc: 81, api: 'virStoragePoolDelete', args: remote_storage_pool_delete_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_pool:format'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_UNDEFINE: call<remote_storage_pool_undefine_args, void>({ name: 'STORAGE_POOL_UNDEFINE', proc: 82, api: 'virStoragePoolUndefine', args: remote_storage_pool_undefine_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['storage_pool:delete'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_REFRESH: call<remote_storage_pool_refresh_args, void>({ name: 'STORAGE_POOL_REFRESH', proc: 83, api: 'virStoragePoolRefresh', args: remote_storage_pool_refresh_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_pool:refresh'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_LOOKUP_BY_NAME: call<remote_storage_pool_lookup_by_name_args, remote_storage_pool_lookup_by_name_ret>({ name: 'STORAGE_POOL_LOOKUP_BY_NAME', proc: 84, api: 'virStoragePoolLookupByName', args: remote_storage_pool_lookup_by_name_args, ret: remote_storage_pool_lookup_by_name_ret, writes: false, highPriority: true, acl: ['storage_pool:getattr'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_LOOKUP_BY_UUID: call<remote_storage_pool_lookup_by_uuid_args, remote_storage_pool_lookup_by_uuid_ret>({ name: 'STORAGE_POOL_LOOKUP_BY_UUID', proc: 85, api: 'virStoragePoolLookupByUUID', args: remote_storage_pool_lookup_by_uuid_args, ret: remote_storage_pool_lookup_by_uuid_ret, writes: false, highPriority: true, acl: ['storage_pool:getattr'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_LOOKUP_BY_VOLUME: call<remote_storage_pool_lookup_by_volume_args, remote_storage_pool_lookup_by_volume_ret>({ name: 'STORAGE_POOL_LOOKUP_BY_VOLUME', proc: 86, api: 'virStoragePoolLookupByVolume', args: remote_storage_pool_lookup_by_volume_args, ret: remote_storage_pool_lookup_by_volume_ret, writes: false, highPriority: true, acl: ['storage_pool:getattr'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_GET_INFO: call<remote_storage_pool_get_info_args, remote_storage_pool_get_info_ret>({ name: 'STORAGE_POOL_GET_INFO', proc: 87, api: 'virStoragePoolGetInfo', args: remote_storage_pool_get_info_args, ret: remote_storage_pool_get_info_ret, writes: false, highPriority: true, acl: ['storage_pool:read'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_GET_XML_DESC: call<remote_storage_pool_get_xml_desc_args, remote_storage_pool_get_xml_desc_ret>({ name: 'STORAGE_POOL_GET_XML_DESC', proc: 88, api: 'virStoragePoolGetXMLDesc', args: remote_storage_pool_get_xml_desc_args, ret: remote_storage_pool_get_xml_desc_ret, writes: false, highPriority: true, acl: ['storage_pool:read'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_GET_AUTOSTART: call<remote_storage_pool_get_autostart_args, remote_storage_pool_get_autostart_ret>({ name: 'STORAGE_POOL_GET_AUTOSTART', proc: 89, api: 'virStoragePoolGetAutostart', args: remote_storage_pool_get_autostart_args, ret: remote_storage_pool_get_autostart_ret, writes: false, highPriority: true, acl: ['storage_pool:read'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_SET_AUTOSTART: call<remote_storage_pool_set_autostart_args, void>({ name: 'STORAGE_POOL_SET_AUTOSTART', proc: 90, api: 'virStoragePoolSetAutostart', args: remote_storage_pool_set_autostart_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['storage_pool:write'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_NUM_OF_VOLUMES: call<remote_storage_pool_num_of_volumes_args, remote_storage_pool_num_of_volumes_ret>({ name: 'STORAGE_POOL_NUM_OF_VOLUMES', proc: 91, api: 'virStoragePoolNumOfVolumes', args: remote_storage_pool_num_of_volumes_args, ret: remote_storage_pool_num_of_volumes_ret, writes: false, highPriority: true, acl: ['storage_pool:search_storage_vols'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_LIST_VOLUMES: call<remote_storage_pool_list_volumes_args, remote_storage_pool_list_volumes_ret>({ name: 'STORAGE_POOL_LIST_VOLUMES', proc: 92, api: 'virStoragePoolListVolumes', args: remote_storage_pool_list_volumes_args, ret: remote_storage_pool_list_volumes_ret, writes: false, highPriority: true, acl: ['storage_pool:search_storage_vols'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_CREATE_XML: call<remote_storage_vol_create_xml_args, remote_storage_vol_create_xml_ret>({ name: 'STORAGE_VOL_CREATE_XML', proc: 93, api: 'virStorageVolCreateXML', args: remote_storage_vol_create_xml_args, ret: remote_storage_vol_create_xml_ret, writes: true, highPriority: false, acl: ['storage_vol:create'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_DELETE: call<remote_storage_vol_delete_args, void>({ name: 'STORAGE_VOL_DELETE', proc: 94, api: 'virStorageVolDelete', args: remote_storage_vol_delete_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_vol:delete'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_LOOKUP_BY_NAME: call<remote_storage_vol_lookup_by_name_args, remote_storage_vol_lookup_by_name_ret>({ name: 'STORAGE_VOL_LOOKUP_BY_NAME', proc: 95, api: 'virStorageVolLookupByName', args: remote_storage_vol_lookup_by_name_args, ret: remote_storage_vol_lookup_by_name_ret, writes: false, highPriority: true, acl: ['storage_vol:getattr'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_LOOKUP_BY_KEY: call<remote_storage_vol_lookup_by_key_args, remote_storage_vol_lookup_by_key_ret>({ name: 'STORAGE_VOL_LOOKUP_BY_KEY', proc: 96, api: 'virStorageVolLookupByKey', args: remote_storage_vol_lookup_by_key_args, ret: remote_storage_vol_lookup_by_key_ret, writes: false, highPriority: true, acl: ['storage_vol:getattr'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_LOOKUP_BY_PATH: call<remote_storage_vol_lookup_by_path_args, remote_storage_vol_lookup_by_path_ret>({ name: 'STORAGE_VOL_LOOKUP_BY_PATH', proc: 97, api: 'virStorageVolLookupByPath', args: remote_storage_vol_lookup_by_path_args, ret: remote_storage_vol_lookup_by_path_ret, writes: false, highPriority: true, acl: ['storage_vol:getattr'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_GET_INFO: call<remote_storage_vol_get_info_args, remote_storage_vol_get_info_ret>({ name: 'STORAGE_VOL_GET_INFO', proc: 98, api: 'virStorageVolGetInfo', args: remote_storage_vol_get_info_args, ret: remote_storage_vol_get_info_ret, writes: false, highPriority: true, acl: ['storage_vol:read'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_GET_XML_DESC: call<remote_storage_vol_get_xml_desc_args, remote_storage_vol_get_xml_desc_ret>({ name: 'STORAGE_VOL_GET_XML_DESC', proc: 99, api: 'virStorageVolGetXMLDesc', args: remote_storage_vol_get_xml_desc_args, ret: remote_storage_vol_get_xml_desc_ret, writes: false, highPriority: true, acl: ['storage_vol:read'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_GET_PATH: call<remote_storage_vol_get_path_args, remote_storage_vol_get_path_ret>({ name: 'STORAGE_VOL_GET_PATH', proc: 100, api: 'virStorageVolGetPath', args: remote_storage_vol_get_path_args, ret: remote_storage_vol_get_path_ret, writes: false, highPriority: true, acl: ['storage_vol:read'], errorDomain: VIR_FROM_STORAGE }),
  NODE_GET_CELLS_FREE_MEMORY: call<remote_node_get_cells_free_memory_args, remote_node_get_cells_free_memory_ret>({ name: 'NODE_GET_CELLS_FREE_MEMORY', proc: 101, api: 'virNodeGetCellsFreeMemory', args: remote_node_get_cells_free_memory_args, ret: remote_node_get_cells_free_memory_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_FREE_MEMORY: call<void, remote_node_get_free_memory_ret>({ name: 'NODE_GET_FREE_MEMORY', proc: 102, api: 'virNodeGetFreeMemory', args: xdrVoid, ret: remote_node_get_free_memory_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_PEEK: call<remote_domain_block_peek_args, remote_domain_block_peek_ret>({ name: 'DOMAIN_BLOCK_PEEK', proc: 103, api: 'virDomainBlockPeek', args: remote_domain_block_peek_args, ret: remote_domain_block_peek_ret, writes: true, highPriority: false, acl: ['domain:block_read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MEMORY_PEEK: call<remote_domain_memory_peek_args, remote_domain_memory_peek_ret>({ name: 'DOMAIN_MEMORY_PEEK', proc: 104, api: 'virDomainMemoryPeek', args: remote_domain_memory_peek_args, ret: remote_domain_memory_peek_ret, writes: true, highPriority: false, acl: ['domain:mem_read'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_DOMAIN_EVENT_REGISTER: call<void, remote_connect_domain_event_register_ret>({ name: 'CONNECT_DOMAIN_EVENT_REGISTER', proc: 105, api: 'virConnectDomainEventRegister', args: xdrVoid, ret: remote_connect_domain_event_register_ret, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_DOMAIN_EVENT_DEREGISTER: call<void, remote_connect_domain_event_deregister_ret>({ name: 'CONNECT_DOMAIN_EVENT_DEREGISTER', proc: 106, api: 'virConnectDomainEventDeregister', args: xdrVoid, ret: remote_connect_domain_event_deregister_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PREPARE2: call<remote_domain_migrate_prepare2_args, remote_domain_migrate_prepare2_ret>({ name: 'DOMAIN_MIGRATE_PREPARE2', proc: 108, api: 'virDomainMigratePrepare2', args: remote_domain_migrate_prepare2_args, ret: remote_domain_migrate_prepare2_ret, writes: true, highPriority: false, acl: ['domain:migrate', 'domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_FINISH2: call<remote_domain_migrate_finish2_args, remote_domain_migrate_finish2_ret>({ name: 'DOMAIN_MIGRATE_FINISH2', proc: 109, api: 'virDomainMigrateFinish2', args: remote_domain_migrate_finish2_args, ret: remote_domain_migrate_finish2_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_URI: call<void, remote_connect_get_uri_ret>({ name: 'CONNECT_GET_URI', proc: 110, api: 'virConnectGetURI', args: xdrVoid, ret: remote_connect_get_uri_ret, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_NUM_OF_DEVICES: call<remote_node_num_of_devices_args, remote_node_num_of_devices_ret>({ name: 'NODE_NUM_OF_DEVICES', proc: 111, api: 'virNodeNumOfDevices', args: remote_node_num_of_devices_args, ret: remote_node_num_of_devices_ret, writes: false, highPriority: true, acl: ['connect:search_node_devices'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_LIST_DEVICES: call<remote_node_list_devices_args, remote_node_list_devices_ret>({ name: 'NODE_LIST_DEVICES', proc: 112, api: 'virNodeListDevices', args: remote_node_list_devices_args, ret: remote_node_list_devices_ret, writes: false, highPriority: true, acl: ['connect:search_node_devices'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_LOOKUP_BY_NAME: call<remote_node_device_lookup_by_name_args, remote_node_device_lookup_by_name_ret>({ name: 'NODE_DEVICE_LOOKUP_BY_NAME', proc: 113, api: 'virNodeDeviceLookupByName', args: remote_node_device_lookup_by_name_args, ret: remote_node_device_lookup_by_name_ret, writes: false, highPriority: true, acl: ['node_device:getattr'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_GET_XML_DESC: call<remote_node_device_get_xml_desc_args, remote_node_device_get_xml_desc_ret>({ name: 'NODE_DEVICE_GET_XML_DESC', proc: 114, api: 'virNodeDeviceGetXMLDesc', args: remote_node_device_get_xml_desc_args, ret: remote_node_device_get_xml_desc_ret, writes: false, highPriority: false, acl: ['node_device:read'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_GET_PARENT: call<remote_node_device_get_parent_args, remote_node_device_get_parent_ret>({ name: 'NODE_DEVICE_GET_PARENT', proc: 115, api: 'virNodeDeviceGetParent', args: remote_node_device_get_parent_args, ret: remote_node_device_get_parent_ret, writes: false, highPriority: true, acl: ['node_device:read'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_NUM_OF_CAPS: call<remote_node_device_num_of_caps_args, remote_node_device_num_of_caps_ret>({ name: 'NODE_DEVICE_NUM_OF_CAPS', proc: 116, api: 'virNodeDeviceNumOfCaps', args: remote_node_device_num_of_caps_args, ret: remote_node_device_num_of_caps_ret, writes: false, highPriority: true, acl: ['node_device:read'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_LIST_CAPS: call<remote_node_device_list_caps_args, remote_node_device_list_caps_ret>({ name: 'NODE_DEVICE_LIST_CAPS', proc: 117, api: 'virNodeDeviceListCaps', args: remote_node_device_list_caps_args, ret: remote_node_device_list_caps_ret, writes: false, highPriority: true, acl: ['node_device:read'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_DETTACH: call<remote_node_device_dettach_args, void>({ name: 'NODE_DEVICE_DETTACH', proc: 118, api: 'virNodeDeviceDettach', args: remote_node_device_dettach_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['node_device:detach'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_RE_ATTACH: call<remote_node_device_re_attach_args, void>({ name: 'NODE_DEVICE_RE_ATTACH', proc: 119, api: 'virNodeDeviceReAttach', args: remote_node_device_re_attach_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['node_device:detach'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_RESET: call<remote_node_device_reset_args, void>({ name: 'NODE_DEVICE_RESET', proc: 120, api: 'virNodeDeviceReset', args: remote_node_device_reset_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['node_device:detach'], errorDomain: VIR_FROM_NODEDEV }),
  DOMAIN_GET_SECURITY_LABEL: call<remote_domain_get_security_label_args, remote_domain_get_security_label_ret>({ name: 'DOMAIN_GET_SECURITY_LABEL', proc: 121, api: 'virDomainGetSecurityLabel', args: remote_domain_get_security_label_args, ret: remote_domain_get_security_label_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_SECURITY_MODEL: call<void, remote_node_get_security_model_ret>({ name: 'NODE_GET_SECURITY_MODEL', proc: 122, api: 'virNodeGetSecurityModel', args: xdrVoid, ret: remote_node_get_security_model_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_DEVICE_CREATE_XML: call<remote_node_device_create_xml_args, remote_node_device_create_xml_ret>({ name: 'NODE_DEVICE_CREATE_XML', proc: 123, api: 'virNodeDeviceCreateXML', args: remote_node_device_create_xml_args, ret: remote_node_device_create_xml_ret, writes: true, highPriority: false, acl: ['node_device:write', 'node_device:start'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_DESTROY: call<remote_node_device_destroy_args, void>({ name: 'NODE_DEVICE_DESTROY', proc: 124, api: 'virNodeDeviceDestroy', args: remote_node_device_destroy_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['node_device:stop'], errorDomain: VIR_FROM_NODEDEV }),
  STORAGE_VOL_CREATE_XML_FROM: call<remote_storage_vol_create_xml_from_args, remote_storage_vol_create_xml_from_ret>({ name: 'STORAGE_VOL_CREATE_XML_FROM', proc: 125, api: 'virStorageVolCreateXMLFrom', args: remote_storage_vol_create_xml_from_args, ret: remote_storage_vol_create_xml_from_ret, writes: true, highPriority: false, acl: ['storage_vol:create'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_NUM_OF_INTERFACES: call<void, remote_connect_num_of_interfaces_ret>({ name: 'CONNECT_NUM_OF_INTERFACES', proc: 126, api: 'virConnectNumOfInterfaces', args: xdrVoid, ret: remote_connect_num_of_interfaces_ret, writes: false, highPriority: true, acl: ['connect:search_interfaces'], errorDomain: VIR_FROM_INTERFACE }),
  CONNECT_LIST_INTERFACES: call<remote_connect_list_interfaces_args, remote_connect_list_interfaces_ret>({ name: 'CONNECT_LIST_INTERFACES', proc: 127, api: 'virConnectListInterfaces', args: remote_connect_list_interfaces_args, ret: remote_connect_list_interfaces_ret, writes: false, highPriority: true, acl: ['connect:search_interfaces'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_LOOKUP_BY_NAME: call<remote_interface_lookup_by_name_args, remote_interface_lookup_by_name_ret>({ name: 'INTERFACE_LOOKUP_BY_NAME', proc: 128, api: 'virInterfaceLookupByName', args: remote_interface_lookup_by_name_args, ret: remote_interface_lookup_by_name_ret, writes: false, highPriority: true, acl: ['interface:getattr'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_LOOKUP_BY_MAC_STRING: call<remote_interface_lookup_by_mac_string_args, remote_interface_lookup_by_mac_string_ret>({ name: 'INTERFACE_LOOKUP_BY_MAC_STRING', proc: 129, api: 'virInterfaceLookupByMACString', args: remote_interface_lookup_by_mac_string_args, ret: remote_interface_lookup_by_mac_string_ret, writes: false, highPriority: true, acl: ['interface:getattr'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_GET_XML_DESC: call<remote_interface_get_xml_desc_args, remote_interface_get_xml_desc_ret>({ name: 'INTERFACE_GET_XML_DESC', proc: 130, api: 'virInterfaceGetXMLDesc', args: remote_interface_get_xml_desc_args, ret: remote_interface_get_xml_desc_ret, writes: false, highPriority: false, acl: ['interface:read'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_DEFINE_XML: call<remote_interface_define_xml_args, remote_interface_define_xml_ret>({ name: 'INTERFACE_DEFINE_XML', proc: 131, api: 'virInterfaceDefineXML', args: remote_interface_define_xml_args, ret: remote_interface_define_xml_ret, writes: true, highPriority: true, acl: ['interface:write', 'interface:save'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_UNDEFINE: call<remote_interface_undefine_args, void>({ name: 'INTERFACE_UNDEFINE', proc: 132, api: 'virInterfaceUndefine', args: remote_interface_undefine_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['interface:delete'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_CREATE: call<remote_interface_create_args, void>({ name: 'INTERFACE_CREATE', proc: 133, api: 'virInterfaceCreate', args: remote_interface_create_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['interface:start'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_DESTROY: call<remote_interface_destroy_args, void>({ name: 'INTERFACE_DESTROY', proc: 134, api: 'virInterfaceDestroy', args: remote_interface_destroy_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['interface:stop'], errorDomain: VIR_FROM_INTERFACE }),
  CONNECT_DOMAIN_XML_FROM_NATIVE: call<remote_connect_domain_xml_from_native_args, remote_connect_domain_xml_from_native_ret>({ name: 'CONNECT_DOMAIN_XML_FROM_NATIVE', proc: 135, api: 'virConnectDomainXMLFromNative', args: remote_connect_domain_xml_from_native_args, ret: remote_connect_domain_xml_from_native_ret, writes: true, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_DOMAIN_XML_TO_NATIVE: call<remote_connect_domain_xml_to_native_args, remote_connect_domain_xml_to_native_ret>({ name: 'CONNECT_DOMAIN_XML_TO_NATIVE', proc: 136, api: 'virConnectDomainXMLToNative', args: remote_connect_domain_xml_to_native_args, ret: remote_connect_domain_xml_to_native_ret, writes: true, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_NUM_OF_DEFINED_INTERFACES: call<void, remote_connect_num_of_defined_interfaces_ret>({ name: 'CONNECT_NUM_OF_DEFINED_INTERFACES', proc: 137, api: 'virConnectNumOfDefinedInterfaces', args: xdrVoid, ret: remote_connect_num_of_defined_interfaces_ret, writes: false, highPriority: true, acl: ['connect:search_interfaces'], errorDomain: VIR_FROM_INTERFACE }),
  CONNECT_LIST_DEFINED_INTERFACES: call<remote_connect_list_defined_interfaces_args, remote_connect_list_defined_interfaces_ret>({ name: 'CONNECT_LIST_DEFINED_INTERFACES', proc: 138, api: 'virConnectListDefinedInterfaces', args: remote_connect_list_defined_interfaces_args, ret: remote_connect_list_defined_interfaces_ret, writes: false, highPriority: true, acl: ['connect:search_interfaces'], errorDomain: VIR_FROM_INTERFACE }),
  CONNECT_NUM_OF_SECRETS: call<void, remote_connect_num_of_secrets_ret>({ name: 'CONNECT_NUM_OF_SECRETS', proc: 139, api: 'virConnectNumOfSecrets', args: xdrVoid, ret: remote_connect_num_of_secrets_ret, writes: false, highPriority: true, acl: ['connect:search_secrets'], errorDomain: VIR_FROM_SECRET }),
  CONNECT_LIST_SECRETS: call<remote_connect_list_secrets_args, remote_connect_list_secrets_ret>({ name: 'CONNECT_LIST_SECRETS', proc: 140, api: 'virConnectListSecrets', args: remote_connect_list_secrets_args, ret: remote_connect_list_secrets_ret, writes: false, highPriority: true, acl: ['connect:search_secrets'], errorDomain: VIR_FROM_SECRET }),
  SECRET_LOOKUP_BY_UUID: call<remote_secret_lookup_by_uuid_args, remote_secret_lookup_by_uuid_ret>({ name: 'SECRET_LOOKUP_BY_UUID', proc: 141, api: 'virSecretLookupByUUID', args: remote_secret_lookup_by_uuid_args, ret: remote_secret_lookup_by_uuid_ret, writes: false, highPriority: true, acl: ['secret:getattr'], errorDomain: VIR_FROM_SECRET }),
  SECRET_DEFINE_XML: call<remote_secret_define_xml_args, remote_secret_define_xml_ret>({ name: 'SECRET_DEFINE_XML', proc: 142, api: 'virSecretDefineXML', args: remote_secret_define_xml_args, ret: remote_secret_define_xml_ret, writes: true, highPriority: true, acl: ['secret:write', 'secret:save'], errorDomain: VIR_FROM_SECRET }),
  SECRET_GET_XML_DESC: call<remote_secret_get_xml_desc_args, remote_secret_get_xml_desc_ret>({ name: 'SECRET_GET_XML_DESC', proc: 143, api: 'virSecretGetXMLDesc', args: remote_secret_get_xml_desc_args, ret: remote_secret_get_xml_desc_ret, writes: false, highPriority: true, acl: ['secret:read'], errorDomain: VIR_FROM_SECRET }),
  SECRET_SET_VALUE: call<remote_secret_set_value_args, void>({ name: 'SECRET_SET_VALUE', proc: 144, api: 'virSecretSetValue', args: remote_secret_set_value_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['secret:write'], errorDomain: VIR_FROM_SECRET }),
  SECRET_GET_VALUE: call<remote_secret_get_value_args, remote_secret_get_value_ret>({ name: 'SECRET_GET_VALUE', proc: 145, api: 'virSecretGetValue', args: remote_secret_get_value_args, ret: remote_secret_get_value_ret, writes: true, highPriority: true, acl: ['secret:read_secure'], errorDomain: VIR_FROM_SECRET }),
  SECRET_UNDEFINE: call<remote_secret_undefine_args, void>({ name: 'SECRET_UNDEFINE', proc: 146, api: 'virSecretUndefine', args: remote_secret_undefine_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['secret:delete'], errorDomain: VIR_FROM_SECRET }),
  SECRET_LOOKUP_BY_USAGE: call<remote_secret_lookup_by_usage_args, remote_secret_lookup_by_usage_ret>({ name: 'SECRET_LOOKUP_BY_USAGE', proc: 147, api: 'virSecretLookupByUsage', args: remote_secret_lookup_by_usage_args, ret: remote_secret_lookup_by_usage_ret, writes: false, highPriority: true, acl: ['secret:getattr'], errorDomain: VIR_FROM_SECRET }),
  DOMAIN_MIGRATE_PREPARE_TUNNEL: call<remote_domain_migrate_prepare_tunnel_args, void>({ name: 'DOMAIN_MIGRATE_PREPARE_TUNNEL', proc: 148, api: 'virDomainMigratePrepareTunnel', args: remote_domain_migrate_prepare_tunnel_args, ret: xdrVoid, writes: true, highPriority: false, stream: 'write', acl: ['domain:migrate', 'domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_IS_SECURE: call<void, remote_connect_is_secure_ret>({ name: 'CONNECT_IS_SECURE', proc: 149, api: 'virConnectIsSecure', args: xdrVoid, ret: remote_connect_is_secure_ret, writes: false, highPriority: true, acl: ['none'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_IS_ACTIVE: call<remote_domain_is_active_args, remote_domain_is_active_ret>({ name: 'DOMAIN_IS_ACTIVE', proc: 150, api: 'virDomainIsActive', args: remote_domain_is_active_args, ret: remote_domain_is_active_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_IS_PERSISTENT: call<remote_domain_is_persistent_args, remote_domain_is_persistent_ret>({ name: 'DOMAIN_IS_PERSISTENT', proc: 151, api: 'virDomainIsPersistent', args: remote_domain_is_persistent_args, ret: remote_domain_is_persistent_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  NETWORK_IS_ACTIVE: call<remote_network_is_active_args, remote_network_is_active_ret>({ name: 'NETWORK_IS_ACTIVE', proc: 152, api: 'virNetworkIsActive', args: remote_network_is_active_args, ret: remote_network_is_active_ret, writes: false, highPriority: true, acl: ['network:read'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_IS_PERSISTENT: call<remote_network_is_persistent_args, remote_network_is_persistent_ret>({ name: 'NETWORK_IS_PERSISTENT', proc: 153, api: 'virNetworkIsPersistent', args: remote_network_is_persistent_args, ret: remote_network_is_persistent_ret, writes: false, highPriority: true, acl: ['network:read'], errorDomain: VIR_FROM_NETWORK }),
  STORAGE_POOL_IS_ACTIVE: call<remote_storage_pool_is_active_args, remote_storage_pool_is_active_ret>({ name: 'STORAGE_POOL_IS_ACTIVE', proc: 154, api: 'virStoragePoolIsActive', args: remote_storage_pool_is_active_args, ret: remote_storage_pool_is_active_ret, writes: false, highPriority: true, acl: ['storage_pool:read'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_IS_PERSISTENT: call<remote_storage_pool_is_persistent_args, remote_storage_pool_is_persistent_ret>({ name: 'STORAGE_POOL_IS_PERSISTENT', proc: 155, api: 'virStoragePoolIsPersistent', args: remote_storage_pool_is_persistent_args, ret: remote_storage_pool_is_persistent_ret, writes: false, highPriority: true, acl: ['storage_pool:read'], errorDomain: VIR_FROM_STORAGE }),
  INTERFACE_IS_ACTIVE: call<remote_interface_is_active_args, remote_interface_is_active_ret>({ name: 'INTERFACE_IS_ACTIVE', proc: 156, api: 'virInterfaceIsActive', args: remote_interface_is_active_args, ret: remote_interface_is_active_ret, writes: false, highPriority: true, acl: ['interface:read'], errorDomain: VIR_FROM_INTERFACE }),
  CONNECT_GET_LIB_VERSION: call<void, remote_connect_get_lib_version_ret>({ name: 'CONNECT_GET_LIB_VERSION', proc: 157, api: 'virConnectGetLibVersion', args: xdrVoid, ret: remote_connect_get_lib_version_ret, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_COMPARE_CPU: call<remote_connect_compare_cpu_args, remote_connect_compare_cpu_ret>({ name: 'CONNECT_COMPARE_CPU', proc: 158, api: 'virConnectCompareCPU', args: remote_connect_compare_cpu_args, ret: remote_connect_compare_cpu_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MEMORY_STATS: call<remote_domain_memory_stats_args, remote_domain_memory_stats_ret>({ name: 'DOMAIN_MEMORY_STATS', proc: 159, api: 'virDomainMemoryStats', args: remote_domain_memory_stats_args, ret: remote_domain_memory_stats_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_ATTACH_DEVICE_FLAGS: call<remote_domain_attach_device_flags_args, void>({ name: 'DOMAIN_ATTACH_DEVICE_FLAGS', proc: 160, api: 'virDomainAttachDeviceFlags', args: remote_domain_attach_device_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DETACH_DEVICE_FLAGS: call<remote_domain_detach_device_flags_args, void>({ name: 'DOMAIN_DETACH_DEVICE_FLAGS', proc: 161, api: 'virDomainDetachDeviceFlags', args: remote_domain_detach_device_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_BASELINE_CPU: call<remote_connect_baseline_cpu_args, remote_connect_baseline_cpu_ret>({ name: 'CONNECT_BASELINE_CPU', proc: 162, api: 'virConnectBaselineCPU', args: remote_connect_baseline_cpu_args, ret: remote_connect_baseline_cpu_ret, writes: false, highPriority: false, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_JOB_INFO: call<remote_domain_get_job_info_args, remote_domain_get_job_info_ret>({ name: 'DOMAIN_GET_JOB_INFO', proc: 163, api: 'virDomainGetJobInfo', args: remote_domain_get_job_info_args, ret: remote_domain_get_job_info_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_ABORT_JOB: call<remote_domain_abort_job_args, void>({ name: 'DOMAIN_ABORT_JOB', proc: 164, api: 'virDomainAbortJob', args: remote_domain_abort_job_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  STORAGE_VOL_WIPE: call<remote_storage_vol_wipe_args, void>({ name: 'STORAGE_VOL_WIPE', proc: 165, api: 'virStorageVolWipe', args: remote_storage_vol_wipe_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_vol:format'], errorDomain: VIR_FROM_STORAGE }),
  DOMAIN_MIGRATE_SET_MAX_DOWNTIME: call<remote_domain_migrate_set_max_downtime_args, void>({ name: 'DOMAIN_MIGRATE_SET_MAX_DOWNTIME', proc: 166, api: 'virDomainMigrateSetMaxDowntime', args: remote_domain_migrate_set_max_downtime_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_DOMAIN_EVENT_REGISTER_ANY: call<remote_connect_domain_event_register_any_args, void>({ name: 'CONNECT_DOMAIN_EVENT_REGISTER_ANY', proc: 167, api: 'virConnectDomainEventRegisterAny', args: remote_connect_domain_event_register_any_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_DOMAIN_EVENT_DEREGISTER_ANY: call<remote_connect_domain_event_deregister_any_args, void>({ name: 'CONNECT_DOMAIN_EVENT_DEREGISTER_ANY', proc: 168, api: 'virConnectDomainEventDeregisterAny', args: remote_connect_domain_event_deregister_any_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_UPDATE_DEVICE_FLAGS: call<remote_domain_update_device_flags_args, void>({ name: 'DOMAIN_UPDATE_DEVICE_FLAGS', proc: 174, api: 'virDomainUpdateDeviceFlags', args: remote_domain_update_device_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  NWFILTER_LOOKUP_BY_NAME: call<remote_nwfilter_lookup_by_name_args, remote_nwfilter_lookup_by_name_ret>({ name: 'NWFILTER_LOOKUP_BY_NAME', proc: 175, api: 'virNWFilterLookupByName', args: remote_nwfilter_lookup_by_name_args, ret: remote_nwfilter_lookup_by_name_ret, writes: false, highPriority: true, acl: ['nwfilter:getattr'], errorDomain: VIR_FROM_NWFILTER }),
  NWFILTER_LOOKUP_BY_UUID: call<remote_nwfilter_lookup_by_uuid_args, remote_nwfilter_lookup_by_uuid_ret>({ name: 'NWFILTER_LOOKUP_BY_UUID', proc: 176, api: 'virNWFilterLookupByUUID', args: remote_nwfilter_lookup_by_uuid_args, ret: remote_nwfilter_lookup_by_uuid_ret, writes: false, highPriority: true, acl: ['nwfilter:getattr'], errorDomain: VIR_FROM_NWFILTER }),
  NWFILTER_GET_XML_DESC: call<remote_nwfilter_get_xml_desc_args, remote_nwfilter_get_xml_desc_ret>({ name: 'NWFILTER_GET_XML_DESC', proc: 177, api: 'virNWFilterGetXMLDesc', args: remote_nwfilter_get_xml_desc_args, ret: remote_nwfilter_get_xml_desc_ret, writes: false, highPriority: true, acl: ['nwfilter:read'], errorDomain: VIR_FROM_NWFILTER }),
  CONNECT_NUM_OF_NWFILTERS: call<void, remote_connect_num_of_nwfilters_ret>({ name: 'CONNECT_NUM_OF_NWFILTERS', proc: 178, api: 'virConnectNumOfNWFilters', args: xdrVoid, ret: remote_connect_num_of_nwfilters_ret, writes: false, highPriority: true, acl: ['connect:search_nwfilters'], errorDomain: VIR_FROM_NWFILTER }),
  CONNECT_LIST_NWFILTERS: call<remote_connect_list_nwfilters_args, remote_connect_list_nwfilters_ret>({ name: 'CONNECT_LIST_NWFILTERS', proc: 179, api: 'virConnectListNWFilters', args: remote_connect_list_nwfilters_args, ret: remote_connect_list_nwfilters_ret, writes: false, highPriority: true, acl: ['connect:search_nwfilters'], errorDomain: VIR_FROM_NWFILTER }),
  NWFILTER_DEFINE_XML: call<remote_nwfilter_define_xml_args, remote_nwfilter_define_xml_ret>({ name: 'NWFILTER_DEFINE_XML', proc: 180, api: 'virNWFilterDefineXML', args: remote_nwfilter_define_xml_args, ret: remote_nwfilter_define_xml_ret, writes: true, highPriority: true, acl: ['nwfilter:write', 'nwfilter:save'], errorDomain: VIR_FROM_NWFILTER }),
  NWFILTER_UNDEFINE: call<remote_nwfilter_undefine_args, void>({ name: 'NWFILTER_UNDEFINE', proc: 181, api: 'virNWFilterUndefine', args: remote_nwfilter_undefine_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['nwfilter:delete'], errorDomain: VIR_FROM_NWFILTER }),
  DOMAIN_MANAGED_SAVE: call<remote_domain_managed_save_args, void>({ name: 'DOMAIN_MANAGED_SAVE', proc: 182, api: 'virDomainManagedSave', args: remote_domain_managed_save_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:hibernate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_HAS_MANAGED_SAVE_IMAGE: call<remote_domain_has_managed_save_image_args, remote_domain_has_managed_save_image_ret>({ name: 'DOMAIN_HAS_MANAGED_SAVE_IMAGE', proc: 183, api: 'virDomainHasManagedSaveImage', args: remote_domain_has_managed_save_image_args, ret: remote_domain_has_managed_save_image_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MANAGED_SAVE_REMOVE: call<remote_domain_managed_save_remove_args, void>({ name: 'DOMAIN_MANAGED_SAVE_REMOVE', proc: 184, api: 'virDomainManagedSaveRemove', args: remote_domain_managed_save_remove_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:hibernate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SNAPSHOT_CREATE_XML: call<remote_domain_snapshot_create_xml_args, remote_domain_snapshot_create_xml_ret>({ name: 'DOMAIN_SNAPSHOT_CREATE_XML', proc: 185, api: 'virDomainSnapshotCreateXML', args: remote_domain_snapshot_create_xml_args, ret: remote_domain_snapshot_create_xml_ret, writes: true, highPriority: false, acl: ['domain:snapshot', 'domain:fs_freeze:VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_GET_XML_DESC: call<remote_domain_snapshot_get_xml_desc_args, remote_domain_snapshot_get_xml_desc_ret>({ name: 'DOMAIN_SNAPSHOT_GET_XML_DESC', proc: 186, api: 'virDomainSnapshotGetXMLDesc', args: remote_domain_snapshot_get_xml_desc_args, ret: remote_domain_snapshot_get_xml_desc_ret, writes: false, highPriority: true, acl: ['domain:read', 'domain:read_secure:VIR_DOMAIN_SNAPSHOT_XML_SECURE'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_NUM: call<remote_domain_snapshot_num_args, remote_domain_snapshot_num_ret>({ name: 'DOMAIN_SNAPSHOT_NUM', proc: 187, api: 'virDomainSnapshotNum', args: remote_domain_snapshot_num_args, ret: remote_domain_snapshot_num_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_LIST_NAMES: call<remote_domain_snapshot_list_names_args, remote_domain_snapshot_list_names_ret>({ name: 'DOMAIN_SNAPSHOT_LIST_NAMES', proc: 188, api: 'virDomainSnapshotListNames', args: remote_domain_snapshot_list_names_args, ret: remote_domain_snapshot_list_names_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_LOOKUP_BY_NAME: call<remote_domain_snapshot_lookup_by_name_args, remote_domain_snapshot_lookup_by_name_ret>({ name: 'DOMAIN_SNAPSHOT_LOOKUP_BY_NAME', proc: 189, api: 'virDomainSnapshotLookupByName', args: remote_domain_snapshot_lookup_by_name_args, ret: remote_domain_snapshot_lookup_by_name_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_HAS_CURRENT_SNAPSHOT: call<remote_domain_has_current_snapshot_args, remote_domain_has_current_snapshot_ret>({ name: 'DOMAIN_HAS_CURRENT_SNAPSHOT', proc: 190, api: 'virDomainHasCurrentSnapshot', args: remote_domain_has_current_snapshot_args, ret: remote_domain_has_current_snapshot_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_CURRENT: call<remote_domain_snapshot_current_args, remote_domain_snapshot_current_ret>({ name: 'DOMAIN_SNAPSHOT_CURRENT', proc: 191, api: 'virDomainSnapshotCurrent', args: remote_domain_snapshot_current_args, ret: remote_domain_snapshot_current_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_REVERT_TO_SNAPSHOT: call<remote_domain_revert_to_snapshot_args, void>({ name: 'DOMAIN_REVERT_TO_SNAPSHOT', proc: 192, api: 'virDomainRevertToSnapshot', args: remote_domain_revert_to_snapshot_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:snapshot'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_DELETE: call<remote_domain_snapshot_delete_args, void>({ name: 'DOMAIN_SNAPSHOT_DELETE', proc: 193, api: 'virDomainSnapshotDelete', args: remote_domain_snapshot_delete_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:snapshot'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_GET_BLOCK_INFO: call<remote_domain_get_block_info_args, remote_domain_get_block_info_ret>({ name: 'DOMAIN_GET_BLOCK_INFO', proc: 194, api: 'virDomainGetBlockInfo', args: remote_domain_get_block_info_args, ret: remote_domain_get_block_info_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_CREATE_WITH_FLAGS: call<remote_domain_create_with_flags_args, remote_domain_create_with_flags_ret>({ name: 'DOMAIN_CREATE_WITH_FLAGS', proc: 196, api: 'virDomainCreateWithFlags', args: remote_domain_create_with_flags_args, ret: remote_domain_create_with_flags_ret, writes: true, highPriority: false, acl: ['domain:start'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_MEMORY_PARAMETERS: call<remote_domain_set_memory_parameters_args, void>({ name: 'DOMAIN_SET_MEMORY_PARAMETERS', proc: 197, api: 'virDomainSetMemoryParameters', args: remote_domain_set_memory_parameters_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_MEMORY_PARAMETERS: call<remote_domain_get_memory_parameters_args, remote_domain_get_memory_parameters_ret>({ name: 'DOMAIN_GET_MEMORY_PARAMETERS', proc: 198, api: 'virDomainGetMemoryParameters', args: remote_domain_get_memory_parameters_args, ret: remote_domain_get_memory_parameters_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_VCPUS_FLAGS: call<remote_domain_set_vcpus_flags_args, void>({ name: 'DOMAIN_SET_VCPUS_FLAGS', proc: 199, api: 'virDomainSetVcpusFlags', args: remote_domain_set_vcpus_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG', 'domain:write:VIR_DOMAIN_VCPU_GUEST'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_VCPUS_FLAGS: call<remote_domain_get_vcpus_flags_args, remote_domain_get_vcpus_flags_ret>({ name: 'DOMAIN_GET_VCPUS_FLAGS', proc: 200, api: 'virDomainGetVcpusFlags', args: remote_domain_get_vcpus_flags_args, ret: remote_domain_get_vcpus_flags_ret, writes: false, highPriority: false, acl: ['domain:read', 'domain:write:VIR_DOMAIN_VCPU_GUEST'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_OPEN_CONSOLE: call<remote_domain_open_console_args, void>({ name: 'DOMAIN_OPEN_CONSOLE', proc: 201, api: 'virDomainOpenConsole', args: remote_domain_open_console_args, ret: xdrVoid, writes: true, highPriority: false, stream: 'read', acl: ['domain:open_device'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_IS_UPDATED: call<remote_domain_is_updated_args, remote_domain_is_updated_ret>({ name: 'DOMAIN_IS_UPDATED', proc: 202, api: 'virDomainIsUpdated', args: remote_domain_is_updated_args, ret: remote_domain_is_updated_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_SYSINFO: call<remote_connect_get_sysinfo_args, remote_connect_get_sysinfo_ret>({ name: 'CONNECT_GET_SYSINFO', proc: 203, api: 'virConnectGetSysinfo', args: remote_connect_get_sysinfo_args, ret: remote_connect_get_sysinfo_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_MEMORY_FLAGS: call<remote_domain_set_memory_flags_args, void>({ name: 'DOMAIN_SET_MEMORY_FLAGS', proc: 204, api: 'virDomainSetMemoryFlags', args: remote_domain_set_memory_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_BLKIO_PARAMETERS: call<remote_domain_set_blkio_parameters_args, void>({ name: 'DOMAIN_SET_BLKIO_PARAMETERS', proc: 205, api: 'virDomainSetBlkioParameters', args: remote_domain_set_blkio_parameters_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_BLKIO_PARAMETERS: call<remote_domain_get_blkio_parameters_args, remote_domain_get_blkio_parameters_ret>({ name: 'DOMAIN_GET_BLKIO_PARAMETERS', proc: 206, api: 'virDomainGetBlkioParameters', args: remote_domain_get_blkio_parameters_args, ret: remote_domain_get_blkio_parameters_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_SET_MAX_SPEED: call<remote_domain_migrate_set_max_speed_args, void>({ name: 'DOMAIN_MIGRATE_SET_MAX_SPEED', proc: 207, api: 'virDomainMigrateSetMaxSpeed', args: remote_domain_migrate_set_max_speed_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  STORAGE_VOL_UPLOAD: call<remote_storage_vol_upload_args, void>({ name: 'STORAGE_VOL_UPLOAD', proc: 208, api: 'virStorageVolUpload', args: remote_storage_vol_upload_args, ret: xdrVoid, writes: true, highPriority: false, stream: 'write', sparseFlag: 'VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM', acl: ['storage_vol:data_write'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_DOWNLOAD: call<remote_storage_vol_download_args, void>({ name: 'STORAGE_VOL_DOWNLOAD', proc: 209, api: 'virStorageVolDownload', args: remote_storage_vol_download_args, ret: xdrVoid, writes: true, highPriority: false, stream: 'read', sparseFlag: 'VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM', acl: ['storage_vol:data_read'], errorDomain: VIR_FROM_STORAGE }),
  DOMAIN_INJECT_NMI: call<remote_domain_inject_nmi_args, void>({ name: 'DOMAIN_INJECT_NMI', proc: 210, api: 'virDomainInjectNMI', args: remote_domain_inject_nmi_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:inject_nmi'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SCREENSHOT: call<remote_domain_screenshot_args, remote_domain_screenshot_ret>({ name: 'DOMAIN_SCREENSHOT', proc: 211, api: 'virDomainScreenshot', args: remote_domain_screenshot_args, ret: remote_domain_screenshot_ret, writes: true, highPriority: false, stream: 'read', acl: ['domain:screenshot'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_STATE: call<remote_domain_get_state_args, remote_domain_get_state_ret>({ name: 'DOMAIN_GET_STATE', proc: 212, api: 'virDomainGetState', args: remote_domain_get_state_args, ret: remote_domain_get_state_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_BEGIN3: call<remote_domain_migrate_begin3_args, remote_domain_migrate_begin3_ret>({ name: 'DOMAIN_MIGRATE_BEGIN3', proc: 213, api: 'virDomainMigrateBegin3', args: remote_domain_migrate_begin3_args, ret: remote_domain_migrate_begin3_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PREPARE3: call<remote_domain_migrate_prepare3_args, remote_domain_migrate_prepare3_ret>({ name: 'DOMAIN_MIGRATE_PREPARE3', proc: 214, api: 'virDomainMigratePrepare3', args: remote_domain_migrate_prepare3_args, ret: remote_domain_migrate_prepare3_ret, writes: true, highPriority: false, acl: ['domain:migrate', 'domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PREPARE_TUNNEL3: call<remote_domain_migrate_prepare_tunnel3_args, remote_domain_migrate_prepare_tunnel3_ret>({ name: 'DOMAIN_MIGRATE_PREPARE_TUNNEL3', proc: 215, api: 'virDomainMigratePrepareTunnel3', args: remote_domain_migrate_prepare_tunnel3_args, ret: remote_domain_migrate_prepare_tunnel3_ret, writes: true, highPriority: false, stream: 'write', acl: ['domain:migrate', 'domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PERFORM3: call<remote_domain_migrate_perform3_args, remote_domain_migrate_perform3_ret>({ name: 'DOMAIN_MIGRATE_PERFORM3', proc: 216, api: 'virDomainMigratePerform3', args: remote_domain_migrate_perform3_args, ret: remote_domain_migrate_perform3_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_FINISH3: call<remote_domain_migrate_finish3_args, remote_domain_migrate_finish3_ret>({ name: 'DOMAIN_MIGRATE_FINISH3', proc: 217, api: 'virDomainMigrateFinish3', args: remote_domain_migrate_finish3_args, ret: remote_domain_migrate_finish3_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_CONFIRM3: call<remote_domain_migrate_confirm3_args, void>({ name: 'DOMAIN_MIGRATE_CONFIRM3', proc: 218, api: 'virDomainMigrateConfirm3', args: remote_domain_migrate_confirm3_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS: call<remote_domain_set_scheduler_parameters_flags_args, void>({ name: 'DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS', proc: 219, api: 'virDomainSetSchedulerParametersFlags', args: remote_domain_set_scheduler_parameters_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  INTERFACE_CHANGE_BEGIN: call<remote_interface_change_begin_args, void>({ name: 'INTERFACE_CHANGE_BEGIN', proc: 220, api: 'virInterfaceChangeBegin', args: remote_interface_change_begin_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['connect:interface_transaction'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_CHANGE_COMMIT: call<remote_interface_change_commit_args, void>({ name: 'INTERFACE_CHANGE_COMMIT', proc: 221, api: 'virInterfaceChangeCommit', args: remote_interface_change_commit_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['connect:interface_transaction'], errorDomain: VIR_FROM_INTERFACE }),
  INTERFACE_CHANGE_ROLLBACK: call<remote_interface_change_rollback_args, void>({ name: 'INTERFACE_CHANGE_ROLLBACK', proc: 222, api: 'virInterfaceChangeRollback', args: remote_interface_change_rollback_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['connect:interface_transaction'], errorDomain: VIR_FROM_INTERFACE }),
  DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS: call<remote_domain_get_scheduler_parameters_flags_args, remote_domain_get_scheduler_parameters_flags_ret>({ name: 'DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS', proc: 223, api: 'virDomainGetSchedulerParametersFlags', args: remote_domain_get_scheduler_parameters_flags_args, ret: remote_domain_get_scheduler_parameters_flags_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_PIN_VCPU_FLAGS: call<remote_domain_pin_vcpu_flags_args, void>({ name: 'DOMAIN_PIN_VCPU_FLAGS', proc: 225, api: 'virDomainPinVcpuFlags', args: remote_domain_pin_vcpu_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SEND_KEY: call<remote_domain_send_key_args, void>({ name: 'DOMAIN_SEND_KEY', proc: 226, api: 'virDomainSendKey', args: remote_domain_send_key_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:send_input'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_CPU_STATS: call<remote_node_get_cpu_stats_args, remote_node_get_cpu_stats_ret>({ name: 'NODE_GET_CPU_STATS', proc: 227, api: 'virNodeGetCPUStats', args: remote_node_get_cpu_stats_args, ret: remote_node_get_cpu_stats_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_MEMORY_STATS: call<remote_node_get_memory_stats_args, remote_node_get_memory_stats_ret>({ name: 'NODE_GET_MEMORY_STATS', proc: 228, api: 'virNodeGetMemoryStats', args: remote_node_get_memory_stats_args, ret: remote_node_get_memory_stats_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_CONTROL_INFO: call<remote_domain_get_control_info_args, remote_domain_get_control_info_ret>({ name: 'DOMAIN_GET_CONTROL_INFO', proc: 229, api: 'virDomainGetControlInfo', args: remote_domain_get_control_info_args, ret: remote_domain_get_control_info_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_VCPU_PIN_INFO: call<remote_domain_get_vcpu_pin_info_args, remote_domain_get_vcpu_pin_info_ret>({ name: 'DOMAIN_GET_VCPU_PIN_INFO', proc: 230, api: 'virDomainGetVcpuPinInfo', args: remote_domain_get_vcpu_pin_info_args, ret: remote_domain_get_vcpu_pin_info_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_UNDEFINE_FLAGS: call<remote_domain_undefine_flags_args, void>({ name: 'DOMAIN_UNDEFINE_FLAGS', proc: 231, api: 'virDomainUndefineFlags', args: remote_domain_undefine_flags_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:delete'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SAVE_FLAGS: call<remote_domain_save_flags_args, void>({ name: 'DOMAIN_SAVE_FLAGS', proc: 232, api: 'virDomainSaveFlags', args: remote_domain_save_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:hibernate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_RESTORE_FLAGS: call<remote_domain_restore_flags_args, void>({ name: 'DOMAIN_RESTORE_FLAGS', proc: 233, api: 'virDomainRestoreFlags', args: remote_domain_restore_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DESTROY_FLAGS: call<remote_domain_destroy_flags_args, void>({ name: 'DOMAIN_DESTROY_FLAGS', proc: 234, api: 'virDomainDestroyFlags', args: remote_domain_destroy_flags_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:stop'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SAVE_IMAGE_GET_XML_DESC: call<remote_domain_save_image_get_xml_desc_args, remote_domain_save_image_get_xml_desc_ret>({ name: 'DOMAIN_SAVE_IMAGE_GET_XML_DESC', proc: 235, api: 'virDomainSaveImageGetXMLDesc', args: remote_domain_save_image_get_xml_desc_args, ret: remote_domain_save_image_get_xml_desc_ret, writes: true, highPriority: true, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SAVE_IMAGE_DEFINE_XML: call<remote_domain_save_image_define_xml_args, void>({ name: 'DOMAIN_SAVE_IMAGE_DEFINE_XML', proc: 236, api: 'virDomainSaveImageDefineXML', args: remote_domain_save_image_define_xml_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:write', 'domain:hibernate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_JOB_ABORT: call<remote_domain_block_job_abort_args, void>({ name: 'DOMAIN_BLOCK_JOB_ABORT', proc: 237, api: 'virDomainBlockJobAbort', args: remote_domain_block_job_abort_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_BLOCK_JOB_INFO: call<remote_domain_get_block_job_info_args, remote_domain_get_block_job_info_ret>({ name: 'DOMAIN_GET_BLOCK_JOB_INFO', proc: 238, api: 'virDomainGetBlockJobInfo', args: remote_domain_get_block_job_info_args, ret: remote_domain_get_block_job_info_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_JOB_SET_SPEED: call<remote_domain_block_job_set_speed_args, void>({ name: 'DOMAIN_BLOCK_JOB_SET_SPEED', proc: 239, api: 'virDomainBlockJobSetSpeed', args: remote_domain_block_job_set_speed_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_PULL: call<remote_domain_block_pull_args, void>({ name: 'DOMAIN_BLOCK_PULL', proc: 240, api: 'virDomainBlockPull', args: remote_domain_block_pull_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:block_write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_GET_MAX_SPEED: call<remote_domain_migrate_get_max_speed_args, remote_domain_migrate_get_max_speed_ret>({ name: 'DOMAIN_MIGRATE_GET_MAX_SPEED', proc: 242, api: 'virDomainMigrateGetMaxSpeed', args: remote_domain_migrate_get_max_speed_args, ret: remote_domain_migrate_get_max_speed_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_STATS_FLAGS: call<remote_domain_block_stats_flags_args, remote_domain_block_stats_flags_ret>({ name: 'DOMAIN_BLOCK_STATS_FLAGS', proc: 243, api: 'virDomainBlockStatsFlags', args: remote_domain_block_stats_flags_args, ret: remote_domain_block_stats_flags_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SNAPSHOT_GET_PARENT: call<remote_domain_snapshot_get_parent_args, remote_domain_snapshot_get_parent_ret>({ name: 'DOMAIN_SNAPSHOT_GET_PARENT', proc: 244, api: 'virDomainSnapshotGetParent', args: remote_domain_snapshot_get_parent_args, ret: remote_domain_snapshot_get_parent_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_RESET: call<remote_domain_reset_args, void>({ name: 'DOMAIN_RESET', proc: 245, api: 'virDomainReset', args: remote_domain_reset_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:reset'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SNAPSHOT_NUM_CHILDREN: call<remote_domain_snapshot_num_children_args, remote_domain_snapshot_num_children_ret>({ name: 'DOMAIN_SNAPSHOT_NUM_CHILDREN', proc: 246, api: 'virDomainSnapshotNumChildren', args: remote_domain_snapshot_num_children_args, ret: remote_domain_snapshot_num_children_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES: call<remote_domain_snapshot_list_children_names_args, remote_domain_snapshot_list_children_names_ret>({ name: 'DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES', proc: 247, api: 'virDomainSnapshotListChildrenNames', args: remote_domain_snapshot_list_children_names_args, ret: remote_domain_snapshot_list_children_names_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_OPEN_GRAPHICS: call<remote_domain_open_graphics_args, void>({ name: 'DOMAIN_OPEN_GRAPHICS', proc: 249, api: 'virDomainOpenGraphics', args: remote_domain_open_graphics_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:open_graphics'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_SUSPEND_FOR_DURATION: call<remote_node_suspend_for_duration_args, void>({ name: 'NODE_SUSPEND_FOR_DURATION', proc: 250, api: 'virNodeSuspendForDuration', args: remote_node_suspend_for_duration_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['connect:pm_control'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_RESIZE: call<remote_domain_block_resize_args, void>({ name: 'DOMAIN_BLOCK_RESIZE', proc: 251, api: 'virDomainBlockResize', args: remote_domain_block_resize_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:block_write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_BLOCK_IO_TUNE: call<remote_domain_set_block_io_tune_args, void>({ name: 'DOMAIN_SET_BLOCK_IO_TUNE', proc: 252, api: 'virDomainSetBlockIoTune', args: remote_domain_set_block_io_tune_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_BLOCK_IO_TUNE: call<remote_domain_get_block_io_tune_args, remote_domain_get_block_io_tune_ret>({ name: 'DOMAIN_GET_BLOCK_IO_TUNE', proc: 253, api: 'virDomainGetBlockIoTune', args: remote_domain_get_block_io_tune_args, ret: remote_domain_get_block_io_tune_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_NUMA_PARAMETERS: call<remote_domain_set_numa_parameters_args, void>({ name: 'DOMAIN_SET_NUMA_PARAMETERS', proc: 254, api: 'virDomainSetNumaParameters', args: remote_domain_set_numa_parameters_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_NUMA_PARAMETERS: call<remote_domain_get_numa_parameters_args, remote_domain_get_numa_parameters_ret>({ name: 'DOMAIN_GET_NUMA_PARAMETERS', proc: 255, api: 'virDomainGetNumaParameters', args: remote_domain_get_numa_parameters_args, ret: remote_domain_get_numa_parameters_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_INTERFACE_PARAMETERS: call<remote_domain_set_interface_parameters_args, void>({ name: 'DOMAIN_SET_INTERFACE_PARAMETERS', proc: 256, api: 'virDomainSetInterfaceParameters', args: remote_domain_set_interface_parameters_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_INTERFACE_PARAMETERS: call<remote_domain_get_interface_parameters_args, remote_domain_get_interface_parameters_ret>({ name: 'DOMAIN_GET_INTERFACE_PARAMETERS', proc: 257, api: 'virDomainGetInterfaceParameters', args: remote_domain_get_interface_parameters_args, ret: remote_domain_get_interface_parameters_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SHUTDOWN_FLAGS: call<remote_domain_shutdown_flags_args, void>({ name: 'DOMAIN_SHUTDOWN_FLAGS', proc: 258, api: 'virDomainShutdownFlags', args: remote_domain_shutdown_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:init_control', 'domain:write:VIR_DOMAIN_SHUTDOWN_GUEST_AGENT'], errorDomain: VIR_FROM_DOMAIN }),
  STORAGE_VOL_WIPE_PATTERN: call<remote_storage_vol_wipe_pattern_args, void>({ name: 'STORAGE_VOL_WIPE_PATTERN', proc: 259, api: 'virStorageVolWipePattern', args: remote_storage_vol_wipe_pattern_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_vol:format'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_VOL_RESIZE: call<remote_storage_vol_resize_args, void>({ name: 'STORAGE_VOL_RESIZE', proc: 260, api: 'virStorageVolResize', args: remote_storage_vol_resize_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['storage_vol:resize'], errorDomain: VIR_FROM_STORAGE }),
  DOMAIN_PM_SUSPEND_FOR_DURATION: call<remote_domain_pm_suspend_for_duration_args, void>({ name: 'DOMAIN_PM_SUSPEND_FOR_DURATION', proc: 261, api: 'virDomainPMSuspendForDuration', args: remote_domain_pm_suspend_for_duration_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:pm_control'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_CPU_STATS: call<remote_domain_get_cpu_stats_args, remote_domain_get_cpu_stats_ret>({ name: 'DOMAIN_GET_CPU_STATS', proc: 262, api: 'virDomainGetCPUStats', args: remote_domain_get_cpu_stats_args, ret: remote_domain_get_cpu_stats_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_DISK_ERRORS: call<remote_domain_get_disk_errors_args, remote_domain_get_disk_errors_ret>({ name: 'DOMAIN_GET_DISK_ERRORS', proc: 263, api: 'virDomainGetDiskErrors', args: remote_domain_get_disk_errors_args, ret: remote_domain_get_disk_errors_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_METADATA: call<remote_domain_set_metadata_args, void>({ name: 'DOMAIN_SET_METADATA', proc: 264, api: 'virDomainSetMetadata', args: remote_domain_set_metadata_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_METADATA: call<remote_domain_get_metadata_args, remote_domain_get_metadata_ret>({ name: 'DOMAIN_GET_METADATA', proc: 265, api: 'virDomainGetMetadata', args: remote_domain_get_metadata_args, ret: remote_domain_get_metadata_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_REBASE: call<remote_domain_block_rebase_args, void>({ name: 'DOMAIN_BLOCK_REBASE', proc: 266, api: 'virDomainBlockRebase', args: remote_domain_block_rebase_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:block_write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_PM_WAKEUP: call<remote_domain_pm_wakeup_args, void>({ name: 'DOMAIN_PM_WAKEUP', proc: 267, api: 'virDomainPMWakeup', args: remote_domain_pm_wakeup_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:pm_control'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SNAPSHOT_IS_CURRENT: call<remote_domain_snapshot_is_current_args, remote_domain_snapshot_is_current_ret>({ name: 'DOMAIN_SNAPSHOT_IS_CURRENT', proc: 271, api: 'virDomainSnapshotIsCurrent', args: remote_domain_snapshot_is_current_args, ret: remote_domain_snapshot_is_current_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_HAS_METADATA: call<remote_domain_snapshot_has_metadata_args, remote_domain_snapshot_has_metadata_ret>({ name: 'DOMAIN_SNAPSHOT_HAS_METADATA', proc: 272, api: 'virDomainSnapshotHasMetadata', args: remote_domain_snapshot_has_metadata_args, ret: remote_domain_snapshot_has_metadata_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  CONNECT_LIST_ALL_DOMAINS: call<remote_connect_list_all_domains_args, remote_connect_list_all_domains_ret>({ name: 'CONNECT_LIST_ALL_DOMAINS', proc: 273, api: 'virConnectListAllDomains', args: remote_connect_list_all_domains_args, ret: remote_connect_list_all_domains_ret, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_LIST_ALL_SNAPSHOTS: call<remote_domain_list_all_snapshots_args, remote_domain_list_all_snapshots_ret>({ name: 'DOMAIN_LIST_ALL_SNAPSHOTS', proc: 274, api: 'virDomainListAllSnapshots', args: remote_domain_list_all_snapshots_args, ret: remote_domain_list_all_snapshots_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN: call<remote_domain_snapshot_list_all_children_args, remote_domain_snapshot_list_all_children_ret>({ name: 'DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN', proc: 275, api: 'virDomainSnapshotListAllChildren', args: remote_domain_snapshot_list_all_children_args, ret: remote_domain_snapshot_list_all_children_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_SNAPSHOT }),
  DOMAIN_GET_HOSTNAME: call<remote_domain_get_hostname_args, remote_domain_get_hostname_ret>({ name: 'DOMAIN_GET_HOSTNAME', proc: 277, api: 'virDomainGetHostname', args: remote_domain_get_hostname_args, ret: remote_domain_get_hostname_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_SECURITY_LABEL_LIST: call<remote_domain_get_security_label_list_args, remote_domain_get_security_label_list_ret>({ name: 'DOMAIN_GET_SECURITY_LABEL_LIST', proc: 278, api: 'virDomainGetSecurityLabelList', args: remote_domain_get_security_label_list_args, ret: remote_domain_get_security_label_list_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_PIN_EMULATOR: call<remote_domain_pin_emulator_args, void>({ name: 'DOMAIN_PIN_EMULATOR', proc: 279, api: 'virDomainPinEmulator', args: remote_domain_pin_emulator_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_EMULATOR_PIN_INFO: call<remote_domain_get_emulator_pin_info_args, remote_domain_get_emulator_pin_info_ret>({ name: 'DOMAIN_GET_EMULATOR_PIN_INFO', proc: 280, api: 'virDomainGetEmulatorPinInfo', args: remote_domain_get_emulator_pin_info_args, ret: remote_domain_get_emulator_pin_info_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_LIST_ALL_STORAGE_POOLS: call<remote_connect_list_all_storage_pools_args, remote_connect_list_all_storage_pools_ret>({ name: 'CONNECT_LIST_ALL_STORAGE_POOLS', proc: 281, api: 'virConnectListAllStoragePools', args: remote_connect_list_all_storage_pools_args, ret: remote_connect_list_all_storage_pools_ret, writes: false, highPriority: true, acl: ['connect:search_storage_pools'], errorDomain: VIR_FROM_STORAGE }),
  STORAGE_POOL_LIST_ALL_VOLUMES: call<remote_storage_pool_list_all_volumes_args, remote_storage_pool_list_all_volumes_ret>({ name: 'STORAGE_POOL_LIST_ALL_VOLUMES', proc: 282, api: 'virStoragePoolListAllVolumes', args: remote_storage_pool_list_all_volumes_args, ret: remote_storage_pool_list_all_volumes_ret, writes: false, highPriority: true, acl: ['storage_pool:search_storage_vols'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_LIST_ALL_NETWORKS: call<remote_connect_list_all_networks_args, remote_connect_list_all_networks_ret>({ name: 'CONNECT_LIST_ALL_NETWORKS', proc: 283, api: 'virConnectListAllNetworks', args: remote_connect_list_all_networks_args, ret: remote_connect_list_all_networks_ret, writes: false, highPriority: true, acl: ['connect:search_networks'], errorDomain: VIR_FROM_NETWORK }),
  CONNECT_LIST_ALL_INTERFACES: call<remote_connect_list_all_interfaces_args, remote_connect_list_all_interfaces_ret>({ name: 'CONNECT_LIST_ALL_INTERFACES', proc: 284, api: 'virConnectListAllInterfaces', args: remote_connect_list_all_interfaces_args, ret: remote_connect_list_all_interfaces_ret, writes: false, highPriority: true, acl: ['connect:search_interfaces'], errorDomain: VIR_FROM_INTERFACE }),
  CONNECT_LIST_ALL_NODE_DEVICES: call<remote_connect_list_all_node_devices_args, remote_connect_list_all_node_devices_ret>({ name: 'CONNECT_LIST_ALL_NODE_DEVICES', proc: 285, api: 'virConnectListAllNodeDevices', args: remote_connect_list_all_node_devices_args, ret: remote_connect_list_all_node_devices_ret, writes: false, highPriority: true, acl: ['connect:search_node_devices'], errorDomain: VIR_FROM_NODEDEV }),
  CONNECT_LIST_ALL_NWFILTERS: call<remote_connect_list_all_nwfilters_args, remote_connect_list_all_nwfilters_ret>({ name: 'CONNECT_LIST_ALL_NWFILTERS', proc: 286, api: 'virConnectListAllNWFilters', args: remote_connect_list_all_nwfilters_args, ret: remote_connect_list_all_nwfilters_ret, writes: false, highPriority: true, acl: ['connect:search_nwfilters'], errorDomain: VIR_FROM_NWFILTER }),
  CONNECT_LIST_ALL_SECRETS: call<remote_connect_list_all_secrets_args, remote_connect_list_all_secrets_ret>({ name: 'CONNECT_LIST_ALL_SECRETS', proc: 287, api: 'virConnectListAllSecrets', args: remote_connect_list_all_secrets_args, ret: remote_connect_list_all_secrets_ret, writes: false, highPriority: true, acl: ['connect:search_secrets'], errorDomain: VIR_FROM_SECRET }),
  NODE_SET_MEMORY_PARAMETERS: call<remote_node_set_memory_parameters_args, void>({ name: 'NODE_SET_MEMORY_PARAMETERS', proc: 288, api: 'virNodeSetMemoryParameters', args: remote_node_set_memory_parameters_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_MEMORY_PARAMETERS: call<remote_node_get_memory_parameters_args, remote_node_get_memory_parameters_ret>({ name: 'NODE_GET_MEMORY_PARAMETERS', proc: 289, api: 'virNodeGetMemoryParameters', args: remote_node_get_memory_parameters_args, ret: remote_node_get_memory_parameters_ret, writes: false, highPriority: false, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_COMMIT: call<remote_domain_block_commit_args, void>({ name: 'DOMAIN_BLOCK_COMMIT', proc: 290, api: 'virDomainBlockCommit', args: remote_domain_block_commit_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:block_write'], errorDomain: VIR_FROM_DOMAIN }),
  NETWORK_UPDATE: call<remote_network_update_args, void>({ name: 'NETWORK_UPDATE', proc: 291, api: 'virNetworkUpdate', args: remote_network_update_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['network:write', 'network:save:!VIR_NETWORK_UPDATE_AFFECT_CONFIG|VIR_NETWORK_UPDATE_AFFECT_LIVE', 'network:save:VIR_NETWORK_UPDATE_AFFECT_CONFIG'], errorDomain: VIR_FROM_NETWORK }),
  NODE_GET_CPU_MAP: call<remote_node_get_cpu_map_args, remote_node_get_cpu_map_ret>({ name: 'NODE_GET_CPU_MAP', proc: 293, api: 'virNodeGetCPUMap', args: remote_node_get_cpu_map_args, ret: remote_node_get_cpu_map_ret, writes: false, highPriority: false, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_FSTRIM: call<remote_domain_fstrim_args, void>({ name: 'DOMAIN_FSTRIM', proc: 294, api: 'virDomainFSTrim', args: remote_domain_fstrim_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:fs_trim'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SEND_PROCESS_SIGNAL: call<remote_domain_send_process_signal_args, void>({ name: 'DOMAIN_SEND_PROCESS_SIGNAL', proc: 295, api: 'virDomainSendProcessSignal', args: remote_domain_send_process_signal_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:send_signal'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_OPEN_CHANNEL: call<remote_domain_open_channel_args, void>({ name: 'DOMAIN_OPEN_CHANNEL', proc: 296, api: 'virDomainOpenChannel', args: remote_domain_open_channel_args, ret: xdrVoid, writes: true, highPriority: false, stream: 'read', acl: ['domain:open_device'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN: call<remote_node_device_lookup_scsi_host_by_wwn_args, remote_node_device_lookup_scsi_host_by_wwn_ret>({ name: 'NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN', proc: 297, api: 'virNodeDeviceLookupSCSIHostByWWN', args: remote_node_device_lookup_scsi_host_by_wwn_args, ret: remote_node_device_lookup_scsi_host_by_wwn_ret, writes: false, highPriority: true, acl: ['node_device:getattr'], errorDomain: VIR_FROM_NODEDEV }),
  DOMAIN_GET_JOB_STATS: call<remote_domain_get_job_stats_args, remote_domain_get_job_stats_ret>({ name: 'DOMAIN_GET_JOB_STATS', proc: 298, api: 'virDomainGetJobStats', args: remote_domain_get_job_stats_args, ret: remote_domain_get_job_stats_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_GET_COMPRESSION_CACHE: call<remote_domain_migrate_get_compression_cache_args, remote_domain_migrate_get_compression_cache_ret>({ name: 'DOMAIN_MIGRATE_GET_COMPRESSION_CACHE', proc: 299, api: 'virDomainMigrateGetCompressionCache', args: remote_domain_migrate_get_compression_cache_args, ret: remote_domain_migrate_get_compression_cache_ret, writes: false, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_SET_COMPRESSION_CACHE: call<remote_domain_migrate_set_compression_cache_args, void>({ name: 'DOMAIN_MIGRATE_SET_COMPRESSION_CACHE', proc: 300, api: 'virDomainMigrateSetCompressionCache', args: remote_domain_migrate_set_compression_cache_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_DEVICE_DETACH_FLAGS: call<remote_node_device_detach_flags_args, void>({ name: 'NODE_DEVICE_DETACH_FLAGS', proc: 301, api: 'virNodeDeviceDetachFlags', args: remote_node_device_detach_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['node_device:detach'], errorDomain: VIR_FROM_NODEDEV }),
  DOMAIN_MIGRATE_BEGIN3_PARAMS: call<remote_domain_migrate_begin3_params_args, remote_domain_migrate_begin3_params_ret>({ name: 'DOMAIN_MIGRATE_BEGIN3_PARAMS', proc: 302, api: 'virDomainMigrateBegin3Params', args: remote_domain_migrate_begin3_params_args, ret: remote_domain_migrate_begin3_params_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PREPARE3_PARAMS: call<remote_domain_migrate_prepare3_params_args, remote_domain_migrate_prepare3_params_ret>({ name: 'DOMAIN_MIGRATE_PREPARE3_PARAMS', proc: 303, api: 'virDomainMigratePrepare3Params', args: remote_domain_migrate_prepare3_params_args, ret: remote_domain_migrate_prepare3_params_ret, writes: true, highPriority: false, acl: ['domain:migrate', 'domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS: call<remote_domain_migrate_prepare_tunnel3_params_args, remote_domain_migrate_prepare_tunnel3_params_ret>({ name: 'DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS', proc: 304, api: 'virDomainMigratePrepareTunnel3Params', args: remote_domain_migrate_prepare_tunnel3_params_args, ret: remote_domain_migrate_prepare_tunnel3_params_ret, writes: true, highPriority: false, acl: ['domain:migrate', 'domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_PERFORM3_PARAMS: call<remote_domain_migrate_perform3_params_args, remote_domain_migrate_perform3_params_ret>({ name: 'DOMAIN_MIGRATE_PERFORM3_PARAMS', proc: 305, api: 'virDomainMigratePerform3Params', args: remote_domain_migrate_perform3_params_args, ret: remote_domain_migrate_perform3_params_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_FINISH3_PARAMS: call<remote_domain_migrate_finish3_params_args, remote_domain_migrate_finish3_params_ret>({ name: 'DOMAIN_MIGRATE_FINISH3_PARAMS', proc: 306, api: 'virDomainMigrateFinish3Params', args: remote_domain_migrate_finish3_params_args, ret: remote_domain_migrate_finish3_params_ret, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_CONFIRM3_PARAMS: call<remote_domain_migrate_confirm3_params_args, void>({ name: 'DOMAIN_MIGRATE_CONFIRM3_PARAMS', proc: 307, api: 'virDomainMigrateConfirm3Params', args: remote_domain_migrate_confirm3_params_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_MEMORY_STATS_PERIOD: call<remote_domain_set_memory_stats_period_args, void>({ name: 'DOMAIN_SET_MEMORY_STATS_PERIOD', proc: 308, api: 'virDomainSetMemoryStatsPeriod', args: remote_domain_set_memory_stats_period_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_CREATE_XML_WITH_FILES: call<remote_domain_create_xml_with_files_args, remote_domain_create_xml_with_files_ret>({ name: 'DOMAIN_CREATE_XML_WITH_FILES', proc: 309, api: 'virDomainCreateXMLWithFiles', args: remote_domain_create_xml_with_files_args, ret: remote_domain_create_xml_with_files_ret, writes: true, highPriority: false, acl: ['domain:write', 'domain:start'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_CREATE_WITH_FILES: call<remote_domain_create_with_files_args, remote_domain_create_with_files_ret>({ name: 'DOMAIN_CREATE_WITH_FILES', proc: 310, api: 'virDomainCreateWithFiles', args: remote_domain_create_with_files_args, ret: remote_domain_create_with_files_ret, writes: true, highPriority: false, acl: ['domain:start'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_CPU_MODEL_NAMES: call<remote_connect_get_cpu_model_names_args, remote_connect_get_cpu_model_names_ret>({ name: 'CONNECT_GET_CPU_MODEL_NAMES', proc: 312, api: 'virConnectGetCPUModelNames', args: remote_connect_get_cpu_model_names_args, ret: remote_connect_get_cpu_model_names_ret, writes: false, highPriority: false, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_NETWORK_EVENT_REGISTER_ANY: call<remote_connect_network_event_register_any_args, remote_connect_network_event_register_any_ret>({ name: 'CONNECT_NETWORK_EVENT_REGISTER_ANY', proc: 313, api: 'virConnectNetworkEventRegisterAny', args: remote_connect_network_event_register_any_args, ret: remote_connect_network_event_register_any_ret, writes: false, highPriority: true, acl: ['connect:search_networks'], errorDomain: VIR_FROM_NETWORK }),
  CONNECT_NETWORK_EVENT_DEREGISTER_ANY: call<remote_connect_network_event_deregister_any_args, void>({ name: 'CONNECT_NETWORK_EVENT_DEREGISTER_ANY', proc: 314, api: 'virConnectNetworkEventDeregisterAny', args: remote_connect_network_event_deregister_any_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_NETWORK }),
  CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY: call<remote_connect_domain_event_callback_register_any_args, remote_connect_domain_event_callback_register_any_ret>({ name: 'CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY', proc: 316, api: 'virConnectDomainEventCallbackRegisterAny', args: remote_connect_domain_event_callback_register_any_args, ret: remote_connect_domain_event_callback_register_any_ret, writes: false, highPriority: true, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY: call<remote_connect_domain_event_callback_deregister_any_args, void>({ name: 'CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY', proc: 317, api: 'virConnectDomainEventCallbackDeregisterAny', args: remote_connect_domain_event_callback_deregister_any_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_CORE_DUMP_WITH_FORMAT: call<remote_domain_core_dump_with_format_args, void>({ name: 'DOMAIN_CORE_DUMP_WITH_FORMAT', proc: 334, api: 'virDomainCoreDumpWithFormat', args: remote_domain_core_dump_with_format_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:core_dump'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_FSFREEZE: call<remote_domain_fsfreeze_args, remote_domain_fsfreeze_ret>({ name: 'DOMAIN_FSFREEZE', proc: 335, api: 'virDomainFSFreeze', args: remote_domain_fsfreeze_args, ret: remote_domain_fsfreeze_ret, writes: true, highPriority: false, acl: ['domain:fs_freeze'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_FSTHAW: call<remote_domain_fsthaw_args, remote_domain_fsthaw_ret>({ name: 'DOMAIN_FSTHAW', proc: 336, api: 'virDomainFSThaw', args: remote_domain_fsthaw_args, ret: remote_domain_fsthaw_ret, writes: true, highPriority: false, acl: ['domain:fs_freeze'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_TIME: call<remote_domain_get_time_args, remote_domain_get_time_ret>({ name: 'DOMAIN_GET_TIME', proc: 337, api: 'virDomainGetTime', args: remote_domain_get_time_args, ret: remote_domain_get_time_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_TIME: call<remote_domain_set_time_args, void>({ name: 'DOMAIN_SET_TIME', proc: 338, api: 'virDomainSetTime', args: remote_domain_set_time_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:set_time'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_FREE_PAGES: call<remote_node_get_free_pages_args, remote_node_get_free_pages_ret>({ name: 'NODE_GET_FREE_PAGES', proc: 340, api: 'virNodeGetFreePages', args: remote_node_get_free_pages_args, ret: remote_node_get_free_pages_ret, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  NETWORK_GET_DHCP_LEASES: call<remote_network_get_dhcp_leases_args, remote_network_get_dhcp_leases_ret>({ name: 'NETWORK_GET_DHCP_LEASES', proc: 341, api: 'virNetworkGetDHCPLeases', args: remote_network_get_dhcp_leases_args, ret: remote_network_get_dhcp_leases_ret, writes: false, highPriority: false, acl: ['network:read'], errorDomain: VIR_FROM_NETWORK }),
  CONNECT_GET_DOMAIN_CAPABILITIES: call<remote_connect_get_domain_capabilities_args, remote_connect_get_domain_capabilities_ret>({ name: 'CONNECT_GET_DOMAIN_CAPABILITIES', proc: 342, api: 'virConnectGetDomainCapabilities', args: remote_connect_get_domain_capabilities_args, ret: remote_connect_get_domain_capabilities_ret, writes: true, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_OPEN_GRAPHICS_FD: call<remote_domain_open_graphics_fd_args, void>({ name: 'DOMAIN_OPEN_GRAPHICS_FD', proc: 343, api: 'virDomainOpenGraphicsFD', args: remote_domain_open_graphics_fd_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:open_graphics'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_ALL_DOMAIN_STATS: call<remote_connect_get_all_domain_stats_args, remote_connect_get_all_domain_stats_ret>({ name: 'CONNECT_GET_ALL_DOMAIN_STATS', proc: 344, api: 'virConnectGetAllDomainStats', args: remote_connect_get_all_domain_stats_args, ret: remote_connect_get_all_domain_stats_ret, writes: false, highPriority: false, acl: ['connect:search_domains'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BLOCK_COPY: call<remote_domain_block_copy_args, void>({ name: 'DOMAIN_BLOCK_COPY', proc: 345, api: 'virDomainBlockCopy', args: remote_domain_block_copy_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:block_write'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_ALLOC_PAGES: call<remote_node_alloc_pages_args, remote_node_alloc_pages_ret>({ name: 'NODE_ALLOC_PAGES', proc: 347, api: 'virNodeAllocPages', args: remote_node_alloc_pages_args, ret: remote_node_alloc_pages_ret, writes: true, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_FSINFO: call<remote_domain_get_fsinfo_args, remote_domain_get_fsinfo_ret>({ name: 'DOMAIN_GET_FSINFO', proc: 349, api: 'virDomainGetFSInfo', args: remote_domain_get_fsinfo_args, ret: remote_domain_get_fsinfo_ret, writes: true, highPriority: false, acl: ['domain:fs_freeze'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DEFINE_XML_FLAGS: call<remote_domain_define_xml_flags_args, remote_domain_define_xml_flags_ret>({ name: 'DOMAIN_DEFINE_XML_FLAGS', proc: 350, api: 'virDomainDefineXMLFlags', args: remote_domain_define_xml_flags_args, ret: remote_domain_define_xml_flags_ret, writes: true, highPriority: true, acl: ['domain:write', 'domain:save'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_IOTHREAD_INFO: call<remote_domain_get_iothread_info_args, remote_domain_get_iothread_info_ret>({ name: 'DOMAIN_GET_IOTHREAD_INFO', proc: 351, api: 'virDomainGetIOThreadInfo', args: remote_domain_get_iothread_info_args, ret: remote_domain_get_iothread_info_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_PIN_IOTHREAD: call<remote_domain_pin_iothread_args, void>({ name: 'DOMAIN_PIN_IOTHREAD', proc: 352, api: 'virDomainPinIOThread', args: remote_domain_pin_iothread_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_INTERFACE_ADDRESSES: call<remote_domain_interface_addresses_args, remote_domain_interface_addresses_ret>({ name: 'DOMAIN_INTERFACE_ADDRESSES', proc: 353, api: 'virDomainInterfaceAddresses', args: remote_domain_interface_addresses_args, ret: remote_domain_interface_addresses_ret, writes: false, highPriority: false, acl: ['domain:read', 'domain:write::source:VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_ADD_IOTHREAD: call<remote_domain_add_iothread_args, void>({ name: 'DOMAIN_ADD_IOTHREAD', proc: 355, api: 'virDomainAddIOThread', args: remote_domain_add_iothread_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DEL_IOTHREAD: call<remote_domain_del_iothread_args, void>({ name: 'DOMAIN_DEL_IOTHREAD', proc: 356, api: 'virDomainDelIOThread', args: remote_domain_del_iothread_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_USER_PASSWORD: call<remote_domain_set_user_password_args, void>({ name: 'DOMAIN_SET_USER_PASSWORD', proc: 357, api: 'virDomainSetUserPassword', args: remote_domain_set_user_password_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:set_password'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_RENAME: call<remote_domain_rename_args, remote_domain_rename_ret>({ name: 'DOMAIN_RENAME', proc: 358, api: 'virDomainRename', args: remote_domain_rename_args, ret: remote_domain_rename_ret, writes: true, highPriority: false, acl: ['domain:write', 'domain:save'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_REGISTER_CLOSE_CALLBACK: call<void, void>({ name: 'CONNECT_REGISTER_CLOSE_CALLBACK', proc: 360, api: 'virConnectRegisterCloseCallback', args: xdrVoid, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_UNREGISTER_CLOSE_CALLBACK: call<void, void>({ name: 'CONNECT_UNREGISTER_CLOSE_CALLBACK', proc: 361, api: 'virConnectUnregisterCloseCallback', args: xdrVoid, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:getattr'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_START_POST_COPY: call<remote_domain_migrate_start_post_copy_args, void>({ name: 'DOMAIN_MIGRATE_START_POST_COPY', proc: 364, api: 'virDomainMigrateStartPostCopy', args: remote_domain_migrate_start_post_copy_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_PERF_EVENTS: call<remote_domain_get_perf_events_args, remote_domain_get_perf_events_ret>({ name: 'DOMAIN_GET_PERF_EVENTS', proc: 365, api: 'virDomainGetPerfEvents', args: remote_domain_get_perf_events_args, ret: remote_domain_get_perf_events_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_PERF_EVENTS: call<remote_domain_set_perf_events_args, void>({ name: 'DOMAIN_SET_PERF_EVENTS', proc: 366, api: 'virDomainSetPerfEvents', args: remote_domain_set_perf_events_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY: call<remote_connect_storage_pool_event_register_any_args, remote_connect_storage_pool_event_register_any_ret>({ name: 'CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', proc: 368, api: 'virConnectStoragePoolEventRegisterAny', args: remote_connect_storage_pool_event_register_any_args, ret: remote_connect_storage_pool_event_register_any_ret, writes: false, highPriority: true, acl: ['connect:search_storage_pools'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY: call<remote_connect_storage_pool_event_deregister_any_args, void>({ name: 'CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY', proc: 369, api: 'virConnectStoragePoolEventDeregisterAny', args: remote_connect_storage_pool_event_deregister_any_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_STORAGE }),
  DOMAIN_GET_GUEST_VCPUS: call<remote_domain_get_guest_vcpus_args, remote_domain_get_guest_vcpus_ret>({ name: 'DOMAIN_GET_GUEST_VCPUS', proc: 371, api: 'virDomainGetGuestVcpus', args: remote_domain_get_guest_vcpus_args, ret: remote_domain_get_guest_vcpus_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_GUEST_VCPUS: call<remote_domain_set_guest_vcpus_args, void>({ name: 'DOMAIN_SET_GUEST_VCPUS', proc: 372, api: 'virDomainSetGuestVcpus', args: remote_domain_set_guest_vcpus_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY: call<remote_connect_node_device_event_register_any_args, remote_connect_node_device_event_register_any_ret>({ name: 'CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY', proc: 374, api: 'virConnectNodeDeviceEventRegisterAny', args: remote_connect_node_device_event_register_any_args, ret: remote_connect_node_device_event_register_any_ret, writes: false, highPriority: true, acl: ['connect:search_node_devices'], errorDomain: VIR_FROM_NODEDEV }),
  CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY: call<remote_connect_node_device_event_deregister_any_args, void>({ name: 'CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY', proc: 375, api: 'virConnectNodeDeviceEventDeregisterAny', args: remote_connect_node_device_event_deregister_any_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_NODEDEV }),
  STORAGE_VOL_GET_INFO_FLAGS: call<remote_storage_vol_get_info_flags_args, remote_storage_vol_get_info_flags_ret>({ name: 'STORAGE_VOL_GET_INFO_FLAGS', proc: 378, api: 'virStorageVolGetInfoFlags', args: remote_storage_vol_get_info_flags_args, ret: remote_storage_vol_get_info_flags_ret, writes: false, highPriority: true, acl: ['storage_vol:read'], errorDomain: VIR_FROM_STORAGE }),
  CONNECT_SECRET_EVENT_REGISTER_ANY: call<remote_connect_secret_event_register_any_args, remote_connect_secret_event_register_any_ret>({ name: 'CONNECT_SECRET_EVENT_REGISTER_ANY', proc: 380, api: 'virConnectSecretEventRegisterAny', args: remote_connect_secret_event_register_any_args, ret: remote_connect_secret_event_register_any_ret, writes: false, highPriority: true, acl: ['connect:search_secrets'], errorDomain: VIR_FROM_SECRET }),
  CONNECT_SECRET_EVENT_DEREGISTER_ANY: call<remote_connect_secret_event_deregister_any_args, void>({ name: 'CONNECT_SECRET_EVENT_DEREGISTER_ANY', proc: 381, api: 'virConnectSecretEventDeregisterAny', args: remote_connect_secret_event_deregister_any_args, ret: xdrVoid, writes: false, highPriority: true, acl: ['connect:read'], errorDomain: VIR_FROM_SECRET }),
  DOMAIN_SET_VCPU: call<remote_domain_set_vcpu_args, void>({ name: 'DOMAIN_SET_VCPU', proc: 384, api: 'virDomainSetVcpu', args: remote_domain_set_vcpu_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_BLOCK_THRESHOLD: call<remote_domain_set_block_threshold_args, void>({ name: 'DOMAIN_SET_BLOCK_THRESHOLD', proc: 386, api: 'virDomainSetBlockThreshold', args: remote_domain_set_block_threshold_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MIGRATE_GET_MAX_DOWNTIME: call<remote_domain_migrate_get_max_downtime_args, remote_domain_migrate_get_max_downtime_ret>({ name: 'DOMAIN_MIGRATE_GET_MAX_DOWNTIME', proc: 387, api: 'virDomainMigrateGetMaxDowntime', args: remote_domain_migrate_get_max_downtime_args, ret: remote_domain_migrate_get_max_downtime_ret, writes: false, highPriority: false, acl: ['domain:migrate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MANAGED_SAVE_GET_XML_DESC: call<remote_domain_managed_save_get_xml_desc_args, remote_domain_managed_save_get_xml_desc_ret>({ name: 'DOMAIN_MANAGED_SAVE_GET_XML_DESC', proc: 388, api: 'virDomainManagedSaveGetXMLDesc', args: remote_domain_managed_save_get_xml_desc_args, ret: remote_domain_managed_save_get_xml_desc_ret, writes: false, highPriority: false, acl: ['domain:read', 'domain:read_secure:VIR_DOMAIN_SAVE_IMAGE_XML_SECURE'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_MANAGED_SAVE_DEFINE_XML: call<remote_domain_managed_save_define_xml_args, void>({ name: 'DOMAIN_MANAGED_SAVE_DEFINE_XML', proc: 389, api: 'virDomainManagedSaveDefineXML', args: remote_domain_managed_save_define_xml_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:hibernate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_LIFECYCLE_ACTION: call<remote_domain_set_lifecycle_action_args, void>({ name: 'DOMAIN_SET_LIFECYCLE_ACTION', proc: 390, api: 'virDomainSetLifecycleAction', args: remote_domain_set_lifecycle_action_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  STORAGE_POOL_LOOKUP_BY_TARGET_PATH: call<remote_storage_pool_lookup_by_target_path_args, remote_storage_pool_lookup_by_target_path_ret>({ name: 'STORAGE_POOL_LOOKUP_BY_TARGET_PATH', proc: 391, api: 'virStoragePoolLookupByTargetPath', args: remote_storage_pool_lookup_by_target_path_args, ret: remote_storage_pool_lookup_by_target_path_ret, writes: false, highPriority: true, acl: ['storage_pool:getattr'], errorDomain: VIR_FROM_STORAGE }),
  DOMAIN_DETACH_DEVICE_ALIAS: call<remote_domain_detach_device_alias_args, void>({ name: 'DOMAIN_DETACH_DEVICE_ALIAS', proc: 392, api: 'virDomainDetachDeviceAlias', args: remote_domain_detach_device_alias_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_COMPARE_HYPERVISOR_CPU: call<remote_connect_compare_hypervisor_cpu_args, remote_connect_compare_hypervisor_cpu_ret>({ name: 'CONNECT_COMPARE_HYPERVISOR_CPU', proc: 393, api: 'virConnectCompareHypervisorCPU', args: remote_connect_compare_hypervisor_cpu_args, ret: remote_connect_compare_hypervisor_cpu_ret, writes: true, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_BASELINE_HYPERVISOR_CPU: call<remote_connect_baseline_hypervisor_cpu_args, remote_connect_baseline_hypervisor_cpu_ret>({ name: 'CONNECT_BASELINE_HYPERVISOR_CPU', proc: 394, api: 'virConnectBaselineHypervisorCPU', args: remote_connect_baseline_hypervisor_cpu_args, ret: remote_connect_baseline_hypervisor_cpu_ret, writes: true, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_GET_SEV_INFO: call<remote_node_get_sev_info_args, remote_node_get_sev_info_ret>({ name: 'NODE_GET_SEV_INFO', proc: 395, api: 'virNodeGetSEVInfo', args: remote_node_get_sev_info_args, ret: remote_node_get_sev_info_ret, writes: true, highPriority: false, acl: ['connect:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_LAUNCH_SECURITY_INFO: call<remote_domain_get_launch_security_info_args, remote_domain_get_launch_security_info_ret>({ name: 'DOMAIN_GET_LAUNCH_SECURITY_INFO', proc: 396, api: 'virDomainGetLaunchSecurityInfo', args: remote_domain_get_launch_security_info_args, ret: remote_domain_get_launch_security_info_ret, writes: true, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  NWFILTER_BINDING_LOOKUP_BY_PORT_DEV: call<remote_nwfilter_binding_lookup_by_port_dev_args, remote_nwfilter_binding_lookup_by_port_dev_ret>({ name: 'NWFILTER_BINDING_LOOKUP_BY_PORT_DEV', proc: 397, api: 'virNWFilterBindingLookupByPortDev', args: remote_nwfilter_binding_lookup_by_port_dev_args, ret: remote_nwfilter_binding_lookup_by_port_dev_ret, writes: false, highPriority: true, acl: ['nwfilter_binding:getattr'], errorDomain: VIR_FROM_NWFILTER }),
  NWFILTER_BINDING_GET_XML_DESC: call<remote_nwfilter_binding_get_xml_desc_args, remote_nwfilter_binding_get_xml_desc_ret>({ name: 'NWFILTER_BINDING_GET_XML_DESC', proc: 398, api: 'virNWFilterBindingGetXMLDesc', args: remote_nwfilter_binding_get_xml_desc_args, ret: remote_nwfilter_binding_get_xml_desc_ret, writes: false, highPriority: true, acl: ['nwfilter_binding:read'], errorDomain: VIR_FROM_NWFILTER }),
  NWFILTER_BINDING_CREATE_XML: call<remote_nwfilter_binding_create_xml_args, remote_nwfilter_binding_create_xml_ret>({ name: 'NWFILTER_BINDING_CREATE_XML', proc: 399, api: 'virNWFilterBindingCreateXML', args: remote_nwfilter_binding_create_xml_args, ret: remote_nwfilter_binding_create_xml_ret, writes: true, highPriority: true, acl: ['nwfilter_binding:create'], errorDomain: VIR_FROM_NWFILTER }),
  NWFILTER_BINDING_DELETE: call<remote_nwfilter_binding_delete_args, void>({ name: 'NWFILTER_BINDING_DELETE', proc: 400, api: 'virNWFilterBindingDelete', args: remote_nwfilter_binding_delete_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['nwfilter_binding:delete'], errorDomain: VIR_FROM_NWFILTER }),
  CONNECT_LIST_ALL_NWFILTER_BINDINGS: call<remote_connect_list_all_nwfilter_bindings_args, remote_connect_list_all_nwfilter_bindings_ret>({ name: 'CONNECT_LIST_ALL_NWFILTER_BINDINGS', proc: 401, api: 'virConnectListAllNWFilterBindings', args: remote_connect_list_all_nwfilter_bindings_args, ret: remote_connect_list_all_nwfilter_bindings_ret, writes: false, highPriority: true, acl: ['connect:search_nwfilter_bindings'], errorDomain: VIR_FROM_NWFILTER }),
  DOMAIN_SET_IOTHREAD_PARAMS: call<remote_domain_set_iothread_params_args, void>({ name: 'DOMAIN_SET_IOTHREAD_PARAMS', proc: 402, api: 'virDomainSetIOThreadParams', args: remote_domain_set_iothread_params_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_GET_STORAGE_POOL_CAPABILITIES: call<remote_connect_get_storage_pool_capabilities_args, remote_connect_get_storage_pool_capabilities_ret>({ name: 'CONNECT_GET_STORAGE_POOL_CAPABILITIES', proc: 403, api: 'virConnectGetStoragePoolCapabilities', args: remote_connect_get_storage_pool_capabilities_args, ret: remote_connect_get_storage_pool_capabilities_ret, writes: false, highPriority: false, acl: ['connect:read'], errorDomain: VIR_FROM_STORAGE }),
  NETWORK_LIST_ALL_PORTS: call<remote_network_list_all_ports_args, remote_network_list_all_ports_ret>({ name: 'NETWORK_LIST_ALL_PORTS', proc: 404, api: 'virNetworkListAllPorts', args: remote_network_list_all_ports_args, ret: remote_network_list_all_ports_ret, writes: false, highPriority: true, acl: ['network:search_ports'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_PORT_LOOKUP_BY_UUID: call<remote_network_port_lookup_by_uuid_args, remote_network_port_lookup_by_uuid_ret>({ name: 'NETWORK_PORT_LOOKUP_BY_UUID', proc: 405, api: 'virNetworkPortLookupByUUID', args: remote_network_port_lookup_by_uuid_args, ret: remote_network_port_lookup_by_uuid_ret, writes: false, highPriority: true, acl: ['network_port:getattr'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_PORT_CREATE_XML: call<remote_network_port_create_xml_args, remote_network_port_create_xml_ret>({ name: 'NETWORK_PORT_CREATE_XML', proc: 406, api: 'virNetworkPortCreateXML', args: remote_network_port_create_xml_args, ret: remote_network_port_create_xml_ret, writes: true, highPriority: false, acl: ['network_port:create'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_PORT_GET_PARAMETERS: call<remote_network_port_get_parameters_args, remote_network_port_get_parameters_ret>({ name: 'NETWORK_PORT_GET_PARAMETERS', proc: 407, api: 'virNetworkPortGetParameters', args: remote_network_port_get_parameters_args, ret: remote_network_port_get_parameters_ret, writes: false, highPriority: false, acl: ['network_port:read'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_PORT_SET_PARAMETERS: call<remote_network_port_set_parameters_args, void>({ name: 'NETWORK_PORT_SET_PARAMETERS', proc: 408, api: 'virNetworkPortSetParameters', args: remote_network_port_set_parameters_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['network_port:write'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_PORT_GET_XML_DESC: call<remote_network_port_get_xml_desc_args, remote_network_port_get_xml_desc_ret>({ name: 'NETWORK_PORT_GET_XML_DESC', proc: 409, api: 'virNetworkPortGetXMLDesc', args: remote_network_port_get_xml_desc_args, ret: remote_network_port_get_xml_desc_ret, writes: false, highPriority: false, acl: ['network_port:read'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_PORT_DELETE: call<remote_network_port_delete_args, void>({ name: 'NETWORK_PORT_DELETE', proc: 410, api: 'virNetworkPortDelete', args: remote_network_port_delete_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['network_port:delete'], errorDomain: VIR_FROM_NETWORK }),
  DOMAIN_CHECKPOINT_CREATE_XML: call<remote_domain_checkpoint_create_xml_args, remote_domain_checkpoint_create_xml_ret>({ name: 'DOMAIN_CHECKPOINT_CREATE_XML', proc: 411, api: 'virDomainCheckpointCreateXML', args: remote_domain_checkpoint_create_xml_args, ret: remote_domain_checkpoint_create_xml_ret, writes: true, highPriority: false, acl: ['domain:checkpoint', 'domain:fs_freeze:VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE'], errorDomain: VIR_FROM_DOMAIN_CHECKPOINT }),
  DOMAIN_CHECKPOINT_GET_XML_DESC: call<remote_domain_checkpoint_get_xml_desc_args, remote_domain_checkpoint_get_xml_desc_ret>({ name: 'DOMAIN_CHECKPOINT_GET_XML_DESC', proc: 412, api: 'virDomainCheckpointGetXMLDesc', args: remote_domain_checkpoint_get_xml_desc_args, ret: remote_domain_checkpoint_get_xml_desc_ret, writes: false, highPriority: false, acl: ['domain:read', 'domain:read_secure:VIR_DOMAIN_CHECKPOINT_XML_SECURE'], errorDomain: VIR_FROM_DOMAIN_CHECKPOINT }),
  DOMAIN_LIST_ALL_CHECKPOINTS: call<remote_domain_list_all_checkpoints_args, remote_domain_list_all_checkpoints_ret>({ name: 'DOMAIN_LIST_ALL_CHECKPOINTS', proc: 413, api: 'virDomainListAllCheckpoints', args: remote_domain_list_all_checkpoints_args, ret: remote_domain_list_all_checkpoints_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_CHECKPOINT }),
  DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN: call<remote_domain_checkpoint_list_all_children_args, remote_domain_checkpoint_list_all_children_ret>({ name: 'DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN', proc: 414, api: 'virDomainCheckpointListAllChildren', args: remote_domain_checkpoint_list_all_children_args, ret: remote_domain_checkpoint_list_all_children_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_CHECKPOINT }),
  DOMAIN_CHECKPOINT_LOOKUP_BY_NAME: call<remote_domain_checkpoint_lookup_by_name_args, remote_domain_checkpoint_lookup_by_name_ret>({ name: 'DOMAIN_CHECKPOINT_LOOKUP_BY_NAME', proc: 415, api: 'virDomainCheckpointLookupByName', args: remote_domain_checkpoint_lookup_by_name_args, ret: remote_domain_checkpoint_lookup_by_name_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_CHECKPOINT }),
  DOMAIN_CHECKPOINT_GET_PARENT: call<remote_domain_checkpoint_get_parent_args, remote_domain_checkpoint_get_parent_ret>({ name: 'DOMAIN_CHECKPOINT_GET_PARENT', proc: 416, api: 'virDomainCheckpointGetParent', args: remote_domain_checkpoint_get_parent_args, ret: remote_domain_checkpoint_get_parent_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN_CHECKPOINT }),
  DOMAIN_CHECKPOINT_DELETE: call<remote_domain_checkpoint_delete_args, void>({ name: 'DOMAIN_CHECKPOINT_DELETE', proc: 417, api: 'virDomainCheckpointDelete', args: remote_domain_checkpoint_delete_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:checkpoint'], errorDomain: VIR_FROM_DOMAIN_CHECKPOINT }),
  DOMAIN_GET_GUEST_INFO: call<remote_domain_get_guest_info_args, remote_domain_get_guest_info_ret>({ name: 'DOMAIN_GET_GUEST_INFO', proc: 418, api: 'virDomainGetGuestInfo', args: remote_domain_get_guest_info_args, ret: remote_domain_get_guest_info_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  CONNECT_SET_IDENTITY: call<remote_connect_set_identity_args, void>({ name: 'CONNECT_SET_IDENTITY', proc: 419, api: 'virConnectSetIdentity', args: remote_connect_set_identity_args, ret: xdrVoid, writes: false, highPriority: false, acl: ['connect:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_AGENT_SET_RESPONSE_TIMEOUT: call<remote_domain_agent_set_response_timeout_args, remote_domain_agent_set_response_timeout_ret>({ name: 'DOMAIN_AGENT_SET_RESPONSE_TIMEOUT', proc: 420, api: 'virDomainAgentSetResponseTimeout', args: remote_domain_agent_set_response_timeout_args, ret: remote_domain_agent_set_response_timeout_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BACKUP_BEGIN: call<remote_domain_backup_begin_args, void>({ name: 'DOMAIN_BACKUP_BEGIN', proc: 421, api: 'virDomainBackupBegin', args: remote_domain_backup_begin_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:checkpoint', 'domain:block_write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_BACKUP_GET_XML_DESC: call<remote_domain_backup_get_xml_desc_args, remote_domain_backup_get_xml_desc_ret>({ name: 'DOMAIN_BACKUP_GET_XML_DESC', proc: 422, api: 'virDomainBackupGetXMLDesc', args: remote_domain_backup_get_xml_desc_args, ret: remote_domain_backup_get_xml_desc_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_AUTHORIZED_SSH_KEYS_GET: call<remote_domain_authorized_ssh_keys_get_args, remote_domain_authorized_ssh_keys_get_ret>({ name: 'DOMAIN_AUTHORIZED_SSH_KEYS_GET', proc: 424, api: 'virDomainAuthorizedSSHKeysGet', args: remote_domain_authorized_ssh_keys_get_args, ret: remote_domain_authorized_ssh_keys_get_ret, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_AUTHORIZED_SSH_KEYS_SET: call<remote_domain_authorized_ssh_keys_set_args, void>({ name: 'DOMAIN_AUTHORIZED_SSH_KEYS_SET', proc: 425, api: 'virDomainAuthorizedSSHKeysSet', args: remote_domain_authorized_ssh_keys_set_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_MESSAGES: call<remote_domain_get_messages_args, remote_domain_get_messages_ret>({ name: 'DOMAIN_GET_MESSAGES', proc: 426, api: 'virDomainGetMessages', args: remote_domain_get_messages_args, ret: remote_domain_get_messages_ret, writes: false, highPriority: false, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_START_DIRTY_RATE_CALC: call<remote_domain_start_dirty_rate_calc_args, void>({ name: 'DOMAIN_START_DIRTY_RATE_CALC', proc: 427, api: 'virDomainStartDirtyRateCalc', args: remote_domain_start_dirty_rate_calc_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  NODE_DEVICE_DEFINE_XML: call<remote_node_device_define_xml_args, remote_node_device_define_xml_ret>({ name: 'NODE_DEVICE_DEFINE_XML', proc: 428, api: 'virNodeDeviceDefineXML', args: remote_node_device_define_xml_args, ret: remote_node_device_define_xml_ret, writes: true, highPriority: false, acl: ['node_device:write', 'node_device:save'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_UNDEFINE: call<remote_node_device_undefine_args, void>({ name: 'NODE_DEVICE_UNDEFINE', proc: 429, api: 'virNodeDeviceUndefine', args: remote_node_device_undefine_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['node_device:delete'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_CREATE: call<remote_node_device_create_args, void>({ name: 'NODE_DEVICE_CREATE', proc: 430, api: 'virNodeDeviceCreate', args: remote_node_device_create_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['node_device:start'], errorDomain: VIR_FROM_NODEDEV }),
  NWFILTER_DEFINE_XML_FLAGS: call<remote_nwfilter_define_xml_flags_args, remote_nwfilter_define_xml_flags_ret>({ name: 'NWFILTER_DEFINE_XML_FLAGS', proc: 431, api: 'virNWFilterDefineXMLFlags', args: remote_nwfilter_define_xml_flags_args, ret: remote_nwfilter_define_xml_flags_ret, writes: true, highPriority: true, acl: ['nwfilter:write', 'nwfilter:save'], errorDomain: VIR_FROM_NWFILTER }),
  NETWORK_DEFINE_XML_FLAGS: call<remote_network_define_xml_flags_args, remote_network_define_xml_flags_ret>({ name: 'NETWORK_DEFINE_XML_FLAGS', proc: 432, api: 'virNetworkDefineXMLFlags', args: remote_network_define_xml_flags_args, ret: remote_network_define_xml_flags_ret, writes: true, highPriority: true, acl: ['network:write', 'network:save'], errorDomain: VIR_FROM_NETWORK }),
  NODE_DEVICE_GET_AUTOSTART: call<remote_node_device_get_autostart_args, remote_node_device_get_autostart_ret>({ name: 'NODE_DEVICE_GET_AUTOSTART', proc: 433, api: 'virNodeDeviceGetAutostart', args: remote_node_device_get_autostart_args, ret: remote_node_device_get_autostart_ret, writes: true, highPriority: true, acl: ['node_device:read'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_SET_AUTOSTART: call<remote_node_device_set_autostart_args, void>({ name: 'NODE_DEVICE_SET_AUTOSTART', proc: 434, api: 'virNodeDeviceSetAutostart', args: remote_node_device_set_autostart_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['node_device:write'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_IS_PERSISTENT: call<remote_node_device_is_persistent_args, remote_node_device_is_persistent_ret>({ name: 'NODE_DEVICE_IS_PERSISTENT', proc: 435, api: 'virNodeDeviceIsPersistent', args: remote_node_device_is_persistent_args, ret: remote_node_device_is_persistent_ret, writes: false, highPriority: true, acl: ['node_device:read'], errorDomain: VIR_FROM_NODEDEV }),
  NODE_DEVICE_IS_ACTIVE: call<remote_node_device_is_active_args, remote_node_device_is_active_ret>({ name: 'NODE_DEVICE_IS_ACTIVE', proc: 436, api: 'virNodeDeviceIsActive', args: remote_node_device_is_active_args, ret: remote_node_device_is_active_ret, writes: false, highPriority: true, acl: ['node_device:read'], errorDomain: VIR_FROM_NODEDEV }),
  NETWORK_CREATE_XML_FLAGS: call<remote_network_create_xml_flags_args, remote_network_create_xml_flags_ret>({ name: 'NETWORK_CREATE_XML_FLAGS', proc: 437, api: 'virNetworkCreateXMLFlags', args: remote_network_create_xml_flags_args, ret: remote_network_create_xml_flags_ret, writes: true, highPriority: true, acl: ['network:write', 'network:start'], errorDomain: VIR_FROM_NETWORK }),
  DOMAIN_SET_LAUNCH_SECURITY_STATE: call<remote_domain_set_launch_security_state_args, void>({ name: 'DOMAIN_SET_LAUNCH_SECURITY_STATE', proc: 439, api: 'virDomainSetLaunchSecurityState', args: remote_domain_set_launch_security_state_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SAVE_PARAMS: call<remote_domain_save_params_args, void>({ name: 'DOMAIN_SAVE_PARAMS', proc: 440, api: 'virDomainSaveParams', args: remote_domain_save_params_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:hibernate'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_RESTORE_PARAMS: call<remote_domain_restore_params_args, void>({ name: 'DOMAIN_RESTORE_PARAMS', proc: 441, api: 'virDomainRestoreParams', args: remote_domain_restore_params_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:start', 'domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_ABORT_JOB_FLAGS: call<remote_domain_abort_job_flags_args, void>({ name: 'DOMAIN_ABORT_JOB_FLAGS', proc: 442, api: 'virDomainAbortJobFlags', args: remote_domain_abort_job_flags_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_FD_ASSOCIATE: call<remote_domain_fd_associate_args, void>({ name: 'DOMAIN_FD_ASSOCIATE', proc: 443, api: 'virDomainFDAssociate', args: remote_domain_fd_associate_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  NETWORK_SET_METADATA: call<remote_network_set_metadata_args, void>({ name: 'NETWORK_SET_METADATA', proc: 444, api: 'virNetworkSetMetadata', args: remote_network_set_metadata_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['network:write', 'network:save:!VIR_NETWORK_UPDATE_AFFECT_CONFIG|VIR_NETWORK_UPDATE_AFFECT_LIVE', 'network:save:VIR_NETWORK_UPDATE_AFFECT_CONFIG'], errorDomain: VIR_FROM_NETWORK }),
  NETWORK_GET_METADATA: call<remote_network_get_metadata_args, remote_network_get_metadata_ret>({ name: 'NETWORK_GET_METADATA', proc: 445, api: 'virNetworkGetMetadata', args: remote_network_get_metadata_args, ret: remote_network_get_metadata_ret, writes: false, highPriority: false, acl: ['network:read'], errorDomain: VIR_FROM_NETWORK }),
  NODE_DEVICE_UPDATE: call<remote_node_device_update_args, void>({ name: 'NODE_DEVICE_UPDATE', proc: 447, api: 'virNodeDeviceUpdate', args: remote_node_device_update_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['node_device:write', 'node_device:save:!VIR_NODE_DEVICE_UPDATE_AFFECT_CONFIG|VIR_NODE_DEVICE_UPDATE_AFFECT_LIVE', 'node_device:save:VIR_NODE_DEVICE_UPDATE_AFFECT_CONFIG'], errorDomain: VIR_FROM_NODEDEV }),
  DOMAIN_GRAPHICS_RELOAD: call<remote_domain_graphics_reload_args, void>({ name: 'DOMAIN_GRAPHICS_RELOAD', proc: 448, api: 'virDomainGraphicsReload', args: remote_domain_graphics_reload_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_GET_AUTOSTART_ONCE: call<remote_domain_get_autostart_once_args, remote_domain_get_autostart_once_ret>({ name: 'DOMAIN_GET_AUTOSTART_ONCE', proc: 449, api: 'virDomainGetAutostartOnce', args: remote_domain_get_autostart_once_args, ret: remote_domain_get_autostart_once_ret, writes: false, highPriority: true, acl: ['domain:read'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_AUTOSTART_ONCE: call<remote_domain_set_autostart_once_args, void>({ name: 'DOMAIN_SET_AUTOSTART_ONCE', proc: 450, api: 'virDomainSetAutostartOnce', args: remote_domain_set_autostart_once_args, ret: xdrVoid, writes: true, highPriority: true, acl: ['domain:write'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_SET_THROTTLE_GROUP: call<remote_domain_set_throttle_group_args, void>({ name: 'DOMAIN_SET_THROTTLE_GROUP', proc: 451, api: 'virDomainSetThrottleGroup', args: remote_domain_set_throttle_group_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
  DOMAIN_DEL_THROTTLE_GROUP: call<remote_domain_del_throttle_group_args, void>({ name: 'DOMAIN_DEL_THROTTLE_GROUP', proc: 452, api: 'virDomainDelThrottleGroup', args: remote_domain_del_throttle_group_args, ret: xdrVoid, writes: true, highPriority: false, acl: ['domain:write', 'domain:save:!VIR_DOMAIN_AFFECT_CONFIG|VIR_DOMAIN_AFFECT_LIVE', 'domain:save:VIR_DOMAIN_AFFECT_CONFIG'], errorDomain: VIR_FROM_DOMAIN }),
} as const;

/** The MESSAGE procedures (events) the server sends on program REMOTE_PROGRAM. */
export const RemoteEvents = {
  DOMAIN_EVENT_LIFECYCLE: event<remote_domain_event_lifecycle_msg>({ name: 'DOMAIN_EVENT_LIFECYCLE', proc: 107, msg: remote_domain_event_lifecycle_msg }),
  DOMAIN_EVENT_REBOOT: event<remote_domain_event_reboot_msg>({ name: 'DOMAIN_EVENT_REBOOT', proc: 169, msg: remote_domain_event_reboot_msg }),
  DOMAIN_EVENT_RTC_CHANGE: event<remote_domain_event_rtc_change_msg>({ name: 'DOMAIN_EVENT_RTC_CHANGE', proc: 170, msg: remote_domain_event_rtc_change_msg }),
  DOMAIN_EVENT_WATCHDOG: event<remote_domain_event_watchdog_msg>({ name: 'DOMAIN_EVENT_WATCHDOG', proc: 171, msg: remote_domain_event_watchdog_msg }),
  DOMAIN_EVENT_IO_ERROR: event<remote_domain_event_io_error_msg>({ name: 'DOMAIN_EVENT_IO_ERROR', proc: 172, msg: remote_domain_event_io_error_msg }),
  DOMAIN_EVENT_GRAPHICS: event<remote_domain_event_graphics_msg>({ name: 'DOMAIN_EVENT_GRAPHICS', proc: 173, msg: remote_domain_event_graphics_msg }),
  DOMAIN_EVENT_IO_ERROR_REASON: event<remote_domain_event_io_error_reason_msg>({ name: 'DOMAIN_EVENT_IO_ERROR_REASON', proc: 195, msg: remote_domain_event_io_error_reason_msg }),
  DOMAIN_EVENT_CONTROL_ERROR: event<remote_domain_event_control_error_msg>({ name: 'DOMAIN_EVENT_CONTROL_ERROR', proc: 224, msg: remote_domain_event_control_error_msg }),
  DOMAIN_EVENT_BLOCK_JOB: event<remote_domain_event_block_job_msg>({ name: 'DOMAIN_EVENT_BLOCK_JOB', proc: 241, msg: remote_domain_event_block_job_msg }),
  DOMAIN_EVENT_DISK_CHANGE: event<remote_domain_event_disk_change_msg>({ name: 'DOMAIN_EVENT_DISK_CHANGE', proc: 248, msg: remote_domain_event_disk_change_msg }),
  DOMAIN_EVENT_TRAY_CHANGE: event<remote_domain_event_tray_change_msg>({ name: 'DOMAIN_EVENT_TRAY_CHANGE', proc: 268, msg: remote_domain_event_tray_change_msg }),
  DOMAIN_EVENT_PMWAKEUP: event<remote_domain_event_pmwakeup_msg>({ name: 'DOMAIN_EVENT_PMWAKEUP', proc: 269, msg: remote_domain_event_pmwakeup_msg }),
  DOMAIN_EVENT_PMSUSPEND: event<remote_domain_event_pmsuspend_msg>({ name: 'DOMAIN_EVENT_PMSUSPEND', proc: 270, msg: remote_domain_event_pmsuspend_msg }),
  DOMAIN_EVENT_BALLOON_CHANGE: event<remote_domain_event_balloon_change_msg>({ name: 'DOMAIN_EVENT_BALLOON_CHANGE', proc: 276, msg: remote_domain_event_balloon_change_msg }),
  DOMAIN_EVENT_PMSUSPEND_DISK: event<remote_domain_event_pmsuspend_disk_msg>({ name: 'DOMAIN_EVENT_PMSUSPEND_DISK', proc: 292, msg: remote_domain_event_pmsuspend_disk_msg }),
  DOMAIN_EVENT_DEVICE_REMOVED: event<remote_domain_event_device_removed_msg>({ name: 'DOMAIN_EVENT_DEVICE_REMOVED', proc: 311, msg: remote_domain_event_device_removed_msg }),
  NETWORK_EVENT_LIFECYCLE: event<remote_network_event_lifecycle_msg>({ name: 'NETWORK_EVENT_LIFECYCLE', proc: 315, msg: remote_network_event_lifecycle_msg }),
  DOMAIN_EVENT_CALLBACK_LIFECYCLE: event<remote_domain_event_callback_lifecycle_msg>({ name: 'DOMAIN_EVENT_CALLBACK_LIFECYCLE', proc: 318, msg: remote_domain_event_callback_lifecycle_msg }),
  DOMAIN_EVENT_CALLBACK_REBOOT: event<remote_domain_event_callback_reboot_msg>({ name: 'DOMAIN_EVENT_CALLBACK_REBOOT', proc: 319, msg: remote_domain_event_callback_reboot_msg }),
  DOMAIN_EVENT_CALLBACK_RTC_CHANGE: event<remote_domain_event_callback_rtc_change_msg>({ name: 'DOMAIN_EVENT_CALLBACK_RTC_CHANGE', proc: 320, msg: remote_domain_event_callback_rtc_change_msg }),
  DOMAIN_EVENT_CALLBACK_WATCHDOG: event<remote_domain_event_callback_watchdog_msg>({ name: 'DOMAIN_EVENT_CALLBACK_WATCHDOG', proc: 321, msg: remote_domain_event_callback_watchdog_msg }),
  DOMAIN_EVENT_CALLBACK_IO_ERROR: event<remote_domain_event_callback_io_error_msg>({ name: 'DOMAIN_EVENT_CALLBACK_IO_ERROR', proc: 322, msg: remote_domain_event_callback_io_error_msg }),
  DOMAIN_EVENT_CALLBACK_GRAPHICS: event<remote_domain_event_callback_graphics_msg>({ name: 'DOMAIN_EVENT_CALLBACK_GRAPHICS', proc: 323, msg: remote_domain_event_callback_graphics_msg }),
  DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON: event<remote_domain_event_callback_io_error_reason_msg>({ name: 'DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON', proc: 324, msg: remote_domain_event_callback_io_error_reason_msg }),
  DOMAIN_EVENT_CALLBACK_CONTROL_ERROR: event<remote_domain_event_callback_control_error_msg>({ name: 'DOMAIN_EVENT_CALLBACK_CONTROL_ERROR', proc: 325, msg: remote_domain_event_callback_control_error_msg }),
  DOMAIN_EVENT_CALLBACK_BLOCK_JOB: event<remote_domain_event_callback_block_job_msg>({ name: 'DOMAIN_EVENT_CALLBACK_BLOCK_JOB', proc: 326, msg: remote_domain_event_callback_block_job_msg }),
  DOMAIN_EVENT_CALLBACK_DISK_CHANGE: event<remote_domain_event_callback_disk_change_msg>({ name: 'DOMAIN_EVENT_CALLBACK_DISK_CHANGE', proc: 327, msg: remote_domain_event_callback_disk_change_msg }),
  DOMAIN_EVENT_CALLBACK_TRAY_CHANGE: event<remote_domain_event_callback_tray_change_msg>({ name: 'DOMAIN_EVENT_CALLBACK_TRAY_CHANGE', proc: 328, msg: remote_domain_event_callback_tray_change_msg }),
  DOMAIN_EVENT_CALLBACK_PMWAKEUP: event<remote_domain_event_callback_pmwakeup_msg>({ name: 'DOMAIN_EVENT_CALLBACK_PMWAKEUP', proc: 329, msg: remote_domain_event_callback_pmwakeup_msg }),
  DOMAIN_EVENT_CALLBACK_PMSUSPEND: event<remote_domain_event_callback_pmsuspend_msg>({ name: 'DOMAIN_EVENT_CALLBACK_PMSUSPEND', proc: 330, msg: remote_domain_event_callback_pmsuspend_msg }),
  DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE: event<remote_domain_event_callback_balloon_change_msg>({ name: 'DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE', proc: 331, msg: remote_domain_event_callback_balloon_change_msg }),
  DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK: event<remote_domain_event_callback_pmsuspend_disk_msg>({ name: 'DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK', proc: 332, msg: remote_domain_event_callback_pmsuspend_disk_msg }),
  DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED: event<remote_domain_event_callback_device_removed_msg>({ name: 'DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED', proc: 333, msg: remote_domain_event_callback_device_removed_msg }),
  DOMAIN_EVENT_BLOCK_JOB_2: event<remote_domain_event_block_job_2_msg>({ name: 'DOMAIN_EVENT_BLOCK_JOB_2', proc: 339, msg: remote_domain_event_block_job_2_msg }),
  DOMAIN_EVENT_CALLBACK_TUNABLE: event<remote_domain_event_callback_tunable_msg>({ name: 'DOMAIN_EVENT_CALLBACK_TUNABLE', proc: 346, msg: remote_domain_event_callback_tunable_msg }),
  DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE: event<remote_domain_event_callback_agent_lifecycle_msg>({ name: 'DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE', proc: 348, msg: remote_domain_event_callback_agent_lifecycle_msg }),
  DOMAIN_EVENT_CALLBACK_DEVICE_ADDED: event<remote_domain_event_callback_device_added_msg>({ name: 'DOMAIN_EVENT_CALLBACK_DEVICE_ADDED', proc: 354, msg: remote_domain_event_callback_device_added_msg }),
  DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION: event<remote_domain_event_callback_migration_iteration_msg>({ name: 'DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION', proc: 359, msg: remote_domain_event_callback_migration_iteration_msg }),
  CONNECT_EVENT_CONNECTION_CLOSED: event<remote_connect_event_connection_closed_msg>({ name: 'CONNECT_EVENT_CONNECTION_CLOSED', proc: 362, msg: remote_connect_event_connection_closed_msg }),
  DOMAIN_EVENT_CALLBACK_JOB_COMPLETED: event<remote_domain_event_callback_job_completed_msg>({ name: 'DOMAIN_EVENT_CALLBACK_JOB_COMPLETED', proc: 363, msg: remote_domain_event_callback_job_completed_msg }),
  DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED: event<remote_domain_event_callback_device_removal_failed_msg>({ name: 'DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED', proc: 367, msg: remote_domain_event_callback_device_removal_failed_msg }),
  STORAGE_POOL_EVENT_LIFECYCLE: event<remote_storage_pool_event_lifecycle_msg>({ name: 'STORAGE_POOL_EVENT_LIFECYCLE', proc: 370, msg: remote_storage_pool_event_lifecycle_msg }),
  STORAGE_POOL_EVENT_REFRESH: event<remote_storage_pool_event_refresh_msg>({ name: 'STORAGE_POOL_EVENT_REFRESH', proc: 373, msg: remote_storage_pool_event_refresh_msg }),
  NODE_DEVICE_EVENT_LIFECYCLE: event<remote_node_device_event_lifecycle_msg>({ name: 'NODE_DEVICE_EVENT_LIFECYCLE', proc: 376, msg: remote_node_device_event_lifecycle_msg }),
  NODE_DEVICE_EVENT_UPDATE: event<remote_node_device_event_update_msg>({ name: 'NODE_DEVICE_EVENT_UPDATE', proc: 377, msg: remote_node_device_event_update_msg }),
  DOMAIN_EVENT_CALLBACK_METADATA_CHANGE: event<remote_domain_event_callback_metadata_change_msg>({ name: 'DOMAIN_EVENT_CALLBACK_METADATA_CHANGE', proc: 379, msg: remote_domain_event_callback_metadata_change_msg }),
  SECRET_EVENT_LIFECYCLE: event<remote_secret_event_lifecycle_msg>({ name: 'SECRET_EVENT_LIFECYCLE', proc: 382, msg: remote_secret_event_lifecycle_msg }),
  SECRET_EVENT_VALUE_CHANGED: event<remote_secret_event_value_changed_msg>({ name: 'SECRET_EVENT_VALUE_CHANGED', proc: 383, msg: remote_secret_event_value_changed_msg }),
  DOMAIN_EVENT_BLOCK_THRESHOLD: event<remote_domain_event_block_threshold_msg>({ name: 'DOMAIN_EVENT_BLOCK_THRESHOLD', proc: 385, msg: remote_domain_event_block_threshold_msg }),
  DOMAIN_EVENT_MEMORY_FAILURE: event<remote_domain_event_memory_failure_msg>({ name: 'DOMAIN_EVENT_MEMORY_FAILURE', proc: 423, msg: remote_domain_event_memory_failure_msg }),
  DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE: event<remote_domain_event_memory_device_size_change_msg>({ name: 'DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE', proc: 438, msg: remote_domain_event_memory_device_size_change_msg }),
  NETWORK_EVENT_CALLBACK_METADATA_CHANGE: event<remote_network_event_callback_metadata_change_msg>({ name: 'NETWORK_EVENT_CALLBACK_METADATA_CHANGE', proc: 446, msg: remote_network_event_callback_metadata_change_msg }),
  DOMAIN_EVENT_NIC_MAC_CHANGE: event<remote_domain_event_nic_mac_change_msg>({ name: 'DOMAIN_EVENT_NIC_MAC_CHANGE', proc: 453, msg: remote_domain_event_nic_mac_change_msg }),
} as const;

/** Program REMOTE_PROGRAM: its number, version, calls and events. */
export const RemoteProgram = program(REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, RemoteProcedures, RemoteEvents);
