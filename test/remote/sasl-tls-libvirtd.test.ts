import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CredentialType, ErrorCode, silentLogger, type ConnectCredential, type Virt } from '@virtkit/core';
import { AuthType, createRemotePlugin, remoteAuthenticate, RpcClient, SCRAM_SHA_256 } from '@virtkit/remote';
import { answer, writeAuthConf } from './helpers/credentials.js';
import { expectRpcError, rejected } from './helpers/expect-error.js';
import { makeTestPki, type TestPki } from './helpers/pki.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startSaslLibvirtd, type SaslLibvirtd } from './helpers/sasl-libvirtd.js';

const run = promisify(execFile);
const VIRSH_ENV = { ...process.env, LANG: 'C', LC_ALL: 'C' };

describe('remote client SASL over TLS against a real libvirtd (auth_tls = "sasl", saslpasswd2 -a libvirt)', function () {
  this.timeout(60000);
  let pki: TestPki;
  let daemon: SaslLibvirtd;
  let virt: Virt;
  let uri: string;
  let authFile: string;
  const session = () => RpcClient.connect({ tls: { host: 'localhost', port: daemon.tlsPort!, pkipath: pki.clientDir('good'), verify: true } });

  before(async () => {
    pki = await makeTestPki();
    daemon = await startSaslLibvirtd({ fred: 'pebbles-2', wilma: 'bedrock' }, { tls: pki.serverConf() });
    uri = daemon.tlsUri!(pki.clientDir('good'));
    authFile = path.join(pki.dir, 'auth.conf');
    await writeAuthConf(authFile, 'fred', 'pebbles-2');
    // No auth.conf of the machine's user may answer for the callback.
    virt = await remoteVirt(createRemotePlugin({ env: {} }));
  });
  after(async () => {
    await virt?.dispose();
    await daemon?.stop();
    await pki?.remove();
  });

  it('asks for SASL on the TLS listener and offers SCRAM-SHA-256 alone, as the private sasl2 config says', async () => {
    expect(await readFile(path.join(daemon.dir, 'sasl2', 'libvirt.conf'), 'utf8')).to.match(/^mech_list: scram-sha-256$/m);
    const rpc = await session();
    try {
      expect((await rpc.call('AUTH_LIST', undefined)).types).to.deep.equal([AuthType.SASL]);
      expect((await rpc.call('AUTH_SASL_INIT', undefined)).mechlist).to.equal(SCRAM_SHA_256);
    } finally {
      rpc.close();
    }
  });

  it('lists the test driver\'s domains with the credentials the callback gives', async () => {
    const asked: ConnectCredential[][] = [];
    const conn = await virt.connect(uri, { auth: answer('fred', 'pebbles-2', asked) });
    try {
      expect((await conn.listAllDomains()).map((d) => d.name)).to.deep.equal(['test']);
      expect(asked.map((round) => round.map((c) => c.type))).to.deep.equal([[CredentialType.AUTHNAME, CredentialType.PASSPHRASE]]);
    } finally {
      await conn.close();
    }
  });

  it("lists them with the credentials of auth.conf (LIBVIRT_AUTH_FILE), asking no callback", async () => {
    const v = await remoteVirt(createRemotePlugin({ env: { LIBVIRT_AUTH_FILE: authFile } }));
    try {
      const asked: ConnectCredential[][] = [];
      const conn = await v.connect(uri, { auth: answer('nobody', 'nothing', asked) });
      expect((await conn.listAllDomains()).map((d) => d.name)).to.deep.equal(['test']);
      expect(asked).to.have.length(0);
      await conn.close();
    } finally {
      await v.dispose();
    }
  });

  it("refuses a wrong password with libvirtd's AUTH_FAILED, and the session serves nothing after it", async () => {
    const e = await rejected(virt.connect(uri, { auth: answer('fred', 'pebbles-3') }));
    expectRpcError(e, ErrorCode.AUTH_FAILED, 'authentication failed: authentication failed');
    // The same exchange on a session of our own, which then asks for a connection anyway.
    const rpc = await session();
    try {
      const refused = await rejected(remoteAuthenticate(rpc, { secure: true, host: 'localhost', callback: answer('wilma', 'pebbles-2'), env: {}, logger: silentLogger }));
      expectRpcError(refused, ErrorCode.AUTH_FAILED, 'authentication failed: authentication failed');
      expectRpcError(await rejected(rpc.call('CONNECT_OPEN', { name: 'test:///default', flags: 0 })), ErrorCode.RPC, 'authentication required');
      expectRpcError(await rejected(rpc.call('CONNECT_LIST_ALL_DOMAINS', { need_results: 1, flags: 0 })), ErrorCode.RPC, 'authentication required');
    } finally {
      rpc.close();
    }
    // A right password is still let in afterwards.
    const conn = await virt.connect(uri, { auth: answer('wilma', 'bedrock') });
    expect(await conn.getType()).to.equal('TEST');
    await conn.close();
  });

  it('lets real virsh in over TLS with the same auth.conf (the fixture is sound)', async () => {
    const env = { ...VIRSH_ENV, LIBVIRT_AUTH_FILE: authFile };
    const { stdout } = await run('virsh', ['-c', uri, 'list', '--all'], { env, timeout: 20000 });
    expect(stdout).to.equal((await run('virsh', ['-c', 'test:///default', 'list', '--all'], { env: VIRSH_ENV, timeout: 20000 })).stdout);
  });
});
