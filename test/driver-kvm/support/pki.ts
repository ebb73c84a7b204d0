import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate authority made with certtool (gnutls-bin), in `dir` (ca-cert.pem, ca-key.pem). */
export interface TestCa {
  dir: string;
}

async function certtool(dir: string, args: string[]): Promise<void> {
  await run('certtool', args, { cwd: dir });
}

export async function makeCa(dir: string): Promise<TestCa> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'ca.info'), 'cn = virtkit test CA\nca\ncert_signing_key\nexpiration_days = 2\n');
  await certtool(dir, ['--generate-privkey', '--outfile', 'ca-key.pem']);
  await certtool(dir, ['--generate-self-signed', '--load-privkey', 'ca-key.pem', '--template', 'ca.info', '--outfile', 'ca-cert.pem']);
  return { dir };
}

/**
 * A QEMU x509 directory (as /etc/pki/qemu): the CA's certificate and a
 * server (for 127.0.0.1) or client certificate and key signed by `ca`.
 */
export async function makeQemuPki(ca: TestCa, dir: string, endpoint: 'server' | 'client'): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  await fs.copyFile(path.join(ca.dir, 'ca-cert.pem'), path.join(dir, 'ca-cert.pem'));
  const info = endpoint === 'server'
    ? 'cn = 127.0.0.1\nip_address = 127.0.0.1\ntls_www_server\nencryption_key\nsigning_key\nexpiration_days = 2\n'
    : 'cn = virtkit migration client\ntls_www_client\nencryption_key\nsigning_key\nexpiration_days = 2\n';
  const tpl = path.join(dir, `${endpoint}.info`);
  await fs.writeFile(tpl, info);
  const key = path.join(dir, `${endpoint}-key.pem`);
  await certtool(dir, ['--generate-privkey', '--outfile', key]);
  await certtool(dir, [
    '--generate-certificate', '--load-privkey', key, '--load-ca-certificate', path.join(ca.dir, 'ca-cert.pem'),
    '--load-ca-privkey', path.join(ca.dir, 'ca-key.pem'), '--template', tpl, '--outfile', path.join(dir, `${endpoint}-cert.pem`),
  ]);
  return dir;
}
