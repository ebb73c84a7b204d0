import { ErrorCode } from '@virtkit/core';
import { fail } from './errors.js';

/**
 * QEMU's key=value option syntax (QemuOpts): a comma inside a value is
 * written twice. JSON options (-device/-blockdev/-netdev/-object) need no
 * escaping. No shell is ever involved: argv goes to execve as is.
 */
export function escapeOptionValue(value: string): string {
  return value.replace(/,/g, ',,');
}

/** Splits a key=value option string on single commas, undoing the doubling. */
export function splitOptionString(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ',') {
      if (text[i + 1] === ',') {
        cur += ',';
        i++;
        continue;
      }
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Parses "first,key=value,…" into the leading bare word (if any) and a key map. */
export function parseOptionString(text: string, implicitKey?: string): { head?: string; opts: Map<string, string> } {
  const opts = new Map<string, string>();
  let head: string | undefined;
  splitOptionString(text).forEach((part, i) => {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (i === 0) head = part;
      else opts.set(part, 'on');
    } else opts.set(part.slice(0, eq), part.slice(eq + 1));
  });
  if (head !== undefined && implicitKey !== undefined) opts.set(implicitKey, head);
  return { head, opts };
}

/** Refuses characters that no QEMU option can carry. */
export function checkOptionText(value: string, what: string): void {
  if (/[\u0000\n\r]/.test(value)) {
    throw fail(ErrorCode.CONFIG_UNSUPPORTED, `${what} contains a control character QEMU cannot accept`);
  }
}
