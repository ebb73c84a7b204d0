import { ErrorCode, JobTracker, type Clock, type DomainIdentity, type Job, type JobOperation, type JobStats } from '@virtkit/core';
import { fail } from './errors.js';
import { finishedJobType, type QueryMigrate } from './migration-stream.js';
import type { QmpMonitor } from './qmp-client.js';

/** virDomainGetJobStats' named statistics from query-migrate (time_elapsed and operation come from the tracker). */
export function migrationJobParams(q: QueryMigrate): JobStats['params'] {
  const params: JobStats['params'] = {};
  const downtime = q.downtime ?? q['expected-downtime'];
  if (downtime !== undefined) params.downtime = downtime;
  if (q['setup-time'] !== undefined) params.setup_time = q['setup-time'];
  if (q.ram) {
    params.data_total = params.memory_total = q.ram.total;
    params.data_processed = params.memory_processed = q.ram.transferred;
    params.data_remaining = params.memory_remaining = q.ram.remaining;
    if (q.ram['dirty-pages-rate'] !== undefined) params.memory_dirty_rate = q.ram['dirty-pages-rate'];
    if (q.ram['page-size'] !== undefined) params.memory_page_size = q.ram['page-size'];
    if (q.ram.mbps !== undefined) params.memory_bps = Math.round(q.ram.mbps * 1e6 / 8);
    if (q.ram['dirty-sync-count'] !== undefined) params.memory_iteration = q.ram['dirty-sync-count'];
    if (q.ram.duplicate !== undefined) params.memory_constant = q.ram.duplicate;
    if (q.ram.normal !== undefined) params.memory_normal = q.ram.normal;
    if (q.ram['normal-bytes'] !== undefined) params.memory_normal_bytes = q.ram['normal-bytes'];
    if (q.ram['postcopy-requests'] !== undefined) params.memory_postcopy_requests = q.ram['postcopy-requests'];
  }
  if (q['error-desc'] !== undefined) params.errmsg = q['error-desc'];
  return params;
}

/** Adds a storage copy's disk_* figures; data_* cover memory and disks, as libvirt's do. */
function withDisks(params: JobStats['params'], disks: JobStats['params'] | undefined): JobStats['params'] {
  if (!disks || disks.disk_total === undefined) return params;
  const out = { ...params, ...disks };
  for (const k of ['total', 'processed', 'remaining'] as const) out[`data_${k}`] = Number(params[`data_${k}`] ?? 0) + Number(disks[`disk_${k}`] ?? 0);
  return out;
}

/**
 * The jobs of one KVM host on core's JobTracker. An outgoing stream
 * (migration out, save) is the only kind: its progress is QEMU's
 * query-migrate (and the storage mirrors' for a storage migration), its
 * abort is migrate_cancel.
 */
export class KvmJobs {
  readonly tracker: JobTracker;

  /** `onCompleted`: a job finished COMPLETED, with its final statistics. */
  constructor(clock: Clock, onCompleted?: (dom: DomainIdentity, operation: JobOperation, stats: JobStats) => void) {
    this.tracker = new JobTracker(clock, fail, onCompleted);
  }

  /**
   * Begins an outgoing-stream job on `dom`, whose QEMU answers on `qmp`; OPERATION_INVALID when it has a job.
   * `disks` adds the disk_* figures of a storage copy that goes with the stream.
   */
  beginOutgoing(dom: DomainIdentity, qmp: QmpMonitor, operation: JobOperation, disks?: () => Promise<JobStats['params']>): Job {
    return this.tracker.begin(dom, {
      operation,
      probe: async () => {
        const [q, d] = await Promise.all([qmp.execute<QueryMigrate>('query-migrate'), disks?.()]);
        return withDisks(migrationJobParams(q), d);
      },
      // A guest in post-copy lives on both hosts' memory: cancelling would lose it (libvirt refuses too).
      abort: async () => {
        const q = await qmp.execute<QueryMigrate>('query-migrate');
        if (q.status === 'postcopy-active') throw fail(ErrorCode.OPERATION_INVALID, 'cannot abort migration in post-copy mode');
        await qmp.execute('migrate_cancel');
      },
    });
  }

  /** Ends the job with QEMU's final query-migrate: its outcome and totals become the completed job's statistics. */
  finishOutgoing(job: Job, result: QueryMigrate, disks?: JobStats['params']): void {
    this.tracker.finish(job, finishedJobType(result), withDisks(migrationJobParams(result), disks));
  }
}
