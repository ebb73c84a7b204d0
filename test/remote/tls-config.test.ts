import { expect } from 'chai';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, isVirtError, silentLogger } from '@virtkit/core';
import { distinguishedName, globMatch, LIBVIRT_PKI, locateClientPki } from '@virtkit/remote';
import { applyConf, defaultConfig, parseConfText, serverPkiFiles, startDaemon } from '@virtkit/remote/daemon';
import { thrown } from './helpers/expect-error.js';

const conf = (text: string) => applyConf(defaultConfig(), parseConfText(text));

describe('libvirtd.conf listener and TLS keys', () => {
  it("has libvirtd's defaults: TLS on 16514 (with --listen), TCP off on 16509, auth_tcp sasl, sockets 0700/0777", () => {
    const c = defaultConfig();
    expect([c.listen, c.listenTls, c.listenTcp, c.tlsPort, c.tcpPort, c.listenAddr]).to.deep.equal([false, true, false, 16514, 16509, undefined]);
    expect([c.authUnixRw, c.authUnixRo, c.authTcp, c.authTls]).to.deep.equal(['none', 'none', 'sasl', 'none']);
    expect([c.unixSockRwPerms, c.unixSockRoPerms, c.tlsNoVerifyCertificate, c.tlsAllowedDnList]).to.deep.equal([0o700, 0o777, false, undefined]);
  });

  it('reads every key of the issue in libvirtd.conf syntax', () => {
    const c = conf([
      'listen_tls = 0', 'listen_tcp = 1', 'tls_port = "16600"', 'tcp_port = 16601', 'listen_addr = "127.0.0.1"',
      'key_file = "/k.pem"', 'cert_file = "/c.pem"', 'ca_file = "/ca.pem"', 'crl_file = "/crl.pem"',
      'tls_no_verify_certificate = 1', 'tls_allowed_dn_list = ["C=GB,O=Test,CN=*", "CN=admin"]',
      'auth_unix_rw = "sasl"', 'auth_unix_ro = "sasl"', 'auth_tcp = "none"', 'auth_tls = "sasl"',
      'unix_sock_dir = "/run/vk"', 'unix_sock_group = "libvirt"', 'unix_sock_ro_perms = "0775"', 'unix_sock_rw_perms = "0770"',
    ].join('\n'));
    expect([c.listenTls, c.listenTcp, c.tlsPort, c.tcpPort, c.listenAddr]).to.deep.equal([false, true, 16600, 16601, '127.0.0.1']);
    expect([c.keyFile, c.certFile, c.caFile, c.crlFile, c.tlsNoVerifyCertificate]).to.deep.equal(['/k.pem', '/c.pem', '/ca.pem', '/crl.pem', true]);
    expect(c.tlsAllowedDnList).to.deep.equal(['C=GB,O=Test,CN=*', 'CN=admin']);
    expect([c.authUnixRw, c.authUnixRo, c.authTcp, c.authTls]).to.deep.equal(['sasl', 'sasl', 'none', 'sasl']);
    expect([c.unixSockDir, c.unixSockGroup, c.unixSockRoPerms, c.unixSockRwPerms]).to.deep.equal(['/run/vk', 'libvirt', 0o775, 0o770]);
  });

  it('refuses wrong values with CONF_SYNTAX, polkit included, and unknown keys stay errors', () => {
    for (const bad of ['listen_tls = 2', 'tls_port = "https"', 'tcp_port = 70000', 'auth_tcp = "kerberos"', 'auth_tls = "polkit"',
      'unix_sock_rw_perms = "rwx"', 'tls_allowed_dn_list = "CN=x"', 'key_file = 1', 'tls_sanity_certificate = 1']) {
      expect(isVirtError(thrown(() => conf(bad)), ErrorCode.CONF_SYNTAX), bad).to.equal(true);
    }
  });

  it("takes key_file, cert_file and ca_file together, else libvirt's /etc/pki paths", () => {
    expect(serverPkiFiles(defaultConfig())).to.deep.equal({
      files: { caCert: LIBVIRT_PKI.caCert, caCrl: LIBVIRT_PKI.caCrl, cert: LIBVIRT_PKI.serverCert, key: LIBVIRT_PKI.serverKey }, requireCrl: false,
    });
    expect(serverPkiFiles(conf('key_file = "/k"\ncert_file = "/c"\nca_file = "/a"\ncrl_file = "/r"'))).to.deep.equal({ files: { caCert: '/a', caCrl: '/r', cert: '/c', key: '/k' }, requireCrl: true });
    const e = thrown(() => serverPkiFiles(conf('key_file = "/k"\ncert_file = "/c"')));
    expect(isVirtError(e, ErrorCode.CONF_SYNTAX) && (e as Error).message).to.include('No CA certificate path set to match server key/cert');
  });
});

describe('unix sockets from unix_sock_dir, unix_sock_group and unix_sock_*_perms', () => {
  it('creates libvirt-sock and libvirt-sock-ro there with those modes and that group', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-sockdir-'));
    const [name, , gid] = (await readFile('/etc/group', 'utf8')).split('\n').map((l) => l.split(':')).find((g) => g.length > 2 && g[2] !== '0')!;
    const daemon = await startDaemon(conf(`unix_sock_dir = "${dir}"\nunix_sock_group = "${name}"\nunix_sock_rw_perms = "0770"\nunix_sock_ro_perms = "0775"`), silentLogger);
    try {
      expect(daemon.server.addresses()).to.deep.equal({ socket: path.join(dir, 'libvirt-sock'), roSocket: path.join(dir, 'libvirt-sock-ro') });
      const rw = await stat(path.join(dir, 'libvirt-sock'));
      const ro = await stat(path.join(dir, 'libvirt-sock-ro'));
      expect([rw.mode & 0o777, ro.mode & 0o777, rw.gid, ro.gid]).to.deep.equal([0o770, 0o775, Number(gid), Number(gid)]);
    } finally {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a group that does not exist', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-sockdir-'));
    try {
      const e = await startDaemon(conf(`unix_sock_dir = "${dir}"\nunix_sock_group = "no-such-group-here"`), silentLogger).then(() => undefined, (x: unknown) => x);
      expect(isVirtError(e, ErrorCode.INTERNAL_ERROR) && (e as Error).message, String(e)).to.contain("Failed to find group record for name 'no-such-group-here'");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the client's PKI paths", () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'virtkit-home-'));
  });
  after(() => rm(home, { recursive: true, force: true }));

  it("uses pkipath as given, /etc/pki for root, and $HOME/.pki/libvirt file by file for others", async () => {
    expect(locateClientPki('/srv/pki', 1000, home)).to.deep.equal({ caCert: '/srv/pki/cacert.pem', caCrl: '/srv/pki/cacrl.pem', cert: '/srv/pki/clientcert.pem', key: '/srv/pki/clientkey.pem' });
    const system = { caCert: '/etc/pki/CA/cacert.pem', caCrl: '/etc/pki/CA/cacrl.pem', cert: '/etc/pki/libvirt/clientcert.pem', key: '/etc/pki/libvirt/private/clientkey.pem' };
    expect(locateClientPki(undefined, 0, home)).to.deep.equal(system);
    expect(locateClientPki(undefined, 1000, home)).to.deep.equal(system);
    const user = path.join(home, '.pki', 'libvirt');
    await mkdir(user, { recursive: true });
    await writeFile(path.join(user, 'cacert.pem'), '');
    await writeFile(path.join(user, 'clientcert.pem'), '');
    // The certificate without its key: the pair falls back together.
    expect(locateClientPki(undefined, 1000, home)).to.deep.equal({ ...system, caCert: path.join(user, 'cacert.pem') });
    await writeFile(path.join(user, 'clientkey.pem'), '');
    expect(locateClientPki(undefined, 1000, home)).to.deep.equal({ ...system, caCert: path.join(user, 'cacert.pem'), cert: path.join(user, 'clientcert.pem'), key: path.join(user, 'clientkey.pem') });
    expect(locateClientPki(undefined, 0, home)).to.deep.equal(system);
  });

  it('matches tls_allowed_dn_list globs against the DN in certificate order', () => {
    expect(distinguishedName('C=GB\nO=Test\nCN=client1')).to.equal('C=GB,O=Test,CN=client1');
    expect(globMatch('C=GB,O=Test,CN=*', 'C=GB,O=Test,CN=client1')).to.equal(true);
    expect(globMatch('C=GB,O=Test,CN=client?', 'C=GB,O=Test,CN=client1')).to.equal(true);
    expect(globMatch('C=GB,O=Test,CN=client?', 'C=GB,O=Test,CN=client12')).to.equal(false);
    expect(globMatch('C=GB,O=T.st,CN=*', 'C=GB,O=Test,CN=x')).to.equal(false);
    expect(globMatch('CN=*', 'C=GB,CN=x')).to.equal(false);
  });
});
