import {
  VIR_TYPED_PARAM_BOOLEAN, VIR_TYPED_PARAM_DOUBLE, VIR_TYPED_PARAM_INT, VIR_TYPED_PARAM_LLONG, VIR_TYPED_PARAM_STRING, VIR_TYPED_PARAM_UINT, VIR_TYPED_PARAM_ULLONG,
} from './generated/constants.js';
import { remote_domain, remote_nonnull_domain, remote_nonnull_storage_pool, remote_nonnull_storage_vol, remote_nonnull_string, remote_string, remote_typed_param, type remote_typed_param_value } from './generated/remote.js';
export { uuid } from './uuid.js';

/** Short names of the generated codecs of libvirt's handles and strings. */
export const nonnullString = remote_nonnull_string;
export const optString = remote_string;
export const nonnullDomain = remote_nonnull_domain;
export const optDomain = remote_domain;
export const nonnullStoragePool = remote_nonnull_storage_pool;
export const nonnullStorageVol = remote_nonnull_storage_vol;

/** One virTypedParameter (remote_typed_param): a field and a value discriminated by virTypedParameterType. */
export type TypedParam = remote_typed_param;
export const typedParam = remote_typed_param;

/** The value a typed parameter carries, whatever its arm. BOOLEAN is an int on the wire. */
export function typedParamValueOf(v: remote_typed_param_value): number | bigint | boolean | string {
  switch (v.type) {
    case VIR_TYPED_PARAM_INT: return v.i;
    case VIR_TYPED_PARAM_UINT: return v.ui;
    case VIR_TYPED_PARAM_LLONG: return v.l;
    case VIR_TYPED_PARAM_ULLONG: return v.ul;
    case VIR_TYPED_PARAM_DOUBLE: return v.d;
    case VIR_TYPED_PARAM_BOOLEAN: return v.b !== 0;
    case VIR_TYPED_PARAM_STRING: return v.s;
  }
}

/** The value of a typed parameter as a plain JS value (hypers that fit become numbers, others their decimal text). */
export function typedParamValue(p: TypedParam): number | string | boolean {
  const v = typedParamValueOf(p.value);
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  return v;
}

/** A JS value as a typed parameter: integers as ULLONG (or LLONG when negative), others by type. */
export function toTypedParam(field: string, value: number | string | boolean | bigint): TypedParam {
  return { field, value: typedParamWireValue(value) };
}

function typedParamWireValue(value: number | string | boolean | bigint): remote_typed_param_value {
  if (typeof value === 'string') return { type: VIR_TYPED_PARAM_STRING, s: value };
  if (typeof value === 'boolean') return { type: VIR_TYPED_PARAM_BOOLEAN, b: value ? 1 : 0 };
  if (typeof value === 'bigint') return value < 0n ? { type: VIR_TYPED_PARAM_LLONG, l: value } : { type: VIR_TYPED_PARAM_ULLONG, ul: value };
  if (!Number.isInteger(value)) return { type: VIR_TYPED_PARAM_DOUBLE, d: value };
  return value < 0 ? { type: VIR_TYPED_PARAM_LLONG, l: BigInt(value) } : { type: VIR_TYPED_PARAM_ULLONG, ul: BigInt(value) };
}

/** A typed parameter of type INT (for the numbers libvirt types as int). */
export function intTypedParam(field: string, value: number): TypedParam {
  return { field, value: { type: VIR_TYPED_PARAM_INT, i: value } };
}
