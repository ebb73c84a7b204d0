import type { Connection } from './connection.js';
import type { NetworkDhcpLease, NetworkRef } from './driver/network.js';

/**
 * A handle on one network of one connection (virNetworkPtr), holding its
 * name and UUID. Calls go through the connection's network role.
 */
export class Network {
  constructor(readonly connection: Connection, private readonly ref: NetworkRef) {}

  get name(): string { return this.ref.name; }
  get uuid(): string { return this.ref.uuid; }
  /** @internal */
  get driverRef(): NetworkRef { return this.ref; }

  /** Starts a defined network (virNetworkCreate). */
  start(): Promise<void> { return this.connection.writableNetworks().networkCreate(this.ref); }
  destroy(): Promise<void> { return this.connection.writableNetworks().networkDestroy(this.ref); }
  undefine(): Promise<void> { return this.connection.writableNetworks().networkUndefine(this.ref); }
  /** NetworkXmlFlags. */
  getXmlDesc(flags = 0): Promise<string> { return this.connection.networks().networkGetXmlDesc(this.ref, flags); }
  getAutostart(): Promise<boolean> { return this.connection.networks().networkGetAutostart(this.ref); }
  setAutostart(autostart: boolean): Promise<void> { return this.connection.writableNetworks().networkSetAutostart(this.ref, autostart); }
  isActive(): Promise<boolean> { return this.connection.networks().networkIsActive(this.ref); }
  isPersistent(): Promise<boolean> { return this.connection.networks().networkIsPersistent(this.ref); }
  getBridgeName(): Promise<string> { return this.connection.networks().networkGetBridgeName(this.ref); }

  /** virNetworkUpdate: NetworkUpdateCommand, NetworkUpdateSection, NetworkUpdateFlags. */
  update(command: number, section: number, parentIndex: number, xml: string, flags = 0): Promise<void> {
    return this.connection.writableNetworks().networkUpdate(this.ref, command, section, parentIndex, xml, flags);
  }

  /** virNetworkGetDHCPLeases, of one MAC when given. */
  getDhcpLeases(mac?: string, flags = 0): Promise<NetworkDhcpLease[]> {
    return this.connection.networks().networkGetDhcpLeases(this.ref, mac, flags);
  }
}
