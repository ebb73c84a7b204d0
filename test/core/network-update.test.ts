import { expect } from 'chai';
import { ErrorCode, NetworkUpdateCommand as Cmd, NetworkUpdateSection as Sec, applyNetworkUpdate, formatNetworkXml, isVirtError, parseNetworkXml, type NetworkDef } from '@virtkit/core';

const NET = parseNetworkXml(`<network>
  <name>vkns-upd</name>
  <uuid>2a1d7e1c-4a55-4d8e-9a3e-5f0c7c7d9b01</uuid>
  <forward mode='nat'><interface dev='eth0'/></forward>
  <dns><txt name='one' value='1'/><srv service='ldap' protocol='tcp' target='ldap.example' port='389'/><host ip='10.9.0.2'><hostname>gw2</hostname></host></dns>
  <ip address='10.9.0.1' prefix='24'><dhcp><range start='10.9.0.100' end='10.9.0.150'/></dhcp></ip>
  <ip family='ipv6' address='fd00:9::1' prefix='64'/>
  <portgroup name='engineering' default='yes'><vlan><tag id='42'/></vlan></portgroup>
</network>`);

const apply = (def: NetworkDef, command: number, section: number, xml: string, parentIndex = -1) => applyNetworkUpdate(def, command, section, parentIndex, xml);

function refused(f: () => unknown, code: number, message: string): void {
  try {
    f();
  } catch (e) {
    expect(isVirtError(e, code), String(e)).to.equal(true);
    expect((e as Error).message).to.equal(message);
    return;
  }
  expect.fail(`expected: ${message}`);
}

describe('core: virNetworkUpdate, every section libvirt updates', () => {
  it('keeps forward interfaces and portgroups through a parse/format round trip', () => {
    const xml = formatNetworkXml(NET);
    expect(xml).to.include("<forward mode='nat'>\n    <interface dev='eth0'/>\n  </forward>");
    expect(xml).to.match(/<ip family='ipv6' address='fd00:9::1' prefix='64'\/>\s*<portgroup name='engineering' default='yes'>\s*<vlan>\s*<tag id='42'\/>\s*<\/vlan>\s*<\/portgroup>\s*<\/network>/);
    expect(formatNetworkXml(parseNetworkXml(xml))).to.equal(xml);
  });

  it('ip-dhcp-range: add first and last, delete; modify refused; the family and subnet of the <ip> checked', () => {
    const a = apply(NET, Cmd.ADD_FIRST, Sec.IP_DHCP_RANGE, "<range start='10.9.0.10' end='10.9.0.20'/>");
    const b = apply(a, Cmd.ADD_LAST, Sec.IP_DHCP_RANGE, "<range start='10.9.0.200' end='10.9.0.210'/>");
    expect(b.ips[0].dhcp!.ranges.map((r) => r.start)).to.deep.equal(['10.9.0.10', '10.9.0.100', '10.9.0.200']);
    expect(NET.ips[0].dhcp!.ranges, 'the input is untouched').to.have.length(1);
    const c = apply(b, Cmd.DELETE, Sec.IP_DHCP_RANGE, "<range start='10.9.0.100' end='10.9.0.150'/>");
    expect(c.ips[0].dhcp!.ranges.map((r) => r.start)).to.deep.equal(['10.9.0.10', '10.9.0.200']);
    refused(() => apply(b, Cmd.ADD_LAST, Sec.IP_DHCP_RANGE, "<range start='10.9.0.10' end='10.9.0.20'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: there is an existing dhcp range entry in network 'vkns-upd' that matches \"<range start='10.9.0.10' end='10.9.0.20'/>\"");
    refused(() => apply(c, Cmd.DELETE, Sec.IP_DHCP_RANGE, "<range start='10.9.0.100' end='10.9.0.150'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: couldn't locate a matching dhcp range entry in network 'vkns-upd'");
    refused(() => apply(NET, Cmd.MODIFY, Sec.IP_DHCP_RANGE, "<range start='10.9.0.10' end='10.9.0.20'/>"), ErrorCode.OPERATION_UNSUPPORTED,
      'Operation not supported: dhcp ranges cannot be modified, only added or deleted');
    refused(() => apply(NET, Cmd.ADD_LAST, Sec.IP_DHCP_RANGE, "<range start='fd00:9::10' end='fd00:9::20'/>", 0), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: the address family of a dhcp range must match the address family of the dhcp element's parent");
    // parentIndex 1 is the IPv6 <ip>: its range goes there.
    const v6 = apply(NET, Cmd.ADD_LAST, Sec.IP_DHCP_RANGE, "<range start='fd00:9::10' end='fd00:9::20'/>", 1);
    expect(v6.ips[1].dhcp!.ranges).to.deep.equal([{ start: 'fd00:9::10', end: 'fd00:9::20' }]);
    refused(() => apply(NET, Cmd.ADD_LAST, Sec.IP_DHCP_RANGE, "<range start='10.9.0.10' end='10.9.0.20'/>", 5), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found at index 5 in network 'vkns-upd'");
    expect(() => apply(NET, Cmd.ADD_LAST, Sec.IP_DHCP_RANGE, "<range start='10.9.1.10' end='10.9.1.20'/>")).to.throw(/not in the network's subnet/);
  });

  it('dns-host: add; delete by address or by any hostname; duplicates and modify refused', () => {
    const a = apply(NET, Cmd.ADD_FIRST, Sec.DNS_HOST, "<host ip='10.9.0.3'><hostname>db</hostname><hostname>db.lan</hostname></host>");
    expect(a.dns!.hosts.map((h) => h.ip)).to.deep.equal(['10.9.0.3', '10.9.0.2']);
    refused(() => apply(a, Cmd.ADD_LAST, Sec.DNS_HOST, "<host ip='10.9.0.4'><hostname>db.lan</hostname></host>"), ErrorCode.OPERATION_INVALID,
      'Requested operation is not valid: there is already at least one DNS HOST record with a matching field in network vkns-upd');
    expect(apply(a, Cmd.DELETE, Sec.DNS_HOST, "<host ip='10.9.0.3'/>").dns!.hosts.map((h) => h.ip)).to.deep.equal(['10.9.0.2']);
    expect(apply(a, Cmd.DELETE, Sec.DNS_HOST, "<host ip='10.9.0.77'><hostname>gw2</hostname></host>").dns!.hosts.map((h) => h.ip)).to.deep.equal(['10.9.0.3']);
    refused(() => apply(a, Cmd.DELETE, Sec.DNS_HOST, "<host ip='10.9.0.3'><hostname>gw2</hostname></host>"), ErrorCode.OPERATION_INVALID,
      'Requested operation is not valid: multiple matching DNS HOST records were found in network vkns-upd');
    refused(() => apply(a, Cmd.DELETE, Sec.DNS_HOST, "<host ip='10.9.0.99'/>"), ErrorCode.OPERATION_INVALID,
      'Requested operation is not valid: couldn\'t locate a matching DNS HOST record in network vkns-upd');
    refused(() => apply(a, Cmd.MODIFY, Sec.DNS_HOST, "<host ip='10.9.0.3'><hostname>x</hostname></host>"), ErrorCode.OPERATION_UNSUPPORTED,
      'Operation not supported: DNS HOST records cannot be modified, only added or deleted');
    expect(() => apply(a, Cmd.ADD_LAST, Sec.DNS_HOST, "<host ip='10.9.0.5'/>"), 'an addition needs a hostname').to.throw(/hostname/);
  });

  it('dns-txt and dns-srv: add and delete, matched by name (txt) or by every field given (srv)', () => {
    const t = apply(NET, Cmd.ADD_LAST, Sec.DNS_TXT, "<txt name='two' value='2'/>");
    expect(t.dns!.txts.map((x) => x.name)).to.deep.equal(['one', 'two']);
    refused(() => apply(t, Cmd.ADD_FIRST, Sec.DNS_TXT, "<txt name='two' value='again'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: there is already a DNS TXT record with name 'two' in network vkns-upd");
    refused(() => apply(t, Cmd.ADD_FIRST, Sec.DNS_TXT, "<txt name='three'/>"), ErrorCode.XML_ERROR,
      "XML error: missing required value attribute in DNS TXT record named 'three' of network vkns-upd");
    expect(apply(t, Cmd.DELETE, Sec.DNS_TXT, "<txt name='one'/>").dns!.txts.map((x) => x.name)).to.deep.equal(['two']);
    refused(() => apply(t, Cmd.DELETE, Sec.DNS_TXT, "<txt name='nine'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: couldn't locate a matching DNS TXT record in network vkns-upd");

    const s = apply(NET, Cmd.ADD_FIRST, Sec.DNS_SRV, "<srv service='ldap' protocol='udp' target='ldap.example' port='389'/>");
    expect(s.dns!.srvs.map((x) => x.protocol)).to.deep.equal(['udp', 'tcp']);
    refused(() => apply(s, Cmd.ADD_LAST, Sec.DNS_SRV, "<srv service='ldap' protocol='udp' target='ldap.example'/>"), ErrorCode.OPERATION_INVALID,
      'Requested operation is not valid: there is already at least one DNS SRV record matching all specified fields in network vkns-upd');
    refused(() => apply(s, Cmd.DELETE, Sec.DNS_SRV, "<srv service='ldap'/>"), ErrorCode.OPERATION_INVALID,
      'Requested operation is not valid: multiple DNS SRV records matching all specified fields were found in network vkns-upd');
    expect(apply(s, Cmd.DELETE, Sec.DNS_SRV, "<srv service='ldap' protocol='tcp'/>").dns!.srvs.map((x) => x.protocol)).to.deep.equal(['udp']);
    refused(() => apply(s, Cmd.MODIFY, Sec.DNS_SRV, "<srv service='ldap' protocol='tcp'/>"), ErrorCode.OPERATION_UNSUPPORTED,
      'Operation not supported: DNS SRV records cannot be modified, only added or deleted');
  });

  it('forward-interface: add first and delete; modify and duplicates refused', () => {
    const a = apply(NET, Cmd.ADD_FIRST, Sec.FORWARD_INTERFACE, "<interface dev='eth1'/>");
    expect(a.forward!.interfaces!.map((i) => i.dev)).to.deep.equal(['eth1', 'eth0']);
    refused(() => apply(a, Cmd.ADD_LAST, Sec.FORWARD_INTERFACE, "<interface dev='eth1'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: there is an existing interface entry in network 'vkns-upd' that matches \"<interface dev='eth1'>\"");
    const d = apply(apply(a, Cmd.DELETE, Sec.FORWARD_INTERFACE, "<interface dev='eth0'/>"), Cmd.DELETE, Sec.FORWARD_INTERFACE, "<interface dev='eth1'/>");
    expect(d.forward!.interfaces).to.equal(undefined);
    expect(formatNetworkXml(d)).to.include("<forward mode='nat'/>");
    refused(() => apply(d, Cmd.DELETE, Sec.FORWARD_INTERFACE, "<interface dev='eth1'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: couldn't find an interface entry in network 'vkns-upd' matching <interface dev='eth1'>");
    refused(() => apply(NET, Cmd.MODIFY, Sec.FORWARD_INTERFACE, "<interface dev='eth0'/>"), ErrorCode.OPERATION_UNSUPPORTED,
      'Operation not supported: forward interface entries cannot be modified, only added or deleted');
  });

  it('portgroup: add, modify, delete; one default only', () => {
    const a = apply(NET, Cmd.ADD_LAST, Sec.PORTGROUP, "<portgroup name='sales'><vlan><tag id='7'/></vlan></portgroup>");
    expect(a.portgroups!.map((p) => p.name)).to.deep.equal(['engineering', 'sales']);
    refused(() => apply(a, Cmd.MODIFY, Sec.PORTGROUP, "<portgroup name='sales' default='yes'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: a different portgroup entry in network 'vkns-upd' is already set as the default. Only one default is allowed.");
    const m = apply(a, Cmd.MODIFY, Sec.PORTGROUP, "<portgroup name='engineering'/>");
    expect(formatNetworkXml(m)).to.include("<portgroup name='engineering'/>");
    const m2 = apply(m, Cmd.MODIFY, Sec.PORTGROUP, "<portgroup name='sales' default='yes'/>");
    expect(m2.portgroups!.find((p) => p.name === 'sales')!.isDefault).to.equal(true);
    refused(() => apply(a, Cmd.ADD_FIRST, Sec.PORTGROUP, "<portgroup name='sales'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: there is an existing portgroup entry in network 'vkns-upd' that matches \"<portgroup name='sales'>\"");
    const d = apply(apply(a, Cmd.DELETE, Sec.PORTGROUP, "<portgroup name='sales'/>"), Cmd.DELETE, Sec.PORTGROUP, "<portgroup name='engineering'/>");
    expect(formatNetworkXml(d)).not.to.include('portgroup');
    refused(() => apply(d, Cmd.DELETE, Sec.PORTGROUP, "<portgroup name='sales'/>"), ErrorCode.OPERATION_INVALID,
      "Requested operation is not valid: couldn't find a portgroup entry in network 'vkns-upd' matching <portgroup name='sales'>");
  });

  it('refuses the sections libvirt refuses, unknown sections and commands, and a fragment of the wrong element', () => {
    refused(() => apply(NET, Cmd.MODIFY, Sec.BRIDGE, "<bridge name='virbr9'/>"), ErrorCode.NO_SUPPORT,
      "this function is not supported by the connection driver: can't update 'bridge' section of network 'vkns-upd'");
    refused(() => apply(NET, Cmd.MODIFY, Sec.FORWARD_PF, "<pf dev='eth0'/>"), ErrorCode.NO_SUPPORT,
      "this function is not supported by the connection driver: can't update 'forward pf' section of network 'vkns-upd'");
    refused(() => apply(NET, Cmd.ADD_LAST, 42, '<x/>'), ErrorCode.NO_SUPPORT, "this function is not supported by the connection driver: can't update unrecognized section of network");
    refused(() => apply(NET, 9, Sec.DNS_TXT, "<txt name='z' value='z'/>"), ErrorCode.NO_SUPPORT, 'this function is not supported by the connection driver: unrecognized network update command code 9');
    refused(() => apply(NET, Cmd.ADD_LAST, Sec.DNS_TXT, "<host ip='10.9.0.9'/>"), ErrorCode.XML_ERROR,
      "XML error: unexpected element <host>, expecting <txt>, while updating network 'vkns-upd'");
  });
});
