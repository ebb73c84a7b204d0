import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { ErrorCode, type Logger } from '@virtkit/core';
import { confFail } from '../errors.js';
import { LIBVIRT_PKI, loadPki, type PkiFiles } from '../transport/pki.js';
import { oneRecordPerWrite, TLS_CONFIRMATION } from '../transport/tls.js';
import { distinguishedName, peerCertificateProblem } from '../transport/tls-peer.js';
import type { ListenConfig } from './listen-config.js';

/** Milliseconds a client may take to complete the TLS handshake before it is dropped. */
export const TLS_HANDSHAKE_TIMEOUT_MS = 30000;

/**
 * The server's credential files as libvirtd picks them: key_file,
 * cert_file and ca_file together, or libvirt's PKI paths when none is set.
 * An explicit crl_file must exist; the default CRL is used when present.
 */
export function serverPkiFiles(config: ListenConfig): { files: PkiFiles; requireCrl: boolean } {
  const { keyFile, certFile, caFile, crlFile } = config;
  if (keyFile === undefined && certFile === undefined && caFile === undefined) {
    const files = { caCert: LIBVIRT_PKI.caCert, caCrl: crlFile ?? LIBVIRT_PKI.caCrl, cert: LIBVIRT_PKI.serverCert, key: LIBVIRT_PKI.serverKey };
    return { files, requireCrl: crlFile !== undefined };
  }
  if (caFile === undefined) throw confFail(ErrorCode.CONF_SYNTAX, 'No CA certificate path set to match server key/cert');
  if (certFile === undefined) throw confFail(ErrorCode.CONF_SYNTAX, 'No server certificate path set to match server key');
  if (keyFile === undefined) throw confFail(ErrorCode.CONF_SYNTAX, 'No server key path set to match server cert');
  return { files: { caCert: caFile, caCrl: crlFile ?? LIBVIRT_PKI.caCrl, cert: certFile, key: keyFile }, requireCrl: crlFile !== undefined };
}

/**
 * virtkitd's TLS listener, as libvirtd's: the handshake asks for a client
 * certificate without demanding one, then the certificate is checked
 * (signed by our CA, within its dates, not revoked, DN on
 * tls_allowed_dn_list). A client that passes is sent libvirt's one-byte
 * confirmation and handed to `onClient`; one that fails is logged and its
 * connection dropped without a byte, which libvirt clients report as
 * "Unable to read TLS confirmation". With tls_no_verify_certificate the
 * failure is only logged. Handshakes run side by side: a client that stalls
 * in one holds no one up and is dropped after TLS_HANDSHAKE_TIMEOUT_MS.
 */
export function createTlsServer(config: ListenConfig, logger: Logger, onClient: (socket: tls.TLSSocket) => void, handshakeTimeoutMs = TLS_HANDSHAKE_TIMEOUT_MS): tls.Server {
  const { files, requireCrl } = serverPkiFiles(config);
  const creds = loadPki(files, 'server', { requireCrl });
  const server = tls.createServer({
    key: creds.key,
    cert: creds.cert,
    ca: creds.ca,
    crl: creds.crl,
    requestCert: true,
    rejectUnauthorized: false,
    handshakeTimeout: handshakeTimeoutMs,
  });
  server.on('tlsClientError', (e, socket) => {
    logger.info('TLS handshake failed', { error: e.message, peer: socket.remoteAddress });
    socket.destroy();
  });
  server.on('secureConnection', (socket) => {
    const problem = peerCertificateProblem(socket, { allowedDNs: config.tlsAllowedDnList });
    if (problem !== undefined) {
      const raw = socket.getPeerCertificate()?.raw;
      logger.warn(`Certificate check failed ${problem}`, { peer: socket.remoteAddress, dn: raw && distinguishedName(new X509Certificate(raw).subject) });
      if (!config.tlsNoVerifyCertificate) {
        logger.error("authentication failed: Failed to verify peer's certificate", { peer: socket.remoteAddress });
        socket.destroy();
        return;
      }
      logger.info('Ignoring bad certificate at user request', { peer: socket.remoteAddress });
    }
    oneRecordPerWrite(socket);
    socket.write(Buffer.from([TLS_CONFIRMATION]));
    onClient(socket);
  });
  return server;
}
