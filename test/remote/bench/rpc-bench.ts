import { performance } from 'node:perf_hooks';
import { silentLogger, Virt, type Domain } from '@virtkit/core';
import { remotePlugin } from '@virtkit/remote';
import { startLibvirtd } from '../helpers/libvirtd.js';
import { makeTestPki } from '../helpers/pki.js';
import { startVirtkitd } from '../helpers/virtkitd.js';

/**
 * bench:rpc — calls per second and p99 latency of virDomainGetInfo on one
 * domain, through virtkit's remote client, against virtkitd and against a
 * real libvirtd (libvirt's test driver) started here, with 1 and 32
 * concurrent clients, each client on its own socket: over unix sockets, and
 * over TLS on loopback (mutual certificates made here with certtool, the
 * same client certificate for both daemons).
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_MS = 300;

interface Result { callsPerSec: number; p99Ms: number; calls: number }

async function measure(uri: string, clients: number): Promise<Result> {
  const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
  try {
    const doms: Domain[] = [];
    for (let i = 0; i < clients; i++) doms.push(await (await virt.connect(uri)).lookupDomainByName('test'));
    const latencies: number[] = [];
    let recording = false;
    const start = performance.now();
    const warmEnd = start + WARMUP_MS;
    const end = warmEnd + SECONDS * 1000;
    await Promise.all(doms.map(async (dom) => {
      for (;;) {
        const t0 = performance.now();
        if (t0 >= end) return;
        await dom.getInfo();
        const t1 = performance.now();
        if (t0 >= warmEnd) {
          recording = true;
          latencies.push(t1 - t0);
        }
      }
    }));
    if (!recording) throw new Error('no calls measured');
    latencies.sort((a, b) => a - b);
    return { callsPerSec: latencies.length / SECONDS, p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))], calls: latencies.length };
  } finally {
    await virt.dispose();
  }
}

async function main(): Promise<void> {
  const pki = await makeTestPki();
  const tlsConf = `listen_addr = "127.0.0.1"\ntls_port = "0"\n${pki.serverConf()}`;
  const [vkd, lvd] = await Promise.all([
    startVirtkitd(`max_client_requests = 64\n${tlsConf}`, { verbose: false, listen: true }),
    startLibvirtd({ tls: pki.serverConf() }),
  ]);
  try {
    const rows: string[] = [];
    const pad = (s: string, n: number) => s.padStart(n);
    const clientPki = pki.clientDir('good');
    const runs: Array<[string, string, string]> = [
      ['unix', vkd.uri(), lvd.testUri],
      ['tls', `test+tls://localhost:${vkd.tls!.port}/default?pkipath=${clientPki}`, lvd.tlsUri!(clientPki)],
    ];
    rows.push(`bench:rpc — virDomainGetInfo on one domain, virtkit remote client over unix sockets and TLS on loopback, ${SECONDS}s per run`);
    rows.push(`${pad('transport', 9)} ${pad('clients', 7)} | ${pad('virtkitd calls/s', 16)} ${pad('p99 ms', 8)} | ${pad('libvirtd calls/s', 16)} ${pad('p99 ms', 8)} | ${pad('throughput ratio', 16)} ${pad('p99 ratio', 9)}`);
    for (const [transport, ours, theirs] of runs) {
      for (const clients of [1, 32]) {
        const a = await measure(ours, clients);
        const b = await measure(theirs, clients);
        rows.push(`${pad(transport, 9)} ${pad(String(clients), 7)} | ${pad(a.callsPerSec.toFixed(0), 16)} ${pad(a.p99Ms.toFixed(3), 8)} | ${pad(b.callsPerSec.toFixed(0), 16)} ${pad(b.p99Ms.toFixed(3), 8)} | ${pad((a.callsPerSec / b.callsPerSec).toFixed(2) + 'x', 16)} ${pad((a.p99Ms / b.p99Ms).toFixed(2) + 'x', 9)}`);
      }
    }
    rows.push('ratios are virtkitd / libvirtd: throughput above 1 and p99 below 1 favour virtkitd');
    process.stdout.write(rows.join('\n') + '\n');
  } finally {
    await Promise.all([vkd.stop(), lvd.stop()]);
    await pki.remove();
  }
}

main().catch((e) => {
  process.stderr.write(`bench:rpc failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
