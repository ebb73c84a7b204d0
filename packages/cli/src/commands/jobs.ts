import { JobStatsFlags, JobType, type JobStats } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import { JOB_TYPE_NAMES, formatBytes } from '../output.js';
import type { CliCommand } from './command.js';

/** virsh's names of virDomainJobOperation. */
const OPERATION_NAMES = ['Unknown', 'Start', 'Save', 'Restore', 'Incoming migration', 'Outgoing migration', 'Snapshot', 'Snapshot revert', 'Dump', 'Backup', 'Snapshot delete'];

/**
 * virsh domjobinfo's lines: each label padded to 17 columns, counts to 12
 * before their unit, sizes with 3 decimals; a figure the job does not
 * report is left out, as are the byte groups whose figures are all 0.
 */
function jobLines(stats: JobStats): string {
  const p = stats.params;
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  const out: string[] = [];
  const line = (label: string, value: string) => out.push(`${label.padEnd(17)} ${value}`);
  const count = (label: string, v: number | undefined, unit?: string) => { if (v !== undefined) line(label, unit === undefined ? String(v).padEnd(12) : `${String(v).padEnd(12)} ${unit}`); };
  const bytes = (label: string, v: number | undefined, perSecond = false) => { if (v !== undefined) line(label, `${formatBytes(v)}${perSecond ? '/s' : ''}`); };
  const group = (keys: readonly string[]) => keys.some((k) => (num(k) ?? 0) !== 0);
  line('Job type:', (JOB_TYPE_NAMES[stats.type] ?? String(stats.type)).padEnd(12));
  if (stats.type === JobType.NONE) return `${out.join('\n')}\n\n`;
  const op = num('operation');
  if (op !== undefined) line('Operation:', (OPERATION_NAMES[op] ?? 'Unknown').padEnd(12));
  count('Time elapsed:', num('time_elapsed') ?? 0, 'ms');
  count('Time elapsed w/o network:', num('time_elapsed_net'), 'ms');
  if (stats.type === JobType.BOUNDED) count('Time remaining:', num('time_remaining') ?? 0, 'ms');
  if (group(['data_total', 'data_remaining', 'data_processed'])) {
    bytes('Data processed:', num('data_processed') ?? 0);
    bytes('Data remaining:', num('data_remaining') ?? 0);
    bytes('Data total:', num('data_total') ?? 0);
  }
  if (group(['memory_total', 'memory_remaining', 'memory_processed'])) {
    bytes('Memory processed:', num('memory_processed') ?? 0);
    bytes('Memory remaining:', num('memory_remaining') ?? 0);
    bytes('Memory total:', num('memory_total') ?? 0);
    if (num('memory_bps')) bytes('Memory bandwidth:', num('memory_bps'), true);
    count('Dirty rate:', num('memory_dirty_rate'), 'pages/s');
    count('Page size:', num('memory_page_size'), 'bytes');
    count('Iteration:', num('memory_iteration'));
    count('Postcopy requests:', num('memory_postcopy_requests'));
  }
  if (group(['disk_total', 'disk_remaining', 'disk_processed'])) {
    bytes('File processed:', num('disk_processed') ?? 0);
    bytes('File remaining:', num('disk_remaining') ?? 0);
    bytes('File total:', num('disk_total') ?? 0);
    if (num('disk_bps')) bytes('File bandwidth:', num('disk_bps'), true);
  }
  count('Constant pages:', num('memory_constant'));
  count('Normal pages:', num('memory_normal'));
  bytes('Normal data:', num('memory_normal_bytes'));
  count(stats.type === JobType.COMPLETED ? 'Total downtime:' : 'Expected downtime:', num('downtime'), 'ms');
  count('Downtime w/o network:', num('downtime_net'), 'ms');
  count('Setup time:', num('setup_time'), 'ms');
  bytes('Compression cache:', num('compression_cache'));
  bytes('Compressed data:', num('compression_bytes'));
  count('Compressed pages:', num('compression_pages'));
  count('Compression cache misses:', num('compression_cache_misses'));
  count('Compression overflows:', num('compression_overflow'));
  if (num('auto_converge_throttle') !== undefined) line('Auto converge throttle:', `${String(num('auto_converge_throttle')).padEnd(13)}%`);
  if (typeof p.errmsg === 'string') line('Error message:', p.errmsg);
  return `${out.join('\n')}\n\n`;
}

export const domjobinfo: CliCommand = {
  name: 'domjobinfo',
  summary: 'domain job information',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid')
    .option('--completed', 'return statistics of a recently completed job')
    .option('--keep-completed', 'don\'t destroy statistics of a recently completed job when reading'),
  async run(s, [name], o) {
    if (o.keepCompleted && !o.completed) throw refusedByCli('Option --keep-completed requires option --completed');
    const d = await s.domain(name);
    const stats = await d.getJobStats((o.completed ? JobStatsFlags.COMPLETED : 0) | (o.keepCompleted ? JobStatsFlags.KEEP_COMPLETED : 0));
    return { text: jobLines(stats), json: { type: JOB_TYPE_NAMES[stats.type], ...stats.params } };
  },
};

export const domjobabort: CliCommand = {
  name: 'domjobabort',
  summary: 'abort active domain job',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid'),
  async run(s, [name]) {
    const d = await s.domain(name);
    await d.abortJob();
    return { text: '', json: { name: d.name, aborted: true } };
  },
};
