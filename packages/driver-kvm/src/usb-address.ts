import type { AddressDef, DomainDef } from '@virtkit/core';
import type { Json } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { elementAddress } from './filesystem-args.js';
import { hubs, isCompanion, usbControllerId } from './usb-args.js';
import { redirdevs } from './redirdev-args.js';

/**
 * libvirt's USB port assignment (virDomainUSBAddressAssign): each USB
 * controller index is a bus whose root hub has the controller model's
 * ports (an EHCI with its UHCI companions is one bus); a <hub> adds 8
 * ports. Explicit addresses are kept, then hubs and then the other USB
 * devices (disks, CCID readers, inputs, redirections: libvirt's order) take the first free port: on the root hubs in index order, else
 * depth-first through the hubs on them. Ports are paths: '1', '1.2'.
 */

/** Root hub ports per controller model (virDomainUSBAddressControllerModelToPorts); xHCI: its ports attribute. */
const ROOT_PORTS: Readonly<Record<string, number>> = {
  'piix3-uhci': 2, 'piix4-uhci': 2, 'vt82c686b-uhci': 2, 'ich9-uhci1': 2, 'ich9-uhci2': 2, 'ich9-uhci3': 2,
  'ich9-ehci1': 6, 'pci-ohci': 3, 'qemu-xhci': 4, 'nec-xhci': 4,
};
const HUB_PORTS = 8;

interface Hub {
  /** port (1-based) → the hub plugged in there, or true for another device. */
  ports: Array<Hub | true | undefined>;
}

interface UsbDevice {
  element: string;
  hub: boolean;
  get(): AddressDef | undefined;
  set(a: AddressDef): void;
}

function usbDevices(def: DomainDef): UsbDevice[] {
  const out: UsbDevice[] = hubs(def).map((h, i) => ({ element: `domain/devices/hub[${i + 1}]`, hub: true, ...elementAddress(h) }));
  def.devices.disks.forEach((disk, i) => {
    if (disk.target.bus !== 'usb') return;
    out.push({ element: `domain/devices/disk[${i + 1}]`, hub: false, get: () => disk.address, set: (a) => { disk.address = a; } });
  });
  def.devices.controllers.forEach((c, i) => {
    if (c.type === 'ccid') out.push({ element: `domain/devices/controller[${i + 1}]`, hub: false, get: () => c.address, set: (a) => { c.address = a; } });
  });
  def.devices.inputs.forEach((inp, i) => {
    if ((inp.bus ?? (inp.type === 'tablet' ? 'usb' : 'ps2')) !== 'usb') return;
    out.push({ element: `domain/devices/input[${i + 1}]`, hub: false, get: () => inp.address, set: (a) => { inp.address = a; } });
  });
  redirdevs(def).forEach((r, i) => out.push({ element: `domain/devices/redirdev[${i + 1}]`, hub: false, ...elementAddress(r) }));
  return out;
}

export function assignUsbAddresses(def: DomainDef): void {
  const buses = new Map<number, Hub>();
  for (const c of def.devices.controllers) {
    if (c.type !== 'usb' || c.model === 'none' || buses.has(c.index ?? 0)) continue;
    const n = c.model?.includes('xhci') && c.extras?.attrs.ports !== undefined ? Number(c.extras.attrs.ports) : ROOT_PORTS[c.model ?? ''];
    if (n === undefined || (isCompanion(c) && def.devices.controllers.some((o) => o !== c && o.type === 'usb' && o.index === c.index && !isCompanion(o)))) continue;
    buses.set(c.index ?? 0, { ports: new Array(n + 1) });
  }
  const devices = usbDevices(def);
  if (buses.size === 0 || devices.length === 0) return;
  const path = (a: AddressDef, el: string): number[] => {
    if (a.type !== 'usb') throw unsupportedConfig(`${el}/address`, `address type '${a.type}' is not supported for a USB device (usb)`);
    if (a.port === undefined || a.port === '') return [];
    if (!/^[1-9]\d*(\.[1-9]\d*){0,4}$/.test(a.port)) throw unsupportedConfig(`${el}/address/@port`, `'${a.port}' is not a USB port path`);
    return a.port.split('.').map(Number);
  };
  const busOf = (a: AddressDef, el: string): number => {
    const b = Number(a.bus ?? 0);
    if (!buses.has(b)) throw unsupportedConfig(`${el}/address/@bus`, `there is no USB bus ${a.bus ?? 0}`);
    return b;
  };
  // Explicit ports, hubs nearest the root first so a path can go through them.
  const explicit = devices.filter((d) => d.get() && path(d.get()!, d.element).length > 0);
  explicit.sort((x, y) => Number(y.hub) - Number(x.hub) || path(x.get()!, x.element).length - path(y.get()!, y.element).length);
  for (const d of explicit) {
    const p = path(d.get()!, d.element);
    let hub = buses.get(busOf(d.get()!, d.element))!;
    for (let k = 0; k < p.length - 1; k++) {
      const next = hub.ports[p[k]];
      if (next === undefined || next === true) throw unsupportedConfig(`${d.element}/address/@port`, `there is no hub at port ${p.slice(0, k + 1).join('.')}`);
      hub = next;
    }
    const last = p[p.length - 1];
    if (last >= hub.ports.length) throw unsupportedConfig(`${d.element}/address/@port`, `port ${d.get()!.port} is beyond the ${hub.ports.length - 1} ports of its hub`);
    if (hub.ports[last] !== undefined) throw unsupportedConfig(`${d.element}/address/@port`, `USB port ${d.get()!.port} is already in use`);
    hub.ports[last] = d.hub ? { ports: new Array(HUB_PORTS + 1) } : true;
  }
  const findFree = (hub: Hub, prefix: number[]): { hub: Hub; path: number[] } | undefined => {
    for (let p = 1; p < hub.ports.length; p++) if (hub.ports[p] === undefined) return { hub, path: [...prefix, p] };
    if (prefix.length >= 4) return undefined;
    for (let p = 1; p < hub.ports.length; p++) {
      const h = hub.ports[p];
      if (h === undefined || h === true) continue;
      const found = findFree(h, [...prefix, p]);
      if (found) return found;
    }
    return undefined;
  };
  for (const d of [...devices.filter((x) => x.hub), ...devices.filter((x) => !x.hub)]) {
    const a = d.get();
    if (a && path(a, d.element).length > 0) continue;
    const candidates = a ? [busOf(a, d.element)] : [...buses.keys()].sort((x, y) => x - y);
    let found: { bus: number; hub: Hub; path: number[] } | undefined;
    for (const b of candidates) {
      const f = findFree(buses.get(b)!, []);
      if (f) { found = { bus: b, ...f }; break; }
    }
    if (!found) throw unsupportedConfig(d.element, 'no free USB port left');
    found.hub.ports[found.path[found.path.length - 1]] = d.hub ? { ports: new Array(HUB_PORTS + 1) } : true;
    d.set({ type: 'usb', bus: String(found.bus), port: found.path.join('.') });
  }
}

/**
 * A USB device's bus and port properties, from its <address type='usb'>.
 * `fullSpeedOnly`: a USB 1.1 device (hub, HID, CCID), which QEMU refuses on
 * an EHCI bus without UHCI companions to hand it to.
 */
export function usbPortProps(def: DomainDef, a: AddressDef | undefined, el: string, fullSpeedOnly = true): Json {
  if (!def.devices.controllers.some((c) => c.type === 'usb' && c.model !== 'none')) throw unsupportedConfig(el, 'a USB device needs a USB controller');
  if (!a || a.type !== 'usb') throw unsupportedConfig(`${el}/address`, 'a USB device needs an address of type usb');
  const onBus = def.devices.controllers.filter((c) => c.type === 'usb' && (c.index ?? 0) === Number(a.bus ?? 0));
  if (fullSpeedOnly && onBus.length > 0 && onBus.every((c) => c.model === 'ich9-ehci1')) {
    throw unsupportedConfig(`${el}/address`, `a full-speed USB device cannot use USB bus ${a.bus ?? 0}: its EHCI controller has no UHCI companions (ich9-uhci1..3) for it`);
  }
  const props: Json = { bus: `${usbControllerId(Number(a.bus ?? 0))}.0` };
  if (a.port !== undefined) props.port = a.port;
  return props;
}
