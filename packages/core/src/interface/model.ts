import type { XmlExtras } from '../xml/reader.js';

/**
 * The typed model of libvirt's host interface XML (formatnode's
 * `<interface>` of the interface driver, virInterfaceDef). Every struct
 * carries `extras`: what the model does not know (a bond's miimon, a
 * <link>), kept so a parse/format round trip loses nothing.
 */
export interface HostInterfaceDef {
  type: HostInterfaceType;
  /** Absent only for a VLAN's underlying device reference. */
  name?: string;
  /** <start mode=…/>: when the host brings it up. */
  start?: 'none' | 'onboot' | 'hotplug';
  /** <mtu size=…/>, bytes. */
  mtu?: number;
  /** Lower-case; libvirt keeps it for ethernet interfaces only. */
  mac?: string;
  protocols: InterfaceProtocolDef[];
  /** type='bridge': its <bridge> and the interfaces enslaved to it. */
  bridge?: { stp?: boolean; delay?: string; interfaces: HostInterfaceDef[]; extras?: XmlExtras };
  /** type='bond': its <bond> and its slaves. */
  bond?: { mode?: string; interfaces: HostInterfaceDef[]; extras?: XmlExtras };
  /** type='vlan': the tag and the device it rides on. */
  vlan?: { tag: number; device?: string; extras?: XmlExtras };
  extras?: XmlExtras;
}

export type HostInterfaceType = 'ethernet' | 'bridge' | 'bond' | 'vlan';
export const HOST_INTERFACE_TYPES: readonly HostInterfaceType[] = ['ethernet', 'bridge', 'bond', 'vlan'];

/** One <protocol family=…>: how addresses are obtained. */
export interface InterfaceProtocolDef {
  family: 'ipv4' | 'ipv6';
  /** IPv6 stateless autoconfiguration. */
  autoconf?: boolean;
  /** <dhcp/>, with peerdns when given. */
  dhcp?: { peerdns?: boolean };
  ips: Array<{ address: string; prefix?: number }>;
  /** <route gateway=…/>. */
  gateway?: string;
  extras?: XmlExtras;
}
