import {
  ErrorCode, IpAddrType, NetworkDefineFlags, NetworkEventType, NetworkXmlFlags, ObjectList, allFlags, applyNetworkUpdate, checkFlags, filterNetworkList,
  formatNetworkXml, isUuid, networkUpdateTargets, normalizeUuid, parseNetworkXml, subnetOf, addressToBigInt, bigIntToAddress,
  type DomainInterfaceAddresses, type DomainRef, type NetworkDef, type NetworkDhcpLease, type NetworkRef, type NetworkRole,
} from '@virtkit/core';
import { type TestHost, testError } from './host.js';

/** libvirt's test:///default network, as `virsh -c test:///default net-dumpxml default` prints it. */
export const DEFAULT_NETWORK_XML = `<network>
  <name>default</name>
  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>
`;

/** One in-memory network: its definition and, while "running", its live copy. */
export class TestNetwork {
  persistent?: NetworkDef;
  live?: NetworkDef;
  autostart = false;
  constructor(readonly uuid: string, readonly name: string) {}

  get def(): NetworkDef {
    return this.live ?? this.persistent!;
  }
}

/** The host's networks list, with libvirt's NO_NETWORK messages. */
export function testNetworkList(): ObjectList<TestNetwork> {
  return new ObjectList<TestNetwork>(testError, { noObject: ErrorCode.NO_NETWORK, what: 'network' });
}

/** The default network of test:///default: defined and running. */
export function defaultTestNetwork(): TestNetwork {
  const def = parseNetworkXml(DEFAULT_NETWORK_XML);
  const n = new TestNetwork(def.uuid, def.name);
  n.persistent = def;
  n.live = structuredClone(def);
  return n;
}

/**
 * The network role of a test connection, in memory as libvirt's test
 * driver: define, start, stop, update with nothing on the host; no DHCP
 * server, so no leases (NO_SUPPORT, as libvirt's test driver answers).
 */
export class TestNetworkCalls implements NetworkRole {
  constructor(private readonly host: TestHost) {}

  private get list(): ObjectList<TestNetwork> { return this.host.networks; }
  private ref(n: TestNetwork): NetworkRef { return { name: n.name, uuid: n.uuid }; }

  async listNetworks(flags: number): Promise<NetworkRef[]> {
    return filterNetworkList(this.list.values(), flags, (n) => ({ active: !!n.live, persistent: !!n.persistent, autostart: n.autostart }), (n) => this.ref(n));
  }

  async networkLookupByName(name: string): Promise<NetworkRef> { return this.ref(this.list.getByName(name)); }
  async networkLookupByUuid(uuid: string): Promise<NetworkRef> { return this.ref(this.list.getByUuid(isUuid(uuid) ? normalizeUuid(uuid) : uuid)); }

  async networkDefineXml(xml: string, flags: number): Promise<NetworkRef> {
    checkFlags(flags, allFlags(NetworkDefineFlags), 'virNetworkDefineXMLFlags');
    const def = parseNetworkXml(xml);
    return this.list.withIdentity(def, async () => {
      const n = this.list.checkConflicts(def) ?? this.list.add(new TestNetwork(def.uuid, def.name));
      n.persistent = def;
      this.host.objectEvents.network(n, NetworkEventType.DEFINED);
      return this.ref(n);
    });
  }

  async networkCreateXml(xml: string, flags: number): Promise<NetworkRef> {
    checkFlags(flags, allFlags(NetworkDefineFlags), 'virNetworkCreateXMLFlags');
    const def = parseNetworkXml(xml);
    return this.list.withIdentity(def, async () => {
      if (this.list.checkConflicts(def)) throw testError(ErrorCode.OPERATION_INVALID, `network '${def.name}' is already defined`);
      const n = this.list.add(new TestNetwork(def.uuid, def.name));
      n.live = def;
      this.host.objectEvents.network(n, NetworkEventType.STARTED);
      return this.ref(n);
    });
  }

  async networkUndefine(net: NetworkRef): Promise<void> {
    const n = this.list.get(net);
    if (!n.persistent) throw testError(ErrorCode.OPERATION_INVALID, `network '${n.name}' is not persistent`);
    n.persistent = undefined;
    n.autostart = false;
    if (!n.live) this.list.remove(n);
    this.host.objectEvents.network(n, NetworkEventType.UNDEFINED);
  }

  async networkCreate(net: NetworkRef): Promise<void> {
    const n = this.list.get(net);
    if (n.live) throw testError(ErrorCode.OPERATION_INVALID, `network '${n.name}' is already active`);
    n.live = structuredClone(n.persistent!);
    this.host.objectEvents.network(n, NetworkEventType.STARTED);
  }

  async networkDestroy(net: NetworkRef): Promise<void> {
    const n = this.list.get(net);
    if (!n.live) throw testError(ErrorCode.OPERATION_INVALID, `network '${n.name}' is not active`);
    n.live = undefined;
    if (!n.persistent) this.list.remove(n);
    this.host.objectEvents.network(n, NetworkEventType.STOPPED);
  }

  async networkGetXmlDesc(net: NetworkRef, flags: number): Promise<string> {
    checkFlags(flags, allFlags(NetworkXmlFlags), 'virNetworkGetXMLDesc');
    const n = this.list.get(net);
    return formatNetworkXml((flags & NetworkXmlFlags.INACTIVE) && n.persistent ? n.persistent : n.def);
  }

  async networkGetAutostart(net: NetworkRef): Promise<boolean> { return this.list.get(net).autostart; }

  async networkSetAutostart(net: NetworkRef, autostart: boolean): Promise<void> {
    const n = this.list.get(net);
    if (!n.persistent) throw testError(ErrorCode.OPERATION_INVALID, 'cannot set autostart for transient network');
    n.autostart = autostart;
  }

  async networkIsActive(net: NetworkRef): Promise<boolean> { return !!this.list.get(net).live; }
  async networkIsPersistent(net: NetworkRef): Promise<boolean> { return !!this.list.get(net).persistent; }

  async networkGetBridgeName(net: NetworkRef): Promise<string> {
    const name = this.list.get(net).def.bridge?.name;
    if (!name) throw testError(ErrorCode.INTERNAL_ERROR, `network '${net.name}' has no bridge`);
    return name;
  }

  async networkUpdate(net: NetworkRef, command: number, section: number, parentIndex: number, xml: string, flags: number): Promise<void> {
    const n = this.list.get(net);
    const { live, config } = networkUpdateTargets(flags, !!n.live, !!n.persistent);
    const newLive = live ? applyNetworkUpdate(n.live!, command, section, parentIndex, xml) : undefined;
    const newConfig = config ? applyNetworkUpdate(n.persistent!, command, section, parentIndex, xml) : undefined;
    if (newLive) n.live = newLive;
    if (newConfig) n.persistent = newConfig;
  }

  async networkGetDhcpLeases(net: NetworkRef, _mac: string | undefined, flags: number): Promise<NetworkDhcpLease[]> {
    checkFlags(flags, 0, 'virNetworkGetDHCPLeases');
    this.list.get(net);
    throw testError(ErrorCode.NO_SUPPORT, 'virNetworkGetDHCPLeases');
  }

  /**
   * As libvirt's testDomainInterfaceAddresses: every interface of a running
   * domain on a running network is `testnetN` with an address made up from
   * the network's first IPv4 subnet (the gateway + 1 + domain id + N).
   */
  async domainInterfaceAddresses(dom: DomainRef, source: number, flags: number): Promise<DomainInterfaceAddresses[]> {
    checkFlags(flags, 0, 'virDomainInterfaceAddresses');
    if (source !== 0) throw testError(ErrorCode.ARGUMENT_UNSUPPORTED, `unknown IP address data source ${source}`);
    const d = this.host.domains.get(dom);
    if (!d.liveDef) throw testError(ErrorCode.OPERATION_INVALID, 'domain is not running');
    const out: DomainInterfaceAddresses[] = [];
    d.liveDef.devices.interfaces.forEach((nic, i) => {
      const net = nic.type === 'network' && nic.source?.network ? this.list.findByName(nic.source.network) : undefined;
      const ip = net?.live?.ips.find((x) => subnetOf(x).family === 4);
      if (!ip) return;
      const addr = bigIntToAddress(addressToBigInt(ip.address) + 1n + BigInt(d.id) + BigInt(i), 4);
      out.push({ name: `testnet${i}`, hwaddr: nic.mac, addrs: [{ type: IpAddrType.IPV4, addr, prefix: subnetOf(ip).prefix }] });
    });
    return out;
  }
}
