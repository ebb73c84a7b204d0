import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ErrorDomain, VirtErrorCodec, toVirtError } from '../errors.js';
import { DOMAIN_XML_LIMITS, checkFormattedDomainSize, domainFromElement, parseDomainXml } from '../domain/parse.js';
import type { DomainDef } from '../domain/model.js';
import { parseXmlDocument } from './parse-document.js';
import { formatXmlElement, type XmlElement } from './tree.js';
import type { ParseJob, ParseReply } from './parse-pool.js';

/**
 * A worker parses untrusted documents at a lower CPU priority than the
 * event loop (niceness WORKER_NICE, for this thread alone on Linux, where a
 * thread id is a setpriority target): a flood of hostile documents then
 * takes CPU time from the other workers and from idle time before it takes
 * any from the thread that serves every client. Elsewhere it keeps the
 * process's priority.
 */
const WORKER_NICE = 10;
/** This thread's id on Linux (the pool reads its CPU time by it), else undefined. */
const tid = ((): number | undefined => {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
})();
try {
  if (tid !== undefined) setPriority(tid, Math.max(getPriority(tid), WORKER_NICE));
} catch {
  // Not allowed: the worker runs at the process's priority.
}

/** One XmlParsePool worker: parses the documents it is sent, one at a time. */
parentPort!.on('message', (job: ParseJob) => {
  let reply: ParseReply;
  try {
    if (job.kind === 'domain') reply = { id: job.id, def: parseDomainXml(job.xml!) };
    else {
      const xml = job.bytes ? Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString('utf8') : job.xml!;
      const root = parseXmlDocument(xml, DOMAIN_XML_LIMITS);
      checkFormattedDomainSize(formatXmlElement(root));
      // A passed screen's bytes go back with this message: the definition that follows may overrun its budget and the worker with it.
      const passed: ParseReply = { id: job.id, screened: true, bytes: job.bytes };
      parentPort!.postMessage(passed, job.bytes ? [job.bytes.buffer as ArrayBuffer] : []);
      reply = { id: job.id, def: modelOf(root) };
    }
  } catch (e) {
    reply = { id: job.id, error: VirtErrorCodec.encode(toVirtError(e, ErrorDomain.XML)) };
  }
  parentPort!.postMessage(reply);
});

/** The typed model of a screened document, when core's model accepts it (a driver may accept more). */
function modelOf(root: XmlElement): DomainDef | undefined {
  try {
    return domainFromElement(root);
  } catch {
    return undefined;
  }
}

const ready: ParseReply = { id: 0, tid };
parentPort!.postMessage(ready);
