import { ListNetworksFlags, hasNetworkRole } from '@virtkit/core';
import { REMOTE_NETWORK_LIST_MAX } from '../protocol/generated/constants.js';
import { numberToHyper } from '../protocol/wire-values.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';
import { firstNames } from './legacy-lists.js';
import { gated } from './role-gate.js';

const nets = (ctx: DispatchContext) => ctx.connection().networks();

const networkNames = async (ctx: DispatchContext, flags: number) => (await ctx.connection().listAllNetworks(flags)).map((n) => n.name);

/** The older num/list calls virsh falls back to: active networks, and defined (inactive) ones. */
const legacyNetworkLists: HandlerTable = gated(hasNetworkRole, {
  CONNECT_NUM_OF_NETWORKS: async (ctx) => ({ num: (await networkNames(ctx, ListNetworksFlags.ACTIVE)).length }),
  CONNECT_LIST_NETWORKS: async (ctx, a) => ({ names: firstNames(await networkNames(ctx, ListNetworksFlags.ACTIVE), a.maxnames, REMOTE_NETWORK_LIST_MAX) }),
  CONNECT_NUM_OF_DEFINED_NETWORKS: async (ctx) => ({ num: (await networkNames(ctx, ListNetworksFlags.INACTIVE)).length }),
  CONNECT_LIST_DEFINED_NETWORKS: async (ctx, a) => ({ names: firstNames(await networkNames(ctx, ListNetworksFlags.INACTIVE), a.maxnames, REMOTE_NETWORK_LIST_MAX) }),
});

/** The server side of the network procedures: thin calls into the connection's NetworkRole. */
export const networkHandlers: HandlerTable = {
  ...legacyNetworkLists,
  CONNECT_LIST_ALL_NETWORKS: async (ctx, a) => {
    const refs = (await ctx.connection().listAllNetworks(a.flags)).map((n) => n.driverRef);
    return { nets: a.need_results ? refs : [], ret: refs.length };
  },
  NETWORK_LOOKUP_BY_NAME: async (ctx, a) => ({ net: await nets(ctx).networkLookupByName(a.name) }),
  NETWORK_LOOKUP_BY_UUID: async (ctx, a) => ({ net: await nets(ctx).networkLookupByUuid(a.uuid) }),
  NETWORK_DEFINE_XML: async (ctx, a) => ({ net: await nets(ctx).networkDefineXml(a.xml, 0) }),
  NETWORK_DEFINE_XML_FLAGS: async (ctx, a) => ({ net: await nets(ctx).networkDefineXml(a.xml, a.flags) }),
  NETWORK_CREATE_XML: async (ctx, a) => ({ net: await nets(ctx).networkCreateXml(a.xml, 0) }),
  NETWORK_CREATE_XML_FLAGS: async (ctx, a) => ({ net: await nets(ctx).networkCreateXml(a.xml, a.flags) }),
  NETWORK_CREATE: async (ctx, a) => { await nets(ctx).networkCreate(a.net); },
  NETWORK_DESTROY: async (ctx, a) => { await nets(ctx).networkDestroy(a.net); },
  NETWORK_UNDEFINE: async (ctx, a) => { await nets(ctx).networkUndefine(a.net); },
  NETWORK_GET_XML_DESC: async (ctx, a) => ({ xml: await nets(ctx).networkGetXmlDesc(a.net, a.flags) }),
  NETWORK_GET_AUTOSTART: async (ctx, a) => ({ autostart: (await nets(ctx).networkGetAutostart(a.net)) ? 1 : 0 }),
  NETWORK_SET_AUTOSTART: async (ctx, a) => { await nets(ctx).networkSetAutostart(a.net, a.autostart !== 0); },
  NETWORK_GET_BRIDGE_NAME: async (ctx, a) => ({ name: await nets(ctx).networkGetBridgeName(a.net) }),
  NETWORK_IS_ACTIVE: async (ctx, a) => ({ active: (await nets(ctx).networkIsActive(a.net)) ? 1 : 0 }),
  NETWORK_IS_PERSISTENT: async (ctx, a) => ({ persistent: (await nets(ctx).networkIsPersistent(a.net)) ? 1 : 0 }),
  NETWORK_UPDATE: async (ctx, a) => { await nets(ctx).networkUpdate(a.net, a.command, a.section, a.parentIndex, a.xml, a.flags); },
  NETWORK_GET_DHCP_LEASES: async (ctx, a) => {
    const leases = (await nets(ctx).networkGetDhcpLeases(a.net, a.mac, a.flags)).map((l) => ({
      iface: l.iface, expirytime: numberToHyper(l.expiryTime), type: l.type, mac: l.mac, iaid: l.iaid, ipaddr: l.ipaddr, prefix: l.prefix, hostname: l.hostname, clientid: l.clientid,
    }));
    return { leases: a.need_results ? leases : [], ret: leases.length };
  },
  DOMAIN_INTERFACE_ADDRESSES: async (ctx, a) => ({
    ifaces: (await nets(ctx).domainInterfaceAddresses(a.dom, a.source, a.flags)).map((i) => ({ name: i.name, hwaddr: i.hwaddr, addrs: i.addrs })),
  }),
};
