import { ErrorCode, ErrorDomain, type VirtError, errorReporter, isVirtError, toVirtError } from '../errors.js';
import { DrvFeature } from '../features.js';
import { DomainXmlFlags, MigrateFlags, allFlags, checkFlags } from '../flags.js';
import type { Connection } from '../connection.js';
import type { Domain } from '../domain.js';
import { hasJobRole } from '../driver/contract.js';
import { checkBandwidth, checkDisksPort, checkParallelConnections, hasMigrationV1, hasMigrationV2, hasMigrationV3 } from '../driver/migration.js';
import { DomainState, type DomainRef, type JobInfo } from '../driver/types.js';
import { advertisedVersions, chooseVersion, type MigrationVersion } from './negotiate.js';

export interface MigrateOptions {
  /** MigrateFlags. */
  flags?: number;
  /** New name on the destination. */
  dname?: string;
  /** Hypervisor migration URI (e.g. tcp:127.0.0.1:49152); the destination chooses when absent. */
  uri?: string;
  /** MiB/s; 0 lets the driver choose. */
  bandwidth?: number;
  /** Replacement domain XML for the destination (v3 only). */
  dxml?: string;
  /** Connections of a VIR_MIGRATE_PARALLEL migration (libvirt's parallel.connections, v3 only); the driver's default when absent. */
  parallelConnections?: number;
  /** The destination's NBD port for a storage copy (libvirt's disks_port, v3 only). */
  disksPort?: number;
  /** Aborting asks the source to cancel its job; the guest keeps running on the source. */
  signal?: AbortSignal;
  /** Called with the source's job info while the data moves. */
  onProgress?: (job: JobInfo) => void;
  /** Milliseconds between job-info polls. Default 100. */
  progressIntervalMs?: number;
}

export interface MigrateResult {
  /** The guest on the destination. */
  domain: Domain;
  version: MigrationVersion;
}

/** Flags only the source acts on; never sent to the destination. */
const SOURCE_ONLY = MigrateFlags.ABORT_ON_ERROR | MigrateFlags.AUTO_CONVERGE;

const fail = errorReporter(ErrorDomain.DOMAIN);

/**
 * Migrates `dom` to `dest` as libvirt's virDomainMigrate does: checks the
 * flags, picks the highest protocol version both ends support, runs its
 * phases and rolls back per phase so the guest ends up running on exactly
 * one host.
 */
export function migrateDomain(dom: Domain, dest: Connection, options: MigrateOptions = {}): Promise<MigrateResult> {
  return runMigration(dom, dest, options, 'managed');
}

/**
 * The phases of a migration, once for both drivers of them: the client
 * (`managed`, virDomainMigrate) and the source host itself
 * (`peer2peer`, run by migration/peer2peer.ts inside the source's process
 * with the destination it opened; PEER2PEER is then the caller's and never
 * reaches the phases).
 */
export async function runMigration(dom: Domain, dest: Connection, options: MigrateOptions, driver: 'managed' | 'peer2peer'): Promise<MigrateResult> {
  let flags = options.flags ?? 0;
  if (driver === 'peer2peer') flags &= ~MigrateFlags.PEER2PEER;
  checkFlags(flags, allFlags(MigrateFlags), 'virDomainMigrate');
  const known = new Set(['flags', 'dname', 'uri', 'bandwidth', 'dxml', 'parallelConnections', 'disksPort', 'signal', 'onProgress', 'progressIntervalMs']);
  for (const k of Object.keys(options)) if (!known.has(k)) throw fail(ErrorCode.INVALID_ARG, `unknown migration option '${k}'`);
  const bandwidth = options.bandwidth ?? 0;
  checkBandwidth(bandwidth, fail);
  checkParallelConnections(options.parallelConnections, flags, fail);
  checkDisksPort(options.disksPort, flags, fail);
  const src = dom.connection;
  src.writable();
  dest.writable();
  if (options.signal?.aborted) throw fail(ErrorCode.OPERATION_ABORTED, 'migration job: canceled by client');

  if ((flags & MigrateFlags.NON_SHARED_DISK) && (flags & MigrateFlags.NON_SHARED_INC)) {
    throw fail(ErrorCode.INVALID_ARG, 'flags VIR_MIGRATE_NON_SHARED_DISK and VIR_MIGRATE_NON_SHARED_INC are mutually exclusive');
  }
  if (flags & MigrateFlags.OFFLINE) {
    if (!(await src.supportsFeature(DrvFeature.MIGRATION_OFFLINE))) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'offline migration is not supported by the source host');
    if (!(await dest.supportsFeature(DrvFeature.MIGRATION_OFFLINE))) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'offline migration is not supported by the destination host');
    if (!(flags & MigrateFlags.PERSIST_DEST)) throw fail(ErrorCode.OPERATION_INVALID, 'offline migration requires VIR_MIGRATE_PERSIST_DEST');
    if (flags & MigrateFlags.LIVE) throw fail(ErrorCode.OPERATION_INVALID, 'live offline migration is not possible');
  }
  if ((flags & MigrateFlags.TUNNELLED) && !(flags & MigrateFlags.PEER2PEER)) {
    throw fail(ErrorCode.OPERATION_INVALID, 'cannot perform tunnelled migration without using peer2peer flag');
  }
  if (flags & MigrateFlags.PEER2PEER) {
    throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'peer-to-peer migration is run by the source host; use a migration without VIR_MIGRATE_PEER2PEER');
  }
  let protection = 0;
  const changeProtection = await src.supportsFeature(DrvFeature.MIGRATE_CHANGE_PROTECTION);
  if (flags & MigrateFlags.CHANGE_PROTECTION) {
    if (!changeProtection) throw fail(ErrorCode.OPERATION_INVALID, 'cannot enforce change protection');
    flags &= ~MigrateFlags.CHANGE_PROTECTION;
  }
  if (changeProtection) protection = MigrateFlags.CHANGE_PROTECTION;

  const version = chooseVersion(await advertisedVersions(src), await advertisedVersions(dest), { source: `source '${src.uri}'`, destination: `destination '${dest.uri}'` });
  if (options.disksPort !== undefined && version !== 3) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, `migration parameter 'disks_port' needs migration protocol v3, not v${version}`);
  if (options.parallelConnections !== undefined && version !== 3) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, `migration parameter 'parallel.connections' needs migration protocol v3, not v${version}`);
  if (options.dxml !== undefined && version !== 3) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, `unable to change target guest XML during migration protocol v${version}`);
  if ((flags & MigrateFlags.OFFLINE) && version === 1) throw fail(ErrorCode.ARGUMENT_UNSUPPORTED, 'offline migration needs protocol v2 or v3 to carry the definition');

  const run = new MigrationRun(dom, dest, options, flags, bandwidth);
  let ref: DomainRef;
  if (version === 1) ref = await run.v1();
  else if (version === 2) ref = await run.v2();
  else ref = await run.v3(protection);
  return { domain: dest.domainHandle(ref), version };
}

/** One migration's phases; shared state lives here, not in arguments. */
class MigrationRun {
  private readonly dname: string;

  constructor(
    private readonly dom: Domain,
    private readonly dest: Connection,
    private readonly options: MigrateOptions,
    private flags: number,
    private readonly bandwidth: number,
  ) {
    this.dname = options.dname ?? dom.name;
  }

  private get src(): Connection { return this.dom.connection; }

  /** The flags the destination sees: source-only flags stripped, after any PAUSED was added. */
  private get destflags(): number { return this.flags & ~SOURCE_ONLY; }

  /** libvirt v1 and v2 migrate a paused guest paused. */
  private async addPausedIfPaused(): Promise<void> {
    const { state } = await this.src.live().getState(this.dom.driverRef);
    if (state === DomainState.PAUSED) this.flags |= MigrateFlags.PAUSED;
  }

  private noUri(phase: string): VirtError {
    return fail(ErrorCode.INTERNAL_ERROR, `${phase} did not set uri`);
  }

  async v1(): Promise<DomainRef> {
    const s = this.src.live();
    const d = this.dest.live();
    if (!hasMigrationV1(s) || !hasMigrationV1(d)) throw fail(ErrorCode.INTERNAL_ERROR, 'migration v1 role missing');
    await this.addPausedIfPaused();
    const destflags = this.destflags;
    const prep = await d.migratePrepare({ uriIn: this.options.uri, flags: destflags, dname: this.options.dname, bandwidth: this.bandwidth });
    const uri = this.options.uri ?? prep.uriOut;
    if (!uri) throw this.noUri('domainMigratePrepare');
    // v1 has no rollback signal: a failed Perform leaves the source running and the destination with nothing.
    await this.withProgress(() => s.migratePerform(this.dom.driverRef, { cookie: prep.cookie, uri, flags: this.flags, dname: this.options.dname, bandwidth: this.bandwidth }));
    return d.migrateFinish({ dname: this.dname, cookie: prep.cookie, uri, flags: destflags });
  }

  async v2(): Promise<DomainRef> {
    const s = this.src.live();
    const d = this.dest.live();
    if (!hasMigrationV2(s) || !hasMigrationV2(d)) throw fail(ErrorCode.INTERNAL_ERROR, 'migration v2 role missing');
    await this.addPausedIfPaused();
    const destflags = this.destflags;
    const xmlFlags = (await this.src.supportsFeature(DrvFeature.XML_MIGRATABLE)) ? DomainXmlFlags.MIGRATABLE : DomainXmlFlags.SECURE | DomainXmlFlags.UPDATE_CPU;
    const domXml = await s.getXmlDesc(this.dom.driverRef, xmlFlags);
    const prep = await d.migratePrepare2({ uriIn: this.options.uri, flags: destflags, dname: this.options.dname, bandwidth: this.bandwidth, domXml });
    const uri = this.options.uri ?? prep.uriOut;
    const offline = !!(this.flags & MigrateFlags.OFFLINE);
    let performError: VirtError | undefined;
    if (!uri && !offline) performError = this.noUri('domainMigratePrepare2');
    else {
      try {
        await this.withProgress(() => s.migratePerform(this.dom.driverRef, { cookie: prep.cookie, uri: uri ?? '', flags: this.flags, dname: this.options.dname, bandwidth: this.bandwidth }));
      } catch (e) {
        performError = toVirtError(e);
      }
    }
    // Finish2 always runs: with a failure retcode it discards the incoming guest.
    let ddom: DomainRef | null = null;
    let finishError: VirtError | undefined;
    try {
      ddom = await d.migrateFinish2({ dname: this.dname, cookie: prep.cookie, uri: uri ?? '', flags: destflags, retcode: performError ? 1 : 0 });
    } catch (e) {
      finishError = toVirtError(e);
    }
    if (performError) throw performError;
    if (finishError) throw finishError;
    if (!ddom) throw fail(ErrorCode.OPERATION_FAILED, 'migration finished but the destination returned no domain');
    return ddom;
  }

  async v3(protection: number): Promise<DomainRef> {
    const s = this.src.live();
    const d = this.dest.live();
    if (!hasMigrationV3(s) || !hasMigrationV3(d)) throw fail(ErrorCode.INTERNAL_ERROR, 'migration v3 role missing');
    const srcFlags = this.flags | protection;
    const destflags = this.destflags;
    const ref = this.dom.driverRef;
    const begin = await s.migrateBegin3(ref, { xmlin: this.options.dxml, flags: srcFlags, dname: this.options.dname, bandwidth: this.bandwidth });

    let prep;
    try {
      prep = await d.migratePrepare3({ cookieIn: begin.cookie, uriIn: this.options.uri, flags: destflags, dname: this.options.dname, bandwidth: this.bandwidth, domXml: begin.xml, parallelConnections: this.options.parallelConnections, disksPort: this.options.disksPort });
    } catch (e) {
      // Release the job Begin3 took under change protection.
      if (protection) await s.migrateConfirm3(ref, { flags: srcFlags, cancelled: true }).catch(() => {});
      throw e;
    }

    const uri = this.options.uri ?? prep.uriOut;
    let cancelled = false;
    let notifySource = true;
    let primary: VirtError | undefined;
    let performCookie: Uint8Array | undefined;
    const offline = !!(this.flags & MigrateFlags.OFFLINE);
    if (!uri && !offline) {
      cancelled = true;
      primary = this.noUri('domainMigratePrepare3');
    } else if (uri && !offline) {
      try {
        const perf = await this.withProgress(() => s.migratePerform3(ref, { cookieIn: prep.cookie, uri, flags: srcFlags, dname: this.options.dname, bandwidth: this.bandwidth, parallelConnections: this.options.parallelConnections }));
        performCookie = perf.cookie;
      } catch (e) {
        // The source cleaned up after itself (it runs again); only the destination needs telling.
        primary = toVirtError(e);
        cancelled = true;
        notifySource = false;
      }
    }

    let ddom: DomainRef | null = null;
    let confirmCookie: Uint8Array | undefined;
    const finishArgs = { dname: this.dname, cookieIn: performCookie, uri: uri ?? '', flags: destflags };
    try {
      const fin = await d.migrateFinish3({ ...finishArgs, cancelled });
      ddom = fin.domain;
      confirmCookie = fin.cookie;
    } catch (e) {
      const finishError = toVirtError(e);
      if (!primary || !isVirtError(finishError, ErrorCode.MIGRATE_FINISH_OK)) primary = finishError;
      // A Finish that failed half-way may have left the incoming guest; ask once more to discard it.
      if (!cancelled) await d.migrateFinish3({ ...finishArgs, cancelled: true }).catch(() => {});
    }
    cancelled = ddom === null;

    if (notifySource) {
      const confirm = () => s.migrateConfirm3(ref, { cookieIn: confirmCookie, flags: srcFlags, cancelled });
      try {
        await confirm().catch(confirm);
      } catch (e) {
        if (cancelled) {
          const ce = toVirtError(e);
          throw fail(ErrorCode.OPERATION_FAILED, `${primary?.message ?? 'migration failed'}; guest '${this.dom.name}' probably left paused on the source: ${ce.message}`);
        }
        // The destination runs the guest: never leave a second copy on the source.
        await s.destroy(ref, 0).catch(() => {});
      }
    }
    if (cancelled || !ddom) throw primary ?? fail(ErrorCode.OPERATION_FAILED, 'migration failed: the destination did not start the guest');
    return ddom;
  }

  /**
   * Runs a Perform phase while polling the source's job info for progress
   * and forwarding an abort to the source's job.
   */
  private async withProgress<T>(perform: () => Promise<T>): Promise<T> {
    const { signal, onProgress } = this.options;
    // An abort that came during the earlier phases stops the migration before any data moves.
    if (signal?.aborted) throw fail(ErrorCode.OPERATION_ABORTED, 'migration job: canceled by client');
    const src = this.src.live();
    const ref = this.dom.driverRef;
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      if (hasJobRole(src)) src.abortJob(ref).catch(() => {});
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    const interval = Math.max(10, this.options.progressIntervalMs ?? 100);
    const poll = onProgress && hasJobRole(src)
      ? (async () => {
          while (!done) {
            await this.src.services.clock.sleep(interval);
            if (done) break;
            try {
              onProgress(await src.getJobInfo(ref));
            } catch {
              // The job may end between polls.
            }
          }
        })()
      : Promise.resolve();
    try {
      return await perform();
    } catch (e) {
      if (aborted) throw fail(ErrorCode.OPERATION_ABORTED, `migration job: canceled by client (${toVirtError(e).message})`);
      throw e;
    } finally {
      done = true;
      signal?.removeEventListener('abort', onAbort);
      await poll;
    }
  }
}
