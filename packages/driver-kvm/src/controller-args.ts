import { memoryToKiB, type ControllerDef, type DomainDef, type XmlElement } from '@virtkit/core';
import { json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import type { MachineFamily } from './canonicalize.js';
import { PCI_CONTROLLER_DRIVERS, SCSI_MODELS } from './device-models.js';
import { iothreadProp } from './iothread-args.js';
import { unsupportedConfig } from './errors.js';
import { usbControllerArgs } from './usb-args.js';
import { usbPortProps } from './usb-address.js';
import { virtioOptions } from './rng-args.js';

// The command line of <controller>: the PCI host's 64-bit hole, PCI/PCIe controllers, USB, SCSI, virtio-serial, the floppy controller.

/** libvirt's emission order of controller types (qemuBuildControllersCommandLine). */
const CONTROLLER_ORDER = ['pci', 'usb', 'scsi', 'ide', 'sata', 'fdc', 'virtio-serial', 'ccid'];

const kids = (x: { children: Array<{ node: { kind: string } }> } | undefined) =>
  (x?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element');

/** The -device of each controller QEMU does not provide by itself, in libvirt's order: by type, then index. */
export function controllerArgs(def: DomainDef, family: MachineFamily, boot: Map<object, number>): string[] {
  const out: string[] = [...pciHoleArgs(def, family)];
  const list = def.devices.controllers.map((c, i) => ({ c, el: `domain/devices/controller[${i + 1}]` }));
  for (const { c, el } of list) {
    if (!CONTROLLER_ORDER.includes(c.type)) throw unsupportedConfig(el, `controller type '${c.type}'${c.model ? ` model '${c.model}'` : ''} is not supported`);
  }
  list.sort((x, y) => CONTROLLER_ORDER.indexOf(x.c.type) - CONTROLLER_ORDER.indexOf(y.c.type) || (x.c.index ?? 0) - (y.c.index ?? 0));
  for (const { c, el } of list) {
    const index = c.index ?? 0;
    const builtin = (c.type === 'pci' && (c.model === 'pci-root' || c.model === 'pcie-root'))
      || (c.type === 'ide' && family === 'i440fx' && index === 0) || (c.type === 'sata' && family === 'q35' && index === 0);
    // A controller QEMU provides by itself has no -device for a user alias to name.
    // virtio-serial's ports and vectors are read below.
    const attrs = Object.fromEntries(Object.entries(c.extras?.attrs ?? {}).filter(([k]) => c.type !== 'virtio-serial' || (k !== 'ports' && k !== 'vectors')));
    // <driver><iothreads> maps virtqueues to iothreads: QEMU 7.2 has no iothread-vq-mapping (QEMU 9.0 added it).
    if (c.extras?.children.some((x) => x.node.kind === 'element' && x.node.name === 'driver')) throw unsupportedConfig(`${el}/driver/iothreads`, 'a virtqueue to iothread mapping needs iothread-vq-mapping, which QEMU 7.2 lacks (QEMU 9.0 added it)');
    const expander = c.type === 'pci' && (c.model === 'pcie-expander-bus' || c.model === 'pci-expander-bus');
    if (c.type !== 'usb') rejectExtras(c.extras && { attrs, children: c.extras.children.filter((x) => !(builtin && x.node.kind === 'element' && x.node.name === 'alias')) }, el, c.type === 'pci' && index === 0 ? ['pcihole64'] : expander ? ['target'] : []);
    if (builtin) continue;
    if (c.type === 'pci') {
      out.push(...pciControllerArgs(def, c, el));
      continue;
    }
    if (c.type === 'usb') {
      out.push(...usbControllerArgs(def, c, el));
      continue;
    }
    if (c.type === 'scsi') {
      const driver = SCSI_MODELS[c.model ?? ''];
      if (!driver) throw unsupportedConfig(`${el}/@model`, `SCSI controller model '${c.model}' is not supported (${Object.keys(SCSI_MODELS).join(', ')})`);
      const virtio = c.model === 'virtio-scsi';
      const { iothread, queues, ...opts } = c.driver ?? {};
      if (!virtio && c.driver) throw unsupportedConfig(`${el}/driver`, `attribute '${Object.keys(c.driver)[0]}' is not supported`);
      const dev: Json = { driver, ...virtioOptions(opts, `${el}/driver`, { def, address: c.address }), ...(virtio ? iothreadProp(def, iothread, `${el}/driver/@iothread`) : {}), id: `scsi${index}` };
      if (queues !== undefined) dev.num_queues = Number(queues);
      out.push('-device', json({ ...dev, ...pciProps(c.address, el, def) }));
      continue;
    }
    if (c.type === 'virtio-serial') {
      const { ports, vectors } = c.extras?.attrs ?? {};
      const dev: Json = { driver: 'virtio-serial-pci', ...virtioOptions(c.driver, `${el}/driver`, { def, address: c.address }), id: `virtio-serial${index}` };
      for (const [k, v, prop] of [['ports', ports, 'max_ports'], ['vectors', vectors, 'vectors']] as const) {
        if (v === undefined) continue;
        if (!/^\d+$/.test(v)) throw unsupportedConfig(`${el}/@${k}`, `'${v}' is not a number`);
        dev[prop] = Number(v);
      }
      out.push('-device', json({ ...dev, ...pciProps(c.address, el, def) }));
      continue;
    }
    if (c.type === 'ccid') {
      // A CCID smartcard reader is a USB device.
      out.push('-device', json({ driver: 'usb-ccid', id: `ccid${index}`, ...usbPortProps(def, c.address, el) }));
      continue;
    }
    if (c.type === 'fdc') {
      if (index !== 0) throw unsupportedConfig(el, 'only one floppy controller (index 0) is supported');
      out.push(...floppyControllerArgs(def, family, boot));
      continue;
    }
    throw unsupportedConfig(el, `controller type '${c.type}'${c.model ? ` model '${c.model}'` : ''} is not supported`);
  }
  return out;
}

/** <pcihole64>: the size of the PCI host bridge's 64-bit MMIO window, in KiB (-global, before the devices). */
function pciHoleArgs(def: DomainDef, family: MachineFamily): string[] {
  const root = def.devices.controllers.find((c) => c.type === 'pci' && (c.index ?? 0) === 0);
  const hole = kids(root?.extras).find((n) => n.name === 'pcihole64');
  if (!hole) return [];
  const el = `domain/devices/controller[${def.devices.controllers.indexOf(root!) + 1}]/pcihole64`;
  if (Object.keys(hole.attrs).some((k) => k !== 'unit') || hole.children.some((n) => n.kind === 'element')) throw unsupportedConfig(el, 'only a size with a unit is supported');
  const text = hole.children.map((n) => (n.kind === 'text' ? n.text : '')).join('').trim();
  if (!/^\d+$/.test(text)) throw unsupportedConfig(el, `'${text}' is not a size`);
  const kib = memoryToKiB(text, hole.attrs.unit, el);
  return ['-global', `${family === 'q35' ? 'q35-pcihost' : 'i440FX-pcihost'}.pci-hole64-size=${kib}K`];
}

/** A PCI controller's -device: root and downstream ports with chassis and port, bridges with their chassis number. */
function pciControllerArgs(def: DomainDef, c: ControllerDef, el: string): string[] {
  if (c.driver) throw unsupportedConfig(`${el}/driver`, 'PCI controllers take no <driver>');
  const model = c.model ?? '';
  const drivers = PCI_CONTROLLER_DRIVERS[model];
  if (!drivers) throw unsupportedConfig(el, `PCI controller model '${model}' is not supported (pci-root, pcie-root, ${Object.keys(PCI_CONTROLLER_DRIVERS).join(', ')})`);
  const driver = c.modelName ?? drivers[0];
  if (!drivers.includes(driver)) throw unsupportedConfig(`${el}/model`, `model '${driver}' is not a ${model} (${drivers.join(', ')})`);
  // An expander's <target busNr><node>N</node></target> has content, so the model keeps it in the extras.
  const targetEl = c.extras?.children.map((x) => x.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'target');
  const t = c.target ?? targetEl?.attrs ?? {};
  const expander = model === 'pcie-expander-bus' || model === 'pci-expander-bus';
  for (const k of Object.keys(t)) if (!(expander ? ['busNr'] : ['chassis', 'port', 'chassisNr', 'hotplug']).includes(k)) throw unsupportedConfig(`${el}/target`, `attribute '${k}' is not supported`);
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const id = `pci.${c.index ?? 0}`;
  let dev: Json;
  if (model === 'pcie-root-port' || model === 'pcie-switch-downstream-port') {
    dev = { driver, port: num(t.port)!, chassis: num(t.chassis)!, id };
    if (t.hotplug === 'off' || t.hotplug === 'on') dev.hotplug = t.hotplug === 'on';
    else if (t.hotplug !== undefined) throw unsupportedConfig(`${el}/target/@hotplug`, `must be 'on' or 'off'`);
  } else if (model === 'pci-bridge') dev = { driver, chassis_nr: num(t.chassisNr)!, id };
  else if (expander) {
    // The guest bus number the expander starts at, and the guest NUMA node it belongs to.
    if (t.busNr === undefined || !/^\d+$/.test(t.busNr) || Number(t.busNr) > 255) throw unsupportedConfig(`${el}/target/@busNr`, 'an expander bus needs a busNr (0-255)');
    dev = { driver, bus_nr: Number(t.busNr), id };
    const node = targetEl?.children.find((n): n is XmlElement => n.kind === 'element' && n.name === 'node');
    const other = targetEl?.children.find((n): n is XmlElement => n.kind === 'element' && n.name !== 'node');
    if (other) throw unsupportedConfig(`${el}/target/${other.name}`, 'not supported');
    if (node) {
      const text = node.children.map((n) => (n.kind === 'text' ? n.text : '')).join('').trim();
      if (!/^\d+$/.test(text)) throw unsupportedConfig(`${el}/target/node`, `'${text}' is not a NUMA node number`);
      dev.numa_node = Number(text);
    }
  }
  else dev = { driver, id };
  return ['-device', json({ ...dev, ...pciProps(c.address, el, def) })];
}

/**
 * The floppy controller: built into the PIIX3 of pc machines (its boot
 * indexes set with -global), an isa-fdc device on q35; drive A's and B's
 * boot index are the controller's bootindexA/B.
 */
function floppyControllerArgs(def: DomainDef, family: MachineFamily, boot: Map<object, number>): string[] {
  const props: Json = {};
  for (const d of def.devices.disks) {
    if (d.device !== 'floppy') continue;
    const bi = boot.get(d);
    if (bi !== undefined) props[d.target.dev === 'fdb' ? 'bootindexB' : 'bootindexA'] = bi;
  }
  if (family === 'q35') return ['-device', json({ driver: 'isa-fdc', ...props })];
  return Object.entries(props).flatMap(([k, v]) => ['-global', `isa-fdc.${k}=${v}`]);
}
