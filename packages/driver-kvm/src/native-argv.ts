import { ErrorCode, emptyDevices, formatDomainXml, parseDomainXml, type CharDeviceDef, type ControllerDef, type DiskDef, type DomainDef, type GraphicsDef, type InterfaceDef, type XmlElement, type XmlExtras } from '@virtkit/core';
import { buildQemuArgv } from './command-line.js';
import { fail } from './errors.js';
import { NIC_MODEL_OF, SCSI_MODEL_OF, USB_MODEL_OF, VIDEO_MODEL_OF, cacheModeOf } from './device-models.js';
import { formatPciAddress, parseQemuPciAddr, parseQemuPciBus } from './pci-address.js';
import type { QemuCaps } from './qemu-caps.js';
import type { FirmwareDescriptor } from './firmware.js';
import { audioFromJson } from './audio-args.js';
import { QEMU_7_2_CPU_FLAGS, QEMU_7_2_CPU_MODELS } from './qemu-7-2-cpus.js';
import { HYPERV, KVM } from './cpu-args.js';
import { VIRTIO_OPTIONS } from './rng-args.js';
import { QEMU_NAMESPACE } from './passthrough-args.js';
import { parseOptionString } from './qemu-option.js';
import { shellJoin, shellSplit } from './shell-quote.js';

/**
 * The machine list of Debian 12's QEMU 7.2, for converting without probing
 * a binary (virsh domxml-to-native uses the installed one; the driver does
 * too when it starts a guest).
 */
export const QEMU_7_2_CAPS: QemuCaps = {
  binary: '/usr/bin/qemu-system-x86_64',
  version: 7_002_000,
  kvm: false,
  machines: [
    { name: 'pc-i440fx-7.2', alias: 'pc', isDefault: true },
    { name: 'pc-q35-7.2', alias: 'q35' },
    ...['7.1', '7.0', '6.2', '6.1', '6.0', '5.2'].flatMap((v) => [{ name: `pc-i440fx-${v}` }, { name: `pc-q35-${v}` }]),
  ],
  cpuModels: [...QEMU_7_2_CPU_MODELS],
  cpuFlags: [...QEMU_7_2_CPU_FLAGS],
  // Debian 12's ovmf package.
  firmware: [
    ovmf('40-edk2-x86_64-secure-enrolled.json', 'OVMF_CODE_4M.ms.fd', 'OVMF_VARS_4M.ms.fd', ['pc-q35-*'], ['acpi-s3', 'amd-sev', 'enrolled-keys', 'requires-smm', 'secure-boot', 'verbose-dynamic']),
    ovmf('50-edk2-x86_64-secure.json', 'OVMF_CODE_4M.secboot.fd', 'OVMF_VARS_4M.fd', ['pc-q35-*'], ['acpi-s3', 'amd-sev', 'requires-smm', 'secure-boot', 'verbose-dynamic']),
    ovmf('60-edk2-x86_64.json', 'OVMF_CODE_4M.fd', 'OVMF_VARS_4M.fd', ['pc-i440fx-*', 'pc-q35-*'], ['acpi-s3', 'amd-sev', 'verbose-dynamic']),
  ],
};

function ovmf(name: string, code: string, vars: string, machines: string[], features: string[]): FirmwareDescriptor {
  return {
    name, interfaceTypes: ['uefi'], device: 'flash',
    executable: { filename: `/usr/share/OVMF/${code}`, format: 'raw' }, nvramTemplate: { filename: `/usr/share/OVMF/${vars}`, format: 'raw' },
    targets: [{ architecture: 'x86_64', machines }], features,
  };
}

/** virsh domxml-to-native qemu-argv: one shell-quoted line. */
export function domxmlToNative(xml: string, caps: QemuCaps = QEMU_7_2_CAPS): string {
  const def = parseDomainXml(xml);
  const dir = `/run/virtkit/qemu/${def.uuid}`;
  const argv = buildQemuArgv(def, caps, { monitorPath: `${dir}/monitor.sock`, nvramPath: `${dir}/VARS.fd` });
  return shellJoin(argv);
}

function bad(message: string): never {
  throw fail(ErrorCode.INVALID_ARG, `cannot convert the QEMU argv: ${message}`);
}

type Props = Record<string, unknown>;

function jsonOpt(text: string, option: string): Props {
  try {
    const o = JSON.parse(text) as unknown;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) bad(`${option} takes a JSON object`);
    return o as Props;
  } catch (e) {
    if (e instanceof SyntaxError) bad(`${option} '${text.slice(0, 80)}' is not JSON (only the JSON syntax virtkit emits is understood)`);
    throw e;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function pciAddr(p: Props): DiskDef['address'] {
  const a = str(p.addr);
  if (!a) return undefined;
  const slot = parseQemuPciAddr(a) ?? bad(`PCI address '${a}' is not understood`);
  const busName = str(p.bus) ?? 'pci.0';
  const bus = parseQemuPciBus(busName) ?? bad(`PCI bus '${busName}' is not understood`);
  const out = formatPciAddress({ ...slot, bus });
  if (p.multifunction === true) out.multifunction = 'on';
  else if (p.multifunction === false) out.multifunction = 'off';
  return out;
}

function chardevToDef(text: string): { id: string; def: CharDeviceDef } {
  const { head, opts } = parseOptionString(text);
  const id = opts.get('id') ?? bad(`-chardev ${text} has no id`);
  const server = opts.get('server') === 'on';
  switch (head) {
    case 'pty': return { id, def: { type: 'pty' } };
    case 'null': return { id, def: { type: 'null' } };
    case 'file': {
      const def: CharDeviceDef = { type: 'file', source: { path: opts.get('path') ?? bad('file chardev without path') } };
      if (opts.get('append') === 'on') def.source!.append = 'on';
      return { id, def };
    }
    case 'socket': {
      if (opts.has('path')) return { id, def: { type: 'unix', source: { mode: server ? 'bind' : 'connect', path: opts.get('path')! } } };
      const def: CharDeviceDef = { type: 'tcp', source: { mode: server ? 'bind' : 'connect', host: opts.get('host') ?? '127.0.0.1', service: opts.get('port') ?? bad('tcp chardev without port') } };
      def.protocol = opts.get('telnet') === 'on' ? 'telnet' : 'raw';
      return { id, def };
    }
    default:
      return bad(`-chardev backend '${head}' is not understood`);
  }
}

/**
 * virsh domxml-from-native qemu-argv: the options buildQemuArgv emits
 * turned back into domain XML. Anything else is an INVALID_ARG error.
 */
export function domxmlFromNative(text: string): string {
  const argv = shellSplit(text).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
  floppyBoot.clear();
  if (argv.length === 0) bad('empty argv');
  const def: DomainDef = { type: 'qemu', name: '', uuid: '', memory: { kib: 0 }, vcpu: { count: 1 }, os: { type: 'hvm', arch: 'x86_64', boot: [] }, devices: emptyDevices() };
  def.devices.emulator = argv[0];
  if (/qemu-system-i386$/.test(argv[0])) def.os.arch = 'i686';
  const audio: XmlElement[] = [];
  let noReboot = false;
  const blockdevs = new Map<string, Props>();
  const netdevs = new Map<string, Props>();
  const chardevs = new Map<string, CharDeviceDef>();
  const features = new Set(['acpi']);
  const timers: Array<Record<string, string>> = [];
  let explicitMemballoon = false;
  const pflash: string[] = [];
  let secureFlash = false;
  let afterMon = false;
  const passthrough: string[] = [];
  let iothreads = 0;
  const backing: XmlElement[] = [];
  const cpuFeatures: Array<[string, Record<string, string>]> = [];
  const hyperv: XmlElement = { kind: 'element', name: 'hyperv', attrs: {}, children: [] };
  const kvmFeatures: XmlElement[] = [];
  let panicHyperv = false;
  const nodeMem = new Map<string, Props>();
  const numaPolicy = new Map<number, Props>();
  const cells: Array<{ id: string; cpus: string[]; memdev: string }> = [];
  const dists: Array<[string, string, string]> = [];
  const fsdevs = new Map<string, Map<string, string>>();
  const shares: XmlElement[] = [];
  const soundEls: XmlElement[] = [];
  const soundIndex = new Map<XmlElement, number>();
  const panicEls: XmlElement[] = [];
  let pcspk = false;
  let genid: string | undefined;
  const hostLocalNodes = new Set<string>();
  const pmGlobals: Array<[string, string]> = [];
  for (let i = 1; i < argv.length; i++) {
    const opt = argv[i];
    const val = () => argv[++i] ?? bad(`${opt} needs a value`);
    switch (opt) {
      case '-name': {
        const { head, opts } = parseOptionString(val());
        def.name = opts.get('guest') ?? head ?? bad('-name without guest=');
        break;
      }
      case '-S': case '-no-user-config': case '-nodefaults': case '-no-shutdown': break;
      case '-no-reboot': noReboot = true; break;
      case '-audiodev': {
        const o = jsonOpt(val(), '-audiodev');
        audio.push(audioFromJson(o) ?? bad(`-audiodev ${JSON.stringify(o)} is not understood`));
        break;
      }
      case '-machine': {
        const { head, opts } = parseOptionString(val());
        def.os.machine = head ?? bad('-machine without a type');
        if (opts.has('vmport')) features.add(`vmport=${opts.get('vmport')}`);
        if (opts.has('i8042')) features.add(`ps2=${opts.get('i8042')}`);
        if (opts.has('smm')) features.add(`smm=${opts.get('smm')}`);
        if (opts.get('mem-merge') === 'off') backing.push(leaf('nosharepages'));
        if (opts.has('pcspk-audiodev')) pcspk = true;
        if (opts.has('pflash0')) pflash.push(opts.get('pflash0')!);
        if (opts.has('pflash1')) pflash.push(opts.get('pflash1')!);
        break;
      }
      case '-bios': def.os.loader = { path: val(), type: 'rom' }; break;
      case '-accel': if (val() === 'kvm') def.type = 'kvm'; break;
      case '-cpu': {
        const parts = val().split(',');
        const model = parts.shift()!;
        if (model === 'host') def.cpu = { mode: 'host-passthrough', features: [] };
        else if (model === 'max') def.cpu = { mode: 'maximum', features: [] };
        else def.cpu = { mode: 'custom', match: 'exact', check: 'none', model: { name: model, fallback: 'forbid' }, features: [] };
        const phys: Record<string, string> = {};
        for (const p of parts) {
          const [name, on] = p.split('=');
          if (name === 'migratable') {
            if (!(model === 'host' && on === 'on')) def.cpu.extras = { attrs: { migratable: on }, children: [] };
          } else if (name === 'phys-bits') phys.bits = on;
          else if (name === 'host-phys-bits') phys.mode = 'passthrough';
          else if (name === 'host-phys-bits-limit') phys.limit = on;
          else if (name === 'kvmclock') timers.push({ name: 'kvmclock', present: on === 'off' ? 'no' : 'yes' });
          else if (name === 'kvm-pv-eoi') cpuFeatures.push(['apic', { eoi: on }]);
          else if (name === 'kvm-pv-unhalt') cpuFeatures.push(['pvspinlock', { state: on }]);
          else if (name === 'pmu') cpuFeatures.push(['pmu', { state: on }]);
          else if (name === 'hv-crash') panicHyperv = true;
          else if (name === 'hv-passthrough') hyperv.attrs.mode = 'passthrough';
          else if (name.startsWith('hv-')) {
            const hv = name.slice(3).replace(/-/g, '_');
            // hv-stimer-direct, hv-tlbflush-extended, …: a child of the enlightenment before it.
            const parent = HYPERV.includes(hv) ? undefined : hyperv.children.find((c): c is XmlElement => c.kind === 'element' && hv.startsWith(`${c.name}_`));
            if (parent) parent.children.push(leaf(hv.slice(parent.name.length + 1), { state: 'on' }));
            else if (hv === 'spinlocks') hyperv.children.push(leaf('spinlocks', on === undefined ? { state: 'on' } : { state: 'on', retries: String(parseInt(on, 16)) }));
            else if (hv === 'vendor_id') hyperv.children.push(leaf('vendor_id', { state: 'on', value: on ?? '' }));
            else if (HYPERV.includes(hv)) hyperv.children.push({ kind: 'element', name: hv, attrs: { state: 'on' }, children: [] });
            else bad(`-cpu flag '${name}' is not understood`);
          } else if (name === 'kvm' && on === 'off') kvmFeatures.push(leaf('hidden', { state: 'on' }));
          else if (KVM.some(([, opt]) => opt === name)) kvmFeatures.push(leaf(KVM.find(([, opt]) => opt === name)![0], { state: on ?? 'on' }));
          else def.cpu.features.push({ policy: on === 'off' ? 'disable' : 'require', name });
        }
        if (phys.bits !== undefined || phys.mode !== undefined) {
          const attrs: Record<string, string> = { mode: phys.mode ?? 'emulate', ...(phys.bits !== undefined ? { bits: phys.bits } : {}), ...(phys.limit !== undefined ? { limit: phys.limit } : {}) };
          def.cpu.extras = { attrs: def.cpu.extras?.attrs ?? {}, children: [{ after: null, node: { kind: 'element', name: 'maxphysaddr', attrs, children: [] } }] };
        }
        break;
      }
      case '-m': {
        const { opts } = parseOptionString(val(), 'size');
        const kib = (s: string) => (/^\d+k$/.test(s) ? Number(s.slice(0, -1)) : /^\d+$/.test(s) ? Number(s) * 1024 : bad(`memory size '${s}' is not understood`));
        def.memory.kib = kib(opts.get('size') ?? bad('-m without size'));
        if (opts.has('maxmem')) def.maxMemory = { kib: kib(opts.get('maxmem')!), slots: Number(opts.get('slots') ?? 0) };
        break;
      }
      case '-smp': {
        const { head, opts } = parseOptionString(val());
        const cur = Number(head);
        const max = Number(opts.get('maxcpus') ?? cur);
        def.vcpu = { count: max };
        if (cur !== max) def.vcpu.current = cur;
        const sockets = Number(opts.get('sockets') ?? max);
        const cores = Number(opts.get('cores') ?? 1);
        const threads = Number(opts.get('threads') ?? 1);
        if (!(sockets === max && cores === 1 && threads === 1 && !opts.has('dies'))) {
          def.cpu ??= { features: [] };
          def.cpu.topology = { sockets, cores, threads };
          if (opts.has('dies')) def.cpu.topology.dies = Number(opts.get('dies'));
        }
        break;
      }
      case '-uuid': def.uuid = val(); break;
      case '-display': val(); break;
      case '-object': {
        const o = jsonOpt(val(), '-object');
        if (o['qom-type'] === 'rng-random') def.devices.rngs.push({ model: 'virtio', backend: { model: 'random', path: str(o.filename) } });
        else if (o['qom-type'] === 'iothread') iothreads++;
        else if (o['qom-type'] === 'rng-builtin') def.devices.rngs.push({ model: 'virtio', backend: { model: 'builtin' } });
        else if (o['qom-type'] === 'rng-egd') {
          const c = chardevs.get(str(o.chardev) ?? '') ?? bad(`rng-egd refers to unknown chardev '${o.chardev}'`);
          const children: XmlExtras['children'] = [];
          if (c.source) children.push({ after: null, node: leaf('source', c.source) });
          if (c.protocol) children.push({ after: null, node: leaf('protocol', { type: c.protocol }) });
          def.devices.rngs.push({ model: 'virtio', backend: { model: 'egd', extras: { attrs: { type: c.type }, children } } });
        }
        else if (o.id === 'pc.ram') {
          backing.push(...memoryBackingOf(o));
          if (Array.isArray(o['host-nodes'])) numaPolicy.set(-1, o);
        } else if (/^ram-node\d+$/.test(str(o.id) ?? '')) {
          nodeMem.set(str(o.id)!, o);
          // Guest-wide backing from the first cell; sharing is per cell (memAccess).
          if (nodeMem.size === 1) backing.push(...memoryBackingOf(o).filter((e) => e.name !== 'access' && !(e.name === 'source' && e.attrs.type === 'file' && o.share !== undefined)));
        }
        break;
      }
      case '-numa': {
        const v = val();
        const parts = v.split(',');
        const kv = parts.slice(1).map((p) => p.split('='));
        if (parts[0] === 'node') {
          const memdev = kv.find(([k]) => k === 'memdev')?.[1] ?? bad('-numa node without memdev');
          cells.push({ id: kv.find(([k]) => k === 'nodeid')?.[1] ?? bad('-numa node without nodeid'), cpus: kv.filter(([k]) => k === 'cpus').map(([, x]) => x), memdev });
        } else if (parts[0] === 'dist') {
          const get = (k: string) => kv.find(([x]) => x === k)?.[1] ?? bad(`-numa ${v} is not understood`);
          dists.push([get('src'), get('dst'), get('val')]);
        } else bad(`-numa ${v} is not understood`);
        break;
      }
      case '-overcommit': if (val() === 'mem-lock=on') backing.push(leaf('locked')); break;
      case '-rtc': {
        const { opts } = parseOptionString(val());
        def.clock = { offset: opts.get('base') ?? 'utc', timers: [] };
        if (opts.get('driftfix') === 'slew') timers.push({ name: 'rtc', tickpolicy: 'catchup' });
        break;
      }
      case '-global': {
        const g = val();
        const pit = /^kvm-pit\.lost_tick_policy=(\w+)$/.exec(g);
        const pm = /^(?:PIIX4_PM|ICH9-LPC)\.disable_(s3|s4)=(\d)$/.exec(g);
        const fdcBoot = /^isa-fdc\.bootindex([AB])=(\d+)$/.exec(g);
        if (fdcBoot) floppyBoot.set(fdcBoot[1] === 'B' ? 1 : 0, Number(fdcBoot[2]));
        else if (g === 'driver=cfi.pflash01,property=secure,value=on') secureFlash = true;
        else if (g === 'ICH9-LPC.noreboot=off') def.devices.watchdogs.push({ model: 'itco' });
        else if (pit) timers.push({ name: 'pit', tickpolicy: pit[1] });
        else if (pm) pmGlobals.push([pm[1] === 's3' ? 'suspend-to-mem' : 'suspend-to-disk', pm[2] === '1' ? 'no' : 'yes']);
        else bad(`-global ${g} is not understood`);
        break;
      }
      case '-watchdog-action': {
        const action = val();
        for (const w of def.devices.watchdogs) w.action = action;
        break;
      }
      case '-no-hpet': timers.push({ name: 'hpet', present: 'no' }); break;
      case '-no-acpi': features.delete('acpi'); break;
      case '-boot': {
        const { opts } = parseOptionString(val());
        if (opts.has('menu')) def.os.bootmenu = { enable: opts.get('menu') === 'on' ? 'yes' : 'no' };
        if (opts.has('splash-time') && def.os.bootmenu) def.os.bootmenu.timeout = Number(opts.get('splash-time'));
        break;
      }
      case '-kernel': def.os.kernel = val(); break;
      case '-initrd': def.os.initrd = val(); break;
      case '-append': def.os.cmdline = val(); break;
      case '-blockdev': {
        const o = jsonOpt(val(), '-blockdev');
        blockdevs.set(str(o['node-name']) ?? bad('-blockdev without node-name'), o);
        if (afterMon) hostLocalNodes.add(str(o['node-name'])!);
        break;
      }
      case '-netdev': {
        const o = jsonOpt(val(), '-netdev');
        netdevs.set(str(o.id) ?? bad('-netdev without id'), o);
        break;
      }
      case '-chardev': {
        const { id, def: c } = chardevToDef(val());
        chardevs.set(id, c);
        break;
      }
      case '-mon': val(); afterMon = true; break;
      case '-fsdev': {
        const { head, opts } = parseOptionString(val());
        if (head !== 'local') bad(`-fsdev ${head} is not understood`);
        fsdevs.set(opts.get('id') ?? bad('-fsdev without id'), opts);
        break;
      }
      case '-incoming': val(); break;
      case '-vnc': {
        const v = val();
        const { head } = parseOptionString(v);
        if (head?.startsWith('unix:')) def.devices.graphics.push({ type: 'vnc', attrs: { socket: head.slice(5) } });
        else {
          const m = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(head ?? '') ?? bad(`-vnc ${v} is not understood`);
          const listen = m[1].replace(/^\[|\]$/g, '');
          def.devices.graphics.push({ type: 'vnc', attrs: v.includes(',to=') ? { port: '-1', autoport: 'yes', listen } : { port: String(5900 + Number(m[2])), autoport: 'no', listen } });
        }
        break;
      }
      case '-k': def.devices.graphics.at(-1)!.attrs.keymap = val(); break;
      case '-spice': def.devices.graphics.push(spiceOf(val())); break;
      case '-device': {
        const d = jsonOpt(val(), '-device');
        if (d.driver === 'virtio-9p-pci') shares.push(shareOf(d, fsdevs));
        else if (d.driver === 'vmgenid') genid = str(d.guid);
        else if (d.driver === 'pvpanic') panicEls.push(typeof d.ioport === 'number' ? { kind: 'element', name: 'panic', attrs: { model: 'isa' }, children: [leaf('address', { type: 'isa', iobase: `0x${d.ioport.toString(16)}` })] } : leaf('panic', { model: 'isa' }));
        else if (d.driver === 'pvpanic-pci') {
          const addr = pciAddr(d);
          panicEls.push({ kind: 'element', name: 'panic', attrs: { model: 'pvpanic' }, children: addr ? [leaf('address', addr)] : [] });
        }
        else if (typeof d.driver === 'string' && SOUND_MODEL_OF.has(d.driver)) {
          const children: XmlElement[] = [];
          const addr = pciAddr(d);
          if (addr) children.push(leaf('address', addr));
          if (typeof d.audiodev === 'string' && d.audiodev !== 'audio1') children.unshift(leaf('audio', { id: d.audiodev.replace(/^audio/, '') }));
          const card: XmlElement = { kind: 'element', name: 'sound', attrs: { model: SOUND_MODEL_OF.get(d.driver)! }, children };
          soundEls.push(card);
          soundIndex.set(card, Number(/^sound(\d+)$/.exec(str(d.id) ?? '')?.[1] ?? soundEls.length - 1));
        } else if (typeof d.driver === 'string' && /^hda-(duplex|micro|output)$/.test(d.driver)) {
          const card = soundEls.at(-1) ?? bad(`${d.driver} without a sound card`);
          const type = d.driver.slice(4);
          if (!(type === 'duplex' && d.cad === 0)) card.children.unshift(leaf('codec', { type }));
          if (typeof d.audiodev === 'string' && d.audiodev !== 'audio1' && !card.children.some((c) => c.kind === 'element' && c.name === 'audio')) card.children.unshift(leaf('audio', { id: d.audiodev.replace(/^audio/, '') }));
        }
        else if (addDevice(def, d, blockdevs, netdevs, chardevs)) explicitMemballoon = true;
        break;
      }
      default:
        // What follows the monitor and is not the driver's own is <qemu:commandline> passthrough.
        if (!afterMon) bad(`option '${opt}' is not understood`);
        passthrough.push(...argv.slice(i));
        i = argv.length;
    }
  }
  if (noReboot) def.onReboot = 'destroy';
  if (pflash.length > 0) {
    const code = blockdevs.get(pflash[0]) ?? bad(`pflash0 node '${pflash[0]}' is not defined`);
    const codeFile = blockdevs.get(str(code.file) ?? '') ?? bad('pflash0 has no storage node');
    def.os.loader = { path: str(codeFile.filename) ?? bad('pflash0 without filename'), readonly: code['read-only'] === true ? 'yes' : 'no', secure: secureFlash ? 'yes' : 'no', type: 'pflash', format: 'raw' };
    // A varstore defined in the host-local part (after -mon) is the host's, made from the loader's template.
    if (pflash[1] && !hostLocalNodes.has(pflash[1])) {
      const vars = blockdevs.get(pflash[1]) ?? bad(`pflash1 node '${pflash[1]}' is not defined`);
      def.os.nvram = { path: str(vars.filename) ?? bad('pflash1 without filename'), format: 'raw' };
    }
  }
  if (panicHyperv) panicEls.unshift(leaf('panic', { model: 'hyperv' }));
  if (pcspk) {
    // The PC speaker has no -device; it sits where the sound cards' ids leave a gap.
    let at = 0;
    while (soundEls.some((c) => soundIndex.get(c) === at)) at++;
    soundEls.splice(soundEls.filter((c) => soundIndex.get(c)! < at).length, 0, leaf('sound', { model: 'pcspk' }));
  }
  if (audio.length > 0 || shares.length > 0 || soundEls.length > 0 || panicEls.length > 0) {
    def.devices.extras = { attrs: {}, children: [...shares.map((node) => ({ after: 'controller', node })), ...soundEls.map((node) => ({ after: 'graphics', node })), ...audio.map((node) => ({ after: 'video', node })), ...panicEls.map((node) => ({ after: 'memballoon', node }))] };
  }
  if (!def.name) bad('no -name');
  if (!def.uuid) bad('no -uuid');
  if (!explicitMemballoon) def.devices.memballoon = { model: 'none' };
  // No USB controller on the command line is <controller type='usb' model='none'/> (libvirt adds one otherwise).
  if (!def.devices.controllers.some((c) => c.type === 'usb')) def.devices.controllers.push({ type: 'usb', index: 0, model: 'none' });
  if (features.size > 0 || cpuFeatures.length > 0 || hyperv.children.length > 0 || hyperv.attrs.mode || kvmFeatures.length > 0) {
    def.features = [...features].map((f) => {
      const [name, state] = f.split('=');
      const attrs: Record<string, string> = state === undefined ? {} : { state };
      return { kind: 'element' as const, name, attrs, children: [] };
    });
    for (const [name, attrs] of cpuFeatures) def.features.push(leaf(name, attrs));
    if (hyperv.children.length > 0 || hyperv.attrs.mode) def.features.push(hyperv);
    if (kvmFeatures.length > 0) def.features.push({ kind: 'element', name: 'kvm', attrs: {}, children: kvmFeatures });
  }
  if (timers.length > 0) {
    def.clock ??= { offset: 'utc', timers: [] };
    def.clock.timers = timers.map((attrs) => ({ kind: 'element' as const, name: 'timer', attrs, children: [] }));
  }
  const domainExtras: Array<{ after: string | null; node: XmlElement }> = [];
  if (passthrough.length > 0) {
    domainExtras.push({ after: 'devices', node: { kind: 'element', name: 'qemu:commandline', attrs: { 'xmlns:qemu': QEMU_NAMESPACE }, children: passthrough.map((value) => leaf('qemu:arg', { value })) } });
  }
  if (iothreads > 0) domainExtras.push({ after: 'vcpu', node: { kind: 'element', name: 'iothreads', attrs: {}, children: [{ kind: 'text', text: String(iothreads) }] } });
  if (genid) domainExtras.push({ after: 'uuid', node: { kind: 'element', name: 'genid', attrs: {}, children: [{ kind: 'text', text: genid }] } });
  const tune: XmlElement[] = [];
  const modeOf = (p: unknown) => (p === 'bind' ? 'strict' : String(p));
  const nodeset = (o: Props) => (o['host-nodes'] as number[]).join(',');
  const pcRam = numaPolicy.get(-1);
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
  if (tune.length > 0) domainExtras.push({ after: 'vcpu', node: { kind: 'element', name: 'numatune', attrs: {}, children: tune } });
  if (backing.length > 0) domainExtras.push({ after: 'vcpu', node: { kind: 'element', name: 'memoryBacking', attrs: {}, children: backing } });
  if (pmGlobals.length > 0) {
    domainExtras.push({ after: 'on_crash', node: { kind: 'element', name: 'pm', attrs: {}, children: pmGlobals.map(([name, enabled]) => ({ kind: 'element' as const, name, attrs: { enabled }, children: [] })) } });
  }
  if (domainExtras.length > 0) def.extras = { attrs: {}, children: domainExtras };
  const xml = formatDomainXml(def, { inactive: true });
  parseDomainXml(xml);
  return xml;
}

/** -device driver → <sound model> (ich6 and ich7 are both intel-hda; ich6 is read back). */
const SOUND_MODEL_OF = new Map([['AC97', 'ac97'], ['ES1370', 'es1370'], ['intel-hda', 'ich6'], ['ich9-intel-hda', 'ich9'], ['sb16', 'sb16']]);

/** <driver iothread> of virtio disks, known from -device before the format node is read. */
const iothreadOf = new WeakMap<DiskDef, string>();

/** Boot indexes of floppy drives A (0) and B (1), from isa-fdc's bootindexA/B (they come before the drives). */
const floppyBoot = new Map<number, number>();

const leaf = (name: string, attrs: Record<string, string> = {}): XmlElement => ({ kind: 'element', name, attrs, children: [] });

/** The <graphics type='spice'> a -spice value stands for (the options spiceArg writes). */
function spiceOf(v: string): GraphicsDef {
  const { head, opts } = parseOptionString(v);
  if (head !== undefined && head.includes('=')) opts.set(head.split('=')[0], head.split('=').slice(1).join('='));
  const g: GraphicsDef = { type: 'spice', attrs: {} };
  const children: XmlElement[] = [];
  if (opts.get('unix') === 'on') children.push(leaf('listen', { type: 'socket', socket: opts.get('addr') ?? bad('-spice unix=on without addr') }));
  else {
    if (opts.get('port') !== '0') Object.assign(g.attrs, { port: opts.get('port') ?? bad('-spice without port'), autoport: 'no' });
    if (opts.has('addr')) children.push(leaf('listen', { type: 'address', address: opts.get('addr')! }));
  }
  const back: Array<[string, string, string, (x: string) => string]> = [
    ['image-compression', 'image', 'compression', (x) => x], ['jpeg-wan-compression', 'jpeg', 'compression', (x) => x],
    ['zlib-glz-wan-compression', 'zlib', 'compression', (x) => x], ['playback-compression', 'playback', 'compression', (x) => x],
    ['streaming-video', 'streaming', 'mode', (x) => x], ['agent-mouse', 'mouse', 'mode', (x) => (x === 'on' ? 'client' : 'server')],
    ['disable-copy-paste', 'clipboard', 'copypaste', (x) => (x === 'on' ? 'no' : 'yes')], ['disable-agent-file-xfer', 'filetransfer', 'enable', (x) => (x === 'on' ? 'no' : 'yes')],
  ];
  for (const [opt, el, attr, f] of back) if (opts.has(opt)) children.push(leaf(el, { [attr]: f(opts.get(opt)!) }));
  if (children.length > 0) g.extras = { attrs: {}, children: children.map((node) => ({ after: null, node })) };
  return g;
}

/** The <filesystem> a virtio-9p-pci device and its -fsdev stand for. */
function shareOf(d: Props, fsdevs: Map<string, Map<string, string>>): XmlElement {
  const o = fsdevs.get(str(d.fsdev) ?? '') ?? bad(`virtio-9p-pci refers to unknown fsdev '${d.fsdev}'`);
  const attrs: Record<string, string> = { type: 'mount', accessmode: o.get('security_model') === 'mapped-xattr' ? 'squash' : o.get('security_model') ?? 'passthrough' };
  for (const k of ['fmode', 'dmode', 'multidevs']) if (o.has(k)) attrs[k] = o.get(k)!;
  const children: XmlElement[] = [];
  if (o.get('writeout') === 'immediate') children.push(leaf('driver', { type: 'path', wrpolicy: 'immediate' }));
  children.push(leaf('source', { dir: o.get('path') ?? bad('-fsdev without path') }), leaf('target', { dir: str(d.mount_tag) ?? bad('virtio-9p-pci without mount_tag') }));
  if (o.get('readonly') === 'on') children.push(leaf('readonly'));
  const addr = pciAddr(d);
  if (addr) children.push(leaf('address', addr));
  return { kind: 'element', name: 'filesystem', attrs, children };
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

/** Adds one -device to the definition; true when it was the memballoon. */
function addDevice(def: DomainDef, d: Props, blockdevs: Map<string, Props>, netdevs: Map<string, Props>, chardevs: Map<string, CharDeviceDef>): boolean {
  const driver = str(d.driver) ?? bad('-device without driver');
  const dev = def.devices;
  if (driver === 'isa-fdc') {
    for (const [k, v] of Object.entries(d)) if (k.startsWith('bootindex')) floppyBoot.set(k === 'bootindexB' ? 1 : 0, Number(v));
    dev.controllers.push({ type: 'fdc', index: 0 });
    return false;
  }
  if (driver === 'virtio-blk-pci' || driver === 'ide-hd' || driver === 'ide-cd' || driver === 'scsi-hd' || driver === 'scsi-cd' || driver === 'floppy') {
    const disk: DiskDef = { type: 'file', device: driver === 'ide-cd' || driver === 'scsi-cd' ? 'cdrom' : driver === 'floppy' ? 'floppy' : 'disk', target: { dev: '' }, readonly: false, shareable: false };
    const id = str(d.id) ?? '';
    const letters = (n: number) => { let s = ''; n++; while (n > 0) { const r = (n - 1) % 26; s = String.fromCharCode(97 + r) + s; n = Math.floor((n - 1) / 26); } return s; };
    if (driver === 'virtio-blk-pci') {
      disk.target = { dev: `vd${letters(Number(/(\d+)$/.exec(id)?.[1] ?? 0))}`, bus: 'virtio' };
      disk.address = pciAddr(d);
      if (typeof d.iothread === 'string') iothreadOf.set(disk, d.iothread.replace(/^iothread/, ''));
    } else if (driver === 'floppy') {
      disk.target = { dev: `fd${letters(Number(d.unit ?? 0))}`, bus: 'fdc' };
      const bi = floppyBoot.get(Number(d.unit ?? 0));
      if (bi !== undefined) disk.bootOrder = bi;
    } else if (driver === 'scsi-hd' || driver === 'scsi-cd') {
      const bus = /^scsi(\d+)\.(\d+)$/.exec(str(d.bus) ?? '') ?? bad(`SCSI bus '${d.bus}' is not understood`);
      const lsi = d.lun === undefined;
      const target = lsi ? 0 : Number(d['scsi-id']);
      const unit = lsi ? Number(d['scsi-id']) : Number(d.lun);
      disk.address = { type: 'drive', controller: bus[1], bus: lsi ? bus[2] : String(d.channel), target: String(target), unit: String(unit) };
      disk.target = { dev: `sd${letters(def.devices.disks.filter((x) => x.target.bus === 'scsi').length)}`, bus: 'scsi' };
    } else {
      const ide = /^ide0-(\d)-(\d)$/.exec(id);
      const sata = /^sata0-0-(\d)$/.exec(id);
      if (ide) disk.target = { dev: `hd${letters(Number(ide[1]) * 2 + Number(ide[2]))}`, bus: 'ide' };
      else if (sata) disk.target = { dev: `sd${letters(Number(sata[1]))}`, bus: 'sata' };
      else bad(`disk id '${id}' is not understood`);
    }
    const fmt = str(d.drive) ? blockdevs.get(str(d.drive)!) : undefined;
    if (str(d.drive) && !fmt) bad(`-device ${driver} refers to unknown node '${d.drive}'`);
    if (fmt) {
      const storage = blockdevs.get(str(fmt.file) ?? '') ?? bad(`format node '${d.drive}' has no storage node`);
      disk.sourcePath = str(storage.filename) ?? bad('storage node without filename');
      if (storage.driver === 'host_device' || storage.driver === 'host_cdrom') disk.type = 'block';
      disk.driver = { name: 'qemu', type: str(fmt.driver) ?? 'raw' };
      if (iothreadOf.has(disk)) disk.driver.iothread = iothreadOf.get(disk)!;
      const cache = fmt.cache as { direct?: boolean; 'no-flush'?: boolean } | undefined;
      if (cache) {
        const mode = { direct: cache.direct === true, noFlush: cache['no-flush'] === true, writeCache: d['write-cache'] === 'off' ? 'off' as const : 'on' as const };
        disk.driver.cache = cacheModeOf(mode) ?? bad(`cache options ${JSON.stringify(cache)} are not understood`);
      }
      if (fmt['read-only'] === true && disk.device !== 'cdrom') disk.readonly = true;
    }
    if (typeof d.bootindex === 'number') disk.bootOrder = d.bootindex;
    if (str(d.serial) !== undefined) disk.serial = str(d.serial);
    dev.disks.push(disk);
    return false;
  }
  const nicModel = NIC_MODEL_OF.get(driver);
  if (nicModel) {
    const nd = netdevs.get(str(d.netdev) ?? '') ?? bad(`NIC refers to unknown netdev '${d.netdev}'`);
    const nic: InterfaceDef = { type: 'user', mac: str(d.mac), model: nicModel, address: pciAddr(d) };
    if (nd.type === 'bridge') Object.assign(nic, { type: 'bridge', source: { bridge: str(nd.br)! } });
    else if (nd.type === 'tap') {
      nic.type = 'ethernet';
      if (str(nd.ifname)) nic.targetDev = str(nd.ifname);
    } else if (nd.type !== 'user') bad(`netdev type '${nd.type}' is not understood`);
    if (typeof d.bootindex === 'number') nic.bootOrder = d.bootindex;
    dev.interfaces.push(nic);
    return false;
  }
  switch (driver) {
    case 'isa-parallel': {
      const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`parallel port refers to unknown chardev '${d.chardev}'`);
      dev.parallels.push({ ...c, target: { port: String(dev.parallels.length) } });
      return false;
    }
    case 'isa-serial': {
      const c = chardevs.get(str(d.chardev) ?? '') ?? bad(`serial refers to unknown chardev '${d.chardev}'`);
      dev.serials.push({ ...c, target: { type: 'isa-serial', port: String(d.index ?? dev.serials.length) } });
      return false;
    }
    case 'piix3-usb-uhci': case 'qemu-xhci': case 'nec-usb-xhci':
      dev.controllers.push({ type: 'usb', index: 0, model: USB_MODEL_OF.get(driver)!, address: pciAddr(d), ...(typeof d.p2 === 'number' ? { extras: { attrs: { ports: String(d.p2) }, children: [] } } : {}) });
      return false;
    case 'pcie-root-port': case 'pcie-pci-bridge': case 'pci-bridge': {
      const index = parseQemuPciBus(str(d.id) ?? '') ?? bad(`PCI controller id '${d.id}' is not understood`);
      const model = driver === 'pcie-pci-bridge' ? 'pcie-to-pci-bridge' : driver;
      const c: ControllerDef = { type: 'pci', index, model, modelName: driver, address: pciAddr(d) };
      if (driver === 'pcie-root-port') c.target = { chassis: String(d.chassis), port: `0x${Number(d.port).toString(16)}` };
      if (driver === 'pcie-root-port' && d.hotplug === false) c.target!.hotplug = 'off';
      if (driver === 'pci-bridge') c.target = { chassisNr: String(d.chassis_nr) };
      dev.controllers.push(c);
      return false;
    }
    case 'virtio-scsi-pci': case 'lsi': {
      const c: ControllerDef = { type: 'scsi', index: Number(/(\d+)$/.exec(str(d.id) ?? '0')?.[1] ?? 0), model: SCSI_MODEL_OF.get(driver)!, address: pciAddr(d) };
      if (typeof d.iothread === 'string') c.driver = { iothread: d.iothread.replace(/^iothread/, '') };
      if (typeof d.num_queues === 'number') c.driver = { ...c.driver, queues: String(d.num_queues) };
      dev.controllers.push(c);
      return false;
    }
    case 'virtserialport': {
      const chardev = str(d.chardev) ?? bad('virtserialport without chardev');
      const c = chardevs.get(chardev) ?? { type: 'unix', source: { mode: 'bind' } };
      const bus = /^virtio-serial(\d+)\.(\d+)$/.exec(str(d.bus) ?? '') ?? bad(`virtio-serial bus '${d.bus}' is not understood`);
      const ch: CharDeviceDef = { ...c, target: { type: 'virtio' }, address: { type: 'virtio-serial', controller: bus[1], bus: bus[2], port: String(d.nr) } };
      if (str(d.name) !== undefined) ch.target!.name = str(d.name)!;
      dev.channels.push(ch);
      return false;
    }
    case 'virtio-serial-pci':
      dev.controllers.push({ type: 'virtio-serial', index: Number(/(\d+)$/.exec(str(d.id) ?? '0')?.[1] ?? 0), address: pciAddr(d) });
      return false;
    case 'usb-tablet': case 'usb-mouse': case 'usb-kbd':
      dev.inputs.push({ type: driver === 'usb-tablet' ? 'tablet' : driver === 'usb-mouse' ? 'mouse' : 'keyboard', bus: 'usb' });
      return false;
    case 'i6300esb': case 'ib700':
      dev.watchdogs.push(driver === 'ib700' ? { model: driver } : { model: driver, address: pciAddr(d) });
      return false;
    case 'virtio-balloon-pci':
      dev.memballoon = { model: 'virtio', address: pciAddr(d) };
      for (const [attr, prop] of [['autodeflate', 'deflate-on-oom'], ['freePageReporting', 'free-page-reporting']]) {
        if (typeof d[prop] === 'boolean') dev.memballoon.extras = { attrs: { ...dev.memballoon.extras?.attrs, [attr]: d[prop] ? 'on' : 'off' }, children: [] };
      }
      return true;
    case 'virtio-rng-pci': {
      const rng = dev.rngs.at(-1) ?? bad('virtio-rng-pci without an rng object');
      rng.address = pciAddr(d);
      const children: XmlExtras['children'] = [];
      const drv: Record<string, string> = {};
      for (const [k, q] of VIRTIO_OPTIONS) if (typeof d[q] === 'boolean') drv[k] = d[q] ? 'on' : 'off';
      if (Object.keys(drv).length > 0) children.push({ after: 'backend', node: leaf('driver', drv) });
      const rate: Record<string, string> = {};
      if (typeof d['max-bytes'] === 'number') rate.bytes = String(d['max-bytes']);
      if (typeof d.period === 'number') rate.period = String(d.period);
      if (Object.keys(rate).length > 0) children.push({ after: null, node: leaf('rate', rate) });
      if (children.length > 0) rng.extras = { attrs: {}, children };
      return false;
    }
    case 'qxl-vga': case 'qxl': {
      const model: Record<string, string> = { type: 'qxl', ram: String(Number(d.ram_size) / 1024), vram: String(Number(d.vram_size) / 1024) };
      if (d.vram64_size_mb) model.vram64 = String(Number(d.vram64_size_mb) * 1024);
      model.vgamem = String(Number(d.vgamem_mb) * 1024);
      model.heads = String(d.max_outputs);
      dev.videos.push({ model, address: pciAddr(d) });
      return false;
    }
    default:
      const videoModel = VIDEO_MODEL_OF.get(driver);
      if (videoModel) {
        const model: Record<string, string> = { type: videoModel };
        if (typeof d.vgamem_mb === 'number') model.vram = String(d.vgamem_mb * 1024);
        dev.videos.push({ model, address: pciAddr(d) });
        return false;
      }
      return bad(`device '${driver}' is not understood`);
  }
}
