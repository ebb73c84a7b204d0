import { expect } from 'chai';
import { ErrorCode, isVirtError } from '@virtkit/core';

/** Awaits `p` and checks it failed with a VirtError of `code`; returns the error. */
export async function expectCode(p: Promise<unknown>, code: ErrorCode): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isVirtError(e, code), `expected ${ErrorCode[code]}, got ${String(e)}`).to.equal(true);
    return e as Error;
  }
  throw new Error(`expected ${ErrorCode[code]}, but it succeeded`);
}
