import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';
import type { DomainRef, Unsubscribe } from './types.js';

/** How a driver names a network: libvirt's remote_nonnull_network. */
export interface NetworkRef {
  name: string;
  uuid: string;
}

/** virIPAddrType. */
export enum IpAddrType {
  IPV4 = 0,
  IPV6 = 1,
}

/** One DHCP lease a network's server handed out (virNetworkDHCPLease). */
export interface NetworkDhcpLease {
  /** The network's bridge. */
  iface: string;
  /** Seconds since the epoch when the lease ends; 0 for an infinite lease. */
  expiryTime: number;
  type: IpAddrType;
  /** Lower-case; absent for some DHCPv6 leases. */
  mac?: string;
  /** DHCPv6 identity association id. */
  iaid?: string;
  ipaddr: string;
  /** The prefix of the network's subnet the address is in. */
  prefix: number;
  hostname?: string;
  clientid?: string;
}

/** One guest interface and its addresses (virDomainInterface). */
export interface DomainInterfaceAddresses {
  /** The host side of the interface (the tap), as virsh domifaddr shows it. */
  name: string;
  hwaddr?: string;
  addrs: Array<{ type: IpAddrType; addr: string; prefix: number }>;
}

/**
 * Virtual networks (libvirt's network driver: virConnectListAllNetworks,
 * virNetworkDefineXML, …). `net` identifies a network by UUID first, then
 * name; NO_NETWORK when it is gone. Every `flags` is checked. @since 1.3
 */
export interface NetworkRole {
  /** virConnectListAllNetworks; ListNetworksFlags, 0 for all. */
  listNetworks(flags: number): Promise<NetworkRef[]>;
  networkLookupByName(name: string): Promise<NetworkRef>;
  networkLookupByUuid(uuid: string): Promise<NetworkRef>;
  /** Defines (or redefines) a persistent network, not started. NetworkDefineFlags. */
  networkDefineXml(xml: string, flags: number): Promise<NetworkRef>;
  /** Creates and starts a transient network. NetworkDefineFlags. */
  networkCreateXml(xml: string, flags: number): Promise<NetworkRef>;
  /** A running network becomes transient. */
  networkUndefine(net: NetworkRef): Promise<void>;
  /** Starts a defined network (virNetworkCreate). */
  networkCreate(net: NetworkRef): Promise<void>;
  /** Stops a network; a transient one is gone afterwards. */
  networkDestroy(net: NetworkRef): Promise<void>;
  /** NetworkXmlFlags. The live definition while running unless INACTIVE. */
  networkGetXmlDesc(net: NetworkRef, flags: number): Promise<string>;
  networkGetAutostart(net: NetworkRef): Promise<boolean>;
  /** OPERATION_INVALID for a transient network. */
  networkSetAutostart(net: NetworkRef, autostart: boolean): Promise<void>;
  networkIsActive(net: NetworkRef): Promise<boolean>;
  networkIsPersistent(net: NetworkRef): Promise<boolean>;
  /** The bridge device the network uses (virNetworkGetBridgeName). */
  networkGetBridgeName(net: NetworkRef): Promise<string>;
  /**
   * virNetworkUpdate: `command` (NetworkUpdateCommand) applied to `section`
   * (NetworkUpdateSection) with the fragment `xml`, in the `parentIndex`th
   * <ip> (-1: the one that fits). flags: NetworkUpdateFlags.
   */
  networkUpdate(net: NetworkRef, command: number, section: number, parentIndex: number, xml: string, flags: number): Promise<void>;
  /** virNetworkGetDHCPLeases; only the leases of `mac` when given. flags must be 0. */
  networkGetDhcpLeases(net: NetworkRef, mac: string | undefined, flags: number): Promise<NetworkDhcpLease[]>;
  /**
   * virDomainInterfaceAddresses with source LEASE: a guest's interfaces on
   * networks, with the addresses those networks leased to their MACs.
   * Answered from the networks, so it lives in this role. Other sources are
   * ARGUMENT_UNSUPPORTED. flags must be 0.
   */
  domainInterfaceAddresses(dom: DomainRef, source: number, flags: number): Promise<DomainInterfaceAddresses[]>;
}

export function hasNetworkRole(c: DriverConnection): c is DriverConnection & NetworkRole {
  return c.features.has(DriverRole.NETWORKS);
}

/** virNetworkEventLifecycleType. */
export enum NetworkEventType {
  DEFINED = 0,
  UNDEFINED = 1,
  STARTED = 2,
  STOPPED = 3,
}

/** One VIR_NETWORK_EVENT_ID_LIFECYCLE event. libvirt's network events carry no detail: it is 0. */
export interface NetworkLifecycleEvent {
  network: NetworkRef;
  event: NetworkEventType;
  detail: number;
}

/**
 * Network lifecycle events (virConnectNetworkEventRegisterAny with
 * VIR_NETWORK_EVENT_ID_LIFECYCLE), emitted where libvirt's bridge driver
 * emits them: DEFINED by a define (also a redefine), UNDEFINED, STARTED by
 * a start or a transient create, STOPPED by a destroy. Delivered after the
 * call that caused them returns, in order (core's EventBus). Declared with
 * DriverRole.NETWORK_EVENTS. @since 1.3
 */
export interface NetworkEventRole {
  onNetworkLifecycle(listener: (event: NetworkLifecycleEvent) => void): Unsubscribe;
}

export function hasNetworkEventRole(c: DriverConnection): c is DriverConnection & NetworkEventRole {
  return c.features.has(DriverRole.NETWORK_EVENTS);
}
