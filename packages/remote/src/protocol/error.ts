import { VirtErrorCodec, type VirtError } from '@virtkit/core';
import type { Codec } from '../xdr/codec.js';
import { remote_error } from './generated/remote.js';

/**
 * Longest message (in characters) an error carries on the wire. Messages
 * quote what they refuse (a name, an element, an argument); past this they
 * are cut, so an error about a huge argument is itself never too large to
 * send (the wire's strings stop at REMOTE_STRING_MAX).
 */
export const ERROR_MESSAGE_MAX = 8192;

function clamp(s: string): string;
function clamp(s: string | undefined): string | undefined;
function clamp(s: string | undefined): string | undefined {
  return s !== undefined && s.length > ERROR_MESSAGE_MAX ? `${s.slice(0, ERROR_MESSAGE_MAX)}... (${s.length - ERROR_MESSAGE_MAX} more characters)` : s;
}

/**
 * remote_error (virNetMessageError) ↔ VirtError. code, domain and level are
 * libvirt's enums, so a libvirt client prints the error as its own.
 */
export const remoteError: Codec<VirtError> = {
  encode(w, e) {
    remote_error.encode(w, {
      code: e.code,
      domain: e.domain,
      message: clamp(e.message),
      level: e.level,
      dom: undefined,
      str1: clamp(e.details.str1),
      str2: clamp(e.details.str2),
      str3: clamp(e.details.str3),
      int1: e.details.int1 ?? 0,
      int2: e.details.int2 ?? 0,
      net: undefined,
    });
  },
  decode(r) {
    const w = remote_error.decode(r);
    const details = Object.fromEntries(
      Object.entries({ str1: w.str1, str2: w.str2, str3: w.str3, int1: w.int1 || undefined, int2: w.int2 || undefined }).filter(([, v]) => v !== undefined),
    );
    return VirtErrorCodec.decode({ code: w.code, domain: w.domain, message: w.message ?? 'unknown error', level: w.level, details });
  },
};
