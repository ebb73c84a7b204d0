import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '@virtkit/core';
import { fail } from './errors.js';
import type { QmpMonitor } from './qmp-client.js';

// VIR_MIGRATE_TLS: QEMU's own TLS for the migration stream and the NBD connections of a storage
// migration, from the host's x509 PKI (libvirt's default_tls_x509_cert_dir, /etc/pki/qemu), the
// files named as QEMU's tls-creds-x509 object reads them.

/** Which side of the connection a host is: the source connects (client), the destination listens (server). */
export type TlsEndpoint = 'client' | 'server';

/** The id of the tls-creds-x509 object a migration adds (libvirt's name). */
export const MIGRATION_TLS_ID = 'objlibvirt_migrate_tls0';

const FILES: Record<TlsEndpoint, string[]> = {
  client: ['ca-cert.pem', 'client-cert.pem', 'client-key.pem'],
  server: ['ca-cert.pem', 'server-cert.pem', 'server-key.pem'],
};

/** Refuses TLS, naming the files, when `dir` lacks the certificates `endpoint` needs. */
export async function checkTlsCertificates(dir: string, endpoint: TlsEndpoint): Promise<void> {
  const missing: string[] = [];
  for (const f of FILES[endpoint]) if (!(await fs.access(path.join(dir, f)).then(() => true, () => false))) missing.push(f);
  if (missing.length > 0) {
    throw fail(ErrorCode.OPERATION_INVALID, `TLS migration needs the ${endpoint} certificates in '${dir}', missing: ${missing.join(', ')}`);
  }
}

/**
 * Adds the migration's tls-creds-x509 object (verifying the peer against
 * the CA), replacing one an earlier migration of this QEMU left. Returns its id.
 */
export async function addTlsCredentials(qmp: QmpMonitor, dir: string, endpoint: TlsEndpoint): Promise<string> {
  await qmp.execute('object-del', { id: MIGRATION_TLS_ID }).catch(() => {});
  await qmp.execute('object-add', { 'qom-type': 'tls-creds-x509', id: MIGRATION_TLS_ID, dir, endpoint, 'verify-peer': true });
  return MIGRATION_TLS_ID;
}

/** After a migration that did not complete: the stream is plain again and the object goes. */
export async function removeTlsCredentials(qmp: QmpMonitor): Promise<void> {
  await qmp.execute('migrate-set-parameters', { 'tls-creds': '', 'tls-hostname': '' }).catch(() => {});
  await qmp.execute('object-del', { id: MIGRATION_TLS_ID }).catch(() => {});
}
