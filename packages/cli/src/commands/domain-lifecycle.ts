import { readFile } from 'node:fs/promises';
import { CreateFlags, DefineFlags, DestroyFlags, ErrorCode, ErrorDomain, VirtError, strerror, type Domain } from '@virtkit/core';
import { failedBeforeTheCall, refusedByCli } from '../failure.js';
import { type CliCommand, said } from './command.js';

/** Reads a file named on the command line; failing is READ_FAILED in virsh's words (virFileReadAll's). */
export async function readXml(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const verb = (e as NodeJS.ErrnoException).syscall === 'open' ? 'open' : 'read';
    throw failedBeforeTheCall(new VirtError({ code: ErrorCode.READ_FAILED, domain: ErrorDomain.NONE, message: `Failed to ${verb} file '${file}': ${strerror(e)}`, cause: e }));
  }
}

const domainArg = (c: import('commander').Command) => c.argument('<domain>', 'domain name, id or uuid');

export const define: CliCommand = {
  name: 'define',
  summary: 'define (but don\'t start) a domain from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML domain description').option('--validate', 'validate the XML against the schema'),
  async run(s, [file], o) {
    const d = await (await s.connection()).defineDomain(await readXml(file), o.validate ? DefineFlags.VALIDATE : 0);
    return said(`Domain '${d.name}' defined from ${file}`, { name: d.name, uuid: d.uuid });
  },
};

export const create: CliCommand = {
  name: 'create',
  summary: 'create a domain from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML domain description').option('--paused', 'leave the guest paused after creation'),
  async run(s, [file], o) {
    const d = await (await s.connection()).createDomain(await readXml(file), o.paused ? CreateFlags.START_PAUSED : 0);
    return said(`Domain '${d.name}' created from ${file}`, { name: d.name, uuid: d.uuid, id: d.id });
  },
};

/**
 * A command that takes one domain, calls one method on it and confirms in
 * virsh's words: "Domain 'NAME' <done>".
 */
function domainAction(name: string, summary: string, done: string, act: (d: Domain) => Promise<void>): CliCommand {
  return {
    name,
    summary,
    configure: domainArg,
    async run(s, [text]) {
      const d = await s.domain(text);
      await act(d);
      return said(`Domain '${d.name}' ${done}`, { name: d.name });
    },
  };
}

export const undefine = domainAction('undefine', 'undefine a domain', 'has been undefined', (d) => d.undefine());
export const shutdown = domainAction('shutdown', 'gracefully shutdown a domain', 'is being shutdown', (d) => d.shutdown());
export const suspend = domainAction('suspend', 'suspend a domain', 'suspended', (d) => d.suspend());
export const resume = domainAction('resume', 'resume a domain', 'resumed', (d) => d.resume());

export const start: CliCommand = {
  name: 'start',
  summary: 'start a (previously defined) inactive domain',
  configure: (c) => domainArg(c).option('--paused', 'leave the guest paused after start'),
  async run(s, [name], o) {
    const d = await s.domain(name);
    if (d.id >= 0) throw refusedByCli('Domain is already active', ErrorCode.OPERATION_INVALID);
    await d.start(o.paused ? CreateFlags.START_PAUSED : 0);
    return said(`Domain '${d.name}' started`, { name: d.name, id: d.id });
  },
};

export const destroy: CliCommand = {
  name: 'destroy',
  summary: 'destroy (stop) a domain',
  configure: (c) => domainArg(c).option('--graceful', 'terminate gracefully'),
  async run(s, [name], o) {
    const d = await s.domain(name);
    await d.destroy(o.graceful ? DestroyFlags.GRACEFUL : 0);
    return said(`Domain '${d.name}' destroyed`, { name: d.name });
  },
};
