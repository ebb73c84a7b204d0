import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDomainXml } from '@virtkit/core';
import { QemuCapsCache, buildQemuArgv, killQemu, launchQemu, type LaunchedQemu } from '@virtkit/driver-kvm';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

export function report(title: string, rows: Array<[string, number[]]>, baseline: string, extra: string[] = []): void {
  console.log(`\n${title}`);
  const base = median(rows.find(([n]) => n === baseline)![1]);
  for (const [name, xs] of rows) {
    console.log(`  ${name.padEnd(28)} median ${ms(median(xs))}   runs: ${xs.map((x) => x.toFixed(0)).join(', ')}`);
  }
  for (const [name, xs] of rows) if (name !== baseline) console.log(`  ratio ${name} / ${baseline}: ${(median(xs) / base).toFixed(2)}`);
  for (const line of extra) console.log(`  ${line}`);
}

/**
 * The bare sequence's QEMU: the argv virtkit would build for the same XML,
 * with its own monitor socket, spawned and connected without the driver.
 */
export async function bareArgv(xml: string, dir: string, tag: string, incoming?: string): Promise<{ argv: string[]; monitorPath: string; logFile: string }> {
  const caps = await new QemuCapsCache().get('/usr/bin/qemu-system-x86_64');
  const monitorPath = path.join(dir, `${tag}.sock`);
  await fs.rm(monitorPath, { force: true });
  return { argv: buildQemuArgv(parseDomainXml(xml), caps, { monitorPath, incoming }), monitorPath, logFile: path.join(dir, `${tag}.log`) };
}

export function bareStart(cmd: { argv: string[]; monitorPath: string; logFile: string }): Promise<LaunchedQemu> {
  return launchQemu(cmd.argv, { logFile: cmd.logFile, monitorPath: cmd.monitorPath });
}

export function qemuVersionText(v: number): string {
  return `${Math.floor(v / 1e6)}.${Math.floor(v / 1e3) % 1000}.${v % 1000}`;
}

export async function bareStop(q: LaunchedQemu): Promise<void> {
  q.qmp.close();
  await killQemu(q.pid);
}
