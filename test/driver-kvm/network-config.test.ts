import { expect } from 'chai';
import { IpAddrType, NetworkUpdateCommand, parseNetworkXml, subnetOf, updateDhcpHost } from '@virtkit/core';
import { dnsmasqConfig, dnsmasqHostsFile, networkRules, nftRuleset, parseDnsmasqLeases, iptablesRules } from '@virtkit/driver-kvm';

const NET = parseNetworkXml(`<network>
  <name>lab</name>
  <forward mode='nat'/>
  <bridge name='virbr5'/>
  <domain name='lab.test' localOnly='yes'/>
  <dns>
    <txt name='t' value='v'/>
    <srv service='ldap' protocol='tcp' target='srv.lab.test' port='389'/>
    <host ip='10.9.0.7'><hostname>seven</hostname></host>
  </dns>
  <ip address='10.9.0.1' prefix='24'>
    <dhcp>
      <range start='10.9.0.100' end='10.9.0.109'/>
      <host mac='52:54:00:00:00:07' name='seven' ip='10.9.0.7'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:9::1' prefix='64'/>
</network>`);
const FILES = { conf: '/r/lab.conf', pid: '/r/lab.pid', leases: '/r/lab.leases', hosts: '/r/lab.hostsfile', addnHosts: '/r/lab.addnhosts' };

describe('driver-kvm network configuration (pure)', () => {
  it('masquerades the NAT subnet only, routes IPv6, and rejects the rest to and from the bridge', () => {
    const rules = networkRules(NET, 'virbr5')!;
    expect(rules).to.deep.equal({ bridge: 'virbr5', mode: 'nat', ipv4: ['10.9.0.0/24'], ipv6: ['fd00:9::/64'] });
    const nft = nftRuleset(rules);
    expect(nft).to.include('table inet virtkit_virbr5 {');
    expect(nft).to.include('ip saddr 10.9.0.0/24 ip daddr != 10.9.0.0/24 masquerade');
    expect(nft).to.include('oifname "virbr5" ip daddr 10.9.0.0/24 ct state established,related accept');
    expect(nft).to.include('iifname "virbr5" ip6 saddr fd00:9::/64 accept');
    expect(nft).not.to.match(/ip6 .*masquerade/);
    expect(nft.indexOf('iifname "virbr5" reject')).to.be.greaterThan(nft.indexOf('ip saddr 10.9.0.0/24 accept'));
    const ipt = iptablesRules(rules).filter((r) => r.table === 'nat');
    expect(ipt.map((r) => r.rule.slice(0, 6))).to.deep.equal([['-s', '10.9.0.0/24', '!', '-d', '10.9.0.0/24', '-j'], ['-s', '10.9.0.0/24', '-d', '255.255.255.255/32', '-j', 'RETURN'], ['-s', '10.9.0.0/24', '-d', '224.0.0.0/24', '-j', 'RETURN']]);
  });

  it('gives open and bridge networks no rules, isolated ones rejects only', () => {
    expect(networkRules(parseNetworkXml("<network><name>o</name><forward mode='open'/><ip address='10.1.0.1' prefix='24'/></network>"), 'b')).to.equal(undefined);
    const iso = nftRuleset(networkRules(parseNetworkXml("<network><name>i</name><ip address='10.1.0.1' prefix='24'/></network>"), 'b')!);
    expect(iso).not.to.include('masquerade');
    expect(iso).not.to.include('saddr');
    expect(iso).to.include('iifname "b" reject');
  });

  it('writes dnsmasq\'s configuration bound to the bridge, with DHCP, static hosts and DNS records', () => {
    const conf = dnsmasqConfig(NET, 'virbr5', FILES).split('\n');
    for (const line of ['interface=virbr5', 'bind-dynamic', 'except-interface=lo', 'pid-file=/r/lab.pid', 'dhcp-range=10.9.0.100,10.9.0.109,255.255.255.0', 'dhcp-lease-max=10',
      'dhcp-leasefile=/r/lab.leases', 'dhcp-hostsfile=/r/lab.hostsfile', 'addn-hosts=/r/lab.addnhosts', 'domain=lab.test', 'local=/lab.test/', 'txt-record=t,v', 'srv-host=_ldap._tcp,srv.lab.test,389']) {
      expect(conf, line).to.include(line);
    }
    expect(dnsmasqHostsFile(NET)).to.equal('52:54:00:00:00:07,10.9.0.7,seven\n');
  });

  it('reads dnsmasq\'s lease file back, IPv4 and IPv6, skipping foreign subnets', () => {
    const text = '1764633600 52:54:00:AA:BB:07 10.9.0.105 vkguest 01:52:54:00:aa:bb:07\n1764633600 52:54:00:aa:bb:08 192.168.1.5 * *\nduid 00:01:00:01\n1764633700 1234 fd00:9::105 v6host 00:04:aa\n';
    const leases = parseDnsmasqLeases(text, 'virbr5', NET.ips.map(subnetOf));
    expect(leases).to.deep.equal([
      { iface: 'virbr5', expiryTime: 1764633600, type: IpAddrType.IPV4, ipaddr: '10.9.0.105', prefix: 24, mac: '52:54:00:aa:bb:07', hostname: 'vkguest', clientid: '01:52:54:00:aa:bb:07' },
      { iface: 'virbr5', expiryTime: 1764633700, type: IpAddrType.IPV6, ipaddr: 'fd00:9::105', prefix: 64, iaid: '1234', hostname: 'v6host', clientid: '00:04:aa' },
    ]);
  });

  it('net-update adds, modifies and deletes static DHCP hosts, refusing duplicates and unknown hosts', () => {
    const add = updateDhcpHost(NET, NetworkUpdateCommand.ADD_FIRST, -1, "<host mac='52:54:00:00:00:08' ip='10.9.0.8'/>");
    expect(add.ips[0].dhcp!.hosts.map((h) => h.ip)).to.deep.equal(['10.9.0.8', '10.9.0.7']);
    expect(NET.ips[0].dhcp!.hosts).to.have.length(1);
    expect(() => updateDhcpHost(add, NetworkUpdateCommand.ADD_LAST, -1, "<host mac='52:54:00:00:00:08' ip='10.9.0.9'/>")).to.throw(/existing dhcp host entry/);
    const mod = updateDhcpHost(add, NetworkUpdateCommand.MODIFY, -1, "<host mac='52:54:00:00:00:08' ip='10.9.0.18'/>");
    expect(mod.ips[0].dhcp!.hosts[0].ip).to.equal('10.9.0.18');
    const del = updateDhcpHost(mod, NetworkUpdateCommand.DELETE, -1, "<host mac='52:54:00:00:00:08' ip='10.9.0.18'/>");
    expect(del.ips[0].dhcp!.hosts.map((h) => h.mac)).to.deep.equal(['52:54:00:00:00:07']);
    expect(() => updateDhcpHost(del, NetworkUpdateCommand.DELETE, -1, "<host mac='52:54:00:00:00:99' ip='10.9.0.99'/>")).to.throw(/couldn't locate a matching dhcp host/);
    expect(() => updateDhcpHost(del, NetworkUpdateCommand.ADD_LAST, -1, "<host mac='52:54:00:00:00:98' ip='172.16.0.1'/>")).to.throw(/matching <ip>/);
  });
});
