import fs from 'node:fs/promises';
import { KeycodeSet, SEND_KEY_MAX_KEYS, keycodeFromName, keycodeSetFromName } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import type { CliCommand } from './command.js';

const domainArg = (c: import('commander').Command) => c.argument('<domain>', 'domain name, id or uuid');

/** virshGenFileName's extension for a screenshot's MIME type. */
const MIME_EXTENSIONS: Readonly<Record<string, string>> = { 'image/x-portable-pixmap': '.ppm', 'image/png': '.png' };

/** virshGenFileName: DOMAIN-YYYY-MM-DD-HH:MM:SS.EXT in local time. */
function generatedName(domain: string, mime: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}`;
  return `${domain}-${stamp}${MIME_EXTENSIONS[mime] ?? ''}`;
}

/** vshCommandOptUInt's refusal of a malformed number. */
function uintOption(text: string | undefined, name: string): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 0xffffffff) throw refusedByCli(`Numeric value '${text}' for <${name}> option is malformed or out of range`);
  return Number(text);
}

export const screenshot: CliCommand = {
  name: 'screenshot',
  summary: 'take a screenshot of a current domain console and store it into a file',
  configure: (c) => domainArg(c).argument('[file]', 'where to store the screenshot').option('--screen <number>', 'ID of a screen to take screenshot of'),
  async run(s, [text, fileArg], o) {
    const d = await s.domain(text);
    const screenNo = uintOption(o.screen as string | undefined, 'screen');
    const shot = await d.screenshot(screenNo);
    const file = fileArg ?? generatedName(d.name, shot.mime);
    await fs.writeFile(file, shot.image);
    return { text: `Screenshot saved to ${file}, with type of ${shot.mime}\n`, json: { file, mime: shot.mime, bytes: shot.image.length } };
  },
};

/** virshKeyCodeGetInt: a number in C's notations (0x…, 0…, decimal) up to 0xffff, else undefined. */
function keycodeNumber(text: string): number | undefined {
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) v = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) v = parseInt(text, 8);
  else if (/^\+?[1-9]\d*$/.test(text)) v = Number(text);
  else return undefined;
  return v <= 0xffff ? v : undefined;
}

export const sendKey: CliCommand = {
  name: 'send-key',
  summary: 'Send keycodes to the guest',
  configure: (c) => domainArg(c).argument('<keycode...>', 'the key code').option('--codeset <string>', 'the codeset of keycodes, default:linux')
    .option('--holdtime <number>', 'the time (in milliseconds) how long the keys will be held'),
  async run(s, [text, ...keys], o) {
    const d = await s.domain(text);
    const holdText = o.holdtime as string | undefined;
    if (holdText !== undefined && !/^[+-]?\d+$/.test(holdText)) throw refusedByCli(`Numeric value '${holdText}' for <holdtime> option is malformed or out of range`);
    const holdtime = holdText === undefined ? 0 : Number(holdText);
    const setName = (o.codeset as string | undefined) ?? 'linux';
    const codeset = keycodeSetFromName(setName);
    if (codeset === undefined) throw refusedByCli(`unknown codeset: '${setName}'`);
    const codes: number[] = [];
    for (const k of keys.flat()) {
      if (codes.length === SEND_KEY_MAX_KEYS) throw refusedByCli('too many keycodes');
      const code = keycodeNumber(k) ?? keycodeFromName(codeset, k);
      if (code === undefined) throw refusedByCli(`invalid keycode: '${k}'`);
      codes.push(code);
    }
    await d.sendKey(codeset, holdtime >>> 0, codes);
    return { text: '\n', json: { codeset: KeycodeSet[codeset], keycodes: codes } };
  },
};
