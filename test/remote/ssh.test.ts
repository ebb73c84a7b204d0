import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ErrorCode, ErrorDomain, isVirtError, parseUri, type Virt } from '@virtkit/core';
import { endpointOf, remoteProxyCommand, shellQuote, sshCommand } from '@virtkit/remote';
import { rejected, thrown } from './helpers/expect-error.js';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startSshd, type Sshd } from './helpers/sshd.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';

const run = promisify(execFile);

describe('ssh transport: the command line (libvirt virNetClientNewSSH)', () => {
  const argv = (uri: string, readonly = false) => sshCommand(parseUri(uri), { socket: '/run/s', serverUri: 'test:///default', readonly });

  it('passes user, port, keyfile, known_hosts, no_tty and no_verify as libvirt does', () => {
    const c = argv('test+ssh://alice@host.example:2222/default?keyfile=/k&known_hosts=/kh&no_tty=1&no_verify=1');
    expect(c.binary).to.equal('ssh');
    expect(c.args.slice(0, -2)).to.deep.equal([
      '-p', '2222', '-l', 'alice', '-i', '/k', '-o', 'UserKnownHostsFile=/kh',
      '-T', '-o', 'BatchMode=yes', '-e', 'none', '-o', 'StrictHostKeyChecking=no', '--',
    ]);
    expect(c.args.at(-2)).to.equal('host.example');
  });

  it('leaves everything else to ssh and its config when no parameter is given', () => {
    const c = argv('test+ssh://host/default');
    expect(c.args.slice(0, 2)).to.deep.equal(['--', 'host']);
  });

  it('runs the command= binary', () => {
    expect(argv('test+ssh://host/default?command=/opt/ssh').binary).to.equal('/opt/ssh');
  });

  it('asks the far shell for the helper, else nc; netcat= and proxy=netcat use nc only, proxy=native the helper only', () => {
    const o = { netcat: 'nc', socket: "/run/it's", socketGiven: true, serverUri: 'test:///default', readonly: false };
    expect(remoteProxyCommand('auto', o)).to.contain('command -v virtkitd').and.contain('virtkitd ssh-helper --socket').and.contain('-U');
    expect(remoteProxyCommand('netcat', o)).to.not.contain('virtkitd');
    expect(remoteProxyCommand('native', o)).to.not.contain(' -U ');
    expect(argv('test+ssh://host/default?netcat=/bin/ncat').args.at(-1)).to.contain(shellQuote('/bin/ncat')).and.not.contain('virtkitd');
    expect(argv('test+ssh://host/default', true).args.at(-1)).to.contain('ssh-helper -r');
  });

  it('quotes the socket path for the far shell', async () => {
    const script = remoteProxyCommand('netcat', { netcat: 'echo', socket: "/a b/it's", socketGiven: true, serverUri: 'x:///', readonly: false });
    const { stdout } = await run('sh', ['-c', script]);
    expect(stdout.trim()).to.match(/-U \/a b\/it's$/);
  });

  it('refuses an ssh URI without a host, a bad flag value and an unknown proxy', () => {
    for (const uri of ['test+ssh:///default', 'test+ssh://h/default?no_tty=yes', 'test+ssh://h/default?proxy=socat']) {
      expect(isVirtError(thrown(() => endpointOf(parseUri(uri), false)), ErrorCode.INVALID_ARG), uri).to.equal(true);
    }
  });
});

describe('ssh transport against a real sshd on 127.0.0.1', function () {
  this.timeout(60000);
  let sshd: Sshd;
  let daemon: Virtkitd;
  let libvirtd: Libvirtd;
  let virt: Virt;

  before(async () => {
    sshd = await startSshd();
    daemon = await startVirtkitd('', { verbose: false });
    libvirtd = await startLibvirtd();
    virt = await remoteVirt();
  });
  after(async () => {
    await virt?.dispose();
    await daemon?.stop();
    await libvirtd?.stop();
    await sshd?.stop();
  });

  it('reaches virtkitd through the helper virtkitd ships when it is on the far PATH', async () => {
    const before = (await sshd.helperRuns()).length;
    const conn = await virt.connect(sshd.uri('test', '/default', { socket: daemon.socket }));
    try {
      expect(await conn.getUri()).to.equal('test:///default');
      const dom = await conn.lookupDomainByName('test');
      await dom.suspend();
      expect((await dom.getInfo()).state).to.equal(3);
      await dom.resume();
    } finally {
      await conn.close();
    }
    const runs = (await sshd.helperRuns()).slice(before);
    expect(runs).to.deep.equal([`ssh-helper --socket ${daemon.socket} test:///default`]);
  });

  it('falls back to nc -U when the far PATH has no virtkitd, and uses nc alone with proxy=netcat', async () => {
    const before = (await sshd.helperRuns()).length;
    for (const [params, port] of [[{ socket: daemon.socket }, sshd.bareport], [{ socket: daemon.socket, proxy: 'netcat' }, sshd.port]] as const) {
      const conn = await virt.connect(sshd.uri('test', '/default', params, port));
      expect((await conn.listAllDomains()).map((d) => d.name)).to.deep.equal(['test']);
      await conn.close();
    }
    expect((await sshd.helperRuns()).slice(before)).to.deep.equal([]);
  });

  it('runs the command= ssh with strict host key checking against the test known_hosts', async () => {
    const conn = await virt.connect(sshd.uri('test', '/default', { socket: daemon.socket, command: sshd.strictSsh }));
    expect(await conn.getType()).to.equal('TEST');
    await conn.close();
  });

  it('follows the user\'s ssh_config: a host alias behind a ProxyJump', async () => {
    const accepted = () => (sshd.log().match(/Accepted publickey/g) ?? []).length;
    const before = accepted();
    const conn = await virt.connect(`test+ssh://behind-jump/default?socket=${daemon.socket}&command=${sshd.strictSsh}`);
    expect((await conn.listAllDomains()).map((d) => d.name)).to.deep.equal(['test']);
    await conn.close();
    expect(accepted() - before, 'logins: the jump host, then the target through it').to.equal(2);
  });

    it('refuses a host whose key is not the known one, with what ssh said, and the daemon keeps serving', async () => {
    const e = await rejected(virt.connect(sshd.uri('test', '/default', { socket: daemon.socket, known_hosts: sshd.wrongKnownHosts })));
    expect(isVirtError(e, ErrorCode.SYSTEM_ERROR), String(e)).to.equal(true);
    expect((e as Error).message).to.match(/^End of file while reading data: [^]*Host key verification failed\.: Input\/output error$/);
    const conn = await virt.connect(daemon.uri());
    expect(await conn.getType()).to.equal('TEST');
    await conn.close();
  });

  it('refuses a key the server does not authorize, with ssh\'s words', async () => {
    const e = await rejected(virt.connect(sshd.uri('test', '/default', { socket: daemon.socket, keyfile: `${sshd.dir}/other_host_key` })));
    expect(isVirtError(e, ErrorCode.SYSTEM_ERROR), String(e)).to.equal(true);
    expect((e as Error).message).to.match(/Permission denied \(publickey\)\.: Input\/output error$/);
  });

    it('says what the far helper said when the socket is not there', async () => {
    const e = await rejected(virt.connect(sshd.uri('test', '/default', { socket: `${daemon.dir}/missing` })));
    expect((e as Error).message).to.match(/virtkitd ssh-helper: Failed to connect to socket '[^']*\/missing'/);
  });

  it('opens read-only over ssh and the daemon refuses state changes', async () => {
    const conn = await virt.connect(sshd.uri('test', '/default', { socket: daemon.roSocket }), { readonly: true });
    const dom = await conn.lookupDomainByName('test');
    const e = await rejected(dom.destroy());
    expect(isVirtError(e, ErrorCode.OPERATION_DENIED), String(e)).to.equal(true);
    await conn.close();
    expect((await sshd.helperRuns()).at(-1)).to.equal(`ssh-helper -r --socket ${daemon.roSocket} test:///default`);
  });

  it('reaches a real libvirtd through the helper and through nc', async () => {
    for (const [params, port] of [[{ socket: libvirtd.socket }, sshd.port], [{ socket: libvirtd.socket }, sshd.bareport]] as const) {
      const conn = await virt.connect(sshd.uri('test', '/default', params, port));
      expect(await conn.getType()).to.equal('TEST');
      expect((await conn.listAllDomains()).map((d) => d.name)).to.deep.equal(['test']);
      const missing = await rejected(conn.lookupDomainByName('nope'));
      expect(isVirtError(missing, ErrorCode.NO_DOMAIN)).to.equal(true);
      expect((missing as { domain: number }).domain).to.equal(ErrorDomain.TEST);
      await conn.close();
    }
  });

  it('serves real virsh over ssh (libvirt 9.0 uses nc when socket= is given)', async () => {
    const uri = sshd.uri('test', '/default', { socket: daemon.socket, command: sshd.strictSsh });
    const { stdout } = await run('virsh', ['-c', uri, 'list', '--all'], { timeout: 30000 });
    expect(stdout).to.match(/^\s*1\s+test\s+running\s*$/m);
    const info = await run('virsh', ['-c', uri, 'dominfo', 'test'], { timeout: 30000 });
    expect(info.stdout).to.match(/^State:\s+running$/m);
  });
});
