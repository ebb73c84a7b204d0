import { ErrorCode, ErrorDomain, JobStatsFlags, JobType, VirtError, allFlags, checkFlags, emptyJobInfo, type DomainRef, type JobInfo, type JobStats } from '@virtkit/core';

interface Job {
  operation: 'save' | 'migration';
  started: number;
}

/**
 * Jobs as this connection sees them. xend reports no progress for save or
 * migration, and its HTTP reply comes only when they end, so a job is known
 * while this connection's own request is outstanding: UNBOUNDED, with the
 * elapsed time only. xend has no way to cancel either.
 */
export class XenJobs {
  private readonly active = new Map<string, Job>();
  private readonly completed = new Map<string, JobInfo>();

  /** now: monotonic milliseconds. */
  constructor(private readonly now: () => number) {}

  async run<T>(dom: DomainRef, operation: Job['operation'], work: () => Promise<T>): Promise<T> {
    if (this.active.has(dom.uuid)) {
      throw new VirtError({ code: ErrorCode.OPERATION_INVALID, domain: ErrorDomain.XEN, message: `Requested operation is not valid: domain '${dom.name}' already has a ${this.active.get(dom.uuid)!.operation} job` });
    }
    const job: Job = { operation, started: this.now() };
    this.active.set(dom.uuid, job);
    try {
      const result = await work();
      this.completed.set(dom.uuid, { ...emptyJobInfo(JobType.COMPLETED), timeElapsed: this.now() - job.started });
      return result;
    } catch (e) {
      this.completed.set(dom.uuid, { ...emptyJobInfo(JobType.FAILED), timeElapsed: this.now() - job.started });
      throw e;
    } finally {
      this.active.delete(dom.uuid);
    }
  }

  info(dom: DomainRef): JobInfo {
    const job = this.active.get(dom.uuid);
    if (!job) return emptyJobInfo(JobType.NONE);
    return { ...emptyJobInfo(JobType.UNBOUNDED), timeElapsed: this.now() - job.started };
  }

  stats(dom: DomainRef, flags: number): JobStats {
    checkFlags(flags, allFlags(JobStatsFlags), 'virDomainGetJobStats');
    const info = flags & JobStatsFlags.COMPLETED ? this.completed.get(dom.uuid) ?? emptyJobInfo(JobType.NONE) : this.info(dom);
    if (flags & JobStatsFlags.COMPLETED && !(flags & JobStatsFlags.KEEP_COMPLETED)) this.completed.delete(dom.uuid);
    return { type: info.type, params: info.type === JobType.NONE ? {} : { time_elapsed: info.timeElapsed } };
  }

  abort(dom: DomainRef): void {
    const job = this.active.get(dom.uuid);
    if (!job) throw new VirtError({ code: ErrorCode.OPERATION_INVALID, domain: ErrorDomain.XEN, message: `Requested operation is not valid: no job is active on domain '${dom.name}'` });
    throw new VirtError({ code: ErrorCode.OPERATION_UNSUPPORTED, domain: ErrorDomain.XEN, message: `Operation not supported: xend cannot cancel the ${job.operation} of domain '${dom.name}'` });
  }
}
