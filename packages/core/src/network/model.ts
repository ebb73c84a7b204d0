import type { XmlExtras } from '../xml/reader.js';

/**
 * The typed model of libvirt's network XML (formatdomain's sibling,
 * formatnetwork). Every struct carries `extras`: what the model does not
 * know, kept so a parse/format round trip loses nothing.
 */
export interface NetworkDef {
  name: string;
  /** Lower-case 8-4-4-4-12; generated when the XML has none. */
  uuid: string;
  /** <forward>; absent: an isolated network (libvirt's mode "none"). */
  forward?: ForwardDef;
  /** <bridge name=… stp=… delay=…/>; the name is given a virbrN at define when absent. */
  bridge?: { name?: string; stp?: boolean; delay?: number; extras?: XmlExtras };
  /** <mac address=…/> of the bridge, lower-case. */
  mac?: string;
  /** <mtu size=…/> of the bridge, bytes. */
  mtu?: number;
  /** <domain name=… localOnly=…/>: the DNS domain dnsmasq serves. */
  domain?: { name: string; localOnly?: boolean; extras?: XmlExtras };
  dns?: DnsDef;
  ips: IpDef[];
  /** <portgroup>s, in document order; absent when there are none. */
  portgroups?: PortgroupDef[];
  extras?: XmlExtras;
}

/** <portgroup name=… default=…>: its <vlan>, <virtualport> and <bandwidth> stay in extras. */
export interface PortgroupDef {
  name: string;
  /** default='yes': interfaces naming no portgroup join this one (at most one per network). */
  isDefault?: boolean;
  extras?: XmlExtras;
}

export type ForwardMode = 'nat' | 'route' | 'open' | 'bridge' | 'private' | 'vepa' | 'passthrough' | 'hostdev';
export const FORWARD_MODES: readonly ForwardMode[] = ['nat', 'route', 'open', 'bridge', 'private', 'vepa', 'passthrough', 'hostdev'];

export interface ForwardDef {
  /** Default 'nat' (libvirt's default when <forward/> has no mode). */
  mode: ForwardMode;
  /** dev=…: the one host interface traffic leaves by. */
  dev?: string;
  /** <interface dev=…/> children: the pool of host interfaces (bridge, vepa, … modes); absent when there are none. */
  interfaces?: Array<{ dev: string; extras?: XmlExtras }>;
  extras?: XmlExtras;
}

export type DnsHostDef = DnsDef['hosts'][number];
export type DnsTxtDef = DnsDef['txts'][number];
export type DnsSrvDef = DnsDef['srvs'][number];

export interface DnsDef {
  /** enable='no' turns dnsmasq's DNS off. */
  enable?: boolean;
  hosts: Array<{ ip: string; hostnames: string[]; extras?: XmlExtras }>;
  txts: Array<{ name: string; value?: string; extras?: XmlExtras }>;
  srvs: Array<{ service: string; protocol: string; domain?: string; target?: string; port?: number; priority?: number; weight?: number; extras?: XmlExtras }>;
  extras?: XmlExtras;
}

export interface IpDef {
  /** Absent means ipv4. */
  family?: 'ipv4' | 'ipv6';
  address: string;
  /** Either a prefix or (ipv4 only) a netmask, as written. */
  prefix?: number;
  netmask?: string;
  dhcp?: DhcpDef;
  extras?: XmlExtras;
}

export interface DhcpDef {
  ranges: Array<{ start: string; end: string; extras?: XmlExtras }>;
  /** Static leases: by MAC (ipv4) or DHCP id (ipv6). */
  hosts: DhcpHostDef[];
  extras?: XmlExtras;
}

export interface DhcpHostDef {
  mac?: string;
  id?: string;
  name?: string;
  ip: string;
  extras?: XmlExtras;
}
