import { readFile, rename, writeFile, open } from 'node:fs/promises';
import { formatSexpr, parseSexprs, type Sexpr } from '@virtkit/driver-xen/sexpr';
import { bufferReader, decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import type { Guest } from './guest.js';
import type { HttpRequest, HttpResponse } from './http-server.js';
import { sendGuest } from './relocation.js';
import { ArgError, XendError, XendInvalidDomain, strerror } from './xend-errors.js';
import type { XendDomains } from './xend-domains.js';

export interface NodeFacts {
  hostname: string;
  relocationPort: number;
  nrCpus: number;
  cpuMhz: number;
}

type ParamType = 'str' | 'int' | 'bool' | 'sxpr';
type Params = Record<string, string | number | boolean | Sexpr>;

/**
 * How an op replies (SrvBase.perform and httpserver.ThreadRequest): a
 * synchronous op that fails gets a 500; an op that accepted the command
 * (202) or a threaded op keeps its status and carries `(xend.err …)`.
 */
interface OpSpec {
  params: Array<[string, ParamType]>;
  /** Status set before running: 202 for acceptCommand() ops. */
  accept?: boolean;
  /** Runs as a ThreadRequest: a failure keeps the status already set. */
  threaded?: boolean;
  run(p: Params, guest: Guest | undefined, key: string): Promise<HttpResponse | undefined> | HttpResponse | undefined;
}

const sxp = (status: number, value: Sexpr | undefined, reason?: string): HttpResponse => ({
  status, reason, headers: { 'Content-Type': 'application/sxp' }, body: value === undefined ? '' : formatSexpr(value),
});
const text = (status: number, body: string, reason?: string): HttpResponse => ({ status, reason, headers: { 'Content-Type': 'text/plain' }, body });

/** Args.FormFn: every listed parameter is required, unknown ones are ignored, values are coerced. */
function bindParams(spec: OpSpec, args: Map<string, string[]>): Params {
  const out: Params = {};
  for (const [name, type] of spec.params) {
    const v = args.get(name)?.[0];
    if (v === undefined) throw new ArgError(`Missing parameter: ${name}`);
    switch (type) {
      case 'int':
        if (!/^\s*[+-]?\d+\s*$/.test(v)) throw new ArgError(`Invalid value for ${name}: '${v}' is not an integer`);
        out[name] = Number(v);
        break;
      case 'bool':
        out[name] = ['on', 'yes', '1', 'true'].includes(v.toLowerCase());
        break;
      case 'sxpr': {
        let values: Sexpr[];
        try {
          values = parseSexprs(v);
        } catch (e) {
          throw new XendError(`Invalid configuration: ${(e as Error).message}`);
        }
        if (values.length === 0) throw new ArgError('Coercion to sxpr failed');
        if (values.length > 1) throw new ArgError('Too many sxprs');
        out[name] = values[0];
        break;
      }
      default:
        out[name] = v;
    }
  }
  return out;
}

async function writeAtomically(path: string, data: Buffer): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(tmp, data, { mode: 0o600 });
  const fh = await open(tmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

/** The resource tree /xend/node, /xend/domain and /xend/domain/<x> with the ops libvirt uses. */
export class XendServer {
  /** The ops of /xend/domain/<x> and of /xend/domain. */
  private readonly domainOps: Record<string, OpSpec>;
  private readonly dirOps: Record<string, OpSpec>;

  constructor(private readonly domains: XendDomains, private readonly node: NodeFacts) {
    this.domainOps = this.makeDomainOps();
    this.dirOps = this.makeDirOps();
  }

  private makeDomainOps(): Record<string, OpSpec> {
    const d = this.domains;
    return {
      pause: { params: [], run: (_p, g, key) => { d.pause(g!, key); return undefined; } },
      unpause: { params: [], run: (_p, g, key) => { d.unpause(g!, key); return undefined; } },
      destroy: { params: [], accept: true, run: (_p, g, key) => { d.destroy(g!, key); return undefined; } },
      shutdown: { params: [['reason', 'str']], accept: true, run: (p, g) => { d.shutdown(g!, p.reason as string); return undefined; } },
      delete: { params: [], accept: true, run: (_p, g, key) => { d.delete(g!, key); return undefined; } },
      start: { params: [], accept: true, run: (_p, g) => { d.start(g!); return undefined; } },
      wait_for_devices: { params: [], accept: true, run: () => undefined },
      mem_target_set: { params: [['target', 'int']], run: (p, g) => { d.setMemoryTarget(g!, p.target as number); return undefined; } },
      maxmem_set: { params: [['memory', 'int']], run: (p, g) => { d.setMemoryMaximum(g!, p.memory as number); return undefined; } },
      set_vcpus: { params: [['vcpus', 'int']], run: (p, g) => { d.setVcpus(g!, p.vcpus as number); return undefined; } },
      vcpuinfo: { params: [], run: (_p, g) => sxp(200, this.vcpuInfo(g!)) },
      save: {
        params: [['file', 'str']], accept: true, threaded: true,
        run: async (p, g, key) => {
          d.checkCanLeave(g!, key, 'save');
          try {
            await writeAtomically(p.file as string, encodeCheckpoint(g!.toSxpr(), { cpuTime: g!.cpuTime }));
          } catch (e) {
            throw new XendError(`can't write guest state file ${p.file}: ${strerror(e)}`);
          }
          d.left(g!);
          return undefined;
        },
      },
      migrate: {
        params: [['destination', 'str'], ['live', 'int'], ['port', 'int'], ['node', 'int'], ['ssl', 'int'], ['change_home_server', 'bool']],
        threaded: true,
        run: async (p, g, key) => this.migrate(g!, key, p),
      },
    };
  }

  private makeDirOps(): Record<string, OpSpec> {
    const d = this.domains;
    return {
      create: {
        params: [['config', 'sxpr']],
        run: (p) => {
          const g = d.create(p.config as Sexpr);
          return { ...sxp(201, g.toSxpr(), 'created'), headers: { 'Content-Type': 'application/sxp', Location: `/xend/domain/${encodeURIComponent(g.name)}` } };
        },
      },
      new: { params: [['config', 'sxpr']], run: (p) => { d.define(p.config as Sexpr); return undefined; } },
      restore: {
        params: [['file', 'str']], threaded: true,
        run: async (p) => {
          let data: Buffer;
          try {
            data = await readFile(p.file as string);
          } catch (e) {
            throw new XendError(`can't read guest state file ${p.file}: ${strerror(e)}`);
          }
          const cp = await decodeCheckpoint(bufferReader(data));
          d.restore(cp.config, cp.state, { relocating: false });
          // do_restore sets 201; the thread's return value never reaches the body.
          return sxp(201, undefined);
        },
      },
    };
  }

  private async migrate(g: Guest, key: string, p: Params): Promise<undefined> {
    const d = this.domains;
    d.checkCanLeave(g, key, 'migrate');
    const chs = p.change_home_server as boolean;
    if (chs && !g.managed) throw new XendError('Domain is not a managed domain');
    const port = (p.port as number) === 0 ? this.node.relocationPort : (p.port as number);
    const name = g.name;
    g.changeHomeServer = chs;
    const config = g.toSxpr();
    // While the stream is sent the source goes by migrating-<name>.
    g.name = `migrating-${name}`;
    try {
      await sendGuest(g, config, p.destination as string, port);
    } catch (e) {
      g.name = name;
      throw e;
    }
    g.name = name;
    d.left(g);
    return undefined;
  }

  private vcpuInfo(g: Guest): Sexpr {
    const vcpus: Sexpr[] = [];
    for (let i = 0; i < g.vcpus; i++) {
      const online = g.active && ((g.vcpuAvail >> BigInt(i)) & 1n) === 1n;
      vcpus.push(['vcpu', ['number', String(i)], ['online', online ? '1' : '0'], ['blocked', '0'], ['running', online ? '1' : '0'],
        ['cpu_time', online ? g.cpuTime.toFixed(9) : '0.0'], ['cpu', online ? String(i % this.node.nrCpus) : '-1'],
        ['cpumap', Array.from({ length: this.node.nrCpus }, (_, c) => String(c))]]);
    }
    return ['domain', ['domid', String(g.domid ?? -1)], ['name', g.name], ['vcpu_count', String(g.vcpus)], ...vcpus];
  }

  nodeSxpr(): Sexpr {
    const n = this.node;
    const total = this.domains.hostMemoryMib;
    const used = this.domains.all().filter((g) => g.active).reduce((a, g) => a + g.memory, 0);
    const s = (k: string, v: string | number): Sexpr[] => [k, String(v)];
    return ['node', s('system', 'Linux'), s('host', n.hostname), s('release', '3.2.0-4-amd64'), s('version', '#1 SMP Debian 3.2.65-1'),
      s('machine', 'x86_64'), s('nr_cpus', n.nrCpus), s('nr_nodes', 1), s('cores_per_socket', n.nrCpus), s('threads_per_core', 1),
      s('cpu_mhz', n.cpuMhz), s('hw_caps', '178bf3ff:efd3fbff:00000000:00001310:00802001:00000000:000037ff:00000000'),
      s('virt_caps', 'hvm hvm_directio'), s('total_memory', total), s('free_memory', Math.max(0, total - used)),
      s('free_cpus', 0), s('xen_major', 4), s('xen_minor', 1), s('xen_extra', '.6'),
      s('xen_caps', 'xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64'), s('xen_scheduler', 'credit'),
      s('xen_pagesize', 4096), s('platform_params', 'virt_start=0xffff800000000000'), s('xen_changeset', 'unavailable'),
      s('xen_commandline', 'placeholder'), s('cc_compiler', 'gcc version 4.7.2 (Debian 4.7.2-5)'), s('cc_compile_by', 'root'),
      s('cc_compile_domain', 'localdomain'), s('cc_compile_date', 'Tue Jan 1 00:00:00 UTC 2013'), s('xend_config_format', 4)];
  }

  async handle(req: HttpRequest): Promise<HttpResponse> {
    const segments = req.path.split('/').filter((s) => s !== '').map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    if (segments[0] !== 'xend') return text(404, `Not found: ${segments[0] ?? ''}`);
    if (segments.length === 1) return req.method === 'GET' ? sxp(200, ['ls', 'node', 'domain', 'vnet']) : this.notAllowed(req);
    if (segments[1] === 'node' && segments.length === 2) return req.method === 'GET' ? sxp(200, this.nodeSxpr()) : this.notAllowed(req);
    if (segments[1] !== 'domain') return text(404, `Not found: ${segments[1]}`);
    if (segments.length > 3) return text(404, `Not found: ${segments[3]}`);
    if (segments.length === 2) {
      if (req.method === 'GET') return this.listDomains(req.args);
      if (req.method === 'POST') return this.perform(req, this.dirOps, undefined);
      return this.notAllowed(req);
    }
    let guest: Guest;
    try {
      guest = this.domains.lookup(segments[2]);
    } catch (e) {
      if (e instanceof XendInvalidDomain) return text(404, e.message);
      throw e;
    }
    if (req.method === 'GET') {
      const op = req.args.get('op');
      if (op === undefined) return sxp(200, guest.toSxpr());
      if (op.length === 1 && op[0] === 'vcpuinfo') return sxp(200, this.vcpuInfo(guest));
      return text(501, `Operation not implemented: ${op.join(',')}`);
    }
    if (req.method === 'POST') return this.perform(req, this.domainOps, guest, segments[2]);
    return this.notAllowed(req);
  }

  private notAllowed(req: HttpRequest): HttpResponse {
    return { ...text(501, `Request method not supported (${req.method})`), headers: { 'Content-Type': 'text/plain', Accept: 'GET,POST' } };
  }

  /** SrvDomainDir.ls_domain: names, or full descriptions with detail=1; running only unless state= says otherwise. */
  private listDomains(args: Map<string, string[]>): HttpResponse {
    const state = args.get('state')?.[0] ?? 'running';
    const guests = this.domains.list(state);
    if (args.get('detail')?.[0] === '1') return sxp(200, guests.map((g) => g.toSxpr()));
    return sxp(200, guests.map((g) => g.name));
  }

  /** SrvBase.perform: exactly one op, a known op, bound parameters, then xend's status rules. */
  private async perform(req: HttpRequest, ops: Record<string, OpSpec>, guest: Guest | undefined, key = ''): Promise<HttpResponse> {
    const op = req.args.get('op');
    if (!op || op.length !== 1) return { status: 406, reason: 'Invalid request', body: '' };
    const spec = Object.prototype.hasOwnProperty.call(ops, op[0]) ? ops[op[0]] : undefined;
    if (!spec) return text(501, `Operation not implemented: ${op[0]}`);
    const status = spec.accept ? 202 : 200;
    const extra: Record<string, string> = spec.accept ? { Location: `${req.path}/..` } : {};
    try {
      const params = bindParams(spec, req.args);
      const res = await spec.run(params, guest, key);
      if (res) return res;
      return { ...sxp(status, undefined), headers: { 'Content-Type': 'application/sxp', ...extra } };
    } catch (e) {
      if (!(e instanceof XendError)) throw e;
      const body = formatSexpr(['xend.err', e.message]);
      if (spec.threaded) return { status, headers: { 'Content-Type': 'application/sxp' }, body };
      return { status: 500, reason: `Request failed: ${op[0]}`, headers: { 'Content-Type': 'application/sxp' }, body };
    }
  }
}
