import type { XmlElement } from '../xml/tree.js';
import type { XmlExtras } from '../xml/reader.js';

/**
 * The typed model of libvirt's domain XML. Every struct carries `extras`:
 * attributes and child elements the model does not know, kept so that a
 * parse/format round trip loses nothing. Memory amounts are in KiB.
 */
export interface DomainDef {
  /** Hypervisor type: kvm, qemu, xen, test, … */
  type: string;
  /** Runtime id; present in live XML only. */
  id?: number;
  name: string;
  /** Lower-case 8-4-4-4-12; generated when the XML has none. */
  uuid: string;
  title?: string;
  description?: string;
  /** Application metadata, kept verbatim. */
  metadata?: XmlElement;
  maxMemory?: { kib: number; slots?: number; extras?: XmlExtras };
  memory: { kib: number; extras?: XmlExtras };
  currentMemory?: { kib: number };
  vcpu: VcpuDef;
  os: OsDef;
  /** <features>: each child kept as an element (acpi, apic, pae, hap, …). */
  features?: XmlElement[];
  cpu?: CpuDef;
  clock?: ClockDef;
  onPoweroff?: LifecycleAction;
  onReboot?: LifecycleAction;
  onCrash?: LifecycleAction;
  devices: DevicesDef;
  extras?: XmlExtras;
}

export type LifecycleAction = 'destroy' | 'restart' | 'rename-restart' | 'preserve' | 'coredump-destroy' | 'coredump-restart';
export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['destroy', 'restart', 'rename-restart', 'preserve', 'coredump-destroy', 'coredump-restart'];

export interface VcpuDef {
  count: number;
  current?: number;
  placement?: 'static' | 'auto';
  cpuset?: string;
  extras?: XmlExtras;
}

export interface OsDef {
  /** hvm, linux (Xen PV), xen, exe, … */
  type: string;
  arch?: string;
  machine?: string;
  /** <boot dev='…'/> in order: hd, cdrom, network, fd. */
  boot: string[];
  kernel?: string;
  initrd?: string;
  cmdline?: string;
  /** <os firmware='efi|bios'>: the firmware the hypervisor picks from its descriptors. */
  firmware?: string;
  /** <os><firmware><feature enabled='yes|no' name='secure-boot|enrolled-keys'/></firmware>. */
  firmwareFeatures?: Array<{ enabled: string; name: string }>;
  /** <loader readonly type secure stateless format>PATH</loader>. */
  loader?: { path?: string; readonly?: string; type?: string; secure?: string; stateless?: string; format?: string; extras?: XmlExtras };
  /** <nvram template templateFormat format>PATH</nvram>: the guest's UEFI variable store and the file it starts as. */
  nvram?: { path?: string; template?: string; templateFormat?: string; format?: string; extras?: XmlExtras };
  bootmenu?: { enable: string; timeout?: number };
  extras?: XmlExtras;
  typeExtras?: XmlExtras;
}

export interface CpuDef {
  mode?: string;
  match?: string;
  check?: string;
  model?: { name: string; fallback?: string; extras?: XmlExtras };
  topology?: { sockets: number; dies?: number; clusters?: number; cores: number; threads: number };
  features: Array<{ policy?: string; name: string }>;
  extras?: XmlExtras;
}

export interface ClockDef {
  offset: string;
  timers: XmlElement[];
  extras?: XmlExtras;
}

/** <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/> and friends, attributes verbatim. */
export type AddressDef = Record<string, string>;

export interface DiskDef {
  /** file, block, network, volume, dir. */
  type: string;
  /** disk, cdrom, floppy, lun. */
  device: string;
  /** <driver name='qemu' type='qcow2' cache='none' …/>, attributes verbatim. */
  driver?: Record<string, string>;
  /** Path of a file or block source: <source file=…/> or <source dev=…/>. */
  sourcePath?: string;
  /** The source element for anything but a plain path (network disks, …). */
  source?: XmlElement;
  target: { dev: string; bus?: string; extras?: XmlExtras };
  readonly: boolean;
  shareable: boolean;
  bootOrder?: number;
  serial?: string;
  address?: AddressDef;
  extras?: XmlExtras;
}

export interface InterfaceDef {
  /** user, network, bridge, ethernet, direct, … */
  type: string;
  mac?: string;
  /** <source network=…/>, <source bridge=…/>, attributes verbatim. */
  source?: Record<string, string>;
  model?: string;
  /** <target dev=…/> (tap name). */
  targetDev?: string;
  script?: string;
  bootOrder?: number;
  address?: AddressDef;
  extras?: XmlExtras;
}

/** serial, console, parallel, channel. */
export interface CharDeviceDef {
  /** pty, file, unix, tcp, udp, null, stdio, vc, … */
  type: string;
  /** <source path=… mode=… host=… service=…/>; the first source element. */
  source?: Record<string, string>;
  protocol?: string;
  target?: Record<string, string>;
  /** <target><model name='isa-serial'/></target>: the device model of a serial port's target. */
  targetModel?: string;
  address?: AddressDef;
  extras?: XmlExtras;
}

export interface GraphicsDef {
  type: string;
  attrs: Record<string, string>;
  extras?: XmlExtras;
}

export interface VideoDef {
  model?: Record<string, string>;
  /** The <model> element's children (<acceleration>, <resolution>), as written. */
  modelChildren?: XmlElement[];
  address?: AddressDef;
  extras?: XmlExtras;
}

export interface InputDef {
  type: string;
  bus?: string;
  address?: AddressDef;
  extras?: XmlExtras;
}

export interface MemballoonDef {
  model: string;
  address?: AddressDef;
  extras?: XmlExtras;
}

export interface ControllerDef {
  type: string;
  index?: number;
  model?: string;
  /** <model name='pcie-root-port'/>: the QEMU device a PCI controller is (libvirt fills it in). */
  modelName?: string;
  /** <driver queues=… iothread=… …/>, attributes verbatim. */
  driver?: Record<string, string>;
  /** <target chassis=… port=… busNr=… …/> of a PCI controller, attributes verbatim. */
  target?: Record<string, string>;
  address?: AddressDef;
  extras?: XmlExtras;
}

export interface RngDef {
  model: string;
  backend?: { model: string; path?: string; extras?: XmlExtras };
  address?: AddressDef;
  extras?: XmlExtras;
}

/** <watchdog model='i6300esb|ib700|itco' action='reset|…'/>. */
export interface WatchdogDef {
  model: string;
  action?: string;
  address?: AddressDef;
  extras?: XmlExtras;
}

export interface DevicesDef {
  emulator?: string;
  disks: DiskDef[];
  controllers: ControllerDef[];
  interfaces: InterfaceDef[];
  serials: CharDeviceDef[];
  parallels: CharDeviceDef[];
  consoles: CharDeviceDef[];
  channels: CharDeviceDef[];
  inputs: InputDef[];
  graphics: GraphicsDef[];
  videos: VideoDef[];
  watchdogs: WatchdogDef[];
  memballoon?: MemballoonDef;
  rngs: RngDef[];
  extras?: XmlExtras;
}

export function emptyDevices(): DevicesDef {
  return { disks: [], controllers: [], interfaces: [], serials: [], parallels: [], consoles: [], channels: [], inputs: [], graphics: [], videos: [], watchdogs: [], rngs: [] };
}
