import { ErrorCode, type DomainDef } from '@virtkit/core';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fail } from './errors.js';
import type { ProcessRunner } from './process-runner.js';
import { emulatedTpm, swtpmArgv } from './tpm-args.js';

// The swtpm of a guest with <tpm><backend type='emulator'>, started before its QEMU (which connects to the
// control socket at start and, by --terminate, ends swtpm when it closes it); the TPM's state persists in
// the driver's per-guest directory unless <source type='dir'> names one.

/** Where one guest's swtpm keeps its socket, pid, log and state. */
export interface SwtpmPaths {
  socket: string;
  pidFile: string;
  logFile: string;
  /** Used unless the definition names a state directory. */
  stateDir: string;
}

/** Starts the guest's swtpm; returns its control socket, or undefined when the guest has no emulated TPM. */
export async function startSwtpm(runner: ProcessRunner, def: DomainDef, paths: SwtpmPaths): Promise<string | undefined> {
  const tpm = emulatedTpm(def);
  if (!tpm) return undefined;
  if (Buffer.byteLength(paths.socket) > 107) throw fail(ErrorCode.CONFIG_UNSUPPORTED, `swtpm socket path ${paths.socket} is longer than a unix socket allows`);
  const stateDir = tpm.stateDir ?? paths.stateDir;
  await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
  await fs.mkdir(path.dirname(paths.logFile), { recursive: true });
  await fs.rm(paths.socket, { force: true });
  const argv = swtpmArgv(tpm, { ...paths, stateDir });
  const r = await runner.run(argv[0], argv.slice(1), { timeoutMs: 10_000 });
  if (r.exitCode !== 0) throw fail(ErrorCode.OPERATION_FAILED, `swtpm failed to start for domain '${def.name}': ${(r.stderr || r.stdout).trim() || `exit code ${r.exitCode}`}`);
  return paths.socket;
}

/** Ends a swtpm QEMU never connected to (QEMU failed to start), by the pid it recorded. */
export async function stopSwtpm(runner: ProcessRunner, paths: SwtpmPaths): Promise<void> {
  const pid = Number((await fs.readFile(paths.pidFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pid) && pid > 0) runner.signal(pid, 'SIGTERM');
  await fs.rm(paths.pidFile, { force: true });
  await fs.rm(paths.socket, { force: true });
}
