import { DomainConsoleFlags, DomainState, toVirtError } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import type { ConsoleTerminal } from '../output.js';
import type { CliCommand } from './command.js';

/** virsh's default escape character: Ctrl-] (^]) ends the session. */
const ESCAPE = 0x1d;

/**
 * virsh console: the guest's console on this terminal, in raw mode, until
 * the escape character is typed (the stream is finished) or the console
 * closes (the domain stopped, or another client took it with --force).
 */
export const consoleCmd: CliCommand = {
  name: 'console',
  summary: 'connect to the guest console',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').argument('[devname]', 'character device name')
    .option('--devname <string>', 'character device name').option('--force', 'force console connection (disconnect already connected sessions)')
    .option('--safe', 'only connect if safe console handling is supported'),
  async run(s, [text, devArg], o) {
    const d = await s.domain(text);
    if ((await d.getState()).state === DomainState.SHUTOFF) throw refusedByCli('The domain is not running');
    const term = s.io.terminal;
    if (!term?.input.isTTY) throw refusedByCli('Cannot run interactive console without a controlling TTY');
    s.io.out(`Connected to domain '${d.name}'\nEscape character is ^] (Ctrl + ])\n`);
    const flags = (o.force ? DomainConsoleFlags.FORCE : 0) | (o.safe ? DomainConsoleFlags.SAFE : 0);
    await runConsole(term, () => d.openConsole((o.devname as string | undefined) ?? devArg, { flags }));
    return { text: '\n', json: { domain: d.name } };
  },
};

async function runConsole(term: ConsoleTerminal, open: () => Promise<import('node:stream').Duplex>): Promise<void> {
  const { input, output } = term;
  const restore = term.makeRaw ? term.makeRaw() : (input.setRawMode?.(true), () => { input.setRawMode?.(false); });
  let onInput: ((b: Buffer) => void) | undefined;
  try {
    const stream = await open();
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (e?: unknown) => {
        if (done) return;
        done = true;
        if (e) reject(toVirtError(e));
        else resolve();
      };
      stream.on('data', (b: Buffer) => output.write(b));
      stream.on('end', () => finish());
      stream.on('close', () => finish());
      stream.on('error', (e) => finish(e));
      onInput = (b: Buffer) => {
        const at = b.indexOf(ESCAPE);
        if (at < 0) {
          stream.write(b);
          return;
        }
        if (at > 0) stream.write(b.subarray(0, at));
        stream.end(() => finish());
      };
      input.on('data', onInput);
      input.resume();
    });
  } finally {
    if (onInput) input.off('data', onInput);
    input.pause();
    restore();
  }
}
