import { TPM_OPTIONS } from './native-tpm.js';
import { SYSINFO_OPTIONS, assembleSmbiosMode } from './native-sysinfo.js';
import { formatDomainXml, parseDomainXml, type XmlExtras } from '@virtkit/core';
import { buildQemuArgv } from './command-line.js';
import type { QemuCaps } from './qemu-caps.js';
import type { FirmwareDescriptor } from './firmware.js';
import { QEMU_7_2_CPU_FLAGS, QEMU_7_2_CPU_MODELS } from './qemu-7-2-cpus.js';
import { QEMU_NAMESPACE } from './passthrough-args.js';
import { shellJoin, shellSplit } from './shell-quote.js';
import { bad, leaf } from './native-parse.js';
import { newNativeState, readerTable, type NativeState } from './native-state.js';
import { MACHINE_OPTIONS, assembleTimers } from './native-machine.js';
import { CPU_OPTIONS, assembleFeatures } from './native-cpu.js';
import { MEMORY_OPTIONS, assembleMemory } from './native-memory.js';
import { STORAGE_OPTIONS, assembleLoader } from './native-storage.js';
import { CHARDEV_OPTIONS } from './native-chardev.js';
import { DISPLAY_OPTIONS } from './native-display.js';
import { SOUND_OPTIONS, placePcSpeaker } from './native-sound.js';
import { DEVICE_OPTIONS, assembleDeviceExtras, placeHypervPanic } from './native-devices.js';

/**
 * The machine list of Debian 12's QEMU 7.2, for converting without probing
 * a binary (virsh domxml-to-native uses the installed one; the driver does
 * too when it starts a guest).
 */
export const QEMU_7_2_CAPS: QemuCaps = {
  binary: '/usr/bin/qemu-system-x86_64',
  version: 7_002_000,
  kvm: false,
  machines: [
    { name: 'pc-i440fx-7.2', alias: 'pc', isDefault: true },
    { name: 'pc-q35-7.2', alias: 'q35' },
    ...['7.1', '7.0', '6.2', '6.1', '6.0', '5.2'].flatMap((v) => [{ name: `pc-i440fx-${v}` }, { name: `pc-q35-${v}` }]),
  ],
  cpuModels: [...QEMU_7_2_CPU_MODELS],
  cpuFlags: [...QEMU_7_2_CPU_FLAGS],
  // Debian 12's ovmf package.
  firmware: [
    ovmf('40-edk2-x86_64-secure-enrolled.json', 'OVMF_CODE_4M.ms.fd', 'OVMF_VARS_4M.ms.fd', ['pc-q35-*'], ['acpi-s3', 'amd-sev', 'enrolled-keys', 'requires-smm', 'secure-boot', 'verbose-dynamic']),
    ovmf('50-edk2-x86_64-secure.json', 'OVMF_CODE_4M.secboot.fd', 'OVMF_VARS_4M.fd', ['pc-q35-*'], ['acpi-s3', 'amd-sev', 'requires-smm', 'secure-boot', 'verbose-dynamic']),
    ovmf('60-edk2-x86_64.json', 'OVMF_CODE_4M.fd', 'OVMF_VARS_4M.fd', ['pc-i440fx-*', 'pc-q35-*'], ['acpi-s3', 'amd-sev', 'verbose-dynamic']),
  ],
};

function ovmf(name: string, code: string, vars: string, machines: string[], features: string[]): FirmwareDescriptor {
  return {
    name, interfaceTypes: ['uefi'], device: 'flash',
    executable: { filename: `/usr/share/OVMF/${code}`, format: 'raw' }, nvramTemplate: { filename: `/usr/share/OVMF/${vars}`, format: 'raw' },
    targets: [{ architecture: 'x86_64', machines }], features,
  };
}

/** virsh domxml-to-native qemu-argv: one shell-quoted line. */
export function domxmlToNative(xml: string, caps: QemuCaps = QEMU_7_2_CAPS): string {
  const def = parseDomainXml(xml);
  const dir = `/run/virtkit/qemu/${def.uuid}`;
  const argv = buildQemuArgv(def, caps, { monitorPath: `${dir}/monitor.sock`, nvramPath: `${dir}/VARS.fd`, tpmSocket: `${dir}/swtpm.sock` });
  return shellJoin(argv);
}

/**
 * The options buildQemuArgv emits, by name, each read by its family
 * (native-machine.ts, native-cpu.ts, native-memory.ts, native-storage.ts,
 * native-chardev.ts, native-display.ts, native-sound.ts, native-devices.ts, native-tpm.ts, native-sysinfo.ts).
 */
const OPTIONS = readerTable(MACHINE_OPTIONS, CPU_OPTIONS, MEMORY_OPTIONS, STORAGE_OPTIONS, CHARDEV_OPTIONS, DISPLAY_OPTIONS, SOUND_OPTIONS, DEVICE_OPTIONS, TPM_OPTIONS, SYSINFO_OPTIONS);

/**
 * virsh domxml-from-native qemu-argv: the options buildQemuArgv emits
 * turned back into domain XML. Anything else is an INVALID_ARG error.
 */
export function domxmlFromNative(text: string): string {
  const argv = shellSplit(text).filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
  if (argv.length === 0) bad('empty argv');
  const st = newNativeState(argv[0]);
  for (let i = 1; i < argv.length; i++) {
    const opt = argv[i];
    const reader = OPTIONS.get(opt);
    if (!reader) {
      // What follows the monitor and is not the driver's own is <qemu:commandline> passthrough.
      if (!st.afterMon) bad(`option '${opt}' is not understood`);
      st.passthrough.push(...argv.slice(i));
      break;
    }
    reader(st, () => argv[++i] ?? bad(`${opt} needs a value`));
  }
  assemble(st);
  const xml = formatDomainXml(st.def, { inactive: true });
  parseDomainXml(xml);
  return xml;
}

/** What only the whole argv tells, into the definition, once every option is read. */
function assemble(st: NativeState): void {
  const { def } = st;
  if (st.noReboot) def.onReboot = 'destroy';
  assembleLoader(st);
  placeHypervPanic(st);
  placePcSpeaker(st);
  assembleDeviceExtras(st);
  if (!def.name) bad('no -name');
  if (!def.uuid) bad('no -uuid');
  if (!st.explicitMemballoon) def.devices.memballoon = { model: 'none' };
  // No USB controller on the command line is <controller type='usb' model='none'/> (libvirt adds one otherwise).
  if (!def.devices.controllers.some((c) => c.type === 'usb')) def.devices.controllers.push({ type: 'usb', index: 0, model: 'none' });
  assembleFeatures(st);
  assembleTimers(st);
  const domainExtras: XmlExtras['children'] = [];
  if (st.passthrough.length > 0) {
    domainExtras.push({ after: 'devices', node: { kind: 'element', name: 'qemu:commandline', attrs: { 'xmlns:qemu': QEMU_NAMESPACE }, children: st.passthrough.map((value) => leaf('qemu:arg', { value })) } });
  }
  if (st.iothreads > 0) domainExtras.push({ after: 'vcpu', node: { kind: 'element', name: 'iothreads', attrs: {}, children: [{ kind: 'text', text: String(st.iothreads) }] } });
  if (st.genid) domainExtras.push({ after: 'uuid', node: { kind: 'element', name: 'genid', attrs: {}, children: [{ kind: 'text', text: st.genid }] } });
  for (const node of st.sysinfo) domainExtras.push({ after: 'vcpu', node });
  assembleSmbiosMode(st);
  domainExtras.push(...assembleMemory(st));
  if (st.pmGlobals.length > 0) {
    domainExtras.push({ after: 'on_crash', node: { kind: 'element', name: 'pm', attrs: {}, children: st.pmGlobals.map(([name, enabled]) => ({ kind: 'element' as const, name, attrs: { enabled }, children: [] })) } });
  }
  if (domainExtras.length > 0) def.extras = { attrs: {}, children: domainExtras };
}
