import { ErrorCode, type VirtError } from '@virtkit/core';
import { fail } from './errors.js';

/**
 * POSIX shell quoting for display only (virsh domxml-to-native prints one
 * shell-quoted line). Nothing here is ever run by a shell.
 */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * Splits a shell-quoted line back into words: single and double quotes,
 * backslash escapes and backslash-newline continuations. No expansion of
 * any kind; `$`, backquotes and globs stay literal.
 */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') {
      const next = line[i + 1];
      i++;
      if (next === undefined) break;
      if (next === '\n') continue;
      cur += next;
      inWord = true;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw unterminated();
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && /["\\$`\n]/.test(line[j + 1] ?? '')) {
          j++;
          if (line[j] !== '\n') cur += line[j];
        } else cur += line[j];
      }
      if (j >= line.length) throw unterminated();
      i = j;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

function unterminated(): VirtError {
  return fail(ErrorCode.INVALID_ARG, 'unterminated quote in the QEMU argv');
}
