import {
  DeviceModifyFlags, ErrorCode, checkFlags, modificationImpact, cloneDomainDef, element, formatDomainXml, parseXmlDocument, type DomainDef, type InterfaceDef,
} from '@virtkit/core';
import { fail } from '../errors.js';
import type { KvmDomainObject } from '../kvm-domain.js';
import { runningNics } from './nic-ids.js';

/** What updating a device needs of the host. */
export interface DeviceUpdateHost {
  writeStatus(obj: KvmDomainObject): Promise<void>;
  writeConfig(def: DomainDef): Promise<void>;
}

/** The state an <interface> fragment asks for: its MAC and link state (default up). */
function wantedLink(xml: string): { mac: string; up: boolean } {
  const el = parseXmlDocument(xml);
  if (el.name !== 'interface') throw fail(ErrorCode.OPERATION_UNSUPPORTED, `updating a <${el.name}> device is not supported: only an interface's link state`);
  const child = (name: string) => el.children.find((c) => c.kind === 'element' && c.name === name);
  const mac = child('mac');
  const address = mac && mac.kind === 'element' ? mac.attrs.address : undefined;
  if (!address) throw fail(ErrorCode.OPERATION_FAILED, 'the interface to update needs its <mac address=…/>');
  const link = child('link');
  const state = link && link.kind === 'element' ? link.attrs.state : undefined;
  if (state !== undefined && state !== 'up' && state !== 'down') throw fail(ErrorCode.CONFIG_UNSUPPORTED, `link state '${state}' is not up or down`);
  return { mac: address.toLowerCase(), up: state !== 'down' };
}

/** The interface with `mac` and its index; OPERATION_FAILED when the domain has none. */
function findInterface(def: DomainDef, mac: string): [InterfaceDef, number] {
  const i = def.devices.interfaces.findIndex((n) => n.mac === mac);
  if (i < 0) throw fail(ErrorCode.OPERATION_FAILED, `no device matching MAC address ${mac} found`);
  return [def.devices.interfaces[i], i];
}

/** Records <link state=…/> on an interface (in its extras, where the model keeps it). */
function setLink(nic: InterfaceDef, up: boolean): void {
  const children = (nic.extras?.children ?? []).filter((c) => !(c.node.kind === 'element' && c.node.name === 'link'));
  children.push({ after: nic.model !== undefined ? 'model' : 'source', node: element('link', { state: up ? 'up' : 'down' }) });
  nic.extras = { attrs: nic.extras?.attrs ?? {}, children };
}

/**
 * virDomainUpdateDeviceFlags for what the driver can change in place: an
 * interface's link state (virsh domif-setlink), live through QMP set_link
 * and/or in the definition. flags: DeviceModifyFlags (not FORCE).
 */
export async function updateInterfaceLink(host: DeviceUpdateHost, obj: KvmDomainObject, xml: string, flags: number): Promise<void> {
  checkFlags(flags, DeviceModifyFlags.LIVE | DeviceModifyFlags.CONFIG, 'virDomainUpdateDeviceFlags');
  const { mac, up } = wantedLink(xml);
  const { live, config } = modificationImpact(flags, obj.live !== undefined, obj.persistent !== undefined, 'domain', fail);
  if (live) {
    const running = obj.live!;
    const def = cloneDomainDef(running.def);
    const [nic, index] = findInterface(def, mac);
    const id = (await runningNics(running.qmp)).find((n) => n.mac === mac)?.id ?? `net${index}`;
    await running.qmp.execute('set_link', { name: id, up });
    setLink(nic, up);
    running.def = def;
    running.xml = formatDomainXml(def);
    await host.writeStatus(obj);
  }
  if (config) {
    const def = cloneDomainDef(obj.persistent!);
    setLink(findInterface(def, mac)[0], up);
    await host.writeConfig(def);
    obj.persistent = def;
  }
}
