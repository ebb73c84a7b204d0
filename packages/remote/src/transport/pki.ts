import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@virtkit/core';
import { rpcFail } from '../errors.js';

/** libvirt's system PKI layout (virnettlsconfig.c), used by root and by the daemon. */
export const LIBVIRT_PKI = {
  caCert: '/etc/pki/CA/cacert.pem',
  caCrl: '/etc/pki/CA/cacrl.pem',
  serverKey: '/etc/pki/libvirt/private/serverkey.pem',
  serverCert: '/etc/pki/libvirt/servercert.pem',
  clientKey: '/etc/pki/libvirt/private/clientkey.pem',
  clientCert: '/etc/pki/libvirt/clientcert.pem',
} as const;

/** Where one side's TLS credentials are. The CRL, and on a client the certificate and key, may be absent. */
export interface PkiFiles {
  caCert: string;
  caCrl: string;
  cert: string;
  key: string;
}

/** The files of one directory as libvirt names them (`pkipath=DIR`, `$HOME/.pki/libvirt`). */
export function pkiFilesIn(dir: string, role: 'client' | 'server'): PkiFiles {
  return {
    caCert: path.join(dir, 'cacert.pem'),
    caCrl: path.join(dir, 'cacrl.pem'),
    cert: path.join(dir, `${role}cert.pem`),
    key: path.join(dir, `${role}key.pem`),
  };
}

/**
 * A client's credentials as libvirt locates them: everything in `pkipath`
 * when given (whether the files exist or not); else, for a non-root user,
 * `$HOME/.pki/libvirt`, file by file, falling back to the system paths for
 * what is missing there (certificate and key only as a pair); root (the
 * effective uid, as libvirt's geteuid() check) uses the system paths.
 */
export function locateClientPki(pkipath: string | undefined, uid = process.geteuid?.() ?? 0, home = os.homedir()): PkiFiles {
  if (pkipath !== undefined) return pkiFilesIn(pkipath, 'client');
  const system: PkiFiles = { caCert: LIBVIRT_PKI.caCert, caCrl: LIBVIRT_PKI.caCrl, cert: LIBVIRT_PKI.clientCert, key: LIBVIRT_PKI.clientKey };
  if (uid === 0) return system;
  const user = pkiFilesIn(path.join(home, '.pki', 'libvirt'), 'client');
  const pair = existsSync(user.cert) && existsSync(user.key);
  return {
    caCert: existsSync(user.caCert) ? user.caCert : system.caCert,
    caCrl: existsSync(user.caCrl) ? user.caCrl : system.caCrl,
    cert: pair ? user.cert : system.cert,
    key: pair ? user.key : system.key,
  };
}

/** PEM contents ready for node:tls, and the certificates parsed for the checks libvirt makes. */
export interface PkiCredentials {
  files: PkiFiles;
  ca: Buffer;
  crl?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

function readPem(what: string, file: string, optional: boolean): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (optional && err.code === 'ENOENT') return undefined;
    throw rpcFail(ErrorCode.SYSTEM_ERROR, `Cannot read ${what} '${file}': ${describeErrno(err)}`, err);
  }
}

/** strerror's wording for the errors a credentials file gives. */
function describeErrno(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT': return 'No such file or directory';
    case 'EACCES': return 'Permission denied';
    case 'EISDIR': return 'Is a directory';
    default: return e.message;
  }
}

/**
 * Reads one side's credentials, with libvirt's errors: the CA certificate is
 * required; the CRL is optional unless `requireCrl` (an explicit crl_file);
 * a server needs its certificate and key, a client may have neither (then it
 * presents no certificate) but not just one.
 */
export function readPki(files: PkiFiles, role: 'client' | 'server', options: { requireCrl?: boolean } = {}): PkiCredentials {
  const ca = readPem('CA certificate', files.caCert, false)!;
  const crl = readPem('CA revocation list', files.caCrl, !options.requireCrl);
  const cert = readPem('certificate', files.cert, role === 'client');
  const key = readPem('private key', files.key, role === 'client' && cert === undefined);
  return { files, ca, crl, cert, key };
}

/**
 * readPki, then the sanity check libvirt makes of its own credentials before
 * using them (virNetTLSContextSanityCheckCredentials): CA and certificate
 * within their validity dates, and the certificate issued by the CA.
 */
export function loadPki(files: PkiFiles, role: 'client' | 'server', options: { requireCrl?: boolean; now?: Date } = {}): PkiCredentials {
  const creds = readPki(files, role, options);
  sanityCheck(creds, role, options.now ?? new Date());
  return creds;
}

function parse(pem: Buffer, file: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (e) {
    throw rpcFail(ErrorCode.SYSTEM_ERROR, `Unable to import certificate ${file}: ${(e as Error).message}`, e as Error);
  }
}

function checkTimes(cert: X509Certificate, file: string, what: string, now: Date): void {
  if (new Date(cert.validTo) < now) throw rpcFail(ErrorCode.SYSTEM_ERROR, `The ${what} ${file} has expired`);
  if (new Date(cert.validFrom) > now) throw rpcFail(ErrorCode.SYSTEM_ERROR, `The ${what} ${file} is not yet active`);
}

function sanityCheck(creds: PkiCredentials, role: 'client' | 'server', now: Date): void {
  const { files } = creds;
  const ca = parse(creds.ca, files.caCert);
  checkTimes(ca, files.caCert, 'CA certificate', now);
  if (!creds.cert) return;
  const cert = parse(creds.cert, files.cert);
  checkTimes(cert, files.cert, `${role} certificate`, now);
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) {
    throw rpcFail(ErrorCode.SYSTEM_ERROR, `Our own certificate ${files.cert} failed validation against ${files.caCert}: The certificate hasn't got a known issuer.`);
  }
}
