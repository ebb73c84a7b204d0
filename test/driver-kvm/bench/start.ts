import fs from 'node:fs/promises';
import path from 'node:path';
import { embedUri, guestXml, makeRoot, makeVirt } from '../support/hosts.js';
import { bareArgv, bareStart, bareStop, qemuVersionText, report } from './bench-util.js';

/**
 * `start` of a defined guest until it runs: virtkit against the bare
 * sequence (spawn QEMU with the same arguments and -S, connect QMP, cont),
 * interleaved in the same run, 5 timed runs each after one warm-up.
 */
const RUNS = 5;
const root = await makeRoot('bench-start');
const virt = await makeVirt();
try {
  const conn = await virt.connect(embedUri(root));
  const xml = await guestXml({ name: 'bench-start', memoryMiB: 256, serialLog: path.join(root, 'serial.log') });
  const dom = await conn.defineDomain(xml);
  const live = await dom.getXmlDesc(2);
  const virtkit: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    let t = performance.now();
    await dom.start();
    const v = performance.now() - t;
    await dom.destroy();
    const cmd = await bareArgv(live, root, `bare-${i}`);
    t = performance.now();
    const q = await bareStart(cmd);
    await q.qmp.execute('cont');
    const b = performance.now() - t;
    await bareStop(q);
    if (i > 0) {
      virtkit.push(v);
      bare.push(b);
    }
  }
  report(`bench:start — start of a defined 256 MiB guest until it runs (${RUNS} runs each, QEMU ${qemuVersionText(await conn.getVersion())})`, [['virtkit start', virtkit], ['bare spawn + QMP + cont', bare]], 'bare spawn + QMP + cont', ['target: ratio <= 1.2']);
} finally {
  await virt.dispose();
  await fs.rm(root, { recursive: true, force: true });
}
