/** A small domain of the test drivers (virtkit's and libvirt's). */
export const testDomainXml = (name: string) => `<domain type='test'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;

/**
 * A QEMU guest with no bootable device: the firmware runs and waits, which
 * is a real running QEMU whose state migrates like any other.
 */
export const qemuFirmwareXml = (name: string) => `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><serial type='null'/></devices>
</domain>`;
