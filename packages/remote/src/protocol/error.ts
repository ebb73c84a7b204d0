import { ErrorLevel, VirtError } from '@virtkit/core';
import { type Codec, xdrFixedOpaque, xdrInt, xdrOptional, xdrStruct } from '../xdr/codec.js';
import { nonnullString, optDomain, optString } from './types.js';

/** remote_nonnull_network, present in the error structure but unused. */
const optNetwork = xdrOptional(xdrStruct({ name: nonnullString, uuid: xdrFixedOpaque(16) }));

interface WireError {
  code: number;
  domain: number;
  message: string | undefined;
  level: number;
  dom: unknown;
  str1: string | undefined;
  str2: string | undefined;
  str3: string | undefined;
  int1: number;
  int2: number;
  net: unknown;
}

const wireError = xdrStruct<WireError>({
  code: xdrInt,
  domain: xdrInt,
  message: optString,
  level: xdrInt,
  dom: optDomain as Codec<unknown>,
  str1: optString,
  str2: optString,
  str3: optString,
  int1: xdrInt,
  int2: xdrInt,
  net: optNetwork as Codec<unknown>,
});

/**
 * remote_error (virNetMessageError) ↔ VirtError. code, domain and level are
 * libvirt's enums, so a libvirt client prints the error as its own.
 */
export const remoteError: Codec<VirtError> = {
  encode(w, e) {
    wireError.encode(w, {
      code: e.code,
      domain: e.domain,
      message: e.message,
      level: e.level,
      dom: undefined,
      str1: e.details.str1,
      str2: e.details.str2,
      str3: e.details.str3,
      int1: e.details.int1 ?? 0,
      int2: e.details.int2 ?? 0,
      net: undefined,
    });
  },
  decode(r) {
    const w = wireError.decode(r);
    const details: VirtError['details'] = {};
    if (w.str1 !== undefined) details.str1 = w.str1;
    if (w.str2 !== undefined) details.str2 = w.str2;
    if (w.str3 !== undefined) details.str3 = w.str3;
    if (w.int1) details.int1 = w.int1;
    if (w.int2) details.int2 = w.int2;
    return new VirtError({ code: w.code, domain: w.domain, message: w.message ?? 'unknown error', level: w.level as ErrorLevel, details });
  },
};
