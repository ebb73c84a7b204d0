import { expect } from 'chai';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DomainCheckpoint, DomainSnapshot, DomainState, DriverRole, ErrorCode, Interface, NWFilter, NetworkEventType, NodeDevice, Secret, StoragePoolEventType, isVirtError,
  type Connection, type Virt,
} from '@virtkit/core';
import { RpcClient } from '@virtkit/remote';
import { rejected } from './helpers/expect-error.js';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { remoteVirt } from './helpers/remote-virt.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { occurrences, waitFor } from './helpers/wait.js';

const run = promisify(execFile);
const C = { ...process.env, LANG: 'C', LC_ALL: 'C' };
const LIBVIRT = 'test:///default';

/** virsh -c URI COMMANDS: stdout, stderr and exit status, whatever the status. */
async function virsh(uri: string, commands: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run('virsh', ['-c', uri, commands], { timeout: 30000, env: C });
    return { ...r, code: 0 };
  } catch (e) {
    const f = e as { stdout: string; stderr: string; code: number };
    return { stdout: f.stdout, stderr: f.stderr, code: f.code };
  }
}

/** Snapshots and checkpoints taken now carry the clock: their times become placeholders. */
const untimed = (r: { stdout: string; stderr: string; code: number }) => ({
  ...r,
  stdout: r.stdout.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}/g, 'TIME').replace(/<creationTime>\d+</g, '<creationTime>T<'),
});

/** The same virsh script through virtkitd and on libvirt's own test:///default, byte for byte (times masked). */
async function sameAsLibvirt(uri: string, commands: string): Promise<void> {
  const [ours, theirs] = await Promise.all([virsh(uri, commands), virsh(LIBVIRT, commands)]);
  expect(untimed(ours), commands).to.deep.equal(untimed(theirs));
}

describe('remote: snapshots, checkpoints, interfaces, node devices, secrets and network filters over the wire', function () {
  this.timeout(120000);
  let d: Virtkitd;
  let uri: string;
  before(async () => {
    d = await startVirtkitd();
    uri = d.uri();
  });
  after(async () => {
    await d?.stop();
  });

  describe('real virsh through virtkitd prints what it prints on libvirt\'s test:///default', () => {
    it('snapshot-create-as, snapshot-list (--tree, --parent, --roots), snapshot-info, snapshot-dumpxml, snapshot-revert, snapshot-delete', async () => {
      // One virsh run: libvirt's test:///default lives as long as its process. The script leaves the domain as it found it.
      await sameAsLibvirt(uri, [
        'snapshot-create-as test s1 --description first', 'snapshot-create-as test s2', 'snapshot-list test', 'snapshot-list test --tree',
        'snapshot-revert test s1', 'snapshot-create-as test s3', 'snapshot-list test --tree', 'snapshot-list test --parent', 'snapshot-list test --roots',
        'snapshot-list test --leaves --name', 'snapshot-current test --name', 'snapshot-info test s1', 'snapshot-info --current test',
        'snapshot-dumpxml test s1', 'snapshot-parent test s3', 'snapshot-delete test s2', 'snapshot-list test --tree',
        'snapshot-delete test s1 --children', 'snapshot-list test', 'snapshot-info test s1',
      ].join('; '));
    });

    it('snapshot errors: an unknown snapshot, a duplicate name', async () => {
      await sameAsLibvirt(uri, 'snapshot-info test nosuch');
      await sameAsLibvirt(uri, 'snapshot-create-as test dup; snapshot-create-as test dup; snapshot-delete test dup');
    });

    it('checkpoint-create-as, checkpoint-list (--tree), checkpoint-info, checkpoint-dumpxml, checkpoint-delete', async () => {
      await sameAsLibvirt(uri, 'checkpoint-list test');
      await sameAsLibvirt(uri, [
        'checkpoint-create-as test c1', 'checkpoint-create-as test c2', 'checkpoint-list test', 'checkpoint-list test --tree',
        'checkpoint-info test c2', 'checkpoint-dumpxml test c1 --no-domain', 'checkpoint-delete test c1', 'checkpoint-list test --parent',
        'checkpoint-delete test c2', 'checkpoint-list test',
      ].join('; '));
    });

    it('iface-list (--all, --inactive), iface-dumpxml, iface-mac, iface-name', async () => {
      for (const c of ['iface-list --all', 'iface-list', 'iface-list --inactive', 'iface-dumpxml eth1', 'iface-mac eth1', 'iface-name aa:bb:cc:dd:ee:ff', 'iface-dumpxml nosuch']) {
        await sameAsLibvirt(uri, c);
      }
    });

    it('nodedev-list --cap (libvirt 9.0\'s virsh sends flags its test driver refuses), nodedev-dumpxml, nodedev-info', async () => {
      for (const c of ['nodedev-list --cap scsi_host', 'nodedev-list --tree', 'nodedev-dumpxml computer', 'nodedev-dumpxml scsi_host1', 'nodedev-info scsi_host1', 'nodedev-dumpxml nosuch']) {
        await sameAsLibvirt(uri, c);
      }
    });

    it('secret-list and nwfilter-list fail as libvirt\'s test driver makes them fail, after virsh\'s fallback', async () => {
      for (const c of ['secret-list', 'nwfilter-list', 'nwfilter-binding-list']) {
        const ours = await virsh(uri, c);
        expect(ours.code, c).to.equal(1);
        expect(ours.stderr, c).to.contain('this function is not supported by the connection driver');
        expect(ours, c).to.deep.equal(await virsh(LIBVIRT, c));
      }
    });
  });

  it('python3-libvirt lists snapshots (both APIs), interfaces and node devices through virtkitd as on test:///default', async function () {
    const python = '/usr/bin/python3';
    if (!(await run(python, ['-c', 'import libvirt']).then(() => true, () => false))) this.skip();
    const script = [
      'import json, sys, libvirt',
      'libvirt.registerErrorHandler(lambda c, e: None, None)',
      'c = libvirt.open(sys.argv[1])',
      "d = c.lookupByName('test')",
      "d.snapshotCreateXML('<domainsnapshot><name>py1</name></domainsnapshot>')",
      "d.snapshotCreateXML('<domainsnapshot><name>py2</name></domainsnapshot>')",
      'out = {',
      "  'snapshots': sorted(s.getName() for s in d.listAllSnapshots()), 'names': sorted(d.snapshotListNames()), 'num': d.snapshotNum(),",
      "  'current': d.snapshotCurrent().getName(), 'parent': d.snapshotLookupByName('py2').getParent().getName(),",
      "  'children': [s.getName() for s in d.snapshotLookupByName('py1').listAllChildren()], 'hasCurrent': d.hasCurrentSnapshot(),",
      "  'interfaces': [(i.name(), i.MACString(), i.isActive()) for i in c.listAllInterfaces()],",
      "  'oldInterfaces': [c.listInterfaces(), c.listDefinedInterfaces(), c.numOfInterfaces(), c.numOfDefinedInterfaces()],",
      "  'devices': sorted(x.name() for x in c.listAllDevices()),",
      "  'oldDevices': [sorted(c.listDevices(None, 0)), sorted(c.listDevices('scsi_host', 0)), c.numOfDevices(None, 0)],",
      "  'caps': c.nodeDeviceLookupByName('scsi_host1').listCaps(), 'parentDev': c.nodeDeviceLookupByName('scsi_host1').parent(),",
      '}',
      'for s in d.listAllSnapshots(): s.delete()',
      'for call in (c.listAllSecrets, c.listAllNWFilters):',
      '  try:',
      '    call()',
      '  except libvirt.libvirtError as e:',
      "    out[call.__name__] = [e.get_error_code(), e.get_error_domain(), e.get_error_message()]",
      'print(json.dumps(out))',
    ].join('\n');
    const ask = async (u: string) => JSON.parse((await run(python, ['-c', script, u], { env: C })).stdout) as Record<string, unknown>;
    const ours = await ask(uri);
    expect(ours.snapshots).to.deep.equal(['py1', 'py2']);
    expect(ours.devices).to.include('scsi_host1');
    expect(ours.listAllSecrets).to.deep.equal([ErrorCode.NO_SUPPORT, 30, 'this function is not supported by the connection driver: virConnectListAllSecrets']);
    expect(ours).to.deep.equal(await ask(LIBVIRT));
  });

  describe('virtkit\'s client through virtkitd', () => {
    let virt: Virt;
    let conn: Connection;
    before(async () => {
      virt = await remoteVirt();
      conn = await virt.connect(uri);
    });
    after(async () => {
      await virt?.dispose();
    });
    /** What virsh prints for a command on libvirt's own test:///default. */
    const libvirtSays = async (command: string) => (await virsh(LIBVIRT, command)).stdout;

    it('declares the roles the server has and not the ones it lacks', () => {
      const f = conn.driverConnection.features;
      for (const r of [DriverRole.SNAPSHOTS, DriverRole.CHECKPOINTS, DriverRole.INTERFACES, DriverRole.NODE_DEVICES, DriverRole.NETWORK_EVENTS, DriverRole.STORAGE_POOL_EVENTS]) {
        expect(f.has(r), DriverRole[r]).to.equal(true);
      }
      expect(f.has(DriverRole.SECRETS)).to.equal(false);
      expect(f.has(DriverRole.NWFILTERS)).to.equal(false);
    });

    it('takes, lists, walks, reverts and deletes snapshots as DomainSnapshot handles', async () => {
      const dom = await conn.lookupDomainByName('test');
      const a = await DomainSnapshot.create(dom, '<domainsnapshot><name>vk-a</name></domainsnapshot>');
      const b = await DomainSnapshot.create(dom, '<domainsnapshot><name>vk-b</name></domainsnapshot>');
      try {
        expect(a.name).to.equal('vk-a');
        expect((await DomainSnapshot.listAll(dom)).map((s) => s.name).sort()).to.deep.equal(['vk-a', 'vk-b']);
        expect((await DomainSnapshot.current(dom)).name).to.equal('vk-b');
        expect(await DomainSnapshot.hasCurrent(dom)).to.equal(true);
        expect((await b.getParent()).name).to.equal('vk-a');
        expect((await a.listAllChildren()).map((s) => s.name)).to.deep.equal(['vk-b']);
        expect(await b.isCurrent()).to.equal(true);
        expect(await b.hasMetadata()).to.equal(true);
        expect(await b.getXmlDesc()).to.contain('<name>vk-b</name>');
        await a.revert();
        expect(await a.isCurrent()).to.equal(true);
        const missing = await rejected(DomainSnapshot.lookupByName(dom, 'nosuch'));
        expect(isVirtError(missing, ErrorCode.NO_DOMAIN_SNAPSHOT), String(missing)).to.equal(true);
        const badFlags = await rejected(b.getXmlDesc(1 << 20));
        expect(isVirtError(badFlags, ErrorCode.INVALID_ARG), String(badFlags)).to.equal(true);
      } finally {
        await a.delete(1);
      }
      expect(await DomainSnapshot.listAll(dom)).to.deep.equal([]);
    });

    it('creates, walks and deletes checkpoints as DomainCheckpoint handles', async () => {
      const dom = await conn.lookupDomainByName('test');
      const c1 = await DomainCheckpoint.create(dom, '<domaincheckpoint><name>vk-c1</name></domaincheckpoint>');
      const c2 = await DomainCheckpoint.create(dom, '<domaincheckpoint><name>vk-c2</name></domaincheckpoint>');
      try {
        expect((await DomainCheckpoint.listAll(dom)).map((c) => c.name).sort()).to.deep.equal(['vk-c1', 'vk-c2']);
        expect((await c2.getParent()).name).to.equal('vk-c1');
        expect((await c1.listAllChildren()).map((c) => c.name)).to.deep.equal(['vk-c2']);
        expect((await DomainCheckpoint.lookupByName(dom, 'vk-c2')).name).to.equal('vk-c2');
        expect(await c1.getXmlDesc()).to.equal(await c1.getXmlDesc());
      } finally {
        await c2.delete();
        await c1.delete();
      }
      expect(await DomainCheckpoint.listAll(dom)).to.deep.equal([]);
    });

    it('lists and reads interfaces and node devices as libvirt\'s test driver has them', async () => {
      const ifaces = await Interface.listAll(conn);
      expect(ifaces.map((i) => [i.name, i.mac])).to.deep.equal([['eth1', 'aa:bb:cc:dd:ee:ff']]);
      const eth1 = await Interface.lookupByMac(conn, 'aa:bb:cc:dd:ee:ff');
      expect(eth1.name).to.equal('eth1');
      expect(await eth1.isActive()).to.equal(true);
      expect(`${await eth1.getXmlDesc()}\n`).to.equal(await libvirtSays('iface-dumpxml eth1'));
      const devs = await NodeDevice.listAll(conn);
      expect(devs.map((x) => x.name)).to.deep.equal(['computer', 'scsi_host1', 'scsi_host11', 'scsi_host2']);
      const host = await NodeDevice.lookupByName(conn, 'scsi_host1');
      expect(await host.getParent()).to.equal('computer');
      expect(await host.listCaps()).to.deep.equal(['scsi_host']);
      expect(`${await host.getXmlDesc()}\n`).to.equal(await libvirtSays('nodedev-dumpxml scsi_host1'));
      const root = await rejected(new NodeDevice(conn, 'computer').getParent());
      expect(isVirtError(root, ErrorCode.INTERNAL_ERROR), String(root)).to.equal(true);
    });

    it('reports secrets and network filters as not supported, as libvirt\'s test driver does', async () => {
      for (const p of [Secret.listAll(conn), NWFilter.listAll(conn)]) {
        const e = await rejected(p);
        expect(isVirtError(e, ErrorCode.NO_SUPPORT), String(e)).to.equal(true);
      }
    });

    it('receives network and storage pool events caused by another client (virsh)', async () => {
      const nets: string[] = [];
      const pools: string[] = [];
      const refreshed: string[] = [];
      const before = occurrences(d.stderr(), 'call CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY');
      const offs = [
        conn.onNetworkLifecycle((e) => nets.push(`${e.network.name} ${NetworkEventType[e.event]}`)),
        conn.onStoragePoolLifecycle((e) => pools.push(`${e.pool.name} ${StoragePoolEventType[e.event]}`)),
        conn.onStoragePoolRefresh((e) => refreshed.push(e.pool.name)),
      ];
      try {
        // The probes at open registered too: wait for this subscription's two pool registrations.
        await waitFor(() => occurrences(d.stderr(), 'call CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY') >= before + 2, 10000, 'the pool event registrations');
        await conn.getVersion();
        const r = await virsh(uri, 'net-destroy default; net-start default; pool-destroy default-pool; pool-start default-pool; pool-refresh default-pool');
        expect(r.code, r.stderr).to.equal(0);
        await waitFor(() => nets.length >= 2 && pools.length >= 2 && refreshed.length >= 1, 10000, 'the events');
        expect(nets).to.deep.equal(['default STOPPED', 'default STARTED']);
        expect(pools).to.deep.equal(['default-pool STOPPED', 'default-pool STARTED']);
        expect(refreshed).to.deep.equal(['default-pool']);
      } finally {
        for (const off of offs) off();
      }
      // The last listener gone, the server-side callbacks go too: later changes reach nobody.
      await waitFor(() => occurrences(d.stderr(), 'call CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY') >= 3, 10000, 'the deregistrations');
    });
  });
});

/** virsh net-event / pool-event --loop --timeout T, started now; resolves with what it printed. */
function watch(uri: string, args: string[]): { done: Promise<{ stdout: string; code: number | null }> } {
  const p = spawn('virsh', ['-c', uri, ...args], { env: C, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  p.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
  return { done: new Promise((r) => p.once('exit', (code) => r({ stdout, code }))) };
}

describe('remote: real virsh net-event and pool-event through virtkitd print what they print through libvirtd', function () {
  this.timeout(120000);
  let d: Virtkitd | undefined;
  let l: Libvirtd | undefined;
  before(async () => {
    [d, l] = await Promise.all([startVirtkitd(), startLibvirtd()]);
  });
  after(async () => {
    await Promise.all([d?.stop(), l?.stop()]);
  });

  /**
   * Both daemons serve a test:///default shared by their clients, so one
   * virsh watches while another changes the network and the pool. virtkitd
   * logs the watcher's registration; libvirtd's is given two seconds.
   */
  async function events(uri: string, ready: () => Promise<void>): Promise<Array<{ stdout: string; code: number | null }>> {
    const watchers = [
      watch(uri, ['net-event', '--loop', '--timeout', '6', '--event', 'lifecycle']),
      watch(uri, ['pool-event', '--loop', '--timeout', '6', '--event', 'lifecycle']),
      watch(uri, ['pool-event', '--loop', '--timeout', '6', '--event', 'refresh']),
    ];
    await ready();
    const r = await virsh(uri, 'net-destroy default; net-start default; pool-destroy default-pool; pool-start default-pool; pool-refresh default-pool');
    expect(r.code, r.stderr).to.equal(0);
    return Promise.all(watchers.map((w) => w.done));
  }

  it('lifecycle and refresh events of the default network and pool', async () => {
    const count = (s: string) => occurrences(d!.stderr(), s);
    const ours = await events(d!.uri(), () => waitFor(() => count('call CONNECT_NETWORK_EVENT_REGISTER_ANY') >= 1 && count('call CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY') >= 2, 10000, 'the watchers'));
    const theirs = await events(l!.testUri, () => new Promise((r) => setTimeout(r, 2000)));
    expect(ours[0].stdout).to.contain("event 'lifecycle' for network default: Stopped");
    expect(ours[2].stdout).to.contain("event 'refresh' for storage pool default-pool");
    expect(ours).to.deep.equal(theirs);
  });

  it('answers a bad event registration or deregistration with libvirtd\'s errors', async () => {
    /** The error of each call on a fresh connection to `socket`, as [code, domain, message]. */
    const answers = async (socket: string) => {
      const rpc = await RpcClient.connect({ path: socket });
      try {
        await rpc.call('CONNECT_OPEN', { name: 'test:///default', flags: 0 });
        const { callbackID } = await rpc.call('CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', { eventID: 0, pool: undefined });
        const calls = [
          () => rpc.call('CONNECT_NETWORK_EVENT_REGISTER_ANY', { eventID: 7, net: undefined }),
          () => rpc.call('CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY', { eventID: -1, pool: undefined }),
          () => rpc.call('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', { callbackID: 4242 }),
          // A pool callback's id is no network callback.
          () => rpc.call('CONNECT_NETWORK_EVENT_DEREGISTER_ANY', { callbackID }),
        ];
        const out: unknown[] = [];
        for (const c of calls) {
          const e = await rejected(c());
          out.push(isVirtError(e) ? [e.code, e.domain, e.message.replace(`callback ${callbackID} `, 'callback ID ')] : String(e));
        }
        await rpc.call('CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY', { callbackID });
        return out;
      } finally {
        rpc.close();
      }
    };
    expect(await answers(d!.socket)).to.deep.equal(await answers(l!.socket));
  });

  it('virtkit\'s client against libvirtd: the roles its test driver has, snapshots taken and reverted, interfaces, devices, network events', async () => {
    const virt = await remoteVirt();
    try {
      const conn = await virt.connect(l!.testUri);
      const f = conn.driverConnection.features;
      expect(f.has(DriverRole.SNAPSHOTS) && f.has(DriverRole.INTERFACES) && f.has(DriverRole.NODE_DEVICES) && f.has(DriverRole.NETWORK_EVENTS)).to.equal(true);
      expect(f.has(DriverRole.SECRETS)).to.equal(false);
      const dom = await conn.lookupDomainByName('test');
      const s = await DomainSnapshot.create(dom, '<domainsnapshot><name>vk-l</name></domainsnapshot>');
      try {
        expect((await DomainSnapshot.listAll(dom)).map((x) => x.name)).to.deep.equal(['vk-l']);
        expect((await DomainSnapshot.current(dom)).name).to.equal('vk-l');
        await dom.destroy();
        await s.revert();
        expect((await dom.getState()).state, 'reverted to the running guest it was taken of').to.equal(DomainState.RUNNING);
      } finally {
        await s.delete();
      }
      expect((await Interface.listAll(conn)).map((i) => i.name)).to.deep.equal(['eth1']);
      expect((await NodeDevice.listAll(conn)).map((x) => x.name)).to.deep.equal(['computer', 'scsi_host1', 'scsi_host11', 'scsi_host2']);
      const e = await rejected(Secret.listAll(conn));
      expect(isVirtError(e, ErrorCode.NO_SUPPORT), String(e)).to.equal(true);
      const nets: string[] = [];
      const off = conn.onNetworkLifecycle((ev) => nets.push(`${ev.network.name} ${NetworkEventType[ev.event]}`));
      try {
        await waitFor(async () => {
          // The registration is asynchronous: toggle until the listener has seen a full cycle.
          const r = await virsh(l!.testUri, 'net-destroy default; net-start default');
          expect(r.code, r.stderr).to.equal(0);
          return nets.includes('default STOPPED') && nets.includes('default STARTED');
        }, 10000, 'network events from libvirtd', 200);
      } finally {
        off();
      }
    } finally {
      await virt.dispose();
    }
  });
});
