import { createHash } from 'node:crypto';
import path from 'node:path';
import { type DomainDef, type AddressDef, cloneDomainDef } from '@virtkit/core';
import { canonicalMachine, type QemuCaps } from './qemu-caps.js';
import { unsupportedConfig } from './errors.js';
import { formatPciAddress, parsePciAddress, type PciSlot } from './pci-address.js';

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
  const h = createHash('sha256').update(`${uuid}:${index}`).digest();
  return ['52', '54', '00', ...[h[0], h[1], h[2]].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** Where PIIX3's USB function sits on every i440fx machine. */
const PIIX3_USB: PciSlot = { slot: 1, fn: 2 };

interface PciUser {
  element: string;
  get(): AddressDef | undefined;
  set(a: AddressDef): void;
}

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
  def.devices.emulator ??= caps.binary;
  if (!isX86Emulator(def.devices.emulator)) {
    throw unsupportedConfig('domain/devices/emulator', `'${def.devices.emulator}' is not a QEMU x86 emulator (qemu-system-x86_64, qemu-system-i386 or qemu-kvm)`);
  }
  if (def.onPoweroff !== undefined && def.onPoweroff !== 'destroy') throw unsupportedConfig('domain/on_poweroff', `'${def.onPoweroff}' is not supported (destroy)`);
  if (def.onReboot !== undefined && def.onReboot !== 'restart' && def.onReboot !== 'destroy') throw unsupportedConfig('domain/on_reboot', `'${def.onReboot}' is not supported (restart, destroy)`);
  if (def.onCrash !== undefined && def.onCrash !== 'destroy' && def.onCrash !== 'restart') throw unsupportedConfig('domain/on_crash', `'${def.onCrash}' is not supported (destroy, restart)`);
  // QEMU sizes RAM in whole MiB; libvirt rounds up and records it.
  def.memory.kib = Math.ceil(def.memory.kib / 1024) * 1024;
  if (def.currentMemory && def.currentMemory.kib > def.memory.kib) def.currentMemory.kib = def.memory.kib;
  def.cpu ??= { features: [] };
  if ((def.cpu.mode ?? 'custom') === 'custom' && !def.cpu.model) {
    // A <cpu> with only a topology gets the default model, as libvirt fills it in.
    def.cpu.mode = 'custom';
    def.cpu.match ??= 'exact';
    def.cpu.check ??= 'none';
    def.cpu.model = { name: DEFAULT_CPU_MODEL, fallback: 'forbid' };
  }
  def.devices.memballoon ??= { model: 'virtio' };
  def.devices.interfaces.forEach((nic, i) => {
    nic.mac ??= generatedMac(def.uuid, i);
    nic.model ??= family === 'q35' ? 'e1000e' : 'rtl8139';
  });
  for (const c of def.devices.controllers) {
    if (c.type !== 'usb') continue;
    c.index ??= 0;
    c.model ??= family === 'q35' ? 'qemu-xhci' : 'piix3-uhci';
    if (c.model === 'piix3-uhci' && family === 'i440fx') c.address ??= formatPciAddress(PIIX3_USB);
  }
  assignPciSlots(def, family);
  return def;
}

function pciUsers(def: DomainDef): PciUser[] {
  const users: PciUser[] = [];
  const add = (element: string, o: { address?: AddressDef }) => users.push({ element, get: () => o.address, set: (a) => { o.address = a; } });
  const d = def.devices;
  d.videos.forEach((v, i) => { if (v.model?.type !== 'none') add(`domain/devices/video[${i + 1}]`, v); });
  d.interfaces.forEach((n, i) => add(`domain/devices/interface[${i + 1}]`, n));
  d.controllers.forEach((c, i) => {
    if ((c.type === 'usb' && c.model !== 'none') || c.type === 'virtio-serial') add(`domain/devices/controller[${i + 1}]`, c);
  });
  d.disks.forEach((disk, i) => { if (diskBus(disk.target.dev, disk.target.bus) === 'virtio') add(`domain/devices/disk[${i + 1}]`, disk); });
  if (d.memballoon && d.memballoon.model !== 'none') add('domain/devices/memballoon', d.memballoon);
  d.rngs.forEach((r, i) => add(`domain/devices/rng[${i + 1}]`, r));
  return users;
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

function assignPciSlots(def: DomainDef, family: MachineFamily): void {
  const taken = new Map<number, string>();
  taken.set(0, 'host bridge');
  if (family === 'i440fx') taken.set(1, 'PIIX3');
  else taken.set(0x1f, 'ICH9');
  const users = pciUsers(def);
  const usedFns = new Set<string>();
  for (const u of users) {
    const a = u.get();
    if (!a) continue;
    const s = parsePciAddress(a, u.element);
    const key = `${s.slot}.${s.fn}`;
    const builtin = family === 'i440fx' && s.slot === 1 && s.fn === PIIX3_USB.fn;
    if (usedFns.has(key) || (taken.has(s.slot) && !builtin)) throw unsupportedConfig(u.element, `PCI address slot ${a.slot} function ${a.function ?? '0x0'} is already in use`);
    usedFns.add(key);
    if (!builtin) taken.set(s.slot, u.element);
  }
  let next = 1;
  const isVideo = (u: PciUser) => u.element.startsWith('domain/devices/video');
  for (const u of users) {
    if (u.get()) continue;
    // libvirt keeps slot 2 (i440fx) or 1 (q35) for the primary video card.
    if (isVideo(u) && !taken.has(family === 'i440fx' ? 2 : 1)) {
      const slot = family === 'i440fx' ? 2 : 1;
      taken.set(slot, u.element);
      u.set(formatPciAddress({ slot, fn: 0 }));
      continue;
    }
    while (next < 32 && taken.has(next)) next++;
    if (next >= 32) throw unsupportedConfig(u.element, 'no free PCI slot left on the root bus');
    taken.set(next, u.element);
    u.set(formatPciAddress({ slot: next, fn: 0 }));
  }
}
