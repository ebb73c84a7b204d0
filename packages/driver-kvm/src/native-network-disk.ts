import type { XmlElement } from '@virtkit/core';
import { bad, leaf, str, type Props } from './native-parse.js';

// -blockdev storage nodes of network protocols read back as <source protocol=…> (network-disk-args.ts writes them).

export const NETWORK_DRIVERS = ['nbd', 'iscsi', 'http', 'https', 'ftp', 'ftps', 'ssh', 'rbd', 'gluster', 'nfs'];

const el = (name: string, attrs: Record<string, string>, children: XmlElement[]): XmlElement => ({ kind: 'element', name, attrs, children });

/** A host of a server address: {type:'inet'|'unix', host, port, path} or rbd's/ssh's {host, port}. */
function hostOf(s: Props): XmlElement {
  if (s.type === 'unix') return leaf('host', { transport: 'unix', socket: str(s.path) ?? bad('unix server without path') });
  const attrs: Record<string, string> = { name: str(s.host) ?? bad('server without host') };
  if (str(s.port) !== undefined) attrs.port = str(s.port)!;
  return leaf('host', attrs);
}

/** The <source> of a network storage node. */
export function networkSourceOf(o: Props): XmlElement {
  const protocol = str(o.driver)!;
  switch (protocol) {
    case 'nbd': {
      const attrs: Record<string, string> = { protocol };
      if (str(o.export) !== undefined) attrs.name = str(o.export)!;
      const children = [hostOf(o.server as Props)];
      if (typeof o['reconnect-delay'] === 'number') children.push(leaf('reconnect', { delay: String(o['reconnect-delay']) }));
      return el('source', attrs, children);
    }
    case 'iscsi': {
      const portal = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(str(o.portal) ?? '') ?? bad(`iSCSI portal '${o.portal}' is not understood`);
      const host: Record<string, string> = { name: portal[1] ?? portal[2]!, port: portal[3]! };
      if (o.transport === 'iser') host.transport = 'rdma';
      const children = [leaf('host', host)];
      if (str(o['initiator-name']) !== undefined) children.push(el('initiator', {}, [leaf('iqn', { name: str(o['initiator-name'])! })]));
      return el('source', { protocol, name: `${str(o.target)}/${Number(o.lun ?? 0)}` }, children);
    }
    case 'http': case 'https': case 'ftp': case 'ftps': {
      const url = new URL(str(o.url) ?? bad(`${protocol} node without url`));
      const attrs: Record<string, string> = { protocol, name: decodeURIComponent(url.pathname) };
      if (url.search !== '') attrs.query = url.search.slice(1);
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const children = [leaf('host', { name: host, port: url.port === '' ? String({ http: 80, https: 443, ftp: 21, ftps: 990 }[protocol]) : url.port })];
      if (typeof o.sslverify === 'boolean') children.push(leaf('ssl', { verify: o.sslverify ? 'yes' : 'no' }));
      if (typeof o.readahead === 'number') children.push(leaf('readahead', { size: String(o.readahead) }));
      if (typeof o.timeout === 'number') children.push(leaf('timeout', { seconds: String(o.timeout) }));
      return el('source', attrs, children);
    }
    case 'ssh':
      return el('source', { protocol, name: str(o.path) ?? bad('ssh node without path') }, [hostOf(o.server as Props)]);
    case 'rbd': {
      const name = [str(o.pool), str(o.namespace), str(o.image)].filter((x) => x !== undefined).join('/') + (str(o.snapshot) !== undefined ? `@${str(o.snapshot)}` : '');
      const children = ((o.server as Props[] | undefined) ?? []).map(hostOf);
      if (str(o.conf) !== undefined) children.push(leaf('config', { file: str(o.conf)! }));
      return el('source', { protocol, name }, children);
    }
    case 'gluster':
      return el('source', { protocol, name: `${str(o.volume)}/${str(o.path)}` }, ((o.server as Props[] | undefined) ?? []).map(hostOf));
    default: {
      const server = o.server as Props;
      const children = [leaf('host', { name: str(server.host) ?? bad('nfs server without host') })];
      const id: Record<string, string> = {};
      if (typeof o.user === 'number') id.user = `+${o.user}`;
      if (typeof o.group === 'number') id.group = `+${o.group}`;
      if (Object.keys(id).length > 0) children.push(leaf('identity', id));
      return el('source', { protocol, name: str(o.path) ?? bad('nfs node without path') }, children);
    }
  }
}
