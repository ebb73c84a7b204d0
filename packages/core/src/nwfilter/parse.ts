import { generateUuid, normalizeUuid } from '../domain/uuid.js';
import { isVirtError } from '../errors.js';
import { type XmlLimits, DEFAULT_XML_LIMITS, parseXmlDocument } from '../xml/parse-document.js';
import type { XmlElement } from '../xml/tree.js';
import { ElementReader, xmlDetailError } from '../xml/reader.js';
import type { NWFilterDef, NWFilterEntry } from './model.js';

const CHAIN = /^(root|mac|vlan|stp|arp|rarp|ipv4|ipv6)(-[a-zA-Z0-9_.:-]+)?$/;

/** Parses `<filter>` XML into the typed model, with virNWFilterDefParseXML's checks. XML_ERROR naming the element. */
export function parseNWFilterXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): NWFilterDef {
  return nwfilterFromElement(parseXmlDocument(xml, limits));
}

export function nwfilterFromElement(root: XmlElement): NWFilterDef {
  if (root.name !== 'filter') throw xmlDetailError(root.name, 'the root element must be <filter>');
  const r = new ElementReader(root, 'filter');
  const name = r.attr('name');
  if (name === undefined || name === '') throw xmlDetailError('filter', 'filter has no name');
  const chain = r.attr('chain');
  if (chain !== undefined && !CHAIN.test(chain)) throw xmlDetailError('filter', `unknown chain suffix '${chain}'`);
  const priority = r.intAttr('priority', -1000, 1000);
  const uuidText = r.childText('uuid');
  let uuid: string;
  try {
    uuid = uuidText === undefined ? generateUuid() : normalizeUuid(uuidText);
  } catch (e) {
    if (isVirtError(e)) throw xmlDetailError('filter/uuid', `malformed uuid element`);
    throw e;
  }
  const def: NWFilterDef = { name, uuid, entries: [] };
  if (chain !== undefined) def.chain = chain;
  if (priority !== undefined) def.priority = priority;
  for (const el of root.children) {
    if (el.kind !== 'element' || (el.name !== 'filterref' && el.name !== 'rule')) continue;
    const entryEl = el.name === 'filterref' ? r.child('filterref') : r.child('rule');
    if (!entryEl) continue;
    if (entryEl.name === 'rule') {
      def.entries.push({ kind: 'rule', element: entryEl });
      continue;
    }
    const fr = new ElementReader(entryEl, `filter/filterref[${def.entries.length + 1}]`);
    const ref: NWFilterEntry = { kind: 'filterref', filter: fr.requireAttr('filter') };
    const extras = fr.extras();
    if (extras) ref.extras = extras;
    def.entries.push(ref);
  }
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}
