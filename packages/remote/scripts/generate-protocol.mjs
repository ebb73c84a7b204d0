#!/usr/bin/env node
// Generates packages/remote/src/protocol/generated/ from libvirt's RPC definitions:
//
//   node packages/remote/scripts/generate-protocol.mjs DIR
//
// DIR holds virnetprotocol.x, remote_protocol.x and qemu_protocol.x (libvirt's src/rpc and
// src/remote). The .x files are read, never copied. Output: constants.ts (every const and enum
// member, and the few libvirt.h numbers the .x files use), virnet.ts, remote.ts and qemu.ts
// (every struct, union and typedef as a Codec built from src/xdr/codec.ts, and each program's
// procedure and event tables). check-protocol.mjs regenerates in memory and compares.
//
// Representation (one rule per XDR type, so the layout is never written by hand):
//   int, unsigned int, short, char (each a 4-byte unit, as rpcgen encodes them), enums -> number
//   hyper, unsigned hyper -> bigint (exact; callers convert where a number is wanted)
//   bool -> boolean; float, double -> number; string<N> -> string; opaque -> Uint8Array
//   char x[N] -> string cut at the first NUL; char x<N> -> Uint8Array (one byte per 4-byte unit)
//   T x[N], T x<N> -> T[]; T *x -> T | undefined
//   remote_uuid, virNetMessageUUID (opaque[16]) -> libvirt's UUID text (src/protocol/uuid.ts)
//   union U switch (D d) { case V: T f; } -> { d: V; f: T } | ...
//
// Procedure facts, from the annotations above each procedure's enum member:
//   writes: some unconditional @acl permission other than none, getattr, read and search_*
//     (a rule with a flag, `domain:read_secure:VIR_DOMAIN_XML_SECURE`, applies only with that
//     flag and does not count). This is the set libvirt's public API refuses on a read-only
//     connection (virCheckReadOnlyGoto): define/undefine (save), start, stop, write, migrate,
//     and the reads that reveal or move data (read_secure, data_read, block_read, mem_read,
//     screenshot, open_graphics, open_device). Measured against libvirtd 9.0's read-only socket
//     (every procedure it knows, called with zeroed arguments: scripts/probe-libvirtd.mjs), the
//     rule holds for all but the few in READ_ONLY_EXCEPTIONS, which follow libvirtd.
//   highPriority: @priority: high (libvirtd's priority workers may run it).
//   stream: @readstream (daemon to client) / @writestream (client to daemon), as libvirt names
//     the direction from the client's side; sparseFlag: @sparseflag.
//   api: libvirt's public API name, by gendispatch.pl's rule (words capitalised, its fixups:
//     Xml -> XML, Uuid -> UUID, ...); QEMU APIs put Qemu after the object (virDomainQemuAgentCommand).
//   errorDomain: the VIR_FROM_* of the libvirt source file that holds the API, which libvirtd's
//     "not supported by the connection driver" answer carries.
// A procedure whose number has a <prefix>_<name>_msg struct is an event MESSAGE, not a call.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnnotations, parseXdr } from './xdr-parser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const OUTPUT_DIR = path.resolve(here, '../src/protocol/generated');

/** Numbers the .x files take from libvirt's C headers (include/libvirt/*.h). */
const EXTERNAL = {
  VIR_UUID_BUFLEN: [16, 'libvirt-host.h'],
  VIR_SECURITY_MODEL_BUFLEN: [257, 'libvirt-host.h'],
  VIR_SECURITY_LABEL_BUFLEN: [4097, 'libvirt-host.h'],
  VIR_SECURITY_DOI_BUFLEN: [257, 'libvirt-host.h'],
  VIR_TYPED_PARAM_INT: [1, 'libvirt-common.h'],
  VIR_TYPED_PARAM_UINT: [2, 'libvirt-common.h'],
  VIR_TYPED_PARAM_LLONG: [3, 'libvirt-common.h'],
  VIR_TYPED_PARAM_ULLONG: [4, 'libvirt-common.h'],
  VIR_TYPED_PARAM_DOUBLE: [5, 'libvirt-common.h'],
  VIR_TYPED_PARAM_BOOLEAN: [6, 'libvirt-common.h'],
  VIR_TYPED_PARAM_STRING: [7, 'libvirt-common.h'],
  // virterror.h's virErrorDomain: the domains of libvirt's "not supported" answers (errorDomain below).
  VIR_FROM_NONE: [0, 'virterror.h'],
  VIR_FROM_STORAGE: [18, 'virterror.h'],
  VIR_FROM_NETWORK: [19, 'virterror.h'],
  VIR_FROM_DOMAIN: [20, 'virterror.h'],
  VIR_FROM_NODEDEV: [22, 'virterror.h'],
  VIR_FROM_INTERFACE: [26, 'virterror.h'],
  VIR_FROM_SECRET: [30, 'virterror.h'],
  VIR_FROM_NWFILTER: [33, 'virterror.h'],
  VIR_FROM_DOMAIN_SNAPSHOT: [35, 'virterror.h'],
  VIR_FROM_DOMAIN_CHECKPOINT: [69, 'virterror.h'],
};

/** Types carried in the application's form rather than XDR's (see the header). */
const OVERRIDES = {
  remote_uuid: { ts: 'string', codec: 'uuid', from: '../uuid.js' },
  virNetMessageUUID: { ts: 'string', codec: 'uuid', from: '../uuid.js' },
};

const PRIMITIVES = {
  int: ['number', 'xdrInt'],
  'unsigned int': ['number', 'xdrUint'],
  short: ['number', 'xdrInt'],
  'unsigned short': ['number', 'xdrUint'],
  char: ['number', 'xdrInt'],
  'unsigned char': ['number', 'xdrUint'],
  hyper: ['bigint', 'xdrHyper'],
  'unsigned hyper': ['bigint', 'xdrUhyper'],
  bool: ['boolean', 'xdrBool'],
  float: ['number', 'xdrFloat'],
  double: ['number', 'xdrDouble'],
};

const FILES = [
  { file: 'virnetprotocol.x', out: 'virnet.ts' },
  { file: 'remote_protocol.x', out: 'remote.ts', program: { prefix: 'remote', constPrefix: 'REMOTE', table: 'RemoteProcedures', events: 'RemoteEvents', programConst: 'REMOTE_PROGRAM', versionConst: 'REMOTE_PROTOCOL_VERSION' } },
  { file: 'qemu_protocol.x', out: 'qemu.ts', program: { prefix: 'qemu', constPrefix: 'QEMU', table: 'QemuProcedures', events: 'QemuEvents', programConst: 'QEMU_PROGRAM', versionConst: 'QEMU_PROTOCOL_VERSION' } },
];

/** gendispatch.pl's fixup_name, applied to each capitalised word, plus the acronyms of newer APIs (FD, SEV, SSH). */
function fixupWord(w) {
  return w
    .replace(/Nwfilter/, 'NWFilter').replace(/Xml$/, 'XML').replace(/Uri$/, 'URI').replace(/Uuid$/, 'UUID')
    .replace(/Id$/, 'ID').replace(/Mac$/, 'MAC').replace(/Cpu$/, 'CPU').replace(/Os$/, 'OS').replace(/Nmi$/, 'NMI')
    .replace(/Pm/, 'PM').replace(/Fstrim$/, 'FSTrim').replace(/Fsfreeze$/, 'FSFreeze').replace(/Fsthaw$/, 'FSThaw')
    .replace(/Fsinfo$/, 'FSInfo').replace(/Iothread$/, 'IOThread').replace(/Scsi/, 'SCSI').replace(/Wwn$/, 'WWN').replace(/Dhcp$/, 'DHCP')
    .replace(/^Fd$/, 'FD').replace(/^Sev$/, 'SEV').replace(/^Ssh$/, 'SSH');
}

function apiName(name, program) {
  const words = name.toLowerCase().split('_').map((w) => fixupWord(w[0].toUpperCase() + w.slice(1)));
  if (program === 'qemu') words.splice(words.indexOf('Domain') + 1, 0, 'Qemu');
  return 'vir' + words.join('');
}

/**
 * The VIR_FROM_* of the file holding the API (libvirt-domain.c, libvirt-network.c, ...), as
 * libvirtd 9.0 answers calls its test driver lacks; libvirt-qemu.c says VIR_FROM_NONE.
 */
function errorDomain(name, program) {
  if (program === 'qemu') return 'NONE';
  if (/^DOMAIN_SNAPSHOT_|^DOMAIN_LIST_ALL_SNAPSHOTS$|^DOMAIN_HAS_CURRENT_SNAPSHOT$|^DOMAIN_REVERT_TO_SNAPSHOT$/.test(name)) return 'DOMAIN_SNAPSHOT';
  if (/^DOMAIN_CHECKPOINT_|^DOMAIN_LIST_ALL_CHECKPOINTS$/.test(name)) return 'DOMAIN_CHECKPOINT';
  if (/^NWFILTER_|^CONNECT_.*NWFILTER/.test(name)) return 'NWFILTER';
  if (/^NETWORK_|^CONNECT_.*NETWORK/.test(name)) return 'NETWORK';
  if (/^STORAGE_|^CONNECT_.*STORAGE_POOL/.test(name)) return 'STORAGE';
  if (/^NODE_DEVICE_|^NODE_NUM_OF_DEVICES$|^NODE_LIST_DEVICES$|^CONNECT_.*NODE_DEVICE/.test(name)) return 'NODEDEV';
  if (/^INTERFACE_|^CONNECT_.*INTERFACE/.test(name)) return 'INTERFACE';
  if (/^SECRET_|^CONNECT_.*SECRET/.test(name)) return 'SECRET';
  // libvirt-domain.c, and libvirt-host.c (virConnect*, virNode*), which also says VIR_FROM_DOMAIN.
  return 'DOMAIN';
}

/**
 * Where libvirt's API refuses a read-only connection otherwise than its @acl says, as libvirtd
 * 9.0 answers on its read-only socket: a setter whose rule says domain:read, reads that libvirt
 * refuses anyway, and getters behind a migrate or write permission that it serves.
 */
const READ_ONLY_EXCEPTIONS = {
  remote: {
    DOMAIN_SET_SCHEDULER_PARAMETERS: true,
    NODE_GET_SEV_INFO: true,
    DOMAIN_GET_LAUNCH_SECURITY_INFO: true,
    NODE_DEVICE_GET_AUTOSTART: true,
    DOMAIN_MIGRATE_GET_COMPRESSION_CACHE: false,
    DOMAIN_MIGRATE_GET_MAX_DOWNTIME: false,
    CONNECT_SET_IDENTITY: false,
  },
  qemu: { CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER: false },
};

/** Whether the unconditional @acl rules ask for more than reading (see the header). */
function writes(acl, name, program) {
  const exception = READ_ONLY_EXCEPTIONS[program][name];
  if (exception !== undefined) return exception;
  return acl.some((rule) => {
    const [, perm, flag] = rule.split(':');
    if (rule === 'none' || flag !== undefined) return false;
    return !(perm === 'getattr' || perm === 'read' || perm.startsWith('search_'));
  });
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads and parses the three files; every name is known to one place. */
function load(dir) {
  const files = FILES.map((f) => {
    const text = fs.readFileSync(path.join(dir, f.file), 'utf8');
    return { ...f, text, defs: parseXdr(text, f.file) };
  });
  const consts = new Map(Object.entries(EXTERNAL).map(([k, [v]]) => [k, v]));
  const types = new Map();
  for (const f of files) {
    for (const d of f.defs) {
      if (d.kind === 'const') consts.set(d.name, d.value);
      if (d.kind === 'enum') {
        types.set(d.name, { def: d, file: f });
        for (const m of d.members) consts.set(m.name, m.value);
      }
      if (d.kind === 'struct' || d.kind === 'union') types.set(d.name, { def: d, file: f });
      if (d.kind === 'typedef') types.set(d.decl.name, { def: d, file: f });
    }
  }
  const resolve = (v) => {
    for (let i = 0; typeof v === 'string'; i++) {
      if (!consts.has(v) || i > 10) throw new Error(`unknown constant ${v}`);
      v = consts.get(v);
    }
    return v;
  };
  return { files, consts, types, resolve };
}

/** Emits the TypeScript of one file's types. */
class Emitter {
  constructor(ctx, file) {
    this.ctx = ctx;
    this.file = file;
    this.imports = new Map();
    this.codecImports = new Set(['type Codec']);
    this.constImports = new Set();
  }

  useConst(name) {
    if (typeof name === 'number') return String(name);
    this.ctx.resolve(name);
    this.constImports.add(name);
    return name;
  }

  useType(name) {
    const t = this.ctx.types.get(name);
    if (!t) throw new Error(`${this.file.file}: unknown type ${name}`);
    if (t.def.kind === 'enum') return 'number';
    if (t.file !== this.file) this.addImport(`./${t.file.out.replace(/\.ts$/, '.js')}`, name);
    return name;
  }

  addImport(from, name) {
    if (!this.imports.has(from)) this.imports.set(from, new Set());
    this.imports.get(from).add(name);
  }

  /** [TypeScript type, codec expression] of a base type. */
  base(type) {
    if (PRIMITIVES[type]) {
      this.codecImports.add(PRIMITIVES[type][1]);
      return PRIMITIVES[type];
    }
    const t = this.ctx.types.get(type);
    if (t && t.def.kind === 'enum') {
      this.codecImports.add('xdrInt');
      return ['number', 'xdrInt'];
    }
    const name = this.useType(type);
    return [name, name];
  }

  codec(fn) {
    this.codecImports.add(fn);
    return fn;
  }

  /** [TypeScript type, codec expression] of a declaration. */
  decl(d) {
    if (d.type === 'string') {
      const max = d.size === undefined ? '0xffffffff' : this.useConst(d.size);
      return ['string', `${this.codec('xdrString')}(${max})`];
    }
    if (d.type === 'opaque') {
      if (d.array === 'fixed') return ['Uint8Array', `${this.codec('xdrFixedOpaque')}(${this.useConst(d.size)})`];
      return ['Uint8Array', `${this.codec('xdrOpaque')}(${d.size === undefined ? '0xffffffff' : this.useConst(d.size)})`];
    }
    if ((d.type === 'char' || d.type === 'unsigned char') && d.array) {
      if (d.array === 'fixed') return ['string', `${this.codec('xdrCharArray')}(${this.useConst(d.size)})`];
      return ['Uint8Array', `${this.codec('xdrCharBytes')}(${d.size === undefined ? '0xffffffff' : this.useConst(d.size)})`];
    }
    const [ts, codec] = this.base(d.type);
    if (d.optional) return [`${ts} | undefined`, `${this.codec('xdrOptional')}(${codec})`];
    if (d.array === 'fixed') return [`${ts}[]`, `${this.codec('xdrFixedArray')}(${codec}, ${this.useConst(d.size)})`];
    if (d.array === 'variable') return [`${ts}[]`, `${this.codec('xdrArray')}(${codec}, ${d.size === undefined ? '0xffffffff' : this.useConst(d.size)}, '${d.name}')`];
    return [ts, codec];
  }

  /** The names a definition's codec refers to in this file (for the order of emission). */
  deps(def) {
    const decls = def.kind === 'struct' ? def.fields : def.kind === 'union' ? [def.discriminant, ...def.arms.map((a) => a.decl), def.defaultArm].filter((d) => d && !d.void) : def.kind === 'typedef' ? [def.decl] : [];
    return decls.map((d) => d.type).filter((t) => {
      const x = this.ctx.types.get(t);
      return x && x.file === this.file && x.def.kind !== 'enum';
    });
  }

  definition(def) {
    if (def.kind === 'typedef') {
      const name = def.decl.name;
      const o = OVERRIDES[name];
      if (o) {
        this.addImport(o.from, o.codec);
        return `/** ${name}: carried as ${o.ts} (${o.codec}). */\nexport type ${name} = ${o.ts};\nexport const ${name}: Codec<${name}> = ${o.codec};\n`;
      }
      const [ts, codec] = this.decl(def.decl);
      return `export type ${name} = ${ts};\nexport const ${name}: Codec<${name}> = ${codec};\n`;
    }
    if (def.kind === 'struct') {
      const fields = def.fields.map((f) => [f.name, ...this.decl(f)]);
      return `export interface ${def.name} {\n${fields.map(([n, ts]) => `  ${n}: ${ts};`).join('\n')}\n}\n`
        + `export const ${def.name}: Codec<${def.name}> = ${this.codec('xdrStruct')}<${def.name}>({\n${fields.map(([n, , c]) => `  ${n}: ${c},`).join('\n')}\n});\n`;
    }
    if (def.kind === 'union') {
      const disc = def.discriminant;
      const [, discCodec] = this.decl({ ...disc, name: disc.name });
      const variants = [];
      const arms = [];
      for (const arm of def.arms) {
        for (const c of arm.cases) {
          const v = this.ctx.resolve(c);
          if (arm.decl.void) {
            variants.push(`{ ${disc.name}: ${v} }`);
            arms.push(`  ${v}: undefined,`);
          } else {
            const [ts, codec] = this.decl(arm.decl);
            variants.push(`{ ${disc.name}: ${v}; ${arm.decl.name}: ${ts} }`);
            arms.push(`  ${v}: ['${arm.decl.name}', ${codec}],`);
          }
        }
      }
      let dflt = '';
      if (def.defaultArm) {
        if (def.defaultArm.void) {
          variants.push(`{ ${disc.name}: number }`);
          dflt = ', { arm: undefined }';
        } else {
          const [ts, codec] = this.decl(def.defaultArm);
          variants.push(`{ ${disc.name}: number; ${def.defaultArm.name}: ${ts} }`);
          dflt = `, { arm: ['${def.defaultArm.name}', ${codec}] }`;
        }
      }
      return `export type ${def.name} =\n${variants.map((v) => `  | ${v}`).join('\n')};\n`
        + `export const ${def.name}: Codec<${def.name}> = ${this.codec('xdrUnion')}<${def.name}>('${def.name}', '${disc.name}', ${discCodec}, {\n${arms.join('\n')}\n}${def.defaultArm ? dflt : ''});\n`;
    }
    return '';
  }
}

function header(ctx, what) {
  const inputs = ctx.files.map((f) => `//   ${f.file} sha256 ${sha256(f.text)}`).join('\n');
  return `// Generated from libvirt's RPC definitions by packages/remote/scripts/generate-protocol.mjs: ${what}.\n`
    + '// Do not edit. Regenerate with `npm run generate:protocol -- DIR` and check with\n'
    + '// `npm run check:protocol -- DIR`, DIR holding the .x files read:\n'
    + `${inputs}\n`;
}

/** An import line, one name a line when the names do not fit one. */
function importLine(names, from) {
  const one = `import { ${names.join(', ')} } from '${from}';`;
  return one.length <= 120 ? one : `import {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${from}';`;
}

function importLines(e, extra = []) {
  const lines = [...extra];
  lines.push(importLine([...e.codecImports].sort(), '../../xdr/codec.js'));
  if (e.constImports.size > 0) lines.push(importLine([...e.constImports].sort(), './constants.js'));
  for (const [from, names] of [...e.imports].sort(([a], [b]) => a.localeCompare(b))) lines.push(importLine([...names].sort(), from));
  return lines.join('\n') + '\n';
}

function constantsFile(ctx) {
  const out = [header(ctx, 'every constant and enum member'), ''];
  out.push('// From libvirt\'s C headers: the .x files use these names without defining them.');
  for (const [name, [value, from]] of Object.entries(EXTERNAL)) out.push(`/** ${from} */\nexport const ${name} = ${value};`);
  for (const f of ctx.files) {
    out.push('', `// ${f.file}`);
    for (const d of f.defs) {
      if (d.kind === 'const') out.push(`export const ${d.name} = ${typeof d.value === 'number' ? (d.value > 0xffff ? `0x${d.value.toString(16)}` : d.value) : d.value};`);
      if (d.kind === 'enum' && !/_procedure$/.test(d.name)) {
        out.push(`/** enum ${d.name} */`);
        for (const m of d.members) out.push(`export const ${m.name} = ${typeof m.value === 'number' ? m.value : m.value};`);
      }
    }
  }
  return out.join('\n') + '\n';
}

/** The procedures and events of a program file. */
function programTables(ctx, f, e) {
  const p = f.program;
  const procEnum = f.defs.find((d) => d.kind === 'enum' && d.name === `${p.prefix}_procedure`);
  if (!procEnum) throw new Error(`${f.file}: no enum ${p.prefix}_procedure`);
  const calls = [];
  const events = [];
  const used = new Set();
  for (const m of procEnum.members) {
    const name = m.name.slice(`${p.constPrefix}_PROC_`.length);
    const stem = `${p.prefix}_${name.toLowerCase()}`;
    const has = (suffix) => {
      const t = ctx.types.get(`${stem}_${suffix}`);
      if (t && t.file === f) used.add(`${stem}_${suffix}`);
      return t && t.file === f ? `${stem}_${suffix}` : undefined;
    };
    const num = ctx.resolve(m.value);
    const ann = parseAnnotations(m.doc);
    const msg = has('msg');
    if (msg) {
      events.push(`  ${name}: event<${e.useType(msg)}>({ name: '${name}', proc: ${num}, msg: ${msg} }),`);
      continue;
    }
    const args = has('args');
    const ret = has('ret');
    if (!args || !ret) e.codec('xdrVoid');
    const acl = ann.acl ?? [];
    const fields = [
      `name: '${name}'`, `proc: ${num}`, `api: '${apiName(name, p.prefix)}'`,
      `args: ${args ? e.useType(args) : 'xdrVoid'}`, `ret: ${ret ? e.useType(ret) : 'xdrVoid'}`,
      `writes: ${writes(acl, name, p.prefix)}`, `highPriority: ${(ann.priority ?? []).includes('high')}`,
    ];
    if (ann.readstream) fields.push(`stream: 'read'`);
    if (ann.writestream) fields.push(`stream: 'write'`);
    if (ann.sparseflag) fields.push(`sparseFlag: '${ann.sparseflag[0]}'`);
    fields.push(`acl: [${acl.map((a) => `'${a}'`).join(', ')}]`, `errorDomain: ${e.useConst(`VIR_FROM_${errorDomain(name, p.prefix)}`)}`);
    calls.push(`  ${name}: call<${args ?? 'void'}, ${ret ?? 'void'}>({ ${fields.join(', ')} }),`);
  }
  const stray = f.defs.filter((d) => d.kind === 'struct' && /_(args|ret|msg)$/.test(d.name) && !used.has(d.name) && d.name.startsWith(`${p.prefix}_`));
  if (stray.length > 0) throw new Error(`${f.file}: structs that name no procedure: ${stray.map((d) => d.name).join(', ')}`);
  e.constImports.add(p.programConst);
  e.constImports.add(p.versionConst);
  return [
    `/** The calls of program ${p.programConst}, by libvirt's procedure name without ${p.constPrefix}_PROC_. */`,
    `export const ${p.table} = {\n${calls.join('\n')}\n} as const;`,
    '',
    `/** The MESSAGE procedures (events) the server sends on program ${p.programConst}. */`,
    `export const ${p.events} = {\n${events.join('\n')}\n} as const;`,
    '',
    `/** Program ${p.programConst}: its number, version, calls and events. */`,
    `export const ${p.table.replace('Procedures', 'Program')} = program(${p.programConst}, ${p.versionConst}, ${p.table}, ${p.events});`,
    '',
  ].join('\n');
}

function typesFile(ctx, f) {
  const e = new Emitter(ctx, f);
  // Codecs in dependency order, so none is read before it is defined.
  const defs = f.defs.filter((d) => d.kind === 'struct' || d.kind === 'union' || d.kind === 'typedef');
  const byName = new Map(defs.map((d) => [d.kind === 'typedef' ? d.decl.name : d.name, d]));
  const done = new Set();
  const body = [];
  const visit = (name, stack = []) => {
    if (done.has(name)) return;
    if (stack.includes(name)) throw new Error(`${f.file}: recursive type ${[...stack, name].join(' -> ')}`);
    const d = byName.get(name);
    for (const dep of e.deps(d)) visit(dep, [...stack, name]);
    done.add(name);
    body.push(e.definition(d));
  };
  for (const name of byName.keys()) visit(name);
  let tables = '';
  const extra = [];
  if (f.program) {
    tables = programTables(ctx, f, e);
    extra.push("import { call, event, program } from '../procedure.js';");
  }
  return `${header(ctx, `the types of ${f.file}${f.program ? ' and its procedures' : ''}`)}${importLines(e, extra)}\n${body.join('\n')}\n${tables}`;
}

/** Every generated file, by its name under OUTPUT_DIR. */
export function generate(dir) {
  const ctx = load(dir);
  const out = new Map();
  out.set('constants.ts', constantsFile(ctx));
  for (const f of ctx.files) out.set(f.out, typesFile(ctx, f));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: generate-protocol.mjs DIR   (DIR holds virnetprotocol.x, remote_protocol.x, qemu_protocol.x)');
    process.exit(2);
  }
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const [name, text] of generate(dir)) fs.writeFileSync(path.join(OUTPUT_DIR, name), text);
  console.log(`wrote ${[...generate(dir).keys()].join(', ')} to ${path.relative(process.cwd(), OUTPUT_DIR) || OUTPUT_DIR}`);
}
