import { parentPort } from 'node:worker_threads';
import { ErrorDomain, VirtErrorCodec, toVirtError } from '../errors.js';
import { DOMAIN_XML_LIMITS, checkFormattedDomainSize, parseDomainXml } from '../domain/parse.js';
import { parseXmlDocument } from './parse-document.js';
import { formatXmlElement } from './tree.js';
import type { ParseJob, ParseReply } from './parse-pool.js';

/** One XmlParsePool worker: parses the documents it is sent, one at a time. */
parentPort!.on('message', (job: ParseJob) => {
  let reply: ParseReply;
  try {
    if (job.kind === 'domain') reply = { id: job.id, def: parseDomainXml(job.xml) };
    else {
      checkFormattedDomainSize(formatXmlElement(parseXmlDocument(job.xml, DOMAIN_XML_LIMITS)));
      reply = { id: job.id };
    }
  } catch (e) {
    reply = { id: job.id, error: VirtErrorCodec.encode(toVirtError(e, ErrorDomain.XML)) };
  }
  parentPort!.postMessage(reply);
});

const ready: ParseReply = { id: 0 };
parentPort!.postMessage(ready);
