import { ErrorCode } from '@virtkit/core';
import { fail } from '../errors.js';
import type { ProcessRunner } from '../process-runner.js';

const TIMEOUT_MS = 30_000;

/**
 * The host commands the network driver runs (ip, nft, iptables, tc,
 * dnsmasq, sysctl), through the driver's ProcessRunner: a test that wraps
 * the runner in `ip netns exec` moves every one of them into its namespace.
 */
export class HostCommands {
  constructor(private readonly runner: ProcessRunner) {}

  /** Runs a command; a non-zero exit is an OPERATION_FAILED naming the command and its stderr. */
  async run(file: string, args: readonly string[]): Promise<string> {
    const r = await this.runner.run(file, args, { timeoutMs: TIMEOUT_MS });
    if (r.exitCode !== 0) throw fail(ErrorCode.OPERATION_FAILED, `${file} ${args.join(' ')}: ${r.stderr.trim() || `exit status ${r.exitCode}`}`);
    return r.stdout;
  }

  /** Runs a command whose failure is expected and harmless (removing what may be gone); true when it succeeded. */
  async attempt(file: string, args: readonly string[]): Promise<boolean> {
    const r = await this.runner.run(file, args, { timeoutMs: TIMEOUT_MS });
    return r.exitCode === 0;
  }

  /** The process's arguments, undefined when it is gone. */
  commandLine(pid: number): string[] | undefined {
    return this.runner.state(pid) === 'running' ? this.runner.commandLine(pid) : undefined;
  }

  signal(pid: number, signal: NodeJS.Signals): boolean {
    return this.runner.signal(pid, signal);
  }

  alive(pid: number): boolean {
    return this.runner.state(pid) === 'running';
  }
}
