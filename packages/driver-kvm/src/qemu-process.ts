import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { ErrorCode } from '@virtkit/core';
import { fail } from './errors.js';
import { QmpClient } from './qmp-client.js';

export interface LaunchedQemu {
  pid: number;
  qmp: QmpClient;
}

/**
 * Spawns QEMU with execa (no shell), detached so the guest outlives this
 * process, stdout and stderr appended to the guest's log file; then waits
 * for the QMP monitor. If QEMU exits first, the error carries the end of
 * its log.
 */
export async function launchQemu(
  argv: string[],
  options: {
    logFile: string;
    monitorPath: string;
    timeoutMs?: number;
    /** Runs as soon as the pid is known, while QEMU starts (e.g. to record the pid). */
    onSpawn?: (pid: number) => Promise<void>;
  },
): Promise<LaunchedQemu> {
  const fd = fs.openSync(options.logFile, 'a', 0o600);
  fs.writeSync(fd, `${new Date().toISOString()}: starting up\n${argv.map((a) => JSON.stringify(a)).join(' ')}\n`);
  let child;
  try {
    child = execa(argv[0], argv.slice(1), {
      detached: true,
      cleanup: false,
      reject: false,
      // An integer is handed to the child as its own descriptor (execa's documented fd form; its typings omit it).
      stdio: ['ignore', fd, fd] as unknown as ['ignore', 'ignore', 'ignore'],
      env: { LC_ALL: 'C' },
    });
  } finally {
    fs.closeSync(fd);
  }
  child.unref();
  const exited = new AbortController();
  void child.then(() => exited.abort('QEMU exited'), () => exited.abort('QEMU exited'));
  const pid = child.pid;
  try {
    if (pid === undefined) throw new Error('spawn failed');
    const spawned = options.onSpawn?.(pid);
    const connecting = QmpClient.connect(options.monitorPath, { timeoutMs: options.timeoutMs ?? 30_000, signal: exited.signal });
    const [, qmp] = await Promise.all([spawned, connecting.catch((e: unknown) => { void spawned?.catch(() => {}); throw e; })]);
    return { pid, qmp };
  } catch (e) {
    if (pid !== undefined && processState(pid) === 'running') process.kill(pid, 'SIGKILL');
    const tail = await logTail(options.logFile);
    throw fail(ErrorCode.OPERATION_FAILED, `QEMU did not start: ${tail || (e as Error).message}`, e);
  }
}

/** The last lines QEMU wrote to its log, for error messages. */
export async function logTail(file: string, lines = 3): Promise<string> {
  try {
    const text = await fsp.readFile(file, 'utf8');
    return text.trimEnd().split('\n').filter((l) => !l.startsWith('"/') && !/: starting up$/.test(l)).slice(-lines).join('; ');
  } catch {
    return '';
  }
}

/**
 * A process as /proc sees it. A zombie still answers kill(pid, 0), so
 * signalling the pid cannot tell whether QEMU is gone; its state letter can.
 */
export function processState(pid: number): 'running' | 'zombie' | 'gone' {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X' ? 'zombie' : 'running';
  } catch {
    return 'gone';
  }
}

/** True when `pid` is a live QEMU started for this domain (guards against pid reuse). */
export function isQemuFor(pid: number, uuid: string): boolean {
  if (processState(pid) !== 'running') return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(uuid);
  } catch {
    return false;
  }
}

/** Waits until the process is a zombie or gone. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processState(pid) === 'running') {
    if (Date.now() >= deadline) return false;
    await delay(10);
  }
  return true;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once QEMU is no longer running. */
export async function killQemu(pid: number, graceMs = 3000): Promise<void> {
  if (processState(pid) !== 'running') return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitForExit(pid, graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForExit(pid, 5000);
}

const TICKS_PER_SECOND = 100n;

/** utime + stime of the process, in nanoseconds. */
export function cpuTimeNs(pid: number): bigint {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((BigInt(fields[11]) + BigInt(fields[12])) * 1_000_000_000n) / TICKS_PER_SECOND;
  } catch {
    return 0n;
  }
}
