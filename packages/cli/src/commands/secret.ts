import { readFile } from 'node:fs/promises';
import { ErrorCode, ErrorDomain, SECRET_USAGE_TYPES, Secret, errorReporter, isVirtError } from '@virtkit/core';
import { failedBeforeTheCall, refusedByCli } from '../failure.js';
import { formatTable } from '../output.js';
import type { CliSession } from '../session.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

const fail = errorReporter(ErrorDomain.NONE);

/** virsh's secret argument: a UUID; a miss reads "failed to get secret 'X'". */
async function secret(s: CliSession, uuid: string): Promise<Secret> {
  try {
    return await Secret.lookupByUuid(await s.connection(), uuid);
  } catch (e) {
    throw failedBeforeTheCall(e, `failed to get secret '${uuid}'`);
  }
}

export const secretList: CliCommand = {
  name: 'secret-list',
  summary: 'list secrets',
  configure: (c) => c.option('--ephemeral', 'list ephemeral secrets').option('--no-ephemeral', 'list non-ephemeral secrets')
    .option('--private', 'list private secrets').option('--no-private', 'list non-private secrets'),
  async run(s, _args, o) {
    const flags = (o.ephemeral === true ? 1 : o.ephemeral === false ? 2 : 0) | (o.private === true ? 4 : o.private === false ? 8 : 0);
    let list: Secret[];
    try {
      list = await Secret.listAll(await s.connection(), flags);
    } catch (e) {
      // virsh falls back to virConnectNumOfSecrets, whose failure is what it reports.
      if (isVirtError(e, ErrorCode.NO_SUPPORT)) throw failedBeforeTheCall(fail(ErrorCode.NO_SUPPORT, 'virConnectNumOfSecrets'), 'Failed to count secrets');
      throw e;
    }
    const usage = (x: Secret) => (x.usageType === 0 ? 'Unused' : `${SECRET_USAGE_TYPES[x.usageType] ?? x.usageType} ${x.usageId}`);
    return { text: formatTable(['UUID', 'Usage'], list.map((x) => [x.uuid, usage(x)])), json: list.map((x) => ({ uuid: x.uuid, usageType: x.usageType, usageId: x.usageId })) };
  },
};

export const secretDefine: CliCommand = {
  name: 'secret-define',
  summary: 'define or modify a secret from an XML file',
  configure: (c) => c.argument('<file>', 'file containing secret attributes in XML').option('--validate', 'validate the XML against the schema'),
  async run(s, [file], o) {
    const x = await Secret.define(await s.connection(), await readXml(file), o.validate ? 1 : 0);
    return said(`Secret ${x.uuid} created`, { uuid: x.uuid });
  },
};

export const secretDumpxml: CliCommand = {
  name: 'secret-dumpxml',
  summary: 'secret attributes in XML',
  configure: (c) => c.argument('<secret>', 'secret UUID'),
  async run(s, [uuid]) {
    const xml = await (await secret(s, uuid)).getXmlDesc();
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const secretSetValue: CliCommand = {
  name: 'secret-set-value',
  summary: 'set a secret value',
  configure: (c) => c.argument('<secret>', 'secret UUID').option('--file <file>', 'read secret from file').option('--plain', 'read the secret from file without converting from base64')
    .option('--base64 <value>', 'base64-encoded secret value'),
  async run(s, [uuid], o) {
    if (o.file !== undefined && o.base64 !== undefined) throw refusedByCli('Options --file and --base64 are mutually exclusive');
    if (o.file === undefined && o.base64 === undefined) throw refusedByCli('Input secret value is missing');
    const x = await secret(s, uuid);
    const raw = o.file !== undefined ? await readFile(o.file as string) : Buffer.from(o.base64 as string);
    const value = o.plain ? raw : Buffer.from(raw.toString('utf8').trim(), 'base64');
    await x.setValue(value);
    return said('Secret value set', { uuid: x.uuid });
  },
};

export const secretGetValue: CliCommand = {
  name: 'secret-get-value',
  summary: 'output a secret value',
  configure: (c) => c.argument('<secret>', 'secret UUID').option('--plain', 'get value without converting to base64'),
  async run(s, [uuid], o) {
    const value = Buffer.from(await (await secret(s, uuid)).getValue());
    return { text: o.plain ? value.toString('utf8') : `${value.toString('base64')}\n`, json: { base64: value.toString('base64') } };
  },
};

export const secretUndefine: CliCommand = {
  name: 'secret-undefine',
  summary: 'undefine a secret',
  configure: (c) => c.argument('<secret>', 'secret UUID'),
  async run(s, [uuid]) {
    const x = await secret(s, uuid);
    await x.undefine();
    return said(`Secret ${x.uuid} deleted`, { uuid: x.uuid });
  },
};

export const SECRET_COMMANDS: readonly CliCommand[] = [secretList, secretDefine, secretDumpxml, secretSetValue, secretGetValue, secretUndefine];
