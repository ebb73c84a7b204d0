import { parseIntStrict, type InterfaceDef, type XmlElement } from '@virtkit/core';
import { unsupportedConfig } from '../errors.js';

/** A tc rate of <bandwidth>'s inbound or outbound: KiB/s, peak KiB/s, burst KiB. */
export interface BandwidthRate {
  average: number;
  peak?: number;
  burst?: number;
}

/** What a tap-backed <interface> asks of the host beyond the device: elements core's model keeps as extras. */
export interface InterfaceOptions {
  /** <mtu size=…/>. */
  mtu?: number;
  /** <link state='down'/>. */
  linkDown: boolean;
  /** <driver queues=…/>: a multiqueue tap. */
  queues?: number;
  /** <bandwidth>: inbound is what the guest receives (the tap's egress), outbound what it sends. */
  inbound?: BandwidthRate;
  outbound?: BandwidthRate;
}

/** The extra child elements interface options come from; anything else on a tap interface is refused. */
export const INTERFACE_OPTION_ELEMENTS = ['mtu', 'link', 'bandwidth', 'driver'];

function extraElement(nic: InterfaceDef, name: string): XmlElement | undefined {
  for (const c of nic.extras?.children ?? []) if (c.node.kind === 'element' && c.node.name === name) return c.node;
  return undefined;
}

function rate(el: XmlElement | undefined, path: string): BandwidthRate | undefined {
  if (!el) return undefined;
  const num = (a: string) => (el.attrs[a] === undefined ? undefined : parseIntStrict(el.attrs[a], `${path}/@${a}`, 1));
  // floor is a minimum the network's QoS guarantees across its guests' traffic, which the network driver does not keep.
  if (el.attrs.floor !== undefined) throw unsupportedConfig(`${path}/@floor`, "a bandwidth floor needs the network's class-based QoS, which this driver's networks do not set up");
  const average = num('average');
  if (average === undefined) throw unsupportedConfig(path, "a bandwidth rate needs an 'average'");
  return { average, peak: num('peak'), burst: num('burst') };
}

/** The options of one interface (pure). `el` names it in errors. */
export function interfaceOptions(nic: InterfaceDef, el: string): InterfaceOptions {
  const mtu = extraElement(nic, 'mtu');
  const link = extraElement(nic, 'link');
  const driver = extraElement(nic, 'driver');
  const bw = extraElement(nic, 'bandwidth');
  const state = link?.attrs.state;
  if (state !== undefined && state !== 'up' && state !== 'down') throw unsupportedConfig(`${el}/link`, `link state '${state}' is not up or down`);
  const child = (name: string) => bw?.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
  return {
    mtu: mtu?.attrs.size === undefined ? undefined : parseIntStrict(mtu.attrs.size, `${el}/mtu/@size`, 68, 65535),
    linkDown: state === 'down',
    queues: driver?.attrs.queues === undefined ? undefined : parseIntStrict(driver.attrs.queues, `${el}/driver/@queues`, 1, 256),
    inbound: rate(child('inbound'), `${el}/bandwidth/inbound`),
    outbound: rate(child('outbound'), `${el}/bandwidth/outbound`),
  };
}

/** True for the interface types the driver backs with a tap on a bridge. */
export function isBridgedInterface(nic: InterfaceDef): boolean {
  return nic.type === 'network' || nic.type === 'bridge';
}
