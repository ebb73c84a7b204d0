import type { NodeInfo } from '@virtkit/core';

/**
 * The default domain of libvirt's test:///default, as libvirt's own
 * `virsh -c test:///default dumpxml test` prints it, so an application tested
 * against libvirt's test driver sees the same host.
 */
export const DEFAULT_DOMAIN_XML = `<domain type='test'>
  <name>test</name>
  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
  <memory unit='KiB'>8388608</memory>
  <currentMemory unit='KiB'>2097152</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
    <boot dev='hd'/>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/diskimage1'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
    </disk>
    <interface type='network'>
      <mac address='aa:bb:cc:dd:ee:ff'/>
      <source network='default'/>
      <target dev='testnet0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
    </interface>
    <memballoon model='virtio'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </memballoon>
  </devices>
</domain>
`;

/** libvirt's defaultNodeInfo for the test driver. */
export const DEFAULT_NODE_INFO: NodeInfo = { model: 'i686', memory: 3 * 1024 * 1024, cpus: 16, mhz: 1400, nodes: 2, sockets: 2, cores: 2, threads: 2 };

/** What virConnectGetVersion answers for the test driver. */
export const TEST_HYPERVISOR_VERSION = 2;

/** A NUMA cell of a test host: its memory and free memory, as libvirt's test driver counts them (its own units, passed on as bytes). */
export interface TestNumaCell {
  mem: number;
  freeMem: number;
}

/** test:///default's two cells (libvirt's testOpenDefault); a host read from a `<node>` file has none. */
export const DEFAULT_NUMA_CELLS: readonly TestNumaCell[] = [
  { mem: 2048 * 1024, freeMem: 1024 * 1024 },
  { mem: 2 * 2048 * 1024, freeMem: 2 * 1024 * 1024 },
];
