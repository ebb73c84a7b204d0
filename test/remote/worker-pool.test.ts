import { expect } from 'chai';
import { ClientBudget, ServerBudget, SMALL_FRAME, WorkerPool } from '@virtkit/remote/daemon';

/** A job that runs until released, recording when it started. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { work: async () => { log.push(name); await done; }, release: () => open() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("virtkitd's worker pool and byte budgets", () => {
  it('runs max_workers calls in arrival order and high-priority calls on prio_workers beside them', async () => {
    const log: string[] = [];
    const pool = new WorkerPool(1, 1);
    const slow = gate(log, 'slow');
    const normal = gate(log, 'normal');
    const prio = gate(log, 'prio');
    const runs = [pool.run(false, slow.work), pool.run(false, normal.work), pool.run(true, prio.work)];
    await tick();
    expect(log, 'the priority call does not wait behind the slow one').to.deep.equal(['slow', 'prio']);
    slow.release();
    await tick();
    expect(log).to.deep.equal(['slow', 'prio', 'normal']);
    prio.release();
    normal.release();
    await Promise.all(runs);
  });

  it('without prio_workers, a priority call waits its turn; a failing call frees its worker', async () => {
    const log: string[] = [];
    const pool = new WorkerPool(1, 0);
    const failing = pool.run(false, async () => { log.push('fails'); throw new Error('boom'); });
    const prio = gate(log, 'prio');
    const p = pool.run(true, prio.work);
    await failing.then(() => expect.fail('must reject'), (e: Error) => expect(e.message).to.equal('boom'));
    await tick();
    expect(log).to.deep.equal(['fails', 'prio']);
    prio.release();
    await p;
  });

  it('has min_workers from the start and adds one when a call finds none free, up to max_workers, keeping them (virThreadPool)', async () => {
    const log: string[] = [];
    const pool = new WorkerPool(3, 1, 2);
    expect(pool.info()).to.deep.equal({ minWorkers: 2, maxWorkers: 3, prioWorkers: 1, nWorkers: 2, freeWorkers: 2, jobQueueDepth: 0 });
    const jobs = ['a', 'b', 'c', 'd'].map((n) => gate(log, n));
    const runs = jobs.map((j) => pool.run(false, j.work));
    await tick();
    expect(log, 'max_workers bounds the calls running').to.deep.equal(['a', 'b', 'c']);
    expect(pool.info()).to.include({ nWorkers: 3, freeWorkers: 0, jobQueueDepth: 1 });
    for (const j of jobs) j.release();
    await Promise.all(runs);
    expect(pool.info(), 'the workers added stay').to.include({ nWorkers: 3, freeWorkers: 3, jobQueueDepth: 0 });
  });

  it('admits frames within the client and server budgets, waits for room, and refuses what can never fit', () => {
    const server = new ServerBudget(4 * SMALL_FRAME);
    const a = new ClientBudget(server, 3 * SMALL_FRAME);
    const b = new ClientBudget(server, 3 * SMALL_FRAME);
    let retried = 0;
    const retry = () => retried++;
    expect(a.admit(4 * SMALL_FRAME, retry), 'larger than the client may hold').to.equal('never');
    expect(a.admit(3 * SMALL_FRAME, retry)).to.equal('now');
    expect(b.admit(2 * SMALL_FRAME, retry), 'the server has one small frame left').to.equal('later');
    expect(b.admit(SMALL_FRAME, retry), 'small frames never wait for the server').to.equal('now');
    a.release(3 * SMALL_FRAME);
    expect(retried, 'the waiting client is told once').to.equal(1);
    expect(b.admit(2 * SMALL_FRAME, retry)).to.equal('now');
    expect(b.inUse).to.equal(3 * SMALL_FRAME);
    b.close();
    expect(a.admit(3 * SMALL_FRAME, retry), 'a closed client gave everything back').to.equal('now');
  });
});
