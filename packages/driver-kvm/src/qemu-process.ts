import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { ErrorCode, systemClock, type Clock } from '@virtkit/core';
import { fail } from './errors.js';
import { systemProcessRunner, type ProcessRunner, type ProcessState } from './process-runner.js';
import { socketQmpConnector, type QmpConnector, type QmpMonitor } from './qmp-client.js';

export interface LaunchedQemu {
  pid: number;
  qmp: QmpMonitor;
}

export interface LaunchOptions {
  logFile: string;
  monitorPath: string;
  /** How long to wait for the monitor. Default 30 s. */
  timeoutMs?: number;
  /** Runs as soon as the pid is known, while QEMU starts (e.g. to record the pid). */
  onSpawn?: (pid: number) => Promise<void>;
}

/**
 * QEMU processes on one host: spawned and watched through the injected
 * ProcessRunner, their monitors opened through the QmpConnector, every wait
 * on the injected Clock.
 */
export class QemuProcesses {
  constructor(readonly runner: ProcessRunner, readonly connector: QmpConnector, private readonly clock: Clock) {}

  /**
   * Spawns QEMU (detached, stdout and stderr appended to the guest's log
   * file), then waits for its QMP monitor. If QEMU exits first, the error
   * carries the end of its log.
   */
  async launch(argv: string[], options: LaunchOptions): Promise<LaunchedQemu> {
    const fd = fs.openSync(options.logFile, 'a', 0o600);
    let child;
    try {
      fs.writeSync(fd, `${new Date(this.clock.now()).toISOString()}: starting up\n${argv.map((a) => JSON.stringify(a)).join(' ')}\n`);
      child = this.runner.spawn(argv, { logFd: fd });
    } finally {
      fs.closeSync(fd);
    }
    const exited = new AbortController();
    void child.exited.then(() => exited.abort('QEMU exited'));
    const pid = child.pid;
    try {
      if (pid === undefined) throw new Error('spawn failed');
      const spawned = options.onSpawn?.(pid);
      const connecting = this.connector.connect(options.monitorPath, { timeoutMs: options.timeoutMs ?? 30_000, signal: exited.signal });
      const [, qmp] = await Promise.all([spawned, connecting.catch((e: unknown) => { void spawned?.catch(() => {}); throw e; })]);
      return { pid, qmp };
    } catch (e) {
      if (pid !== undefined && this.state(pid) === 'running') this.runner.signal(pid, 'SIGKILL');
      const tail = await logTail(options.logFile);
      throw fail(ErrorCode.OPERATION_FAILED, `QEMU did not start: ${tail || (e as Error).message}`, e);
    }
  }

  state(pid: number): ProcessState {
    return this.runner.state(pid);
  }

  /** True when `pid` is a live QEMU started for this domain (guards against pid reuse). */
  isQemuFor(pid: number, uuid: string): boolean {
    return this.state(pid) === 'running' && (this.runner.commandLine(pid)?.includes(uuid) ?? false);
  }

  /** Waits until the process is a zombie or gone; false when it still runs after `timeoutMs`. */
  async waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
    const deadline = this.clock.monotonic() + timeoutMs;
    while (this.state(pid) === 'running') {
      if (this.clock.monotonic() >= deadline) return false;
      await this.clock.sleep(10);
    }
    return true;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once QEMU is no longer running. */
  async kill(pid: number, graceMs = 3000): Promise<void> {
    if (this.state(pid) !== 'running' || !this.runner.signal(pid, 'SIGTERM')) return;
    if (await this.waitForExit(pid, graceMs)) return;
    if (!this.runner.signal(pid, 'SIGKILL')) return;
    await this.waitForExit(pid, 5000);
  }

  cpuTimeNs(pid: number): bigint {
    return this.runner.cpuTimeNs(pid);
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

/** This host's real processes, for callers outside a driver (tests, benchmarks). */
const hostProcesses = new QemuProcesses(systemProcessRunner, socketQmpConnector(systemClock), systemClock);

export const launchQemu = (argv: string[], options: LaunchOptions): Promise<LaunchedQemu> => hostProcesses.launch(argv, options);
export const processState = (pid: number): ProcessState => hostProcesses.state(pid);
export const waitForExit = (pid: number, timeoutMs: number): Promise<boolean> => hostProcesses.waitForExit(pid, timeoutMs);
export const killQemu = (pid: number, graceMs?: number): Promise<void> => hostProcesses.kill(pid, graceMs);
