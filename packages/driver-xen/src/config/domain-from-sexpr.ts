import {
  ErrorCode, ErrorDomain, LIFECYCLE_ACTIONS, errorReporter, element, emptyDevices, normalizeUuid, textElement, validateName,
  type CharDeviceDef, type DiskDef, type DomainDef, type GraphicsDef, type InterfaceDef, type LifecycleAction, type VirtError, type XmlElement,
} from '@virtkit/core';
import { childList, childLists, parseCInteger, popcount, sexprValue, type Sexpr } from '../sexpr/index.js';
import { charDeviceFromXen } from './char-device.js';
import { addExtra } from './extras.js';
import { diskBus } from './domain-to-sexpr.js';

export interface FromSexprOptions {
  /** Keep VNC passwords (libvirt's VIR_DOMAIN_XML_SECURE). */
  secure?: boolean;
}

const fail = errorReporter(ErrorDomain.SEXPR);

function invalid(message: string): VirtError {
  return fail(ErrorCode.INTERNAL_ERROR, `xend domain description: ${message}`);
}

function int(list: readonly Sexpr[] | undefined, key: string): number | undefined {
  const v = sexprValue(list, key);
  if (v === undefined) return undefined;
  const n = parseCInteger(v) ?? (/^-?\d+(\.\d*)?$/.test(v.trim()) ? Math.trunc(Number(v)) : undefined);
  if (n === undefined) throw invalid(`'${key}' is not a number: '${v}'`);
  return n;
}

const BOOT_DEVS: Record<string, string> = { a: 'fd', c: 'hd', d: 'cdrom', n: 'network' };
const DEFAULT_ACTIONS = { on_poweroff: 'destroy', on_reboot: 'restart', on_crash: 'destroy' } as const;

/**
 * A domain definition from xend's `(domain …)` description (or a `(vm …)`
 * config), as libvirt's xenParseSxpr reads it: MiB become KiB, the current
 * vCPU count is the population of vcpu_avail, HVM is recognised by
 * image/hvm, lifecycle actions default to destroy/restart/destroy.
 */
export function domainFromSexpr(root: Sexpr, options: FromSexprOptions = {}): DomainDef {
  if (!Array.isArray(root) || (root[0] !== 'domain' && root[0] !== 'vm')) throw invalid("the root must be a '(domain …)' or '(vm …)' list");
  const name = sexprValue(root, 'name');
  if (name === undefined || name === '') throw invalid('missing domain name');
  try {
    validateName(name);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  const uuidText = sexprValue(root, 'uuid');
  if (uuidText === undefined) throw invalid(`domain '${name}' has no uuid`);
  let uuid: string;
  try {
    uuid = normalizeUuid(uuidText);
  } catch {
    throw invalid(`domain '${name}' has a malformed uuid '${uuidText}'`);
  }
  const image = childList(root, 'image');
  const hvmImage = image ? childList(image, 'hvm') : undefined;
  const pvImage = image ? childList(image, 'linux') : undefined;
  const img = hvmImage ?? pvImage;
  const hvm = hvmImage !== undefined;

  const maxMib = int(root, 'maxmem') || int(root, 'memory') || 0;
  const curMib = Math.min(int(root, 'memory') || maxMib, maxMib);
  const def: DomainDef = {
    type: 'xen',
    name,
    uuid,
    memory: { kib: maxMib * 1024 },
    currentMemory: { kib: curMib * 1024 },
    vcpu: { count: Math.max(1, int(root, 'vcpus') ?? 1) },
    os: { type: hvm ? 'hvm' : 'linux', boot: [] },
    devices: emptyDevices(),
  };
  const domid = int(root, 'domid');
  if (domid !== undefined && domid >= 0) def.id = domid;
  const description = sexprValue(root, 'description');
  if (description !== undefined) def.description = description;
  const avail = sexprValue(root, 'vcpu_avail');
  if (avail !== undefined) {
    const current = Math.min(popcount(parseCInteger(avail) ?? 0), def.vcpu.count);
    if (current > 0 && current < def.vcpu.count) def.vcpu.current = current;
  }
  const cpus = sexprValue(root, 'cpus');
  if (cpus !== undefined && cpus !== '') def.vcpu.cpuset = cpus;

  // Only PV guests boot through a bootloader; an empty (bootloader) means the default one.
  const bootloader = hvm ? undefined : childList(root, 'bootloader');
  if (bootloader) def.extras = addExtra(def.extras, 'vcpu', textElement('bootloader', typeof bootloader[1] === 'string' ? bootloader[1] : ''));
  const bootloaderArgs = sexprValue(root, 'bootloader_args');
  if (!hvm && bootloaderArgs !== undefined && bootloaderArgs !== '') def.extras = addExtra(def.extras, 'vcpu', textElement('bootloader_args', bootloaderArgs));

  if (hvm) {
    const loader = sexprValue(img, 'loader') ?? sexprValue(img, 'kernel');
    if (loader !== undefined) def.os.loader = { path: loader };
    const kernel = sexprValue(img, 'kernel');
    if (kernel !== undefined && kernel !== loader) setKernel(def, img!, kernel);
    for (const letter of sexprValue(img, 'boot') ?? 'c') {
      const dev = BOOT_DEVS[letter];
      if (dev && !def.os.boot.includes(dev)) def.os.boot.push(dev);
    }
    const features: XmlElement[] = [];
    for (const f of ['acpi', 'apic', 'pae', 'hap', 'viridian']) if (sexprValue(img, f) === '1') features.push(element(f));
    if (features.length > 0) def.features = features;
    const emulator = sexprValue(img, 'device_model');
    if (emulator !== undefined) def.devices.emulator = emulator;
  } else if (img) {
    const kernel = sexprValue(img, 'kernel');
    if (kernel !== undefined) setKernel(def, img, kernel);
  }

  const localtime = (sexprValue(img, 'localtime') ?? sexprValue(root, 'localtime')) === '1';
  if (hvm) {
    def.clock = { offset: 'variable', timers: [], extras: { attrs: { adjustment: String(int(img, 'rtc_timeoffset') ?? 0), basis: localtime ? 'localtime' : 'utc' }, children: [] } };
  } else {
    def.clock = { offset: localtime ? 'localtime' : 'utc', timers: [] };
  }
  for (const key of ['on_poweroff', 'on_reboot', 'on_crash'] as const) {
    const v = sexprValue(root, key) ?? DEFAULT_ACTIONS[key];
    if (!(LIFECYCLE_ACTIONS as readonly string[]).includes(v)) throw invalid(`unknown ${key} action '${v}'`);
    const action = v as LifecycleAction;
    if (key === 'on_poweroff') def.onPoweroff = action;
    else if (key === 'on_reboot') def.onReboot = action;
    else def.onCrash = action;
  }

  readDevices(def, root, img, hvm, domid, options);
  return def;
}

function setKernel(def: DomainDef, img: Sexpr[], kernel: string): void {
  def.os.kernel = kernel;
  const ramdisk = sexprValue(img, 'ramdisk');
  if (ramdisk !== undefined && ramdisk !== '') def.os.initrd = ramdisk;
  const args = sexprValue(img, 'args');
  const root = sexprValue(img, 'root');
  const cmdline = [root ? `root=${root}` : undefined, args].filter((s) => s !== undefined && s !== '').join(' ');
  if (cmdline !== '') def.os.cmdline = cmdline;
}

function readDevices(def: DomainDef, root: Sexpr[], img: Sexpr[] | undefined, hvm: boolean, domid: number | undefined, options: FromSexprOptions): void {
  const devices = childLists(root, 'device').map((d) => d[1]).filter((d): d is Sexpr[] => Array.isArray(d) && typeof d[0] === 'string');
  const disks: Array<{ disk: DiskDef; bootable: boolean }> = [];
  let vifIndex = 0;
  let vfb: Sexpr[] | undefined;
  for (const dev of devices) {
    switch (dev[0]) {
      case 'vbd': case 'tap': case 'tap2': {
        const disk = diskFromSexpr(dev, hvm);
        if (disk) disks.push({ disk, bootable: sexprValue(dev, 'bootable') === '1' });
        break;
      }
      case 'vif':
        def.devices.interfaces.push(vifFromSexpr(dev, domid, vifIndex++));
        break;
      case 'vfb':
        vfb ??= dev;
        break;
    }
  }
  // A bootable disk goes first, as libvirt lists it.
  const bootable = disks.findIndex((d) => d.bootable);
  if (bootable > 0) disks.unshift(...disks.splice(bootable, 1));
  def.devices.disks = disks.map((d) => d.disk);

  if (hvm) {
    def.devices.serials = charDevices(img, 'serial');
    def.devices.parallels = charDevices(img, 'parallel');
    if (def.devices.serials.length > 0) {
      const first = def.devices.serials[0];
      def.devices.consoles.push({ ...structuredClone(first), target: { type: 'serial', port: '0' } });
    }
    const usb = sexprValue(img, 'usbdevice');
    if (usb === 'mouse' || usb === 'tablet' || usb === 'keyboard') def.devices.inputs.push({ type: usb, bus: 'usb' });
  } else {
    def.devices.consoles.push({ type: 'pty', target: { type: 'xen', port: '0' } });
  }

  const g = vfb ? graphicsFromFields(vfb, sexprValue(vfb, 'type') ?? 'vnc', options) : imageGraphics(img, options);
  if (g) def.devices.graphics.push(g);
}

function diskFromSexpr(dev: Sexpr[], hvm: boolean): DiskDef | undefined {
  const rawDev = sexprValue(dev, 'dev');
  if (rawDev === undefined) return undefined;
  const parts = rawDev.replace(/^ioemu:/, '').split(':');
  const target = parts[0];
  const device = parts[1] === 'cdrom' || parts[1] === 'floppy' ? parts[1] : 'disk';
  const mode = sexprValue(dev, 'mode') ?? 'w';
  const disk: DiskDef = { type: 'file', device, target: { dev: target, bus: diskBus(target, hvm) }, readonly: mode === 'r' || device === 'cdrom', shareable: mode === 'w!' };
  const uname = sexprValue(dev, 'uname');
  if (uname !== undefined && uname !== '') {
    const colon = uname.indexOf(':');
    const drv = colon < 0 ? 'file' : uname.slice(0, colon);
    let path = colon < 0 ? uname : uname.slice(colon + 1);
    if (drv === 'tap' || drv === 'tap2') {
      const sub = path.indexOf(':');
      const subtype = sub < 0 ? 'aio' : path.slice(0, sub);
      path = sub < 0 ? path : path.slice(sub + 1);
      disk.driver = { name: drv, type: subtype === 'aio' ? 'raw' : subtype };
    } else {
      disk.driver = { name: drv };
      if (drv === 'phy') disk.type = 'block';
    }
    disk.sourcePath = path;
  }
  return disk;
}

function vifFromSexpr(dev: Sexpr[], domid: number | undefined, index: number): InterfaceDef {
  const bridge = sexprValue(dev, 'bridge');
  const script = sexprValue(dev, 'script');
  const nic: InterfaceDef = { type: bridge !== undefined || (script !== undefined && /vif-bridge$/.test(script)) ? 'bridge' : 'ethernet' };
  const mac = sexprValue(dev, 'mac');
  if (mac !== undefined) nic.mac = mac.toLowerCase();
  if (bridge !== undefined) nic.source = { bridge };
  if (script !== undefined) nic.script = script;
  const ip = sexprValue(dev, 'ip');
  if (ip !== undefined) nic.extras = addExtra(nic.extras, 'mac', element('ip', { address: ip, family: ip.includes(':') ? 'ipv6' : 'ipv4' }));
  const vifname = sexprValue(dev, 'vifname');
  if (vifname !== undefined) nic.targetDev = vifname;
  else if (domid !== undefined && domid >= 0) nic.targetDev = `vif${domid}.${index}`;
  const model = sexprValue(dev, 'model');
  if (model !== undefined) nic.model = model;
  else if (sexprValue(dev, 'type') === 'netfront') nic.model = 'netfront';
  return nic;
}

function charDevices(img: Sexpr[] | undefined, key: string): CharDeviceDef[] {
  const entry = img ? childList(img, key) : undefined;
  if (!entry) return [];
  const values = Array.isArray(entry[1]) ? entry[1] : entry.slice(1);
  const out: CharDeviceDef[] = [];
  values.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const c = charDeviceFromXen(v, i);
    if (c) out.push(c);
  });
  return out;
}

function imageGraphics(img: Sexpr[] | undefined, options: FromSexprOptions): GraphicsDef | undefined {
  if (sexprValue(img, 'vnc') === '1') return graphicsFromFields(img!, 'vnc', options);
  if (sexprValue(img, 'sdl') === '1') return graphicsFromFields(img!, 'sdl', options);
  return undefined;
}

function graphicsFromFields(list: Sexpr[], type: string, options: FromSexprOptions): GraphicsDef {
  const attrs: Record<string, string> = {};
  if (type === 'vnc') {
    const unused = sexprValue(list, 'vncunused');
    const display = int(list, 'vncdisplay');
    if (unused === '0' || (unused === undefined && display !== undefined)) {
      attrs.port = String(5900 + (display ?? 0));
      attrs.autoport = 'no';
    } else {
      attrs.port = '-1';
      attrs.autoport = 'yes';
    }
    const listen = sexprValue(list, 'vnclisten');
    if (listen !== undefined) attrs.listen = listen;
    const keymap = sexprValue(list, 'keymap');
    if (keymap !== undefined) attrs.keymap = keymap;
    const passwd = sexprValue(list, 'vncpasswd');
    if (passwd !== undefined && options.secure) attrs.passwd = passwd;
  } else {
    const display = sexprValue(list, 'display');
    if (display !== undefined) attrs.display = display;
    const xauth = sexprValue(list, 'xauthority');
    if (xauth !== undefined) attrs.xauth = xauth;
  }
  return { type, attrs };
}
