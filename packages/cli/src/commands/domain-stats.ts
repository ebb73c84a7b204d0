import { DomainStatsTypes, GetAllDomainStatsFlags, MemoryStatTag, type Domain } from '@virtkit/core';
import { failedBeforeTheCall } from '../failure.js';
import type { CliCommand } from './command.js';

export const domblkstat: CliCommand = {
  name: 'domblkstat',
  summary: 'get device block stats for a domain',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').argument('[device]', 'block device').option('--human', 'print a more human readable output'),
  async run(s, [text, device = ''], o) {
    const d = await s.domain(text);
    const st = await d.blockStats(device);
    const fields: Array<[string, string, number]> = [
      ['rd_req', 'number of read operations:', st.rdReq], ['rd_bytes', 'number of bytes read:', st.rdBytes],
      ['wr_req', 'number of write operations:', st.wrReq], ['wr_bytes', 'number of bytes written:', st.wrBytes], ['errs', 'error count:', st.errs],
    ].filter(([, , v]) => (v as number) >= 0) as Array<[string, string, number]>;
    const text2 = o.human
      ? `Device: ${device}\n` + fields.map(([, label, v]) => ` ${label.padEnd(32)}${v}\n`).join('')
      : fields.map(([name, , v]) => `${device} ${name} ${v}\n`).join('');
    return { text: text2 + '\n', json: st };
  },
};

export const domifstat: CliCommand = {
  name: 'domifstat',
  summary: 'get network interface stats for a domain',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').argument('<interface>', 'interface device specified by name or MAC Address'),
  async run(s, [text, iface]) {
    const d = await s.domain(text);
    const st = await d.interfaceStats(iface);
    const fields: Array<[string, number]> = [
      ['rx_bytes', st.rxBytes], ['rx_packets', st.rxPackets], ['rx_errs', st.rxErrs], ['rx_drop', st.rxDrop],
      ['tx_bytes', st.txBytes], ['tx_packets', st.txPackets], ['tx_errs', st.txErrs], ['tx_drop', st.txDrop],
    ];
    return { text: fields.filter(([, v]) => v >= 0).map(([n, v]) => `${iface} ${n} ${v}\n`).join('') + '\n', json: st };
  },
};

/** virsh's names of the memory statistics, by tag. */
const MEMORY_STAT_NAMES: Record<MemoryStatTag, string> = {
  [MemoryStatTag.SWAP_IN]: 'swap_in', [MemoryStatTag.SWAP_OUT]: 'swap_out', [MemoryStatTag.MAJOR_FAULT]: 'major_fault', [MemoryStatTag.MINOR_FAULT]: 'minor_fault',
  [MemoryStatTag.UNUSED]: 'unused', [MemoryStatTag.AVAILABLE]: 'available', [MemoryStatTag.ACTUAL_BALLOON]: 'actual', [MemoryStatTag.RSS]: 'rss',
  [MemoryStatTag.USABLE]: 'usable', [MemoryStatTag.LAST_UPDATE]: 'last_update', [MemoryStatTag.DISK_CACHES]: 'disk_caches',
  [MemoryStatTag.HUGETLB_PGALLOC]: 'hugetlb_pgalloc', [MemoryStatTag.HUGETLB_PGFAIL]: 'hugetlb_pgfail',
};

export const dommemstat: CliCommand = {
  name: 'dommemstat',
  summary: 'get memory statistics for a domain',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').option('--period <number>', 'period in seconds to set collection')
    .option('--config', 'affect next boot').option('--live', 'affect running domain').option('--current', 'affect current domain'),
  async run(s, [text]) {
    const d = await s.domain(text);
    const stats = await d.memoryStats();
    return { text: stats.map((st) => `${MEMORY_STAT_NAMES[st.tag] ?? st.tag} ${st.val}\n`).join('') + '\n', json: stats.map((st) => ({ name: MEMORY_STAT_NAMES[st.tag], value: st.val })) };
  },
};

/** domstats' group options to DomainStatsTypes bits. */
const GROUPS: ReadonlyArray<[string, number]> = [
  ['state', DomainStatsTypes.STATE], ['cpuTotal', DomainStatsTypes.CPU_TOTAL], ['balloon', DomainStatsTypes.BALLOON], ['vcpu', DomainStatsTypes.VCPU],
  ['interface', DomainStatsTypes.INTERFACE], ['block', DomainStatsTypes.BLOCK], ['perf', DomainStatsTypes.PERF], ['iothread', DomainStatsTypes.IOTHREAD],
  ['memory', DomainStatsTypes.MEMORY], ['dirtyrate', DomainStatsTypes.DIRTYRATE], ['vm', DomainStatsTypes.VM],
];
const LISTS: ReadonlyArray<[string, number]> = [
  ['listActive', GetAllDomainStatsFlags.ACTIVE], ['listInactive', GetAllDomainStatsFlags.INACTIVE], ['listPersistent', GetAllDomainStatsFlags.PERSISTENT],
  ['listTransient', GetAllDomainStatsFlags.TRANSIENT], ['listRunning', GetAllDomainStatsFlags.RUNNING], ['listPaused', GetAllDomainStatsFlags.PAUSED],
  ['listShutoff', GetAllDomainStatsFlags.SHUTOFF], ['listOther', GetAllDomainStatsFlags.OTHER],
];

export const domstats: CliCommand = {
  name: 'domstats',
  summary: 'get statistics about one or multiple domains',
  configure: (c) => {
    c.argument('[domain...]', 'list of domains to get stats for');
    for (const name of ['state', 'cpu-total', 'balloon', 'vcpu', 'interface', 'block', 'perf', 'iothread', 'memory', 'dirtyrate', 'vm']) c.option(`--${name}`, `report domain ${name} statistics`);
    for (const name of ['active', 'inactive', 'persistent', 'transient', 'running', 'paused', 'shutoff', 'other']) c.option(`--list-${name}`, `list only ${name} domains`);
    c.option('--raw', 'do not pretty-print the fields').option('--enforce', 'enforce requested stats parameters').option('--backing', 'add backing chain information to block stats')
      .option('--nowait', 'report only stats that are accessible instantly');
  },
  async run(s, args, o) {
    const stats = GROUPS.reduce((acc, [opt, bit]) => (o[opt] ? acc | bit : acc), 0);
    let flags = LISTS.reduce((acc, [opt, bit]) => (o[opt] ? acc | bit : acc), 0);
    if (o.enforce) flags |= GetAllDomainStatsFlags.ENFORCE_STATS;
    if (o.backing) flags |= GetAllDomainStatsFlags.BACKING;
    if (o.nowait) flags |= GetAllDomainStatsFlags.NOWAIT;
    const names = (args.flat() as string[]);
    const conn = await s.connection();
    let domains: Domain[] | undefined;
    if (names.length > 0) {
      if (flags & ~(GetAllDomainStatsFlags.ENFORCE_STATS | GetAllDomainStatsFlags.BACKING | GetAllDomainStatsFlags.NOWAIT)) {
        throw failedBeforeTheCall(new Error('Filtering using --list-* and explicit domain list are mutually exclusive'));
      }
      domains = [];
      for (const n of names) domains.push(await s.domain(n));
    }
    const records = await conn.getAllDomainStats(stats, flags >>> 0, domains);
    const text = records.map((r) => `Domain: '${r.domain.name}'\n` + Object.entries(r.params).map(([k, v]) => `  ${k}=${String(v)}\n`).join('')).join('\n') + '\n';
    return { text, json: records.map((r) => ({ name: r.domain.name, params: r.params })) };
  },
};
