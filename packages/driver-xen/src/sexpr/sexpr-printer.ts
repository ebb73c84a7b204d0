import type { Sexpr } from './sexpr-parser.js';

/**
 * xend's atomp(): a string printed without quotes. Non-empty and made only of
 * letters, digits and `.-_:/~`, or exactly `@`.
 */
export function isBareAtom(s: string): boolean {
  return s === '@' || /^[A-Za-z0-9._:/~-]+$/.test(s);
}

/**
 * Python 2's repr() of a byte string, as xend prints every string that is not
 * a bare atom: single quotes unless the text holds a single quote and no
 * double quote; \\, \n, \t, \r and the chosen quote escaped; other bytes
 * outside printable ASCII as \xNN (text is encoded as UTF-8 first).
 */
export function pythonRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const b of new TextEncoder().encode(s)) {
    if (b === 0x5c) out += '\\\\';
    else if (b === quote.charCodeAt(0)) out += '\\' + quote;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return out + quote;
}

/**
 * Prints as xend's sxp.show() does: one line, list items separated by one
 * space, strings bare when they can be and Python-quoted otherwise.
 */
export function formatSexpr(value: Sexpr): string {
  if (typeof value === 'string') return isBareAtom(value) ? value : pythonRepr(value);
  return '(' + value.map(formatSexpr).join(' ') + ')';
}
