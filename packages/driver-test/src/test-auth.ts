import { CredentialType, ErrorCode, type ConnectAuthCallback, type ConnectCredential } from '@virtkit/core';
import { testError } from './host.js';

/** One <user password='…'>NAME</user> of a node document's <auth> block. */
export interface TestUser {
  username: string;
  password: string;
}

/** Asks the callback for one credential; a callback that fails or leaves it unset fails the open. */
async function ask(auth: ConnectAuthCallback | undefined, type: CredentialType, prompt: string): Promise<string> {
  if (!auth) throw testError(ErrorCode.AUTH_FAILED, 'Missing or invalid auth pointer');
  const cred: ConnectCredential = { type, prompt };
  try {
    await auth([cred]);
  } catch (e) {
    throw testError(ErrorCode.AUTH_FAILED, 'Failed to collect auth credentials', e);
  }
  if (cred.result === undefined) throw testError(ErrorCode.AUTH_FAILED, 'Failed to collect auth credentials');
  return cred.result;
}

/**
 * libvirt's testConnectAuthenticate for a host whose document has an
 * <auth> block: a user name, then a password (asked even for an unknown
 * user), both through the open's auth callback.
 */
export async function authenticateTestUser(users: readonly TestUser[], auth: ConnectAuthCallback | undefined): Promise<void> {
  if (users.length === 0) return;
  const username = await ask(auth, CredentialType.AUTHNAME, 'Enter username for localhost');
  const user = users.find((u) => u.username === username);
  const password = await ask(auth, CredentialType.PASSPHRASE, `Enter ${username}'s password for localhost`);
  if (!user || user.password !== password) throw testError(ErrorCode.AUTH_FAILED, 'authentication failed, see test XML for the correct username/password');
}
