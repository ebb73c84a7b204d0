import type { DomainDef } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';

// Domain-level settings libvirt applies on the host rather than on QEMU's command line, which this driver
// cannot apply: each is refused by name with what it would need (never accepted and silently ignored).

const UNAPPLIED: Readonly<Record<string, string>> = {
  cputune: 'CPU tuning (shares, quotas, vcpupin, emulatorpin) is applied through cgroups and per-thread affinity, which this driver does not manage',
  memtune: 'memory limits are applied through the memory cgroup, which this driver does not manage',
  blkiotune: 'block I/O weights are applied through the blkio cgroup, which this driver does not manage',
  resource: 'resource partitions are cgroup placements, which this driver does not manage',
  launchSecurity: 'confidential guests (SEV, SEV-SNP, TDX, s390 PV) need a host CPU and KVM with memory encryption, which this host does not offer',
  perf: 'perf events are opened by the driver per guest, which this driver does not do',
};

/** Refuses the first domain-level child this driver cannot apply on the host. */
export function checkHostResources(def: DomainDef): void {
  for (const c of def.extras?.children ?? []) {
    if (c.node.kind === 'element' && UNAPPLIED[c.node.name]) throw unsupportedConfig(`domain/${c.node.name}`, UNAPPLIED[c.node.name]);
  }
}
