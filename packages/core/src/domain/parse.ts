import type { XmlElement } from '../xml/tree.js';
import { type XmlLimits, DEFAULT_XML_LIMITS, parseXmlDocument } from '../xml/parse-document.js';
import { ElementReader, parseIntStrict, xmlDetailError } from '../xml/reader.js';
import { memoryToKiB } from './units.js';
import { generateUuid, normalizeUuid } from './uuid.js';
import { isVirtError } from '../errors.js';
import { formatDomainXml } from './format.js';
import {
  type AddressDef, type CharDeviceDef, type ControllerDef, type CpuDef, type DevicesDef, type DiskDef, type DomainDef,
  type GraphicsDef, type InputDef, type InterfaceDef, type LifecycleAction, type MemballoonDef, type OsDef, type RngDef,
  type VideoDef, type WatchdogDef, LIFECYCLE_ACTIONS, emptyDevices,
} from './model.js';

const MAX_VCPUS = 4096;

/** Copies only the defined values, so what the XML lacks stays absent from the model. */
function setDefined<T extends object>(target: T, values: Partial<T>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

/**
 * Limits for domain XML. What define accepts, every later call must carry:
 * the formatted definition travels in REMOTE_STRING_MAX-bounded strings
 * (dumpxml, Begin3's XML, Prepare's dom_xml), so input is capped at 1 MiB
 * and the formatted definition at DOMAIN_XML_MAX_FORMATTED_BYTES.
 */
export const DOMAIN_XML_LIMITS: XmlLimits = { ...DEFAULT_XML_LIMITS, maxChars: 1024 * 1024 };

/**
 * Most UTF-8 bytes a formatted definition may take: half of libvirt's
 * REMOTE_STRING_MAX (4 MiB), leaving the other half for what a driver adds
 * to live XML (ids, ports, aliases) without a reply ever exceeding the wire limit.
 */
export const DOMAIN_XML_MAX_FORMATTED_BYTES = 2 * 1024 * 1024;

/** Refuses a formatted document over DOMAIN_XML_MAX_FORMATTED_BYTES, naming the limit. */
export function checkFormattedDomainSize(formatted: string): void {
  const bytes = Buffer.byteLength(formatted, 'utf8');
  if (bytes > DOMAIN_XML_MAX_FORMATTED_BYTES) {
    throw xmlDetailError('domain', `the definition formats to ${bytes} bytes, more than the ${DOMAIN_XML_MAX_FORMATTED_BYTES} allowed (half of the wire's 4194304-byte REMOTE_STRING_MAX that dumpxml and migration carry it in)`);
  }
}

/**
 * The last SCREENED_KEPT documents a worker screened (XmlParsePool), by
 * their text, with the definition it made of each when core's model
 * accepts it, waiting for the parseDomainXml of that text that follows;
 * a definition is taken once.
 */
const screened = new Map<string, DomainDef | undefined>();
const SCREENED_KEPT = 8;

/** Keeps `def`, the model a worker parsed from `xml` under DOMAIN_XML_LIMITS (undefined: the screen passed, the model refused), for the next parseDomainXml(xml). */
export function rememberScreenedDomain(xml: string, def: DomainDef | undefined): void {
  screened.delete(xml);
  screened.set(xml, def);
  if (screened.size > SCREENED_KEPT) screened.delete(screened.keys().next().value!);
}

/** Whether `xml` is one of the last documents a worker screened and passed (the screen is a function of the text). */
export function wasScreened(xml: string): boolean {
  return screened.has(xml);
}

/**
 * Parses libvirt domain XML into the typed model. Errors are VirtError
 * XML_ERROR naming the element and what is wrong; nothing unknown is dropped.
 * A document a worker screened just before is not parsed again: its
 * definition (the same function of the same text) is taken instead.
 */
export function parseDomainXml(xml: string, limits: XmlLimits = DOMAIN_XML_LIMITS): DomainDef {
  if (limits === DOMAIN_XML_LIMITS) {
    const def = screened.get(xml);
    if (def) {
      screened.set(xml, undefined);
      return def;
    }
  }
  return domainFromElement(parseXmlDocument(xml, limits), xml.length);
}

/**
 * Most UTF-8 bytes the formatted definition of a document of one character may take: an escaped
 * character is at most 6 bytes (&quot;), and each element (at least 4 characters, `<a/>`) gains at
 * most an indentation of 2 per level (64 levels) and a newline; the constant covers what the
 * formatter writes of its own.
 */
const FORMATTED_BYTES_PER_CHAR = 40;
const FORMATTED_BYTES_OWN = 64 * 1024;

/**
 * The typed model of a parsed <domain>; refuses definitions too large to format within the wire
 * limit. `sourceChars`, the length of the document's text when known, spares formatting a
 * document too short to reach the limit.
 */
export function domainFromElement(root: XmlElement, sourceChars?: number): DomainDef {
  const def = readDomain(root);
  if (sourceChars === undefined || sourceChars * FORMATTED_BYTES_PER_CHAR + FORMATTED_BYTES_OWN > DOMAIN_XML_MAX_FORMATTED_BYTES) checkFormattedDomainSize(formatDomainXml(def));
  return def;
}

function readDomain(root: XmlElement): DomainDef {
  if (root.name !== 'domain') throw xmlDetailError(root.name, "the root element must be <domain>");
  const r = new ElementReader(root, 'domain');
  const type = r.requireAttr('type');
  const idText = r.attr('id');
  const name = r.childText('name');
  if (name === undefined || name.trim() === '') throw xmlDetailError('domain/name', 'missing domain name');
  validateName(name);
  const uuidText = r.childText('uuid');
  let uuid: string;
  try {
    uuid = uuidText === undefined ? generateUuid() : normalizeUuid(uuidText);
  } catch (e) {
    if (isVirtError(e)) throw xmlDetailError('domain/uuid', `malformed uuid '${uuidText}'`);
    throw e;
  }
  const def: DomainDef = {
    type,
    name,
    uuid,
    memory: { kib: 0 },
    vcpu: { count: 1 },
    os: { type: 'hvm', boot: [] },
    devices: emptyDevices(),
  };
  if (idText !== undefined && idText !== '-1') def.id = parseIntStrict(idText, 'domain/@id', -1, 2 ** 31 - 1);
  const title = r.childText('title');
  if (title !== undefined) {
    if (/[\r\n]/.test(title)) throw xmlDetailError('domain/title', 'title must not contain newlines');
    def.title = title;
  }
  setDefined(def, { description: r.childText('description') });
  const metadata = r.child('metadata');
  if (metadata) def.metadata = metadata;

  const maxMem = r.childReader('maxMemory');
  if (maxMem) {
    def.maxMemory = { kib: memoryToKiB(maxMem.text(), maxMem.attr('unit'), maxMem.path) };
    setDefined(def.maxMemory, { slots: maxMem.intAttr('slots'), extras: maxMem.extras() });
  }
  const mem = r.childReader('memory');
  if (mem) {
    def.memory.kib = memoryToKiB(mem.text(), mem.attr('unit'), mem.path);
    setDefined(def.memory, { extras: mem.extras() });
  } else {
    // libvirt takes the memory of a guest with NUMA cells from the cells.
    const cells = root.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'cpu')?.children
      .find((c): c is XmlElement => c.kind === 'element' && c.name === 'numa')?.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === 'cell') ?? [];
    if (cells.length === 0) throw xmlDetailError('domain/memory', 'missing <memory> element');
    def.memory.kib = cells.reduce((n, c, i) => n + memoryToKiB(c.attrs.memory ?? '', c.attrs.unit ?? 'KiB', `domain/cpu/numa/cell[${i + 1}]/@memory`), 0);
  }
  const cur = r.childReader('currentMemory');
  if (cur) {
    def.currentMemory = { kib: memoryToKiB(cur.text(), cur.attr('unit'), cur.path) };
    cur.assertNoExtras();
    if (def.currentMemory.kib > def.memory.kib) throw xmlDetailError('domain/currentMemory', 'current memory is larger than maximum memory');
  }

  const vcpu = r.childReader('vcpu');
  if (vcpu) {
    def.vcpu.count = parseIntStrict(vcpu.text(), vcpu.path, 1, MAX_VCPUS);
    const current = vcpu.intAttr('current', 1, MAX_VCPUS);
    if (current !== undefined) {
      if (current > def.vcpu.count) throw xmlDetailError(vcpu.path, `current vcpus ${current} exceed maximum ${def.vcpu.count}`);
      def.vcpu.current = current;
    }
    const placement = vcpu.enumAttr('placement', ['static', 'auto'] as const);
    if (placement) def.vcpu.placement = placement;
    setDefined(def.vcpu, { cpuset: vcpu.attr('cpuset'), extras: vcpu.extras() });
  }

  const os = r.childReader('os');
  if (!os) throw xmlDetailError('domain/os', 'missing <os> element');
  def.os = parseOs(os);

  const features = r.child('features');
  if (features) def.features = features.children.filter((c): c is XmlElement => c.kind === 'element');
  const cpu = r.childReader('cpu');
  if (cpu) def.cpu = parseCpu(cpu);
  const clock = r.childReader('clock');
  if (clock) {
    def.clock = { offset: clock.attr('offset') ?? 'utc', timers: clock.children('timer') };
    setDefined(def.clock, { extras: clock.extras() });
  }
  const action = (el: string): LifecycleAction | undefined => {
    const t = r.childText(el);
    if (t === undefined) return undefined;
    if (!(LIFECYCLE_ACTIONS as readonly string[]).includes(t.trim())) throw xmlDetailError(`domain/${el}`, `unknown lifecycle action '${t}'`);
    return t.trim() as LifecycleAction;
  };
  const onPoweroff = action('on_poweroff');
  if (onPoweroff) def.onPoweroff = onPoweroff;
  const onReboot = action('on_reboot');
  if (onReboot) def.onReboot = onReboot;
  const onCrash = action('on_crash');
  if (onCrash) def.onCrash = onCrash;

  const devices = r.childReader('devices');
  if (devices) def.devices = parseDevices(devices);

  setDefined(def, { extras: r.extras() });
  return def;
}

/** Names as libvirt accepts them: any text but '/' and control characters. Commas and quotes are fine. */
export function validateName(name: string): void {
  if (name.includes('/')) throw xmlDetailError('domain/name', `name '${name}' cannot contain '/'`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw xmlDetailError('domain/name', 'name cannot contain control characters');
  if (name.length > 1024) throw xmlDetailError('domain/name', 'name is longer than 1024 characters');
}


function parseOs(r: ElementReader): OsDef {
  const type = r.childReader('type');
  if (!type) throw xmlDetailError('domain/os/type', 'an os <type> must be specified');
  const os: OsDef = { type: type.text().trim(), boot: [] };
  if (os.type === '') throw xmlDetailError('domain/os/type', 'os type is empty');
  setDefined(os, { arch: type.attr('arch'), machine: type.attr('machine'), typeExtras: type.extras() });
  setDefined(os, { firmware: r.attr('firmware') });
  const fw = r.peek('firmware');
  if (fw && fw.children.every((c) => (c.kind === 'text' && c.text.trim() === '') || (c.kind === 'element' && c.name === 'feature' && Object.keys(c.attrs).sort().join() === 'enabled,name' && c.children.length === 0))) {
    r.child('firmware');
    os.firmwareFeatures = fw.children.filter((c): c is XmlElement => c.kind === 'element').map((c) => ({ enabled: c.attrs.enabled, name: c.attrs.name }));
  }
  const loader = r.childReader('loader');
  if (loader) {
    os.loader = {};
    const path = loader.text().trim();
    if (path) os.loader.path = path;
    setDefined(os.loader, { readonly: loader.attr('readonly'), type: loader.attr('type'), secure: loader.attr('secure'), stateless: loader.attr('stateless'), format: loader.attr('format'), extras: loader.extras() });
  }
  const nvram = r.childReader('nvram');
  if (nvram) {
    os.nvram = {};
    const path = nvram.text().trim();
    if (path) os.nvram.path = path;
    setDefined(os.nvram, { template: nvram.attr('template'), templateFormat: nvram.attr('templateFormat'), format: nvram.attr('format'), extras: nvram.extras() });
  }
  setDefined(os, { kernel: r.childText('kernel'), initrd: r.childText('initrd'), cmdline: r.childText('cmdline') });
  for (const b of r.children('boot')) {
    const br = new ElementReader(b, 'domain/os/boot');
    os.boot.push(br.enumAttr('dev', ['hd', 'cdrom', 'network', 'fd'] as const) ?? (() => { throw xmlDetailError('domain/os/boot', "missing attribute 'dev'"); })());
    br.assertNoExtras();
  }
  const menu = r.childReader('bootmenu');
  if (menu) {
    os.bootmenu = { enable: menu.requireAttr('enable') };
    setDefined(os.bootmenu, { timeout: menu.intAttr('timeout', 0, 65535) });
    menu.assertNoExtras();
  }
  setDefined(os, { extras: r.extras() });
  return os;
}

function parseCpu(r: ElementReader): CpuDef {
  const cpu: CpuDef = { features: [] };
  setDefined(cpu, { mode: r.attr('mode'), match: r.attr('match'), check: r.attr('check') });
  const model = r.childReader('model');
  if (model) {
    cpu.model = { name: model.text().trim() };
    setDefined(cpu.model, { fallback: model.attr('fallback'), extras: model.extras() });
  }
  const topo = r.childReader('topology');
  if (topo) {
    const n = (a: string) => topo.intAttr(a, 1, 4096);
    const sockets = n('sockets');
    const cores = n('cores');
    const threads = n('threads');
    if (sockets === undefined || cores === undefined || threads === undefined) throw xmlDetailError(topo.path, 'topology needs sockets, cores and threads');
    cpu.topology = { sockets, cores, threads };
    setDefined(cpu.topology, { dies: n('dies'), clusters: n('clusters') });
    topo.assertNoExtras();
  }
  for (const f of r.children('feature')) {
    const fr = new ElementReader(f, `${r.path}/feature`);
    const feat: CpuDef['features'][number] = { name: fr.requireAttr('name') };
    setDefined(feat, { policy: fr.attr('policy') });
    fr.assertNoExtras();
    cpu.features.push(feat);
  }
  setDefined(cpu, { extras: r.extras() });
  return cpu;
}

function attrsOf(el: XmlElement | undefined, path: string): Record<string, string> | undefined {
  if (!el) return undefined;
  if (el.children.some((c) => c.kind === 'element' || (c.kind === 'text' && c.text.trim() !== ''))) {
    throw xmlDetailError(path, 'unexpected content');
  }
  return { ...el.attrs };
}

/** Child elements or text: such an element is kept whole rather than modelled as attributes. */
function hasContent(el: XmlElement): boolean {
  return el.children.some((c) => c.kind === 'element' || (c.kind === 'text' && c.text.trim() !== ''));
}

function parseAddress(r: ElementReader): AddressDef | undefined {
  return attrsOf(r.child('address'), `${r.path}/address`);
}

function parseBootOrder(r: ElementReader): number | undefined {
  const boot = r.childReader('boot');
  if (!boot) return undefined;
  const order = boot.intAttr('order', 1, 65535);
  if (order === undefined) throw xmlDetailError(boot.path, "missing attribute 'order'");
  boot.assertNoExtras();
  return order;
}

function parseDisk(r: ElementReader): DiskDef {
  const disk: DiskDef = {
    type: r.attr('type') ?? 'file',
    device: r.attr('device') ?? 'disk',
    target: { dev: '' },
    readonly: false,
    shareable: false,
  };
  // A flat <driver/> is modelled; one with content (<iothreads>, <metadata_cache>) stays in extras.
  const driver = r.peek('driver');
  if (driver && !hasContent(driver)) disk.driver = { ...r.child('driver')!.attrs };
  const source = r.child('source');
  if (source) {
    const plain = (disk.type === 'file' || disk.type === 'block' || disk.type === 'dir') && source.children.length === 0;
    const key = disk.type === 'block' ? 'dev' : disk.type === 'dir' ? 'dir' : 'file';
    if (plain && Object.keys(source.attrs).length === 1 && key in source.attrs) disk.sourcePath = source.attrs[key];
    else disk.source = source;
  }
  const target = r.childReader('target');
  if (!target) throw xmlDetailError(`${r.path}/target`, 'missing disk target');
  disk.target.dev = target.requireAttr('dev');
  setDefined(disk.target, { bus: target.attr('bus'), extras: target.extras() });
  if (r.child('readonly')) disk.readonly = true;
  if (r.child('shareable')) disk.shareable = true;
  setDefined(disk, { bootOrder: parseBootOrder(r), serial: r.childText('serial'), address: parseAddress(r), extras: r.extras() });
  return disk;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

function parseInterface(r: ElementReader): InterfaceDef {
  const nic: InterfaceDef = { type: r.requireAttr('type') };
  const mac = r.childReader('mac');
  if (mac) {
    const address = mac.requireAttr('address');
    if (!MAC.test(address)) throw xmlDetailError(mac.path, `invalid MAC address '${address}'`);
    nic.mac = address.toLowerCase();
    mac.assertNoExtras();
  }
  // A flat <source/> is modelled; one with content (<reconnect>, <local>) stays in extras.
  const source = r.peek('source');
  if (source && !hasContent(source)) nic.source = { ...r.child('source')!.attrs };
  setDefined(nic, { model: r.childAttr('model', 'type') });
  setDefined(nic, { targetDev: r.childAttr('target', 'dev') });
  setDefined(nic, { script: r.childAttr('script', 'path') });
  setDefined(nic, { bootOrder: parseBootOrder(r), address: parseAddress(r), extras: r.extras() });
  return nic;
}

function parseCharDevice(r: ElementReader): CharDeviceDef {
  const chr: CharDeviceDef = { type: r.attr('type') ?? 'pty' };
  // Only a flat <source/> is modelled; one with content stays in extras.
  const source = r.peek('source');
  if (source && source.children.length === 0) chr.source = { ...r.child('source')!.attrs };
  setDefined(chr, { protocol: r.childAttr('protocol', 'type') });
  const target = r.peek('target');
  const targetModel = target?.children.find((c): c is XmlElement => c.kind === 'element');
  const onlyModel = targetModel?.name === 'model' && Object.keys(targetModel.attrs).join() === 'name' && targetModel.children.length === 0
    && target!.children.every((c) => c === targetModel || (c.kind === 'text' && c.text.trim() === ''));
  if (target && (!hasContent(target) || onlyModel)) {
    chr.target = { ...r.child('target')!.attrs };
    if (onlyModel) chr.targetModel = targetModel.attrs.name;
  }
  setDefined(chr, { address: parseAddress(r), extras: r.extras() });
  return chr;
}

function parseDevices(r: ElementReader): DevicesDef {
  const d = emptyDevices();
  const emulator = r.childText('emulator');
  if (emulator !== undefined) d.emulator = emulator.trim();
  let i = 0;
  const each = <T>(name: string, f: (cr: ElementReader) => T): T[] => r.children(name).map((c) => f(new ElementReader(c, `domain/devices/${name}[${++i}]`)));
  d.disks = each('disk', parseDisk);
  const targets = new Set<string>();
  for (const disk of d.disks) {
    if (targets.has(disk.target.dev)) throw xmlDetailError('domain/devices/disk', `target '${disk.target.dev}' duplicated for disk sources`);
    targets.add(disk.target.dev);
  }
  d.controllers = each('controller', (cr): ControllerDef => {
    const c: ControllerDef = { type: cr.requireAttr('type') };
    setDefined(c, { index: cr.intAttr('index', 0, 65535), model: cr.attr('model') });
    const model = cr.peek('model');
    if (model && !hasContent(model) && Object.keys(model.attrs).join() === 'name') c.modelName = cr.child('model')!.attrs.name;
    const driver = cr.peek('driver');
    if (driver && !hasContent(driver)) c.driver = { ...cr.child('driver')!.attrs };
    const target = cr.peek('target');
    if (target && !hasContent(target)) c.target = { ...cr.child('target')!.attrs };
    setDefined(c, { address: parseAddress(cr), extras: cr.extras() });
    return c;
  });
  d.interfaces = each('interface', parseInterface);
  d.serials = each('serial', parseCharDevice);
  d.parallels = each('parallel', parseCharDevice);
  d.consoles = each('console', parseCharDevice);
  d.channels = each('channel', parseCharDevice);
  d.inputs = each('input', (ir): InputDef => {
    const input: InputDef = { type: ir.requireAttr('type') };
    setDefined(input, { bus: ir.attr('bus'), address: parseAddress(ir), extras: ir.extras() });
    return input;
  });
  d.graphics = each('graphics', (gr): GraphicsDef => {
    const g: GraphicsDef = { type: gr.requireAttr('type'), attrs: {} };
    for (const k of Object.keys(gr.el.attrs)) if (k !== 'type') g.attrs[k] = gr.attr(k)!;
    setDefined(g, { extras: gr.extras() });
    return g;
  });
  d.videos = each('video', (vr): VideoDef => {
    const v: VideoDef = {};
    const model = vr.child('model');
    if (model) {
      v.model = { ...model.attrs };
      const kids = model.children.filter((c): c is XmlElement => c.kind === 'element');
      if (kids.length > 0) v.modelChildren = kids;
    }
    setDefined(v, { address: parseAddress(vr), extras: vr.extras() });
    return v;
  });
  d.watchdogs = each('watchdog', (wr): WatchdogDef => {
    const w: WatchdogDef = { model: wr.requireAttr('model') };
    setDefined(w, { action: wr.attr('action'), address: parseAddress(wr), extras: wr.extras() });
    return w;
  });
  const balloon = r.childReader('memballoon');
  if (balloon) {
    const b: MemballoonDef = { model: balloon.requireAttr('model') };
    setDefined(b, { address: parseAddress(balloon), extras: balloon.extras() });
    d.memballoon = b;
  }
  d.rngs = each('rng', (rr): RngDef => {
    const rng: RngDef = { model: rr.requireAttr('model') };
    const backend = rr.childReader('backend');
    if (backend) {
      rng.backend = { model: backend.requireAttr('model') };
      const path = backend.text().trim();
      if (path) rng.backend.path = path;
      setDefined(rng.backend, { extras: backend.extras() });
    }
    setDefined(rng, { address: parseAddress(rr), extras: rr.extras() });
    return rng;
  });
  setDefined(d, { extras: r.extras() });
  return d;
}
