import type { DomainInterfaceAddresses, NetworkDhcpLease, NetworkRef } from '@virtkit/core';
import { type Codec, xdrArray, xdrHyper, xdrInt, xdrMap, xdrStruct, xdrUint, xdrVoid } from '../xdr/codec.js';
type Procedure<A, R> = { name: string; proc: number; args: Codec<A>; ret: Codec<R>; writes: boolean };
import { nonnullDomain, nonnullString, optString, uuid } from './types.js';

// The network procedures of the REMOTE program (remote_protocol.x), by libvirt's numbers.

const NETWORK_LIST_MAX = 16384;
const NETWORK_DHCP_LEASES_MAX = 65536;
const DOMAIN_INTERFACE_MAX = 2048;
const DOMAIN_IP_ADDR_MAX = 2048;

/** remote_nonnull_network. */
export const nonnullNetwork: Codec<NetworkRef> = xdrStruct<NetworkRef>({ name: nonnullString, uuid });

const net = xdrStruct<{ net: NetworkRef }>({ net: nonnullNetwork });
const netRet = net;
const xml = xdrStruct({ xml: nonnullString });
const xmlFlags = xdrStruct({ xml: nonnullString, flags: xdrUint });

/** remote_network_dhcp_lease: expirytime is a hyper, seconds since the epoch. */
const dhcpLease: Codec<NetworkDhcpLease> = xdrMap(
  xdrStruct({ iface: nonnullString, expirytime: xdrHyper, type: xdrInt, mac: optString, iaid: optString, ipaddr: nonnullString, prefix: xdrUint, hostname: optString, clientid: optString }),
  (w) => {
    const l: NetworkDhcpLease = { iface: w.iface, expiryTime: Number(w.expirytime), type: w.type, ipaddr: w.ipaddr, prefix: w.prefix };
    if (w.mac !== undefined) l.mac = w.mac;
    if (w.iaid !== undefined) l.iaid = w.iaid;
    if (w.hostname !== undefined) l.hostname = w.hostname;
    if (w.clientid !== undefined) l.clientid = w.clientid;
    return l;
  },
  (l) => ({ iface: l.iface, expirytime: BigInt(l.expiryTime), type: l.type, mac: l.mac, iaid: l.iaid, ipaddr: l.ipaddr, prefix: l.prefix, hostname: l.hostname, clientid: l.clientid }),
);

/** remote_domain_interface. */
const domainInterface: Codec<DomainInterfaceAddresses> = xdrMap(
  xdrStruct({ name: nonnullString, hwaddr: optString, addrs: xdrArray(xdrStruct({ type: xdrInt, addr: nonnullString, prefix: xdrUint }), DOMAIN_IP_ADDR_MAX, 'address list') }),
  (w) => (w.hwaddr === undefined ? { name: w.name, addrs: w.addrs } : { name: w.name, hwaddr: w.hwaddr, addrs: w.addrs }),
  (i) => ({ name: i.name, hwaddr: i.hwaddr, addrs: i.addrs }),
);

function call<A, R>(name: string, proc: number, args: Codec<A>, ret: Codec<R>, writes = false): Procedure<A, R> {
  return { name, proc, args, ret, writes };
}

export const NetworkProc = {
  NETWORK_CREATE: call('NETWORK_CREATE', 39, net, xdrVoid, true),
  NETWORK_CREATE_XML: call('NETWORK_CREATE_XML', 40, xml, netRet, true),
  NETWORK_DEFINE_XML: call('NETWORK_DEFINE_XML', 41, xml, netRet, true),
  NETWORK_DESTROY: call('NETWORK_DESTROY', 42, net, xdrVoid, true),
  NETWORK_GET_XML_DESC: call('NETWORK_GET_XML_DESC', 43, xdrStruct({ net: nonnullNetwork, flags: xdrUint }), xml),
  NETWORK_GET_AUTOSTART: call('NETWORK_GET_AUTOSTART', 44, net, xdrStruct({ autostart: xdrInt })),
  NETWORK_GET_BRIDGE_NAME: call('NETWORK_GET_BRIDGE_NAME', 45, net, xdrStruct({ name: nonnullString })),
  NETWORK_LOOKUP_BY_NAME: call('NETWORK_LOOKUP_BY_NAME', 46, xdrStruct({ name: nonnullString }), netRet),
  NETWORK_LOOKUP_BY_UUID: call('NETWORK_LOOKUP_BY_UUID', 47, xdrStruct({ uuid }), netRet),
  NETWORK_SET_AUTOSTART: call('NETWORK_SET_AUTOSTART', 48, xdrStruct({ net: nonnullNetwork, autostart: xdrInt }), xdrVoid, true),
  NETWORK_UNDEFINE: call('NETWORK_UNDEFINE', 49, net, xdrVoid, true),
  NETWORK_IS_ACTIVE: call('NETWORK_IS_ACTIVE', 152, net, xdrStruct({ active: xdrInt })),
  NETWORK_IS_PERSISTENT: call('NETWORK_IS_PERSISTENT', 153, net, xdrStruct({ persistent: xdrInt })),
  CONNECT_LIST_ALL_NETWORKS: call('CONNECT_LIST_ALL_NETWORKS', 283, xdrStruct({ need_results: xdrInt, flags: xdrUint }), xdrStruct({ nets: xdrArray(nonnullNetwork, NETWORK_LIST_MAX, 'network list'), ret: xdrUint })),
  NETWORK_UPDATE: call('NETWORK_UPDATE', 291, xdrStruct({ net: nonnullNetwork, command: xdrUint, section: xdrUint, parentIndex: xdrInt, xml: nonnullString, flags: xdrUint }), xdrVoid, true),
  NETWORK_GET_DHCP_LEASES: call('NETWORK_GET_DHCP_LEASES', 341, xdrStruct({ net: nonnullNetwork, mac: optString, need_results: xdrInt, flags: xdrUint }), xdrStruct({ leases: xdrArray(dhcpLease, NETWORK_DHCP_LEASES_MAX, 'lease list'), ret: xdrUint })),
  DOMAIN_INTERFACE_ADDRESSES: call('DOMAIN_INTERFACE_ADDRESSES', 353, xdrStruct({ dom: nonnullDomain, source: xdrUint, flags: xdrUint }), xdrStruct({ ifaces: xdrArray(domainInterface, DOMAIN_INTERFACE_MAX, 'interface list') })),
  NETWORK_DEFINE_XML_FLAGS: call('NETWORK_DEFINE_XML_FLAGS', 432, xmlFlags, netRet, true),
  NETWORK_CREATE_XML_FLAGS: call('NETWORK_CREATE_XML_FLAGS', 437, xmlFlags, netRet, true),
} as const;
