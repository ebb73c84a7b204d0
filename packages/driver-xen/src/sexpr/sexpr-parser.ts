import { ErrorCode, ErrorDomain, VirtError } from '@virtkit/core';

/**
 * An S-expression as xend sees it: there are no numbers or symbols, only
 * strings and lists. A quoted string and a bare atom with the same text are
 * the same value.
 */
export type Sexpr = string | Sexpr[];

export interface SexprLimits {
  /** Largest accepted input, in characters. */
  maxChars: number;
  /** Deepest accepted list nesting. */
  maxDepth: number;
}

export const DEFAULT_SEXPR_LIMITS: SexprLimits = { maxChars: 4 * 1024 * 1024, maxDepth: 64 };

const WHITESPACE = ' \t\n\v\f\r';
/** Characters that end an atom (xend's sxp.py separators, plus whitespace and '#'). */
const ATOM_END = WHITESPACE + '#{}()<>[];';
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '\\': 92, "'": 39, '"': 34 };
const EOF_CHAR = '\u0004';

export function sexprError(message: string): VirtError {
  return new VirtError({ code: ErrorCode.SEXPR_SERIAL, domain: ErrorDomain.SEXPR, message: `failed to parse S-expression: ${message}` });
}

function isPrintableAscii(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x20 && c < 0x7f;
}

/**
 * Reads S-expressions in xend's grammar (sxp.py Parser): lists, atoms,
 * strings in single or double quotes with C-like escapes (\xHH, octal,
 * unknown escapes keep their backslash), '#' comments to end of line, and
 * Ctrl-D as end of input. Escaped bytes are decoded as UTF-8.
 */
export function parseSexprs(text: string, limits: SexprLimits = DEFAULT_SEXPR_LIMITS): Sexpr[] {
  if (typeof text !== 'string') throw sexprError('input is not a string');
  if (text.length > limits.maxChars) throw sexprError(`input is larger than ${limits.maxChars} characters`);
  const top: Sexpr[] = [];
  const stack: Sexpr[][] = [];
  const current = () => stack[stack.length - 1] ?? top;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === EOF_CHAR) break;
    if (WHITESPACE.includes(ch)) { i++; continue; }
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '(') {
      if (stack.length >= limits.maxDepth) throw sexprError(`lists nest deeper than ${limits.maxDepth} levels`);
      const list: Sexpr[] = [];
      current().push(list);
      stack.push(list);
      i++;
      continue;
    }
    if (ch === ')') {
      if (stack.length === 0) throw sexprError(`unbalanced ')' at offset ${i}`);
      stack.pop();
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const [value, next] = readString(text, i);
      current().push(value);
      i = next;
      continue;
    }
    if (!isPrintableAscii(ch)) throw sexprError(`invalid character (code ${ch.charCodeAt(0)}) at offset ${i}`);
    const start = i;
    i++;
    while (i < n && !ATOM_END.includes(text[i]) && text[i] !== EOF_CHAR) {
      if (!isPrintableAscii(text[i])) throw sexprError(`invalid character (code ${text.charCodeAt(i)}) at offset ${i}`);
      i++;
    }
    current().push(text.slice(start, i));
  }
  if (stack.length > 0) throw sexprError(`${stack.length} unclosed list(s) at end of input`);
  return top;
}

/** Exactly one S-expression; anything else is an error. */
export function parseSexpr(text: string, limits: SexprLimits = DEFAULT_SEXPR_LIMITS): Sexpr {
  const values = parseSexprs(text, limits);
  if (values.length === 0) throw sexprError('no S-expression in input');
  if (values.length > 1) throw sexprError(`expected one S-expression, found ${values.length}`);
  return values[0];
}

function readString(text: string, open: number): [string, number] {
  const quote = text[open];
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const literal = (s: string) => { for (const b of encoder.encode(s)) bytes.push(b); };
  let i = open + 1;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === quote) return [new TextDecoder().decode(new Uint8Array(bytes)), i + 1];
    if (ch !== '\\') {
      const cp = text.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      literal(s);
      i += s.length;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    if (e in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[e]);
      i += 2;
    } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      bytes.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (/[0-7]/.test(e)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      bytes.push(parseInt(digits, 8) & 0xff);
      i += 1 + digits.length;
    } else {
      // xend keeps an unknown escape as it was, backslash included.
      bytes.push(92);
      i += 1;
    }
  }
  throw sexprError(`unterminated string starting at offset ${open}`);
}
