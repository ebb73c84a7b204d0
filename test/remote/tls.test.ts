import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { ErrorCode, isVirtError, silentLogger, type Connection, type Virt } from '@virtkit/core';
import {
  createRemotePlugin, encodeMessage, encodeWith, MessageStatus, MessageType, openTlsSession, pkiFilesIn, Proc, readPki, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, RpcClient,
} from '@virtkit/remote';
import { createTlsServer, defaultConfig } from '@virtkit/remote/daemon';
import { answer, saslFixture } from './helpers/credentials.js';
import { testDomainXml } from './helpers/domain-xml.js';
import { expectRpcError, rejected, thrown } from './helpers/expect-error.js';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { makeTestPki, type ClientKind, type TestPki } from './helpers/pki.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { systemPkiNamespace, type SystemPkiNamespace } from './helpers/system-pki.js';
import { startVirtkitd, VIRTKITD, type Virtkitd } from './helpers/virtkitd.js';
import { occurrences, waitFor } from './helpers/wait.js';

const run = promisify(execFile);
const VIRTKIT_CLI = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));
const VIRSH_ENV = { ...process.env, LANG: 'C', LC_ALL: 'C' };

/** virsh's stdout, or its stderr when it fails. */
async function virsh(uri: string, ...args: string[]): Promise<{ ok: boolean; out: string }> {
  try {
    return { ok: true, out: (await run('virsh', ['-c', uri, ...args], { timeout: 20000, env: VIRSH_ENV })).stdout };
  } catch (e) {
    return { ok: false, out: (e as { stderr: string }).stderr };
  }
}

const CONFIRMATION_LOST = 'Unable to read TLS confirmation: Input/output error';
const PEER_REFUSED = "authentication failed: Failed to verify peer's certificate";

/** A virtkitd with a TLS listener on a loopback port (tls_port 0: any free one). */
function startTlsVirtkitd(pki: TestPki, extra = '', cert?: string): Promise<Virtkitd> {
  return startVirtkitd(`listen_addr = "127.0.0.1"\ntls_port = "0"\n${pki.serverConf({ cert, crl: true })}${extra}`, { listen: true });
}

describe('TLS: libvirt PKI, mutual certificates and the confirmation byte', function () {
  this.timeout(60000);
  let pki: TestPki;
  let d: Virtkitd;
  let virt: Virt;
  let held: Connection;
  const uri = (kind: ClientKind, query = '', port = d.tls!.port) => `test+tls://localhost:${port}/default?pkipath=${pki.clientDir(kind)}${query}`;

  /** A client that skips its own certificate's sanity check, so the server's verdict is what is tested. */
  const unchecked = (kind: ClientKind, port = d.tls!.port) =>
    openTlsSession({ host: 'localhost', port, verify: true }, readPki(pkiFilesIn(pki.clientDir(kind), 'client'), 'client'), 10000);

  before(async () => {
    pki = await makeTestPki();
    d = await startTlsVirtkitd(pki, 'tls_allowed_dn_list = ["C=GB,O=Test,CN=client?"]\n');
    virt = await remoteVirt();
    held = await virt.connect(uri('good'));
  });
  after(async () => {
    await virt?.dispose();
    await d?.stop();
    await pki?.remove();
  });

  it('serves the virtkit client over mutual TLS on the listener --listen opened', async () => {
    expect(d.tls!.host).to.equal('127.0.0.1');
    expect(await held.getType()).to.equal('TEST');
    const dom = await held.defineDomain(testDomainXml('vk-tls'));
    expect((await (await virt.connect(d.uri())).lookupDomainByName('vk-tls')).uuid).to.equal(dom.uuid);
    await dom.undefine();
  });

  it('serves real virsh with pkipath, as libvirt\'s test:///default prints', async () => {
    const ours = await virsh(uri('good'), 'list', '--all');
    expect(ours.ok, ours.out).to.equal(true);
    expect(ours.out).to.equal((await virsh('test:///default', 'list', '--all')).out);
  });

  describe('bad client certificates', () => {
    /** After a refusal: the held client and a new one are served, and no domain appeared. */
    async function stillServing(): Promise<void> {
      expect((await held.listAllDomains()).map((x) => x.name)).to.deep.equal(['test']);
      const again = await virt.connect(uri('good'));
      expect(await again.getType()).to.equal('TEST');
      await again.close();
    }

    const cases: Array<[ClientKind, string, string]> = [
      ['stranger', 'a certificate from another CA', "Certificate failed validation: The certificate hasn't got a known issuer."],
      ['expired', 'an expired certificate', 'Certificate failed validation: The certificate is not trusted.'],
      ['future', 'a certificate not yet valid', 'Certificate failed validation: The certificate is not trusted.'],
      ['revoked', 'a certificate on crl_file', 'Certificate failed validation: The certificate has been revoked.'],
      ['none', 'no certificate', 'Unable to verify TLS peer: No certificate was found.'],
    ];
    for (const [kind, what, logged] of cases) {
      it(`refuses ${what} without the confirmation byte, logs libvirt's reason, changes nothing`, async () => {
        const before = occurrences(d.stderr(), logged);
        expectRpcError(await rejected(unchecked(kind)), ErrorCode.SYSTEM_ERROR, CONFIRMATION_LOST);
        await waitFor(() => occurrences(d.stderr(), logged) > before, 5000, `"${logged}" in the log`);
        await stillServing();
      });
    }

    it('refuses the calls a refused client sends without waiting for the byte', async () => {
      const socket = tls.connect({ host: '127.0.0.1', port: d.tls!.port, ca: await readFile(pki.caCert), rejectUnauthorized: false });
      await new Promise<void>((r) => socket.once('secureConnect', () => r()));
      const frame = (proc: number, serial: number, body: Buffer) =>
        encodeMessage({ prog: REMOTE_PROGRAM, vers: REMOTE_PROTOCOL_VERSION, proc, type: MessageType.CALL, serial, status: MessageStatus.OK }, body);
      socket.write(frame(Proc.CONNECT_OPEN.proc, 0, encodeWith(Proc.CONNECT_OPEN.args, { name: 'test:///default', flags: 0 })));
      socket.write(frame(Proc.DOMAIN_DEFINE_XML.proc, 1, encodeWith(Proc.DOMAIN_DEFINE_XML.args, { xml: testDomainXml('intruder') })));
      const received: Buffer[] = [];
      socket.on('data', (c: Buffer) => received.push(c));
      socket.on('error', () => {});
      await new Promise<void>((r) => socket.once('close', () => r()));
      expect(Buffer.concat(received).length).to.equal(0);
      await stillServing();
    });

    it("refuses a DN that is not on tls_allowed_dn_list", async () => {
      const strict = await startTlsVirtkitd(pki, 'tls_allowed_dn_list = ["C=GB,O=Test,CN=admin*"]\n');
      try {
        expectRpcError(await rejected(virt.connect(uri('good', '', strict.tls!.port))), ErrorCode.SYSTEM_ERROR, CONFIRMATION_LOST);
        await waitFor(() => strict.stderr().includes("Client's Distinguished Name is not on the list of allowed clients (tls_allowed_dn_list)"), 5000, 'the DN refusal in the log');
        expect(strict.stderr()).to.include('C=GB,O=Test,CN=client1');
        const v = await virsh(uri('good', '', strict.tls!.port), 'list');
        expect(v.ok).to.equal(false);
        expect(v.out).to.include(`error: ${CONFIRMATION_LOST}`);
      } finally {
        await strict.stop();
      }
      await stillServing();
    });

    it("checks its own certificate first, as libvirt's client does", async () => {
      const dir = pki.clientDir('stranger');
      expectRpcError(await rejected(virt.connect(uri('stranger'))), ErrorCode.SYSTEM_ERROR,
        `Our own certificate ${dir}/clientcert.pem failed validation against ${dir}/cacert.pem: The certificate hasn't got a known issuer.`);
      expectRpcError(await rejected(virt.connect(uri('expired'))), ErrorCode.SYSTEM_ERROR, `The client certificate ${pki.clientDir('expired')}/clientcert.pem has expired`);
      expectRpcError(await rejected(virt.connect(uri('future'))), ErrorCode.SYSTEM_ERROR, `The client certificate ${pki.clientDir('future')}/clientcert.pem is not yet active`);
      expectRpcError(await rejected(virt.connect(`test+tls://localhost:${d.tls!.port}/default?pkipath=/nonexistent`)), ErrorCode.SYSTEM_ERROR,
        "Cannot read CA certificate '/nonexistent/cacert.pem': No such file or directory");
      // And virsh says the same of its own.
      expect((await virsh(uri('expired'), 'list')).out).to.include(`error: The client certificate ${pki.clientDir('expired')}/clientcert.pem has expired`);
    });

    it('keeps serving while a client stalls mid-handshake', async () => {
      const stalled = net.connect(d.tls!.port, '127.0.0.1');
      await new Promise<void>((r) => stalled.once('connect', () => r()));
      stalled.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])); // a ClientHello record header, and no more
      try {
        await stillServing();
        expect(stalled.destroyed).to.equal(false);
      } finally {
        stalled.destroy();
      }
    });
  });

  describe('the server certificate, checked by the client', () => {
    it('refuses a server certificate for another host name with AUTH_FAILED; no_verify=1 accepts it with a warning', async () => {
      const other = await startTlsVirtkitd(pki, '', pki.wrongHostCert);
      try {
        const port = other.tls!.port;
        expectRpcError(await rejected(virt.connect(uri('good', '', port))), ErrorCode.AUTH_FAILED, PEER_REFUSED);
        const warned = await virt.connect(uri('good', '&no_verify=1', port));
        expect(await warned.getType()).to.equal('TEST');
        await warned.close();
        const v = await virsh(uri('good', '', port), 'list');
        expect(v.out).to.include('Certificate [session] owner does not match the hostname localhost');
        expect(v.out).to.include(`error: ${PEER_REFUSED}`);
        expect((await virsh(uri('good', '&no_verify=1', port), 'list')).ok).to.equal(true);
      } finally {
        await other.stop();
      }
    });

    it('refuses a server whose certificate does not chain to the client\'s CA', async () => {
      expectRpcError(await rejected(virt.connect(uri('wrong-ca'))), ErrorCode.AUTH_FAILED, PEER_REFUSED);
      expect((await held.listAllDomains()).length).to.equal(1);
    });
  });

  it("refuses to start on its own certificate when it has expired, as libvirtd's sanity check", () => {
    const expired = path.join(pki.clientDir('expired'), 'clientcert.pem');
    const config = { ...defaultConfig(), keyFile: pki.serverKey, certFile: expired, caFile: pki.caCert };
    const e = thrown(() => createTlsServer(config, silentLogger, () => {}));
    expectRpcError(e, ErrorCode.SYSTEM_ERROR, `The server certificate ${expired} has expired`);
  });

  describe('the handshake timeout', () => {
    it('drops a client that stops mid-handshake while another completes its own', async () => {
      const config = { ...defaultConfig(), keyFile: pki.serverKey, certFile: pki.serverCert, caFile: pki.caCert };
      const accepted: tls.TLSSocket[] = [];
      const server = createTlsServer(config, silentLogger, (s) => accepted.push(s), 400);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const port = (server.address() as net.AddressInfo).port;
      try {
        const stalled = net.connect(port, '127.0.0.1');
        stalled.on('error', () => {});
        const closed = new Promise<number>((r) => stalled.once('close', () => r(Date.now())));
        await new Promise<void>((r) => stalled.once('connect', () => r()));
        const t0 = Date.now();
        stalled.write(Buffer.from([0x16, 0x03, 0x01]));
        const good = await unchecked('good', port);
        expect(accepted.length).to.equal(1);
        good.destroy();
        expect((await closed) - t0).to.be.within(300, 5000);
        expect(accepted.length).to.equal(1);
      } finally {
        for (const s of accepted) s.destroy();
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });
});

describe('TLS: virtkit client against a real libvirtd --listen', function () {
  this.timeout(60000);
  let pki: TestPki;
  let lvd: Libvirtd;
  let virt: Virt;
  let serverNs: SystemPkiNamespace;

  before(async () => {
    pki = await makeTestPki();
    // libvirtd finds its credentials at libvirt's fixed paths, in a mount namespace of its own.
    serverNs = await systemPkiNamespace({ 'CA/cacert.pem': pki.caCert, 'libvirt/servercert.pem': pki.serverCert, 'libvirt/private/serverkey.pem': pki.serverKey });
    lvd = await startLibvirtd({ tls: '', wrap: serverNs.wrap });
    virt = await remoteVirt();
  });
  after(async () => {
    await virt?.dispose();
    await lvd?.stop();
    await serverNs?.remove();
    await pki?.remove();
  });

  it("finds root's client credentials at libvirt's /etc/pki paths without pkipath (virtkit CLI)", async () => {
    const good = pki.clientDir('good');
    const clientNs = await systemPkiNamespace({ 'CA/cacert.pem': pki.caCert, 'libvirt/clientcert.pem': path.join(good, 'clientcert.pem'), 'libvirt/private/clientkey.pem': path.join(good, 'clientkey.pem') });
    try {
      const [cmd, ...args] = clientNs.wrap([process.execPath, VIRTKIT_CLI, '-c', `test+tls://localhost:${lvd.tlsPort}/default`, 'list', '--all']);
      const { stdout } = await run(cmd, args, { timeout: 20000, env: VIRSH_ENV });
      expect(stdout).to.equal((await virsh('test:///default', 'list', '--all')).out);
    } finally {
      await clientNs.remove();
    }
  });

  it('opens test:///default over TLS with pkipath and reads the confirmation byte', async () => {
    const conn = await virt.connect(lvd.tlsUri!(pki.clientDir('good')));
    expect(await conn.getType()).to.equal('TEST');
    expect((await conn.listAllDomains()).map((x) => x.name)).to.deep.equal(['test']);
    // Overlapping calls: each frame must reach libvirtd in its own TLS record, or it waits for the rest forever.
    const dom = await conn.lookupDomainByName('test');
    expect((await Promise.all(Array.from({ length: 50 }, () => dom.getInfo()))).length).to.equal(50);
    await conn.close();
  });

  it('is refused by libvirtd without a client certificate, with the error libvirt\'s own client reports', async () => {
    expectRpcError(await rejected(virt.connect(lvd.tlsUri!(pki.clientDir('none')))), ErrorCode.SYSTEM_ERROR, CONFIRMATION_LOST);
    expect((await virsh(lvd.tlsUri!(pki.clientDir('none')), 'list')).out).to.include(`error: ${CONFIRMATION_LOST}`);
  });

  it('is refused by libvirtd with a certificate from another CA', async () => {
    const session = openTlsSession({ host: 'localhost', port: lvd.tlsPort!, verify: true }, readPki(pkiFilesIn(pki.clientDir('stranger'), 'client'), 'client'), 10000);
    expectRpcError(await rejected(session), ErrorCode.SYSTEM_ERROR, CONFIRMATION_LOST);
    const conn = await virt.connect(lvd.tlsUri!(pki.clientDir('good')));
    expect(await conn.getType()).to.equal('TEST');
    await conn.close();
  });

  it('refuses libvirtd when the client trusts another CA', async () => {
    expectRpcError(await rejected(virt.connect(lvd.tlsUri!(pki.clientDir('wrong-ca')))), ErrorCode.AUTH_FAILED, PEER_REFUSED);
  });
});

describe('listener auth schemes (auth_tcp, auth_tls) and SASL over TLS', function () {
  this.timeout(60000);
  let tmp: string;
  let db: string;
  let authFile: string;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'virtkit-tls-sasl-'));
    ({ db, authFile } = await saslFixture(tmp, [['alice', 'wonderland']]));
  });
  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('will not serve plain TCP with the default auth_tcp = "sasl" and no sasl_db, and says what to write', async () => {
    const e = await rejected(run(process.execPath, [VIRTKITD, '--tcp', '127.0.0.1:0'], { timeout: 20000, env: { ...process.env, VIRTKIT_PLUGINS: '' } }));
    expect((e as { code: number }).code).to.equal(1);
    expect((e as { stderr: string }).stderr).to.contain('set auth_tcp = "none" to serve TCP without authentication');
  });

  it('plain TCP asks for SASL unless auth_tcp = "none" is written out, offers no mechanism, and serves nothing before it', async () => {
    const d = await startVirtkitd(`auth_tcp = "sasl"\nsasl_db = "${db}"\n`);
    const virt = await remoteVirt();
    try {
      const e = await rejected(virt.connect(`test+tcp://${d.tcp.host}:${d.tcp.port}/default`, { auth: answer('alice', 'wonderland') }));
      expect(isVirtError(e, ErrorCode.AUTH_FAILED), String(e)).to.equal(true);
      const rpc = await RpcClient.connect({ host: d.tcp.host, port: d.tcp.port });
      try {
        expect((await rpc.call('AUTH_LIST', undefined)).types).to.deep.equal([1]);
        expectRpcError(await rejected(rpc.call('CONNECT_OPEN', { name: 'test:///default', flags: 0 })), ErrorCode.RPC, 'authentication required');
        expectRpcError(await rejected(rpc.call('AUTH_SASL_INIT', undefined)), ErrorCode.AUTH_FAILED, 'authentication failed: authentication failed');
      } finally {
        rpc.close();
      }
      // The unix socket keeps auth_unix_rw's default, "none".
      expect(await (await virt.connect(d.uri())).getType()).to.equal('TEST');
    } finally {
      await virt.dispose();
      await d.stop();
    }
  });

  describe('auth_tls = "sasl"', () => {
    let pki: TestPki;
    let d: Virtkitd;
    let virt: Virt;
    const uri = () => `test+tls://localhost:${d.tls!.port}/default?pkipath=${pki.clientDir('good')}`;

    before(async () => {
      pki = await makeTestPki();
      d = await startTlsVirtkitd(pki, `auth_tls = "sasl"\nsasl_db = "${db}"\n`);
      virt = await remoteVirt(createRemotePlugin({ env: {} }));
    });
    after(async () => {
      await virt?.dispose();
      await d?.stop();
      await pki?.remove();
    });

    it('asks for SASL after the certificate check and serves nothing before it', async () => {
      const rpc = await RpcClient.connect({ tls: { host: 'localhost', port: d.tls!.port, pkipath: pki.clientDir('good'), verify: true } });
      try {
        expect((await rpc.call('AUTH_LIST', undefined)).types).to.deep.equal([1]);
        expectRpcError(await rejected(rpc.call('CONNECT_OPEN', { name: 'test:///default', flags: 0 })), ErrorCode.RPC, 'authentication required');
        // TLS protects the channel, so SCRAM-SHA-256 is offered there, unlike on plain TCP.
        expect((await rpc.call('AUTH_SASL_INIT', undefined)).mechlist).to.equal('SCRAM-SHA-256');
      } finally {
        rpc.close();
      }
    });

    it('lets the virtkit client in with SCRAM-SHA-256 over TLS, and refuses a wrong password', async () => {
      const conn = await virt.connect(uri(), { auth: answer('alice', 'wonderland') });
      expect(await conn.getType()).to.equal('TEST');
      await conn.close();
      expect(d.stderr()).to.contain('SASL authentication succeeded');
      const e = await rejected(virt.connect(uri(), { auth: answer('alice', 'guess') }));
      expectRpcError(e, ErrorCode.AUTH_FAILED, 'authentication failed: authentication failed');
    });

    it('lets real virsh in over TLS with the credentials of auth.conf', async () => {
      const { stdout } = await run('virsh', ['-c', uri(), 'list', '--all'], { env: { ...VIRSH_ENV, LIBVIRT_AUTH_FILE: authFile }, timeout: 20000 });
      expect(stdout).to.match(/\btest\s+running/);
      expect(occurrences(d.stderr(), 'SASL authentication succeeded')).to.be.greaterThan(1);
    });
  });
});
