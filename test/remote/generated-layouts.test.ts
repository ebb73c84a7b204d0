import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { decodeWith, encodeWith, RemoteEvents, RemoteProcedures, type Codec } from '@virtkit/remote';

/**
 * Encodings of representative values for every procedure and event virtkit
 * spoke before its wire layer was generated, each with its value (checked,
 * when recorded, field by field against what the hand-written descriptors
 * decoded from the same bytes; two values per body: optional fields absent and present,
 * lists empty and of two), which real virsh, python3-libvirt and libvirtd
 * spoke with. The generated codecs must read each back and write the same
 * bytes, so no layout virtkit spoke has changed.
 */
interface Body { hex: string; value: unknown }
const layouts = JSON.parse(readFileSync(new URL('../fixtures/hand-written-layouts.json', import.meta.url), 'utf8')) as Record<string, { args?: Body[]; ret?: Body[]; msg?: Body[] }>;

/** The fixture's JSON for the values JSON lacks: hypers, bytes, absent optionals. */
function fromJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJson);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('$bigint' in o) return BigInt(o.$bigint as string);
  if ('$bytes' in o) return Buffer.from(o.$bytes as string, 'hex');
  if ('$undefined' in o) return undefined;
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromJson(x)]));
}

/** The value decoded from the recorded bytes is the recorded one, field by field, and encodes to the same bytes. */
function sameLayout(codec: Codec<unknown>, body: Body, what: string): void {
  const value = fromJson(body.value);
  const decoded = decodeWith(codec, Buffer.from(body.hex, 'hex'), what);
  expect(normalize(decoded), what).to.deep.equal(normalize(value));
  expect(Buffer.from(encodeWith(codec, value)).toString('hex'), what).to.equal(body.hex);
}

/** Bytes compared as hex, whatever their Uint8Array subclass. */
function normalize(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

describe('remote protocol: the generated layouts of the hand-written procedures', () => {
  it('covers every procedure and event virtkit had, by their numbers', () => {
    expect(Object.keys(layouts).map((n) => ((RemoteProcedures as Record<string, { proc: number }>)[n] ?? (RemoteEvents as Record<string, { proc: number }>)[n]).proc)).to.include.members([1, 66, 107, 283, 305, 318, 208, 209]);
    expect(Object.keys(layouts)).to.have.length.greaterThan(130);
    expect(Object.keys(layouts)).to.include.members(['CONNECT_OPEN', 'DOMAIN_MIGRATE_PERFORM3_PARAMS', 'STORAGE_VOL_UPLOAD', 'NETWORK_GET_DHCP_LEASES', 'DOMAIN_EVENT_CALLBACK_LIFECYCLE']);
  });

  for (const [name, bodies] of Object.entries(layouts)) {
    it(`${name}: the generated codecs give the same bytes`, () => {
      const generated = (RemoteProcedures as Record<string, { proc: number; args: Codec<unknown>; ret: Codec<unknown> }>)[name];
      const event = (RemoteEvents as Record<string, { proc: number; msg: Codec<unknown> }>)[name];
      expect(generated ?? event, `${name} is in the generated tables`).to.not.equal(undefined);
      for (const body of bodies.args ?? []) sameLayout(generated.args, body, `${name} arguments`);
      for (const body of bodies.ret ?? []) sameLayout(generated.ret, body, `${name} reply`);
      for (const body of bodies.msg ?? []) sameLayout(event.msg, body, `${name} message`);
    });
  }
});
