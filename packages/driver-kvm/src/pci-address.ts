import type { AddressDef } from '@virtkit/core';
import { unsupportedConfig } from './errors.js';

/** A PCI address in domain 0: the bus is the index of the PCI controller the device plugs into (0: the root bus). */
export interface PciSlot {
  bus?: number;
  slot: number;
  fn: number;
}

const PCI_ADDRESS_ATTRS = new Set(['type', 'domain', 'bus', 'slot', 'function', 'multifunction']);
const PCI_NUMBER = /^(0x[0-9a-fA-F]+|\d+)$/;

function pciNumber(a: AddressDef, k: string, dflt: number, element: string): number {
  const v = a[k];
  if (v === undefined) return dflt;
  if (!PCI_NUMBER.test(v)) throw unsupportedConfig(element, `address ${k} '${v}' is not a number`);
  return v.charCodeAt(1) === 0x78 /* x */ ? parseInt(v, 16) : Number(v);
}

export function parsePciAddress(a: AddressDef, element: string): Required<PciSlot> {
  if (a.type !== 'pci') throw unsupportedConfig(element, `address type '${a.type}' is not supported (only 'pci')`);
  for (const k in a) {
    if (!PCI_ADDRESS_ATTRS.has(k)) throw unsupportedConfig(element, `address attribute '${k}' is not supported`);
  }
  if (pciNumber(a, 'domain', 0, element) !== 0) throw unsupportedConfig(element, 'only PCI domain 0 is supported');
  const bus = pciNumber(a, 'bus', 0, element);
  const slot = pciNumber(a, 'slot', -1, element);
  const fn = pciNumber(a, 'function', 0, element);
  if (bus > 255) throw unsupportedConfig(element, `PCI bus ${a.bus} is out of range 0..255`);
  if (slot < 0 || slot > 31) throw unsupportedConfig(element, `PCI slot ${a.slot} is out of range 0..31`);
  if (fn > 7) throw unsupportedConfig(element, `PCI function ${a.function} is out of range 0..7`);
  return { bus, slot, fn };
}

const hex = (n: number, width: number) => '0x' + n.toString(16).padStart(width, '0');

export function formatPciAddress(s: PciSlot): AddressDef {
  return { type: 'pci', domain: '0x0000', bus: hex(s.bus ?? 0, 2), slot: hex(s.slot, 2), function: hex(s.fn, 1) };
}

/** QEMU's addr property: "0x3" or "0x1.0x2". */
export function qemuPciAddr(s: PciSlot): string {
  return s.fn === 0 ? `0x${s.slot.toString(16)}` : `0x${s.slot.toString(16)}.0x${s.fn.toString(16)}`;
}

/** The inverse of qemuPciAddr; undefined when `addr` is not in its form. */
export function parseQemuPciAddr(addr: string): PciSlot | undefined {
  const m = /^0x([0-9a-f]+)(?:\.0x([0-7]))?$/i.exec(addr);
  if (!m) return undefined;
  return { slot: parseInt(m[1], 16), fn: m[2] ? parseInt(m[2], 16) : 0 };
}

/** QEMU's id of PCI bus `bus`: the root is pci.0 (i440fx) or pcie.0 (q35); controller N provides pci.N. */
export function qemuPciBus(bus: number, q35: boolean): string {
  return bus === 0 ? (q35 ? 'pcie.0' : 'pci.0') : `pci.${bus}`;
}

/** The inverse of qemuPciBus. */
export function parseQemuPciBus(name: string): number | undefined {
  if (name === 'pci.0' || name === 'pcie.0') return 0;
  const m = /^pci\.(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
