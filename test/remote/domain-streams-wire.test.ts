import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DriverRole, ErrorCode, KeycodeSet, isVirtError, type Virt } from '@virtkit/core';
import { remoteVirt } from './helpers/remote-virt.js';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const LIBVIRT = 'test:///default';
const ENV = { ...process.env, LANG: 'C', LC_ALL: 'C', VIRTKIT_PLUGINS: '' };

interface Run { stdout: string; stderr: string; status: number }
function runFull(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30000, env: ENV, encoding: 'latin1' }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, status: err ? (typeof err.code === 'number' ? err.code : -1) : 0 });
    });
  });
}
const virsh = (uri: string, ...args: string[]) => runFull('virsh', ['-c', uri, ...args]);

async function rejectsWith(p: Promise<unknown>, code: ErrorCode): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e), String(e)).to.equal(true);
    expect((e as { code: number }).code, (e as Error).message).to.equal(code);
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('screenshot and send-key over the wire (test driver; the console at a terminal is in driver-kvm/console-wire.test.ts)', function () {
  this.timeout(60000);
  let d: Virtkitd;
  let tmp: string;
  let virt: Virt;
  beforeEach(async () => { d = await startVirtkitd('', { verbose: false }); });
  afterEach(async () => { await d?.stop(); });
  before(async () => { tmp = await mkdtemp(path.join(os.tmpdir(), 'vks-wire-')); virt = await remoteVirt(); });
  after(async () => { await virt?.dispose(); await rm(tmp, { recursive: true, force: true }); });

  it('real virsh through virtkitd prints what virsh prints on libvirt\'s test:///default (screenshot, send-key)', async () => {
    const line = (tag: string) => [
      `screenshot test ${tmp}/${tag}.png`, `screenshot test ${tmp}/${tag}-2.png --screen 2`, 'send-key test KEY_A KEY_B', 'send-key test --codeset usb 4 5',
      'send-key test --codeset linux 0x1ff', 'send-key test --codeset xt 284', 'send-key test --holdtime 5 --codeset win32 VK_RETURN', 'destroy test', 'send-key test 30',
      `screenshot test ${tmp}/${tag}-off.png`,
    ].join('; ');
    const ours = await virsh(d.uri(), line('ours'));
    const theirs = await virsh(LIBVIRT, line('theirs'));
    expect({ ...ours, stdout: ours.stdout.replaceAll('ours', 'X') }).to.deep.equal({ ...theirs, stdout: theirs.stdout.replaceAll('theirs', 'X') });
    expect(ours.stdout).to.contain('with type of image/png');
    const png = await readFile(`${tmp}/ours.png`);
    expect(png.subarray(1, 4).toString()).to.equal('PNG');
  });

  it('python3-libvirt takes the screenshot through virtkitd\'s stream, the bytes virtkit\'s client reads', async () => {
    const script = `
import libvirt, sys
c = libvirt.open(sys.argv[1])
d = c.lookupByName('test')
st = c.newStream(0)
mime = d.screenshot(st, 0, 0)
data = bytearray()
def sink(s, buf, o):
    data.extend(buf)
    return len(buf)
st.recvAll(sink, None)
st.finish()
sys.stdout.write(mime + ' ' + str(len(data)) + ' ' + data[:8].hex() + '\\n')
try:
    d.sendKey(libvirt.VIR_KEYCODE_SET_LINUX, 0, [511], 1, 0)
except libvirt.libvirtError as e:
    sys.stdout.write('%d %d %s\\n' % (e.get_error_code(), e.get_error_domain(), e.get_error_message()))
try:
    d.openConsole(None, c.newStream(0), 0)
except libvirt.libvirtError as e:
    sys.stdout.write('%d %s\\n' % (e.get_error_code(), e.get_error_message()))
`;
    const r = await runFull('/usr/bin/python3', ['-c', script, d.uri()]);
    expect(r.stderr.replace(/^libvirt: .*\n/gm, '')).to.equal('');
    const c = await virt.connect(d.uri());
    try {
      const shot = await (await c.lookupDomainByName('test')).screenshot();
      const [first, keyErr, consoleErr] = r.stdout.trim().split('\n');
      expect(first).to.equal(`image/png ${shot.image.length} ${shot.image.subarray(0, 8).toString('hex')}`);
      expect(keyErr).to.equal('1 12 internal error: invalid keycode 511 of linux codeset');
      expect(consoleErr).to.equal('3 this function is not supported by the connection driver: virDomainOpenConsole');
    } finally {
      await c.close();
    }
  });

  it('virtkit\'s client: screenshot, send-key and its refusals, no console role (as libvirt\'s test driver)', async () => {
    const c = await virt.connect(d.uri());
    try {
      expect(c.driverConnection.features.has(DriverRole.SCREENSHOT)).to.equal(true);
      expect(c.driverConnection.features.has(DriverRole.SEND_KEY)).to.equal(true);
      expect(c.driverConnection.features.has(DriverRole.CONSOLE)).to.equal(false);
      const dom = await c.lookupDomainByName('test');
      const shot = await dom.screenshot(0);
      expect(shot.mime).to.equal('image/png');
      expect([shot.image.readUInt32BE(16), shot.image.readUInt32BE(20)]).to.deep.equal([1120, 832]);
      await dom.sendKey(KeycodeSet.LINUX, 10, [29, 56, 111]);
      const e = await rejectsWith(dom.sendKey(KeycodeSet.QNUM, 0, [0x1ff]), ErrorCode.INTERNAL_ERROR);
      expect(e.message).to.equal('internal error: invalid keycode 511 of qnum codeset');
      expect((await rejectsWith(dom.sendKey(99, 0, [1]), ErrorCode.INVALID_ARG)).message).to.equal("Unsupported codeset '99'");
      expect((await rejectsWith(dom.sendKey(0, 0, new Array(17).fill(30)), ErrorCode.INVALID_ARG)).message).to.equal('nkeycodes must be <= 16');
      expect((await rejectsWith(dom.screenshot(0, 1), ErrorCode.INVALID_ARG)).message).to.equal('unsupported flags (0x1) in function testDomainScreenshot');
      await rejectsWith(dom.openConsole(), ErrorCode.NO_SUPPORT);
      const ro = await virt.connect(d.uri(), { readonly: true });
      try {
        await rejectsWith((await ro.lookupDomainByName('test')).screenshot(), ErrorCode.OPERATION_DENIED);
      } finally {
        await ro.close();
      }
    } finally {
      await c.close();
    }
  });

  it('event iterators over the wire: lifecycle and network events of a remote connection, ended by an AbortSignal', async () => {
    const c = await virt.connect(d.uri());
    try {
      const ac = new AbortController();
      const lifecycle = c.events('lifecycle', { signal: ac.signal });
      const nets = c.events('network-lifecycle', { signal: ac.signal });
      const dom = await c.lookupDomainByName('test');
      await dom.suspend();
      await dom.resume();
      const net = await c.lookupNetworkByName('default');
      await net.destroy();
      const seen: string[] = [];
      for await (const e of lifecycle) {
        seen.push(`${e.domain.name} ${e.event}`);
        if (seen.length === 2) break;
      }
      expect(seen).to.deep.equal(['test 3', 'test 4']);
      expect((await nets.next()).value?.network.name).to.equal('default');
      const pending = nets.next();
      ac.abort();
      expect(await pending).to.deep.equal({ value: undefined, done: true });
    } finally {
      await c.close();
    }
  });
});

describe('virtkit\'s client against a real libvirtd: screenshot stream and send-key', function () {
  this.timeout(60000);
  let l: Libvirtd;
  let virt: Virt;
  before(async () => { l = await startLibvirtd(); virt = await remoteVirt(); });
  after(async () => { await virt?.dispose(); await l?.stop(); });

  it('reads libvirt\'s test screenshot byte for byte, sends keys, gets libvirt\'s refusals', async () => {
    const c = await virt.connect(l.testUri);
    try {
      const dom = await c.lookupDomainByName('test');
      const shot = await dom.screenshot();
      expect(shot.mime).to.equal('image/png');
      expect(shot.image.equals(await readFile('/usr/share/libvirt/test-screenshot.png'))).to.equal(true);
      await dom.sendKey(KeycodeSet.LINUX, 0, [30]);
      expect((await rejectsWith(dom.sendKey(KeycodeSet.XT, 0, [284]), ErrorCode.INTERNAL_ERROR)).message).to.equal('internal error: invalid keycode 284 of xt codeset');
      expect(c.driverConnection.features.has(DriverRole.CONSOLE)).to.equal(false);
    } finally {
      await c.close();
    }
  });
});
