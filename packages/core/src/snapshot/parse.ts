import { domainFromElement } from '../domain/parse.js';
import { normalizeUuid } from '../domain/uuid.js';
import { DOMAIN_XML_LIMITS } from '../domain/parse.js';
import type { XmlLimits } from '../xml/parse-document.js';
import { parseXmlDocument } from '../xml/parse-document.js';
import type { XmlElement } from '../xml/tree.js';
import { ElementReader, xmlDetailError } from '../xml/reader.js';
import { readMomentParentAndTime } from '../moment/moment-xml.js';
import { SNAPSHOT_LOCATIONS, SNAPSHOT_STATES, type DomainSnapshotDef, type SnapshotDiskDef } from './model.js';

/**
 * Parses `<domainsnapshot>` XML into the typed model, every field the
 * document has (what a creation request may set is the driver's decision,
 * see virDomainSnapshotDefParse's REDEFINE). XML_ERROR naming the element.
 */
export function parseSnapshotXml(xml: string, limits: XmlLimits = DOMAIN_XML_LIMITS): DomainSnapshotDef {
  return snapshotFromElement(parseXmlDocument(xml, limits));
}

export function snapshotFromElement(root: XmlElement): DomainSnapshotDef {
  if (root.name !== 'domainsnapshot') throw xmlDetailError(root.name, 'the root element must be <domainsnapshot>');
  const r = new ElementReader(root, 'domainsnapshot');
  const def: DomainSnapshotDef = {};
  const name = r.childText('name');
  if (name !== undefined) {
    if (name.trim() === '') throw xmlDetailError('domainsnapshot/name', 'empty snapshot name');
    if (name.includes('/')) throw xmlDetailError('domainsnapshot/name', `name '${name}' cannot contain '/'`);
    def.name = name;
  }
  const description = r.childText('description');
  if (description !== undefined) def.description = description;
  const state = r.childText('state');
  if (state !== undefined) {
    if (!(SNAPSHOT_STATES as readonly string[]).includes(state)) throw xmlDetailError('domainsnapshot/state', `Invalid state '${state}' in domain snapshot XML`);
    def.state = state as DomainSnapshotDef['state'];
  }
  readMomentParentAndTime(r, 'domainsnapshot', def);
  const mem = r.childReader('memory');
  if (mem) {
    def.memory = {};
    const snapshot = mem.enumAttr('snapshot', SNAPSHOT_LOCATIONS);
    if (snapshot) def.memory.snapshot = snapshot;
    const file = mem.attr('file');
    if (file !== undefined) def.memory.file = file;
    const extras = mem.extras();
    if (extras) def.memory.extras = extras;
  }
  const disks = r.childReader('disks');
  if (disks) {
    def.disks = disks.children('disk').map((el, i) => diskFromElement(new ElementReader(el, `${disks.path}/disk[${i + 1}]`)));
    disks.assertNoExtras();
  }
  const dom = r.child('domain');
  if (dom) {
    if (dom.attrs.type === undefined) {
      const dr = new ElementReader(dom, 'domainsnapshot/domain');
      const uuid = dr.childText('uuid');
      if (uuid === undefined) throw xmlDetailError(dr.path, 'missing domain uuid');
      def.domainUuid = normalizeUuid(uuid);
      dr.assertNoExtras();
    } else {
      def.domain = domainFromElement(dom);
    }
  }
  const inactive = r.child('inactiveDomain');
  if (inactive) def.inactiveDomain = domainFromElement({ ...inactive, name: 'domain' });
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}

function diskFromElement(r: ElementReader): SnapshotDiskDef {
  const disk: SnapshotDiskDef = { name: r.requireAttr('name') };
  const snapshot = r.enumAttr('snapshot', SNAPSHOT_LOCATIONS);
  if (snapshot) disk.snapshot = snapshot;
  const type = r.attr('type');
  if (type !== undefined) disk.type = type;
  const extras = r.extras();
  if (extras) disk.extras = extras;
  return disk;
}
