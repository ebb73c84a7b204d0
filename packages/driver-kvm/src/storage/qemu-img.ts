import { ErrorCode } from '@virtkit/core';
import type { ProcessRunner } from '../process-runner.js';
import { storageFail } from './storage-errors.js';

/** What `qemu-img info --output=json` says of an image. Sizes in bytes. */
export interface ImageInfo {
  format: string;
  /** What the guest sees. */
  virtualSize: number;
  /** What the file holds on the host (its allocated blocks). */
  actualSize: number;
  backingFilename?: string;
  backingFormat?: string;
  /** qcow2's compat level (0.10, 1.1). */
  compat?: string;
}

/** Image formats volumes are created in and converted between. */
export const VOLUME_FORMATS = ['raw', 'qcow2'] as const;
export type VolumeFormat = (typeof VOLUME_FORMATS)[number];

export interface CreateImageOptions {
  format: VolumeFormat;
  /** Bytes. */
  capacity: number;
  backing?: { path: string; format: string };
  /** 'falloc': every byte allocated; 'metadata': qcow2's tables only; absent: sparse. */
  preallocation?: 'falloc' | 'metadata';
  compat?: string;
}

/**
 * The qemu-img calls the storage driver makes, through the host's
 * ProcessRunner. Failures are OPERATION_FAILED with qemu-img's own words.
 * Every call that only reads passes -U (force-share), so an image a
 * running guest holds can still be inspected.
 */
export class QemuImg {
  constructor(private readonly runner: ProcessRunner, private readonly binary = 'qemu-img', private readonly timeoutMs = 600_000) {}

  private async run(args: string[]): Promise<string> {
    const r = await this.runner.run(this.binary, args, { timeoutMs: this.timeoutMs });
    if (r.exitCode !== 0) throw storageFail(ErrorCode.OPERATION_FAILED, `${this.binary} ${args[0]} failed: ${(r.stderr || r.stdout).trim()}`);
    return r.stdout;
  }

  async info(path: string, format?: string): Promise<ImageInfo> {
    const out = await this.run(['info', '-U', '--output=json', ...(format ? ['-f', format] : []), path]);
    const j = JSON.parse(out) as Record<string, unknown>;
    const info: ImageInfo = { format: String(j.format), virtualSize: Number(j['virtual-size']), actualSize: Number(j['actual-size'] ?? 0) };
    if (typeof j['backing-filename'] === 'string') info.backingFilename = j['backing-filename'];
    const bf = j['backing-filename-format'] ?? j['backing-format'];
    if (typeof bf === 'string') info.backingFormat = bf;
    const spec = (j['format-specific'] as { data?: { compat?: string } } | undefined)?.data;
    if (spec?.compat) info.compat = spec.compat;
    return info;
  }

  async create(path: string, o: CreateImageOptions): Promise<void> {
    const opts: string[] = [];
    if (o.preallocation) opts.push(`preallocation=${o.preallocation}`);
    if (o.compat && o.format === 'qcow2') opts.push(`compat=${o.compat}`);
    const args = ['create', '-q', '-f', o.format];
    if (o.backing) args.push('-b', o.backing.path, '-F', o.backing.format);
    if (opts.length) args.push('-o', opts.join(','));
    args.push(path, String(o.capacity));
    await this.run(args);
  }

  /** A full copy of `source` in `format` (qemu-img convert); the copy has the source's capacity. */
  async convert(source: { path: string; format: string }, target: string, format: VolumeFormat, preallocation?: 'falloc'): Promise<void> {
    const args = ['convert', '-U', '-q', '-f', source.format, '-O', format];
    if (preallocation) args.push('-o', `preallocation=${preallocation}`);
    await this.run([...args, source.path, target]);
  }

  async resize(path: string, format: string, capacity: number, options: { shrink: boolean; preallocate: boolean }): Promise<void> {
    const args = ['resize', '-q', '-f', format];
    if (options.shrink) args.push('--shrink');
    if (options.preallocate) args.push('--preallocation=falloc');
    await this.run([...args, path, String(capacity)]);
  }
}
