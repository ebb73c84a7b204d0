import { expect } from 'chai';
import { ErrorCode, ErrorDomain, isVirtError, type VirtError } from '@virtkit/core';

/** The value a promise rejects with; fails when it resolves. */
export async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** The value a function throws; fails when it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** `e` is a VirtError of the RPC domain (the remote client's) with this code and message. */
export function expectRpcError(e: unknown, code: ErrorCode, message: string): void {
  expect(isVirtError(e), String(e)).to.equal(true);
  const err = e as VirtError;
  expect([err.code, err.domain, err.message]).to.deep.equal([code, ErrorDomain.RPC, message]);
}
