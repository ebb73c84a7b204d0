import { expect } from 'chai';
import { ErrorCode, ErrorDomain, isVirtError, VirtError } from '@virtkit/core';
import {
  callbackLifecycleBody, decodeWith, encodeMessage, encodeWith, EventMsg, FrameDecoder, lifecycleMsg, MESSAGE_MAX, MessageStatus, MessageType, Proc, procedureByNumber,
  remoteError, typedParam, TypedParamType, XdrReader, XdrWriter, xdrString, nonnullDomain, numberToHyper, hyperToNumber, wireCookie, cookieOf, toTypedParam, typedParamValue,
} from '@virtkit/remote';
import { thrown } from './helpers/expect-error.js';

describe('remote protocol: XDR and framing', () => {
  it('encodes a header byte for byte as libvirt does', () => {
    const frame = encodeMessage({ prog: 0x11223344, vers: 1, proc: 0x666, type: MessageType.CALL, serial: 0x99, status: MessageStatus.OK });
    expect(frame.toString('hex')).to.equal('0000001c' + '11223344' + '00000001' + '00000666' + '00000000' + '00000099' + '00000000');
  });

  it('reassembles frames split at any byte and keeps their order', () => {
    const a = encodeMessage({ prog: 1, vers: 1, proc: 3, type: MessageType.REPLY, serial: 7, status: MessageStatus.OK }, Buffer.from([1, 2, 3, 4]));
    const b = encodeMessage({ prog: 1, vers: 1, proc: 4, type: MessageType.MESSAGE, serial: 0, status: MessageStatus.OK });
    const all = Buffer.concat([a, b]);
    const d = new FrameDecoder();
    const got = [];
    for (let i = 0; i < all.length; i++) got.push(...d.push(all.subarray(i, i + 1)));
    expect(got.map((m) => [m.header.proc, m.header.serial, m.body.length])).to.deep.equal([[3, 7, 4], [4, 0, 0]]);
  });

  it('rejects an oversize length before any of the body arrives', () => {
    const d = new FrameDecoder();
    const word = Buffer.alloc(4);
    word.writeUInt32BE(MESSAGE_MAX + 1);
    const e = thrown(() => d.push(word));
    expect(isVirtError(e, ErrorCode.RPC)).to.equal(true);
    expect((e as Error).message).to.contain('too large');
  });

  it('rejects a length shorter than the header', () => {
    const word = Buffer.from([0, 0, 0, 27]);
    expect(isVirtError(thrown(() => new FrameDecoder().push(word)), ErrorCode.RPC)).to.equal(true);
  });

  it('checks string and array limits before allocating', () => {
    const w = new XdrWriter();
    w.uint(0xffffffff);
    const e = thrown(() => xdrString(100).decode(new XdrReader(w.finish())));
    expect((e as Error).message).to.contain('exceeds the limit');
    const list = Buffer.from('00000100', 'hex');
    expect((thrown(() => Proc.CONNECT_LIST_ALL_DOMAINS.ret.decode(new XdrReader(list))) as Error).message).to.contain('truncated');
  });

  it('refuses trailing bytes and truncated bodies', () => {
    const body = encodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, { name: 'test' });
    expect(decodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, body, 'args')).to.deep.equal({ name: 'test' });
    expect(isVirtError(thrown(() => decodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, Buffer.concat([body, Buffer.alloc(4)]), 'args')), ErrorCode.RPC)).to.equal(true);
    expect(isVirtError(thrown(() => decodeWith(Proc.DOMAIN_LOOKUP_BY_NAME.args, body.subarray(0, 6), 'args')), ErrorCode.RPC)).to.equal(true);
  });

  it('refuses a negative or too large unsigned hyper, and a fraction or an unsafe number for a hyper, as RPC errors', () => {
    const perform = (resource: bigint) => () => encodeWith(Proc.DOMAIN_MIGRATE_PERFORM.args, { dom: { name: 'x', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 }, cookie: new Uint8Array(0), uri: 'tcp:h:1', flags: 0n, dname: undefined, resource });
    expect(perform(10n)().length).to.be.greaterThan(0);
    for (const bad of [-1n, 2n ** 64n]) expect(isVirtError(thrown(perform(bad)), ErrorCode.RPC), String(bad)).to.equal(true);
    for (const bad of [1.5, Number.NaN, 2 ** 60]) expect(isVirtError(thrown(() => numberToHyper(bad)), ErrorCode.RPC), String(bad)).to.equal(true);
    expect(isVirtError(thrown(() => hyperToNumber(2n ** 60n)), ErrorCode.RPC)).to.equal(true);
    expect(hyperToNumber(numberToHyper(2 ** 52))).to.equal(2 ** 52);
  });

  it('round-trips domains with their UUID as 16 raw bytes', () => {
    const ref = { name: 'a,b"c', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 };
    const bytes = encodeWith(nonnullDomain, ref);
    expect(bytes.length).to.equal(4 + 8 + 16 + 4);
    expect(bytes.subarray(12, 28).toString('hex')).to.equal('6695eb01f6a4830479aa97f2502e193f');
    expect(decodeWith(nonnullDomain, bytes, 'dom')).to.deep.equal(ref);
  });

  it('carries errors in remote_error with libvirt numbers', () => {
    const e = new VirtError({ code: ErrorCode.NO_DOMAIN, domain: ErrorDomain.TEST, message: "Domain not found: no domain with matching name 'x'", details: { str1: 'x', int1: 3 } });
    const back = decodeWith(remoteError, encodeWith(remoteError, e), 'error');
    expect([back.code, back.domain, back.message, back.details.str1, back.details.int1]).to.deep.equal([42, 12, e.message, 'x', 3]);
  });

  it('carries the error level and leaves absent details out', () => {
    const e = new VirtError({ code: ErrorCode.OPERATION_FAILED, domain: ErrorDomain.RPC, message: 'operation failed', level: 1 });
    const back = decodeWith(remoteError, encodeWith(remoteError, e), 'error');
    expect([back.level, back.details]).to.deep.equal([1, {}]);
  });

  it('maps an empty migration cookie to none and back', () => {
    const args = Proc.DOMAIN_MIGRATE_CONFIRM3.args;
    const dom = { name: 'a', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 1 };
    const none = encodeWith(args, { dom, cookie_in: wireCookie(undefined), flags: 0n, cancelled: 0 });
    expect(none.equals(encodeWith(args, { dom, cookie_in: new Uint8Array(0), flags: 0n, cancelled: 0 }))).to.equal(true);
    expect(cookieOf(decodeWith(args, none, 'args').cookie_in)).to.equal(undefined);
    const some = cookieOf(decodeWith(args, encodeWith(args, { dom, cookie_in: wireCookie(Buffer.from('ck')), flags: 0n, cancelled: 0 }), 'args').cookie_in);
    expect(Buffer.from(some!).toString()).to.equal('ck');
  });

  it('builds a callback lifecycle event from the shared encoded message', () => {
    const msg = { dom: { name: 'a', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f', id: 2 }, event: 2, detail: 1 };
    const body = callbackLifecycleBody(7, encodeWith(lifecycleMsg, msg));
    expect(body.equals(encodeWith(EventMsg.DOMAIN_EVENT_CALLBACK_LIFECYCLE.msg, { callbackID: 7, msg }))).to.equal(true);
  });

  it('encodes typed parameters by their union discriminant', () => {
    const p = { field: 'time_elapsed', value: { type: TypedParamType.ULLONG as const, ul: 42n } };
    expect(decodeWith(typedParam, encodeWith(typedParam, p), 'param')).to.deep.equal(p);
    expect(encodeWith(typedParam, toTypedParam('time_elapsed', 42)).toString('hex')).to.equal(encodeWith(typedParam, p).toString('hex'));
    expect(typedParamValue(decodeWith(typedParam, encodeWith(typedParam, p), 'param'))).to.equal(42);
    const bad = Buffer.concat([encodeWith(xdrString(10), 'f'), Buffer.from('00000009', 'hex')]);
    expect(isVirtError(thrown(() => decodeWith(typedParam, bad, 'param')), ErrorCode.RPC)).to.equal(true);
  });

  it('uses libvirt\'s procedure numbers', () => {
    expect([Proc.CONNECT_OPEN.proc, Proc.DOMAIN_MIGRATE_PREPARE2.proc, Proc.DOMAIN_MIGRATE_FINISH2.proc, Proc.DOMAIN_MIGRATE_PERFORM3_PARAMS.proc, Proc.CONNECT_LIST_ALL_DOMAINS.proc]).to.deep.equal([1, 108, 109, 305, 273]);
    expect(procedureByNumber(107), 'an event number is no call').to.equal(undefined);
    expect(procedureByNumber(60)?.name).to.equal('CONNECT_SUPPORTS_FEATURE');
    expect(procedureByNumber(99999)).to.equal(undefined);
  });
});
