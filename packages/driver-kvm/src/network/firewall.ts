import fs from 'node:fs/promises';
import path from 'node:path';
import { subnetOf, subnetText, type NetworkDef } from '@virtkit/core';
import { removeFile } from '../atomic-file.js';
import type { HostCommands } from './host-commands.js';

/** Which tool holds a running network's rules; recorded in its status so stopping uses the same one. */
export type FirewallBackend = 'nftables' | 'iptables';

/** What the rules of one network are made from. */
export interface NetworkRules {
  bridge: string;
  /** nat, route or isolated; open and bridge networks get no rules. */
  mode: 'nat' | 'route' | 'isolated';
  ipv4: string[];
  ipv6: string[];
}

/** The rules a network needs, or undefined for forward modes that take none (open, bridge). */
export function networkRules(def: NetworkDef, bridge: string): NetworkRules | undefined {
  const mode = def.forward?.mode;
  if (mode === 'open' || mode === 'bridge') return undefined;
  const subnets = def.ips.map(subnetOf);
  return {
    bridge,
    mode: mode === 'nat' ? 'nat' : mode === 'route' ? 'route' : 'isolated',
    ipv4: subnets.filter((s) => s.family === 4).map(subnetText),
    ipv6: subnets.filter((s) => s.family === 6).map(subnetText),
  };
}

/** The nftables table of a network: one per bridge, so removing it removes every rule of the network. */
export function nftTableName(bridge: string): string {
  return `virtkit_${bridge.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * The network's nftables table (pure). Like libvirt's bridge driver:
 * traffic between guests on the bridge passes; NAT lets the subnet out and
 * replies back in, masqueraded except to multicast and broadcast; routed
 * subnets pass both ways; everything else to or from the bridge is
 * rejected. IPv6 is routed, never masqueraded.
 */
export function nftRuleset(r: NetworkRules): string {
  const br = JSON.stringify(r.bridge);
  const fwd: string[] = [`iifname ${br} oifname ${br} accept`];
  for (const [fam, subnets] of [['ip', r.ipv4], ['ip6', r.ipv6]] as const) {
    for (const s of subnets) {
      if (r.mode === 'nat' && fam === 'ip') {
        fwd.push(`iifname ${br} ip saddr ${s} accept`, `oifname ${br} ip daddr ${s} ct state established,related accept`);
      } else if (r.mode !== 'isolated') {
        fwd.push(`iifname ${br} ${fam} saddr ${s} accept`, `oifname ${br} ${fam} daddr ${s} accept`);
      }
    }
  }
  fwd.push(`iifname ${br} reject`, `oifname ${br} reject`);
  const nat = r.mode === 'nat'
    ? r.ipv4.flatMap((s) => [`ip saddr ${s} ip daddr 224.0.0.0/24 return`, `ip saddr ${s} ip daddr 255.255.255.255 return`, `ip saddr ${s} ip daddr != ${s} masquerade`])
    : [];
  const chain = (name: string, hook: string, rules: string[]) => `  chain ${name} {\n    ${hook}\n${rules.map((x) => `    ${x}\n`).join('')}  }\n`;
  return `table inet ${nftTableName(r.bridge)} {\n`
    + chain('forward', 'type filter hook forward priority filter; policy accept;', fwd)
    + (nat.length ? chain('postrouting', 'type nat hook postrouting priority srcnat; policy accept;', nat) : '')
    + '}\n';
}

/** The iptables fallback: the same rules as argument lists for `-I`/`-D`, per tool and table. */
export function iptablesRules(r: NetworkRules): Array<{ tool: 'iptables' | 'ip6tables'; table: string; chain: string; rule: string[] }> {
  const out: ReturnType<typeof iptablesRules> = [];
  const tag = ['-m', 'comment', '--comment', `virtkit ${r.bridge}`];
  const add = (tool: 'iptables' | 'ip6tables', table: string, chain: string, rule: string[]) => out.push({ tool, table, chain, rule: [...rule, ...tag] });
  // Inserted at the top in this order, so the last one added ends up first: rejects go in first.
  for (const tool of ['iptables', 'ip6tables'] as const) {
    add(tool, 'filter', 'FORWARD', ['-i', r.bridge, '-j', 'REJECT']);
    add(tool, 'filter', 'FORWARD', ['-o', r.bridge, '-j', 'REJECT']);
    add(tool, 'filter', 'FORWARD', ['-i', r.bridge, '-o', r.bridge, '-j', 'ACCEPT']);
  }
  for (const s of r.ipv4) {
    if (r.mode === 'nat') {
      add('iptables', 'filter', 'FORWARD', ['-i', r.bridge, '-s', s, '-j', 'ACCEPT']);
      add('iptables', 'filter', 'FORWARD', ['-o', r.bridge, '-d', s, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT']);
      add('iptables', 'nat', 'POSTROUTING', ['-s', s, '!', '-d', s, '-j', 'MASQUERADE']);
      add('iptables', 'nat', 'POSTROUTING', ['-s', s, '-d', '255.255.255.255/32', '-j', 'RETURN']);
      add('iptables', 'nat', 'POSTROUTING', ['-s', s, '-d', '224.0.0.0/24', '-j', 'RETURN']);
    } else if (r.mode === 'route') {
      add('iptables', 'filter', 'FORWARD', ['-i', r.bridge, '-s', s, '-j', 'ACCEPT']);
      add('iptables', 'filter', 'FORWARD', ['-o', r.bridge, '-d', s, '-j', 'ACCEPT']);
    }
  }
  if (r.mode !== 'isolated') {
    for (const s of r.ipv6) {
      add('ip6tables', 'filter', 'FORWARD', ['-i', r.bridge, '-s', s, '-j', 'ACCEPT']);
      add('ip6tables', 'filter', 'FORWARD', ['-o', r.bridge, '-d', s, '-j', 'ACCEPT']);
    }
  }
  return out;
}

/**
 * Installs and removes a network's forwarding and NAT rules: nftables when
 * `nft` works, iptables otherwise. Removal never fails on rules that are
 * already gone, so it also clears what a crashed daemon left.
 */
export class Firewall {
  private backend: Promise<FirewallBackend> | undefined;

  constructor(private readonly cmd: HostCommands, private readonly scratchDir: string) {}

  /** nftables when `nft list tables` works, else iptables. */
  detect(): Promise<FirewallBackend> {
    this.backend ??= this.cmd.attempt('nft', ['list', 'tables']).then((ok) => (ok ? 'nftables' : 'iptables'));
    return this.backend;
  }

  /** Installs the rules (replacing any left from before); returns the backend that holds them. */
  async apply(r: NetworkRules): Promise<FirewallBackend> {
    const backend = await this.detect();
    await this.remove(r, backend);
    // Forwarding must be on for nat and route (libvirt turns it on the same way).
    const sysctls = r.mode === 'isolated' ? [] : [...(r.ipv4.length ? ['net.ipv4.ip_forward=1'] : []), ...(r.ipv6.length ? ['net.ipv6.conf.all.forwarding=1'] : [])];
    if (sysctls.length) await this.cmd.run('sysctl', ['-q', '-w', ...sysctls]);
    if (backend === 'nftables') {
      const file = path.join(this.scratchDir, `${nftTableName(r.bridge)}.nft`);
      await fs.writeFile(file, nftRuleset(r), { mode: 0o600 });
      try {
        await this.cmd.run('nft', ['-f', file]);
      } finally {
        await removeFile(file);
      }
      return backend;
    }
    try {
      for (const x of iptablesRules(r)) await this.cmd.run(x.tool, ['-w', '-t', x.table, '-I', x.chain, ...x.rule]);
    } catch (e) {
      await this.remove(r, backend);
      throw e;
    }
    return backend;
  }

  async remove(r: NetworkRules, backend: FirewallBackend): Promise<void> {
    if (backend === 'nftables') {
      await this.cmd.attempt('nft', ['delete', 'table', 'inet', nftTableName(r.bridge)]);
      return;
    }
    for (const x of iptablesRules(r)) {
      while (await this.cmd.attempt(x.tool, ['-w', '-t', x.table, '-D', x.chain, ...x.rule])) { /* every copy */ }
    }
  }
}
