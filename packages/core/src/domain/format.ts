import { buildElement } from '../xml/reader.js';
import { type XmlElement, type XmlNode, element, formatXmlElement, textElement } from '../xml/tree.js';
import type { AddressDef, CharDeviceDef, DiskDef, DomainDef, InterfaceDef, OsDef } from './model.js';

export interface FormatDomainOptions {
  /** Leave out the runtime id (inactive XML). */
  inactive?: boolean;
}

/**
 * Formats the model as libvirt does: elements in libvirt's order, memory in
 * KiB with unit='KiB', two-space indentation; unknown content put back where
 * it was.
 */
export function formatDomainXml(def: DomainDef, options: FormatDomainOptions = {}): string {
  return formatXmlElement(domainToElement(def, options));
}

const kib = (name: string, value: number, extraAttrs: Record<string, string | number | undefined> = {}) => textElement(name, String(value), { ...extraAttrs, unit: 'KiB' });
const addressEl = (a: AddressDef | undefined) => (a ? element('address', a) : undefined);
const bootEl = (order: number | undefined) => (order !== undefined ? element('boot', { order }) : undefined);

export function domainToElement(def: DomainDef, options: FormatDomainOptions = {}): XmlElement {
  const id = options.inactive || def.id === undefined ? undefined : def.id;
  return buildElement('domain', { type: def.type, id }, [
    textElement('name', def.name),
    textElement('uuid', def.uuid),
    def.title !== undefined && textElement('title', def.title),
    def.description !== undefined && textElement('description', def.description),
    def.metadata,
    def.maxMemory && buildElement('maxMemory', { slots: def.maxMemory.slots, unit: 'KiB' }, [{ kind: 'text', text: String(def.maxMemory.kib) }], def.maxMemory.extras),
    buildElement('memory', { unit: 'KiB' }, [{ kind: 'text', text: String(def.memory.kib) }], def.memory.extras),
    kib('currentMemory', def.currentMemory?.kib ?? def.memory.kib),
    buildElement('vcpu', { placement: def.vcpu.placement, cpuset: def.vcpu.cpuset, current: def.vcpu.current }, [{ kind: 'text', text: String(def.vcpu.count) }], def.vcpu.extras),
    osElement(def.os),
    def.features && element('features', {}, def.features),
    def.cpu && buildElement('cpu', { mode: def.cpu.mode, match: def.cpu.match, check: def.cpu.check }, [
      def.cpu.model && buildElement('model', { fallback: def.cpu.model.fallback }, [{ kind: 'text', text: def.cpu.model.name }], def.cpu.model.extras),
      def.cpu.topology && element('topology', { sockets: def.cpu.topology.sockets, dies: def.cpu.topology.dies, clusters: def.cpu.topology.clusters, cores: def.cpu.topology.cores, threads: def.cpu.topology.threads }),
      ...def.cpu.features.map((f) => element('feature', { policy: f.policy, name: f.name })),
    ], def.cpu.extras),
    def.clock && buildElement('clock', { offset: def.clock.offset }, def.clock.timers, def.clock.extras),
    def.onPoweroff && textElement('on_poweroff', def.onPoweroff),
    def.onReboot && textElement('on_reboot', def.onReboot),
    def.onCrash && textElement('on_crash', def.onCrash),
    devicesElement(def),
  ], def.extras);
}

function osElement(os: OsDef): XmlElement {
  const l = os.loader;
  const n = os.nvram;
  return buildElement('os', { firmware: os.firmware }, [
    buildElement('type', { arch: os.arch, machine: os.machine }, [{ kind: 'text', text: os.type }], os.typeExtras),
    os.firmwareFeatures && element('firmware', {}, os.firmwareFeatures.map((f) => element('feature', { enabled: f.enabled, name: f.name }))),
    l && buildElement('loader', { readonly: l.readonly, secure: l.secure, type: l.type, stateless: l.stateless, format: l.format }, l.path ? [{ kind: 'text', text: l.path }] : [], l.extras),
    n && buildElement('nvram', { template: n.template, templateFormat: n.templateFormat, format: n.format }, n.path ? [{ kind: 'text', text: n.path }] : [], n.extras),
    os.kernel !== undefined && textElement('kernel', os.kernel),
    os.initrd !== undefined && textElement('initrd', os.initrd),
    os.cmdline !== undefined && textElement('cmdline', os.cmdline),
    ...os.boot.map((dev) => element('boot', { dev })),
    os.bootmenu && element('bootmenu', { enable: os.bootmenu.enable, timeout: os.bootmenu.timeout }),
  ], os.extras);
}

function diskElement(d: DiskDef): XmlElement {
  const sourceKey = d.type === 'block' ? 'dev' : d.type === 'dir' ? 'dir' : 'file';
  return buildElement('disk', { type: d.type, device: d.device }, [
    d.driver && element('driver', d.driver),
    d.source ?? (d.sourcePath !== undefined && element('source', { [sourceKey]: d.sourcePath })),
    buildElement('target', { dev: d.target.dev, bus: d.target.bus }, [], d.target.extras),
    bootEl(d.bootOrder),
    d.readonly && element('readonly'),
    d.shareable && element('shareable'),
    d.serial !== undefined && textElement('serial', d.serial),
    addressEl(d.address),
  ], d.extras);
}

function interfaceElement(n: InterfaceDef): XmlElement {
  return buildElement('interface', { type: n.type }, [
    n.mac !== undefined && element('mac', { address: n.mac }),
    n.source && element('source', n.source),
    n.script !== undefined && element('script', { path: n.script }),
    n.targetDev !== undefined && element('target', { dev: n.targetDev }),
    n.model !== undefined && element('model', { type: n.model }),
    bootEl(n.bootOrder),
    addressEl(n.address),
  ], n.extras);
}

function charElement(name: string, c: CharDeviceDef): XmlElement {
  return buildElement(name, { type: c.type }, [
    c.source && element('source', c.source),
    c.protocol !== undefined && element('protocol', { type: c.protocol }),
    c.target && buildElement('target', c.target, [c.targetModel !== undefined && element('model', { name: c.targetModel })]),
    addressEl(c.address),
  ], c.extras);
}

function devicesElement(def: DomainDef): XmlElement {
  const d = def.devices;
  const children: Array<XmlNode | undefined | false> = [
    d.emulator !== undefined && textElement('emulator', d.emulator),
    ...d.disks.map(diskElement),
    ...d.controllers.map((c) => buildElement('controller', { type: c.type, index: c.index, model: c.model }, [
      c.modelName !== undefined && element('model', { name: c.modelName }),
      c.driver && element('driver', c.driver),
      c.target && element('target', c.target),
      addressEl(c.address),
    ], c.extras)),
    ...d.interfaces.map(interfaceElement),
    ...d.serials.map((c) => charElement('serial', c)),
    ...d.parallels.map((c) => charElement('parallel', c)),
    ...d.consoles.map((c) => charElement('console', c)),
    ...d.channels.map((c) => charElement('channel', c)),
    ...d.inputs.map((i) => buildElement('input', { type: i.type, bus: i.bus }, [addressEl(i.address)], i.extras)),
    ...d.graphics.map((g) => buildElement('graphics', { type: g.type, ...g.attrs }, [], g.extras)),
    ...d.videos.map((v) => buildElement('video', {}, [v.model && element('model', v.model, v.modelChildren ?? []), addressEl(v.address)], v.extras)),
    ...d.watchdogs.map((w) => buildElement('watchdog', { model: w.model, action: w.action }, [addressEl(w.address)], w.extras)),
    d.memballoon && buildElement('memballoon', { model: d.memballoon.model }, [addressEl(d.memballoon.address)], d.memballoon.extras),
    ...d.rngs.map((r) => buildElement('rng', { model: r.model }, [
      r.backend && buildElement('backend', { model: r.backend.model }, r.backend.path ? [{ kind: 'text', text: r.backend.path }] : [], r.backend.extras),
      addressEl(r.address),
    ], r.extras)),
  ];
  return buildElement('devices', {}, children, d.extras);
}

/** A deep copy of a definition (the model is plain data). */
export function cloneDomainDef(def: DomainDef): DomainDef {
  return clonePlain(def);
}

/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans), which is all a
 * definition holds; several times faster than structuredClone, which canonicalisation pays per domain.
 */
function clonePlain<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = clonePlain(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v) if (Object.hasOwn(v, k)) out[k] = clonePlain((v as Record<string, unknown>)[k]);
  return out as T;
}
