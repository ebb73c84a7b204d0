import { DomainTimeFlags, RebootFlags } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import { type CliCommand, said } from './command.js';

const domainArg = (c: import('commander').Command) => c.argument('<domain>', 'domain name, id or uuid');

/** virsh reboot's --mode words, comma-separated, to RebootFlags. */
const REBOOT_MODES: Readonly<Record<string, number>> = {
  acpi: RebootFlags.ACPI_POWER_BTN, agent: RebootFlags.GUEST_AGENT, initctl: RebootFlags.INITCTL, signal: RebootFlags.SIGNAL, paravirt: RebootFlags.PARAVIRT,
};

function rebootFlags(mode: string | undefined): number {
  let flags = 0;
  for (const word of mode ? mode.split(',') : []) {
    const bit = REBOOT_MODES[word];
    if (bit === undefined) throw refusedByCli(`Unknown mode ${word} value, expecting 'acpi', 'agent', 'initctl', 'signal' or 'paravirt'`);
    flags |= bit;
  }
  return flags;
}

export const reboot: CliCommand = {
  name: 'reboot',
  summary: 'reboot a domain',
  configure: (c) => domainArg(c).option('--mode <string>', 'shutdown mode: acpi|agent|initctl|signal|paravirt'),
  async run(s, [text], o) {
    const flags = rebootFlags(o.mode as string | undefined);
    const d = await s.domain(text);
    await d.reboot(flags);
    return said(`Domain '${d.name}' is being rebooted`, { name: d.name });
  },
};

export const reset: CliCommand = {
  name: 'reset',
  summary: 'reset a domain',
  configure: domainArg,
  async run(s, [text]) {
    const d = await s.domain(text);
    await d.reset();
    return said(`Domain '${d.name}' was reset`, { name: d.name });
  },
};

export const autostart: CliCommand = {
  name: 'autostart',
  summary: 'autostart a domain',
  configure: (c) => domainArg(c).option('--disable', 'disable autostarting'),
  async run(s, [text], o) {
    const d = await s.domain(text);
    await d.setAutostart(!o.disable);
    return said(`Domain '${d.name}' ${o.disable ? 'unmarked' : 'marked'} as autostarted`, { name: d.name, autostart: !o.disable });
  },
};

/** "1989-11-17 15:32:00" in local time, as virsh's --pretty prints it. */
function prettyTime(seconds: number): string {
  const t = new Date(seconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
}

export const domtime: CliCommand = {
  name: 'domtime',
  summary: 'domain time',
  configure: (c) => domainArg(c).option('--now', 'set to the time of the host running virsh').option('--pretty', 'print domain\'s time in human readable form')
    .option('--sync', 'instead of setting given time, synchronize from domain\'s RTC').option('--time <number>', 'time to set'),
  async run(s, [text], o) {
    if (o.time !== undefined && (o.now || o.sync)) throw refusedByCli(`Options --time and --${o.now ? 'now' : 'sync'} are mutually exclusive`);
    if (o.pretty && (o.time !== undefined || o.now || o.sync)) throw refusedByCli('Options --pretty and --time are mutually exclusive');
    const d = await s.domain(text);
    if (o.now || o.sync || o.time !== undefined) {
      if (o.time !== undefined && !/^\d+$/.test(o.time as string)) throw refusedByCli(`Numeric value '${o.time as string}' for <time> option is malformed or out of range`);
      const seconds = o.now ? Math.floor(Date.now() / 1000) : Number(o.time ?? 0);
      await d.setTime(o.sync ? undefined : { seconds, nseconds: 0 }, o.sync ? DomainTimeFlags.SYNC : 0);
      return { text: '\n', json: { name: d.name } };
    }
    const { seconds, nseconds } = await d.getTime();
    return { text: `Time: ${o.pretty ? prettyTime(seconds) : seconds}\n`, json: { name: d.name, seconds, nseconds } };
  },
};
