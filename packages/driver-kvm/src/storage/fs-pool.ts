import fs from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, StoragePoolBuildFlags, type StoragePoolDef } from '@virtkit/core';
import type { ProcessRunner } from '../process-runner.js';
import { dirPool, poolDir } from './dir-pool.js';
import { storageFail } from './storage-errors.js';

const COMMAND_TIMEOUT_MS = 120_000;

/** The block device of an fs pool: its one <source><device path/>. */
function sourceDevice(def: StoragePoolDef): string {
  const dev = def.source.devices[0];
  if (!dev) throw storageFail(ErrorCode.XML_ERROR, 'missing source device');
  return dev;
}

/** The filesystem type: <source><format type/>, 'auto' (mount probes it) when absent. */
function fsFormat(def: StoragePoolDef): string {
  return def.source.format ?? 'auto';
}

/** Undoes /proc/mounts' octal escapes (a space is \040). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/**
 * libvirt's fs backend (storage_backend_fs.c, VIR_STORAGE_POOL_FS): a
 * block device with a filesystem, mounted on the pool's target directory
 * while the pool runs; the volumes are files in it as in a dir pool.
 * Mounts happen in the mount namespace this process runs in (read back
 * from its own /proc/self/mounts), through the host's ProcessRunner.
 */
export class FsPool {
  constructor(private readonly runner: ProcessRunner) {}

  private async run(file: string, args: string[]): Promise<string> {
    const r = await this.runner.run(file, args, { timeoutMs: COMMAND_TIMEOUT_MS });
    if (r.exitCode !== 0) throw storageFail(ErrorCode.OPERATION_FAILED, `${file} ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim()}`);
    return r.stdout;
  }

  /**
   * Creates the target directory as a dir pool's; with OVERWRITE or
   * NO_OVERWRITE also makes the filesystem (mkfs -t <format>). NO_OVERWRITE
   * refuses a device that already holds one (blkid finds a type).
   */
  async build(def: StoragePoolDef, flags: number): Promise<void> {
    const device = sourceDevice(def);
    await dirPool.build(def, flags);
    if (!(flags & (StoragePoolBuildFlags.OVERWRITE | StoragePoolBuildFlags.NO_OVERWRITE))) return;
    const format = fsFormat(def);
    if (format === 'auto') throw storageFail(ErrorCode.OPERATION_UNSUPPORTED, `cannot make a filesystem of format 'auto' on '${device}': the pool needs <format type='…'/>`);
    if (flags & StoragePoolBuildFlags.NO_OVERWRITE) {
      const probe = await this.runner.run('blkid', ['-o', 'value', '-s', 'TYPE', device], { timeoutMs: COMMAND_TIMEOUT_MS });
      const found = probe.stdout.trim();
      if (probe.exitCode === 0 && found !== '') {
        throw storageFail(ErrorCode.STORAGE_POOL_BUILT, `Device '${device}' is not empty: it holds a '${found}' filesystem, forced overwrite is necessary`);
      }
    }
    // mkfs.ext* asks before writing over a whole device unless forced; the caller's flags already said so.
    await this.run('mkfs', ['-t', format, ...(format.startsWith('ext') ? ['-F', '-q'] : []), device]);
  }

  /** True when the pool's target is a mount point in this process's mount namespace. */
  async isMounted(def: StoragePoolDef): Promise<boolean> {
    const target = path.resolve(poolDir(def));
    const mounts = await fs.readFile('/proc/self/mounts', 'utf8');
    return mounts.split('\n').some((line) => unescapeMountField(line.split(' ')[1] ?? '') === target);
  }

  /** Mounts the device on the target (unless it is already mounted there), then checks the directory as a dir pool's. */
  async start(def: StoragePoolDef): Promise<void> {
    const device = sourceDevice(def);
    await dirPool.check(def);
    if (!(await this.isMounted(def))) await this.run('mount', ['-t', fsFormat(def), device, poolDir(def)]);
  }

  /** Unmounts the target; nothing when it is not mounted. */
  async stop(def: StoragePoolDef): Promise<void> {
    if (await this.isMounted(def)) await this.run('umount', [poolDir(def)]);
  }
}
