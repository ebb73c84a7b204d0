import {
  DomainState, ErrorCode, PausedReason, StoppedDetail, cloneDomainDef, formatDomainXml, isVirtError, parseDomainXml, type DomainDef,
} from '@virtkit/core';
import { removeFile } from './atomic-file.js';
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
  ) {}

  capsFor(def: DomainDef): Promise<QemuCaps> {
    return this.caps.get(def.devices.emulator ?? this.config.emulator, this.store.paths.cacheDir);
  }

  /** Parses, checks and canonicalizes a definition against the installed QEMU. */
  canonical(xml: string): Promise<DomainDef> {
    return this.canonicalDef(parseDomainXml(xml));
  }

  async canonicalDef(def: DomainDef): Promise<DomainDef> {
    const canon = this.canonicalize(def, await this.capsFor(def));
    this.canonicalDefs.set(canon, guestAbiArgs(canon));
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
    const argv = canonicalQemuArgv(def, caps, { monitorPath, incoming }, abi);
    const xml = formatDomainXml(def);
    const onSpawn = (pid: number) => this.store.writeStatus(obj, { xml, id, pid, monitorPath, ...intended });
    let launched;
    try {
      launched = await this.processes.launch(argv, { logFile: this.store.logFile(obj.uuid), monitorPath, timeoutMs: this.config.startTimeoutMs, onSpawn });
    } catch (e) {
      await this.store.removeStatus(obj.uuid);
      throw e;
    }
    const live = createLiveDomain({ def, xml, id, pid: launched.pid, monitorPath, qmp: launched.qmp, ...intended });
    obj.live = live;
    this.lifecycle.watch(obj, live);
    return live;
  }

  /**
   * Launches QEMU for an incoming stream (-incoming defer, paused, recorded
   * as a destination in phase prepare) and has it listen on `fixed`, or on
   * 127.0.0.1 at a port from the allocator: when QEMU cannot bind that port
   * (taken since it was checked), the next one is tried. An allocated port
   * is released when the guest exits or endIncoming is called.
   * `beforeIncoming` sets up what the stream needs before QEMU listens (TLS).
   */
  async launchIncoming(
    obj: KvmDomainObject, def: DomainDef, reason: PausedReason, flags: number, fixed?: { host: string; port: number },
    beforeIncoming?: (live: LiveDomain) => Promise<void>,
  ): Promise<{ live: LiveDomain; uri: string; port: number }> {
    const skip = new Set<number>();
    for (let attempt = 0; ; attempt++) {
      const port = fixed?.port ?? (await this.ports.acquire(skip));
      const uri = `tcp:${fixed?.host ?? '127.0.0.1'}:${port}`;
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
