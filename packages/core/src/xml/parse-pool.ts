import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ErrorCode, ErrorDomain, VirtErrorCodec, errorReporter, type VirtError, type VirtErrorJson } from '../errors.js';
import type { DomainDef } from '../domain/model.js';
import { DOMAIN_XML_LIMITS, rememberScreenedDomain, wasScreened } from '../domain/parse.js';
import { checkDocumentSize } from './parse-document.js';

const fail = errorReporter(ErrorDomain.XML);

/** What the pool sends a worker (parse-worker.ts). */
export interface ParseJob {
  id: number;
  /**
   * 'domain': parseDomainXml, replying with the DomainDef. 'screen': the
   * checks of screenDomainXml, and the DomainDef when core's model accepts
   * the document. 'screen-bytes': the same for the UTF-8 `bytes` instead of
   * `xml`, which the worker decodes; the bytes come back with the answer.
   */
  kind: 'domain' | 'screen' | 'screen-bytes';
  xml?: string;
  bytes?: Uint8Array;
}
/**
 * What a worker answers: the definition (for 'domain', and for a passed
 * 'screen' whose document the model accepts), or the encoded VirtError;
 * id 0 once, when its modules are loaded. A passed 'screen' is told first
 * (`screened`), then the definition.
 */
export interface ParseReply {
  id: number;
  /** A 'screen' passed its checks; the answer with the definition (or none) follows. */
  screened?: boolean;
  def?: DomainDef;
  error?: VirtErrorJson;
  /** The worker's thread id, in its ready message (id 0) where it can tell it. */
  tid?: number;
  /** A 'screen-bytes' job's bytes, moved back with `screened` (and then set on the answer by the pool). */
  bytes?: Uint8Array;
}

/** How many times its CPU budget a document may take on the clock (a worker starved of CPU by a busy machine). */
const BUDGET_WALL_FACTOR = 10;

/** CPU milliseconds (user and system) thread `tid` of this process has used, from /proc; undefined where that cannot be read. */
function threadCpuMs(tid: number | undefined): number | undefined {
  if (tid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in USER_HZ (100 per second) ticks.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** What XmlParsePool.screenDomainXmlBytes resolves with once the screen passed. */
export interface ScreenedBytes {
  /** The same bytes, moved back from the worker (the view given is detached meanwhile). */
  bytes: Uint8Array;
  /**
   * Records the text the caller decoded from `bytes`: the screenDomainXml of
   * it that follows returns at once, and its parseDomainXml takes the
   * worker's definition.
   */
  decoded(xml: string): void;
}

export interface XmlParsePoolOptions {
  /** Most worker threads. Default min(os.availableParallelism(), 4). */
  size?: number;
  /**
   * Milliseconds of a worker's CPU time one document may take before it is
   * refused and the worker replaced. Default 2000. Counted in CPU time where
   * the thread's is readable (Linux /proc), so a busy machine does not make
   * an ordinary document overrun; there a document is also refused once
   * BUDGET_WALL_FACTOR times the budget has passed on the clock.
   */
  budgetMs?: number;
  /** Milliseconds a worker may stay idle before it exits. Default 10000. */
  idleMs?: number;
}

interface Pending {
  job: ParseJob;
  /** A 'screen-bytes' job's bytes, back from the worker once the screen passed. */
  bytes?: Uint8Array;
  resolve(reply: ParseReply): void;
  reject(e: VirtError): void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its modules; a document's time budget runs from then. */
  ready?: boolean;
  /** The worker's thread id (its ready message's), whose CPU time the budget counts. */
  tid?: number;
  busy?: Pending;
  timer?: NodeJS.Timeout;
  /** Exit once the current document is done (close() was called while busy). */
  retiring?: boolean;
}

/**
 * Parses untrusted XML documents on worker threads, so a large or hostile
 * document never holds up the event loop. Workers start on first use, never
 * keep the process alive while idle, exit after idleMs without work, and are
 * replaced when a document overruns its time budget (refused with XML_ERROR).
 * Documents over DOMAIN_XML_LIMITS.maxChars are refused before any copy to a worker.
 */
export class XmlParsePool {
  readonly size: number;
  readonly budgetMs: number;
  readonly idleMs: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** Workers kept loaded while idle (keepWarm). */
  private warm = 0;

  constructor(options: XmlParsePoolOptions = {}) {
    for (const k of Object.keys(options)) if (!['size', 'budgetMs', 'idleMs'].includes(k)) throw fail(ErrorCode.INVALID_ARG, `unknown parse pool option '${k}'`);
    this.size = Math.max(1, options.size ?? Math.min(os.availableParallelism(), 4));
    this.budgetMs = options.budgetMs ?? 2000;
    this.idleMs = options.idleMs ?? 10000;
  }

  /** parseDomainXml in a worker: the typed model, or the VirtError it raised. */
  async parseDomainXml(xml: string): Promise<DomainDef> {
    return (await this.submit('domain', xml)).def!;
  }

  /**
   * The checks hostile input can make costly, in a worker: well-formedness,
   * DOMAIN_XML_LIMITS, and that the document formats within the wire limit.
   * The domain model's own rules are left to the driver, which may accept
   * more than core's model (Xen's <bootloader> without <os>). When the model
   * accepts the document, the worker's definition is kept for the
   * parseDomainXml of the same text that follows (rememberScreenedDomain), so
   * the event loop does not parse it a second time.
   */
  async screenDomainXml(xml: string): Promise<void> {
    if (wasScreened(xml)) return;
    const { def } = await this.submit('screen', xml);
    rememberScreenedDomain(xml, def);
  }

  /**
   * screenDomainXml for a document still in the UTF-8 bytes it arrived in.
   * The ArrayBuffer under `bytes` is moved to a worker, not copied (it must
   * hold nothing the caller touches until this settles), and the worker
   * decodes the text: a document the screen refuses is never copied or
   * decoded on the event loop, which for a document of megabytes takes
   * milliseconds each. Documents over DOMAIN_XML_LIMITS.maxChars bytes go
   * too: the worker counts their characters.
   */
  async screenDomainXmlBytes(bytes: Uint8Array): Promise<ScreenedBytes> {
    const reply = await this.enqueue({ id: this.nextId++, kind: 'screen-bytes', bytes });
    const { def } = reply;
    return { bytes: reply.bytes!, decoded: (xml) => rememberScreenedDomain(xml, def) };
  }

  /**
   * Keeps `count` workers (at most `size`) loaded while idle, started now
   * and never retired for idleness: a long-running server's first document
   * after a quiet spell then does not wait for a worker to load its modules
   * (hundreds of milliseconds on a busy host, in the path of an incoming
   * migration). Idle workers still never keep the process alive; close()
   * ends them and the setting.
   */
  keepWarm(count: number): void {
    this.warm = Math.min(Math.max(0, Math.floor(count)), this.size);
    while (this.slots.size < this.warm) this.park(this.spawn());
  }

  /** Workers now running (for tests and diagnostics). */
  get workerCount(): number {
    return this.slots.size;
  }

  /**
   * Stops the workers: idle ones at once, busy ones once their document is
   * done. The pool stays usable; a later document starts a worker again.
   */
  async close(): Promise<void> {
    this.warm = 0;
    const exits: Array<Promise<number>> = [];
    for (const slot of this.slots) {
      if (slot.busy) slot.retiring = true;
      else exits.push(this.retire(slot));
    }
    await Promise.all(exits);
  }

  private submit(kind: 'domain' | 'screen', xml: string): Promise<ParseReply> {
    try {
      checkDocumentSize(xml, DOMAIN_XML_LIMITS);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.enqueue({ id: this.nextId++, kind, xml });
  }

  private enqueue(job: ParseJob): Promise<ParseReply> {
    return new Promise<ParseReply>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.busy && !s.retiring);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(new URL('./parse-worker.js', import.meta.url)) };
    slot.worker.unref();
    slot.worker.on('message', (reply: ParseReply) => {
      if (reply.screened) return this.screened(slot, reply);
      if (reply.id !== 0) return this.finish(slot, reply);
      slot.ready = true;
      slot.tid = reply.tid;
      if (slot.busy) this.startBudget(slot);
    });
    slot.worker.on('error', (e) => this.lose(slot, fail(ErrorCode.INTERNAL_ERROR, `XML parse worker failed: ${e.message}`)));
    slot.worker.on('exit', () => this.lose(slot, fail(ErrorCode.INTERNAL_ERROR, 'XML parse worker exited')));
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    clearTimeout(slot.timer);
    slot.busy = pending;
    // A busy worker keeps the process alive, as any pending I/O does; an idle one does not.
    slot.worker.ref();
    const { bytes } = pending.job;
    slot.worker.postMessage(pending.job, bytes ? [bytes.buffer as ArrayBuffer] : []);
    if (slot.ready) this.startBudget(slot);
  }

  private startBudget(slot: Slot): void {
    this.budget(slot, () => {
      this.lose(slot, fail(ErrorCode.XML_ERROR, `document was not parsed within ${this.budgetMs} ms and is refused`));
      void slot.worker.terminate();
    });
  }

  /**
   * Calls `overrun` once the worker has spent budgetMs of CPU time from now
   * (checked when that much time has passed on the clock, and again for what
   * is left), or BUDGET_WALL_FACTOR times that on the clock.
   */
  private budget(slot: Slot, overrun: () => void): void {
    const cpuAtStart = threadCpuMs(slot.tid);
    const wallEnd = Date.now() + this.budgetMs * BUDGET_WALL_FACTOR;
    const check = (wait: number) => {
      slot.timer = setTimeout(() => {
        const cpu = threadCpuMs(slot.tid);
        const left = cpu === undefined || cpuAtStart === undefined ? 0 : this.budgetMs - (cpu - cpuAtStart);
        const wallLeft = wallEnd - Date.now();
        if (left > 0 && wallLeft > 0) check(Math.min(Math.max(left, 10), wallLeft));
        else overrun();
      }, wait);
    };
    check(this.budgetMs);
  }

  /**
   * A screen passed within its budget, as it would without the definition:
   * the definition gets a budget of its own, past which the screen answers
   * without one (the document stays accepted) and the worker is replaced.
   */
  private screened(slot: Slot, reply: ParseReply): void {
    const pending = slot.busy;
    if (!pending || pending.job.id !== reply.id) return;
    pending.bytes = reply.bytes;
    clearTimeout(slot.timer);
    this.budget(slot, () => {
      if (!this.slots.delete(slot)) return;
      slot.busy = undefined;
      pending.resolve({ id: reply.id, bytes: pending.bytes });
      void slot.worker.terminate();
      this.pump();
    });
  }

  private finish(slot: Slot, reply: ParseReply): void {
    const pending = slot.busy;
    if (!pending || pending.job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.busy = undefined;
    slot.worker.unref();
    if (reply.error) pending.reject(VirtErrorCodec.decode(reply.error));
    else pending.resolve({ ...reply, bytes: pending.bytes });
    if (slot.retiring) void this.retire(slot);
    else this.park(slot);
    this.pump();
  }

  /** An idle worker: retired after idleMs, unless that would leave fewer than the warm ones. */
  private park(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      if ([...this.slots].filter((s) => !s.retiring).length > this.warm) void this.retire(slot);
    }, this.idleMs).unref();
  }

  /** The slot is gone (budget overrun, crash or exit): fail its document, serve the queue with a new worker. */
  private lose(slot: Slot, error: VirtError): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    const pending = slot.busy;
    slot.busy = undefined;
    pending?.reject(error);
    this.pump();
  }

  private retire(slot: Slot): Promise<number> {
    this.slots.delete(slot);
    clearTimeout(slot.timer);
    return slot.worker.terminate();
  }
}

let shared: XmlParsePool | undefined;

/** The process's pool, created on first use; Virt.dispose stops its workers. */
export function sharedXmlParsePool(): XmlParsePool {
  shared ??= new XmlParsePool();
  return shared;
}

/** parseDomainXml off the event loop, for documents from untrusted peers. */
export function parseUntrustedDomainXml(xml: string): Promise<DomainDef> {
  return sharedXmlParsePool().parseDomainXml(xml);
}

/** XmlParsePool.screenDomainXml on the shared pool. */
export function screenUntrustedDomainXml(xml: string): Promise<void> {
  return sharedXmlParsePool().screenDomainXml(xml);
}

/** XmlParsePool.screenDomainXmlBytes on the shared pool. */
export function screenUntrustedDomainXmlBytes(bytes: Uint8Array): Promise<ScreenedBytes> {
  return sharedXmlParsePool().screenDomainXmlBytes(bytes);
}
