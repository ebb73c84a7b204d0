import type { HandlerTable } from './dispatch.js';

/** Network and storage pool event registrations; the events themselves go out as MESSAGEs (object-event-callbacks.ts). */
export const objectEventHandlers: HandlerTable = {
  CONNECT_NETWORK_EVENT_REGISTER_ANY: async (ctx, a) => ({ callbackID: ctx.objectEvents.registerNetwork(ctx.connection(), a.eventID, a.net?.uuid) }),
  CONNECT_NETWORK_EVENT_DEREGISTER_ANY: async (ctx, a) => { ctx.objectEvents.deregister('network', a.callbackID); },
  CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY: async (ctx, a) => ({ callbackID: ctx.objectEvents.registerStoragePool(ctx.connection(), a.eventID, a.pool?.uuid) }),
  CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY: async (ctx, a) => { ctx.objectEvents.deregister('storage pool', a.callbackID); },
};
