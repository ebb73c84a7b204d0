import type { DomainDef, InterfaceDef, XmlElement } from '@virtkit/core';
import { json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { NIC_MODELS } from './device-models.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';
import { virtioOptions } from './rng-args.js';
import { INTERFACE_OPTION_ELEMENTS, interfaceOptions, isBridgedInterface } from './network/interface-options.js';

// The command line of <interface>: -netdev and the NIC -device.

const extraElements = (nic: InterfaceDef, name: string): XmlElement[] =>
  (nic.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === name);

/** Interface parts that need something on the host this driver does not do, and why. */
const NIC_HOST_REFUSALS: ReadonlyArray<[string, string]> = [
  ['virtualport', 'a virtual port (Open vSwitch, MidoNet, 802.1Qbg/bh) needs that switch on the host, which this driver does not drive'],
  ['teaming', 'virtio failover teaming pairs the NIC with a hostdev (VFIO) interface, which this driver does not assign'],
  ['downscript', "libvirt runs an interface's downscript on the host when it removes the tap; this driver runs no host scripts"],
  ['backend', "<backend tap vhost> names other host devices for the tap and vhost-net, which this driver does not open for QEMU"],
];

/**
 * <ip> of user networking: the guest network (an IPv4 address and prefix,
 * net=ADDR/PREFIX, default prefix 24) and an IPv6 prefix.
 */
function userNetworkProps(nic: InterfaceDef, el: string): Json {
  const out: Json = {};
  extraElements(nic, 'ip').forEach((ip, k) => {
    const where = `${el}/ip[${k + 1}]`;
    const { address, family, prefix, ...rest } = ip.attrs;
    if (Object.keys(rest).length > 0 || ip.children.some((c) => c.kind === 'element')) throw unsupportedConfig(where, 'only address, family and prefix are supported');
    if (!address) throw unsupportedConfig(where, 'an <ip> needs an address');
    const v6 = family === 'ipv6' || (family === undefined && address.includes(':'));
    if (family !== undefined && family !== 'ipv4' && family !== 'ipv6') throw unsupportedConfig(`${where}/@family`, `'${family}' is not ipv4 or ipv6`);
    if (!(v6 ? /^[0-9a-fA-F:]+$/ : /^\d{1,3}(\.\d{1,3}){3}$/).test(address)) throw unsupportedConfig(`${where}/@address`, `'${address}' is not an ${v6 ? 'IPv6' : 'IPv4'} address`);
    const len = prefix === undefined ? (v6 ? 64 : 24) : Number(prefix);
    if (!Number.isInteger(len) || len < 0 || len > (v6 ? 128 : 32)) throw unsupportedConfig(`${where}/@prefix`, `'${prefix}' is not a prefix length`);
    if ((v6 ? 'ipv6-prefix' : 'net') in out) throw unsupportedConfig(where, `only one ${v6 ? 'IPv6' : 'IPv4'} address is supported`);
    if (v6) Object.assign(out, { 'ipv6-prefix': address, 'ipv6-prefixlen': len });
    else out.net = `${address}/${len}`;
  });
  return out;
}

/** <rom bar enabled file>: the NIC's option ROM (rombar, romfile; enabled='no' or file='' loads none). */
export function romProps(rom: XmlElement | undefined, el: string): Json {
  if (!rom) return {};
  const where = `${el}/rom`;
  const { bar, enabled, file, ...rest } = rom.attrs;
  if (Object.keys(rest).length > 0) throw unsupportedConfig(where, `attribute '${Object.keys(rest)[0]}' is not supported`);
  const out: Json = {};
  if (bar !== undefined) {
    if (bar !== 'on' && bar !== 'off') throw unsupportedConfig(`${where}/@bar`, `must be 'on' or 'off'`);
    out.rombar = bar === 'on' ? 1 : 0;
  }
  if (enabled !== undefined && enabled !== 'yes' && enabled !== 'no') throw unsupportedConfig(`${where}/@enabled`, `must be 'yes' or 'no'`);
  if (enabled === 'no') out.romfile = '';
  else if (file !== undefined) {
    checkOptionText(file, `${where}/@file`);
    out.romfile = file;
  }
  return out;
}

/** <driver> of a NIC: virtio options; name='qemu' or 'vhost' and queues are the tap's (tapDeviceProps). */
function nicDriverProps(nic: InterfaceDef, el: string, def: DomainDef): Json {
  const driver = extraElements(nic, 'driver')[0];
  if (!driver) return {};
  const { name, queues, ioeventfd, event_idx: eventIdx, ...virtio } = driver.attrs;
  if (driver.children.some((c) => c.kind === 'element')) throw unsupportedConfig(`${el}/driver`, 'host and guest offload settings are not supported');
  if (name !== undefined && name !== 'qemu' && name !== 'vhost') throw unsupportedConfig(`${el}/driver/@name`, `backend driver '${name}' is not supported (qemu, vhost)`);
  if (queues !== undefined && !isBridgedInterface(nic)) throw unsupportedConfig(`${el}/driver/@queues`, 'multiqueue needs a tap interface (network or bridge)');
  if (!nic.model?.startsWith('virtio') && (Object.keys(virtio).length > 0 || ioeventfd !== undefined || eventIdx !== undefined)) throw unsupportedConfig(`${el}/driver`, 'virtio options, ioeventfd and event_idx are for virtio NICs');
  const props = virtioOptions(virtio, `${el}/driver`, { def, address: nic.address });
  for (const [attr, v] of [['ioeventfd', ioeventfd], ['event_idx', eventIdx]] as const) {
    if (v === undefined) continue;
    if (v !== 'on' && v !== 'off') throw unsupportedConfig(`${el}/driver/@${attr}`, `must be 'on' or 'off'`);
    props[attr] = v === 'on';
  }
  return props;
}

/** 'address:port' of a socket interface's source (or its <local>), with an IPv4 address or a host name. */
function socketEndpoint(attrs: Record<string, string>, where: string, needAddress: boolean): string {
  const { address, port, ...rest } = attrs;
  if (Object.keys(rest).length > 0) throw unsupportedConfig(where, `attribute '${Object.keys(rest)[0]}' is not supported`);
  if (port === undefined || !/^\d+$/.test(port) || Number(port) > 65535) throw unsupportedConfig(`${where}/@port`, 'a socket interface needs a port (0-65535)');
  if (address !== undefined && !/^[A-Za-z0-9.-]+$/.test(address)) throw unsupportedConfig(`${where}/@address`, `'${address}' is not an IPv4 address or host name`);
  if (address === undefined && needAddress) throw unsupportedConfig(`${where}/@address`, 'this socket interface needs an address');
  return `${address ?? ''}:${port}`;
}

/**
 * The socket netdevs (QEMU's own tunnels between guests): server listens,
 * client connects, mcast joins a multicast group, udp sends to a peer from
 * <local>; their <source> (with <local>, kept in the extras) gives the ends.
 */
function socketNetdev(nic: InterfaceDef, el: string, id: string): Json {
  const srcEl = extraElements(nic, 'source')[0];
  const attrs = nic.source ?? srcEl?.attrs;
  if (!attrs) throw unsupportedConfig(`${el}/source`, `a ${nic.type} interface needs a source address and port`);
  const local = srcEl?.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'local');
  const other = srcEl?.children.find((c): c is XmlElement => c.kind === 'element' && c.name !== 'local');
  if (other) throw unsupportedConfig(`${el}/source/${other.name}`, 'not supported');
  const key = { server: 'listen', client: 'connect', mcast: 'mcast', udp: 'udp' }[nic.type]!;
  const o: Json = { type: 'socket', [key]: socketEndpoint(attrs, `${el}/source`, nic.type !== 'server') };
  if (local && nic.type !== 'udp' && nic.type !== 'mcast') throw unsupportedConfig(`${el}/source/local`, 'only udp and mcast interfaces have a local end');
  if (nic.type === 'udp' && !local) throw unsupportedConfig(`${el}/source`, 'a udp interface needs <local address port>');
  if (local) o.localaddr = nic.type === 'mcast' ? local.attrs.address ?? '' : socketEndpoint(local.attrs, `${el}/source/local`, true);
  o.id = id;
  return o;
}

function netdevFor(nic: InterfaceDef, el: string, id: string): Json {
  if (['server', 'client', 'mcast', 'udp'].includes(nic.type)) return socketNetdev(nic, el, id);
  if (nic.type === 'user') {
    if (nic.source) throw unsupportedConfig(`${el}/source`, 'user networking takes no source');
    return { type: 'user', ...userNetworkProps(nic, el), id };
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
  if (nic.type === 'vhostuser') throw unsupportedConfig(`${el}/@type`, 'a vhost-user interface needs a vhost-user backend (such as a DPDK switch or passt) on its socket, which this driver does not run');
  throw unsupportedConfig(`${el}/@type`, `interface type '${nic.type}' is not supported (user, network, bridge, ethernet, server, client, mcast, udp)`);
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
    if (nic.type === 'hostdev') throw unsupportedConfig(`${el}/@type`, 'a hostdev interface assigns a host network function through VFIO, which needs it bound to vfio-pci; this driver does not manage host devices');
    if (nic.type === 'vdpa') throw unsupportedConfig(`${el}/@type`, 'a vDPA interface needs a host vhost-vdpa device, which this host does not have');
    if (extraElements(nic, 'backend')[0]?.attrs.type === 'passt') throw unsupportedConfig(`${el}/backend/@type`, 'the passt backend runs passt (a user-mode network stack) on the host, which this host does not have');
    const hostPart = NIC_HOST_REFUSALS.find(([name]) => nic.extras?.children.some((c) => c.node.kind === 'element' && c.node.name === name));
    if (hostPart) throw unsupportedConfig(`${el}/${hostPart[0]}`, hostPart[1]);
    const socket = ['server', 'client', 'mcast', 'udp'].includes(nic.type);
    rejectExtras(nic.extras, el, [...(isBridgedInterface(nic) ? INTERFACE_OPTION_ELEMENTS : ['driver']), 'rom', ...(nic.type === 'user' ? ['ip'] : []), ...(socket ? ['source'] : [])]);
    if (nic.script !== undefined) throw unsupportedConfig(`${el}/script`, "libvirt runs an interface's script on the host when it makes the tap; this driver runs no host scripts");
    if (nic.targetDev !== undefined && nic.type !== 'ethernet' && !isBridgedInterface(nic)) throw unsupportedConfig(`${el}/target`, 'a tap name is only supported on ethernet interfaces');
    const driver = NIC_MODELS[nic.model!];
    if (!driver) throw unsupportedConfig(`${el}/model`, `NIC model '${nic.model}' is not supported (${Object.keys(NIC_MODELS).join(', ')})`);
    out.push('-netdev', json(netdevFor(nic, el, `hostnet${i}`)));
    // As libvirt: the boot index before the address.
    const bi = boot.get(nic);
    const dev: Json = { driver, ...nicDriverProps(nic, el, def), netdev: `hostnet${i}`, id: `net${i}`, mac: nic.mac!, ...(bi !== undefined ? { bootindex: bi } : {}), ...pciProps(nic.address, el, def), ...romProps(extraElements(nic, 'rom')[0], el), ...tapDeviceProps(nic, el) };
    out.push('-device', json(dev));
  });
  return out;
}
