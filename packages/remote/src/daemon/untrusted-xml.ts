import { screenUntrustedDomainXmlBytes } from '@virtkit/core';
import { STRING_MAX } from '../protocol/constants.js';

/**
 * Calls whose arguments are a domain document (remote_nonnull_string)
 * followed by `trailer` bytes (a flags word), by the field that holds it.
 */
const DOCUMENT_FIRST: ReadonlyMap<string, { field: string; trailer: number }> = new Map([
  ['DOMAIN_DEFINE_XML', { field: 'xml', trailer: 0 }],
  ['DOMAIN_DEFINE_XML_FLAGS', { field: 'xml', trailer: 4 }],
  ['DOMAIN_CREATE_XML', { field: 'xml_desc', trailer: 4 }],
]);

/** Bodies up to this size are decoded on the event loop first, as every call's: that costs less than a hand-off. */
const SCREEN_FIRST_BYTES = 65536;

/** A body whose document passed the screen before it was decoded. */
export interface ScreenedFirst {
  /** The body, back on the event loop (the one given was moved to the worker). */
  body: Buffer;
  /** Tells the screen the document the body's arguments decoded to, so the handler's screen of it is not done again. */
  decoded(args: unknown): void;
}

/**
 * The screen of a large domain document before its call's arguments are
 * decoded: the frame's buffer moves to a parse worker, which decodes and
 * screens the document, so a hostile document of megabytes is refused
 * without being copied or decoded on the event loop. Undefined (decode as
 * usual) for other calls, small bodies, and bodies the decoder would refuse
 * anyway (a wrong length, a NUL byte), so that every call gets the answer
 * it gets without this: the decoder's error comes before the screen's.
 * `body` must be the end of a buffer of its own (a frame as FrameDecoder
 * allocates it).
 */
export async function screenDocumentFirst(proc: string, body: Buffer): Promise<ScreenedFirst | undefined> {
  const layout = DOCUMENT_FIRST.get(proc);
  if (!layout || body.length <= SCREEN_FIRST_BYTES || body.byteOffset + body.length !== body.buffer.byteLength) return undefined;
  const length = body.readUInt32BE(0);
  if (length > STRING_MAX || 4 + length + ((4 - (length % 4)) % 4) + layout.trailer !== body.length) return undefined;
  const document = body.subarray(4, 4 + length);
  if (document.indexOf(0) >= 0) return undefined;
  const { byteOffset, length: bodyLength } = body;
  const screened = await screenUntrustedDomainXmlBytes(document);
  return {
    body: Buffer.from(screened.bytes.buffer, byteOffset, bodyLength),
    decoded: (args) => screened.decoded((args as Record<string, string>)[layout.field]),
  };
}
