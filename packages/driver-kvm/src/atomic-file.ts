import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A fresh temporary name next to `file` (same directory, so a rename replaces it atomically). */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Renames the temporary file `tmp` to `file`; removes `tmp` when that fails. */
async function renameInto(tmp: string, file: string): Promise<void> {
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** Flushes the complete temporary file `tmp` (from tempPathFor) to disk and renames it to `file`. */
export async function commitTempFile(tmp: string, file: string): Promise<void> {
  try {
    const fh = await fs.open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await renameInto(tmp, file);
}

/**
 * Writes a file so that readers see either the old or the new content, even
 * across a crash: temp file in the same directory, fsync, rename.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = tempPathFor(file);
  const fh = await fs.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await renameInto(tmp, file);
}

/**
 * Writes runtime state (the run directory: what describes processes that
 * end with the machine) so that readers see either the old or the new
 * content across a crash of the writer: temp file in the same directory,
 * rename, no fsync. After a crash of the machine itself no process the file
 * describes runs any more, and a torn file is discarded when read; on a
 * real host the run directory is a tmpfs, where fsync does nothing anyway.
 */
export async function replaceRuntimeFile(file: string, data: string): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    await fs.writeFile(tmp, data, { mode: 0o600 });
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await renameInto(tmp, file);
}

/** Removes a file; a missing one is fine. */
export async function removeFile(file: string): Promise<void> {
  await fs.unlink(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}
