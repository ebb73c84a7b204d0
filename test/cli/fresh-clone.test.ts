import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * The environment of a newcomer's shell: no npm script variables, and no
 * node_modules/.bin of the checkout running this test on PATH, so only the
 * clone's own bin links can answer `npx virtkit`.
 */
function newcomerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  env.PATH = (process.env.PATH ?? '').split(path.delimiter).filter((p) => !p.includes(`node_modules${path.sep}.bin`)).join(path.delimiter);
  return env;
}

/** Runs a command in the clone; stdout, stderr and the exit status, without throwing. */
async function run(cwd: string, file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd, env: newcomerEnv(), maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? String(e) };
  }
}

async function mustRun(cwd: string, file: string, args: string[]): Promise<void> {
  const r = await run(cwd, file, args);
  expect(r.code, `${file} ${args.join(' ')}\n${r.stderr}`).to.equal(0);
}

// --no-install: a missing bin link fails here instead of being fetched from the registry.
const npx = (cwd: string, ...args: string[]) => run(cwd, 'npx', ['--no-install', ...args]);

describe('cli: npx virtkit and npx virtkitd in a fresh clone', function () {
  this.timeout(240000);
  let dir: string;
  let clone: string;

  before(async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const top = (await exec('git', ['-C', here, 'rev-parse', '--show-toplevel'])).stdout.trim();
    const head = (await exec('git', ['-C', top, 'rev-parse', 'HEAD'])).stdout.trim();
    dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-clone-'));
    clone = path.join(dir, 'virtkit');
    // The committed HEAD only: whatever is uncommitted in this checkout stays out.
    await mustRun(dir, 'git', ['clone', '-q', '--no-hardlinks', '--no-checkout', top, clone]);
    await mustRun(clone, 'git', ['checkout', '-q', '--detach', head]);
    await mustRun(clone, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says to run npm run build when a command is used before the build', async () => {
    const cli = await npx(clone, 'virtkit', 'list');
    expect(cli.code).to.equal(1);
    expect(cli.stderr).to.contain('virtkit: the command line is not built yet; run `npm run build`');
    expect(cli.stderr).to.not.contain('    at ');
    const daemon = await npx(clone, 'virtkitd', '--help');
    expect(daemon.code).to.equal(1);
    expect(daemon.stderr).to.contain('virtkitd: the daemon is not built yet; run `npm run build`');
    expect(daemon.stderr).to.not.contain('    at ');
    const emulator = await npx(clone, 'xend-emulator');
    expect(emulator.code).to.equal(1);
    expect(emulator.stderr).to.contain('xend-emulator: the emulator is not built yet; run `npm run build`');
  });

  it('lists the running test domain with npx virtkit and prints usage with npx virtkitd --help after npm run build', async () => {
    await mustRun(clone, 'npm', ['run', 'build']);
    const list = await npx(clone, 'virtkit', '-c', 'test:///default', 'list');
    expect(list.stderr).to.equal('');
    expect(list.code).to.equal(0);
    expect(list.stdout).to.equal(' Id   Name   State\n----------------------\n 1    test   running\n\n');
    const help = await npx(clone, 'virtkitd', '--help');
    expect(help.code, help.stderr).to.equal(0);
    expect(help.stdout).to.match(/^usage: virtkitd /);
    expect(help.stdout).to.contain('--socket PATH');
    // The emulator's bin runs its built entry, which asks for a socket or a port.
    const emulator = await npx(clone, 'xend-emulator');
    expect(emulator.code).to.equal(1);
    expect(emulator.stderr).to.contain('give --socket PATH and/or --http-port N');
  });

  it('reads the versions it prints from the installed package.json files', async () => {
    const setVersion = async (pkg: string, version: string) => {
      const file = path.join(clone, 'packages', pkg, 'package.json');
      await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), version }, null, 2));
    };
    await setVersion('cli', '7.8.9');
    await setVersion('core', '4.5.6');
    expect((await npx(clone, 'virtkit', '-v')).stdout).to.equal('7.8.9\n');
    const v = await npx(clone, 'virtkit', 'version');
    expect(v.stdout).to.contain('Compiled against library: virtkit 1.0.0\nUsing library: virtkit 4.5.6\n');
  });
});
