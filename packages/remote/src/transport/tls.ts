import net from 'node:net';
import tls from 'node:tls';
import { ErrorCode, type Logger } from '@virtkit/core';
import { rpcFail } from '../errors.js';
import { loadPki, locateClientPki, type PkiCredentials } from './pki.js';
import { peerCertificateProblem } from './tls-peer.js';

/** A `DRIVER+tls://HOST[:PORT]/PATH` endpoint and its URI parameters. */
export interface TlsEndpoint {
  host: string;
  port: number;
  /** `pkipath=DIR`: cacert.pem, cacrl.pem, clientcert.pem and clientkey.pem in DIR. */
  pkipath?: string;
  /** False with `no_verify=1`: a server certificate that fails the checks is logged, not refused. */
  verify: boolean;
}

/**
 * Makes every write its own TLS record(s). Node batches writes queued while
 * one is in flight into a single record (writev); libvirt reads a record,
 * takes one RPC message from it and waits for the socket to be readable
 * again, so messages left in the record are never read and the peer hangs
 * (both libvirtd and libvirt's client poll the socket, not gnutls's buffer).
 * Without writev, queued frames are written one by one, as libvirt writes.
 */
export function oneRecordPerWrite(socket: tls.TLSSocket): void {
  (socket as unknown as { _writev: unknown })._writev = null;
}

/** The byte a libvirt server sends, inside TLS, once it accepted our certificate. */
export const TLS_CONFIRMATION = 1;

/**
 * Opens a TLS session to a libvirt server as virNetClientSetTLSSession does:
 * loads and sanity-checks our credentials (libvirt's PKI paths or pkipath),
 * then openTlsSession.
 */
export function connectTls(endpoint: TlsEndpoint, timeoutMs: number, logger?: Logger): Promise<tls.TLSSocket> {
  return openTlsSession(endpoint, loadPki(locateClientPki(endpoint.pkipath), 'client'), timeoutMs, logger);
}

/**
 * Handshakes with these credentials, checks the server's
 * certificate against our CA and the URI's host name, then reads the one
 * byte the server sends after checking ours. A server that refused us
 * closes instead; reading that byte is what keeps a refused client from
 * waiting forever for its first reply. Resolves with the socket paused,
 * ready for RPC frames.
 */
export function openTlsSession(endpoint: TlsEndpoint, creds: PkiCredentials, timeoutMs: number, logger?: Logger): Promise<tls.TLSSocket> {
  const where = `'${endpoint.host}:${endpoint.port}'`;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: endpoint.host,
      port: endpoint.port,
      ca: creds.ca,
      crl: creds.crl,
      cert: creds.cert,
      key: creds.key,
      servername: net.isIP(endpoint.host) ? undefined : endpoint.host,
      // The checks are libvirt's, made below, so that no_verify can turn them into warnings.
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    });
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(rpcFail(ErrorCode.OPERATION_TIMEOUT, `connecting to ${where}`)), timeoutMs);
    let handshaken = false;
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (!handshaken && e.syscall === 'connect') fail(rpcFail(ErrorCode.SYSTEM_ERROR, `unable to connect to server at ${where}: ${e.message}`, e));
      else if (!handshaken) fail(rpcFail(ErrorCode.AUTH_FAILED, `TLS handshake failed ${e.message}`, e));
      else fail(rpcFail(ErrorCode.SYSTEM_ERROR, 'Unable to read TLS confirmation: Input/output error', e));
    });
    socket.once('secureConnect', () => {
      handshaken = true;
      const problem = peerCertificateProblem(socket, { hostname: endpoint.host });
      if (problem !== undefined) {
        logger?.warn(`Certificate check failed ${problem}`, { server: where });
        if (endpoint.verify) return fail(rpcFail(ErrorCode.AUTH_FAILED, "Failed to verify peer's certificate", new Error(problem)));
        logger?.info('Ignoring bad certificate at user request', { server: where });
      }
      const onReadable = () => {
        const byte = socket.read(1) as Buffer | null;
        if (byte === null) return;
        socket.off('readable', onReadable);
        socket.off('end', onEnd);
        socket.off('close', onEnd);
        if (byte[0] !== TLS_CONFIRMATION) return fail(rpcFail(ErrorCode.RPC, 'server verification (of our certificate or IP address) failed'));
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.pause();
        socket.setNoDelay(true);
        oneRecordPerWrite(socket);
        resolve(socket);
      };
      const onEnd = () => fail(rpcFail(ErrorCode.SYSTEM_ERROR, 'Unable to read TLS confirmation: Input/output error'));
      socket.on('readable', onReadable);
      socket.once('end', onEnd);
      socket.once('close', onEnd);
    });
  });
}
