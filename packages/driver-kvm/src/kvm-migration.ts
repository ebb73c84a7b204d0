import os from 'node:os';
import {
  DomainEventType, DomainState, ErrorCode, JobOperation, MigrateFlags, PausedReason, ResumedDetail, RunningReason, StartedDetail,
  StoppedDetail, SuspendedDetail, MigrateMaxSpeedFlags, checkBandwidth, checkDisksPort, checkFlags, checkParallelConnections, cloneDomainDef, formatDomainXml, isVirtError, parseDomainXml, validateName,
  type Begin3Args, type Begin3Result, type Confirm3Args, type DomainDef, type DomainRef, type PerformArgs, type PrepareResult, type Prepare2Args, type VirtError,
} from '@virtkit/core';
import { guestAbiArgs } from './command-line.js';
import { fail, unsupportedConfig } from './errors.js';
import type { KvmDomainObject, LiveDomain, MigrationRecord } from './kvm-domain.js';
import type { KvmHost } from './kvm-host.js';
import {
  StorageMirrors, copiesStorage, describeDisks, discardIncomingStorage, precreateDisks, startNbdServer, stopNbdServer,
  type IncomingStorage, type MigratedDisk, type NbdServer,
} from './storage-migration.js';
import { MIGRATION_TLS_ID, addTlsCredentials, checkTlsCertificates, removeTlsCredentials } from './migration-tls.js';
import {
  isStreaming, outgoingError, runOutgoing, setStreamCapabilities, setupOutgoing, waitIncoming, type QueryMigrate, type StreamCapabilities,
} from './migration-stream.js';
import { requireLive } from './qmp-lifecycle.js';

/** query-migrate-parameters' answer, the parts read here. */
interface MigrateParameters {
  'downtime-limit'?: number;
  'max-postcopy-bandwidth'?: number;
}

/** Flags this driver honours; anything else is rejected (virCheckFlags). */
export const SUPPORTED_MIGRATE_FLAGS = MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE | MigrateFlags.PAUSED
  | MigrateFlags.OFFLINE | MigrateFlags.ABORT_ON_ERROR | MigrateFlags.AUTO_CONVERGE | MigrateFlags.UNSAFE
  | MigrateFlags.NON_SHARED_DISK | MigrateFlags.NON_SHARED_INC | MigrateFlags.TLS | MigrateFlags.POSTCOPY | MigrateFlags.PARALLEL;

/** QEMU's multifd-channels default, which libvirt keeps when parallel.connections is not given. */
const DEFAULT_PARALLEL_CONNECTIONS = 2;

/** The stream capabilities a migration's flags (and parallel.connections) ask for, the same on both ends. */
function streamCapabilities(flags: number, parallelConnections: number | undefined): StreamCapabilities {
  checkParallelConnections(parallelConnections, flags, fail);
  return {
    postcopy: (flags & MigrateFlags.POSTCOPY) !== 0,
    multifd: flags & MigrateFlags.PARALLEL ? { channels: parallelConnections ?? DEFAULT_PARALLEL_CONNECTIONS } : undefined,
  };
}

/** Combinations of the stream flags this driver refuses before anything starts. */
function checkStreamFlags(flags: number): void {
  if (!(flags & MigrateFlags.POSTCOPY)) return;
  if (!(flags & MigrateFlags.LIVE) || (flags & MigrateFlags.OFFLINE)) {
    throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'post-copy migration is not supported with non-live or paused migration');
  }
  if (copiesStorage(flags)) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'post-copy migration is not supported with non-shared storage migration');
}

/**
 * The cookie the phases pass along (JSON): who migrates, and for a storage
 * migration the disks to copy (Begin3 → Prepare3) and the destination's NBD
 * server (Prepare3 → Perform3), as libvirt's <nbd> cookie element.
 */
interface MigrationCookie {
  hostname: string;
  name: string;
  uuid: string;
  disks?: MigratedDisk[];
  nbd?: NbdServer;
}

function cookieOf(obj: { name: string; uuid: string }, storage: Pick<MigrationCookie, 'disks' | 'nbd'> = {}): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ hostname: os.hostname(), name: obj.name, uuid: obj.uuid, ...storage }));
}

function readCookie(cookie: Uint8Array | undefined): Partial<MigrationCookie> {
  if (!cookie || cookie.length === 0) return {};
  try {
    return JSON.parse(new TextDecoder().decode(cookie)) as Partial<MigrationCookie>;
  } catch {
    throw fail(ErrorCode.INVALID_ARG, 'the migration cookie is not valid');
  }
}

/** Storage migration rides on the v3 cookies (libvirt's NBD scheme); v2 has no cookie from Begin. */
function checkStorageProtocol(flags: number, v3: boolean): void {
  if (copiesStorage(flags) && !v3) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'non-shared storage migration needs migration protocol v3');
  if (copiesStorage(flags) && (flags & MigrateFlags.OFFLINE)) throw fail(ErrorCode.OPERATION_INVALID, 'offline migration cannot handle non-shared storage');
}

/** Why a guest in a migration refuses `resume`, with the way out for a migration whose client is gone. */
export function migrationBusy(name: string, m: MigrationRecord): VirtError {
  return m.role === 'source'
    ? fail(ErrorCode.OPERATION_INVALID, `domain '${name}' is being migrated; use domjobabort to cancel a migration whose client is gone`)
    : fail(ErrorCode.OPERATION_INVALID, `domain '${name}' is being migrated in; use domjobabort or destroy to cancel an incoming migration whose client is gone`);
}

/**
 * tcp:ADDRESS[:PORT] with an IPv4 address, never a host name: hosts cloned
 * from one image (or namespaced on one machine) share their host name, so
 * only an address says which of them listens. Without a port (a
 * migrate_uri naming only the address) the destination takes one from its
 * migration range.
 */
function parseMigrationUri(uri: string): { host: string; port?: number } {
  const m = /^tcp:(?:\/\/)?(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?::(\d{1,5}))?\/?$/.exec(uri);
  const port = m?.[2] !== undefined ? Number(m[2]) : undefined;
  if (!m || m[1].split('.').some((o) => Number(o) > 255) || (port !== undefined && (port < 1 || port > 65535))) {
    throw fail(ErrorCode.INVALID_ARG, `migration URI '${uri}' must be tcp:ADDRESS[:PORT] with an IPv4 address`);
  }
  return { host: m[1], port };
}

/**
 * The address an incoming QEMU listens on when migrate_uri does not say: the
 * one the caller reached this host's daemon on (an IPv4 address; IPv6
 * listeners are not served), else loopback (a local caller).
 */
function listenHost(reached: string | undefined): string {
  return reached !== undefined && /^\d{1,3}(\.\d{1,3}){3}$/.test(reached) ? reached : '127.0.0.1';
}

/** Where the source sends the guest: the URI Prepare handed out, which always has its port. */
function parseTargetUri(uri: string): { host: string; port: number } {
  const t = parseMigrationUri(uri);
  if (t.port === undefined) throw fail(ErrorCode.INVALID_ARG, `migration URI '${uri}' has no port`);
  return { host: t.host, port: t.port };
}

/** libvirt's virDomainDefCheckABIStability, on the parts QEMU's stream depends on. */
export function checkAbiStability(src: DomainDef, dst: DomainDef): void {
  const mismatch = (what: string, d: unknown, s: unknown) => {
    throw unsupportedConfig('domain', `Target ${what} ${String(d)} does not match source ${String(s)}`);
  };
  if (dst.uuid !== src.uuid) mismatch('domain uuid', dst.uuid, src.uuid);
  if (dst.memory.kib !== src.memory.kib) mismatch('domain max memory', dst.memory.kib, src.memory.kib);
  if ((dst.maxMemory?.kib ?? 0) !== (src.maxMemory?.kib ?? 0)) mismatch('maximum memory size', dst.maxMemory?.kib ?? 0, src.maxMemory?.kib ?? 0);
  if (dst.vcpu.count !== src.vcpu.count) mismatch('domain vCPU max', dst.vcpu.count, src.vcpu.count);
  if (dst.os.machine !== src.os.machine) mismatch('domain machine type', dst.os.machine, src.os.machine);
  const devs = (d: DomainDef) => guestAbiArgs(d).filter((a, i, all) => all[i - 1] === '-device' || all[i - 1] === '-cpu' || all[i - 1] === '-smp').map((a) => a.replace(/"(drive|filename)":"[^"]*",?/g, ''));
  const a = devs(src);
  const b = devs(dst);
  if (a.join('\n') !== b.join('\n')) {
    const i = a.findIndex((x, k) => x !== b[k]);
    mismatch('device', b[i] ?? '(none)', a[i] ?? '(none)');
  }
}

/**
 * Migration v2 and v3 of real QEMU. The destination starts QEMU with
 * `-incoming defer` and listens on a port from the configured range; the
 * source sets bandwidth and downtime explicitly, runs `migrate` and follows
 * MIGRATION events, as a migration-out job on the host's tracker. The phase
 * is written into the status file so a restarted driver knows what to do
 * with a half-migrated guest.
 */
export class KvmMigration {
  constructor(private readonly host: KvmHost) {}

  // ---- source ---------------------------------------------------------------

  async begin3(dom: DomainRef, args: Begin3Args): Promise<Begin3Result> {
    checkFlags(args.flags, SUPPORTED_MIGRATE_FLAGS, 'virDomainMigrateBegin3');
    checkBandwidth(args.bandwidth, fail);
    const obj = this.host.find(dom);
    const offline = (args.flags & MigrateFlags.OFFLINE) !== 0;
    const base = offline ? obj.persistent : obj.live?.def;
    if (!base) throw fail(ErrorCode.OPERATION_INVALID, offline ? 'offline migration needs a persistent domain' : 'domain is not running');
    if (!offline) this.host.jobs.tracker.checkIdle(obj, 'migrate');
    checkStorageProtocol(args.flags, true);
    checkStreamFlags(args.flags);
    let def = cloneDomainDef(base);
    delete def.id;
    if (args.xmlin !== undefined) {
      const wanted = await this.host.launcher.canonical(args.xmlin);
      checkAbiStability(def, wanted);
      def = wanted;
    }
    // Volume disks are described by the files QEMU has open for them.
    const disks = copiesStorage(args.flags) ? await describeDisks(requireLive(obj).qmp, await this.host.resolveVolumes(base)) : undefined;
    return { xml: formatDomainXml(def, { inactive: true }), cookie: cookieOf(obj, { disks }) };
  }

  async perform(dom: DomainRef, args: Pick<PerformArgs, 'uri' | 'flags' | 'bandwidth'> & { cookieIn?: Uint8Array; parallelConnections?: number }, v3: boolean): Promise<void> {
    checkFlags(args.flags, SUPPORTED_MIGRATE_FLAGS, v3 ? 'virDomainMigratePerform3' : 'virDomainMigratePerform');
    checkBandwidth(args.bandwidth, fail);
    const obj = this.host.find(dom);
    if (args.flags & MigrateFlags.OFFLINE) {
      if (!v3 && (args.flags & MigrateFlags.UNDEFINE_SOURCE) && obj.persistent) await this.host.undefine(obj);
      return;
    }
    const live = requireLive(obj);
    if (live.migration) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' already has a migration job`);
    const target = parseTargetUri(args.uri);
    checkStorageProtocol(args.flags, v3);
    checkStreamFlags(args.flags);
    const stream = streamCapabilities(args.flags, args.parallelConnections);
    const nbd = copiesStorage(args.flags) ? readCookie(args.cookieIn).nbd : undefined;
    if (copiesStorage(args.flags) && !nbd) throw fail(ErrorCode.OPERATION_FAILED, 'the destination did not start an NBD server for the disks');
    const mirrors = nbd ? new StorageMirrors(live.qmp, await this.host.resolveVolumes(live.def)) : undefined;
    const tlsDir = this.host.config.defaultTlsX509CertDir;
    if (args.flags & MigrateFlags.TLS) await checkTlsCertificates(tlsDir, 'client');
    const job = this.host.jobs.beginOutgoing(obj, live.qmp, JobOperation.MIGRATION_OUT, mirrors && (() => mirrors.stats()));
    const wasRunning = live.state === DomainState.RUNNING;
    live.migration = { role: 'source', phase: 'perform', flags: args.flags, wasRunning };
    const { lifecycle, config, clock } = this.host;
    let result: QueryMigrate;
    let tlsCreds: string | undefined;
    try {
      if (args.flags & MigrateFlags.TLS) tlsCreds = await addTlsCredentials(live.qmp, tlsDir, 'client');
      const bandwidthMiB = args.bandwidth > 0 ? args.bandwidth : obj.migrationLimits.speedMiB ?? config.migrationMaxBandwidthMiB;
      // The phase is written before any data moves; QEMU's NBD handshakes with the exports run meanwhile.
      await Promise.all([
        lifecycle.writeStatus(obj),
        setupOutgoing(live.qmp, {
          bandwidthMiB,
          downtimeMs: obj.migrationLimits.downtimeMs ?? config.migrationDowntimeMs,
          autoConverge: (args.flags & MigrateFlags.AUTO_CONVERGE) !== 0,
          pauseBeforeSwitchover: mirrors !== undefined,
          stream,
          tls: tlsCreds !== undefined ? { creds: tlsCreds, hostname: target.host } : undefined,
        }),
        nbd && mirrors?.connect({ host: target.host, port: nbd.port, tlsCreds }, args.flags),
      ]);
      if (!(args.flags & MigrateFlags.LIVE) && wasRunning) await lifecycle.pauseLive(obj, PausedReason.MIGRATION, SuspendedDetail.MIGRATED);
      lifecycle.expectTransition(live, 'STOP', { reason: PausedReason.MIGRATION, detail: SuspendedDetail.MIGRATED });
      // The disks first: memory moves once every mirror is ready; the mirrors end at switchover, the guest paused.
      if (mirrors && !job.signal.aborted) await mirrors.start(bandwidthMiB * 1024 * 1024, job.signal);
      // An abort before the stream starts ends the job here; migrate_cancel would come too early to stop it.
      result = job.signal.aborted ? { status: 'cancelled' } : await runOutgoing(live.qmp, `tcp:${target.host}:${target.port}`, clock, mirrors && (() => mirrors.complete()));
    } catch (e) {
      result = isVirtError(e, ErrorCode.OPERATION_ABORTED) ? { status: 'cancelled' } : { status: 'failed', 'error-desc': (e as Error).message };
    }
    if (mirrors && result.status !== 'completed') await mirrors.cancel();
    if (tlsCreds !== undefined && result.status !== 'completed') await removeTlsCredentials(live.qmp);
    this.host.jobs.finishOutgoing(job, result, await mirrors?.stats());
    if (result.status !== 'completed') {
      await this.recoverSource(obj, live);
      throw outgoingError(result, 'migration out job');
    }
    if (v3) live.migration = { ...live.migration, phase: 'performed' };
    // QEMU's STOP event normally reported the pause already. One status write, with the v3 phase.
    const written = live.state === DomainState.RUNNING
      ? lifecycle.setState(obj, DomainState.PAUSED, PausedReason.MIGRATION, [DomainEventType.SUSPENDED, SuspendedDetail.MIGRATED])
      : v3 ? lifecycle.writeStatus(obj) : undefined;
    // The mirrors ended at switchover; their NBD connections close while the status is written.
    const released = mirrors?.release();
    if (v3) {
      await Promise.all([written, released]);
      return;
    }
    await released;
    // v2: the status file goes with the guest (setState logs a failed write).
    await this.finishSource(obj, args.flags);
  }

  /** After a failed or cancelled Perform: the guest runs on the source again. */
  private async recoverSource(obj: KvmDomainObject, live: LiveDomain, wasRunning = live.migration?.wasRunning): Promise<void> {
    const { lifecycle } = this.host;
    // The host let go of its guests mid-migration (its last connection closed): the phase stays on
    // disk for the driver that opens the root next, which cancels it (KvmHost.recoverMigration).
    if (this.host.detached) return;
    live.migration = undefined;
    live.expected.STOP = undefined;
    if (obj.live !== live) return;
    const qs = await live.qmp.execute<{ running: boolean }>('query-status').catch(() => undefined);
    // One status write, without the migration record: resumeLive's, setState's or a plain one.
    let written: Promise<void>;
    if (qs && !qs.running && wasRunning) written = lifecycle.resumeLive(obj, RunningReason.MIGRATION_CANCELED, ResumedDetail.UNPAUSED).catch(() => lifecycle.writeStatus(obj));
    else if (qs?.running && live.state !== DomainState.RUNNING) written = lifecycle.setState(obj, DomainState.RUNNING, RunningReason.MIGRATION_CANCELED);
    else written = lifecycle.writeStatus(obj);
    await written.catch(() => {});
  }

  /** The destination runs the guest: end it here. */
  private async finishSource(obj: KvmDomainObject, flags: number): Promise<void> {
    if (obj.live) await this.host.lifecycle.destroyLive(obj, StoppedDetail.MIGRATED);
    if ((flags & MigrateFlags.UNDEFINE_SOURCE) && obj.persistent) await this.host.undefine(obj);
  }

  async confirm3(dom: DomainRef, args: Confirm3Args): Promise<void> {
    checkFlags(args.flags, SUPPORTED_MIGRATE_FLAGS, 'virDomainMigrateConfirm3');
    const obj = this.host.find(dom);
    if (args.flags & MigrateFlags.OFFLINE) {
      if (!args.cancelled && (args.flags & MigrateFlags.UNDEFINE_SOURCE) && obj.persistent) await this.host.undefine(obj);
      return;
    }
    const live = obj.live;
    if (!live) {
      if (args.cancelled) throw fail(ErrorCode.OPERATION_FAILED, `guest '${obj.name}' is no longer running on the source`);
      return;
    }
    if (args.cancelled) {
      await this.recoverSource(obj, live);
      return;
    }
    // A migration cancelled in the meantime (domjobabort) must not end the guest that runs here again.
    if (live.migration?.role !== 'source' || live.migration.phase !== 'performed') throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' is not being migrated`);
    live.migration = undefined;
    await this.finishSource(obj, args.flags);
  }

  // ---- limits (virDomainMigrateSetMaxDowntime, virDomainMigrateSetMaxSpeed) ----------

  /** Kept for the domain's next migrations and set in QEMU at once, so a running migration follows it. */
  async setMaxDowntime(dom: DomainRef, downtimeMs: number, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virDomainMigrateSetMaxDowntime');
    if (!Number.isSafeInteger(downtimeMs) || downtimeMs < 1 || downtimeMs > 2_000_000) throw fail(ErrorCode.INVALID_ARG, `max downtime ${downtimeMs} ms must be from 1 to 2000000`);
    const obj = this.host.find(dom);
    await requireLive(obj).qmp.execute('migrate-set-parameters', { 'downtime-limit': downtimeMs });
    obj.migrationLimits.downtimeMs = downtimeMs;
  }

  /** QEMU's own downtime-limit, as libvirt reads it: what a running migration goes by. */
  async getMaxDowntime(dom: DomainRef, flags: number): Promise<number> {
    checkFlags(flags, 0, 'virDomainMigrateGetMaxDowntime');
    const params = await requireLive(this.host.find(dom)).qmp.execute<MigrateParameters>('query-migrate-parameters');
    if (params['downtime-limit'] === undefined) throw fail(ErrorCode.OPERATION_INVALID, 'Querying migration downtime is not supported by QEMU binary');
    return params['downtime-limit'];
  }

  /**
   * As libvirt: allowed on an inactive domain too; a running one's QEMU
   * takes it at once. The post-copy speed (MigrateMaxSpeedFlags.POSTCOPY)
   * is QEMU's max-postcopy-bandwidth, only of a running domain.
   */
  async setMaxSpeed(dom: DomainRef, bandwidthMiB: number, flags: number): Promise<void> {
    checkFlags(flags, MigrateMaxSpeedFlags.POSTCOPY, 'virDomainMigrateSetMaxSpeed');
    checkBandwidth(bandwidthMiB, fail);
    const obj = this.host.find(dom);
    if (flags & MigrateMaxSpeedFlags.POSTCOPY) {
      await requireLive(obj).qmp.execute('migrate-set-parameters', { 'max-postcopy-bandwidth': bandwidthMiB * 1024 * 1024 });
      return;
    }
    // 0: no limit of its own, the driver's default again (as a Perform's bandwidth 0).
    const speed = bandwidthMiB > 0 ? bandwidthMiB : undefined;
    if (obj.live) await obj.live.qmp.execute('migrate-set-parameters', { 'max-bandwidth': (speed ?? this.host.config.migrationMaxBandwidthMiB) * 1024 * 1024 });
    obj.migrationLimits.speedMiB = speed;
  }

  /** The post-copy speed is read from QEMU (0: no limit), rounded up to whole MiB/s as libvirt does. */
  async getMaxSpeed(dom: DomainRef, flags: number): Promise<number> {
    checkFlags(flags, MigrateMaxSpeedFlags.POSTCOPY, 'virDomainMigrateGetMaxSpeed');
    if (flags & MigrateMaxSpeedFlags.POSTCOPY) {
      const params = await requireLive(this.host.find(dom)).qmp.execute<MigrateParameters>('query-migrate-parameters');
      if (params['max-postcopy-bandwidth'] === undefined) throw fail(ErrorCode.OPERATION_INVALID, 'Querying maximum post-copy migration speed is not supported by QEMU binary');
      return Math.ceil(params['max-postcopy-bandwidth'] / (1024 * 1024));
    }
    return this.host.find(dom).migrationLimits.speedMiB ?? this.host.config.migrationMaxBandwidthMiB;
  }

  // ---- a migration without its client -------------------------------------------

  /**
   * virDomainAbortJob on a guest whose migration has no running job: its
   * client is gone (killed after Perform3, before Finish), or a restarted
   * driver inherited the phase. The source stops a stream QEMU still
   * sends (migrate_cancel) and runs again if it ran before
   * (MIGRATION_CANCELED); the destination's incoming guest is destroyed.
   * A later Confirm3 or Finish of that migration fails.
   */
  async cancelStranded(obj: KvmDomainObject): Promise<void> {
    const live = requireLive(obj);
    const m = live.migration;
    if (!m) throw fail(ErrorCode.OPERATION_INVALID, 'no job is active on the domain');
    if (m.role === 'destination') {
      await this.host.lifecycle.destroyLive(obj, StoppedDetail.FAILED);
      return;
    }
    // Taken at once: a Confirm3 that comes while QEMU answers finds no migration to confirm.
    live.migration = undefined;
    const q = await live.qmp.execute<QueryMigrate>('query-migrate');
    if (isStreaming(q)) await live.qmp.execute('migrate_cancel');
    await this.recoverSource(obj, live, m.wasRunning);
  }

  // ---- destination ----------------------------------------------------------

  async prepare(args: Prepare2Args & { cookieIn?: Uint8Array }, api: string): Promise<PrepareResult> {
    checkFlags(args.flags, SUPPORTED_MIGRATE_FLAGS, api);
    checkStorageProtocol(args.flags, api === 'virDomainMigratePrepare3');
    checkStreamFlags(args.flags);
    checkBandwidth(args.bandwidth, fail);
    checkDisksPort(args.disksPort, args.flags, fail);
    const parsed = parseDomainXml(args.domXml);
    if (args.dname !== undefined) {
      validateName(args.dname);
      parsed.name = args.dname;
    }
    const def = await this.host.launcher.canonicalDef(parsed);
    // migrate_uri when given, else the address the caller reached this host on (libvirt's migration_address), else loopback.
    const listen = args.uriIn !== undefined && !(args.flags & MigrateFlags.OFFLINE) ? parseMigrationUri(args.uriIn) : { host: listenHost(args.listenAddress) };
    const tlsDir = this.host.config.defaultTlsX509CertDir;
    const tls = (args.flags & MigrateFlags.TLS) !== 0 && (args.flags & MigrateFlags.OFFLINE) === 0;
    if (tls) await checkTlsCertificates(tlsDir, 'server');
    // The stream's TLS and capabilities are set up before QEMU listens.
    const stream = streamCapabilities(args.flags, args.parallelConnections);
    const beforeIncoming = async (live: LiveDomain) => {
      await setStreamCapabilities(live.qmp, stream);
      if (tls) await live.qmp.execute('migrate-set-parameters', { 'tls-creds': await addTlsCredentials(live.qmp, tlsDir, 'server') });
    };
    return this.host.claim(def, 'is already active on the destination', async (obj) => {
      if (args.flags & MigrateFlags.OFFLINE) {
        if (!(args.flags & MigrateFlags.PERSIST_DEST)) throw fail(ErrorCode.OPERATION_INVALID, 'offline migration requires VIR_MIGRATE_PERSIST_DEST');
        this.host.offlineIncoming.set(def.name, def);
        return { uriOut: 'tcp:127.0.0.1:0', cookie: cookieOf(def) };
      }
      if (!copiesStorage(args.flags)) {
        const { uri, live } = await this.host.launcher.launchIncoming(obj, def, PausedReason.MIGRATION, args.flags, listen, beforeIncoming);
        if (stream.postcopy && !(args.flags & MigrateFlags.PAUSED)) this.resumeAtPostCopy(obj, live);
        return { uriOut: uri, cookie: cookieOf(obj) };
      }
      return this.prepareStorage(obj, def, args.flags, readCookie(args.cookieIn).disks, listen, beforeIncoming, tls, args.disksPort);
    });
  }

  /**
   * Prepare of a storage migration: the disks the source copies exist here
   * (created when missing), QEMU waits for the stream and exports them over
   * its NBD server on the migration address, at a port from the migration
   * range (or at disks_port) that the cookie carries back, over TLS when the stream uses it
   * (`beforeIncoming` sets up QEMU's TLS and the stream's capabilities). A
   * failure removes what was made.
   */
  private async prepareStorage(
    obj: KvmDomainObject, def: DomainDef, flags: number, disks: MigratedDisk[] | undefined, listen: { host: string; port?: number },
    beforeIncoming: (live: LiveDomain) => Promise<void>, tls: boolean, disksPort: number | undefined,
  ): Promise<PrepareResult> {
    if (!disks) throw fail(ErrorCode.OPERATION_FAILED, 'the source did not describe the disks to copy');
    const { ports, lifecycle, launcher } = this.host;
    const storage: IncomingStorage = disksPort !== undefined ? { nbdPort: disksPort, nbdPortFixed: true, created: [] } : { nbdPort: await ports.acquire(), created: [] };
    let live: LiveDomain;
    let uri: string;
    try {
      storage.created = await precreateDisks(def, disks, flags, this.host.processes.runner, this.host.storage);
      ({ live, uri } = await launcher.launchIncoming(obj, def, PausedReason.MIGRATION, flags, listen, beforeIncoming));
    } catch (e) {
      await discardIncomingStorage(storage, ports, this.host.storage);
      throw e;
    }
    // From here the exit of QEMU discards the storage (QmpLifecycle).
    live.migration = { ...live.migration!, storage };
    try {
      await Promise.all([startNbdServer(live.qmp, await this.host.resolveVolumes(def), disks, listen.host, storage.nbdPort, tls ? MIGRATION_TLS_ID : undefined), lifecycle.writeStatus(obj)]);
    } catch (e) {
      if (obj.live === live) await lifecycle.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
      throw e;
    }
    return { uriOut: uri, cookie: cookieOf(obj, { nbd: { port: storage.nbdPort } }) };
  }

  /**
   * In post-copy only the destination can run the guest: the source stays
   * paused and serves the pages it is asked for. So the incoming guest
   * resumes the moment QEMU switches (MIGRATION postcopy-active) rather than
   * at Finish, which comes only once every page is in; libvirt's source ends
   * Perform at the switch for the same reason. RESUMED_POSTCOPY, as libvirt.
   */
  private resumeAtPostCopy(obj: KvmDomainObject, live: LiveDomain): void {
    const switched = live.qmp.waitForEvent('MIGRATION', 24 * 3600 * 1000, (e) => e.data.status === 'postcopy-active');
    void switched.then(async () => {
      if (obj.live !== live || live.migration?.role !== 'destination') return;
      const withdraw = this.host.lifecycle.expectTransition(live, 'RESUME', { reason: RunningReason.POSTCOPY, detail: ResumedDetail.POSTCOPY });
      await live.qmp.execute('cont').catch((e: Error) => {
        withdraw();
        this.host.logger.warn(`cannot resume ${obj.name} at the switch to post-copy: ${e.message}`);
      });
    }, () => {});
  }

  /**
   * virDomainMigrateStartPostCopy on the source: QEMU stops the guest here,
   * sends the device state and from then on only the pages the destination
   * has not got (SUSPENDED_POSTCOPY, as libvirt reports it).
   */
  async startPostCopy(dom: DomainRef, flags: number): Promise<void> {
    checkFlags(flags, 0, 'virDomainMigrateStartPostCopy');
    const obj = this.host.find(dom);
    const live = requireLive(obj);
    const m = live.migration;
    if (m?.role !== 'source' || m.phase !== 'perform' || !this.host.jobs.tracker.current(obj)) throw fail(ErrorCode.OPERATION_INVALID, 'post-copy can be started only during migration');
    if (!(m.flags & MigrateFlags.POSTCOPY)) throw fail(ErrorCode.OPERATION_INVALID, 'switching to post-copy requires migration to be started with VIR_MIGRATE_POSTCOPY flag');
    const withdraw = this.host.lifecycle.expectTransition(live, 'STOP', { reason: PausedReason.POSTCOPY, detail: SuspendedDetail.POSTCOPY });
    try {
      await live.qmp.execute('migrate-start-postcopy');
    } catch (e) {
      withdraw();
      throw e;
    }
  }

  /** Finish2/Finish3: resume the incoming guest, or discard it when the source failed. */
  async finish(args: { dname: string; flags: number; failed: boolean }): Promise<DomainRef | null> {
    checkFlags(args.flags, SUPPORTED_MIGRATE_FLAGS, 'virDomainMigrateFinish');
    if (args.flags & MigrateFlags.OFFLINE) {
      const def = this.host.offlineIncoming.get(args.dname);
      this.host.offlineIncoming.delete(args.dname);
      if (args.failed) return null;
      if (!def) throw fail(ErrorCode.NO_DOMAIN, `no incoming offline migration of '${args.dname}'`);
      return this.host.ref(await this.host.define(def));
    }
    const { lifecycle, launcher, clock } = this.host;
    const obj = this.host.domains.findByName(args.dname);
    const live = obj?.live;
    if (!obj || !live || live.migration?.role !== 'destination') {
      if (args.failed) return null;
      throw fail(ErrorCode.OPERATION_FAILED, `migration in job: guest '${args.dname}' is not running on the destination (QEMU exited)`);
    }
    if (args.failed) {
      await lifecycle.destroyLive(obj, StoppedDetail.FAILED);
      return null;
    }
    const resume = (args.flags & MigrateFlags.PAUSED) === 0;
    const storage = live.migration.storage;
    try {
      // A post-copy guest already runs (resumeAtPostCopy).
      const running = live.state === DomainState.RUNNING;
      let resumed: Promise<unknown> | undefined;
      if (resume && !running) {
        // While the stream is still loading, cont sets QEMU's autostart: the guest runs the
        // moment the last page is in, without a round trip. A failed load ends QEMU instead.
        lifecycle.expectTransition(live, 'RESUME', 'reported');
        resumed = live.qmp.execute('cont');
      }
      // The source completed its mirrors and closed its NBD connections before Perform returned:
      // the copy is in, and the server stops right behind the cont (QEMU answers them in order).
      await Promise.all([resumed, storage && stopNbdServer(live.qmp)]);
      const q = await waitIncoming(live.qmp, clock);
      if (q.status !== 'completed') throw fail(ErrorCode.OPERATION_FAILED, `migration in job: ${q['error-desc'] ?? `status ${q.status}`}`);
      launcher.endIncoming(live);
      if (storage && !storage.nbdPortFixed) this.host.ports.release(storage.nbdPort);
      this.host.emit(obj, DomainEventType.STARTED, StartedDetail.MIGRATED);
      const written = resume
        ? lifecycle.setState(obj, DomainState.RUNNING, RunningReason.MIGRATED, running ? undefined : [DomainEventType.RESUMED, ResumedDetail.MIGRATED])
        : lifecycle.setState(obj, DomainState.PAUSED, PausedReason.MIGRATION, [DomainEventType.SUSPENDED, SuspendedDetail.MIGRATED]);
      const persistent = cloneDomainDef(live.def);
      delete persistent.id;
      await Promise.all([written, args.flags & MigrateFlags.PERSIST_DEST ? this.host.define(persistent) : undefined]);
      return this.host.ref(obj);
    } catch (e) {
      if (obj.live === live) await lifecycle.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
      throw e;
    }
  }
}
