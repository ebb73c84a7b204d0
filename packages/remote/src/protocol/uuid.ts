import { normalizeUuid } from '@virtkit/core';
import { type Codec, xdrFixedOpaque, xdrMap } from '../xdr/codec.js';

/**
 * remote_uuid (`opaque[VIR_UUID_BUFLEN]`) as libvirt's canonical text form,
 * the form every API and driver uses: the 16 raw bytes on the wire.
 */
export const uuid: Codec<string> = xdrMap(xdrFixedOpaque(16), uuidText, uuidBytes);

/** The 16 bytes as canonical text (any 16 bytes are a UUID). */
function uuidText(b: Uint8Array): string {
  const h = Buffer.from(b.buffer, b.byteOffset, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Text to the 16 bytes. Every handle carries the canonical form, which is
 * taken apart without normalising; anything else goes through core's
 * normalizeUuid (which refuses what is not a UUID).
 */
function uuidBytes(s: string): Uint8Array {
  const canonical = CANONICAL.test(s) ? s : normalizeUuid(s);
  return Buffer.from(canonical.slice(0, 8) + canonical.slice(9, 13) + canonical.slice(14, 18) + canonical.slice(19, 23) + canonical.slice(24), 'hex');
}
