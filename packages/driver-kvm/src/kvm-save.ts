import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  DomainEventType, DomainState, ErrorCode, PausedReason, ResumedDetail, RunningReason, SaveRestoreFlags, StartedDetail, StoppedDetail,
  SuspendedDetail, JobOperation, allFlags, checkFlags, formatDomainXml, type DomainRef,
} from '@virtkit/core';
import { commitTempFile, tempPathFor } from './atomic-file.js';
import { fail } from './errors.js';
import type { KvmHost } from './kvm-host.js';
import { outgoingError, runOutgoing, setupOutgoing, waitIncoming, type QueryMigrate } from './migration-stream.js';
import { requireLive } from './qmp-lifecycle.js';

/**
 * A save image: this line, a 4-byte big-endian length, a JSON header
 * ({ xml, paused }), then QEMU's migration stream.
 */
const MAGIC = Buffer.from('virtkit-qemu-save-1\n');
/** A header larger than this is not ours. */
const MAX_HEADER = 16 * 1024 * 1024;

interface SaveHeader {
  xml: string;
  paused: boolean;
}

/**
 * virDomainSave / virDomainRestore. QEMU 7.2 migrates to a TCP socket on
 * 127.0.0.1 that this process writes into the file (no shell, no exec:
 * URI); restore starts QEMU with -incoming defer and streams the file back.
 */
export class KvmSave {
  constructor(private readonly host: KvmHost) {}

  async save(dom: DomainRef, file: string, flags: number): Promise<void> {
    checkFlags(flags, allFlags(SaveRestoreFlags), 'virDomainSaveFlags');
    if ((flags & SaveRestoreFlags.RUNNING) && (flags & SaveRestoreFlags.PAUSED)) throw fail(ErrorCode.INVALID_ARG, 'flags RUNNING and PAUSED are mutually exclusive');
    if (!path.isAbsolute(file)) throw fail(ErrorCode.INVALID_ARG, `save path '${file}' must be absolute`);
    const obj = this.host.find(dom);
    const live = requireLive(obj);
    if (live.migration) throw fail(ErrorCode.OPERATION_INVALID, `domain '${obj.name}' already has a job`);
    const { lifecycle, config, jobs } = this.host;
    const job = jobs.beginOutgoing(obj, live.qmp, JobOperation.SAVE);
    const wasRunning = live.state === DomainState.RUNNING;
    const paused = (flags & SaveRestoreFlags.PAUSED) !== 0 || ((flags & SaveRestoreFlags.RUNNING) === 0 && !wasRunning);
    const header = Buffer.from(JSON.stringify({ xml: formatDomainXml(live.def, { inactive: true }), paused } satisfies SaveHeader));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(header.length);
    const tmp = tempPathFor(file);
    const server = net.createServer();
    let written: Promise<void> | undefined;
    let result: QueryMigrate | undefined;
    try {
      await fsp.writeFile(tmp, Buffer.concat([MAGIC, len, header]), { mode: 0o600 });
      server.once('connection', (socket) => {
        server.close();
        written = pipeline(socket, fs.createWriteStream(tmp, { flags: 'a' }));
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
      });
      const port = (server.address() as net.AddressInfo).port;
      if (wasRunning) await lifecycle.pauseLive(obj, PausedReason.SAVE, SuspendedDetail.PAUSED);
      await setupOutgoing(live.qmp, { bandwidthMiB: config.migrationMaxBandwidthMiB, downtimeMs: config.migrationDowntimeMs, autoConverge: false });
      result = job.signal.aborted ? { status: 'cancelled' } : await runOutgoing(live.qmp, `tcp:127.0.0.1:${port}`, this.host.clock);
      jobs.finishOutgoing(job, result);
      if (result.status !== 'completed') throw outgoingError(result, 'save job');
      if (!written) throw fail(ErrorCode.OPERATION_FAILED, 'save job: QEMU never connected');
      await written;
      await commitTempFile(tmp, file);
    } catch (e) {
      server.close();
      await written?.catch(() => {});
      await fsp.rm(tmp, { force: true });
      if (!result) jobs.finishOutgoing(job, { status: job.signal.aborted ? 'cancelled' : 'failed', 'error-desc': (e as Error).message });
      if (wasRunning && obj.live === live) await lifecycle.resumeLive(obj, RunningReason.SAVE_CANCELED, ResumedDetail.UNPAUSED).catch(() => {});
      throw e;
    }
    await lifecycle.destroyLive(obj, StoppedDetail.SAVED);
  }

  async restore(file: string, flags: number): Promise<DomainRef> {
    checkFlags(flags, allFlags(SaveRestoreFlags), 'virDomainRestoreFlags');
    if ((flags & SaveRestoreFlags.RUNNING) && (flags & SaveRestoreFlags.PAUSED)) throw fail(ErrorCode.INVALID_ARG, 'flags RUNNING and PAUSED are mutually exclusive');
    const { header, offset } = await readHeader(file);
    const def = await this.host.launcher.canonical(header.xml);
    const { lifecycle, launcher } = this.host;
    return this.host.claim(def, 'is already active', async (obj) => {
      // Recorded as an incoming migration: a restarted driver discards a half-restored guest.
      const { live, port } = await launcher.launchIncoming(obj, def, PausedReason.STARTING_UP, 0);
      try {
        const socket = net.connect({ host: '127.0.0.1', port });
        const sent = pipeline(fs.createReadStream(file, { start: offset }), socket);
        const q = await waitIncoming(live.qmp, this.host.clock);
        await sent.catch(() => {});
        if (q.status !== 'completed') throw fail(ErrorCode.OPERATION_FAILED, `restore: ${q['error-desc'] ?? q.status}`);
        launcher.endIncoming(live);
        const paused = (flags & SaveRestoreFlags.PAUSED) !== 0 || ((flags & SaveRestoreFlags.RUNNING) === 0 && header.paused);
        this.host.emit(obj, DomainEventType.STARTED, StartedDetail.RESTORED);
        if (paused) {
          await lifecycle.setState(obj, DomainState.PAUSED, PausedReason.SAVE, [DomainEventType.SUSPENDED, SuspendedDetail.RESTORED]);
        } else {
          lifecycle.expectTransition(live, 'RESUME', 'reported');
          await live.qmp.execute('cont');
          await lifecycle.setState(obj, DomainState.RUNNING, RunningReason.RESTORED);
        }
        return this.host.ref(obj);
      } catch (e) {
        if (obj.live === live) await lifecycle.destroyLive(obj, StoppedDetail.FAILED).catch(() => {});
        throw e;
      }
    });
  }
}

/** Reads and checks the image header; the QEMU stream starts at `offset`. */
async function readHeader(file: string): Promise<{ header: SaveHeader; offset: number }> {
  if (!path.isAbsolute(file)) throw fail(ErrorCode.INVALID_ARG, `restore path '${file}' must be absolute`);
  let fh;
  try {
    fh = await fsp.open(file, 'r');
  } catch (e) {
    throw fail(ErrorCode.OPERATION_FAILED, `cannot open save image ${file}: ${(e as Error).message}`, e);
  }
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw fail(ErrorCode.INVALID_ARG, `${file} is not a virtkit QEMU save image`);
    const len = head.readUInt32BE(MAGIC.length);
    if (len === 0 || len > MAX_HEADER) throw fail(ErrorCode.INVALID_ARG, `save image ${file} has a malformed header`);
    const body = Buffer.alloc(len);
    const r = await fh.read(body, 0, len, head.length);
    if (r.bytesRead < len) throw fail(ErrorCode.INVALID_ARG, `save image ${file} is truncated`);
    let header: SaveHeader;
    try {
      header = JSON.parse(body.toString('utf8')) as SaveHeader;
    } catch {
      throw fail(ErrorCode.INVALID_ARG, `save image ${file} has a malformed header`);
    }
    if (typeof header.xml !== 'string' || typeof header.paused !== 'boolean') throw fail(ErrorCode.INVALID_ARG, `save image ${file} has a malformed header`);
    return { header, offset: head.length + len };
  } finally {
    await fh.close();
  }
}
