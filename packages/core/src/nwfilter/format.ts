import { buildElement } from '../xml/reader.js';
import { formatXmlElement, textElement, type XmlElement } from '../xml/tree.js';
import type { NWFilterDef } from './model.js';

/** Formats the model as virNWFilterDefFormat does: name, chain, priority, the UUID, then references and rules in document order. */
export function formatNWFilterXml(def: NWFilterDef): string {
  return formatXmlElement(nwfilterToElement(def));
}

export function nwfilterToElement(def: NWFilterDef): XmlElement {
  return buildElement('filter', { name: def.name, chain: def.chain, priority: def.priority }, [
    textElement('uuid', def.uuid),
    ...def.entries.map((e) => (e.kind === 'rule' ? e.element : buildElement('filterref', { filter: e.filter }, [], e.extras))),
  ], def.extras);
}
