import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ErrorCode, isVirtError } from '@virtkit/core';
import { applyConf, defaultConfig, parseConfText, parseSsUnix } from '@virtkit/remote/daemon';
import { thrown } from './helpers/expect-error.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd } from './helpers/virtkitd.js';
import { waitFor } from './helpers/wait.js';

const run = promisify(execFile);

/** Debian's unprivileged user and group. */
const NOBODY = 65534;

/** Runs `argv` as nobody:nogroup with no supplementary groups; resolves with its output, whatever its status. */
async function asNobody(argv: string[], home: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...argv], { cwd: REPO, env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: home, XDG_CONFIG_HOME: home, XDG_RUNTIME_DIR: home }, timeout: 20000 });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

/** A line of JSON fields logged by virtkitd after `message`. */
function logged(log: string, message: string): Array<Record<string, unknown>> {
  return log.split('\n').filter((l) => l.startsWith(`virtkit info: ${message} `)).map((l) => JSON.parse(l.slice(`virtkit info: ${message} `.length)));
}

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** node running virtkit's remote client on `uri`: `await dom.<op>()` on domain "test"; prints "ok" or the error's message. */
const clientCall = (uri: string, op: string) => [process.execPath, '--input-type=module', '-e', `
  import { Virt } from '@virtkit/core';
  import { remotePlugin } from '@virtkit/remote';
  const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false });
  try {
    const dom = await (await virt.connect(${JSON.stringify(uri)})).lookupDomainByName('test');
    await dom.${op}();
    console.log('ok');
  } catch (e) { console.log(e.message); }
  await virt.dispose();`];

const connectProbe = (socket: string) => [process.execPath, '-e', `require('net').connect(${JSON.stringify(socket)}).on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); })`];

describe('virtkitd unix socket access: group, modes, peer credentials', function () {
  this.timeout(60000);
  let home: string;
  before(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'virtkit-nobody-'));
    await chmod(home, 0o777);
  });
  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('reads unix_sock_group, unix_sock_rw_perms and unix_sock_ro_perms; refuses bad values', () => {
    const c = applyConf(defaultConfig(), parseConfText('unix_sock_group = "nogroup"\nunix_sock_rw_perms = "0770"\nunix_sock_ro_perms = "0755"\n'));
    expect([c.unixSockGroup, c.unixSockRwPerms, c.unixSockRoPerms]).to.deep.equal(['nogroup', 0o770, 0o755]);
    for (const bad of ['unix_sock_rw_perms = 770', 'unix_sock_rw_perms = "0789"', 'unix_sock_ro_perms = "rwx"', 'unix_sock_group = ""', 'unix_sock_group = 5']) {
      expect(isVirtError(thrown(() => applyConf(defaultConfig(), parseConfText(bad))), ErrorCode.CONF_SYNTAX), bad).to.equal(true);
    }
  });

  it('gives the sockets the configured group and modes, and they decide who may connect', async () => {
    const d = await startVirtkitd('unix_sock_group = "nogroup"\nunix_sock_rw_perms = "0770"\nunix_sock_ro_perms = "0700"\n');
    try {
      await chmod(d.dir, 0o711);
      const rw = await stat(d.socket);
      const ro = await stat(d.roSocket);
      expect([rw.gid, rw.mode & 0o777]).to.deep.equal([NOBODY, 0o770]);
      expect([ro.gid, ro.mode & 0o777]).to.deep.equal([NOBODY, 0o700]);
      expect((await asNobody(connectProbe(d.socket), home)).stdout.trim()).to.equal('connected');
      expect((await asNobody(connectProbe(d.roSocket), home)).stdout.trim()).to.equal('EACCES');
    } finally {
      await d.stop();
    }
  });

  it('keeps the defaults without the keys: read-write 0700, read-only 0777, the daemon\'s group', async () => {
    const d = await startVirtkitd('');
    try {
      await chmod(d.dir, 0o711);
      expect(((await stat(d.socket)).mode & 0o777)).to.equal(0o700);
      expect(((await stat(d.roSocket)).mode & 0o777)).to.equal(0o777);
      expect((await stat(d.socket)).gid).to.equal(process.getgid!());
      expect((await asNobody(connectProbe(d.socket), home)).stdout.trim()).to.equal('EACCES');
    } finally {
      await d.stop();
    }
  });

  it('refuses to start with a group that does not exist', async () => {
    const e = await startVirtkitd('unix_sock_group = "no-such-group-here"\n').then(async (d) => { await d.stop(); return undefined; }, (x: Error) => x);
    expect(e?.message).to.contain("Failed to find group record for name 'no-such-group-here'");
  });

  it('logs the peer\'s pid, uid and gid with each state change, on the read-write and read-only sockets', async () => {
    const d = await startVirtkitd('unix_sock_group = "nogroup"\nunix_sock_rw_perms = "0770"\n');
    const virt = await remoteVirt();
    try {
      await chmod(d.dir, 0o711);
      const conn = await virt.connect(d.uri());
      const dom = await conn.lookupDomainByName('test');
      await dom.suspend();
      await waitFor(() => logged(d.stderr(), 'state change: virDomainSuspend').length > 0, 5000, 'the suspend to be logged');
      expect(logged(d.stderr(), 'state change: virDomainSuspend')).to.deep.equal([{ pid: process.pid, uid: process.getuid!(), gid: process.getgid!() }]);
      expect(logged(d.stderr(), 'client connected').some((f) => f.pid === process.pid && f.socket === d.socket && f.readonly === false)).to.equal(true);

      // Another user: logged with its ids; the read-only socket still refuses.
      const rw = await asNobody(clientCall(d.uri(), 'resume'), home);
      expect(rw.stdout.trim(), rw.stderr).to.equal('ok');
      const [resume] = logged(d.stderr(), 'state change: virDomainResume');
      expect([resume.uid, resume.gid]).to.deep.equal([NOBODY, NOBODY]);
      expect(resume.pid).to.be.a('number').and.not.equal(process.pid);
      // Real virsh of a group member (a non-root virsh sends CONNECT_OPEN flag 0x4, which libvirtd ignores).
      const list = await asNobody(['virsh', '-c', d.uri(), 'list'], home);
      expect(list.stdout, list.stderr).to.match(/^\s*1\s+test\s+running\s*$/m);
      const ro = await asNobody(clientCall(`test+unix:///default?socket=${d.roSocket}`, 'destroy'), home);
      expect(ro.stdout.trim()).to.equal('operation forbidden: read only access prevents virDomainDestroy');
      expect((await dom.getState()).state).to.equal(1);
    } finally {
      await virt.dispose();
      await d.stop();
    }
  });

  it('parses ss -xpn rows: local inode, peer inode, holders', () => {
    const rows = parseSsUnix([
      'u_str ESTAB 0      0      /tmp/virtkitd-x/sock 215890 * 215889 users:(("node",pid=26717,fd=21))',
      'u_str ESTAB 0      0                              * 215889 * 215890 users:(("nc",pid=4242,fd=3),("sshd",pid=4240,fd=9))',
      'u_str ESTAB 0      0                              * 149    * 148',
    ].join('\n'));
    expect(rows.get(215890)).to.deep.equal({ peer: 215889, pids: [26717] });
    expect(rows.get(215889)).to.deep.equal({ peer: 215890, pids: [4242, 4240] });
    expect(rows.get(149)).to.deep.equal({ peer: 148, pids: [] });
  });
});
