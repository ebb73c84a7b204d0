import type { DomainDef, InterfaceDef } from '@virtkit/core';
import { json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { NIC_MODELS } from './device-models.js';
import { unsupportedConfig } from './errors.js';
import { INTERFACE_OPTION_ELEMENTS, interfaceOptions, isBridgedInterface } from './network/interface-options.js';

// The command line of <interface>: -netdev and the NIC -device.

function netdevFor(nic: InterfaceDef, el: string, id: string): Json {
  if (nic.type === 'user') {
    if (nic.source) throw unsupportedConfig(`${el}/source`, 'user networking takes no source');
    return { type: 'user', id };
  }
  if (isBridgedInterface(nic) && (nic.targetDev !== undefined || nic.type === 'network')) {
    // The driver created the tap on the network's (or the named) bridge; before that (validation) no name is known yet.
    const queues = interfaceOptions(nic, el).queues;
    const o: Json = { type: 'tap', script: 'no', downscript: 'no', id };
    if (nic.targetDev !== undefined) o.ifname = nic.targetDev;
    if (queues !== undefined && queues > 1) o.queues = queues;
    return o;
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
  throw unsupportedConfig(`${el}/@type`, `interface type '${nic.type}' is not supported (user, network, bridge, ethernet)`);
}

/** A tap NIC's MTU (host_mtu) and multiqueue (mq, vectors = 2 × queues + 2, as libvirt sets them). */
function tapDeviceProps(nic: InterfaceDef, el: string): Json {
  if (!isBridgedInterface(nic)) return {};
  const o = interfaceOptions(nic, el);
  const props: Json = {};
  if (o.mtu !== undefined && nic.model === 'virtio') props.host_mtu = o.mtu;
  if (o.queues !== undefined && o.queues > 1) Object.assign(props, { mq: true, vectors: 2 * o.queues + 2 });
  return props;
}

export function netArgs(def: DomainDef, boot: Map<object, number>): string[] {
  const out: string[] = [];
  def.devices.interfaces.forEach((nic, i) => {
    const el = `domain/devices/interface[${i + 1}]`;
    rejectExtras(nic.extras, el, isBridgedInterface(nic) ? INTERFACE_OPTION_ELEMENTS : []);
    if (nic.script !== undefined) throw unsupportedConfig(`${el}/script`, 'interface scripts are not supported');
    if (nic.targetDev !== undefined && nic.type !== 'ethernet' && !isBridgedInterface(nic)) throw unsupportedConfig(`${el}/target`, 'a tap name is only supported on ethernet interfaces');
    const driver = NIC_MODELS[nic.model!];
    if (!driver) throw unsupportedConfig(`${el}/model`, `NIC model '${nic.model}' is not supported (${Object.keys(NIC_MODELS).join(', ')})`);
    out.push('-netdev', json(netdevFor(nic, el, `hostnet${i}`)));
    const dev: Json = { driver, netdev: `hostnet${i}`, id: `net${i}`, mac: nic.mac!, ...pciProps(nic.address, el, def), ...tapDeviceProps(nic, el) };
    const bi = boot.get(nic);
    if (bi !== undefined) dev.bootindex = bi;
    out.push('-device', json(dev));
  });
  return out;
}
