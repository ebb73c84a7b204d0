import { DomainEventId, type PublicDomainEvent } from '@virtkit/core';
import { EventMsg } from '../protocol/procedures.js';
import { encodeWith } from '../xdr/codec.js';

/**
 * A domain event other than a lifecycle change as the CALLBACK message
 * libvirtd sends to one registration (remoteRelayDomainEvent*): the event
 * number and its encoded body. The callback's eventID is the event's id.
 */
export function domainEventMessage(callbackID: number, e: PublicDomainEvent): { proc: number; body: Buffer } {
  const dom = e.domain.driverRef;
  switch (e.id) {
    case DomainEventId.REBOOT:
      return { proc: EventMsg.DOMAIN_EVENT_CALLBACK_REBOOT.proc, body: encodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_REBOOT.msg, { callbackID, msg: { dom } }) };
    case DomainEventId.DEVICE_REMOVED:
      return { proc: EventMsg.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED.proc, body: encodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED.msg, { callbackID, msg: { dom, devAlias: e.devAlias } }) };
    case DomainEventId.DEVICE_ADDED:
      return { proc: EventMsg.DOMAIN_EVENT_CALLBACK_DEVICE_ADDED.proc, body: encodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_DEVICE_ADDED.msg, { callbackID, dom, devAlias: e.devAlias }) };
    case DomainEventId.METADATA_CHANGE:
      return { proc: EventMsg.DOMAIN_EVENT_CALLBACK_METADATA_CHANGE.proc, body: encodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_METADATA_CHANGE.msg, { callbackID, dom, type: e.type, nsuri: e.nsuri }) };
  }
}
