import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import {
  ErrorCode, ListStoragePoolsFlags, StoragePoolBuildFlags, StoragePoolCreateFlags, StoragePoolState, StorageVolCreateFlags,
  DomainBlockResizeFlags, StorageVolResizeFlags, StorageVolStreamFlags, StorageVolType, StorageVolWipeAlgorithm, StorageXmlFlags, escapeXmlAttr,
  escapeXmlText, isVirtError, readFileChunks, scaledToBytes, writeFileChunks,
  type StoragePool, type StorageVol, type StreamChunk,
} from '@virtkit/core';
import { failedBeforeTheCall, refusedByCli } from '../failure.js';
import { formatBytes, formatFields, formatTable } from '../output.js';
import type { CliSession } from '../session.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

// virsh's pool-* and vol-* commands (virsh-pool.c, virsh-volume.c), their output laid out as virsh's.

const size = (n: number) => formatBytes(n, 2);

/** pool-dumpxml and vol-dumpxml print the document and a blank line. */
const xmlText = (xml: string) => (xml.endsWith('\n') ? xml : xml + '\n') + '\n';

const POOL_STATE: Record<number, string> = {
  [StoragePoolState.INACTIVE]: 'inactive', [StoragePoolState.BUILDING]: 'building', [StoragePoolState.RUNNING]: 'running',
  [StoragePoolState.DEGRADED]: 'degraded', [StoragePoolState.INACCESSIBLE]: 'inaccessible',
};
const VOL_TYPE: Record<number, string> = {
  [StorageVolType.FILE]: 'file', [StorageVolType.BLOCK]: 'block', [StorageVolType.DIR]: 'dir', [StorageVolType.NETWORK]: 'network',
  [StorageVolType.NETDIR]: 'netdir', [StorageVolType.PLOOP]: 'ploop',
};

/** virsh's line before a missed lookup's message ("failed to get pool 'X'"); `hint` follows it, as virsh adds one for a volume named without --pool. */
function lookupFailure(what: string, text: string, e: unknown, hint = ''): unknown {
  const code = what === 'pool' ? ErrorCode.NO_STORAGE_POOL : ErrorCode.NO_STORAGE_VOL;
  return failedBeforeTheCall(e, isVirtError(e, code) ? `failed to get ${what} '${text}'${hint}` : '');
}

/** A pool by UUID or name (virsh's virshCommandOptPool). */
async function poolOf(s: CliSession, text: string): Promise<StoragePool> {
  const conn = await s.connection();
  try {
    return await conn.lookupStoragePool(text);
  } catch (e) {
    throw lookupFailure('pool', text, e);
  }
}

/** A volume as virsh finds one (virshCommandOptVol): by name in --pool, else by key, else by path. */
async function volOf(s: CliSession, text: string, pool: unknown): Promise<StorageVol> {
  const conn = await s.connection();
  if (typeof pool === 'string') {
    const p = await poolOf(s, pool);
    try {
      return await p.lookupVolumeByName(text);
    } catch { /* then by key and path, as virsh */ }
  }
  try {
    return await conn.lookupStorageVolByKey(text);
  } catch { /* then by path */ }
  try {
    return await conn.lookupStorageVolByPath(text);
  } catch (e) {
    throw lookupFailure('vol', text, e, typeof pool === 'string' ? '' : ', specifying --pool might help');
  }
}

/** virsh's scaled integers: "10G", "512M", "1000KB", bytes without a suffix. */
function bytesOf(text: string, what: string): number {
  const m = /^\s*(\d+)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!m) throw refusedByCli(`Scaled numeric value '${text}' for option ${what} is invalid`);
  try {
    return scaledToBytes(m[1], m[2] || undefined, what);
  } catch {
    throw refusedByCli(`Scaled numeric value '${text}' for option ${what} is invalid or out of range`);
  }
}

const volOpt = (c: import('commander').Command) => c.option('--pool <pool>', 'pool name or uuid');

// ---- pools ----------------------------------------------------------------------------

export const poolList: CliCommand = {
  name: 'pool-list',
  summary: 'list pools',
  configure: (c) => c.option('--all', 'list inactive & active pools').option('--inactive', 'list inactive pools').option('--persistent', 'list persistent pools')
    .option('--transient', 'list transient pools').option('--autostart', 'list pools with autostart enabled').option('--no-autostart', 'list pools with autostart disabled')
    .option('--type <types>', 'only list pool of specified type(s) (if supported)').option('--details', 'display extended details for pools').option('--name', 'list pool names only'),
  async run(s, _args, o) {
    const conn = await s.connection();
    let flags = o.all ? 0 : o.inactive ? ListStoragePoolsFlags.INACTIVE : ListStoragePoolsFlags.ACTIVE;
    if (o.persistent) flags |= ListStoragePoolsFlags.PERSISTENT;
    if (o.transient) flags |= ListStoragePoolsFlags.TRANSIENT;
    // With both --autostart and --no-autostart declared, commander leaves the option undefined unless one is given.
    if (o.autostart === true) flags |= ListStoragePoolsFlags.AUTOSTART;
    if (o.autostart === false) flags |= ListStoragePoolsFlags.NO_AUTOSTART;
    for (const t of typeof o.type === 'string' ? o.type.split(',') : []) {
      const f = (ListStoragePoolsFlags as Record<string, number>)[t.trim().toUpperCase().replace('-', '_')];
      if (f === undefined) throw refusedByCli(`Invalid pool type '${t}'`);
      flags |= f;
    }
    const pools = await conn.listAllStoragePools(flags);
    const rows = await Promise.all(pools.map(async (p) => {
      const [info, autostart, persistent] = await Promise.all([p.getInfo(), p.getAutostart(), p.isPersistent()]);
      return { name: p.name, uuid: p.uuid, state: info.state, autostart, persistent, capacity: info.capacity, allocation: info.allocation, available: info.available };
    }));
    const json = rows.map((r) => ({ ...r, state: POOL_STATE[r.state] }));
    if (o.name) return { text: rows.map((r) => r.name).join('\n') + '\n\n', json };
    const yes = (b: boolean) => (b ? 'yes' : 'no');
    if (!o.details) return { text: formatTable(['Name', 'State', 'Autostart'], rows.map((r) => [r.name, r.state === StoragePoolState.INACTIVE ? 'inactive' : 'active', yes(r.autostart)])), json };
    const sized = (r: (typeof rows)[number], n: number) => (r.state === StoragePoolState.INACTIVE ? '-' : size(n));
    return {
      text: formatTable(['Name', 'State', 'Autostart', 'Persistent', 'Capacity', 'Allocation', 'Available'],
        rows.map((r) => [r.name, POOL_STATE[r.state], yes(r.autostart), yes(r.persistent), sized(r, r.capacity), sized(r, r.allocation), sized(r, r.available)])),
      json,
    };
  },
};

/** The pool XML of pool-define-as / pool-create-as (virshBuildPoolXML). */
function poolXmlFromArgs(args: string[], o: Record<string, unknown>): string {
  const [name, type, host, srcPath, dev, srcName, target] = args;
  const opt = (k: string, positional: string | undefined) => (typeof o[k] === 'string' ? (o[k] as string) : positional);
  const t = opt('target', target);
  const source = [
    opt('sourceHost', host) !== undefined ? `<host name='${escapeXmlAttr(opt('sourceHost', host)!)}'/>` : '',
    opt('sourcePath', srcPath) !== undefined ? `<dir path='${escapeXmlAttr(opt('sourcePath', srcPath)!)}'/>` : '',
    opt('sourceDev', dev) !== undefined ? `<device path='${escapeXmlAttr(opt('sourceDev', dev)!)}'/>` : '',
    opt('sourceName', srcName) !== undefined ? `<name>${escapeXmlText(opt('sourceName', srcName)!)}</name>` : '',
    typeof o.sourceFormat === 'string' ? `<format type='${escapeXmlAttr(o.sourceFormat)}'/>` : '',
  ].join('');
  return `<pool type='${escapeXmlAttr(type)}'><name>${escapeXmlText(name)}</name><source>${source}</source>${t !== undefined ? `<target><path>${escapeXmlText(t)}</path></target>` : ''}</pool>`;
}

const poolAsOptions = (c: import('commander').Command) => c.argument('<name>', 'name of the pool').argument('<type>', 'type of the pool')
  .argument('[source-host]', 'source-host for underlying storage').argument('[source-path]', 'source path for underlying storage')
  .argument('[source-dev]', 'source device for underlying storage').argument('[source-name]', 'source name for underlying storage')
  .argument('[target]', 'target for underlying storage').option('--source-host <host>').option('--source-path <path>').option('--source-dev <dev>')
  .option('--source-name <name>').option('--target <path>').option('--source-format <format>', 'format for underlying storage');

export const poolDefineAs: CliCommand = {
  name: 'pool-define-as',
  summary: 'define a pool from a set of args',
  configure: poolAsOptions,
  async run(s, args, o) {
    const p = await (await s.connection()).defineStoragePool(poolXmlFromArgs(args, o));
    return said(`Pool ${p.name} defined`, { name: p.name, uuid: p.uuid });
  },
};

export const poolCreateAs: CliCommand = {
  name: 'pool-create-as',
  summary: 'create a pool from a set of args',
  configure: (c) => poolAsOptions(c).option('--build', 'build the pool as normal'),
  async run(s, args, o) {
    const p = await (await s.connection()).createStoragePool(poolXmlFromArgs(args, o), o.build ? StoragePoolCreateFlags.WITH_BUILD : 0);
    return said(`Pool ${p.name} created`, { name: p.name, uuid: p.uuid });
  },
};

export const poolDefine: CliCommand = {
  name: 'pool-define',
  summary: 'define an inactive persistent storage pool from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML pool description'),
  async run(s, [file]) {
    const p = await (await s.connection()).defineStoragePool(await readXml(file));
    return said(`Pool ${p.name} defined from ${file}`, { name: p.name, uuid: p.uuid });
  },
};

export const poolCreate: CliCommand = {
  name: 'pool-create',
  summary: 'create a pool from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML pool description').option('--build', 'build the pool as normal'),
  async run(s, [file], o) {
    const p = await (await s.connection()).createStoragePool(await readXml(file), o.build ? StoragePoolCreateFlags.WITH_BUILD : 0);
    return said(`Pool ${p.name} created from ${file}`, { name: p.name, uuid: p.uuid });
  },
};

/** A command that names one pool and says one line when done. */
function poolAction(name: string, summary: string, done: (pool: string) => string, act: (p: StoragePool, o: Record<string, unknown>) => Promise<void>,
  configure: (c: import('commander').Command) => void = () => {}): CliCommand {
  return {
    name,
    summary,
    configure: (c) => { c.argument('<pool>', 'pool name or uuid'); configure(c); },
    async run(s, [text], o) {
      const p = await poolOf(s, text);
      await act(p, o);
      return said(done(text), { name: p.name, uuid: p.uuid });
    },
  };
}

/** --overwrite is true, --no-overwrite false, neither undefined. */
const buildFlags = (o: Record<string, unknown>) => (o.overwrite === true ? StoragePoolBuildFlags.OVERWRITE : o.overwrite === false ? StoragePoolBuildFlags.NO_OVERWRITE : 0);
const overwriteOptions = (c: import('commander').Command) => c.option('--overwrite', 'overwrite any existing data').option('--no-overwrite', 'do not overwrite any existing data');

export const poolBuild = poolAction('pool-build', 'build a pool', (p) => `Pool ${p} built`, (p, o) => p.build(buildFlags(o)),
  overwriteOptions);
export const poolStart = poolAction('pool-start', 'start a (previously defined) inactive pool', (p) => `Pool ${p} started`, (p, o) => {
  const build = o.build ? StoragePoolCreateFlags.WITH_BUILD : 0;
  const ow = o.overwrite === true ? StoragePoolCreateFlags.WITH_BUILD_OVERWRITE : o.overwrite === false ? StoragePoolCreateFlags.WITH_BUILD_NO_OVERWRITE : 0;
  return p.start(build | ow);
}, (c) => overwriteOptions(c.option('--build', 'build the pool as normal')));
export const poolDestroy = poolAction('pool-destroy', 'destroy (stop) a pool', (p) => `Pool ${p} destroyed`, (p) => p.destroy());
export const poolDelete = poolAction('pool-delete', 'delete a pool', (p) => `Pool ${p} deleted`, (p) => p.delete());
export const poolUndefine = poolAction('pool-undefine', 'undefine an inactive pool', (p) => `Pool ${p} has been undefined`, (p) => p.undefine());
export const poolRefresh = poolAction('pool-refresh', 'refresh a pool', (p) => `Pool ${p} refreshed`, (p) => p.refresh());
export const poolAutostart: CliCommand = {
  name: 'pool-autostart',
  summary: 'autostart a pool',
  configure: (c) => c.argument('<pool>', 'pool name or uuid').option('--disable', 'disable autostarting'),
  async run(s, [text], o) {
    const p = await poolOf(s, text);
    await p.setAutostart(!o.disable);
    return said(o.disable ? `Pool ${text} unmarked as autostarted` : `Pool ${text} marked as autostarted`, { name: p.name, autostart: !o.disable });
  },
};

export const poolInfo: CliCommand = {
  name: 'pool-info',
  summary: 'storage pool information',
  configure: (c) => c.argument('<pool>', 'pool name or uuid').option('--bytes', 'Reture pool info in bytes'),
  async run(s, [text], o) {
    const p = await poolOf(s, text);
    const [info, persistent, autostart] = await Promise.all([p.getInfo(), p.isPersistent(), p.getAutostart()]);
    const fmt = (n: number) => (o.bytes ? `${n}` : size(n));
    const fields: Array<[string, string]> = [['Name', p.name], ['UUID', p.uuid], ['State', POOL_STATE[info.state]], ['Persistent', persistent ? 'yes' : 'no'], ['Autostart', autostart ? 'yes' : 'no']];
    if (info.state === StoragePoolState.RUNNING || info.state === StoragePoolState.DEGRADED) {
      fields.push(['Capacity', fmt(info.capacity)], ['Allocation', fmt(info.allocation)], ['Available', fmt(info.available)]);
    }
    return { text: formatFields(fields), json: { name: p.name, uuid: p.uuid, ...info, state: POOL_STATE[info.state], persistent, autostart } };
  },
};

export const poolDumpxml: CliCommand = {
  name: 'pool-dumpxml',
  summary: 'pool information in XML',
  configure: (c) => c.argument('<pool>', 'pool name or uuid').option('--inactive', 'show inactive defined XML'),
  async run(s, [text], o) {
    const xml = await (await poolOf(s, text)).getXmlDesc(o.inactive ? StorageXmlFlags.INACTIVE : 0);
    return { text: xmlText(xml), json: { xml } };
  },
};

// ---- volumes ----------------------------------------------------------------------------

export const volList: CliCommand = {
  name: 'vol-list',
  summary: 'list vols',
  configure: (c) => c.argument('<pool>', 'pool name or uuid').option('--details', 'display extended details for volumes'),
  async run(s, [text], o) {
    const vols = await (await poolOf(s, text)).listAllVolumes();
    const rows = await Promise.all(vols.map(async (v) => ({ name: v.name, path: await v.getPath(), ...(await v.getInfo()) })));
    const json = rows.map((r) => ({ ...r, type: VOL_TYPE[r.type] }));
    if (!o.details) return { text: formatTable(['Name', 'Path'], rows.map((r) => [r.name, r.path])), json };
    return { text: formatTable(['Name', 'Path', 'Type', 'Capacity', 'Allocation'], rows.map((r) => [r.name, r.path, VOL_TYPE[r.type], size(r.capacity), size(r.allocation)])), json };
  },
};

const preallocFlag = (o: Record<string, unknown>) => (o.preallocMetadata ? StorageVolCreateFlags.PREALLOC_METADATA : 0);

export const volCreateAs: CliCommand = {
  name: 'vol-create-as',
  summary: 'create a volume from a set of args',
  configure: (c) => c.argument('<pool>', 'pool name').argument('<name>', 'name of the volume').argument('<capacity>', 'size of the vol, as scaled integer (default bytes)')
    .option('--allocation <size>', 'initial allocation size, as scaled integer (default bytes)').option('--format <format>', 'file format type raw,bochs,qcow,qcow2,qed,vmdk')
    .option('--backing-vol <vol>', 'the backing volume if taking a snapshot').option('--backing-vol-format <format>', 'format of backing volume if taking a snapshot')
    .option('--prealloc-metadata', 'preallocate metadata (for qcow2 instead of full allocation)'),
  async run(s, [poolText, name, capacity], o) {
    const p = await poolOf(s, poolText);
    let backing = '';
    if (typeof o.backingVol === 'string') {
      // virsh resolves the backing volume itself (name in the pool, key, path) and uses its path.
      const b = await volOf(s, o.backingVol, poolText);
      const fmt = typeof o.backingVolFormat === 'string' ? `<format type='${escapeXmlAttr(o.backingVolFormat)}'/>` : '';
      backing = `<backingStore><path>${escapeXmlText(await b.getPath())}</path>${fmt}</backingStore>`;
    }
    const allocation = typeof o.allocation === 'string' ? `<allocation>${bytesOf(o.allocation, '--allocation')}</allocation>` : '';
    const format = typeof o.format === 'string' ? `<target><format type='${escapeXmlAttr(o.format)}'/></target>` : '';
    const xml = `<volume><name>${escapeXmlText(name)}</name><capacity>${bytesOf(capacity, 'capacity')}</capacity>${allocation}${format}${backing}</volume>`;
    const v = await p.createVolume(xml, preallocFlag(o));
    return said(`Vol ${v.name} created`, { name: v.name, key: v.key });
  },
};

export const volCreate: CliCommand = {
  name: 'vol-create',
  summary: 'create a vol from an XML file',
  configure: (c) => c.argument('<pool>', 'pool name').argument('<file>', 'file containing an XML vol description').option('--prealloc-metadata', 'preallocate metadata (for qcow2 instead of full allocation)'),
  async run(s, [poolText, file], o) {
    const v = await (await poolOf(s, poolText)).createVolume(await readXml(file), preallocFlag(o));
    return said(`Vol ${v.name} created from ${file}`, { name: v.name, key: v.key });
  },
};

export const volCreateFrom: CliCommand = {
  name: 'vol-create-from',
  summary: 'create a vol, using another volume as input',
  configure: (c) => c.argument('<pool>', 'pool name').argument('<file>', 'file containing an XML vol description').argument('<vol>', 'input vol name or key')
    .option('--inputpool <pool>', 'pool name or uuid of the input volume\'s pool').option('--prealloc-metadata', 'preallocate metadata (for qcow2 instead of full allocation)'),
  async run(s, [poolText, file, volText], o) {
    const p = await poolOf(s, poolText);
    const input = await volOf(s, volText, o.inputpool);
    const v = await p.createVolumeFrom(await readXml(file), input, preallocFlag(o));
    return said(`Vol ${v.name} created from input vol ${input.name}`, { name: v.name, key: v.key });
  },
};

export const volClone: CliCommand = {
  name: 'vol-clone',
  summary: 'clone a volume.',
  configure: (c) => volOpt(c.argument('<vol>', 'orig vol name or key').argument('<newname>', 'clone name')).option('--prealloc-metadata', 'preallocate metadata (for qcow2 instead of full allocation)'),
  async run(s, [volText, newName], o) {
    const orig = await volOf(s, volText, o.pool);
    const p = await orig.lookupPool();
    // virsh clones the original's XML under the new name (virshMakeCloneXML).
    const xml = (await orig.getXmlDesc()).replace(/<name>[^<]*<\/name>/, `<name>${escapeXmlText(newName)}</name>`);
    const v = await p.createVolumeFrom(xml, orig, preallocFlag(o));
    return said(`Vol ${v.name} cloned from ${orig.name}`, { name: v.name, key: v.key });
  },
};

/** A command that names one volume (and optionally its pool) and says one line when done. */
function volAction(name: string, summary: string, done: (v: string) => string, act: (v: StorageVol, o: Record<string, unknown>) => Promise<void>,
  configure: (c: import('commander').Command) => void = () => {}): CliCommand {
  return {
    name,
    summary,
    configure: (c) => { volOpt(c.argument('<vol>', 'vol name, key or path')); configure(c); },
    async run(s, [text], o) {
      const v = await volOf(s, text, o.pool);
      await act(v, o);
      return said(done(text), { name: v.name, key: v.key });
    },
  };
}

const WIPE_ALGORITHMS = ['zero', 'nnsa', 'dod', 'bsi', 'gutmann', 'schneier', 'pfitzner7', 'pfitzner33', 'random', 'trim'];

export const volDelete = volAction('vol-delete', 'delete a vol', (v) => `Vol ${v} deleted`, (v) => v.delete());
export const volWipe = volAction('vol-wipe', 'wipe a vol', (v) => `Vol ${v} wiped`, (v, o) => {
  const algorithm = typeof o.algorithm === 'string' ? WIPE_ALGORITHMS.indexOf(o.algorithm) : StorageVolWipeAlgorithm.ZERO;
  if (algorithm < 0) throw refusedByCli(`Unsupported algorithm '${o.algorithm}'`);
  return v.wipe(algorithm);
}, (c) => c.option('--algorithm <algorithm>', 'perform selected wiping algorithm'));

export const volResize: CliCommand = {
  name: 'vol-resize',
  summary: 'resize a vol',
  configure: (c) => volOpt(c.argument('<vol>', 'vol name, key or path').argument('<capacity>', 'new capacity for the vol, as scaled integer (default bytes)'))
    .option('--allocate', 'allocate the new capacity, rather than leaving it sparse').option('--delta', 'use capacity as a delta to current size, rather than the new size')
    .option('--shrink', 'allow the resize to shrink the volume'),
  async run(s, [text, capacity], o) {
    const v = await volOf(s, text, o.pool);
    const flags = (o.allocate ? StorageVolResizeFlags.ALLOCATE : 0) | (o.delta ? StorageVolResizeFlags.DELTA : 0) | (o.shrink ? StorageVolResizeFlags.SHRINK : 0);
    await v.resize(bytesOf(capacity.replace(/^-/, ''), 'capacity'), flags);
    return said(o.delta ? `Size of volume '${v.name}' successfully changed by ${capacity}` : `Size of volume '${v.name}' successfully changed to ${capacity}`, { name: v.name });
  },
};

export const blockresize: CliCommand = {
  name: 'blockresize',
  summary: 'Resize block device of domain.',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').argument('<path>', 'Fully-qualified path of block device')
    .argument('<size>', 'New size of the block device, as scaled integer (default KiB)'),
  async run(s, [name, path, size]) {
    const dom = await s.domain(name);
    // virsh scales the size itself (a bare number is KiB) and always passes bytes.
    const bytes = bytesOf(/^\s*\d+\s*$/.test(size) ? `${size.trim()}KiB` : size, 'size');
    await dom.blockResize(path, bytes, DomainBlockResizeFlags.BYTES);
    return said(`Block device '${path}' is resized`, { domain: dom.name, path, bytes });
  },
};

export const volInfo: CliCommand = {
  name: 'vol-info',
  summary: 'storage vol information',
  configure: (c) => volOpt(c.argument('<vol>', 'vol name, key or path')).option('--bytes', 'sizes are represented in bytes rather than pretty units'),
  async run(s, [text], o) {
    const v = await volOf(s, text, o.pool);
    const info = await v.getInfo();
    const fmt = (n: number) => (o.bytes ? `${n} bytes` : size(n));
    return {
      text: formatFields([['Name', v.name], ['Type', VOL_TYPE[info.type]], ['Capacity', fmt(info.capacity)], ['Allocation', fmt(info.allocation)]]),
      json: { name: v.name, ...info, type: VOL_TYPE[info.type] },
    };
  },
};

export const volDumpxml: CliCommand = {
  name: 'vol-dumpxml',
  summary: 'vol information in XML',
  configure: (c) => volOpt(c.argument('<vol>', 'vol name, key or path')),
  async run(s, [text], o) {
    const xml = await (await volOf(s, text, o.pool)).getXmlDesc();
    return { text: xmlText(xml), json: { xml } };
  },
};

export const volPath: CliCommand = {
  name: 'vol-path',
  summary: 'returns the volume path for a given volume name or key',
  configure: (c) => volOpt(c.argument('<vol>', 'vol name or key')),
  async run(s, [text], o) {
    const p = await (await volOf(s, text, o.pool)).getPath();
    return said(p, { path: p });
  },
};

export const volKey: CliCommand = {
  name: 'vol-key',
  summary: 'returns the volume key for a given volume name or path',
  configure: (c) => volOpt(c.argument('<vol>', 'vol name or path')),
  async run(s, [text], o) {
    const v = await volOf(s, text, o.pool);
    return said(v.key, { key: v.key });
  },
};

const streamOptions = (c: import('commander').Command) => volOpt(c).option('--offset <bytes>', 'volume offset to upload to').option('--length <bytes>', 'amount of data to upload').option('--sparse', 'preserve sparseness of volume');
const numberOpt = (v: unknown, what: string) => (typeof v === 'string' ? bytesOf(v, what) : 0);

export const volUpload: CliCommand = {
  name: 'vol-upload',
  summary: 'upload file contents to a volume',
  configure: (c) => streamOptions(c.argument('<vol>', 'vol name, key or path').argument('<file>', 'file')),
  async run(s, [text, file], o) {
    const v = await volOf(s, text, o.pool);
    const sparse = o.sparse === true;
    // Without --sparse the file goes as it is; with it, runs of zeros go as holes.
    const data: AsyncIterable<StreamChunk> = sparse ? readFileChunks(file, 0, 0, true) : plainChunks(file);
    await v.upload(data, numberOpt(o.offset, '--offset'), numberOpt(o.length, '--length'), sparse ? StorageVolStreamFlags.SPARSE_STREAM : 0);
    return { text: '', json: { name: v.name, file } };
  },
};

async function* plainChunks(file: string): AsyncGenerator<StreamChunk> {
  for await (const data of createReadStream(file, { highWaterMark: 256 * 1024 - 24 })) yield { kind: 'data', data: data as Buffer };
}

export const volDownload: CliCommand = {
  name: 'vol-download',
  summary: 'download volume contents to a file',
  configure: (c) => streamOptions(c.argument('<vol>', 'vol name, key or path').argument('<file>', 'file')),
  async run(s, [text, file], o) {
    const v = await volOf(s, text, o.pool);
    const sparse = o.sparse === true;
    const chunks = await v.download(numberOpt(o.offset, '--offset'), numberOpt(o.length, '--length'), sparse ? StorageVolStreamFlags.SPARSE_STREAM : 0);
    await writeFile(file, '');
    await writeFileChunks(file, 0, 0, true, chunks);
    return { text: '', json: { name: v.name, file } };
  },
};

export const STORAGE_COMMANDS: readonly CliCommand[] = [
  poolList, poolDefineAs, poolCreateAs, poolDefine, poolCreate, poolBuild, poolStart, poolDestroy, poolDelete, poolUndefine, poolRefresh,
  poolAutostart, poolInfo, poolDumpxml, volList, volCreateAs, volCreate, volCreateFrom, volClone, volDelete, volWipe, volResize, blockresize, volInfo,
  volDumpxml, volPath, volKey, volUpload, volDownload,
];
