import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { ErrorCode, type Clock } from '@virtkit/core';
import { QmpClient } from '@virtkit/driver-kvm';
import { FakeQmp } from './support/fake-qmp.js';
import { makeRoot, rejectsWith } from './support/hosts.js';

/** A clock that moves only when told to. */
class ManualClock implements Clock {
  private t = 0;
  private readonly sleepers = new Set<{ at: number; wake: () => void }>();

  now(): number { return this.t; }
  monotonic(): number { return this.t; }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = { at: this.t + ms, wake: resolve };
      this.sleepers.add(s);
      signal?.addEventListener('abort', () => { this.sleepers.delete(s); reject(new Error('aborted')); }, { once: true });
    });
  }

  advance(ms: number): void {
    this.t += ms;
    for (const s of [...this.sleepers]) {
      if (s.at > this.t) continue;
      this.sleepers.delete(s);
      s.wake();
    }
  }

  get sleeping(): number { return this.sleepers.size; }
}

describe('driver-kvm QMP client on an injected clock (fake monitor)', function () {
  this.timeout(10_000);
  let root: string;
  let qmp: FakeQmp;

  beforeEach(async () => {
    root = await makeRoot('qclk');
    qmp = await FakeQmp.listen(path.join(root, 'mon.sock'), { running: true });
  });

  afterEach(async () => {
    await qmp.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('times a command out when the clock passes its deadline, not the wall clock', async () => {
    const clock = new ManualClock();
    const client = await QmpClient.connect(path.join(root, 'mon.sock'), { clock, commandTimeoutMs: 60_000 });
    try {
      qmp.unanswered.add('query-status');
      const pending = client.execute('query-status');
      let settled = false;
      void pending.then(() => { settled = true; }, () => { settled = true; });
      clock.advance(59_999);
      await new Promise((r) => setImmediate(r));
      expect(settled, 'timed out before its deadline').to.equal(false);
      clock.advance(1);
      const e = await rejectsWith(pending, ErrorCode.OPERATION_TIMEOUT);
      expect(e.message).to.equal("Timed out during operation: QEMU command 'query-status' got no reply within 60000 ms");
      // An answered command leaves no timer behind.
      await client.execute('cont');
      expect(clock.sleeping).to.equal(0);
    } finally {
      client.close();
    }
  });
});
