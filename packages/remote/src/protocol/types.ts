import { normalizeUuid, type DomainRef, type StoragePoolRef, type StorageVolRef } from '@virtkit/core';
import { type Codec, xdrArray, xdrBool, xdrDouble, xdrFixedOpaque, xdrHyper, xdrInt, xdrMap, xdrOptional, xdrString, xdrStruct, xdrUhyper, xdrUint } from '../xdr/codec.js';
import type { XdrReader, XdrWriter } from '../xdr/xdr.js';
import { xdrError } from '../xdr/xdr.js';
import { STRING_MAX, TypedParamType, UUID_BUFLEN } from './constants.js';

/** remote_nonnull_string and remote_string. */
export const nonnullString = xdrString(STRING_MAX);
export const optString = xdrOptional(nonnullString);

import { uuid } from './uuid.js';
export { uuid };

/** remote_nonnull_domain: the wire form of a DomainRef. */
export const nonnullDomain: Codec<DomainRef> = xdrStruct<DomainRef>({ name: nonnullString, uuid, id: xdrInt });
export const optDomain = xdrOptional(nonnullDomain);

/** One virTypedParameter; the value's JS type follows the wire type. */
export interface TypedParam {
  field: string;
  type: TypedParamType;
  value: number | bigint | boolean | string;
}

/** remote_typed_param: a field name and a union discriminated by virTypedParameterType. */
export const typedParam: Codec<TypedParam> = {
  encode(w: XdrWriter, p: TypedParam) {
    nonnullString.encode(w, p.field);
    w.int(p.type);
    switch (p.type) {
      case TypedParamType.INT: xdrInt.encode(w, Number(p.value)); break;
      case TypedParamType.UINT: xdrUint.encode(w, Number(p.value)); break;
      case TypedParamType.LLONG: xdrHyper.encode(w, BigInt(p.value as number | bigint)); break;
      case TypedParamType.ULLONG: xdrUhyper.encode(w, BigInt(p.value as number | bigint)); break;
      case TypedParamType.DOUBLE: xdrDouble.encode(w, Number(p.value)); break;
      case TypedParamType.BOOLEAN: xdrBool.encode(w, !!p.value); break;
      case TypedParamType.STRING: nonnullString.encode(w, String(p.value)); break;
      default: throw xdrError(`unknown typed parameter type ${p.type as number}`);
    }
  },
  decode(r: XdrReader): TypedParam {
    const field = nonnullString.decode(r);
    const type = r.int();
    switch (type) {
      case TypedParamType.INT: return { field, type, value: r.int() };
      case TypedParamType.UINT: return { field, type, value: r.uint() };
      case TypedParamType.LLONG: return { field, type, value: r.hyper() };
      case TypedParamType.ULLONG: return { field, type, value: r.uhyper() };
      case TypedParamType.DOUBLE: return { field, type, value: r.double() };
      case TypedParamType.BOOLEAN: return { field, type, value: r.int() !== 0 };
      case TypedParamType.STRING: return { field, type, value: nonnullString.decode(r) };
      default: throw xdrError(`unknown typed parameter type ${type}`);
    }
  },
};

export function typedParams(max: number): Codec<TypedParam[]> {
  return xdrArray(typedParam, max, 'typed parameter list');
}

/** The value of a typed parameter as a plain JS value (hypers that fit become numbers). */
export function typedParamValue(p: TypedParam): number | string | boolean {
  if (typeof p.value === 'bigint') return p.value <= BigInt(Number.MAX_SAFE_INTEGER) && p.value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(p.value) : p.value.toString();
  return p.value;
}

/** A JS value as a typed parameter: integers as ULLONG (or LLONG when negative), others by type. */
export function toTypedParam(field: string, value: number | string | boolean | bigint): TypedParam {
  if (typeof value === 'string') return { field, type: TypedParamType.STRING, value };
  if (typeof value === 'boolean') return { field, type: TypedParamType.BOOLEAN, value };
  if (typeof value === 'bigint') return { field, type: value < 0n ? TypedParamType.LLONG : TypedParamType.ULLONG, value };
  if (!Number.isInteger(value)) return { field, type: TypedParamType.DOUBLE, value };
  return { field, type: value < 0 ? TypedParamType.LLONG : TypedParamType.ULLONG, value: BigInt(value) };
}

/** remote_nonnull_storage_pool: the wire form of a StoragePoolRef. */
export const nonnullStoragePool: Codec<StoragePoolRef> = xdrStruct<StoragePoolRef>({ name: nonnullString, uuid });

/** remote_nonnull_storage_vol: pool name, volume name, key. */
export const nonnullStorageVol: Codec<StorageVolRef> = xdrStruct<StorageVolRef>({ pool: nonnullString, name: nonnullString, key: nonnullString });
