import type { DomainInterfaceAddresses, DomainRef, NetworkDhcpLease, NetworkRef, NetworkRole } from '@virtkit/core';
import { hyperToNumber } from '../protocol/wire-values.js';
import type { RpcClient } from './rpc-client.js';

/** The NetworkRole as REMOTE procedures; the server's driver checks flags and answers NO_SUPPORT when it has no networks. */
export class RemoteNetworks implements NetworkRole {
  constructor(private readonly rpc: RpcClient) {}

  async listNetworks(flags: number): Promise<NetworkRef[]> { return (await this.rpc.call('CONNECT_LIST_ALL_NETWORKS', { need_results: 1, flags })).nets; }
  async networkLookupByName(name: string): Promise<NetworkRef> { return (await this.rpc.call('NETWORK_LOOKUP_BY_NAME', { name })).net; }
  async networkLookupByUuid(uuid: string): Promise<NetworkRef> { return (await this.rpc.call('NETWORK_LOOKUP_BY_UUID', { uuid })).net; }
  async networkDefineXml(xml: string, flags: number): Promise<NetworkRef> {
    return flags === 0 ? (await this.rpc.call('NETWORK_DEFINE_XML', { xml })).net : (await this.rpc.call('NETWORK_DEFINE_XML_FLAGS', { xml, flags })).net;
  }
  async networkCreateXml(xml: string, flags: number): Promise<NetworkRef> {
    return flags === 0 ? (await this.rpc.call('NETWORK_CREATE_XML', { xml })).net : (await this.rpc.call('NETWORK_CREATE_XML_FLAGS', { xml, flags })).net;
  }
  async networkUndefine(net: NetworkRef): Promise<void> { await this.rpc.call('NETWORK_UNDEFINE', { net }); }
  async networkCreate(net: NetworkRef): Promise<void> { await this.rpc.call('NETWORK_CREATE', { net }); }
  async networkDestroy(net: NetworkRef): Promise<void> { await this.rpc.call('NETWORK_DESTROY', { net }); }
  async networkGetXmlDesc(net: NetworkRef, flags: number): Promise<string> { return (await this.rpc.call('NETWORK_GET_XML_DESC', { net, flags })).xml; }
  async networkGetAutostart(net: NetworkRef): Promise<boolean> { return (await this.rpc.call('NETWORK_GET_AUTOSTART', { net })).autostart !== 0; }
  async networkSetAutostart(net: NetworkRef, autostart: boolean): Promise<void> { await this.rpc.call('NETWORK_SET_AUTOSTART', { net, autostart: autostart ? 1 : 0 }); }
  async networkIsActive(net: NetworkRef): Promise<boolean> { return (await this.rpc.call('NETWORK_IS_ACTIVE', { net })).active !== 0; }
  async networkIsPersistent(net: NetworkRef): Promise<boolean> { return (await this.rpc.call('NETWORK_IS_PERSISTENT', { net })).persistent !== 0; }
  async networkGetBridgeName(net: NetworkRef): Promise<string> { return (await this.rpc.call('NETWORK_GET_BRIDGE_NAME', { net })).name; }
  async networkUpdate(net: NetworkRef, command: number, section: number, parentIndex: number, xml: string, flags: number): Promise<void> {
    await this.rpc.call('NETWORK_UPDATE', { net, command, section, parentIndex, xml, flags });
  }
  async networkGetDhcpLeases(net: NetworkRef, mac: string | undefined, flags: number): Promise<NetworkDhcpLease[]> {
    return (await this.rpc.call('NETWORK_GET_DHCP_LEASES', { net, mac, need_results: 1, flags })).leases.map((w) => {
      const l: NetworkDhcpLease = { iface: w.iface, expiryTime: hyperToNumber(w.expirytime), type: w.type, ipaddr: w.ipaddr, prefix: w.prefix };
      if (w.mac !== undefined) l.mac = w.mac;
      if (w.iaid !== undefined) l.iaid = w.iaid;
      if (w.hostname !== undefined) l.hostname = w.hostname;
      if (w.clientid !== undefined) l.clientid = w.clientid;
      return l;
    });
  }
  async domainInterfaceAddresses(dom: DomainRef, source: number, flags: number): Promise<DomainInterfaceAddresses[]> {
    return (await this.rpc.call('DOMAIN_INTERFACE_ADDRESSES', { dom, source, flags })).ifaces.map((i) => (i.hwaddr === undefined ? { name: i.name, addrs: i.addrs } : { name: i.name, hwaddr: i.hwaddr, addrs: i.addrs }));
  }
}
