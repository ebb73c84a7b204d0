import { DomainEventId, type DomainEvent, type DomainRef, type MetadataType, type TypedParams } from '@virtkit/core';
import { encodeWith, decodeWith, type Codec } from '../xdr/codec.js';
import type { EventMessage } from './procedure.js';
import { EventMsg } from './procedures.js';
import { intTypedParam, toTypedParam, typedParamValue, type TypedParam } from './types.js';
import { hyperToNumber, numberToHyper } from './wire-values.js';

/**
 * Every domain event other than a lifecycle change, as the CALLBACK message
 * libvirtd sends to one registration (remoteRelayDomainEvent*) and back:
 * one entry per virDomainEventID, the daemon's encoder and the client's
 * decoder side by side so the two cannot drift apart. A registration's
 * eventID is the event's id.
 */

type Msg<E extends EventMessage<unknown>> = E extends EventMessage<infer M> ? M : never;
/** The event variant of one id (some variants serve several ids, as BLOCK_JOB and BLOCK_JOB_2). */
type Of<I extends DomainEventId> = DomainEvent extends infer E ? (E extends { id: infer J } ? ([I] extends [J] ? E : never) : never) : never;

interface Entry<I extends DomainEventId, E extends EventMessage<unknown>> {
  event: E;
  toWire(callbackID: number, e: Of<I>): Msg<E>;
  fromWire(m: Msg<E>, id: DomainEventId): Of<I>;
}

const entry = <I extends DomainEventId, E extends EventMessage<unknown>>(event: E, toWire: Entry<I, E>['toWire'], fromWire: Entry<I, E>['fromWire']): Entry<I, E> => ({ event, toWire, fromWire });

/** The typed parameters that are ints in libvirt's job statistics (the rest are unsigned long longs). */
const INT_JOB_STATS = new Set(['operation', 'auto_converge_throttle']);

/** Job statistics as libvirt types them on the wire (virDomainGetJobStats, JOB_COMPLETED). */
export function jobStatsToWire(params: TypedParams): TypedParam[] {
  return Object.entries(params).map(([k, v]) => (INT_JOB_STATS.has(k) && typeof v === 'number' ? intTypedParam(k, v) : toTypedParam(k, v)));
}

const paramsToWire = (params: TypedParams): TypedParam[] => Object.entries(params).map(([k, v]) => toTypedParam(k, v));
const paramsFromWire = (params: TypedParam[]): TypedParams => Object.fromEntries(params.map((p) => [p.field, typedParamValue(p)]));

/** The callback messages that wrap a legacy body: `{ callbackID, msg: { dom, … } }`. */
const wrapped = <I extends DomainEventId, B extends { dom: DomainRef }>(
  event: EventMessage<{ callbackID: number; msg: B }>,
  body: (e: Of<I>) => Omit<B, 'dom'>,
  fields: (b: B) => Omit<Of<I>, 'id' | 'domain'>,
) => entry<I, typeof event>(
  event,
  (callbackID, e) => ({ callbackID, msg: { dom: e.domain, ...body(e) } as B }),
  (m, id) => ({ id, domain: m.msg.dom, ...fields(m.msg) }) as unknown as Of<I>,
);

/** PM events carry a reason beside the wrapped body. */
type PmEvent = Of<DomainEventId.PMWAKEUP>;
const pm = <I extends PmEvent['id']>(event: EventMessage<{ callbackID: number; reason: number; msg: { dom: DomainRef } }>) => entry<I, typeof event>(
  event,
  (callbackID, e) => ({ callbackID, reason: (e as PmEvent).reason, msg: { dom: (e as PmEvent).domain } }),
  (m, id) => ({ id, domain: m.msg.dom, reason: m.reason }) as unknown as Of<I>,
);

/** The flat callback messages: `{ callbackID, dom, … }`. */
const flat = <I extends DomainEventId, B extends { callbackID: number; dom: DomainRef }>(
  event: EventMessage<B>,
  body: (e: Of<I>) => Omit<B, 'dom' | 'callbackID'>,
  fields: (b: B) => Omit<Of<I>, 'id' | 'domain'>,
) => entry<I, typeof event>(
  event,
  (callbackID, e) => ({ callbackID, dom: e.domain, ...body(e) } as B),
  (m, id) => ({ id, domain: m.dom, ...fields(m) }) as unknown as Of<I>,
);

const ENTRIES: { [I in DomainEventId]: Entry<I, EventMessage<any>> } = {
  [DomainEventId.REBOOT]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_REBOOT, () => ({}), () => ({})),
  [DomainEventId.RTC_CHANGE]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_RTC_CHANGE, (e) => ({ offset: numberToHyper(e.offset) }), (b) => ({ offset: hyperToNumber(b.offset) })),
  [DomainEventId.WATCHDOG]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_WATCHDOG, (e) => ({ action: e.action }), (b) => ({ action: b.action })),
  [DomainEventId.IO_ERROR]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_IO_ERROR,
    (e) => ({ srcPath: e.srcPath, devAlias: e.devAlias, action: e.action }), (b) => ({ srcPath: b.srcPath, devAlias: b.devAlias, action: b.action })),
  [DomainEventId.GRAPHICS]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_GRAPHICS,
    (e) => ({ phase: e.phase, local: e.local, remote: e.remote, authScheme: e.authScheme, subject: e.subject }),
    (b) => ({ phase: b.phase, local: b.local, remote: b.remote, authScheme: b.authScheme, subject: b.subject })),
  [DomainEventId.IO_ERROR_REASON]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON,
    (e) => ({ srcPath: e.srcPath, devAlias: e.devAlias, action: e.action, reason: e.reason }),
    (b) => ({ srcPath: b.srcPath, devAlias: b.devAlias, action: b.action, reason: b.reason })),
  [DomainEventId.CONTROL_ERROR]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_CONTROL_ERROR, () => ({}), () => ({})),
  [DomainEventId.BLOCK_JOB]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_BLOCK_JOB, (e) => ({ path: e.path, type: e.type, status: e.status }), (b) => ({ path: b.path, type: b.type, status: b.status })),
  [DomainEventId.DISK_CHANGE]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_DISK_CHANGE,
    (e) => ({ oldSrcPath: e.oldSrcPath, newSrcPath: e.newSrcPath, devAlias: e.devAlias, reason: e.reason }),
    (b) => ({ oldSrcPath: b.oldSrcPath, newSrcPath: b.newSrcPath, devAlias: b.devAlias, reason: b.reason })),
  [DomainEventId.TRAY_CHANGE]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_TRAY_CHANGE, (e) => ({ devAlias: e.devAlias, reason: e.reason }), (b) => ({ devAlias: b.devAlias, reason: b.reason })),
  [DomainEventId.PMWAKEUP]: pm(EventMsg.DOMAIN_EVENT_CALLBACK_PMWAKEUP),
  [DomainEventId.PMSUSPEND]: pm(EventMsg.DOMAIN_EVENT_CALLBACK_PMSUSPEND),
  [DomainEventId.BALLOON_CHANGE]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE, (e) => ({ actual: numberToHyper(e.actual) }), (b) => ({ actual: hyperToNumber(b.actual) })),
  [DomainEventId.PMSUSPEND_DISK]: pm(EventMsg.DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK),
  [DomainEventId.DEVICE_REMOVED]: wrapped(EventMsg.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED, (e) => ({ devAlias: e.devAlias }), (b) => ({ devAlias: b.devAlias })),
  [DomainEventId.BLOCK_JOB_2]: flat(EventMsg.DOMAIN_EVENT_BLOCK_JOB_2, (e) => ({ dst: e.path, type: e.type, status: e.status }), (b) => ({ path: b.dst, type: b.type, status: b.status })),
  [DomainEventId.TUNABLE]: flat(EventMsg.DOMAIN_EVENT_CALLBACK_TUNABLE, (e) => ({ params: paramsToWire(e.params) }), (b) => ({ params: paramsFromWire(b.params) })),
  [DomainEventId.AGENT_LIFECYCLE]: flat(EventMsg.DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE, (e) => ({ state: e.state, reason: e.reason }), (b) => ({ state: b.state, reason: b.reason })),
  [DomainEventId.DEVICE_ADDED]: flat(EventMsg.DOMAIN_EVENT_CALLBACK_DEVICE_ADDED, (e) => ({ devAlias: e.devAlias }), (b) => ({ devAlias: b.devAlias })),
  [DomainEventId.MIGRATION_ITERATION]: flat(EventMsg.DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION, (e) => ({ iteration: e.iteration }), (b) => ({ iteration: b.iteration })),
  [DomainEventId.JOB_COMPLETED]: flat(EventMsg.DOMAIN_EVENT_CALLBACK_JOB_COMPLETED, (e) => ({ params: jobStatsToWire(e.params) }), (b) => ({ params: paramsFromWire(b.params) })),
  [DomainEventId.DEVICE_REMOVAL_FAILED]: flat(EventMsg.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED, (e) => ({ devAlias: e.devAlias }), (b) => ({ devAlias: b.devAlias })),
  [DomainEventId.METADATA_CHANGE]: flat(EventMsg.DOMAIN_EVENT_CALLBACK_METADATA_CHANGE, (e) => ({ type: e.type, nsuri: e.nsuri }), (b) => ({ type: b.type as MetadataType, nsuri: b.nsuri })),
  [DomainEventId.BLOCK_THRESHOLD]: flat(EventMsg.DOMAIN_EVENT_BLOCK_THRESHOLD,
    (e) => ({ dev: e.dev, path: e.path, threshold: numberToHyper(e.threshold), excess: numberToHyper(e.excess) }),
    (b) => ({ dev: b.dev, path: b.path, threshold: hyperToNumber(b.threshold), excess: hyperToNumber(b.excess) })),
  [DomainEventId.MEMORY_FAILURE]: flat(EventMsg.DOMAIN_EVENT_MEMORY_FAILURE, (e) => ({ recipient: e.recipient, action: e.action, flags: e.flags }), (b) => ({ recipient: b.recipient, action: b.action, flags: b.flags })),
  [DomainEventId.MEMORY_DEVICE_SIZE_CHANGE]: flat(EventMsg.DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE, (e) => ({ alias: e.alias, size: numberToHyper(e.size) }), (b) => ({ alias: b.alias, size: hyperToNumber(b.size) })),
  [DomainEventId.NIC_MAC_CHANGE]: flat(EventMsg.DOMAIN_EVENT_NIC_MAC_CHANGE, (e) => ({ alias: e.alias, oldMAC: e.oldMAC, newMAC: e.newMAC }), (b) => ({ alias: b.alias, oldMAC: b.oldMAC, newMAC: b.newMAC })),
};

/** The event ids a client registers for, in libvirt's order. */
export const DOMAIN_EVENT_IDS: readonly DomainEventId[] = Object.keys(ENTRIES).map(Number).sort((a, b) => a - b);

/** The CALLBACK message for one registration: its event number and encoded body. */
export function domainEventMessage(callbackID: number, e: DomainEvent): { proc: number; body: Buffer } {
  const en = ENTRIES[e.id] as Entry<DomainEventId, EventMessage<unknown>>;
  return { proc: en.event.proc, body: encodeWith(en.event.msg as Codec<unknown>, en.toWire(callbackID, e as never)) };
}

/** For each event id, the message it arrives in and the decoder to the event (the client's side). */
export function domainEventDecoders(): Array<{ id: DomainEventId; proc: number; decode(body: Buffer): DomainEvent }> {
  return DOMAIN_EVENT_IDS.map((id) => {
    const en = ENTRIES[id] as Entry<DomainEventId, EventMessage<unknown>>;
    return { id, proc: en.event.proc, decode: (body: Buffer) => en.fromWire(decodeWith(en.event.msg as Codec<unknown>, body, 'domain event'), id) };
  });
}
