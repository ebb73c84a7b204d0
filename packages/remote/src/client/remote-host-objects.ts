import type {
  InterfaceRef, InterfaceRole, NWFilterBindingRef, NWFilterBindingRole, NWFilterRef, NWFilterRole, NodeDeviceRole, SecretRef, SecretRole,
} from '@virtkit/core';
import { ErrorCode } from '@virtkit/core';
import { remoteFail } from '../errors.js';
import type { RpcClient } from './rpc-client.js';

/** The InterfaceRole as REMOTE procedures (remote_nonnull_interface is the contract's InterfaceRef). */
export class RemoteInterfaces implements InterfaceRole {
  constructor(private readonly rpc: RpcClient) {}

  async listInterfaces(flags: number): Promise<InterfaceRef[]> { return (await this.rpc.call('CONNECT_LIST_ALL_INTERFACES', { need_results: 1, flags })).ifaces; }
  async interfaceLookupByName(name: string): Promise<InterfaceRef> { return (await this.rpc.call('INTERFACE_LOOKUP_BY_NAME', { name })).iface; }
  async interfaceLookupByMac(mac: string): Promise<InterfaceRef> { return (await this.rpc.call('INTERFACE_LOOKUP_BY_MAC_STRING', { mac })).iface; }
  async interfaceDefineXml(xml: string, flags: number): Promise<InterfaceRef> { return (await this.rpc.call('INTERFACE_DEFINE_XML', { xml, flags })).iface; }
  async interfaceUndefine(iface: InterfaceRef): Promise<void> { await this.rpc.call('INTERFACE_UNDEFINE', { iface }); }
  async interfaceCreate(iface: InterfaceRef, flags: number): Promise<void> { await this.rpc.call('INTERFACE_CREATE', { iface, flags }); }
  async interfaceDestroy(iface: InterfaceRef, flags: number): Promise<void> { await this.rpc.call('INTERFACE_DESTROY', { iface, flags }); }
  async interfaceGetXmlDesc(iface: InterfaceRef, flags: number): Promise<string> { return (await this.rpc.call('INTERFACE_GET_XML_DESC', { iface, flags })).xml; }
  async interfaceIsActive(iface: InterfaceRef): Promise<boolean> { return (await this.rpc.call('INTERFACE_IS_ACTIVE', { iface })).active !== 0; }
  async interfaceChangeBegin(flags: number): Promise<void> { await this.rpc.call('INTERFACE_CHANGE_BEGIN', { flags }); }
  async interfaceChangeCommit(flags: number): Promise<void> { await this.rpc.call('INTERFACE_CHANGE_COMMIT', { flags }); }
  async interfaceChangeRollback(flags: number): Promise<void> { await this.rpc.call('INTERFACE_CHANGE_ROLLBACK', { flags }); }
}

/** The NodeDeviceRole as REMOTE procedures (remote_nonnull_node_device is the device's name). */
export class RemoteNodeDevices implements NodeDeviceRole {
  constructor(private readonly rpc: RpcClient) {}

  async listNodeDevices(flags: number): Promise<string[]> { return (await this.rpc.call('CONNECT_LIST_ALL_NODE_DEVICES', { need_results: 1, flags })).devices.map((d) => d.name); }
  async nodeDeviceLookupByName(name: string): Promise<string> { return (await this.rpc.call('NODE_DEVICE_LOOKUP_BY_NAME', { name })).dev.name; }
  async nodeDeviceGetXmlDesc(name: string, flags: number): Promise<string> { return (await this.rpc.call('NODE_DEVICE_GET_XML_DESC', { name, flags })).xml; }
  /** The wire's parent is optional; libvirt's client reports a missing one as the driver does (no parent for this device). */
  async nodeDeviceGetParent(name: string): Promise<string> {
    const parent = (await this.rpc.call('NODE_DEVICE_GET_PARENT', { name })).parentName;
    if (parent === undefined) throw remoteFail(ErrorCode.INTERNAL_ERROR, 'no parent for this device');
    return parent;
  }
  async nodeDeviceListCaps(name: string): Promise<string[]> {
    const { num } = await this.rpc.call('NODE_DEVICE_NUM_OF_CAPS', { name });
    return (await this.rpc.call('NODE_DEVICE_LIST_CAPS', { name, maxnames: num })).names;
  }
  async nodeDeviceCreateXml(xml: string, flags: number): Promise<string> { return (await this.rpc.call('NODE_DEVICE_CREATE_XML', { xml_desc: xml, flags })).dev.name; }
  async nodeDeviceDestroy(name: string): Promise<void> { await this.rpc.call('NODE_DEVICE_DESTROY', { name }); }
  async nodeDeviceIsActive(name: string): Promise<boolean> { return (await this.rpc.call('NODE_DEVICE_IS_ACTIVE', { name })).active !== 0; }
  async nodeDeviceIsPersistent(name: string): Promise<boolean> { return (await this.rpc.call('NODE_DEVICE_IS_PERSISTENT', { name })).persistent !== 0; }
}

/** remote_nonnull_secret ↔ the contract's SecretRef (usageID ↔ usageId). */
type WireSecret = { uuid: string; usageType: number; usageID: string };
const secretRef = (w: WireSecret): SecretRef => ({ uuid: w.uuid, usageType: w.usageType, usageId: w.usageID });
const wireSecret = (s: SecretRef): WireSecret => ({ uuid: s.uuid, usageType: s.usageType, usageID: s.usageId });

/** The SecretRole as REMOTE procedures. */
export class RemoteSecrets implements SecretRole {
  constructor(private readonly rpc: RpcClient) {}

  async listSecrets(flags: number): Promise<SecretRef[]> { return (await this.rpc.call('CONNECT_LIST_ALL_SECRETS', { need_results: 1, flags })).secrets.map(secretRef); }
  async secretLookupByUuid(uuid: string): Promise<SecretRef> { return secretRef((await this.rpc.call('SECRET_LOOKUP_BY_UUID', { uuid })).secret); }
  async secretLookupByUsage(usageType: number, usageId: string): Promise<SecretRef> { return secretRef((await this.rpc.call('SECRET_LOOKUP_BY_USAGE', { usageType, usageID: usageId })).secret); }
  async secretDefineXml(xml: string, flags: number): Promise<SecretRef> { return secretRef((await this.rpc.call('SECRET_DEFINE_XML', { xml, flags })).secret); }
  async secretUndefine(secret: SecretRef): Promise<void> { await this.rpc.call('SECRET_UNDEFINE', { secret: wireSecret(secret) }); }
  async secretGetXmlDesc(secret: SecretRef, flags: number): Promise<string> { return (await this.rpc.call('SECRET_GET_XML_DESC', { secret: wireSecret(secret), flags })).xml; }
  async secretGetValue(secret: SecretRef, flags: number): Promise<Uint8Array> { return (await this.rpc.call('SECRET_GET_VALUE', { secret: wireSecret(secret), flags })).value; }
  async secretSetValue(secret: SecretRef, value: Uint8Array, flags: number): Promise<void> { await this.rpc.call('SECRET_SET_VALUE', { secret: wireSecret(secret), value, flags }); }
}

/** remote_nonnull_nwfilter_binding ↔ the contract's NWFilterBindingRef (filtername ↔ filter). */
type WireBinding = { portdev: string; filtername: string };
const bindingRef = (w: WireBinding): NWFilterBindingRef => ({ portdev: w.portdev, filter: w.filtername });
const wireBinding = (b: NWFilterBindingRef): WireBinding => ({ portdev: b.portdev, filtername: b.filter });

/** The NWFilterRole and NWFilterBindingRole (declared together) as REMOTE procedures. */
export class RemoteNWFilters implements NWFilterRole, NWFilterBindingRole {
  constructor(private readonly rpc: RpcClient) {}

  async listNWFilters(flags: number): Promise<NWFilterRef[]> { return (await this.rpc.call('CONNECT_LIST_ALL_NWFILTERS', { need_results: 1, flags })).filters; }
  async nwfilterLookupByName(name: string): Promise<NWFilterRef> { return (await this.rpc.call('NWFILTER_LOOKUP_BY_NAME', { name })).nwfilter; }
  async nwfilterLookupByUuid(uuid: string): Promise<NWFilterRef> { return (await this.rpc.call('NWFILTER_LOOKUP_BY_UUID', { uuid })).nwfilter; }
  async nwfilterDefineXml(xml: string, flags: number): Promise<NWFilterRef> {
    return flags === 0 ? (await this.rpc.call('NWFILTER_DEFINE_XML', { xml })).nwfilter : (await this.rpc.call('NWFILTER_DEFINE_XML_FLAGS', { xml, flags })).nwfilter;
  }
  async nwfilterUndefine(filter: NWFilterRef): Promise<void> { await this.rpc.call('NWFILTER_UNDEFINE', { nwfilter: filter }); }
  async nwfilterGetXmlDesc(filter: NWFilterRef, flags: number): Promise<string> { return (await this.rpc.call('NWFILTER_GET_XML_DESC', { nwfilter: filter, flags })).xml; }
  async listNWFilterBindings(flags: number): Promise<NWFilterBindingRef[]> {
    return (await this.rpc.call('CONNECT_LIST_ALL_NWFILTER_BINDINGS', { need_results: 1, flags })).bindings.map(bindingRef);
  }
  async nwfilterBindingLookupByPortDev(portdev: string): Promise<NWFilterBindingRef> { return bindingRef((await this.rpc.call('NWFILTER_BINDING_LOOKUP_BY_PORT_DEV', { name: portdev })).nwfilter); }
  async nwfilterBindingCreateXml(xml: string, flags: number): Promise<NWFilterBindingRef> { return bindingRef((await this.rpc.call('NWFILTER_BINDING_CREATE_XML', { xml, flags })).nwfilter); }
  async nwfilterBindingDelete(binding: NWFilterBindingRef): Promise<void> { await this.rpc.call('NWFILTER_BINDING_DELETE', { nwfilter: wireBinding(binding) }); }
  async nwfilterBindingGetXmlDesc(binding: NWFilterBindingRef, flags: number): Promise<string> { return (await this.rpc.call('NWFILTER_BINDING_GET_XML_DESC', { nwfilter: wireBinding(binding), flags })).xml; }
}
