import { type ElementReader, parseIntStrict, xmlDetailError } from '../xml/reader.js';

/**
 * What libvirt's virDomainMomentDef gives snapshots and checkpoints alike:
 * `<parent><name>` and `<creationTime>` (seconds since the epoch), read
 * into `def`. `root` names the document's element in errors.
 */
export function readMomentParentAndTime(r: ElementReader, root: string, def: { parent?: string; creationTime?: number }): void {
  const parent = r.childReader('parent');
  if (parent) {
    const pn = parent.childText('name');
    if (pn === undefined) throw xmlDetailError(parent.path, 'missing parent name');
    def.parent = pn;
    parent.assertNoExtras();
  }
  const ct = r.childText('creationTime');
  if (ct !== undefined) def.creationTime = parseIntStrict(ct, `${root}/creationTime`, Number.MIN_SAFE_INTEGER);
}
