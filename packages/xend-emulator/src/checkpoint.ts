import { formatSexpr, parseSexpr, type Sexpr } from '@virtkit/driver-xen/sexpr';
import { XendError } from './xend-errors.js';

/**
 * The guest record xend writes to a save file and to a relocation stream
 * (XendCheckpoint.save): the 16 bytes "LinuxGuestRecord", a big-endian signed
 * 32-bit length, the config S-expression; then the memory image, which here
 * is a big-endian length and an opaque blob of runtime state.
 */
export const SIGNATURE = 'LinuxGuestRecord';
const MAX_CONFIG = 1 << 20;
const MAX_IMAGE = 16 << 20;

export interface Checkpoint {
  config: Sexpr;
  state: { cpuTime?: number };
}

export function encodeCheckpoint(config: Sexpr, state: Checkpoint['state']): Buffer {
  const cfg = Buffer.from(formatSexpr(config), 'utf8');
  const image = Buffer.from(JSON.stringify(state), 'utf8');
  const head = Buffer.alloc(4);
  head.writeInt32BE(cfg.length);
  const imageHead = Buffer.alloc(4);
  imageHead.writeInt32BE(image.length);
  return Buffer.concat([Buffer.from(SIGNATURE, 'ascii'), head, cfg, imageHead, image]);
}

/** Reads a checkpoint through `read(n)`, which yields exactly n bytes or throws. */
export async function decodeCheckpoint(read: (n: number) => Promise<Buffer>): Promise<Checkpoint> {
  const sig = (await read(SIGNATURE.length)).toString('latin1');
  if (sig !== SIGNATURE) throw new XendError('not a valid guest state file: signature mismatch');
  const len = (await read(4)).readInt32BE();
  if (len <= 0 || len > MAX_CONFIG) throw new XendError(`not a valid guest state file: config length ${len}`);
  let config: Sexpr;
  try {
    config = parseSexpr((await read(len)).toString('utf8'));
  } catch (e) {
    throw new XendError(`not a valid guest state file: ${(e as Error).message}`);
  }
  const imageLen = (await read(4)).readInt32BE();
  if (imageLen < 0 || imageLen > MAX_IMAGE) throw new XendError(`not a valid guest state file: image length ${imageLen}`);
  let state: Checkpoint['state'] = {};
  try {
    state = JSON.parse((await read(imageLen)).toString('utf8')) as Checkpoint['state'];
  } catch {
    throw new XendError('not a valid guest state file: corrupt memory image');
  }
  return { config, state };
}

/** read(n) over a complete buffer. */
export function bufferReader(buf: Buffer): (n: number) => Promise<Buffer> {
  let at = 0;
  return async (n) => {
    if (at + n > buf.length) throw new XendError('not a valid guest state file: truncated');
    const out = buf.subarray(at, at + n);
    at += n;
    return out;
  };
}
