// Generated from libvirt's RPC definitions by packages/remote/scripts/generate-protocol.mjs: every constant and enum member.
// Do not edit. Regenerate with `npm run generate:protocol -- DIR` and check with
// `npm run check:protocol -- DIR`, DIR holding the .x files read:
//   virnetprotocol.x sha256 e330a104ef46be4aca1c603121c79bc8c8460b40c789c4a6312596743ded7557
//   remote_protocol.x sha256 ad4b5a5c93792aa54fa0fad686ca5a6a3435d6172093792db611a1a212bf8a44
//   qemu_protocol.x sha256 23b86f7326da3cd8f51534d69bc3a6acebe3e668eb30451b09305f5113907321


// From libvirt's C headers: the .x files use these names without defining them.
/** libvirt-host.h */
export const VIR_UUID_BUFLEN = 16;
/** libvirt-host.h */
export const VIR_SECURITY_MODEL_BUFLEN = 257;
/** libvirt-host.h */
export const VIR_SECURITY_LABEL_BUFLEN = 4097;
/** libvirt-host.h */
export const VIR_SECURITY_DOI_BUFLEN = 257;
/** libvirt-common.h */
export const VIR_TYPED_PARAM_INT = 1;
/** libvirt-common.h */
export const VIR_TYPED_PARAM_UINT = 2;
/** libvirt-common.h */
export const VIR_TYPED_PARAM_LLONG = 3;
/** libvirt-common.h */
export const VIR_TYPED_PARAM_ULLONG = 4;
/** libvirt-common.h */
export const VIR_TYPED_PARAM_DOUBLE = 5;
/** libvirt-common.h */
export const VIR_TYPED_PARAM_BOOLEAN = 6;
/** libvirt-common.h */
export const VIR_TYPED_PARAM_STRING = 7;
/** virterror.h */
export const VIR_FROM_NONE = 0;
/** virterror.h */
export const VIR_FROM_STORAGE = 18;
/** virterror.h */
export const VIR_FROM_NETWORK = 19;
/** virterror.h */
export const VIR_FROM_DOMAIN = 20;
/** virterror.h */
export const VIR_FROM_NODEDEV = 22;
/** virterror.h */
export const VIR_FROM_INTERFACE = 26;
/** virterror.h */
export const VIR_FROM_SECRET = 30;
/** virterror.h */
export const VIR_FROM_NWFILTER = 33;
/** virterror.h */
export const VIR_FROM_DOMAIN_SNAPSHOT = 35;
/** virterror.h */
export const VIR_FROM_DOMAIN_CHECKPOINT = 69;

// virnetprotocol.x
export const VIR_NET_MESSAGE_INITIAL = 0x10000;
export const VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX = 0x3ffe8;
export const VIR_NET_MESSAGE_MAX = 0x2000000;
export const VIR_NET_MESSAGE_HEADER_MAX = 24;
export const VIR_NET_MESSAGE_PAYLOAD_MAX = 0x1ffffe8;
export const VIR_NET_MESSAGE_LEN_MAX = 4;
export const VIR_NET_MESSAGE_STRING_MAX = 0x400000;
export const VIR_NET_MESSAGE_NUM_FDS_MAX = 32;
/** enum virNetMessageType */
export const VIR_NET_CALL = 0;
export const VIR_NET_REPLY = 1;
export const VIR_NET_MESSAGE = 2;
export const VIR_NET_STREAM = 3;
export const VIR_NET_CALL_WITH_FDS = 4;
export const VIR_NET_REPLY_WITH_FDS = 5;
export const VIR_NET_STREAM_HOLE = 6;
/** enum virNetMessageStatus */
export const VIR_NET_OK = 0;
export const VIR_NET_ERROR = 1;
export const VIR_NET_CONTINUE = 2;
export const VIR_NET_MESSAGE_HEADER_XDR_LEN = 4;

// remote_protocol.x
export const REMOTE_STRING_MAX = 0x400000;
export const REMOTE_CONNECT_IDENTITY_PARAMS_MAX = 20;
export const REMOTE_DOMAIN_LIST_MAX = 16384;
export const REMOTE_CPUMAP_MAX = 2048;
export const REMOTE_VCPUINFO_MAX = 16384;
export const REMOTE_CPUMAPS_MAX = 0x800000;
export const REMOTE_IOTHREAD_INFO_MAX = 16384;
export const REMOTE_MIGRATE_COOKIE_MAX = 0x400000;
export const REMOTE_NETWORK_LIST_MAX = 16384;
export const REMOTE_NETWORK_PORT_LIST_MAX = 16384;
export const REMOTE_INTERFACE_LIST_MAX = 16384;
export const REMOTE_STORAGE_POOL_LIST_MAX = 16384;
export const REMOTE_STORAGE_VOL_LIST_MAX = 16384;
export const REMOTE_NODE_DEVICE_LIST_MAX = 0x10000;
export const REMOTE_NODE_DEVICE_CAPS_LIST_MAX = 0x10000;
export const REMOTE_NWFILTER_LIST_MAX = 16384;
export const REMOTE_NWFILTER_BINDING_LIST_MAX = 16384;
export const REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX = 16;
export const REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX = 16;
export const REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX = 16;
export const REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX = 32;
export const REMOTE_DOMAIN_NUMA_PARAMETERS_MAX = 16;
export const REMOTE_DOMAIN_PERF_EVENTS_MAX = 64;
export const REMOTE_DOMAIN_BLOCK_COPY_PARAMETERS_MAX = 16;
export const REMOTE_NODE_CPU_STATS_MAX = 16;
export const REMOTE_NODE_MEMORY_STATS_MAX = 16;
export const REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX = 16;
export const REMOTE_NODE_MAX_CELLS = 1024;
export const REMOTE_AUTH_SASL_DATA_MAX = 0x10000;
export const REMOTE_AUTH_TYPE_LIST_MAX = 20;
export const REMOTE_DOMAIN_MEMORY_STATS_MAX = 1024;
export const REMOTE_DOMAIN_CHECKPOINT_LIST_MAX = 16384;
export const REMOTE_DOMAIN_SNAPSHOT_LIST_MAX = 16384;
export const REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX = 0x400000;
export const REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX = 0x400000;
export const REMOTE_SECURITY_LABEL_LIST_MAX = 64;
export const REMOTE_SECURITY_MODEL_MAX = VIR_SECURITY_MODEL_BUFLEN;
export const REMOTE_SECURITY_LABEL_MAX = VIR_SECURITY_LABEL_BUFLEN;
export const REMOTE_SECURITY_DOI_MAX = VIR_SECURITY_DOI_BUFLEN;
export const REMOTE_SECRET_VALUE_MAX = 0x10000;
export const REMOTE_SECRET_LIST_MAX = 16384;
export const REMOTE_CPU_BASELINE_MAX = 256;
export const REMOTE_DOMAIN_SEND_KEY_MAX = 16;
export const REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX = 16;
export const REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX = 128;
export const REMOTE_DOMAIN_GET_CPU_STATS_MAX = 2048;
export const REMOTE_DOMAIN_DISK_ERRORS_MAX = 256;
export const REMOTE_NODE_MEMORY_PARAMETERS_MAX = 64;
export const REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX = 64;
export const REMOTE_DOMAIN_SAVE_PARAMS_MAX = 64;
export const REMOTE_DOMAIN_JOB_STATS_MAX = 64;
export const REMOTE_CONNECT_CPU_MODELS_MAX = 8192;
export const REMOTE_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX = 256;
export const REMOTE_NETWORK_DHCP_LEASES_MAX = 0x10000;
export const REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX = 0x40000;
export const REMOTE_DOMAIN_EVENT_TUNABLE_MAX = 2048;
export const REMOTE_DOMAIN_FSINFO_MAX = 256;
export const REMOTE_DOMAIN_FSINFO_DISKS_MAX = 256;
export const REMOTE_DOMAIN_INTERFACE_MAX = 2048;
export const REMOTE_DOMAIN_IP_ADDR_MAX = 2048;
export const REMOTE_DOMAIN_GUEST_VCPU_PARAMS_MAX = 64;
export const REMOTE_DOMAIN_IOTHREAD_PARAMS_MAX = 64;
export const REMOTE_NODE_SEV_INFO_MAX = 64;
export const REMOTE_DOMAIN_LAUNCH_SECURITY_INFO_PARAMS_MAX = 64;
export const REMOTE_DOMAIN_LAUNCH_SECURITY_STATE_PARAMS_MAX = 64;
export const REMOTE_DOMAIN_GUEST_INFO_PARAMS_MAX = 2048;
export const REMOTE_NETWORK_PORT_PARAMETERS_MAX = 16;
export const REMOTE_DOMAIN_AUTHORIZED_SSH_KEYS_MAX = 2048;
export const REMOTE_DOMAIN_MESSAGES_MAX = 2048;
/** enum remote_auth_type */
export const REMOTE_AUTH_NONE = 0;
export const REMOTE_AUTH_SASL = 1;
export const REMOTE_AUTH_POLKIT = 2;
export const REMOTE_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX = 20;
export const REMOTE_PROGRAM = 0x20008086;
export const REMOTE_PROTOCOL_VERSION = 1;

// qemu_protocol.x
export const QEMU_PROGRAM = 0x20008087;
export const QEMU_PROTOCOL_VERSION = 1;
