import { expect } from 'chai';
import {
  ErrorCode, ErrorDomain, ObjectList, errorReporter, formatNetworkXml, isVirtError, parseNetworkXml, subnetOf, subnetText, subnetsOverlap, bigIntToAddress, addressToBigInt,
} from '@virtkit/core';

const FULL = `<network>
  <name>default</name>
  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
  <forward mode='nat' dev='eth0'>
    <nat>
      <port start='1024' end='65535'/>
    </nat>
  </forward>
  <bridge name='virbr0' stp='on' delay='0'/>
  <mac address='52:54:00:0a:cd:21'/>
  <mtu size='9000'/>
  <domain name='example.test' localOnly='yes'/>
  <dns>
    <txt name='example' value='example value'/>
    <srv service='name' protocol='tcp' domain='test-domain-name' target='.' port='1024' priority='10' weight='10'/>
    <host ip='192.168.122.2'>
      <hostname>myhost</hostname>
      <hostname>myhostalias</hostname>
    </host>
  </dns>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
      <host mac='52:54:00:6f:78:f3' name='guest' ip='192.168.122.10'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='2001:db8:ca2:2::1' prefix='64'>
    <dhcp>
      <range start='2001:db8:ca2:2::100' end='2001:db8:ca2:2::1ff'/>
    </dhcp>
  </ip>
  <portgroup name='engineering' default='yes'/>
</network>
`;

describe('network XML', () => {
  it('round-trips libvirt\'s network XML, unknown elements included', () => {
    expect(formatNetworkXml(parseNetworkXml(FULL))).to.equal(FULL);
  });

  it('reads forward mode, bridge, addresses and DHCP into the model', () => {
    const def = parseNetworkXml(FULL);
    expect(def.forward).to.include({ mode: 'nat', dev: 'eth0' });
    expect(def.bridge).to.deep.equal({ name: 'virbr0', stp: true, delay: 0 });
    expect(def.ips.map((ip) => subnetText(subnetOf(ip)))).to.deep.equal(['192.168.122.0/24', '2001:db8:ca2:2::/64']);
    expect(def.ips[0].dhcp!.hosts).to.deep.equal([{ mac: '52:54:00:6f:78:f3', name: 'guest', ip: '192.168.122.10' }]);
    expect(def.dns!.hosts[0].hostnames).to.deep.equal(['myhost', 'myhostalias']);
    expect(parseNetworkXml('<network><name>iso</name></network>').forward).to.equal(undefined);
    expect(parseNetworkXml("<network><name>n</name><forward/></network>").forward!.mode).to.equal('nat');
  });

  it('refuses what libvirt refuses, naming the element', () => {
    const bad = (xml: string, pattern: RegExp) => {
      try {
        parseNetworkXml(xml);
      } catch (e) {
        expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
        expect((e as Error).message).to.match(pattern);
        return;
      }
      expect.fail(`accepted ${xml}`);
    };
    bad('<network><name>a/b</name></network>', /network\/name/);
    bad("<network><name>n</name><forward mode='tunnel'/></network>", /forward.*mode/);
    bad("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp><range start='10.0.1.2' end='10.0.0.9'/></dhcp></ip></network>", /not in the network's subnet/);
    bad("<network><name>n</name><ip family='ipv6' address='10.0.0.1'/></network>", /not an ipv6 address/);
    bad("<network><name>n</name><ip address='10.0.0.1' netmask='255.0.255.0'/></network>", /invalid netmask/);
    bad("<network><name>n</name><bridge name='a-bridge-name-that-is-too-long'/></network>", /not a valid interface name/);
    bad("<network><name>n</name><mac address='52:54:00:zz:00:00'/></network>", /invalid MAC/);
  });

  it('does address arithmetic for both families', () => {
    expect(bigIntToAddress(addressToBigInt('2001:db8::1'), 6)).to.equal('2001:db8::1');
    expect(bigIntToAddress(addressToBigInt('::ffff:10.0.0.1'), 6)).to.equal('::ffff:a00:1');
    expect(bigIntToAddress(addressToBigInt('10.1.2.3'), 4)).to.equal('10.1.2.3');
    const s = (address: string, prefix: number) => subnetOf({ address, prefix });
    expect(subnetsOverlap(s('10.0.0.1', 16), s('10.0.5.1', 24))).to.equal(true);
    expect(subnetsOverlap(s('10.0.0.1', 24), s('10.0.1.1', 24))).to.equal(false);
    expect(subnetsOverlap(s('10.0.0.1', 24), s('fd00::1', 64))).to.equal(false);
  });
});

describe('ObjectList', () => {
  const fail = errorReporter(ErrorDomain.NETWORK);
  const make = () => new ObjectList<{ uuid: string; name: string }>(fail, { noObject: ErrorCode.NO_NETWORK, what: 'network' });
  const A = { uuid: '11111111-1111-4111-8111-111111111111', name: 'a' };

  it('finds by name and UUID, with libvirt\'s NO_NETWORK messages', () => {
    const l = make();
    l.add(A);
    expect(l.getByName('a')).to.equal(A);
    expect(l.getByUuid(A.uuid.toUpperCase())).to.equal(A);
    try {
      l.getByName('b');
      expect.fail('found b');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.NO_NETWORK)).to.equal(true);
      expect((e as Error).message).to.equal("Network not found: no network with matching name 'b'");
    }
  });

  it('refuses a name under another UUID and a UUID under another name; returns the same identity for a redefine', () => {
    const l = make();
    l.add(A);
    expect(l.checkConflicts({ ...A })).to.equal(A);
    expect(() => l.checkConflicts({ uuid: '22222222-2222-4222-8222-222222222222', name: 'a' })).to.throw(/network 'a' already exists with uuid/);
    expect(() => l.checkConflicts({ uuid: A.uuid, name: 'other' })).to.throw(/network 'a' is already defined with uuid/);
  });

  it('runs operations on one identity one after the other', async () => {
    const l = make();
    const order: string[] = [];
    let release!: () => void;
    const first = l.withIdentity(A, () => new Promise<void>((r) => { release = () => { order.push('first'); r(); }; }));
    const second = l.withIdentity({ uuid: '33333333-3333-4333-8333-333333333333', name: 'a' }, async () => { order.push('second'); });
    await new Promise((r) => setImmediate(r));
    expect(order).to.deep.equal([]);
    release();
    await Promise.all([first, second]);
    expect(order).to.deep.equal(['first', 'second']);
  });
});
