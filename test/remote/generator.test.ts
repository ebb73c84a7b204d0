import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The generator and its parser are plain scripts (not part of the build), loaded as they are run. */
const scripts = new URL('../../../packages/remote/scripts/', import.meta.url);
const load = async (name: string) => (await import(new URL(name, scripts).href as string)) as Record<string, (...a: unknown[]) => unknown>;

const VIRNET = `
%#include "internal.h"
const VIR_NET_MESSAGE_MAX = 33554432;
struct virNetStreamHole { hyper length; unsigned int flags; };
`;

const REMOTE = `
/* a file comment */
const REMOTE_STRING_MAX = 4194304;
const REMOTE_LIST_MAX = 0x10;
typedef string remote_nonnull_string<REMOTE_STRING_MAX>;
typedef remote_nonnull_string *remote_string;
typedef opaque remote_uuid[VIR_UUID_BUFLEN];
enum remote_kind { REMOTE_KIND_A = 0, REMOTE_KIND_B = 2 };
struct remote_nonnull_domain { remote_nonnull_string name; remote_uuid uuid; int id; };
union remote_value switch (int type) {
 case VIR_TYPED_PARAM_INT: int i;
 case VIR_TYPED_PARAM_STRING: case VIR_TYPED_PARAM_UINT: remote_nonnull_string s;
 default: void;
};
struct remote_thing_get_args { remote_nonnull_domain dom; unsigned hyper size; float ratio; bool on; remote_kind kind; };
struct remote_thing_get_ret { remote_value values<REMOTE_LIST_MAX>; char model[8]; char label<REMOTE_LIST_MAX>; int pair[2]; remote_string note; };
struct remote_thing_event_msg { remote_nonnull_domain dom; };
const REMOTE_PROGRAM = 0x20008086;
const REMOTE_PROTOCOL_VERSION = 1;
enum remote_procedure {
    /**
     * @generate: both
     * @priority: high
     * @acl: domain:read
     * @acl: domain:read_secure:VIR_THING_SECURE
     */
    REMOTE_PROC_THING_GET = 1,
    /**
     * @generate: both
     * @writestream: 1
     * @sparseflag: VIR_THING_SPARSE
     * @acl: storage_vol:data_write
     */
    REMOTE_PROC_THING_PUT = 2,
    /**
     * @acl: none
     */
    REMOTE_PROC_THING_EVENT = 3
};
`;

const QEMU = `
%#include "remote_protocol.h"
struct qemu_domain_poke_args { remote_nonnull_domain dom; remote_string cmd; };
const QEMU_PROGRAM = 0x20008087;
const QEMU_PROTOCOL_VERSION = 1;
enum qemu_procedure {
    /**
     * @acl: domain:write
     */
    QEMU_PROC_DOMAIN_POKE = 1
};
`;

describe('remote: the .x generator (packages/remote/scripts)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vkgen-x-'));
    await writeFile(path.join(dir, 'virnetprotocol.x'), VIRNET);
    await writeFile(path.join(dir, 'remote_protocol.x'), REMOTE);
    await writeFile(path.join(dir, 'qemu_protocol.x'), QEMU);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('parses every XDR form libvirt uses, keeping the annotations of each procedure', async () => {
    const { parseXdr, parseAnnotations } = await load('xdr-parser.mjs');
    const defs = parseXdr(REMOTE, 'remote_protocol.x') as Array<Record<string, any>>;
    expect(defs.find((d) => d.name === 'REMOTE_LIST_MAX')).to.deep.equal({ kind: 'const', name: 'REMOTE_LIST_MAX', value: 16 });
    const union = defs.find((d) => d.name === 'remote_value')!;
    expect(union.arms.map((a: { cases: unknown[] }) => a.cases)).to.deep.equal([['VIR_TYPED_PARAM_INT'], ['VIR_TYPED_PARAM_STRING', 'VIR_TYPED_PARAM_UINT']]);
    expect(union.defaultArm).to.deep.equal({ void: true });
    const ret = defs.find((d) => d.name === 'remote_thing_get_ret')!;
    expect(ret.fields).to.deep.equal([
      { name: 'values', type: 'remote_value', array: 'variable', size: 'REMOTE_LIST_MAX' },
      { name: 'model', type: 'char', array: 'fixed', size: 8 },
      { name: 'label', type: 'char', array: 'variable', size: 'REMOTE_LIST_MAX' },
      { name: 'pair', type: 'int', array: 'fixed', size: 2 },
      { name: 'note', type: 'remote_string' },
    ]);
    const procs = defs.find((d) => d.name === 'remote_procedure')!;
    expect(parseAnnotations(procs.members[0].doc)).to.deep.equal({ generate: ['both'], priority: ['high'], acl: ['domain:read', 'domain:read_secure:VIR_THING_SECURE'] });
    expect(() => parseXdr('struct x { quadruple q; };', 'bad.x')).to.throw(/bad\.x:1: quadruple/);
    expect(() => parseXdr('struct x { int a }', 'bad.x')).to.throw(/expected ';'/);
  });

  it('writes codecs and procedure tables with the facts of the annotations', async () => {
    const { generate } = await load('generate-protocol.mjs');
    const out = generate(dir) as Map<string, string>;
    expect([...out.keys()]).to.deep.equal(['constants.ts', 'virnet.ts', 'remote.ts', 'qemu.ts']);
    const remote = out.get('remote.ts')!;
    expect(remote).to.match(/^\/\/ Generated from libvirt's RPC definitions by packages\/remote\/scripts\/generate-protocol\.mjs/);
    expect(remote).to.contain('size: xdrUhyper,').and.to.contain('ratio: xdrFloat,').and.to.contain('on: xdrBool,').and.to.contain('kind: xdrInt,');
    expect(remote).to.contain("values: xdrArray(remote_value, REMOTE_LIST_MAX, 'values'),").and.to.contain('model: xdrCharArray(8),').and.to.contain('label: xdrCharBytes(REMOTE_LIST_MAX),');
    expect(remote).to.contain('pair: xdrFixedArray(xdrInt, 2),').and.to.contain('note: remote_string,');
    expect(remote).to.contain("  | { type: 7; s: remote_nonnull_string }\n  | { type: 2; s: remote_nonnull_string }\n  | { type: number };");
    expect(remote).to.contain('}, { arm: undefined });');
    expect(remote).to.contain("THING_GET: call<remote_thing_get_args, remote_thing_get_ret>({ name: 'THING_GET', proc: 1, api: 'virThingGet', args: remote_thing_get_args, ret: remote_thing_get_ret, writes: false, highPriority: true, acl: ['domain:read', 'domain:read_secure:VIR_THING_SECURE'], errorDomain: VIR_FROM_DOMAIN }),");
    expect(remote).to.contain("THING_PUT: call<void, void>({ name: 'THING_PUT', proc: 2, api: 'virThingPut', args: xdrVoid, ret: xdrVoid, writes: true, highPriority: false, stream: 'write', sparseFlag: 'VIR_THING_SPARSE'");
    expect(remote).to.contain("THING_EVENT: event<remote_thing_event_msg>({ name: 'THING_EVENT', proc: 3, msg: remote_thing_event_msg }),");
    const qemu = out.get('qemu.ts')!;
    expect(qemu).to.contain("import { remote_nonnull_domain, remote_string } from './remote.js';");
    expect(qemu).to.contain("api: 'virDomainQemuPoke'").and.to.contain('writes: true').and.to.contain('errorDomain: VIR_FROM_NONE');
    expect(out.get('constants.ts')).to.contain('export const REMOTE_KIND_B = 2;').and.to.contain('export const VIR_UUID_BUFLEN = 16;');
    expect(out.get('virnet.ts')).to.contain('length: xdrHyper,');
  });

  it('refuses a name it cannot resolve and a struct that names no procedure', async () => {
    const { generate } = await load('generate-protocol.mjs');
    await writeFile(path.join(dir, 'qemu_protocol.x'), QEMU.replace('remote_string cmd', 'remote_unknown cmd'));
    expect(() => generate(dir)).to.throw(/unknown type remote_unknown/);
    await writeFile(path.join(dir, 'qemu_protocol.x'), `${QEMU}\nstruct qemu_domain_stray_args { int x; };`);
    expect(() => generate(dir)).to.throw(/structs that name no procedure: qemu_domain_stray_args/);
    await writeFile(path.join(dir, 'qemu_protocol.x'), QEMU);
  });
});
