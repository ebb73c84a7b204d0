import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { DeviceModifyFlags, MigrateFlags, NetworkUpdateCommand, NetworkUpdateSection, NetworkUpdateFlags, isVirtError, type Connection, type Virt } from '@virtkit/core';
import { ProcessRunner, systemProcessRunner } from '@virtkit/driver-kvm';
import { ensureNetworkGuest } from './support/guest.js';
import { embedUri, guestXml, makeRoot, makeVirt } from './support/hosts.js';
import { createNetns, netnsRunner, type Netns } from './support/netns.js';
import { waitFor } from './support/wait.js';

// Everything here runs inside network namespaces the tests create: the bridges, rules, taps and dnsmasq never reach the machine's own.

const natNetwork = (name: string, subnet: number, extra = '') => `<network>
  <name>${name}</name>
  <forward mode='nat'/>
  ${extra}
  <ip address='10.213.${subnet}.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.213.${subnet}.100' end='10.213.${subnet}.200'/>
    </dhcp>
  </ip>
</network>`;

/** The network test guest on network 'lan' with MAC 52:54:00:aa:bb:07. */
const netGuestXml = (guest: { kernel: string; initrd: string }, serialLog: string, nicExtra = '') => guestXml({
  name: 'netguest',
  memoryMiB: 192,
  serialLog,
  guest,
  devices: `<interface type='network'><mac address='52:54:00:aa:bb:07'/><source network='lan'/><model type='virtio'/>${nicExtra}</interface>`,
});

async function expectError(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e), String(e)).to.equal(true);
    expect((e as Error).message).to.match(pattern);
    return;
  }
  expect.fail(`expected an error matching ${pattern}`);
}


describe('driver-kvm networks (in a network namespace)', function () {
  this.timeout(300_000);
  let ns: Netns;
  let root: string;
  let virt: Virt;
  let conn: Connection;

  beforeEach(async () => {
    ns = await createNetns('net');
    root = await makeRoot('net');
    virt = await makeVirt();
    virt.container.register(ProcessRunner, { useValue: netnsRunner(ns.name) });
    conn = await virt.connect(embedUri(root));
  });

  afterEach(async () => {
    await conn?.close();
    await virt?.dispose();
    await ns.remove();
    await fs.rm(root, { recursive: true, force: true });
  });

  async function links(): Promise<string[]> {
    return (JSON.parse(await ns.exec('ip', ['-j', 'link', 'show'])) as Array<{ ifname: string }>).map((l) => l.ifname);
  }

  async function nftTables(): Promise<string> {
    return ns.exec('nft', ['list', 'tables']);
  }

  it('starts a NAT network (bridge, address, nftables, dnsmasq) and stopping it leaves nothing behind', async () => {
    const net = await conn.defineNetwork(natNetwork('n1', 1));
    const bridge = await net.getBridgeName();
    expect(bridge).to.match(/^virbr\d+$/);
    expect(await net.isActive()).to.equal(false);
    await net.start();
    expect(await net.isActive()).to.equal(true);
    expect(await links()).to.include(bridge);
    expect(await ns.exec('ip', ['-4', 'addr', 'show', 'dev', bridge])).to.include('10.213.1.1/24');
    const ruleset = await ns.exec('nft', ['list', 'ruleset']);
    expect(ruleset).to.include(`table inet virtkit_${bridge}`);
    expect(ruleset).to.match(/ip saddr 10\.213\.1\.0\/24 ip daddr != 10\.213\.1\.0\/24 masquerade/);
    const pidFile = path.join(root, 'run', 'qemu', 'network', 'n1.pid');
    const pid = Number((await fs.readFile(pidFile, 'utf8')).trim());
    expect(systemProcessRunner.state(pid)).to.equal('running');
    const xml = await net.getXmlDesc();
    expect(xml).to.include(`<bridge name='${bridge}'`);
    expect(xml).to.match(/<mac address='52:54:00:/);

    await net.destroy();
    expect(await net.isActive()).to.equal(false);
    expect(await links()).not.to.include(bridge);
    expect(await nftTables()).not.to.include('virtkit_');
    // Gone, or a zombie waiting for a parent that reaps (dnsmasq daemonized away from us).
    expect(systemProcessRunner.state(pid)).not.to.equal('running');
    expect((await fs.readdir(path.join(root, 'run', 'qemu', 'network'))).sort()).to.deep.equal(['autostarted']);

    // Started again and redefined while running: still one bridge, one table, one dnsmasq.
    await net.start();
    await conn.defineNetwork(natNetwork('n1', 1).replace('<name>n1</name>', `<name>n1</name><uuid>${net.uuid}</uuid>`));
    await net.destroy();
    expect(await links()).not.to.include(bridge);
    expect(await nftTables()).not.to.include('virtkit_');
    await net.undefine();
    expect((await conn.listAllNetworks()).map((n) => n.name)).to.deep.equal([]);
  });

  it('refuses a subnet in use, a bridge name in use, and leaves nothing half-created', async () => {
    await ns.exec('ip', ['link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1']);
    await ns.exec('ip', ['addr', 'add', '10.213.2.1/24', 'dev', 'veth0']);
    await ns.exec('ip', ['link', 'set', 'veth0', 'up']);
    const before = await links();
    const overlapping = await conn.defineNetwork(natNetwork('overlap', 2));
    await expectError(overlapping.start(), /Network is already in use by interface veth0/);
    expect(await links()).to.deep.equal(before);
    expect(await nftTables()).not.to.include('virtkit_');
    expect(await overlapping.isActive()).to.equal(false);

    await ns.exec('ip', ['link', 'add', 'brtaken', 'type', 'bridge']);
    const taken = await conn.defineNetwork(natNetwork('taken', 3, "<bridge name='brtaken'/>"));
    await expectError(taken.start(), /bridge name 'brtaken' already in use/);
    expect(await nftTables()).not.to.include('virtkit_');

    await expectError(conn.defineNetwork(natNetwork('again', 4, "<bridge name='brtaken'/>")), /bridge name 'brtaken' already in use/);
    expect((await conn.listAllNetworks()).map((n) => n.name)).to.deep.equal(['overlap', 'taken']);
    await expectError(conn.defineNetwork(natNetwork('bad', 5).replace("start='10.213.5.100'", "start='10.213.9.100'")), /not in the network's subnet/);
  });

  it('gives a guest on the network a DHCP lease; leases, domifaddr and HTTP over the bridge; the tap goes with the guest', async () => {
    const guest = await ensureNetworkGuest();
    const net = await conn.defineNetwork(natNetwork('lan', 7));
    await net.start();
    await net.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1, "<host mac='52:54:00:aa:bb:07' name='vkguest' ip='10.213.7.50'/>", NetworkUpdateFlags.AFFECT_LIVE | NetworkUpdateFlags.AFFECT_CONFIG);
    expect(await net.getXmlDesc()).to.include("<host mac='52:54:00:aa:bb:07' name='vkguest' ip='10.213.7.50'/>");
    const serial = path.join(root, 'serial.log');
    const dom = await conn.createDomain(await netGuestXml(guest, serial, "<mtu size='1400'/><driver queues='2'/><bandwidth><inbound average='20000'/><outbound average='10000' burst='64'/></bandwidth>"));
    const live = await dom.getXmlDesc();

    const tap = /<target dev='(vnet\d+)'\/>/.exec(live)?.[1];
    expect(tap, live).to.be.a('string');
    expect(live).to.include(`bridge='${await net.getBridgeName()}'`);
    const tapInfo = await ns.exec('ip', ['link', 'show', 'dev', tap!]);
    expect(tapInfo).to.include(`master ${await net.getBridgeName()}`);
    expect(tapInfo).to.include('mtu 1400');
    expect(tapInfo).to.include('fe:54:00:aa:bb:07');
    expect(await ns.exec('ip', ['-d', 'link', 'show', 'dev', tap!])).to.include('multi_queue');
    const qdiscs = await ns.exec('tc', ['qdisc', 'show', 'dev', tap!]);
    // Inbound: an HTB class on the tap's egress, 20000 KiB/s.
    expect(qdiscs).to.include('qdisc htb 1: root');
    expect(qdiscs).to.include('qdisc ingress ffff:');
    expect(await ns.exec('tc', ['class', 'show', 'dev', tap!])).to.match(/class htb 1:1 .*rate 160Mbit/);
    // Outbound, 10000 KiB/s: libvirt's policer on the tap's ingress, or, on a kernel without the police action, the
    // ingress redirected to an IFB device shaped by an HTB class.
    const outbound = await ns.exec('tc', ['filter', 'show', 'dev', tap!, 'parent', 'ffff:']);
    const ifb = `ifb${tap!}`;
    const policed = /police .*rate 80Mbit/.test(outbound);
    if (!policed) {
      expect(outbound).to.match(new RegExp(`mirred \\(Egress Redirect to device ${ifb}\\)`));
      expect(await ns.exec('tc', ['class', 'show', 'dev', ifb])).to.match(/class htb 1:1 .*rate 80Mbit/);
    }

    const lease = await waitFor('a DHCP lease', async () => (await net.getDhcpLeases()).find((l) => l.mac === '52:54:00:aa:bb:07'), 180_000);
    expect(lease.ipaddr).to.equal('10.213.7.50');
    expect(lease.prefix).to.equal(24);
    expect(lease.hostname).to.equal('vkguest');
    expect(await dom.interfaceAddresses()).to.deep.equal([{ name: tap, hwaddr: '52:54:00:aa:bb:07', addrs: [{ type: 0, addr: '10.213.7.50', prefix: 24 }] }]);

    await waitFor('the guest to configure its address', async () => ((await fs.readFile(serial, 'utf8').catch(() => '')).includes('lease=10.213.7.50') ? true : undefined));
    await waitFor('the guest to reach its gateway', async () => ((await fs.readFile(serial, 'utf8').catch(() => '')).includes('gateway=reached') ? true : undefined), 30_000);
    expect((await ns.tryExec('ping', ['-c', '1', '-W', '5', '10.213.7.50'])).ok).to.equal(true);
    const page = await waitFor('the guest web server', async () => {
      const r = await ns.tryExec('curl', ['-s', '--max-time', '5', 'http://10.213.7.50/']);
      return r.ok && r.stdout.includes('virtkit-guest') ? r.stdout : undefined;
    });
    expect(page).to.include('virtkit-guest');
    if (!policed) {
      // What the guest sent (its ping replies, its HTTP answer) went through the IFB device's shaper.
      const sent = /Sent (\d+) bytes (\d+) pkt/.exec(await ns.exec('tc', ['-s', 'class', 'show', 'dev', ifb]));
      expect(Number(sent?.[2]), 'packets from the guest through the outbound shaper').to.be.at.least(3);
    }

    // domif-setlink's call: the link goes down under the guest (QMP set_link) and up again.
    const nicXml = (state: string) => `<interface type='network'><mac address='52:54:00:aa:bb:07'/><source network='lan'/><model type='virtio'/><link state='${state}'/></interface>`;
    await dom.updateDevice(nicXml('down'), DeviceModifyFlags.LIVE);
    expect(await dom.getXmlDesc()).to.include("<link state='down'/>");
    expect((await ns.tryExec('curl', ['-s', '--max-time', '3', 'http://10.213.7.50/'])).ok).to.equal(false);
    await dom.updateDevice(nicXml('up'), DeviceModifyFlags.LIVE);
    expect(await httpFrom('10.213.7.50')).to.include('virtkit-guest');

    // Hotplug: a second interface on the network gets its own tap on the bridge and a PCI NIC in the guest.
    await dom.attachDevice("<interface type='network'><mac address='52:54:00:aa:bb:17'/><source network='lan'/><model type='virtio'/></interface>", DeviceModifyFlags.LIVE);
    const hot = await dom.getXmlDesc();
    const taps = [...hot.matchAll(/<target dev='(vnet\d+)'\/>/g)].map((m) => m[1]);
    expect(taps).to.have.length(2);
    expect(await ns.exec('ip', ['link', 'show', 'dev', taps[1]])).to.include(`master ${await net.getBridgeName()}`);
    expect(hot).to.include("<mac address='52:54:00:aa:bb:17'/>");

    await dom.destroy();
    for (const t of [...taps, ifb]) expect(await links()).not.to.include(t);
    await net.destroy();
  });

  async function httpFrom(address: string): Promise<string> {
    return waitFor(`the guest web server at ${address}`, async () => {
      const r = await ns.tryExec('curl', ['-s', '--max-time', '5', `http://${address}/`]);
      return r.ok && r.stdout.includes('virtkit-guest') ? r.stdout : undefined;
    });
  }

  it('a restarted driver reattaches to a running network and stops it cleanly', async () => {
    const net = await conn.defineNetwork(natNetwork('keep', 12));
    await net.start();
    const bridge = await net.getBridgeName();
    const other = await makeVirt();
    other.container.register(ProcessRunner, { useValue: netnsRunner(ns.name) });
    try {
      const again = await other.connect(embedUri(root));
      const seen = await again.lookupNetworkByName('keep');
      expect(await seen.isActive()).to.equal(true);
      expect(await seen.getBridgeName()).to.equal(bridge);
      await seen.destroy();
      expect(await links()).not.to.include(bridge);
      expect(await nftTables()).not.to.include('virtkit_');
    } finally {
      await other.dispose();
    }
  });

  it('a destination host attaches a migrated guest to its own network of the same name; the same address answers', async () => {
    const guest = await ensureNetworkGuest();
    const net = await conn.defineNetwork(natNetwork('lan', 11));
    await net.start();
    const bridge = await net.getBridgeName();
    const rootB = await makeRoot('netb');
    const b = await virt.connect(embedUri(rootB));
    try {
      // The destination's 'lan' puts its guests on the same L2 segment: the source network's bridge.
      const netB = await b.createNetwork(`<network><name>lan</name><forward mode='bridge'/><bridge name='${bridge}'/></network>`);
      const dom = await conn.createDomain(await netGuestXml(guest, path.join(root, 'serial.log')));
      const tapA = /<target dev='(vnet\d+)'\/>/.exec(await dom.getXmlDesc())![1];
      const lease = await waitFor('a DHCP lease', async () => (await net.getDhcpLeases()).find((l) => l.mac === '52:54:00:aa:bb:07'), 180_000);
      await httpFrom(lease.ipaddr);

      const { domain } = await dom.migrate(b, { flags: MigrateFlags.LIVE });
      const liveB = await domain.getXmlDesc();
      const tapB = /<target dev='(vnet\d+)'\/>/.exec(liveB)![1];
      expect(tapB).not.to.equal(tapA);
      expect(await ns.exec('ip', ['link', 'show', 'dev', tapB])).to.include(`master ${bridge}`);
      await waitFor('the source tap to go', async () => ((await links()).includes(tapA) ? undefined : true), 30_000);
      expect(await httpFrom(lease.ipaddr)).to.include('virtkit-guest');

      await domain.destroy();
      await netB.destroy();
      // A network on an existing bridge never removes that bridge.
      expect(await links()).to.include(bridge);
      await net.destroy();
    } finally {
      await b.close();
      await fs.rm(rootB, { recursive: true, force: true });
    }
  });

  /** A Virt whose commands run in the namespace, except those `refuse` fails as if the tool were missing. */
  async function virtRefusing(refuse: (file: string) => boolean): Promise<Virt> {
    const base = netnsRunner(ns.name);
    const v = await makeVirt();
    const runner: ProcessRunner = { ...base, run: (file, args, o) => (refuse(file) ? Promise.resolve({ exitCode: 127, stdout: '', stderr: `${file}: not found` }) : base.run(file, args, o)) };
    v.container.register(ProcessRunner, { useValue: runner });
    return v;
  }

  it('a start that fails at dnsmasq removes the bridge and the rules it made', async () => {
    await conn.close();
    const v = await virtRefusing((f) => f === 'dnsmasq');
    try {
      const c = await v.connect(embedUri(root));
      const net = await c.defineNetwork(natNetwork('half', 13, "<bridge name='vkhalf0'/>"));
      await expectError(net.start(), /dnsmasq .*not found/);
      expect(await links()).not.to.include('vkhalf0');
      expect(await nftTables()).not.to.include('virtkit_');
      expect(await net.isActive()).to.equal(false);
    } finally {
      await v.dispose();
    }
  });

  it('falls back to iptables without nft: masquerade for the subnet, every rule gone on stop', async () => {
    await conn.close();
    const v = await virtRefusing((f) => f === 'nft');
    try {
      const c = await v.connect(embedUri(root));
      const net = await c.defineNetwork(natNetwork('legacy', 14, "<bridge name='vkipt0'/>"));
      await net.start();
      const nat = await ns.exec('iptables', ['-w', '-t', 'nat', '-S', 'POSTROUTING']);
      expect(nat).to.match(/-A POSTROUTING -s 10\.213\.14\.0\/24 ! -d 10\.213\.14\.0\/24 .*-j MASQUERADE/);
      expect(await ns.exec('iptables', ['-w', '-S', 'FORWARD'])).to.include('-i vkipt0');
      await net.destroy();
      expect(await ns.exec('iptables', ['-w', '-t', 'nat', '-S'])).not.to.include('virtkit');
      expect(await ns.exec('iptables', ['-w', '-S'])).not.to.include('virtkit');
      expect(await ns.exec('ip6tables', ['-w', '-S'])).not.to.include('virtkit');
    } finally {
      await v.dispose();
    }
  });
});
