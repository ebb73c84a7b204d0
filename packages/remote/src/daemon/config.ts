import { ErrorCode, type VirtError } from '@virtkit/core';
import { confFail } from '../errors.js';
import type { KeepaliveOptions } from '../protocol/keepalive.js';
import { defaultListenConfig, LISTEN_KEYS, type ListenConfig } from './listen-config.js';

/** virtkitd's settings. Names follow libvirtd.conf where libvirtd has the same knob. */
export interface DaemonConfig extends ListenConfig {
  /** Read-write unix socket (mode 0700). */
  socket?: string;
  /** Read-only unix socket (mode 0777): state-changing calls are refused. */
  roSocket?: string;
  /** TCP listener; the host defaults to 127.0.0.1. */
  tcp?: { host: string; port: number };
  /** Concurrent clients over all sockets. Default 5000 (max_clients). */
  maxClients: number;
  /** Concurrent calls per client; more wait unread in the socket. Default 5 (max_client_requests). */
  maxClientRequests: number;
  keepalive: KeepaliveOptions;
  /** Plugins to load by module specifier, after the built-in drivers. */
  plugins: string[];
  /** Milliseconds SIGTERM waits for calls in flight. Default 30000. */
  shutdownTimeoutMs: number;
  /** virtkitd's SASL users (sasl_db), written by `virtkitd sasl-passwd`; needed when a listener uses "sasl". */
  saslDb?: string;
}

export function defaultConfig(): DaemonConfig {
  return { ...defaultListenConfig(), maxClients: 5000, maxClientRequests: 5, keepalive: { interval: 5, count: 5 }, plugins: [], shutdownTimeoutMs: 30000 };
}

function confError(where: string, why: string): VirtError {
  return confFail(ErrorCode.CONF_SYNTAX, `${where}: ${why}`);
}

type ConfValue = string | number | string[];

/** Parses libvirtd.conf syntax: `key = value` with "strings", integers and ["lists"]; '#' starts a comment. */
export function parseConfText(text: string, file = 'config'): Map<string, ConfValue> {
  const out = new Map<string, ConfValue>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*(#.*)?$/.exec(line);
    if (!m) throw confError(`${file}:${i + 1}`, `expected 'key = value', got '${line}'`);
    const v = m[2];
    let value: ConfValue;
    if (/^-?\d+$/.test(v)) value = Number(v);
    else if (/^"[^"]*"$/.test(v)) value = v.slice(1, -1);
    else if (/^\[\s*("[^"]*"\s*(,\s*"[^"]*"\s*)*)?\]$/.test(v)) value = [...v.matchAll(/"([^"]*)"/g)].map((x) => x[1]);
    else throw confError(`${file}:${i + 1}`, `bad value '${v}' for ${m[1]}`);
    out.set(m[1], value);
  });
  return out;
}

const INT_KEYS: Record<string, (c: DaemonConfig, v: number) => void> = {
  max_clients: (c, v) => (c.maxClients = v),
  max_client_requests: (c, v) => (c.maxClientRequests = v),
  keepalive_interval: (c, v) => (c.keepalive = { ...c.keepalive, interval: v }),
  keepalive_count: (c, v) => (c.keepalive = { ...c.keepalive, count: v }),
  shutdown_timeout_ms: (c, v) => (c.shutdownTimeoutMs = v),
};

/** Applies a parsed file to a config; unknown keys and wrong types are errors, never ignored. */
export function applyConf(config: DaemonConfig, conf: Map<string, ConfValue>, file = 'config'): DaemonConfig {
  for (const [key, value] of conf) {
    const bad = (want: string) => confError(file, `${key} must be ${want}`);
    if (key in INT_KEYS) {
      if (typeof value !== 'number') throw bad('an integer');
      if (value < (key === 'keepalive_interval' ? -1 : key === 'keepalive_count' ? 0 : 1)) throw bad('larger');
      INT_KEYS[key](config, value);
    } else if (key === 'unix_sock' || key === 'unix_sock_ro') {
      if (typeof value !== 'string') throw bad('a string');
      if (key === 'unix_sock') config.socket = value;
      else config.roSocket = value;
    } else if (key === 'listen_tcp_addr') {
      if (typeof value !== 'string') throw bad('"HOST:PORT" or "PORT"');
      config.tcp = parseTcp(value);
    } else if (key in LISTEN_KEYS) {
      LISTEN_KEYS[key](config, value, bad);
    } else if (key === 'sasl_db') {
      if (typeof value !== 'string' || value === '') throw bad('a file name');
      config.saslDb = value;
    } else if (key === 'plugins') {
      if (!Array.isArray(value)) throw bad('a list of strings');
      config.plugins = [...config.plugins, ...value];
    } else {
      throw confError(file, `unknown setting '${key}'`);
    }
  }
  return config;
}

/** "PORT" (loopback) or "HOST:PORT"; an IPv6 host goes in brackets. */
export function parseTcp(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]:|([^:]+):)?(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw confFail(ErrorCode.INVALID_ARG, `bad TCP address '${text}' (want PORT or HOST:PORT)`);
  return { host: m[1] ?? m[2] ?? '127.0.0.1', port };
}
