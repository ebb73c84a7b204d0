import { type XmlLimits, DEFAULT_XML_LIMITS, parseXmlDocument } from '../xml/parse-document.js';
import type { XmlElement } from '../xml/tree.js';
import { ElementReader, xmlDetailError } from '../xml/reader.js';
import { HOST_INTERFACE_TYPES, type HostInterfaceDef, type InterfaceProtocolDef } from './model.js';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/**
 * Parses host interface XML into the typed model, with the checks of
 * virInterfaceDefParseXML: a known type, a name on every top-level
 * interface, a VLAN tag. XML_ERROR naming the element.
 */
export function parseHostInterfaceXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): HostInterfaceDef {
  return hostInterfaceFromElement(parseXmlDocument(xml, limits), 'interface', true);
}

export function hostInterfaceFromElement(root: XmlElement, path: string, topLevel: boolean): HostInterfaceDef {
  if (root.name !== 'interface') throw xmlDetailError(root.name, 'the root element must be <interface>');
  const r = new ElementReader(root, path);
  const type = r.enumAttr('type', HOST_INTERFACE_TYPES);
  const name = r.attr('name');
  if (type === undefined) throw xmlDetailError(path, 'interface has no type');
  if (topLevel && (name === undefined || name === '')) throw xmlDetailError(path, 'interface has no name');
  const def: HostInterfaceDef = { type, protocols: [] };
  if (name !== undefined) def.name = name;
  const start = r.childReader('start');
  if (start) {
    def.start = start.enumAttr('mode', ['none', 'onboot', 'hotplug'] as const);
    start.assertNoExtras();
  }
  const mtu = r.childReader('mtu');
  if (mtu) {
    def.mtu = mtu.intAttr('size', 0, 0xffffffff);
    mtu.assertNoExtras();
  }
  const mac = r.childReader('mac');
  if (mac) {
    const address = mac.requireAttr('address');
    if (!MAC.test(address)) throw xmlDetailError(mac.path, `invalid MAC address '${address}'`);
    mac.assertNoExtras();
    // libvirt keeps a MAC address for ethernet interfaces only.
    if (def.type === 'ethernet') def.mac = address.toLowerCase();
  }
  def.protocols = r.children('protocol').map((el, i) => protocolFromElement(new ElementReader(el, `${path}/protocol[${i + 1}]`)));
  const br = r.childReader('bridge');
  if (br && def.type === 'bridge') {
    def.bridge = { stp: br.yesNoAttr('stp'), delay: br.attr('delay'), interfaces: members(br) };
    if (def.bridge.stp === undefined) delete def.bridge.stp;
    if (def.bridge.delay === undefined) delete def.bridge.delay;
    const extras = br.extras();
    if (extras) def.bridge.extras = extras;
  } else if (def.type === 'bridge') throw xmlDetailError(path, 'bridge interface misses the bridge element');
  const bond = r.childReader('bond');
  if (bond && def.type === 'bond') {
    def.bond = { interfaces: members(bond) };
    const mode = bond.attr('mode');
    if (mode !== undefined) def.bond.mode = mode;
    const extras = bond.extras();
    if (extras) def.bond.extras = extras;
  }
  const vlan = r.childReader('vlan');
  if (vlan && def.type === 'vlan') {
    const tag = vlan.intAttr('tag', 0, 4095);
    if (tag === undefined) throw xmlDetailError(vlan.path, 'VLAN is missing the tag attribute');
    def.vlan = { tag };
    const dev = vlan.childReader('interface');
    if (dev) {
      def.vlan.device = dev.requireAttr('name');
      dev.assertNoExtras();
    }
    const extras = vlan.extras();
    if (extras) def.vlan.extras = extras;
  } else if (def.type === 'vlan' && topLevel) throw xmlDetailError(path, 'vlan interface misses the vlan element');
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}

function members(r: ElementReader): HostInterfaceDef[] {
  return r.children('interface').map((el, i) => hostInterfaceFromElement(el, `${r.path}/interface[${i + 1}]`, false));
}

function protocolFromElement(r: ElementReader): InterfaceProtocolDef {
  const family = r.enumAttr('family', ['ipv4', 'ipv6'] as const);
  if (family === undefined) throw xmlDetailError(r.path, 'protocol misses the family attribute');
  const p: InterfaceProtocolDef = { family, ips: [] };
  const auto = r.childReader('autoconf');
  if (auto) {
    p.autoconf = true;
    auto.assertNoExtras();
  }
  const dhcp = r.childReader('dhcp');
  if (dhcp) {
    p.dhcp = {};
    const peerdns = dhcp.yesNoAttr('peerdns');
    if (peerdns !== undefined) p.dhcp.peerdns = peerdns;
    dhcp.assertNoExtras();
  }
  p.ips = r.children('ip').map((el, i) => {
    const ip = new ElementReader(el, `${r.path}/ip[${i + 1}]`);
    const out: InterfaceProtocolDef['ips'][number] = { address: ip.requireAttr('address') };
    const prefix = ip.intAttr('prefix', 0, 128);
    if (prefix !== undefined) out.prefix = prefix;
    ip.assertNoExtras();
    return out;
  });
  const route = r.childReader('route');
  if (route) {
    p.gateway = route.requireAttr('gateway');
    route.assertNoExtras();
  }
  const extras = r.extras();
  if (extras) p.extras = extras;
  return p;
}
