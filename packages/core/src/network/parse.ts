import type { XmlElement } from '../xml/tree.js';
import { type XmlLimits, DEFAULT_XML_LIMITS, parseXmlDocument } from '../xml/parse-document.js';
import { ElementReader, xmlDetailError, type XmlExtras } from '../xml/reader.js';
import { generateUuid, normalizeUuid } from '../domain/uuid.js';
import { isVirtError } from '../errors.js';
import { addressFamily, netmaskToPrefix, subnetContains, subnetOf } from './address.js';
import { FORWARD_MODES, type DhcpDef, type DhcpHostDef, type DnsDef, type DnsHostDef, type DnsSrvDef, type DnsTxtDef, type ForwardDef, type IpDef, type NetworkDef, type PortgroupDef } from './model.js';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

function setDefined<T extends object>(target: NoInfer<Partial<T>>, values: NoInfer<Partial<T>>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target as T;
}

/**
 * Parses libvirt network XML into the typed model, with the checks of
 * virNetworkDefParseXML: a name without '/', addresses of the <ip>'s family,
 * DHCP ranges and hosts inside their subnet. XML_ERROR naming the element.
 */
export function parseNetworkXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): NetworkDef {
  return networkFromElement(parseXmlDocument(xml, limits));
}

export function networkFromElement(root: XmlElement): NetworkDef {
  if (root.name !== 'network') throw xmlDetailError(root.name, 'the root element must be <network>');
  const r = new ElementReader(root, 'network');
  const name = r.childText('name');
  if (name === undefined || name.trim() === '') throw xmlDetailError('network/name', 'missing network name');
  if (name.includes('/')) throw xmlDetailError('network/name', `name '${name}' cannot contain '/'`);
  if (/[\u0000-\u001f\u007f\s]/.test(name)) throw xmlDetailError('network/name', `name '${name}' cannot contain whitespace or control characters`);
  const uuidText = r.childText('uuid');
  let uuid: string;
  try {
    uuid = uuidText === undefined ? generateUuid() : normalizeUuid(uuidText);
  } catch (e) {
    if (isVirtError(e)) throw xmlDetailError('network/uuid', `malformed uuid '${uuidText}'`);
    throw e;
  }
  const def: NetworkDef = { name, uuid, ips: [] };
  const fwd = r.childReader('forward');
  if (fwd) {
    const interfaces = fwd.children('interface').map((el) => parseForwardInterface(new ElementReader(el, `${fwd.path}/interface`)));
    def.forward = setDefined<ForwardDef>({ mode: fwd.enumAttr('mode', FORWARD_MODES) ?? 'nat' }, { dev: fwd.attr('dev'), interfaces: interfaces.length ? interfaces : undefined, extras: fwd.extras() });
  }
  const br = r.childReader('bridge');
  if (br) {
    const name = br.attr('name');
    if (name !== undefined && !/^[A-Za-z0-9_.:%-]{1,15}$/.test(name)) throw xmlDetailError(br.path, `bridge name '${name}' is not a valid interface name`);
    def.bridge = setDefined<NonNullable<NetworkDef['bridge']>>({}, { name, stp: br.yesNoAttr('stp'), delay: br.intAttr('delay'), extras: br.extras() });
  }
  const mac = r.childReader('mac');
  if (mac) {
    const address = mac.requireAttr('address');
    if (!MAC.test(address)) throw xmlDetailError(mac.path, `invalid MAC address '${address}'`);
    def.mac = address.toLowerCase();
    mac.assertNoExtras();
  }
  const mtu = r.childReader('mtu');
  if (mtu) {
    def.mtu = mtu.intAttr('size', 68, 65535);
    if (def.mtu === undefined) throw xmlDetailError(mtu.path, "missing attribute 'size'");
    mtu.assertNoExtras();
  }
  const dom = r.childReader('domain');
  if (dom) def.domain = setDefined<NonNullable<NetworkDef['domain']>>({ name: dom.requireAttr('name') }, { localOnly: dom.yesNoAttr('localOnly'), extras: dom.extras() });
  const dns = r.childReader('dns');
  if (dns) def.dns = parseDns(dns);
  let i = 0;
  for (const el of r.children('ip')) def.ips.push(parseIp(new ElementReader(el, `network/ip[${++i}]`)));
  const portgroups = r.children('portgroup').map((el) => parsePortgroup(new ElementReader(el, 'network/portgroup')));
  if (portgroups.filter((p) => p.isDefault).length > 1) throw xmlDetailError('network/portgroup', `network '${name}' has more than one default portgroup`);
  if (portgroups.length) def.portgroups = portgroups;
  setDefined<NetworkDef>(def, { extras: r.extras() });
  return def;
}

function parseDns(r: ElementReader): DnsDef {
  const dns: DnsDef = setDefined<DnsDef>({ hosts: [], txts: [], srvs: [] }, { enable: r.yesNoAttr('enable') });
  for (const el of r.children('host')) dns.hosts.push(parseDnsHost(new ElementReader(el, `${r.path}/host`)));
  for (const el of r.children('txt')) dns.txts.push(parseDnsTxt(new ElementReader(el, `${r.path}/txt`)));
  for (const el of r.children('srv')) dns.srvs.push(parseDnsSrv(new ElementReader(el, `${r.path}/srv`)));
  setDefined<DnsDef>(dns, { extras: r.extras() });
  return dns;
}

/**
 * One <host> of <dns>, also virNetworkUpdate's DNS_HOST fragment. With
 * `partial` (a delete, which matches by address or any name) the hostnames may be absent.
 */
export function parseDnsHost(h: ElementReader, partial = false): DnsHostDef {
  const ip = h.requireAttr('ip');
  if (!addressFamily(ip)) throw xmlDetailError(h.path, `invalid IP address '${ip}'`);
  const hostnames = h.children('hostname').map((c) => new ElementReader(c, `${h.path}/hostname`).text().trim());
  if ((hostnames.length === 0 && !partial) || hostnames.some((n) => n === '')) throw xmlDetailError(h.path, 'a DNS host needs at least one non-empty <hostname>');
  return setDefined<DnsHostDef>({ ip, hostnames }, { extras: h.extras() });
}

/** One <txt> of <dns>, also the DNS_TXT fragment. */
export function parseDnsTxt(t: ElementReader): DnsTxtDef {
  return setDefined<DnsTxtDef>({ name: t.requireAttr('name') }, { value: t.attr('value'), extras: t.extras() });
}

/**
 * One <srv> of <dns>, also the DNS_SRV fragment. With `partial` (a delete,
 * which matches on the fields given) service and protocol may be absent;
 * they are then empty strings.
 */
export function parseDnsSrv(s: ElementReader, partial = false): DnsSrvDef {
  const protocol = partial ? s.attr('protocol') ?? '' : s.requireAttr('protocol');
  if (protocol !== 'tcp' && protocol !== 'udp' && !(partial && protocol === '')) throw xmlDetailError(s.path, `SRV protocol must be tcp or udp, not '${protocol}'`);
  return setDefined<DnsSrvDef>({ service: partial ? s.attr('service') ?? '' : s.requireAttr('service'), protocol }, {
    domain: s.attr('domain'), target: s.attr('target'), port: s.intAttr('port', 0, 65535), priority: s.intAttr('priority', 0, 65535), weight: s.intAttr('weight', 0, 65535), extras: s.extras(),
  });
}

/** One <interface dev=…/> of <forward>, also the FORWARD_INTERFACE fragment. */
export function parseForwardInterface(r: ElementReader): { dev: string; extras?: XmlExtras } {
  const dev = r.attr('dev');
  if (dev === undefined) throw xmlDetailError(r.path, 'missing dev attribute in <interface> element');
  return setDefined<{ dev: string; extras?: XmlExtras }>({ dev }, { extras: r.extras() });
}

/** One <portgroup>, also the PORTGROUP fragment. */
export function parsePortgroup(r: ElementReader): PortgroupDef {
  const name = r.attr('name');
  if (name === undefined || name === '') throw xmlDetailError(r.path, 'missing required name attribute in portgroup');
  return setDefined<PortgroupDef>({ name }, { isDefault: r.yesNoAttr('default'), extras: r.extras() });
}

function parseIp(r: ElementReader): IpDef {
  const family = r.enumAttr('family', ['ipv4', 'ipv6'] as const);
  const address = r.requireAttr('address');
  const want = family === 'ipv6' ? 6 : 4;
  if (addressFamily(address) !== want) throw xmlDetailError(r.path, `address '${address}' is not an ${family ?? 'ipv4'} address`);
  const ip: IpDef = setDefined<IpDef>({ address }, { family, prefix: r.intAttr('prefix', 0, want === 4 ? 32 : 128), netmask: r.attr('netmask') });
  if (ip.netmask !== undefined) {
    if (want === 6) throw xmlDetailError(r.path, 'an ipv6 address takes a prefix, not a netmask');
    if (ip.prefix !== undefined) throw xmlDetailError(r.path, 'give either a netmask or a prefix, not both');
    if (netmaskToPrefix(ip.netmask) === undefined) throw xmlDetailError(r.path, `invalid netmask '${ip.netmask}'`);
  }
  const dhcp = r.childReader('dhcp');
  if (dhcp) ip.dhcp = parseDhcp(dhcp, ip);
  setDefined<IpDef>(ip, { extras: r.extras() });
  return ip;
}

function parseDhcp(r: ElementReader, ip: IpDef): DhcpDef {
  const dhcp: DhcpDef = { ranges: [], hosts: [] };
  for (const el of r.children('range')) dhcp.ranges.push(parseDhcpRange(new ElementReader(el, `${r.path}/range`), ip));
  for (const el of r.children('host')) dhcp.hosts.push(parseDhcpHost(new ElementReader(el, `${r.path}/host`), ip));
  setDefined<DhcpDef>(dhcp, { extras: r.extras() });
  return dhcp;
}

/** One <range> of <dhcp>, inside the <ip>'s subnet; also the fragment of virNetworkUpdate's IP_DHCP_RANGE section. */
export function parseDhcpRange(g: ElementReader, ip: IpDef): DhcpDef['ranges'][number] {
  const subnet = subnetOf(ip);
  const start = g.requireAttr('start');
  const end = g.requireAttr('end');
  for (const a of [start, end]) if (!subnetContains(subnet, a)) throw xmlDetailError(g.path, `DHCP range address ${a} is not in the network's subnet`);
  return setDefined<DhcpDef['ranges'][number]>({ start, end }, { extras: g.extras() });
}

/** One <host> of <dhcp>, also the fragment of virNetworkUpdate's IP_DHCP_HOST section. */
export function parseDhcpHost(h: ElementReader, ip: IpDef): DhcpHostDef {
  const mac = h.attr('mac');
  if (mac !== undefined && !MAC.test(mac)) throw xmlDetailError(h.path, `invalid MAC address '${mac}'`);
  const address = h.requireAttr('ip');
  if (!subnetContains(subnetOf(ip), address)) throw xmlDetailError(h.path, `DHCP host address ${address} is not in the network's subnet`);
  const host: DhcpHostDef = setDefined<DhcpHostDef>({ ip: address }, { mac: mac?.toLowerCase(), id: h.attr('id'), name: h.attr('name') });
  if (host.mac === undefined && host.id === undefined && host.name === undefined) throw xmlDetailError(h.path, 'a static DHCP host needs a mac, id or name');
  setDefined<DhcpHostDef>(host, { extras: h.extras() });
  return host;
}
