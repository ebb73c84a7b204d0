import type { XmlElement } from '@virtkit/core';
import type { Json, JsonValue } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';
import type { QemuCaps } from './qemu-caps.js';

// <disk type='network'>: the -blockdev storage node of each protocol, as QEMU 7.2's block drivers
// take it and libvirt writes it (qemuBlockStorageSourceGetBackendProps).

/** The port libvirt fills in for a <host> without one (virStorageSourceNetworkDefaultPort); rbd and nfs have none. */
export const NETWORK_DEFAULT_PORT: Readonly<Record<string, string>> = {
  nbd: '10809', iscsi: '3260', http: '80', https: '443', ftp: '21', ftps: '990', ssh: '22', gluster: '24007',
};

/** gluster's log level on the command line: libvirt's gluster_debug_level default. */
const GLUSTER_DEBUG_LEVEL = 4;

/** Why the parts of a network source that need what this driver does not hold are refused. */
export const SECRET_NEEDED = "needs a libvirt secret's value handed to QEMU as a secret object encrypted with the domain's master key, which this driver has no secret store for";

const elements = (e: XmlElement, name: string) => e.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name);
const only = (e: XmlElement, name: string) => elements(e, name)[0];

/** [host] for an IPv6 literal in a URL or portal, else the name. */
const hostPart = (h: string) => (h.includes(':') ? `[${h}]` : h);

/** The children each protocol's <source> may have (others are refused by name). */
const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  nbd: ['host', 'reconnect'],
  iscsi: ['host', 'initiator'],
  http: ['host', 'readahead', 'timeout'],
  https: ['host', 'ssl', 'readahead', 'timeout'],
  ftp: ['host', 'readahead', 'timeout'],
  ftps: ['host', 'ssl', 'readahead', 'timeout'],
  // A known-hosts file is read only by nbdkit's ssh plugin; QEMU's ssh driver checks the user's own, as with libvirt without nbdkit.
  ssh: ['host', 'knownHosts'],
  rbd: ['host', 'config', 'snapshot'],
  gluster: ['host'],
  nfs: ['host', 'identity'],
};

/**
 * The storage node's properties (without node-name and read-only) of a
 * network source. `el` names the disk's <source>. What needs a secret, TLS
 * credentials or nbdkit is refused by name.
 */
export function networkStorageProps(source: XmlElement, el: string, caps: Pick<QemuCaps, 'blockDrivers'> = {}): Json {
  const protocol = source.attrs.protocol;
  if (protocol === undefined) throw unsupportedConfig(`${el}/@protocol`, 'a network source needs a protocol');
  const allowed = CHILDREN[protocol];
  if (!allowed) throw unsupportedConfig(`${el}/@protocol`, `network protocol '${protocol}' is not supported (${Object.keys(CHILDREN).join(', ')}; QEMU 7.2 has no other network block driver)`);
  // Debian builds every driver but nbd as a module of qemu-block-extra.
  if (caps.blockDrivers !== undefined && !caps.blockDrivers.includes(protocol)) throw unsupportedConfig(`${el}/@protocol`, `this QEMU cannot load its '${protocol}' block driver (Debian ships it in qemu-block-extra)`);
  for (const [k, v] of Object.entries(source.attrs)) {
    checkOptionText(v, `${el}/@${k}`);
    if (k === 'tls' && v === 'yes') throw unsupportedConfig(`${el}/@tls`, "TLS to the storage server needs the host's x509 certificates as a tls-creds-x509 object, which this driver does not manage");
    if (!['protocol', 'name', 'query', 'tls', 'tlsHostname', 'index'].includes(k)) throw unsupportedConfig(`${el}/@${k}`, 'attribute not supported by the QEMU driver');
  }
  for (const c of source.children) {
    if (c.kind !== 'element') continue;
    if (c.name === 'auth') throw unsupportedConfig(`${el}/auth`, `authentication ${SECRET_NEEDED}`);
    if (c.name === 'cookies') throw unsupportedConfig(`${el}/cookies`, `HTTP cookies are passed to QEMU as a secret object encrypted with the domain's master key, which this driver does not create`);
    if (c.name === 'encryption') throw unsupportedConfig(`${el}/encryption`, `an encrypted image ${SECRET_NEEDED}`);
    // A qcow2 image's data file (backing-chain.ts).
    if (c.name === 'dataStore') continue;
    if (!allowed.includes(c.name)) throw unsupportedConfig(`${el}/${c.name}`, `<${c.name}> is not supported for protocol '${protocol}'`);
  }
  const hosts = elements(source, 'host').map((h) => {
    for (const [k, v] of Object.entries(h.attrs)) {
      checkOptionText(v, `${el}/host/@${k}`);
      if (!['name', 'port', 'transport', 'socket'].includes(k)) throw unsupportedConfig(`${el}/host/@${k}`, 'attribute not supported by the QEMU driver');
    }
    const transport = h.attrs.transport ?? 'tcp';
    if (transport === 'unix') {
      if (h.attrs.socket === undefined) throw unsupportedConfig(`${el}/host/@socket`, 'a unix transport needs a socket path');
    } else if (transport !== 'tcp' && !(transport === 'rdma' && protocol === 'iscsi')) throw unsupportedConfig(`${el}/host/@transport`, `transport '${transport}' is not supported for protocol '${protocol}'`);
    else if (h.attrs.name === undefined) throw unsupportedConfig(`${el}/host/@name`, 'a network host needs a name');
    if (h.attrs.port !== undefined && !/^\d+$/.test(h.attrs.port)) throw unsupportedConfig(`${el}/host/@port`, `'${h.attrs.port}' is not a port number`);
    return { transport, name: h.attrs.name ?? '', port: h.attrs.port ?? NETWORK_DEFAULT_PORT[protocol], socket: h.attrs.socket ?? '' };
  });
  const many = protocol === 'rbd' || protocol === 'gluster';
  if (hosts.length === 0 && protocol !== 'rbd') throw unsupportedConfig(`${el}/host`, `protocol '${protocol}' needs a <host>`);
  if (hosts.length > 1 && !many) throw unsupportedConfig(`${el}/host`, `protocol '${protocol}' takes one host`);
  if (protocol !== 'nbd' && protocol !== 'gluster' && hosts.some((h) => h.transport === 'unix')) throw unsupportedConfig(`${el}/host/@transport`, `protocol '${protocol}' has no unix transport`);
  const name = source.attrs.name;
  const h = hosts[0];
  switch (protocol) {
    case 'nbd': {
      const server: JsonValue = h!.transport === 'unix' ? { type: 'unix', path: h!.socket } : { type: 'inet', host: h!.name, port: h!.port! };
      const props: Json = { driver: 'nbd', server };
      if (name !== undefined) props.export = name;
      const reconnect = only(source, 'reconnect');
      if (reconnect) props['reconnect-delay'] = seconds(reconnect.attrs.delay, `${el}/reconnect/@delay`);
      return props;
    }
    case 'iscsi': {
      if (name === undefined) throw unsupportedConfig(`${el}/@name`, 'an iSCSI source names its target');
      const slash = name.lastIndexOf('/');
      const lunText = slash >= 0 ? name.slice(slash + 1) : '0';
      if (!/^\d+$/.test(lunText)) throw unsupportedConfig(`${el}/@name`, `'${lunText}' is not a LUN number`);
      const props: Json = { driver: 'iscsi', portal: `${hostPart(h!.name)}:${h!.port}`, target: slash >= 0 ? name.slice(0, slash) : name, lun: Number(lunText), transport: h!.transport === 'rdma' ? 'iser' : 'tcp' };
      const iqn = only(source, 'initiator') && only(only(source, 'initiator')!, 'iqn')?.attrs.name;
      if (iqn !== undefined) props['initiator-name'] = iqn;
      return props;
    }
    case 'http': case 'https': case 'ftp': case 'ftps': {
      const path = name === undefined ? '/' : name.startsWith('/') ? name : `/${name}`;
      const query = source.attrs.query;
      const props: Json = { driver: protocol, url: `${protocol}://${hostPart(h!.name)}:${h!.port}${path}${query !== undefined ? `?${query}` : ''}` };
      const ssl = only(source, 'ssl');
      if (ssl?.attrs.verify !== undefined) {
        if (ssl.attrs.verify !== 'yes' && ssl.attrs.verify !== 'no') throw unsupportedConfig(`${el}/ssl/@verify`, "must be 'yes' or 'no'");
        props.sslverify = ssl.attrs.verify === 'yes';
      }
      const readahead = only(source, 'readahead')?.attrs.size;
      if (readahead !== undefined) props.readahead = count(readahead, `${el}/readahead/@size`);
      const timeout = only(source, 'timeout')?.attrs.seconds;
      if (timeout !== undefined) props.timeout = count(timeout, `${el}/timeout/@seconds`);
      return props;
    }
    case 'ssh':
      if (name === undefined) throw unsupportedConfig(`${el}/@name`, 'an ssh source names the image path');
      return { driver: 'ssh', path: name, server: { host: h!.name, port: h!.port! } };
    case 'rbd': {
      const m = /^([^/@]+)\/(?:([^/@]+)\/)?([^/@]+)(?:@([^/@]+))?$/.exec(name ?? '');
      if (!m) throw unsupportedConfig(`${el}/@name`, `an RBD source is named 'pool/[namespace/]image[@snapshot]', not '${name ?? ''}'`);
      const props: Json = { driver: 'rbd', pool: m[1]! };
      if (m[2] !== undefined) props.namespace = m[2];
      props.image = m[3]!;
      const snapshot = m[4] ?? only(source, 'snapshot')?.attrs.name;
      if (snapshot !== undefined) props.snapshot = snapshot;
      const conf = only(source, 'config')?.attrs.file;
      if (conf !== undefined) props.conf = conf;
      if (hosts.length > 0) props.server = hosts.map((x): JsonValue => (x.port === undefined ? { host: x.name } : { host: x.name, port: x.port }));
      return props;
    }
    case 'gluster': {
      const slash = (name ?? '').indexOf('/');
      if (name === undefined || slash <= 0) throw unsupportedConfig(`${el}/@name`, "a gluster source is named 'volume/path'");
      const server = hosts.map((x): JsonValue => (x.transport === 'unix' ? { type: 'unix', path: x.socket } : { type: 'inet', host: x.name, port: x.port! }));
      return { driver: 'gluster', volume: name.slice(0, slash), path: name.slice(slash + 1), server, debug: GLUSTER_DEBUG_LEVEL };
    }
    default: {
      // nfs
      if (name === undefined) throw unsupportedConfig(`${el}/@name`, 'an NFS source names the export path');
      if (h!.port !== undefined) throw unsupportedConfig(`${el}/host/@port`, "QEMU's NFS driver takes no port");
      const props: Json = { driver: 'nfs', server: { type: 'inet', host: h!.name }, path: name };
      const id = only(source, 'identity');
      for (const [attr, prop] of [['user', 'user'], ['group', 'group']] as const) {
        const v = id?.attrs[attr];
        if (v === undefined) continue;
        // libvirt's '+N' form names the numeric id; a name would be looked up in the host's user database.
        if (!/^\+\d+$/.test(v)) throw unsupportedConfig(`${el}/identity/@${attr}`, `only a numeric id ('+N') is supported, not '${v}'`);
        props[prop] = Number(v.slice(1));
      }
      return props;
    }
  }
}

function seconds(v: string | undefined, where: string): number {
  if (v === undefined || !/^\d+$/.test(v)) throw unsupportedConfig(where, `'${v ?? ''}' is not a number of seconds`);
  return Number(v);
}

function count(v: string, where: string): number {
  if (!/^[1-9]\d*$/.test(v)) throw unsupportedConfig(where, `'${v}' is not a positive number`);
  return Number(v);
}
