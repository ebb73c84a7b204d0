import type { DomainDef, XmlElement } from '@virtkit/core';
import { json, type Json } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';

// <memory> and <memoryBacking> (no NUMA, no hugepages): -m, the pc.ram backend object and -overcommit.

/**
 * Where file-backed guest RAM lives: QEMU makes an unlinked file in this
 * directory (libvirt's memory_backing_dir, /var/lib/libvirt/qemu/ram).
 */
export const MEMORY_BACKING_DIR = '/dev/shm';

/** The <memoryBacking> element, kept in the domain's extras. */
export function memoryBacking(def: DomainDef): XmlElement | undefined {
  return def.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'memoryBacking');
}

export function memoryArgs(def: DomainDef): { memory: string[]; overcommit: string[]; machine: string[] } {
  const kib = def.memory.kib;
  if (kib < 1024) throw unsupportedConfig('domain/memory', `memory size ${def.memory.kib} KiB is below QEMU's minimum of 1 MiB`);
  let m: string;
  if (def.maxMemory) m = `size=${kib}k,slots=${def.maxMemory.slots ?? 0},maxmem=${def.maxMemory.kib}k`;
  else m = `size=${kib}k`;
  const mb = memoryBacking(def);
  const opts = { source: undefined as string | undefined, access: undefined as string | undefined, allocation: undefined as string | undefined, threads: undefined as number | undefined, locked: false, nosharepages: false, discard: false };
  const el = 'domain/memoryBacking';
  for (const c of mb?.children ?? []) {
    if (c.kind !== 'element') continue;
    const where = `${el}/${c.name}`;
    const leaf = (allowed: string[]) => {
      for (const k of Object.keys(c.attrs)) if (!allowed.includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
      if (c.children.some((x) => x.kind === 'element')) throw unsupportedConfig(where, 'child elements are not supported');
    };
    switch (c.name) {
      case 'source':
        leaf(['type']);
        opts.source = c.attrs.type;
        if (!['anonymous', 'file', 'memfd'].includes(opts.source ?? '')) throw unsupportedConfig(`${where}/@type`, `memory source '${c.attrs.type}' is not supported (anonymous, file, memfd)`);
        break;
      case 'access':
        leaf(['mode']);
        opts.access = c.attrs.mode;
        if (opts.access !== 'shared' && opts.access !== 'private') throw unsupportedConfig(`${where}/@mode`, `access mode '${c.attrs.mode}' is not supported (shared, private)`);
        break;
      case 'allocation':
        leaf(['mode', 'threads']);
        opts.allocation = c.attrs.mode;
        if (opts.allocation !== undefined && opts.allocation !== 'immediate' && opts.allocation !== 'ondemand') throw unsupportedConfig(`${where}/@mode`, `allocation mode '${c.attrs.mode}' is not supported (immediate, ondemand)`);
        if (c.attrs.threads !== undefined) {
          if (!/^[1-9]\d*$/.test(c.attrs.threads)) throw unsupportedConfig(`${where}/@threads`, `'${c.attrs.threads}' is not a thread count`);
          opts.threads = Number(c.attrs.threads);
        }
        break;
      case 'locked': leaf([]); opts.locked = true; break;
      case 'nosharepages': leaf([]); opts.nosharepages = true; break;
      case 'discard': leaf([]); opts.discard = true; break;
      case 'hugepages': throw unsupportedConfig(where, 'hugepage-backed guest memory is not supported by this driver');
      default: throw unsupportedConfig(where, 'not supported');
    }
  }
  if (mb && Object.keys(mb.attrs).length > 0) throw unsupportedConfig(el, `attribute '${Object.keys(mb.attrs)[0]}' is not supported`);
  // libvirt's choice (qemuBuildMemoryBackendProps): memfd as asked; a file when asked, or when sharing,
  // discarding or access is set on anonymous memory; plain RAM otherwise.
  const file = opts.source === 'file' || (opts.source !== 'memfd' && (opts.access !== undefined || opts.discard));
  const o: Json = { 'qom-type': opts.source === 'memfd' ? 'memory-backend-memfd' : file ? 'memory-backend-file' : 'memory-backend-ram', id: 'pc.ram' };
  if (file) o['mem-path'] = MEMORY_BACKING_DIR;
  if (file) o.share = opts.access === 'shared';
  else if (opts.access === 'shared') o.share = true;
  if (file || opts.source === 'memfd') o['x-use-canonical-path-for-ramblock-id'] = false;
  if (opts.discard) o['discard-data'] = true;
  if (opts.allocation === 'immediate') {
    o.prealloc = true;
    if (opts.threads !== undefined) o['prealloc-threads'] = opts.threads;
  } else if (opts.threads !== undefined) throw unsupportedConfig(`${el}/allocation/@threads`, "threads need allocation mode 'immediate'");
  o.size = kib * 1024;
  return {
    memory: ['-m', m, '-object', json(o)],
    overcommit: ['-overcommit', `mem-lock=${opts.locked ? 'on' : 'off'}`],
    machine: opts.nosharepages ? ['mem-merge=off'] : [],
  };
}
