import {
  ErrorCode, InterfaceAddressesSource, IpAddrType, NetworkDefineFlags, NetworkXmlFlags, allFlags, checkFlags, filterNetworkList,
  formatNetworkXml, isUuid, normalizeUuid, parseNetworkXml,
  type DomainInterfaceAddresses, type DomainRef, type NetworkDhcpLease, type NetworkRef, type NetworkRole,
} from '@virtkit/core';
import type { KvmDomainObject } from '../kvm-domain.js';
import { isBridgedInterface } from './interface-options.js';
import { netFail, type KvmNetworks, type NetworkObject } from './kvm-networks.js';

/** The NetworkRole of a KVM connection, on the host's KvmNetworks. */
export class KvmNetworkCalls implements NetworkRole {
  constructor(private readonly networks: KvmNetworks, private readonly findDomain: (dom: DomainRef) => KvmDomainObject) {}

  private async obj(net: NetworkRef): Promise<NetworkObject> {
    await this.networks.ready();
    return this.networks.list.get(net);
  }

  private ref(o: NetworkObject): NetworkRef {
    return { name: o.name, uuid: o.uuid };
  }

  async listNetworks(flags: number): Promise<NetworkRef[]> {
    await this.networks.ready();
    return filterNetworkList(this.networks.list.values(), flags, (o) => ({ active: !!o.live, persistent: !!o.persistent, autostart: o.autostart }), (o) => this.ref(o));
  }

  async networkLookupByName(name: string): Promise<NetworkRef> {
    await this.networks.ready();
    return this.ref(this.networks.list.getByName(name));
  }

  async networkLookupByUuid(uuid: string): Promise<NetworkRef> {
    await this.networks.ready();
    return this.ref(this.networks.list.getByUuid(isUuid(uuid) ? normalizeUuid(uuid) : uuid));
  }

  async networkDefineXml(xml: string, flags: number): Promise<NetworkRef> {
    checkFlags(flags, allFlags(NetworkDefineFlags), 'virNetworkDefineXMLFlags');
    await this.networks.ready();
    return this.ref(await this.networks.define(parseNetworkXml(xml)));
  }

  async networkCreateXml(xml: string, flags: number): Promise<NetworkRef> {
    checkFlags(flags, allFlags(NetworkDefineFlags), 'virNetworkCreateXMLFlags');
    await this.networks.ready();
    return this.ref(await this.networks.createTransient(parseNetworkXml(xml)));
  }

  async networkUndefine(net: NetworkRef): Promise<void> { await this.networks.undefine(await this.obj(net)); }
  async networkCreate(net: NetworkRef): Promise<void> { await this.networks.start(await this.obj(net)); }
  async networkDestroy(net: NetworkRef): Promise<void> { await this.networks.destroy(await this.obj(net)); }

  async networkGetXmlDesc(net: NetworkRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(NetworkXmlFlags), 'virNetworkGetXMLDesc');
    const o = await this.obj(net);
    return formatNetworkXml((flags & NetworkXmlFlags.INACTIVE) && o.persistent ? o.persistent : o.def);
  }

  async networkGetAutostart(net: NetworkRef): Promise<boolean> { return (await this.obj(net)).autostart; }
  async networkSetAutostart(net: NetworkRef, autostart: boolean): Promise<void> { await this.networks.setAutostart(await this.obj(net), autostart); }
  async networkIsActive(net: NetworkRef): Promise<boolean> { return !!(await this.obj(net)).live; }
  async networkIsPersistent(net: NetworkRef): Promise<boolean> { return !!(await this.obj(net)).persistent; }

  async networkGetBridgeName(net: NetworkRef): Promise<string> {
    const name = (await this.obj(net)).def.bridge?.name;
    if (!name) throw netFail(ErrorCode.INTERNAL_ERROR, `network '${net.name}' has no bridge`);
    return name;
  }

  async networkUpdate(net: NetworkRef, command: number, section: number, parentIndex: number, xml: string, flags: number): Promise<void> {
    await this.networks.update(await this.obj(net), command, section, parentIndex, xml, flags);
  }

  async networkGetDhcpLeases(net: NetworkRef, mac: string | undefined, flags: number): Promise<NetworkDhcpLease[]> {
    checkFlags(flags, 0, 'virNetworkGetDHCPLeases');
    const leases = await this.networks.leases(await this.obj(net));
    return mac === undefined ? leases : leases.filter((l) => l.mac === mac.toLowerCase());
  }

  async domainInterfaceAddresses(dom: DomainRef, source: number, flags: number): Promise<DomainInterfaceAddresses[]> {
    checkFlags(flags, 0, 'virDomainInterfaceAddresses');
    if (source !== InterfaceAddressesSource.LEASE) throw netFail(ErrorCode.ARGUMENT_UNSUPPORTED, `unknown IP address data source ${source}: only the lease source is supported`);
    const obj = this.findDomain(dom);
    if (!obj.live) throw netFail(ErrorCode.OPERATION_INVALID, 'domain is not running');
    await this.networks.ready();
    const out: DomainInterfaceAddresses[] = [];
    for (const nic of obj.live.def.devices.interfaces) {
      if (nic.type !== 'network' || !isBridgedInterface(nic) || !nic.source?.network) continue;
      const net = this.networks.list.findByName(nic.source.network);
      const leases = net ? (await this.networks.leases(net)).filter((l) => l.mac === nic.mac) : [];
      // As libvirt's virDomainNetDHCPInterfaces: an interface without a lease is not listed.
      if (leases.length === 0) continue;
      out.push({
        name: nic.targetDev ?? '-',
        hwaddr: nic.mac,
        addrs: leases.map((l) => ({ type: l.type ?? IpAddrType.IPV4, addr: l.ipaddr, prefix: l.prefix })),
      });
    }
    return out;
  }
}
