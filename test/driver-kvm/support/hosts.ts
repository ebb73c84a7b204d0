import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { Connection, ListDomainsFlags, Virt, escapeXmlAttr, escapeXmlText, isVirtError, silentLogger, type DriverConnection } from '@virtkit/core';
import { createKvmPlugin, type KvmDriverConfig } from '@virtkit/driver-kvm';
import { counterValues, ensureTestGuest } from './guest.js';

/** A fresh embed root; short, so monitor socket paths fit a sockaddr_un. */
export async function makeRoot(tag: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `vk-${tag}-`));
}

export const embedUri = (root: string) => `qemu:///embed?root=${root}`;

/** Destroys every guest still running on the roots and removes them (a test's teardown). */
export async function removeRoots(roots: string[], config: Partial<KvmDriverConfig> = {}): Promise<void> {
  const virt = await makeVirt(config);
  try {
    for (const root of roots) {
      const c = await virt.connect(embedUri(root));
      for (const d of await c.listAllDomains(ListDomainsFlags.ACTIVE)) await d.destroy().catch(() => {});
    }
  } finally {
    await virt.dispose();
  }
  for (const root of roots) await fs.rm(root, { recursive: true, force: true });
}

export async function makeVirt(config: Partial<KvmDriverConfig> = {}): Promise<Virt> {
  return Virt.create({ plugins: [createKvmPlugin(config)], envPlugins: false, logger: silentLogger });
}

export interface GuestOptions {
  name: string;
  uuid?: string;
  memoryMiB?: number;
  /** Where the first serial port appends; the counter appears there (one file for both ends of a migration). */
  serialLog: string;
  /** Rewrite 64 MiB of memory continuously. */
  dirty?: boolean;
  /** Another kernel and initramfs (the network guest); default the counter guest. */
  guest?: { kernel: string; initrd: string };
  /** More devices, e.g. an <interface>. */
  devices?: string;
  /** A virtio data disk (target vdb) the guest writes its disk counter to (virtkit.mode=diskwrite). */
  diskwrite?: string;
  /** The data disk's format. Default raw. */
  diskFormat?: 'raw' | 'qcow2';
}

/** The counter guest's domain XML. */
export async function guestXml(o: GuestOptions): Promise<string> {
  const g = o.guest ?? (await ensureTestGuest());
  return `<domain type='qemu'>
  <name>${escapeXmlText(o.name)}</name>
  ${o.uuid ? `<uuid>${o.uuid}</uuid>` : ''}
  <memory unit='MiB'>${o.memoryMiB ?? 128}</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>${escapeXmlText(g.kernel)}</kernel>
    <initrd>${escapeXmlText(g.initrd)}</initrd>
    <cmdline>console=ttyS0 quiet panic=-1${o.dirty ? ' virtkit.mode=dirty' : ''}${o.diskwrite ? ' virtkit.mode=diskwrite' : ''}</cmdline>
  </os>
  <features>
    <acpi/>
  </features>
  <devices>${o.devices ?? ''}
    <serial type='file'>
      <source path='${escapeXmlAttr(o.serialLog)}' append='on'/>
      <target port='0'/>
    </serial>
    ${o.diskwrite ? `<disk type='file' device='disk'>
      <driver name='qemu' type='${o.diskFormat ?? 'raw'}'/>
      <source file='${escapeXmlAttr(o.diskwrite)}'/>
      <target dev='vdb' bus='virtio'/>
    </disk>` : ''}
    <memballoon model='none'/>
  </devices>
</domain>`;
}

export async function readCounter(file: string): Promise<number[]> {
  try {
    return counterValues(await fs.readFile(file, 'utf8'));
  } catch {
    return [];
  }
}

/**
 * Checks that the counter runs on without a reset from the first `from` in the
 * log to its end: every later value is its predecessor + 1 (readCounter already
 * drops a torn last line). Returns the values from `from` on.
 */
export function expectConsecutiveFrom(values: number[], from: number, what = 'the counter restarted'): number[] {
  const start = values.indexOf(from);
  expect(start, `counter value ${from} not in the log`).to.be.at.least(0);
  const tail = values.slice(start);
  for (let i = 1; i < tail.length; i++) expect(tail[i], `${what} after ${tail[i - 1]}`).to.equal(tail[i - 1] + 1);
  return tail;
}

/**
 * After a migration: the counter continues without a reset, consecutive
 * values from `from` on, still growing after the source QEMU is gone (so
 * the destination prints them).
 */
export async function expectContinuity(serial: string, from: number): Promise<void> {
  const atSourceExit = (await readCounter(serial)).at(-1)!;
  const last = await waitForCounter(serial, Math.max(atSourceExit, from) + 5);
  const tail = expectConsecutiveFrom(await readCounter(serial), from, 'counter reset');
  expect(tail.length).to.be.greaterThan(4);
  expect(last).to.be.at.least(from + 5);
}

/** Waits until the guest has printed a counter value of at least `min`. */
export async function waitForCounter(file: string, min: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await readCounter(file);
    const last = v.at(-1);
    if (last !== undefined && last >= min) return last;
    if (Date.now() > deadline) throw new Error(`counter in ${file} did not reach ${min} (last: ${last})`);
    await delay(100);
  }
}

/** Awaits `p` and checks it failed with a VirtError of `code`; returns the error. */
export async function rejectsWith(p: Promise<unknown>, code: number): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e, code), String(e)).to.equal(true);
    return e as Error;
  }
  return expect.fail(`expected error code ${code}`);
}

/** A Connection on the same driver connection that records the last result of each driver call. */
export function recordingConnection(conn: Connection, results: Map<string, unknown>): Connection {
  const inner = conn.live();
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        results.set(String(prop), out);
        return out;
      };
    },
  }) as DriverConnection;
  return new Connection(conn.uri, proxy, conn.driver, conn.readonly);
}

/**
 * Retries `check` until it passes or `timeoutMs` is over (then its last
 * failure is thrown): lifecycle events arrive on a later tick than the call
 * that caused them.
 */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await delay(20);
    }
  }
}

/** After a test: destroys what still runs on each root, disposes the Virt, removes the roots. */
export async function tearDownRoots(virt: Virt, roots: string[]): Promise<void> {
  for (const root of roots) {
    const c = await virt.connect(embedUri(root)).catch(() => undefined);
    for (const d of (await c?.listAllDomains(ListDomainsFlags.ACTIVE)) ?? []) await d.destroy().catch(() => {});
  }
  await virt.dispose();
  for (const root of roots) await fs.rm(root, { recursive: true, force: true });
}
