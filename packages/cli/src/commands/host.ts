import { CORE_API_VERSION, VIRTKIT_VERSION, versionText, type NodeInfo } from '@virtkit/core';
import { formatFields } from '../output.js';
import { BUILT_AGAINST_CORE } from '../version.js';
import { type CliCommand, said } from './command.js';

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

/**
 * virsh's four lines: the core release the CLI was built against, the core
 * release loaded, the driver contract's version (CORE_API_VERSION) under the
 * hypervisor's type, and the hypervisor's own version.
 */
export const version: CliCommand = {
  name: 'version',
  summary: 'show version',
  configure: () => {},
  async run(s) {
    const conn = await s.connection();
    const [type, hv] = await Promise.all([conn.getType(), conn.getVersion()]);
    const hypervisor = versionText(hv);
    const text = `Compiled against library: virtkit ${BUILT_AGAINST_CORE}\nUsing library: virtkit ${VIRTKIT_VERSION}\nUsing API: ${type} ${CORE_API_VERSION}\nRunning hypervisor: ${type} ${hypervisor}\n\n`;
    return { text, json: { compiledAgainst: BUILT_AGAINST_CORE, library: VIRTKIT_VERSION, api: type, apiVersion: CORE_API_VERSION, hypervisor: { type, version: hypervisor } } };
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

