import { memoryToKiB, type DomainDef, type XmlElement } from '@virtkit/core';
import { esc, json, pciProps, rejectExtras, type Json } from './argv-parts.js';
import { canonicalizeDomain, machineFamily, type MachineFamily } from './canonicalize.js';
import { unsupportedConfig } from './errors.js';
import type { QemuCaps } from './qemu-caps.js';
import { checkOptionText } from './qemu-option.js';
import { diskArgs } from './storage-args.js';
import { controllerArgs } from './controller-args.js';
import { hubArgs } from './usb-args.js';
import { redirdevArgs } from './redirdev-args.js';
import { smartcardArgs } from './smartcard-args.js';
import { cryptoArgs } from './crypto-args.js';
import { netArgs } from './net-args.js';
import path from 'node:path';
import { channelArgs, consoleArgs, parallelArgs, serialArgs, unpathedChannelArgs } from './chardev-args.js';
import { watchdogArgs } from './watchdog-args.js';
import { affinityPrefix } from './host-affinity.js';
import { firmwareArgs, needsNvramFile, nvramBlockdev } from './firmware.js';
import { graphicsArgs, inputArgs, videoArgs } from './display-args.js';
import { audioArgs } from './audio-args.js';
import { memoryArgs } from './memory-args.js';
import { cpuArg } from './cpu-args.js';
import { filesystemArgs } from './filesystem-args.js';
import { pcspkProps, soundArgs } from './sound-args.js';
import { genidArgs, panicArgs } from './platform-args.js';
import { rngArgs, virtioOptions } from './rng-args.js';
import { isNamespaced, passthroughArgs } from './passthrough-args.js';
import { iothreadArgs } from './iothread-args.js';
import { accelArgs } from './accel-args.js';
import { acpiTableArgs } from './acpi-table-args.js';
import { checkHostResources } from './host-resources.js';
import { sysinfoArgs } from './sysinfo-args.js';
import { tpmArgs, tpmHostArgs } from './tpm-args.js';
import { checkSecurityLabels } from './security-labels.js';

/**
 * Host-local parts of the command line: they may differ between a
 * migration's source and destination and never come from the domain XML.
 */
export interface QemuHostConfig {
  /** The QMP socket QEMU listens on. */
  monitorPath: string;
  /** The guest's UEFI varstore when its <nvram> has no path (made from the template before QEMU starts). */
  nvramPath?: string;
  /** Where a unix <channel> without a source path listens; default: the monitor socket's directory. */
  channelDir?: string;
  /** -incoming: 'defer' (then migrate-incoming over QMP) or a migration URI. */
  incoming?: string;
  /** The control socket of the swtpm the host runs for an emulated <tpm> (tpm-args.ts). */
  tpmSocket?: string;
}

/**
 * The QEMU 7.2+ command line for a domain, in modern syntax (JSON -device,
 * -blockdev, -netdev, -object), in libvirt's emission order. Pure: the
 * definition is canonicalized first (versioned machine, PCI slots, MACs),
 * so the guest-ABI part depends only on the XML and the binary's machine
 * list; `host` adds the monitor socket, -accel and -incoming at the end.
 * Configuration it cannot express is a CONFIG_UNSUPPORTED VirtError naming
 * the element. argv[0] is the emulator.
 */
export function buildQemuArgv(input: DomainDef, caps: QemuCaps, host: QemuHostConfig): string[] {
  return canonicalQemuArgv(canonicalizeDomain(input, caps), caps, host);
}

/** buildQemuArgv for a definition canonicalizeDomain has already seen; `abi`: its guestAbiArgs, when already built. */
export function canonicalQemuArgv(def: DomainDef, caps: QemuCaps, host: QemuHostConfig, abi: readonly string[] = guestAbiArgs(def, caps)): string[] {
  return [def.devices.emulator ?? caps.binary, ...abi, ...hostLocalArgs(def, caps, host)];
}

/**
 * -accel, the monitor and -incoming. <domain type='qemu'> is TCG as in
 * libvirt; type='kvm' uses KVM when the host has a usable /dev/kvm, else TCG.
 */
export function hostLocalArgs(def: DomainDef, caps: QemuCaps, host: QemuHostConfig): string[] {
  checkOptionText(host.monitorPath, 'the monitor socket path');
  const args = accelArgs(def, caps);
  args.push('-chardev', `socket,id=charmonitor,path=${esc(host.monitorPath)},server=on,wait=off`);
  args.push('-mon', 'chardev=charmonitor,id=monitor,mode=control');
  args.push(...unpathedChannelArgs(def, host.channelDir ?? path.dirname(host.monitorPath)));
  args.push(...tpmHostArgs(def, host.tpmSocket));
  if (needsNvramFile(def)) {
    if (host.nvramPath === undefined) throw unsupportedConfig('domain/os/nvram', 'the host keeps no NVRAM file for this guest');
    checkOptionText(host.nvramPath, 'the NVRAM path');
    args.push(...nvramBlockdev(host.nvramPath));
  }
  if (host.incoming !== undefined) {
    checkOptionText(host.incoming, 'the incoming migration URI');
    args.push('-incoming', host.incoming);
  }
  // <qemu:commandline> arguments come last, as libvirt appends them.
  args.push(...passthroughArgs(def));
  return args;
}

/** The guest-ABI part, from a canonical definition. */
export function guestAbiArgs(def: DomainDef, caps: Pick<QemuCaps, 'audioDrivers' | 'blockDrivers' | 'cpuModels' | 'cpuFlags' | 'hostNumaNodes' | 'hugetlbfs'> = {}): string[] {
  checkHostResources(def);
  const { attrs: domainAttrs = {}, children: domainChildren = [] } = def.extras ?? {};
  // Namespace declarations and namespaced elements (libvirt's QEMU namespace: passthroughArgs; others: not libvirt's).
  rejectExtras({ attrs: Object.fromEntries(Object.entries(domainAttrs).filter(([k]) => !k.startsWith('xmlns:'))), children: domainChildren.filter((c) => c.node.kind !== 'element' || !isNamespaced(c.node.name)) },
    // <idmap> maps container user ids (the LXC driver's); libvirt's QEMU driver keeps it and does nothing with it.
    'domain', ['pm', 'memoryBacking', 'seclabel', 'numatune', 'genid', 'iothreads', 'idmap', 'sysinfo']);
  checkSecurityLabels(def);
  rejectExtras(def.os.extras, 'domain/os', ['acpi', 'smbios']);
  rejectExtras(def.os.typeExtras, 'domain/os/type', []);
  rejectDeviceExtras(def);
  checkOptionText(def.name, 'the domain name');
  const machine = def.os.machine!;
  const family = machineFamily(machine);
  const a: string[] = [];
  const fw = firmwareArgs(def);
  a.push('-name', `guest=${esc(def.name)},debug-threads=on`);
  a.push('-S');
  a.push(...fw.blockdevs);
  const smm = smmProp(def);
  const { dumpCore, ...memoryAttrs } = def.memory.extras?.attrs ?? {};
  rejectExtras(def.memory.extras && { attrs: memoryAttrs, children: def.memory.extras.children }, 'domain/memory', []);
  if (dumpCore !== undefined && dumpCore !== 'on' && dumpCore !== 'off') throw unsupportedConfig('domain/memory/@dumpCore', `must be 'on' or 'off'`);
  if (def.maxMemory) rejectExtras(def.maxMemory.extras, 'domain/maxMemory', []);
  const mem = memoryArgs(def, caps);
  a.push('-machine', [machine, 'usb=off', ...machineSwitches(def), ...smm, `dump-guest-core=${dumpCore ?? 'off'}`, ...mem.machine, ...fw.machineProps, ...pcspkProps(def)].join(','));
  a.push(...tsegArgs(def, family));
  a.push('-cpu', cpuArg(def, caps));
  a.push(...fw.bios, ...fw.globals);
  a.push(...mem.memory, ...mem.overcommit);
  a.push('-smp', smpArg(def, caps));
  a.push(...mem.numa);
  a.push(...iothreadArgs(def));
  a.push('-uuid', def.uuid);
  a.push(...sysinfoArgs(def));
  a.push(...genidArgs(def));
  if (def.devices.graphics.length === 0) a.push('-display', 'none');
  a.push('-no-user-config', '-nodefaults');
  a.push(...clockArgs(def));
  a.push('-no-shutdown');
  // A reboot then stops the guest like a power-off (the SHUTDOWN event ends QEMU).
  if (def.onReboot === 'destroy') a.push('-no-reboot');
  a.push(...featureArgs(def, family));
  a.push(...bootArgs(def));
  a.push(...acpiTableArgs(def));
  const boot = bootIndexes(def);
  a.push(...controllerArgs(def, family, boot));
  a.push(...hubArgs(def));
  a.push(...diskArgs(def, family, boot, caps));
  a.push(...filesystemArgs(def));
  a.push(...netArgs(def, boot));
  a.push(...smartcardArgs(def));
  a.push(...serialArgs(def));
  a.push(...parallelArgs(def));
  a.push(...channelArgs(def));
  a.push(...tpmArgs(def));
  a.push(...consoleArgs(def));
  a.push(...inputArgs(def));
  a.push(...audioArgs(def, caps));
  a.push(...graphicsArgs(def));
  a.push(...videoArgs(def));
  a.push(...soundArgs(def));
  a.push(...watchdogArgs(def, family));
  a.push(...redirdevArgs(def));
  a.push(...balloonAndRngArgs(def));
  a.push(...panicArgs(def));
  a.push(...cryptoArgs(def));
  return a;
}


function smpArg(def: DomainDef, caps: Pick<QemuCaps, 'hostNumaNodes'>): string {
  rejectExtras(def.vcpu.extras, 'domain/vcpu', []);
  // cpuset is applied to the process by the launcher (affinityPrefix), not on the command line.
  affinityPrefix(def, caps);
  const max = def.vcpu.count;
  const cur = def.vcpu.current ?? max;
  const t = def.cpu?.topology;
  let s = String(cur);
  if (cur !== max) s += `,maxcpus=${max}`;
  if (t) {
    if (t.clusters !== undefined && t.clusters !== 1) throw unsupportedConfig('domain/cpu/topology', 'clusters are not supported on x86');
    const dies = t.dies ?? 1;
    if (t.sockets * dies * t.cores * t.threads !== max) throw unsupportedConfig('domain/cpu/topology', `topology gives ${t.sockets * dies * t.cores * t.threads} vCPUs, but <vcpu> is ${max}`);
    // As libvirt with QEMU's smp-opts clusters (7.0+): every level, clusters=1 where x86 has none.
    s += `,sockets=${t.sockets},dies=${dies},clusters=1,cores=${t.cores},threads=${t.threads}`;
  } else s += `,sockets=${max},cores=1,threads=1`;
  return s;
}

function clockArgs(def: DomainDef): string[] {
  const clock = def.clock ?? { offset: 'utc', timers: [] };
  const { start, ...clockAttrs } = clock.extras?.attrs ?? {};
  rejectExtras(clock.extras && { attrs: clock.offset === 'absolute' ? clockAttrs : clock.extras.attrs, children: clock.extras.children }, 'domain/clock', []);
  let rtc: string;
  if (clock.offset === 'absolute') {
    // start: seconds since the epoch, UTC; -rtc takes the date without a zone.
    if (!/^\d+$/.test(start ?? '') || Number(start) > 253402300799) throw unsupportedConfig('domain/clock/@start', `'${start}' is not a time in seconds since the epoch (up to 9999-12-31)`);
    rtc = `base=${new Date(Number(start) * 1000).toISOString().slice(0, 19)}`;
  } else if (clock.offset === 'utc' || clock.offset === 'localtime') rtc = `base=${clock.offset}`;
  else throw unsupportedConfig('domain/clock/@offset', clock.offset === 'variable' ? "offset 'variable' adds its adjustment to the time the guest starts, which this driver's command line builder is not given" : `clock offset '${clock.offset}' is not supported`);
  const out: string[] = [];
  const tail: string[] = [];
  for (const t of clock.timers) {
    const a = t.attrs;
    const where = `domain/clock/timer[@name='${a.name}']`;
    for (const k of Object.keys(a)) if (!['name', 'tickpolicy', 'present', 'track'].includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
    if (t.children.some((c) => c.kind === 'element')) throw unsupportedConfig(where, 'child elements are not supported');
    if (a.name === 'rtc') {
      if (a.tickpolicy === 'catchup') rtc += ',driftfix=slew';
      else if (a.tickpolicy !== undefined && a.tickpolicy !== 'delay') throw unsupportedConfig(where, `tickpolicy '${a.tickpolicy}' is not supported`);
      if (a.track === 'guest') rtc += ',clock=vm';
      else if (a.track === 'wall') rtc += ',clock=rt';
      else if (a.track !== undefined && a.track !== 'boot') throw unsupportedConfig(where, `track '${a.track}' is not supported`);
    } else if (a.name === 'pit') {
      if (a.tickpolicy === 'delay' || a.tickpolicy === 'catchup' || a.tickpolicy === 'discard') tail.push('-global', `kvm-pit.lost_tick_policy=${a.tickpolicy}`);
      else if (a.tickpolicy !== undefined) throw unsupportedConfig(where, `tickpolicy '${a.tickpolicy}' is not supported`);
    } else if (a.name === 'hpet') {
      if (a.present === 'no') tail.push('-no-hpet');
      else if (a.present !== undefined && a.present !== 'yes') throw unsupportedConfig(where, `present '${a.present}' is not supported`);
    } else if (a.name === 'kvmclock') {
      // A -cpu flag (cpuArg).
      if (a.present !== undefined && a.present !== 'yes' && a.present !== 'no') throw unsupportedConfig(where, `present '${a.present}' is not supported`);
    } else throw unsupportedConfig(where, `timer '${a.name}' is not supported`);
  }
  out.push('-rtc', rtc, ...tail);
  return out;
}

/** <features><vmport state>, <ps2 state>: the machine's vmport and i8042 properties. */
function machineSwitches(def: DomainDef): string[] {
  const out: string[] = [];
  for (const [name, prop] of [['vmport', 'vmport'], ['ps2', 'i8042']] as const) {
    const f = def.features?.find((x) => x.name === name);
    if (!f) continue;
    const st = f.attrs.state ?? 'on';
    if (st !== 'on' && st !== 'off') throw unsupportedConfig(`domain/features/${name}/@state`, `must be 'on' or 'off'`);
    out.push(`${prop}=${st}`);
  }
  return out;
}

/** <features><smm state='on|off'/>: the machine's smm property. */
function smmProp(def: DomainDef): string[] {
  const smm = def.features?.find((f) => f.name === 'smm');
  if (!smm) return [];
  const state = smm.attrs.state ?? 'on';
  if (Object.keys(smm.attrs).some((k) => k !== 'state')) throw unsupportedConfig('domain/features/smm', 'only the state attribute is supported');
  if (state !== 'on' && state !== 'off') throw unsupportedConfig('domain/features/smm/@state', `must be 'on' or 'off'`);
  return [`smm=${state}`];
}

/** <smm><tseg unit>N</tseg></smm> (MiB when no unit): the q35 host bridge's extended TSEG, in whole MiB. */
function tsegArgs(def: DomainDef, family: MachineFamily): string[] {
  const smm = def.features?.find((f) => f.name === 'smm');
  const out: string[] = [];
  for (const c of smm?.children ?? []) {
    if (c.kind !== 'element') continue;
    const where = `domain/features/smm/${c.name}`;
    if (c.name !== 'tseg') throw unsupportedConfig(where, 'not supported');
    if (smm!.attrs.state === 'off') throw unsupportedConfig(where, "a TSEG size needs smm state='on'");
    if (family !== 'q35') throw unsupportedConfig(where, 'the TSEG size is only supported on q35 machines');
    const text = c.children.map((x) => (x.kind === 'text' ? x.text : '')).join('');
    const kib = memoryToKiB(text, c.attrs.unit ?? 'MiB', where);
    if (kib % 1024 !== 0) throw unsupportedConfig(where, 'the TSEG size must be a whole number of MiB');
    out.push('-global', `mch.extended-tseg-mbytes=${kib / 1024}`);
  }
  return out;
}

function featureArgs(def: DomainDef, family: MachineFamily): string[] {
  const out: string[] = [];
  const names = new Set<string>();
  for (const f of def.features ?? []) {
    // smm, ps2 and vmport are -machine properties; the others -cpu flags (cpuArg).
    // tcg sizes -accel (accelArgs).
    if (['smm', 'pvspinlock', 'hyperv', 'kvm', 'pmu', 'ps2', 'vmport', 'tcg'].includes(f.name)) continue;
    if (f.name === 'apic' && Object.keys(f.attrs).some((k) => k !== 'eoi')) throw unsupportedConfig('domain/features/apic', 'only the eoi attribute is supported');
    if (f.name === 'async-teardown') throw unsupportedConfig('domain/features/async-teardown', 'asynchronous teardown is -run-with async-teardown=on, which needs QEMU 8.1 or later; this QEMU is 7.2');
    if (!['acpi', 'apic', 'pae'].includes(f.name)) throw unsupportedConfig(`domain/features/${f.name}`, 'this feature is not supported by the QEMU driver');
    names.add(f.name);
  }
  if (!names.has('acpi')) out.push('-no-acpi');
  const pm = def.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === 'pm');
  if (pm) {
    const obj = family === 'q35' ? 'ICH9-LPC' : 'PIIX4_PM';
    for (const c of pm.children) {
      if (c.kind !== 'element') continue;
      const s = c.name === 'suspend-to-mem' ? 's3' : c.name === 'suspend-to-disk' ? 's4' : undefined;
      if (!s) throw unsupportedConfig(`domain/pm/${c.name}`, 'not supported');
      const en = c.attrs.enabled;
      if (en !== 'yes' && en !== 'no') throw unsupportedConfig(`domain/pm/${c.name}/@enabled`, `must be 'yes' or 'no'`);
      out.push('-global', `${obj}.disable_${s}=${en === 'no' ? 1 : 0}`);
    }
  }
  return out;
}

function bootArgs(def: DomainDef): string[] {
  const os = def.os;
  let boot = '';
  if (os.bootmenu) {
    if (os.bootmenu.enable !== 'yes' && os.bootmenu.enable !== 'no') throw unsupportedConfig('domain/os/bootmenu/@enable', `must be 'yes' or 'no'`);
    boot += `menu=${os.bootmenu.enable === 'yes' ? 'on' : 'off'},`;
    if (os.bootmenu.timeout !== undefined) boot += `splash-time=${os.bootmenu.timeout},`;
  }
  const out = ['-boot', boot + 'strict=on'];
  if (os.kernel !== undefined) out.push('-kernel', os.kernel);
  if (os.initrd !== undefined) out.push('-initrd', os.initrd);
  if (os.cmdline !== undefined) out.push('-append', os.cmdline);
  return out;
}

/** bootindex per device: explicit <boot order>, else <os><boot dev> in order. */
function bootIndexes(def: DomainDef): Map<object, number> {
  const out = new Map<object, number>();
  const d = def.devices;
  const explicit = [...d.disks, ...d.interfaces].some((x) => x.bootOrder !== undefined);
  if (explicit) {
    if (def.os.boot.length > 0) throw unsupportedConfig('domain/os/boot', 'per-device boot order and <os><boot dev> cannot be used together');
    for (const x of [...d.disks, ...d.interfaces]) if (x.bootOrder !== undefined) out.set(x, x.bootOrder);
    return out;
  }
  let n = 1;
  for (const dev of def.os.boot) {
    const target = dev === 'hd' ? d.disks.find((x) => x.device === 'disk') : dev === 'cdrom' ? d.disks.find((x) => x.device === 'cdrom') : dev === 'fd' ? d.disks.find((x) => x.device === 'floppy') : dev === 'network' ? d.interfaces[0] : undefined;
    if (target && !out.has(target)) out.set(target, n++);
  }
  return out;
}

function balloonAndRngArgs(def: DomainDef): string[] {
  const out: string[] = [];
  const b = def.devices.memballoon;
  if (b && b.model !== 'none') {
    const el = 'domain/devices/memballoon';
    const { autodeflate, freePageReporting, ...rest } = b.extras?.attrs ?? {};
    rejectExtras(b.extras && { attrs: rest, children: b.extras.children }, el, ['driver', 'stats']);
    if (b.model !== 'virtio') throw unsupportedConfig(el, `memballoon model '${b.model}' is not supported`);
    const child = (name: string) => b.extras?.children.map((c) => c.node).find((n): n is XmlElement => n.kind === 'element' && n.name === name);
    const dev: Json = { driver: 'virtio-balloon-pci', ...virtioOptions(child('driver')?.attrs, `${el}/driver`, { def, address: b.address }), id: 'balloon0' };
    // libvirt sets the statistics period over QMP once QEMU runs; the same property, set when the device is made.
    const stats = child('stats');
    if (stats) {
      const period = stats.attrs.period;
      if (Object.keys(stats.attrs).some((k) => k !== 'period') || period === undefined || !/^\d+$/.test(period)) throw unsupportedConfig(`${el}/stats`, 'only a period in seconds is supported');
      dev['guest-stats-polling-interval'] = Number(period);
    }
    for (const [attr, prop, v] of [['autodeflate', 'deflate-on-oom', autodeflate], ['freePageReporting', 'free-page-reporting', freePageReporting]] as const) {
      if (v === undefined) continue;
      if (v !== 'on' && v !== 'off') throw unsupportedConfig(`${el}/@${attr}`, `must be 'on' or 'off'`);
      dev[prop] = v === 'on';
    }
    out.push('-device', json({ ...dev, ...pciProps(b.address, el, def) }));
  }
  out.push(...rngArgs(def));
  return out;
}

/** Why a device element this driver does not build is refused: what the host or driver lacks. */
const UNAVAILABLE: Readonly<Record<string, string>> = {
  vsock: 'vsock needs the host vhost-vsock device, which this driver does not open',
  shmem: 'ivshmem shared memory is not supported',
  iommu: 'virtual IOMMUs are not supported by this driver',
  lease: 'leases are taken by a lock manager (sanlock or virtlockd) before QEMU starts, which this driver does not run',
};

/** Why a <hostdev> is refused: each kind needs a host device this driver does not assign. */
function hostdevRefusal(h: XmlElement): string {
  const type = h.attrs.type;
  if (h.attrs.mode === 'capabilities') return `a ${type ?? ''} capability hostdev gives a container a host device, which QEMU guests cannot take`;
  if (type === 'pci') return 'PCI host device assignment needs the device bound to vfio-pci and an IOMMU group the guest owns, which this driver does not manage';
  if (type === 'mdev') return 'a mediated device needs a host vGPU or similar parent device (mdev) through VFIO, which this host does not have';
  if (type === 'scsi' || type === 'scsi_host') return 'SCSI host device passthrough needs a host SCSI LUN (scsi-generic) or vhost-scsi target, which this driver does not assign';
  if (type === 'usb') return "USB host device assignment needs the host's USB device (by vendor/product or bus/device) opened for QEMU, which this driver does not assign";
  return `hostdev type '${type}' is not supported`;
}

/** The <devices> children kept as extras that the families build. */
const BUILT_EXTRAS = ['audio', 'filesystem', 'sound', 'panic', 'tpm', 'hub', 'redirdev', 'redirfilter', 'smartcard', 'crypto'];

/** <devices> children kept as extras: BUILT_EXTRAS are built; the rest is refused by name. */
function rejectDeviceExtras(def: DomainDef): void {
  for (const c of def.devices.extras?.children ?? []) {
    if (c.node.kind !== 'element') continue;
    const name = c.node.name;
    if (name === 'hostdev') throw unsupportedConfig(`domain/devices/hostdev/@type`, hostdevRefusal(c.node));
    if (BUILT_EXTRAS.includes(name)) continue;
    const why = UNAVAILABLE[name];
    if (why) throw unsupportedConfig(`domain/devices/${name}`, why);
  }
  rejectExtras(def.devices.extras, 'domain/devices', [...BUILT_EXTRAS, ...Object.keys(UNAVAILABLE)]);
}

