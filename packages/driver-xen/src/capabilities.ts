import { formatCapabilitiesXml, type CapabilitiesGuest } from '@virtkit/core';

/**
 * libvirt's capabilities document for a Xen host: the host CPU, the
 * xenmigr migration transport, and one guest entry per xen_caps word
 * (xen-3.0-x86_64 → PV, hvm-3.0-x86_64 → HVM).
 */
export function xenCapabilitiesXml(machine: string, xenCaps: string, hostUuid: string): string {
  const guests: CapabilitiesGuest[] = [];
  for (const cap of xenCaps.split(/\s+/)) {
    const m = /^(xen|hvm)-[\d.]+-(x86_32p?|x86_64|ia64|powerpc64)$/.exec(cap);
    if (!m) continue;
    const osType = m[1] === 'hvm' ? 'hvm' : 'xen';
    const arch = m[2] === 'x86_32' || m[2] === 'x86_32p' ? 'i686' : m[2];
    guests.push({
      osType,
      arch,
      wordsize: arch === 'x86_64' ? 64 : 32,
      emulator: '/usr/lib/xen/bin/qemu-dm',
      loader: osType === 'hvm' ? '/usr/lib/xen/boot/hvmloader' : undefined,
      domainTypes: ['xen'],
      features: m[2] === 'x86_32p' ? ['pae'] : undefined,
    });
  }
  return formatCapabilitiesXml({ host: { uuid: hostUuid, arch: machine, migrationTransports: ['xenmigr'] }, guests });
}
