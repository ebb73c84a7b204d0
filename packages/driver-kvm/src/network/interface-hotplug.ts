import {
  DeviceModifyFlags, ErrorCode, checkFlags, modificationImpact, cloneDomainDef, domainFromElement, element, formatDomainXml, parseXmlDocument, textElement,
  type DomainDef, type InterfaceDef,
} from '@virtkit/core';
import { canonicalizeDomain } from '../canonicalize.js';
import { fail } from '../errors.js';
import type { KvmDomainObject } from '../kvm-domain.js';
import { netArgs } from '../net-args.js';
import type { QemuCaps } from '../qemu-caps.js';
import type { GuestInterfaces } from './guest-interfaces.js';
import { isBridgedInterface } from './interface-options.js';
import { freeNicIds } from './nic-ids.js';

/** What hotplugging an interface needs of the host. */
export interface HotplugHost {
  readonly interfaces: GuestInterfaces;
  caps(def: DomainDef): Promise<QemuCaps>;
  writeStatus(obj: KvmDomainObject): Promise<void>;
  writeConfig(def: DomainDef): Promise<void>;
  /** Reports the NIC plugged in (DEVICE_ADDED, by its QEMU id). */
  deviceAdded(obj: KvmDomainObject, devAlias: string): void;
}

/** One <interface> element through core's domain parser (the model's only reader of interfaces). */
function parseInterfaceXml(xml: string): InterfaceDef {
  const el = parseXmlDocument(xml);
  if (el.name !== 'interface') throw fail(ErrorCode.OPERATION_UNSUPPORTED, `attaching a <${el.name}> device is not supported: only <interface>`);
  const holder = element('domain', { type: 'kvm' }, [textElement('name', 'hotplug'), textElement('memory', '1'), element('os', {}, [textElement('type', 'hvm')]), element('devices', {}, [el])]);
  return domainFromElement(holder).devices.interfaces[0];
}

/** `def` with `nic` appended and given what canonicalization gives a new interface (MAC, model, PCI slot). */
function withInterface(def: DomainDef, nic: InterfaceDef, caps: QemuCaps): [DomainDef, InterfaceDef] {
  const grown = cloneDomainDef(def);
  grown.devices.interfaces.push(nic);
  const added = canonicalizeDomain(grown, caps).devices.interfaces.at(-1)!;
  grown.devices.interfaces[grown.devices.interfaces.length - 1] = added;
  return [grown, added];
}

/**
 * virDomainAttachDeviceFlags for an <interface>: in the running guest (its
 * tap made as at start, then QMP netdev_add and device_add with the same
 * options the command line would carry) and/or in the definition.
 * flags: DeviceModifyFlags (not FORCE).
 */
export async function attachInterface(host: HotplugHost, obj: KvmDomainObject, xml: string, flags: number): Promise<void> {
  checkFlags(flags, DeviceModifyFlags.LIVE | DeviceModifyFlags.CONFIG, 'virDomainAttachDeviceFlags');
  const nic = parseInterfaceXml(xml);
  const { live, config } = modificationImpact(flags, obj.live !== undefined, obj.persistent !== undefined, 'domain', fail);
  if (nic.mac && [obj.live?.def, obj.persistent].some((d) => d?.devices.interfaces.some((n) => n.mac === nic.mac))) {
    throw fail(ErrorCode.OPERATION_FAILED, `domain already has an interface with MAC address ${nic.mac}`);
  }
  if (live) {
    const running = obj.live!;
    const [def, added] = withInterface(running.def, structuredClone(nic), await host.caps(running.def));
    const args = netArgs(def, new Map());
    const [netdev, device] = [JSON.parse(args.at(-3)!), JSON.parse(args.at(-1)!)];
    // Ids no NIC holds: an earlier unplug may have left the positional ones taken.
    const ids = await freeNicIds(running.qmp, def.devices.interfaces.length - 1);
    [netdev.id, device.netdev, device.id] = [ids.netdev, ids.netdev, ids.id];
    const tapped = isBridgedInterface(added);
    if (tapped) {
      await host.interfaces.attach(def, added);
      netdev.ifname = added.targetDev;
    }
    try {
      await running.qmp.execute('netdev_add', netdev);
      try {
        await running.qmp.execute('device_add', device);
      } catch (e) {
        await running.qmp.execute('netdev_del', { id: netdev.id }).catch(() => {});
        throw e;
      }
    } catch (e) {
      if (tapped) await host.interfaces.detach({ ...def, devices: { ...def.devices, interfaces: [added] } });
      throw e;
    }
    running.def = def;
    running.xml = formatDomainXml(def);
    await host.writeStatus(obj);
    host.deviceAdded(obj, device.id);
  }
  if (config) {
    const [def] = withInterface(obj.persistent!, structuredClone(nic), await host.caps(obj.persistent!));
    await host.writeConfig(def);
    obj.persistent = def;
  }
}
