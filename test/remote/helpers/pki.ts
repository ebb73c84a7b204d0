import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Client certificates the test PKI issues, each a `pkipath` directory. */
export type ClientKind = 'good' | 'stranger' | 'expired' | 'future' | 'revoked' | 'none' | 'wrong-ca';

export interface TestPki {
  dir: string;
  /** The CA every good certificate chains to, its CRL (revoking the 'revoked' client) and the server's pair for localhost and 127.0.0.1. */
  caCert: string;
  caCrl: string;
  serverCert: string;
  serverKey: string;
  /** A server certificate from the same CA for other.example only. */
  wrongHostCert: string;
  /** libvirtd.conf / virtkitd.conf lines for this server pair (key_file, cert_file, ca_file). */
  serverConf(options?: { cert?: string; crl?: boolean }): string;
  /**
   * A pkipath directory: 'good' (CN=client1 from the CA), 'stranger' (same
   * DN, another CA), 'expired', 'future' (not yet valid), 'revoked', 'none'
   * (only cacert.pem), 'wrong-ca' (only cacert.pem, of another CA: with a
   * certificate too, the client's own sanity check would refuse first).
   */
  clientDir(kind: ClientKind): string;
  remove(): Promise<void>;
}

const LEAF = ['encryption_key', 'signing_key'];
const CLIENT_DN = ['country = GB', 'organization = Test', 'cn = client1', 'tls_www_client', ...LEAF];

/**
 * Makes a PKI with gnutls's certtool as libvirt's documentation does (RSA
 * keys: libvirt requires key encipherment), in a temporary directory. One
 * leaf key serves every leaf certificate, which keeps it quick.
 */
export async function makeTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-pki-'));
  const f = (name: string) => path.join(dir, name);
  const certtool = async (...args: string[]) => {
    try {
      await run('certtool', args, { timeout: 60000 });
    } catch (e) {
      throw new Error(`certtool ${args.join(' ')} failed (gnutls-bin installed?): ${(e as Error).message}`);
    }
  };
  const template = async (name: string, lines: string[]) => {
    await writeFile(f(`${name}.info`), lines.join('\n') + '\n');
    return f(`${name}.info`);
  };
  const issue = async (name: string, lines: string[], ca = 'ca') =>
    certtool('--generate-certificate', '--load-privkey', f('leafkey.pem'), '--load-ca-certificate', f(`${ca}cert.pem`),
      '--load-ca-privkey', f(`${ca}key.pem`), '--template', await template(name, lines), '--outfile', f(`${name}cert.pem`));
  try {
    for (const k of ['ca', 'other', 'leaf']) await certtool('--generate-privkey', '--outfile', f(`${k}key.pem`));
    for (const [ca, cn] of [['ca', 'Test CA'], ['other', 'Other CA']]) {
      await certtool('--generate-self-signed', '--load-privkey', f(`${ca}key.pem`), '--template', await template(ca, [`cn = ${cn}`, 'ca', 'cert_signing_key', 'crl_signing_key', 'expiration_days = 30']), '--outfile', f(`${ca}cert.pem`));
    }
    await issue('server', ['organization = Test', 'cn = localhost', 'dns_name = localhost', 'ip_address = 127.0.0.1', 'tls_www_server', ...LEAF, 'expiration_days = 30']);
    await issue('wronghost', ['organization = Test', 'cn = other.example', 'dns_name = other.example', 'tls_www_server', ...LEAF, 'expiration_days = 30']);
    await issue('good', [...CLIENT_DN, 'expiration_days = 30']);
    await issue('stranger', [...CLIENT_DN, 'expiration_days = 30'], 'other');
    await issue('expired', [...CLIENT_DN, 'activation_date = "2020-01-01 00:00:00"', 'expiration_date = "2020-02-01 00:00:00"']);
    await issue('future', [...CLIENT_DN, 'activation_date = "2040-01-01 00:00:00"', 'expiration_date = "2041-01-01 00:00:00"']);
    await issue('revoked', [...CLIENT_DN, 'serial = 4242', 'expiration_days = 30']);
    await certtool('--generate-crl', '--load-ca-privkey', f('cakey.pem'), '--load-ca-certificate', f('cacert.pem'), '--load-certificate', f('revokedcert.pem'),
      '--template', await template('crl', ['crl_next_update = 30', 'crl_number = 1']), '--outfile', f('cacrl.pem'));
    const kinds: ClientKind[] = ['good', 'stranger', 'expired', 'future', 'revoked', 'none', 'wrong-ca'];
    for (const kind of kinds) {
      const d = f(`client-${kind}`);
      await mkdir(d);
      await copyFile(f(kind === 'wrong-ca' ? 'othercert.pem' : 'cacert.pem'), path.join(d, 'cacert.pem'));
      if (kind === 'none' || kind === 'wrong-ca') continue;
      await copyFile(f(`${kind}cert.pem`), path.join(d, 'clientcert.pem'));
      await copyFile(f('leafkey.pem'), path.join(d, 'clientkey.pem'));
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    caCert: f('cacert.pem'),
    caCrl: f('cacrl.pem'),
    serverCert: f('servercert.pem'),
    serverKey: f('leafkey.pem'),
    wrongHostCert: f('wronghostcert.pem'),
    serverConf: (o = {}) => [`key_file = "${f('leafkey.pem')}"`, `cert_file = "${o.cert ?? f('servercert.pem')}"`, `ca_file = "${f('cacert.pem')}"`, ...(o.crl ? [`crl_file = "${f('cacrl.pem')}"`] : []), ''].join('\n'),
    clientDir: (kind) => f(`client-${kind}`),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
