import type { DomainDef, XmlElement } from '@virtkit/core';
import { esc } from './argv-parts.js';
import { unsupportedConfig } from './errors.js';
import { checkOptionText } from './qemu-option.js';

// <tpm>: the -tpmdev emulator backend and its TPM device, as libvirt's qemuBuildTPMCommandLine writes them.
// backend 'emulator' is a swtpm the driver runs for the guest (its control socket is host-local: the
// launcher passes it, and tpmHostArgs writes its -chardev); 'external' is a swtpm the user runs, reached
// at its unix socket. Host TPM passthrough is refused.

/** <tpm model> → the -device driver (x86: TIS on the ISA bus, or CRB). */
const MODELS: Readonly<Record<string, string>> = { 'tpm-tis': 'tpm-tis', 'tpm-crb': 'tpm-crb' };

/** What the driver's swtpm for a guest is started with. */
export interface EmulatedTpm {
  /** '1.2' or '2.0' (libvirt's default for tpm-crb and new guests: 2.0). */
  version: '1.2' | '2.0';
  /** <source type='dir' path>: where the TPM keeps its state; default: the driver's per-guest directory. */
  stateDir?: string;
}

/** The <tpm> elements, kept in <devices>' extras. */
function tpmElements(def: DomainDef): XmlElement[] {
  return (def.devices.extras?.children ?? []).map((c) => c.node).filter((n): n is XmlElement => n.kind === 'element' && n.name === 'tpm');
}

const kids = (e: XmlElement) => e.children.filter((c): c is XmlElement => c.kind === 'element');

/** The guest's one TPM: its model, backend element and where errors point. */
function theTpm(def: DomainDef): { model: string; backend: XmlElement; el: string } | undefined {
  const all = tpmElements(def);
  if (all.length === 0) return undefined;
  if (all.length > 1) throw unsupportedConfig('domain/devices/tpm[2]', 'only one TPM is supported on x86');
  const tpm = all[0];
  const el = 'domain/devices/tpm';
  const model = tpm.attrs.model ?? 'tpm-tis';
  if (!MODELS[model]) throw unsupportedConfig(`${el}/@model`, `TPM model '${model}' is not supported on x86 (tpm-tis, tpm-crb)`);
  for (const k of Object.keys(tpm.attrs)) if (k !== 'model') throw unsupportedConfig(el, `attribute '${k}' is not supported`);
  const children = kids(tpm);
  for (const c of children) if (c.name !== 'backend' && c.name !== 'alias') throw unsupportedConfig(`${el}/${c.name}`, 'not supported');
  const backend = children.find((c) => c.name === 'backend');
  if (!backend) throw unsupportedConfig(el, 'a TPM needs a <backend>');
  return { model, backend, el };
}

/** The swtpm the guest needs the driver to run; undefined when it has none (no TPM, or an external one). */
export function emulatedTpm(def: DomainDef): EmulatedTpm | undefined {
  const t = theTpm(def);
  if (!t || t.backend.attrs.type !== 'emulator') return undefined;
  const where = `${t.el}/backend`;
  const b = t.backend;
  for (const k of Object.keys(b.attrs)) if (!['type', 'version', 'persistent_state'].includes(k)) throw unsupportedConfig(where, `attribute '${k}' is not supported`);
  const version = b.attrs.version ?? '2.0';
  if (version !== '1.2' && version !== '2.0') throw unsupportedConfig(`${where}/@version`, `TPM version '${version}' is not supported (1.2, 2.0)`);
  if (version === '1.2' && t.model === 'tpm-crb') throw unsupportedConfig(`${where}/@version`, 'a CRB TPM is a TPM 2.0');
  if (b.attrs.persistent_state !== undefined && b.attrs.persistent_state !== 'yes' && b.attrs.persistent_state !== 'no') throw unsupportedConfig(`${where}/@persistent_state`, "must be 'yes' or 'no'");
  const out: EmulatedTpm = { version };
  for (const c of kids(b)) {
    if (c.name === 'source' && (c.attrs.type ?? 'dir') === 'dir' && c.attrs.path !== undefined && Object.keys(c.attrs).every((k) => k === 'type' || k === 'path')) out.stateDir = c.attrs.path;
    else if (c.name === 'encryption') throw unsupportedConfig(`${where}/encryption`, "an encrypted TPM state needs libvirt's secret driver to hand swtpm the key, which this driver does not have");
    else if (c.name === 'profile') throw unsupportedConfig(`${where}/profile`, 'TPM profiles need swtpm 0.10 or later (this host: Debian 12, swtpm 0.7)');
    else if (c.name === 'active_pcr_banks') throw unsupportedConfig(`${where}/active_pcr_banks`, 'choosing PCR banks needs swtpm_setup at manufacture, which this driver does not run');
    else throw unsupportedConfig(`${where}/${c.name}`, 'not supported');
  }
  return out;
}

/** -tpmdev and the TPM -device (guest ABI); an external backend's -chardev with them, its socket being the user's. */
export function tpmArgs(def: DomainDef): string[] {
  const t = theTpm(def);
  if (!t) return [];
  const where = `${t.el}/backend`;
  const type = t.backend.attrs.type;
  const out: string[] = [];
  if (type === 'external') {
    const src = kids(t.backend).find((c) => c.name === 'source');
    if (!src || src.attrs.type !== 'unix' || (src.attrs.mode ?? 'connect') !== 'connect' || src.attrs.path === undefined) throw unsupportedConfig(`${where}/source`, "an external TPM needs <source type='unix' mode='connect' path=…>");
    checkOptionText(src.attrs.path, `${where}/source/@path`);
    out.push('-chardev', `socket,id=chrtpm,path=${esc(src.attrs.path)}`);
  } else if (type === 'emulator') emulatedTpm(def);
  else if (type === 'passthrough') throw unsupportedConfig(`${where}/@type`, "host TPM passthrough is refused: it hands the guest the host's own TPM");
  else throw unsupportedConfig(`${where}/@type`, `TPM backend '${type}' is not supported (emulator, external)`);
  out.push('-tpmdev', 'emulator,id=tpm-tpm0,chardev=chrtpm');
  out.push('-device', JSON.stringify({ driver: MODELS[t.model], tpmdev: 'tpm-tpm0', id: 'tpm0' }));
  return out;
}

/** The -chardev of the driver's swtpm control socket (host-local: the launcher's path). */
export function tpmHostArgs(def: DomainDef, socket: string | undefined): string[] {
  if (!emulatedTpm(def)) return [];
  if (socket === undefined) throw unsupportedConfig('domain/devices/tpm/backend', 'the host runs no swtpm for this guest');
  checkOptionText(socket, 'the swtpm socket path');
  return ['-chardev', `socket,id=chrtpm,path=${esc(socket)}`];
}

/**
 * swtpm's arguments for an emulated TPM: a control socket QEMU connects to
 * (swtpm ends when QEMU closes it), state in `stateDir`, its pid and log in
 * the given files, detached from the caller.
 */
export function swtpmArgv(tpm: EmulatedTpm, paths: { socket: string; stateDir: string; pidFile: string; logFile: string }, swtpm = '/usr/bin/swtpm'): string[] {
  return [
    swtpm, 'socket', ...(tpm.version === '2.0' ? ['--tpm2'] : []),
    '--tpmstate', `dir=${paths.stateDir},mode=0600`,
    '--ctrl', `type=unixio,path=${paths.socket},mode=0600`,
    '--log', `file=${paths.logFile}`,
    '--pid', `file=${paths.pidFile}`,
    '--terminate', '--daemon',
  ];
}
