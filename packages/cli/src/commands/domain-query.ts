import { DomainXmlFlags, ListDomainsFlags } from '@virtkit/core';
import { formatFields, formatTable, reasonName, stateName } from '../output.js';
import type { CliCommand } from './command.js';

export const list: CliCommand = {
  name: 'list',
  summary: 'list domains',
  configure: (c) => c.option('--all', 'list inactive and active domains').option('--inactive', 'list inactive domains').option('--name', 'list domain names only'),
  async run(s, _args, o) {
    const conn = await s.connection();
    const flags = o.all ? 0 : o.inactive ? ListDomainsFlags.INACTIVE : ListDomainsFlags.ACTIVE;
    const doms = await conn.listAllDomains(flags);
    const rows = await Promise.all(doms.map(async (d) => ({ id: d.id, name: d.name, uuid: d.uuid, state: stateName((await d.getState()).state) })));
    const text = o.name ? rows.map((r) => r.name).join('\n') + '\n\n' : formatTable(['Id', 'Name', 'State'], rows.map((r) => [r.id < 0 ? '-' : String(r.id), r.name, r.state]));
    return { text, json: rows };
  },
};

export const dominfo: CliCommand = {
  name: 'dominfo',
  summary: 'domain information',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid'),
  async run(s, [name]) {
    const d = await s.domain(name);
    // virsh leaves the OS Type line out when the driver cannot say.
    const [info, persistent, osType] = await Promise.all([d.getInfo(), d.isPersistent(), d.getOSType().catch(() => undefined)]);
    const json = { id: d.id, name: d.name, uuid: d.uuid, osType, state: stateName(info.state), cpus: info.nrVirtCpu, cpuTimeNs: info.cpuTime, maxMemoryKiB: info.maxMem, usedMemoryKiB: info.memory, persistent };
    const fields: Array<[string, string]> = [['Id', d.id < 0 ? '-' : String(d.id)], ['Name', d.name], ['UUID', d.uuid]];
    if (osType !== undefined) fields.push(['OS Type', osType]);
    fields.push(['State', stateName(info.state)], ['CPU(s)', String(info.nrVirtCpu)]);
    if (info.cpuTime > 0n) fields.push(['CPU time', `${(Number(info.cpuTime) / 1e9).toFixed(1)}s`]);
    fields.push(['Max memory', `${info.maxMem} KiB`], ['Used memory', `${info.memory} KiB`], ['Persistent', persistent ? 'yes' : 'no']);
    // virsh leaves out what the driver cannot say (NO_SUPPORT), as for the OS type.
    const [autostart, managedSave] = await Promise.all([d.getAutostart().catch(() => undefined), d.hasManagedSaveImage().catch(() => undefined)]);
    if (autostart !== undefined) fields.push(['Autostart', autostart ? 'enable' : 'disable']);
    if (managedSave !== undefined) fields.push(['Managed save', managedSave ? 'yes' : 'no']);
    Object.assign(json, { autostart, managedSave });
    return { text: formatFields(fields), json };
  },
};

export const domstate: CliCommand = {
  name: 'domstate',
  summary: 'domain state',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').option('--reason', 'also print the reason for the state'),
  async run(s, [name], o) {
    const { state, reason } = await (await s.domain(name)).getState();
    const text = o.reason ? `${stateName(state)} (${reasonName(state, reason)})` : stateName(state);
    return { text: `${text}\n\n`, json: { state: stateName(state), reason: reasonName(state, reason) } };
  },
};

export const dumpxml: CliCommand = {
  name: 'dumpxml',
  summary: 'domain information in XML',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').option('--inactive', 'show the inactive definition').option('--security-info', 'include security sensitive information').option('--migratable', 'provide XML suitable for migrations'),
  async run(s, [name], o) {
    const flags = (o.inactive ? DomainXmlFlags.INACTIVE : 0) | (o.securityInfo ? DomainXmlFlags.SECURE : 0) | (o.migratable ? DomainXmlFlags.MIGRATABLE : 0);
    const xml = await (await s.domain(name)).getXmlDesc(flags);
    return { text: (xml.endsWith('\n') ? xml : xml + '\n') + '\n', json: { xml } };
  },
};
