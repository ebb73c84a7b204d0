import { expect } from 'chai';
import { DomainState, DriverRole, DrvFeature, ErrorCode, isVirtError, type Connection, type Virt } from '@virtkit/core';
import { createRemotePlugin } from '@virtkit/remote';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { rejected } from './helpers/expect-error.js';
import { remoteVirt, withVirtkitd } from './helpers/remote-virt.js';
import { scriptedServer } from './helpers/scripted-server.js';
import { waitFor } from './helpers/wait.js';

const XML = (name: string) => `<domain type='test'>
  <name>${name}</name>
  <memory unit='KiB'>262144</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>`;


/** The domain-control roles (DriverRole 0x7f000030-39) a remote connection may declare. */
const DOMAIN_CONTROL_ROLES = [
  DriverRole.DOMAIN_CONTROL, DriverRole.DOMAIN_RESOURCES, DriverRole.DOMAIN_AUTOSTART, DriverRole.MANAGED_SAVE, DriverRole.DOMAIN_METADATA,
  DriverRole.SCHEDULER, DriverRole.DOMAIN_STATS, DriverRole.DEVICE_DETACH, DriverRole.DOMAIN_EVENTS, DriverRole.DOMAIN_TIME,
];
describe('remote client against a real libvirtd (libvirt test driver)', function () {
  this.timeout(60000);
  let daemon: Libvirtd;
  let virt: Virt;
  let conn: Connection;

  before(async () => {
    daemon = await startLibvirtd();
    virt = await remoteVirt();
    conn = await virt.connect(daemon.testUri);
  });
  after(async () => {
    await virt?.dispose();
    await daemon?.stop();
  });

  it('reads host facts from libvirtd', async () => {
    expect(await conn.getType()).to.equal('TEST');
    expect(await conn.getUri()).to.equal('test:///default');
    const node = await conn.getNodeInfo();
    expect(node.model).to.equal('i686');
    expect(node.cpus).to.equal(16);
    expect(node.memory).to.equal(3145728);
    expect(await conn.getCapabilities()).to.match(/^<capabilities>/);
  });

  it('lists and looks up the running domain "test"', async () => {
    const all = await conn.listAllDomains();
    expect(all.map((d) => d.name)).to.deep.equal(['test']);
    const byName = await conn.lookupDomainByName('test');
    expect(byName.id).to.equal(1);
    const byUuid = await conn.lookupDomainByUuid(byName.uuid);
    expect(byUuid.name).to.equal('test');
    const byId = await conn.lookupDomainById(1);
    expect(byId.uuid).to.equal(byName.uuid);
    const missing = await rejected(conn.lookupDomainByName('nope'));
    expect(isVirtError(missing, ErrorCode.NO_DOMAIN)).to.equal(true);
  });

  it('reaches libvirtd over TCP on loopback as well', async () => {
    const tcp = await virt.connect(daemon.tcpUri);
    try {
      expect(await tcp.getUri()).to.equal('test:///default');
      expect((await tcp.lookupDomainByName('test')).id).to.equal(1);
    } finally {
      await tcp.close();
    }
  });

  it("speaks libvirt's storage procedures: the test driver's default pool, a volume made and removed", async () => {
    const pools = await conn.listAllStoragePools();
    expect(pools.map((p) => p.name)).to.deep.equal(['default-pool']);
    const pool = await conn.lookupStoragePoolByUuid('dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566');
    expect(await pool.getXmlDesc()).to.include('<path>/default-pool</path>');
    const vol = await pool.createVolume("<volume><name>remote-vol</name><capacity unit='M'>4</capacity></volume>");
    expect(vol.key).to.equal('/default-pool/remote-vol');
    expect((await vol.getInfo()).capacity).to.equal(4 * 1024 * 1024);
    expect((await conn.lookupStorageVolByPath('/default-pool/remote-vol')).name).to.equal('remote-vol');
    // libvirt's test driver has no volume streams: the call's error reply, and the connection goes on.
    const e = await rejected(vol.download());
    expect(isVirtError(e, ErrorCode.NO_SUPPORT), String(e)).to.equal(true);
    await vol.delete();
    expect(await pool.listAllVolumes()).to.have.length(0);
  });

  it('reads info, state and XML (dominfo, domstate, dumpxml)', async () => {
    const dom = await conn.lookupDomainByName('test');
    const info = await dom.getInfo();
    expect(info.state).to.equal(DomainState.RUNNING);
    expect(info.nrVirtCpu).to.equal(2);
    expect(info.maxMem).to.equal(8388608);
    expect(info.memory).to.equal(2097152);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    expect(await dom.getXmlDesc()).to.contain('<name>test</name>');
  });

  it('defines, starts, suspends, resumes, destroys and undefines a domain', async () => {
    const dom = await conn.defineDomain(XML('vk-one'));
    expect(dom.id).to.equal(-1);
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
    await dom.start();
    expect(dom.id).to.be.greaterThan(0);
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    await dom.suspend();
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
    await dom.resume();
    await dom.destroy();
    expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
    await dom.undefine();
    expect(isVirtError(await rejected(conn.lookupDomainByName('vk-one')), ErrorCode.NO_DOMAIN)).to.equal(true);
  });

  it('passes libvirt errors through with their numbers', async () => {
    const e = await rejected(conn.defineDomain('<domain'));
    expect(isVirtError(e)).to.equal(true);
    expect((e as { code: number }).code).to.equal(ErrorCode.XML_DETAIL);
  });

  it('asks the server for features: libvirt\'s test driver has no migration', async () => {
    // libvirtd 9.0's answers for its test driver, plus what the client itself adds.
    expect([...conn.driverConnection.features].sort((x, y) => x - y)).to.deep.equal([
      DrvFeature.REMOTE, DrvFeature.FD_PASSING, DrvFeature.TYPED_PARAM_STRING, DrvFeature.PROGRAM_KEEPALIVE,
      DrvFeature.REMOTE_EVENT_CALLBACK, DrvFeature.REMOTE_CLOSE_CALLBACK, DrvFeature.NETWORK_UPDATE_HAS_CORRECT_ORDER,
      DriverRole.JOBS, DriverRole.EVENTS, DriverRole.CLOSE_EVENTS, DriverRole.NETWORKS, DriverRole.STORAGE, DriverRole.NETWORK_EVENTS,
      DriverRole.STORAGE_POOL_EVENTS, DriverRole.MIGRATION_TUNING, DriverRole.MIGRATION_POSTCOPY,
      // Probed: libvirt 9.0's test driver has snapshots, interfaces, node devices and checkpoints, but no secrets or network filters.
      DriverRole.SNAPSHOTS, DriverRole.INTERFACES, DriverRole.NODE_DEVICES, DriverRole.CHECKPOINTS,
      // The domain-control roles whose probe libvirtd did not answer NO_SUPPORT (its test driver has no device detach), and events.
      ...DOMAIN_CONTROL_ROLES.filter((r) => r !== DriverRole.DEVICE_DETACH),
      // Its test driver takes screenshots and keys but has no console (that probe is answered NO_SUPPORT).
      DriverRole.SCREENSHOT, DriverRole.SEND_KEY,
      // Probed: the host-info, domain-info, pinning and guest calls libvirt 9.0's test driver has.
      DriverRole.HOST_INFO, DriverRole.DOMAIN_INFO, DriverRole.DOMAIN_PINNING, DriverRole.DOMAIN_GUEST,
    ].sort((x, y) => x - y));
    expect(await conn.supportsFeature(DriverRole.JOBS), 'a private role number is no libvirt feature').to.equal(false);
    expect(await conn.supportsFeature(2)).to.equal(true);
    expect(await conn.supportsFeature(6)).to.equal(false);
    expect(await conn.supportsFeature(3)).to.equal(false);
    expect(await conn.supportsFeature(10)).to.equal(true);
  });

  it('surfaces the missing migration as NO_SUPPORT through the orchestrator', async () => {
    const other = await virt.connect(daemon.testUri);
    try {
      const dom = await conn.lookupDomainByName('test');
      const e = await rejected(dom.migrate(other));
      expect(isVirtError(e, ErrorCode.NO_SUPPORT)).to.equal(true);
      expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    } finally {
      await other.close();
    }
  });

  it('receives libvirtd\'s lifecycle events', async () => {
    const seen: string[] = [];
    const off = conn.onLifecycle((e) => seen.push(`${e.domain.name}:${e.event}`));
    try {
      await (conn.driverConnection as unknown as { eventsReady(): Promise<void> }).eventsReady();
      const dom = await conn.defineDomain(XML('vk-ev'));
      await dom.undefine();
      await waitFor(() => seen.length >= 2, 5000, 'two lifecycle events');
      expect(seen).to.deep.equal(['vk-ev:0', 'vk-ev:1']);
    } finally {
      off();
    }
  });

  it('refuses state changes on a read-only connection (libvirtd read-only socket)', async () => {
    const ro = await virt.connect(`test+unix:///default?socket=${daemon.roSocket}`, { readonly: true });
    try {
      expect((await ro.listAllDomains()).length).to.be.greaterThan(0);
      const dom = await ro.lookupDomainByName('test');
      const driverConn = ro.driverConnection;
      const e = await rejected(driverConn.destroy(dom.driverRef, 0));
      expect(isVirtError(e, ErrorCode.OPERATION_DENIED)).to.equal(true);
    } finally {
      await ro.close();
    }
  });
});

describe('remote client keepalive', function () {
  this.timeout(30000);

  it('declares a daemon that stopped answering dead and fails the waiting call', async () => {
    await withVirtkitd('', async (d, virt) => {
      const conn = await virt.connect(d.uri());
      expect(await conn.getType()).to.equal('TEST');
      d.proc.kill('SIGSTOP');
      try {
        const e = await rejected(conn.getHostname());
        expect(isVirtError(e)).to.equal(true);
        expect((e as Error).message).to.contain('keepalive timeout');
      } finally {
        d.proc.kill('SIGCONT');
      }
    }, createRemotePlugin({ keepalive: { interval: 1, count: 1 } }));
  });
});

describe('remote client feature probe at open', function () {
  this.timeout(30000);

  it('takes a server\'s error for one feature as "not supported", as libvirt\'s client does', async () => {
    const server = await scriptedServer((n) => (n === DrvFeature.MIGRATION_V3 ? 'error' : n === DrvFeature.MIGRATION_V2 ? 1 : 0));
    const virt = await remoteVirt();
    try {
      const conn = await virt.connect(server.uri);
      expect([...conn.driverConnection.features].sort((x, y) => x - y)).to.deep.equal([DrvFeature.REMOTE, DrvFeature.MIGRATION_V2, DriverRole.JOBS, DriverRole.EVENTS, DriverRole.CLOSE_EVENTS, DriverRole.NETWORKS, DriverRole.STORAGE, DriverRole.MIGRATION_TUNING, DriverRole.MIGRATION_POSTCOPY,
        // This server answers every other call with an empty reply: only the probes whose reply is void (DOMAIN_RESET,
        // DOMAIN_DETACH_DEVICE_FLAGS, DOMAIN_OPEN_CONSOLE, DOMAIN_SEND_KEY, DOMAIN_PIN_EMULATOR, DOMAIN_INJECT_NMI) read as answered; the others
        // cannot be decoded, which is no answer, so their roles are not declared. Events need REMOTE_EVENT_CALLBACK, which it denies.
        DriverRole.DOMAIN_CONTROL, DriverRole.DEVICE_DETACH, DriverRole.CONSOLE, DriverRole.SEND_KEY, DriverRole.DOMAIN_PINNING, DriverRole.DOMAIN_GUEST].sort((x, y) => x - y));
    } finally {
      await virt.dispose();
      await server.close();
    }
  });

  it('fails the open when the connection is lost during the probe', async () => {
    const server = await scriptedServer((n) => (n === DrvFeature.MIGRATION_V3 ? 'hang up' : 0));
    const virt = await remoteVirt();
    try {
      const e = await rejected(virt.connect(server.uri));
      expect(isVirtError(e, ErrorCode.SYSTEM_ERROR), String(e)).to.equal(true);
    } finally {
      await virt.dispose();
      await server.close();
    }
  });
});
