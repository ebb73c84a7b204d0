import {
  Interface, ListInterfacesFlags, NODE_DEVICE_CAP_TYPES, NWFilter, NWFilterBinding, NodeDevice, Secret, checkFlags,
  hasInterfaceRole, hasNWFilterRole, hasNodeDeviceRole, hasSecretRole, type Connection,
} from '@virtkit/core';
import {
  REMOTE_INTERFACE_LIST_MAX, REMOTE_NODE_DEVICE_CAPS_LIST_MAX, REMOTE_NODE_DEVICE_LIST_MAX, REMOTE_NWFILTER_LIST_MAX, REMOTE_SECRET_LIST_MAX,
} from '../protocol/constants.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';
import { firstNames } from './legacy-lists.js';
import { gated } from './role-gate.js';

const conn = (ctx: DispatchContext): Connection => ctx.connection();

/** remote_nonnull_interface is the contract's InterfaceRef. */
const iface = (ctx: DispatchContext, w: { name: string; mac: string }) => new Interface(conn(ctx), w);
const ifaceNames = async (ctx: DispatchContext, flags: number) => (await Interface.listAll(conn(ctx), flags)).map((i) => i.name);

/** The interface procedures; the older num/list pairs count active and defined (inactive) interfaces. */
const interfaceTable: HandlerTable = {
  CONNECT_LIST_ALL_INTERFACES: async (ctx, a) => {
    const refs = (await Interface.listAll(conn(ctx), a.flags)).map((i) => i.driverRef);
    return { ifaces: a.need_results ? refs : [], ret: refs.length };
  },
  CONNECT_NUM_OF_INTERFACES: async (ctx) => ({ num: (await ifaceNames(ctx, ListInterfacesFlags.ACTIVE)).length }),
  CONNECT_LIST_INTERFACES: async (ctx, a) => ({ names: firstNames(await ifaceNames(ctx, ListInterfacesFlags.ACTIVE), a.maxnames, REMOTE_INTERFACE_LIST_MAX) }),
  CONNECT_NUM_OF_DEFINED_INTERFACES: async (ctx) => ({ num: (await ifaceNames(ctx, ListInterfacesFlags.INACTIVE)).length }),
  CONNECT_LIST_DEFINED_INTERFACES: async (ctx, a) => ({ names: firstNames(await ifaceNames(ctx, ListInterfacesFlags.INACTIVE), a.maxnames, REMOTE_INTERFACE_LIST_MAX) }),
  INTERFACE_LOOKUP_BY_NAME: async (ctx, a) => ({ iface: (await Interface.lookupByName(conn(ctx), a.name)).driverRef }),
  INTERFACE_LOOKUP_BY_MAC_STRING: async (ctx, a) => ({ iface: (await Interface.lookupByMac(conn(ctx), a.mac)).driverRef }),
  INTERFACE_DEFINE_XML: async (ctx, a) => ({ iface: (await Interface.define(conn(ctx), a.xml, a.flags)).driverRef }),
  INTERFACE_UNDEFINE: async (ctx, a) => { await iface(ctx, a.iface).undefine(); },
  INTERFACE_CREATE: async (ctx, a) => { await iface(ctx, a.iface).start(a.flags); },
  INTERFACE_DESTROY: async (ctx, a) => { await iface(ctx, a.iface).destroy(a.flags); },
  INTERFACE_GET_XML_DESC: async (ctx, a) => ({ xml: await iface(ctx, a.iface).getXmlDesc(a.flags) }),
  INTERFACE_IS_ACTIVE: async (ctx, a) => ({ active: (await iface(ctx, a.iface).isActive()) ? 1 : 0 }),
  INTERFACE_CHANGE_BEGIN: async (ctx, a) => { await Interface.changeBegin(conn(ctx), a.flags); },
  INTERFACE_CHANGE_COMMIT: async (ctx, a) => { await Interface.changeCommit(conn(ctx), a.flags); },
  INTERFACE_CHANGE_ROLLBACK: async (ctx, a) => { await Interface.changeRollback(conn(ctx), a.flags); },
};

/**
 * virNodeNumOfDevices / virNodeListDevices: devices with capability `cap`
 * (all without one; none for a name libvirt does not know, as its
 * virNodeDeviceObjHasCapStr), flags 0.
 */
async function devicesWithCap(ctx: DispatchContext, cap: string | undefined, flags: number, api: string): Promise<string[]> {
  checkFlags(flags, 0, api);
  if (cap === undefined) return (await NodeDevice.listAll(conn(ctx), 0)).map((d) => d.name);
  const bit = NODE_DEVICE_CAP_TYPES.indexOf(cap);
  return bit < 0 ? [] : (await NodeDevice.listAll(conn(ctx), 1 << bit)).map((d) => d.name);
}

const dev = (ctx: DispatchContext, name: string) => new NodeDevice(conn(ctx), name);

/** The node device procedures the contract's NodeDeviceRole serves (remote_nonnull_node_device is the device's name). */
const nodeDeviceTable: HandlerTable = {
  CONNECT_LIST_ALL_NODE_DEVICES: async (ctx, a) => {
    const devs = (await NodeDevice.listAll(conn(ctx), a.flags)).map((d) => ({ name: d.name }));
    return { devices: a.need_results ? devs : [], ret: devs.length };
  },
  NODE_NUM_OF_DEVICES: async (ctx, a) => ({ num: (await devicesWithCap(ctx, a.cap, a.flags, 'virNodeNumOfDevices')).length }),
  NODE_LIST_DEVICES: async (ctx, a) => ({ names: firstNames(await devicesWithCap(ctx, a.cap, a.flags, 'virNodeListDevices'), a.maxnames, REMOTE_NODE_DEVICE_LIST_MAX) }),
  NODE_DEVICE_LOOKUP_BY_NAME: async (ctx, a) => ({ dev: { name: (await NodeDevice.lookupByName(conn(ctx), a.name)).name } }),
  NODE_DEVICE_GET_XML_DESC: async (ctx, a) => ({ xml: await dev(ctx, a.name).getXmlDesc(a.flags) }),
  /**
   * As libvirtd: the device must exist (NO_NODE_DEVICE otherwise), but a
   * parent the driver cannot give (a root device) goes out as none, not as
   * the driver's error; libvirt's client then reports it.
   */
  NODE_DEVICE_GET_PARENT: async (ctx, a) => {
    const d = await NodeDevice.lookupByName(conn(ctx), a.name);
    return { parentName: await d.getParent().catch(() => undefined) };
  },
  NODE_DEVICE_NUM_OF_CAPS: async (ctx, a) => ({ num: (await dev(ctx, a.name).listCaps()).length }),
  NODE_DEVICE_LIST_CAPS: async (ctx, a) => ({ names: firstNames(await dev(ctx, a.name).listCaps(), a.maxnames, REMOTE_NODE_DEVICE_CAPS_LIST_MAX) }),
  NODE_DEVICE_CREATE_XML: async (ctx, a) => ({ dev: { name: (await NodeDevice.create(conn(ctx), a.xml_desc, a.flags)).name } }),
  NODE_DEVICE_DESTROY: async (ctx, a) => { await dev(ctx, a.name).destroy(); },
  NODE_DEVICE_IS_ACTIVE: async (ctx, a) => ({ active: (await dev(ctx, a.name).isActive()) ? 1 : 0 }),
  NODE_DEVICE_IS_PERSISTENT: async (ctx, a) => ({ persistent: (await dev(ctx, a.name).isPersistent()) ? 1 : 0 }),
};

/** remote_nonnull_secret ↔ the contract's SecretRef (usageID ↔ usageId). */
type WireSecret = { uuid: string; usageType: number; usageID: string };
const wireSecret = (s: Secret): WireSecret => ({ uuid: s.uuid, usageType: s.usageType, usageID: s.usageId });
const secret = (ctx: DispatchContext, w: WireSecret) => new Secret(conn(ctx), { uuid: w.uuid, usageType: w.usageType, usageId: w.usageID });

/** The secret procedures; values travel as bytes, never in XML. */
const secretTable: HandlerTable = {
  CONNECT_LIST_ALL_SECRETS: async (ctx, a) => {
    const refs = (await Secret.listAll(conn(ctx), a.flags)).map(wireSecret);
    return { secrets: a.need_results ? refs : [], ret: refs.length };
  },
  CONNECT_NUM_OF_SECRETS: async (ctx) => ({ num: (await Secret.listAll(conn(ctx), 0)).length }),
  CONNECT_LIST_SECRETS: async (ctx, a) => ({ uuids: firstNames((await Secret.listAll(conn(ctx), 0)).map((s) => s.uuid), a.maxuuids, REMOTE_SECRET_LIST_MAX, 'maxuuids') }),
  SECRET_LOOKUP_BY_UUID: async (ctx, a) => ({ secret: wireSecret(await Secret.lookupByUuid(conn(ctx), a.uuid)) }),
  SECRET_LOOKUP_BY_USAGE: async (ctx, a) => ({ secret: wireSecret(await Secret.lookupByUsage(conn(ctx), a.usageType, a.usageID)) }),
  SECRET_DEFINE_XML: async (ctx, a) => ({ secret: wireSecret(await Secret.define(conn(ctx), a.xml, a.flags)) }),
  SECRET_UNDEFINE: async (ctx, a) => { await secret(ctx, a.secret).undefine(); },
  SECRET_GET_XML_DESC: async (ctx, a) => ({ xml: await secret(ctx, a.secret).getXmlDesc(a.flags) }),
  SECRET_GET_VALUE: async (ctx, a) => ({ value: await secret(ctx, a.secret).getValue(a.flags) }),
  SECRET_SET_VALUE: async (ctx, a) => { await secret(ctx, a.secret).setValue(a.value, a.flags); },
};

/** remote_nonnull_nwfilter_binding ↔ the contract's NWFilterBindingRef (filtername ↔ filter). */
type WireBinding = { portdev: string; filtername: string };
const wireBinding = (b: NWFilterBinding): WireBinding => ({ portdev: b.portdev, filtername: b.filterName });
const binding = (ctx: DispatchContext, w: WireBinding) => new NWFilterBinding(conn(ctx), { portdev: w.portdev, filter: w.filtername });
const filter = (ctx: DispatchContext, w: { name: string; uuid: string }) => new NWFilter(conn(ctx), w);

/** The network filter and binding procedures (remote_nonnull_nwfilter is the contract's NWFilterRef). */
const nwfilterTable: HandlerTable = {
  CONNECT_LIST_ALL_NWFILTERS: async (ctx, a) => {
    const refs = (await NWFilter.listAll(conn(ctx), a.flags)).map((f) => f.driverRef);
    return { filters: a.need_results ? refs : [], ret: refs.length };
  },
  CONNECT_NUM_OF_NWFILTERS: async (ctx) => ({ num: (await NWFilter.listAll(conn(ctx), 0)).length }),
  CONNECT_LIST_NWFILTERS: async (ctx, a) => ({ names: firstNames((await NWFilter.listAll(conn(ctx), 0)).map((f) => f.name), a.maxnames, REMOTE_NWFILTER_LIST_MAX) }),
  NWFILTER_LOOKUP_BY_NAME: async (ctx, a) => ({ nwfilter: (await NWFilter.lookupByName(conn(ctx), a.name)).driverRef }),
  NWFILTER_LOOKUP_BY_UUID: async (ctx, a) => ({ nwfilter: (await NWFilter.lookupByUuid(conn(ctx), a.uuid)).driverRef }),
  NWFILTER_DEFINE_XML: async (ctx, a) => ({ nwfilter: (await NWFilter.define(conn(ctx), a.xml, 0)).driverRef }),
  NWFILTER_DEFINE_XML_FLAGS: async (ctx, a) => ({ nwfilter: (await NWFilter.define(conn(ctx), a.xml, a.flags)).driverRef }),
  NWFILTER_UNDEFINE: async (ctx, a) => { await filter(ctx, a.nwfilter).undefine(); },
  NWFILTER_GET_XML_DESC: async (ctx, a) => ({ xml: await filter(ctx, a.nwfilter).getXmlDesc(a.flags) }),
  CONNECT_LIST_ALL_NWFILTER_BINDINGS: async (ctx, a) => {
    const refs = (await NWFilterBinding.listAll(conn(ctx), a.flags)).map(wireBinding);
    return { bindings: a.need_results ? refs : [], ret: refs.length };
  },
  NWFILTER_BINDING_LOOKUP_BY_PORT_DEV: async (ctx, a) => ({ nwfilter: wireBinding(await NWFilterBinding.lookupByPortDev(conn(ctx), a.name)) }),
  NWFILTER_BINDING_CREATE_XML: async (ctx, a) => ({ nwfilter: wireBinding(await NWFilterBinding.create(conn(ctx), a.xml, a.flags)) }),
  NWFILTER_BINDING_DELETE: async (ctx, a) => { await binding(ctx, a.nwfilter).delete(); },
  NWFILTER_BINDING_GET_XML_DESC: async (ctx, a) => ({ xml: await binding(ctx, a.nwfilter).getXmlDesc(a.flags) }),
};

/** Host interfaces, node devices, secrets and network filters; NO_SUPPORT (as libvirtd) for a driver without the role. */
export const hostObjectHandlers: HandlerTable = {
  ...gated(hasInterfaceRole, interfaceTable),
  ...gated(hasNodeDeviceRole, nodeDeviceTable),
  ...gated(hasSecretRole, secretTable),
  ...gated(hasNWFilterRole, nwfilterTable),
};
