import {
  ErrorCode, InterfaceAddressesSource, IpAddrType, ListNetworksFlags, NetworkUpdateCommand, NetworkUpdateFlags, NetworkUpdateSection, NetworkXmlFlags, isVirtError, type Network,
} from '@virtkit/core';
import { failedBeforeTheCall, refusedByCli } from '../failure.js';
import { formatFields, formatTable } from '../output.js';
import type { CliSession } from '../session.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

const networkArg = (c: import('commander').Command) => c.argument('<network>', 'network name or uuid');

/** A network by UUID or name (virsh's virshCommandOptNetwork); a miss reads "failed to get network 'X'" before libvirt's message. */
async function network(s: CliSession, text: string): Promise<Network> {
  const conn = await s.connection();
  try {
    return await conn.lookupNetwork(text);
  } catch (e) {
    throw failedBeforeTheCall(e, isVirtError(e, ErrorCode.NO_NETWORK) ? `failed to get network '${text}'` : '');
  }
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export const netList: CliCommand = {
  name: 'net-list',
  summary: 'list networks',
  configure: (c) => c.option('--all', 'list inactive & active networks').option('--inactive', 'list inactive networks').option('--name', 'list network names only')
    .option('--persistent', 'list persistent networks').option('--transient', 'list transient networks').option('--autostart', 'list networks with autostart enabled').option('--no-autostart', 'list networks with autostart disabled'),
  async run(s, _args, o) {
    const F = ListNetworksFlags;
    let flags = o.all ? 0 : o.inactive ? F.INACTIVE : F.ACTIVE;
    if (o.persistent) flags |= F.PERSISTENT;
    if (o.transient) flags |= F.TRANSIENT;
    if (o.autostart === true) flags |= F.AUTOSTART;
    if (o.autostart === false) flags |= F.NO_AUTOSTART;
    const nets = await (await s.connection()).listAllNetworks(flags);
    const rows = await Promise.all(nets.map(async (n) => ({ name: n.name, uuid: n.uuid, active: await n.isActive(), autostart: await n.getAutostart(), persistent: await n.isPersistent() })));
    const text = o.name
      ? rows.map((r) => r.name).join('\n') + '\n\n'
      : formatTable(['Name', 'State', 'Autostart', 'Persistent'], rows.map((r) => [r.name, r.active ? 'active' : 'inactive', yesNo(r.autostart), yesNo(r.persistent)]));
    return { text, json: rows };
  },
};

export const netDefine: CliCommand = {
  name: 'net-define',
  summary: 'define an inactive persistent virtual network from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML network description'),
  async run(s, [file]) {
    const n = await (await s.connection()).defineNetwork(await readXml(file));
    return said(`Network ${n.name} defined from ${file}`, { name: n.name, uuid: n.uuid });
  },
};

export const netCreate: CliCommand = {
  name: 'net-create',
  summary: 'create a network from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML network description'),
  async run(s, [file]) {
    const n = await (await s.connection()).createNetwork(await readXml(file));
    return said(`Network ${n.name} created from ${file}`, { name: n.name, uuid: n.uuid });
  },
};

/** A command that takes one network, acts on it and confirms in virsh's words: "Network NAME <done>". */
function networkAction(name: string, summary: string, done: string, act: (n: Network) => Promise<void>): CliCommand {
  return {
    name,
    summary,
    configure: networkArg,
    async run(s, [text]) {
      const n = await network(s, text);
      await act(n);
      return said(`Network ${n.name} ${done}`, { name: n.name });
    },
  };
}

export const netStart = networkAction('net-start', 'start a (previously defined) inactive network', 'started', (n) => n.start());
export const netDestroy = networkAction('net-destroy', 'destroy (stop) a network', 'destroyed', (n) => n.destroy());
export const netUndefine = networkAction('net-undefine', 'undefine a persistent network', 'has been undefined', (n) => n.undefine());

export const netDumpxml: CliCommand = {
  name: 'net-dumpxml',
  summary: 'network information in XML',
  configure: (c) => networkArg(c).option('--inactive', 'show inactive defined XML'),
  async run(s, [text], o) {
    const xml = await (await network(s, text)).getXmlDesc(o.inactive ? NetworkXmlFlags.INACTIVE : 0);
    // virsh prints the document and a newline of its own.
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const netAutostart: CliCommand = {
  name: 'net-autostart',
  summary: 'autostart a network',
  configure: (c) => networkArg(c).option('--disable', 'disable autostarting'),
  async run(s, [text], o) {
    const n = await network(s, text);
    await n.setAutostart(!o.disable);
    return said(`Network ${n.name} ${o.disable ? 'unmarked' : 'marked'} as autostarted`, { name: n.name, autostart: !o.disable });
  },
};

export const netInfo: CliCommand = {
  name: 'net-info',
  summary: 'network information',
  configure: networkArg,
  async run(s, [text]) {
    const n = await network(s, text);
    const [active, persistent, autostart, bridge] = await Promise.all([n.isActive(), n.isPersistent(), n.getAutostart(), n.getBridgeName().catch(() => undefined)]);
    const fields: Array<[string, string]> = [['Name', n.name], ['UUID', n.uuid], ['Active', yesNo(active)], ['Persistent', yesNo(persistent)], ['Autostart', yesNo(autostart)]];
    if (bridge !== undefined) fields.push(['Bridge', bridge]);
    return { text: formatFields(fields), json: { name: n.name, uuid: n.uuid, active, persistent, autostart, bridge } };
  },
};

/** "2026-12-01 23:58:07" in local time, as virsh prints a lease's expiry. */
function expiry(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const family = (t: number) => (t === IpAddrType.IPV6 ? 'ipv6' : 'ipv4');

export const netDhcpLeases: CliCommand = {
  name: 'net-dhcp-leases',
  summary: 'print lease info for a given network',
  configure: (c) => networkArg(c).option('--mac <mac>', 'MAC address'),
  async run(s, [text], o) {
    const n = await network(s, text);
    const leases = await n.getDhcpLeases(o.mac as string | undefined);
    const rows = leases.map((l) => [expiry(l.expiryTime), l.mac ?? '-', family(l.type), `${l.ipaddr}/${l.prefix}`, l.hostname ?? '-', l.clientid ?? '-']);
    return { text: formatTable(['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname', 'Client ID or DUID'], rows), json: leases };
  },
};

const UPDATE_COMMANDS: Record<string, number> = { add: NetworkUpdateCommand.ADD_LAST, 'add-last': NetworkUpdateCommand.ADD_LAST, 'add-first': NetworkUpdateCommand.ADD_FIRST, delete: NetworkUpdateCommand.DELETE, modify: NetworkUpdateCommand.MODIFY };
const UPDATE_SECTIONS: Record<string, number> = {
  bridge: NetworkUpdateSection.BRIDGE, domain: NetworkUpdateSection.DOMAIN, ip: NetworkUpdateSection.IP, 'ip-dhcp-host': NetworkUpdateSection.IP_DHCP_HOST,
  'ip-dhcp-range': NetworkUpdateSection.IP_DHCP_RANGE, forward: NetworkUpdateSection.FORWARD, 'forward-interface': NetworkUpdateSection.FORWARD_INTERFACE,
  'forward-pf': NetworkUpdateSection.FORWARD_PF, portgroup: NetworkUpdateSection.PORTGROUP, 'dns-host': NetworkUpdateSection.DNS_HOST,
  'dns-txt': NetworkUpdateSection.DNS_TXT, 'dns-srv': NetworkUpdateSection.DNS_SRV,
};

export const netUpdate: CliCommand = {
  name: 'net-update',
  summary: 'update parts of an existing network\'s configuration',
  configure: (c) => networkArg(c).argument('<command>', 'type of update (add-first, add-last (add), delete, or modify)').argument('<section>', 'which section of network configuration to update')
    .argument('<xml>', 'name of file containing xml (or, if it starts with \'<\', the complete text of the xml element to add/modify')
    .option('--parent-index <n>', 'which parent object to search through').option('--config', 'affect next network startup').option('--live', 'affect running network').option('--current', 'affect current state of network'),
  async run(s, [text, command, section, xmlArg], o) {
    const cmd = UPDATE_COMMANDS[command];
    if (cmd === undefined) throw refusedByCli(`unrecognized command name '${command}'`);
    const sec = UPDATE_SECTIONS[section];
    if (sec === undefined) throw refusedByCli(`unrecognized section name '${section}'`);
    const n = await network(s, text);
    const xml = xmlArg.trimStart().startsWith('<') ? xmlArg : await readXml(xmlArg);
    const flags = (o.live ? NetworkUpdateFlags.AFFECT_LIVE : 0) | (o.config ? NetworkUpdateFlags.AFFECT_CONFIG : 0);
    await n.update(cmd, sec, o.parentIndex === undefined ? -1 : Number(o.parentIndex), xml, flags);
    const what = o.config && o.live ? 'persistent config and live state' : o.config ? 'persistent config' : o.live ? 'live state' : 'state';
    return said(`Updated network ${n.name} ${what}`, { name: n.name });
  },
};

export const domifaddr: CliCommand = {
  name: 'domifaddr',
  summary: 'Get network interfaces\' addresses for a running domain',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').argument('[interface]', 'network interface name').option('--source <source>', 'address source: \'lease\', \'agent\', or \'arp\'', 'lease'),
  async run(s, [name, iface], o) {
    const sources: Record<string, number> = { lease: InterfaceAddressesSource.LEASE, agent: InterfaceAddressesSource.AGENT, arp: InterfaceAddressesSource.ARP };
    const source = sources[o.source as string];
    if (source === undefined) throw refusedByCli(`Unknown data source '${o.source}'`);
    const ifaces = (await (await s.domain(name)).interfaceAddresses(source)).filter((i) => iface === undefined || i.name === iface || i.hwaddr === iface);
    // virsh's own printf layout (cmdDomIfAddr), not its table.
    let text = ` ${'Name'.padEnd(10)} ${'MAC address'.padEnd(20)} ${'Protocol'.padEnd(8)}     Address\n${'-'.repeat(79)}\n`;
    for (const i of ifaces) {
      i.addrs.forEach((a, k) => {
        text += k === 0 ? ` ${i.name.padEnd(10)} ${(i.hwaddr ?? '').padEnd(17)}    ${family(a.type).padEnd(12)} ${a.addr}/${a.prefix}\n` : ` ${'-'.padEnd(10)} ${'-'.padEnd(17)}    ${family(a.type).padEnd(12)} ${a.addr}/${a.prefix}\n`;
      });
    }
    return { text: `${text}\n`, json: ifaces };
  },
};
