import { createHash } from 'node:crypto';
import { ErrorCode, type DomainDef, type InterfaceDef, type Logger } from '@virtkit/core';
import type { QmpMonitor } from '../qmp-client.js';
import type { HostCommands } from './host-commands.js';
import { interfaceOptions, isBridgedInterface, type BandwidthRate } from './interface-options.js';
import { netFail, type KvmNetworks } from './kvm-networks.js';

/** Auto-assigned tap names, as libvirt's: vnet0, vnet1, … A migrated guest gets new ones on the destination. */
const AUTO_TAP = /^vnet\d+$/;

/**
 * The host side of a guest's <interface type='network'> and type='bridge':
 * a tap device on the bridge (the network's, or the named one), with the
 * guest's MAC (first byte fe, as libvirt sets it), MTU, multiqueue and tc
 * bandwidth limits; QEMU opens it by name. attach() fills the live
 * definition in (target dev, the network's bridge); detach() removes the
 * taps when the guest is gone.
 */
export class GuestInterfaces {
  constructor(private readonly networks: KvmNetworks, private readonly cmd: HostCommands, private readonly logger: Logger) {}

  /** True when the definition has interfaces the driver must create taps for. */
  needed(def: DomainDef): boolean {
    return def.devices.interfaces.some(isBridgedInterface);
  }

  /**
   * Creates the taps of `def` (a live copy, changed in place), or only of
   * `only` (an interface hotplugged into it); on failure removes those it
   * created.
   */
  async attach(def: DomainDef, only?: InterfaceDef): Promise<void> {
    const created: string[] = [];
    try {
      const used = await this.networks.devices.linkNames();
      let next = 0;
      for (const [i, nic] of def.devices.interfaces.entries()) {
        if (!isBridgedInterface(nic) || (only !== undefined && nic !== only)) continue;
        const el = `domain/devices/interface[${i + 1}]`;
        const { bridge, mtu: bridgeMtu } = await this.bridgeFor(nic, el);
        if (nic.targetDev === undefined || AUTO_TAP.test(nic.targetDev)) {
          while (used.has(`vnet${next}`)) next++;
          nic.targetDev = `vnet${next}`;
        } else if (used.has(nic.targetDev)) {
          throw netFail(ErrorCode.OPERATION_FAILED, `tap device '${nic.targetDev}' of ${el} already exists`);
        }
        const tap = nic.targetDev;
        used.add(tap);
        const o = interfaceOptions(nic, el);
        await this.cmd.run('ip', ['tuntap', 'add', 'dev', tap, 'mode', 'tap', ...(o.queues !== undefined && o.queues > 1 ? ['multi_queue'] : [])]);
        created.push(tap);
        await this.cmd.run('ip', ['link', 'set', 'dev', tap, 'address', `fe${nic.mac!.slice(2)}`]);
        const mtu = o.mtu ?? bridgeMtu;
        if (mtu !== undefined) await this.cmd.run('ip', ['link', 'set', 'dev', tap, 'mtu', String(mtu)]);
        await this.cmd.run('ip', ['link', 'set', 'dev', tap, 'master', bridge]);
        await this.cmd.run('ip', ['link', 'set', 'dev', tap, 'up']);
        if (nic.type === 'network') nic.source = { ...nic.source, bridge };
        await this.applyBandwidth(tap, o.inbound, o.outbound, created);
      }
    } catch (e) {
      for (const tap of created) await this.cmd.attempt('ip', ['link', 'del', 'dev', tap]);
      throw e;
    }
  }

  /** After QEMU started: interfaces defined with <link state='down'/> are set down (QMP set_link). */
  async applyLinkStates(def: DomainDef, qmp: QmpMonitor): Promise<void> {
    for (const [i, nic] of def.devices.interfaces.entries()) {
      if (isBridgedInterface(nic) && interfaceOptions(nic, `domain/devices/interface[${i + 1}]`).linkDown) await qmp.execute('set_link', { name: `net${i}`, up: false });
    }
  }

  /** Removes the taps of a guest that is gone; taps already gone are fine. */
  async detach(def: DomainDef): Promise<void> {
    for (const nic of def.devices.interfaces) {
      if (!isBridgedInterface(nic) || nic.targetDev === undefined) continue;
      if (!(await this.cmd.attempt('ip', ['link', 'del', 'dev', nic.targetDev]))) this.logger.debug(`tap ${nic.targetDev} was already gone`);
      if (hasOutbound(nic)) await this.cmd.attempt('ip', ['link', 'del', 'dev', ifbOf(nic.targetDev)]);
    }
  }

  private async bridgeFor(nic: InterfaceDef, el: string): Promise<{ bridge: string; mtu?: number }> {
    if (nic.type === 'network') {
      const name = nic.source?.network;
      if (!name) throw netFail(ErrorCode.XML_ERROR, `${el}: a network interface needs <source network='…'/>`);
      return this.networks.bridgeOf(name);
    }
    const bridge = nic.source?.bridge;
    if (!bridge) throw netFail(ErrorCode.XML_ERROR, `${el}: a bridge interface needs <source bridge='…'/>`);
    if (!(await this.networks.devices.linkExists(bridge))) throw netFail(ErrorCode.OPERATION_FAILED, `bridge '${bridge}' of ${el} does not exist`);
    return { bridge };
  }

  /**
   * <bandwidth> with tc, as libvirt's virNetDevBandwidthSet: inbound (to
   * the guest) is an HTB class on the tap's egress (its leaf the kernel's
   * default qdisc; libvirt adds sfq, which not every kernel has), outbound
   * (from the guest) an ingress policer. A kernel without the police
   * action gets the outbound limit from an IFB device instead: the tap's
   * ingress is redirected to it (mirred) and shaped there by the same HTB
   * class; the device goes with the tap. Rates are KiB/s; tc's kbps are
   * kilobytes/s. Links made are added to `created`.
   */
  private async applyBandwidth(tap: string, inbound: BandwidthRate | undefined, outbound: BandwidthRate | undefined, created: string[]): Promise<void> {
    if (inbound) await this.htb(tap, inbound);
    if (!outbound) return;
    await this.cmd.run('tc', ['qdisc', 'add', 'dev', tap, 'ingress']);
    const match = ['filter', 'add', 'dev', tap, 'parent', 'ffff:', 'protocol', 'all', 'u32', 'match', 'u32', '0', '0'];
    try {
      await this.cmd.run('tc', [...match, 'police', 'rate', `${outbound.average}kbps`, 'burst', `${burstOf(outbound)}kb`, 'mtu', '64kb', 'drop', 'flowid', ':1']);
      return;
    } catch (e) {
      if (!NO_POLICE_ACTION.test((e as Error).message)) throw e;
    }
    const ifb = ifbOf(tap);
    // One left by a driver that ended before it removed its tap belongs to no guest: the tap's name was free.
    await this.cmd.attempt('ip', ['link', 'del', 'dev', ifb]);
    await this.cmd.run('ip', ['link', 'add', 'dev', ifb, 'type', 'ifb']);
    created.push(ifb);
    await this.cmd.run('ip', ['link', 'set', 'dev', ifb, 'up']);
    await this.htb(ifb, outbound);
    await this.cmd.run('tc', [...match, 'action', 'mirred', 'egress', 'redirect', 'dev', ifb]);
  }

  /** An HTB root with one class limiting everything `dev` sends. */
  private async htb(dev: string, rate: BandwidthRate): Promise<void> {
    await this.cmd.run('tc', ['qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', 'htb', 'default', '1']);
    await this.cmd.run('tc', ['class', 'add', 'dev', dev, 'parent', '1:', 'classid', '1:1', 'htb', 'rate', `${rate.average}kbps`, 'ceil', `${rate.peak ?? rate.average}kbps`, 'burst', `${burstOf(rate)}kb`]);
  }
}

/** tc's answer when the kernel has no police action (CONFIG_NET_ACT_POLICE unset). */
const NO_POLICE_ACTION = /Failed to load TC action module|Unknown action "police"/;

/** libvirt's burst when none is given: an eighth of the average. */
const burstOf = (rate: BandwidthRate) => rate.burst ?? Math.max(1, Math.ceil(rate.average / 8));

/** The IFB device shaping a tap's outbound traffic: ifb + the tap's name, or + a hash of it when that is too long for a link name. */
export function ifbOf(tap: string): string {
  return tap.length <= 12 ? `ifb${tap}` : `ifb${createHash('sha1').update(tap).digest('hex').slice(0, 12)}`;
}

function hasOutbound(nic: InterfaceDef): boolean {
  try {
    return interfaceOptions(nic, 'interface').outbound !== undefined;
  } catch {
    return false;
  }
}
