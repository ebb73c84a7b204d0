import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { systemProcessRunner, type ProcessRunner } from '@virtkit/driver-kvm';

const run = promisify(execFile);

/**
 * A network namespace the test owns: every bridge, rule, tap and dnsmasq
 * of the test lives in it and goes with it. `exec` runs a command inside.
 */
export interface Netns {
  name: string;
  exec(file: string, args: string[], options?: { timeoutMs?: number }): Promise<string>;
  /** Like exec, but a failure is returned, not thrown. */
  tryExec(file: string, args: string[], options?: { timeoutMs?: number }): Promise<{ ok: boolean; stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

export async function createNetns(tag: string): Promise<Netns> {
  const name = `vk-${tag}-${randomBytes(3).toString('hex')}`;
  await run('ip', ['netns', 'add', name]);
  const exec = async (file: string, args: string[], options: { timeoutMs?: number } = {}) =>
    (await run('ip', ['netns', 'exec', name, file, ...args], { timeout: options.timeoutMs ?? 30_000 })).stdout;
  const ns: Netns = {
    name,
    exec,
    async tryExec(file, args, options) {
      try {
        return { ok: true, stdout: await exec(file, args, options), stderr: '' };
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        return { ok: false, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
      }
    },
    async remove() {
      // Processes left in the namespace (a failed test's dnsmasq or QEMU) would keep it alive: end them first.
      const pids = await run('ip', ['netns', 'pids', name]).then((r) => r.stdout.split('\n').filter(Boolean).map(Number), () => []);
      for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      await run('ip', ['netns', 'del', name]);
    },
  };
  await exec('ip', ['link', 'set', 'lo', 'up']);
  return ns;
}

/** The system runner with every command and spawn moved into `ns` (ip netns exec replaces itself with the command, so pids stay the command's). */
export function netnsRunner(ns: string, base: ProcessRunner = systemProcessRunner): ProcessRunner {
  return {
    ...base,
    spawn: (argv, options) => base.spawn(['ip', 'netns', 'exec', ns, ...argv], options),
    run: (file, args, options) => base.run('ip', ['netns', 'exec', ns, file, ...args], options),
  };
}
