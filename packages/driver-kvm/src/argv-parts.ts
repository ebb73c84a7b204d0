import type { DiskDef, DomainDef, XmlExtras } from '@virtkit/core';
import { machineFamily } from './canonicalize.js';
import { unsupportedConfig } from './errors.js';
import { parsePciAddress, qemuPciAddr, qemuPciBus } from './pci-address.js';
import { escapeOptionValue } from './qemu-option.js';

// Pieces the command-line builders share: command-line.ts and the per-device-family *-args.ts.

/** A -device / -blockdev / -object JSON value; a bigint is a 64-bit integer beyond a double's precision (a WWN). */
export type Json = { [key: string]: JsonValue };
/** A value in a Json object: nested objects and arrays for -blockdev's server addresses, null for an ended backing chain. */
export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const esc = escapeOptionValue;
/** JSON text; bigints are written as plain integer literals, digit for digit. */
export function json(o: Json): string {
  // Only a WWN is a bigint: the replacer and its rewrite are paid for by the values that have one.
  for (const k in o) if (typeof o[k] === 'bigint') return JSON.stringify(o, (_k, v: unknown) => (typeof v === 'bigint' ? `\u0000${v}\u0000` : v)).replace(/"\\u0000(\d+)\\u0000"/g, '$1');
  return JSON.stringify(o);
}

/** Refuses XML the QEMU driver does not understand under `element`: any attribute, and children other than `allowedChildren`. */
export function rejectExtras(x: XmlExtras | undefined, element: string, allowedChildren: string[]): void {
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

export function pciProps(address: DiskDef['address'], element: string, def: DomainDef): Json {
  if (!address) throw unsupportedConfig(element, 'device has no PCI address');
  const a = parsePciAddress(address, element);
  const props: Json = { bus: qemuPciBus(a.bus, machineFamily(def.os.machine!) === 'q35') };
  if (address.multifunction === 'on') props.multifunction = true;
  else if (address.multifunction === 'off') props.multifunction = false;
  props.addr = qemuPciAddr(a);
  return props;
}

/** Whether a device at `address` sits in a PCIe root or downstream port (where QEMU makes virtio devices modern-only). */
export function onPciePort(def: DomainDef, address: DiskDef['address']): boolean {
  if (address?.type !== 'pci') return false;
  const bus = parsePciAddress(address, 'domain/devices').bus;
  const model = def.devices.controllers.find((c) => c.type === 'pci' && (c.index ?? 0) === bus)?.model;
  return model === 'pcie-root-port' || model === 'pcie-switch-downstream-port';
}
