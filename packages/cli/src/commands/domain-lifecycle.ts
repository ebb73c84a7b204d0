import { readFile } from 'node:fs/promises';
import { CreateFlags, DefineFlags, DestroyFlags, ErrorCode, ErrorDomain, VirtError } from '@virtkit/core';
import { type CliCommand, said } from './command.js';

/** Reads a file named on the command line; a miss is READ_FAILED naming the file. */
export async function readXml(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new VirtError({ code: ErrorCode.READ_FAILED, domain: ErrorDomain.NONE, message: `Failed to open file '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
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

export const undefine: CliCommand = {
  name: 'undefine',
  summary: 'undefine a domain',
  configure: domainArg,
  async run(s, [name]) {
    const d = await s.domain(name);
    await d.undefine();
    return said(`Domain '${d.name}' has been undefined`, { name: d.name });
  },
};

export const start: CliCommand = {
  name: 'start',
  summary: 'start a (previously defined) inactive domain',
  configure: (c) => domainArg(c).option('--paused', 'leave the guest paused after start'),
  async run(s, [name], o) {
    const d = await s.domain(name);
    await d.start(o.paused ? CreateFlags.START_PAUSED : 0);
    return said(`Domain '${d.name}' started`, { name: d.name, id: d.id });
  },
};

export const shutdown: CliCommand = {
  name: 'shutdown',
  summary: 'gracefully shutdown a domain',
  configure: domainArg,
  async run(s, [name]) {
    const d = await s.domain(name);
    await d.shutdown();
    return said(`Domain '${d.name}' is being shutdown`, { name: d.name });
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

export const suspend: CliCommand = {
  name: 'suspend',
  summary: 'suspend a domain',
  configure: domainArg,
  async run(s, [name]) {
    const d = await s.domain(name);
    await d.suspend();
    return said(`Domain '${d.name}' suspended`, { name: d.name });
  },
};

export const resume: CliCommand = {
  name: 'resume',
  summary: 'resume a domain',
  configure: domainArg,
  async run(s, [name]) {
    const d = await s.domain(name);
    await d.resume();
    return said(`Domain '${d.name}' resumed`, { name: d.name });
  },
};
