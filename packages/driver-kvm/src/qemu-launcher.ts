import {
  DomainState, ErrorCode, PausedReason, StoppedDetail, cloneDomainDef, formatDomainXml, isVirtError, parseDomainXml, type DomainDef,
} from '@virtkit/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { removeFile } from './atomic-file.js';
import { needsNvramFile } from './firmware.js';
import { affinityPrefix } from './host-affinity.js';
import type { QemuCapsCache } from './caps-probe.js';
import { canonicalizeDomain } from './canonicalize.js';
import { canonicalQemuArgv, guestAbiArgs } from './command-line.js';
import type { DomainStateStore } from './domain-state-store.js';
import { fail } from './errors.js';
import { createLiveDomain, type KvmDomainObject, type LiveDomain, type MigrationRecord } from './kvm-domain.js';
import type { PortAllocator } from './port-allocator.js';
import type { QemuCaps } from './qemu-caps.js';
import type { QemuProcesses } from './qemu-process.js';
import type { QmpLifecycle } from './qmp-lifecycle.js';
import type { KvmDriverConfig } from './tokens.js';
import { hasVolumeDisks, volumeStandIns } from './storage/volume-disks.js';
import { startSwtpm, stopSwtpm } from './swtpm-runner.js';
import { diskThrottles } from './disk-throttle.js';
import { diskTopNode } from './storage-args.js';
import type { GuestInterfaces } from './network/guest-interfaces.js';

/** The state a launch establishes (written to the status file while QEMU starts). */
export type IntendedState = Pick<LiveDomain, 'state' | 'reason' | 'migration'>;

/**
 * Turns definitions into running QEMUs: canonicalizes a definition against
 * the installed QEMU, builds the command line, spawns QEMU paused (-S) and
 * hands the new live domain to the lifecycle. Incoming streams (migration,
 * restore) get a port, retried when QEMU cannot bind it.
 */
export class QemuLauncher {
  /**
   * Definitions canonicalDef produced (never modified afterwards), with the
   * guest-ABI arguments that validated them: launch reuses both.
   */
  private readonly canonicalDefs = new WeakMap<DomainDef, readonly string[]>();

  /** caps: the driver's cache, shared by every root; each root persists what it probes in its own cache directory. */
  constructor(
    private readonly store: DomainStateStore,
    private readonly config: KvmDriverConfig,
    private readonly caps: QemuCapsCache,
    private readonly processes: QemuProcesses,
    private readonly ports: PortAllocator,
    private readonly lifecycle: QmpLifecycle,
    private readonly allocateId: () => number,
    private readonly interfaces: GuestInterfaces,
    /** The definition QEMU runs: `<disk type='volume'>` turned into the volume's file (the host's storage). */
    private readonly resolveVolumes: (def: DomainDef) => Promise<DomainDef> = async (def) => def,
  ) {}

  capsFor(def: DomainDef): Promise<QemuCaps> {
    return this.caps.get(def.devices.emulator ?? this.config.emulator, this.store.paths.cacheDir);
  }

  /** Parses, checks and canonicalizes a definition against the installed QEMU. */
  canonical(xml: string): Promise<DomainDef> {
    return this.canonicalDef(parseDomainXml(xml));
  }

  async canonicalDef(def: DomainDef): Promise<DomainDef> {
    const caps = await this.capsFor(def);
    const canon = this.canonicalize(def, caps);
    if (!hasVolumeDisks(canon)) this.canonicalDefs.set(canon, guestAbiArgs(canon, caps));
    // Volume disks are checked on stand-in files; their real ones are known at start.
    else guestAbiArgs(await volumeStandIns(canon), caps);
    return canon;
  }

  /** A canonical copy of def; its guest-ABI arguments are what validates it further. */
  private canonicalize(def: DomainDef, caps: QemuCaps): DomainDef {
    if (def.type !== 'qemu' && def.type !== 'kvm') {
      throw fail(ErrorCode.CONFIG_UNSUPPORTED, `domain type '${def.type}' is not supported by the QEMU driver (qemu, kvm)`);
    }
    return canonicalizeDomain(def, caps);
  }

  /**
   * Spawns QEMU for `input` (paused, -S); `incoming` adds -incoming.
   * `input` is canonicalized unless canonicalDef made it, and never
   * modified. The status file is written while QEMU starts, with the state
   * the caller is about to establish (reattach checks it against QEMU's own
   * status). The caller holds the domain's identity lock.
   */
  async launch(obj: KvmDomainObject, input: DomainDef, intended: IntendedState, incoming?: string): Promise<LiveDomain> {
    if (obj.live) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is already running`);
    const caps = await this.capsFor(input);
    const abi = this.canonicalDefs.get(input);
    // A definition canonicalDef made is copied, not canonicalized and validated again.
    const def = abi ? cloneDomainDef(input) : this.canonicalize(input, caps);
    const id = this.allocateId();
    def.id = id;
    const monitorPath = this.store.monitorPath(obj.uuid);
    if (Buffer.byteLength(monitorPath) > 107) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `monitor socket path ${monitorPath} is longer than a unix socket allows`);
    await removeFile(monitorPath);
    const nvramPath = await this.ensureNvram(obj, def);
    const swtpm = this.store.swtpmPaths(obj.uuid);
    const tpmSocket = await startSwtpm(this.processes.runner, def, swtpm);
    // Taps change the host-side arguments, so the command line is built again once they exist.
    const tapped = this.interfaces.needed(def);
    if (tapped) await this.interfaces.attach(def);
    let launched;
    let xml: string;
    let throttles: ReturnType<typeof diskThrottles>;
    try {
      // Volumes are resolved on the tapped definition, so the copy QEMU runs has the taps too;
      // a volume that does not resolve removes the taps below.
      const resolved = await this.resolveVolumes(def);
      const argv = [...affinityPrefix(def, caps), ...canonicalQemuArgv(resolved, caps, { monitorPath, incoming, nvramPath, tpmSocket }, tapped || resolved !== def ? undefined : abi)];
      throttles = diskThrottles(resolved, argv, (i) => diskTopNode(resolved, i, resolved.devices.disks[i]!.driver?.type ?? 'raw'));
      xml = formatDomainXml(def);
      const status = xml;
      const onSpawn = (pid: number) => this.store.writeStatus(obj, { xml: status, id, pid, monitorPath, ...intended });
      launched = await this.processes.launch(argv, { logFile: this.store.logFile(obj.uuid), monitorPath, timeoutMs: this.config.startTimeoutMs, onSpawn });
    } catch (e) {
      await this.store.removeStatus(obj.uuid);
      if (tapped) await this.interfaces.detach(def);
      if (tpmSocket) await stopSwtpm(this.processes.runner, swtpm);
      throw e;
    }
    const live = createLiveDomain({ def, xml, id, pid: launched.pid, monitorPath, qmp: launched.qmp, ...intended });
    obj.live = live;
    this.lifecycle.watch(obj, live);
    if (tapped) await this.interfaces.applyLinkStates(def, live.qmp);
    // As libvirt: I/O limits go to the paused guest's disks before anything runs.
    try {
      for (const t of throttles) await live.qmp.execute('block_set_io_throttle', t);
    } catch (e) {
      await this.lifecycle.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
      throw e;
    }
    return live;
  }

  /** A guest with a host-local UEFI varstore gets it from its template on first start; later starts keep its variables. */
  private async ensureNvram(obj: KvmDomainObject, def: DomainDef): Promise<string | undefined> {
    const wanted = needsNvramFile(def);
    if (!wanted) return undefined;
    const file = this.store.nvramPath(obj.uuid);
    try {
      await fs.access(file);
    } catch {
      await fs.mkdir(path.dirname(file), { recursive: true });
      try {
        await fs.copyFile(wanted.template, `${file}.tmp`);
        await fs.rename(`${file}.tmp`, file);
      } catch (e) {
        throw fail(ErrorCode.OPERATION_FAILED, `cannot create the NVRAM ${file} from template ${wanted.template}: ${(e as Error).message}`, e);
      }
    }
    return file;
  }

  /**
   * Launches QEMU for an incoming stream (-incoming defer, paused, recorded
   * as a destination in phase prepare) and has it listen on `listen.host`
   * (default 127.0.0.1) at `listen.port`, or at a port from the allocator:
   * when QEMU cannot bind that port (taken since it was checked), the next
   * one is tried. An allocated port is released when the guest exits or
   * endIncoming is called. `beforeIncoming` sets up what the stream needs
   * before QEMU listens (TLS).
   */
  async launchIncoming(
    obj: KvmDomainObject, def: DomainDef, reason: PausedReason, flags: number, listen: { host?: string; port?: number } = {},
    beforeIncoming?: (live: LiveDomain) => Promise<void>,
  ): Promise<{ live: LiveDomain; uri: string; port: number }> {
    const skip = new Set<number>();
    const fixed = listen.port !== undefined;
    for (let attempt = 0; ; attempt++) {
      const port = listen.port ?? (await this.ports.acquire(skip));
      const uri = `tcp:${listen.host ?? '127.0.0.1'}:${port}`;
      let live: LiveDomain | undefined;
      try {
        const migration: MigrationRecord = { role: 'destination', phase: 'prepare', flags, port: fixed ? undefined : port };
        live = await this.launch(obj, def, { state: DomainState.PAUSED, reason, migration }, 'defer');
        await live.qmp.execute('migrate-set-capabilities', { capabilities: [{ capability: 'events', state: true }] });
        await beforeIncoming?.(live);
        await live.qmp.execute('migrate-incoming', { uri });
        return { live, uri, port };
      } catch (e) {
        // The exit of a launched QEMU releases the port.
        if (live && obj.live === live) await this.lifecycle.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
        else if (!fixed) this.ports.release(port);
        const bindFailure = isVirtError(e) && /address already in use|failed to bind/i.test(e.message);
        if (!bindFailure || fixed || attempt >= 8) throw e;
        skip.add(port);
      }
    }
  }

  /** The incoming stream is in: the guest is no longer a migration destination, its port is free. */
  endIncoming(live: LiveDomain): void {
    const port = live.migration?.role === 'destination' ? live.migration.port : undefined;
    live.migration = undefined;
    if (port !== undefined) this.ports.release(port);
  }
}
