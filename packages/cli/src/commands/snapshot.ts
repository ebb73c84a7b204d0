import {
  DomainSnapshot, SnapshotCreateFlags, SnapshotDeleteFlags, SnapshotListFlags, SnapshotRevertFlags, SnapshotXmlFlags,
  formatSnapshotXml, isExternalSnapshot, parseSnapshotXml, type Domain, type DomainSnapshotDef,
} from '@virtkit/core';
import type { Command } from 'commander';
import { refusedByCli } from '../failure.js';
import { byName, formatFields, formatTable, formatTree, localTimestamp } from '../output.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

const domainArg = (c: Command) => c.argument('<domain>', 'domain name, id or uuid');
/** virsh's snapshot argument: positional or --snapshotname, or --current. */
const snapshotArgs = (c: Command, current: string) => domainArg(c).argument('[snapshotname]', 'snapshot name')
  .option('--snapshotname <name>', 'snapshot name').option('--current', current);

/** The snapshot a command names, or the current one with --current (virsh's virshLookupSnapshot). */
async function namedSnapshot(d: Domain, positional: string | undefined, o: Record<string, unknown>): Promise<DomainSnapshot> {
  const name = positional ?? (o.snapshotname as string | undefined);
  if (name !== undefined) return DomainSnapshot.lookupByName(d, name);
  if (o.current) return DomainSnapshot.current(d);
  throw refusedByCli('--snapshotname or --current is required');
}

async function snapshotDef(snap: DomainSnapshot): Promise<DomainSnapshotDef> {
  return parseSnapshotXml(await snap.getXmlDesc());
}

/** The create flags of snapshot-create and snapshot-create-as. */
function createFlags(o: Record<string, unknown>): number {
  const F = SnapshotCreateFlags;
  const table: Array<[string, number]> = [['redefine', F.REDEFINE], ['current', F.CURRENT], ['noMetadata', F.NO_METADATA], ['halt', F.HALT], ['diskOnly', F.DISK_ONLY],
    ['reuseExternal', F.REUSE_EXT], ['quiesce', F.QUIESCE], ['atomic', F.ATOMIC], ['live', F.LIVE], ['validate', F.VALIDATE]];
  return table.reduce((f, [k, bit]) => (o[k] ? f | bit : f), 0);
}

const commonCreateOptions = (c: Command) => c.option('--no-metadata', 'take snapshot but create no metadata').option('--halt', 'halt domain after snapshot is created')
  .option('--disk-only', 'capture disk state but not vm state').option('--reuse-external', 'reuse any existing external files').option('--quiesce', 'quiesce guest\'s file systems')
  .option('--atomic', 'require atomic operation').option('--live', 'take a live snapshot').option('--validate', 'validate the XML against the schema');

/** virsh's camel-case of --no-metadata: commander reads it as a negation, so the flag is taken from `metadata === false`. */
function normalise(o: Record<string, unknown>): Record<string, unknown> {
  return { ...o, noMetadata: o.metadata === false };
}

/** "Domain snapshot NAME created", with " from 'FILE'" when the XML came from one (one line, no blank after). */
async function created(d: Domain, xml: string, flags: number, file?: string) {
  const snap = await DomainSnapshot.create(d, xml, flags);
  return { text: `Domain snapshot ${snap.name} created${file === undefined ? '' : ` from '${file}'`}\n`, json: { domain: d.name, name: snap.name } };
}

export const snapshotCreate: CliCommand = {
  name: 'snapshot-create',
  summary: 'Create a snapshot from XML',
  configure: (c) => commonCreateOptions(domainArg(c).argument('[xmlfile]', 'domain snapshot XML').option('--xmlfile <file>', 'domain snapshot XML')
    .option('--redefine', 'redefine metadata for existing snapshot').option('--current', 'with redefine, set current snapshot')),
  async run(s, [name, file], opts) {
    const o = normalise(opts);
    const path = file ?? (o.xmlfile as string | undefined);
    const xml = path === undefined ? '<domainsnapshot/>' : await readXml(path);
    return created(await s.domain(name), xml, createFlags(o), path);
  },
};

export const snapshotCreateAs: CliCommand = {
  name: 'snapshot-create-as',
  summary: 'Create a snapshot from a set of args',
  configure: (c) => commonCreateOptions(domainArg(c).argument('[name]', 'name of snapshot').argument('[description]', 'description of snapshot')
    .option('--name <name>', 'name of snapshot').option('--description <text>', 'description of snapshot').option('--print-xml', 'print XML document rather than create')),
  async run(s, [dom, posName, posDescription], opts) {
    const o = normalise(opts);
    const def: DomainSnapshotDef = {};
    const name = posName ?? (o.name as string | undefined);
    const description = posDescription ?? (o.description as string | undefined);
    if (name !== undefined) def.name = name;
    if (description !== undefined) def.description = description;
    const xml = formatSnapshotXml(def);
    if (o.printXml) return { text: `${xml}\n\n`, json: { xml } };
    return created(await s.domain(dom), xml, createFlags(o));
  },
};

interface Listed {
  name: string;
  parent?: string;
  creationTime?: number;
  state?: string;
}

export const snapshotList: CliCommand = {
  name: 'snapshot-list',
  summary: 'List snapshots for a domain',
  configure: (c) => domainArg(c).option('--parent', 'add a column showing parent snapshot').option('--roots', 'list only snapshots without parents')
    .option('--leaves', 'list only snapshots without children').option('--no-leaves', 'list only snapshots that are not leaves (with children)')
    .option('--metadata', 'list only snapshots that have metadata that would prevent undefine').option('--no-metadata', 'list only snapshots that have no metadata managed by libvirt')
    .option('--inactive', 'filter by snapshots taken while inactive').option('--active', 'filter by snapshots taken while active (full system snapshots)')
    .option('--disk-only', 'filter by disk-only snapshots').option('--internal', 'filter by internal snapshots').option('--external', 'filter by external snapshots')
    .option('--tree', 'list snapshots in a tree').option('--from <name>', 'limit list to children of given snapshot').option('--current', 'limit list to children of current snapshot')
    .option('--descendants', 'with --from, list all descendants').option('--name', 'list snapshot names only').option('--topological', 'sort list topologically rather than by name'),
  async run(s, [dom], opts) {
    const L = SnapshotListFlags;
    const exclusive = (a: string, b: string) => refusedByCli(`Options --${a} and --${b} are mutually exclusive`);
    if (opts.parent && opts.tree) throw exclusive('parent', 'tree');
    if (opts.roots && opts.tree) throw exclusive('roots', 'tree');
    if (opts.roots && opts.from !== undefined) throw exclusive('roots', 'from');
    if (opts.roots && opts.current) throw exclusive('roots', 'current');
    if (opts.tree && opts.name) throw exclusive('tree', 'name');
    if (opts.descendants && opts.from === undefined && !opts.current) throw refusedByCli('--descendants requires either --from or --current');
    // virsh's FILTER(): the state, location and leaf filters do not combine with a tree.
    const treeless: Array<[string, string]> = [['leaves', 'leaves'], ['inactive', 'inactive'], ['active', 'active'], ['diskOnly', 'disk-only'], ['internal', 'internal'], ['external', 'external']];
    if (opts.tree) {
      if (opts.leaves !== undefined) throw refusedByCli(`--${opts.leaves ? 'leaves' : 'no-leaves'} and --tree are mutually exclusive`);
      for (const [k, word] of treeless) if (opts[k]) throw refusedByCli(`--${word} and --tree are mutually exclusive`);
    }
    // commander folds --leaves/--no-leaves (and --metadata/--no-metadata) into one option: true, false or unset.
    let flags = (opts.leaves === true ? L.LEAVES : opts.leaves === false ? L.NO_LEAVES : 0) | (opts.metadata === true ? L.METADATA : opts.metadata === false ? L.NO_METADATA : 0);
    const table: Array<[string, number]> = [['roots', L.ROOTS], ['inactive', L.INACTIVE], ['active', L.ACTIVE], ['diskOnly', L.DISK_ONLY], ['internal', L.INTERNAL], ['external', L.EXTERNAL], ['topological', L.TOPOLOGICAL]];
    for (const [k, bit] of table) if (opts[k]) flags |= bit;
    const d = await s.domain(dom);
    let from: DomainSnapshot | undefined;
    if (opts.from !== undefined) from = await DomainSnapshot.lookupByName(d, opts.from as string);
    else if (opts.current) from = await DomainSnapshot.current(d).catch(() => { throw refusedByCli(`domain '${d.name}' has no current snapshot`); });
    const tree = !!opts.tree;
    let snaps: DomainSnapshot[];
    if (from) {
      snaps = await from.listAllChildren(flags | (opts.descendants ? L.DESCENDANTS : 0));
      if (tree) snaps.unshift(from);
    } else {
      snaps = await DomainSnapshot.listAll(d, flags);
    }
    const rows: Listed[] = await Promise.all(snaps.map(async (snap) => {
      const def = await snapshotDef(snap);
      return { name: snap.name, parent: def.parent, creationTime: def.creationTime, state: def.state };
    }));
    if (from && tree) delete rows[0].parent;
    if (!(flags & L.TOPOLOGICAL)) rows.sort((a, b) => byName(a.name, b.name));
    if (tree) {
      const names = new Set(rows.map((r) => r.name));
      const items = rows.map((r) => ({ name: r.name, parent: r.parent !== undefined && names.has(r.parent) ? r.parent : undefined }));
      return { text: formatTree(items) + '\n', json: rows };
    }
    if (opts.name) return { text: rows.map((r) => `${r.name}\n`).join('') + '\n', json: rows };
    const header = ['Name', 'Creation Time', 'State'];
    const cells = (r: Listed) => [r.name, r.creationTime === undefined ? '' : localTimestamp(r.creationTime), r.state ?? ''];
    const text = opts.parent
      ? formatTable([...header, 'Parent'], rows.map((r) => [...cells(r), r.parent ?? '']))
      : formatTable(header, rows.map(cells));
    return { text, json: rows };
  },
};

export const snapshotInfo: CliCommand = {
  name: 'snapshot-info',
  summary: 'snapshot information',
  configure: (c) => snapshotArgs(c, 'info on current snapshot'),
  async run(s, [dom, name], o) {
    const d = await s.domain(dom);
    const snap = await namedSnapshot(d, name, o);
    const def = await snapshotDef(snap);
    const [current, children, descendants, metadata] = await Promise.all([
      snap.isCurrent(), snap.listAllChildren(), snap.listAllChildren(SnapshotListFlags.DESCENDANTS), snap.hasMetadata(),
    ]);
    const info = {
      name: snap.name, domain: d.name, current, state: def.state, location: isExternalSnapshot(def) ? 'external' : 'internal',
      parent: def.parent, children: children.length, descendants: descendants.length, metadata,
    };
    const yesNo = (b: boolean) => (b ? 'yes' : 'no');
    const fields: Array<[string, string]> = [['Name', info.name], ['Domain', info.domain], ['Current', yesNo(current)], ['State', info.state ?? ''], ['Location', info.location],
      ['Parent', info.parent ?? '-'], ['Children', String(info.children)], ['Descendants', String(info.descendants)], ['Metadata', yesNo(metadata)]];
    return { text: formatFields(fields), json: info };
  },
};

export const snapshotDumpxml: CliCommand = {
  name: 'snapshot-dumpxml',
  summary: 'Dump XML for a domain snapshot',
  configure: (c) => domainArg(c).argument('<snapshotname>', 'snapshot name').option('--security-info', 'include security sensitive information in XML dump'),
  async run(s, [dom, name], o) {
    const snap = await DomainSnapshot.lookupByName(await s.domain(dom), name);
    const xml = await snap.getXmlDesc(o.securityInfo ? SnapshotXmlFlags.SECURE : 0);
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const snapshotCurrent: CliCommand = {
  name: 'snapshot-current',
  summary: 'Get or set the current snapshot',
  configure: (c) => domainArg(c).argument('[snapshotname]', 'name of existing snapshot to make current').option('--snapshotname <name>', 'name of existing snapshot to make current')
    .option('--name', 'list the name, rather than the full xml').option('--security-info', 'include security sensitive information in XML dump'),
  async run(s, [dom, positional], o) {
    const d = await s.domain(dom);
    const name = positional ?? (o.snapshotname as string | undefined);
    if (name !== undefined) {
      if (o.name || o.securityInfo) throw refusedByCli(`Options --${o.name ? 'name' : 'security-info'} and --snapshotname are mutually exclusive`);
      const snap = await DomainSnapshot.lookupByName(d, name);
      await DomainSnapshot.create(d, await snap.getXmlDesc(), SnapshotCreateFlags.REDEFINE | SnapshotCreateFlags.CURRENT);
      return { text: `Snapshot ${snap.name} set as current\n`, json: { name: snap.name } };
    }
    const snap = await DomainSnapshot.current(d).catch(() => { throw refusedByCli(`domain '${d.name}' has no current snapshot`); });
    if (o.name) return { text: `${snap.name}\n`, json: { name: snap.name } };
    const xml = await snap.getXmlDesc(o.securityInfo ? SnapshotXmlFlags.SECURE : 0);
    return { text: `${xml}\n`, json: { name: snap.name, xml } };
  },
};

export const snapshotParent: CliCommand = {
  name: 'snapshot-parent',
  summary: 'Get the name of the parent of a snapshot',
  configure: (c) => snapshotArgs(c, 'find parent of current snapshot'),
  async run(s, [dom, name], o) {
    const snap = await namedSnapshot(await s.domain(dom), name, o);
    const parent = (await snapshotDef(snap)).parent;
    if (parent === undefined) throw refusedByCli(`snapshot '${snap.name}' has no parent`);
    return { text: `${parent}\n`, json: { name: snap.name, parent } };
  },
};

export const snapshotRevert: CliCommand = {
  name: 'snapshot-revert',
  summary: 'Revert a domain to a snapshot',
  configure: (c) => snapshotArgs(c, 'revert to current snapshot').option('--running', 'after reverting, change state to running')
    .option('--paused', 'after reverting, change state to paused').option('--force', 'try harder on risky reverts').option('--reset-nvram', 're-initialize NVRAM from its pristine template'),
  async run(s, [dom, name], o) {
    const R = SnapshotRevertFlags;
    const snap = await namedSnapshot(await s.domain(dom), name, o);
    const flags = (o.running ? R.RUNNING : 0) | (o.paused ? R.PAUSED : 0) | (o.force ? R.FORCE : 0) | (o.resetNvram ? R.RESET_NVRAM : 0);
    await snap.revert(flags);
    return said(`Domain snapshot ${snap.name} reverted`, { name: snap.name });
  },
};

export const snapshotDelete: CliCommand = {
  name: 'snapshot-delete',
  summary: 'Delete a domain snapshot',
  configure: (c) => snapshotArgs(c, 'delete current snapshot').option('--children', 'delete snapshot and all children')
    .option('--children-only', 'delete children but not snapshot').option('--metadata', 'delete only libvirt metadata, leaving snapshot contents behind'),
  async run(s, [dom, name], o) {
    const D = SnapshotDeleteFlags;
    const snap = await namedSnapshot(await s.domain(dom), name, o);
    await snap.delete((o.children ? D.CHILDREN : 0) | (o.childrenOnly ? D.CHILDREN_ONLY : 0) | (o.metadata ? D.METADATA_ONLY : 0));
    return said(`Domain snapshot ${snap.name} ${o.childrenOnly ? 'children ' : ''}deleted`, { name: snap.name });
  },
};

export const SNAPSHOT_COMMANDS: readonly CliCommand[] = [
  snapshotCreate, snapshotCreateAs, snapshotList, snapshotInfo, snapshotDumpxml, snapshotCurrent, snapshotParent, snapshotRevert, snapshotDelete,
];
