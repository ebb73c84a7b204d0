import type { XmlElement } from '@virtkit/core';
import { parseOptionString } from './qemu-option.js';
import { bad, leaf } from './native-parse.js';
import type { NativeState, OptionReader } from './native-state.js';

/**
 * The options of the machine as a whole read back: its name and UUID,
 * machine type, firmware and kernel boot, clock, -global properties and the
 * options that carry no XML (platform-args.ts, firmware.ts and
 * command-line.ts write them).
 */

const ignored: OptionReader = () => {};
const ignoredValue: OptionReader = (_st, value) => { value(); };

export const MACHINE_OPTIONS: Readonly<Record<string, OptionReader>> = {
  '-name': ({ def }, value) => {
    const { head, opts } = parseOptionString(value());
    def.name = opts.get('guest') ?? head ?? bad('-name without guest=');
  },
  '-uuid': ({ def }, value) => { def.uuid = value(); },
  '-S': ignored, '-no-user-config': ignored, '-nodefaults': ignored, '-no-shutdown': ignored,
  '-display': ignoredValue,
  '-incoming': ignoredValue,
  '-mon': (st, value) => { value(); st.afterMon = true; },
  '-no-reboot': (st) => { st.noReboot = true; },
  '-machine': (st, value) => {
    const { head, opts } = parseOptionString(value());
    st.def.os.machine = head ?? bad('-machine without a type');
    if (opts.has('vmport')) st.features.add(`vmport=${opts.get('vmport')}`);
    if (opts.has('i8042')) st.features.add(`ps2=${opts.get('i8042')}`);
    if (opts.has('smm')) st.features.add(`smm=${opts.get('smm')}`);
    if (opts.get('dump-guest-core') === 'on') st.def.memory.extras = { attrs: { dumpCore: 'on' }, children: [] };
    if (opts.get('mem-merge') === 'off') st.backing.push(leaf('nosharepages'));
    if (opts.has('pcspk-audiodev')) st.pcspk = true;
    if (opts.has('pflash0')) st.pflash.push(opts.get('pflash0')!);
    if (opts.has('pflash1')) st.pflash.push(opts.get('pflash1')!);
  },
  '-accel': (st, value) => {
    const { head, opts } = parseOptionString(value());
    if (head === 'kvm') st.def.type = 'kvm';
    if (opts.has('tb-size')) {
      st.features.add('tcg');
      st.featureChildren.set('tcg', [{ kind: 'element', name: 'tb-cache', attrs: { unit: 'MiB' }, children: [{ kind: 'text', text: opts.get('tb-size')! }] }]);
    }
  },
  '-bios': ({ def }, value) => { def.os.loader = { path: value(), type: 'rom' }; },
  '-boot': ({ def }, value) => {
    const { opts } = parseOptionString(value());
    if (opts.has('menu')) def.os.bootmenu = { enable: opts.get('menu') === 'on' ? 'yes' : 'no' };
    if (opts.has('splash-time') && def.os.bootmenu) def.os.bootmenu.timeout = Number(opts.get('splash-time'));
  },
  '-acpitable': ({ def }, value) => {
    const { opts } = parseOptionString(value());
    const sig = opts.get('sig');
    const type = sig === undefined ? 'raw' : sig === 'SLIC' ? 'slic' : sig === 'MSDM' ? 'msdm' : bad(`-acpitable sig=${sig} is not understood`);
    const table: XmlElement = { kind: 'element', name: 'table', attrs: { type }, children: [{ kind: 'text', text: opts.get('file') ?? bad('-acpitable without file') }] };
    def.os.extras ??= { attrs: {}, children: [] };
    const acpi = def.os.extras.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'acpi');
    if (acpi) acpi.children.push(table);
    else def.os.extras.children.push({ after: 'boot', node: { kind: 'element', name: 'acpi', attrs: {}, children: [table] } });
  },
  '-kernel': ({ def }, value) => { def.os.kernel = value(); },
  '-initrd': ({ def }, value) => { def.os.initrd = value(); },
  '-append': ({ def }, value) => { def.os.cmdline = value(); },
  '-rtc': (st, value) => {
    const { opts } = parseOptionString(value());
    const base = opts.get('base') ?? 'utc';
    // A date is <clock offset='absolute' start> in seconds since the epoch.
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(base)) st.def.clock = { offset: 'absolute', timers: [], extras: { attrs: { start: String(Date.parse(`${base}Z`) / 1000) }, children: [] } };
    else st.def.clock = { offset: base, timers: [] };
    if (opts.get('driftfix') === 'slew') st.timers.push({ name: 'rtc', tickpolicy: 'catchup' });
  },
  '-no-hpet': (st) => { st.timers.push({ name: 'hpet', present: 'no' }); },
  '-no-acpi': (st) => { st.features.delete('acpi'); },
  '-global': (st, value) => {
    const g = value();
    const pit = /^kvm-pit\.lost_tick_policy=(\w+)$/.exec(g);
    const pm = /^(?:PIIX4_PM|ICH9-LPC)\.disable_(s3|s4)=(\d)$/.exec(g);
    const fdcBoot = /^isa-fdc\.bootindex([AB])=(\d+)$/.exec(g);
    const tseg = /^mch\.extended-tseg-mbytes=(\d+)$/.exec(g);
    if (tseg) st.featureChildren.set('smm', [{ kind: 'element', name: 'tseg', attrs: { unit: 'MiB' }, children: [{ kind: 'text', text: tseg[1] }] }]);
    if (tseg) return;
    const hole = /^(i440FX|q35)-pcihost\.pci-hole64-size=(\d+)K$/.exec(g);
    if (hole) {
      const pcihole64: XmlElement = { kind: 'element', name: 'pcihole64', attrs: { unit: 'KiB' }, children: [{ kind: 'text', text: hole[2] }] };
      st.def.devices.controllers.push({ type: 'pci', index: 0, model: hole[1] === 'q35' ? 'pcie-root' : 'pci-root', extras: { attrs: {}, children: [{ after: null, node: pcihole64 }] } });
    } else if (fdcBoot) st.floppyBoot.set(fdcBoot[1] === 'B' ? 1 : 0, Number(fdcBoot[2]));
    else if (g === 'driver=cfi.pflash01,property=secure,value=on') st.secureFlash = true;
    else if (g === 'ICH9-LPC.noreboot=off') st.def.devices.watchdogs.push({ model: 'itco' });
    else if (pit) st.timers.push({ name: 'pit', tickpolicy: pit[1] });
    else if (pm) st.pmGlobals.push([pm[1] === 's3' ? 'suspend-to-mem' : 'suspend-to-disk', pm[2] === '1' ? 'no' : 'yes']);
    else bad(`-global ${g} is not understood`);
  },
  '-watchdog-action': ({ def }, value) => {
    const action = value();
    for (const w of def.devices.watchdogs) w.action = action;
  },
};

/** <clock><timer>s from -cpu kvmclock, -rtc driftfix, -global kvm-pit and -no-hpet. */
export function assembleTimers({ def, timers }: NativeState): void {
  if (timers.length > 0) {
    def.clock ??= { offset: 'utc', timers: [] };
    def.clock.timers = timers.map((attrs) => ({ kind: 'element' as const, name: 'timer', attrs, children: [] }));
  }
}
