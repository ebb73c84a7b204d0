import fs from 'node:fs/promises';
import { ErrorCode, ErrorDomain, errorReporter, isVirtError } from '../errors.js';
import { strerror } from '../strerror.js';
import type { StreamChunk } from '../driver/storage.js';

// Files as volume streams: what a driver sends from a volume and writes into one, and what a client uploads and downloads.

const fail = errorReporter(ErrorDomain.STORAGE);
const systemError = (what: string, e: unknown) => fail(ErrorCode.SYSTEM_ERROR, `${what}: ${strerror(e)}`, e);

/** Bytes read per chunk: what one remote stream frame carries (libvirt's 256 KiB payload less 24). A sparse stream reports a chunk of zeros as a hole. */
const CHUNK = 256 * 1024 - 24;

function isZero(buf: Uint8Array): boolean {
  // Compare 8 bytes at a time where alignment allows.
  const words = buf.byteOffset % 8 === 0 ? new BigUint64Array(buf.buffer, buf.byteOffset, buf.length >> 3) : undefined;
  let i = 0;
  if (words) {
    for (const w of words) if (w !== 0n) return false;
    i = words.length * 8;
  }
  for (; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * The bytes of `file` from `offset`, `length` of them (0: to the end). With
 * `sparse`, runs of zero chunks come as holes (node has no SEEK_DATA; zeros
 * read back the same, so the result is what libvirt's virFileInData gives).
 */
export async function* readFileChunks(file: string, offset: number, length: number, sparse: boolean): AsyncGenerator<StreamChunk> {
  const fh = await fs.open(file, 'r').catch((e: unknown) => { throw systemError(`cannot open '${file}'`, e); });
  try {
    const size = (await fh.stat()).size;
    const end = length > 0 ? Math.min(size, offset + length) : size;
    let pos = offset;
    let hole = 0;
    while (pos < end) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, end - pos));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const data = buf.subarray(0, bytesRead);
      pos += bytesRead;
      if (sparse && isZero(data)) {
        hole += bytesRead;
        continue;
      }
      if (hole > 0) {
        yield { kind: 'hole', length: hole };
        hole = 0;
      }
      yield { kind: 'data', data };
    }
    if (hole > 0) yield { kind: 'hole', length: hole };
  } finally {
    await fh.close();
  }
}

/**
 * Writes a stream into `file` from `offset`: data where it comes; a hole
 * reads back as zeros: zeros are written where the file already has bytes,
 * the part beyond its end is left unwritten (the file stays sparse there and
 * is extended when the stream ends in a hole). More than `length` bytes
 * (when not 0) or a hole without `sparse` fail with INVALID_ARG; what was
 * written stays, as with libvirt.
 */
export async function writeFileChunks(file: string, offset: number, length: number, sparse: boolean, data: AsyncIterable<StreamChunk>): Promise<void> {
  const fh = await fs.open(file, 'r+').catch((e: unknown) => { throw systemError(`cannot open '${file}'`, e); });
  try {
    let pos = offset;
    const limit = length > 0 ? offset + length : Infinity;
    const size = (await fh.stat()).size;
    const zeros = Buffer.alloc(CHUNK);
    for await (const chunk of data) {
      const n = chunk.kind === 'data' ? chunk.data.length : chunk.length;
      if (pos + n > limit) throw fail(ErrorCode.INVALID_ARG, `the stream carries more than the ${length} bytes requested`);
      if (chunk.kind === 'hole') {
        if (!sparse) throw fail(ErrorCode.INVALID_ARG, 'a hole in a stream that is not sparse');
        for (let at = pos; at < Math.min(pos + chunk.length, size); at += CHUNK) {
          await fh.write(zeros, 0, Math.min(CHUNK, pos + chunk.length - at, size - at), at);
        }
        pos += chunk.length;
        continue;
      }
      let done = 0;
      while (done < chunk.data.length) {
        const { bytesWritten } = await fh.write(chunk.data, done, chunk.data.length - done, pos + done);
        done += bytesWritten;
      }
      pos += done;
    }
    if ((await fh.stat()).size < pos) await fh.truncate(pos);
    await fh.sync();
  } catch (e) {
    if (isVirtError(e)) throw e;
    throw systemError(`cannot write '${file}'`, e);
  } finally {
    await fh.close();
  }
}
