import fs from 'node:fs/promises';
import { expect } from 'chai';
import { DomainConsoleFlags, DomainState, ErrorCode, KeycodeSet, ListDomainsFlags, type Connection, type Domain, type Virt } from '@virtkit/core';
import { collect, consoleGuestXml } from './support/console-guest.js';
import { embedUri, eventually, makeRoot, makeVirt, rejectsWith } from './support/hosts.js';

const ended = (s: NodeJS.ReadableStream) => new Promise<void>((resolve) => { s.once('end', resolve); s.once('close', resolve); });

describe('driver-kvm consoles, screenshots and keys (real QEMU)', function () {
  this.timeout(180_000);
  let root: string;
  let virt: Virt;
  let conn: Connection;
  let dom: Domain;

  before(async () => {
    root = await makeRoot('vksc');
    virt = await makeVirt({ shutdownTimeoutMs: 1500 });
    conn = await virt.connect(embedUri(root));
    dom = await conn.defineDomain(await consoleGuestXml('vks-console'));
    await dom.start();
  });

  after(async () => {
    for (const d of await conn.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
    await virt.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('openConsole is the serial pty both ways: the counter comes out, typed text is echoed by the guest\'s tty', async () => {
    const con = await dom.openConsole();
    const out = collect(con);
    await eventually(() => { expect(out.counter().length).to.be.at.least(3); }, 90_000);
    const c = out.counter();
    for (let i = 1; i < c.length; i++) expect(c[i]).to.equal(c[i - 1] + 1);
    con.write('vks-typed\r');
    await eventually(() => { expect(out.text()).to.contain('vks-typed'); }, 20_000);
    con.destroy();
    await ended(con);
  });

  it('one client per console: a second open is refused, FORCE takes it and the first stream ends', async () => {
    const first = await dom.openConsole('serial0');
    const firstEnd = ended(first);
    first.resume();
    const e = await rejectsWith(dom.openConsole('serial0'), ErrorCode.OPERATION_FAILED);
    expect(e.message).to.contain('Active console session exists for this domain');
    const second = await dom.openConsole('serial0', { flags: DomainConsoleFlags.FORCE });
    await firstEnd;
    const out = collect(second);
    await eventually(() => { expect(out.counter().length).to.be.at.least(2); }, 20_000);
    second.end();
    await ended(second);
    // Released: an open without FORCE succeeds again.
    const third = await dom.openConsole();
    third.destroy();
  });

  it('refuses unknown devices and unknown flags, with libvirt\'s words', async () => {
    expect((await rejectsWith(dom.openConsole('serial7'), ErrorCode.INTERNAL_ERROR)).message).to.equal('internal error: cannot find character device serial7');
    await rejectsWith(dom.openConsole(undefined, { flags: 4 }), ErrorCode.INVALID_ARG);
  });

  it('screenshot is QEMU\'s screendump of the VGA card, as PNG', async () => {
    const shot = await dom.screenshot();
    expect(shot.mime).to.equal('image/png');
    expect(shot.image.subarray(1, 4).toString('latin1')).to.equal('PNG');
    expect(shot.image.readUInt32BE(16)).to.be.greaterThan(0);
    expect((await rejectsWith(dom.screenshot(1), ErrorCode.INVALID_ARG)).message).to.contain('No screen with index 1');
  });

  it('send-key goes to the guest\'s keyboard: the guest powers off on its first input event', async () => {
    await rejectsWith(dom.sendKey(KeycodeSet.USB, 0, [0xffff]), ErrorCode.INTERNAL_ERROR);
    await dom.sendKey(KeycodeSet.LINUX, 50, [30]);
    await eventually(async () => { expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF); }, 60_000);
  });

  it('a console ends when its domain stops; opening one on a stopped domain is refused', async () => {
    await dom.start();
    const con = await dom.openConsole();
    const out = collect(con);
    await eventually(() => { expect(out.counter().length).to.be.at.least(1); }, 90_000);
    const end = ended(con);
    await dom.destroy();
    await end;
    expect((await rejectsWith(dom.openConsole(), ErrorCode.OPERATION_INVALID)).message).to.contain('domain is not running');
  });

  it('a serial port on a unix socket QEMU listens on is a console too (by its alias); without a name only a pty is taken, as libvirt does', async () => {
    const sock = `${root}/serial.sock`;
    const xml = (await consoleGuestXml('vks-console-unix')).replace("<serial type='pty'><target port='0'/></serial>", `<serial type='unix'><source mode='bind' path='${sock}'/><target port='0'/></serial>`);
    const d = await conn.defineDomain(xml);
    await d.start();
    try {
      expect((await rejectsWith(d.openConsole(), ErrorCode.INTERNAL_ERROR)).message).to.equal('internal error: cannot find character device <null>');
      const con = await d.openConsole('serial0');
      const out = collect(con);
      await eventually(() => { expect(out.counter().length).to.be.at.least(2); }, 90_000);
      con.write('vks-unix\r');
      await eventually(() => { expect(out.text()).to.contain('vks-unix'); }, 20_000);
      con.end();
      await ended(con);
    } finally {
      await d.destroy().catch(() => {});
    }
  });
});
