import { normalizeUuid } from '@virtkit/core';
import { type Codec, xdrFixedOpaque, xdrMap } from '../xdr/codec.js';

/**
 * remote_uuid (`opaque[VIR_UUID_BUFLEN]`) as libvirt's canonical text form,
 * the form every API and driver uses: the 16 raw bytes on the wire.
 */
export const uuid: Codec<string> = xdrMap(
  xdrFixedOpaque(16),
  (b) => normalizeUuid(Buffer.from(b).toString('hex')),
  (s) => Buffer.from(normalizeUuid(s).replace(/-/g, ''), 'hex'),
);
