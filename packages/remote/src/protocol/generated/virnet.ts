// Generated from libvirt's RPC definitions by packages/remote/scripts/generate-protocol.mjs: the types of virnetprotocol.x.
// Do not edit. Regenerate with `npm run generate:protocol -- DIR` and check with
// `npm run check:protocol -- DIR`, DIR holding the .x files read:
//   virnetprotocol.x sha256 e330a104ef46be4aca1c603121c79bc8c8460b40c789c4a6312596743ded7557
//   remote_protocol.x sha256 ad4b5a5c93792aa54fa0fad686ca5a6a3435d6172093792db611a1a212bf8a44
//   qemu_protocol.x sha256 23b86f7326da3cd8f51534d69bc3a6acebe3e668eb30451b09305f5113907321
import { type Codec, xdrHyper, xdrInt, xdrOptional, xdrString, xdrStruct, xdrUint } from '../../xdr/codec.js';
import { VIR_NET_MESSAGE_STRING_MAX } from './constants.js';
import { uuid } from '../uuid.js';

export interface virNetMessageHeader {
  prog: number;
  vers: number;
  proc: number;
  type: number;
  serial: number;
  status: number;
}
export const virNetMessageHeader: Codec<virNetMessageHeader> = xdrStruct<virNetMessageHeader>({
  prog: xdrUint,
  vers: xdrUint,
  proc: xdrInt,
  type: xdrInt,
  serial: xdrUint,
  status: xdrInt,
});

/** virNetMessageUUID: carried as string (uuid). */
export type virNetMessageUUID = string;
export const virNetMessageUUID: Codec<virNetMessageUUID> = uuid;

export type virNetMessageNonnullString = string;
export const virNetMessageNonnullString: Codec<virNetMessageNonnullString> = xdrString(VIR_NET_MESSAGE_STRING_MAX);

export type virNetMessageString = virNetMessageNonnullString | undefined;
export const virNetMessageString: Codec<virNetMessageString> = xdrOptional(virNetMessageNonnullString);

export interface virNetMessageNonnullDomain {
  name: virNetMessageNonnullString;
  uuid: virNetMessageUUID;
  id: number;
}
export const virNetMessageNonnullDomain: Codec<virNetMessageNonnullDomain> = xdrStruct<virNetMessageNonnullDomain>({
  name: virNetMessageNonnullString,
  uuid: virNetMessageUUID,
  id: xdrInt,
});

export interface virNetMessageNonnullNetwork {
  name: virNetMessageNonnullString;
  uuid: virNetMessageUUID;
}
export const virNetMessageNonnullNetwork: Codec<virNetMessageNonnullNetwork> = xdrStruct<virNetMessageNonnullNetwork>({
  name: virNetMessageNonnullString,
  uuid: virNetMessageUUID,
});

export type virNetMessageDomain = virNetMessageNonnullDomain | undefined;
export const virNetMessageDomain: Codec<virNetMessageDomain> = xdrOptional(virNetMessageNonnullDomain);

export type virNetMessageNetwork = virNetMessageNonnullNetwork | undefined;
export const virNetMessageNetwork: Codec<virNetMessageNetwork> = xdrOptional(virNetMessageNonnullNetwork);

export interface virNetMessageError {
  code: number;
  domain: number;
  message: virNetMessageString;
  level: number;
  dom: virNetMessageDomain;
  str1: virNetMessageString;
  str2: virNetMessageString;
  str3: virNetMessageString;
  int1: number;
  int2: number;
  net: virNetMessageNetwork;
}
export const virNetMessageError: Codec<virNetMessageError> = xdrStruct<virNetMessageError>({
  code: xdrInt,
  domain: xdrInt,
  message: virNetMessageString,
  level: xdrInt,
  dom: virNetMessageDomain,
  str1: virNetMessageString,
  str2: virNetMessageString,
  str3: virNetMessageString,
  int1: xdrInt,
  int2: xdrInt,
  net: virNetMessageNetwork,
});

export interface virNetStreamHole {
  length: bigint;
  flags: number;
}
export const virNetStreamHole: Codec<virNetStreamHole> = xdrStruct<virNetStreamHole>({
  length: xdrHyper,
  flags: xdrUint,
});

