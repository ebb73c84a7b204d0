import { QemuMonitorCommandFlags, QemuMonitorEventRegisterFlags, onQemuMonitorEvent, qemuMonitorCommand as monitorCommand } from '@virtkit/core';
import { eventTimestamp } from '../output.js';
import { eventsReceived, timeoutMs, waitForEvents } from './event-wait.js';
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

/**
 * virsh's qemu-monitor-event: QEMU's monitor events of one domain or all,
 * of one name (a regular expression with --regex, any case with
 * --no-case) or all, each with QEMU's timestamp and its data.
 */
export const qemuMonitorEvent: CliCommand = {
  name: 'qemu-monitor-event',
  summary: 'QEMU Monitor Events',
  configure: (c) => c.argument('[domain]', 'filter by domain name, id or uuid').argument('[event]', 'filter by event name')
    .option('--domain <domain>', 'filter by domain name, id or uuid').option('--event <event>', 'filter by event name')
    .option('--pretty', 'pretty-print any event details').option('--loop', 'loop until timeout or interrupt, rather than one-shot')
    .option('--timeout <seconds>', 'timeout seconds').option('--regex', 'treat event as a regex rather than literal filter')
    .option('--no-case', 'treat event case-insensitively').option('--timestamp', 'show timestamp for each printed event'),
  async run(s, [domainArg, eventArg], o) {
    const timeout = timeoutMs(o.timeout);
    const domainText = (o.domain as string | undefined) ?? domainArg;
    const dom = domainText === undefined ? undefined : await s.domain(domainText);
    const conn = await s.connection();
    // commander turns --no-case into case: false
    const flags = (o.regex ? QemuMonitorEventRegisterFlags.REGEX : 0) | (o.case === false ? QemuMonitorEventRegisterFlags.NOCASE : 0);
    const seen = await waitForEvents(s, (print) => [onQemuMonitorEvent(conn, (e) => {
      const details = e.details === undefined ? '<null>' : o.pretty ? JSON.stringify(JSON.parse(e.details), null, 2) : e.details;
      // With --timestamp the time is the moment virsh printed it, in place of QEMU's.
      print(o.timestamp
        ? `${eventTimestamp(new Date())}: event ${e.event} for domain '${e.domain.name}': ${details}\n`
        : `event ${e.event} at ${e.seconds}.${String(e.micros).padStart(6, '0')} for domain '${e.domain.name}': ${details}\n`);
    }, { domain: dom, event: (o.event as string | undefined) ?? eventArg, flags })], { loop: !!o.loop, timeoutMs: timeout, timestamp: false });
    return eventsReceived(s, seen, 'qemu monitor');
  },
};
