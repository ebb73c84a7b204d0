import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Files to place under /etc/pki, by their path below it (e.g. 'CA/cacert.pem'). */
export type PkiPlacement = Record<string, string>;

export interface SystemPkiNamespace {
  /** A command line that runs `argv` in a private mount namespace whose /etc/pki holds the placed files. */
  wrap(argv: string[]): string[];
  remove(): Promise<void>;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * libvirt's fixed PKI paths (/etc/pki/CA/cacert.pem, /etc/pki/libvirt/...)
 * for one process only: `unshare -m` with /etc overlaid by a temporary
 * upper directory, so the host's /etc is never written and a system
 * libvirtd is never disturbed. Needs root (the tests run as root in CI).
 */
export async function systemPkiNamespace(files: PkiPlacement): Promise<SystemPkiNamespace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-etc-'));
  await mkdir(path.join(dir, 'upper'));
  await mkdir(path.join(dir, 'work'));
  const copies = Object.entries(files).map(([to, from]) => {
    const target = path.posix.join('/etc/pki', to);
    return `mkdir -p ${quote(path.posix.dirname(target))} && cp ${quote(from)} ${quote(target)}`;
  });
  const script = [
    `mount -t overlay overlay -o lowerdir=/etc,upperdir=${quote(path.join(dir, 'upper'))},workdir=${quote(path.join(dir, 'work'))} /etc`,
    ...copies,
    'exec "$@"',
  ].join(' && ');
  return {
    wrap: (argv) => ['unshare', '-m', '--propagation', 'private', 'sh', '-c', script, 'sh', ...argv],
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
