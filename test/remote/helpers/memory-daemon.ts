/**
 * A virtkitd in a child process that reports its own memory, for tests that
 * prove the daemon lets go of what clients sent. Run with --expose-gc; argv[2]
 * is a JSON object merged into the default config (it must name a socket).
 * Over IPC: 'measure' answers with process.memoryUsage() after full GCs and
 * the largest arrayBuffers sampled (every 2 ms) since the last 'measure';
 * 'stop' stops the daemon and exits.
 */
import { silentLogger } from '@virtkit/core';
import { defaultConfig, startDaemon } from '@virtkit/remote/daemon';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('run with --expose-gc as a forked child');

const daemon = await startDaemon({ ...defaultConfig(), ...JSON.parse(process.argv[2]) }, silentLogger);
let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().arrayBuffers);
}, 2);
process.on('message', (msg) => {
  if (msg === 'measure') {
    // V8 frees array buffers on a background sweeper: collect, let it run, collect again.
    gc();
    setTimeout(() => {
      gc();
      process.send!({ ...process.memoryUsage(), peakArrayBuffers: peak });
      peak = 0;
    }, 100);
  } else if (msg === 'stop') {
    daemon.stop().then(() => process.exit(0), () => process.exit(1));
  }
});
process.send('ready');
