import { CheckpointCreateFlags, CheckpointDeleteFlags, CheckpointListFlags, CheckpointXmlFlags, DomainCheckpoint, formatCheckpointXml, parseCheckpointXml, type DomainCheckpointDef } from '@virtkit/core';
import type { Command } from 'commander';
import { refusedByCli } from '../failure.js';
import { byName, formatFields, formatTable, formatTree, localTimestamp } from '../output.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

const domainArg = (c: Command) => c.argument('<domain>', 'domain name, id or uuid');

async function checkpointDef(cp: DomainCheckpoint): Promise<DomainCheckpointDef> {
  return parseCheckpointXml(await cp.getXmlDesc(CheckpointXmlFlags.NO_DOMAIN));
}

async function created(cp: Promise<DomainCheckpoint>, file?: string) {
  const c = await cp;
  return { text: `Domain checkpoint ${c.name} created${file === undefined ? '' : ` from '${file}'`}\n`, json: { name: c.name } };
}

export const checkpointCreate: CliCommand = {
  name: 'checkpoint-create',
  summary: 'Create a checkpoint from XML',
  configure: (c) => domainArg(c).argument('[xmlfile]', 'domain checkpoint XML').option('--xmlfile <file>', 'domain checkpoint XML')
    .option('--redefine', 'redefine metadata for existing checkpoint').option('--redefine-validate', 'validate the redefined checkpoint').option('--quiesce', 'quiesce guest\'s file systems'),
  async run(s, [dom, positional], o) {
    const F = CheckpointCreateFlags;
    const file = positional ?? (o.xmlfile as string | undefined);
    const xml = file === undefined ? '<domaincheckpoint/>' : await readXml(file);
    const flags = (o.redefine ? F.REDEFINE : 0) | (o.redefineValidate ? F.REDEFINE_VALIDATE : 0) | (o.quiesce ? F.QUIESCE : 0);
    return created(DomainCheckpoint.create(await s.domain(dom), xml, flags), file);
  },
};

export const checkpointCreateAs: CliCommand = {
  name: 'checkpoint-create-as',
  summary: 'Create a checkpoint from a set of args',
  configure: (c) => domainArg(c).argument('[name]', 'name of checkpoint').argument('[description]', 'description of checkpoint')
    .option('--name <name>', 'name of checkpoint').option('--description <text>', 'description of checkpoint').option('--print-xml', 'print XML document rather than create')
    .option('--quiesce', 'quiesce guest\'s file systems'),
  async run(s, [dom, posName, posDescription], o) {
    const def: DomainCheckpointDef = {};
    const name = posName ?? (o.name as string | undefined);
    const description = posDescription ?? (o.description as string | undefined);
    if (name !== undefined) def.name = name;
    if (description !== undefined) def.description = description;
    const xml = formatCheckpointXml(def);
    if (o.printXml) return { text: `${xml}\n\n`, json: { xml } };
    return created(DomainCheckpoint.create(await s.domain(dom), xml, o.quiesce ? CheckpointCreateFlags.QUIESCE : 0));
  },
};

export const checkpointList: CliCommand = {
  name: 'checkpoint-list',
  summary: 'List checkpoints for a domain',
  configure: (c) => domainArg(c).option('--parent', 'add a column showing parent checkpoint').option('--roots', 'list only checkpoints without parents')
    .option('--leaves', 'list only checkpoints without children').option('--no-leaves', 'list only checkpoints that are not leaves (with children)')
    .option('--tree', 'list checkpoints in a tree').option('--from <name>', 'limit list to children of given checkpoint')
    .option('--descendants', 'with --from, list all descendants').option('--name', 'list checkpoint names only').option('--topological', 'sort list topologically rather than by name'),
  async run(s, [dom], o) {
    const L = CheckpointListFlags;
    const exclusive = (a: string, b: string) => refusedByCli(`Options --${a} and --${b} are mutually exclusive`);
    if (o.parent && o.tree) throw exclusive('parent', 'tree');
    if (o.roots && o.tree) throw exclusive('roots', 'tree');
    if (o.roots && o.from !== undefined) throw exclusive('roots', 'from');
    if (o.tree && o.name) throw exclusive('tree', 'name');
    if (o.descendants && o.from === undefined) throw refusedByCli('--descendants requires --from');
    if (o.tree && o.leaves !== undefined) throw refusedByCli(`--${o.leaves ? 'leaves' : 'no-leaves'} and --tree are mutually exclusive`);
    const flags = (o.roots ? L.ROOTS : 0) | (o.topological ? L.TOPOLOGICAL : 0) | (o.leaves === true ? L.LEAVES : o.leaves === false ? L.NO_LEAVES : 0);
    const d = await s.domain(dom);
    let cps: DomainCheckpoint[];
    const from = o.from !== undefined ? await DomainCheckpoint.lookupByName(d, o.from as string) : undefined;
    if (from) {
      cps = await from.listAllChildren(flags | (o.descendants ? L.DESCENDANTS : 0));
      if (o.tree) cps.unshift(from);
    } else {
      cps = await DomainCheckpoint.listAll(d, flags);
    }
    const rows = await Promise.all(cps.map(async (cp) => {
      const def = await checkpointDef(cp);
      return { name: cp.name, parent: def.parent, creationTime: def.creationTime };
    }));
    if (from && o.tree) delete rows[0].parent;
    if (!o.topological) rows.sort((a, b) => byName(a.name, b.name));
    if (o.tree) {
      const names = new Set(rows.map((r) => r.name));
      return { text: formatTree(rows.map((r) => ({ name: r.name, parent: r.parent !== undefined && names.has(r.parent) ? r.parent : undefined }))) + '\n', json: rows };
    }
    if (o.name) return { text: rows.map((r) => `${r.name}\n`).join('') + '\n', json: rows };
    const cells = (r: (typeof rows)[number]) => [r.name, r.creationTime === undefined ? '' : localTimestamp(r.creationTime)];
    const text = o.parent ? formatTable(['Name', 'Creation Time', 'Parent'], rows.map((r) => [...cells(r), r.parent ?? ''])) : formatTable(['Name', 'Creation Time'], rows.map(cells));
    return { text, json: rows };
  },
};

export const checkpointInfo: CliCommand = {
  name: 'checkpoint-info',
  summary: 'checkpoint information',
  configure: (c) => domainArg(c).argument('<checkpointname>', 'checkpoint name'),
  async run(s, [dom, name]) {
    const d = await s.domain(dom);
    const cp = await DomainCheckpoint.lookupByName(d, name);
    const [def, children, descendants] = await Promise.all([checkpointDef(cp), cp.listAllChildren(), cp.listAllChildren(CheckpointListFlags.DESCENDANTS)]);
    const info = { name: cp.name, domain: d.name, parent: def.parent, children: children.length, descendants: descendants.length };
    return { text: formatFields([['Name', info.name], ['Domain', info.domain], ['Parent', info.parent ?? '-'], ['Children', String(info.children)], ['Descendants', String(info.descendants)]]), json: info };
  },
};

export const checkpointDumpxml: CliCommand = {
  name: 'checkpoint-dumpxml',
  summary: 'Dump XML for a domain checkpoint',
  configure: (c) => domainArg(c).argument('<checkpointname>', 'checkpoint name').option('--security-info', 'include security sensitive information in XML dump')
    .option('--no-domain', 'exclude <domain> from XML').option('--size', 'include backup size estimate in XML dump'),
  async run(s, [dom, name], o) {
    const X = CheckpointXmlFlags;
    const cp = await DomainCheckpoint.lookupByName(await s.domain(dom), name);
    const xml = await cp.getXmlDesc((o.securityInfo ? X.SECURE : 0) | (o.domain === false ? X.NO_DOMAIN : 0) | (o.size ? X.SIZE : 0));
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const checkpointParent: CliCommand = {
  name: 'checkpoint-parent',
  summary: 'Get the name of the parent of a checkpoint',
  configure: (c) => domainArg(c).argument('<checkpointname>', 'find parent of checkpoint name'),
  async run(s, [dom, name]) {
    const cp = await DomainCheckpoint.lookupByName(await s.domain(dom), name);
    const parent = (await checkpointDef(cp)).parent;
    if (parent === undefined) throw refusedByCli(`checkpoint '${cp.name}' has no parent`);
    return { text: `${parent}\n`, json: { name: cp.name, parent } };
  },
};

export const checkpointDelete: CliCommand = {
  name: 'checkpoint-delete',
  summary: 'Delete a domain checkpoint',
  configure: (c) => domainArg(c).argument('<checkpointname>', 'checkpoint name').option('--children', 'delete checkpoint and all children')
    .option('--children-only', 'delete children but not checkpoint').option('--metadata', 'delete only libvirt metadata, leaving checkpoint contents behind'),
  async run(s, [dom, name], o) {
    const D = CheckpointDeleteFlags;
    const cp = await DomainCheckpoint.lookupByName(await s.domain(dom), name);
    await cp.delete((o.children ? D.CHILDREN : 0) | (o.childrenOnly ? D.CHILDREN_ONLY : 0) | (o.metadata ? D.METADATA_ONLY : 0));
    return said(`Domain checkpoint ${cp.name} ${o.childrenOnly ? 'children ' : ''}deleted`, { name: cp.name });
  },
};

export const CHECKPOINT_COMMANDS: readonly CliCommand[] = [checkpointCreate, checkpointCreateAs, checkpointList, checkpointInfo, checkpointDumpxml, checkpointParent, checkpointDelete];
