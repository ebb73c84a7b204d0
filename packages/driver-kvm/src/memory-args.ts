import { memoryToKiB, type DomainDef, type XmlElement } from '@virtkit/core';
import { json, type Json } from './argv-parts.js';
import { cpuRanges, numadNodeset, parseCpuset } from './host-affinity.js';
import type { QemuCaps } from './qemu-caps.js';
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

export function memoryArgs(def: DomainDef, caps: Pick<QemuCaps, 'hostNumaNodes' | 'hugetlbfs'> = {}): { memory: string[]; overcommit: string[]; machine: string[]; numa: string[] } {
  const kib = def.memory.kib;
  if (kib < 1024) throw unsupportedConfig('domain/memory', `memory size ${def.memory.kib} KiB is below QEMU's minimum of 1 MiB`);
  let m: string;
  if (def.maxMemory) m = `size=${kib}k,slots=${def.maxMemory.slots ?? 0},maxmem=${def.maxMemory.kib}k`;
  else m = `size=${kib}k`;
  checkAddressSpace(def);
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
      case 'hugepages': throw unsupportedConfig(where, caps.hugetlbfs?.length === 0 ? 'hugepage-backed guest memory needs a mounted hugetlbfs with reserved pages, and this host has no hugetlbfs mounted' : 'hugepage-backed guest memory is not supported by this driver');
      default: throw unsupportedConfig(where, 'not supported');
    }
  }
  if (mb && Object.keys(mb.attrs).length > 0) throw unsupportedConfig(el, `attribute '${Object.keys(mb.attrs)[0]}' is not supported`);
  if (opts.threads !== undefined && opts.allocation !== 'immediate') throw unsupportedConfig(`${el}/allocation/@threads`, "threads need allocation mode 'immediate'");
  const tune = numaTune(def, caps);
  const cells = numaCells(def);
  const out = {
    memory: [] as string[],
    overcommit: ['-overcommit', `mem-lock=${opts.locked ? 'on' : 'off'}`],
    machine: [...(opts.nosharepages ? ['mem-merge=off'] : []), ...(cells.length === 0 ? ['memory-backend=pc.ram'] : [])],
    numa: [] as string[],
  };
  if (cells.length === 0) {
    if (tune.memnodes.size > 0) throw unsupportedConfig('domain/numatune/memnode', 'memnode needs guest NUMA cells (<cpu><numa>)');
    out.memory.push('-m', m, '-object', json(backend('pc.ram', kib, opts, {}, tune.memory, true)));
    return out;
  }
  const total = cells.reduce((n, c) => n + c.kib, 0);
  out.memory.push('-m', def.maxMemory ? `size=${total}k,slots=${def.maxMemory.slots ?? 0},maxmem=${def.maxMemory.kib}k` : `size=${total}k`);
  for (const c of cells) {
    out.numa.push('-object', json(backend(`ram-node${c.id}`, c.kib, opts, c, tune.memnodes.get(c.id) ?? tune.memory, false)));
    out.numa.push('-numa', [`node,nodeid=${c.id}`, ...c.cpus.map((r) => `cpus=${r}`), `memdev=ram-node${c.id}`].join(','));
  }
  if (cells.some((c) => c.distances.size > 0)) {
    for (const src of cells) for (const dst of cells) {
      const v = src.distances.get(dst.id) ?? dst.distances.get(src.id) ?? (src.id === dst.id ? 10 : 20);
      out.numa.push('-numa', `dist,src=${src.id},dst=${dst.id},val=${v}`);
    }
  }
  return out;
}

/** 1 GiB in KiB. */
const GiB = 1024 * 1024;
/** Where AMD's HyperTransport hole starts (0xfd00000000), in KiB. */
const AMD_HT_START_KIB = 0xfd00000000 / 1024;
/** QEMU's default guest physical address width for every CPU model but host/max (TCG_PHYS_ADDR_BITS). */
const DEFAULT_PHYS_BITS = 40;

/**
 * QEMU 7.2's pc_memory_init exits when the highest guest physical address it
 * lays out does not fit the CPU's phys-bits: the device-memory region for
 * <maxMemory> (from 4 GiB, after RAM above 4 GiB, 1 GiB of alignment per
 * slot) followed by the 32 GiB 64-bit PCI hole, everything rounded to 1 GiB.
 * host-passthrough and maximum take the host's width, which is not checked here.
 */
function checkAddressSpace(def: DomainDef): void {
  if (!def.maxMemory || def.maxMemory.kib <= def.memory.kib) return;
  const mode = def.cpu?.mode ?? 'custom';
  if (mode === 'host-passthrough' || mode === 'maximum') return;
  const phys = def.cpu?.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'maxphysaddr');
  const bits = phys?.attrs.mode === 'emulate' && phys.attrs.bits !== undefined ? Number(phys.attrs.bits) : DEFAULT_PHYS_BITS;
  // In KiB throughout; RAM beyond 2 GiB counted above 4 GiB (q35 keeps 2 GiB low, pc up to 3 GiB: the larger estimate).
  const above4g = Math.max(0, def.memory.kib - 2 * GiB);
  const up = (kib: number) => Math.ceil(kib / GiB) * GiB;
  const topFrom = (start: number) => up(up(start + above4g) + (def.maxMemory!.kib - def.memory.kib) + (def.maxMemory!.slots ?? 0) * GiB) + 32 * GiB;
  // Past AMD's HyperTransport hole (from 0xfd00000000) QEMU moves memory above 4 GiB to 1 TiB for AMD
  // models (qemu64 among them); assumed for every model, which errs on the safe side.
  let top = topFrom(4 * GiB);
  if (top > AMD_HT_START_KIB) top = topFrom(1024 * GiB);
  const limit = 2 ** bits / 1024;
  if (top > limit) {
    throw unsupportedConfig('domain/maxMemory', `${def.maxMemory.kib} KiB of hotpluggable memory puts guest memory up to ${top} KiB, beyond the ${limit} KiB (${bits} physical address bits) the guest CPU addresses (set <cpu><maxphysaddr mode='emulate' bits=…>)`);
  }
}

type BackingOpts = { source?: string; access?: string; allocation?: string; threads?: number; discard: boolean };
type HostPolicy = { nodes: number[]; policy: string } | undefined;

/**
 * A RAM backend object as libvirt's qemuBuildMemoryBackendProps writes it:
 * memfd as asked; a file when asked, or when access or discard is set on
 * anonymous memory; plain RAM otherwise; then sharing, preallocation and
 * the host NUMA policy. pc.ram (no guest NUMA) also keeps the RAM block id
 * of older QEMUs for migration.
 */
function backend(id: string, kib: number, g: BackingOpts, cell: { access?: string; discard?: boolean }, host: HostPolicy, pcRam: boolean): Json {
  const access = cell.access ?? g.access;
  const discard = cell.discard ?? g.discard;
  const file = g.source === 'file' || (g.source !== 'memfd' && (access !== undefined || discard));
  const o: Json = { 'qom-type': g.source === 'memfd' ? 'memory-backend-memfd' : file ? 'memory-backend-file' : 'memory-backend-ram', id };
  if (file) o['mem-path'] = MEMORY_BACKING_DIR;
  if (file) o.share = access === 'shared';
  else if (access === 'shared') o.share = true;
  if (pcRam && (file || g.source === 'memfd')) o['x-use-canonical-path-for-ramblock-id'] = false;
  if (discard) o['discard-data'] = true;
  if (g.allocation === 'immediate') {
    o.prealloc = true;
    if (g.threads !== undefined) o['prealloc-threads'] = g.threads;
  }
  o.size = kib * 1024;
  if (host) {
    (o as Record<string, unknown>)['host-nodes'] = host.nodes;
    o.policy = host.policy;
  }
  return o;
}

interface NumaCell { id: number; cpus: string[]; kib: number; access?: string; discard?: boolean; distances: Map<number, number> }

const child = (e: XmlElement, name: string) => e.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name);

/**
 * libvirt's qemuDomainDefNumaCPUsRectify: when the cells name fewer CPUs than
 * the guest's maximum vCPU count, the first cell takes every vCPU no other cell
 * names (a disjoint range QEMU accepts), written back into the definition.
 */
export function fillNumaCellCpus(def: DomainDef): void {
  const numa = def.cpu?.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'numa');
  const cells = numa ? child(numa, 'cell') : [];
  if (cells.length === 0) return;
  const named = cells.map((c, i) => (c.attrs.cpus === undefined || c.attrs.cpus === '' ? [] : parseCpuset(c.attrs.cpus, `domain/cpu/numa/cell[${i + 1}]/@cpus`)));
  if (named.reduce((n, l) => n + l.length, 0) >= def.vcpu.count) return;
  const others = new Set(named.slice(1).flat());
  const first = Array.from({ length: def.vcpu.count }, (_, i) => i).filter((c) => !others.has(c));
  cells[0].attrs.cpus = cpuRanges(first).join(',');
}

/** <cpu><numa><cell>s, memory rounded up to whole MiB per cell as libvirt aligns it. */
export function numaCells(def: DomainDef): NumaCell[] {
  const numa = def.cpu?.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'numa');
  if (!numa) return [];
  return child(numa, 'cell').map((c, i) => {
    const el = `domain/cpu/numa/cell[${i + 1}]`;
    for (const k of Object.keys(c.attrs)) if (!['id', 'cpus', 'memory', 'unit', 'memAccess', 'discard'].includes(k)) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const x of c.children) if (x.kind === 'element' && x.name !== 'distances') throw unsupportedConfig(`${el}/${x.name}`, 'not supported (HMAT caches and interconnects are not built)');
    const id = c.attrs.id === undefined ? i : Number(c.attrs.id);
    if (!Number.isInteger(id) || id < 0) throw unsupportedConfig(`${el}/@id`, `'${c.attrs.id}' is not a cell id`);
    const kib = memoryToKiB(c.attrs.memory ?? '', c.attrs.unit ?? 'KiB', `${el}/@memory`);
    const cpus = c.attrs.cpus === undefined || c.attrs.cpus === '' ? [] : cpuRanges(parseCpuset(c.attrs.cpus, `${el}/@cpus`));
    const distances = new Map<number, number>();
    for (const d of child(c, 'distances')) for (const sib of child(d, 'sibling')) distances.set(Number(sib.attrs.id), Number(sib.attrs.value));
    const cell: NumaCell = { id, cpus, kib: Math.ceil(kib / 1024) * 1024, distances };
    if (c.attrs.memAccess !== undefined) {
      if (c.attrs.memAccess !== 'shared' && c.attrs.memAccess !== 'private') throw unsupportedConfig(`${el}/@memAccess`, `'${c.attrs.memAccess}' is not supported (shared, private)`);
      cell.access = c.attrs.memAccess;
    }
    if (c.attrs.discard !== undefined) cell.discard = c.attrs.discard === 'yes';
    return cell;
  });
}


const POLICY: Readonly<Record<string, string>> = { strict: 'bind', preferred: 'preferred', interleave: 'interleave' };

/** <numatune>: the host NUMA policy of all guest memory and of single cells, checked against the host's nodes. */
function numaTune(def: DomainDef, caps: Pick<QemuCaps, 'hostNumaNodes'>): { memory: HostPolicy; memnodes: Map<number, HostPolicy> } {
  const tune = def.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'numatune');
  const memnodes = new Map<number, HostPolicy>();
  // <vcpu placement='auto'> has its <numatune><memory placement='auto'> from canonicalisation (fillNumadPlacement).
  if (!tune) return { memory: undefined, memnodes };
  const policyOf = (e: XmlElement, where: string): HostPolicy => {
    for (const k of Object.keys(e.attrs)) if (!['mode', 'nodeset', 'placement', 'cellid'].includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
    const mode = e.attrs.mode ?? 'strict';
    if (mode === 'restrictive') throw unsupportedConfig(`${where}/@mode`, "mode 'restrictive' is enforced through cgroups, which this driver does not manage");
    const policy = POLICY[mode];
    if (!policy) throw unsupportedConfig(`${where}/@mode`, `mode '${mode}' is not supported (strict, preferred, interleave)`);
    if (e.attrs.placement === 'auto') return { nodes: numadNodeset(`${where}/@placement`, caps), policy };
    if (e.attrs.nodeset === undefined) return undefined;
    const nodes = parseCpuset(e.attrs.nodeset, `${where}/@nodeset`);
    const missing = caps.hostNumaNodes ? nodes.filter((n) => !caps.hostNumaNodes!.includes(n)) : [];
    if (missing.length > 0) throw unsupportedConfig(`${where}/@nodeset`, `host NUMA node ${missing.join(', ')} does not exist on this host (it has ${caps.hostNumaNodes!.join(', ')})`);
    return { nodes, policy };
  };
  let memory: HostPolicy;
  tune.children.forEach((c) => {
    if (c.kind !== 'element') return;
    if (c.name === 'memory') memory = policyOf(c, 'domain/numatune/memory');
    else if (c.name === 'memnode') memnodes.set(Number(c.attrs.cellid), policyOf(c, `domain/numatune/memnode[@cellid='${c.attrs.cellid}']`));
    else throw unsupportedConfig(`domain/numatune/${c.name}`, 'not supported');
  });
  return { memory, memnodes };
}
