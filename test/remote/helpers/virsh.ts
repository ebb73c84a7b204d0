import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startVirtkitd, type Virtkitd } from './virtkitd.js';
import { testDomainXml } from './domain-xml.js';

export const run = promisify(execFile);
/** virsh's messages in English, as the tests match them. */
export const cEnv = { ...process.env, LANG: 'C', LC_ALL: 'C' };

/** virsh -c URI ARGS…, its stdout. */
export const virsh = async (uri: string, ...args: string[]) => (await run('virsh', ['-c', uri, ...args], { timeout: 60000, env: cEnv })).stdout;
/** virsh domstate --reason. */
export const domstate = async (uri: string, name: string) => (await virsh(uri, 'domstate', '--reason', name)).trim();
/** virsh domjobinfo's "Job type". */
export const jobType = async (uri: string, name: string) => /Job type:\s+(\S+)/.exec(await virsh(uri, 'domjobinfo', name))?.[1];
/** The names virsh list --all prints. */
export const listNames = async (uri: string) => (await virsh(uri, 'list', '--all', '--name')).split('\n').map((l) => l.trim()).filter(Boolean);

/** Two virtkitd daemons (hosts A and B) and a scratch directory, for the mocha suite that calls it; torn down after it. */
export function twoDaemons(prefix: string): { a: () => Virtkitd; b: () => Virtkitd; defineRunning: (uri: string, name: string) => Promise<void> } {
  let a: Virtkitd | undefined;
  let b: Virtkitd | undefined;
  let tmp: string | undefined;
  before(async () => {
    [a, b] = await Promise.all([startVirtkitd(), startVirtkitd()]);
    tmp = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });
  return {
    a: () => a!,
    b: () => b!,
    /** Defines and starts a test-driver guest with virsh. */
    async defineRunning(uri, name) {
      const file = path.join(tmp!, `${name}.xml`);
      await writeFile(file, testDomainXml(name));
      await virsh(uri, `define ${file}; start ${name}`);
    },
  };
}
