import fs from 'node:fs/promises';
import path from 'node:path';
import { formatStoragePoolXml, parseStoragePoolXml, type Logger, type StoragePoolDef } from '@virtkit/core';
import { removeFile, writeFileAtomic } from '../atomic-file.js';
import type { HostPaths } from '../host-paths.js';

/** A pool as the files describe it: its definition, whether it ran, whether it starts by itself. */
export interface StoredPool {
  persistent?: StoragePoolDef;
  /** The definition it was started with, when it was active. */
  live?: StoragePoolDef;
  autostart: boolean;
}

/**
 * One host's storage pool files, beside the domains' (libvirt's
 * /etc/libvirt/storage and /run/libvirt/storage): persistent definitions
 * in etc/…/storage/<uuid>.xml, an autostart marker per pool in
 * storage/autostart/<uuid>, and the definition of each active pool in
 * run/…/storage/<uuid>.xml, so that a restarted driver knows which pools
 * were running (transient ones included).
 */
export class PoolStateStore {
  readonly configDir: string;
  readonly autostartDir: string;
  readonly runDir: string;

  constructor(paths: HostPaths, private readonly logger: Logger) {
    this.configDir = path.join(path.dirname(paths.configDir), 'storage');
    this.autostartDir = path.join(this.configDir, 'autostart');
    this.runDir = path.join(path.dirname(paths.runDir), 'storage');
  }

  async prepare(): Promise<void> {
    for (const d of [this.configDir, this.autostartDir, this.runDir]) await fs.mkdir(d, { recursive: true, mode: 0o700 });
  }

  private file(dir: string, uuid: string): string {
    return path.join(dir, `${uuid}.xml`);
  }

  writeConfig(def: StoragePoolDef): Promise<void> {
    return writeFileAtomic(this.file(this.configDir, def.uuid), formatStoragePoolXml(def));
  }

  async removeConfig(uuid: string): Promise<void> {
    await removeFile(this.file(this.configDir, uuid));
    await this.setAutostart(uuid, false);
  }

  writeLive(def: StoragePoolDef): Promise<void> {
    return writeFileAtomic(this.file(this.runDir, def.uuid), formatStoragePoolXml(def));
  }

  removeLive(uuid: string): Promise<void> {
    return removeFile(this.file(this.runDir, uuid));
  }

  async setAutostart(uuid: string, on: boolean): Promise<void> {
    const marker = path.join(this.autostartDir, uuid);
    if (on) await writeFileAtomic(marker, '');
    else await removeFile(marker);
  }

  /** Every pool the files know, by UUID; unreadable files are logged and skipped. */
  async load(): Promise<Map<string, StoredPool>> {
    const pools = new Map<string, StoredPool>();
    const entry = (uuid: string) => pools.get(uuid) ?? pools.set(uuid, { autostart: false }).get(uuid)!;
    for (const [dir, key] of [[this.configDir, 'persistent'], [this.runDir, 'live']] as const) {
      for (const f of await fs.readdir(dir)) {
        if (!f.endsWith('.xml')) continue;
        try {
          const def = parseStoragePoolXml(await fs.readFile(path.join(dir, f), 'utf8'));
          entry(def.uuid)[key] = def;
        } catch (e) {
          this.logger.warn(`ignoring storage pool file ${path.join(dir, f)}: ${(e as Error).message}`);
        }
      }
    }
    for (const uuid of await fs.readdir(this.autostartDir)) {
      const p = pools.get(uuid);
      if (p?.persistent) p.autostart = true;
    }
    return pools;
  }
}
