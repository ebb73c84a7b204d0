import { ElementReader, buildElement, xmlDetailError, type XmlExtras } from '../xml/reader.js';
import { textElement, type XmlElement } from '../xml/tree.js';
import { scaledToBytes } from '../domain/units.js';

/** <permissions> of a pool's or volume's target: mode (octal text), owner and group (ids), label. */
export interface StoragePermissions {
  mode?: string;
  owner?: string;
  group?: string;
  label?: string;
  extras?: XmlExtras;
}

export function readPermissions(r: ElementReader | undefined): StoragePermissions | undefined {
  if (!r) return undefined;
  const p: StoragePermissions = {};
  const mode = r.childText('mode');
  if (mode !== undefined) {
    if (!/^[0-7]{1,4}$/.test(mode.trim())) throw xmlDetailError(`${r.path}/mode`, `malformed octal mode '${mode}'`);
    p.mode = mode.trim();
  }
  for (const k of ['owner', 'group'] as const) {
    const v = r.childText(k);
    if (v === undefined) continue;
    if (!/^-?\d+$/.test(v.trim())) throw xmlDetailError(`${r.path}/${k}`, `malformed ${k} '${v}'`);
    p[k] = v.trim();
  }
  const label = r.childText('label');
  if (label !== undefined) p.label = label;
  const extras = r.extras();
  if (extras) p.extras = extras;
  return p;
}

export function permissionsElement(p: StoragePermissions | undefined): XmlElement | undefined {
  if (!p) return undefined;
  return buildElement('permissions', {}, [
    p.mode !== undefined && textElement('mode', p.mode),
    p.owner !== undefined && textElement('owner', p.owner),
    p.group !== undefined && textElement('group', p.group),
    p.label !== undefined && textElement('label', p.label),
  ], p.extras);
}

/** A size element such as <capacity unit='G'>10</capacity>, in bytes. */
export function readSize(r: ElementReader, name: string): number | undefined {
  const c = r.childReader(name);
  if (!c) return undefined;
  const bytes = scaledToBytes(c.text(), c.attr('unit'), c.path);
  c.assertNoExtras();
  return bytes;
}

export function sizeElement(name: string, bytes: number | undefined): XmlElement | undefined {
  return bytes === undefined ? undefined : textElement(name, String(bytes), { unit: 'bytes' });
}

/**
 * A pool or volume name: not empty, no '/', not '.' or '..' (it becomes a
 * file name under the pool's directory). `what` words the message.
 */
export function storageNameProblem(name: string): string | undefined {
  if (name === '') return 'name must not be empty';
  if (name.includes('/')) return `name '${name}' cannot contain '/'`;
  if (name === '.' || name === '..') return `name '${name}' is not allowed`;
  if (/[\0\n]/.test(name)) return `name '${name}' contains a control character`;
  return undefined;
}
