import type { Connection } from './connection.js';
import { hasInterfaceRole, InterfaceDefineFlags, InterfaceXmlFlags, ListInterfacesFlags, type InterfaceRef } from './driver/interface.js';
import { allFlags, checkFlags } from './flags.js';

/** The interface role of a connection; NO_SUPPORT for drivers without one. */
function interfaces(conn: Connection, write = false) {
  const c = write ? conn.writable() : conn.live();
  if (!hasInterfaceRole(c)) throw conn.noSupport('host interfaces');
  return c;
}

/**
 * A handle on one host interface (virInterfacePtr), holding its name and
 * MAC. The static members are the connection's calls (list, lookups,
 * define, the change transaction), taking the connection as libvirt's do.
 */
export class Interface {
  constructor(readonly connection: Connection, private readonly ref: InterfaceRef) {}

  get name(): string { return this.ref.name; }
  /** Lower-case; empty when the interface has none. */
  get mac(): string { return this.ref.mac; }
  /** @internal */
  get driverRef(): InterfaceRef { return this.ref; }

  /** virConnectListAllInterfaces. ListInterfacesFlags. Sorted by name, as virsh lists them. */
  static async listAll(conn: Connection, flags = 0): Promise<Interface[]> {
    checkFlags(flags, allFlags(ListInterfacesFlags), 'virConnectListAllInterfaces');
    const refs = await interfaces(conn).listInterfaces(flags);
    return refs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => new Interface(conn, r));
  }
  static async lookupByName(conn: Connection, name: string): Promise<Interface> { return new Interface(conn, await interfaces(conn).interfaceLookupByName(name)); }
  static async lookupByMac(conn: Connection, mac: string): Promise<Interface> { return new Interface(conn, await interfaces(conn).interfaceLookupByMac(mac)); }
  /** virInterfaceDefineXML. InterfaceDefineFlags. */
  static async define(conn: Connection, xml: string, flags = 0): Promise<Interface> {
    checkFlags(flags, allFlags(InterfaceDefineFlags), 'virInterfaceDefineXML');
    return new Interface(conn, await interfaces(conn, true).interfaceDefineXml(xml, flags));
  }
  static async changeBegin(conn: Connection, flags = 0): Promise<void> { return interfaces(conn, true).interfaceChangeBegin(flags); }
  static async changeCommit(conn: Connection, flags = 0): Promise<void> { return interfaces(conn, true).interfaceChangeCommit(flags); }
  static async changeRollback(conn: Connection, flags = 0): Promise<void> { return interfaces(conn, true).interfaceChangeRollback(flags); }

  async undefine(): Promise<void> { return interfaces(this.connection, true).interfaceUndefine(this.ref); }
  /** Brings the interface up (virInterfaceCreate). */
  async start(flags = 0): Promise<void> { return interfaces(this.connection, true).interfaceCreate(this.ref, flags); }
  async destroy(flags = 0): Promise<void> { return interfaces(this.connection, true).interfaceDestroy(this.ref, flags); }
  /** InterfaceXmlFlags. */
  async getXmlDesc(flags = 0): Promise<string> {
    checkFlags(flags, allFlags(InterfaceXmlFlags), 'virInterfaceGetXMLDesc');
    return interfaces(this.connection).interfaceGetXmlDesc(this.ref, flags);
  }
  async isActive(): Promise<boolean> { return interfaces(this.connection).interfaceIsActive(this.ref); }
}
