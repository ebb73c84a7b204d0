import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ErrorCode, Virt, escapeXmlText, isVirtError, silentLogger, systemClock, type Connection } from '@virtkit/core';
import { XenConnection, XendClient, xenPlugin, type XendEndpoint } from '@virtkit/driver-xen';
import { XendEmulator } from '@virtkit/xend-emulator';

export interface XenHosts {
  virt: Virt;
  dir: string;
  a: XendEmulator;
  b: XendEmulator;
  /** Host A over xend's unix socket. */
  uriA: string;
  /** Host B over xend's HTTP port. */
  uriB: string;
  teardown(): Promise<void>;
}

/** Two xend emulators on loopback (A by unix socket, B by TCP) and a Virt with the Xen driver. */
export async function startXenHosts(): Promise<XenHosts> {
  const dir = await mkdtemp(path.join(tmpdir(), 'virtkit-xen-'));
  const a = await XendEmulator.start({ socketPath: path.join(dir, 'a.sock'), hostname: 'xen-a' });
  const b = await XendEmulator.start({ httpPort: 0, hostname: 'xen-b' });
  const virt = await Virt.create({ plugins: [xenPlugin], envPlugins: false, logger: silentLogger });
  return {
    virt, dir, a, b,
    uriA: `xen:///system?socket=${a.socketPath}&relocation_port=${a.relocationPort}`,
    uriB: `xen:///system?xend=${b.httpUrl}&relocation_port=${b.relocationPort}`,
    async teardown() {
      await virt.dispose();
      await Promise.all([a.stop(), b.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Where an emulator's xend is reached: its unix socket when it has one, else its HTTP port. */
export function xendEndpoint(emu: XendEmulator): XendEndpoint {
  return emu.socketPath !== undefined ? { socketPath: emu.socketPath } : { host: '127.0.0.1', port: emu.httpPort! };
}

/**
 * A connection to one emulator made without Virt, for what a URI does not
 * carry: the event poll interval and the xend client.
 */
export function xenConnection(emu: XendEmulator, options: { eventIntervalMs?: number; client?: XendClient } = {}): XenConnection {
  return new XenConnection(options.client ?? new XendClient(xendEndpoint(emu)), {
    uri: 'xen:///system', relocationHost: '127.0.0.1', relocationPort: emu.relocationPort, eventIntervalMs: options.eventIntervalMs,
  }, { logger: silentLogger, clock: systemClock });
}

export function pvXml(name: string, extra: { uuid?: string; memoryMib?: number; vcpus?: number } = {}): string {
  return `<domain type='xen'>
  <name>${escapeXmlText(name)}</name>
  ${extra.uuid ? `<uuid>${extra.uuid}</uuid>` : ''}
  <memory unit='MiB'>${extra.memoryMib ?? 256}</memory>
  <vcpu>${extra.vcpus ?? 2}</vcpu>
  <os><type>linux</type><kernel>/boot/vmlinuz-xen</kernel><cmdline>root=/dev/xvda1 ro</cmdline></os>
  <devices>
    <disk type='file'><source file='/var/lib/xen/images/${name.replace(/[^A-Za-z0-9]/g, '_')}.img'/><target dev='xvda'/></disk>
    <interface type='bridge'><mac address='00:16:3e:12:34:56'/><source bridge='xenbr0'/><script path='vif-bridge'/></interface>
  </devices>
</domain>`;
}

/** Polls `check` every 10 ms until it holds; fails naming `what` after `ms`. Events arrive after the call that caused them. */
export async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Awaits `p` and expects a VirtError with this code (and message); returns it. */
export async function rejects(p: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e, code), `expected ${ErrorCode[code]}, got ${String(e)}`).to.equal(true);
    if (message) expect((e as Error).message).to.match(message);
    return e as Error;
  }
  return expect.fail(`expected ${ErrorCode[code]}`);
}

/** Two connected hosts for each test of a mocha suite. */
export function useXenHosts(): { hosts: XenHosts; a: Connection; b: Connection } {
  const env = {} as { hosts: XenHosts; a: Connection; b: Connection };
  beforeEach(async () => {
    env.hosts = await startXenHosts();
    env.a = await env.hosts.virt.connect(env.hosts.uriA);
    env.b = await env.hosts.virt.connect(env.hosts.uriB);
  });
  afterEach(async () => env.hosts.teardown());
  return env;
}
