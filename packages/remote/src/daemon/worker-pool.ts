/**
 * libvirtd's dispatch pool (virThreadPool) for one server: at most
 * `maxWorkers` calls run at once over all clients, started in arrival order
 * whatever their priority, plus at most `prioWorkers` more that start only
 * high-priority calls (remote_protocol.x's `@priority: high`: lookups,
 * listings, destroy, ...). When slow calls hold every normal worker, a
 * high-priority call still starts on a priority worker. Workers are slots
 * for a call's asynchronous work, not threads.
 */
export class WorkerPool {
  private normal = 0;
  private prio = 0;
  private readonly queue: Array<{ priority: boolean; start: () => Promise<void> }> = [];

  constructor(private readonly maxWorkers: number, private readonly prioWorkers: number) {}

  /** Runs `work` once a worker is free; settles as it does. */
  run<T>(priority: boolean, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ priority, start: () => Promise.resolve().then(work).then(resolve, reject) });
      this.schedule();
    });
  }

  private schedule(): void {
    while (this.normal < this.maxWorkers && this.queue.length > 0) {
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
