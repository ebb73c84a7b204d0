import { ErrorCode, ErrorDomain, VirtError } from '@virtkit/core';

/**
 * Splits a virsh-style command string into commands and their words:
 * white space separates words, single and double quotes group, backslash
 * escapes, and an unquoted ';' ends a command.
 */
export function splitCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (ch === ';') {
      endWord();
      if (words.length > 0) commands.push(words);
      words = [];
    } else if (/\s/.test(ch)) {
      endWord();
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.NONE, message: `unterminated ${quote === '"' ? 'double' : 'single'} quote in command` });
  endWord();
  if (words.length > 0) commands.push(words);
  return commands;
}

/** Commands from argv: one argument is parsed as a command string; several are words, with ';' words separating commands. */
export function commandsFromArgv(args: string[]): string[][] {
  if (args.length === 1) return splitCommands(args[0]);
  const commands: string[][] = [];
  let current: string[] = [];
  for (const a of args) {
    if (a === ';') {
      if (current.length) commands.push(current);
      current = [];
    } else if (a.endsWith(';') && !a.endsWith('\\;')) {
      current.push(a.slice(0, -1));
      commands.push(current);
      current = [];
    } else current.push(a);
  }
  if (current.length) commands.push(current);
  return commands;
}
