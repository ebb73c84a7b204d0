import { ErrorCode, Interface, InterfaceDefineFlags, InterfaceXmlFlags, ListInterfacesFlags, isVirtError } from '@virtkit/core';
import type { Command } from 'commander';
import { failedBeforeTheCall } from '../failure.js';
import { formatTable } from '../output.js';
import type { CliSession } from '../session.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const ifaceArg = (c: Command) => c.argument('<interface>', 'interface name or MAC address');

/**
 * virsh's interface argument (virshCommandOptInterfaceBy): a MAC address
 * when it looks like one and `by` allows it, else a name; a miss reads
 * "failed to get interface 'X'".
 */
async function iface(s: CliSession, text: string, by: 'name' | 'mac' | 'either' = 'either'): Promise<Interface> {
  const conn = await s.connection();
  try {
    if (by !== 'name' && (by === 'mac' || MAC.test(text))) return await Interface.lookupByMac(conn, text);
    return await Interface.lookupByName(conn, text);
  } catch (e) {
    throw failedBeforeTheCall(e, isVirtError(e, ErrorCode.NO_INTERFACE) ? `failed to get interface '${text}'` : '');
  }
}

export const ifaceList: CliCommand = {
  name: 'iface-list',
  summary: 'list physical host interfaces',
  configure: (c) => c.option('--inactive', 'list inactive interfaces').option('--all', 'list inactive & active interfaces'),
  async run(s, _args, o) {
    const F = ListInterfacesFlags;
    const flags = o.all ? F.ACTIVE | F.INACTIVE : o.inactive ? F.INACTIVE : F.ACTIVE;
    const list = await Interface.listAll(await s.connection(), flags);
    const rows = await Promise.all(list.map(async (i) => ({ name: i.name, active: await i.isActive(), mac: i.mac })));
    return { text: formatTable(['Name', 'State', 'MAC Address'], rows.map((r) => [r.name, r.active ? 'active' : 'inactive', r.mac])), json: rows };
  },
};

export const ifaceName: CliCommand = {
  name: 'iface-name',
  summary: 'convert an interface MAC address to interface name',
  configure: (c) => c.argument('<interface>', 'interface mac'),
  async run(s, [mac]) {
    const i = await iface(s, mac, 'mac');
    return { text: `${i.name}\n\n`, json: { name: i.name, mac: i.mac } };
  },
};

export const ifaceMac: CliCommand = {
  name: 'iface-mac',
  summary: 'convert an interface name to interface MAC address',
  configure: (c) => c.argument('<interface>', 'interface name'),
  async run(s, [name]) {
    const i = await iface(s, name, 'name');
    return { text: `${i.mac}\n\n`, json: { name: i.name, mac: i.mac } };
  },
};

export const ifaceDumpxml: CliCommand = {
  name: 'iface-dumpxml',
  summary: 'interface information in XML',
  configure: (c) => ifaceArg(c).option('--inactive', 'show inactive defined XML'),
  async run(s, [text], o) {
    const xml = await (await iface(s, text)).getXmlDesc(o.inactive ? InterfaceXmlFlags.INACTIVE : 0);
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const ifaceDefine: CliCommand = {
  name: 'iface-define',
  summary: 'define an inactive persistent physical host interface or modify an existing persistent one from an XML file',
  configure: (c) => c.argument('<file>', 'file containing an XML interface description').option('--validate', 'validate the XML against the schema'),
  async run(s, [file], o) {
    const i = await Interface.define(await s.connection(), await readXml(file), o.validate ? InterfaceDefineFlags.VALIDATE : 0);
    return said(`Interface ${i.name} defined from ${file}`, { name: i.name, mac: i.mac });
  },
};

/** A command that takes one interface, acts on it and confirms in virsh's words: "Interface NAME <done>". */
function ifaceAction(name: string, summary: string, done: string, act: (i: Interface) => Promise<void>): CliCommand {
  return {
    name,
    summary,
    configure: ifaceArg,
    async run(s, [text]) {
      const i = await iface(s, text);
      await act(i);
      return said(`Interface ${i.name} ${done}`, { name: i.name });
    },
  };
}

export const ifaceUndefine = ifaceAction('iface-undefine', 'undefine a physical host interface (remove it from configuration)', 'undefined', (i) => i.undefine());
export const ifaceStart = ifaceAction('iface-start', 'start a physical host interface (enable it / "if-up")', 'started', (i) => i.start());
export const ifaceDestroy = ifaceAction('iface-destroy', 'destroy a physical host interface (disable it / "if-down")', 'destroyed', (i) => i.destroy());

/** The change-transaction commands: "Network config change transaction <done>". */
function transaction(name: string, summary: string, done: string, act: (s: CliSession) => Promise<void>): CliCommand {
  return {
    name,
    summary,
    configure: () => {},
    async run(s) {
      await act(s);
      return said(`Network config change transaction ${done}`, {});
    },
  };
}

export const ifaceBegin = transaction('iface-begin', 'create a snapshot of current interfaces settings, which can be later committed (iface-commit) or restored (iface-rollback)', 'started',
  async (s) => Interface.changeBegin(await s.connection()));
export const ifaceCommit = transaction('iface-commit', 'commit changes made since iface-begin and free restore point', 'committed', async (s) => Interface.changeCommit(await s.connection()));
export const ifaceRollback = transaction('iface-rollback', 'rollback to previous saved configuration created via iface-begin', 'rolled back', async (s) => Interface.changeRollback(await s.connection()));

export const INTERFACE_COMMANDS: readonly CliCommand[] = [ifaceList, ifaceName, ifaceMac, ifaceDumpxml, ifaceDefine, ifaceUndefine, ifaceStart, ifaceDestroy, ifaceBegin, ifaceCommit, ifaceRollback];
