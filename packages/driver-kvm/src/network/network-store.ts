import fs from 'node:fs/promises';
import path from 'node:path';
import { formatNetworkXml, parseNetworkXml, type Logger, type NetworkDef } from '@virtkit/core';
import { removeFile, writeFileAtomic } from '../atomic-file.js';
import type { HostPaths } from '../host-paths.js';
import type { DnsmasqFiles } from './dnsmasq.js';
import type { FirewallBackend } from './firewall.js';

/** What a running network's status file records, so a restarted daemon can reattach and clean up. */
export interface NetworkStatus {
  /** The live definition (bridge name assigned). */
  xml: string;
  /** The network's own bridge (created by the driver), absent for forward mode bridge. */
  ownBridge: boolean;
  dnsmasqPid?: number;
  firewall?: FirewallBackend;
}

/**
 * Where a host keeps its networks, beside its domains as libvirt does:
 * definitions in <configDir>/networks/NAME.xml, autostart marks in
 * <configDir>/networks/autostart/NAME.xml (symlinks), status files and
 * dnsmasq's files in <runDir>/network/.
 */
export class NetworkStore {
  readonly configDir: string;
  readonly autostartDir: string;
  readonly runDir: string;

  constructor(paths: HostPaths, private readonly logger: Logger) {
    this.configDir = path.join(paths.configDir, 'networks');
    this.autostartDir = path.join(this.configDir, 'autostart');
    this.runDir = path.join(paths.runDir, 'network');
  }

  async prepare(): Promise<void> {
    for (const d of [this.configDir, this.autostartDir]) await fs.mkdir(d, { recursive: true, mode: 0o700 });
    await fs.mkdir(this.runDir, { recursive: true, mode: 0o755 });
  }

  private configFile(name: string): string { return path.join(this.configDir, `${name}.xml`); }
  private autostartLink(name: string): string { return path.join(this.autostartDir, `${name}.xml`); }
  private statusFile(name: string): string { return path.join(this.runDir, `${name}.json`); }

  /**
   * libvirt's virDriverShouldAutostart: true the first time it is asked
   * after the run directory was created (once per boot of the host), so a
   * network someone stopped is not started again by the next connection.
   */
  async shouldAutostart(): Promise<boolean> {
    const marker = path.join(this.runDir, 'autostarted');
    return fs.writeFile(marker, '', { flag: 'wx' }).then(() => true, (e: NodeJS.ErrnoException) => {
      if (e.code === 'EEXIST') return false;
      throw e;
    });
  }

  dnsmasqFiles(name: string): DnsmasqFiles {
    const base = path.join(this.runDir, name);
    return { conf: `${base}.conf`, pid: `${base}.pid`, leases: `${base}.leases`, hosts: `${base}.hostsfile`, addnHosts: `${base}.addnhosts` };
  }

  async writeConfig(def: NetworkDef): Promise<void> {
    await writeFileAtomic(this.configFile(def.name), formatNetworkXml(def));
  }

  async removeConfig(name: string): Promise<void> {
    await this.setAutostart(name, false);
    await removeFile(this.configFile(name));
  }

  async setAutostart(name: string, on: boolean): Promise<void> {
    const link = this.autostartLink(name);
    await removeFile(link);
    if (on) await fs.symlink(this.configFile(name), link);
  }

  async isAutostart(name: string): Promise<boolean> {
    return fs.lstat(this.autostartLink(name)).then(() => true, () => false);
  }

  /** Every readable definition; a broken file is logged and skipped. */
  async loadDefinitions(): Promise<NetworkDef[]> {
    return this.loadEach(this.configDir, '.xml', async (text) => parseNetworkXml(text));
  }

  async writeStatus(name: string, status: NetworkStatus): Promise<void> {
    await writeFileAtomic(this.statusFile(name), JSON.stringify(status));
  }

  async removeStatus(name: string): Promise<void> {
    await removeFile(this.statusFile(name));
  }

  async loadStatuses(): Promise<NetworkStatus[]> {
    return this.loadEach(this.runDir, '.json', async (text) => JSON.parse(text) as NetworkStatus);
  }

  private async loadEach<T>(dir: string, ext: string, parse: (text: string) => Promise<T>): Promise<T[]> {
    const out: T[] = [];
    for (const f of (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(ext)).sort()) {
      try {
        out.push(await parse(await fs.readFile(path.join(dir, f), 'utf8')));
      } catch (e) {
        this.logger.warn(`ignoring network file ${path.join(dir, f)}: ${(e as Error).message}`);
      }
    }
    return out;
  }
}
