import { ErrorCode, type VirtError } from '@virtkit/core';
import { TestHostStore } from '@virtkit/driver-test';
import { confFail } from '../errors.js';
import { MESSAGE_MAX } from '../protocol/constants.js';
import type { KeepaliveOptions } from '../protocol/keepalive.js';
import { defaultListenConfig, LISTEN_KEYS, type ListenConfig } from './listen-config.js';

/**
 * virtkitd's settings. Names follow libvirtd.conf where libvirtd has the same
 * knob; the byte budgets, the event queue, the partial-frame timeout and the
 * test-host cap are virtkitd's own (libvirtd has none of them) and are named in its style. The
 * listeners and their authentication are ListenConfig's (listen-config.ts).
 */
export interface DaemonConfig extends ListenConfig {
  /** Read-write unix socket (mode 0700). */
  socket?: string;
  /** Read-only unix socket (mode 0777): state-changing calls are refused. */
  roSocket?: string;
  /** TCP listener; the host defaults to 127.0.0.1. */
  tcp?: { host: string; port: number };
  /**
   * Concurrent clients over all sockets (max_clients, default 5000). A client
   * beyond it is not served until one leaves: like a connection in libvirtd's
   * listen backlog, it connects and its first call waits for an answer.
   */
  maxClients: number;
  /**
   * max_anonymous_clients (default 20; 0 turns the limit off): libvirtd's cap
   * on clients that have not finished authentication, on listeners whose
   * auth is not "none" (there a client is authenticated as it connects).
   * While that many are connected, no new client is served on any listener:
   * it waits like a client beyond max_clients. Lowered to max_clients, as
   * libvirtd does.
   */
  maxAnonymousClients: number;
  /**
   * Clients kept waiting beyond max_clients (max_queued_clients, libvirtd's listen
   * backlog, default 1000). A client beyond that gets libvirtd's "Too many active
   * clients" error as the answer to its first call, then the connection closes.
   */
  maxQueuedClients: number;
  /** Concurrent calls per client; more wait unread in the socket. Default 5 (max_client_requests). */
  maxClientRequests: number;
  /** Calls running at once over all clients (max_workers, default 20). */
  maxWorkers: number;
  /**
   * min_workers (default 5, at most max_workers): the workers the pool has
   * from the start; it adds one when a call finds none free, up to
   * max_workers, and keeps them (libvirt's virThreadPool). Workers are slots
   * for asynchronous calls, not threads, so this shows in the pool's counts
   * (WorkerPool.info(), virt-admin's srv-threadpool-info figures), not in
   * which calls run: max_workers bounds that.
   */
  minWorkers: number;
  /** Extra workers that only run high-priority calls (prio_workers, default 5; 0 disables them). */
  prioWorkers: number;
  keepalive: KeepaliveOptions;
  /**
   * Bytes one client may hold in the daemon (max_client_bytes, virtkitd's own;
   * default 64 MiB, two of the largest messages): the frame being read, its
   * calls waiting or running, and replies and events the kernel has not taken
   * yet. A frame whose length word exceeds it closes the connection before any
   * of it is buffered.
   */
  maxClientBytes: number;
  /**
   * Bytes all clients together may hold (max_total_bytes, virtkitd's own;
   * default 128 MiB). A frame larger than what is left waits unread (the client
   * is back-pressured) until other clients release theirs; frames of at most
   * 64 KiB, every ordinary call, never wait for it.
   */
  maxTotalBytes: number;
  /**
   * Events a client may leave unread before it is closed with a logged reason
   * (max_client_events, virtkitd's own; default 4096). Events cannot be
   * back-pressured: they come from other clients' calls.
   */
  maxClientEvents: number;
  /**
   * Seconds a client may take to send one frame once its first byte arrived
   * (partial_frame_timeout, virtkitd's own; default 30). A client that sends
   * part of a frame and stalls is closed.
   */
  partialFrameTimeout: number;
  /**
   * Named test hosts (`test:///NAME`) the daemon keeps (max_test_hosts,
   * virtkitd's own; default 1024, the test driver's). A test host lives as
   * long as the daemon, so without a cap a client could create hosts without
   * bound; opening one more name fails with OPERATION_FAILED naming the
   * limit, and the existing hosts stay open.
   */
  maxTestHosts: number;
  /** Plugins to load by module specifier, after the built-in drivers. */
  plugins: string[];
  /**
   * URIs the daemon opens as it starts, before it listens, and holds until it
   * stops (open_at_start, virtkitd's own; default none). libvirtd's drivers
   * reconnect to their guests at startup; virtkit's open a host on its first
   * connection and let its guests go with the last one. Held, a host (e.g.
   * qemu:///system) reattaches to its QEMU processes and finishes or rolls
   * back the migration phases they were in at once, not when a client comes,
   * and keeps following a migration no client waits for.
   */
  openAtStart: string[];
  /** Milliseconds SIGTERM waits for calls in flight. Default 30000. */
  shutdownTimeoutMs: number;
  /** virtkitd's SASL users (sasl_db), written by `virtkitd sasl-passwd`; needed when a listener uses "sasl". */
  saslDb?: string;
}

export function defaultConfig(): DaemonConfig {
  return {
    ...defaultListenConfig(),
    maxClients: 5000,
    maxAnonymousClients: 20,
    maxQueuedClients: 1000,
    maxClientRequests: 5,
    maxWorkers: 20,
    minWorkers: 5,
    prioWorkers: 5,
    keepalive: { interval: 5, count: 5 },
    maxClientBytes: 2 * MESSAGE_MAX,
    maxTotalBytes: 4 * MESSAGE_MAX,
    maxClientEvents: 4096,
    partialFrameTimeout: 30,
    maxTestHosts: TestHostStore.DEFAULT_MAX_HOSTS,
    plugins: [],
    openAtStart: [],
    shutdownTimeoutMs: 30000,
  };
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

/** Integer settings: where each goes and its smallest valid value. */
const INT_KEYS: Record<string, { min: number; set: (c: DaemonConfig, v: number) => void }> = {
  max_clients: { min: 1, set: (c, v) => (c.maxClients = v) },
  max_anonymous_clients: { min: 0, set: (c, v) => (c.maxAnonymousClients = v) },
  max_queued_clients: { min: 0, set: (c, v) => (c.maxQueuedClients = v) },
  max_client_requests: { min: 1, set: (c, v) => (c.maxClientRequests = v) },
  max_workers: { min: 1, set: (c, v) => (c.maxWorkers = v) },
  min_workers: { min: 0, set: (c, v) => (c.minWorkers = v) },
  prio_workers: { min: 0, set: (c, v) => (c.prioWorkers = v) },
  keepalive_interval: { min: -1, set: (c, v) => (c.keepalive = { ...c.keepalive, interval: v }) },
  keepalive_count: { min: 0, set: (c, v) => (c.keepalive = { ...c.keepalive, count: v }) },
  max_client_bytes: { min: 65536, set: (c, v) => (c.maxClientBytes = v) },
  max_total_bytes: { min: 65536, set: (c, v) => (c.maxTotalBytes = v) },
  max_client_events: { min: 1, set: (c, v) => (c.maxClientEvents = v) },
  partial_frame_timeout: { min: 1, set: (c, v) => (c.partialFrameTimeout = v) },
  max_test_hosts: { min: 1, set: (c, v) => (c.maxTestHosts = v) },
  shutdown_timeout_ms: { min: 1, set: (c, v) => (c.shutdownTimeoutMs = v) },
};

/** Applies a parsed file to a config; unknown keys and wrong types are errors, never ignored. */
export function applyConf(config: DaemonConfig, conf: Map<string, ConfValue>, file = 'config'): DaemonConfig {
  for (const [key, value] of conf) {
    const bad = (want: string) => confError(file, `${key} must be ${want}`);
    if (key in INT_KEYS) {
      if (typeof value !== 'number') throw bad('an integer');
      if (value < INT_KEYS[key].min) throw bad(`at least ${INT_KEYS[key].min}`);
      INT_KEYS[key].set(config, value);
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
    } else if (key === 'open_at_start') {
      if (!Array.isArray(value)) throw bad('a list of strings');
      config.openAtStart = [...value];
    } else if (key === 'plugins') {
      if (!Array.isArray(value)) throw bad('a list of strings');
      config.plugins = [...config.plugins, ...value];
    } else {
      throw confError(file, `unknown setting '${key}'`);
    }
  }
  if (config.minWorkers > config.maxWorkers) throw confError(file, `min_workers (${config.minWorkers}) must not exceed max_workers (${config.maxWorkers})`);
  // As libvirtd: never more anonymous clients than clients.
  config.maxAnonymousClients = Math.min(config.maxAnonymousClients, config.maxClients);
  return config;
}

/** "PORT" (loopback) or "HOST:PORT"; an IPv6 host goes in brackets. */
export function parseTcp(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]:|([^:]+):)?(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw confFail(ErrorCode.INVALID_ARG, `bad TCP address '${text}' (want PORT or HOST:PORT)`);
  return { host: m[1] ?? m[2] ?? '127.0.0.1', port };
}
