import fs from 'node:fs/promises';
import path from 'node:path';
import type { DomainDef, XmlElement } from '@virtkit/core';
import { json, rejectExtras } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// <os> firmware: BIOS (QEMU's own SeaBIOS or -bios FILE), UEFI in pflash with an NVRAM varstore,
// and libvirt's autoselection (<os firmware='efi'>) from QEMU's firmware descriptors.

/** One QEMU firmware descriptor (docs/interop/firmware.json), as much of it as selection needs. */
export interface FirmwareDescriptor {
  /** The descriptor's file name; descriptors are tried in file-name order. */
  name: string;
  interfaceTypes: string[];
  /** flash (pflash executable + NVRAM template) or memory (one read-only image). */
  device: string;
  executable: { filename: string; format: string };
  nvramTemplate?: { filename: string; format: string };
  targets: Array<{ architecture: string; machines: string[] }>;
  features: string[];
}

/** Where QEMU packages install firmware descriptors (a same-named file in /etc overrides one in /usr). */
export const FIRMWARE_DESCRIPTOR_DIRS = ['/usr/share/qemu/firmware', '/etc/qemu/firmware'];

/** Reads the descriptors of this host, in selection order; unreadable ones are skipped. */
export async function readFirmwareDescriptors(dirs = FIRMWARE_DESCRIPTOR_DIRS): Promise<FirmwareDescriptor[]> {
  const byName = new Map<string, FirmwareDescriptor>();
  for (const dir of dirs) {
    let files: string[];
    try {
      files = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const f of files.filter((x) => x.endsWith('.json'))) {
      try {
        const d = parseFirmwareDescriptor(f, JSON.parse(await fs.readFile(path.join(dir, f), 'utf8')));
        if (d) byName.set(f, d);
      } catch {
        byName.delete(f);
      }
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A descriptor's JSON; undefined when it is not one this driver can use (no executable file). */
export function parseFirmwareDescriptor(name: string, o: Record<string, unknown>): FirmwareDescriptor | undefined {
  const mapping = (o.mapping ?? {}) as Record<string, unknown>;
  const file = (v: unknown) => {
    const x = v as { filename?: unknown; format?: unknown } | undefined;
    return typeof x?.filename === 'string' ? { filename: x.filename, format: typeof x.format === 'string' ? x.format : 'raw' } : undefined;
  };
  const executable = file(mapping.executable) ?? (typeof mapping.filename === 'string' ? { filename: mapping.filename, format: 'raw' } : undefined);
  if (!executable) return undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    name,
    interfaceTypes: strings(o['interface-types']),
    device: typeof mapping.device === 'string' ? mapping.device : 'flash',
    executable,
    nvramTemplate: file(mapping['nvram-template']),
    targets: (Array.isArray(o.targets) ? o.targets : []).map((t: { architecture?: unknown; machines?: unknown }) => ({ architecture: String(t.architecture), machines: strings(t.machines) })),
    features: strings(o.features),
  };
}

/** A glob of a descriptor's machine list ("pc-q35-*") against a machine type. */
function machineMatches(glob: string, machine: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(machine);
}

function smmState(def: DomainDef): string | undefined {
  return def.features?.find((f) => f.name === 'smm')?.attrs.state;
}

/**
 * libvirt's firmware autoselection (qemuFirmwareFillDomain) for
 * <os firmware='efi'>: the first descriptor, in file-name order, for UEFI on
 * this architecture and machine whose features agree with the requested
 * <firmware><feature>s, the loader's secure= and <smm>. The choice is
 * written into the definition (loader, NVRAM template, the features it
 * has, SMM when it requires it), so it stays the same for this guest.
 * firmware='bios' keeps QEMU's built-in SeaBIOS.
 */
export function selectFirmware(def: DomainDef, descriptors: readonly FirmwareDescriptor[]): void {
  const os = def.os;
  if (os.firmware === undefined) {
    // A manual read-only pflash loader without a varstore gets the template its descriptor names.
    const l = os.loader;
    if (l?.type === 'pflash' && l.readonly === 'yes' && l.stateless !== 'yes' && l.path !== undefined && os.nvram?.path === undefined && os.nvram?.template === undefined) {
      const d = descriptors.find((x) => x.executable.filename === l.path && x.nvramTemplate);
      if (d) os.nvram = { ...os.nvram, template: d.nvramTemplate!.filename, templateFormat: d.nvramTemplate!.format };
    }
    return;
  }
  if (os.firmware === 'bios') {
    if (os.loader?.path !== undefined || os.nvram) throw unsupportedConfig('domain/os/@firmware', "firmware='bios' takes no loader path or NVRAM");
    return;
  }
  if (os.firmware !== 'efi') throw unsupportedConfig('domain/os/@firmware', `firmware '${os.firmware}' is not supported (efi, bios)`);
  if (os.loader?.path !== undefined && os.nvram?.template !== undefined) return;
  const wanted = new Map((os.firmwareFeatures ?? []).map((f) => [f.name, f.enabled === 'yes']));
  if (os.loader?.secure === 'yes') wanted.set('secure-boot', true);
  if (os.loader?.secure === 'no') wanted.set('secure-boot', false);
  const smm = smmState(def);
  const stateless = os.loader?.stateless === 'yes';
  const found = descriptors.find((d) => {
    if (!d.interfaceTypes.includes('uefi')) return false;
    if (!d.targets.some((t) => t.architecture === (os.arch ?? 'x86_64') && t.machines.some((m) => machineMatches(m, os.machine!)))) return false;
    if (stateless ? d.device !== 'memory' : d.device !== 'flash' || !d.nvramTemplate) return false;
    if (os.loader?.path !== undefined && os.loader.path !== d.executable.filename) return false;
    if (d.features.includes('requires-smm') && smm === 'off') return false;
    for (const [name, on] of wanted) if (d.features.includes(name) !== on) return false;
    // amd-sev-es and intel-tdx images only boot confidential guests, which this host cannot run.
    if (d.features.includes('amd-sev-es') || d.features.includes('intel-tdx') || d.features.includes('amd-sev-snp')) return false;
    return true;
  });
  if (!found) throw unsupportedConfig('domain/os/@firmware', `no UEFI firmware for machine '${os.machine}' with the requested features is installed (QEMU firmware descriptors in ${FIRMWARE_DESCRIPTOR_DIRS.join(', ')}; Debian: the ovmf package)`);
  const secure = found.features.includes('secure-boot');
  os.loader = { ...os.loader, path: found.executable.filename, readonly: 'yes', secure: secure ? 'yes' : 'no', type: found.device === 'memory' ? 'rom' : 'pflash', format: found.executable.format };
  if (stateless) os.loader.stateless = 'yes';
  else {
    const t = found.nvramTemplate!;
    os.nvram = { ...os.nvram, template: t.filename, templateFormat: t.format, format: os.nvram?.format ?? t.format };
  }
  os.firmwareFeatures = ['enrolled-keys', 'secure-boot'].map((name) => ({ enabled: found.features.includes(name) ? 'yes' : 'no', name }));
  if (found.features.includes('requires-smm') && smm === undefined) {
    const el: XmlElement = { kind: 'element', name: 'smm', attrs: { state: 'on' }, children: [] };
    def.features = [...(def.features ?? []), el];
  }
}

/** The firmware part of the command line: pflash -blockdevs, the -machine properties naming them, -bios, the secure-flash -global. */
export interface FirmwareArgs {
  blockdevs: string[];
  machineProps: string[];
  /** -bios FILE. */
  bios: string[];
  /** After -cpu. */
  globals: string[];
}

/**
 * The guest-ABI part: everything but the -blockdev of a host-local
 * varstore (needsNvramFile), which hostLocalArgs adds with nvramBlockdev.
 */
export function firmwareArgs(def: DomainDef): FirmwareArgs {
  const out: FirmwareArgs = { blockdevs: [], machineProps: [], bios: [], globals: [] };
  const { loader, nvram } = def.os;
  if (loader) rejectExtras(loader.extras, 'domain/os/loader', []);
  if (nvram) rejectExtras(nvram.extras, 'domain/os/nvram', []);
  if (!loader || loader.path === undefined) {
    if (nvram) throw unsupportedConfig('domain/os/nvram', 'an NVRAM needs a pflash <loader>');
    if (loader && (loader.type === 'pflash' || loader.secure === 'yes')) throw unsupportedConfig('domain/os/loader', 'a pflash loader needs a path');
    return out;
  }
  checkOptionText(loader.path, 'domain/os/loader');
  const format = loader.format ?? 'raw';
  if (format !== 'raw') throw unsupportedConfig('domain/os/loader/@format', `loader format '${format}' is not supported (raw)`);
  if ((loader.type ?? 'rom') === 'rom') {
    if (nvram) throw unsupportedConfig('domain/os/nvram', "an NVRAM needs <loader type='pflash'>");
    if (loader.secure === 'yes') throw unsupportedConfig('domain/os/loader/@secure', 'secure boot needs a pflash loader');
    out.bios.push('-bios', loader.path);
    return out;
  }
  if (loader.type !== 'pflash') throw unsupportedConfig('domain/os/loader/@type', `loader type '${loader.type}' is not supported (rom, pflash)`);
  const readonly = loader.readonly === 'yes';
  out.blockdevs.push(
    '-blockdev', json({ driver: 'file', filename: loader.path, 'node-name': 'libvirt-pflash0-storage', 'auto-read-only': true, discard: 'unmap' }),
    '-blockdev', json({ 'node-name': 'libvirt-pflash0-format', 'read-only': readonly, driver: 'raw', file: 'libvirt-pflash0-storage' }),
  );
  out.machineProps.push('pflash0=libvirt-pflash0-format');
  const stateless = loader.stateless === 'yes';
  if (readonly && !stateless) {
    const nvFormat = nvram?.format ?? 'raw';
    if (nvFormat !== 'raw') throw unsupportedConfig('domain/os/nvram/@format', `NVRAM format '${nvFormat}' is not supported (raw)`);
    if (nvram?.path !== undefined) {
      checkOptionText(nvram.path, 'domain/os/nvram');
      out.blockdevs.push(...nvramBlockdev(nvram.path));
    } else if (!needsNvramFile(def)) throw unsupportedConfig('domain/os/nvram', 'a read-only pflash loader needs an NVRAM file or template');
    out.machineProps.push('pflash1=libvirt-pflash1-storage');
  } else if (nvram) throw unsupportedConfig('domain/os/nvram', stateless ? 'a stateless loader takes no NVRAM' : 'a writable pflash loader keeps its own variables and takes no NVRAM');
  if (loader.secure === 'yes') {
    if (smmState(def) !== 'on') throw unsupportedConfig('domain/os/loader/@secure', "secure boot needs <features><smm state='on'/></features>");
    out.globals.push('-global', 'driver=cfi.pflash01,property=secure,value=on');
  }
  return out;
}

/** Whether the definition's varstore is host-local: a pflash NVRAM without a path, made from its template. */
export function needsNvramFile(def: DomainDef): { template: string } | undefined {
  const { loader, nvram } = def.os;
  if (!loader || loader.type !== 'pflash' || loader.readonly !== 'yes' || loader.stateless === 'yes') return undefined;
  if (nvram?.path !== undefined || nvram?.template === undefined) return undefined;
  return { template: nvram.template };
}

/** The -blockdev of the varstore at `file`. */
export function nvramBlockdev(file: string): string[] {
  return ['-blockdev', json({ driver: 'file', filename: file, 'node-name': 'libvirt-pflash1-storage', 'read-only': false })];
}
