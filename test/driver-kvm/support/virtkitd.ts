import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The compiled daemon of @virtkit/remote. */
export const VIRTKITD = fileURLToPath(new URL('../../../../packages/remote/dist/bin/virtkitd.js', import.meta.url));

/**
 * Starts virtkitd with `args` behind `prefix` (e.g. ip netns exec NS,
 * unshare -m …; each replaces itself, so the child's pid is virtkitd's) and
 * resolves once it reports ready on stdout. A daemon that does not start
 * is killed and its stderr thrown.
 */
export async function spawnVirtkitd(prefix: string[], args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const [file, ...rest] = [...prefix, process.execPath, VIRTKITD, ...args];
  const proc = spawn(file, rest, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VIRTKIT_PLUGINS: '', ...env } });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`virtkitd did not start: ${err}`)), 20_000);
      proc.stdout!.once('data', () => { clearTimeout(timer); resolve(); });
      proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`virtkitd exited with ${code}: ${err}`)); });
    });
  } catch (e) {
    await stopVirtkitd(proc);
    throw e;
  }
  return proc;
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
export async function stopVirtkitd(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await Promise.race([exited, delay(10_000)]);
  if (proc.exitCode === null && proc.signalCode === null) {
    proc.kill('SIGKILL');
    await exited;
  }
}
