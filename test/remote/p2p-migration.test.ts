import { expect } from 'chai';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { DriverRole, DrvFeature, ErrorCode, MigrateFlags, hasMigrationV1, isVirtError, type Virt } from '@virtkit/core';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { waitFor } from './helpers/wait.js';
import { cEnv as env, listNames as names, run, twoDaemons, virsh } from './helpers/virsh.js';

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}
const VIRTKIT = fileURLToPath(new URL('../../../packages/cli/bin/virtkit.js', import.meta.url));
/** virsh domstate without the reason. */
const domstate = async (uri: string, name: string) => (await virsh(uri, 'domstate', name)).trim();

describe('peer-to-peer migration between two virtkitd (test:/// hosts)', function () {
  this.timeout(60000);
  const hosts = twoDaemons('virtkit-p2p-');
  const { defineRunning } = hosts;
  let a: Virtkitd;
  let b: Virtkitd;
  let virt: Virt;
  before(async () => {
    a = hosts.a();
    b = hosts.b();
    virt = await remoteVirt();
  });
  after(async () => { await virt?.dispose(); });

  /** The destination as the source daemon opens it: TCP to b, a test host of its own. */
  const destOf = (d: Virtkitd, host: string, query = 'empty=1') => `test+tcp://${d.tcp.host}:${d.tcp.port}/${host}?${query}`;

  it('virsh migrate --live --p2p --persistent --undefinesource: the source daemon runs it, the guest runs only on the destination', async () => {
    const src = a.uri('/p2p-virsh', 'empty=1');
    await defineRunning(src, 'vk-p2p');
    await virsh(src, 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', 'vk-p2p', destOf(b, 'p2p-virsh'));
    const dst = b.uri('/p2p-virsh', 'empty=1');
    expect(await domstate(dst, 'vk-p2p')).to.equal('running');
    expect(await virsh(dst, 'list', '--persistent', '--name')).to.contain('vk-p2p');
    expect(await names(src)).to.not.include('vk-p2p');
    // The daemon opened the destination itself: its log shows the peer's Perform3 and no client-driven Prepare.
    expect(a.stderr()).to.match(/DOMAIN_MIGRATE_PERFORM3/);
    expect(b.stderr()).to.match(/DOMAIN_MIGRATE_PREPARE3/);
    // And back again, to the first host.
    await virsh(dst, 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', 'vk-p2p', destOf(a, 'p2p-virsh'));
    expect(await domstate(src, 'vk-p2p')).to.equal('running');
    expect(await names(dst)).to.not.include('vk-p2p');
  });

  it('virsh migrate --p2p with --dname and --migrateuri: the destination runs the renamed guest on the given address', async () => {
    const port = await freePort();
    const src = a.uri('/p2p-dname', 'empty=1');
    await defineRunning(src, 'vk-p2p-dn');
    await virsh(src, 'migrate', '--live', '--p2p', '--dname', 'vk-p2p-renamed', '--migrateuri', `tcp:127.0.0.1:${port}`, 'vk-p2p-dn', destOf(b, 'p2p-dname'));
    expect(await domstate(b.uri('/p2p-dname', 'empty=1'), 'vk-p2p-renamed')).to.equal('running');
    expect(await domstate(src, 'vk-p2p-dn')).to.equal('shut off');
  });

  it('the destination hands out a migration URI on the address its daemon was reached on (not a host name)', async () => {
    const c = await startVirtkitd('', { tcp: '127.0.0.2:0' });
    try {
      const far = await virt.connect(`test+tcp://127.0.0.2:${c.tcp.port}/p2p-addr?empty=1`);
      const live = far.live();
      if (!hasMigrationV1(live)) throw new Error('v1 expected');
      const prep = await live.migratePrepare({ flags: 0, bandwidth: 0 });
      expect(prep.uriOut).to.match(/^tcp:127\.0\.0\.2:\d+$/);
      // The migration then goes through that address, peer-to-peer.
      const src = a.uri('/p2p-addr', 'empty=1');
      await defineRunning(src, 'vk-p2p-addr');
      await virsh(src, 'migrate', '--live', '--p2p', 'vk-p2p-addr', `test+tcp://127.0.0.2:${c.tcp.port}/p2p-addr2?empty=1`);
      expect(await domstate(c.uri('/p2p-addr2', 'empty=1'), 'vk-p2p-addr')).to.equal('running');
      await far.close();
    } finally {
      await c.stop();
    }
  });

  it('the virtkit CLI: migrate --p2p', async () => {
    const src = a.uri('/p2p-cli', 'empty=1');
    await defineRunning(src, 'vk-p2p-cli');
    const { stdout } = await run(process.execPath, [VIRTKIT, '-c', src, '--json', 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', 'vk-p2p-cli', destOf(b, 'p2p-cli')], { env, timeout: 60000 });
    expect(JSON.parse(stdout)).to.deep.include({ peer2peer: true, domain: 'vk-p2p-cli' });
    expect(await domstate(b.uri('/p2p-cli', 'empty=1'), 'vk-p2p-cli')).to.equal('running');
    expect(await names(src)).to.not.include('vk-p2p-cli');
  });

  it('the API: domain.migrateToUri through the remote driver, with typed parameters; unknown parameters and missing PEER2PEER refused', async () => {
    const src = a.uri('/p2p-api', 'empty=1');
    await defineRunning(src, 'vk-p2p-api');
    const conn = await virt.connect(src);
    try {
      const dom = await conn.lookupDomainByName('vk-p2p-api');
      const refused = async (p: Promise<unknown>, code: ErrorCode, text: string) => {
        const e = await p.then(() => undefined, (x: unknown) => x);
        expect(isVirtError(e, code), String(e)).to.equal(true);
        expect((e as Error).message).to.contain(text);
      };
      await refused(dom.migrateToUri(destOf(b, 'p2p-api'), { flags: MigrateFlags.PEER2PEER, params: { listen_address: '0.0.0.0' } as never }), ErrorCode.ARGUMENT_UNSUPPORTED, "migration parameter 'listen_address' is not supported");
      await refused(dom.migrateToUri(destOf(b, 'p2p-api'), { flags: MigrateFlags.LIVE }), ErrorCode.ARGUMENT_UNSUPPORTED, 'use VIR_MIGRATE_PEER2PEER');
      await refused(dom.migrateToUri('test+tcp://127.0.0.1:1/nowhere', { flags: MigrateFlags.PEER2PEER | MigrateFlags.LIVE }), ErrorCode.OPERATION_FAILED, 'Failed to connect to remote libvirt URI test+tcp://127.0.0.1:1/nowhere');
      expect((await dom.getState()).state).to.equal(1);
      await dom.migrateToUri(destOf(b, 'p2p-api'), { flags: MigrateFlags.PEER2PEER | MigrateFlags.LIVE | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE, params: { destination_name: 'vk-p2p-api2', bandwidth: 100 } });
    } finally {
      await conn.close();
    }
    expect(await domstate(b.uri('/p2p-api', 'empty=1'), 'vk-p2p-api2')).to.equal('running');
    expect(await names(src)).to.not.include('vk-p2p-api');
  });

  it('the source daemon opens the destination as a migration peer: the feature numbers, none of the object families\' probes', async () => {
    const src = a.uri('/p2p-peer', 'empty=1');
    await defineRunning(src, 'vk-p2p-peer');
    const from = b.stderr().length;
    await virsh(src, 'migrate', '--live', '--p2p', 'vk-p2p-peer', destOf(b, 'p2p-peer'));
    const peer = b.stderr().slice(from);
    expect(await domstate(b.uri('/p2p-peer', 'empty=1'), 'vk-p2p-peer')).to.equal('running');
    expect(peer).to.match(/call CONNECT_SUPPORTS_FEATURE/);
    expect(peer).to.match(/call DOMAIN_MIGRATE_PREPARE3/);
    expect(peer).to.not.match(/call (DOMAIN_LIST_ALL_SNAPSHOTS|CONNECT_LIST_ALL_INTERFACES|CONNECT_NETWORK_EVENT_REGISTER_ANY)/);
    expect(peer.match(/call CONNECT_SUPPORTS_FEATURE/g)?.length, 'the migration\'s numbers only').to.be.below(10);
    // Through the API the same: a migration peer declares the migration protocol, not the families; an ordinary open still learns them.
    const peerConn = await virt.connect(destOf(b, 'p2p-peer'), { migrationPeer: true });
    const client = await virt.connect(destOf(b, 'p2p-peer'));
    try {
      expect(await peerConn.supportsFeature(DrvFeature.MIGRATION_V3)).to.equal(true);
      expect(await peerConn.supportsFeature(DrvFeature.MIGRATION_OFFLINE)).to.equal(true);
      expect(await client.supportsFeature(DrvFeature.NETWORK_UPDATE_HAS_CORRECT_ORDER)).to.equal(true);
      expect(await peerConn.supportsFeature(DrvFeature.NETWORK_UPDATE_HAS_CORRECT_ORDER), 'not asked').to.equal(false);
      expect(peerConn.live().features.has(DriverRole.SNAPSHOTS)).to.equal(false);
      expect(client.live().features.has(DriverRole.SNAPSHOTS)).to.equal(true);
    } finally {
      await peerConn.close();
      await client.close();
    }
  });

  it('a destination daemon killed during Perform: the migration fails, the guest runs on at the source, and migrates again', async () => {
    const c = await startVirtkitd();
    const src = a.uri('/p2p-kill', 'empty=1&migration-ms=4000');
    await defineRunning(src, 'vk-p2p-kill');
    const mig = run('virsh', ['-c', src, 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', 'vk-p2p-kill', destOf(c, 'p2p-kill', 'empty=1&migration-ms=4000')], { env, timeout: 60000 }).then(() => '', (e: { stderr?: string }) => e.stderr ?? String(e));
    await waitFor(async () => /Job type:\s+Unbounded/.test(await virsh(src, 'domjobinfo', 'vk-p2p-kill')), 20000, 'the outgoing job');
    c.proc.kill('SIGKILL');
    await c.exited;
    expect(await mig).to.match(/error:/);
    await waitFor(async () => (await domstate(src, 'vk-p2p-kill')) === 'running', 15000, 'the source running');
    await c.stop().catch(() => {});
    await virsh(src, 'migrate', '--live', '--p2p', '--persistent', '--undefinesource', 'vk-p2p-kill', destOf(b, 'p2p-kill'));
    expect(await domstate(b.uri('/p2p-kill', 'empty=1'), 'vk-p2p-kill')).to.equal('running');
    expect(await names(src)).to.not.include('vk-p2p-kill');
  });

  it('a destination daemon that stops answering (SIGSTOP) during Perform: keepalive ends the peer connection, the source resumes', async function () {
    this.timeout(90000);
    const c = await startVirtkitd();
    const src = a.uri('/p2p-stop', 'empty=1&migration-ms=60000');
    await defineRunning(src, 'vk-p2p-stop');
    const mig = run('virsh', ['-c', src, 'migrate', '--live', '--p2p', 'vk-p2p-stop', destOf(c, 'p2p-stop', 'empty=1&migration-ms=60000')], { env, timeout: 80000 }).then(() => '', (e: { stderr?: string }) => e.stderr ?? String(e));
    try {
      await waitFor(async () => /Job type:\s+Unbounded/.test(await virsh(src, 'domjobinfo', 'vk-p2p-stop')), 20000, 'the outgoing job');
      c.proc.kill('SIGSTOP');
      expect(await mig).to.contain('Lost connection to destination host');
      expect(await domstate(src, 'vk-p2p-stop')).to.equal('running');
    } finally {
      c.proc.kill('SIGKILL');
      await c.stop().catch(() => {});
    }
  });
});

/** python3-libvirt's migrateToURI3 as OpenStack Nova calls it. */
const NOVA_MIGRATE = `
import sys, libvirt
src, name, dest = sys.argv[1:4]
dom = libvirt.open(src).lookupByName(name)
xml = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_MIGRATABLE)
params = {libvirt.VIR_MIGRATE_PARAM_DEST_XML: xml, libvirt.VIR_MIGRATE_PARAM_PERSIST_XML: xml, libvirt.VIR_MIGRATE_PARAM_BANDWIDTH: 0}
flags = libvirt.VIR_MIGRATE_LIVE | libvirt.VIR_MIGRATE_PEER2PEER | libvirt.VIR_MIGRATE_PERSIST_DEST | libvirt.VIR_MIGRATE_UNDEFINE_SOURCE
dom.migrateToURI3(dest, params, flags)
`;

describe("python3-libvirt's migrateToURI3 with Nova's flags against virtkitd (test:/// hosts)", function () {
  this.timeout(60000);
  // The distribution's python3 (python3-libvirt), or one on PATH that has the binding.
  let python: string | undefined;
  before(async function () {
    for (const candidate of ['/usr/bin/python3', 'python3']) {
      if (await run(candidate, ['-c', 'import libvirt']).then(() => true, () => false)) {
        python = candidate;
        break;
      }
    }
    if (!python) {
      console.log('    python3-libvirt is not installed (.ci/apt/migration.txt installs it): skipped');
      this.skip();
    }
  });
  const hosts = twoDaemons('virtkit-nova-');

  it('LIVE|PEER2PEER|PERSIST_DEST|UNDEFINE_SOURCE with destination_xml, persistent_xml and bandwidth: the guest moves, persistent, and the source forgets it', async () => {
    const [a, b] = [hosts.a(), hosts.b()];
    const src = a.uri('/nova', 'empty=1');
    await hosts.defineRunning(src, 'vk-nova');
    await run(python!, ['-c', NOVA_MIGRATE, src, 'vk-nova', `test+tcp://${b.tcp.host}:${b.tcp.port}/nova?empty=1`], { env, timeout: 60000 });
    const dst = b.uri('/nova', 'empty=1');
    expect(await domstate(dst, 'vk-nova')).to.equal('running');
    expect(await virsh(dst, 'list', '--persistent', '--name')).to.contain('vk-nova');
    expect(await names(src)).to.not.include('vk-nova');
    // With MIGRATION_PARAMS advertised, libvirt's client sent the typed parameters: Perform3Params with dconnuri.
    expect(a.stderr()).to.match(/DOMAIN_MIGRATE_PERFORM3_PARAMS/);
  });
});
