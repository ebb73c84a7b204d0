import { SaveRestoreFlags } from '@virtkit/core';
import { type CliCommand, said } from './command.js';

const flagsOf = (o: Record<string, unknown>) => (o.bypassCache ? SaveRestoreFlags.BYPASS_CACHE : 0) | (o.running ? SaveRestoreFlags.RUNNING : 0) | (o.paused ? SaveRestoreFlags.PAUSED : 0);

export const save: CliCommand = {
  name: 'save',
  summary: 'save a domain state to a file',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').argument('<file>', 'where to save the data')
    .option('--bypass-cache', 'avoid file system cache when saving').option('--running', 'set domain to be running on restore').option('--paused', 'set domain to be paused on restore'),
  async run(s, [name, file], o) {
    const d = await s.domain(name);
    await d.save(file, flagsOf(o));
    return said(`Domain '${d.name}' saved to ${file}`, { name: d.name, file });
  },
};

export const restore: CliCommand = {
  name: 'restore',
  summary: 'restore a domain from a saved state in a file',
  configure: (c) => c.argument('<file>', 'the state to restore')
    .option('--bypass-cache', 'avoid file system cache when restoring').option('--running', 'restore domain into running state').option('--paused', 'restore domain into paused state'),
  async run(s, [file], o) {
    const d = await (await s.connection()).restoreDomain(file, flagsOf(o));
    return said(`Domain restored from ${file}`, { name: d.name, uuid: d.uuid, file });
  },
};
