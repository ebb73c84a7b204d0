import type { ControllerDef, DomainDef, XmlElement } from '@virtkit/core';
import { json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { USB_MODELS } from './device-models.js';
import { unsupportedConfig } from './errors.js';
import type { PciUser } from './pci-topology.js';
import { usbPortProps } from './usb-address.js';

// USB: the controllers' -device (ICH9 EHCI with its UHCI companions on one slot) and <hub> devices.

/** The function of each ICH9 USB2 controller in the slot its set shares, and a companion's first port on the EHCI bus. */
const ICH9_USB2: Readonly<Record<string, { fn: number; startport?: number }>> = {
  'ich9-ehci1': { fn: 7 },
  'ich9-uhci1': { fn: 0, startport: 0 },
  'ich9-uhci2': { fn: 1, startport: 2 },
  'ich9-uhci3': { fn: 2, startport: 4 },
};

/** Whether a USB controller is a UHCI companion of the EHCI controller with its index. */
export function isCompanion(c: ControllerDef): boolean {
  return ICH9_USB2[c.model ?? '']?.startport !== undefined;
}

/** QEMU's id of USB controller `index` (its bus is ID.0). */
export function usbControllerId(index: number): string {
  return index === 0 ? 'usb' : `usb${index}`;
}

const kids = (x: { children: Array<{ node: { kind: string } }> } | undefined) =>
  (x?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element');

function masterElement(c: ControllerDef): XmlElement | undefined {
  return kids(c.extras).find((n) => n.name === 'master');
}

/** A companion's <master startport>, which libvirt writes into the definition. */
export function fillCompanionMaster(c: ControllerDef): void {
  const startport = ICH9_USB2[c.model ?? '']?.startport;
  if (startport === undefined || masterElement(c)) return;
  c.extras = { attrs: c.extras?.attrs ?? {}, children: [...(c.extras?.children ?? []), { after: null, node: { kind: 'element', name: 'master', attrs: { startport: String(startport) }, children: [] } }] };
}

/** The slot an ICH9 USB2 controller shares with the others of its index; q35 tries 00:1d and 00:1a first, as real ICH9 has them. */
export function usb2SlotSet(c: ControllerDef, q35: boolean): Pick<PciUser, 'slotSet'> {
  const m = ICH9_USB2[c.model ?? ''];
  if (!m) return {};
  return { slotSet: { key: `usb${c.index ?? 0}`, fn: m.fn, ...(q35 ? { preferred: [0x1d, 0x1a] } : {}) } };
}

/** The -device of a USB controller; `el` names it in errors. */
export function usbControllerArgs(def: DomainDef, c: ControllerDef, el: string): string[] {
  if (c.model === 'none') return [];
  const driver = USB_MODELS[c.model ?? ''];
  if (!driver) throw unsupportedConfig(`${el}/@model`, `USB controller model '${c.model}' is not supported (${Object.keys(USB_MODELS).join(', ')}, none)`);
  const index = c.index ?? 0;
  const { ports, ...rest } = c.extras?.attrs ?? {};
  rejectExtras(c.extras && { attrs: rest, children: c.extras.children }, el, isCompanion(c) ? ['master'] : []);
  if (c.driver) throw unsupportedConfig(`${el}/driver`, 'USB controllers take no <driver>');
  const dev: Json = { driver };
  if (ports !== undefined) {
    // xHCI has as many USB 2 as USB 3 ports.
    if (!driver.includes('xhci')) throw unsupportedConfig(`${el}/@ports`, 'only xHCI controllers take a port count');
    if (!/^([1-9]|1[0-5])$/.test(ports)) throw unsupportedConfig(`${el}/@ports`, `'${ports}' is not a port count (1-15)`);
    dev.p2 = Number(ports);
    dev.p3 = Number(ports);
  }
  if (isCompanion(c)) {
    const master = masterElement(c);
    const startport = master?.attrs.startport ?? String(ICH9_USB2[c.model!].startport);
    if (!/^\d+$/.test(startport) || Object.keys(master?.attrs ?? {}).some((k) => k !== 'startport')) throw unsupportedConfig(`${el}/master`, 'only a numeric startport is supported');
    dev.masterbus = `${usbControllerId(index)}.0`;
    dev.firstport = Number(startport);
  } else dev.id = usbControllerId(index);
  return ['-device', json({ ...dev, ...pciProps(c.address, el, def) })];
}

/** The <hub> elements (kept whole in the devices' extras). */
export function hubs(def: DomainDef): XmlElement[] {
  return kids(def.devices.extras).filter((n) => n.name === 'hub');
}

/** usb-hub devices, after the controllers as libvirt emits them. */
export function hubArgs(def: DomainDef): string[] {
  return hubs(def).flatMap((h, i) => {
    const el = `domain/devices/hub[${i + 1}]`;
    if (h.attrs.type !== 'usb' || Object.keys(h.attrs).length > 1) throw unsupportedConfig(`${el}/@type`, `hub type '${h.attrs.type}' is not supported (usb)`);
    const other = kids({ children: h.children.map((node) => ({ node })) }).find((n) => n.name !== 'address');
    if (other) throw unsupportedConfig(el, `<${other.name}> is not supported by the QEMU driver`);
    return ['-device', json({ driver: 'usb-hub', id: `hub${i}`, ...usbPortProps(def, h.children.find((n): n is XmlElement => n.kind === 'element' && n.name === 'address')?.attrs, el) })];
  });
}
