import { DriverRole } from '../features.js';
import type { DriverConnection } from './contract.js';

/** How a driver names a host interface: its name and MAC (remote_nonnull_interface). */
export interface InterfaceRef {
  name: string;
  /** Lower-case; empty for interfaces without one (bridges, bonds). */
  mac: string;
}

/**
 * Host network interfaces (libvirt's interface driver: virConnectListAllInterfaces,
 * virInterfaceDefineXML, …), named by name; a missing one is NO_INTERFACE.
 * changeBegin / changeCommit / changeRollback bracket changes so they can
 * be undone together. Every `flags` is checked. @since 1.3
 */
export interface InterfaceRole {
  /** ListInterfacesFlags; 0 for all. */
  listInterfaces(flags: number): Promise<InterfaceRef[]>;
  interfaceLookupByName(name: string): Promise<InterfaceRef>;
  /** MULTIPLE_INTERFACES when more than one has it. */
  interfaceLookupByMac(mac: string): Promise<InterfaceRef>;
  /** Defines (or redefines) an interface, not started. InterfaceDefineFlags. */
  interfaceDefineXml(xml: string, flags: number): Promise<InterfaceRef>;
  interfaceUndefine(iface: InterfaceRef): Promise<void>;
  /** Brings it up (virInterfaceCreate). flags: 0. */
  interfaceCreate(iface: InterfaceRef, flags: number): Promise<void>;
  /** flags: 0. */
  interfaceDestroy(iface: InterfaceRef, flags: number): Promise<void>;
  /** InterfaceXmlFlags. */
  interfaceGetXmlDesc(iface: InterfaceRef, flags: number): Promise<string>;
  interfaceIsActive(iface: InterfaceRef): Promise<boolean>;
  /** Starts a change transaction (virInterfaceChangeBegin). flags: 0. */
  interfaceChangeBegin(flags: number): Promise<void>;
  /** Keeps the changes since changeBegin. flags: 0. */
  interfaceChangeCommit(flags: number): Promise<void>;
  /** Undoes the changes since changeBegin. flags: 0. */
  interfaceChangeRollback(flags: number): Promise<void>;
}

/** The methods DriverRole.INTERFACES declares. */
export const INTERFACE_ROLE_METHODS: readonly string[] = [
  'listInterfaces', 'interfaceLookupByName', 'interfaceLookupByMac', 'interfaceDefineXml', 'interfaceUndefine', 'interfaceCreate',
  'interfaceDestroy', 'interfaceGetXmlDesc', 'interfaceIsActive', 'interfaceChangeBegin', 'interfaceChangeCommit', 'interfaceChangeRollback',
];

export function hasInterfaceRole(c: DriverConnection): c is DriverConnection & InterfaceRole {
  return c.features.has(DriverRole.INTERFACES);
}

/** virConnectListAllInterfacesFlags. */
export const ListInterfacesFlags = { INACTIVE: 1 << 0, ACTIVE: 1 << 1 } as const;
/** virInterfaceDefineFlags. */
export const InterfaceDefineFlags = { VALIDATE: 1 << 0 } as const;
/** virInterfaceXMLFlags. */
export const InterfaceXmlFlags = { INACTIVE: 1 << 0 } as const;
