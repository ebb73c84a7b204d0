import type { Duplex } from 'node:stream';
import { counterValues } from './guest.js';
import { guestXml } from './hosts.js';

/**
 * The counter guest with its serial port on a pty QEMU allocates (what
 * consoles open) instead of a log file, and a VGA card (what screenshots
 * read). Its /init runs on that port too, so the guest's tty echoes what is
 * typed on the console.
 */
export async function consoleGuestXml(name: string, uuid?: string): Promise<string> {
  const xml = await guestXml({ name, uuid, serialLog: '/dev/null' });
  return xml.replace(/<serial type='file'>[\s\S]*?<\/serial>/, "<serial type='pty'><target port='0'/></serial>\n    <video><model type='vga'/></video>");
}

/** Collects a console's output as latin1 text. */
export function collect(stream: Duplex): { text(): string; counter(): number[] } {
  let text = '';
  stream.on('data', (b: Buffer) => { text += b.toString('latin1'); });
  return { text: () => text, counter: () => counterValues(text) };
}
