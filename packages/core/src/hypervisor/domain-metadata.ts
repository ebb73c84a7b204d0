import { ErrorCode, ErrorDomain, errorReporter } from '../errors.js';
import type { DomainDef } from '../domain/model.js';
import { MetadataType } from '../driver/domain-control.js';
import { parseXmlDocument } from '../xml/parse-document.js';
import { type XmlElement, type XmlNode, element, formatXmlElement } from '../xml/tree.js';

/** libvirt's domain configuration code raises these (VIR_FROM_DOMAIN). */
const fail = errorReporter(ErrorDomain.DOMAIN);

const notPresent = () => fail(ErrorCode.NO_DOMAIN_METADATA, 'Requested metadata element is not present');

/** The prefix an element's name carries ("ex" of "ex:a"), or undefined. */
function prefixOf(name: string): string | undefined {
  const i = name.indexOf(':');
  return i > 0 ? name.slice(0, i) : undefined;
}

/** The namespace URI a top-level `<metadata>` child is in: its prefix's xmlns declaration, else its default namespace. */
function namespaceOf(el: XmlElement): string | undefined {
  const prefix = prefixOf(el.name);
  return prefix ? el.attrs[`xmlns:${prefix}`] : el.attrs.xmlns;
}

/** `el` with `rename` applied to its name and its descendants' names. */
function renamed(el: XmlElement, rename: (name: string) => string): XmlElement {
  return {
    kind: 'element',
    name: rename(el.name),
    attrs: { ...el.attrs },
    children: el.children.map((c): XmlNode => (c.kind === 'element' ? renamed(c, rename) : c)),
  };
}

/** The element children of `<metadata>`, whitespace dropped. */
function metadataElements(def: DomainDef): XmlElement[] {
  return (def.metadata?.children ?? []).filter((c): c is XmlElement => c.kind === 'element');
}

/**
 * virDomainObjGetMetadata on one definition: the description, the title,
 * or the `<metadata>` element in namespace `uri`, given back without its
 * prefix and namespace declaration, formatted. NO_DOMAIN_METADATA when absent.
 */
export function getDomainMetadata(def: DomainDef, type: MetadataType, uri?: string): string {
  switch (type) {
    case MetadataType.DESCRIPTION:
      if (!def.description) throw notPresent();
      return def.description;
    case MetadataType.TITLE:
      if (!def.title) throw notPresent();
      return def.title;
    case MetadataType.ELEMENT: {
      const found = metadataElements(def).find((el) => namespaceOf(el) === uri);
      if (!found) throw notPresent();
      const prefix = prefixOf(found.name);
      const plain = renamed(found, (n) => (prefix && n.startsWith(`${prefix}:`) ? n.slice(prefix.length + 1) : n));
      if (prefix) delete plain.attrs[`xmlns:${prefix}`];
      return formatXmlElement(plain).trimEnd();
    }
    default:
      throw fail(ErrorCode.INVALID_ARG, `unknown metadata type '${type as number}'`);
  }
}

/**
 * virDomainObjSetMetadata on one definition (changed in place): `metadata`
 * undefined or '' removes the item. An element is parsed, its unprefixed
 * names put in namespace `uri` under prefix `key`, and it replaces the
 * element already in that namespace. XML errors leave `def` unchanged.
 */
export function setDomainMetadata(def: DomainDef, type: MetadataType, metadata: string | undefined, key?: string, uri?: string): void {
  const value = metadata === '' ? undefined : metadata;
  switch (type) {
    case MetadataType.DESCRIPTION:
      if (value === undefined) delete def.description;
      else def.description = value;
      return;
    case MetadataType.TITLE:
      if (value === undefined) delete def.title;
      else def.title = value;
      return;
    case MetadataType.ELEMENT: {
      const added = value === undefined ? undefined : renamed(parseXmlDocument(value), (n) => (prefixOf(n) ? n : `${key}:${n}`));
      if (added) added.attrs[`xmlns:${key}`] = uri!;
      const kept = metadataElements(def).filter((el) => namespaceOf(el) !== uri);
      const children = added ? [...kept, added] : kept;
      if (children.length === 0) delete def.metadata;
      else def.metadata = element('metadata', {}, children);
      return;
    }
    default:
      throw fail(ErrorCode.INVALID_ARG, `unknown metadata type '${type as number}'`);
  }
}

/** virDomainObjCheckActive: OPERATION_INVALID "domain is not running", from the domain configuration code. */
export function domainNotRunning(): Error {
  return fail(ErrorCode.OPERATION_INVALID, 'domain is not running');
}
