import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, MigrateFlags, type DiskDef, type DomainDef, type JobStats, type StorageVolDef } from '@virtkit/core';
import { fail } from './errors.js';
import type { PortAllocator } from './port-allocator.js';
import type { ProcessRunner } from './process-runner.js';
import type { QmpMonitor } from './qmp-client.js';

// Non-shared storage migration (VIR_MIGRATE_NON_SHARED_DISK / NON_SHARED_INC), as libvirt's qemu driver
// does it: the destination pre-creates each disk and exports it over QEMU's NBD server; the source mirrors
// each disk into its export (blockdev-mirror), migrates memory once every mirror is ready, and completes
// the mirrors at switchover (pause-before-switchover), so the copy ends with the guest paused.

/** Whether `flags` ask for the disks to be copied. */
export function copiesStorage(flags: number): boolean {
  return (flags & (MigrateFlags.NON_SHARED_DISK | MigrateFlags.NON_SHARED_INC)) !== 0;
}

/** One disk a storage migration copies: what the source's Begin3 cookie tells the destination. */
export interface MigratedDisk {
  /** The guest's target name (vda, vdb, ...): the same on both sides, whatever the paths. */
  target: string;
  format: 'raw' | 'qcow2';
  /** Virtual size in bytes. */
  capacity: number;
  /** The backing image of the top image (NON_SHARED_INC copies only the top when both hosts have it). */
  backing?: { path: string; format: string };
}

/** Where the destination's NBD server listens (the Prepare cookie); the host is the migration URI's. */
export interface NbdServer {
  port: number;
}

/** The destination's part of a storage migration, kept in the status file with the migration record. */
export interface IncomingStorage {
  /** The NBD server's port, from the migration port range. */
  nbdPort: number;
  /** The port was the caller's (libvirt's disks_port), not the allocator's: never handed back. */
  nbdPortFixed?: boolean;
  /** Disk images Prepare created; removed when the migration does not finish. */
  created: string[];
}

/** The disks that are copied: writable disks with a source; `migrateDisks` (target names) narrows them. */
export function selectDisks(def: DomainDef, migrateDisks?: readonly string[]): DiskDef[] {
  const candidates = def.devices.disks.filter((d) => d.device === 'disk' && d.sourcePath !== undefined && !d.readonly);
  if (migrateDisks === undefined) return candidates;
  for (const t of migrateDisks) {
    if (!candidates.some((d) => d.target.dev === t)) throw fail(ErrorCode.INVALID_ARG, `disk target ${t} not found or not migratable`);
  }
  return candidates.filter((d) => migrateDisks.includes(d.target.dev));
}

/** query-block's answer, the parts read here. */
interface BlockInfo {
  inserted?: { file: string; 'node-name': string; drv: string; backing_file?: string; image: { 'virtual-size': number; 'backing-image'?: { format: string } } };
}

/** The format node, size and backing image QEMU has open for each disk, by source path. */
async function openImages(qmp: QmpMonitor, disks: DiskDef[]): Promise<Map<DiskDef, NonNullable<BlockInfo['inserted']>>> {
  const blocks = await qmp.execute<BlockInfo[]>('query-block');
  const out = new Map<DiskDef, NonNullable<BlockInfo['inserted']>>();
  for (const d of disks) {
    const b = blocks.find((x) => x.inserted?.file === d.sourcePath)?.inserted;
    if (!b) throw fail(ErrorCode.INTERNAL_ERROR, `QEMU has no image open for disk ${d.target.dev}`);
    out.set(d, b);
  }
  return out;
}

/** Source, Begin3: the disks to copy with their sizes, for the destination to create them. */
export async function describeDisks(qmp: QmpMonitor, def: DomainDef, migrateDisks?: readonly string[]): Promise<MigratedDisk[]> {
  const images = await openImages(qmp, selectDisks(def, migrateDisks));
  return [...images].map(([d, b]) => {
    const disk: MigratedDisk = { target: d.target.dev, format: b.drv === 'qcow2' ? 'qcow2' : 'raw', capacity: b.image['virtual-size'] };
    if (b.backing_file !== undefined) disk.backing = { path: b.backing_file, format: b.image['backing-image']?.format ?? 'raw' };
    return disk;
  });
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(() => true, () => false);
}

/** What the destination of a storage migration asks of its storage pools (KvmStorage). */
export interface DestinationPools {
  /** The active pool whose directory is `dir`, undefined when none is. */
  poolByTargetPath(dir: string): string | undefined;
  /** The volume of an active pool, undefined when the pool has no volume of that name (a missing or inactive pool fails). */
  findVolume(pool: string, volume: string): Promise<{ path: string; format: string } | undefined>;
  /** Creates a volume in an active pool; returns its file. */
  createVolumeIn(pool: string, def: StorageVolDef, flags: number): Promise<string>;
  /** Removes files, each through its pool when it is a volume of one. */
  removeFiles(files: readonly string[]): Promise<void>;
}

/**
 * Destination, Prepare: creates each disk of `disks` that the destination
 * does not have, with the source's format and virtual size (raw sparse,
 * qcow2 by qemu-img, on the same backing image for NON_SHARED_INC), as
 * libvirt's qemuMigrationDstPrecreateStorage: a `<disk type='volume'>` as
 * that volume of the destination's pool of the disk's pool name (which
 * must exist and run); a file disk as a volume of the active pool whose
 * directory holds the file, else as a plain file. Returns the files
 * created; on failure, the ones created so far are removed.
 */
export async function precreateDisks(def: DomainDef, disks: MigratedDisk[], flags: number, processes: ProcessRunner, pools: DestinationPools): Promise<string[]> {
  const created: string[] = [];
  try {
    for (const m of disks) {
      const disk = def.devices.disks.find((d) => d.target.dev === m.target);
      if (!disk || (disk.type !== 'volume' && disk.sourcePath === undefined)) throw fail(ErrorCode.INVALID_ARG, `disk target ${m.target} of the source is not in the destination's XML`);
      const checkFormat = (here: string) => {
        if (here !== m.format) throw fail(ErrorCode.OPERATION_INVALID, `disk ${m.target} is ${m.format} on the source and ${here} here`);
      };
      const inc = (flags & MigrateFlags.NON_SHARED_INC) !== 0 && m.backing !== undefined;
      const checkBacking = async () => {
        if (inc && !(await exists(m.backing!.path))) throw fail(ErrorCode.OPERATION_INVALID, `backing image '${m.backing!.path}' of disk ${m.target} does not exist on the destination`);
      };
      const volumeDef = (name: string): StorageVolDef => ({
        name,
        capacity: m.capacity,
        target: { format: m.format },
        ...(inc ? { backingStore: { path: m.backing!.path, format: m.backing!.format } } : {}),
      });
      if (disk.type === 'volume') {
        const pool = disk.source?.attrs.pool;
        const volume = disk.source?.attrs.volume;
        if (!pool || !volume) throw fail(ErrorCode.INVALID_ARG, `disk ${m.target} names no pool and volume`);
        const existing = await pools.findVolume(pool, volume);
        checkFormat(disk.driver?.type ?? existing?.format ?? m.format);
        if (existing) continue;
        await checkBacking();
        created.push(await pools.createVolumeIn(pool, volumeDef(volume), 0));
        continue;
      }
      const file = disk.sourcePath!;
      checkFormat(disk.driver?.type ?? 'raw');
      if (disk.type !== 'file' || (await exists(file))) continue;
      await checkBacking();
      const pool = pools.poolByTargetPath(path.dirname(file));
      if (pool !== undefined) {
        created.push(await pools.createVolumeIn(pool, volumeDef(path.basename(file)), 0));
        continue;
      }
      if (m.format === 'raw') {
        try {
          const fh = await fs.open(file, 'wx');
          created.push(file);
          await fh.truncate(m.capacity).finally(() => fh.close());
        } catch (e) {
          throw fail(ErrorCode.SYSTEM_ERROR, `cannot create disk ${m.target} ('${file}'): ${(e as Error).message}`);
        }
        continue;
      }
      const args = ['create', '-q', '-f', 'qcow2', ...(inc ? ['-b', m.backing!.path, '-F', m.backing!.format] : []), file, String(m.capacity)];
      const r = await processes.run('qemu-img', args, { timeoutMs: 60_000 });
      if (await exists(file)) created.push(file);
      if (r.exitCode !== 0) throw fail(ErrorCode.OPERATION_FAILED, `cannot create disk ${m.target} ('${file}'): ${r.stderr.trim()}`);
    }
    return created;
  } catch (e) {
    await pools.removeFiles(created);
    throw e;
  }
}

const exportName = (target: string) => `drive-${target}`;
/** The source's node for the destination's export of `target`. */
const targetNode = (target: string) => `migration-${target}-storage`;

/** Destination, Prepare: QEMU's NBD server on `host`:`port` (over TLS with `tlsCreds`), exporting each migrated disk writable. */
export async function startNbdServer(qmp: QmpMonitor, def: DomainDef, disks: MigratedDisk[], host: string, port: number, tlsCreds?: string): Promise<void> {
  const targets = disks.map((m) => m.target);
  const [images] = await Promise.all([
    openImages(qmp, def.devices.disks.filter((d) => targets.includes(d.target.dev))),
    qmp.execute('nbd-server-start', { addr: { type: 'inet', data: { host, port: String(port) } }, ...(tlsCreds !== undefined ? { 'tls-creds': tlsCreds } : {}) }),
  ]);
  await Promise.all([...images].map(([d, b]) =>
    qmp.execute('block-export-add', { type: 'nbd', id: exportName(d.target.dev), 'node-name': b['node-name'], name: exportName(d.target.dev), writable: true })));
}

/** Destination, Finish: the copy is in, the NBD server (and its exports) stop. */
export async function stopNbdServer(qmp: QmpMonitor): Promise<void> {
  await qmp.execute('nbd-server-stop');
}

/** Destination: a migration that does not finish leaves nothing behind (the port, the disks and volumes Prepare created). */
export async function discardIncomingStorage(storage: IncomingStorage | undefined, ports: PortAllocator, pools: DestinationPools): Promise<void> {
  if (!storage) return;
  if (!storage.nbdPortFixed) ports.release(storage.nbdPort);
  await pools.removeFiles(storage.created);
}

interface BlockJob {
  device: string;
  len: number;
  offset: number;
  ready: boolean;
}

/**
 * Source, Perform: the mirror of each disk into the destination's NBD
 * export. connect() opens the exports (QEMU's NBD client: its handshake is
 * most of the setup, so it runs while the rest of the stream is set up);
 * start() mirrors into them and returns once every mirror is ready (source
 * and destination in sync, guest writes mirrored as they happen);
 * complete() ends them with the guest paused, leaving a consistent copy;
 * release() closes the exports once the guest has moved; cancel() abandons
 * the mirrors and closes the exports.
 */
export class StorageMirrors {
  private readonly jobs: { id: string; node: string; target: string; device: string; sync: 'full' | 'top' }[] = [];
  private final: JobStats['params'] | undefined;

  constructor(private readonly qmp: QmpMonitor, private readonly def: DomainDef, private readonly migrateDisks?: readonly string[]) {}

  /**
   * `nbd.tlsCreds`: the tls-creds-x509 object the NBD connections use
   * (VIR_MIGRATE_TLS). NON_SHARED_INC in `flags` mirrors only the top image
   * of a disk with a backing file (the destination has the backing image).
   */
  async connect(nbd: { host: string; port: number; tlsCreds?: string }, flags: number): Promise<void> {
    const disks = selectDisks(this.def, this.migrateDisks);
    const [images] = await Promise.all([
      openImages(this.qmp, disks),
      // Nodes an earlier, failed migration could not remove.
      ...disks.map((d) => this.qmp.execute('blockdev-del', { 'node-name': targetNode(d.target.dev) }).catch(() => {})),
    ]);
    await Promise.all([...images].map(async ([d, b]) => {
      const target = d.target.dev;
      const node = targetNode(target);
      const tls = nbd.tlsCreds !== undefined ? { 'tls-creds': nbd.tlsCreds, 'tls-hostname': nbd.host } : {};
      await this.qmp.execute('blockdev-add', { driver: 'nbd', 'node-name': node, server: { type: 'inet', host: nbd.host, port: String(nbd.port) }, export: exportName(target), 'read-only': false, ...tls });
      const sync = (flags & MigrateFlags.NON_SHARED_INC) && b.backing_file !== undefined ? 'top' : 'full';
      this.jobs.push({ id: `migrate-${target}`, node, target, device: b['node-name'], sync });
    }));
  }

  /** `speed`: each mirror's limit in bytes/s, the migration's bandwidth (as libvirt). */
  async start(speed: number, signal: AbortSignal): Promise<void> {
    const ready: Promise<unknown>[] = [];
    for (const { id, node, target, device, sync } of this.jobs) {
      const ended = (e: { event: string; data: Record<string, unknown> }) => e.data.device === id;
      const readyOrEnd = Promise.race([
        this.qmp.waitForEvent('BLOCK_JOB_READY', 24 * 3600 * 1000, ended),
        this.qmp.waitForEvent('BLOCK_JOB_COMPLETED', 24 * 3600 * 1000, ended).then((e) => {
          throw fail(ErrorCode.OPERATION_FAILED, `migration of disk ${target} failed: ${String(e.data.error ?? 'the mirror ended early')}`);
        }),
        this.qmp.waitForEvent('BLOCK_JOB_CANCELLED', 24 * 3600 * 1000, ended).then(() => {
          throw fail(ErrorCode.OPERATION_FAILED, `migration of disk ${target} was cancelled`);
        }),
      ]);
      readyOrEnd.catch(() => {});
      ready.push(readyOrEnd);
      await this.qmp.execute('blockdev-mirror', { 'job-id': id, device, target: node, sync, speed });
    }
    const aborted = new Promise<never>((_, reject) => {
      const onAbort = () => reject(fail(ErrorCode.OPERATION_ABORTED, 'migration out job: canceled by client'));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    await Promise.race([Promise.all(ready), aborted]);
  }

  /** disk_total / disk_processed / disk_remaining over the mirrors (their last figures once they ended). */
  async stats(): Promise<JobStats['params']> {
    if (this.final) return this.final;
    const ids = new Set(this.jobs.map((j) => j.id));
    const jobs = (await this.qmp.execute<BlockJob[]>('query-block-jobs')).filter((j) => ids.has(j.device));
    const total = jobs.reduce((s, j) => s + j.len, 0);
    const processed = jobs.reduce((s, j) => s + j.offset, 0);
    return { disk_total: total, disk_processed: processed, disk_remaining: total - processed };
  }

  /**
   * At switchover (the guest paused): block-job-cancel without force on a
   * ready mirror drains what is still dirty and ends the job with the
   * target a consistent copy, without pivoting to it (QEMU's soft cancel,
   * BLOCK_JOB_COMPLETED, as libvirt uses it). The exports stay open until
   * release(): closing them is no part of the guest's pause.
   */
  async complete(): Promise<void> {
    // Asked together with the cancels: QEMU answers in order, so the figures are from before them.
    const figures = this.stats();
    figures.catch(() => {});
    await Promise.all(this.jobs.map(async (j) => {
      const done = this.qmp.waitForEvent('BLOCK_JOB_COMPLETED', 600_000, (e) => e.data.device === j.id);
      done.catch(() => {});
      await this.qmp.execute('block-job-cancel', { device: j.id, force: false });
      const e = await done;
      if (e.data.error !== undefined) throw fail(ErrorCode.OPERATION_FAILED, `migration of disk ${j.target} failed: ${String(e.data.error)}`);
    }));
    const stats = await figures;
    this.final = { ...stats, disk_processed: stats.disk_total, disk_remaining: 0 };
  }

  /** After the stream completed: the NBD connections close (the mirrors ended at switchover). */
  async release(): Promise<void> {
    await this.removeTargets();
  }

  /** After a failure: the mirrors stop where they are and the NBD connections close. */
  async cancel(): Promise<void> {
    this.final ??= await this.stats().catch(() => ({}));
    const running = new Set((await this.qmp.execute<BlockJob[]>('query-block-jobs').catch(() => [] as BlockJob[])).map((j) => j.device));
    await Promise.all(this.jobs.filter((j) => running.has(j.id)).map(async (j) => {
      const ended = (e: { data: Record<string, unknown> }) => e.data.device === j.id;
      const done = Promise.race([this.qmp.waitForEvent('BLOCK_JOB_CANCELLED', 30_000, ended), this.qmp.waitForEvent('BLOCK_JOB_COMPLETED', 30_000, ended)]);
      done.catch(() => {});
      await this.qmp.execute('block-job-cancel', { device: j.id, force: true }).catch(() => {});
      await done.catch(() => {});
    }));
    await this.removeTargets();
  }

  /**
   * Removes the NBD nodes once their jobs are gone: a job still finalizing
   * after its event holds its target, and blockdev-del would fail, leaving a
   * node that blocks the next migration's blockdev-add.
   */
  private async removeTargets(): Promise<void> {
    const ids = new Set(this.jobs.map((j) => j.id));
    for (let i = 0; i < 100; i++) {
      const left = (await this.qmp.execute<BlockJob[]>('query-block-jobs').catch(() => [] as BlockJob[])).filter((j) => ids.has(j.device));
      if (left.length === 0) break;
    }
    for (const j of this.jobs.splice(0)) await this.qmp.execute('blockdev-del', { 'node-name': j.node }).catch(() => {});
  }
}
