import { expect } from 'chai';
import { ErrorCode, formatHostInterfaceXml, isVirtError, parseHostInterfaceXml } from '@virtkit/core';

/** A bridge over an ethernet and a VLAN, in libvirt's order, with a bond option the model does not know. */
const BRIDGE = `<interface type='bridge' name='br0'>
  <start mode='onboot'/>
  <mtu size='1500'/>
  <protocol family='ipv6'>
    <autoconf/>
    <dhcp/>
  </protocol>
  <protocol family='ipv4'>
    <dhcp peerdns='no'/>
  </protocol>
  <bridge stp='off' delay='0.01'>
    <interface type='ethernet' name='eth0'>
      <mac address='ab:bb:cc:dd:ee:ff'/>
    </interface>
    <interface type='vlan' name='eth0.42'>
      <vlan tag='42'>
        <interface name='eth0'/>
      </vlan>
    </interface>
    <interface type='bond' name='bond0'>
      <bond mode='active-backup'>
        <miimon freq='100' updelay='10' carrier='ioctl'/>
        <interface type='ethernet' name='eth1'/>
      </bond>
    </interface>
  </bridge>
</interface>
`;

describe('core: host interface XML', () => {
  it('formats what it parsed byte for byte (libvirt\'s eth1 and a bridge with VLAN and bond members)', () => {
    const eth1 = "<interface type='ethernet' name='eth1'>\n  <start mode='onboot'/>\n  <mtu size='1492'/>\n  <protocol family='ipv4'>\n    <ip address='192.168.0.5' prefix='24'/>\n    <route gateway='192.168.0.1'/>\n  </protocol>\n  <mac address='aa:bb:cc:dd:ee:ff'/>\n</interface>\n";
    for (const xml of [eth1, BRIDGE]) expect(formatHostInterfaceXml(parseHostInterfaceXml(xml))).to.equal(xml);
  });

  it('puts elements in libvirt\'s order and keeps a MAC for ethernet interfaces only, as virInterfaceDefFormat', () => {
    const def = parseHostInterfaceXml("<interface type='bridge' name='br1'><mac address='52:54:00:AA:BB:CC'/><bridge><interface type='ethernet' name='e'><mac address='52:54:00:AA:BB:CD'/></interface></bridge><start mode='none'/></interface>");
    expect(def.mac).to.equal(undefined);
    expect(def.bridge?.interfaces[0].mac).to.equal('52:54:00:aa:bb:cd');
    expect(formatHostInterfaceXml(def)).to.equal("<interface type='bridge' name='br1'>\n  <start mode='none'/>\n  <bridge>\n    <interface type='ethernet' name='e'>\n      <mac address='52:54:00:aa:bb:cd'/>\n    </interface>\n  </bridge>\n</interface>\n");
  });

  it('refuses an interface without type or name, a bridge without <bridge>, a VLAN without a tag, a bad MAC', () => {
    for (const bad of ["<interface name='x'/>", "<interface type='ethernet'/>", "<interface type='bridge' name='b'/>", "<interface type='vlan' name='v'><vlan/></interface>",
      "<interface type='ethernet' name='e'><mac address='zz'/></interface>", "<interface type='ethernet' name='e'><protocol/></interface>"]) {
      try {
        parseHostInterfaceXml(bad);
        expect.fail(`accepted ${bad}`);
      } catch (e) {
        expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
      }
    }
  });
});
