import type { Connection } from './connection.js';
import { hasNodeDeviceRole, ListNodeDevicesFlags } from './driver/node-device.js';
import { allFlags, checkFlags } from './flags.js';

/** The node device role of a connection; NO_SUPPORT for drivers without one. */
function devices(conn: Connection, write = false) {
  const c = write ? conn.writable() : conn.live();
  if (!hasNodeDeviceRole(c)) throw conn.noSupport('node devices');
  return c;
}

/**
 * A handle on one host device (virNodeDevicePtr), by name. The static
 * members are the connection's calls (list, lookup, create).
 */
export class NodeDevice {
  constructor(readonly connection: Connection, readonly name: string) {}

  /** virConnectListAllNodeDevices. ListNodeDevicesFlags. Sorted by name, as virsh lists them. */
  static async listAll(conn: Connection, flags = 0): Promise<NodeDevice[]> {
    checkFlags(flags, allFlags(ListNodeDevicesFlags), 'virConnectListAllNodeDevices');
    const names = await devices(conn).listNodeDevices(flags);
    return names.sort().map((n) => new NodeDevice(conn, n));
  }
  static async lookupByName(conn: Connection, name: string): Promise<NodeDevice> { return new NodeDevice(conn, await devices(conn).nodeDeviceLookupByName(name)); }
  /** virNodeDeviceCreateXML. */
  static async create(conn: Connection, xml: string, flags = 0): Promise<NodeDevice> {
    return new NodeDevice(conn, await devices(conn, true).nodeDeviceCreateXml(xml, flags));
  }

  async getXmlDesc(flags = 0): Promise<string> { return devices(this.connection).nodeDeviceGetXmlDesc(this.name, flags); }
  /** The parent's name (virNodeDeviceGetParent). */
  async getParent(): Promise<string> { return devices(this.connection).nodeDeviceGetParent(this.name); }
  async listCaps(): Promise<string[]> { return devices(this.connection).nodeDeviceListCaps(this.name); }
  async destroy(): Promise<void> { return devices(this.connection, true).nodeDeviceDestroy(this.name); }
  async isActive(): Promise<boolean> { return devices(this.connection).nodeDeviceIsActive(this.name); }
  async isPersistent(): Promise<boolean> { return devices(this.connection).nodeDeviceIsPersistent(this.name); }
}
