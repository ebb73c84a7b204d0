import { ErrorCode, ListNodeDevicesFlags, NODE_DEVICE_CAP_TYPES, NodeDevice, isVirtError } from '@virtkit/core';
import { failedBeforeTheCall, refusedByCli } from '../failure.js';
import { formatTree } from '../output.js';
import type { CliSession } from '../session.js';
import { type CliCommand, said } from './command.js';
import { readXml } from './domain-lifecycle.js';

/** virsh's device argument: a miss reads "Could not find matching device 'X'". */
async function device(s: CliSession, name: string): Promise<NodeDevice> {
  try {
    return await NodeDevice.lookupByName(await s.connection(), name);
  } catch (e) {
    throw failedBeforeTheCall(e, isVirtError(e, ErrorCode.NO_NODE_DEVICE) ? `Could not find matching device '${name}'` : '');
  }
}

/** The cap names virsh's --cap takes: the types, and 'vports' also as its XML name. */
function capFlags(list: string | undefined): number {
  let flags = 0;
  for (const name of (list ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '')) {
    const i = NODE_DEVICE_CAP_TYPES.indexOf(name === 'vport_ops' ? 'vports' : name);
    if (i < 0) throw refusedByCli('Invalid capability type');
    flags |= 1 << i;
  }
  return flags;
}

export const nodedevList: CliCommand = {
  name: 'nodedev-list',
  summary: 'enumerate devices on this host',
  configure: (c) => c.option('--tree', 'list devices in a tree').option('--cap <list>', 'capability names, separated by comma')
    .option('--inactive', 'list inactive devices').option('--all', 'list inactive & active devices'),
  async run(s, _args, o) {
    const F = ListNodeDevicesFlags;
    // virsh 9.0 always sends a state filter: ACTIVE unless told otherwise.
    const state = o.all ? F.ACTIVE | F.INACTIVE : o.inactive ? F.INACTIVE : F.ACTIVE;
    const list = await NodeDevice.listAll(await s.connection(), (capFlags(o.cap as string | undefined) | state) >>> 0);
    if (!o.tree) return { text: list.map((d) => `${d.name}\n`).join(''), json: list.map((d) => d.name) };
    const items = await Promise.all(list.map(async (d) => ({ name: d.name, parent: await d.getParent().catch(() => undefined) })));
    const names = new Set(items.map((i) => i.name));
    return { text: formatTree(items.map((i) => ({ name: i.name, parent: i.parent !== undefined && names.has(i.parent) ? i.parent : undefined }))), json: items };
  },
};

export const nodedevDumpxml: CliCommand = {
  name: 'nodedev-dumpxml',
  summary: 'node device details in XML',
  configure: (c) => c.argument('<device>', 'device name or wwn pair in \'wwnn,wwpn\' format'),
  async run(s, [name]) {
    const xml = await (await device(s, name)).getXmlDesc();
    return { text: `${xml}\n`, json: { xml } };
  },
};

export const nodedevInfo: CliCommand = {
  name: 'nodedev-info',
  summary: 'node device information',
  configure: (c) => c.argument('<device>', 'device name'),
  async run(s, [name]) {
    const d = await device(s, name);
    const [parent, active, persistent] = await Promise.all([d.getParent().catch(() => ''), d.isActive(), d.isPersistent()]);
    const yesNo = (b: boolean) => (b ? 'yes' : 'no');
    // virsh's own printf lines: an empty parent keeps the padding.
    const line = (k: string, v: string) => `${`${k}:`.padEnd(15)} ${v}\n`;
    const text = line('Name', d.name) + line('Parent', parent) + line('Active', yesNo(active)) + line('Persistent', yesNo(persistent)) + line('Autostart', 'no autostart') + '\n';
    return { text, json: { name: d.name, parent, active, persistent } };
  },
};

export const nodedevCreate: CliCommand = {
  name: 'nodedev-create',
  summary: 'create a device defined by an XML file on the node',
  configure: (c) => c.argument('<file>', 'file containing an XML description of the device'),
  async run(s, [file]) {
    const d = await NodeDevice.create(await s.connection(), await readXml(file));
    return said(`Node device ${d.name} created from ${file}`, { name: d.name });
  },
};

export const nodedevDestroy: CliCommand = {
  name: 'nodedev-destroy',
  summary: 'destroy (stop) a device on the node',
  configure: (c) => c.argument('<device>', 'device name or wwn pair in \'wwnn,wwpn\' format'),
  async run(s, [name]) {
    const d = await device(s, name);
    await d.destroy();
    return said(`Destroyed node device '${d.name}'`, { name: d.name });
  },
};

export const NODE_DEVICE_COMMANDS: readonly CliCommand[] = [nodedevList, nodedevDumpxml, nodedevInfo, nodedevCreate, nodedevDestroy];
