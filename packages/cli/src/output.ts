import { DomainState, JobType, type ConnectAuthCallback } from '@virtkit/core';

/** Where a command writes. Tests capture it; the binary uses the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bars draw in place). */
  errIsTty: boolean;
  /** The progress bar's stream. */
  errStream: NodeJS.WritableStream;
  /** Asked for credentials a remote daemon wants and auth.conf lacks (main.ts: a prompt when stdin is a terminal). */
  auth?: ConnectAuthCallback;
  /** The terminal `console` runs on (main.ts: stdin and stdout); without one, console refuses as virsh does without a TTY. */
  terminal?: ConsoleTerminal;
}

/** A terminal's two ends: keys in (raw mode while a console runs), the guest's output out. */
export interface ConsoleTerminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(on: boolean): unknown };
  output: NodeJS.WritableStream;
  /** Raw mode as virsh's (cfmakeraw); returns the restore. Without it, the input's own setRawMode. */
  makeRaw?(): () => void;
}

export const STATE_NAMES: Record<number, string> = {
  [DomainState.NOSTATE]: 'no state', [DomainState.RUNNING]: 'running', [DomainState.BLOCKED]: 'idle', [DomainState.PAUSED]: 'paused',
  [DomainState.SHUTDOWN]: 'in shutdown', [DomainState.SHUTOFF]: 'shut off', [DomainState.CRASHED]: 'crashed', [DomainState.PMSUSPENDED]: 'pmsuspended',
};

const REASONS: Partial<Record<DomainState, string[]>> = {
  [DomainState.RUNNING]: ['unknown', 'booted', 'migrated', 'restored', 'from snapshot', 'unpaused', 'migration canceled', 'save canceled', 'event wakeup', 'crashed', 'post-copy'],
  [DomainState.PAUSED]: ['unknown', 'user', 'migrating', 'saving', 'dumping', 'I/O error', 'watchdog', 'from snapshot', 'shutting down', 'creating snapshot', 'crashed', 'starting up', 'post-copy', 'post-copy failed'],
  [DomainState.SHUTOFF]: ['unknown', 'shutdown', 'destroyed', 'crashed', 'migrated', 'saved', 'failed', 'from snapshot', 'daemon'],
};

export function stateName(state: number): string {
  return STATE_NAMES[state] ?? 'no state';
}

export function reasonName(state: number, reason: number): string {
  return REASONS[state as DomainState]?.[reason] ?? 'unknown';
}

export const JOB_TYPE_NAMES: Record<number, string> = {
  [JobType.NONE]: 'None', [JobType.BOUNDED]: 'Bounded', [JobType.UNBOUNDED]: 'Unbounded', [JobType.COMPLETED]: 'Completed', [JobType.FAILED]: 'Failed', [JobType.CANCELLED]: 'Cancelled',
};

/**
 * virsh's table (vshTable): a header, a rule two characters longer than the
 * widest line, left-aligned cells padded to their column except the last,
 * so a row whose last cell is empty ends in the separator's spaces.
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const last = header.length - 1;
  const line = (cells: string[]) => ' ' + cells.map((c, i) => (i === last ? c : c.padEnd(widths[i]))).join('   ');
  const width = 1 + widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1);
  return [line(header), '-'.repeat(width + 2), ...rows.map(line)].join('\n') + '\n\n';
}

/**
 * virsh's tree listing (vshTreePrint) of every item without a parent in
 * the list, children in list order: "+- " branches, "|" down to the last
 * child, a line of indent after the last leaf of each branch.
 */
export function formatTree(items: ReadonlyArray<{ name: string; parent?: string }>): string {
  const out: string[] = [];
  const walk = (i: number, lastSibling: number, root: boolean, indent: string) => {
    const dev = items[i].name;
    out.push(`${indent}${root ? '' : '+- '}${dev}\n`);
    const own = root ? indent : indent + (i === lastSibling ? ' ' : '|') + ' ';
    const kids = items.map((it, k) => (it.parent === dev ? k : -1)).filter((k) => k >= 0);
    const lastKid = kids.length > 0 ? kids[kids.length - 1] : -1;
    if (lastKid !== -1) out.push(`${own}  |\n`);
    for (const k of kids) walk(k, lastKid, false, own + '  ');
    if (lastKid === -1 && i === lastSibling) out.push(`${own}\n`);
  };
  items.forEach((it, i) => {
    if (it.parent === undefined) walk(i, i, true, '');
  });
  return out.join('');
}

/** virsh's "Key:    value" lists: the key and colon padded to a column (15 for dominfo). */
export function formatFields(fields: Array<[string, string]>, width = 15): string {
  return fields.map(([k, v]) => `${(k + ':').padEnd(width)} ${v}`.trimEnd()).join('\n') + '\n\n';
}

/** Bytes as virsh prints them: in the largest fitting binary unit, 3 decimals (domjobinfo) or 2 (pool-info, vol-info). */
export function formatBytes(n: number, decimals = 3): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(decimals)} ${units[u]}`;
}

/** "2026-12-02 05:55:12 +0000": strftime's "%Y-%m-%d %H:%M:%S %z" in local time, as snapshot-list prints a creation time. */
export function localTimestamp(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = `${off < 0 ? '-' : '+'}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${zone}`;
}

/** "2026-12-02 05:55:12.123+0000": libvirt's virTimeStringNowRaw (UTC, milliseconds), as virsh's event commands print with --timestamp. */
export function eventTimestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}+0000`;
}

/** strcasecmp order, as virsh sorts snapshot names. */
export const byName = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};
