import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DomainState } from '@virtkit/core';
import { remoteVirt } from './helpers/remote-virt.js';
import { startDaemonPair, startVirtkitd, stopDaemonPair, type Virtkitd } from './helpers/virtkitd.js';
import { testDomainXml } from './helpers/domain-xml.js';
import { occurrences, waitFor } from './helpers/wait.js';

const run = promisify(execFile);
const VIRSH_OPTIONS = { timeout: 20000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } };

/** Runs virsh; its stdout, or a rejection carrying stderr. */
async function virsh(...args: string[]): Promise<string> {
  return (await run('virsh', args, VIRSH_OPTIONS)).stdout;
}

async function virshFull(uri: string, ...args: string[]): Promise<string> {
  return virsh('-c', uri, ...args);
}

/** The stderr of a virsh run that must fail. */
async function virshError(...args: string[]): Promise<string> {
  try {
    await virsh(...args);
  } catch (e) {
    return (e as { stderr: string }).stderr;
  }
  throw new Error(`virsh ${args.join(' ')} succeeded`);
}

/** dominfo as a map; CPU time varies with the clock in both drivers. */
function dominfo(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) m.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return m;
}

const XML = testDomainXml;

describe('real virsh against virtkitd', function () {
  this.timeout(60000);
  let d: Virtkitd;
  let tmp: string;
  let uri: string;
  const LIBVIRT = 'test:///default';

  before(async () => {
    d = await startVirtkitd();
    uri = d.uri();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'virsh-interop-'));
  });
  after(async () => {
    await d?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  it('list --all prints what it prints for libvirt\'s test:///default', async () => {
    expect(await virshFull(uri, 'list', '--all')).to.equal(await virshFull(LIBVIRT, 'list', '--all'));
  });

  it('domstate and dumpxml match libvirt\'s test:///default', async () => {
    expect(await virshFull(uri, 'domstate', 'test')).to.equal(await virshFull(LIBVIRT, 'domstate', 'test'));
    const ours = await virshFull(uri, 'dumpxml', 'test');
    const theirs = await virshFull(LIBVIRT, 'dumpxml', 'test');
    expect(ours).to.equal(theirs);
  });

  it('net-list, net-info, net-dumpxml and domifaddr match libvirt\'s test:///default', async () => {
    for (const cmd of [['net-list', '--all'], ['net-info', 'default'], ['net-dumpxml', 'default'], ['domifaddr', 'test']]) {
      expect(await virshFull(uri, ...cmd), cmd.join(' ')).to.equal(await virshFull(LIBVIRT, ...cmd));
    }
  });

  it('dominfo matches libvirt\'s test:///default except for the documented fields', async () => {
    const ours = dominfo(await virshFull(uri, 'dominfo', 'test'));
    const theirs = dominfo(await virshFull(LIBVIRT, 'dominfo', 'test'));
    for (const key of ['Id', 'Name', 'UUID', 'OS Type', 'State', 'CPU(s)', 'Max memory', 'Used memory', 'Persistent', 'Autostart', 'Managed save']) {
      expect(ours.get(key), key).to.equal(theirs.get(key));
    }
    expect(ours.get('OS Type')).to.equal('linux');
    // libvirt's test driver has a fake security model; virtkitd reports no security driver.
    expect(ours.has('Security model')).to.equal(false);
    expect(ours.get('CPU time')).to.match(/^\d+\.\ds$/);
  });

  it('define, start, suspend, resume, destroy and undefine print what libvirt prints', async () => {
    const file = path.join(tmp, 'vk-virsh.xml');
    await writeFile(file, XML('vk-virsh'));
    const script = `define ${file}; start vk-virsh; suspend vk-virsh; domstate vk-virsh; resume vk-virsh; destroy vk-virsh; domstate vk-virsh; undefine vk-virsh`;
    const theirs = await virshFull(LIBVIRT, script);
    const ours = await virshFull(uri, script);
    expect(ours).to.equal(theirs);
    expect(ours).to.contain("Domain 'vk-virsh' started");
    expect(await virshFull(uri, 'list', '--all', '--name')).to.not.contain('vk-virsh');
  });

  it('the read-only socket refuses destroy with the message libvirt gives a read-only connection', async () => {
    const ours = await virshError('-c', `test+unix:///default?socket=${d.roSocket}`, 'destroy', 'test');
    expect(ours).to.equal(await virshError('-r', '-c', LIBVIRT, 'destroy', 'test'));
    expect(ours).to.contain('operation forbidden: read only access prevents virDomainDestroy');
    expect((await virshFull(uri, 'domstate', 'test')).trim()).to.equal('running');
  });

  it('virsh event receives lifecycle events sent as MESSAGE frames', async () => {
    const file = path.join(tmp, 'vk-event.xml');
    await writeFile(file, XML('vk-event'));
    const registrations = () => occurrences(d.stderr(), 'call CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY');
    const before = registrations();
    const listening = virshFull(uri, 'event', '--all', '--loop', '--timeout', '4');
    // virsh registers one event ID after another, from LIFECYCLE (0) up, each once the previous call returned:
    // its second registration call means the lifecycle callback is in place.
    await waitFor(() => registrations() >= before + 2, 10000, 'virsh to register its lifecycle callback');
    await virshFull(uri, `define ${file}; start vk-event; destroy vk-event; undefine vk-event`);
    const stdout = await listening;
    expect(stdout.split('\n').filter((l) => l.includes("'vk-event'"))).to.deep.equal([
      "event 'lifecycle' for domain 'vk-event': Defined Added",
      "event 'lifecycle' for domain 'vk-event': Started Booted",
      "event 'lifecycle' for domain 'vk-event': Stopped Destroyed",
      "event 'lifecycle' for domain 'vk-event': Undefined Removed",
    ]);
  });

  it('prints the failures of commands in the wrong state as libvirt\'s test driver makes it print them', async () => {
    const file = path.join(tmp, 'vk-wrong.xml');
    await writeFile(file, XML('vk-wrong'));
    const script = `define ${file}; start vk-wrong; start vk-wrong; resume vk-wrong; suspend vk-wrong; suspend vk-wrong; destroy vk-wrong; ` +
      'suspend vk-wrong; resume vk-wrong; shutdown vk-wrong; destroy vk-wrong; undefine vk-wrong; dominfo vk-wrong';
    const theirs = await virshError('-c', LIBVIRT, script);
    expect(theirs).to.contain("error: Failed to resume domain 'vk-wrong'\nerror: internal error: domain 'vk-wrong' not paused\n");
    expect(await virshError('-c', uri, script)).to.equal(theirs);
  });

  it('reports errors the way libvirt does', async () => {
    const ours = await virshError('-c', uri, 'dominfo', 'no-such-domain');
    expect(ours).to.equal(await virshError('-c', LIBVIRT, 'dominfo', 'no-such-domain'));
    expect(ours).to.contain("error: failed to get domain 'no-such-domain'");
  });
});

describe('migration between two virtkitd daemons', function () {
  this.timeout(60000);
  let a: Virtkitd;
  let b: Virtkitd;
  let tmp: string;

  before(async () => {
    [a, b, tmp] = await startDaemonPair('virsh-migrate-');
  });
  after(() => stopDaemonPair(a, b, tmp));

  const virshVersions = [
    // virtkitd advertises VIR_DRV_FEATURE_MIGRATION_PARAMS with v3: libvirt's client then sends the typed-parameter variants.
    { version: 'v3', query: '', src: ['DOMAIN_MIGRATE_BEGIN3_PARAMS', 'DOMAIN_MIGRATE_PERFORM3_PARAMS', 'DOMAIN_MIGRATE_CONFIRM3_PARAMS'], dst: ['DOMAIN_MIGRATE_PREPARE3_PARAMS', 'DOMAIN_MIGRATE_FINISH3_PARAMS'] },
    { version: 'v2', query: 'migration=v2', src: ['DOMAIN_MIGRATE_PERFORM'], dst: ['DOMAIN_MIGRATE_PREPARE2', 'DOMAIN_MIGRATE_FINISH2'] },
    { version: 'v1', query: 'migration=v1', src: ['DOMAIN_MIGRATE_PERFORM'], dst: ['DOMAIN_MIGRATE_PREPARE', 'DOMAIN_MIGRATE_FINISH'] },
  ];
  for (const v of virshVersions) {
    it(`real virsh migrate moves a running guest from one daemon to the other (protocol ${v.version})`, async () => {
      const file = path.join(tmp, `vk-mig-${v.version}.xml`);
      await writeFile(file, XML(`vk-mig-${v.version}`));
      const src = a.uri(`/virsh-${v.version}`, v.query);
      const dst = b.uri(`/virsh-${v.version}`, [v.query, 'empty=1'].filter((q) => q).join('&'));
      await virshFull(src, `define ${file}; start vk-mig-${v.version}`);
      const [aLog, bLog] = [a.stderr().length, b.stderr().length];
      await virshFull(src, 'migrate', `vk-mig-${v.version}`, dst);
      expect((await virshFull(dst, 'domstate', `vk-mig-${v.version}`)).trim()).to.equal('running');
      expect((await virshFull(src, 'domstate', `vk-mig-${v.version}`)).trim()).to.equal('shut off');
      const calls = (log: string) => [...log.matchAll(/call (DOMAIN_MIGRATE_[A-Z0-9_]+)/g)].map((m) => m[1]);
      expect(calls(a.stderr().slice(aLog))).to.deep.equal(v.src);
      expect(calls(b.stderr().slice(bLog))).to.deep.equal(v.dst);
    });
  }

  it('the virtkit client uses the highest version both daemons advertise: v2 with Prepare2 over the wire', async () => {
    const virt = await remoteVirt();
    try {
      const src = await virt.connect(a.uri('/client-mig', 'migration=v2,v3'));
      const dst = await virt.connect(`test+tcp://${b.tcp.host}:${b.tcp.port}/client-mig?empty=1&migration=v1,v2`);
      const dom = await src.defineDomain(XML('vk-v2'));
      await dom.start();
      const { domain, version } = await dom.migrate(dst);
      expect(version).to.equal(2);
      expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
      expect((await dom.getState()).state).to.equal(DomainState.SHUTOFF);
      expect(b.stderr()).to.contain('call DOMAIN_MIGRATE_PREPARE2');
      expect(b.stderr()).to.contain('call DOMAIN_MIGRATE_FINISH2');
      expect(a.stderr()).to.contain('call DOMAIN_MIGRATE_PERFORM ');
    } finally {
      await virt.dispose();
    }
  });

  it('the virtkit client picks v3 when both daemons advertise it', async () => {
    const virt = await remoteVirt();
    try {
      const src = await virt.connect(a.uri('/client-mig3'));
      const dst = await virt.connect(b.uri('/client-mig3', 'empty=1'));
      const dom = await src.defineDomain(XML('vk-v3'));
      await dom.start();
      const { domain, version } = await dom.migrate(dst);
      expect(version).to.equal(3);
      expect((await domain.getState()).state).to.equal(DomainState.RUNNING);
    } finally {
      await virt.dispose();
    }
  });
});
