import { RebootFlags } from '@virtkit/core';
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
