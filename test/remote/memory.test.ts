import { expect } from 'chai';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGE_MAX, MessageStatus } from '@virtkit/remote';
import { FrameFuzzer } from './helpers/frame-fuzzer.js';
import { RawPeer } from './helpers/raw-peer.js';

const MiB = 1048576;
const SCRIPT = fileURLToPath(new URL('./helpers/memory-daemon.js', import.meta.url));

type Usage = NodeJS.MemoryUsage & { peakArrayBuffers: number };

describe('virtkitd memory under maximum-size frames', function () {
  this.timeout(120000);
  let dir: string;
  let child: ChildProcess;
  let socket: string;

  function measure(): Promise<Usage> {
    return new Promise((resolve) => {
      child.once('message', (m) => resolve(m as Usage));
      child.send('measure');
    });
  }

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'virtkitd-mem-'));
    socket = path.join(dir, 'sock');
    child = fork(SCRIPT, [JSON.stringify({ socket, maxTotalBytes: 64 * MiB })], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`memory daemon exited with ${code}`)));
    });
  });
  after(async () => {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  });

  it('never holds more than max_total_bytes of frames, and gives everything back once the clients leave', async () => {
    const base = await measure();
    const CLIENTS = 16;
    for (let round = 0; round < 1; round++) {
      await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
        const peer = await RawPeer.connect(socket);
        await peer.open();
        peer.socket.write(FrameFuzzer.undecodableDefine(MESSAGE_MAX, 10 + i));
        const r = await peer.reply(10 + i, 60000);
        expect(r.header.status).to.equal(MessageStatus.ERROR);
        peer.end();
      }));
    }
    const after = await measure();
    const grew = (after.peakArrayBuffers - base.arrayBuffers) / MiB;
    // 64 MiB of admitted frames, plus answered frames the GC has not collected yet (V8 collects
    // after about 64 MiB of new external memory); without the budget, all 16 frames are held at once.
    expect(grew, `peak growth of array buffers (MiB) while ${CLIENTS} clients sent 32 MiB frames`).to.be.below(64 + 128);
    expect((after.arrayBuffers - base.arrayBuffers) / MiB, 'array buffers after the clients left (MiB)').to.be.below(4);
    expect((after.heapUsed - base.heapUsed) / MiB, 'heap after the clients left (MiB)').to.be.below(16);
    process.stdout.write(`      peak +${grew.toFixed(1)} MiB, after +${((after.arrayBuffers - base.arrayBuffers) / MiB).toFixed(1)} MiB array buffers, rss ${(base.rss / MiB).toFixed(0)} → ${(after.rss / MiB).toFixed(0)} MiB\n`);
  });
});
