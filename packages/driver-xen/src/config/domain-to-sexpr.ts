import {
  ErrorCode, ErrorDomain, errorReporter, type DiskDef, type DomainDef, type GraphicsDef, type InterfaceDef,
} from '@virtkit/core';
import type { Sexpr } from '../sexpr/index.js';
import { charDeviceToXen } from './char-device.js';
import { extraElement, extraText } from './extras.js';

const fail = errorReporter(ErrorDomain.XEN);

const p = (key: string, value: string | number): Sexpr[] => [key, String(value)];
const mib = (kib: number) => Math.ceil(kib / 1024);
const BOOT_LETTERS: Record<string, string> = { fd: 'a', hd: 'c', cdrom: 'd', network: 'n' };
const HVM_FEATURES = ['acpi', 'apic', 'pae', 'hap', 'viridian'];

/** True for Xen's paravirtualised guests (os type linux or xen). */
function isPvOsType(type: string): boolean {
  return type === 'linux' || type === 'xen';
}

/**
 * The xend config `(vm …)` for a domain definition, as libvirt's
 * xenFormatSxpr builds it for op=new and op=create: memory in MiB rounded
 * up, lifecycle actions always present, the image (PV linux or HVM), then
 * disks, vifs and, for PV guests, the vkbd/vfb pair.
 */
export function domainToSexpr(def: DomainDef): Sexpr[] {
  const hvm = def.os.type === 'hvm';
  if (!hvm && !isPvOsType(def.os.type)) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `os type '${def.os.type}' is not supported by Xen (use hvm or linux)`);
  const max = def.memory.kib;
  const cur = Math.min(def.currentMemory?.kib ?? max, max);
  const vm: Sexpr[] = ['vm', p('name', def.name), p('memory', mib(cur)), p('maxmem', mib(max)), p('vcpus', def.vcpu.count)];
  const avail = vcpuAvail(def);
  if (avail !== undefined) vm.push(p('vcpu_avail', avail));
  if (def.vcpu.cpuset !== undefined) vm.push(p('cpus', def.vcpu.cpuset));
  vm.push(p('uuid', def.uuid));
  if (def.description !== undefined) vm.push(p('description', def.description));
  const bootloader = extraText(def.extras, 'bootloader');
  if (bootloader !== undefined) vm.push(bootloader.trim() === '' ? ['bootloader'] : p('bootloader', bootloader.trim()));
  const bootloaderArgs = extraText(def.extras, 'bootloader_args');
  if (bootloaderArgs !== undefined) vm.push(p('bootloader_args', bootloaderArgs));
  vm.push(p('on_poweroff', def.onPoweroff ?? 'destroy'), p('on_reboot', def.onReboot ?? 'restart'), p('on_crash', def.onCrash ?? 'destroy'));
  const localtime = isLocaltime(def) ? '1' : '0';
  vm.push(['image', hvm ? hvmImage(def, localtime) : pvImage(def, localtime)]);
  vm.push(p('localtime', localtime));
  for (const disk of sortedDisks(def)) vm.push(['device', diskSexpr(disk, hvm)]);
  for (const nic of def.devices.interfaces) vm.push(['device', vifSexpr(nic)]);
  if (!hvm) {
    const g = def.devices.graphics[0];
    if (g) vm.push(['device', ['vkbd']], ['device', ['vfb', ...pvGraphics(g)]]);
  }
  return vm;
}

function vcpuAvail(def: DomainDef): string | undefined {
  const cur = def.vcpu.current;
  if (cur === undefined || cur >= def.vcpu.count) return undefined;
  return ((1n << BigInt(cur)) - 1n).toString();
}

function isLocaltime(def: DomainDef): boolean {
  const c = def.clock;
  if (!c) return false;
  return c.offset === 'localtime' || (c.offset === 'variable' && c.extras?.attrs.basis === 'localtime');
}

function pvImage(def: DomainDef, localtime: string): Sexpr[] {
  const os = def.os;
  const linux: Sexpr[] = ['linux'];
  if (os.kernel !== undefined) linux.push(p('kernel', os.kernel));
  if (os.initrd !== undefined) linux.push(p('ramdisk', os.initrd));
  if (os.cmdline !== undefined) linux.push(p('args', os.cmdline));
  linux.push(p('localtime', localtime));
  return linux;
}

function hvmImage(def: DomainDef, localtime: string): Sexpr[] {
  const os = def.os;
  const loader = os.loader?.path;
  const hvm: Sexpr[] = ['hvm'];
  if (os.kernel !== undefined) {
    hvm.push(p('kernel', os.kernel));
    if (os.initrd !== undefined) hvm.push(p('ramdisk', os.initrd));
    if (os.cmdline !== undefined) hvm.push(p('args', os.cmdline));
    if (loader !== undefined) hvm.push(p('loader', loader));
  } else {
    if (loader === undefined) throw fail(ErrorCode.CONFIG_UNSUPPORTED, 'an HVM guest needs a <loader> (e.g. /usr/lib/xen/boot/hvmloader) or a <kernel>');
    hvm.push(p('kernel', loader));
  }
  hvm.push(p('vcpus', def.vcpu.count));
  const avail = vcpuAvail(def);
  if (avail !== undefined) hvm.push(p('vcpu_avail', avail));
  hvm.push(p('boot', os.boot.length === 0 ? 'c' : os.boot.map((b) => BOOT_LETTERS[b]).join('')));
  const features = new Set((def.features ?? []).map((f) => f.name));
  for (const f of HVM_FEATURES) if (features.has(f)) hvm.push(p(f, 1));
  hvm.push(p('usb', 1));
  const usbInput = def.devices.inputs.find((i) => i.bus === 'usb');
  if (usbInput) hvm.push(p('usbdevice', usbInput.type));
  hvm.push(charList('parallel', def.devices.parallels.map(charDeviceToXen)));
  const serials = def.devices.serials.map(charDeviceToXen);
  if (serials.length === 0 && def.devices.consoles.length > 0) serials.push('pty');
  hvm.push(charList('serial', serials));
  if (def.devices.emulator !== undefined) hvm.push(p('device_model', def.devices.emulator));
  const g = def.devices.graphics[0];
  if (g) hvm.push(...hvmGraphics(g));
  const adjustment = def.clock?.offset === 'variable' ? def.clock.extras?.attrs.adjustment : undefined;
  hvm.push(p('rtc_timeoffset', adjustment !== undefined && /^-?\d+$/.test(adjustment) ? adjustment : '0'));
  hvm.push(p('localtime', localtime));
  return hvm;
}

/** `(serial none)`, `(serial pty)`, or `(serial (pty none file:/x))` for several ports. */
function charList(key: string, values: string[]): Sexpr[] {
  if (values.length === 0) return p(key, 'none');
  if (values.length === 1) return p(key, values[0]);
  return [key, values];
}

function vncFields(g: GraphicsDef): Sexpr[] {
  const a = g.attrs;
  const port = a.port === undefined ? -1 : Number(a.port);
  const auto = a.autoport === 'yes' || port < 0;
  const out: Sexpr[] = [p('vncunused', auto ? 1 : 0)];
  if (!auto && port >= 5900) out.push(p('vncdisplay', port - 5900));
  if (a.listen !== undefined) out.push(p('vnclisten', a.listen));
  if (a.passwd !== undefined) out.push(p('vncpasswd', a.passwd));
  if (a.keymap !== undefined) out.push(p('keymap', a.keymap));
  return out;
}

function sdlFields(g: GraphicsDef): Sexpr[] {
  const out: Sexpr[] = [];
  if (g.attrs.display !== undefined) out.push(p('display', g.attrs.display));
  if (g.attrs.xauth !== undefined) out.push(p('xauthority', g.attrs.xauth));
  return out;
}

function hvmGraphics(g: GraphicsDef): Sexpr[] {
  if (g.type === 'vnc') return [p('vnc', 1), ...vncFields(g)];
  if (g.type === 'sdl') return [p('sdl', 1), ...sdlFields(g)];
  throw fail(ErrorCode.CONFIG_UNSUPPORTED, `graphics type '${g.type}' is not supported by Xen`);
}

function pvGraphics(g: GraphicsDef): Sexpr[] {
  if (g.type === 'vnc') return [p('type', 'vnc'), ...vncFields(g)];
  if (g.type === 'sdl') return [p('type', 'sdl'), ...sdlFields(g)];
  throw fail(ErrorCode.CONFIG_UNSUPPORTED, `graphics type '${g.type}' is not supported by Xen`);
}

/** Target names without qemu-dm's "ioemu:" prefix, which libvirt strips too. */
function diskTargetName(d: DiskDef): string {
  return d.target.dev.replace(/^ioemu:/, '');
}

const BUS_ORDER: Record<string, number> = { ide: 0, fdc: 1, scsi: 2, xen: 3, virtio: 4, usb: 5 };

export function diskBus(dev: string, hvm: boolean): string {
  if (dev.startsWith('xvd')) return 'xen';
  if (dev.startsWith('hd')) return 'ide';
  if (dev.startsWith('sd')) return 'scsi';
  if (dev.startsWith('fd')) return 'fdc';
  return hvm ? 'ide' : 'xen';
}

/** hda → 0, hdc → 2, xvdaa → 26: the index libvirt orders disks by. */
function diskIndex(dev: string): number {
  const letters = /^(?:xvd|hd|sd|vd|fd)([a-z]+)$/.exec(dev)?.[1];
  if (!letters) return Number.MAX_SAFE_INTEGER;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 96);
  return n - 1;
}

/** Disks ordered by bus and target index, as libvirt keeps them. */
function sortedDisks(def: DomainDef): DiskDef[] {
  const hvm = def.os.type === 'hvm';
  const key = (d: DiskDef) => {
    const name = diskTargetName(d);
    return [BUS_ORDER[d.target.bus ?? diskBus(name, hvm)] ?? 9, diskIndex(name)];
  };
  return def.devices.disks.map((d, i) => ({ d, i, k: key(d) })).sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i).map((x) => x.d);
}

function diskSexpr(d: DiskDef, hvm: boolean): Sexpr[] {
  if (!['disk', 'cdrom', 'floppy'].includes(d.device)) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `disk device '${d.device}' is not supported by Xen`);
  const driverName = d.driver?.name;
  const kind = driverName === 'tap' || driverName === 'tap2' ? driverName : 'vbd';
  const name = diskTargetName(d);
  const dev = hvm || d.device !== 'disk' ? `${name}:${d.device}` : name;
  const out: Sexpr[] = [kind, p('dev', dev)];
  if (d.source) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `disk '${name}': only file and block sources are supported by Xen`);
  if (d.sourcePath !== undefined) {
    let uname: string;
    if (kind !== 'vbd') {
      const sub = d.driver?.type === undefined || d.driver.type === 'raw' ? 'aio' : d.driver.type;
      uname = `${kind}:${sub}:${d.sourcePath}`;
    } else if (d.type === 'block' || driverName === 'phy') uname = `phy:${d.sourcePath}`;
    else if (d.type === 'file') uname = `${driverName ?? 'file'}:${d.sourcePath}`;
    else throw fail(ErrorCode.CONFIG_UNSUPPORTED, `disk '${name}': source type '${d.type}' is not supported by Xen`);
    out.push(p('uname', uname));
  }
  out.push(p('mode', d.readonly || d.device === 'cdrom' ? 'r' : d.shareable ? 'w!' : 'w'));
  return out;
}

function vifSexpr(n: InterfaceDef): Sexpr[] {
  const vif: Sexpr[] = ['vif'];
  if (n.mac !== undefined) vif.push(p('mac', n.mac));
  if (n.type === 'bridge') {
    const bridge = n.source?.bridge;
    if (bridge === undefined || bridge === '') throw fail(ErrorCode.CONFIG_UNSUPPORTED, 'a bridge interface needs <source bridge=…/>');
    vif.push(p('bridge', bridge));
  } else if (n.type !== 'ethernet') {
    throw fail(ErrorCode.CONFIG_UNSUPPORTED, `interface type '${n.type}' is not supported by the Xen driver (use bridge or ethernet)`);
  }
  if (n.script !== undefined) vif.push(p('script', n.script));
  const ip = extraElement(n.extras, 'ip')?.attrs.address;
  if (ip !== undefined) vif.push(p('ip', ip));
  if (n.targetDev !== undefined && !n.targetDev.startsWith('vif')) vif.push(p('vifname', n.targetDev));
  if (n.model === 'netfront') vif.push(p('type', 'netfront'));
  else if (n.model !== undefined) vif.push(p('model', n.model));
  return vif;
}
