import { JobStatsFlags } from '@virtkit/core';
import { JOB_TYPE_NAMES, formatBytes, formatFields } from '../output.js';
import type { CliCommand } from './command.js';

export const domjobinfo: CliCommand = {
  name: 'domjobinfo',
  summary: 'domain job information',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').option('--completed', 'return statistics of a recently completed job'),
  async run(s, [name], o) {
    const d = await s.domain(name);
    const stats = await d.getJobStats(o.completed ? JobStatsFlags.COMPLETED : 0);
    const p = stats.params;
    const lines: Array<[string, string]> = [['Job type', JOB_TYPE_NAMES[stats.type] ?? String(stats.type)]];
    const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
    if (num('time_elapsed') !== undefined) lines.push(['Time elapsed', `${num('time_elapsed')}         ms`]);
    for (const [key, label] of [['data_processed', 'Data processed'], ['data_remaining', 'Data remaining'], ['data_total', 'Data total'], ['memory_processed', 'Memory processed'], ['memory_remaining', 'Memory remaining'], ['memory_total', 'Memory total']] as const) {
      const v = num(key);
      if (v !== undefined) lines.push([label, formatBytes(v)]);
    }
    if (num('memory_dirty_rate') !== undefined) lines.push(['Dirty rate', `${num('memory_dirty_rate')}          pages/s`]);
    if (num('downtime') !== undefined) lines.push(['Total downtime', `${num('downtime')}         ms`]);
    return { text: formatFields(lines, 17), json: { type: JOB_TYPE_NAMES[stats.type], ...p } };
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
