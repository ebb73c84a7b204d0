import { ErrorCode, ErrorDomain, type VirtError, errorReporter } from '../errors.js';
import type { XmlElement, XmlNode } from './tree.js';

const fail = errorReporter(ErrorDomain.XML);

/**
 * What one document may cost. Every cap is checked while reading, so a
 * hostile document is refused after at most one pass over its text.
 */
export interface XmlLimits {
  /** Largest accepted document, in characters (UTF-16 code units). */
  maxChars: number;
  /** Deepest accepted element nesting. */
  maxDepth: number;
  /** Most nodes (elements, text, comments, CDATA sections) in one document. Default 100,000. */
  maxNodes?: number;
  /** Most attributes on one element. Default 256. */
  maxAttributes?: number;
}

/**
 * The largest domain XML in libvirt 11.3's test corpus has 704 nodes, 7
 * attributes on one element and 15 levels; these caps sit far above that.
 */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxChars: 4 * 1024 * 1024, maxDepth: 64, maxNodes: 100_000, maxAttributes: 256 };

function xmlError(message: string): VirtError {
  return fail(ErrorCode.XML_ERROR, message);
}

/** Anything outside XML 1.0's Char production (§2.2): C0 controls but tab, LF and CR, lone surrogates, U+FFFE and U+FFFF. */
const FORBIDDEN_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
/** XML 1.0's Name production (§2.3); namespace prefixes stay part of the name. */
const NAME = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`, 'uy');
const SPACE = /[ \t\n\r]*/y;
/** A reference is short; the bound keeps a run of '&' from being rescanned. */
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z_:][A-Za-z0-9_.:-]{0,31}));/y;
const REFERENCE_CONTEXT = /&[^\s;<]{0,32};?/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict, single-pass XML 1.0 reader: elements, attributes (either quote
 * style), text with the five predefined entities and numeric character
 * references, comments and CDATA kept, processing instructions and the XML
 * declaration skipped. DOCTYPE and entity declarations are refused, so no
 * entity is ever expanded. Each character is looked at a bounded number of
 * times, so the time is linear in the input for any input.
 */
class DocumentReader {
  private pos = 0;
  private nodes = 0;
  private readonly maxNodes: number;
  private readonly maxAttributes: number;

  constructor(private readonly src: string, private readonly limits: XmlLimits) {
    this.maxNodes = limits.maxNodes ?? DEFAULT_XML_LIMITS.maxNodes!;
    this.maxAttributes = limits.maxAttributes ?? DEFAULT_XML_LIMITS.maxAttributes!;
  }

  document(): XmlElement {
    const src = this.src;
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (src.startsWith('<?xml', this.pos) && /[ \t\n\r?]/.test(src.charAt(this.pos + 5))) this.skipPi();
    let root: XmlElement | undefined;
    for (;;) {
      this.skipSpace();
      if (this.pos >= src.length) break;
      if (src.charCodeAt(this.pos) !== 0x3c /* < */) throw xmlError('document must have exactly one root element and nothing else');
      if (src.startsWith('<!--', this.pos)) this.comment();
      else if (src.startsWith('<?', this.pos)) this.skipPi();
      else if (src.startsWith('<!', this.pos)) this.declaration();
      else if (root || src.startsWith('</', this.pos)) throw xmlError('document must have exactly one root element and nothing else');
      else root = this.element();
    }
    if (!root) throw xmlError('document must have exactly one root element and nothing else');
    return root;
  }

  /** The root element and everything in it, with an explicit stack (no recursion). */
  private element(): XmlElement {
    const src = this.src;
    const root = this.startTag();
    if (root.selfClosed) return root.el;
    const stack: XmlElement[] = [root.el];
    while (stack.length > 0) {
      const parent = stack[stack.length - 1];
      const lt = src.indexOf('<', this.pos);
      if (lt < 0) throw this.malformed(`element <${parent.name}> is not closed`, src.length);
      if (lt > this.pos) this.text(parent, lt);
      if (src.startsWith('</', lt)) {
        this.pos = lt + 2;
        const name = this.name('closing tag');
        this.skipSpace();
        if (src.charCodeAt(this.pos) !== 0x3e /* > */) throw this.malformed(`expected '>' to end the closing tag </${name}>`);
        if (name !== parent.name) throw this.malformed(`closing tag </${name}> does not match <${parent.name}>`, lt);
        this.pos++;
        stack.pop();
      } else if (src.startsWith('<!--', lt)) {
        this.pos = lt;
        this.add(parent, { kind: 'comment', text: this.comment() });
      } else if (src.startsWith('<![CDATA[', lt)) {
        const end = src.indexOf(']]>', lt + 9);
        if (end < 0) throw this.malformed('CDATA section is not closed', lt);
        this.add(parent, { kind: 'cdata', text: src.slice(lt + 9, end) });
        this.pos = end + 3;
      } else if (src.startsWith('<?', lt)) {
        this.pos = lt;
        this.skipPi();
      } else if (src.startsWith('<!', lt)) {
        this.pos = lt;
        this.declaration();
      } else {
        this.pos = lt;
        if (stack.length >= this.limits.maxDepth) throw xmlError(`document nests elements deeper than ${this.limits.maxDepth} levels`);
        const child = this.startTag();
        this.add(parent, child.el);
        if (!child.selfClosed) stack.push(child.el);
      }
    }
    return root.el;
  }

  private startTag(): { el: XmlElement; selfClosed: boolean } {
    const src = this.src;
    this.pos++; // '<'
    const el: XmlElement = { kind: 'element', name: this.name('element'), attrs: {}, children: [] };
    if (this.nodes++ >= this.maxNodes) throw xmlError(`document has more than ${this.maxNodes} nodes`);
    let count = 0;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = src.charCodeAt(this.pos);
      if (c === 0x3e /* > */) {
        this.pos++;
        return { el, selfClosed: false };
      }
      if (c === 0x2f /* / */ && src.charCodeAt(this.pos + 1) === 0x3e) {
        this.pos += 2;
        return { el, selfClosed: true };
      }
      if (this.pos >= src.length) throw this.malformed(`start tag <${el.name}> is not closed`);
      if (this.pos === before) throw this.malformed(`expected whitespace, '>' or '/>' in start tag <${el.name}>`);
      const attr = this.name('attribute');
      if (attr === '__proto__') throw this.malformed("attribute name '__proto__' is not allowed", before);
      if (Object.hasOwn(el.attrs, attr)) throw this.malformed(`attribute '${attr}' is repeated`, before);
      if (++count > this.maxAttributes) throw xmlError(`element <${el.name}> has more than ${this.maxAttributes} attributes`);
      this.skipSpace();
      if (src.charCodeAt(this.pos) !== 0x3d /* = */) throw this.malformed(`attribute '${attr}' has no value`);
      this.pos++;
      this.skipSpace();
      const quote = src.charAt(this.pos);
      if (quote !== '"' && quote !== "'") throw this.malformed(`value of attribute '${attr}' is not quoted`);
      const end = src.indexOf(quote, this.pos + 1);
      if (end < 0) throw this.malformed(`value of attribute '${attr}' is not closed`);
      const raw = src.slice(this.pos + 1, end);
      const lt = raw.indexOf('<');
      if (lt >= 0) throw this.malformed(`'<' in the value of attribute '${attr}'`, this.pos + 1 + lt);
      // Attribute-value normalisation (§3.3.3): literal whitespace becomes a space; references keep theirs.
      el.attrs[attr] = this.decode(raw.replace(/[\t\n\r]/g, ' '), this.pos + 1);
      this.pos = end + 1;
    }
  }

  private text(parent: XmlElement, end: number): void {
    const raw = this.src.slice(this.pos, end);
    const bad = raw.indexOf(']]>');
    if (bad >= 0) throw this.malformed("']]>' is not allowed in text", this.pos + bad);
    this.add(parent, { kind: 'text', text: this.decode(raw, this.pos) });
    this.pos = end;
  }

  private add(parent: XmlElement, node: XmlNode): void {
    if (node.kind !== 'element' && this.nodes++ >= this.maxNodes) throw xmlError(`document has more than ${this.maxNodes} nodes`);
    parent.children.push(node);
  }

  /** Replaces references in `raw` (which starts at `at` in the document). */
  private decode(raw: string, at: number): string {
    let amp = raw.indexOf('&');
    if (amp < 0) return raw;
    let out = '';
    let from = 0;
    while (amp >= 0) {
      out += raw.slice(from, amp);
      REFERENCE.lastIndex = amp;
      const m = REFERENCE.exec(raw);
      if (!m || (m[3] !== undefined && !Object.hasOwn(PREDEFINED, m[3]))) {
        REFERENCE_CONTEXT.lastIndex = amp;
        throw xmlError(`undefined entity or stray '&' near '${REFERENCE_CONTEXT.exec(raw)![0]}'`);
      }
      if (m[3] !== undefined) out += PREDEFINED[m[3]];
      else {
        const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
        if (!isXmlChar(cp)) throw this.malformed(`character reference '${m[0]}' is not a character XML allows`, at + amp);
        out += String.fromCodePoint(cp);
      }
      from = amp + m[0].length;
      amp = raw.indexOf('&', from);
    }
    return out + raw.slice(from);
  }

  /** At '<!--': returns the comment's text and moves past it. */
  private comment(): string {
    const start = this.pos;
    const dashes = this.src.indexOf('--', start + 4);
    if (dashes < 0) throw this.malformed('comment is not closed', start);
    if (this.src.charCodeAt(dashes + 2) !== 0x3e /* > */) throw this.malformed("'--' is not allowed inside a comment", dashes);
    this.pos = dashes + 3;
    return this.src.slice(start + 4, dashes);
  }

  /** At '<?': skips a processing instruction (or the XML declaration). */
  private skipPi(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name('processing instruction');
    if (target.toLowerCase() === 'xml' && start !== 0 && !(start === 1 && this.src.charCodeAt(0) === 0xfeff)) {
      throw this.malformed('the XML declaration is only allowed at the start of the document', start);
    }
    const end = this.src.indexOf('?>', this.pos);
    if (end < 0) throw this.malformed('processing instruction is not closed', start);
    this.pos = end + 2;
  }

  /** At '<!' that is neither a comment nor CDATA. */
  private declaration(): never {
    const head = this.src.slice(this.pos, this.pos + 9).toUpperCase();
    if (head.startsWith('<!DOCTYPE') || head.startsWith('<!ENTITY')) throw xmlError('DOCTYPE and entity declarations are not allowed');
    throw this.malformed("unexpected '<!'");
  }

  private name(what: string): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.src);
    if (!m) throw this.malformed(`expected a name for the ${what}`);
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.src);
    this.pos = SPACE.lastIndex;
  }

  private malformed(what: string, at = this.pos): VirtError {
    const before = this.src.slice(0, Math.min(at, this.src.length));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return xmlError(`malformed document at line ${line}, column ${column}: ${what}`);
  }
}

/** The checks that need no reading: a string, and no larger than limits.maxChars. */
export function checkDocumentSize(xml: unknown, limits: XmlLimits): asserts xml is string {
  if (typeof xml !== 'string') throw xmlError('document is not a string');
  if (xml.length > limits.maxChars) throw xmlError(`document is larger than ${limits.maxChars} characters`);
}

/**
 * Parses one XML document and returns its root element. Refuses, with
 * VIR_ERR_XML_ERROR: DOCTYPE and entity declarations (no entity expansion),
 * undefined entities, characters XML 1.0 does not allow (literal or as a
 * reference, e.g. &#0;), and documents over the limits. Line ends are
 * normalised to '\n' (§2.11).
 */
export function parseXmlDocument(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  checkDocumentSize(xml, limits);
  if (xml.trim() === '') throw xmlError('document is empty');
  const src = xml.includes('\r') ? xml.replace(/\r\n?/g, '\n') : xml;
  const bad = FORBIDDEN_CHAR.exec(src);
  if (bad) {
    const cp = bad[0].codePointAt(0)!;
    const before = src.slice(0, bad.index);
    throw xmlError(`character U+${cp.toString(16).toUpperCase().padStart(4, '0')} at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')} is not allowed in XML`);
  }
  return new DocumentReader(src, limits).document();
}
