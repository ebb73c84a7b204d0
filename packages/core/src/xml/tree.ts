import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ErrorCode, ErrorDomain, VirtError, errorReporter } from '../errors.js';

const fail = errorReporter(ErrorDomain.XML);

/**
 * A plain, ordered XML tree. Parsing goes through fast-xml-parser; the tree
 * keeps attribute order, comments and CDATA so that what the typed model does
 * not know can be written back unchanged.
 */
export interface XmlElement {
  kind: 'element';
  name: string;
  /** Attributes in document order (a JS object keeps insertion order for non-numeric keys). */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { kind: 'text'; text: string } | { kind: 'comment'; text: string } | { kind: 'cdata'; text: string };

export interface XmlLimits {
  /** Largest accepted document, in characters. */
  maxChars: number;
  /** Deepest accepted element nesting. */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxChars: 4 * 1024 * 1024, maxDepth: 64 };

function xmlError(message: string): VirtError {
  return fail(ErrorCode.XML_ERROR, `${message}`);
}

/** Cheap structural pre-scan, so hostile nesting is refused before a tree is built. */
function checkDepth(xml: string, maxDepth: number): void {
  let depth = 0;
  const tag = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[2] === undefined) continue;
    if (m[1] === '/') depth--;
    else if (m[3] !== '/') {
      depth++;
      if (depth > maxDepth) throw xmlError(`document nests elements deeper than ${maxDepth} levels`);
    }
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  // Decodes numeric character references; named ones beyond XML's five are refused before parsing.
  htmlEntities: true,
});

type FxpNode = Record<string, unknown>;

function convert(nodes: FxpNode[], out: XmlNode[]): void {
  for (const node of nodes) {
    const attrs = (node[':@'] ?? {}) as Record<string, string>;
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      const value = node[key];
      if (key === '#text') out.push({ kind: 'text', text: String(value) });
      else if (key === '#comment' || key === '#cdata') {
        const text = (value as FxpNode[]).map((t) => String(t['#text'] ?? '')).join('');
        out.push({ kind: key === '#comment' ? 'comment' : 'cdata', text });
      } else {
        const el: XmlElement = { kind: 'element', name: key, attrs: {}, children: [] };
        for (const [k, v] of Object.entries(attrs)) el.attrs[k] = String(v);
        convert(value as FxpNode[], el.children);
        out.push(el);
      }
    }
  }
}

/**
 * Parses one XML document and returns its root element. Refuses DOCTYPE and
 * entity declarations (no entity expansion attacks), oversize input and deep
 * nesting, with VIR_ERR_XML_ERROR.
 */
export function parseXmlDocument(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (typeof xml !== 'string') throw xmlError('document is not a string');
  if (xml.length > limits.maxChars) throw xmlError(`document is larger than ${limits.maxChars} characters`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw xmlError('DOCTYPE and entity declarations are not allowed');
  if (xml.trim() === '') throw xmlError('document is empty');
  checkDepth(xml, limits.maxDepth);
  const stray = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[^\s;<]{0,32};?/.exec(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, ''));
  if (stray) throw xmlError(`undefined entity or stray '&' near '${stray[0]}'`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw xmlError(`malformed document at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  let nodes: XmlNode[] = [];
  try {
    const raw = parser.parse(xml) as FxpNode[];
    convert(raw, nodes);
  } catch (e) {
    throw xmlError(`malformed document: ${(e as Error).message}`);
  }
  nodes = nodes.filter((n) => n.kind === 'element' || (n.kind === 'text' && n.text.trim() !== ''));
  const roots = nodes.filter((n): n is XmlElement => n.kind === 'element');
  if (roots.length !== 1 || nodes.length !== 1) throw xmlError('document must have exactly one root element and nothing else');
  return roots[0];
}

export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;');
}

function isBlank(n: XmlNode): boolean {
  return n.kind === 'text' && n.text.trim() === '';
}

/**
 * Serialises an element the way libvirt does: two-space indentation, single
 * quotes around attribute values, empty elements self-closed, text-only
 * elements on one line.
 */
export function formatXmlElement(el: XmlElement, indent = 0): string {
  const pad = '  '.repeat(indent);
  const attrs = Object.entries(el.attrs).map(([k, v]) => ` ${k}='${escapeXmlAttr(v)}'`).join('');
  const children = el.children.filter((c) => !isBlank(c));
  if (children.length === 0) return `${pad}<${el.name}${attrs}/>\n`;
  if (children.every((c) => c.kind === 'text' || c.kind === 'cdata')) {
    return `${pad}<${el.name}${attrs}>${children.map(inline).join('')}</${el.name}>\n`;
  }
  let s = `${pad}<${el.name}${attrs}>\n`;
  for (const c of children) {
    if (c.kind === 'element') s += formatXmlElement(c, indent + 1);
    else s += '  '.repeat(indent + 1) + inline(c).trim() + '\n';
  }
  return s + `${pad}</${el.name}>\n`;
}

function inline(n: XmlNode): string {
  switch (n.kind) {
    case 'text':
      return escapeXmlText(n.text);
    case 'cdata':
      return `<![CDATA[${n.text}]]>`;
    case 'comment':
      return `<!--${n.text}-->`;
    default:
      return formatXmlElement(n).trim();
  }
}

export function element(name: string, attrs: Record<string, string | number | undefined> = {}, children: XmlNode[] = []): XmlElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = String(v);
  return { kind: 'element', name, attrs: a, children };
}

export function textElement(name: string, text: string, attrs: Record<string, string | number | undefined> = {}): XmlElement {
  return element(name, attrs, [{ kind: 'text', text }]);
}

/** Concatenated text content of an element (text and CDATA children). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.text : '')).join('');
}
