import type { DomainDef } from '@virtkit/core';
import { json, pciProps, rejectExtras } from './argv-parts.js';
import type { MachineFamily } from './canonicalize.js';
import { unsupportedConfig } from './errors.js';

// The command line of <watchdog>: i6300esb (PCI), ib700 (ISA), itco (q35's ICH9 TCO timer), then -watchdog-action.

/** <watchdog action> values QEMU's -watchdog-action takes as they are. */
const ACTIONS = ['reset', 'shutdown', 'poweroff', 'pause', 'none', 'inject-nmi'];

export function watchdogArgs(def: DomainDef, family: MachineFamily): string[] {
  const out: string[] = [];
  let action: string | undefined;
  def.devices.watchdogs.forEach((w, i) => {
    const el = `domain/devices/watchdog[${i + 1}]`;
    rejectExtras(w.extras, el, []);
    const a = w.action ?? 'reset';
    if (a === 'dump') throw unsupportedConfig(`${el}/@action`, "action 'dump' is not supported (it needs libvirt's auto-dump directory)");
    if (!ACTIONS.includes(a)) throw unsupportedConfig(`${el}/@action`, `action '${a}' is not supported (${ACTIONS.join(', ')})`);
    if (action !== undefined && action !== a) throw unsupportedConfig(`${el}/@action`, 'every watchdog must have the same action');
    action = a;
    if (w.model === 'i6300esb') out.push('-device', json({ driver: 'i6300esb', id: `watchdog${i}`, ...pciProps(w.address, el, def) }));
    else if (w.model === 'ib700') {
      if (w.address) throw unsupportedConfig(`${el}/address`, 'an ib700 watchdog is an ISA device and takes no address');
      out.push('-device', json({ driver: 'ib700', id: `watchdog${i}` }));
    } else if (w.model === 'itco') {
      if (family !== 'q35') throw unsupportedConfig(`${el}/@model`, "the 'itco' watchdog is part of q35's ICH9 chipset");
      out.push('-global', 'ICH9-LPC.noreboot=off');
    } else throw unsupportedConfig(`${el}/@model`, `watchdog model '${w.model}' is not supported on x86 (i6300esb, ib700, itco)`);
  });
  if (action !== undefined) out.push('-watchdog-action', action);
  return out;
}
