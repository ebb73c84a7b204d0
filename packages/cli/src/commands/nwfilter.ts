import { ErrorCode, ErrorDomain, NWFilter, NWFilterBinding, errorReporter, isVirtError } from '@virtkit/core';
import { failedBeforeTheCall } from '../failure.js';
import { formatTable } from '../output.js';
import type { CliSession } from '../session.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

const fail = errorReporter(ErrorDomain.NONE);

/** virsh's filter argument: by UUID or name; a miss reads "failed to get nwfilter 'X'". */
async function nwfilter(s: CliSession, text: string): Promise<NWFilter> {
  try {
    return await NWFilter.lookup(await s.connection(), text);
  } catch (e) {
    throw failedBeforeTheCall(e, `failed to get nwfilter '${text}'`);
  }
}

export const nwfilterList: CliCommand = {
  name: 'nwfilter-list',
  summary: 'list network filters',
  configure: () => {},
  async run(s) {
    let list: NWFilter[];
    try {
      list = await NWFilter.listAll(await s.connection());
    } catch (e) {
      // virsh falls back to virConnectNumOfNWFilters, whose failure is what it reports.
      if (isVirtError(e, ErrorCode.NO_SUPPORT)) throw failedBeforeTheCall(fail(ErrorCode.NO_SUPPORT, 'virConnectNumOfNWFilters'), 'Failed to count network filters');
      throw e;
    }
    return { text: formatTable(['UUID', 'Name'], list.map((f) => [f.uuid, f.name])), json: list.map((f) => ({ uuid: f.uuid, name: f.name })) };
  },
};

export const nwfilterDefine: CliCommand = {
  name: 'nwfilter-define',
  summary: 'define or update a network filter from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML network filter description').option('--validate', 'validate the XML against the schema'),
  async run(s, [file], o) {
    const f = await NWFilter.define(await s.connection(), await readXml(file), o.validate ? 1 : 0);
    return said(`Network filter ${f.name} defined from ${file}`, { name: f.name, uuid: f.uuid });
  },
};

export const nwfilterDumpxml: CliCommand = {
  name: 'nwfilter-dumpxml',
  summary: 'network filter information in XML',
  configure: (c) => c.argument('<nwfilter>', 'network filter name or uuid'),
  async run(s, [text]) {
    const xml = await (await nwfilter(s, text)).getXmlDesc();
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const nwfilterUndefine: CliCommand = {
  name: 'nwfilter-undefine',
  summary: 'undefine a network filter',
  configure: (c) => c.argument('<nwfilter>', 'network filter name or uuid'),
  async run(s, [text]) {
    const f = await nwfilter(s, text);
    await f.undefine();
    return said(`Network filter ${f.name} undefined`, { name: f.name });
  },
};

/** virsh's binding argument: a port device; a miss reads "failed to get nwfilter binding 'X'". */
async function binding(s: CliSession, portdev: string): Promise<NWFilterBinding> {
  try {
    return await NWFilterBinding.lookupByPortDev(await s.connection(), portdev);
  } catch (e) {
    throw failedBeforeTheCall(e, `failed to get nwfilter binding '${portdev}'`);
  }
}

export const nwfilterBindingList: CliCommand = {
  name: 'nwfilter-binding-list',
  summary: 'list network filter bindings',
  configure: () => {},
  async run(s) {
    const list = await NWFilterBinding.listAll(await s.connection());
    return { text: formatTable(['Port Dev', 'Filter'], list.map((b) => [b.portdev, b.filterName])), json: list.map((b) => ({ portdev: b.portdev, filter: b.filterName })) };
  },
};

export const nwfilterBindingCreate: CliCommand = {
  name: 'nwfilter-binding-create',
  summary: 'create a network filter binding from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML network filter binding description').option('--validate', 'validate the XML against the schema'),
  async run(s, [file], o) {
    const b = await NWFilterBinding.create(await s.connection(), await readXml(file), o.validate ? 1 : 0);
    return said(`Network filter binding on ${b.portdev} created from ${file}`, { portdev: b.portdev, filter: b.filterName });
  },
};

export const nwfilterBindingDumpxml: CliCommand = {
  name: 'nwfilter-binding-dumpxml',
  summary: 'network filter information in XML',
  configure: (c) => c.argument('<binding>', 'network filter binding portdev'),
  async run(s, [portdev]) {
    const xml = await (await binding(s, portdev)).getXmlDesc();
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const nwfilterBindingDelete: CliCommand = {
  name: 'nwfilter-binding-delete',
  summary: 'delete a network filter binding',
  configure: (c) => c.argument('<binding>', 'network filter binding portdev'),
  async run(s, [portdev]) {
    const b = await binding(s, portdev);
    await b.delete();
    return said(`Network filter binding on ${b.portdev} deleted`, { portdev: b.portdev });
  },
};

export const NWFILTER_COMMANDS: readonly CliCommand[] = [
  nwfilterList, nwfilterDefine, nwfilterDumpxml, nwfilterUndefine, nwfilterBindingList, nwfilterBindingCreate, nwfilterBindingDumpxml, nwfilterBindingDelete,
];
