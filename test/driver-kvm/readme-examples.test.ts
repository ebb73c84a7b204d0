import fs from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ListDomainsFlags } from '@virtkit/core';
import { collect, consoleGuestXml } from './support/console-guest.js';
import { counterValues } from './support/guest.js';
import { eventually, makeVirt } from './support/hosts.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Inside the checkout, so the examples' imports resolve to the workspace packages. */
const OUT = fileURLToPath(new URL('./readme-examples/', import.meta.url));
/** The embedded host the console example opens. */
const CONSOLE_ROOT = '/var/tmp/virtkit-readme';

/** The blocks of README.md marked `<!-- readme-example: NAME -->`, by name. */
async function examples(): Promise<Map<string, string>> {
  const text = await fs.readFile(path.join(REPO, 'README.md'), 'utf8');
  const out = new Map<string, string>();
  for (const m of text.matchAll(/<!-- readme-example: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g)) out.set(m[1], m[2]);
  return out;
}

async function runExample(name: string): Promise<string> {
  const code = (await examples()).get(name);
  expect(code, `README.md has no example ${name}`).to.be.a('string');
  await fs.mkdir(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.mjs`);
  await fs.writeFile(file, code!);
  const { stdout } = await run(process.execPath, [file], { timeout: 120_000, env: { ...process.env, VIRTKIT_PLUGINS: '' } });
  return stdout;
}

describe('README examples run as shown', function () {
  this.timeout(180_000);

  it('has the four examples', async () => {
    expect([...(await examples()).keys()]).to.deep.equal(['networks', 'storage', 'console', 'events']);
  });

  it('networks: defines, starts and lists', async () => {
    expect(await runExample('networks')).to.equal('default active virbr0\nlan active virbr9\n');
  });

  it('storage: a volume in default-pool', async () => {
    expect(await runExample('storage')).to.equal("/default-pool/disk1.img 2147483648\n[ 'disk1.img' ]\n");
  });

  it('events: the lifecycle iterator', async () => {
    expect(await runExample('events')).to.equal('test SUSPENDED\ntest RESUMED\n');
  });

  it('console: the guest\'s serial output, and the typed text echoed by its tty', async () => {
    await fs.rm(CONSOLE_ROOT, { recursive: true, force: true });
    // Started by this process, then let go: the example's own process reattaches to the running guest (one QMP client at a time).
    const setup = await makeVirt();
    try {
      const dom = await (await setup.connect(`qemu:///embed?root=${CONSOLE_ROOT}`)).defineDomain(await consoleGuestXml('vm1'));
      await dom.start();
      // Until the guest prints, so the two seconds of the example see its counter.
      const con = await dom.openConsole();
      const out = collect(con);
      await eventually(() => { expect(out.counter().length).to.be.at.least(1); }, 120_000);
      con.destroy();
    } finally {
      await setup.dispose();
    }
    try {
      const out = await runExample('console');
      expect(counterValues(out).length, out).to.be.at.least(3);
      expect(out).to.contain('hello');
    } finally {
      const virt = await makeVirt();
      const conn = await virt.connect(`qemu:///embed?root=${CONSOLE_ROOT}`);
      for (const d of await conn.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
      await virt.dispose();
      await fs.rm(CONSOLE_ROOT, { recursive: true, force: true });
    }
  });
});
