import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import {
  DomainEventType, DomainState, ErrorCode, isVirtError, silentLogger, Virt, type Connection, type LifecycleEvent,
} from '@virtkit/core';
import { decodeWith, encodeMessage, encodeWith, KEEPALIVE_PROGRAM, MessageStatus, MessageType, Proc } from '@virtkit/remote';
import { remotePlugin, type RemoteConnection } from '@virtkit/remote';
import { RawPeer } from './helpers/raw-peer.js';
import { startVirtkitd, VIRTKITD, type Virtkitd } from './helpers/virtkitd.js';
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
    virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
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
      const deadline = Date.now() + 5000;
      while (seen.filter((e) => e.domain.name === 'vk-events').length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
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

  it('refuses calls before CONNECT_OPEN and answers PING with PONG', async () => {
    const raw = await RawPeer.connect(d.socket);
    try {
      raw.call(Proc.CONNECT_GET_TYPE.proc, 5);
      const r = await raw.reply(5);
      expect(r.header.status).to.equal(MessageStatus.ERROR);
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
    const d = await startVirtkitd('keepalive_interval = 1\nkeepalive_count = 1\n');
    const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
    try {
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
    } finally {
      await virt.dispose();
      await d.stop();
    }
  });

  it('refuses clients beyond max_clients', async () => {
    const d = await startVirtkitd('max_clients = 2\n');
    try {
      const a = await RawPeer.connect(d.socket);
      const b = await RawPeer.connect(d.socket);
      await a.open();
      await b.open();
      const c = await RawPeer.connect(d.socket);
      await c.until(() => c.closed, 5000, 'the third client to be refused');
      a.end();
      await new Promise((r) => setTimeout(r, 100));
      const e = await RawPeer.connect(d.socket);
      await e.open();
      e.end();
      b.end();
    } finally {
      await d.stop();
    }
  });

  /** Prepares a v2 migration of a running guest and returns its slow Perform, called on the source connection. */
  async function slowPerform(d: Virtkitd, virt: Virt, name: string) {
    const src = await virt.connect(d.uri(`/${name}-a`, 'migration-ms=400'));
    const dst = await virt.connect(d.uri(`/${name}-b`, 'empty=1'));
    const dom = await src.defineDomain(XML(name));
    await dom.start();
    const s = src.driverConnection as RemoteConnection;
    const t = dst.driverConnection as RemoteConnection;
    const prep = await t.migratePrepare2({ flags: 0, bandwidth: 0, domXml: await dom.getXmlDesc(0) });
    return { src, perform: () => s.migratePerform(dom.driverRef, { cookie: prep.cookie, uri: prep.uriOut!, flags: 0, bandwidth: 0 }) };
  }

  async function orderOnOneClient(limit: number): Promise<string[]> {
    const d = await startVirtkitd(`max_client_requests = ${limit}\n`);
    const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
    try {
      const { src, perform } = await slowPerform(d, virt, `vk-limit${limit}`);
      const order: string[] = [];
      const slow = perform().then(() => order.push('perform'));
      await new Promise((r) => setTimeout(r, 50));
      const quick = src.getType().then(() => order.push('get type'));
      await Promise.all([slow, quick]);
      return order;
    } finally {
      await virt.dispose();
      await d.stop();
    }
  }

  it('runs at most max_client_requests calls of one client at once', async () => {
    expect(await orderOnOneClient(1)).to.deep.equal(['perform', 'get type']);
    expect(await orderOnOneClient(4)).to.deep.equal(['get type', 'perform']);
  });

  it('stops gracefully on SIGTERM: the call in flight finishes, then the sockets go away', async () => {
    const d = await startVirtkitd();
    const virt = await Virt.create({ plugins: [remotePlugin], envPlugins: false, logger: silentLogger });
    try {
      const { perform } = await slowPerform(d, virt, 'vk-term');
      const inFlight = perform();
      const deadline = Date.now() + 5000;
      while (!d.stderr().includes('call DOMAIN_MIGRATE_PERFORM ') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      d.proc.kill('SIGTERM');
      await inFlight;
      expect(await d.exited).to.equal(0);
      await rejected(stat(d.socket));
      expect(isVirtError(await rejected(virt.connect(d.uri())))).to.equal(true);
    } finally {
      await virt.dispose();
      await d.stop();
    }
  });
});
