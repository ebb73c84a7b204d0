import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CredentialType, ErrorCode, isVirtError, type ConnectCredential, type Virt } from '@virtkit/core';
import { createRemotePlugin } from '@virtkit/remote';
import { answer } from './helpers/credentials.js';
import { rejected } from './helpers/expect-error.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startSaslLibvirtd, type SaslLibvirtd } from './helpers/sasl-libvirtd.js';


describe('remote client SASL against a real libvirtd (saslpasswd2 -a libvirt, SCRAM-SHA-256)', function () {
  this.timeout(60000);
  let daemon: SaslLibvirtd;
  let virt: Virt;
  let tmp: string;

  before(async () => {
    daemon = await startSaslLibvirtd({ fred: 'pebbles-2', wilma: 'bedrock' });
    // No auth.conf of the machine's user may answer for the callback.
    virt = await remoteVirt(createRemotePlugin({ env: {} }));
    tmp = await mkdtemp(path.join(os.tmpdir(), 'virtkit-authconf-'));
  });
  after(async () => {
    await virt?.dispose();
    await daemon?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('authenticates over the unix socket with the credentials the callback gives', async () => {
    const asked: ConnectCredential[][] = [];
    const conn = await virt.connect(daemon.testUri, { auth: answer('fred', 'pebbles-2', asked) });
    expect((await conn.listAllDomains()).map((d) => d.name)).to.deep.equal(['test']);
    expect(asked).to.have.length(1);
    expect(asked[0].map((c) => [c.type, c.prompt])).to.deep.equal([
      [CredentialType.AUTHNAME, 'Please enter your authentication name'],
      [CredentialType.PASSPHRASE, 'Please enter your password'],
    ]);
    await conn.close();
  });

  it("is refused with libvirtd's error for a wrong password, and other clients are still served", async () => {
    const other = await virt.connect(daemon.testUri, { auth: answer('wilma', 'bedrock') });
    const e = await rejected(virt.connect(daemon.testUri, { auth: answer('fred', 'wrong') }));
    expect(isVirtError(e, ErrorCode.AUTH_FAILED), String(e)).to.equal(true);
    expect((e as Error).message).to.equal('authentication failed: authentication failed');
    expect((await other.lookupDomainByName('test')).name).to.equal('test');
    await other.close();
  });

  it("reads libvirt's auth.conf (LIBVIRT_AUTH_FILE) before asking the callback", async () => {
    const file = path.join(tmp, 'auth.conf');
    await writeFile(file, '[credentials-flint]\nauthname=fred\npassword=pebbles-2\n\n[auth-libvirt-localhost]\ncredentials=flint\n');
    const v = await remoteVirt(createRemotePlugin({ env: { LIBVIRT_AUTH_FILE: file } }));
    try {
      const conn = await v.connect(daemon.testUri);
      expect(await conn.getType()).to.equal('TEST');
    } finally {
      await v.dispose();
    }
  });

  it('fails without credentials when there is no callback', async () => {
    const e = await rejected(virt.connect(daemon.testUri));
    expect((e as Error).message).to.equal('authentication failed: No authentication callback available');
  });

  it('does not use SCRAM-SHA-256 over plain TCP (no security layer without TLS)', async () => {
    const asked: ConnectCredential[][] = [];
    const e = await rejected(virt.connect(daemon.tcpUri, { auth: answer('fred', 'pebbles-2', asked) }));
    expect(isVirtError(e, ErrorCode.AUTH_FAILED), String(e)).to.equal(true);
    expect(asked, 'no credentials are asked for or sent').to.have.length(0);
  });

  it('names a mechanism the server does not offer (auth=sasl.MECH)', async () => {
    const e = await rejected(virt.connect(`${daemon.testUri}&auth=sasl.DIGEST-MD5`, { auth: answer('fred', 'pebbles-2') }));
    expect((e as Error).message).to.equal('authentication failed: SASL mechanism DIGEST-MD5 not supported by server');
  });
});
