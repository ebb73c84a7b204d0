import type { DomainDef, InterfaceDef } from '@virtkit/core';
import { json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { NIC_MODELS } from './device-models.js';
import { unsupportedConfig } from './errors.js';

// The command line of <interface>: -netdev and the NIC -device.

function netdevFor(nic: InterfaceDef, el: string, id: string): Json {
  if (nic.type === 'user') {
    if (nic.source) throw unsupportedConfig(`${el}/source`, 'user networking takes no source');
    return { type: 'user', id };
  }
  if (nic.type === 'bridge') {
    const br = nic.source?.bridge;
    if (!br || Object.keys(nic.source!).length !== 1) throw unsupportedConfig(`${el}/source`, "a bridge interface needs exactly <source bridge='…'/>");
    return { type: 'bridge', br, id };
  }
  if (nic.type === 'ethernet') {
    if (nic.source) throw unsupportedConfig(`${el}/source`, 'an ethernet interface takes no source');
    const o: Json = { type: 'tap', script: 'no', downscript: 'no', id };
    if (nic.targetDev !== undefined) o.ifname = nic.targetDev;
    return o;
  }
  throw unsupportedConfig(`${el}/@type`, `interface type '${nic.type}' is not supported (user, bridge, ethernet)`);
}

export function netArgs(def: DomainDef, boot: Map<object, number>): string[] {
  const out: string[] = [];
  def.devices.interfaces.forEach((nic, i) => {
    const el = `domain/devices/interface[${i + 1}]`;
    rejectExtras(nic.extras, el, []);
    if (nic.script !== undefined) throw unsupportedConfig(`${el}/script`, 'interface scripts are not supported');
    if (nic.targetDev !== undefined && nic.type !== 'ethernet') throw unsupportedConfig(`${el}/target`, 'a tap name is only supported on ethernet interfaces');
    const driver = NIC_MODELS[nic.model!];
    if (!driver) throw unsupportedConfig(`${el}/model`, `NIC model '${nic.model}' is not supported (${Object.keys(NIC_MODELS).join(', ')})`);
    out.push('-netdev', json(netdevFor(nic, el, `hostnet${i}`)));
    const dev: Json = { driver, netdev: `hostnet${i}`, id: `net${i}`, mac: nic.mac!, ...pciProps(nic.address, el, def) };
    const bi = boot.get(nic);
    if (bi !== undefined) dev.bootindex = bi;
    out.push('-device', json(dev));
  });
  return out;
}
