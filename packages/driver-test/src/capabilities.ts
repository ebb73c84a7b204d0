import { formatCapabilitiesXml, type NodeInfo } from '@virtkit/core';

/** The capabilities document of a test host: its CPU, NUMA cells and the guest types it runs. */
export function testCapabilitiesXml(node: NodeInfo): string {
  const per = node.cpus / node.nodes;
  const cells = Array.from({ length: node.nodes }, (_, cell) => ({
    id: cell,
    memoryKiB: node.memory / node.nodes,
    cpus: Array.from({ length: per }, (_, i) => ({ id: cell * per + i, socketId: cell, coreId: i, siblings: String(cell * per + i) })),
  }));
  const guest = (osType: string) => ({ osType, arch: node.model, wordsize: 32, emulator: '/usr/bin/test-hv', domainTypes: ['test'], features: ['pae', 'nonpae'] });
  return formatCapabilitiesXml({
    host: { arch: node.model, cpuFeatures: ['pae', 'nonpae'], migrationTransports: ['tcp'], cells },
    guests: [guest('hvm'), guest('xen')],
  });
}
