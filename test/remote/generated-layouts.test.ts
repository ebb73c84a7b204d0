import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { decodeWith, encodeWith, EventMsg, Proc, RemoteEvents, RemoteProcedures, type Codec } from '@virtkit/remote';

/**
 * Encodings of representative values for every procedure and event virtkit
 * spoke before its wire layer was generated, recorded from the hand-written
 * descriptors (two values per body: optional fields absent and present,
 * lists empty and of two). The generated codecs must read each back and
 * write the same bytes.
 */
const layouts = JSON.parse(readFileSync(new URL('../fixtures/hand-written-layouts.json', import.meta.url), 'utf8')) as Record<string, { args?: string[]; ret?: string[]; msg?: string[] }>;

function roundTrips(codec: Codec<unknown>, hex: string, what: string): void {
  const bytes = Buffer.from(hex, 'hex');
  expect(Buffer.from(encodeWith(codec, decodeWith(codec, bytes, what))).toString('hex'), what).to.equal(hex);
}

describe('remote protocol: the generated layouts of the hand-written procedures', () => {
  it('covers every procedure and event virtkit had', () => {
    expect(Object.keys(layouts)).to.have.length.greaterThan(130);
    expect(Object.keys(layouts)).to.include.members(['CONNECT_OPEN', 'DOMAIN_MIGRATE_PERFORM3_PARAMS', 'STORAGE_VOL_UPLOAD', 'NETWORK_GET_DHCP_LEASES', 'DOMAIN_EVENT_CALLBACK_LIFECYCLE']);
  });

  for (const [name, bodies] of Object.entries(layouts)) {
    it(`${name}: the generated codecs give the same bytes`, () => {
      const generated = (RemoteProcedures as Record<string, { proc: number; args: Codec<unknown>; ret: Codec<unknown> }>)[name];
      const event = (RemoteEvents as Record<string, { proc: number; msg: Codec<unknown> }>)[name];
      const old = ((Proc as unknown as Record<string, unknown>)[name] ?? (EventMsg as unknown as Record<string, unknown>)[name]) as { proc: number; args: Codec<unknown>; ret: Codec<unknown>; msg: Codec<unknown> };
      for (const hex of bodies.args ?? []) {
        roundTrips(generated.args, hex, `${name} arguments`);
        roundTrips(old.args, hex, `${name} arguments, hand-written`);
      }
      for (const hex of bodies.ret ?? []) {
        roundTrips(generated.ret, hex, `${name} reply`);
        roundTrips(old.ret, hex, `${name} reply, hand-written`);
      }
      for (const hex of bodies.msg ?? []) {
        roundTrips(event.msg, hex, `${name} message`);
        roundTrips(old.msg, hex, `${name} message, hand-written`);
      }
      expect((generated ?? event).proc).to.equal(old.proc);
    });
  }
});
