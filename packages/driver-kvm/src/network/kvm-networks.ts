import { randomBytes } from 'node:crypto';
import {
  ErrorCode, NetworkEventType, NetworkUpdateSection, ObjectList, applyNetworkUpdate, cloneNetworkDef, errorReporter, ErrorDomain, formatNetworkXml, networkUpdateTargets, parseNetworkXml,
  subnetOf, subnetText, subnetsOverlap, type HostObjectEvents, type Logger, type NetworkDef, type NetworkDhcpLease,
} from '@virtkit/core';
import type { HostPaths } from '../host-paths.js';
import type { ProcessRunner } from '../process-runner.js';
import { BridgeDevices } from './bridge-device.js';
import { Dnsmasq, DnsmasqRestartFailed, dhcpActive, needsDnsmasq } from './dnsmasq.js';
import { Firewall, networkRules, type FirewallBackend } from './firewall.js';
import { HostCommands } from './host-commands.js';
import { NetworkStore, type NetworkStatus } from './network-store.js';

export const netFail = errorReporter(ErrorDomain.NETWORK);

/** A running network. */
export interface LiveNetwork {
  def: NetworkDef;
  ownBridge: boolean;
  dnsmasqPid?: number;
  firewall?: FirewallBackend;
}

/** One network of a host: its definition (persistent) and, while it runs, its live state. */
export class NetworkObject {
  persistent?: NetworkDef;
  live?: LiveNetwork;
  autostart = false;
  constructor(readonly uuid: string, readonly name: string) {}

  /** The definition calls see: the live one while running. */
  get def(): NetworkDef {
    return this.live?.def ?? this.persistent!;
  }
}

const SUPPORTED_MODES = ['nat', 'route', 'open', 'bridge'];

/** net-update sections whose change is in dnsmasq's configuration file (a restart) or in the files it re-reads on SIGHUP. */
const RESTARTS_DNSMASQ: ReadonlySet<number> = new Set([NetworkUpdateSection.IP_DHCP_RANGE, NetworkUpdateSection.DNS_TXT, NetworkUpdateSection.DNS_SRV]);
const RELOADS_DNSMASQ: ReadonlySet<number> = new Set([NetworkUpdateSection.IP_DHCP_HOST, NetworkUpdateSection.DNS_HOST]);

/**
 * A host's virtual networks, realised like libvirt's bridge driver: a
 * bridge with its addresses (iproute2), forwarding and NAT rules
 * (nftables, iptables as fallback) and a dnsmasq for DHCP and DNS.
 * Starting undoes every step already taken when a later one fails;
 * stopping removes all of it. Each running network has a status file, so a
 * restarted driver reattaches to it.
 */
export class KvmNetworks {
  readonly list = new ObjectList<NetworkObject>(netFail, { noObject: ErrorCode.NO_NETWORK, what: 'network' });
  readonly store: NetworkStore;
  readonly devices: BridgeDevices;
  private readonly firewall: Firewall;
  private readonly dnsmasq: Dnsmasq;
  private loaded: Promise<void> | undefined;

  /** `events`: the host's network events, emitted where libvirt's bridge driver emits them. */
  constructor(paths: HostPaths, runner: ProcessRunner, private readonly logger: Logger, private readonly events: HostObjectEvents) {
    const cmd = new HostCommands(runner);
    this.store = new NetworkStore(paths, logger);
    this.devices = new BridgeDevices(cmd);
    this.firewall = new Firewall(cmd, this.store.runDir);
    this.dnsmasq = new Dnsmasq(cmd);
  }

  /**
   * Loads definitions, reattaches to running networks (a network whose
   * bridge or dnsmasq is gone is cleaned up and stopped) and, once per boot
   * of the host, starts the autostart ones. Runs once per KvmHost.
   */
  ready(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<void> {
    await this.store.prepare();
    for (const def of await this.store.loadDefinitions()) {
      const obj = this.list.add(new NetworkObject(def.uuid, def.name));
      obj.persistent = def;
      obj.autostart = await this.store.isAutostart(def.name);
    }
    for (const status of await this.store.loadStatuses()) await this.reattach(status);
    if (!(await this.store.shouldAutostart())) return;
    for (const obj of this.list.values()) {
      if (obj.autostart && !obj.live) await this.start(obj).catch((e: Error) => this.logger.warn(`cannot autostart network ${obj.name}: ${e.message}`));
    }
  }

  private async reattach(status: NetworkStatus): Promise<void> {
    const def = parseNetworkXml(status.xml);
    const live: LiveNetwork = { def, ownBridge: status.ownBridge, dnsmasqPid: status.dnsmasqPid, firewall: status.firewall };
    const bridge = def.bridge!.name!;
    const files = this.store.dnsmasqFiles(def.name);
    const intact = (await this.devices.linkExists(bridge)) && (!needsDnsmasq(def) || (live.dnsmasqPid !== undefined && this.dnsmasq.isOurs(live.dnsmasqPid, files)));
    if (!intact) {
      this.logger.warn(`network ${def.name} lost its bridge or dnsmasq; stopping it`);
      await this.teardown(live);
      return;
    }
    const obj = this.list.findByUuid(def.uuid) ?? this.list.add(new NetworkObject(def.uuid, def.name));
    obj.live = live;
  }

  // ---- definitions -------------------------------------------------------------

  /**
   * Fills in what a definition leaves to the driver: a free virbrN bridge
   * name and a 52:54:00 MAC for the bridge (networks with their own bridge).
   */
  private async complete(def: NetworkDef, previous?: NetworkDef): Promise<NetworkDef> {
    const out = cloneNetworkDef(def);
    const mode = out.forward?.mode;
    if (mode !== undefined && !SUPPORTED_MODES.includes(mode)) throw netFail(ErrorCode.CONFIG_UNSUPPORTED, `forward mode '${mode}' is not supported (nat, route, open, bridge, or none)`);
    if (mode === 'bridge') {
      if (!out.bridge?.name) throw netFail(ErrorCode.XML_ERROR, `network '${out.name}' has forward mode 'bridge' but no <bridge name='…'/>`);
      if (out.ips.length || out.dns || out.domain) throw netFail(ErrorCode.CONFIG_UNSUPPORTED, `network '${out.name}' uses an existing host bridge: it takes no <ip>, <dns> or <domain>`);
      return out;
    }
    if (mode === 'nat' && !out.ips.some((ip) => subnetOf(ip).family === 4)) {
      throw netFail(ErrorCode.CONFIG_UNSUPPORTED, `network '${out.name}' has forward mode 'nat' but no IPv4 address`);
    }
    for (let i = 0; i < out.ips.length; i++) {
      for (let j = i + 1; j < out.ips.length; j++) {
        if (subnetsOverlap(subnetOf(out.ips[i]), subnetOf(out.ips[j]))) throw netFail(ErrorCode.CONFIG_UNSUPPORTED, `network '${out.name}' has overlapping subnets ${subnetText(subnetOf(out.ips[i]))} and ${subnetText(subnetOf(out.ips[j]))}`);
      }
    }
    out.bridge ??= {};
    out.bridge.name ??= previous?.bridge?.name ?? (await this.freeBridgeName(out.name));
    if (out.bridge.stp === undefined) out.bridge.stp = true;
    if (out.bridge.delay === undefined) out.bridge.delay = 0;
    out.mac ??= previous?.mac ?? `52:54:00:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
    this.checkBridgeName(out);
    return out;
  }

  /** libvirt's "bridge name already in use": another network of this host holds it. */
  private checkBridgeName(def: NetworkDef): void {
    for (const o of this.list.values()) {
      if (o.uuid === def.uuid) continue;
      const other = [o.persistent, o.live?.def].filter((d): d is NetworkDef => !!d);
      if (other.some((d) => d.bridge?.name === def.bridge?.name)) throw netFail(ErrorCode.INTERNAL_ERROR, `bridge name '${def.bridge!.name}' already in use.`);
    }
  }

  private async freeBridgeName(name: string): Promise<string> {
    const used = await this.devices.linkNames();
    for (const o of this.list.values()) for (const d of [o.persistent, o.live?.def]) if (d?.bridge?.name) used.add(d.bridge.name);
    for (let n = 0; n < 256; n++) if (!used.has(`virbr${n}`)) return `virbr${n}`;
    throw netFail(ErrorCode.INTERNAL_ERROR, `no free virbrN bridge name for network '${name}'`);
  }

  /** virNetworkDefineXML. */
  define(input: NetworkDef): Promise<NetworkObject> {
    return this.list.withIdentity(input, async () => {
      const existing = this.list.checkConflicts(input);
      const def = await this.complete(input, existing?.persistent ?? existing?.live?.def);
      await this.store.writeConfig(def);
      const obj = existing ?? this.list.add(new NetworkObject(def.uuid, def.name));
      obj.persistent = def;
      this.events.network(obj, NetworkEventType.DEFINED);
      return obj;
    });
  }

  /** virNetworkCreateXML: a transient network, started; gone again if the start fails. */
  createTransient(input: NetworkDef): Promise<NetworkObject> {
    return this.list.withIdentity(input, async () => {
      const existing = this.list.checkConflicts(input);
      if (existing) throw netFail(ErrorCode.OPERATION_INVALID, `network '${input.name}' is already defined`);
      const def = await this.complete(input);
      const obj = this.list.add(new NetworkObject(def.uuid, def.name));
      try {
        await this.realise(obj, def);
      } catch (e) {
        this.list.remove(obj);
        throw e;
      }
      this.events.network(obj, NetworkEventType.STARTED);
      return obj;
    });
  }

  undefine(obj: NetworkObject): Promise<void> {
    return this.list.withIdentity(obj, async () => {
      if (!obj.persistent) throw netFail(ErrorCode.OPERATION_INVALID, `network '${obj.name}' is not persistent`);
      await this.store.removeConfig(obj.name);
      obj.persistent = undefined;
      obj.autostart = false;
      if (!obj.live) this.list.remove(obj);
      this.events.network(obj, NetworkEventType.UNDEFINED);
    });
  }

  async setAutostart(obj: NetworkObject, on: boolean): Promise<void> {
    if (!obj.persistent) throw netFail(ErrorCode.OPERATION_INVALID, 'cannot set autostart for transient network');
    await this.store.setAutostart(obj.name, on);
    obj.autostart = on;
  }

  // ---- start and stop -------------------------------------------------------------

  /** virNetworkCreate. */
  start(obj: NetworkObject): Promise<void> {
    return this.list.withIdentity(obj, async () => {
      if (obj.live) throw netFail(ErrorCode.OPERATION_INVALID, `network '${obj.name}' is already active`);
      await this.realise(obj, obj.persistent!);
      this.events.network(obj, NetworkEventType.STARTED);
    });
  }

  /** virNetworkDestroy; a transient network is forgotten. */
  destroy(obj: NetworkObject): Promise<void> {
    return this.list.withIdentity(obj, async () => {
      const live = obj.live;
      if (!live) throw netFail(ErrorCode.OPERATION_INVALID, `network '${obj.name}' is not active`);
      await this.teardown(live);
      obj.live = undefined;
      if (!obj.persistent) this.list.remove(obj);
      this.events.network(obj, NetworkEventType.STOPPED);
    });
  }

  /** Builds the network on the host; on failure undoes what was done and throws. */
  private async realise(obj: NetworkObject, input: NetworkDef): Promise<void> {
    const def = cloneNetworkDef(input);
    const bridge = def.bridge!.name!;
    const ownBridge = def.forward?.mode !== 'bridge';
    if (!ownBridge) {
      if (!(await this.devices.linkExists(bridge))) throw netFail(ErrorCode.OPERATION_FAILED, `bridge '${bridge}' of network '${def.name}' does not exist on the host`);
    } else {
      if (await this.devices.linkExists(bridge)) throw netFail(ErrorCode.INTERNAL_ERROR, `bridge name '${bridge}' already in use.`);
      await this.checkRouteCollision(def);
    }
    const live: LiveNetwork = { def, ownBridge };
    try {
      if (ownBridge) {
        await this.devices.createBridge(bridge, { mac: def.mac, mtu: def.mtu, stp: def.bridge?.stp ?? true, delay: def.bridge?.delay ?? 0 });
        for (const ip of def.ips) await this.devices.addAddress(bridge, ip.address, subnetOf(ip).prefix);
        await this.devices.setUp(bridge);
        const rules = networkRules(def, bridge);
        if (rules) live.firewall = await this.firewall.apply(rules);
        if (needsDnsmasq(def)) live.dnsmasqPid = await this.dnsmasq.start(def, bridge, this.store.dnsmasqFiles(def.name));
      }
      await this.writeStatus(live);
    } catch (e) {
      await this.teardown(live).catch((t: Error) => this.logger.warn(`cleaning up network ${def.name}: ${t.message}`));
      throw e;
    }
    obj.live = live;
  }

  /**
   * libvirt's networkCheckRouteCollision: a subnet of the network that a
   * route of the host already covers is in use elsewhere.
   */
  private async checkRouteCollision(def: NetworkDef): Promise<void> {
    const routes = await this.devices.routes();
    for (const ip of def.ips) {
      const s = subnetOf(ip);
      const hit = routes.find((r) => subnetsOverlap(r.subnet, s));
      if (hit) throw netFail(ErrorCode.INTERNAL_ERROR, `Network is already in use by interface ${hit.dev ?? hit.dst}`);
    }
  }

  private writeStatus(live: LiveNetwork): Promise<void> {
    return this.store.writeStatus(live.def.name, { xml: formatNetworkXml(live.def), ownBridge: live.ownBridge, dnsmasqPid: live.dnsmasqPid, firewall: live.firewall });
  }

  /** Removes everything a (possibly half-built) network has on the host. Never fails on what is already gone. */
  private async teardown(live: LiveNetwork): Promise<void> {
    const def = live.def;
    const bridge = def.bridge!.name!;
    if (live.ownBridge) {
      await this.dnsmasq.stop(live.dnsmasqPid, this.store.dnsmasqFiles(def.name));
      const rules = networkRules(def, bridge);
      if (rules) await this.firewall.remove(rules, live.firewall ?? (await this.firewall.detect()));
      await this.devices.deleteLink(bridge);
    }
    await this.store.removeStatus(def.name);
  }

  // ---- net-update and leases ---------------------------------------------------------

  /**
   * virNetworkUpdate (core's applyNetworkUpdate on the definitions), on the
   * live network and/or the definition as the flags say. Live, as
   * libvirt's bridge driver: DHCP hosts and DNS hosts live in files
   * dnsmasq re-reads on SIGHUP; DHCP ranges, DNS TXT and SRV records are
   * in its configuration, so it is restarted (the leases kept); forward
   * interfaces and portgroups change nothing on the host. A configuration
   * dnsmasq does not start with is undone: the previous dnsmasq runs
   * again and neither definition changes.
   */
  update(obj: NetworkObject, command: number, section: number, parentIndex: number, xml: string, flags: number): Promise<void> {
    return this.list.withIdentity(obj, async () => {
      const { live, config } = networkUpdateTargets(flags, obj.live !== undefined, obj.persistent !== undefined);
      const apply = (def: NetworkDef): NetworkDef => applyNetworkUpdate(def, command, section, parentIndex, xml);
      const newLive = live ? apply(obj.live!.def) : undefined;
      const newConfig = config ? apply(obj.persistent!) : undefined;
      const oldConfig = obj.persistent;
      if (newConfig) {
        await this.store.writeConfig(newConfig);
        obj.persistent = newConfig;
      }
      const running = obj.live;
      if (!newLive || !running) return;
      const previous = running.def;
      running.def = newLive;
      const files = this.store.dnsmasqFiles(newLive.name);
      // A first static host on an <ip> without DHCP, or its last one gone, turns DHCP on or off: in the configuration file.
      const dhcpToggled = section === NetworkUpdateSection.IP_DHCP_HOST && previous.ips.map(dhcpActive).join() !== newLive.ips.map(dhcpActive).join();
      try {
        if (running.dnsmasqPid !== undefined) {
          if (RESTARTS_DNSMASQ.has(section) || dhcpToggled) running.dnsmasqPid = await this.dnsmasq.restart(newLive, newLive.bridge!.name!, files, running.dnsmasqPid, previous);
          else if (RELOADS_DNSMASQ.has(section)) await this.dnsmasq.reload(newLive, files, running.dnsmasqPid);
        }
      } catch (e) {
        if (!(e instanceof DnsmasqRestartFailed)) throw e;
        // dnsmasq refused the new configuration: the old one serves again and the update changes nothing.
        running.def = previous;
        running.dnsmasqPid = e.restoredPid;
        if (newConfig && oldConfig) {
          await this.store.writeConfig(oldConfig);
          obj.persistent = oldConfig;
        }
        await this.writeStatus(running);
        if (e.restoredPid === undefined) this.logger.warn(`network ${obj.name}: dnsmasq did not start again with its previous configuration`);
        throw e.error;
      }
      await this.writeStatus(running);
    });
  }

  /** The leases of a running network (none while it is stopped). */
  async leases(obj: NetworkObject): Promise<NetworkDhcpLease[]> {
    if (!obj.live || obj.live.dnsmasqPid === undefined) return [];
    const def = obj.live.def;
    return this.dnsmasq.leases(this.store.dnsmasqFiles(def.name), def.bridge!.name!, def.ips.map(subnetOf));
  }

  /** The bridge guests of network `name` join; OPERATION_INVALID unless it runs. */
  async bridgeOf(name: string): Promise<{ bridge: string; mtu?: number }> {
    await this.ready();
    const obj = this.list.getByName(name);
    if (!obj.live) throw netFail(ErrorCode.OPERATION_INVALID, `network '${name}' is not active`);
    return { bridge: obj.live.def.bridge!.name!, mtu: obj.live.def.mtu };
  }
}
