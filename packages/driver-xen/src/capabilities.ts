import { escapeXmlText } from '@virtkit/core';

/**
 * libvirt's capabilities document for a Xen host: the host CPU, the
 * xenmigr migration transport, and one guest entry per xen_caps word
 * (xen-3.0-x86_64 → PV, hvm-3.0-x86_64 → HVM).
 */
export function xenCapabilitiesXml(machine: string, xenCaps: string, hostUuid: string): string {
  const guests = xenCaps.split(/\s+/).filter((w) => w !== '').map((cap) => {
    const m = /^(xen|hvm)-[\d.]+-(x86_32p?|x86_64|ia64|powerpc64)$/.exec(cap);
    if (!m) return '';
    const osType = m[1] === 'hvm' ? 'hvm' : 'xen';
    const arch = m[2] === 'x86_32' || m[2] === 'x86_32p' ? 'i686' : m[2];
    const pae = m[2] === 'x86_32p' ? '\n    <features>\n      <pae/>\n    </features>' : '';
    const loader = osType === 'hvm' ? '\n      <loader>/usr/lib/xen/boot/hvmloader</loader>' : '';
    return `  <guest>
    <os_type>${osType}</os_type>
    <arch name='${arch}'>
      <wordsize>${arch === 'x86_64' ? 64 : 32}</wordsize>
      <emulator>/usr/lib/xen/bin/qemu-dm</emulator>${loader}
      <domain type='xen'/>
    </arch>${pae}
  </guest>
`;
  }).join('');
  return `<capabilities>
  <host>
    <uuid>${escapeXmlText(hostUuid)}</uuid>
    <cpu>
      <arch>${escapeXmlText(machine)}</arch>
    </cpu>
    <migration_features>
      <live/>
      <uri_transports>
        <uri_transport>xenmigr</uri_transport>
      </uri_transports>
    </migration_features>
  </host>
${guests}</capabilities>
`;
}
