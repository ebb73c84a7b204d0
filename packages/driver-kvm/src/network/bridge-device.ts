import { addressFamily, subnetOf, type IpDef, type Subnet } from '@virtkit/core';
import type { HostCommands } from './host-commands.js';

/** A route of the host's routing table, as `ip -j route` prints it. */
export interface HostRoute {
  dst: string;
  dev?: string;
}

/** Link and address operations with iproute2. */
export class BridgeDevices {
  constructor(private readonly cmd: HostCommands) {}

  async linkExists(name: string): Promise<boolean> {
    return this.cmd.attempt('ip', ['link', 'show', 'dev', name]);
  }

  async linkNames(): Promise<Set<string>> {
    const links = JSON.parse((await this.cmd.run('ip', ['-j', 'link', 'show'])) || '[]') as Array<{ ifname: string }>;
    return new Set(links.map((l) => l.ifname));
  }

  /** The routes of both families, without the default routes. */
  async routes(): Promise<Array<HostRoute & { subnet: Subnet }>> {
    const out: Array<HostRoute & { subnet: Subnet }> = [];
    for (const fam of ['-4', '-6']) {
      const routes = JSON.parse((await this.cmd.run('ip', ['-j', fam, 'route', 'show'])) || '[]') as HostRoute[];
      for (const r of routes) {
        if (r.dst === 'default') continue;
        const [address, prefix] = r.dst.split('/');
        if (!addressFamily(address)) continue;
        const ip: IpDef = { address, family: addressFamily(address) === 6 ? 'ipv6' : 'ipv4', prefix: prefix === undefined ? (addressFamily(address) === 6 ? 128 : 32) : Number(prefix) };
        out.push({ ...r, subnet: subnetOf(ip) });
      }
    }
    return out;
  }

  /** A bridge, down, with STP and forward delay as the network asks. */
  async createBridge(name: string, o: { mac?: string; mtu?: number; stp: boolean; delay: number }): Promise<void> {
    await this.cmd.run('ip', ['link', 'add', 'name', name, 'type', 'bridge', 'stp_state', o.stp ? '1' : '0', 'forward_delay', String(o.delay * 100)]);
    if (o.mac) await this.cmd.run('ip', ['link', 'set', 'dev', name, 'address', o.mac]);
    if (o.mtu) await this.cmd.run('ip', ['link', 'set', 'dev', name, 'mtu', String(o.mtu)]);
  }

  /** Adds `address/prefix` to a device; IPv6 without duplicate address detection (the bridge starts empty). */
  async addAddress(dev: string, address: string, prefix: number): Promise<void> {
    const v6 = addressFamily(address) === 6;
    await this.cmd.run('ip', [v6 ? '-6' : '-4', 'addr', 'add', `${address}/${prefix}`, 'dev', dev, ...(v6 ? ['nodad'] : [])]);
  }

  async setUp(dev: string): Promise<void> {
    await this.cmd.run('ip', ['link', 'set', 'dev', dev, 'up']);
  }

  /** Removes a link; true when it existed. */
  async deleteLink(name: string): Promise<boolean> {
    return this.cmd.attempt('ip', ['link', 'del', 'dev', name]);
  }
}
