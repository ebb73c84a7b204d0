import { DeviceModifyFlags, DomainState, DomainXmlFlags, parseDomainXml, type Domain } from '@virtkit/core';
import { formatTable } from '../output.js';
import { readXml } from './domain-lifecycle.js';
import { type CliCommand, said } from './command.js';

const domainArg = (c: import('commander').Command) => c.argument('<domain>', 'domain name, id or uuid');

async function definition(d: Domain, inactive: boolean) {
  return parseDomainXml(await d.getXmlDesc(inactive ? DomainXmlFlags.INACTIVE : 0));
}

export const domiflist: CliCommand = {
  name: 'domiflist',
  summary: 'list all domain virtual interfaces',
  configure: (c) => domainArg(c).option('--inactive', 'get inactive rather than running configuration'),
  async run(s, [text], o) {
    const def = await definition(await s.domain(text), !!o.inactive);
    const rows = def.devices.interfaces.map((n) => ({
      interface: n.targetDev ?? '-', type: n.type, source: n.source?.network ?? n.source?.bridge ?? n.source?.dev ?? '-', model: n.model ?? '-', mac: n.mac ?? '-',
    }));
    return { text: formatTable(['Interface', 'Type', 'Source', 'Model', 'MAC'], rows.map((r) => [r.interface, r.type, r.source, r.model, r.mac])), json: rows };
  },
};

export const domblklist: CliCommand = {
  name: 'domblklist',
  summary: 'list all domain blocks',
  configure: (c) => domainArg(c).option('--inactive', 'get inactive rather than running configuration').option('--details', 'additionally display the type and device value'),
  async run(s, [text], o) {
    const def = await definition(await s.domain(text), !!o.inactive);
    const rows = def.devices.disks.map((disk) => ({
      type: disk.type, device: disk.device, target: disk.target.dev,
      source: disk.sourcePath ?? disk.source?.attrs.name ?? disk.source?.attrs.file ?? disk.source?.attrs.dev ?? disk.source?.attrs.volume ?? '-',
    }));
    const text2 = o.details
      ? formatTable(['Type', 'Device', 'Target', 'Source'], rows.map((r) => [r.type, r.device, r.target, r.source]))
      : formatTable(['Target', 'Source'], rows.map((r) => [r.target, r.source]));
    return { text: text2, json: rows };
  },
};

/**
 * attach-device, detach-device and update-device's options to
 * DeviceModifyFlags: --persistent is the live domain and its definition
 * when it runs, the definition otherwise; nothing at all is the live domain.
 */
async function deviceFlags(d: Domain, o: Record<string, unknown>): Promise<number> {
  let flags = (o.live ? DeviceModifyFlags.LIVE : 0) | (o.config ? DeviceModifyFlags.CONFIG : 0) | (o.force ? DeviceModifyFlags.FORCE : 0);
  if (o.persistent) flags |= DeviceModifyFlags.CONFIG | ((await d.getState()).state !== DomainState.SHUTOFF ? DeviceModifyFlags.LIVE : 0);
  if (!o.live && !o.config && !o.persistent && !o.current) flags |= DeviceModifyFlags.LIVE;
  return flags;
}

function deviceCommand(name: string, summary: string, done: string, act: (d: Domain, xml: string, flags: number) => Promise<void>, force = false): CliCommand {
  return {
    name,
    summary,
    configure: (c) => {
      domainArg(c).argument('<file>', 'XML file').option('--persistent', 'make live change persistent').option('--config', 'affect next boot')
        .option('--live', 'affect running domain').option('--current', 'affect current domain');
      if (force) c.option('--force', 'force device update');
    },
    async run(s, [text, file], o) {
      const d = await s.domain(text);
      const xml = await readXml(file);
      await act(d, xml, await deviceFlags(d, o));
      return said(`Device ${done} successfully`, { name: d.name, file });
    },
  };
}

export const attachDevice = deviceCommand('attach-device', 'attach device from an XML file', 'attached', (d, xml, flags) => d.attachDevice(xml, flags));
export const detachDevice = deviceCommand('detach-device', 'detach device from an XML file', 'detached', (d, xml, flags) => d.detachDevice(xml, flags));
export const updateDevice = deviceCommand('update-device', 'update device from an XML file', 'updated', (d, xml, flags) => d.updateDevice(xml, flags), true);
