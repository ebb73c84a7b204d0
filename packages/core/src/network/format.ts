import { buildElement } from '../xml/reader.js';
import { type XmlElement, element, formatXmlElement, textElement } from '../xml/tree.js';
import type { DhcpHostDef, NetworkDef } from './model.js';

const yesNo = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'yes' : 'no');

/** Formats the model as libvirt does (its element order); unknown content put back where it was. */
export function formatNetworkXml(def: NetworkDef): string {
  return formatXmlElement(networkToElement(def));
}

export function networkToElement(def: NetworkDef): XmlElement {
  return buildElement('network', {}, [
    textElement('name', def.name),
    textElement('uuid', def.uuid),
    def.forward && buildElement('forward', { mode: def.forward.mode, dev: def.forward.dev }, [], def.forward.extras),
    def.bridge && buildElement('bridge', { name: def.bridge.name, stp: def.bridge.stp === undefined ? undefined : def.bridge.stp ? 'on' : 'off', delay: def.bridge.delay }, [], def.bridge.extras),
    def.mac !== undefined && element('mac', { address: def.mac }),
    def.mtu !== undefined && element('mtu', { size: def.mtu }),
    def.domain && buildElement('domain', { name: def.domain.name, localOnly: yesNo(def.domain.localOnly) }, [], def.domain.extras),
    def.dns && buildElement('dns', { enable: yesNo(def.dns.enable) }, [
      ...def.dns.txts.map((t) => buildElement('txt', { name: t.name, value: t.value }, [], t.extras)),
      ...def.dns.srvs.map((s) => buildElement('srv', { service: s.service, protocol: s.protocol, domain: s.domain, target: s.target, port: s.port, priority: s.priority, weight: s.weight }, [], s.extras)),
      ...def.dns.hosts.map((h) => buildElement('host', { ip: h.ip }, h.hostnames.map((n) => textElement('hostname', n)), h.extras)),
    ], def.dns.extras),
    ...def.ips.map((ip) => buildElement('ip', { family: ip.family, address: ip.address, netmask: ip.netmask, prefix: ip.prefix }, [
      ip.dhcp && buildElement('dhcp', {}, [
        ...ip.dhcp.ranges.map((g) => buildElement('range', { start: g.start, end: g.end }, [], g.extras)),
        ...ip.dhcp.hosts.map(dhcpHostElement),
      ], ip.dhcp.extras),
    ], ip.extras)),
  ], def.extras);
}

export function dhcpHostElement(h: DhcpHostDef): XmlElement {
  return buildElement('host', { mac: h.mac, id: h.id, name: h.name, ip: h.ip }, [], h.extras);
}

/** A deep copy (definitions are plain data). */
export function cloneNetworkDef(def: NetworkDef): NetworkDef {
  return structuredClone(def);
}
