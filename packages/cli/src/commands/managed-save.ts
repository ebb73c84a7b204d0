import { SaveRestoreFlags } from '@virtkit/core';
import type { CliCommand } from './command.js';

const domainArg = (c: import('commander').Command) => c.argument('<domain>', 'domain name, id or uuid');

export const managedsave: CliCommand = {
  name: 'managedsave',
  summary: 'managed save of a domain state',
  configure: (c) => domainArg(c).option('--bypass-cache', 'avoid file system cache when saving').option('--running', 'set domain to be running on next start')
    .option('--paused', 'set domain to be paused on next start').option('--verbose', 'display the progress of save'),
  async run(s, [text], o) {
    const d = await s.domain(text);
    const flags = (o.bypassCache ? SaveRestoreFlags.BYPASS_CACHE : 0) | (o.running ? SaveRestoreFlags.RUNNING : 0) | (o.paused ? SaveRestoreFlags.PAUSED : 0);
    await d.managedSave(flags);
    // virsh's progress line leaves a blank line before the confirmation.
    return { text: `\nDomain '${d.name}' state saved by libvirt\n\n`, json: { name: d.name } };
  },
};

export const managedsaveRemove: CliCommand = {
  name: 'managedsave-remove',
  summary: 'Remove managed save of a domain',
  configure: domainArg,
  async run(s, [text]) {
    const d = await s.domain(text);
    if (!(await d.hasManagedSaveImage())) return { text: `Domain '${d.name}' has no manage save image; removal skipped\n`, json: { name: d.name, removed: false } };
    await d.managedSaveRemove();
    return { text: `Removed managedsave image for domain '${d.name}'\n`, json: { name: d.name, removed: true } };
  },
};
