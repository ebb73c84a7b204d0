import { ErrorCode, ErrorDomain, VirtError, errorReporter } from '../errors.js';
import { type XmlElement, type XmlNode, textOf } from './tree.js';

const fail = errorReporter(ErrorDomain.DOMAIN);

/**
 * What a typed model did not understand on one element: attributes, and child
 * nodes with the name of the known element they followed, so formatting puts
 * them back where they were.
 */
export interface XmlExtras {
  attrs: Record<string, string>;
  children: Array<{ after: string | null; node: XmlNode }>;
}

export function xmlDetailError(path: string, what: string): VirtError {
  return fail(ErrorCode.XML_ERROR, `${path}: ${what}`);
}

/** Reads an element field by field and records what was consumed. */
export class ElementReader {
  private readonly usedAttrs = new Set<string>();
  private readonly usedChildren = new Set<XmlNode>();

  constructor(
    readonly el: XmlElement,
    /** Where the element is, for error messages, e.g. "domain/devices/disk[2]". */
    readonly path: string,
  ) {}

  attr(name: string): string | undefined {
    if (!(name in this.el.attrs)) return undefined;
    this.usedAttrs.add(name);
    return this.el.attrs[name];
  }

  requireAttr(name: string): string {
    const v = this.attr(name);
    if (v === undefined || v === '') throw xmlDetailError(this.path, `missing attribute '${name}'`);
    return v;
  }

  /** An attribute that must be one of `allowed`. */
  enumAttr<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.attr(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw xmlDetailError(this.path, `attribute '${name}' has unknown value '${v}' (expected ${allowed.join(', ')})`);
    return v as T;
  }

  intAttr(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.attr(name);
    if (v === undefined) return undefined;
    return parseIntStrict(v, `${this.path}/@${name}`, min, max);
  }

  yesNoAttr(name: string): boolean | undefined {
    const v = this.attr(name);
    if (v === undefined) return undefined;
    if (v === 'yes' || v === 'on') return true;
    if (v === 'no' || v === 'off') return false;
    throw xmlDetailError(this.path, `attribute '${name}' must be 'yes' or 'no', not '${v}'`);
  }

  /** The first unconsumed child of that name, left unconsumed. */
  peek(name: string): XmlElement | undefined {
    for (const c of this.el.children) if (c.kind === 'element' && c.name === name && !this.usedChildren.has(c)) return c;
    return undefined;
  }

  child(name: string): XmlElement | undefined {
    for (const c of this.el.children) {
      if (c.kind === 'element' && c.name === name && !this.usedChildren.has(c)) {
        this.usedChildren.add(c);
        return c;
      }
    }
    return undefined;
  }

  children(name: string): XmlElement[] {
    const out: XmlElement[] = [];
    for (let c = this.child(name); c; c = this.child(name)) out.push(c);
    return out;
  }

  /** A child's reader, its path extended. */
  childReader(name: string): ElementReader | undefined {
    const c = this.child(name);
    return c ? new ElementReader(c, `${this.path}/${name}`) : undefined;
  }

  /** The one attribute of a leaf child such as <model type='virtio'/>; anything else on it is an error. */
  childAttr(name: string, attr: string): string | undefined {
    const c = this.childReader(name);
    if (!c) return undefined;
    const v = c.requireAttr(attr);
    c.assertNoExtras();
    return v;
  }

  childText(name: string): string | undefined {
    const c = this.child(name);
    if (!c) return undefined;
    const r = new ElementReader(c, `${this.path}/${name}`);
    const t = r.text();
    r.assertNoExtras();
    return t;
  }

  text(): string {
    for (const c of this.el.children) if (c.kind === 'text' || c.kind === 'cdata') this.usedChildren.add(c);
    return textOf(this.el);
  }

  /** Elements whose content the model never looks at are kept whole. */
  extras(): XmlExtras | undefined {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.el.attrs)) if (!this.usedAttrs.has(k)) attrs[k] = v;
    const children: XmlExtras['children'] = [];
    let after: string | null = null;
    for (const c of this.el.children) {
      if (this.usedChildren.has(c)) {
        if (c.kind === 'element') after = c.name;
        continue;
      }
      if (c.kind === 'text' && c.text.trim() === '') continue;
      children.push({ after, node: c });
    }
    if (Object.keys(attrs).length === 0 && children.length === 0) return undefined;
    return { attrs, children };
  }

  /** For elements that must not carry anything unknown (leaf values). */
  assertNoExtras(): void {
    const x = this.extras();
    if (!x) return;
    const names = [...Object.keys(x.attrs).map((a) => `attribute '${a}'`), ...x.children.map((c) => (c.node.kind === 'element' ? `element <${c.node.name}>` : c.node.kind))];
    throw xmlDetailError(this.path, `unexpected ${names.join(', ')}`);
  }
}

export function parseIntStrict(text: string, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const t = text.trim();
  if (!/^[+-]?(\d+|0x[0-9a-fA-F]+)$/.test(t)) throw xmlDetailError(path, `'${text}' is not an integer`);
  const n = t.toLowerCase().includes('0x') ? parseInt(t, 16) : Number(t);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw xmlDetailError(path, `value ${text} is out of range [${min}, ${max}]`);
  return n;
}

/**
 * Builds an element from known attributes and children (undefined entries are
 * skipped), then puts the extras back: unknown attributes after known ones,
 * unknown children after the known element they followed.
 */
export function buildElement(
  name: string,
  attrs: Record<string, string | number | undefined>,
  children: Array<XmlNode | undefined | false>,
  extras?: XmlExtras,
): XmlElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = String(v);
  if (extras) for (const [k, v] of Object.entries(extras.attrs)) if (!(k in a)) a[k] = v;
  const known = children.filter((c): c is XmlNode => !!c);
  if (!extras || extras.children.length === 0) return { kind: 'element', name, attrs: a, children: known };
  const knownSet = new Set<XmlNode>(known);
  const out = [...known];
  const tail: XmlNode[] = [];
  let headInsert = 0;
  for (const x of extras.children) {
    if (x.after === null) {
      out.splice(headInsert++, 0, x.node);
      continue;
    }
    let idx = -1;
    for (let i = out.length - 1; i >= 0; i--) {
      const n = out[i];
      if (n.kind === 'element' && n.name === x.after && knownSet.has(n)) {
        idx = i;
        break;
      }
    }
    if (idx < 0) {
      tail.push(x.node);
      continue;
    }
    let at = idx + 1;
    while (at < out.length && !knownSet.has(out[at])) at++;
    out.splice(at, 0, x.node);
  }
  return { kind: 'element', name, attrs: a, children: [...out, ...tail] };
}
