import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ErrorCode, ErrorDomain, VirtErrorCodec, errorReporter, type VirtError, type VirtErrorJson } from '../errors.js';
import type { DomainDef } from '../domain/model.js';
import { DOMAIN_XML_LIMITS, rememberScreenedDomain } from '../domain/parse.js';
import { checkDocumentSize } from './parse-document.js';

const fail = errorReporter(ErrorDomain.XML);

/** What the pool sends a worker (parse-worker.ts). */
export interface ParseJob {
  id: number;
  /** 'domain': parseDomainXml, replying with the DomainDef. 'screen': the checks of screenDomainXml, and the DomainDef when core's model accepts the document. */
  kind: 'domain' | 'screen';
  xml: string;
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
}

export interface XmlParsePoolOptions {
  /** Most worker threads. Default min(os.availableParallelism(), 4). */
  size?: number;
  /** Milliseconds one document may take in a worker before it is refused and the worker replaced. Default 2000. */
  budgetMs?: number;
  /** Milliseconds a worker may stay idle before it exits. Default 10000. */
  idleMs?: number;
}

interface Pending {
  job: ParseJob;
  resolve(reply: ParseReply): void;
  reject(e: VirtError): void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its modules; a document's time budget runs from then. */
  ready?: boolean;
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
    const { def } = await this.submit('screen', xml);
    if (def) rememberScreenedDomain(xml, def);
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

  private submit(kind: ParseJob['kind'], xml: string): Promise<ParseReply> {
    try {
      checkDocumentSize(xml, DOMAIN_XML_LIMITS);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<ParseReply>((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, kind, xml }, resolve, reject });
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
    slot.worker.postMessage(pending.job);
    if (slot.ready) this.startBudget(slot);
  }

  private startBudget(slot: Slot): void {
    slot.timer = setTimeout(() => {
      this.lose(slot, fail(ErrorCode.XML_ERROR, `document was not parsed within ${this.budgetMs} ms and is refused`));
      void slot.worker.terminate();
    }, this.budgetMs);
  }

  /**
   * A screen passed within its budget, as it would without the definition:
   * the definition gets a budget of its own, past which the screen answers
   * without one (the document stays accepted) and the worker is replaced.
   */
  private screened(slot: Slot, reply: ParseReply): void {
    const pending = slot.busy;
    if (!pending || pending.job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      if (!this.slots.delete(slot)) return;
      slot.busy = undefined;
      pending.resolve({ id: reply.id });
      void slot.worker.terminate();
      this.pump();
    }, this.budgetMs);
  }

  private finish(slot: Slot, reply: ParseReply): void {
    const pending = slot.busy;
    if (!pending || pending.job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.busy = undefined;
    slot.worker.unref();
    if (reply.error) pending.reject(VirtErrorCodec.decode(reply.error));
    else pending.resolve(reply);
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
