import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DomainConsoleFlags, DomainState, ErrorCode, isVirtError } from '@virtkit/core';
import type { ChildProcess } from 'node:child_process';
import { Virt, silentLogger } from '@virtkit/core';
import { remotePlugin } from '@virtkit/remote';
import { spawnVirtkitd, stopVirtkitd } from './support/virtkitd.js';
import { ptyRun, withoutPolkitNotice } from './support/pty-run.js';
import { consoleGuestXml, collect } from './support/console-guest.js';
import { counterValues } from './support/guest.js';
import { eventually } from './support/hosts.js';

const run = promisify(execFile);
const ENV = { ...process.env, LANG: 'C', LC_ALL: 'C', VIRTKIT_PLUGINS: '' };
const VIRTKIT = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));
const LIBVIRT_TEST = 'test:///default';
const virsh = async (...args: string[]) => (await run('virsh', args, { timeout: 60000, env: ENV })).stdout;

/** The counter values in a terminal's output (the guest's lines end in \r\n there). */
const counter = (text: string) => counterValues(text);

describe('consoles of a real QEMU guest through virtkitd (KVM driver behind the wire)', function () {
  this.timeout(180000);
  let d: ChildProcess | undefined;
  let socket: string;
  let tmp: string;
  let virt: Virt;
  const name = 'vks-wire-console';
  const uri = () => `qemu+unix:///session?socket=${socket}`;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vks-kcw-'));
    socket = path.join(tmp, 'sock');
    await writeFile(path.join(tmp, 'virtkitd.conf'), 'auth_tcp = "none"\n');
    d = await spawnVirtkitd([], ['--socket', socket, '--ro-socket', path.join(tmp, 'sock-ro'), '--tcp', '127.0.0.1:0', '--config', path.join(tmp, 'virtkitd.conf')],
      { XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache'), XDG_RUNTIME_DIR: path.join(tmp, 'run') });
    const file = path.join(tmp, `${name}.xml`);
    await writeFile(file, await consoleGuestXml(name));
    await virsh('-c', uri(), `define ${file}; start ${name}`);
    virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
  });
  after(async () => {
    await virt?.dispose();
    if (d) await virsh('-c', uri(), `destroy ${name}; undefine ${name}`).catch(() => '');
    await stopVirtkitd(d);
    await rm(tmp, { recursive: true, force: true });
  });

  it('on a test host (no console role, as libvirt\'s test driver) virsh and virtkit at a terminal print what virsh prints on libvirt\'s test:///default', async () => {
    const runAt = async (argv: string[]) => {
      const p = ptyRun(argv, ENV);
      const status = await p.exited;
      return { status, out: withoutPolkitNotice(p.output()) };
    };
    const ours = `test+unix:///default?socket=${socket}`;
    const theirs = await runAt(['virsh', '-c', LIBVIRT_TEST, 'console', 'test']);
    expect(await runAt(['virsh', '-c', ours, 'console', 'test'])).to.deep.equal(theirs);
    expect(await runAt([process.execPath, VIRTKIT, '-c', LIBVIRT_TEST, 'console', 'test'])).to.deep.equal(theirs);
    expect(theirs.out).to.contain("Connected to domain 'test'").and.to.contain('virDomainOpenConsole');
  });

  it('real virsh console: its banner, the guest\'s counter, typed keys echoed, ^] ends it with status 0', async () => {
    const p = ptyRun(['virsh', '-c', uri(), 'console', name], ENV);
    try {
      await eventually(() => { expect(counter(p.output()).length).to.be.at.least(3); }, 90_000);
      expect(withoutPolkitNotice(p.output())).to.match(new RegExp(`^Connected to domain '${name}'\\r\\nEscape character is \\^\\] \\(Ctrl \\+ \\]\\)\\r\\n`));
      const c = counter(p.output());
      for (let i = 1; i < c.length; i++) expect(c[i]).to.equal(c[i - 1] + 1);
      p.type('vks-from-virsh\r');
      await eventually(() => { expect(p.output()).to.contain('vks-from-virsh'); }, 20_000);
      p.type('\x1d');
      expect(await p.exited).to.equal(0);
    } finally {
      p.kill();
    }
    // The console was released: a second virsh gets it without --force.
    const again = ptyRun(['virsh', '-c', uri(), 'console', name], ENV);
    try {
      await eventually(() => { expect(counter(again.output()).length).to.be.at.least(1); }, 30_000);
      again.type('\x1d');
      expect(await again.exited).to.equal(0);
    } finally {
      again.kill();
    }
  });

  it('virtkit console at a terminal prints what virsh prints and ends on ^]; --force takes the console from virsh', async () => {
    const held = ptyRun(['virsh', '-c', uri(), 'console', name], ENV);
    await eventually(() => { expect(counter(held.output()).length).to.be.at.least(1); }, 30_000);
    const refused = ptyRun([process.execPath, VIRTKIT, '-c', uri(), 'console', name], ENV);
    const refusedTheirs = ptyRun(['virsh', '-c', uri(), 'console', name], ENV);
    const [a, b] = [await refused.exited, await refusedTheirs.exited];
    expect({ status: a, out: refused.output() }).to.deep.equal({ status: b, out: withoutPolkitNotice(refusedTheirs.output()) });
    expect(refused.output()).to.contain('Active console session exists for this domain');
    const p = ptyRun([process.execPath, VIRTKIT, '-c', uri(), 'console', '--force', name], ENV);
    try {
      // virsh's session ends when the console is taken.
      expect(await held.exited).to.equal(0);
      await eventually(() => { expect(counter(p.output()).length, p.output()).to.be.at.least(3); }, 30_000);
      expect(withoutPolkitNotice(p.output())).to.match(new RegExp(`^Connected to domain '${name}'\\r\\nEscape character is \\^\\] \\(Ctrl \\+ \\]\\)\\r\\n`));
      p.type('vks-from-virtkit\r');
      await eventually(() => { expect(p.output()).to.contain('vks-from-virtkit'); }, 20_000);
      p.type('\x1d');
      expect(await p.exited).to.equal(0);
    } finally {
      held.kill();
      p.kill();
    }
  });

  it('python3-libvirt\'s stream API reads the console and writes to it', async () => {
    const script = `
import libvirt, sys, time
c = libvirt.open(sys.argv[1])
d = c.lookupByName(sys.argv[2])
st = c.newStream(0)
d.openConsole(None, st, 0)
st.send(b'vks-from-python\\r')
got = b''
deadline = time.time() + 60
while time.time() < deadline and (got.count(b'c=') < 3 or b'vks-from-python' not in got):
    got += st.recv(4096)
st.finish()
sys.stdout.write(got.decode('latin1'))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, uri(), name], { timeout: 90000, env: ENV });
    expect(stdout).to.contain('vks-from-python');
    expect(counter(stdout).length).to.be.at.least(2);
  });

  it('virtkit\'s client: a Duplex over the wire; aborting either end ends the other; the domain stopping ends it', async () => {
    const conn = await virt.connect(uri());
    try {
      const dom = await conn.lookupDomainByName(name);
      const con = await dom.openConsole();
      const out = collect(con);
      await eventually(() => { expect(out.counter().length).to.be.at.least(3); }, 30_000);
      con.write('vks-from-client\r');
      await eventually(() => { expect(out.text()).to.contain('vks-from-client'); }, 20_000);
      // The client aborts: the server lets the device go, so a new open needs no FORCE.
      con.destroy();
      await eventually(async () => { (await dom.openConsole()).destroy(); }, 10_000);

      // The server ends it: another client forces the console away; the first stream ends.
      const first = await dom.openConsole();
      const firstEnded = new Promise<void>((resolve) => first.once('end', resolve));
      first.resume();
      const second = await dom.openConsole(undefined, { flags: DomainConsoleFlags.FORCE });
      await firstEnded;
      try {
        await dom.openConsole();
        expect.fail('a second console without FORCE was opened');
      } catch (e) {
        expect(isVirtError(e) && e.code).to.equal(ErrorCode.OPERATION_FAILED);
      }
      const out2 = collect(second);
      await eventually(() => { expect(out2.counter().length).to.be.at.least(1); }, 30_000);
      const secondEnded = new Promise<void>((resolve) => second.once('end', resolve));
      await dom.destroy();
      await secondEnded;
      expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
      await dom.start();
    } finally {
      await conn.close();
    }
  });

  it('real virsh screenshot and send-key through virtkitd: QEMU\'s PNG; keys go as QEMU numbers, a code QEMU has no number for is refused', async () => {
    const shot = path.join(tmp, 'shot.png');
    expect(await virsh('-c', uri(), 'screenshot', name, shot)).to.equal(`Screenshot saved to ${shot}, with type of image/png\n`);
    const png = await readFile(shot);
    expect(png.subarray(1, 4).toString('latin1')).to.equal('PNG');
    expect(await virsh('-c', uri(), 'send-key', name, '--holdtime', '50', 'KEY_LEFTCTRL', 'KEY_C')).to.equal('\n');
    const refused = await run('virsh', ['-c', uri(), 'send-key', name, '--codeset', 'usb', '0xffff'], { env: ENV }).then(() => '', (e: { stderr: string }) => e.stderr);
    expect(refused).to.equal('error: internal error: cannot translate keycode 65535 of usb codeset to qnum keycode\n');
  });
});
