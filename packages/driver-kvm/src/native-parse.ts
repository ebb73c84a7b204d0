import { ErrorCode, type AddressDef, type DiskDef, type XmlElement } from '@virtkit/core';
import { fail } from './errors.js';
import { VIRTIO_OPTIONS } from './rng-args.js';
import { formatPciAddress, parseQemuPciAddr, parseQemuPciBus } from './pci-address.js';

/**
 * The value readers every part of domxmlFromNative shares: its one error,
 * JSON option values, PCI addresses and the XML leaves it builds.
 */

/** The INVALID_ARG error for an argv domxmlFromNative does not understand. */
export function bad(message: string): never {
  throw fail(ErrorCode.INVALID_ARG, `cannot convert the QEMU argv: ${message}`);
}

/** The properties of a JSON option value (-device, -blockdev, -netdev, -object, -audiodev). */
export type Props = Record<string, unknown>;

/** The JSON object `text` holds, as buildQemuArgv writes it for `option`. */
export function jsonOpt(text: string, option: string): Props {
  try {
    // Integers beyond a double's precision (a WWN) are read as their digits.
    const o = JSON.parse(text.replace(/:(\d{16,})(?=[,}])/g, ':"$1"')) as unknown;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) bad(`${option} takes a JSON object`);
    return o as Props;
  } catch (e) {
    if (e instanceof SyntaxError) bad(`${option} '${text.slice(0, 80)}' is not JSON (only the JSON syntax virtkit emits is understood)`);
    throw e;
  }
}

/** `v` when it is a string. */
export const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The <address type='pci'> of a -device's bus, addr and multifunction, if it has an addr. */
export function pciAddr(p: Props): DiskDef['address'] {
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

/** An element with attributes and no children. */
export const leaf = (name: string, attrs: Record<string, string> = {}): XmlElement => ({ kind: 'element', name, attrs, children: [] });

/** The controller index of a USB bus id: usb.0 → 0, usb2.0 → 2. */
export function usbBusIndex(bus: unknown): number {
  const m = /^usb(\d*)(?:\.0)?$/.exec(str(bus) ?? '') ?? bad(`USB bus '${bus}' is not understood`);
  return m[1] === '' ? 0 : Number(m[1]);
}

/** A USB device's <address type='usb'> from its bus and port properties. */
export function usbAddr(d: Props): AddressDef | undefined {
  if (d.bus === undefined) return undefined;
  return { type: 'usb', bus: String(usbBusIndex(d.bus)), ...(typeof d.port === 'string' ? { port: d.port } : {}) };
}

/** <driver> virtio options from a virtio device's properties. */
export function readVirtioOptions(d: Props): Record<string, string> | undefined {
  const drv: Record<string, string> = {};
  for (const [k, q] of VIRTIO_OPTIONS) if (typeof d[q] === 'boolean') drv[k] = d[q] ? 'on' : 'off';
  return Object.keys(drv).length > 0 ? drv : undefined;
}

