import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { ErrorCode } from '@virtkit/core';
import { confFail } from '../../errors.js';
import { SCRAM_SHA_256, scramVerifier, type ScramVerifier } from '../../sasl/scram.js';

/**
 * virtkitd's SASL user database (`sasl_db`): one line per user with the
 * SCRAM-SHA-256 verifier only, never the password, in PostgreSQL's
 * notation:
 *
 *   USER:SCRAM-SHA-256$ITERATIONS:SALT$STOREDKEY:SERVERKEY   (base64)
 *
 * Lines starting with '#' and blank lines are ignored. The file is written
 * whole (temporary file, then rename) with mode 0600.
 */

/** Iterations for new verifiers (RFC 7677 asks for at least 4096). */
export const SASL_DB_ITERATIONS = 10000;

export type SaslDb = Map<string, ScramVerifier>;

const LINE = /^([^:\s]+):SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

export function parseSaslDb(text: string, file: string): SaslDb {
  const db: SaslDb = new Map();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) throw confFail(ErrorCode.CONF_SYNTAX, `${file}:${i + 1}: expected 'USER:${SCRAM_SHA_256}$ITERATIONS:SALT$STOREDKEY:SERVERKEY'`);
    db.set(m[1], { iterations: Number(m[2]), salt: Buffer.from(m[3], 'base64'), storedKey: Buffer.from(m[4], 'base64'), serverKey: Buffer.from(m[5], 'base64') });
  });
  return db;
}

export function formatSaslDb(db: SaslDb): string {
  const lines = [...db].map(([user, v]) =>
    `${user}:${SCRAM_SHA_256}$${v.iterations}:${v.salt.toString('base64')}$${v.storedKey.toString('base64')}:${v.serverKey.toString('base64')}`);
  return `# virtkitd SASL users (virtkitd sasl-passwd --db FILE USER)\n${lines.join('\n')}\n`;
}

/** Reads the database; a missing file is an empty one. */
export async function readSaslDb(file: string): Promise<SaslDb> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  return parseSaslDb(text, file);
}

/** Adds or replaces a user's verifier (a new random salt each time); undefined password removes the user. */
export async function setSaslPassword(file: string, user: string, password: string | undefined, iterations = SASL_DB_ITERATIONS): Promise<void> {
  if (!/^[^:\s]+$/.test(user)) throw confFail(ErrorCode.INVALID_ARG, `user name '${user}' must be non-empty without ':' or spaces`);
  const db = await readSaslDb(file);
  if (password === undefined) {
    if (!db.delete(user)) throw confFail(ErrorCode.INVALID_ARG, `no user '${user}' in ${file}`);
  } else {
    const { salt, storedKey, serverKey } = scramVerifier(password, randomBytes(16), iterations);
    db.set(user, { iterations, salt, storedKey, serverKey });
  }
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, formatSaslDb(db), { mode: 0o600 });
  await rename(tmp, file);
}
