import { QemuMonitorCommandFlags, qemuMonitorCommand as monitorCommand } from '@virtkit/core';
import type { CliCommand } from './command.js';

/**
 * virsh's qemu-monitor-command: the words after the domain joined by spaces
 * and sent to the guest's monitor as QMP JSON (or an HMP line with --hmp);
 * QEMU's reply printed as it came, or indented with --pretty.
 */
export const qemuMonitorCommand: CliCommand = {
  name: 'qemu-monitor-command',
  summary: 'QEMU Monitor Command',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').argument('<cmd...>', 'command')
    .option('--hmp', 'command is in human monitor protocol').option('--pretty', 'pretty-print any qemu monitor protocol output'),
  async run(s, [text, ...rest], o) {
    const words = rest.flat() as string[];
    const d = await s.domain(text);
    const reply = await monitorCommand(d, words.join(' '), o.hmp ? QemuMonitorCommandFlags.HMP : 0);
    // virsh ends a reply as written with an empty line, an indented one without.
    const shown = o.pretty && !o.hmp ? `${JSON.stringify(JSON.parse(reply), null, 2)}\n` : `${reply}\n\n`;
    return { text: shown, json: o.hmp ? reply : JSON.parse(reply) };
  },
};
