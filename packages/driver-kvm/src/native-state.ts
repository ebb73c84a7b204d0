import { emptyDevices, type CharDeviceDef, type DomainDef, type XmlElement } from '@virtkit/core';
import type { Props } from './native-parse.js';

/**
 * What domxmlFromNative gathers while it walks the argv: the definition it
 * fills in as it goes, and what only makes sense once every option is read
 * (nodes that devices refer to, features, timers, NUMA cells, the <devices>
 * extras), which the families' assemble steps turn into XML at the end.
 */
export interface NativeState {
  readonly def: DomainDef;
  /** -blockdev, -netdev, -chardev and -fsdev by their node-name or id: what -device refers to. */
  readonly blockdevs: Map<string, Props>;
  readonly netdevs: Map<string, Props>;
  readonly chardevs: Map<string, CharDeviceDef>;
  readonly fsdevs: Map<string, Map<string, string>>;
  /** True once -mon is read: what follows is the host's (varstore nodes) or <qemu:commandline>. */
  afterMon: boolean;
  /** -blockdev node-names defined after -mon. */
  readonly hostLocalNodes: Set<string>;
  /** Arguments after the driver's own, for <qemu:commandline>. */
  readonly passthrough: string[];
  noReboot: boolean;
  /** True when a virtio-balloon-pci was read; otherwise <memballoon model='none'>. */
  explicitMemballoon: boolean;
  /** -machine pflash0/pflash1 node-names, and whether the flash is secure. */
  readonly pflash: string[];
  secureFlash: boolean;
  /** Boot indexes of floppy drives A (0) and B (1), from isa-fdc's bootindexA/B (they come before the drives). */
  readonly floppyBoot: Map<number, number>;
  iothreads: number;
  genid: string | undefined;
  /** <features> children: 'name' or 'name=state', in order. */
  readonly features: Set<string>;
  readonly cpuFeatures: Array<[string, Record<string, string>]>;
  readonly hyperv: XmlElement;
  readonly kvmFeatures: XmlElement[];
  /** Child elements of <features> children by feature name (<tcg><tb-cache>, <smm><tseg>). */
  readonly featureChildren: Map<string, XmlElement[]>;
  panicHyperv: boolean;
  /** <clock><timer> attributes, in order. */
  readonly timers: Array<Record<string, string>>;
  /** <pm> children as [element, enabled]. */
  readonly pmGlobals: Array<[string, string]>;
  /** <memoryBacking> children. */
  readonly backing: XmlElement[];
  /** ram-nodeN memory backends by id; the pc.ram backend's host policy at -1. */
  readonly nodeMem: Map<string, Props>;
  readonly numaPolicy: Map<number, Props>;
  readonly cells: Array<{ id: string; cpus: string[]; memdev: string }>;
  readonly dists: Array<[string, string, string]>;
  /** <devices> children the definition has no field for. */
  readonly audio: XmlElement[];
  readonly shares: XmlElement[];
  readonly soundEls: XmlElement[];
  /** The index in the sound card's id (soundN), where the PC speaker's gap is found. */
  readonly soundIndex: Map<XmlElement, number>;
  readonly panicEls: XmlElement[];
  /** <sysinfo> blocks, and whether -smbios tables came from one (native-sysinfo.ts). */
  readonly sysinfo: XmlElement[];
  smbiosSysinfo: boolean;
  /** <tpm> elements (native-tpm.ts). */
  readonly tpmEls: XmlElement[];
  readonly hubEls: XmlElement[];
  readonly redirEls: XmlElement[];
  readonly smartcardEls: XmlElement[];
  readonly cryptoEls: XmlElement[];
  pcspk: boolean;
}

/** The state before the first option: the defaults of an argv with nothing but the emulator. */
export function newNativeState(emulator: string): NativeState {
  const def: DomainDef = { type: 'qemu', name: '', uuid: '', memory: { kib: 0 }, vcpu: { count: 1 }, os: { type: 'hvm', arch: 'x86_64', boot: [] }, devices: emptyDevices() };
  def.devices.emulator = emulator;
  if (/qemu-system-i386$/.test(emulator)) def.os.arch = 'i686';
  return {
    def, blockdevs: new Map(), netdevs: new Map(), chardevs: new Map(), fsdevs: new Map(),
    afterMon: false, hostLocalNodes: new Set(), passthrough: [], noReboot: false, explicitMemballoon: false,
    pflash: [], secureFlash: false, floppyBoot: new Map(), iothreads: 0, genid: undefined,
    features: new Set(['acpi']), cpuFeatures: [], hyperv: { kind: 'element', name: 'hyperv', attrs: {}, children: [] }, kvmFeatures: [], featureChildren: new Map(), panicHyperv: false,
    timers: [], pmGlobals: [], backing: [], nodeMem: new Map(), numaPolicy: new Map(), cells: [], dists: [],
    audio: [], shares: [], soundEls: [], soundIndex: new Map(), panicEls: [], tpmEls: [], sysinfo: [], smbiosSysinfo: false, hubEls: [], redirEls: [], smartcardEls: [], cryptoEls: [], pcspk: false,
  };
}

/** Reads one option; `value()` takes the option's argument (an error when there is none). */
export type OptionReader = (st: NativeState, value: () => string) => void;

/** Reads one -device, whose driver is `driver`. */
export type DeviceReader = (st: NativeState, d: Props, driver: string) => void;

/** The families' tables as one; a name two families claim is a programming error. */
export function readerTable<R>(...families: Array<Readonly<Record<string, R>>>): ReadonlyMap<string, R> {
  const out = new Map<string, R>();
  for (const family of families) {
    for (const [name, reader] of Object.entries(family)) {
      if (out.has(name)) throw new Error(`${name} is read by two families`);
      out.set(name, reader);
    }
  }
  return out;
}
