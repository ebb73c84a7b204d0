import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import {
  ErrorCode, NetworkUpdateCommand as Cmd, NetworkUpdateFlags, NetworkUpdateSection as Sec, NetworkXmlFlags, isVirtError,
  type Connection, type Network, type Virt,
} from '@virtkit/core';
import { ProcessRunner, systemProcessRunner } from '@virtkit/driver-kvm';
import { embedUri, makeRoot, makeVirt } from './support/hosts.js';
import { createNetns, netnsRunner, type Netns } from './support/netns.js';

// net-update on a running network, inside a network namespace the test makes: what dnsmasq serves changes as libvirt's bridge driver changes it.

const run = promisify(execFile);
const LIVE_AND_CONFIG = NetworkUpdateFlags.AFFECT_LIVE | NetworkUpdateFlags.AFFECT_CONFIG;
const GATEWAY = '10.213.61.1';

/** A DNS question to the network's dnsmasq, asked from inside the namespace with node's resolver: the answer, or the error code. */
async function ask(ns: Netns, kind: 'resolve4' | 'resolveTxt' | 'resolveSrv', name: string): Promise<unknown> {
  const script = `const { Resolver } = require('node:dns').promises; const r = new Resolver({ timeout: 2000, tries: 2 }); r.setServers(['${GATEWAY}']);
    r.${kind}(${JSON.stringify(name)}).then((a) => console.log(JSON.stringify({ a })), (e) => console.log(JSON.stringify({ e: e.code })));`;
  const out = JSON.parse(await ns.exec(process.execPath, ['-e', script])) as { a?: unknown; e?: string };
  return out.a ?? out.e;
}

describe('driver-kvm net-update on a running network (in a network namespace)', function () {
  this.timeout(120_000);
  let ns: Netns;
  let root: string;
  let virt: Virt;
  let conn: Connection;
  let net: Network;

  before(async () => {
    ns = await createNetns('vkns');
    root = await makeRoot('vkns-upd');
    virt = await makeVirt();
    virt.container.register(ProcessRunner, { useValue: netnsRunner(ns.name) });
    conn = await virt.connect(embedUri(root));
    net = await conn.defineNetwork(`<network><name>vkns-upd</name><forward mode='nat'/>
      <ip address='${GATEWAY}' netmask='255.255.255.0'><dhcp><range start='10.213.61.100' end='10.213.61.200'/></dhcp></ip></network>`);
    await net.start();
  });

  after(async () => {
    await conn?.close();
    await virt?.dispose();
    await ns?.remove();
    await fs.rm(root, { recursive: true, force: true });
  });

  const runFile = (ext: string) => path.join(root, 'run', 'qemu', 'network', `vkns-upd.${ext}`);
  const dnsmasqPid = async () => Number((await fs.readFile(runFile('pid'), 'utf8')).trim());

  it('dns-host: dnsmasq re-reads its hosts file (same process); a live-only delete leaves the definition alone', async () => {
    const pid = await dnsmasqPid();
    expect(await ask(ns, 'resolve4', 'db.vkns')).to.not.deep.equal(['10.213.61.5']);
    await net.update(Cmd.ADD_LAST, Sec.DNS_HOST, -1, "<host ip='10.213.61.5'><hostname>db.vkns</hostname></host>", LIVE_AND_CONFIG);
    expect(await ask(ns, 'resolve4', 'db.vkns')).to.deep.equal(['10.213.61.5']);
    expect(await dnsmasqPid()).to.equal(pid);

    await net.update(Cmd.DELETE, Sec.DNS_HOST, -1, "<host ip='10.213.61.5'/>", NetworkUpdateFlags.AFFECT_LIVE);
    expect(await ask(ns, 'resolve4', 'db.vkns')).to.not.deep.equal(['10.213.61.5']);
    expect(await net.getXmlDesc()).not.to.include('db.vkns');
    expect(await net.getXmlDesc(NetworkXmlFlags.INACTIVE)).to.include('<hostname>db.vkns</hostname>');
    expect(systemProcessRunner.state(pid)).to.equal('running');
  });

  it('dns-txt, dns-srv and ip-dhcp-range: dnsmasq restarted on its new configuration, its leases kept', async () => {
    // A lease dnsmasq handed out earlier (as its lease file records it): a restart must not lose it.
    const expiry = Math.floor(Date.now() / 1000) + 3600;
    await fs.writeFile(runFile('leases'), `${expiry} 52:54:00:61:00:01 10.213.61.150 vkold *\n`);
    const before = await dnsmasqPid();
    await net.update(Cmd.ADD_LAST, Sec.DNS_TXT, -1, "<txt name='info.vkns' value='hello from vkns'/>", LIVE_AND_CONFIG);
    const afterTxt = await dnsmasqPid();
    expect(afterTxt).to.not.equal(before);
    expect(systemProcessRunner.state(before)).to.not.equal('running');
    expect(await ask(ns, 'resolveTxt', 'info.vkns')).to.deep.equal([['hello from vkns']]);

    await net.update(Cmd.ADD_FIRST, Sec.DNS_SRV, -1, "<srv service='http' protocol='tcp' domain='vkns' target='web.vkns' port='8080' priority='1' weight='5'/>", LIVE_AND_CONFIG);
    expect(await ask(ns, 'resolveSrv', '_http._tcp.vkns')).to.deep.equal([{ name: 'web.vkns', port: 8080, priority: 1, weight: 5 }]);

    await net.update(Cmd.ADD_LAST, Sec.IP_DHCP_RANGE, -1, "<range start='10.213.61.20' end='10.213.61.30'/>", LIVE_AND_CONFIG);
    expect(await fs.readFile(runFile('conf'), 'utf8')).to.include('dhcp-range=10.213.61.20,10.213.61.30,255.255.255.0');
    expect(await dnsmasqPid()).to.not.equal(afterTxt);
    expect((await net.getDhcpLeases()).map((l) => [l.mac, l.ipaddr, l.hostname])).to.deep.equal([['52:54:00:61:00:01', '10.213.61.150', 'vkold']]);

    await net.update(Cmd.DELETE, Sec.DNS_TXT, -1, "<txt name='info.vkns'/>", LIVE_AND_CONFIG);
    expect(await ask(ns, 'resolveTxt', 'info.vkns')).to.be.a('string');
    const xml = await net.getXmlDesc(NetworkXmlFlags.INACTIVE);
    expect(xml).to.include("<range start='10.213.61.20' end='10.213.61.30'/>");
    expect(xml).to.include("<srv service='http' protocol='tcp' domain='vkns' target='web.vkns' port='8080' priority='1' weight='5'/>");
    expect(xml).not.to.include('info.vkns');
  });

  it('a configuration dnsmasq refuses: the old dnsmasq serves again with its leases, and the update changes nothing', async () => {
    const before = await dnsmasqPid();
    const conf = await fs.readFile(runFile('conf'), 'utf8');
    const [xml, inactive] = [await net.getXmlDesc(), await net.getXmlDesc(NetworkXmlFlags.INACTIVE)];
    // Valid network XML, written into dnsmasq's configuration as libvirt writes it: dnsmasq stops at the unbalanced quote.
    try {
      await net.update(Cmd.ADD_LAST, Sec.DNS_TXT, -1, "<txt name='bad.vkns' value='say &quot;hi'/>", LIVE_AND_CONFIG);
      expect.fail('dnsmasq accepted the record');
    } catch (e) {
      expect(isVirtError(e, ErrorCode.OPERATION_FAILED), String(e)).to.equal(true);
      expect((e as Error).message).to.match(/dnsmasq .*missing "/);
    }
    const after = await dnsmasqPid();
    expect(after, 'a dnsmasq of the old configuration').to.not.equal(before);
    expect(systemProcessRunner.state(after)).to.equal('running');
    expect(systemProcessRunner.commandLine(after)).to.include(`--conf-file=${runFile('conf')}`);
    expect(await fs.readFile(runFile('conf'), 'utf8')).to.equal(conf);
    expect(await net.getXmlDesc()).to.equal(xml);
    expect(await net.getXmlDesc(NetworkXmlFlags.INACTIVE)).to.equal(inactive);
    expect((await net.getDhcpLeases()).map((l) => [l.mac, l.ipaddr, l.hostname])).to.deep.equal([['52:54:00:61:00:01', '10.213.61.150', 'vkold']]);
    // And it answers: the SRV record of the old configuration.
    expect(await ask(ns, 'resolveSrv', '_http._tcp.vkns')).to.deep.equal([{ name: 'web.vkns', port: 8080, priority: 1, weight: 5 }]);
  });

  it('portgroup and forward-interface change the definitions only; refused updates change nothing', async () => {
    const pid = await dnsmasqPid();
    const conf = await fs.readFile(runFile('conf'), 'utf8');
    await net.update(Cmd.ADD_LAST, Sec.PORTGROUP, -1, "<portgroup name='vkns-pg' default='yes'/>", LIVE_AND_CONFIG);
    await net.update(Cmd.ADD_LAST, Sec.FORWARD_INTERFACE, -1, "<interface dev='vkns-up0'/>", NetworkUpdateFlags.AFFECT_CONFIG);
    expect(await net.getXmlDesc()).to.include("<portgroup name='vkns-pg' default='yes'/>");
    expect(await net.getXmlDesc()).not.to.include('vkns-up0');
    expect(await net.getXmlDesc(NetworkXmlFlags.INACTIVE)).to.include("<interface dev='vkns-up0'/>");
    expect(await dnsmasqPid()).to.equal(pid);

    const xml = await net.getXmlDesc();
    const inactive = await net.getXmlDesc(NetworkXmlFlags.INACTIVE);
    for (const [section, fragment, code] of [
      [Sec.BRIDGE, "<bridge name='vkns9'/>", ErrorCode.NO_SUPPORT],
      [Sec.PORTGROUP, "<portgroup name='other' default='yes'/>", ErrorCode.OPERATION_INVALID],
      [Sec.IP_DHCP_RANGE, "<range start='10.213.99.1' end='10.213.99.9'/>", ErrorCode.XML_ERROR],
      [Sec.DNS_TXT, "<txt name='x' value='y'", ErrorCode.XML_ERROR],
    ] as const) {
      try {
        await net.update(Cmd.ADD_LAST, section, -1, fragment, LIVE_AND_CONFIG);
        expect.fail(`section ${section} accepted ${fragment}`);
      } catch (e) {
        expect(isVirtError(e, code), String(e)).to.equal(true);
      }
    }
    expect(await net.getXmlDesc()).to.equal(xml);
    expect(await net.getXmlDesc(NetworkXmlFlags.INACTIVE)).to.equal(inactive);
    expect(await fs.readFile(runFile('conf'), 'utf8')).to.equal(conf);
    expect(await dnsmasqPid()).to.equal(pid);
  });

  it('ip-dhcp-host on an <ip> without DHCP: dnsmasq restarted to serve the static host (a DHCP client gets its address), reloaded for the next', async () => {
    const client = await createNetns('vknsc');
    try {
      const st = await conn.createNetwork(`<network><name>vkns-st</name><bridge name='vknsst0'/><ip address='10.213.65.1' prefix='24'/></network>`);
      const stFile = (ext: string) => path.join(root, 'run', 'qemu', 'network', `vkns-st.${ext}`);
      const stPid = async () => Number((await fs.readFile(stFile('pid'), 'utf8')).trim());
      expect(await fs.readFile(stFile('conf'), 'utf8')).not.to.include('dhcp-range');
      const before = await stPid();
      await st.update(Cmd.ADD_LAST, Sec.IP_DHCP_HOST, -1, "<host mac='52:54:00:65:00:01' name='vkst' ip='10.213.65.9'/>", NetworkUpdateFlags.AFFECT_LIVE);
      expect(await fs.readFile(stFile('conf'), 'utf8')).to.include('dhcp-range=10.213.65.0,static,255.255.255.0');
      const serving = await stPid();
      expect(serving, 'DHCP turned on: a new dnsmasq').to.not.equal(before);

      await ns.exec('ip', ['link', 'add', 'vknsst0h', 'type', 'veth', 'peer', 'name', 'vknsst0c']);
      await ns.exec('ip', ['link', 'set', 'vknsst0c', 'netns', client.name]);
      await ns.exec('ip', ['link', 'set', 'vknsst0h', 'master', 'vknsst0', 'up']);
      await client.exec('ip', ['link', 'set', 'vknsst0c', 'address', '52:54:00:65:00:01', 'up']);
      const leaseFile = path.join(root, 'dhclient4.leases');
      // -sf /bin/true: the lease is taken, nothing of the client namespace (or the machine's resolv.conf) is configured.
      await client.exec('dhclient', ['-4', '-1', '-sf', '/bin/true', '-lf', leaseFile, '-pf', path.join(root, 'dhclient4.pid'), 'vknsst0c'], { timeoutMs: 60_000 });
      expect(await fs.readFile(leaseFile, 'utf8')).to.include('fixed-address 10.213.65.9;');
      expect((await st.getDhcpLeases()).map((l) => [l.mac, l.ipaddr])).to.deep.equal([['52:54:00:65:00:01', '10.213.65.9']]);

      await st.update(Cmd.ADD_LAST, Sec.IP_DHCP_HOST, -1, "<host mac='52:54:00:65:00:02' ip='10.213.65.10'/>", NetworkUpdateFlags.AFFECT_LIVE);
      expect(await stPid(), 'a second host is a reload').to.equal(serving);
      await st.destroy();
    } finally {
      await client.remove();
    }
  });

  it('stopping after the restarts leaves no dnsmasq behind', async () => {
    const pid = await dnsmasqPid();
    await net.destroy();
    expect(systemProcessRunner.state(pid)).to.not.equal('running');
    expect((await run('ip', ['netns', 'pids', ns.name])).stdout.trim(), 'no process is left in the namespace').to.equal('');
  });
});
