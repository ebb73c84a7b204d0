import type { VirtError } from '@virtkit/core';

/** An authentication scheme a listener requires (auth_unix_rw, auth_unix_ro, auth_tcp, auth_tls). */
export type AuthScheme = 'none' | 'sasl';

/**
 * The libvirtd.conf settings of virtkitd's listeners and their
 * authentication, with libvirtd's defaults (src/remote/libvirtd.conf.in).
 */
export interface ListenConfig {
  /** `virtkitd --listen`: as libvirtd, listen_tls and listen_tcp are honoured only with it. */
  listen: boolean;
  /** listen_tls: a TLS listener on listen_addr:tls_port. Default 1. */
  listenTls: boolean;
  /** listen_tcp: a plain TCP listener on listen_addr:tcp_port. Default 0. */
  listenTcp: boolean;
  /** tls_port. Default 16514. */
  tlsPort: number;
  /** tcp_port. Default 16509. */
  tcpPort: number;
  /** listen_addr. Default: every address. */
  listenAddr?: string;
  /**
   * key_file, cert_file, ca_file: the server's credentials. Unset, all three
   * are libvirt's PKI paths (/etc/pki/...); set one, set all three.
   */
  keyFile?: string;
  certFile?: string;
  caFile?: string;
  /** crl_file: revoked client certificates. Unset: /etc/pki/CA/cacrl.pem when it exists. */
  crlFile?: string;
  /** tls_no_verify_certificate: accept clients whose certificate fails the checks (logged). Default 0. */
  tlsNoVerifyCertificate: boolean;
  /** tls_allowed_dn_list: glob patterns of client DNs; unset allows any DN, an empty list none. */
  tlsAllowedDnList?: string[];
  /**
   * auth_unix_rw, auth_unix_ro (default "none"), auth_tcp (default "sasl":
   * plain TCP needs it), auth_tls (default "none"): what each listener's
   * AUTH_LIST answers. SASL on plain TCP offers no mechanism (SCRAM-SHA-256
   * has no security layer), so a TCP client gets in only with auth_tcp = "none".
   */
  authUnixRw: AuthScheme;
  authUnixRo: AuthScheme;
  authTcp: AuthScheme;
  authTls: AuthScheme;
  /** unix_sock_dir: libvirt-sock and libvirt-sock-ro in this directory, unless unix_sock / unix_sock_ro or --socket say otherwise. */
  unixSockDir?: string;
  /** unix_sock_group: group owning the sockets. Default: the daemon's. */
  unixSockGroup?: string;
  /** unix_sock_ro_perms (default "0777") and unix_sock_rw_perms (default "0700"). */
  unixSockRoPerms: number;
  unixSockRwPerms: number;
}

export function defaultListenConfig(): ListenConfig {
  return {
    listen: false,
    listenTls: true,
    listenTcp: false,
    tlsPort: 16514,
    tcpPort: 16509,
    tlsNoVerifyCertificate: false,
    authUnixRw: 'none',
    authUnixRo: 'none',
    authTcp: 'sasl',
    authTls: 'none',
    unixSockRoPerms: 0o777,
    unixSockRwPerms: 0o700,
  };
}

type ConfValue = string | number | string[];
type Bad = (want: string) => VirtError;

function flag(v: ConfValue, bad: Bad): boolean {
  if (v !== 0 && v !== 1) throw bad('0 or 1');
  return v === 1;
}

function text(v: ConfValue, bad: Bad): string {
  if (typeof v !== 'string') throw bad('a string');
  return v;
}

/** libvirtd.conf gives ports as strings ("16514"); an integer is accepted too. */
function port(v: ConfValue, bad: Bad): number {
  const n = typeof v === 'number' ? v : /^\d{1,5}$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw bad('a port number');
  return n;
}

function auth(v: ConfValue, bad: Bad): AuthScheme {
  if (v === 'none' || v === 'sasl') return v;
  throw bad(v === 'polkit' ? '"none" or "sasl" (virtkitd has no polkit)' : '"none" or "sasl"');
}

/** A group name or number (unix_sock_group); the name is looked up when the sockets are made. */
function group(v: ConfValue, bad: Bad): string {
  if (typeof v !== 'string' || v === '') throw bad('a group name or number');
  return v;
}

function perms(v: ConfValue, bad: Bad): number {
  if (typeof v !== 'string' || !/^0?[0-7]{3}$/.test(v)) throw bad('an octal mode such as "0770"');
  return Number.parseInt(v, 8);
}

/** The keys of ListenConfig, as libvirtd.conf names them. */
export const LISTEN_KEYS: Record<string, (c: ListenConfig, v: ConfValue, bad: Bad) => void> = {
  listen_tls: (c, v, bad) => (c.listenTls = flag(v, bad)),
  listen_tcp: (c, v, bad) => (c.listenTcp = flag(v, bad)),
  tls_port: (c, v, bad) => (c.tlsPort = port(v, bad)),
  tcp_port: (c, v, bad) => (c.tcpPort = port(v, bad)),
  listen_addr: (c, v, bad) => (c.listenAddr = text(v, bad)),
  key_file: (c, v, bad) => (c.keyFile = text(v, bad)),
  cert_file: (c, v, bad) => (c.certFile = text(v, bad)),
  ca_file: (c, v, bad) => (c.caFile = text(v, bad)),
  crl_file: (c, v, bad) => (c.crlFile = text(v, bad)),
  tls_no_verify_certificate: (c, v, bad) => (c.tlsNoVerifyCertificate = flag(v, bad)),
  tls_allowed_dn_list: (c, v, bad) => {
    if (!Array.isArray(v)) throw bad('a list of strings');
    c.tlsAllowedDnList = v;
  },
  auth_unix_rw: (c, v, bad) => (c.authUnixRw = auth(v, bad)),
  auth_unix_ro: (c, v, bad) => (c.authUnixRo = auth(v, bad)),
  auth_tcp: (c, v, bad) => (c.authTcp = auth(v, bad)),
  auth_tls: (c, v, bad) => (c.authTls = auth(v, bad)),
  unix_sock_dir: (c, v, bad) => (c.unixSockDir = text(v, bad)),
  unix_sock_group: (c, v, bad) => (c.unixSockGroup = group(v, bad)),
  unix_sock_ro_perms: (c, v, bad) => (c.unixSockRoPerms = perms(v, bad)),
  unix_sock_rw_perms: (c, v, bad) => (c.unixSockRwPerms = perms(v, bad)),
};
