import type { CharDeviceDef, DiskDef, DomainDef, InterfaceDef, XmlElement } from '@virtkit/core';
import type { XmlExtras } from '@virtkit/core';
import { canonicalizeDomain, diskBus, machineFamily, type MachineFamily } from './canonicalize.js';
import { unsupportedConfig } from './errors.js';
import { CACHE, NIC_MODELS, VIDEO } from './device-models.js';
import { parsePciAddress, qemuPciAddr } from './pci-address.js';
import type { QemuCaps } from './qemu-caps.js';
import { checkOptionText, escapeOptionValue } from './qemu-option.js';

/**
 * Host-local parts of the command line: they may differ between a
 * migration's source and destination and never come from the domain XML.
 */
export interface QemuHostConfig {
  /** The QMP socket QEMU listens on. */
  monitorPath: string;
  /** -incoming: 'defer' (then migrate-incoming over QMP) or a migration URI. */
  incoming?: string;
}

type Json = Record<string, string | number | boolean | Record<string, boolean>>;

const esc = escapeOptionValue;
const json = (o: Json) => JSON.stringify(o);

/**
 * The QEMU 7.2+ command line for a domain, in modern syntax (JSON -device,
 * -blockdev, -netdev, -object), in libvirt's emission order. Pure: the
 * definition is canonicalized first (versioned machine, PCI slots, MACs),
 * so the guest-ABI part depends only on the XML and the binary's machine
 * list; `host` adds the monitor socket, -accel and -incoming at the end.
 * Configuration it cannot express is a CONFIG_UNSUPPORTED VirtError naming
 * the element. argv[0] is the emulator.
 */
export function buildQemuArgv(input: DomainDef, caps: QemuCaps, host: QemuHostConfig): string[] {
  return canonicalQemuArgv(canonicalizeDomain(input, caps), caps, host);
}

/** buildQemuArgv for a definition canonicalizeDomain has already seen; `abi`: its guestAbiArgs, when already built. */
export function canonicalQemuArgv(def: DomainDef, caps: QemuCaps, host: QemuHostConfig, abi: readonly string[] = guestAbiArgs(def)): string[] {
  return [def.devices.emulator ?? caps.binary, ...abi, ...hostLocalArgs(def, caps, host)];
}

/**
 * -accel, the monitor and -incoming. <domain type='qemu'> is TCG as in
 * libvirt; type='kvm' uses KVM when the host has a usable /dev/kvm, else TCG.
 */
export function hostLocalArgs(def: DomainDef, caps: QemuCaps, host: QemuHostConfig): string[] {
  checkOptionText(host.monitorPath, 'the monitor socket path');
  const args = ['-accel', def.type === 'kvm' && caps.kvm ? 'kvm' : 'tcg'];
  args.push('-chardev', `socket,id=charmonitor,path=${esc(host.monitorPath)},server=on,wait=off`);
  args.push('-mon', 'chardev=charmonitor,id=monitor,mode=control');
  if (host.incoming !== undefined) {
    checkOptionText(host.incoming, 'the incoming migration URI');
    args.push('-incoming', host.incoming);
  }
  return args;
}

/** The guest-ABI part, from a canonical definition. */
export function guestAbiArgs(def: DomainDef): string[] {
  rejectExtras(def.extras, 'domain', ['pm']);
  rejectExtras(def.os.extras, 'domain/os', []);
  rejectExtras(def.os.typeExtras, 'domain/os/type', []);
  rejectExtras(def.devices.extras, 'domain/devices', ['audio']);
  checkOptionText(def.name, 'the domain name');
  const machine = def.os.machine!;
  const family = machineFamily(machine);
  const a: string[] = [];
  a.push('-name', `guest=${esc(def.name)},debug-threads=on`);
  a.push('-S');
  a.push('-machine', `${machine},usb=off,dump-guest-core=off,memory-backend=pc.ram`);
  a.push('-cpu', cpuArg(def));
  a.push(...memoryArgs(def));
  a.push('-smp', smpArg(def));
  a.push('-uuid', def.uuid);
  if (def.devices.graphics.length === 0) a.push('-display', 'none');
  a.push('-no-user-config', '-nodefaults');
  a.push(...clockArgs(def));
  a.push('-no-shutdown');
  // A reboot then stops the guest like a power-off (the SHUTDOWN event ends QEMU).
  if (def.onReboot === 'destroy') a.push('-no-reboot');
  a.push(...featureArgs(def, family));
  a.push(...bootArgs(def));
  a.push(...controllerArgs(def, family));
  const boot = bootIndexes(def);
  a.push(...diskArgs(def, family, boot));
  a.push(...netArgs(def, boot));
  a.push(...serialArgs(def));
  a.push(...inputArgs(def));
  a.push(...audioArgs(def));
  a.push(...graphicsArgs(def));
  a.push(...videoArgs(def));
  a.push(...balloonAndRngArgs(def));
  return a;
}

function rejectExtras(x: XmlExtras | undefined, element: string, allowedChildren: string[]): void {
  if (!x) return;
  const attr = Object.keys(x.attrs)[0];
  if (attr !== undefined) throw unsupportedConfig(element, `attribute '${attr}' is not supported by the QEMU driver`);
  for (const c of x.children) {
    if (c.node.kind === 'comment') continue;
    if (c.node.kind === 'element' && allowedChildren.includes(c.node.name)) continue;
    const what = c.node.kind === 'element' ? `<${c.node.name}>` : 'text content';
    throw unsupportedConfig(element, `${what} is not supported by the QEMU driver`);
  }
}

function pciProps(address: DiskDef['address'], element: string, def: DomainDef): Json {
  if (!address) throw unsupportedConfig(element, 'device has no PCI address');
  return { bus: machineFamily(def.os.machine!) === 'q35' ? 'pcie.0' : 'pci.0', addr: qemuPciAddr(parsePciAddress(address, element)) };
}

function cpuArg(def: DomainDef): string {
  const cpu = def.cpu!;
  rejectExtras(cpu.extras, 'domain/cpu', []);
  const mode = cpu.mode ?? 'custom';
  let model: string;
  if (mode === 'host-passthrough') model = 'host';
  else if (mode === 'maximum') model = 'max';
  else if (mode === 'custom') {
    if (!cpu.model) throw unsupportedConfig('domain/cpu', 'custom CPU mode needs a <model>');
    rejectExtras(cpu.model.extras, 'domain/cpu/model', []);
    if (!/^[A-Za-z0-9._-]+$/.test(cpu.model.name)) throw unsupportedConfig('domain/cpu/model', `CPU model '${cpu.model.name}' is not a valid QEMU CPU model name`);
    model = cpu.model.name;
  } else throw unsupportedConfig('domain/cpu/@mode', `CPU mode '${mode}' is not supported`);
  const parts = [model];
  for (const f of cpu.features) {
    if (!/^[A-Za-z0-9._-]+$/.test(f.name)) throw unsupportedConfig('domain/cpu/feature', `CPU feature '${f.name}' is not a valid name`);
    const policy = f.policy ?? 'require';
    if (policy === 'require' || policy === 'force') parts.push(`${f.name}=on`);
    else if (policy === 'disable' || policy === 'forbid') parts.push(`${f.name}=off`);
    else throw unsupportedConfig('domain/cpu/feature', `CPU feature policy '${policy}' is not supported`);
  }
  return parts.join(',');
}

function memoryArgs(def: DomainDef): string[] {
  rejectExtras(def.memory.extras, 'domain/memory', []);
  const kib = def.memory.kib;
  let m: string;
  if (def.maxMemory) {
    rejectExtras(def.maxMemory.extras, 'domain/maxMemory', []);
    m = `size=${kib}k,slots=${def.maxMemory.slots ?? 0},maxmem=${def.maxMemory.kib}k`;
  } else m = `size=${kib}k`;
  if (kib < 1024) throw unsupportedConfig('domain/memory', `memory size ${def.memory.kib} KiB is below QEMU's minimum of 1 MiB`);
  return ['-m', m, '-object', json({ 'qom-type': 'memory-backend-ram', id: 'pc.ram', size: kib * 1024 }), '-overcommit', 'mem-lock=off'];
}

function smpArg(def: DomainDef): string {
  rejectExtras(def.vcpu.extras, 'domain/vcpu', []);
  if (def.vcpu.placement === 'auto' || def.vcpu.cpuset !== undefined) throw unsupportedConfig('domain/vcpu', 'vCPU placement and cpuset are not supported');
  const max = def.vcpu.count;
  const cur = def.vcpu.current ?? max;
  const t = def.cpu?.topology;
  let s = String(cur);
  if (cur !== max) s += `,maxcpus=${max}`;
  if (t) {
    if (t.clusters !== undefined && t.clusters !== 1) throw unsupportedConfig('domain/cpu/topology', 'clusters are not supported on x86');
    const dies = t.dies ?? 1;
    if (t.sockets * dies * t.cores * t.threads !== max) throw unsupportedConfig('domain/cpu/topology', `topology gives ${t.sockets * dies * t.cores * t.threads} vCPUs, but <vcpu> is ${max}`);
    s += `,sockets=${t.sockets}${t.dies !== undefined ? `,dies=${t.dies}` : ''},cores=${t.cores},threads=${t.threads}`;
  } else s += `,sockets=${max},cores=1,threads=1`;
  return s;
}

function clockArgs(def: DomainDef): string[] {
  const clock = def.clock ?? { offset: 'utc', timers: [] };
  rejectExtras(clock.extras, 'domain/clock', []);
  if (clock.offset !== 'utc' && clock.offset !== 'localtime') throw unsupportedConfig('domain/clock/@offset', `clock offset '${clock.offset}' is not supported`);
  let rtc = `base=${clock.offset}`;
  const out: string[] = [];
  const tail: string[] = [];
  for (const t of clock.timers) {
    const a = t.attrs;
    const where = `domain/clock/timer[@name='${a.name}']`;
    for (const k of Object.keys(a)) if (!['name', 'tickpolicy', 'present', 'track'].includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
    if (t.children.some((c) => c.kind === 'element')) throw unsupportedConfig(where, 'child elements are not supported');
    if (a.name === 'rtc') {
      if (a.tickpolicy === 'catchup') rtc += ',driftfix=slew';
      else if (a.tickpolicy !== undefined && a.tickpolicy !== 'delay') throw unsupportedConfig(where, `tickpolicy '${a.tickpolicy}' is not supported`);
      if (a.track === 'guest') rtc += ',clock=vm';
      else if (a.track === 'wall') rtc += ',clock=rt';
      else if (a.track !== undefined && a.track !== 'boot') throw unsupportedConfig(where, `track '${a.track}' is not supported`);
    } else if (a.name === 'pit') {
      if (a.tickpolicy === 'delay' || a.tickpolicy === 'catchup' || a.tickpolicy === 'discard') tail.push('-global', `kvm-pit.lost_tick_policy=${a.tickpolicy}`);
      else if (a.tickpolicy !== undefined) throw unsupportedConfig(where, `tickpolicy '${a.tickpolicy}' is not supported`);
    } else if (a.name === 'hpet') {
      if (a.present === 'no') tail.push('-no-hpet');
      else if (a.present !== undefined && a.present !== 'yes') throw unsupportedConfig(where, `present '${a.present}' is not supported`);
    } else throw unsupportedConfig(where, `timer '${a.name}' is not supported`);
  }
  out.push('-rtc', rtc, ...tail);
  return out;
}

function featureArgs(def: DomainDef, family: MachineFamily): string[] {
  const out: string[] = [];
  const names = new Set<string>();
  for (const f of def.features ?? []) {
    if (!['acpi', 'apic', 'pae'].includes(f.name)) throw unsupportedConfig(`domain/features/${f.name}`, 'this feature is not supported by the QEMU driver');
    names.add(f.name);
  }
  if (!names.has('acpi')) out.push('-no-acpi');
  const pm = def.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'pm');
  if (pm) {
    const obj = family === 'q35' ? 'ICH9-LPC' : 'PIIX4_PM';
    for (const c of pm.children) {
      if (c.kind !== 'element') continue;
      const s = c.name === 'suspend-to-mem' ? 's3' : c.name === 'suspend-to-disk' ? 's4' : undefined;
      if (!s) throw unsupportedConfig(`domain/pm/${c.name}`, 'not supported');
      const en = c.attrs.enabled;
      if (en !== 'yes' && en !== 'no') throw unsupportedConfig(`domain/pm/${c.name}/@enabled`, `must be 'yes' or 'no'`);
      out.push('-global', `${obj}.disable_${s}=${en === 'no' ? 1 : 0}`);
    }
  }
  return out;
}

function bootArgs(def: DomainDef): string[] {
  const os = def.os;
  if (os.loader || os.nvram) throw unsupportedConfig('domain/os/loader', 'custom firmware is not supported');
  let boot = '';
  if (os.bootmenu) {
    if (os.bootmenu.enable !== 'yes' && os.bootmenu.enable !== 'no') throw unsupportedConfig('domain/os/bootmenu/@enable', `must be 'yes' or 'no'`);
    boot += `menu=${os.bootmenu.enable === 'yes' ? 'on' : 'off'},`;
    if (os.bootmenu.timeout !== undefined) boot += `splash-time=${os.bootmenu.timeout},`;
  }
  const out = ['-boot', boot + 'strict=on'];
  if (os.kernel !== undefined) out.push('-kernel', os.kernel);
  if (os.initrd !== undefined) out.push('-initrd', os.initrd);
  if (os.cmdline !== undefined) out.push('-append', os.cmdline);
  return out;
}

/** bootindex per device: explicit <boot order>, else <os><boot dev> in order. */
function bootIndexes(def: DomainDef): Map<object, number> {
  const out = new Map<object, number>();
  const d = def.devices;
  const explicit = [...d.disks, ...d.interfaces].some((x) => x.bootOrder !== undefined);
  if (explicit) {
    if (def.os.boot.length > 0) throw unsupportedConfig('domain/os/boot', 'per-device boot order and <os><boot dev> cannot be used together');
    for (const x of [...d.disks, ...d.interfaces]) if (x.bootOrder !== undefined) out.set(x, x.bootOrder);
    return out;
  }
  let n = 1;
  for (const dev of def.os.boot) {
    const target = dev === 'hd' ? d.disks.find((x) => x.device === 'disk') : dev === 'cdrom' ? d.disks.find((x) => x.device === 'cdrom') : dev === 'network' ? d.interfaces[0] : undefined;
    if (dev === 'fd') throw unsupportedConfig('domain/os/boot', 'floppy boot is not supported');
    if (target && !out.has(target)) out.set(target, n++);
  }
  return out;
}

function controllerArgs(def: DomainDef, family: MachineFamily): string[] {
  const out: string[] = [];
  def.devices.controllers.forEach((c, i) => {
    const el = `domain/devices/controller[${i + 1}]`;
    rejectExtras(c.extras, el, []);
    if (c.type === 'pci' && (c.model === 'pci-root' || c.model === 'pcie-root') && (c.index ?? 0) === 0) return;
    if (c.type === 'ide' && family === 'i440fx' && (c.index ?? 0) === 0) return;
    if (c.type === 'sata' && family === 'q35' && (c.index ?? 0) === 0) return;
    if (c.type === 'usb') {
      if ((c.index ?? 0) !== 0) throw unsupportedConfig(el, 'only one USB controller (index 0) is supported');
      if (c.model === 'none') return;
      const driver = c.model === 'piix3-uhci' ? 'piix3-usb-uhci' : c.model === 'qemu-xhci' ? 'qemu-xhci' : undefined;
      if (!driver) throw unsupportedConfig(el, `USB controller model '${c.model}' is not supported`);
      out.push('-device', json({ driver, id: 'usb', ...pciProps(c.address, el, def) }));
      return;
    }
    if (c.type === 'virtio-serial') {
      out.push('-device', json({ driver: 'virtio-serial-pci', id: `virtio-serial${c.index ?? 0}`, ...pciProps(c.address, el, def) }));
      return;
    }
    throw unsupportedConfig(el, `controller type '${c.type}'${c.model ? ` model '${c.model}'` : ''} is not supported`);
  });
  return out;
}

/** hda → 0, hdb → 1, …, hdaa → 26 (libvirt's virDiskNameToIndex). */
function diskIndex(dev: string, el: string): number {
  const m = /^(?:hd|sd|vd|xvd)([a-z]+)$/.exec(dev);
  if (!m) throw unsupportedConfig(`${el}/target/@dev`, `disk target '${dev}' is not a valid disk name`);
  let idx = 0;
  for (const ch of m[1]) idx = idx * 26 + (ch.charCodeAt(0) - 96);
  return idx - 1;
}

/**
 * The IDE/SATA position: from <address type='drive'> when given (libvirt's
 * rule), else from the target name. i440fx: bus * 2 + unit; q35: the port.
 */
function driveIndex(disk: DiskDef, el: string, family: MachineFamily): number {
  const a = disk.address;
  if (!a) return diskIndex(disk.target.dev, el);
  const where = `${el}/address`;
  for (const k of Object.keys(a)) if (!['type', 'controller', 'bus', 'target', 'unit'].includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
  if (a.type !== 'drive') throw unsupportedConfig(where, `address type '${a.type}' is not supported for an IDE/SATA disk`);
  const num = (k: string) => {
    const v = a[k] ?? '0';
    if (!/^\d+$/.test(v)) throw unsupportedConfig(where, `${k} '${v}' is not a number`);
    return Number(v);
  };
  if (num('controller') !== 0 || num('target') !== 0) throw unsupportedConfig(where, 'only controller 0, target 0 is supported');
  return family === 'q35' ? num('unit') : num('bus') * 2 + num('unit');
}

function diskArgs(def: DomainDef, family: MachineFamily, boot: Map<object, number>): string[] {
  const out: string[] = [];
  const disks = def.devices.disks;
  disks.forEach((disk, i) => {
    const el = `domain/devices/disk[${i + 1}]`;
    rejectExtras(disk.extras, el, []);
    rejectExtras(disk.target.extras, `${el}/target`, []);
    if (disk.device !== 'disk' && disk.device !== 'cdrom') throw unsupportedConfig(`${el}/@device`, `disk device '${disk.device}' is not supported`);
    if (disk.type !== 'file' && disk.type !== 'block') throw unsupportedConfig(`${el}/@type`, `disk type '${disk.type}' is not supported (only file and block)`);
    if (disk.source) throw unsupportedConfig(`${el}/source`, 'only a plain file or dev source is supported');
    if (disk.shareable) throw unsupportedConfig(`${el}/shareable`, 'shareable disks are not supported');
    const drv = disk.driver ?? {};
    for (const k of Object.keys(drv)) if (!['name', 'type', 'cache'].includes(k)) throw unsupportedConfig(`${el}/driver`, `attribute '${k}' is not supported`);
    if (drv.name !== undefined && drv.name !== 'qemu') throw unsupportedConfig(`${el}/driver/@name`, `driver '${drv.name}' is not supported`);
    const format = drv.type ?? 'raw';
    if (format !== 'raw' && format !== 'qcow2') throw unsupportedConfig(`${el}/driver/@type`, `image format '${format}' is not supported (raw, qcow2)`);
    const cache = CACHE[drv.cache ?? 'writeback'];
    if (!cache) throw unsupportedConfig(`${el}/driver/@cache`, `cache mode '${drv.cache}' is not supported`);
    const bus = diskBus(disk.target.dev, disk.target.bus);
    const index = bus === 'virtio' ? diskIndex(disk.target.dev, el) : driveIndex(disk, el, family);
    const readonly = disk.readonly || disk.device === 'cdrom';
    let nodeName: string | undefined;
    if (disk.sourcePath !== undefined) {
      checkOptionText(disk.sourcePath, `${el}/source`);
      // libvirt numbers storage nodes down from the last disk, empty drives included.
      const n = disks.length - i;
      const storage: Json = {
        driver: disk.type === 'block' ? (disk.device === 'cdrom' && /^\/dev\/(cdrom\d*|sr\d+)$/.test(disk.sourcePath) ? 'host_cdrom' : 'host_device') : 'file',
        filename: disk.sourcePath,
        'node-name': `libvirt-${n}-storage`,
        'auto-read-only': true,
        discard: 'unmap',
      };
      if (drv.cache !== undefined) storage.cache = { direct: cache.direct, 'no-flush': cache.noFlush };
      const fmt: Json = { 'node-name': `libvirt-${n}-format`, 'read-only': readonly };
      if (drv.cache !== undefined) fmt.cache = { direct: cache.direct, 'no-flush': cache.noFlush };
      fmt.driver = format;
      fmt.file = `libvirt-${n}-storage`;
      out.push('-blockdev', json(storage), '-blockdev', json(fmt));
      nodeName = `libvirt-${n}-format`;
    } else if (disk.device !== 'cdrom') throw unsupportedConfig(`${el}/source`, 'a disk needs a source (only a CD-ROM may be empty)');
    let dev: Json;
    if (bus === 'virtio') {
      if (disk.device === 'cdrom') throw unsupportedConfig(`${el}/target/@bus`, 'a CD-ROM cannot be on the virtio bus');
      dev = { driver: 'virtio-blk-pci', ...pciProps(disk.address, el, def) };
    } else if (bus === 'ide' && family === 'i440fx') {
      if (index > 3) throw unsupportedConfig(`${el}/target/@dev`, `IDE has 4 units; '${disk.target.dev}' is beyond them`);
      const b = index >> 1;
      const u = index & 1;
      dev = { driver: disk.device === 'cdrom' ? 'ide-cd' : 'ide-hd', bus: `ide.${b}`, unit: u };
    } else if ((bus === 'sata' || bus === 'ide') && family === 'q35') {
      if (index > 5) throw unsupportedConfig(`${el}/target/@dev`, `the q35 SATA controller has 6 ports; '${disk.target.dev}' is beyond them`);
      dev = { driver: disk.device === 'cdrom' ? 'ide-cd' : 'ide-hd', bus: `ide.${index}` };
    } else throw unsupportedConfig(`${el}/target/@bus`, `disk bus '${bus}' is not supported on this machine`);
    if (nodeName) dev.drive = nodeName;
    dev.id = bus === 'virtio' ? `virtio-disk${index}` : family === 'q35' ? `sata0-0-${index}` : `ide0-${index >> 1}-${index & 1}`;
    const bi = boot.get(disk);
    if (bi !== undefined) dev.bootindex = bi;
    if (disk.serial !== undefined) dev.serial = disk.serial;
    if (drv.cache !== undefined && disk.device !== 'cdrom') dev['write-cache'] = cache.writeCache;
    out.push('-device', json(dev));
  });
  return out;
}

function netdevFor(nic: InterfaceDef, el: string, id: string): Json {
  if (nic.type === 'user') {
    if (nic.source) throw unsupportedConfig(`${el}/source`, 'user networking takes no source');
    return { type: 'user', id };
  }
  if (nic.type === 'bridge') {
    const br = nic.source?.bridge;
    if (!br || Object.keys(nic.source!).length !== 1) throw unsupportedConfig(`${el}/source`, "a bridge interface needs exactly <source bridge='…'/>");
    return { type: 'bridge', br, id };
  }
  if (nic.type === 'ethernet') {
    if (nic.source) throw unsupportedConfig(`${el}/source`, 'an ethernet interface takes no source');
    const o: Json = { type: 'tap', script: 'no', downscript: 'no', id };
    if (nic.targetDev !== undefined) o.ifname = nic.targetDev;
    return o;
  }
  throw unsupportedConfig(`${el}/@type`, `interface type '${nic.type}' is not supported (user, bridge, ethernet)`);
}

function netArgs(def: DomainDef, boot: Map<object, number>): string[] {
  const out: string[] = [];
  def.devices.interfaces.forEach((nic, i) => {
    const el = `domain/devices/interface[${i + 1}]`;
    rejectExtras(nic.extras, el, []);
    if (nic.script !== undefined) throw unsupportedConfig(`${el}/script`, 'interface scripts are not supported');
    if (nic.targetDev !== undefined && nic.type !== 'ethernet') throw unsupportedConfig(`${el}/target`, 'a tap name is only supported on ethernet interfaces');
    const driver = NIC_MODELS[nic.model!];
    if (!driver) throw unsupportedConfig(`${el}/model`, `NIC model '${nic.model}' is not supported (${Object.keys(NIC_MODELS).join(', ')})`);
    out.push('-netdev', json(netdevFor(nic, el, `hostnet${i}`)));
    const dev: Json = { driver, netdev: `hostnet${i}`, id: `net${i}`, mac: nic.mac!, ...pciProps(nic.address, el, def) };
    const bi = boot.get(nic);
    if (bi !== undefined) dev.bootindex = bi;
    out.push('-device', json(dev));
  });
  return out;
}

/** The -chardev option string for a character device's backend. */
export function chardevArg(c: CharDeviceDef, id: string, el: string): string {
  rejectExtras(c.extras, el, []);
  const src = c.source ?? {};
  const allow = (keys: string[]) => {
    for (const k of Object.keys(src)) if (!keys.includes(k)) throw unsupportedConfig(`${el}/source`, `attribute '${k}' is not supported for type '${c.type}'`);
  };
  if (c.protocol !== undefined && c.type !== 'tcp') throw unsupportedConfig(`${el}/protocol`, `a protocol is only supported on tcp character devices`);
  switch (c.type) {
    case 'pty':
      allow(['path']);
      return `pty,id=${id}`;
    case 'null':
      allow([]);
      return `null,id=${id}`;
    case 'file': {
      allow(['path', 'append']);
      if (!src.path) throw unsupportedConfig(`${el}/source`, 'a file character device needs a path');
      checkOptionText(src.path, `${el}/source/@path`);
      return `file,id=${id},path=${esc(src.path)}${src.append === 'on' ? ',append=on' : ''}`;
    }
    case 'unix': {
      allow(['path', 'mode']);
      if (!src.path) throw unsupportedConfig(`${el}/source`, 'a unix character device needs a path');
      checkOptionText(src.path, `${el}/source/@path`);
      const server = (src.mode ?? 'bind') === 'bind';
      return `socket,id=${id},path=${esc(src.path)}${server ? ',server=on,wait=off' : ''}`;
    }
    case 'tcp': {
      allow(['host', 'service', 'mode']);
      if (!src.service || !/^\d+$/.test(src.service)) throw unsupportedConfig(`${el}/source/@service`, 'a tcp character device needs a numeric service (port)');
      const hostText = src.host ?? '127.0.0.1';
      if (!/^[A-Za-z0-9.:-]+$/.test(hostText)) throw unsupportedConfig(`${el}/source/@host`, `'${hostText}' is not a valid host`);
      const server = (src.mode ?? 'bind') === 'bind';
      const telnet = c.protocol === 'telnet';
      if (c.protocol !== undefined && c.protocol !== 'raw' && !telnet) throw unsupportedConfig(`${el}/protocol`, `protocol '${c.protocol}' is not supported`);
      return `socket,id=${id},host=${hostText},port=${src.service}${telnet ? ',telnet=on' : ''}${server ? ',server=on,wait=off' : ''}`;
    }
    default:
      throw unsupportedConfig(`${el}/@type`, `character device type '${c.type}' is not supported (pty, file, unix, tcp, null)`);
  }
}

/**
 * Serial ports; a console with a serial target and no <serial> stands for
 * serial0, one duplicating serial0 adds nothing (libvirt's x86 rule).
 */
function serialArgs(def: DomainDef): string[] {
  const out: string[] = [];
  const d = def.devices;
  if (d.parallels.length > 0) throw unsupportedConfig('domain/devices/parallel', 'parallel ports are not supported');
  if (d.channels.length > 0) throw unsupportedConfig('domain/devices/channel', 'channels are not supported');
  const serials: Array<{ c: CharDeviceDef; el: string }> = d.serials.map((c, i) => ({ c, el: `domain/devices/serial[${i + 1}]` }));
  d.consoles.forEach((c, i) => {
    const el = `domain/devices/console[${i + 1}]`;
    const tt = c.target?.type ?? 'serial';
    if (tt !== 'serial' || i > 0) throw unsupportedConfig(`${el}/target`, `console target type '${tt}' is not supported (only the first console, on serial0)`);
    if (serials.length === 0) serials.push({ c, el });
  });
  const ports = new Set<number>();
  serials.forEach(({ c, el }, i) => {
    const t = c.target ?? {};
    for (const k of Object.keys(t)) if (!['type', 'port'].includes(k)) throw unsupportedConfig(`${el}/target`, `attribute '${k}' is not supported`);
    if (t.type !== undefined && t.type !== 'isa-serial' && t.type !== 'serial') throw unsupportedConfig(`${el}/target/@type`, `serial target type '${t.type}' is not supported`);
    const port = t.port === undefined ? i : Number(t.port);
    if (!Number.isInteger(port) || port < 0 || port > 3 || ports.has(port)) throw unsupportedConfig(`${el}/target/@port`, `serial port '${t.port}' is invalid or duplicated (0..3)`);
    ports.add(port);
    if (c.address) throw unsupportedConfig(`${el}/address`, 'serial addresses are not supported');
    out.push('-chardev', chardevArg(c, `charserial${port}`, el));
    out.push('-device', json({ driver: 'isa-serial', chardev: `charserial${port}`, id: `serial${port}`, index: port }));
  });
  return out;
}

function inputArgs(def: DomainDef): string[] {
  const out: string[] = [];
  const usb = def.devices.controllers.some((c) => c.type === 'usb' && c.model !== 'none');
  def.devices.inputs.forEach((inp, i) => {
    const el = `domain/devices/input[${i + 1}]`;
    rejectExtras(inp.extras, el, []);
    const bus = inp.bus ?? (inp.type === 'tablet' ? 'usb' : 'ps2');
    if (bus === 'ps2' && (inp.type === 'mouse' || inp.type === 'keyboard')) return;
    if (bus !== 'usb') throw unsupportedConfig(el, `input '${inp.type}' on bus '${bus}' is not supported`);
    const driver = { tablet: 'usb-tablet', mouse: 'usb-mouse', keyboard: 'usb-kbd' }[inp.type];
    if (!driver) throw unsupportedConfig(el, `input type '${inp.type}' is not supported`);
    if (!usb) throw unsupportedConfig(el, 'a USB input needs a USB controller');
    out.push('-device', json({ driver, id: `input${i}`, bus: 'usb.0', port: String(i + 1) }));
  });
  return out;
}

function graphicsArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.graphics.forEach((g, i) => {
    const el = `domain/devices/graphics[${i + 1}]`;
    if (g.type !== 'vnc' || i > 0) throw unsupportedConfig(el, `graphics type '${g.type}' is not supported (one VNC display)`);
    let listen = g.attrs.listen;
    for (const c of g.extras?.children ?? []) {
      if (c.node.kind !== 'element' || c.node.name !== 'listen' || (c.node.attrs.type !== 'address' && c.node.attrs.type !== undefined)) throw unsupportedConfig(`${el}`, 'only <listen type=\'address\'> is supported');
      listen ??= c.node.attrs.address;
    }
    for (const k of Object.keys(g.extras?.attrs ?? {})) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    for (const k of Object.keys(g.attrs)) if (!['port', 'autoport', 'listen', 'socket', 'keymap'].includes(k)) throw unsupportedConfig(el, `attribute '${k}' is not supported`);
    let vnc: string;
    if (g.attrs.socket !== undefined) {
      checkOptionText(g.attrs.socket, `${el}/@socket`);
      vnc = `unix:${esc(g.attrs.socket)}`;
    } else {
      const addr = listen ?? '127.0.0.1';
      if (!/^[0-9A-Fa-f.:]+$/.test(addr)) throw unsupportedConfig(`${el}/@listen`, `'${addr}' is not an IP address`);
      const host = addr.includes(':') ? `[${addr}]` : addr;
      const port = Number(g.attrs.port ?? -1);
      if (g.attrs.autoport === 'yes' || port === -1) vnc = `${host}:0,to=99`;
      else if (Number.isInteger(port) && port >= 5900 && port <= 65535) vnc = `${host}:${port - 5900}`;
      else throw unsupportedConfig(`${el}/@port`, `VNC port '${g.attrs.port}' must be 5900 or above`);
    }
    out.push('-vnc', vnc);
    if (g.attrs.keymap !== undefined) {
      if (!/^[A-Za-z-]+$/.test(g.attrs.keymap)) throw unsupportedConfig(`${el}/@keymap`, `'${g.attrs.keymap}' is not a keymap name`);
      out.push('-k', g.attrs.keymap);
    }
  });
  return out;
}

/** <audio type='none'/>: the silent backend libvirt always gives QEMU. */
function audioArgs(def: DomainDef): string[] {
  const out: string[] = [];
  for (const c of def.devices.extras?.children ?? []) {
    if (c.node.kind !== 'element' || c.node.name !== 'audio') continue;
    const { id, type, ...rest } = c.node.attrs;
    const el = `domain/devices/audio[@id='${id}']`;
    if (type !== 'none' || !/^\d+$/.test(id ?? '') || Object.keys(rest).length > 0 || c.node.children.some((n) => n.kind === 'element')) {
      throw unsupportedConfig(el, "only <audio id='N' type='none'/> is supported");
    }
    out.push('-audiodev', json({ id: `audio${id}`, driver: 'none' }));
  }
  return out;
}

function videoArgs(def: DomainDef): string[] {
  const out: string[] = [];
  def.devices.videos.forEach((v, i) => {
    const el = `domain/devices/video[${i + 1}]`;
    rejectExtras(v.extras, el, []);
    const m = v.model ?? { type: 'cirrus' };
    if (m.type === 'none') return;
    const driver = VIDEO[m.type ?? ''];
    if (!driver || i > 0) throw unsupportedConfig(`${el}/model`, `video model '${m.type}' is not supported (one of ${Object.keys(VIDEO).join(', ')}, none)`);
    const dev: Json = { driver, id: `video${i}` };
    for (const [k, val] of Object.entries(m)) {
      if (k === 'type' || (k === 'heads' && val === '1') || (k === 'primary' && val === 'yes')) continue;
      if (k === 'vram' && (m.type === 'vga' || m.type === 'cirrus')) {
        dev.vgamem_mb = Math.max(1, Math.floor(Number(val) / 1024));
        continue;
      }
      throw unsupportedConfig(`${el}/model`, `attribute '${k}' is not supported for model '${m.type}'`);
    }
    Object.assign(dev, pciProps(v.address, el, def));
    out.push('-device', json(dev));
  });
  return out;
}

function balloonAndRngArgs(def: DomainDef): string[] {
  const out: string[] = [];
  const b = def.devices.memballoon;
  if (b && b.model !== 'none') {
    rejectExtras(b.extras, 'domain/devices/memballoon', []);
    if (b.model !== 'virtio') throw unsupportedConfig('domain/devices/memballoon', `memballoon model '${b.model}' is not supported`);
    out.push('-device', json({ driver: 'virtio-balloon-pci', id: 'balloon0', ...pciProps(b.address, 'domain/devices/memballoon', def) }));
  }
  def.devices.rngs.forEach((r, i) => {
    const el = `domain/devices/rng[${i + 1}]`;
    rejectExtras(r.extras, el, []);
    if (r.model !== 'virtio') throw unsupportedConfig(el, `rng model '${r.model}' is not supported`);
    if (!r.backend || r.backend.model !== 'random') throw unsupportedConfig(`${el}/backend`, "only <backend model='random'> is supported");
    rejectExtras(r.backend.extras, `${el}/backend`, []);
    out.push('-object', json({ 'qom-type': 'rng-random', id: `objrng${i}`, filename: r.backend.path ?? '/dev/urandom' }));
    out.push('-device', json({ driver: 'virtio-rng-pci', rng: `objrng${i}`, id: `rng${i}`, ...pciProps(r.address, el, def) }));
  });
  return out;
}
