import { ErrorCode, ErrorDomain, errorReporter, type CharDeviceDef } from '@virtkit/core';

const fail = errorReporter(ErrorDomain.XEN);

/**
 * A serial or parallel port as qemu-dm's option string inside xend's HVM
 * image: pty, null, stdio, vc, file:P, pipe:P, /dev/X, tcp:H:P[,server,nowait],
 * telnet:H:P[,server,nowait], udp:H:P, unix:P[,server,nowait].
 */
export function charDeviceToXen(c: CharDeviceDef): string {
  const s = c.source ?? {};
  const need = (key: string) => {
    const v = s[key];
    if (v === undefined || v === '') throw fail(ErrorCode.CONFIG_UNSUPPORTED, `${c.type} character device needs a source ${key}`);
    return v;
  };
  const server = s.mode === 'bind' ? ',server,nowait' : '';
  switch (c.type) {
    case 'pty': case 'null': case 'stdio': case 'vc':
      return c.type;
    case 'file': return `file:${need('path')}`;
    case 'pipe': return `pipe:${need('path')}`;
    case 'dev': return need('path');
    case 'tcp': return `${c.protocol === 'telnet' ? 'telnet' : 'tcp'}:${need('host')}:${need('service')}${server}`;
    case 'udp': return `udp:${need('host')}:${need('service')}`;
    case 'unix': return `unix:${need('path')}${server}`;
    default:
      throw fail(ErrorCode.CONFIG_UNSUPPORTED, `character device type '${c.type}' has no Xen equivalent`);
  }
}

/** The reverse of charDeviceToXen; undefined for "none" and for text it does not recognise. */
export function charDeviceFromXen(text: string, port: number): CharDeviceDef | undefined {
  const target = { port: String(port) };
  if (text === 'none' || text === '') return undefined;
  if (['pty', 'null', 'stdio', 'vc'].includes(text)) return { type: text, target };
  if (text.startsWith('/')) return { type: 'dev', source: { path: text }, target };
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const [main, ...opts] = rest.split(',');
  const mode = opts.includes('server') ? 'bind' : 'connect';
  const hostPort = (hp: string) => {
    const i = hp.lastIndexOf(':');
    return i < 0 ? { host: hp, service: '' } : { host: hp.slice(0, i), service: hp.slice(i + 1) };
  };
  switch (kind) {
    case 'file': case 'pipe':
      return { type: kind, source: { path: rest }, target };
    case 'tcp': case 'telnet': {
      const c: CharDeviceDef = { type: 'tcp', source: { mode, ...hostPort(main) }, target };
      if (kind === 'telnet') c.protocol = 'telnet';
      return c;
    }
    case 'udp':
      // Only the remote end is modelled; a local '@host:port' binding is dropped.
      return { type: 'udp', source: { mode: 'connect', ...hostPort(rest.split('@')[0]) }, target };
    case 'unix':
      return { type: 'unix', source: { mode, path: main }, target };
    default:
      return undefined;
  }
}
