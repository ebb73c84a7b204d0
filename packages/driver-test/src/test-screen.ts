import zlib from 'node:zlib';
import {
  ErrorCode, allFlags, checkFlags, domainNotRunning, keycodeSetName, translateKeycode,
  type DomainRef, type KeycodeSet, type ScreenshotRole, type ScreenshotStream, type SendKeyRole,
} from '@virtkit/core';
import { type TestHost, testError } from './host.js';

/** The test display's size: libvirt's test driver answers with a 1120×832 grayscale PNG. */
const WIDTH = 1120;
const HEIGHT = 832;

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A gray screen with a lighter frame: the image every test domain shows. */
function renderTestScreen(): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    const row = Buffer.alloc(1 + WIDTH, 0x40);
    row[0] = 0; // filter: none
    const frame = y < 16 || y >= HEIGHT - 16;
    for (let x = 0; x < WIDTH; x++) if (frame || x < 16 || x >= WIDTH - 16) row[1 + x] = 0xc0;
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(WIDTH, 0);
  ihdr.writeUInt32BE(HEIGHT, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

let screen: Buffer | undefined;

/**
 * Screenshots and keys on a test host, as libvirt's test driver answers
 * them: every screen of every domain, running or not, is the same PNG;
 * keys are checked against their code set and go nowhere. libvirt's test
 * driver has no consoles (virDomainOpenConsole is NO_SUPPORT there).
 */
export class TestScreen implements ScreenshotRole, SendKeyRole {
  constructor(private readonly host: TestHost) {}

  async screenshot(dom: DomainRef, _screen: number, flags: number): Promise<ScreenshotStream> {
    checkFlags(flags, 0, 'testDomainScreenshot');
    this.host.domains.get(dom);
    const image = (screen ??= renderTestScreen());
    return { mime: 'image/png', data: (async function* () { yield image; })() };
  }

  async sendKey(dom: DomainRef, codeset: number, _holdtime: number, keycodes: readonly number[], flags: number): Promise<void> {
    checkFlags(flags, 0, 'testDomainSendKey');
    if (this.host.domains.get(dom).id < 0) throw domainNotRunning();
    for (const k of keycodes) {
      if (translateKeycode(codeset as KeycodeSet, codeset as KeycodeSet, k) === undefined) {
        throw testError(ErrorCode.INTERNAL_ERROR, `invalid keycode ${k} of ${keycodeSetName(codeset as KeycodeSet)} codeset`);
      }
    }
  }
}
