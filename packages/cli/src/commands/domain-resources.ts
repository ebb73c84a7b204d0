import { MemoryModFlags, VcpuFlags, scaledToBytes, type Domain } from '@virtkit/core';
import { failedBeforeTheCall, refusedByCli } from '../failure.js';
import type { CliCommand } from './command.js';
import type { CommandResult } from '../session.js';

const domainArg = (c: import('commander').Command) => c.argument('<domain>', 'domain name, id or uuid');
const impactOptions = (c: import('commander').Command) => c.option('--config', 'affect next boot').option('--live', 'affect running domain').option('--current', 'affect current domain');
const nothing: CommandResult = { text: '\n', json: {} };

/** virsh's scaled integers with KiB as the default unit ("1G", "512M", "1048576"), in KiB. */
function kibOf(text: string): number {
  const m = /^\s*(\d+)\s*([A-Za-z]*)\s*$/.exec(text);
  const invalid = () => refusedByCli(`Scaled numeric value '${text}' for <size> option is malformed or out of range`);
  if (!m) throw invalid();
  try {
    return Math.floor(scaledToBytes(m[1], m[2] || 'KiB', 'size') / 1024);
  } catch {
    throw invalid();
  }
}

/** --config/--live/--current as DomainModificationImpact bits; undefined when none was given (virsh then uses the flag-less API). */
function impactFlags(o: Record<string, unknown>): number | undefined {
  if (o.current) {
    if (o.live || o.config) throw refusedByCli(`Options --current and --${o.live ? 'live' : 'config'} are mutually exclusive`);
    return 0;
  }
  if (!o.live && !o.config) return undefined;
  return (o.live ? MemoryModFlags.LIVE : 0) | (o.config ? MemoryModFlags.CONFIG : 0);
}

export const setmem: CliCommand = {
  name: 'setmem',
  summary: 'change memory allocation',
  configure: (c) => impactOptions(domainArg(c).argument('<size>', 'new memory size, as scaled integer (default KiB)')),
  async run(s, [text, size], o) {
    const kib = kibOf(size);
    const flags = impactFlags(o);
    const d = await s.domain(text);
    await d.setMemoryFlags(kib, flags ?? 0);
    return nothing;
  },
};

export const setmaxmem: CliCommand = {
  name: 'setmaxmem',
  summary: 'change maximum memory limit',
  configure: (c) => impactOptions(domainArg(c).argument('<size>', 'new maximum memory size, as scaled integer (default KiB)')),
  async run(s, [text, size], o) {
    const kib = kibOf(size);
    const flags = impactFlags(o);
    const d = await s.domain(text);
    await (flags === undefined ? d.setMaxMemory(kib) : d.setMemoryFlags(kib, flags | MemoryModFlags.MAXIMUM));
    return nothing;
  },
};

export const setvcpus: CliCommand = {
  name: 'setvcpus',
  summary: 'change number of virtual CPUs',
  configure: (c) => impactOptions(domainArg(c).argument('<count>', 'number of virtual CPUs'))
    .option('--maximum', 'set maximum limit on next boot').option('--guest', 'modify cpu state in the guest').option('--hotpluggable', 'make added vcpus hot(un)pluggable'),
  async run(s, [text, countText], o) {
    const count = Number(countText);
    if (!/^\d+$/.test(countText)) throw refusedByCli(`Numeric value '${countText}' for <count> option is malformed or out of range`);
    if (count === 0) throw refusedByCli("Can't set 0 processors for a VM");
    if (o.maximum && !o.config) throw refusedByCli('Option --config is required by option --maximum');
    const impact = impactFlags(o);
    const extra = (o.maximum ? VcpuFlags.MAXIMUM : 0) | (o.guest ? VcpuFlags.GUEST : 0) | (o.hotpluggable ? VcpuFlags.HOTPLUGGABLE : 0);
    const d = await s.domain(text);
    await d.setVcpusFlags(count, impact === undefined && extra === 0 ? VcpuFlags.LIVE : (impact ?? 0) | extra);
    return nothing;
  },
};

/** One vcpucount row: "maximum      config         2". */
const row = (kind: string, where: string, n: number) => `${kind.padEnd(12)} ${where.padEnd(12)} ${String(n).padStart(3)}`;

export const vcpucount: CliCommand = {
  name: 'vcpucount',
  summary: 'domain vcpu counts',
  configure: (c) => domainArg(c).option('--maximum', 'get maximum count of vcpus').option('--active', 'get number of currently active vcpus')
    .option('--live', 'get value from running domain').option('--config', 'get value to be used on next boot').option('--current', 'get value according to current domain state')
    .option('--guest', 'retrieve vcpu count from the guest instead of the hypervisor'),
  async run(s, [text], o) {
    if (o.live && o.config) throw refusedByCli('Options --live and --config are mutually exclusive');
    if (o.maximum && o.active) throw refusedByCli('Options --maximum and --active are mutually exclusive');
    const d = await s.domain(text);
    const impact = (o.live ? VcpuFlags.LIVE : 0) | (o.config ? VcpuFlags.CONFIG : 0);
    if (o.guest) {
      try {
        return await single(d, VcpuFlags.GUEST | impact);
      } catch (e) {
        throw failedBeforeTheCall(e, 'Failed to retrieve vCPU count from the guest');
      }
    }
    if (o.maximum || o.active || o.current || o.live || o.config) return single(d, (o.maximum ? VcpuFlags.MAXIMUM : 0) | impact);
    const active = await d.isActive();
    const rows: Array<[string, string, number]> = [];
    for (const [kind, bit] of [['maximum', VcpuFlags.MAXIMUM], ['current', 0]] as const) {
      for (const [where, impact] of [['config', VcpuFlags.CONFIG], ['live', VcpuFlags.LIVE]] as const) {
        if (where === 'live' && !active) continue;
        rows.push([kind, where, await d.getVcpusFlags(bit | impact)]);
      }
    }
    return { text: rows.map((r) => row(...r)).join('\n') + '\n\n', json: rows.map(([kind, where, count]) => ({ kind, where, count })) };
  },
};

async function single(d: Domain, flags: number): Promise<CommandResult> {
  const n = await d.getVcpusFlags(flags);
  return { text: `${n}\n\n`, json: { count: n } };
}
