import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';

/**
 * What libvirt's virNetTLSContextValidCertificate checks on the peer once
 * the handshake is done, on both sides: a certificate was presented, it
 * chains to our CA, is within its dates and not revoked (OpenSSL's verdict,
 * worded as libvirt words gnutls's), its distinguished name is on the
 * allow-list (server side, tls_allowed_dn_list) and it names the host we
 * dialled (client side). Returns libvirt's reason, or undefined when the
 * peer passes. The caller decides whether a failure refuses the peer
 * (libvirt's "Failed to verify peer's certificate") or is only logged
 * (no_verify=1, tls_no_verify_certificate = 1).
 */
export function peerCertificateProblem(socket: tls.TLSSocket, check: { hostname?: string; allowedDNs?: readonly string[] }): string | undefined {
  // Read once: on Node 20, getPeerCertificate() returns {} after getPeerX509Certificate() was called.
  const peer = socket.getPeerCertificate();
  if (!peer?.raw) return 'Unable to verify TLS peer: No certificate was found.';
  const cert = new X509Certificate(peer.raw);
  if (!socket.authorized) return `Certificate failed validation: ${validationReason(String(socket.authorizationError))}`;
  if (check.allowedDNs) {
    const dn = distinguishedName(cert.subject);
    if (!check.allowedDNs.some((pattern) => globMatch(pattern, dn))) {
      return "Client's Distinguished Name is not on the list of allowed clients (tls_allowed_dn_list).  " +
        "Use 'virt-pki-query-dn clientcert.pem' to view the Distinguished Name field in the client certificate, or run this daemon with --verbose option.";
    }
  }
  if (check.hostname !== undefined && tls.checkServerIdentity(check.hostname, peer) !== undefined) {
    return `Certificate [session] owner does not match the hostname ${check.hostname}`;
  }
  return undefined;
}

/** gnutls's status bits as libvirt reports them, from OpenSSL's verification codes. */
function validationReason(code: string): string {
  if (code === 'CERT_REVOKED') return 'The certificate has been revoked.';
  if (/^(UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_SIGNATURE_FAILURE)/.test(code)) {
    return "The certificate hasn't got a known issuer.";
  }
  if (/^(CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REJECTED)$/.test(code)) return 'The certificate is not trusted.';
  return `Invalid certificate (${code})`;
}

/**
 * A subject as gnutls_x509_crt_get_dn (and virt-pki-query-dn) prints it, in
 * the certificate's order: "C=GB,O=Example,CN=client1".
 */
export function distinguishedName(subject: string): string {
  return subject.split('\n').filter((rdn) => rdn !== '').join(',');
}

/** g_pattern_match_simple: '*' any run of characters, '?' one character, nothing else special. */
export function globMatch(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  return new RegExp(`^${re}$`, 's').test(text);
}
