import type { XmlElement, XmlExtras } from '@virtkit/core';
import { parseOptionString } from './qemu-option.js';
import { bad, leaf, str, type Props } from './native-parse.js';
import type { NativeState, OptionReader } from './native-state.js';

/**
 * Memory read back (memory-args.ts writes it): -m, the memory backend
 * objects, -numa and -overcommit, as <memory>, <memoryBacking>, <numatune>
 * and the <cpu><numa> cells.
 */

function readMemory({ def }: NativeState, value: () => string): void {
  const { opts } = parseOptionString(value(), 'size');
  const kib = (s: string) => (/^\d+k$/.test(s) ? Number(s.slice(0, -1)) : /^\d+$/.test(s) ? Number(s) * 1024 : bad(`memory size '${s}' is not understood`));
  def.memory.kib = kib(opts.get('size') ?? bad('-m without size'));
  if (opts.has('maxmem')) def.maxMemory = { kib: kib(opts.get('maxmem')!), slots: Number(opts.get('slots') ?? 0) };
}

function readNuma(st: NativeState, value: () => string): void {
  const v = value();
  const parts = v.split(',');
  const kv = parts.slice(1).map((p) => p.split('='));
  if (parts[0] === 'node') {
    const memdev = kv.find(([k]) => k === 'memdev')?.[1] ?? bad('-numa node without memdev');
    st.cells.push({ id: kv.find(([k]) => k === 'nodeid')?.[1] ?? bad('-numa node without nodeid'), cpus: kv.filter(([k]) => k === 'cpus').map(([, x]) => x), memdev });
  } else if (parts[0] === 'dist') {
    const get = (k: string) => kv.find(([x]) => x === k)?.[1] ?? bad(`-numa ${v} is not understood`);
    st.dists.push([get('src'), get('dst'), get('val')]);
  } else bad(`-numa ${v} is not understood`);
}

export const MEMORY_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-m': readMemory,
  '-numa': readNuma,
  '-overcommit': (st, value) => { if (value() === 'mem-lock=on') st.backing.push(leaf('locked')); },
};

/** Reads a memory backend -object (pc.ram or ram-nodeN); false when `o` is none. */
export function readMemoryObject(st: NativeState, o: Props): boolean {
  if (o.id === 'pc.ram') {
    st.backing.push(...memoryBackingOf(o));
    if (Array.isArray(o['host-nodes'])) st.numaPolicy.set(-1, o);
    return true;
  }
  if (/^ram-node\d+$/.test(str(o.id) ?? '')) {
    st.nodeMem.set(str(o.id)!, o);
    // Guest-wide backing from the first cell; sharing is per cell (memAccess).
    if (st.nodeMem.size === 1) st.backing.push(...memoryBackingOf(o).filter((e) => e.name !== 'access' && !(e.name === 'source' && e.attrs.type === 'file' && o.share !== undefined)));
    return true;
  }
  return false;
}

/** The <memoryBacking> children the pc.ram backend object memoryArgs builds stands for. */
function memoryBackingOf(o: Props): XmlElement[] {
  const out: XmlElement[] = [];
  if (o['qom-type'] === 'memory-backend-memfd') out.push(leaf('source', { type: 'memfd' }));
  else if (o['qom-type'] === 'memory-backend-file') out.push(leaf('source', { type: 'file' }));
  else if (o['qom-type'] !== 'memory-backend-ram') bad(`memory backend '${String(o['qom-type'])}' is not understood`);
  if (o.share !== undefined) out.push(leaf('access', { mode: o.share === true ? 'shared' : 'private' }));
  if (o.prealloc === true) out.push(leaf('allocation', typeof o['prealloc-threads'] === 'number' ? { mode: 'immediate', threads: String(o['prealloc-threads']) } : { mode: 'immediate' }));
  if (o['discard-data'] === true) out.push(leaf('discard'));
  return out;
}

/**
 * The NUMA cells into <cpu><numa> (and <memory> as their sum); returns the
 * domain's <numatune> and <memoryBacking>, in that order, when they have children.
 */
export function assembleMemory(st: NativeState): XmlExtras['children'] {
  const { def, cells, nodeMem, dists, backing } = st;
  const out: XmlExtras['children'] = [];
  const tune: XmlElement[] = [];
  const modeOf = (p: unknown) => (p === 'bind' ? 'strict' : String(p));
  const nodeset = (o: Props) => (o['host-nodes'] as number[]).join(',');
  const pcRam = st.numaPolicy.get(-1);
  if (pcRam) tune.push(leaf('memory', { mode: modeOf(pcRam.policy), nodeset: nodeset(pcRam) }));
  if (cells.length > 0) {
    const cellEls = cells.map((c) => {
      const o = nodeMem.get(c.memdev) ?? bad(`-numa node refers to unknown memdev '${c.memdev}'`);
      if (Array.isArray(o['host-nodes'])) tune.push(leaf('memnode', { cellid: c.id, mode: modeOf(o.policy), nodeset: nodeset(o) }));
      const attrs: Record<string, string> = { id: c.id };
      if (c.cpus.length > 0) attrs.cpus = c.cpus.join(',');
      attrs.memory = String(Number(o.size) / 1024);
      attrs.unit = 'KiB';
      if (o.share !== undefined) attrs.memAccess = o.share === true ? 'shared' : 'private';
      const mine = dists.filter(([src]) => src === c.id);
      const children: XmlElement[] = mine.length > 0 ? [{ kind: 'element', name: 'distances', attrs: {}, children: mine.map(([, dst, v]) => leaf('sibling', { id: dst, value: v })) }] : [];
      return { kind: 'element' as const, name: 'cell', attrs, children };
    });
    def.cpu ??= { features: [] };
    def.cpu.extras = { attrs: def.cpu.extras?.attrs ?? {}, children: [...(def.cpu.extras?.children ?? []), { after: null, node: { kind: 'element', name: 'numa', attrs: {}, children: cellEls } }] };
    def.memory.kib = cells.reduce((n, c) => n + Number(nodeMem.get(c.memdev)!.size) / 1024, 0);
  }
  if (tune.length > 0) out.push({ after: 'vcpu', node: { kind: 'element', name: 'numatune', attrs: {}, children: tune } });
  if (backing.length > 0) out.push({ after: 'vcpu', node: { kind: 'element', name: 'memoryBacking', attrs: {}, children: backing } });
  return out;
}
