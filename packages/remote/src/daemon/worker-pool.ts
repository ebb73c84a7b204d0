/**
 * The counts libvirt's virt-admin srv-threadpool-info shows for a server's
 * pool: workers the pool has (nWorkers) and of them idle (freeWorkers), its
 * bounds, and calls waiting for a worker (jobQueueDepth).
 */
export interface WorkerPoolInfo {
  minWorkers: number;
  maxWorkers: number;
  prioWorkers: number;
  nWorkers: number;
  freeWorkers: number;
  jobQueueDepth: number;
}

/**
 * libvirtd's dispatch pool (virThreadPool) for one server: at most
 * `maxWorkers` calls run at once over all clients, started in arrival order
 * whatever their priority, plus at most `prioWorkers` more that start only
 * high-priority calls (remote_protocol.x's `@priority: high`: lookups,
 * listings, destroy, ...). When slow calls hold every normal worker, a
 * high-priority call still starts on a priority worker. The pool has
 * `minWorkers` normal workers from the start and adds one whenever a call
 * finds none free, up to `maxWorkers`; it keeps them. Workers are slots for
 * a call's asynchronous work, not threads.
 */
export class WorkerPool {
  private normal = 0;
  private prio = 0;
  /** Normal workers the pool has (virThreadPool's nWorkers). */
  private workers: number;
  private readonly queue: Array<{ priority: boolean; start: () => Promise<void> }> = [];

  constructor(private readonly maxWorkers: number, private readonly prioWorkers: number, private readonly minWorkers = 0) {
    this.workers = Math.min(minWorkers, maxWorkers);
  }

  /** Runs `work` once a worker is free; settles as it does. */
  run<T>(priority: boolean, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Started at once when a worker is free; a synchronous throw rejects like an asynchronous one.
      const start = () => {
        let p: Promise<T>;
        try {
          p = work();
        } catch (e) {
          p = Promise.reject(e);
        }
        return p.then(resolve, reject);
      };
      this.queue.push({ priority, start });
      this.schedule();
    });
  }

  info(): WorkerPoolInfo {
    const { minWorkers, maxWorkers, prioWorkers } = this;
    return { minWorkers, maxWorkers, prioWorkers, nWorkers: this.workers, freeWorkers: this.workers - this.normal, jobQueueDepth: this.queue.length };
  }

  private schedule(): void {
    while (this.queue.length > 0 && (this.normal < this.workers || this.workers < this.maxWorkers)) {
      if (this.normal === this.workers) this.workers++;
      this.normal++;
      this.queue.shift()!.start().finally(() => {
        this.normal--;
        this.schedule();
      });
    }
    while (this.prio < this.prioWorkers) {
      const i = this.queue.findIndex((j) => j.priority);
      if (i < 0) break;
      this.prio++;
      this.queue.splice(i, 1)[0].start().finally(() => {
        this.prio--;
        this.schedule();
      });
    }
  }
}
