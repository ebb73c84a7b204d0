import { LIB_VERSION, type NodeInfo } from '@virtkit/core';
import { formatFields } from '../output.js';
import { type CliCommand, said } from './command.js';

function versionText(v: number): string {
  return `${Math.floor(v / 1e6)}.${Math.floor((v % 1e6) / 1e3)}.${v % 1e3}`;
}

export const uri: CliCommand = {
  name: 'uri',
  summary: 'print the hypervisor canonical URI',
  configure: () => {},
  async run(s) {
    const u = await (await s.connection()).getUri();
    return said(u, { uri: u });
  },
};

export const hostname: CliCommand = {
  name: 'hostname',
  summary: 'print the hypervisor hostname',
  configure: () => {},
  async run(s) {
    const h = await (await s.connection()).getHostname();
    return said(h, { hostname: h });
  },
};

export const version: CliCommand = {
  name: 'version',
  summary: 'show version',
  configure: () => {},
  async run(s) {
    const conn = await s.connection();
    const [type, hv] = await Promise.all([conn.getType(), conn.getVersion()]);
    const lib = versionText(LIB_VERSION);
    const text = `Compiled against library: virtkit ${lib}\nUsing library: virtkit ${lib}\nUsing API: ${type} ${lib}\nRunning hypervisor: ${type} ${versionText(hv)}\n\n`;
    return { text, json: { library: lib, api: type, hypervisor: { type, version: versionText(hv) } } };
  },
};

export const capabilities: CliCommand = {
  name: 'capabilities',
  summary: 'capabilities',
  configure: () => {},
  async run(s) {
    const xml = await (await s.connection()).getCapabilities();
    return { text: xml.endsWith('\n') ? xml + '\n' : xml + '\n\n', json: { xml } };
  },
};

export const nodeinfo: CliCommand = {
  name: 'nodeinfo',
  summary: 'node information',
  configure: () => {},
  async run(s) {
    const n: NodeInfo = await (await s.connection()).getNodeInfo();
    const fields: Array<[string, string]> = [
      ['CPU model', n.model], ['CPU(s)', String(n.cpus)], ['CPU frequency', `${n.mhz} MHz`], ['CPU socket(s)', String(n.sockets)],
      ['Core(s) per socket', String(n.cores)], ['Thread(s) per core', String(n.threads)], ['NUMA cell(s)', String(n.nodes)], ['Memory size', `${n.memory} KiB`],
    ];
    return { text: formatFields(fields, 20), json: n };
  },
};

export const connect: CliCommand = {
  name: 'connect',
  summary: '(re)connect to hypervisor',
  configure: (c) => c.argument('[name]', 'hypervisor connection URI').option('--readonly', 'read-only connection'),
  async run(s, [name], o) {
    if (name) s.uri = name;
    s.readonly_ = !!o.readonly;
    await s.connection();
    return { text: '', json: { uri: s.uri, readonly: s.readonly_ } };
  },
};

