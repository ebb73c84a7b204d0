import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { runCli, type CliIo } from '@virtkit/cli';
import { CredentialType, ErrorCode, Interface, Virt, isVirtError, silentLogger, type ConnectCredential } from '@virtkit/core';
import { testDriverPlugin } from '@virtkit/driver-test';

const exec = promisify(execFile);

/** A <node> document as libvirt's test driver reads one (the test:runstate namespace, an object in a file of its own). */
const NODE = `<node>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>fv0</name>
    <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
    <memory>524288</memory>
    <os><type>hvm</type></os>
    <test:runstate>5</test:runstate>
  </domain>
  <domain file='fc4.xml'/>
  <network>
    <name>lab</name>
    <uuid>004b96e1-2d78-c30f-5aa5-f03c87d21e70</uuid>
    <bridge name='virbr5' stp='on' delay='0'/>
    <forward mode='nat'/>
    <ip address='10.5.0.1' netmask='255.255.255.0'><dhcp><range start='10.5.0.2' end='10.5.0.9'/></dhcp></ip>
  </network>
  <interface type='ethernet' name='eth9'>
    <start mode='onboot'/>
    <mac address='52:54:00:12:34:56'/>
  </interface>
  <pool type='dir'>
    <name>p1</name>
    <uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53fe</uuid>
    <target><path>/p1</path></target>
    <volume><name>v1</name><capacity unit='MiB'>10</capacity></volume>
    <volume><name>v2</name><capacity unit='GiB'>1</capacity><allocation unit='MiB'>5</allocation></volume>
  </pool>
  <device>
    <name>computer</name>
    <capability type='system'>
      <hardware><vendor>Acme</vendor><uuid>11111111-2222-3333-4444-555555555555</uuid></hardware>
      <firmware><vendor>Acme</vendor><version>1</version></firmware>
    </capability>
  </device>
</node>
`;

describe('cli: test:///PATH.xml loads libvirt\'s custom test-driver configuration as libvirt\'s test driver does', function () {
  this.timeout(30000);
  let dir: string;
  let uri: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vkfam-node-'));
    await writeFile(path.join(dir, 'node.xml'), NODE);
    await writeFile(path.join(dir, 'fc4.xml'), "<domain type='test'><name>fc4</name><uuid>ef861801-45b9-11cb-88e3-afbfe5370493</uuid><memory>262144</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
    uri = `test://${path.join(dir, 'node.xml')}`;
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the domains (running unless test:runstate says), networks, interfaces, pools with volumes and devices print as virsh prints them', async () => {
    const commands = 'list --all; domstate fv0 --reason; domstate fc4 --reason; net-list --all; iface-list --all; iface-dumpxml eth9; '
      + 'pool-list --all --details; vol-list p1 --details; nodedev-dumpxml computer';
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, errStream: new PassThrough() };
    expect(await runCli(['-c', uri, commands], io, { env: {} })).to.equal(0);
    expect(err).to.equal('');
    expect(out).to.equal((await exec('virsh', ['-c', uri, commands], { timeout: 20000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })).stdout);
  });

  it('gives each connection a host of its own; a document that is not a <node> is refused', async () => {
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger });
    try {
      const a = await virt.connect(uri);
      const b = await virt.connect(uri);
      await (await Interface.lookupByName(a, 'eth9')).undefine();
      expect((await Interface.listAll(b)).map((i) => i.name)).to.deep.equal(['eth9']);
      await writeFile(path.join(dir, 'bad.xml'), '<domain/>');
      try {
        await virt.connect(`test://${path.join(dir, 'bad.xml')}`);
        expect.fail('opened');
      } catch (e) {
        expect(isVirtError(e, ErrorCode.XML_ERROR), String(e)).to.equal(true);
      }
    } finally {
      await virt.dispose();
    }
  });

  it('asks for a user name and password when the document has an <auth> block, with virsh\'s prompts, and fails as it does', async () => {
    const file = path.join(dir, 'auth.xml');
    await writeFile(file, "<node><auth><user password='pw'>alice</user></auth><domain type='test'><name>d1</name><memory>1024</memory><os><type>hvm</type></os></domain></node>");
    const authUri = `test://${file}`;
    /** virsh reads credentials from its stdin when it is not a terminal. */
    const realVirsh = (input: string) => new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const p = spawn('virsh', ['-c', authUri, 'list --name'], { env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('error', reject);
      p.on('close', () => resolve({ stdout, stderr }));
      p.stdin.end(input);
    });
    const virt = await Virt.create({ plugins: [testDriverPlugin], envPlugins: false, logger: silentLogger });
    try {
      const asked: ConnectCredential[] = [];
      const answer = (user: string, password: string) => (creds: ConnectCredential[]) => {
        for (const c of creds) {
          asked.push({ ...c });
          c.result = c.type === CredentialType.AUTHNAME ? user : password;
        }
      };
      const conn = await virt.connect(authUri, { auth: answer('alice', 'pw') });
      const good = await realVirsh('alice\npw\n');
      expect(good.stdout).to.equal(`Enter username for localhost: Enter alice's password for localhost: ${(await conn.listAllDomains()).map((d) => d.name).join('\n')}\n\n`);
      expect(asked.map((c) => `${c.prompt}: `).join('')).to.equal("Enter username for localhost: Enter alice's password for localhost: ");
      const bad = await realVirsh('alice\nwrong\n');
      try {
        await virt.connect(authUri, { auth: answer('alice', 'wrong') });
        expect.fail('opened with a wrong password');
      } catch (e) {
        expect(isVirtError(e, ErrorCode.AUTH_FAILED), String(e)).to.equal(true);
        expect(bad.stderr).to.include(`error: ${(e as Error).message}\n`);
      }
      await virt.connect(authUri).then(() => expect.fail('opened without credentials'), (e: unknown) => expect(isVirtError(e, ErrorCode.AUTH_FAILED)).to.equal(true));
    } finally {
      await virt.dispose();
    }
  });
});
