import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { runCli, type CliIo } from '@virtkit/cli';

const exec = promisify(execFile);

/** libvirt's own test:///default, and virtkit's, which must print the same. */
export const TEST_URI = 'test:///default';

/** What one invocation printed, and its exit status. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Real virsh on libvirt's own test driver, all the commands in one invocation.
 * virsh's managedsave on libvirt's test:///default sometimes never returns (about one run in five, with nothing
 * printed after its action line): such a run is killed and virsh run again, up to five times, so the compared
 * output is one that completed. Any other command that does not finish fails the test.
 */
export async function virshOnLibvirt(commands: string): Promise<Run> {
  const attempts = commands.includes('managedsave') ? 5 : 1;
  for (let i = 0; ; i++) {
    try {
      const run = exec('virsh', ['-c', TEST_URI, commands], { timeout: attempts > 1 ? 8000 : 60000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
      // virsh's job progress (managedsave) waits on stdin until it closes.
      run.child.stdin?.end();
      const { stdout, stderr } = await run;
      return { code: 0, stdout, stderr };
    } catch (e) {
      const x = e as { code?: number | string; stdout?: string; stderr?: string; killed?: boolean };
      if (x.killed && i + 1 < attempts) continue;
      if (typeof x.code !== 'number') throw e;
      return { code: x.code, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
    }
  }
}

/** virtkit on its test driver, in this process, with a fresh test:///default like a new virsh process. */
export async function virtkitOnTest(commands: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stderr += t), errIsTty: false, errStream: new PassThrough() };
  const code = await runCli(['-c', TEST_URI, commands], io, { env: {} });
  return { code, stdout, stderr };
}

/** virsh's stdout on libvirt's test driver, for commands that must succeed. */
export async function virshStdout(commands: string): Promise<string> {
  const r = await virshOnLibvirt(commands);
  expect(r.code, `${commands}: ${r.stderr}`).to.equal(0);
  return r.stdout;
}

/** virtkit's stdout on its test driver, for commands that must succeed without a word on stderr. */
export async function virtkitStdout(commands: string): Promise<string> {
  const r = await virtkitOnTest(commands);
  expect(r.stderr, commands).to.equal('');
  expect(r.code, commands).to.equal(0);
  return r.stdout;
}
