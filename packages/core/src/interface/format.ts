import { buildElement } from '../xml/reader.js';
import { type XmlElement, element, formatXmlElement } from '../xml/tree.js';
import type { HostInterfaceDef, InterfaceProtocolDef } from './model.js';

const yesNo = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'yes' : 'no');
const onOff = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'on' : 'off');

/**
 * Formats the model as virInterfaceDefFormat does: start, mtu, protocols,
 * then what the type has (an ethernet's MAC, a bridge's or bond's members,
 * a VLAN's tag and device); unknown content put back where it was.
 */
export function formatHostInterfaceXml(def: HostInterfaceDef): string {
  return formatXmlElement(hostInterfaceToElement(def));
}

export function hostInterfaceToElement(def: HostInterfaceDef): XmlElement {
  return buildElement('interface', { type: def.type, name: def.name }, [
    def.start !== undefined && element('start', { mode: def.start }),
    def.mtu !== undefined && element('mtu', { size: def.mtu }),
    ...def.protocols.map(protocolElement),
    def.mac !== undefined && element('mac', { address: def.mac }),
    def.bridge && buildElement('bridge', { stp: onOff(def.bridge.stp), delay: def.bridge.delay }, def.bridge.interfaces.map(hostInterfaceToElement), def.bridge.extras),
    def.bond && buildElement('bond', { mode: def.bond.mode }, def.bond.interfaces.map(hostInterfaceToElement), def.bond.extras),
    def.vlan && buildElement('vlan', { tag: def.vlan.tag }, [def.vlan.device !== undefined && element('interface', { name: def.vlan.device })], def.vlan.extras),
  ], def.extras);
}

function protocolElement(p: InterfaceProtocolDef): XmlElement {
  return buildElement('protocol', { family: p.family }, [
    p.autoconf && element('autoconf'),
    p.dhcp && element('dhcp', { peerdns: yesNo(p.dhcp.peerdns) }),
    ...p.ips.map((ip) => element('ip', { address: ip.address, prefix: ip.prefix })),
    p.gateway !== undefined && element('route', { gateway: p.gateway }),
  ], p.extras);
}
