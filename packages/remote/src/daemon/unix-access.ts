import { execFile } from 'node:child_process';
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

/**
 * The credentials of the process connected to an accepted unix socket. Node
 * has no SO_PEERCRED, so: this end's inode from /proc/self/fd, the peer's
 * inode and its holder's pid from `ss -xpn` (iproute2), the ids from
 * /proc/PID/status. Undefined when any step is not possible (no ss, a peer
 * in another pid namespace, a non-root daemon that cannot see the peer's fds).
 */
export async function peerCredentials(socket: net.Socket): Promise<PeerCredentials | undefined> {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0) return undefined;
  const ours = await socketInode(fd);
  if (ours === undefined) return undefined;
  let rows: Map<number, UnixSocketRow>;
  try {
    rows = parseSsUnix((await run('ss', ['-xpnH'], { timeout: 5000, maxBuffer: 64 * 1024 * 1024 })).stdout);
  } catch {
    return undefined;
  }
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
