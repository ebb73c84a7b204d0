import { normalizeUuid } from '../domain/uuid.js';
import { type XmlLimits, DEFAULT_XML_LIMITS, parseXmlDocument } from '../xml/parse-document.js';
import { ElementReader, buildElement, xmlDetailError, type XmlExtras } from '../xml/reader.js';
import { element, formatXmlElement, textElement } from '../xml/tree.js';

/**
 * libvirt's network filter binding XML (`<filterbinding>`): which filter a
 * guest's host-side port is under, with the filter's parameters kept in
 * `extras`. Parse/format loses nothing.
 */
export interface NWFilterBindingDef {
  /** The domain the port belongs to. */
  owner: { name: string; uuid: string };
  /** The host-side device (vnet0). */
  portdev: string;
  /** The guest MAC, lower-case. */
  mac: string;
  filter: string;
  /** The <filterref>'s <parameter>s. */
  filterExtras?: XmlExtras;
  extras?: XmlExtras;
}

export function parseNWFilterBindingXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): NWFilterBindingDef {
  const root = parseXmlDocument(xml, limits);
  if (root.name !== 'filterbinding') throw xmlDetailError(root.name, 'the root element must be <filterbinding>');
  const r = new ElementReader(root, 'filterbinding');
  const owner = r.childReader('owner');
  if (!owner) throw xmlDetailError('filterbinding', 'owner element is missing');
  const name = owner.childText('name');
  const uuid = owner.childText('uuid');
  if (name === undefined || uuid === undefined) throw xmlDetailError(owner.path, 'owner name and uuid are required');
  owner.assertNoExtras();
  const portdev = r.childAttr('portdev', 'name');
  if (portdev === undefined) throw xmlDetailError('filterbinding', 'portdev element is missing');
  const mac = r.childAttr('mac', 'address');
  if (mac === undefined) throw xmlDetailError('filterbinding', 'mac element is missing');
  const fr = r.childReader('filterref');
  if (!fr) throw xmlDetailError('filterbinding', 'filterref element is missing');
  const def: NWFilterBindingDef = { owner: { name, uuid: normalizeUuid(uuid) }, portdev, mac: mac.toLowerCase(), filter: fr.requireAttr('filter') };
  const filterExtras = fr.extras();
  if (filterExtras) def.filterExtras = filterExtras;
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}

export function formatNWFilterBindingXml(def: NWFilterBindingDef): string {
  return formatXmlElement(buildElement('filterbinding', {}, [
    element('owner', {}, [textElement('name', def.owner.name), textElement('uuid', def.owner.uuid)]),
    element('portdev', { name: def.portdev }),
    element('mac', { address: def.mac }),
    buildElement('filterref', { filter: def.filter }, [], def.filterExtras),
  ], def.extras));
}
