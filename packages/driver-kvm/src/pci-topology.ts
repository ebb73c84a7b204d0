import type { AddressDef, ControllerDef, DomainDef } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';
import { formatPciAddress, parsePciAddress, type PciSlot } from './pci-address.js';
import type { MachineFamily } from './canonicalize.js';

/**
 * How a device plugs into PCI (libvirt's virDomainPCIConnectFlags, reduced to
 * what x86 needs): a conventional PCI endpoint, a PCI Express endpoint, a
 * pcie-root-port (only on pcie-root, several per slot), a pcie-to-pci-bridge
 * (only in a root port), a pci-bridge (on a conventional bus or a
 * dmi-to-pci-bridge), a dmi-to-pci-bridge (only on pcie-root), a PCIe
 * switch's upstream port (in a root port or a downstream port) or one of
 * its downstream ports (only on an upstream port), or an expander bus
 * (pxb, pxb-pcie: only on the root bus).
 */
export type PciConnect = 'pci' | 'pcie' | 'root-port' | 'pcie-bridge' | 'pci-bridge' | 'dmi-bridge' | 'switch-up' | 'switch-down' | 'pxb';

/** A device that wants a PCI address, in libvirt's assignment order. */
export interface PciUser {
  element: string;
  connect: PciConnect;
  /**
   * A function of a multifunction set that shares one slot (an ICH9 EHCI
   * controller and its UHCI companions: `key` is the set, `fn` this
   * member's function); `preferred`: slots of the root bus tried first.
   */
  slotSet?: { key: string; fn: number; preferred?: readonly number[] };
  /** A bus the XML asked for without a slot (<address type='pci' bus='N'/>): the slot is found on it. */
  wantBus?: number;
  get(): AddressDef | undefined;
  set(a: AddressDef): void;
}

/** The PCI controller models this driver builds, and what each bus accepts. */
const BUS_MODELS: Readonly<Record<string, { min: number; max: number; accepts: readonly PciConnect[]; aggregate?: boolean }>> = {
  'pci-root': { min: 1, max: 31, accepts: ['pci', 'pcie', 'pci-bridge', 'pxb'] },
  // pcie-root takes no hot-pluggable endpoints: libvirt puts each on a root port.
  'pcie-root': { min: 1, max: 31, accepts: ['root-port', 'dmi-bridge', 'pxb'], aggregate: true },
  'pcie-root-port': { min: 0, max: 0, accepts: ['pcie', 'pcie-bridge', 'switch-up'] },
  'pcie-to-pci-bridge': { min: 1, max: 31, accepts: ['pci', 'pci-bridge'] },
  'pci-bridge': { min: 1, max: 31, accepts: ['pci', 'pci-bridge'] },
  // Only pci-bridges plug into the DMI bridge: its slots are not hot-pluggable.
  'dmi-to-pci-bridge': { min: 0, max: 31, accepts: ['pci-bridge'] },
  'pcie-switch-upstream-port': { min: 0, max: 31, accepts: ['switch-down'] },
  'pcie-switch-downstream-port': { min: 0, max: 0, accepts: ['pcie', 'pcie-bridge', 'switch-up'] },
  // Expander buses: a PCIe one takes root ports (as pcie-root does), a PCI one endpoints and bridges.
  'pcie-expander-bus': { min: 0, max: 31, accepts: ['root-port'], aggregate: true },
  'pci-expander-bus': { min: 0, max: 31, accepts: ['pci', 'pcie', 'pci-bridge'] },
};

/** How each PCI controller model plugs in. */
const CONTROLLER_CONNECT: Readonly<Record<string, PciConnect>> = {
  'pcie-root-port': 'root-port',
  'pcie-to-pci-bridge': 'pcie-bridge',
  'pci-bridge': 'pci-bridge',
  'dmi-to-pci-bridge': 'dmi-bridge',
  'pcie-switch-upstream-port': 'switch-up',
  'pcie-switch-downstream-port': 'switch-down',
  'pcie-expander-bus': 'pxb',
  'pci-expander-bus': 'pxb',
};

export const PCI_CONTROLLER_MODELS = Object.keys(BUS_MODELS);

interface Bus {
  model: string;
  /** slot → function → what uses it. */
  used: Map<number, Map<number, PciConnect | 'reserved'>>;
}

/**
 * libvirt's PCI address assignment (qemuDomainAssignPCIAddresses) for pc and
 * q35: explicit addresses are kept (a clash is refused naming the element);
 * the chipset's own functions are reserved; the primary video card gets slot
 * 2 (pc) or 1 (q35); every other device gets the next free slot in
 * assignment order, searched from the last one given to the same kind of
 * device. On q35 each PCIe device needs a pcie-root-port of its own (on
 * slots of pcie.0, eight per slot), a conventional PCI device a
 * pcie-to-pci-bridge in a root port, and a new domain gets one spare root
 * port for hotplug. As in libvirt, a first dry pass finds the controllers to
 * add; the second assigns every address, PCI controllers first in index
 * order. Added controllers get libvirt's chassis and port; a slot with
 * several functions in use gets multifunction='on' on function 0.
 */
export function assignPciAddresses(def: DomainDef, family: MachineFamily, usersIn: PciUser[], primaryVideo: PciUser | undefined): void {
  let users = usersIn;
  const controllers = def.devices.controllers;
  const pciControllers = controllers.filter((c) => c.type === 'pci');
  const maxIndex = Math.max(0, ...pciControllers.map((c) => c.index ?? 0));
  const controllerUsers = () => controllers
    .filter((c) => c.type === 'pci' && c.model !== 'pci-root' && c.model !== 'pcie-root')
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((c): PciUser => partial({
      element: `domain/devices/controller[${controllers.indexOf(c) + 1}]`,
      connect: CONTROLLER_CONNECT[c.model ?? ''] ?? 'pci-bridge',
      get: () => c.address,
      set: (a) => { c.address = a; },
    }));
  // An address with a bus but no slot asks for a free slot on that bus.
  const partial = (u: PciUser): PciUser => {
    const a = u.get();
    if (a?.type !== 'pci' || a.slot !== undefined) return u;
    const bus = a.bus === undefined ? 0 : a.bus.startsWith('0x') ? parseInt(a.bus, 16) : Number(a.bus);
    if (!Number.isInteger(bus) || bus < 0 || bus > 255) throw unsupportedConfig(u.element, `address bus '${a.bus}' is not a PCI bus number`);
    return { ...u, wantBus: bus, get: () => { const v = u.get(); return v === a ? undefined : v; } };
  };
  users = users.map(partial);
  // The dry run: addresses go to a scratch map, buses are added as needed.
  const scratch = new Map<PciUser, AddressDef>();
  const dry = (u: PciUser): PciUser => ({ ...u, get: () => u.get() ?? scratch.get(u), set: (a) => { scratch.set(u, a); } });
  const added = layout(def, family, [...controllerUsers(), ...users].map(dry), primaryVideo && dry(primaryVideo), maxIndex === 0);
  for (const [index, model] of added) controllers.push({ type: 'pci', index, model });
  layout(def, family, [...controllerUsers(), ...users], primaryVideo, false, false);
  for (const c of controllers) {
    if (c.type !== 'pci') continue;
    if (c.model === 'pcie-root-port') {
      c.modelName ??= 'pcie-root-port';
      const a = parsePciAddress(c.address!, 'domain/devices/controller');
      c.target ??= {};
      c.target.chassis ??= String(c.index);
      c.target.port ??= `0x${((a.slot << 3) + a.fn).toString(16)}`;
    } else if (c.model === 'pcie-switch-downstream-port') {
      // A downstream port's port number is its slot on the upstream port.
      c.modelName ??= 'xio3130-downstream';
      const a = parsePciAddress(c.address!, 'domain/devices/controller');
      c.target ??= {};
      c.target.chassis ??= String(c.index);
      c.target.port ??= `0x${a.slot.toString(16)}`;
    } else if (c.model === 'pcie-switch-upstream-port') c.modelName ??= 'x3130-upstream';
    else if (c.model === 'dmi-to-pci-bridge') c.modelName ??= 'i82801b11-bridge';
    else if (c.model === 'pcie-expander-bus') c.modelName ??= 'pxb-pcie';
    else if (c.model === 'pci-expander-bus') c.modelName ??= 'pxb';
    else if (c.model === 'pcie-to-pci-bridge') c.modelName ??= 'pcie-pci-bridge';
    else if (c.model === 'pci-bridge') {
      c.modelName ??= 'pci-bridge';
      c.target ??= {};
      c.target.chassisNr ??= String(c.index);
    }
  }

  // multifunction='on' on function 0 of a slot with several functions in use.
  const addresses = new Set<AddressDef>();
  for (const u of [...users, ...(primaryVideo ? [primaryVideo] : [])]) if (u.get()) addresses.add(u.get()!);
  for (const c of controllers) if (c.type === 'pci' && c.address) addresses.add(c.address);
  const fn0 = new Map<string, AddressDef>();
  const count = new Map<string, number>();
  for (const addr of addresses) {
    if (addr.type !== 'pci') continue;
    const a = parsePciAddress(addr, 'domain/devices');
    const key = `${a.bus}:${a.slot}`;
    count.set(key, (count.get(key) ?? 0) + 1);
    if (a.fn === 0) fn0.set(key, addr);
  }
  for (const [key, addr] of fn0) {
    if ((count.get(key) ?? 0) < 2) continue;
    // QEMU refuses functions 1-7 of a slot whose function 0 is not multifunction.
    if (addr.multifunction === 'off') throw unsupportedConfig('domain/devices', `PCI bus ${key.split(':')[0]} slot ${key.split(':')[1]} has several functions in use, but function 0 says multifunction='off'`);
    addr.multifunction ??= 'on';
  }
}

/** One pass of assignment over `users`; with `grow`, adds the buses they need (and a spare root port) and returns them as [index, model]. */
function layout(def: DomainDef, family: MachineFamily, users: PciUser[], primaryVideo: PciUser | undefined, newDomain: boolean, grow = true): Array<[number, string]> {
  const q35 = family === 'q35';
  const controllers = def.devices.controllers;
  const pciControllers = controllers.filter((c) => c.type === 'pci');
  const maxIndex = Math.max(0, ...pciControllers.map((c) => c.index ?? 0));
  const buses: Bus[] = [];
  const rootModel = q35 ? 'pcie-root' : 'pci-root';
  for (const c of pciControllers) {
    const model = c.model ?? (c.index === 0 ? rootModel : undefined);
    const el = `domain/devices/controller[${controllers.indexOf(c) + 1}]`;
    if (!model || !BUS_MODELS[model]) throw unsupportedConfig(el, `PCI controller model '${c.model ?? '(none)'}' is not supported (${PCI_CONTROLLER_MODELS.join(', ')})`);
    if ((c.index ?? 0) === 0 && model !== rootModel) throw unsupportedConfig(el, `PCI controller 0 must be '${rootModel}' on this machine`);
    if (buses[c.index ?? 0]) throw unsupportedConfig(el, `PCI controller index ${c.index} is used twice`);
    buses[c.index ?? 0] = { model, used: new Map() };
  }
  buses[0] ??= { model: rootModel, used: new Map() };
  for (let i = 1; i <= maxIndex; i++) {
    if (!buses[i]) throw unsupportedConfig('domain/devices/controller', `PCI controller index ${i} is missing (indexes must be contiguous)`);
  }

  const take = (bus: number, s: PciSlot, what: PciConnect | 'reserved') => {
    const b = buses[bus];
    let fns = b.used.get(s.slot);
    if (!fns) b.used.set(s.slot, (fns = new Map()));
    fns.set(s.fn, what);
  };
  // The chipset: host bridge at 0, PIIX3 (ISA, IDE, USB, ACPI) at 1 or ICH9 (LPC, SATA, SMBus) at 0x1f.
  take(0, { slot: 0, fn: 0 }, 'reserved');
  if (q35) for (const fn of [0, 2, 3]) take(0, { slot: 0x1f, fn }, 'reserved');
  else for (const fn of [0, 1, 2, 3]) take(0, { slot: 1, fn }, 'reserved');

  // Explicit addresses, controllers included.
  const all = [...users, ...(primaryVideo ? [primaryVideo] : [])];
  // PIIX3's USB function is a user of its own reserved address.
  const builtin = (a: Required<PciSlot>) => !q35 && a.bus === 0 && a.slot === 1 && a.fn === 2;
  const explicit = new Set<string>();
  for (const u of all) {
    const addr = u.get();
    if (!addr) continue;
    const a = parsePciAddress(addr, u.element);
    if (!buses[a.bus]) throw unsupportedConfig(u.element, `PCI bus ${a.bus} has no PCI controller`);
    const key = `${a.bus}:${a.slot}.${a.fn}`;
    const inUse = explicit.has(key) || (buses[a.bus].used.get(a.slot)?.has(a.fn) && !builtin(a));
    if (inUse) throw unsupportedConfig(u.element, `PCI address bus ${a.bus} slot ${a.slot} function ${a.fn} is already in use`);
    explicit.add(key);
    take(a.bus, a, u.connect);
  }

  // A set's members share the slot of the first that has one.
  const setSlot = (u: PciUser): { bus: number; slot: number } | undefined => {
    if (!u.slotSet) return undefined;
    const other = all.find((x) => x !== u && x.slotSet?.key === u.slotSet!.key && x.get());
    return other && parsePciAddress(other.get()!, other.element);
  };
  const slotFree = (bus: number, slot: number) => (buses[bus].used.get(slot)?.size ?? 0) === 0;
  // q35's own places: the DMI bridge at 00:1e, the first two ICH9 USB sets at 00:1d and 00:1a (libvirt tries them, without insisting).
  if (q35) {
    for (const u of all) {
      if (u.get()) continue;
      if (u.connect === 'dmi-bridge' && slotFree(0, 0x1e)) {
        take(0, { slot: 0x1e, fn: 0 }, u.connect);
        u.set(formatPciAddress({ slot: 0x1e, fn: 0 }));
        continue;
      }
      if (!u.slotSet?.preferred) continue;
      const at = setSlot(u);
      const slot = at ? (at.bus === 0 && u.slotSet.preferred.includes(at.slot) ? at.slot : undefined) : u.slotSet.preferred.find((s) => slotFree(0, s));
      if (slot === undefined) continue;
      take(0, { slot, fn: u.slotSet.fn }, u.connect);
      u.set(formatPciAddress({ slot, fn: u.slotSet.fn }));
    }
  }

  if (primaryVideo && !primaryVideo.get()) {
    const slot = q35 ? 1 : 2;
    if (!buses[0].used.has(slot)) {
      take(0, { slot, fn: 0 }, 'pci');
      primaryVideo.set(formatPciAddress({ slot, fn: 0 }));
    } else users.unshift(primaryVideo);
  }

  // A pc machine has no PCI Express: its endpoints are all conventional, and go behind pci-bridges too.
  const accepts = (model: string, connect: PciConnect) => BUS_MODELS[model].accepts.includes(connect) || (!q35 && model === 'pci-bridge' && connect === 'pcie');
  let last: { connect: PciConnect; bus: number; slot: number } | undefined;
  /** The next free slot for `connect`; `wholeSlot`: for the first member of a set. */
  const free = (connect: PciConnect, wholeSlot = false, onlyBus?: number): { bus: number; slot: number; fn: number } | undefined => {
    const fits = (bus: number, slot: number): number | undefined => {
      const b = buses[bus];
      const m = BUS_MODELS[b.model];
      if (!accepts(b.model, connect) || slot < m.min || slot > m.max) return undefined;
      const fns = b.used.get(slot);
      if (!fns || fns.size === 0) return 0;
      if (wholeSlot) return undefined;
      // Root ports share a slot of pcie-root, one function each.
      if (m.aggregate && connect === 'root-port' && [...fns.values()].every((v) => v === 'root-port')) {
        for (let fn = 0; fn < 8; fn++) if (!fns.has(fn)) return fn;
      }
      return undefined;
    };
    // From the last slot given to this kind of device to the end, then from the start.
    const start = last && last.connect === connect ? last : { bus: 0, slot: 0 };
    for (let k = 0; k <= buses.length; k++) {
      const bus = (start.bus + k) % buses.length;
      const m = BUS_MODELS[buses[bus].model];
      if (!accepts(buses[bus].model, connect) || (onlyBus !== undefined && bus !== onlyBus)) continue;
      const lo = k === 0 ? Math.max(m.min, start.slot) : m.min;
      const hi = k === buses.length ? Math.min(m.max, start.slot - 1) : m.max;
      for (let slot = lo; slot <= hi; slot++) {
        const fn = fits(bus, slot);
        if (fn !== undefined) return { bus, slot, fn };
      }
    }
    return undefined;
  };
  const added: number[] = [];
  const addBuses = (connect: PciConnect, element: string) => {
    if (!grow || (connect !== 'pcie' && connect !== 'pci' && connect !== 'pci-bridge')) throw unsupportedConfig(element, 'no free PCI slot for this device');
    // A full pc machine gets a pci-bridge, as libvirt adds one.
    if (!q35) {
      if (connect === 'pci-bridge') throw unsupportedConfig(element, 'no free PCI slot for this device');
      buses.push({ model: 'pci-bridge', used: new Map() });
      added.push(buses.length - 1);
      return;
    }
    buses.push({ model: 'pcie-root-port', used: new Map() });
    added.push(buses.length - 1);
    if (connect !== 'pcie') {
      buses.push({ model: 'pcie-to-pci-bridge', used: new Map() });
      added.push(buses.length - 1);
    }
  };
  const place = (connect: PciConnect, element: string, set?: PciUser['slotSet'], wantBus?: number): { bus: number; slot: number; fn: number } => {
    if (wantBus !== undefined) {
      if (!buses[wantBus]) throw unsupportedConfig(element, `PCI bus ${wantBus} has no PCI controller`);
      // As libvirt does for what the XML asked for, a PCI endpoint may take a PCIe slot and the other way round.
      const alt: PciConnect | undefined = connect === 'pci' ? 'pcie' : connect === 'pcie' ? 'pci' : undefined;
      const a = free(connect, set !== undefined, wantBus) ?? (alt && free(alt, set !== undefined, wantBus));
      if (!a) throw unsupportedConfig(element, `no free slot for this device on PCI bus ${wantBus}`);
      if (set) a.fn = set.fn;
      take(a.bus, a, connect);
      return a;
    }
    let a = free(connect, set !== undefined);
    if (!a) {
      addBuses(connect, element);
      a = free(connect, set !== undefined);
      if (!a) throw unsupportedConfig(element, 'no free PCI slot for this device');
    }
    if (set) a.fn = set.fn;
    take(a.bus, a, connect);
    last = { connect, bus: a.bus, slot: a.slot };
    return a;
  };
  for (const u of users) {
    if (u.get()) continue;
    const at = setSlot(u);
    if (at) {
      const s = { bus: at.bus, slot: at.slot, fn: u.slotSet!.fn };
      if (buses[at.bus].used.get(at.slot)?.has(s.fn)) throw unsupportedConfig(u.element, `PCI address bus ${s.bus} slot ${s.slot} function ${s.fn} is already in use`);
      take(s.bus, s, u.connect);
      u.set(formatPciAddress(s));
    } else u.set(formatPciAddress(place(u.connect, u.element, u.slotSet, u.wantBus)));
  }
  if (!grow) return [];

  // A new q35 domain whose topology libvirt built gets one empty root port for hotplug.
  const hasEmptyRootPort = buses.some((b, i) => i > 0 && b.model === 'pcie-root-port' && b.used.size === 0);
  if (q35 && newDomain && added.length > 0 && !hasEmptyRootPort) addBuses('pcie', 'domain/devices');
  // The added controllers need addresses too, which may add more (a bridge needs a root port).
  for (let k = 0; k < added.length; k++) {
    const model = buses[added[k]].model;
    place(model === 'pcie-root-port' ? 'root-port' : model === 'pci-bridge' ? 'pci-bridge' : 'pcie-bridge', `domain/devices/controller[@index='${added[k]}']`);
  }
  return added.map((i) => [i, buses[i].model]);
}

