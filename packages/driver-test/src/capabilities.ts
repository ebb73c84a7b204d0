import type { NodeInfo } from '@virtkit/core';

/** The capabilities document of a test host: its CPU, NUMA cells and the guest types it runs. */
export function testCapabilitiesXml(node: NodeInfo): string {
  const cells = Array.from({ length: node.nodes }, (_, cell) => {
    const per = node.cpus / node.nodes;
    const cpus = Array.from({ length: per }, (_, i) => `            <cpu id='${cell * per + i}' socket_id='${cell}' core_id='${i}' siblings='${cell * per + i}'/>`).join('\n');
    return `        <cell id='${cell}'>
          <memory unit='KiB'>${node.memory / node.nodes}</memory>
          <cpus num='${per}'>
${cpus}
          </cpus>
        </cell>`;
  }).join('\n');
  return `<capabilities>

  <host>
    <cpu>
      <arch>${node.model}</arch>
      <features>
        <pae/>
        <nonpae/>
      </features>
    </cpu>
    <migration_features>
      <live/>
      <uri_transports>
        <uri_transport>tcp</uri_transport>
      </uri_transports>
    </migration_features>
    <topology>
      <cells num='${node.nodes}'>
${cells}
      </cells>
    </topology>
  </host>

  <guest>
    <os_type>hvm</os_type>
    <arch name='${node.model}'>
      <wordsize>32</wordsize>
      <emulator>/usr/bin/test-hv</emulator>
      <domain type='test'/>
    </arch>
    <features>
      <pae/>
      <nonpae/>
    </features>
  </guest>

  <guest>
    <os_type>xen</os_type>
    <arch name='${node.model}'>
      <wordsize>32</wordsize>
      <emulator>/usr/bin/test-hv</emulator>
      <domain type='test'/>
    </arch>
  </guest>

</capabilities>
`;
}
