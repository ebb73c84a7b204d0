import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { CORE_API_VERSION } from '@virtkit/core';
import { runCli, splitCommands, type CliIo } from '@virtkit/cli';

const BIN = path.resolve('packages/cli/dist/main.js');

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const errStream = new PassThrough();
  errStream.on('data', (c) => (err += String(c)));
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, errStream };
  const code = await runCli(args, io, { env });
  return { code, out, err };
}

const GUEST = `<domain type='test'><name>g,1 "q"</name><memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;

describe('cli: virtkit', () => {
  let dir: string;
  let xml: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'virtkit-cli-'));
    xml = path.join(dir, 'g.xml');
    await writeFile(xml, GUEST);
  });

  it("lays out list like virsh for libvirt's default host", async () => {
    const r = await run(['list']);
    expect(r.code).to.equal(0);
    expect(r.out).to.equal(' Id   Name   State\n----------------------\n 1    test   running\n\n');
  });

  it('runs a ;-separated sequence against one in-memory host', async () => {
    const r = await run(['-c', 'test:///seq', `define '${xml}'; start 'g,1 "q"'; domstate --reason 'g,1 "q"'; list --all; dumpxml 'g,1 "q"'`]);
    expect(r.err).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.out).to.contain(`Domain 'g,1 "q"' defined from ${xml}\n\n`);
    expect(r.out).to.contain(`Domain 'g,1 "q"' started\n\n`);
    expect(r.out).to.contain('running (booted)\n');
    expect(r.out).to.match(/ 2 {4}g,1 "q" {3}running/);
    expect(r.out).to.contain(`<name>g,1 "q"</name>`);
    expect(r.out).to.contain("<memory unit='KiB'>131072</memory>");
  });

  it('prints errors as error: … on stderr with a non-zero exit, and goes on with the next command', async () => {
    // As virsh, the status is the last command's: the uri that follows succeeds.
    const r = await run(['domstate nope; uri']);
    expect(r.code).to.equal(0);
    const last = await run(['uri; domstate nope']);
    expect(last.code).to.equal(1);
    expect(r.err).to.equal("error: failed to get domain 'nope'\n");
    // As virsh, the failed command's output ends with an empty line of its own.
    expect(r.out).to.equal('\ntest:///default\n\n');
    const u = await run(['frobnicate']);
    expect(u.code).to.equal(1);
    expect(u.err).to.contain("unknown command: 'frobnicate'");
    const o = await run(['list', '--bogus']);
    expect(o.code).to.equal(1);
    expect(o.err).to.equal("error: command 'list' doesn't support option --bogus\n");
    const native = await run(['domxml-to-native', 'no-such-format', xml]);
    expect(native.code).to.equal(1);
    expect(native.err).to.contain('unsupported config type no-such-format');
    const missing = await run(['define', path.join(dir, 'absent.xml')]);
    expect(missing.err).to.equal(`error: Failed to open file '${path.join(dir, 'absent.xml')}': No such file or directory\n`);
  });

  it("says virsh's 'failed to connect to the hypervisor' for its own connection only", async () => {
    const bad = 'test:///x?frob=1';
    const why = `error: invalid argument: ${bad}: unknown parameter 'frob' (known: migration, migration-ms, incoming-timeout-ms, empty)\n`;
    const own = await run(['-c', bad, 'list']);
    expect(own.code).to.equal(1);
    expect(own.err).to.equal(`error: failed to connect to the hypervisor\n${why}`);
    const destination = await run(['migrate', 'test', bad]);
    expect(destination.code).to.equal(1);
    expect(destination.err).to.equal(why);
  });

  it('refuses a migration without a common protocol version with NO_SUPPORT', async () => {
    const r = await run(['-c', 'test:///a?migration=v1', 'migrate', 'test', 'test:///b?migration=v2']);
    expect(r.code).to.equal(1);
    expect(r.err).to.contain('not supported').and.to.contain('supports v1').and.to.contain('supports v2');
  });

  it('migrates with a progress bar and reports the negotiated version', async () => {
    const r = await run(['-c', 'test:///src?migration=v1,v2&migration-ms=600', 'migrate --live --verbose --persistent --undefinesource test test:///dst?empty=1; list --all; connect test:///dst; list']);
    expect(r.code, r.err).to.equal(0);
    expect(r.err).to.match(/Migration: \[.*\] 100% \| 8192\/8192 MiB/);
    expect(r.out).to.contain('protocol v2');
    expect(r.out).to.contain(' Id   Name   State\n--------------------\n\n');
    expect(r.out).to.match(/ 1 {4}test {3}running/);
  });

  it('migrates peer-to-peer with --p2p: the source host opens the destination itself', async () => {
    const r = await run(['-c', 'test:///p2p-src?migration-ms=100', 'migrate --live --p2p --persistent --undefinesource test test:///p2p-dst?empty=1; list --all; connect test:///p2p-dst; list']);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.contain(' Id   Name   State\n--------------------\n\n');
    expect(r.out).to.match(/ 1 {4}test {3}running/);
    const refused = await run(['-c', 'test:///p2p-src2', 'migrate --p2p --verbose test test:///p2p-dst2?empty=1']);
    expect(refused.code).to.equal(1);
    expect(refused.err).to.contain('--verbose needs a client-driven migration');
  });

  it('speaks JSON with --json', async () => {
    const r = await run(['--json', 'dominfo', 'test']);
    expect(JSON.parse(r.out)).to.deep.include({ id: 1, name: 'test', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', osType: 'linux', state: 'running', cpus: 2, maxMemoryKiB: 8388608, usedMemoryKiB: 2097152, persistent: true });
    const l = await run(['--json', 'list', '--all']);
    expect(JSON.parse(l.out)).to.deep.equal([{ id: 1, name: 'test', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', state: 'running' }]);
  });

  it('prints the packages\' versions with -v and version', async () => {
    const versionOf = async (pkg: string) => (JSON.parse(await readFile(path.resolve('packages', pkg, 'package.json'), 'utf8')) as { version: string }).version;
    const [cli, core] = await Promise.all([versionOf('cli'), versionOf('core')]);
    expect((await run(['-v'])).out).to.equal(`${cli}\n`);
    expect((await run(['--version'])).out).to.equal(`${cli}\n`);
    const r = await run(['version']);
    expect(r.out).to.equal(`Compiled against library: virtkit ${core}\nUsing library: virtkit ${core}\nUsing API: TEST ${CORE_API_VERSION}\nRunning hypervisor: TEST 0.0.2\n\n`);
  });

  it('takes the URI from VIRTKIT_DEFAULT_URI when -c is absent', async () => {
    const r = await run(['uri'], { VIRTKIT_DEFAULT_URI: 'test:///from-env' });
    expect(r.out).to.equal('test:///from-env\n\n');
  });

  it('refuses state changes on a read-only connection', async () => {
    const r = await run(['-r', 'destroy test; domstate test']);
    // the status is domstate's, as virsh's
    expect(r.code).to.equal(0);
    expect(r.err).to.contain('read only access prevents this operation');
    expect(r.out).to.equal('\nrunning\n\n');
  });

  it('splits command strings as virsh does', () => {
    expect(splitCommands(`define "a b.xml"; start x\\;y ;dumpxml 'q;"'`)).to.deep.equal([['define', 'a b.xml'], ['start', 'x;y'], ['dumpxml', 'q;"']]);
    expect(() => splitCommands(`start 'open`)).to.throw(/unterminated single quote/);
  });

  it('works as a real process', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '-c', 'test:///default', 'hostname; version']);
    expect(stdout).to.contain(os.hostname());
    expect(stdout).to.contain('Running hypervisor: TEST 0.0.2');
    try {
      await promisify(execFile)(process.execPath, [BIN, 'domstate', 'ghost']);
      expect.fail('exit status 0 for a missing domain');
    } catch (e) {
      expect((e as { code: number }).code).to.equal(1);
      expect((e as { stderr: string }).stderr).to.equal("error: failed to get domain 'ghost'\n");
    }
  });
});

describe('cli: the demo', () => {
  it('defines, starts and live-migrates a guest on the embedded default, then shows both hosts', async function () {
    this.timeout(60000);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.resolve('packages/cli/dist/demo.js')]);
    expect(stdout).to.contain("Domain 'demo-guest' started");
    expect(stdout).to.contain('protocol v3');
    expect(stderr).to.match(/Migration: \[.*\] 100% \| 2048\/2048 MiB/);
    const [source, destination] = stdout.split('### Final state of the source host')[1].split('### Final state of the destination host');
    expect(source).to.match(/ 1 {4}test {3}running/);
    expect(source).to.not.contain('demo-guest');
    expect(destination).to.match(/ 1 {4}demo-guest {3}running/);
    expect(destination).to.match(/Persistent: {5}yes/);
  });
});
