import { parentPort } from 'node:worker_threads';
import { ErrorDomain, VirtErrorCodec, toVirtError } from '../errors.js';
import { DOMAIN_XML_LIMITS, checkFormattedDomainSize, domainFromElement, parseDomainXml } from '../domain/parse.js';
import type { DomainDef } from '../domain/model.js';
import { parseXmlDocument } from './parse-document.js';
import { formatXmlElement, type XmlElement } from './tree.js';
import type { ParseJob, ParseReply } from './parse-pool.js';

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

const ready: ParseReply = { id: 0 };
parentPort!.postMessage(ready);
