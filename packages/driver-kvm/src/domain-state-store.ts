import fs from 'node:fs/promises';
import path from 'node:path';
import type { SwtpmPaths } from './swtpm-runner.js';
import { formatDomainXml, parseDomainXml, type DomainDef, type DomainState, type Logger } from '@virtkit/core';
import { removeFile, replaceRuntimeFile, writeFileAtomic } from './atomic-file.js';
import type { HostPaths } from './host-paths.js';
import type { LiveStatus, MigrationRecord } from './kvm-domain.js';

/** A running domain's status file (run/<uuid>.json): what a restarted driver reattaches with. */
export interface StatusFile {
  uuid: string;
  name: string;
  id: number;
  pid: number;
  monitorPath: string;
  xml: string;
  state: DomainState;
  reason: number;
  migration?: MigrationRecord;
}

/**
 * One host's files: the persistent definitions (etc/<uuid>.xml), the status
 * files of running domains, their monitor sockets and logs. Status writes
 * and removals of one domain are queued in order, so a late write never
 * resurrects a removed file.
 */
export class DomainStateStore {
  private readonly statusQueue = new Map<string, Promise<void>>();

  constructor(readonly paths: HostPaths, private readonly logger: Logger) {}

  /** Creates the host's directories. */
  async prepare(): Promise<void> {
    for (const d of [this.paths.configDir, this.paths.runDir, this.paths.logDir, this.paths.cacheDir]) await fs.mkdir(d, { recursive: true, mode: 0o700 });
  }

  configFile(uuid: string): string {
    return path.join(this.paths.configDir, `${uuid}.xml`);
  }

  statusFile(uuid: string): string {
    return path.join(this.paths.runDir, `${uuid}.json`);
  }

  logFile(uuid: string): string {
    return path.join(this.paths.logDir, `${uuid}.log`);
  }

  /** The UEFI varstore of a guest whose <nvram> names no file, kept with the definitions (libvirt: /var/lib/libvirt/qemu/nvram). */
  nvramPath(uuid: string): string {
    return path.join(this.paths.configDir, 'nvram', `${uuid}_VARS.fd`);
  }

  /** A guest's swtpm: socket and pid beside the monitor, log with QEMU's, TPM state with the definitions (libvirt: /var/lib/libvirt/swtpm). */
  swtpmPaths(uuid: string): SwtpmPaths {
    return {
      socket: path.join(this.paths.runDir, `${uuid}.swtpm`),
      pidFile: path.join(this.paths.runDir, `${uuid}.swtpm.pid`),
      logFile: path.join(this.paths.logDir, `${uuid}-swtpm.log`),
      stateDir: path.join(this.paths.configDir, 'swtpm', uuid),
    };
  }

  monitorPath(uuid: string): string {
    return path.join(this.paths.runDir, `${uuid}.monitor`);
  }

  /** Every readable definition; an unreadable file is logged and skipped. */
  async loadDefinitions(): Promise<DomainDef[]> {
    const defs: DomainDef[] = [];
    for (const f of await fs.readdir(this.paths.configDir)) {
      if (!f.endsWith('.xml')) continue;
      try {
        defs.push(parseDomainXml(await fs.readFile(path.join(this.paths.configDir, f), 'utf8')));
      } catch (e) {
        this.logger.warn(`ignoring unreadable definition ${f}: ${(e as Error).message}`);
      }
    }
    return defs;
  }

  /** Every status file; an unreadable one is removed. */
  async loadStatuses(): Promise<StatusFile[]> {
    const out: StatusFile[] = [];
    for (const f of await fs.readdir(this.paths.runDir)) {
      if (!f.endsWith('.json')) continue;
      const file = path.join(this.paths.runDir, f);
      try {
        out.push(JSON.parse(await fs.readFile(file, 'utf8')) as StatusFile);
      } catch {
        await removeFile(file);
      }
    }
    return out;
  }

  async writeConfig(def: DomainDef): Promise<void> {
    await writeFileAtomic(this.configFile(def.uuid), formatDomainXml(def, { inactive: true }) + '\n');
  }

  removeConfig(uuid: string): Promise<void> {
    return removeFile(this.configFile(uuid));
  }

  /** Queues a write of a running domain's status file; resolves when it is in place (a restarted driver reads it). */
  writeStatus(dom: { uuid: string; name: string }, live: LiveStatus): Promise<void> {
    const status: StatusFile = {
      uuid: dom.uuid, name: dom.name, id: live.id, pid: live.pid, monitorPath: live.monitorPath,
      xml: live.xml, state: live.state, reason: live.reason, migration: live.migration,
    };
    return this.queueStatus(dom.uuid, () => replaceRuntimeFile(this.statusFile(dom.uuid), JSON.stringify(status)));
  }

  removeStatus(uuid: string): Promise<void> {
    return this.queueStatus(uuid, () => removeFile(this.statusFile(uuid)));
  }

  private queueStatus(uuid: string, op: () => Promise<void>): Promise<void> {
    const next = (this.statusQueue.get(uuid) ?? Promise.resolve()).catch(() => {}).then(op);
    this.statusQueue.set(uuid, next);
    void next.catch(() => {}).then(() => { if (this.statusQueue.get(uuid) === next) this.statusQueue.delete(uuid); });
    return next;
  }
}
