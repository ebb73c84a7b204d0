import { DomainModificationImpact, ErrorCode, ErrorDomain, VirtError, type TypedParams } from '@virtkit/core';
import { refusedByCli } from '../failure.js';
import type { CliCommand } from './command.js';

/** virsh's "name           : value" lines. */
const line = (name: string, value: unknown) => `${name.padEnd(15)}: ${String(value)}\n`;

/** The value of `--set field=value` typed like the parameter the driver reported (virTypedParameterAssignFromStr). */
function typedValue(field: string, text: string, like: TypedParams[string]): TypedParams[string] {
  if (typeof like === 'string') return text;
  if (typeof like === 'boolean') return text === '1' || text.toLowerCase() === 'yes' || text.toLowerCase() === 'true';
  if (!/^\d+$/.test(text)) throw new VirtError({ code: ErrorCode.INVALID_ARG, domain: ErrorDomain.NONE, message: `invalid argument: Invalid value for field '${field}': expected unsigned int` });
  return typeof like === 'bigint' ? BigInt(text) : Number(text);
}

export const schedinfo: CliCommand = {
  name: 'schedinfo',
  summary: 'show/set scheduler parameters',
  configure: (c) => c.argument('<domain>', 'domain name, id or uuid').option('--weight <number>', 'weight for XEN_CREDIT').option('--cap <number>', 'cap for XEN_CREDIT')
    .option('--current', 'get/set current scheduler info').option('--config', 'get/set value to be used on next boot').option('--live', 'get/set value from running domain')
    .option('--set <string>', 'parameter=value', (v: string, prev: string[] = []) => [...prev, v]),
  async run(s, [text], o) {
    if (o.current && (o.live || o.config)) throw refusedByCli(`Options --current and --${o.live ? 'live' : 'config'} are mutually exclusive`);
    const flags = o.current || o.live || o.config ? (o.live ? DomainModificationImpact.LIVE : 0) | (o.config ? DomainModificationImpact.CONFIG : 0) : undefined;
    const d = await s.domain(text);
    const { type } = await d.getSchedulerType();
    // virsh prints the scheduler before asking for its parameters, so a failure below follows this line.
    if (!s.json) s.io.out(line('Scheduler', type));
    let params = await d.getSchedulerParameters(flags);
    const wanted: Array<[string, string]> = [...((o.set as string[] | undefined) ?? []).map((kv) => {
      const i = kv.indexOf('=');
      return [i < 0 ? kv : kv.slice(0, i), i < 0 ? '' : kv.slice(i + 1)] as [string, string];
    })];
    if (o.weight !== undefined) wanted.push(['weight', o.weight as string]);
    if (o.cap !== undefined) wanted.push(['cap', o.cap as string]);
    if (wanted.length > 0) {
      const update: TypedParams = {};
      for (const [field, value] of wanted) {
        if (!(field in params)) throw refusedByCli(`invalid scheduler option: ${field}`);
        update[field] = typedValue(field, value, params[field]);
      }
      await d.setSchedulerParameters(update, flags ?? 0);
      params = await d.getSchedulerParameters(flags);
    }
    return { text: Object.entries(params).map(([k, v]) => line(k, v)).join('') + '\n', json: { scheduler: type, params } };
  },
};
