import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { CredentialType, type ConnectCredential } from '@virtkit/core';
import { decodeWith, encodeWith, Proc, ScramClient, SCRAM_SHA_256 } from '@virtkit/remote';
import type { RawPeer } from './raw-peer.js';
import { VIRTKITD } from './virtkitd.js';

/** An auth callback answering with fixed credentials; what it was asked is pushed to `asked`. */
export function answer(authname: string, password: string, asked: ConnectCredential[][] = []) {
  return (creds: ConnectCredential[]) => {
    asked.push(creds.map((c) => ({ ...c })));
    for (const c of creds) c.result = c.type === CredentialType.AUTHNAME ? authname : password;
  };
}

/** libvirt's auth.conf at `file`, giving these credentials for `localhost`. */
export async function writeAuthConf(file: string, user: string, password: string): Promise<void> {
  await writeFile(file, `[credentials-${user}]\nauthname=${user}\npassword=${password}\n\n[auth-libvirt-localhost]\ncredentials=${user}\n`);
}

/**
 * A sasl_db in `dir` holding these users, written by `virtkitd sasl-passwd`
 * as an operator would, and an auth.conf giving the first user's
 * credentials for `localhost`. Returns both paths.
 */
export async function saslFixture(dir: string, users: Array<[string, string]>): Promise<{ db: string; authFile: string }> {
  const db = path.join(dir, 'passwd.db');
  for (const [user, password] of users) {
    const r = spawnSync(process.execPath, [VIRTKITD, 'sasl-passwd', '--db', db, user], { input: `${password}\n`, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`virtkitd sasl-passwd ${user} failed: ${r.stderr}`);
  }
  const [user, password] = users[0];
  const authFile = path.join(dir, 'auth.conf');
  await writeAuthConf(authFile, user, password);
  return { db, authFile };
}

/** Runs a SASL exchange by hand on a raw connection; the STEP's reply. */
export async function rawScram(peer: RawPeer, user: string, password: string, serial: number) {
  peer.call(Proc.AUTH_SASL_INIT.proc, serial);
  expect(decodeWith(Proc.AUTH_SASL_INIT.ret, (await peer.reply(serial)).body, 'init').mechlist).to.equal(SCRAM_SHA_256);
  const c = new ScramClient(user, password);
  peer.call(Proc.AUTH_SASL_START.proc, serial + 1, encodeWith(Proc.AUTH_SASL_START.args, { mech: SCRAM_SHA_256, nil: 0, data: c.first() }));
  const start = decodeWith(Proc.AUTH_SASL_START.ret, (await peer.reply(serial + 1)).body, 'start');
  peer.call(Proc.AUTH_SASL_STEP.proc, serial + 2, encodeWith(Proc.AUTH_SASL_STEP.args, { nil: 0, data: c.final(start.data) }));
  return peer.reply(serial + 2, 40000);
}
