import { expect } from 'chai';
import { formatCapabilitiesXml, parseXmlDocument } from '@virtkit/core';

describe('core: capabilities document', () => {
  it('writes host and guests in libvirt’s layout, escaping text', () => {
    const xml = formatCapabilitiesXml({
      host: { uuid: 'u-1', arch: 'x86_64', migrationTransports: ['tcp'] },
      guests: [{ osType: 'hvm', arch: 'x86_64', wordsize: 64, emulator: '/opt/q<emu>&', machines: [{ name: 'pc', canonical: 'pc-i440fx-7.2' }], domainTypes: ['qemu', 'kvm'] }],
    });
    const root = parseXmlDocument(xml);
    expect(root.name).to.equal('capabilities');
    expect(xml).to.contain('<emulator>/opt/q&lt;emu&gt;&amp;</emulator>');
    expect(xml).to.contain("<machine canonical='pc-i440fx-7.2'>pc</machine>");
    expect(xml).to.contain("<domain type='qemu'/>\n      <domain type='kvm'/>");
    expect(xml).to.contain('<uri_transport>tcp</uri_transport>');
    expect(xml.indexOf('<host>')).to.be.lessThan(xml.indexOf('<guest>'));
  });
});
