import {
  ErrorCode, InterfaceDefineFlags, allFlags, checkFlags, formatHostInterfaceXml, parseHostInterfaceXml, ListInterfacesFlags,
  type HostInterfaceDef, type InterfaceRef, type InterfaceRole,
} from '@virtkit/core';
import { testError } from './host.js';

/** libvirt's test:///default interface, as `virsh -c test:///default iface-dumpxml eth1` prints it. */
export const DEFAULT_INTERFACE_XML = `<interface type='ethernet' name='eth1'>
  <start mode='onboot'/>
  <mtu size='1492'/>
  <protocol family='ipv4'>
    <ip address='192.168.0.5' prefix='24'/>
    <route gateway='192.168.0.1'/>
  </protocol>
  <mac address='aa:bb:cc:dd:ee:ff'/>
</interface>
`;

interface TestInterface {
  def: HostInterfaceDef & { name: string };
  active: boolean;
}

/**
 * A host's interfaces, in memory as libvirt's test driver keeps them: by
 * name, active or not, with one change transaction at a time whose
 * rollback brings the definitions back, every one inactive (libvirt's
 * virInterfaceObjListClone copies definitions only).
 */
export class TestInterfaces implements InterfaceRole {
  private ifaces = new Map<string, TestInterface>();
  private backup?: Map<string, TestInterface>;

  /** test:///default's eth1, up. */
  addDefault(): void {
    const def = parseHostInterfaceXml(DEFAULT_INTERFACE_XML) as TestInterface['def'];
    this.ifaces.set(def.name, { def, active: true });
  }

  private ref(i: TestInterface): InterfaceRef {
    return { name: i.def.name, mac: i.def.mac ?? '' };
  }

  private get(name: string): TestInterface {
    const i = this.ifaces.get(name);
    if (!i) throw testError(ErrorCode.NO_INTERFACE, `no interface with matching name '${name}'`);
    return i;
  }

  async listInterfaces(flags: number): Promise<InterfaceRef[]> {
    checkFlags(flags, allFlags(ListInterfacesFlags), 'testConnectListAllInterfaces');
    const want = flags & (ListInterfacesFlags.ACTIVE | ListInterfacesFlags.INACTIVE);
    return [...this.ifaces.values()]
      .filter((i) => !want || want === (ListInterfacesFlags.ACTIVE | ListInterfacesFlags.INACTIVE) || (i.active ? want === ListInterfacesFlags.ACTIVE : want === ListInterfacesFlags.INACTIVE))
      .map((i) => this.ref(i));
  }

  async interfaceLookupByName(name: string): Promise<InterfaceRef> { return this.ref(this.get(name)); }

  async interfaceLookupByMac(mac: string): Promise<InterfaceRef> {
    const found = [...this.ifaces.values()].filter((i) => i.def.mac !== undefined && i.def.mac === mac.toLowerCase());
    if (found.length === 0) throw testError(ErrorCode.NO_INTERFACE, `no interface with matching mac '${mac}'`);
    if (found.length > 1) throw testError(ErrorCode.MULTIPLE_INTERFACES);
    return this.ref(found[0]);
  }

  async interfaceDefineXml(xml: string, flags: number): Promise<InterfaceRef> {
    checkFlags(flags, allFlags(InterfaceDefineFlags), 'testInterfaceDefineXML');
    const def = parseHostInterfaceXml(xml) as TestInterface['def'];
    const existing = this.ifaces.get(def.name);
    if (existing) existing.def = def;
    else this.ifaces.set(def.name, { def, active: false });
    return this.ref(this.get(def.name));
  }

  /** Forgets the interface, running or not, as libvirt's test driver does. */
  async interfaceUndefine(iface: InterfaceRef): Promise<void> {
    this.get(iface.name);
    this.ifaces.delete(iface.name);
  }

  async interfaceCreate(iface: InterfaceRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testInterfaceCreate');
    const i = this.get(iface.name);
    if (i.active) throw testError(ErrorCode.OPERATION_INVALID);
    i.active = true;
  }

  async interfaceDestroy(iface: InterfaceRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'testInterfaceDestroy');
    const i = this.get(iface.name);
    if (!i.active) throw testError(ErrorCode.OPERATION_INVALID);
    i.active = false;
  }

  /** libvirt's test driver takes no flags here (not even INACTIVE). */
  async interfaceGetXmlDesc(iface: InterfaceRef, flags: number): Promise<string> {
    checkFlags(flags, 0, 'testInterfaceGetXMLDesc');
    return formatHostInterfaceXml(this.get(iface.name).def);
  }

  async interfaceIsActive(iface: InterfaceRef): Promise<boolean> { return this.get(iface.name).active; }

  async interfaceChangeBegin(flags: number): Promise<void> {
    checkFlags(flags, 0, 'testInterfaceChangeBegin');
    if (this.backup) throw testError(ErrorCode.OPERATION_INVALID, 'there is another transaction running.');
    this.backup = new Map([...this.ifaces].map(([k, v]) => [k, { def: structuredClone(v.def), active: false }]));
  }

  async interfaceChangeCommit(flags: number): Promise<void> {
    checkFlags(flags, 0, 'testInterfaceChangeCommit');
    if (!this.backup) throw testError(ErrorCode.OPERATION_INVALID, 'no transaction running, nothing to be committed.');
    this.backup = undefined;
  }

  async interfaceChangeRollback(flags: number): Promise<void> {
    checkFlags(flags, 0, 'testInterfaceChangeRollback');
    if (!this.backup) throw testError(ErrorCode.OPERATION_INVALID, 'no transaction running, nothing to rollback.');
    this.ifaces = this.backup;
    this.backup = undefined;
  }
}
