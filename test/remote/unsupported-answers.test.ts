import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ErrorCode, ErrorDomain, isVirtError } from '@virtkit/core';
import {
  decodeWith, encodeMessage, encodeWith, KEEPALIVE_PROGRAM, MessageStatus, MessageType, Proc, QEMU_PROGRAM, QemuProcedures, REMOTE_PROGRAM, RemoteProcedures, remoteError, RpcClient, type MessageHeader, type Procedure,
} from '@virtkit/remote';
import { handlers, qemuHandlers } from '@virtkit/remote/daemon';
import { header } from './helpers/frame-fuzzer.js';
import { startLibvirtd, type Libvirtd } from './helpers/libvirtd.js';
import { RawPeer } from './helpers/raw-peer.js';
import { startVirtkitd, type Virtkitd } from './helpers/virtkitd.js';
import { zeroBody } from './helpers/zero-body.js';

const run = promisify(execFile);

/** An error reply as it travels: every field of remote_error that a client can see. */
async function answer(raw: RawPeer, h: MessageHeader, body: Buffer = Buffer.alloc(0)) {
  raw.socket.write(encodeMessage(h, body));
  const r = await raw.reply(h.serial);
  expect(r.header.status, `status of the reply to ${JSON.stringify(h)}`).to.equal(MessageStatus.ERROR);
  expect([r.header.prog, r.header.vers, r.header.proc]).to.deep.equal([h.prog, h.vers, h.proc]);
  const e = decodeWith(remoteError, r.body, 'error');
  return { code: e.code, domain: e.domain, level: e.level, message: e.message, details: e.details };
}

/**
 * The calls to ask both daemons: numbers and programs neither serves, an
 * event number sent as a call, and calls neither test driver has (secrets,
 * QEMU monitor and agent commands).
 */
function questions(dom: Buffer): Array<[string, MessageHeader, Buffer?]> {
  return [
    ['unknown procedure 99999', header({ proc: 99999, serial: 10 })],
    ['procedure 0', header({ proc: 0, serial: 11 })],
    ['negative procedure', header({ proc: -5, serial: 12 })],
    ['an event number as a call', header({ proc: 318, serial: 13 })],
    ['REMOTE version 2', header({ vers: 2, serial: 14 })],
    ['unknown program', header({ prog: 0x12345678, serial: 15 })],
    ['unknown program above 2^31', header({ prog: 0xf2345678, serial: 16 })],
    ['QEMU version 2', header({ prog: QEMU_PROGRAM, vers: 2, proc: 1, serial: 17 })],
    ['unknown QEMU procedure', header({ prog: QEMU_PROGRAM, proc: 99, serial: 18 })],
    ['the QEMU event number as a call', header({ prog: QEMU_PROGRAM, proc: 6, serial: 19 })],
    ['virConnectNumOfSecrets', header({ proc: RemoteProcedures.CONNECT_NUM_OF_SECRETS.proc, serial: 20 })],
    ['virDomainQemuMonitorCommand', header({ prog: QEMU_PROGRAM, proc: QemuProcedures.DOMAIN_MONITOR_COMMAND.proc, serial: 21 }),
      encodeWith(QemuProcedures.DOMAIN_MONITOR_COMMAND.args, { dom: decodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.ret, dom, 'dom').dom, cmd: 'info', flags: 0 })],
    ['virDomainQemuAgentCommand', header({ prog: QEMU_PROGRAM, proc: QemuProcedures.DOMAIN_AGENT_COMMAND.proc, serial: 22 }),
      encodeWith(QemuProcedures.DOMAIN_AGENT_COMMAND.args, { dom: decodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.ret, dom, 'dom').dom, cmd: '{}', timeout: 0, flags: 0 })],
  ];
}

describe('remote: unknown and unsupported calls answered as libvirtd 9.0 answers them', function () {
  this.timeout(60000);
  let libvirtd: Libvirtd;
  let virtkitd: Virtkitd;

  before(async () => {
    libvirtd = await startLibvirtd();
    virtkitd = await startVirtkitd();
  });
  after(async () => {
    await virtkitd?.stop();
    await libvirtd?.stop();
  });

  async function ask(socket: string) {
    const raw = await RawPeer.connect(socket);
    try {
      await raw.open();
      raw.call(Proc.DOMAIN_LOOKUP_BY_NAME.proc, 1, encodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, { name: 'test' }));
      const dom = (await raw.reply(1)).body;
      const out: Record<string, unknown> = {};
      for (const [what, h, body] of questions(dom)) out[what] = await answer(raw, h, body);
      return out;
    } finally {
      raw.end();
    }
  }

  it('answers each one with libvirtd\'s code, domain, level, message and details', async () => {
    const expected = await ask(libvirtd.socket);
    const got = await ask(virtkitd.socket);
    for (const what of Object.keys(expected)) expect(got[what], what).to.deep.equal(expected[what]);
    // What the comparison covers, as libvirtd 9.0 says it.
    expect(expected['unknown procedure 99999']).to.deep.include({ code: ErrorCode.RPC, domain: ErrorDomain.RPC, message: 'unknown procedure: 99999' });
    expect(expected['unknown program above 2^31']).to.deep.include({ message: 'Cannot find program -231451016 version 1' });
    expect(expected['virConnectNumOfSecrets']).to.deep.include({ code: ErrorCode.NO_SUPPORT, domain: 30, message: 'this function is not supported by the connection driver: virConnectNumOfSecrets' });
    expect(expected['virDomainQemuMonitorCommand']).to.deep.include({ code: ErrorCode.NO_SUPPORT, domain: ErrorDomain.NONE });
  });

  it('drops the frames a client sends that are not calls without an answer, as libvirtd does, and serves the next call', async () => {
    const notCalls: MessageHeader[] = [
      header({ type: MessageType.REPLY, serial: 30 }),
      header({ type: MessageType.MESSAGE, serial: 31 }),
      header({ type: MessageType.REPLY, status: MessageStatus.ERROR, serial: 32 }),
      header({ type: MessageType.MESSAGE, proc: 99999, serial: 33 }),
      header({ type: MessageType.REPLY, prog: 0x12345678, serial: 34 }),
      header({ type: MessageType.MESSAGE, vers: 9, serial: 35 }),
      header({ type: 7 as MessageType, serial: 36 }),
      header({ type: -3 as MessageType, serial: 37 }),
      header({ prog: KEEPALIVE_PROGRAM, type: MessageType.REPLY, proc: 1, serial: 38 }),
    ];
    const seen = async (socket: string) => {
      const raw = await RawPeer.connect(socket);
      try {
        await raw.open();
        for (const h of notCalls) raw.socket.write(encodeMessage(h, Buffer.alloc(0)));
        raw.call(Proc.CONNECT_GET_TYPE.proc, 99);
        const served = await raw.reply(99, 10000);
        return { served: served.header.status, answered: raw.frames.filter((f) => f.header.serial !== 0 && f.header.serial !== 99).map((f) => f.header.serial) };
      } finally {
        raw.end();
      }
    };
    const expected = { served: MessageStatus.OK, answered: [] };
    expect(await seen(libvirtd.socket), 'libvirtd').to.deep.equal(expected);
    expect(await seen(virtkitd.socket), 'virtkitd').to.deep.equal(expected);
  });

  it('drops no connection over them: the next call is served', async () => {
    const raw = await RawPeer.connect(virtkitd.socket);
    await raw.open();
    raw.call(99999, 5);
    await raw.reply(5);
    raw.call(Proc.CONNECT_GET_TYPE.proc, 6);
    expect((await raw.reply(6)).header.status).to.equal(MessageStatus.OK);
    raw.end();
  });

  it("virtkit's client reports an unknown procedure as NO_SUPPORT, from either daemon", async () => {
    for (const socket of [libvirtd.socket, virtkitd.socket]) {
      const rpc = await RpcClient.connect({ path: socket });
      try {
        await rpc.call('CONNECT_OPEN', { name: 'test:///default', flags: 0 });
        const e = await rpc.callRaw(99999, Buffer.alloc(0)).then(() => undefined, (x: unknown) => x);
        expect(isVirtError(e, ErrorCode.NO_SUPPORT), `${socket}: ${String(e)}`).to.equal(true);
        expect((e as Error).message).to.equal('unknown procedure: 99999');
        const secrets = await rpc.call('CONNECT_NUM_OF_SECRETS', undefined).then(() => undefined, (x: unknown) => x);
        expect(isVirtError(secrets, ErrorCode.NO_SUPPORT), `${socket}: ${String(secrets)}`).to.equal(true);
      } finally {
        rpc.close();
      }
    }
  });

  it('real virsh prints the same for calls neither test driver has, after the same fallbacks', async () => {
    for (const command of [['secret-list'], ['nwfilter-list'], ['qemu-monitor-command', 'test', 'info'], ['qemu-agent-command', 'test', '{}']]) {
      const out = (uri: string) => run('virsh', ['-c', uri, ...command], { env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })
        .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));
      const expected = await out(`test+unix:///default?socket=${libvirtd.socket}`);
      expect(expected.code, command.join(' ')).to.equal(1);
      expect(expected.stderr).to.contain('this function is not supported by the connection driver');
      expect(await out(virtkitd.uri()), command.join(' ')).to.deep.equal(expected);
    }
  });

  it('answers every call of the table: read-only refusals where it writes, "not supported" where no handler serves it, each naming the API in its domain', async () => {
    const programs: Array<[number, Procedure<unknown, unknown>[], Record<string, unknown>]> = [
      [REMOTE_PROGRAM, Object.values(RemoteProcedures) as Procedure<unknown, unknown>[], handlers],
      [QEMU_PROGRAM, Object.values(QemuProcedures) as Procedure<unknown, unknown>[], qemuHandlers],
    ];
    const skip = (p: Procedure<unknown, unknown>) => p.stream !== undefined || p.name.startsWith('AUTH_') || p.name === 'CONNECT_OPEN' || p.name === 'CONNECT_CLOSE';
    let refused = 0;
    let unsupported = 0;
    for (const readonly of [true, false]) {
      const raw = await RawPeer.connect(readonly ? virtkitd.roSocket : virtkitd.socket);
      await raw.open();
      let serial = 100;
      for (const [prog, calls, served] of programs) {
        for (const p of calls.filter((c) => !skip(c))) {
          const h = header({ prog, proc: p.proc, serial: serial++ });
          raw.socket.write(encodeMessage(h, zeroBody(p.args)));
          const r = await raw.reply(h.serial);
          const e = r.header.status === MessageStatus.ERROR ? decodeWith(remoteError, r.body, 'error') : undefined;
          if (readonly && p.writes) {
            expect([e?.code, e?.domain, e?.message], p.name).to.deep.equal([ErrorCode.OPERATION_DENIED, p.errorDomain, `operation forbidden: read only access prevents ${p.api}`]);
            refused++;
          } else if (served[p.name] === undefined) {
            expect([e?.code, e?.domain, e?.message], p.name).to.deep.equal([ErrorCode.NO_SUPPORT, p.errorDomain, `this function is not supported by the connection driver: ${p.api}`]);
            unsupported++;
          } else {
            expect(e?.code, `${p.name}: ${e?.message}`).to.not.equal(ErrorCode.OPERATION_DENIED);
          }
        }
      }
      raw.end();
    }
    const asked = programs.flatMap(([, calls, served]) => calls.filter((c) => !skip(c)).map((c) => ({ writes: c.writes, served: served[c.name] !== undefined })));
    expect(refused).to.equal(asked.filter((c) => c.writes).length).and.to.be.greaterThan(180);
    expect(unsupported).to.equal(asked.filter((c) => !c.served).length + asked.filter((c) => !c.served && !c.writes).length);
  });

  it("python3-libvirt gets the same error from both daemons for a call neither driver has", async function () {
    const python = '/usr/bin/python3';
    if (!(await run(python, ['-c', 'import libvirt']).then(() => true, () => false))) this.skip();
    const script = [
      'import libvirt, sys, json',
      'c = libvirt.open(sys.argv[1])',
      'try:',
      '    c.numOfSecrets()',
      'except libvirt.libvirtError as e:',
      '    print(json.dumps([e.get_error_code(), e.get_error_domain(), e.get_error_message(), e.get_str1(), e.get_str2(), e.get_int1()]))',
    ].join('\n');
    const ask = async (uri: string) => JSON.parse((await run(python, ['-c', script, uri])).stdout) as unknown[];
    const expected = await ask(`test+unix:///default?socket=${libvirtd.socket}`);
    expect(expected.slice(0, 2)).to.deep.equal([ErrorCode.NO_SUPPORT, 30]);
    expect(await ask(virtkitd.uri())).to.deep.equal(expected);
  });
});
