import { domainToElement } from '../domain/format.js';
import { buildElement } from '../xml/reader.js';
import { type XmlElement, element, formatXmlElement, textElement } from '../xml/tree.js';
import type { DomainCheckpointDef } from './model.js';

export interface FormatCheckpointOptions {
  /** Leave the domain definition out (VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN). */
  noDomain?: boolean;
}

/** Formats the model as virDomainCheckpointDefFormat does; unknown content put back where it was. */
export function formatCheckpointXml(def: DomainCheckpointDef, options: FormatCheckpointOptions = {}): string {
  return formatXmlElement(checkpointToElement(def, options));
}

export function checkpointToElement(def: DomainCheckpointDef, options: FormatCheckpointOptions = {}): XmlElement {
  return buildElement('domaincheckpoint', {}, [
    def.name !== undefined && textElement('name', def.name),
    def.description !== undefined && textElement('description', def.description),
    def.parent !== undefined && element('parent', {}, [textElement('name', def.parent)]),
    def.creationTime !== undefined && textElement('creationTime', String(def.creationTime)),
    def.disks && element('disks', {}, def.disks.map((d) => buildElement('disk', { name: d.name, checkpoint: d.checkpoint, bitmap: d.bitmap, size: d.size }, [], d.extras))),
    !options.noDomain && def.domain && domainToElement(def.domain, { inactive: true }),
  ], def.extras);
}
