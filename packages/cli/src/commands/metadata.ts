import { DomainModificationImpact, ErrorCode, MetadataType, isVirtError } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import type { CliCommand } from './command.js';

const impactOptions = (c: import('commander').Command) => c.option('--live', 'modify/get running state').option('--config', 'modify/get persistent state').option('--current', 'modify/get current state');

function impactFlags(o: Record<string, unknown>): number {
  if (o.current && (o.live || o.config)) throw refusedByCli(`Options --current and --${o.live ? 'live' : 'config'} are mutually exclusive`);
  return (o.live ? DomainModificationImpact.LIVE : 0) | (o.config ? DomainModificationImpact.CONFIG : 0);
}

export const desc: CliCommand = {
  name: 'desc',
  summary: 'show or set domain\'s description or title',
  configure: (c) => impactOptions(c.argument('<domain>', 'domain name, id or uuid').argument('[new-desc...]', 'message'))
    .option('--title', 'modify/get the title instead of description').option('--new-desc <string>', 'message'),
  async run(s, [text, ...words], o) {
    const flags = impactFlags(o);
    const type = o.title ? MetadataType.TITLE : MetadataType.DESCRIPTION;
    const what = o.title ? 'title' : 'description';
    const given = [o.newDesc as string | undefined, ...(words.flat() as string[])].filter((w) => w !== undefined);
    const d = await s.domain(text);
    if (given.length > 0) {
      await d.setMetadata(type, given.join(' '), undefined, undefined, flags);
      return { text: `Domain ${what} updated successfully\n`, json: { name: d.name, [what]: given.join(' ') } };
    }
    try {
      const value = await d.getMetadata(type, undefined, flags);
      return { text: `${value}\n`, json: { name: d.name, [what]: value } };
    } catch (e) {
      if (!isVirtError(e, ErrorCode.NO_DOMAIN_METADATA)) throw e;
      return { text: `No ${what} for domain: ${d.name}\n`, json: { name: d.name, [what]: null } };
    }
  },
};

export const metadata: CliCommand = {
  name: 'metadata',
  summary: 'show or set domain\'s custom XML metadata',
  configure: (c) => impactOptions(c.argument('<domain>', 'domain name, id or uuid').argument('<uri>', 'URI of the namespace'))
    .option('--key <string>', 'key to be used as a namespace identifier').option('--set <string>', 'new metadata to set').option('--remove', 'remove the metadata corresponding to an uri'),
  async run(s, [text, uri], o) {
    const flags = impactFlags(o);
    if (o.set !== undefined && o.key === undefined) throw refusedByCli('namespace key is required when modifying metadata');
    const d = await s.domain(text);
    if (o.set !== undefined || o.remove) {
      await d.setMetadata(MetadataType.ELEMENT, o.remove ? undefined : (o.set as string), o.key as string | undefined, uri, flags);
      return { text: o.remove ? 'Metadata removed\n\n' : 'Metadata modified\n\n', json: { name: d.name, uri } };
    }
    const xml = await d.getMetadata(MetadataType.ELEMENT, uri, flags);
    return { text: `${xml}\n\n`, json: { name: d.name, uri, xml } };
  },
};
