import {
  DeviceModifyFlags, DomainEventId, ErrorCode, checkFlags, cloneDomainDef, domainFromElement, element, formatDomainXml, modificationImpact, parseXmlDocument,
  textElement, type DiskDef, type DomainDef, type DomainEvent, type DomainRef, type InterfaceDef,
} from '@virtkit/core';
import { canonicalizeDomain, diskBus, machineFamily } from './canonicalize.js';
import { fail, unsupportedConfig } from './errors.js';
import type { KvmDomainObject, LiveDomain } from './kvm-domain.js';
import { runningNics } from './network/nic-ids.js';
import type { QemuCaps } from './qemu-caps.js';
import { diskArgs } from './storage-args.js';
import { chainLength } from './backing-chain.js';

/** What hotplugging a disk needs of the host. */
export interface DiskHotplugHost {
  caps(def: DomainDef): Promise<QemuCaps>;
  writeStatus(obj: KvmDomainObject): Promise<void>;
  writeConfig(def: DomainDef): Promise<void>;
  emitDomainEvent(event: DomainEvent): void;
  ref(obj: KvmDomainObject): DomainRef;
  /** Removes the host side (tap) of an unplugged interface. */
  releaseInterface(def: DomainDef, nic: InterfaceDef): Promise<void>;
}

/** How long QEMU may take to report a device unplugged (the guest must let go of it). */
const DEVICE_DELETED_TIMEOUT_MS = 10_000;

/** One device element through core's domain parser: a disk or an interface. */
export function parseDeviceXml(xml: string): { disk?: DiskDef; nic?: InterfaceDef; name: string } {
  const el = parseXmlDocument(xml);
  const holder = element('domain', { type: 'kvm' }, [textElement('name', 'hotplug'), textElement('memory', '1'), element('os', {}, [textElement('type', 'hvm')]), element('devices', {}, [el])]);
  const devices = domainFromElement(holder).devices;
  return { disk: devices.disks[0], nic: devices.interfaces[0], name: el.name };
}

/** The unit a virtio disk target names ("vda" 0, "vdb" 1), which names its QEMU device virtio-disk<unit>. */
function virtioUnit(dev: string): number {
  return [...dev.slice(2)].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 96), 0) - 1;
}

/** The QEMU device id of a hotpluggable disk; OPERATION_UNSUPPORTED for other buses. */
function virtioDiskId(disk: DiskDef): string {
  if (diskBus(disk.target.dev, disk.target.bus) !== 'virtio') throw fail(ErrorCode.OPERATION_UNSUPPORTED, `disk bus '${disk.target.bus ?? diskBus(disk.target.dev, undefined)}' cannot be hotplugged: only virtio disks`);
  return `virtio-disk${virtioUnit(disk.target.dev)}`;
}

/** `def` with `disk` appended, canonical (its PCI address assigned as libvirt assigns one). */
function withDisk(def: DomainDef, disk: DiskDef, caps: QemuCaps): DomainDef {
  if (def.devices.disks.some((d) => d.target.dev === disk.target.dev)) throw fail(ErrorCode.OPERATION_FAILED, `target ${disk.target.dev} already exists`);
  const grown = cloneDomainDef(def);
  grown.devices.disks.push(structuredClone(disk));
  const added = canonicalizeDomain(grown, caps).devices.disks.at(-1)!;
  grown.devices.disks[grown.devices.disks.length - 1] = added;
  return grown;
}

/**
 * virDomainAttachDeviceFlags for a <disk>: in the running guest (QMP
 * blockdev-add of its storage node and, unless raw, its format node, then device_add of the
 * virtio-blk device, with the options the command line would carry)
 * and/or in the definition. flags: DeviceModifyFlags (not FORCE).
 */
export async function attachDisk(host: DiskHotplugHost, obj: KvmDomainObject, disk: DiskDef, flags: number): Promise<void> {
  checkFlags(flags, DeviceModifyFlags.LIVE | DeviceModifyFlags.CONFIG, 'virDomainAttachDeviceFlags');
  const { live, config } = modificationImpact(flags, obj.live !== undefined, obj.persistent !== undefined, 'domain', fail);
  const liveDef = live ? withDisk(obj.live!.def, disk, await host.caps(obj.live!.def)) : undefined;
  const cfg = config ? withDisk(obj.persistent!, disk, await host.caps(obj.persistent!)) : undefined;
  if (liveDef) {
    const running = obj.live!;
    const id = virtioDiskId(disk);
    // Each image of a chain would be one more node to add here and to delete on unplug, which only knows the top two.
    if (chainLength(disk) > 1) throw unsupportedConfig('disk/backingStore', `attaching disk ${disk.target.dev} with a backing chain to a running domain is not supported`);
    // The new disk is the last: its -blockdev nodes (storage, and format unless the image is raw) and its
    // -device end the disk options. The command line numbers its nodes libvirt-1-*, which the first disk
    // QEMU started with may hold, so they are renamed after the target.
    const opts = diskArgs(liveDef, machineFamily(liveDef.os.machine!), new Map())
      .map((a) => a.replaceAll('"libvirt-1-', `"hotplug-${disk.target.dev}-`));
    const values = (name: string) => opts.flatMap((o, i) => (o === name && i + 1 < opts.length ? [JSON.parse(opts[i + 1]) as Record<string, unknown>] : []));
    const nodes = values('-blockdev').filter((b) => String(b['node-name']).startsWith(`hotplug-${disk.target.dev}-`));
    const device = values('-device').at(-1)!;
    const added: unknown[] = [];
    try {
      for (const node of nodes) {
        await running.qmp.execute('blockdev-add', node);
        added.unshift(node['node-name']);
      }
      await running.qmp.execute('device_add', device);
    } catch (e) {
      for (const name of added) await running.qmp.execute('blockdev-del', { 'node-name': name }).catch(() => {});
      throw e;
    }
    running.def = liveDef;
    running.xml = formatDomainXml(liveDef);
    await host.writeStatus(obj);
    host.emitDomainEvent({ id: DomainEventId.DEVICE_ADDED, domain: host.ref(obj), devAlias: id });
  }
  if (cfg) {
    await host.writeConfig(cfg);
    obj.persistent = cfg;
  }
}

/** A copy of `def` without the disk with `target`; DEVICE_MISSING-like OPERATION_FAILED when it has none. */
function withoutDisk(def: DomainDef, target: string): DomainDef {
  const i = def.devices.disks.findIndex((d) => d.target.dev === target);
  if (i < 0) throw fail(ErrorCode.DEVICE_MISSING, `disk ${target} not found`);
  const shrunk = cloneDomainDef(def);
  shrunk.devices.disks.splice(i, 1);
  return shrunk;
}

function withoutInterface(def: DomainDef, mac: string | undefined): DomainDef {
  const i = def.devices.interfaces.findIndex((n) => mac !== undefined && n.mac === mac.toLowerCase());
  if (i < 0) throw fail(ErrorCode.DEVICE_MISSING, `no device matching MAC address ${mac ?? '(none)'} found`);
  const shrunk = cloneDomainDef(def);
  shrunk.devices.interfaces.splice(i, 1);
  return shrunk;
}

/**
 * virDomainDetachDeviceFlags: a disk (by target) from the running guest
 * (device_del, then QEMU's DEVICE_DELETED once the guest let go, then the
 * block nodes) and/or from the definition; an interface (by MAC) likewise:
 * device_del, DEVICE_DELETED, netdev_del, then its tap goes.
 */
export async function detachDevice(host: DiskHotplugHost, obj: KvmDomainObject, xml: string, flags: number): Promise<void> {
  checkFlags(flags, DeviceModifyFlags.LIVE | DeviceModifyFlags.CONFIG, 'virDomainDetachDeviceFlags');
  const { disk, nic, name } = parseDeviceXml(xml);
  if (!disk && !nic) throw fail(ErrorCode.OPERATION_UNSUPPORTED, `detaching a <${name}> device is not supported: only <disk> and <interface>`);
  const { live, config } = modificationImpact(flags, obj.live !== undefined, obj.persistent !== undefined, 'domain', fail);
  const shrink = (def: DomainDef) => (disk ? withoutDisk(def, disk.target.dev) : withoutInterface(def, nic!.mac));
  const liveDef = live ? shrink(obj.live!.def) : undefined;
  const cfg = config ? shrink(obj.persistent!) : undefined;
  if (liveDef) {
    const running = obj.live!;
    const alias = disk ? await unplugDisk(running, disk) : await unplugInterface(host, running, nic!);
    running.def = liveDef;
    running.xml = formatDomainXml(liveDef);
    await host.writeStatus(obj);
    host.emitDomainEvent({ id: DomainEventId.DEVICE_REMOVED, domain: host.ref(obj), devAlias: alias });
  }
  if (cfg) {
    await host.writeConfig(cfg);
    obj.persistent = cfg;
  }
}

/** device_del of `id`, resolved once QEMU reports DEVICE_DELETED (the guest let go of it). */
async function unplug(running: LiveDomain, id: string, what: string): Promise<void> {
  const deleted = running.qmp.waitForEvent('DEVICE_DELETED', DEVICE_DELETED_TIMEOUT_MS, (e) => e.data.device === id);
  await running.qmp.execute('device_del', { id });
  await deleted.catch((e: Error) => { throw fail(ErrorCode.OPERATION_TIMEOUT, `the guest did not release ${what}: ${e.message}`, e); });
}

/** Unplugs a virtio disk and deletes its block nodes; returns its device id. */
async function unplugDisk(running: LiveDomain, disk: DiskDef): Promise<string> {
  const id = virtioDiskId(running.def.devices.disks.find((d) => d.target.dev === disk.target.dev)!);
  const blocks = await running.qmp.execute<Array<{ qdev?: string; inserted?: { 'node-name'?: string } }>>('query-block');
  // The device's top node: the format node, or the storage node of a raw image, which has no format layer.
  const topNode = blocks.find((b) => b.qdev?.split('/').includes(id))?.inserted?.['node-name'];
  await unplug(running, id, `disk ${disk.target.dev}`);
  if (topNode) {
    await running.qmp.execute('blockdev-del', { 'node-name': topNode }).catch(() => {});
    if (topNode.endsWith('-format')) await running.qmp.execute('blockdev-del', { 'node-name': topNode.replace(/-format$/, '-storage') }).catch(() => {});
  }
  return id;
}

/** Unplugs the NIC with the interface's MAC, deletes its netdev and its tap; returns its device id. */
async function unplugInterface(host: DiskHotplugHost, running: LiveDomain, nic: InterfaceDef): Promise<string> {
  const mac = nic.mac!.toLowerCase();
  const ids = (await runningNics(running.qmp)).find((n) => n.mac === mac);
  if (!ids) throw fail(ErrorCode.OPERATION_FAILED, `QEMU has no NIC with MAC address ${mac}`);
  await unplug(running, ids.id, `interface ${mac}`);
  if (ids.netdev) await running.qmp.execute('netdev_del', { id: ids.netdev }).catch(() => {});
  await host.releaseInterface(running.def, running.def.devices.interfaces.find((n) => n.mac === mac)!);
  return ids.id;
}
