import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { virshOnLibvirt, virtkitOnTest } from './side-by-side.js';

/** The size and color type in a PNG's IHDR. */
function pngHeader(b: Buffer): { width: number; height: number; depth: number; color: number } {
  expect(b.subarray(0, 8).toString('latin1')).to.equal('\x89PNG\r\n\x1a\n');
  expect(b.subarray(12, 16).toString('latin1')).to.equal('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), depth: b[24], color: b[25] };
}

describe('cli: screenshot and send-key against virsh on test:///default', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vks-screen-')); });
  after(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  it('screenshot to a file: the same message, a PNG of the same size and kind', async () => {
    const seq = (f: string) => `screenshot test ${f}; screenshot test ${f}2 --screen 3; screenshot nosuch ${f}3; screenshot test ${f}4 --screen x`;
    const v = await virshOnLibvirt(seq(path.join(dir, 'virsh.png')));
    const k = await virtkitOnTest(seq(path.join(dir, 'virtkit.png')));
    expect(k.stdout).to.equal(v.stdout.replaceAll('virsh.png', 'virtkit.png'));
    expect(k.stderr).to.equal(v.stderr.replaceAll('virsh.png', 'virtkit.png'));
    expect(k.code).to.equal(v.code);
    for (const f of ['virtkit.png', 'virtkit.png2']) {
      expect(pngHeader(await fs.readFile(path.join(dir, f)))).to.deep.equal(pngHeader(await fs.readFile(path.join(dir, f.replace('virtkit', 'virsh')))));
    }
    await fs.access(path.join(dir, 'virtkit.png3')).then(() => expect.fail('a failed screenshot left a file'), () => undefined);
  });

  it('screenshot without a file names it DOMAIN-DATE-TIME.png in the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const k = await virtkitOnTest('screenshot test');
      const m = /^Screenshot saved to (test-\d{4}-\d\d-\d\d-\d\d:\d\d:\d\d\.png), with type of image\/png\n$/.exec(k.stdout);
      expect(m, k.stdout).to.not.equal(null);
      expect(pngHeader(await fs.readFile(path.join(dir, m![1]))).width).to.equal(1120);
    } finally {
      process.chdir(cwd);
    }
  });

  it('send-key: names, numbers in every notation, code sets, holdtime and every refusal as virsh', async () => {
    const cmds = [
      'send-key test KEY_A', 'send-key test --codeset linux 30 31 0x1e 036', 'send-key test --codeset xt KEY_A', 'send-key test --codeset usb 4',
      'send-key test --holdtime 10 KEY_LEFTCTRL KEY_LEFTALT KEY_DELETE', 'send-key test FOO', 'send-key test --codeset win32 VK_A', 'send-key test --codeset win32 0x41',
      'send-key test --codeset rfb 30', 'send-key test --codeset os_x ANSI_A', 'send-key test --codeset osx ANSI_A', 'send-key test --codeset qnum 0x9c',
      'send-key test 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17', 'send-key test --codeset linux 0x1ff', 'send-key test --codeset xt 284',
      'send-key test --codeset xt 0xe01c', 'send-key test --codeset xt_kbd 284', 'send-key test --codeset xt_kbd 0xe01c', 'send-key test --codeset atset2 0xe05a',
      'send-key test --codeset atset3 0x79', 'send-key test --codeset usb 0', 'send-key test 0x10000', 'send-key test --holdtime abc 30', 'send-key nosuch 30',
      'destroy test', 'send-key test 30',
    ];
    for (const c of cmds) {
      const v = await virshOnLibvirt(c.startsWith('destroy') ? `${c}; send-key test 30` : c);
      const k = await virtkitOnTest(c.startsWith('destroy') ? `${c}; send-key test 30` : c);
      expect({ c, ...k }).to.deep.equal({ c, ...v });
    }
  });
});
