import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { ErrorCode, ErrorDomain, VirtError, VirtErrorCodec, isVirtError, toVirtError, checkFlags, MigrateFlags, allFlags, strerror } from '@virtkit/core';

describe('core: errors and flags', () => {
  it("uses libvirt's numbers", () => {
    expect([ErrorCode.NO_SUPPORT, ErrorCode.XML_ERROR, ErrorCode.OPERATION_DENIED, ErrorCode.NO_DOMAIN, ErrorCode.OPERATION_INVALID, ErrorCode.MIGRATE_FINISH_OK])
      .to.deep.equal([3, 27, 29, 42, 55, 93]);
    expect([ErrorDomain.XEND, ErrorDomain.QEMU, ErrorDomain.TEST, ErrorDomain.REMOTE, ErrorDomain.DOMAIN]).to.deep.equal([2, 10, 12, 13, 20]);
  });

  it('round-trips through the JSON codec and keeps its identity', () => {
    const e = new VirtError({ code: ErrorCode.NO_DOMAIN, domain: ErrorDomain.TEST, message: 'Domain not found', details: { str1: 'x', int1: 7 } });
    const json = JSON.parse(JSON.stringify(VirtErrorCodec.encode(e)));
    const back = VirtErrorCodec.decode(json);
    expect(isVirtError(back, ErrorCode.NO_DOMAIN)).to.equal(true);
    expect(back.codeName).to.equal('NO_DOMAIN');
    expect({ code: back.code, domain: back.domain, message: back.message, details: back.details }).to.deep.equal({ code: 42, domain: 12, message: 'Domain not found', details: { str1: 'x', int1: 7 } });
    expect(() => VirtErrorCodec.decode({ nope: 1 })).to.throw(/not an encoded VirtError/);
  });

  it('tells VirtErrors from look-alikes and wraps foreign errors', () => {
    expect(isVirtError({ code: 42, message: 'fake' })).to.equal(false);
    expect(isVirtError(new VirtError({ code: 3, message: 'x' }), ErrorCode.NO_DOMAIN)).to.equal(false);
    const wrapped = toVirtError(new TypeError('boom'));
    expect(isVirtError(wrapped, ErrorCode.INTERNAL_ERROR)).to.equal(true);
    expect(wrapped.message).to.equal('internal error: boom');
  });

  it('rejects unknown and malformed flags', () => {
    const all = allFlags(MigrateFlags);
    expect(() => checkFlags(MigrateFlags.LIVE | MigrateFlags.PAUSED, all, 'x')).to.not.throw();
    expect(() => checkFlags(1 << 25, all, 'virDomainMigrate')).to.throw(/unsupported flags \(0x2000000\)/);
    expect(() => checkFlags(-1, all, 'x')).to.throw(/unsigned 32-bit/);
    expect(() => checkFlags(1.5, all, 'x')).to.throw(/unsigned 32-bit/);
  });

  it("gives a system error in the C library's words", async () => {
    const failure = (p: string) => readFile(p).then(() => expect.fail(`${p} was read`), (e: unknown) => e);
    expect(strerror(await failure('/nonexistent/virtkit'))).to.equal('No such file or directory');
    expect(strerror(await failure('/'))).to.equal('Is a directory');
    expect(strerror(new Error('plain'))).to.equal('plain');
  });
});
