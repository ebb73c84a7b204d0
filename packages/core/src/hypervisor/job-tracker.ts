import { ErrorCode, type ErrorReporter } from '../errors.js';
import { JobStatsFlags } from '../driver/contract.js';
import { JobType, emptyJobInfo, type JobInfo, type JobStats } from '../driver/types.js';
import { allFlags, checkFlags } from '../flags.js';
import type { Clock } from '../tokens.js';
import type { DomainIdentity } from './domain-object-list.js';

/** virDomainJobOperation: what a job does, reported as the "operation" statistic. */
export enum JobOperation { UNKNOWN = 0, START = 1, SAVE = 2, RESTORE = 3, MIGRATION_IN = 4, MIGRATION_OUT = 5, SNAPSHOT = 6, SNAPSHOT_REVERT = 7, DUMP = 8, BACKUP = 9 }

const OPERATION_NAMES: Record<JobOperation, string> = {
  [JobOperation.UNKNOWN]: 'unknown', [JobOperation.START]: 'start', [JobOperation.SAVE]: 'save', [JobOperation.RESTORE]: 'restore',
  [JobOperation.MIGRATION_IN]: 'migration in', [JobOperation.MIGRATION_OUT]: 'migration out', [JobOperation.SNAPSHOT]: 'snapshot',
  [JobOperation.SNAPSHOT_REVERT]: 'snapshot revert', [JobOperation.DUMP]: 'dump', [JobOperation.BACKUP]: 'backup',
};

/** How a driver describes a job it begins. */
export interface JobOptions {
  operation: JobOperation;
  /** BOUNDED when the job knows how much is left (libvirt's virDomainJobType); default UNBOUNDED. */
  bounded?: boolean;
  /**
   * The job's current statistics, by libvirt's names (data_total,
   * memory_processed, …, VIR_DOMAIN_JOB_*); time_elapsed and operation are
   * added by the tracker. Absent: only the elapsed time is known.
   */
  probe?: () => JobStats['params'] | Promise<JobStats['params']>;
  /**
   * Cancels the work (virDomainAbortJob). The job's signal is aborted
   * first. Absent: the job cannot be cancelled, abortJob says so.
   */
  abort?: () => void | Promise<void>;
}

/** One running job. The work watches `signal`; the driver ends it with finish(). */
export interface Job {
  readonly operation: JobOperation;
  /** Clock.monotonic() when it began. */
  readonly startedAt: number;
  readonly signal: AbortSignal;
  /** Elapsed milliseconds. */
  elapsed(): number;
}

interface ActiveJob extends Job {
  readonly dom: DomainIdentity;
  readonly options: JobOptions;
  readonly controller: AbortController;
}

/** The statistics key → virDomainJobInfo field. */
const INFO_FIELDS: ReadonlyArray<[string, keyof JobInfo]> = [
  ['time_elapsed', 'timeElapsed'], ['time_remaining', 'timeRemaining'],
  ['data_total', 'dataTotal'], ['data_processed', 'dataProcessed'], ['data_remaining', 'dataRemaining'],
  ['memory_total', 'memTotal'], ['memory_processed', 'memProcessed'], ['memory_remaining', 'memRemaining'],
  ['disk_total', 'fileTotal'], ['disk_processed', 'fileProcessed'], ['disk_remaining', 'fileRemaining'],
];

/** virDomainGetJobInfo's view of virDomainGetJobStats' statistics. */
export function jobInfoFromStats(stats: JobStats): JobInfo {
  const info = emptyJobInfo(stats.type);
  for (const [key, field] of INFO_FIELDS) {
    const v = stats.params[key];
    if (typeof v === 'number') (info[field] as number) = v;
  }
  return info;
}

/**
 * A host's jobs, as libvirt's per-domain job object: at most one active job
 * per domain, its progress, the statistics of the last finished one (kept
 * until read without KEEP_COMPLETED), and abort. Migration, save and
 * restore in every driver run through one tracker per host.
 */
export class JobTracker {
  private readonly active = new Map<string, ActiveJob>();
  private readonly completed = new Map<string, JobStats>();

  /**
   * `onCompleted` hears of every job that finishes COMPLETED, with its final
   * statistics, as they will be read back (the driver decides which become
   * libvirt's JOB_COMPLETED event).
   */
  constructor(private readonly clock: Clock, private readonly fail: ErrorReporter, private readonly onCompleted?: (dom: DomainIdentity, operation: JobOperation, stats: JobStats) => void) {}

  /** The domain's active job, if any. */
  current(dom: Pick<DomainIdentity, 'uuid'>): Job | undefined {
    return this.active.get(dom.uuid.toLowerCase());
  }

  /** Refuses `what` (e.g. "suspend") while the domain has a job. */
  checkIdle(dom: DomainIdentity, what: string): void {
    const job = this.active.get(dom.uuid.toLowerCase());
    if (job) throw this.fail(ErrorCode.OPERATION_INVALID, `cannot ${what}: a ${OPERATION_NAMES[job.operation]} job is running for domain '${dom.name}'`);
  }

  /** Starts a job; OPERATION_INVALID when the domain already has one. */
  begin(dom: DomainIdentity, options: JobOptions): Job {
    const key = dom.uuid.toLowerCase();
    const running = this.active.get(key);
    if (running) throw this.fail(ErrorCode.OPERATION_INVALID, `domain '${dom.name}' already has a ${OPERATION_NAMES[running.operation]} job`);
    const controller = new AbortController();
    const startedAt = this.clock.monotonic();
    const job: ActiveJob = {
      dom, options, controller, operation: options.operation, startedAt, signal: controller.signal,
      elapsed: () => Math.max(0, Math.round(this.clock.monotonic() - startedAt)),
    };
    this.active.set(key, job);
    this.completed.delete(key);
    return job;
  }

  /**
   * Ends `job`: its final statistics (`params`, by libvirt's names) become
   * the completed job's, with the elapsed time and the outcome.
   */
  finish(job: Job, type: JobType.COMPLETED | JobType.FAILED | JobType.CANCELLED, params: JobStats['params'] = {}): void {
    const a = job as ActiveJob;
    const key = a.dom.uuid.toLowerCase();
    if (this.active.get(key) !== a) return;
    this.active.delete(key);
    const stats: JobStats = { type, params: { ...params, operation: a.operation, time_elapsed: a.elapsed(), success: type === JobType.COMPLETED } };
    this.completed.set(key, stats);
    if (type === JobType.COMPLETED) this.onCompleted?.(a.dom, a.operation, { type, params: { ...stats.params } });
  }

  /**
   * Runs `work` as a job: COMPLETED when it resolves, CANCELLED when it
   * fails after an abort, FAILED otherwise. `final` gives the last
   * statistics (for instance the transfer totals).
   */
  async run<T>(dom: DomainIdentity, options: JobOptions, work: (job: Job) => Promise<T>, final?: () => JobStats['params'] | Promise<JobStats['params']>): Promise<T> {
    const job = this.begin(dom, options);
    const last = async () => (final ? await Promise.resolve(final()).catch(() => ({})) : {});
    try {
      const result = await work(job);
      this.finish(job, JobType.COMPLETED, await last());
      return result;
    } catch (e) {
      this.finish(job, job.signal.aborted ? JobType.CANCELLED : JobType.FAILED, await last());
      throw e;
    }
  }

  /** virDomainGetJobStats. COMPLETED: the last finished job, forgotten after reading unless KEEP_COMPLETED. */
  async stats(dom: Pick<DomainIdentity, 'uuid'>, flags: number): Promise<JobStats> {
    checkFlags(flags, allFlags(JobStatsFlags), 'virDomainGetJobStats');
    const key = dom.uuid.toLowerCase();
    if (flags & JobStatsFlags.KEEP_COMPLETED && !(flags & JobStatsFlags.COMPLETED)) {
      throw this.fail(ErrorCode.INVALID_ARG, 'flag VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED requires VIR_DOMAIN_JOB_STATS_COMPLETED');
    }
    if (flags & JobStatsFlags.COMPLETED) {
      const done = this.completed.get(key);
      if (!done) return { type: JobType.NONE, params: {} };
      if (!(flags & JobStatsFlags.KEEP_COMPLETED)) this.completed.delete(key);
      return { type: done.type, params: { ...done.params } };
    }
    const job = this.active.get(key);
    if (!job) return { type: JobType.NONE, params: {} };
    const probed = job.options.probe ? await job.options.probe() : {};
    return { type: job.options.bounded ? JobType.BOUNDED : JobType.UNBOUNDED, params: { ...probed, operation: job.operation, time_elapsed: job.elapsed() } };
  }

  /** virDomainGetJobInfo: the active job only. */
  async info(dom: Pick<DomainIdentity, 'uuid'>): Promise<JobInfo> {
    return jobInfoFromStats(await this.stats(dom, 0));
  }

  /** virDomainAbortJob: OPERATION_INVALID without a job, OPERATION_UNSUPPORTED for one that cannot be cancelled. */
  async abort(dom: DomainIdentity): Promise<void> {
    const job = this.active.get(dom.uuid.toLowerCase());
    if (!job) throw this.fail(ErrorCode.OPERATION_INVALID, 'no job is active on the domain');
    if (!job.options.abort) throw this.fail(ErrorCode.OPERATION_UNSUPPORTED, `the ${OPERATION_NAMES[job.operation]} job of domain '${dom.name}' cannot be cancelled`);
    job.controller.abort();
    await job.options.abort();
  }
}
