import { parseArgs } from 'node:util';
import { isVirtError } from '@virtkit/core';
import { setSaslPassword } from './sasl-db.js';

export const SASL_PASSWD_USAGE = `usage: virtkitd sasl-passwd --db FILE [--delete] USER

Adds USER to virtkitd's SASL database (the sasl_db setting), or replaces the
password, reading it from the first line of stdin (as saslpasswd2 -p):
  printf '%s\\n' "$PASSWORD" | virtkitd sasl-passwd --db /etc/virtkit/passwd.db admin
Only a SCRAM-SHA-256 verifier is stored, with a new random salt.

  --db FILE    the database file (created with mode 0600 when missing)
  --delete     remove USER instead`;

/** Reads stdin up to the first newline or the end. */
async function firstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

/** `virtkitd sasl-passwd …`: returns the exit status. */
export async function runSaslPasswd(argv: string[], stdin: NodeJS.ReadableStream, err: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { db: { type: 'string' }, delete: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (e) {
    err(`virtkitd sasl-passwd: ${(e as Error).message}\n${SASL_PASSWD_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    err(`${SASL_PASSWD_USAGE}\n`);
    return 0;
  }
  if (!values.db || positionals.length !== 1) {
    err(`virtkitd sasl-passwd: give --db FILE and one USER\n${SASL_PASSWD_USAGE}\n`);
    return 2;
  }
  try {
    let password: string | undefined;
    if (!values.delete) {
      password = await firstLine(stdin);
      if (password === '') {
        err('virtkitd sasl-passwd: an empty password on stdin\n');
        return 1;
      }
    }
    await setSaslPassword(values.db, positionals[0], password);
    return 0;
  } catch (e) {
    err(`virtkitd sasl-passwd: ${isVirtError(e) ? e.message : (e as Error).message}\n`);
    return 1;
  }
}
