import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import {
  DomainEventType, DomainState, DriverRole, DrvFeature, ErrorCode, ErrorDomain, isVirtError, type Connection, type LifecycleEvent, type Virt,
} from '@virtkit/core';
import { decodeWith, encodeMessage, encodeWith, KEEPALIVE_PROGRAM, MessageStatus, MessageType, Proc, remoteError } from '@virtkit/remote';
import { RawPeer } from './helpers/raw-peer.js';
import { remoteVirt, withVirtkitd } from './helpers/remote-virt.js';
import { startVirtkitd, VIRTKITD, type Virtkitd } from './helpers/virtkitd.js';
import { waitFor } from './helpers/wait.js';
import { slowPerform } from './helpers/slow-perform.js';
import { rejected } from './helpers/expect-error.js';
import { testDomainXml } from './helpers/domain-xml.js';

const XML = testDomainXml;

describe('virtkitd: the daemon serving virtkit clients', function () {
  this.timeout(30000);
  let d: Virtkitd;
  let virt: Virt;
  let conn: Connection;

  before(async () => {
    d = await startVirtkitd('max_client_requests = 8\n');
    virt = await remoteVirt();
    conn = await virt.connect(d.uri());
  });
  after(async () => {
    await virt?.dispose();
    await d?.stop();
  });

  it('creates the read-write socket 0700 and the read-only socket 0777', async () => {
    expect((await stat(d.socket)).mode & 0o777).to.equal(0o700);
    expect((await stat(d.roSocket)).mode & 0o777).to.equal(0o777);
  });

  it('serves the test host over the unix socket', async () => {
    expect(await conn.getType()).to.equal('TEST');
    expect((await conn.listAllDomains()).map((x) => x.name)).to.include('test');
    const dom = await conn.lookupDomainByName('test');
    expect((await dom.getInfo()).state).to.equal(DomainState.RUNNING);
    expect(await conn.supportsFeature(10)).to.equal(true);
  });

  it('serves the same host over TCP on loopback', async () => {
    const tcp = await virt.connect(`test+tcp://${d.tcp.host}:${d.tcp.port}/default`);
    try {
      expect(d.tcp.host).to.equal('127.0.0.1');
      const dom = await conn.defineDomain(XML('vk-tcp'));
      expect((await tcp.lookupDomainByName('vk-tcp')).uuid).to.equal(dom.uuid);
      await dom.undefine();
    } finally {
      await tcp.close();
    }
  });

  it('runs a domain through its life cycle and reports errors with libvirt codes', async () => {
    const dom = await conn.defineDomain(XML('vk-life'));
    await dom.start();
    expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
    await dom.suspend();
    expect((await dom.getState()).state).to.equal(DomainState.PAUSED);
    await dom.resume();
    await dom.destroy();
    await dom.undefine();
    expect(isVirtError(await rejected(conn.lookupDomainByName('vk-life')), ErrorCode.NO_DOMAIN)).to.equal(true);
    expect(isVirtError(await rejected(conn.defineDomain('<domain><name>x</name>')))).to.equal(true);
  });

  it('delivers lifecycle events as MESSAGE frames', async () => {
    const seen: LifecycleEvent[] = [];
    const off = conn.onLifecycle((e) => seen.push(e));
    try {
      await (conn.driverConnection as unknown as { eventsReady(): Promise<void> }).eventsReady();
      const dom = await conn.defineDomain(XML('vk-events'));
      await dom.start();
      await dom.destroy();
      await dom.undefine();
      await waitFor(() => seen.filter((e) => e.domain.name === 'vk-events').length >= 4, 5000, 'four vk-events events');
      expect(seen.filter((e) => e.domain.name === 'vk-events').map((e) => e.event)).to.deep.equal([DomainEventType.DEFINED, DomainEventType.STARTED, DomainEventType.STOPPED, DomainEventType.UNDEFINED]);
    } finally {
      off();
    }
  });

  it('refuses state changes on the read-only socket with libvirt\'s read-only error', async () => {
    const ro = await virt.connect(`test+unix:///default?socket=${d.roSocket}`);
    try {
      const dom = await ro.lookupDomainByName('test');
      expect((await dom.getInfo()).state).to.equal(DomainState.RUNNING);
      const e = await rejected(ro.driverConnection.destroy(dom.driverRef, 0));
      expect(isVirtError(e, ErrorCode.OPERATION_DENIED)).to.equal(true);
      expect((e as Error).message).to.equal('operation forbidden: read only access prevents virDomainDestroy');
      expect(isVirtError(await rejected(ro.driverConnection.defineXml(XML('vk-ro'), 0)), ErrorCode.OPERATION_DENIED)).to.equal(true);
      expect((await dom.getState()).state).to.equal(DomainState.RUNNING);
      expect(isVirtError(await rejected(conn.lookupDomainByName('vk-ro')), ErrorCode.NO_DOMAIN)).to.equal(true);
    } finally {
      await ro.close();
    }
  });

  it('answers calls in any order, matched by serial, on one connection', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `vk-par-${i}`);
    const doms = await Promise.all(names.map((n) => conn.defineDomain(XML(n))));
    expect(doms.map((x) => x.name)).to.deep.equal(names);
    const infos = await Promise.all(doms.map((x) => x.getInfo()));
    expect(infos.every((i) => i.state === DomainState.SHUTOFF)).to.equal(true);
    await Promise.all(doms.map((x) => x.undefine()));
  });

  it('refuses to start a second daemon on a socket in use, and the first keeps serving', async () => {
    const second = spawnSync(process.execPath, [VIRTKITD, '--socket', d.socket], { encoding: 'utf8', timeout: 15000 });
    expect(second.status).to.equal(1);
    expect(second.stderr).to.contain('is in use by another daemon');
    expect(await conn.getType()).to.equal('TEST');
    const again = await virt.connect(d.uri());
    await again.close();
  });

  it('answers CONNECT_SUPPORTS_FEATURE as libvirtd: only keepalive before CONNECT_OPEN, never a private role number', async () => {
    const raw = await RawPeer.connect(d.socket);
    let serial = 1;
    const ask = async (feature: number): Promise<number | 'error'> => {
      const s = serial++;
      raw.call(Proc.CONNECT_SUPPORTS_FEATURE.proc, s, encodeWith(Proc.CONNECT_SUPPORTS_FEATURE.args, { feature }));
      const r = await raw.reply(s);
      return r.header.status === MessageStatus.OK ? decodeWith(Proc.CONNECT_SUPPORTS_FEATURE.ret, r.body, 'ret').supported : 'error';
    };
    try {
      expect(await ask(DrvFeature.PROGRAM_KEEPALIVE)).to.equal(1);
      for (const f of [DrvFeature.REMOTE_EVENT_CALLBACK, DrvFeature.MIGRATION_V3, DriverRole.JOBS]) expect(await ask(f), `feature ${f} before open`).to.equal('error');
      await raw.open();
      for (const f of [DrvFeature.REMOTE_EVENT_CALLBACK, DrvFeature.REMOTE_CLOSE_CALLBACK, DrvFeature.MIGRATION_V3, DrvFeature.MIGRATION_P2P, DrvFeature.MIGRATION_PARAMS]) expect(await ask(f), `feature ${f}`).to.equal(1);
      for (const f of [DriverRole.JOBS, DriverRole.EVENTS, DriverRole.SAVE, DriverRole.CLOSE_EVENTS, DriverRole.STORAGE, DrvFeature.REMOTE, 987654, -1]) expect(await ask(f), `feature ${f}`).to.equal(0);
    } finally {
      raw.end();
    }
  });

  it('refuses calls before CONNECT_OPEN and answers PING with PONG', async () => {
    const raw = await RawPeer.connect(d.socket);
    try {
      raw.call(Proc.CONNECT_GET_TYPE.proc, 5);
      const r = await raw.reply(5);
      expect(r.header.status).to.equal(MessageStatus.ERROR);
      const e = decodeWith(remoteError, r.body, 'error');
      // As libvirtd 9.0 answers it.
      expect([e.code, e.domain, e.message]).to.deep.equal([ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, 'internal error: hypervisor connection not open']);
      raw.socket.write(encodeMessage({ prog: KEEPALIVE_PROGRAM, vers: 1, proc: 1, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK }));
      await raw.until(() => raw.frames.some((f) => f.header.prog === KEEPALIVE_PROGRAM && f.header.proc === 2), 5000, 'PONG');
    } finally {
      raw.end();
    }
  });
});

describe('virtkitd: limits, keepalive and shutdown', function () {
  this.timeout(30000);

  it('closes a peer that announced keepalive and stopped answering, and keeps serving others', async () => {
    await withVirtkitd('keepalive_interval = 1\nkeepalive_count = 1\n', async (d, virt) => {
      const conn = await virt.connect(d.uri());
      const silent = await RawPeer.connect(d.socket);
      await silent.open();
      const unannounced = await RawPeer.connect(d.socket);
      await unannounced.open();
      silent.call(Proc.CONNECT_SUPPORTS_FEATURE.proc, 1, encodeWith(Proc.CONNECT_SUPPORTS_FEATURE.args, { feature: 10 }));
      expect(decodeWith(Proc.CONNECT_SUPPORTS_FEATURE.ret, (await silent.reply(1)).body, 'ret').supported).to.equal(1);
      await silent.until(() => silent.frames.some((f) => f.header.prog === KEEPALIVE_PROGRAM && f.header.proc === 1), 5000, 'PING');
      await silent.until(() => silent.closed, 8000, 'the daemon to close the silent peer');
      expect((await conn.lookupDomainByName('test')).name).to.equal('test');
      // A client that never announced keepalive is never pinged, as with libvirtd.
      expect(unannounced.closed).to.equal(false);
      expect(unannounced.frames.some((f) => f.header.prog === KEEPALIVE_PROGRAM)).to.equal(false);
      unannounced.end();
    });
  });

  /**
   * Starts a Perform that only ends when aborted, then a quick call on the
   * same client. Returns the order in which the two settled and where the
   * quick call and the abort appear in the daemon's call log.
   */
  async function orderOnOneClient(limit: number): Promise<{ settled: string[]; log: string[] }> {
    return withVirtkitd(`max_client_requests = ${limit}\n`, async (d, virt) => {
      const name = `vk-limit${limit}`;
      const { src, perform } = await slowPerform(d, virt, name, 600000);
      const settled: string[] = [];
      const slow = perform().then(() => settled.push('perform'), (e: unknown) => settled.push(isVirtError(e) ? 'perform aborted' : `perform failed: ${(e as Error).message}`));
      await waitFor(() => d.stderr().includes('call DOMAIN_MIGRATE_PERFORM '), 5000, 'the daemon to start Perform');
      const quick = src.getType().then(() => settled.push('get type'));
      if (limit > 1) await quick; // a free slot: answered while Perform is still running
      // Another client aborts the migration; only then can Perform end.
      const other = await virt.connect(d.uri(`/${name}-a`));
      await (await other.lookupDomainByName(name)).abortJob();
      await Promise.all([slow, quick]);
      // The calls logged since Perform started (nothing else calls CONNECT_GET_TYPE); stderr may lag the replies.
      const since = () => [...d.stderr().slice(d.stderr().indexOf('call DOMAIN_MIGRATE_PERFORM ')).matchAll(/call (CONNECT_GET_TYPE|DOMAIN_ABORT_JOB) /g)].map((m) => m[1]);
      await waitFor(() => since().length >= 2, 5000, 'the daemon to log both calls');
      return { settled, log: since() };
    });
  }

  it('runs at most max_client_requests calls of one client at once', async () => {
    // One slot: the quick call waits for Perform, which ends only after the abort.
    const one = await orderOnOneClient(1);
    expect(one.settled).to.deep.equal(['perform aborted', 'get type']);
    expect(one.log).to.deep.equal(['DOMAIN_ABORT_JOB', 'CONNECT_GET_TYPE']);
    // Four slots: the quick call is answered while Perform still runs, before anyone aborts it.
    const four = await orderOnOneClient(4);
    expect(four.settled).to.deep.equal(['get type', 'perform aborted']);
    expect(four.log).to.deep.equal(['CONNECT_GET_TYPE', 'DOMAIN_ABORT_JOB']);
  });

  it('stops gracefully on SIGTERM: the call in flight finishes, then the sockets go away', async () => {
    await withVirtkitd('', async (d, virt) => {
      const { perform } = await slowPerform(d, virt, 'vk-term');
      const inFlight = perform();
      await waitFor(() => d.stderr().includes('call DOMAIN_MIGRATE_PERFORM '), 5000, 'the daemon to start Perform', 10);
      d.proc.kill('SIGTERM');
      await inFlight;
      expect(await d.exited).to.equal(0);
      await rejected(stat(d.socket));
      expect(isVirtError(await rejected(virt.connect(d.uri())))).to.equal(true);
    });
  });
});
