import fs from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode, IpAddrType, addressFamily, addressToBigInt, bigIntToAddress, subnetContains, subnetOf, type IpDef, type NetworkDef, type NetworkDhcpLease, type Subnet } from '@virtkit/core';
import { removeFile, writeFileAtomic } from '../atomic-file.js';
import { fail } from '../errors.js';
import type { HostCommands } from './host-commands.js';

/** The files of one network's dnsmasq, all in the driver's run directory. */
export interface DnsmasqFiles {
  conf: string;
  pid: string;
  leases: string;
  /** Static DHCP hosts (dhcp-hostsfile), re-read on SIGHUP. */
  hosts: string;
  /** DNS host entries (addn-hosts). */
  addnHosts: string;
}

/** True when the network needs a dnsmasq: it has addresses and is not an existing host bridge. */
export function needsDnsmasq(def: NetworkDef): boolean {
  return def.forward?.mode !== 'bridge' && def.ips.length > 0;
}

/** True when an <ip> has DHCP to serve: a range, or static hosts. */
export function dhcpActive(ip: IpDef): boolean {
  return (ip.dhcp?.ranges.length ?? 0) + (ip.dhcp?.hosts.length ?? 0) > 0;
}

/**
 * dnsmasq's configuration for a network (pure), as libvirt writes it:
 * bound to the bridge only, DHCP ranges per <ip>, static hosts in a file
 * that net-update rewrites, the lease file the driver reads back.
 */
export function dnsmasqConfig(def: NetworkDef, bridge: string, files: DnsmasqFiles): string {
  const lines = [
    '# Written by virtkit; changes are overwritten when the network starts.',
    'strict-order',
    `pid-file=${files.pid}`,
    'except-interface=lo',
    'bind-dynamic',
    `interface=${bridge}`,
    // dnsmasq's default user may not exist (Debian's dnsmasq-base creates none); it runs as root, as libvirt's did.
    'user=root',
    'group=root',
  ];
  if (def.dns?.enable === false) lines.push('port=0');
  if (def.domain) {
    lines.push(`domain=${def.domain.name}`, 'expand-hosts');
    if (def.domain.localOnly) lines.push(`local=/${def.domain.name}/`);
  }
  let leaseMax = 0;
  for (const ip of def.ips) {
    if (!dhcpActive(ip)) continue;
    const s = subnetOf(ip);
    const mask = s.family === 4 ? prefixToNetmask(s.prefix) : String(s.prefix);
    for (const r of ip.dhcp!.ranges) {
      lines.push(`dhcp-range=${r.start},${r.end},${mask}`);
      leaseMax += rangeSize(r.start, r.end);
    }
    // Static hosts without a range: dnsmasq answers only them (libvirt's "static" range on the subnet).
    if (ip.dhcp!.ranges.length === 0) lines.push(`dhcp-range=${bigIntToAddress(s.network, s.family)},static,${mask}`);
    if (s.family === 6) lines.push('enable-ra');
  }
  if (def.ips.some(dhcpActive)) {
    lines.push('dhcp-no-override', 'dhcp-authoritative', ...(leaseMax > 0 ? [`dhcp-lease-max=${leaseMax}`] : []), `dhcp-leasefile=${files.leases}`, `dhcp-hostsfile=${files.hosts}`);
  }
  lines.push(`addn-hosts=${files.addnHosts}`);
  for (const t of def.dns?.txts ?? []) lines.push(`txt-record=${t.name},${t.value ?? ''}`);
  for (const s of def.dns?.srvs ?? []) {
    const name = `_${s.service}._${s.protocol}${s.domain ? `.${s.domain}` : ''}`;
    const rest = s.target ? [s.target, s.port ?? '', s.priority ?? '', s.weight ?? ''] : [];
    lines.push(`srv-host=${[name, ...rest].join(',').replace(/,+$/, '')}`);
  }
  return lines.join('\n') + '\n';
}

/** dhcp-hostsfile lines: `mac,ip,name` (IPv4) or `id:ID,[ip],name` (IPv6). */
export function dnsmasqHostsFile(def: NetworkDef): string {
  const lines: string[] = [];
  for (const ip of def.ips) {
    const v6 = addressFamily(ip.address) === 6;
    for (const h of ip.dhcp?.hosts ?? []) {
      const who = h.mac ?? (h.id !== undefined ? `id:${h.id}` : undefined);
      lines.push([who, v6 ? `[${h.ip}]` : h.ip, h.name].filter((x) => x !== undefined).join(','));
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** addn-hosts lines: `ip name…`. */
export function dnsmasqAddnHosts(def: NetworkDef): string {
  return (def.dns?.hosts ?? []).map((h) => `${h.ip}\t${h.hostnames.join('\t')}\n`).join('');
}

function prefixToNetmask(prefix: number): string {
  return bigIntToAddress((0xffffffffn << BigInt(32 - prefix)) & 0xffffffffn, 4);
}

/** Addresses in a range, capped at a million (dnsmasq's lease limit needs no more). */
function rangeSize(start: string, end: string): number {
  const n = addressToBigInt(end) - addressToBigInt(start) + 1n;
  return n <= 0n ? 0 : Number(n > 1_000_000n ? 1_000_000n : n);
}

/**
 * Reads dnsmasq's lease file (`expiry mac ip hostname clientid` per IPv4
 * lease; after a `duid` line, `expiry iaid ip hostname clientid` per IPv6
 * lease). `*` means none. Leases outside the network's subnets are skipped.
 */
export function parseDnsmasqLeases(text: string, bridge: string, subnets: Subnet[]): NetworkDhcpLease[] {
  const out: NetworkDhcpLease[] = [];
  let v6 = false;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'duid') { v6 = true; continue; }
    if (f.length < 3) continue;
    const [expiry, who, ipaddr, hostname, clientid] = f;
    const subnet = subnets.find((s) => subnetContains(s, ipaddr));
    if (!subnet) continue;
    const lease: NetworkDhcpLease = { iface: bridge, expiryTime: Number(expiry), type: v6 ? IpAddrType.IPV6 : IpAddrType.IPV4, ipaddr, prefix: subnet.prefix };
    if (v6) lease.iaid = who; else lease.mac = who.toLowerCase();
    if (hostname && hostname !== '*') lease.hostname = hostname;
    if (clientid && clientid !== '*') lease.clientid = clientid;
    out.push(lease);
  }
  return out;
}

/**
 * One network's dnsmasq: started with its configuration (it daemonizes and
 * writes its pid file), told to re-read its hosts files (SIGHUP), stopped
 * (SIGTERM, then SIGKILL) with its files removed.
 */
export class Dnsmasq {
  constructor(private readonly cmd: HostCommands) {}

  /**
   * Writes the files and starts dnsmasq; returns its pid. A dnsmasq that
   * does not start leaves no files, but the lease file when `keepLeases`
   * (a restart, whose leases the next dnsmasq reads again).
   */
  async start(def: NetworkDef, bridge: string, files: DnsmasqFiles, keepLeases = false): Promise<number> {
    await this.writeHosts(def, files);
    await writeFileAtomic(files.conf, dnsmasqConfig(def, bridge, files));
    await removeFile(files.pid);
    try {
      await this.cmd.run('dnsmasq', [`--conf-file=${files.conf}`]);
      const pid = Number((await fs.readFile(files.pid, 'utf8')).trim());
      if (!Number.isInteger(pid) || pid <= 0) throw fail(ErrorCode.INTERNAL_ERROR, `dnsmasq wrote no pid to ${files.pid}`);
      return pid;
    } catch (e) {
      await this.removeFiles(files, keepLeases);
      throw e;
    }
  }

  /** True when `pid` is the dnsmasq of this configuration file. */
  isOurs(pid: number, files: DnsmasqFiles): boolean {
    const argv = this.cmd.commandLine(pid);
    return !!argv && argv.some((a) => a.endsWith('dnsmasq')) && argv.includes(`--conf-file=${files.conf}`);
  }

  /** Rewrites the hosts files (static DHCP hosts, DNS hosts) and has a running dnsmasq re-read them (SIGHUP). */
  async reload(def: NetworkDef, files: DnsmasqFiles, pid: number): Promise<void> {
    await this.writeHosts(def, files);
    if (this.isOurs(pid, files)) this.cmd.signal(pid, 'SIGHUP');
  }

  /**
   * A new dnsmasq for a changed configuration (what libvirt does for the
   * sections on dnsmasq's configuration: DHCP ranges, DNS TXT and SRV
   * records): the old one ends, the lease file stays, the new one starts.
   * Returns the new pid. When the new one does not start, `previous` (the
   * configuration the old one ran) is started again, with the leases, and
   * the new one's error is thrown with the pid of the restored one.
   */
  async restart(def: NetworkDef, bridge: string, files: DnsmasqFiles, pid: number | undefined, previous: NetworkDef): Promise<number> {
    await this.terminate(pid, files);
    try {
      return await this.start(def, bridge, files, true);
    } catch (e) {
      throw new DnsmasqRestartFailed(e, await this.start(previous, bridge, files, true).catch(() => undefined));
    }
  }

  async stop(pid: number | undefined, files: DnsmasqFiles): Promise<void> {
    await this.terminate(pid, files);
    await this.removeFiles(files);
  }

  /** SIGTERM, then SIGKILL, to this configuration's dnsmasq; waits until it is gone. */
  private async terminate(pid: number | undefined, files: DnsmasqFiles): Promise<void> {
    if (pid === undefined || !this.isOurs(pid, files)) return;
    this.cmd.signal(pid, 'SIGTERM');
    for (let i = 0; i < 50 && this.cmd.alive(pid); i++) await delay(100);
    if (this.cmd.alive(pid)) this.cmd.signal(pid, 'SIGKILL');
    for (let i = 0; i < 50 && this.cmd.alive(pid); i++) await delay(100);
  }

  async leases(files: DnsmasqFiles, bridge: string, subnets: Subnet[]): Promise<NetworkDhcpLease[]> {
    const text = await fs.readFile(files.leases, 'utf8').catch(() => '');
    return parseDnsmasqLeases(text, bridge, subnets);
  }

  private async writeHosts(def: NetworkDef, files: DnsmasqFiles): Promise<void> {
    await writeFileAtomic(files.hosts, dnsmasqHostsFile(def));
    await writeFileAtomic(files.addnHosts, dnsmasqAddnHosts(def));
  }

  private async removeFiles(files: DnsmasqFiles, keepLeases = false): Promise<void> {
    for (const f of [files.conf, files.pid, ...(keepLeases ? [] : [files.leases]), files.hosts, files.addnHosts]) await removeFile(f);
  }
}

/** A restart whose new configuration did not start: its error, and the pid of the dnsmasq running the previous one again (undefined if that failed too). */
export class DnsmasqRestartFailed extends Error {
  constructor(readonly error: unknown, readonly restoredPid: number | undefined) {
    super(error instanceof Error ? error.message : String(error));
  }
}
