import { MigrateMaxSpeedFlags } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import type { CommandResult } from '../session.js';
import type { CliCommand } from './command.js';

const domainArg = (c: import('commander').Command) => c.argument('<domain>', 'domain name, id or uuid');
const nothing: CommandResult = { text: '\n', json: {} };

/** virsh's unsigned integer arguments: digits only, else its "malformed" refusal naming the option. */
function unsignedOf(text: string, option: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw refusedByCli(`Numeric value '${text}' for <${option}> option is malformed or out of range`);
  return Number(text);
}

export const migrateSetMaxDowntime: CliCommand = {
  name: 'migrate-setmaxdowntime',
  summary: 'set maximum tolerable downtime',
  configure: (c) => domainArg(c).argument('<downtime>', 'maximum tolerable downtime (in milliseconds) for migration'),
  async run(s, [name, text]) {
    const downtime = unsignedOf(text, 'downtime');
    if (downtime < 1) throw refusedByCli('migrate: Invalid downtime');
    await (await s.domain(name)).migrateSetMaxDowntime(downtime);
    return nothing;
  },
};

export const migrateGetMaxDowntime: CliCommand = {
  name: 'migrate-getmaxdowntime',
  summary: 'get maximum tolerable downtime',
  configure: (c) => domainArg(c),
  async run(s, [name]) {
    const downtime = await (await s.domain(name)).migrateGetMaxDowntime();
    return { text: `${downtime}\n\n`, json: { downtime } };
  },
};

export const migrateSetSpeed: CliCommand = {
  name: 'migrate-setspeed',
  summary: 'Set the maximum migration bandwidth',
  configure: (c) => domainArg(c).argument('<bandwidth>', 'migration bandwidth limit in MiB/s').option('--postcopy', 'set post-copy migration bandwidth'),
  async run(s, [name, text], o) {
    const bandwidth = unsignedOf(text, 'bandwidth');
    await (await s.domain(name)).migrateSetMaxSpeed(bandwidth, o.postcopy ? MigrateMaxSpeedFlags.POSTCOPY : 0);
    return nothing;
  },
};

export const migrateGetSpeed: CliCommand = {
  name: 'migrate-getspeed',
  summary: 'Get the maximum migration bandwidth',
  configure: (c) => domainArg(c).option('--postcopy', 'get post-copy migration bandwidth'),
  async run(s, [name], o) {
    const bandwidth = await (await s.domain(name)).migrateGetMaxSpeed(o.postcopy ? MigrateMaxSpeedFlags.POSTCOPY : 0);
    return { text: `${bandwidth}\n\n`, json: { bandwidth } };
  },
};

export const migratePostCopy: CliCommand = {
  name: 'migrate-postcopy',
  summary: 'Switch running migration from pre-copy to post-copy',
  configure: (c) => domainArg(c),
  async run(s, [name]) {
    await (await s.domain(name)).migrateStartPostCopy();
    return nothing;
  },
};

export const MIGRATE_TUNING_COMMANDS: readonly CliCommand[] = [migrateSetMaxDowntime, migrateGetMaxDowntime, migrateSetSpeed, migrateGetSpeed, migratePostCopy];
