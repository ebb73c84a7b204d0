import { buildElement, type XmlExtras } from '../xml/reader.js';
import { type XmlElement, element, formatXmlElement, textElement } from '../xml/tree.js';
import type { DhcpHostDef, DnsHostDef, DnsSrvDef, DnsTxtDef, NetworkDef, PortgroupDef } from './model.js';

const yesNo = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'yes' : 'no');

/** Formats the model as libvirt does (its element order); unknown content put back where it was. */
export function formatNetworkXml(def: NetworkDef): string {
  return formatXmlElement(networkToElement(def));
}

export function networkToElement(def: NetworkDef): XmlElement {
  return buildElement('network', {}, [
    textElement('name', def.name),
    textElement('uuid', def.uuid),
    def.forward && buildElement('forward', { mode: def.forward.mode, dev: def.forward.dev }, (def.forward.interfaces ?? []).map(forwardInterfaceElement), def.forward.extras),
    def.bridge && buildElement('bridge', { name: def.bridge.name, stp: def.bridge.stp === undefined ? undefined : def.bridge.stp ? 'on' : 'off', delay: def.bridge.delay }, [], def.bridge.extras),
    def.mac !== undefined && element('mac', { address: def.mac }),
    def.mtu !== undefined && element('mtu', { size: def.mtu }),
    def.domain && buildElement('domain', { name: def.domain.name, localOnly: yesNo(def.domain.localOnly) }, [], def.domain.extras),
    def.dns && buildElement('dns', { enable: yesNo(def.dns.enable) }, [
      ...def.dns.txts.map(dnsTxtElement),
      ...def.dns.srvs.map(dnsSrvElement),
      ...def.dns.hosts.map(dnsHostElement),
    ], def.dns.extras),
    ...def.ips.map((ip) => buildElement('ip', { family: ip.family, address: ip.address, netmask: ip.netmask, prefix: ip.prefix }, [
      ip.dhcp && buildElement('dhcp', {}, [
        ...ip.dhcp.ranges.map((g) => buildElement('range', { start: g.start, end: g.end }, [], g.extras)),
        ...ip.dhcp.hosts.map(dhcpHostElement),
      ], ip.dhcp.extras),
    ], ip.extras)),
    ...(def.portgroups ?? []).map(portgroupElement),
  ], def.extras);
}

export function dnsTxtElement(t: DnsTxtDef): XmlElement {
  return buildElement('txt', { name: t.name, value: t.value }, [], t.extras);
}

export function dnsSrvElement(s: DnsSrvDef): XmlElement {
  return buildElement('srv', { service: s.service || undefined, protocol: s.protocol || undefined, domain: s.domain, target: s.target, port: s.port, priority: s.priority, weight: s.weight }, [], s.extras);
}

export function dnsHostElement(h: DnsHostDef): XmlElement {
  return buildElement('host', { ip: h.ip }, h.hostnames.map((n) => textElement('hostname', n)), h.extras);
}

export function forwardInterfaceElement(i: { dev: string; extras?: XmlExtras }): XmlElement {
  return buildElement('interface', { dev: i.dev }, [], i.extras);
}

export function portgroupElement(p: PortgroupDef): XmlElement {
  return buildElement('portgroup', { name: p.name, default: yesNo(p.isDefault) }, [], p.extras);
}

export function dhcpHostElement(h: DhcpHostDef): XmlElement {
  return buildElement('host', { mac: h.mac, id: h.id, name: h.name, ip: h.ip }, [], h.extras);
}

/** A deep copy (definitions are plain data). */
export function cloneNetworkDef(def: NetworkDef): NetworkDef {
  return structuredClone(def);
}
