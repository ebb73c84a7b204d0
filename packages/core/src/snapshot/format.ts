import { domainToElement } from '../domain/format.js';
import { buildElement } from '../xml/reader.js';
import { type XmlElement, element, formatXmlElement, textElement } from '../xml/tree.js';
import type { DomainSnapshotDef } from './model.js';

/**
 * Formats the model as virDomainSnapshotDefFormat does: libvirt's element
 * order, the domain definition nested and inactive (no id); unknown content
 * put back where it was.
 */
export function formatSnapshotXml(def: DomainSnapshotDef): string {
  return formatXmlElement(snapshotToElement(def));
}

export function snapshotToElement(def: DomainSnapshotDef): XmlElement {
  return buildElement('domainsnapshot', {}, [
    def.name !== undefined && textElement('name', def.name),
    def.description !== undefined && textElement('description', def.description),
    def.state !== undefined && textElement('state', def.state),
    def.parent !== undefined && element('parent', {}, [textElement('name', def.parent)]),
    def.creationTime !== undefined && textElement('creationTime', String(def.creationTime)),
    def.memory && buildElement('memory', { snapshot: def.memory.snapshot, file: def.memory.file }, [], def.memory.extras),
    def.disks && element('disks', {}, def.disks.map((d) => buildElement('disk', { name: d.name, snapshot: d.snapshot, type: d.type }, [], d.extras))),
    def.domain ? domainToElement(def.domain, { inactive: true }) : def.domainUuid !== undefined && element('domain', {}, [textElement('uuid', def.domainUuid)]),
    def.inactiveDomain && { ...domainToElement(def.inactiveDomain, { inactive: true }), name: 'inactiveDomain' },
  ], def.extras);
}
