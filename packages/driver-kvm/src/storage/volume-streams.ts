import {
  ErrorCode, StorageVolStreamFlags, checkFlags, readFileChunks, writeFileChunks, type StorageVolRef, type StreamChunk,
} from '@virtkit/core';
import { findVolume, type KvmStoragePoolList } from './kvm-storage-pool.js';
import { storageFail } from './storage-errors.js';
import type { VolumeImages } from './volume-images.js';

/** virStorageVolDownload: `length` bytes of the volume's file from `offset` (0: to the end), holes skipped with SPARSE_STREAM. */
export async function downloadVolume(pools: KvmStoragePoolList, ref: StorageVolRef, offset: number, length: number, flags: number): Promise<AsyncIterable<StreamChunk>> {
  checkFlags(flags, StorageVolStreamFlags.SPARSE_STREAM, 'virStorageVolDownload');
  checkRange(offset, length);
  const { rec } = findVolume(pools, ref);
  return readFileChunks(rec.path, offset, length, (flags & StorageVolStreamFlags.SPARSE_STREAM) !== 0);
}

/** virStorageVolUpload: writes `data` into the volume's file from `offset`, then reads the file's sizes again. */
export async function uploadVolume(pools: KvmStoragePoolList, images: VolumeImages, ref: StorageVolRef, offset: number, length: number, flags: number, data: AsyncIterable<StreamChunk>): Promise<void> {
  checkFlags(flags, StorageVolStreamFlags.SPARSE_STREAM, 'virStorageVolUpload');
  checkRange(offset, length);
  const { rec } = findVolume(pools, ref);
  await images.locked(rec.path, () => writeFileChunks(rec.path, offset, length, (flags & StorageVolStreamFlags.SPARSE_STREAM) !== 0, data));
  await images.reprobe(ref);
}

function checkRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw storageFail(ErrorCode.INVALID_ARG, `offset ${offset} and length ${length} must be non-negative byte counts`);
  }
}
