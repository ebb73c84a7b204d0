/** A small domain of the test drivers (virtkit's and libvirt's). */
export const testDomainXml = (name: string) => `<domain type='test'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;
