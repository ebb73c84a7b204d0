import fs from 'node:fs';
import { execa } from 'execa';
import { createToken } from '@virtkit/core';

/** A process as /proc sees it: a zombie has exited but is not reaped yet. */
export type ProcessState = 'running' | 'zombie' | 'gone';

/** A process spawned by ProcessRunner.spawn. */
export interface SpawnedProcess {
  /** undefined when the spawn failed. */
  readonly pid: number | undefined;
  /** Settles when the process has exited (or could not be spawned). */
  readonly exited: Promise<void>;
}

/** What a command run to completion printed. */
export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Everything the driver does with host processes: spawning QEMU, running
 * it to probe its version and machines, and watching and signalling the
 * guests' processes by pid (which outlive the driver). Injected under the
 * ProcessRunner token; unit tests replace it to pretend a QEMU runs.
 */
export interface ProcessRunner {
  /**
   * Starts argv[0] with the rest as arguments, without a shell, detached
   * (the guest outlives this process), environment LC_ALL=C only, stdin
   * closed, stdout and stderr appended to the open descriptor `logFd`.
   */
  spawn(argv: readonly string[], options: { logFd: number }): SpawnedProcess;
  /** Runs a command to completion (LC_ALL=C); a non-zero exit is reported in exitCode, not thrown. */
  run(file: string, args: readonly string[], options: { timeoutMs: number }): Promise<CommandOutput>;
  state(pid: number): ProcessState;
  /** The process's arguments, undefined when it is gone or unreadable. */
  commandLine(pid: number): string[] | undefined;
  /** Sends `signal`; false when the process does not exist (any more). */
  signal(pid: number, signal: NodeJS.Signals): boolean;
  /** utime + stime in nanoseconds; 0 when unknown. */
  cpuTimeNs(pid: number): bigint;
}
export const ProcessRunner = createToken<ProcessRunner>('ProcessRunner');

const TICKS_PER_SECOND = 100n;

/** The host's processes: execa for spawning and running, /proc for the rest. */
export const systemProcessRunner: ProcessRunner = {
  spawn(argv, { logFd }) {
    const child = execa(argv[0], argv.slice(1), {
      detached: true,
      cleanup: false,
      reject: false,
      // An integer is handed to the child as its own descriptor (execa's documented fd form; its typings omit it).
      stdio: ['ignore', logFd, logFd] as unknown as ['ignore', 'ignore', 'ignore'],
      env: { LC_ALL: 'C' },
    });
    child.unref();
    return { pid: child.pid, exited: child.then(() => {}, () => {}) };
  },

  async run(file, args, { timeoutMs }) {
    const r = await execa(file, [...args], { timeout: timeoutMs, reject: false, env: { LC_ALL: 'C' } });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  },

  // A zombie still answers kill(pid, 0), so signalling the pid cannot tell whether it is gone; its state letter can.
  state(pid) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state === 'Z' || state === 'X' ? 'zombie' : 'running';
    } catch {
      return 'gone';
    }
  },

  commandLine(pid) {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return undefined;
    }
  },

  signal(pid, signal) {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  },

  cpuTimeNs(pid) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((BigInt(fields[11]) + BigInt(fields[12])) * 1_000_000_000n) / TICKS_PER_SECOND;
    } catch {
      return 0n;
    }
  },
};
