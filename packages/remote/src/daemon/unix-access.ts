import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import type net from 'node:net';
import { promisify } from 'node:util';
import { ErrorCode } from '@virtkit/core';
import { confFail } from '../errors.js';

const run = promisify(execFile);

/**
 * Who is on the other end of a unix socket, as SO_PEERCRED tells libvirtd:
 * the process id, and its effective user and group ids.
 */
export interface PeerCredentials {
  pid: number;
  uid: number;
  gid: number;
}

/** The socket inode behind one of this process's file descriptors (/proc/self/fd/N → "socket:[INODE]"). */
async function socketInode(fd: number): Promise<number | undefined> {
  const m = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/self/fd/${fd}`).catch(() => ''));
  return m ? Number(m[1]) : undefined;
}

interface UnixSocketRow {
  peer: number;
  pids: number[];
}

/**
 * `ss -xpnH` rows by local inode: each unix socket's peer inode and the
 * processes holding it. ss reads the peer from the kernel (unix_diag), which
 * /proc/net/unix does not show, and the holders from /proc/PID/fd.
 */
export function parseSsUnix(text: string): Map<number, UnixSocketRow> {
  const rows = new Map<number, UnixSocketRow>();
  for (const line of text.split('\n')) {
    const m = /^\S+\s+\S+\s+\d+\s+\d+\s+.*?\s(\d+)\s+\S+\s+(\d+)(?:\s+users:\((.*)\))?\s*$/.exec(line);
    if (!m) continue;
    rows.set(Number(m[1]), { peer: Number(m[2]), pids: [...(m[3] ?? '').matchAll(/pid=(\d+)/g)].map((x) => Number(x[1])) });
  }
  return rows;
}

/** The effective uid and gid of a process, from /proc/PID/status. */
async function processIds(pid: number): Promise<{ uid: number; gid: number } | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(status);
  const gid = /^Gid:\s+\d+\s+(\d+)/m.exec(status);
  return uid && gid ? { uid: Number(uid[1]), gid: Number(gid[1]) } : undefined;
}

/** The line the table's shell prints after each listing; no `ss` row is ever this. */
const END_OF_LISTING = '-- end of listing --';
/** A listing larger than this (characters) is dropped and the shell restarted. */
const MAX_LISTING = 64 * 1024 * 1024;

/**
 * The host's unix sockets as `ss -xpnH` lists them, for the peer lookups of
 * one server. A process spawned from the daemon costs its event loop a fork
 * of the whole daemon (milliseconds, during which no client is served), so
 * the listings come from one long-lived shell that runs `ss` for each line
 * it reads: the fork happens in the shell. Lookups that arrive while a
 * listing runs share the next one, so a burst of connections costs one
 * listing, not one each. A listing answers only lookups made before it
 * started (the socket is in it).
 */
export class UnixSocketTable {
  private shell: ChildProcess | undefined;
  private output = '';
  /** Waiters the running listing answers; undefined when none runs. */
  private running: Array<(rows: Map<number, UnixSocketRow>) => void> | undefined;
  private queued: Array<(rows: Map<number, UnixSocketRow>) => void> = [];
  private closed = false;

  /** A listing taken after this call; empty when `ss` cannot run. */
  rows(): Promise<Map<number, UnixSocketRow>> {
    if (this.closed) return Promise.resolve(new Map());
    return new Promise((resolve) => {
      this.queued.push(resolve);
      if (!this.running) this.startListing();
    });
  }

  private startListing(): void {
    if (this.queued.length === 0) return;
    const shell = this.shell ?? this.startShell();
    this.running = this.queued;
    this.queued = [];
    shell.stdin!.write('\n');
  }

  private startShell(): ChildProcess {
    const shell = spawn('sh', ['-c', `while read -r _; do ss -xpnH 2>/dev/null; echo '${END_OF_LISTING}'; done`], { stdio: ['pipe', 'pipe', 'ignore'] });
    shell.stdin!.on('error', () => {});
    shell.stdout!.setEncoding('utf8');
    shell.stdout!.on('data', (text: string) => this.onOutput(text));
    shell.once('error', () => this.lost(shell));
    shell.once('exit', () => this.lost(shell));
    this.shell = shell;
    return shell;
  }

  private onOutput(text: string): void {
    this.output += text;
    const end = this.output.indexOf(`${END_OF_LISTING}\n`);
    if (end < 0) {
      if (this.output.length > MAX_LISTING) this.shell?.kill();
      return;
    }
    const rows = parseSsUnix(this.output.slice(0, end));
    this.output = this.output.slice(end + END_OF_LISTING.length + 1);
    this.finish(rows);
  }

  /** The shell went away (no `sh`, killed): the running listing answers empty, the next lookup starts a new shell. */
  private lost(shell: ChildProcess): void {
    if (this.shell !== shell) return;
    this.shell = undefined;
    this.output = '';
    this.finish(new Map());
  }

  private finish(rows: Map<number, UnixSocketRow>): void {
    const waiters = this.running ?? [];
    this.running = undefined;
    for (const w of waiters) w(rows);
    if (!this.closed) this.startListing();
  }

  /** Stops the shell; pending and later lookups answer empty. */
  close(): void {
    this.closed = true;
    const waiters = [...(this.running ?? []), ...this.queued.splice(0)];
    this.running = undefined;
    for (const w of waiters) w(new Map());
    this.shell?.kill();
    this.shell = undefined;
  }
}

/**
 * The credentials of the process connected to an accepted unix socket. Node
 * has no SO_PEERCRED, so: this end's inode from /proc/self/fd, the peer's
 * inode and its holder's pid from `ss -xpn` (iproute2, through `table`), the
 * ids from /proc/PID/status. Undefined when any step is not possible (no ss,
 * a peer in another pid namespace, a non-root daemon that cannot see the
 * peer's fds).
 */
export async function peerCredentials(socket: net.Socket, table: UnixSocketTable): Promise<PeerCredentials | undefined> {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) return undefined;
  const ours = await socketInode(fd);
  if (ours === undefined) return undefined;
  const rows = await table.rows();
  const peer = rows.get(ours)?.peer;
  const pid = peer === undefined ? undefined : rows.get(peer)?.pids[0];
  if (pid === undefined) return undefined;
  const ids = await processIds(pid);
  return ids && { pid, ...ids };
}

/** A group name or number (unix_sock_group), as libvirt's virGetGroupID: a number is taken as is. */
export async function groupId(group: string): Promise<number> {
  if (/^\+?\d+$/.test(group)) return Number(group);
  const out = await run('getent', ['group', group]).then((r) => r.stdout, () => '');
  const gid = out.split(':')[2];
  if (gid === undefined || !/^\d+$/.test(gid)) throw confFail(ErrorCode.INTERNAL_ERROR, `Failed to find group record for name '${group}'`);
  return Number(gid);
}
