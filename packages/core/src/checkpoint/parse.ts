import { domainFromElement, DOMAIN_XML_LIMITS } from '../domain/parse.js';
import { type XmlLimits, parseXmlDocument } from '../xml/parse-document.js';
import type { XmlElement } from '../xml/tree.js';
import { ElementReader, xmlDetailError } from '../xml/reader.js';
import { readMomentParentAndTime } from '../moment/moment-xml.js';
import type { CheckpointDiskDef, DomainCheckpointDef } from './model.js';

/** Parses `<domaincheckpoint>` XML into the typed model. XML_ERROR naming the element. */
export function parseCheckpointXml(xml: string, limits: XmlLimits = DOMAIN_XML_LIMITS): DomainCheckpointDef {
  return checkpointFromElement(parseXmlDocument(xml, limits));
}

export function checkpointFromElement(root: XmlElement): DomainCheckpointDef {
  if (root.name !== 'domaincheckpoint') throw xmlDetailError(root.name, 'the root element must be <domaincheckpoint>');
  const r = new ElementReader(root, 'domaincheckpoint');
  const def: DomainCheckpointDef = {};
  const name = r.childText('name');
  if (name !== undefined) {
    if (name.trim() === '' || name.includes('/')) throw xmlDetailError('domaincheckpoint/name', `invalid checkpoint name '${name}'`);
    def.name = name;
  }
  const description = r.childText('description');
  if (description !== undefined) def.description = description;
  readMomentParentAndTime(r, 'domaincheckpoint', def);
  const disks = r.childReader('disks');
  if (disks) {
    def.disks = disks.children('disk').map((el, i) => {
      const d = new ElementReader(el, `${disks.path}/disk[${i + 1}]`);
      const disk: CheckpointDiskDef = { name: d.requireAttr('name') };
      const checkpoint = d.enumAttr('checkpoint', ['no', 'bitmap'] as const);
      if (checkpoint) disk.checkpoint = checkpoint;
      const bitmap = d.attr('bitmap');
      if (bitmap !== undefined) disk.bitmap = bitmap;
      const size = d.intAttr('size');
      if (size !== undefined) disk.size = size;
      const extras = d.extras();
      if (extras) disk.extras = extras;
      return disk;
    });
    disks.assertNoExtras();
  }
  const dom = r.child('domain');
  if (dom) def.domain = domainFromElement(dom);
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}
