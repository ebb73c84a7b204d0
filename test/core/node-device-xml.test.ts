import { expect } from 'chai';
import { ErrorCode, formatNodeDeviceXml, isVirtError, nodeDeviceHasCap, parseNodeDeviceXml } from '@virtkit/core';

/** A PCI device as libvirt's node device driver prints one: content the model keeps without knowing it. */
const PCI = `<device>
  <name>pci_0000_00_02_0</name>
  <path>/sys/devices/pci0000:00/0000:00:02.0</path>
  <parent>computer</parent>
  <driver>
    <name>i915</name>
  </driver>
  <capability type='pci'>
    <class>0x030000</class>
    <domain>0</domain>
    <bus>0</bus>
    <slot>2</slot>
    <function>0</function>
    <product id='0x5917'>UHD Graphics 620</product>
    <vendor id='0x8086'>Intel Corporation</vendor>
    <iommuGroup number='1'>
      <address domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </iommuGroup>
  </capability>
</device>
`;

const HBA = `<device>
  <name>scsi_host1</name>
  <parent>computer</parent>
  <capability type='scsi_host'>
    <host>1</host>
    <unique_id>0</unique_id>
    <capability type='fc_host'>
      <wwnn>2000000012341234</wwnn>
      <wwpn>1000000012341234</wwpn>
      <fabric_wwn>2000000043214321</fabric_wwn>
    </capability>
    <capability type='vport_ops'>
      <max_vports>0</max_vports>
      <vports>0</vports>
    </capability>
  </capability>
</device>
`;

describe('core: node device XML', () => {
  it('formats what it parsed byte for byte, typed SCSI host or not', () => {
    for (const xml of [PCI, HBA]) expect(formatNodeDeviceXml(parseNodeDeviceXml(xml))).to.equal(xml);
  });

  it('reads the SCSI host capability and counts its nested fc_host and vports capabilities', () => {
    const def = parseNodeDeviceXml(HBA);
    expect(def.caps[0].scsiHost).to.deep.include({ host: 1, uniqueId: 0 });
    expect(def.caps[0].scsiHost?.fcHost).to.deep.equal({ wwnn: '2000000012341234', wwpn: '1000000012341234', fabricWwn: '2000000043214321' });
    expect(['scsi_host', 'fc_host', 'vports', 'pci'].map((c) => nodeDeviceHasCap(def, c))).to.deep.equal([true, true, true, false]);
  });

  it('refuses a device without capabilities, a capability without type, a malformed WWN', () => {
    for (const bad of ['<device><name>x</name></device>', '<device><capability/></device>', "<device><capability type='scsi_host'><capability type='fc_host'><wwnn>12</wwnn></capability></capability></device>"]) {
      try {
        parseNodeDeviceXml(bad);
        expect.fail(`accepted ${bad}`);
      } catch (e) {
        expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
      }
    }
  });
});
