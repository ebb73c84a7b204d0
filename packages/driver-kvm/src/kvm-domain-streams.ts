import fs from 'node:fs/promises';
import { constants as fsc, openSync, closeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Duplex } from 'node:stream';
import tty from 'node:tty';
import {
  DomainConsoleFlags, ErrorCode, KeycodeSet, allFlags, checkFlags, domainNotRunning, keycodeSetName, translateKeycode,
  type CharDeviceDef, type ConsoleRole, type DomainDef, type DomainRef, type ScreenshotRole, type ScreenshotStream, type SendKeyRole,
} from '@virtkit/core';
import { fail } from './errors.js';
import type { KvmDomainObject, LiveDomain } from './kvm-domain.js';
import type { KvmHost } from './kvm-host.js';

/** A character device a console can open: its alias (serial0, console1) and its QEMU chardev id. */
interface ConsoleDevice {
  alias: string;
  chardev: string;
  source: CharDeviceDef;
}

/**
 * The consoles of a definition as chardev-args.ts names them: serial ports
 * by target port (serialN, chardev charserialN), virtio consoles by index
 * (consoleN, charconsoleN). A first console with a serial target is serial0
 * itself (libvirt's x86 rule): it stands for the serial port.
 */
function consoleDevices(def: DomainDef): { consoles: ConsoleDevice[]; serials: ConsoleDevice[] } {
  const d = def.devices;
  const serials = d.serials.map((c, i) => {
    const alias = `serial${c.target?.port ?? i}`;
    return { alias, chardev: `char${alias}`, source: c };
  });
  const consoles = d.consoles.map((c, i): ConsoleDevice => {
    if ((c.target?.type ?? 'serial') === 'serial' && i === 0) return serials[0] ?? { alias: 'serial0', chardev: 'charserial0', source: c };
    return { alias: `console${i}`, chardev: `charconsole${i}`, source: c };
  });
  return { consoles, serials };
}

/** qemuDomainOpenConsole's choice: by alias when named, else the first console, else the first serial port, when on a pty. */
function findConsole(def: DomainDef, devName: string | undefined): ConsoleDevice {
  const { consoles, serials } = consoleDevices(def);
  const dev = devName !== undefined
    ? [...consoles, ...serials].find((c) => c.alias === devName)
    : [consoles[0], serials[0]].find((c) => c?.source.type === 'pty');
  if (!dev) throw fail(ErrorCode.INTERNAL_ERROR, `cannot find character device ${devName ?? '<null>'}`);
  if (dev.source.type !== 'pty' && dev.source.type !== 'unix') throw fail(ErrorCode.INTERNAL_ERROR, `character device ${devName ?? dev.alias} is not using a PTY`);
  return dev;
}

/** The pty QEMU allocated for a chardev (query-chardev's "pty:/dev/pts/N"). */
async function ptyPath(live: LiveDomain, chardev: string): Promise<string> {
  const list = await live.qmp.execute<Array<{ label: string; filename: string }>>('query-chardev');
  const entry = list.find((c) => c.label === chardev);
  if (!entry?.filename.startsWith('pty:')) throw fail(ErrorCode.INTERNAL_ERROR, `character device ${chardev} has no pty`);
  return entry.filename.slice(4);
}

/** A console stream and how to end it from this side (the other client took it, the domain stopped). */
interface OpenConsole {
  stream: Duplex;
  /** Ends the stream's readable side cleanly and lets the device go. */
  hangUp(): void;
}

/**
 * The stream a console client gets, over the device QEMU serves (a pty's
 * slave side, a unix socket). Reading is paced by the client (the device
 * is paused while the stream's buffer is full); the device's end, and a
 * pty's EIO once QEMU closed the master, are the stream's end, not errors.
 */
function consoleStream(device: Duplex): OpenConsole {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    device.destroy();
  };
  const stream = new Duplex({
    // Either side ending ends the console: no half-open consoles.
    allowHalfOpen: false,
    read() { device.resume(); },
    write(chunk: Buffer, _encoding, callback) { device.write(chunk, (e) => callback(e ?? undefined)); },
    final(callback) { release(); stream.push(null); callback(); },
    destroy(error, callback) { release(); callback(error); },
  });
  device.on('data', (b: Buffer) => { if (!stream.push(b)) device.pause(); });
  device.on('end', () => stream.push(null));
  device.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EIO' || e.code === 'ECONNRESET') stream.push(null);
    else stream.destroy(e);
  });
  return { stream, hangUp: () => { stream.push(null); release(); } };
}

/** A pty's slave side, opened without becoming our controlling terminal, in raw mode; tty.ReadStream writes too. */
function openPty(file: string): Duplex {
  const fd = openSync(file, fsc.O_RDWR | fsc.O_NOCTTY);
  try {
    const t = new tty.ReadStream(fd);
    t.setRawMode(true);
    return t as unknown as Duplex;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** QEMU's screendump writes PNG from 7.1 on (its `format` argument); before that PPM, as libvirt 9.0 always asks. */
const SCREENDUMP_PNG_SINCE = 7_001_000;

/**
 * Consoles, screenshots and keys of running QEMU guests. A console is the
 * guest's serial or console chardev: a pty (what QEMU allocated, found with
 * query-chardev) or a unix socket QEMU listens on; one client at a time,
 * FORCE takes it over (the earlier stream ends). A screenshot is QMP
 * screendump into the domain's runtime directory, read and removed. Keys
 * go as QMP send-key with QEMU's key numbers (every set translated to
 * qnum, as libvirt does).
 */
export class KvmDomainStreams implements ConsoleRole, ScreenshotRole, SendKeyRole {
  /** The open console of each domain and device, by UUID and alias. */
  private readonly open = new Map<string, OpenConsole>();

  constructor(private readonly host: KvmHost) {}

  private live(dom: DomainRef): [KvmDomainObject, LiveDomain] {
    const obj = this.host.find(dom);
    if (!obj.live) throw domainNotRunning();
    return [obj, obj.live];
  }

  async openConsole(dom: DomainRef, devName: string | undefined, flags: number): Promise<Duplex> {
    checkFlags(flags, allFlags(DomainConsoleFlags), 'qemuDomainOpenConsole');
    const [obj, live] = this.live(dom);
    const dev = findConsole(live.def, devName);
    const key = `${obj.uuid} ${dev.alias}`;
    const held = this.open.get(key);
    if (held && !held.stream.destroyed) {
      if (!(flags & DomainConsoleFlags.FORCE)) throw fail(ErrorCode.OPERATION_FAILED, 'Active console session exists for this domain');
      held.hangUp();
    }
    const device = dev.source.type === 'pty'
      ? openPty(await ptyPath(live, dev.chardev))
      : await new Promise<Duplex>((resolve, reject) => {
        const s = net.connect(dev.source.source!.path!, () => { s.off('error', reject); resolve(s); });
        s.once('error', reject);
      });
    const opened = consoleStream(device);
    this.open.set(key, opened);
    opened.stream.once('close', () => { if (this.open.get(key) === opened) this.open.delete(key); });
    // The domain stopping ends the stream for good.
    void live.exited.then(() => opened.hangUp());
    return opened.stream;
  }

  async screenshot(dom: DomainRef, screen: number, flags: number): Promise<ScreenshotStream> {
    checkFlags(flags, 0, 'qemuDomainScreenshot');
    const [obj, live] = this.live(dom);
    const videos = live.def.devices.videos.filter((v) => v.model?.type !== 'none');
    if (videos.length === 0) throw fail(ErrorCode.OPERATION_FAILED, 'no screens to take screenshot from');
    const heads = videos.map((v) => Number(v.model?.heads ?? 1));
    let head = screen;
    let video = 0;
    while (video < heads.length && head >= heads[video]) head -= heads[video++];
    if (video === heads.length) throw fail(ErrorCode.INVALID_ARG, `No screen with index ${screen}`);
    const png = (await this.host.launcher.capsFor(live.def)).version >= SCREENDUMP_PNG_SINCE;
    await fs.mkdir(this.host.paths.runDir, { recursive: true });
    const file = path.join(this.host.paths.runDir, `${obj.uuid}.screendump`);
    try {
      await live.qmp.execute('screendump', { filename: file, ...(video > 0 || head > 0 ? { device: `video${video}`, head } : {}), ...(png ? { format: 'png' } : {}) });
      const image = await fs.readFile(file);
      return { mime: png ? 'image/png' : 'image/x-portable-pixmap', data: (async function* () { yield image; })() };
    } finally {
      await fs.rm(file, { force: true });
    }
  }

  async sendKey(dom: DomainRef, codeset: number, holdtime: number, keycodes: readonly number[], flags: number): Promise<void> {
    checkFlags(flags, 0, 'qemuDomainSendKey');
    const set = codeset as KeycodeSet;
    const qnums = keycodes.map((k) => {
      const q = set === KeycodeSet.QNUM ? k : translateKeycode(set, KeycodeSet.QNUM, k);
      if (q === undefined) throw fail(ErrorCode.INTERNAL_ERROR, `cannot translate keycode ${k} of ${keycodeSetName(set)} codeset to qnum keycode`);
      return q;
    });
    const [, live] = this.live(dom);
    await live.qmp.execute('send-key', { keys: qnums.map((q) => ({ type: 'number', data: q })), ...(holdtime ? { 'hold-time': holdtime } : {}) });
  }
}
