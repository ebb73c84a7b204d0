import { createToken } from '@virtkit/core';

/**
 * Settings of the KVM driver, injected under the KvmDriverConfig token.
 * Every field has a default (defaultKvmDriverConfig).
 */
export interface KvmDriverConfig {
  /** Emulator used when the domain XML names none. */
  emulator: string;
  /** Incoming migration ports on 127.0.0.1, tried in order. Default 49152–49215 (libvirt's range). */
  migrationPorts: { min: number; max: number };
  /** QEMU's downtime-limit for live migration, ms. Default 300 (QEMU's own default, set explicitly). */
  migrationDowntimeMs: number;
  /** max-bandwidth when Perform's bandwidth is 0, MiB/s. Default 1 TiB/s: effectively unlimited, as libvirt does. */
  migrationMaxBandwidthMiB: number;
  /** How long shutdown waits for the guest to power off, ms. Default 30 s. */
  shutdownTimeoutMs: number;
  /** How long start waits for QEMU's monitor, ms. Default 30 s. */
  startTimeoutMs: number;
  /**
   * When a guest's monitor connection closes without a quit or kill from the
   * driver: how long to wait for QEMU to exit before reconnecting to it, ms. Default 3 s.
   */
  monitorLossGraceMs: number;
  /**
   * The x509 PKI of QEMU's TLS (VIR_MIGRATE_TLS): ca-cert.pem, server-cert.pem and server-key.pem
   * (destination), client-cert.pem and client-key.pem (source). Default /etc/pki/qemu (libvirt's
   * default_tls_x509_cert_dir).
   */
  defaultTlsX509CertDir: string;
}
export const KvmDriverConfig = createToken<KvmDriverConfig>('KvmDriverConfig');

export const defaultKvmDriverConfig: KvmDriverConfig = {
  emulator: '/usr/bin/qemu-system-x86_64',
  migrationPorts: { min: 49152, max: 49215 },
  migrationDowntimeMs: 300,
  migrationMaxBandwidthMiB: 1024 * 1024,
  shutdownTimeoutMs: 30_000,
  startTimeoutMs: 30_000,
  monitorLossGraceMs: 3000,
  defaultTlsX509CertDir: '/etc/pki/qemu',
};

/*
 * The driver's other injected services have their tokens beside their
 * interfaces: ProcessRunner (process-runner.ts), QmpConnector
 * (qmp-client.ts), PortAllocator (port-allocator.ts), HostPathsResolver
 * (host-paths.ts); the Clock and Logger are core's.
 */
