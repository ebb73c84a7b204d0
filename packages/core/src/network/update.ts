import { ErrorCode, ErrorDomain, errorReporter } from '../errors.js';
import { NetworkUpdateCommand, NetworkUpdateFlags, NetworkUpdateSection, allFlags, checkFlags } from '../flags.js';
import { ElementReader } from '../xml/reader.js';
import { type XmlElement, formatXmlElement } from '../xml/tree.js';
import { parseXmlDocument } from '../xml/parse-document.js';
import { addressFamily, addressToBigInt, subnetContains, subnetOf } from './address.js';
import { cloneNetworkDef, dhcpHostElement } from './format.js';
import type { DnsDef, IpDef, NetworkDef } from './model.js';
import { parseDhcpHost, parseDhcpRange, parseDnsHost, parseDnsSrv, parseDnsTxt, parseForwardInterface, parsePortgroup } from './parse.js';
import { modificationImpact } from '../hypervisor/modification-impact.js';

const netFail = errorReporter(ErrorDomain.NETWORK);

// virNetworkUpdate on a definition (pure), section by section as libvirt's
// virNetworkDefUpdateSection, with its messages. Every function changes the
// copy it is given; applyNetworkUpdate makes that copy.

const isAdd = (command: number) => command === NetworkUpdateCommand.ADD_FIRST || command === NetworkUpdateCommand.ADD_LAST;

function unknownCommand(command: number): Error {
  return netFail(ErrorCode.NO_SUPPORT, `unrecognized network update command code ${command}`);
}

function expectElement(def: NetworkDef, el: XmlElement, name: string): void {
  if (el.name !== name) throw netFail(ErrorCode.XML_ERROR, `unexpected element <${el.name}>, expecting <${name}>, while updating network '${def.name}'`);
}

/** Adds at the front (ADD_FIRST) or the back (ADD_LAST). */
function insert<T>(list: T[], item: T, command: number): void {
  if (command === NetworkUpdateCommand.ADD_FIRST) list.unshift(item);
  else list.push(item);
}

/** Additions and deletions only: MODIFY is OPERATION_UNSUPPORTED with `what`'s words. */
function refuseModify(command: number, what: string): void {
  if (command === NetworkUpdateCommand.MODIFY) throw netFail(ErrorCode.OPERATION_UNSUPPORTED, `${what} cannot be modified, only added or deleted`);
}

function sameAddress(a: string, b: string): boolean {
  return addressFamily(a) === addressFamily(b) && addressToBigInt(a) === addressToBigInt(b);
}

/**
 * libvirt's virNetworkIPDefByIndex: the `parentIndex`th <ip>, or with -1
 * the first <ip> that has DHCP ranges or hosts, else the first IPv4 one,
 * else the first IPv6 one.
 */
function ipByIndex(def: NetworkDef, parentIndex: number): IpDef {
  if (parentIndex >= 0) {
    const ip = def.ips[parentIndex];
    if (!ip) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't update dhcp host entry - no <ip> element found at index ${parentIndex} in network '${def.name}'`);
    return ip;
  }
  const ip = def.ips.find((i) => (i.dhcp?.ranges.length ?? 0) + (i.dhcp?.hosts.length ?? 0) > 0)
    ?? def.ips.find((i) => addressFamily(i.address) === 4) ?? def.ips.find((i) => addressFamily(i.address) === 6);
  if (!ip) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't update dhcp host entry - no <ip> element found in network '${def.name}'`);
  return ip;
}

/**
 * IP_DHCP_HOST: add first or last, modify (by MAC, id or name) or delete a
 * <host>. `parentIndex` -1 picks the <ip> whose subnet holds the host's address.
 */
function dhcpHostUpdate(def: NetworkDef, command: number, parentIndex: number, el: XmlElement): void {
  expectElement(def, el, 'host');
  const candidates = parentIndex >= 0 ? [def.ips[parentIndex]].filter(Boolean) : def.ips;
  const probe = new ElementReader(el, 'host').attr('ip');
  const ip = candidates.find((c) => probe !== undefined && subnetContains(subnetOf(c), probe));
  if (!ip) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching <ip> element for the host in network '${def.name}'`);
  const host = parseDhcpHost(new ElementReader(el, 'host'), ip);
  ip.dhcp ??= { ranges: [], hosts: [] };
  const hosts = ip.dhcp.hosts;
  const same = (h: typeof host) => (host.mac !== undefined && h.mac === host.mac) || (host.id !== undefined && h.id === host.id) || (host.mac === undefined && host.id === undefined && host.name !== undefined && h.name === host.name);
  const at = hosts.findIndex(same);
  const shown = formatXmlElement(dhcpHostElement(host)).trim();
  switch (command) {
    case NetworkUpdateCommand.ADD_FIRST:
    case NetworkUpdateCommand.ADD_LAST:
      if (at >= 0 || hosts.some((h) => h.ip === host.ip)) throw netFail(ErrorCode.OPERATION_INVALID, `there is an existing dhcp host entry in network '${def.name}' that matches "${shown}"`);
      insert(hosts, host, command);
      break;
    case NetworkUpdateCommand.MODIFY:
      if (at < 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate an existing dhcp host entry with "${shown}" in network '${def.name}'`);
      hosts[at] = host;
      break;
    case NetworkUpdateCommand.DELETE:
      if (at < 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching dhcp host entry in network '${def.name}'`);
      hosts.splice(at, 1);
      break;
    default:
      throw unknownCommand(command);
  }
}

/** IP_DHCP_RANGE: add or delete a <range start end/> of the <ip> ipByIndex picks (of its family, in its subnet). */
function dhcpRangeUpdate(def: NetworkDef, command: number, parentIndex: number, el: XmlElement): void {
  expectElement(def, el, 'range');
  const ip = ipByIndex(def, parentIndex);
  refuseModify(command, 'dhcp ranges');
  const r = new ElementReader(el, 'range');
  const start = r.requireAttr('start');
  if (addressFamily(start) !== addressFamily(ip.address)) {
    throw netFail(ErrorCode.OPERATION_INVALID, "the address family of a dhcp range must match the address family of the dhcp element's parent");
  }
  const range = parseDhcpRange(r, ip);
  ip.dhcp ??= { ranges: [], hosts: [] };
  const ranges = ip.dhcp.ranges;
  const at = ranges.findIndex((g) => sameAddress(g.start, range.start) && sameAddress(g.end, range.end));
  if (isAdd(command)) {
    if (at >= 0) throw netFail(ErrorCode.OPERATION_INVALID, `there is an existing dhcp range entry in network '${def.name}' that matches "<range start='${range.start}' end='${range.end}'/>"`);
    insert(ranges, range, command);
  } else if (command === NetworkUpdateCommand.DELETE) {
    if (at < 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching dhcp range entry in network '${def.name}'`);
    ranges.splice(at, 1);
  } else throw unknownCommand(command);
}

function dnsOf(def: NetworkDef): DnsDef {
  def.dns ??= { hosts: [], txts: [], srvs: [] };
  return def.dns;
}

/** DNS_HOST: add, or delete the one record whose address or any hostname matches (a delete needs no hostname). */
function dnsHostUpdate(def: NetworkDef, command: number, el: XmlElement): void {
  refuseModify(command, 'DNS HOST records');
  expectElement(def, el, 'host');
  const host = parseDnsHost(new ElementReader(el, 'host'), !isAdd(command));
  const hosts = dnsOf(def).hosts;
  const found = hosts.flatMap((h, i) => (sameAddress(h.ip, host.ip) || h.hostnames.some((n) => host.hostnames.includes(n)) ? [i] : []));
  if (isAdd(command)) {
    if (found.length > 0) throw netFail(ErrorCode.OPERATION_INVALID, `there is already at least one DNS HOST record with a matching field in network ${def.name}`);
    insert(hosts, host, command);
  } else if (command === NetworkUpdateCommand.DELETE) {
    if (found.length === 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching DNS HOST record in network ${def.name}`);
    if (found.length > 1) throw netFail(ErrorCode.OPERATION_INVALID, `multiple matching DNS HOST records were found in network ${def.name}`);
    hosts.splice(found[0], 1);
  } else throw unknownCommand(command);
}

/** DNS_TXT: add (name and value), or delete by name. */
function dnsTxtUpdate(def: NetworkDef, command: number, el: XmlElement): void {
  refuseModify(command, 'DNS TXT records');
  expectElement(def, el, 'txt');
  const txt = parseDnsTxt(new ElementReader(el, 'txt'));
  const txts = dnsOf(def).txts;
  const at = txts.findIndex((t) => t.name === txt.name);
  if (isAdd(command)) {
    if (txt.value === undefined) throw netFail(ErrorCode.XML_ERROR, `missing required value attribute in DNS TXT record named '${txt.name}' of network ${def.name}`);
    if (at >= 0) throw netFail(ErrorCode.OPERATION_INVALID, `there is already a DNS TXT record with name '${txt.name}' in network ${def.name}`);
    insert(txts, txt, command);
  } else if (command === NetworkUpdateCommand.DELETE) {
    if (at < 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching DNS TXT record in network ${def.name}`);
    txts.splice(at, 1);
  } else throw unknownCommand(command);
}

/** DNS_SRV: add, or delete the one record that matches every field given (domain, service, protocol, target). */
function dnsSrvUpdate(def: NetworkDef, command: number, el: XmlElement): void {
  refuseModify(command, 'DNS SRV records');
  expectElement(def, el, 'srv');
  const srv = parseDnsSrv(new ElementReader(el, 'srv'), !isAdd(command));
  const srvs = dnsOf(def).srvs;
  const found = srvs.flatMap((s, i) => ((!srv.domain || s.domain === srv.domain) && (!srv.service || s.service === srv.service)
    && (!srv.protocol || s.protocol === srv.protocol) && (!srv.target || s.target === srv.target) ? [i] : []));
  if (isAdd(command)) {
    if (found.length > 0) throw netFail(ErrorCode.OPERATION_INVALID, `there is already at least one DNS SRV record matching all specified fields in network ${def.name}`);
    insert(srvs, srv, command);
  } else if (command === NetworkUpdateCommand.DELETE) {
    if (found.length === 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't locate a matching DNS SRV record in network ${def.name}`);
    if (found.length > 1) throw netFail(ErrorCode.OPERATION_INVALID, `multiple DNS SRV records matching all specified fields were found in network ${def.name}`);
    srvs.splice(found[0], 1);
  } else throw unknownCommand(command);
}

/**
 * FORWARD_INTERFACE: add or delete an <interface dev=…/> of <forward> (a
 * network without <forward> has none to change). libvirt refuses to delete
 * an interface guests are connected through; only the macvtap and hostdev
 * forward modes (private, vepa, passthrough, bridge without a bridge name,
 * hostdev) connect guests through one, and no driver here runs those, so a
 * delete never finds one in use.
 */
function forwardInterfaceUpdate(def: NetworkDef, command: number, el: XmlElement): void {
  expectElement(def, el, 'interface');
  refuseModify(command, 'forward interface entries');
  const iface = parseForwardInterface(new ElementReader(el, 'interface'));
  if (!def.forward) throw netFail(ErrorCode.OPERATION_INVALID, `network '${def.name}' has no <forward> element for interface '${iface.dev}'`);
  const list = def.forward.interfaces ?? [];
  const at = list.findIndex((i) => i.dev === iface.dev);
  if (isAdd(command)) {
    if (at >= 0) throw netFail(ErrorCode.OPERATION_INVALID, `there is an existing interface entry in network '${def.name}' that matches "<interface dev='${iface.dev}'>"`);
    insert(list, iface, command);
  } else if (command === NetworkUpdateCommand.DELETE) {
    if (at < 0) throw netFail(ErrorCode.OPERATION_INVALID, `couldn't find an interface entry in network '${def.name}' matching <interface dev='${iface.dev}'>`);
    list.splice(at, 1);
  } else throw unknownCommand(command);
  def.forward.interfaces = list.length ? list : undefined;
}

/** PORTGROUP: add, modify or delete a <portgroup> by name; at most one is the default. */
function portgroupUpdate(def: NetworkDef, command: number, el: XmlElement): void {
  expectElement(def, el, 'portgroup');
  const pg = parsePortgroup(new ElementReader(el, 'portgroup'));
  const list = def.portgroups ?? [];
  const at = list.findIndex((p) => p.name === pg.name);
  const dflt = list.findIndex((p) => p.isDefault);
  if (at < 0 && (command === NetworkUpdateCommand.MODIFY || command === NetworkUpdateCommand.DELETE)) {
    throw netFail(ErrorCode.OPERATION_INVALID, `couldn't find a portgroup entry in network '${def.name}' matching <portgroup name='${pg.name}'>`);
  }
  if (at >= 0 && isAdd(command)) {
    throw netFail(ErrorCode.OPERATION_INVALID, `there is an existing portgroup entry in network '${def.name}' that matches "<portgroup name='${pg.name}'>"`);
  }
  if (command !== NetworkUpdateCommand.DELETE && pg.isDefault && dflt >= 0 && dflt !== at) {
    throw netFail(ErrorCode.OPERATION_INVALID, `a different portgroup entry in network '${def.name}' is already set as the default. Only one default is allowed.`);
  }
  if (command === NetworkUpdateCommand.MODIFY) list[at] = pg;
  else if (isAdd(command)) insert(list, pg, command);
  else if (command === NetworkUpdateCommand.DELETE) list.splice(at, 1);
  else throw unknownCommand(command);
  def.portgroups = list.length ? list : undefined;
}

/** IP_DHCP_HOST on a definition; returns a changed copy (see applyNetworkUpdate). */
export function updateDhcpHost(input: NetworkDef, command: number, parentIndex: number, xml: string): NetworkDef {
  return applyNetworkUpdate(input, command, NetworkUpdateSection.IP_DHCP_HOST, parentIndex, xml);
}

/**
 * What a virNetworkUpdate changes, from its flags (checked): AFFECT_LIVE,
 * AFFECT_CONFIG, or with neither (AFFECT_CURRENT) the live network when it
 * runs and the definition otherwise. Refuses live changes to a stopped
 * network and config changes to a transient one, as libvirt does.
 */
export function networkUpdateTargets(flags: number, active: boolean, persistent: boolean): { live: boolean; config: boolean } {
  checkFlags(flags, allFlags(NetworkUpdateFlags), 'virNetworkUpdate');
  return modificationImpact(flags, active, persistent, 'network', netFail);
}

/** The sections libvirt does not update, by the name its message uses. */
const NOT_UPDATABLE: Record<number, string> = {
  [NetworkUpdateSection.BRIDGE]: 'bridge',
  [NetworkUpdateSection.DOMAIN]: 'domain',
  [NetworkUpdateSection.IP]: 'ip',
  [NetworkUpdateSection.FORWARD]: 'forward',
  [NetworkUpdateSection.FORWARD_PF]: 'forward pf',
};

/**
 * One virNetworkUpdate change on a definition (pure): `command`
 * (NetworkUpdateCommand) with the fragment `xml` on `section`
 * (NetworkUpdateSection); `parentIndex` names the <ip> of the DHCP
 * sections (-1: the one that fits). Returns a changed copy; `def` is
 * untouched, also when the change is refused. The sections libvirt
 * refuses (bridge, domain, ip, forward, forward pf) are NO_SUPPORT.
 */
export function applyNetworkUpdate(def: NetworkDef, command: number, section: number, parentIndex: number, xml: string): NetworkDef {
  const out = cloneNetworkDef(def);
  if (NOT_UPDATABLE[section]) throw netFail(ErrorCode.NO_SUPPORT, `can't update '${NOT_UPDATABLE[section]}' section of network '${def.name}'`);
  const el = parseXmlDocument(xml);
  switch (section) {
    case NetworkUpdateSection.IP_DHCP_HOST: dhcpHostUpdate(out, command, parentIndex, el); break;
    case NetworkUpdateSection.IP_DHCP_RANGE: dhcpRangeUpdate(out, command, parentIndex, el); break;
    case NetworkUpdateSection.DNS_HOST: dnsHostUpdate(out, command, el); break;
    case NetworkUpdateSection.DNS_TXT: dnsTxtUpdate(out, command, el); break;
    case NetworkUpdateSection.DNS_SRV: dnsSrvUpdate(out, command, el); break;
    case NetworkUpdateSection.FORWARD_INTERFACE: forwardInterfaceUpdate(out, command, el); break;
    case NetworkUpdateSection.PORTGROUP: portgroupUpdate(out, command, el); break;
    default: throw netFail(ErrorCode.NO_SUPPORT, "can't update unrecognized section of network");
  }
  return out;
}
