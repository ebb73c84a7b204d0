import { ElementReader, buildElement, xmlDetailError, type XmlExtras } from '../xml/reader.js';
import { element, formatXmlElement, textElement, type XmlElement } from '../xml/tree.js';
import { DEFAULT_XML_LIMITS, parseXmlDocument, type XmlLimits } from '../xml/parse-document.js';
import { permissionsElement, readPermissions, readSize, sizeElement, type StoragePermissions } from './storage-common.js';

/** Volume types (virStorageVolType's names). */
export const STORAGE_VOL_TYPES = ['file', 'block', 'dir', 'network', 'netdir', 'ploop'] as const;

/** The image a volume is an overlay on (<backingStore>). */
export interface StorageBackingStoreDef {
  path: string;
  /** <format type=…/>: probed from the image when absent. */
  format?: string;
  permissions?: StoragePermissions;
  extras?: XmlExtras;
}

/** libvirt's storage volume XML (virStorageVolDef). Sizes in bytes. */
export interface StorageVolDef {
  type?: string;
  name: string;
  /** Set by the driver (the path, for file volumes); ignored on input. */
  key?: string;
  /** What the guest sees. Required unless a backing store gives it. */
  capacity?: number;
  /** Space to preallocate at creation; what the host holds, when reported. */
  allocation?: number;
  /** The image file's size, reported only. */
  physical?: number;
  target: {
    /** Set by the driver; ignored on input. */
    path?: string;
    /** <format type=…/>: raw, qcow2, … */
    format?: string;
    permissions?: StoragePermissions;
    /** <compat>: the qcow2 version, e.g. 1.1. */
    compat?: string;
    extras?: XmlExtras;
  };
  backingStore?: StorageBackingStoreDef;
  extras?: XmlExtras;
}

/** Parses volume XML; XML_ERROR naming the element. Unknown content is kept. */
export function parseStorageVolXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): StorageVolDef {
  const root = parseXmlDocument(xml, limits);
  if (root.name !== 'volume') throw xmlDetailError(root.name, 'the root element must be <volume>');
  const r = new ElementReader(root, 'volume');
  const type = r.enumAttr('type', STORAGE_VOL_TYPES);
  const name = r.childText('name');
  if (name === undefined || name.trim() === '') throw xmlDetailError('volume/name', 'missing volume name element');
  // The driver checks the name (libvirt refuses '/' when it creates the file, not when it parses).
  const def: StorageVolDef = { name, target: {} };
  if (type !== undefined) def.type = type;
  const key = r.childText('key');
  if (key !== undefined) def.key = key;
  // <source> (a volume's extents) is the driver's to report.
  r.child('source');
  const capacity = readSize(r, 'capacity');
  if (capacity !== undefined) def.capacity = capacity;
  const allocation = readSize(r, 'allocation');
  if (allocation !== undefined) def.allocation = allocation;
  readSize(r, 'physical');
  const t = r.childReader('target');
  if (t) {
    const p = t.childText('path');
    if (p !== undefined) def.target.path = p;
    const f = t.childAttr('format', 'type');
    if (f !== undefined) def.target.format = f;
    const perms = readPermissions(t.childReader('permissions'));
    if (perms) def.target.permissions = perms;
    t.child('timestamps');
    const compat = t.childText('compat');
    if (compat !== undefined) {
      if (!/^\d+\.\d+$/.test(compat)) throw xmlDetailError('volume/target/compat', `malformed compat '${compat}'`);
      def.target.compat = compat;
    }
    const x = t.extras();
    if (x) def.target.extras = x;
  }
  const b = r.childReader('backingStore');
  if (b) {
    const p = b.childText('path');
    if (p === undefined || p.trim() === '') throw xmlDetailError('volume/backingStore/path', 'missing backing store path');
    def.backingStore = { path: p.trim() };
    const f = b.childAttr('format', 'type');
    if (f !== undefined) def.backingStore.format = f;
    const perms = readPermissions(b.childReader('permissions'));
    if (perms) def.backingStore.permissions = perms;
    const x = b.extras();
    if (x) def.backingStore.extras = x;
  }
  if (def.capacity === undefined && !def.backingStore) throw xmlDetailError('volume/capacity', 'missing capacity element');
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}

/** Formats volume XML as libvirt does (the driver fills key, path and sizes first). */
export function formatStorageVolXml(def: StorageVolDef): string {
  const t = def.target;
  const target = buildElement('target', {}, [
    t.path !== undefined && textElement('path', t.path),
    t.format !== undefined && element('format', { type: t.format }),
    permissionsElement(t.permissions),
    t.compat !== undefined && textElement('compat', t.compat),
  ], t.extras);
  const b = def.backingStore;
  const backing = b && buildElement('backingStore', {}, [
    textElement('path', b.path),
    b.format !== undefined && element('format', { type: b.format }),
    permissionsElement(b.permissions),
  ], b.extras);
  const root: XmlElement = buildElement('volume', { type: def.type }, [
    textElement('name', def.name),
    def.key !== undefined && textElement('key', def.key),
    sizeElement('capacity', def.capacity),
    sizeElement('allocation', def.allocation),
    sizeElement('physical', def.physical),
    target,
    backing,
  ], def.extras);
  return formatXmlElement(root);
}
