import { CredentialType, type ConnectCredential } from '@virtkit/core';

/** An auth callback answering with fixed credentials; what it was asked is pushed to `asked`. */
export function answer(authname: string, password: string, asked: ConnectCredential[][] = []) {
  return (creds: ConnectCredential[]) => {
    asked.push(creds.map((c) => ({ ...c })));
    for (const c of creds) c.result = c.type === CredentialType.AUTHNAME ? authname : password;
  };
}
