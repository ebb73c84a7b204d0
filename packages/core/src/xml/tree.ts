/**
 * A plain, ordered XML tree. The tree keeps attribute order, comments and
 * CDATA so that what the typed model does not know can be written back
 * unchanged. parse-document.ts reads it; formatXmlElement writes it.
 */
export interface XmlElement {
  kind: 'element';
  name: string;
  /** Attributes in document order (a JS object keeps insertion order for non-numeric keys; XML names never are). */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { kind: 'text'; text: string } | { kind: 'comment'; text: string } | { kind: 'cdata'; text: string };

/** Text as XML writes it; a CR becomes &#13; because a reader turns a literal one into LF (§2.11). */
export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
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
  const out: string[] = [];
  writeElement(el, indent, out);
  return out.join('');
}

const pads: string[] = [];
const pad = (n: number) => (pads[n] ??= '  '.repeat(n));

/** Appends to one list of parts, so nesting never copies what is already written. */
function writeElement(el: XmlElement, indent: number, out: string[]): void {
  let open = `${pad(indent)}<${el.name}`;
  for (const [k, v] of Object.entries(el.attrs)) open += ` ${k}='${escapeXmlAttr(v)}'`;
  const children = el.children.filter((c) => !isBlank(c));
  if (children.length === 0) {
    out.push(`${open}/>\n`);
    return;
  }
  if (children.every((c) => c.kind === 'text' || c.kind === 'cdata')) {
    out.push(`${open}>${children.map(inline).join('')}</${el.name}>\n`);
    return;
  }
  out.push(`${open}>\n`);
  for (const c of children) {
    if (c.kind === 'element') writeElement(c, indent + 1, out);
    else out.push(`${pad(indent + 1)}${inline(c).trim()}\n`);
  }
  out.push(`${pad(indent)}</${el.name}>\n`);
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
