import path from 'node:path';
import { isVirtError } from '../errors.js';
import { generateUuid, normalizeUuid } from '../domain/uuid.js';
import { ElementReader, buildElement, xmlDetailError, type XmlExtras } from '../xml/reader.js';
import { element, formatXmlElement, textElement, type XmlElement } from '../xml/tree.js';
import { DEFAULT_XML_LIMITS, parseXmlDocument, type XmlLimits } from '../xml/parse-document.js';
import { permissionsElement, readPermissions, readSize, sizeElement, storageNameProblem, type StoragePermissions } from './storage-common.js';

/** Pool types libvirt knows (virStoragePoolType); which of them a driver runs is its own choice. */
export const STORAGE_POOL_TYPES = ['dir', 'fs', 'netfs', 'logical', 'disk', 'iscsi', 'iscsi-direct', 'scsi', 'mpath', 'rbd', 'sheepdog', 'gluster', 'zfs', 'vstorage'] as const;

/** <source> of a pool: what the pool is made from (nothing for a dir pool). */
export interface StoragePoolSourceDef {
  /** <host name=… port=…/>: a netfs server. */
  hosts: Array<{ name: string; port?: number }>;
  /** <device path=…/>: an fs pool's block device, a logical pool's physical volumes. */
  devices: string[];
  /** <dir path=…/>: a netfs export. */
  dir?: string;
  /** <name>: a logical pool's volume group. */
  name?: string;
  /** <format type=…/>: a filesystem type (fs, netfs) or 'lvm2'. */
  format?: string;
  extras?: XmlExtras;
}

/** libvirt's storage pool XML (virStoragePoolDef). */
export interface StoragePoolDef {
  type: string;
  name: string;
  uuid: string;
  source: StoragePoolSourceDef;
  target?: { path: string; permissions?: StoragePermissions; extras?: XmlExtras };
  extras?: XmlExtras;
}

/** What an active pool reports beside its definition, in bytes. */
export interface StoragePoolSizes {
  capacity: number;
  allocation: number;
  available: number;
}

/** Parses pool XML; XML_ERROR naming the element. Unknown content is kept for formatting. */
export function parseStoragePoolXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): StoragePoolDef {
  const root = parseXmlDocument(xml, limits);
  if (root.name !== 'pool') throw xmlDetailError(root.name, 'the root element must be <pool>');
  const r = new ElementReader(root, 'pool');
  const type = r.requireAttr('type');
  if (!(STORAGE_POOL_TYPES as readonly string[]).includes(type)) throw xmlDetailError('pool/@type', `unknown storage pool type '${type}'`);
  const name = r.childText('name');
  if (name === undefined || name.trim() === '') throw xmlDetailError('pool/name', 'missing pool source name element');
  const problem = storageNameProblem(name);
  if (problem) throw xmlDetailError('pool/name', problem);
  const uuidText = r.childText('uuid');
  let uuid: string;
  try {
    uuid = uuidText === undefined ? generateUuid() : normalizeUuid(uuidText);
  } catch (e) {
    if (isVirtError(e)) throw xmlDetailError('pool/uuid', `malformed uuid '${uuidText}'`);
    throw e;
  }
  // Sizes are the driver's to report; what a document says is read and dropped.
  for (const s of ['capacity', 'allocation', 'available']) readSize(r, s);
  const def: StoragePoolDef = { type, name, uuid, source: readSource(r.childReader('source')) };
  const t = r.childReader('target');
  if (t) {
    const p = t.childText('path');
    if (p === undefined || p.trim() === '') throw xmlDetailError('pool/target/path', 'missing storage pool target path');
    def.target = { path: sanitizePath(p.trim(), 'pool/target/path') };
    const perms = readPermissions(t.childReader('permissions'));
    if (perms) def.target.permissions = perms;
    const x = t.extras();
    if (x) def.target.extras = x;
  } else if (['dir', 'fs', 'netfs', 'logical'].includes(type)) {
    throw xmlDetailError('pool/target/path', 'missing storage pool target path');
  }
  const extras = r.extras();
  if (extras) def.extras = extras;
  return def;
}

function readSource(r: ElementReader | undefined): StoragePoolSourceDef {
  const src: StoragePoolSourceDef = { hosts: [], devices: [] };
  if (!r) return src;
  for (const h of r.children('host')) {
    const hr = new ElementReader(h, `${r.path}/host`);
    const host: { name: string; port?: number } = { name: hr.requireAttr('name') };
    const port = hr.intAttr('port', 1, 65535);
    if (port !== undefined) host.port = port;
    hr.assertNoExtras();
    src.hosts.push(host);
  }
  for (const d of r.children('device')) {
    const dr = new ElementReader(d, `${r.path}/device`);
    src.devices.push(dr.requireAttr('path'));
    dr.assertNoExtras();
  }
  const dir = r.childAttr('dir', 'path');
  if (dir !== undefined) src.dir = dir;
  const name = r.childText('name');
  if (name !== undefined) src.name = name;
  const format = r.childAttr('format', 'type');
  if (format !== undefined) src.format = format;
  const x = r.extras();
  if (x) src.extras = x;
  return src;
}

/** libvirt's virFileSanitizePath: absolute, no '//', no trailing '/'. */
function sanitizePath(p: string, where: string): string {
  if (!path.posix.isAbsolute(p)) throw xmlDetailError(where, `target path '${p}' is not absolute`);
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Formats pool XML as libvirt does; sizes are 0 when not given (an inactive pool). */
export function formatStoragePoolXml(def: StoragePoolDef, sizes?: StoragePoolSizes): string {
  const s = sizes ?? { capacity: 0, allocation: 0, available: 0 };
  const src = def.source;
  const source = buildElement('source', {}, [
    ...src.hosts.map((h) => element('host', { name: h.name, port: h.port })),
    ...src.devices.map((d) => element('device', { path: d })),
    src.dir !== undefined && element('dir', { path: src.dir }),
    src.name !== undefined && textElement('name', src.name),
    src.format !== undefined && element('format', { type: src.format }),
  ], src.extras);
  const target = def.target && buildElement('target', {}, [textElement('path', def.target.path), permissionsElement(def.target.permissions)], def.target.extras);
  const root: XmlElement = buildElement('pool', { type: def.type }, [
    textElement('name', def.name),
    textElement('uuid', def.uuid),
    sizeElement('capacity', s.capacity),
    sizeElement('allocation', s.allocation),
    sizeElement('available', s.available),
    source,
    target,
  ], def.extras);
  return formatXmlElement(root);
}
