import { expect } from 'chai';
import { KeycodeSet, keycodeFromName, keycodeSetFromName, keycodeSetName, translateKeycode } from '@virtkit/core';

describe('key code sets (libvirt\'s virkeycode tables)', () => {
  it('translates Linux codes to QEMU\'s numbers: plain and 0xe0-prefixed scan codes', () => {
    // QEMU's qnum: AT set 1, with the 0xe0 prefix as the high bit.
    expect(translateKeycode(KeycodeSet.LINUX, KeycodeSet.QNUM, 30)).to.equal(0x1e); // KEY_A
    expect(translateKeycode(KeycodeSet.LINUX, KeycodeSet.QNUM, 96)).to.equal(0x9c); // KEY_KPENTER, 0xe01c
    expect(translateKeycode(KeycodeSet.LINUX, KeycodeSet.QNUM, 97)).to.equal(0x9d); // KEY_RIGHTCTRL, 0xe01d
    expect(translateKeycode(KeycodeSet.LINUX, KeycodeSet.QNUM, 103)).to.equal(0xc8); // KEY_UP, 0xe048
    expect(translateKeycode(KeycodeSet.USB, KeycodeSet.LINUX, 4)).to.equal(30); // usage 4 is A
    expect(translateKeycode(KeycodeSet.XT_KBD, KeycodeSet.LINUX, 0x11c)).to.equal(96);
    expect(translateKeycode(KeycodeSet.XT, KeycodeSet.LINUX, 0xe01c)).to.equal(96);
    expect(translateKeycode(KeycodeSet.LINUX, KeycodeSet.QNUM, 0x1ff)).to.equal(undefined);
    expect(translateKeycode(KeycodeSet.LINUX, KeycodeSet.QNUM, -1)).to.equal(undefined);
  });

  it('reads virsh\'s names in the sets that have them, and no other', () => {
    expect(keycodeFromName(KeycodeSet.LINUX, 'KEY_A')).to.equal(30);
    expect(keycodeFromName(KeycodeSet.WIN32, 'VK_A')).to.equal(0x41);
    expect(keycodeFromName(KeycodeSet.OSX, 'ANSI_A')).to.equal(0);
    expect(keycodeFromName(KeycodeSet.XT, 'KEY_A')).to.equal(undefined);
    expect(keycodeFromName(KeycodeSet.LINUX, 'KEY_NOSUCH')).to.equal(undefined);
  });

  it('names the sets as virsh does; rfb is qnum\'s older name', () => {
    expect(keycodeSetName(KeycodeSet.OSX)).to.equal('os_x');
    expect(keycodeSetFromName('rfb')).to.equal(KeycodeSet.QNUM);
    expect(keycodeSetFromName('qnum')).to.equal(KeycodeSet.QNUM);
    expect(keycodeSetFromName('osx')).to.equal(undefined);
  });
});
