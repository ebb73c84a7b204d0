import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { IpAddrType, type Connection, type Virt } from '@virtkit/core';
import { ProcessRunner } from '@virtkit/driver-kvm';
import { embedUri, makeRoot, makeVirt } from './support/hosts.js';
import { createNetns, netnsRunner, type Netns } from './support/netns.js';
import { waitFor } from './support/wait.js';


/**
 * An IPv6 network with a DHCPv6 range: dnsmasq advertises the router on the
 * bridge (RA) and leases addresses. The busybox test guest has no DHCPv6
 * client (Debian's busybox-static lacks udhcpc6), so the client here is
 * ISC dhclient -6 in a second namespace, on a veth the test plugs into the
 * network's bridge as a guest's tap would be.
 */
describe('driver-kvm IPv6 network: router advertisements and a DHCPv6 lease (in network namespaces)', function () {
  this.timeout(120_000);
  let host: Netns;
  let client: Netns;
  let root: string;
  let virt: Virt;
  let conn: Connection;

  before(async () => {
    host = await createNetns('vkns');
    client = await createNetns('vknsc');
    root = await makeRoot('vkns-v6');
    virt = await makeVirt();
    virt.container.register(ProcessRunner, { useValue: netnsRunner(host.name) });
    conn = await virt.connect(embedUri(root));
  });

  after(async () => {
    await conn?.close();
    await virt?.dispose();
    await client?.remove();
    await host?.remove();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('advertises the prefix on the bridge and leases an address of the range to a DHCPv6 client', async () => {
    const net = await conn.createNetwork(`<network><name>vkns-v6</name><bridge name='vknsv6'/>
      <ip family='ipv6' address='fd00:213:64::1' prefix='64'><dhcp><range start='fd00:213:64::100' end='fd00:213:64::1ff'/></dhcp></ip></network>`);
    const conf = await fs.readFile(path.join(root, 'run', 'qemu', 'network', 'vkns-v6.conf'), 'utf8');
    expect(conf).to.include('dhcp-range=fd00:213:64::100,fd00:213:64::1ff,64');
    expect(conf).to.include('enable-ra');
    expect(conf).to.include('interface=vknsv6');

    // A guest's stand-in: one end of a veth on the bridge, the other in the client namespace, taking router advertisements.
    await host.exec('ip', ['link', 'add', 'vknsv6h', 'type', 'veth', 'peer', 'name', 'vknsv6c']);
    await host.exec('ip', ['link', 'set', 'vknsv6c', 'netns', client.name]);
    await host.exec('ip', ['link', 'set', 'vknsv6h', 'master', 'vknsv6', 'up']);
    await client.exec('sysctl', ['-q', '-w', 'net.ipv6.conf.vknsv6c.accept_ra=2']);
    await client.exec('ip', ['link', 'set', 'vknsv6c', 'address', '52:54:00:64:00:01', 'up']);

    const route = await waitFor('a router advertisement from dnsmasq', async () => {
      const r = await client.exec('ip', ['-6', 'route', 'show', 'default', 'dev', 'vknsv6c']);
      return /proto ra/.test(r) ? r : undefined;
    });
    expect(route).to.match(/^default via fe80::\S+ proto ra/);

    // A tentative link-local address cannot send DHCPv6: wait for DAD to finish first.
    await waitFor('the client\'s link-local address', async () => {
      const a = await client.exec('ip', ['-6', 'addr', 'show', 'dev', 'vknsv6c', 'scope', 'link']);
      return /inet6 fe80::/.test(a) && !/tentative/.test(a) ? true : undefined;
    });
    const leaseFile = path.join(root, 'dhclient6.leases');
    // -sf /bin/true: the lease is taken, nothing of the client namespace (or the machine's resolv.conf) is configured.
    await client.exec('dhclient', ['-6', '-1', '-sf', '/bin/true', '-lf', leaseFile, '-pf', path.join(root, 'dhclient6.pid'), 'vknsv6c'], { timeoutMs: 60_000 });
    const taken = /iaaddr (fd00:213:64::[0-9a-f]+)/.exec(await fs.readFile(leaseFile, 'utf8'))?.[1];
    expect(taken, 'dhclient recorded the address it was leased').to.be.a('string');

    const lease = await waitFor('the lease in net-dhcp-leases', async () => (await net.getDhcpLeases()).find((l) => l.type === IpAddrType.IPV6));
    expect(lease.ipaddr).to.equal(taken);
    expect(lease.prefix).to.equal(64);
    expect(lease.iface).to.equal('vknsv6');
    const n = BigInt(`0x${taken!.split(':').at(-1)}`);
    expect(n >= 0x100n && n <= 0x1ffn, `${taken} is in the range`).to.equal(true);
    await net.destroy();
  });
});
