import { ErrorCode, ListStoragePoolsFlags, StorageVolWipeAlgorithm, hasStorageRole, type StorageVolInfo } from '@virtkit/core';
import { rpcFail } from '../errors.js';
import { STORAGE_VOL_LIST_MAX } from '../protocol/constants.js';
import { REMOTE_STORAGE_POOL_LIST_MAX } from '../protocol/generated/constants.js';
import { firstNames } from './legacy-lists.js';
import { gated } from './role-gate.js';
import { hyperToNumber, numberToHyper } from '../protocol/wire-values.js';
import type { DispatchContext, HandlerTable } from './dispatch.js';


/** The connection's storage role: NO_SUPPORT when the driver has none. Read-only refusals happen before (Procedure.writes). */
const storage = (ctx: DispatchContext) => ctx.connection().storage();

/** remote_storage_vol_get_info_ret from the contract's StorageVolInfo. */
function volInfo(i: StorageVolInfo) {
  return { type: i.type, capacity: numberToHyper(i.capacity), allocation: numberToHyper(i.allocation) };
}

const poolNames = async (ctx: DispatchContext, flags: number) => (await ctx.connection().listAllStoragePools(flags)).map((p) => p.name);

/** The older num/list calls virsh falls back to: active pools, and defined (inactive) ones. */
const legacyPoolLists: HandlerTable = gated(hasStorageRole, {
  CONNECT_NUM_OF_STORAGE_POOLS: async (ctx) => ({ num: (await poolNames(ctx, ListStoragePoolsFlags.ACTIVE)).length }),
  CONNECT_LIST_STORAGE_POOLS: async (ctx, a) => ({ names: firstNames(await poolNames(ctx, ListStoragePoolsFlags.ACTIVE), a.maxnames, REMOTE_STORAGE_POOL_LIST_MAX) }),
  CONNECT_NUM_OF_DEFINED_STORAGE_POOLS: async (ctx) => ({ num: (await poolNames(ctx, ListStoragePoolsFlags.INACTIVE)).length }),
  CONNECT_LIST_DEFINED_STORAGE_POOLS: async (ctx, a) => ({ names: firstNames(await poolNames(ctx, ListStoragePoolsFlags.INACTIVE), a.maxnames, REMOTE_STORAGE_POOL_LIST_MAX) }),
});

/**
 * The storage procedures: pools, volumes, and the two stream calls. An
 * upload's REPLY goes out once the driver asks for data; a download's once
 * the driver has opened the volume; the stream follows on the call's serial.
 */
export const storageHandlers: HandlerTable = {
  ...legacyPoolLists,
  CONNECT_LIST_ALL_STORAGE_POOLS: async (ctx, a) => {
    const pools = (await ctx.connection().listAllStoragePools(a.flags)).map((p) => p.driverRef);
    return { pools: a.need_results ? pools : [], ret: pools.length };
  },
  STORAGE_POOL_LOOKUP_BY_NAME: async (ctx, a) => ({ pool: await storage(ctx).storagePoolLookupByName(a.name) }),
  STORAGE_POOL_LOOKUP_BY_UUID: async (ctx, a) => ({ pool: await storage(ctx).storagePoolLookupByUuid(a.uuid) }),
  STORAGE_POOL_LOOKUP_BY_VOLUME: async (ctx, a) => ({ pool: await storage(ctx).storagePoolLookupByVolume(a.vol) }),
  STORAGE_POOL_CREATE_XML: async (ctx, a) => ({ pool: (await ctx.connection().createStoragePool(a.xml, a.flags)).driverRef }),
  STORAGE_POOL_DEFINE_XML: async (ctx, a) => ({ pool: (await ctx.connection().defineStoragePool(a.xml, a.flags)).driverRef }),
  STORAGE_POOL_CREATE: async (ctx, a) => { await storage(ctx).storagePoolCreate(a.pool, a.flags); },
  STORAGE_POOL_BUILD: async (ctx, a) => { await storage(ctx).storagePoolBuild(a.pool, a.flags); },
  STORAGE_POOL_DESTROY: async (ctx, a) => { await storage(ctx).storagePoolDestroy(a.pool); },
  STORAGE_POOL_DELETE: async (ctx, a) => { await storage(ctx).storagePoolDelete(a.pool, a.flags); },
  STORAGE_POOL_UNDEFINE: async (ctx, a) => { await storage(ctx).storagePoolUndefine(a.pool); },
  STORAGE_POOL_REFRESH: async (ctx, a) => { await storage(ctx).storagePoolRefresh(a.pool, a.flags); },
  STORAGE_POOL_GET_INFO: async (ctx, a) => {
    const i = await storage(ctx).storagePoolGetInfo(a.pool);
    return { state: i.state, capacity: numberToHyper(i.capacity), allocation: numberToHyper(i.allocation), available: numberToHyper(i.available) };
  },
  STORAGE_POOL_GET_XML_DESC: async (ctx, a) => ({ xml: await storage(ctx).storagePoolGetXmlDesc(a.pool, a.flags) }),
  STORAGE_POOL_GET_AUTOSTART: async (ctx, a) => ({ autostart: (await storage(ctx).storagePoolGetAutostart(a.pool)) ? 1 : 0 }),
  STORAGE_POOL_SET_AUTOSTART: async (ctx, a) => { await storage(ctx).storagePoolSetAutostart(a.pool, a.autostart !== 0); },
  STORAGE_POOL_IS_ACTIVE: async (ctx, a) => ({ active: (await storage(ctx).storagePoolIsActive(a.pool)) ? 1 : 0 }),
  STORAGE_POOL_IS_PERSISTENT: async (ctx, a) => ({ persistent: (await storage(ctx).storagePoolIsPersistent(a.pool)) ? 1 : 0 }),
  STORAGE_POOL_NUM_OF_VOLUMES: async (ctx, a) => ({ num: (await storage(ctx).storagePoolListVolumes(a.pool, 0)).length }),
  STORAGE_POOL_LIST_VOLUMES: async (ctx, a) => {
    return { names: firstNames((await storage(ctx).storagePoolListVolumes(a.pool, 0)).map((v) => v.name), a.maxnames, STORAGE_VOL_LIST_MAX) };
  },
  STORAGE_POOL_LIST_ALL_VOLUMES: async (ctx, a) => {
    const vols = await storage(ctx).storagePoolListVolumes(a.pool, a.flags);
    return { vols: a.need_results ? vols : [], ret: vols.length };
  },
  STORAGE_VOL_LOOKUP_BY_NAME: async (ctx, a) => ({ vol: await storage(ctx).storageVolLookupByName(a.pool, a.name) }),
  STORAGE_VOL_LOOKUP_BY_KEY: async (ctx, a) => ({ vol: await storage(ctx).storageVolLookupByKey(a.key) }),
  STORAGE_VOL_LOOKUP_BY_PATH: async (ctx, a) => ({ vol: await storage(ctx).storageVolLookupByPath(a.path) }),
  STORAGE_VOL_CREATE_XML: async (ctx, a) => ({ vol: await storage(ctx).storageVolCreateXml(a.pool, a.xml, a.flags) }),
  STORAGE_VOL_CREATE_XML_FROM: async (ctx, a) => ({ vol: await storage(ctx).storageVolCreateXmlFrom(a.pool, a.xml, a.clonevol, a.flags) }),
  STORAGE_VOL_DELETE: async (ctx, a) => { await storage(ctx).storageVolDelete(a.vol, a.flags); },
  STORAGE_VOL_WIPE: async (ctx, a) => { await storage(ctx).storageVolWipe(a.vol, StorageVolWipeAlgorithm.ZERO, a.flags); },
  STORAGE_VOL_WIPE_PATTERN: async (ctx, a) => { await storage(ctx).storageVolWipe(a.vol, a.algorithm, a.flags); },
  STORAGE_VOL_RESIZE: async (ctx, a) => { await storage(ctx).storageVolResize(a.vol, hyperToNumber(a.capacity), a.flags); },
  STORAGE_VOL_GET_INFO: async (ctx, a) => volInfo(await storage(ctx).storageVolGetInfo(a.vol)),
  STORAGE_VOL_GET_INFO_FLAGS: async (ctx, a) => {
    if (a.flags !== 0) throw rpcFail(ErrorCode.INVALID_ARG, `unsupported flags (0x${a.flags.toString(16)}) in function virStorageVolGetInfoFlags`);
    return volInfo(await storage(ctx).storageVolGetInfo(a.vol));
  },
  STORAGE_VOL_GET_XML_DESC: async (ctx, a) => ({ xml: await storage(ctx).storageVolGetXmlDesc(a.vol, a.flags) }),
  STORAGE_VOL_GET_PATH: async (ctx, a) => ({ name: await storage(ctx).storageVolGetPath(a.vol) }),
  STORAGE_VOL_UPLOAD: async (ctx, a, call) => {
    const s = storage(ctx);
    await ctx.streams.receive(call, (chunks) => s.storageVolUpload(a.vol, hyperToNumber(a.offset), hyperToNumber(a.length), a.flags, chunks));
  },
  STORAGE_VOL_DOWNLOAD: async (ctx, a, call) => {
    ctx.streams.send(call, await storage(ctx).storageVolDownload(a.vol, hyperToNumber(a.offset), hyperToNumber(a.length), a.flags));
  },
};
