import { createHash } from 'node:crypto';
import path from 'node:path';
import { type DomainDef, type AddressDef, type ControllerDef, type XmlElement, cloneDomainDef } from '@virtkit/core';
import { audioElements } from './audio-args.js';
import { canonicalMachine, type QemuCaps } from './qemu-caps.js';
import { unsupportedConfig } from './errors.js';
import { formatPciAddress, type PciSlot } from './pci-address.js';
import { selectFirmware } from './firmware.js';
import { fillNumadPlacement } from './host-affinity.js';
import { fillNumaCellCpus, numaCells } from './memory-args.js';
import { elementAddress, filesystems } from './filesystem-args.js';
import { soundIsPci, sounds } from './sound-args.js';
import { fillGenid, panics } from './platform-args.js';
import { assignPciAddresses, type PciConnect, type PciUser } from './pci-topology.js';
import { fillCompanionMaster, isCompanion, usb2SlotSet } from './usb-args.js';
import { assignUsbAddresses } from './usb-address.js';
import { smartcards } from './smartcard-args.js';
import { cryptos } from './crypto-args.js';

export type MachineFamily = 'i440fx' | 'q35';

/** The emulators this driver runs (and probes). */
export function isX86Emulator(binary: string): boolean {
  return path.isAbsolute(binary) && /^qemu-(system-x86_64|system-i386|kvm)$/.test(path.basename(binary));
}

export function machineFamily(machine: string): MachineFamily {
  if (/^pc-q35-/.test(machine) || machine === 'q35') return 'q35';
  if (/^pc-i440fx-/.test(machine) || machine === 'pc') return 'i440fx';
  throw unsupportedConfig('domain/os/type/@machine', `machine type '${machine}' is not supported (only i440fx and q35 PCs)`);
}

/** The default CPU libvirt writes for a TCG pc/q35 guest. */
export const DEFAULT_CPU_MODEL = 'qemu64';

/**
 * A MAC in QEMU's 52:54:00 range derived from the domain UUID and the NIC's
 * position: stable for a definition, different between definitions.
 */
export function generatedMac(uuid: string, index: number): string {
  const key = `${uuid}:${index}`;
  let mac = generatedMacs.get(key);
  if (mac === undefined) {
    const h = createHash('sha256').update(key).digest();
    mac = ['52', '54', '00', ...[h[0], h[1], h[2]].map((b) => b.toString(16).padStart(2, '0'))].join(':');
    // Every canonicalisation of a definition asks again: its MACs are kept, up to a bound.
    if (generatedMacs.size >= GENERATED_MACS_KEPT) generatedMacs.clear();
    generatedMacs.set(key, mac);
  }
  return mac;
}
const generatedMacs = new Map<string, string>();
const GENERATED_MACS_KEPT = 4096;

/** Where PIIX3's USB function sits on every i440fx machine. */
const PIIX3_USB: PciSlot = { slot: 1, fn: 2 };


/**
 * The guest-ABI choices libvirt makes at define time, written into the XML
 * so a destination rebuilds the identical guest: the machine alias resolved
 * to the installed QEMU's versioned type, the default CPU model, a default
 * memballoon, NIC models and MACs, and a PCI slot for every PCI device
 * (video first, then NICs, controllers, virtio disks, balloon, RNG). Pure:
 * the same definition and caps give the same result.
 */
export function canonicalizeDomain(input: DomainDef, caps: QemuCaps): DomainDef {
  const def = cloneDomainDef(input);
  if (def.os.type !== 'hvm') throw unsupportedConfig('domain/os/type', `os type '${def.os.type}' is not supported by QEMU (only 'hvm')`);
  def.os.arch ??= 'x86_64';
  if (def.os.arch !== 'x86_64' && def.os.arch !== 'i686') throw unsupportedConfig('domain/os/type/@arch', `architecture '${def.os.arch}' is not supported (x86_64, i686)`);
  const machine = canonicalMachine(caps, def.os.machine);
  if (!machine) {
    throw unsupportedConfig('domain/os/type/@machine', `QEMU binary ${caps.binary} does not support machine type '${def.os.machine ?? '(default)'}'`);
  }
  def.os.machine = machine;
  const family = machineFamily(machine);
  selectFirmware(def, caps.firmware ?? []);
  def.devices.emulator ??= caps.binary;
  if (!isX86Emulator(def.devices.emulator)) {
    throw unsupportedConfig('domain/devices/emulator', `'${def.devices.emulator}' is not a QEMU x86 emulator (qemu-system-x86_64, qemu-system-i386 or qemu-kvm)`);
  }
  if (def.onPoweroff !== undefined && def.onPoweroff !== 'destroy') throw unsupportedConfig('domain/on_poweroff', `'${def.onPoweroff}' is not supported (destroy)`);
  if (def.onReboot !== undefined && def.onReboot !== 'restart' && def.onReboot !== 'destroy') throw unsupportedConfig('domain/on_reboot', `'${def.onReboot}' is not supported (restart, destroy)`);
  if (def.onCrash !== undefined && def.onCrash !== 'destroy' && def.onCrash !== 'restart') throw unsupportedConfig('domain/on_crash', `'${def.onCrash}' is not supported (destroy, restart)`);
  // QEMU sizes RAM in whole MiB; libvirt rounds up and records it.
  def.memory.kib = Math.ceil(def.memory.kib / 1024) * 1024;
  fillNumaCellCpus(def);
  fillNumadPlacement(def);
  // With guest NUMA cells, the memory is theirs (each rounded to MiB).
  const cells = numaCells(def);
  if (cells.length > 0) def.memory.kib = cells.reduce((n, c) => n + c.kib, 0);
  if (def.currentMemory && def.currentMemory.kib > def.memory.kib) def.currentMemory.kib = def.memory.kib;
  def.cpu ??= { features: [] };
  if ((def.cpu.mode ?? 'custom') === 'custom' && !def.cpu.model) {
    // A <cpu> with only a topology gets the default model, as libvirt fills it in.
    def.cpu.mode = 'custom';
    def.cpu.match ??= 'exact';
    def.cpu.check ??= 'none';
    def.cpu.model = { name: DEFAULT_CPU_MODEL, fallback: 'forbid' };
  }
  // A topology names every level, as libvirt writes it back: one die per socket, one cluster per die.
  if (def.cpu.topology) {
    def.cpu.topology.dies ??= 1;
    def.cpu.topology.clusters ??= 1;
  }
  def.devices.memballoon ??= { model: 'virtio' };
  // Every guest gets an audio backend, as libvirt adds one: SPICE's with a SPICE display, else the silent one.
  if (audioElements(def).length === 0) {
    const type = def.devices.graphics.some((g) => g.type === 'spice') ? 'spice' : 'none';
    const node: XmlElement = { kind: 'element', name: 'audio', attrs: { id: '1', type }, children: [] };
    def.devices.extras = { attrs: def.devices.extras?.attrs ?? {}, children: [...(def.devices.extras?.children ?? []), { after: 'video', node }] };
  }
  // The primary video card comes first, as libvirt orders them.
  const primary = def.devices.videos.findIndex((v) => v.model?.primary === 'yes');
  if (primary > 0) def.devices.videos.unshift(...def.devices.videos.splice(primary, 1));
  def.devices.interfaces.forEach((nic, i) => {
    nic.mac ??= generatedMac(def.uuid, i);
    nic.model ??= family === 'q35' ? 'e1000e' : 'rtl8139';
  });
  if (!def.devices.controllers.some((c) => c.type === 'usb')) {
    // libvirt's default USB controller, on every PC guest that does not say <controller type='usb' model='none'/>.
    def.devices.controllers.push({ type: 'usb', index: 0, model: family === 'q35' ? 'qemu-xhci' : 'piix3-uhci' });
  }
  numberUsbControllers(def);
  for (const c of def.devices.controllers) {
    if (c.type !== 'usb') continue;
    c.model ??= family === 'q35' ? 'qemu-xhci' : 'piix3-uhci';
    if (c.model === 'piix3-uhci' && family === 'i440fx' && c.index === 0) c.address ??= formatPciAddress(PIIX3_USB);
    fillCompanionMaster(c);
  }
  if (!def.devices.controllers.some((c) => c.type === 'pci' && (c.index ?? 0) === 0)) {
    def.devices.controllers.push({ type: 'pci', index: 0, model: family === 'q35' ? 'pcie-root' : 'pci-root' });
  }
  if (family === 'q35' && !def.devices.controllers.some((c) => c.type === 'sata' && (c.index ?? 0) === 0)) {
    // The ICH9 AHCI controller q35 always has.
    def.devices.controllers.push({ type: 'sata', index: 0 });
  }
  fillGenid(def);
  addScsiAddresses(def);
  // Floppy drives hang off the floppy controller, which libvirt records.
  if (def.devices.disks.some((x) => x.device === 'floppy') && !def.devices.controllers.some((c) => c.type === 'fdc')) def.devices.controllers.push({ type: 'fdc', index: 0 });
  addConsoleCompat(def);
  addVirtioSerialPorts(def);
  addSmartcardReaders(def);
  let nextPci = Math.max(0, ...def.devices.controllers.filter((c) => c.type === 'pci').map((c) => c.index ?? 0)) + 1;
  for (const c of def.devices.controllers) {
    if (c.type === 'pci' && c.index === undefined && c.model !== 'pci-root' && c.model !== 'pcie-root') c.index = nextPci++;
    c.index ??= 0;
    if (c.type === 'sata' && family === 'q35' && c.index === 0) c.address ??= formatPciAddress({ slot: 0x1f, fn: 2 });
    if (c.type === 'ide' && family === 'i440fx' && c.index === 0) c.address ??= formatPciAddress({ slot: 1, fn: 1 });
  }
  sortControllers(def);
  // q35's ICH9 TCO watchdog is always there; libvirt records it.
  if (family === 'q35' && !def.devices.watchdogs.some((w) => w.model === 'itco')) def.devices.watchdogs.push({ model: 'itco', action: def.devices.watchdogs[0]?.action ?? 'reset' });
  const { users, primaryVideo } = pciUsers(def, family);
  assignPciAddresses(def, family, users, primaryVideo);
  // The controllers assignPciAddresses added go to their type's place.
  sortControllers(def);
  assignUsbAddresses(def);
  return def;
}

/**
 * Virtio channels get <address type='virtio-serial' controller bus='0'
 * port='N'/> as libvirt assigns them: an unaddressed channel takes the
 * lowest free port from 1 on the first controller with one left (a
 * controller has its ports attribute's number of ports, else 31, port 0
 * being the console's), and a controller is added when none has.
 */
function addVirtioSerialPorts(def: DomainDef): void {
  const d = def.devices;
  const virtio = d.channels.filter((c) => c.target?.type === 'virtio');
  if (virtio.length === 0) return;
  const used = new Map<string, Set<number>>();
  const portsOf = (key: string) => {
    if (!used.has(key)) used.set(key, new Set());
    return used.get(key)!;
  };
  for (const c of virtio) {
    const a = c.address;
    if (a?.type !== 'virtio-serial' || a.port === undefined) continue;
    portsOf(`${a.controller ?? 0}.${a.bus ?? 0}`).add(Number(a.port));
  }
  // A channel without a controller means controller 0, which libvirt adds first.
  if (virtio.some((c) => c.address?.controller === undefined) && !d.controllers.some((c) => c.type === 'virtio-serial' && (c.index ?? 0) === 0)) d.controllers.push({ type: 'virtio-serial', index: 0 });
  const controllers = () => d.controllers.filter((c) => c.type === 'virtio-serial').sort((x, y) => (x.index ?? 0) - (y.index ?? 0));
  const maxPorts = (n: number) => Number(controllers().find((c) => (c.index ?? 0) === n)?.extras?.attrs.ports ?? 31);
  const freePort = (n: number) => {
    const ports = portsOf(`${n}.0`);
    for (let p = 1; p < maxPorts(n); p++) if (!ports.has(p)) return p;
    return undefined;
  };
  for (const c of virtio) {
    const a = c.address ?? { type: 'virtio-serial' };
    if (a.type !== 'virtio-serial') continue;
    if (a.controller === undefined && a.port === undefined) {
      let n = controllers().map((x) => x.index ?? 0).find((i) => freePort(i) !== undefined);
      if (n === undefined) {
        n = Math.max(-1, ...controllers().map((x) => x.index ?? 0)) + 1;
        d.controllers.push({ type: 'virtio-serial', index: n });
      }
      a.controller = String(n);
    }
    a.controller ??= '0';
    a.bus ??= '0';
    const ports = portsOf(`${a.controller}.${a.bus}`);
    if (a.port === undefined) {
      let p = 1;
      while (ports.has(p)) p++;
      a.port = String(p);
    }
    ports.add(Number(a.port));
    c.address = a;
  }
  for (const n of new Set(virtio.map((c) => Number(c.address?.controller ?? 0)))) {
    if (!d.controllers.some((c) => c.type === 'virtio-serial' && (c.index ?? 0) === n)) d.controllers.push({ type: 'virtio-serial', index: n });
  }
}

/**
 * libvirt's console rules for x86 (virDomainDefAddConsoleCompat): a first
 * console that is not on serial0 while there are serial ports gets serial0's
 * console put before it; a virtio console needs virtio-serial controller 0.
 */
function addConsoleCompat(def: DomainDef): void {
  const d = def.devices;
  const first = d.consoles[0];
  if (first && (first.target?.type ?? 'serial') !== 'serial' && d.serials.length > 0) {
    const s = d.serials[0];
    d.consoles.unshift({ type: s.type, ...(s.source ? { source: { ...s.source } } : {}), ...(s.protocol ? { protocol: s.protocol } : {}), target: { type: 'serial', port: '0' } });
  }
  if (d.consoles.some((c) => c.target?.type === 'virtio') && !d.controllers.some((c) => c.type === 'virtio-serial' && (c.index ?? 0) === 0)) d.controllers.push({ type: 'virtio-serial', index: 0 });
}

/** Each smartcard gets <address type='ccid' controller='0' slot='0'/> and its CCID reader is added, as libvirt adds them. */
function addSmartcardReaders(def: DomainDef): void {
  for (const s of smartcards(def)) {
    const a = elementAddress(s);
    if (!a.get()) a.set({ type: 'ccid', controller: '0', slot: '0' });
    const n = Number(a.get()!.controller ?? 0);
    if (!def.devices.controllers.some((c) => c.type === 'ccid' && (c.index ?? 0) === n)) def.devices.controllers.push({ type: 'ccid', index: n });
  }
}

/**
 * SCSI disks get <address type='drive'> as libvirt assigns it (seven units
 * per controller, controller = index / 7), and each controller they name
 * that the XML lacks is added with libvirt's x86 default model, lsilogic.
 */
function addScsiAddresses(def: DomainDef): void {
  const d = def.devices;
  for (const disk of d.disks) {
    if (diskBus(disk.target.dev, disk.target.bus) !== 'scsi') continue;
    disk.target.bus ??= 'scsi';
    if (!disk.address) {
      const m = /^sd([a-z]+)$/.exec(disk.target.dev);
      if (!m) continue;
      let idx = 0;
      for (const ch of m[1]) idx = idx * 26 + (ch.charCodeAt(0) - 96);
      idx -= 1;
      disk.address = { type: 'drive', controller: String(Math.floor(idx / 7)), bus: '0', target: '0', unit: String(idx % 7) };
    }
    const n = Number(disk.address.controller ?? 0);
    if (!d.controllers.some((c) => c.type === 'scsi' && (c.index ?? 0) === n)) d.controllers.push({ type: 'scsi', index: n, model: 'lsilogic' });
  }
  // 'auto' is the hypervisor's default model, which libvirt records.
  for (const c of d.controllers) if (c.type === 'scsi' && (c.model === undefined || c.model === 'auto')) c.model = 'lsilogic';
}

/**
 * USB controllers without an index get one as libvirt gives it: an ICH9
 * USB2 controller joins the set of the USB controller before it when that
 * set is USB2 and lacks its model; any other takes the lowest unused index.
 */
function numberUsbControllers(def: DomainDef): void {
  const usb = def.devices.controllers.filter((c) => c.type === 'usb');
  usb.forEach((c, i) => {
    if (c.index !== undefined) return;
    const prev = usb[i - 1];
    if (prev && usb2SlotSet(c, false).slotSet && usb2SlotSet(prev, false).slotSet && !usb.some((o) => o.index === prev.index && o.model === c.model)) {
      c.index = prev.index;
      return;
    }
    let n = 0;
    while (usb.some((o) => o.index === n)) n++;
    c.index = n;
  });
}

/**
 * libvirt's controller order (each one is inserted by
 * virDomainControllerInsert): grouped by type in the order the types first
 * appear, by index within a type, an EHCI controller before its UHCI
 * companions at one index.
 */
function sortControllers(def: DomainDef): void {
  const types = [...new Set(def.devices.controllers.map((c) => c.type))];
  def.devices.controllers = types.flatMap((t) => def.devices.controllers.filter((c) => c.type === t)
    .sort((x, y) => (x.index ?? 0) - (y.index ?? 0) || Number(isCompanion(x)) - Number(isCompanion(y))));
}

/** Whether a PCI device model is PCI Express (q35 puts it in a root port) or conventional PCI (behind a bridge). */
function connectOf(q35: boolean, pcie: boolean): PciConnect {
  return q35 && !pcie ? 'pci' : 'pcie';
}

const PCIE_NICS = new Set(['virtio', 'e1000e', 'virtio-transitional', 'virtio-non-transitional']);
const PCIE_USB = new Set(['qemu-xhci', 'nec-xhci']);
const PCIE_VIDEO = new Set(['virtio', 'bochs']);

/** The PCI devices of a definition but PCI controllers, in libvirt's address assignment order (qemuDomainAssignDevicePCISlots); the primary video apart. */
function pciUsers(def: DomainDef, family: MachineFamily): { users: PciUser[]; primaryVideo?: PciUser } {
  const q35 = family === 'q35';
  const users: PciUser[] = [];
  let ich9Placed = false;
  const user = (element: string, connect: PciConnect, o: { address?: AddressDef }): PciUser => ({ element, connect, get: () => o.address, set: (a) => { o.address = a; } });
  const d = def.devices;
  const ctl = (c: ControllerDef) => `domain/devices/controller[${d.controllers.indexOf(c) + 1}]`;
  filesystems(def).forEach((f, i) => users.push({ element: `domain/devices/filesystem[${i + 1}]`, connect: 'pcie', ...elementAddress(f) }));
  d.interfaces.forEach((n, i) => users.push(user(`domain/devices/interface[${i + 1}]`, connectOf(q35, PCIE_NICS.has(n.model ?? '')), n)));
  sounds(def).forEach((s, i) => {
    if (!soundIsPci(s)) return;
    const u: PciUser = { element: `domain/devices/sound[${i + 1}]`, connect: connectOf(q35, false), ...elementAddress(s) };
    // Real ICH9 has its HD audio at 00:1b.0; libvirt puts the first unaddressed one there.
    if (q35 && s.attrs.model === 'ich9' && !u.get() && !ich9Placed) {
      ich9Placed = true;
      u.set(formatPciAddress({ slot: 0x1b, fn: 0 }));
    }
    users.push(u);
  });
  for (const c of d.controllers) {
    if (c.type === 'usb' && c.model !== 'none') users.push({ ...user(ctl(c), connectOf(q35, PCIE_USB.has(c.model ?? '')), c), ...usb2SlotSet(c, q35) });
    else if (c.type === 'virtio-serial') users.push(user(ctl(c), 'pcie', c));
    else if (c.type === 'scsi') users.push(user(ctl(c), connectOf(q35, c.model === 'virtio-scsi'), c));
  }
  d.disks.forEach((disk, i) => { if (diskBus(disk.target.dev, disk.target.bus) === 'virtio') users.push(user(`domain/devices/disk[${i + 1}]`, 'pcie', disk)); });
  if (d.memballoon && d.memballoon.model !== 'none') users.push(user('domain/devices/memballoon', 'pcie', d.memballoon));
  d.rngs.forEach((r, i) => users.push(user(`domain/devices/rng[${i + 1}]`, 'pcie', r)));
  d.watchdogs.forEach((w, i) => { if (w.model === 'i6300esb') users.push(user(`domain/devices/watchdog[${i + 1}]`, connectOf(q35, false), w)); });
  panics(def).forEach((p, i) => { if (p.attrs.model === 'pvpanic') users.push({ element: `domain/devices/panic[${i + 1}]`, connect: 'pcie', ...elementAddress(p) }); });
  let primaryVideo: PciUser | undefined;
  d.videos.forEach((v, i) => {
    if (v.model?.type === 'none') return;
    const u = user(`domain/devices/video[${i + 1}]`, connectOf(q35, PCIE_VIDEO.has(v.model?.type ?? '')), v);
    if (i === 0) primaryVideo = u;
    else users.push(u);
  });
  d.inputs.forEach((inp, i) => { if (inp.bus === 'virtio') users.push(user(`domain/devices/input[${i + 1}]`, 'pcie', inp)); });
  cryptos(def).forEach((c, i) => users.push({ element: `domain/devices/crypto[${i + 1}]`, connect: 'pcie', ...elementAddress(c) }));
  return { users, primaryVideo };
}

/** The disk bus: the explicit one, else libvirt's guess from the target name. */
export function diskBus(dev: string, bus: string | undefined): string {
  if (bus) return bus;
  if (dev.startsWith('vd')) return 'virtio';
  if (dev.startsWith('hd')) return 'ide';
  if (dev.startsWith('sd')) return 'scsi';
  if (dev.startsWith('fd')) return 'fdc';
  return 'ide';
}

