import type { DiskDef, XmlElement } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';

// <backingStore>: the images under a disk's top image, each a -blockdev pair (storage and format
// node) whose format node names the next as its "backing", as libvirt writes them.

/** One image below the top: its type (file, block, network), format and <source>. */
export interface BackingLayer {
  type: string;
  format: string;
  source: XmlElement;
  /** Where it is named in errors. */
  el: string;
}

/** A disk's backing chain, top-down, and whether it ends in an empty <backingStore/> (QEMU's "backing": null). */
export interface BackingChain {
  layers: BackingLayer[];
  terminated: boolean;
}

/** The formats QEMU 7.2 opens as a backing image. */
const BACKING_FORMATS = ['raw', 'qcow2', 'qcow', 'qed', 'vmdk', 'vpc', 'vdi', 'vhdx', 'parallels', 'bochs', 'cloop', 'dmg'];

const firstElement = (parent: XmlElement, name: string) => parent.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
/** The disk's own <backingStore>, kept in its extras. */
const diskBackingStore = (disk: DiskDef) => disk.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'backingStore');

/** The chain under `disk` (from its extras), checked element by element. */
export function backingChain(disk: DiskDef, el: string): BackingChain {
  const layers: BackingLayer[] = [];
  let next = diskBackingStore(disk);
  let where = `${el}/backingStore`;
  while (next) {
    const type = next.attrs.type;
    if (type === undefined && next.children.every((c) => c.kind !== 'element')) return { layers, terminated: true };
    for (const k of Object.keys(next.attrs)) if (k !== 'type' && k !== 'index') throw unsupportedConfig(`${where}/@${k}`, 'attribute not supported by the QEMU driver');
    if (type !== 'file' && type !== 'block' && type !== 'network') throw unsupportedConfig(`${where}/@type`, `backing store type '${type ?? ''}' is not supported (file, block, network)`);
    const format = firstElement(next, 'format')?.attrs.type;
    if (format === undefined) throw unsupportedConfig(`${where}/format`, 'a backing image needs its format (libvirt never probes one)');
    if (!BACKING_FORMATS.includes(format)) throw unsupportedConfig(`${where}/format/@type`, `backing format '${format}' is not supported (${BACKING_FORMATS.join(', ')})`);
    const source = firstElement(next, 'source');
    if (!source) throw unsupportedConfig(`${where}/source`, 'a backing image needs a source');
    for (const c of next.children) {
      if (c.kind === 'element' && !['format', 'source', 'backingStore'].includes(c.name)) throw unsupportedConfig(`${where}/${c.name}`, `<${c.name}> is not supported in a backing store`);
    }
    layers.push({ type, format, source, el: where });
    next = firstElement(next, 'backingStore');
    where += '/backingStore';
  }
  return { layers, terminated: false };
}

/** A qcow2 image's external data file: <source><dataStore type=…><format type='raw'/><source …/></dataStore>. */
export interface DataStore {
  type: string;
  source: XmlElement;
  el: string;
}

/** The data file under an image's <source>, checked; undefined when it has none. */
export function dataStoreOf(source: XmlElement | undefined, el: string): DataStore | undefined {
  const d = source && firstElement(source, 'dataStore');
  if (!d) return undefined;
  const where = `${el}/source/dataStore`;
  const type = d.attrs.type;
  if (type !== 'file' && type !== 'block' && type !== 'network') throw unsupportedConfig(`${where}/@type`, `data store type '${type ?? ''}' is not supported (file, block, network)`);
  const format = firstElement(d, 'format')?.attrs.type ?? 'raw';
  if (format !== 'raw') throw unsupportedConfig(`${where}/format/@type`, 'a qcow2 data file is raw');
  const inner = firstElement(d, 'source');
  if (!inner) throw unsupportedConfig(`${where}/source`, 'a data store needs a source');
  return { type, source: inner, el: where };
}

/** How many numbered -blockdev images disk makes: its top (also when empty), its backing chain and their data files. */
export function chainLength(disk: DiskDef): number {
  let n = 1 + (dataStoreOf(disk.source, '') ? 1 : 0);
  let next = diskBackingStore(disk);
  while (next && next.attrs.type !== undefined) {
    n += 1 + (dataStoreOf(firstElement(next, 'source'), '') ? 1 : 0);
    next = firstElement(next, 'backingStore');
  }
  return n;
}
